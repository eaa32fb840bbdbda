//! # edc-convert — provider data to Europass credentials
//!
//! A training provider's export (CSV, XLSX/XLS/ODS, JSON lines) and a [`Mapping`] (a TOML file
//! naming a credential template with `{{column}}` placeholders and the type of each column)
//! become one Europass credential per row. Each credential is validated against the profile it
//! names (the EU's SHACL files when given, the built-in essentials otherwise) before it is
//! signed (Data Integrity) or sealed (JAdES); rows with errors are reported by row and column
//! and skipped, the others written. The [`Converter`] converts on the caller's thread, or with
//! the workers it is asked for ([`Converter::with_workers`]: a bounded pipeline, one reader, the
//! workers, the caller writing); errors are [`ConvertError`]s. [`ob3`] converts between an EDC
//! and an Open Badges 3.0 OpenBadgeCredential.
//!
//! ```no_run
//! use edc_convert::{Converter, Mapping, Output, Securing};
//! use std::path::Path;
//!
//! let mapping = Mapping::load(Path::new("examples/provider-export/mapping.toml")).unwrap();
//! let converter = Converter::new(mapping, edc_shacl::ShapesSource::essentials_only(), Securing::None);
//! let summary = converter
//!     .run(Path::new("examples/provider-export/learners.csv"), &Output::Files("out".into()), &|_| {})
//!     .unwrap();
//! println!("{} produced, {} skipped", summary.produced, summary.skipped);
//! ```
#![deny(missing_docs)]

mod biff;
mod error;
mod input;
pub mod mapping;
pub mod ob3;
mod pipeline;
mod row;
pub mod spreadsheet;
mod template;
mod validate;
mod values;

pub use error::{ConvertError, ConvertErrorKind};
pub use input::{read_rows, InputFormat, Row, RowError, Rows};
pub use mapping::{ColumnSpec, ColumnType, Mapping};
pub use pipeline::{Converter, JwtForm, Output, Securing, Summary};
pub use template::{fill, Filled};
pub use validate::Validator;
pub use values::{convert, date, date_time};
