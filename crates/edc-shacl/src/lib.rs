//! # edc-shacl — SHACL Core validation
//!
//! An indexed RDF [`Graph`] (from Turtle or from the dataset `edc-context` produces), [`Shapes`]
//! read from a shapes graph, and [`validate`], which gives a SHACL [`ValidationReport`].
//! SPARQL-based constraints are out of scope.
#![deny(missing_docs)]

mod error;
pub mod explain;
mod graph;
mod profiles;
mod shapes;
mod source;
mod validate;
pub mod vocab;

pub use error::{ShaclError, ShaclErrorKind};
pub use graph::{Graph, Id};
pub use profiles::{essentials, Profile, PROFILES, PUBLISHED_BASE};
pub use shapes::{Constraint, Path, Shape, ShapeRef, Shapes, Target};
pub use source::{holds, Applied, ShapesSource};
pub use validate::{validate, ValidationReport, ValidationResult};
