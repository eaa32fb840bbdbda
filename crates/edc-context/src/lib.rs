//! # edc-context — JSON-LD contexts, RDF and canonicalization for European Digital Credentials
//!
//! Everything that signs with Data Integrity or validates with SHACL needs a document's RDF
//! dataset, computed offline and exactly as the reference processors compute it. This crate holds
//! the RDF model, an N-Quads reader, and RDFC-1.0 canonicalization with a bound on the work.
#![deny(missing_docs)]

mod canon;
mod nquads;
mod rdf;

// The public face.
pub use canon::{canonicalize, CanonOptions, Canonical, HashAlgorithm, WorkLimitExceeded};
pub use nquads::{parse_nquads, NQuadsError};
pub use rdf::{Dataset, Literal, Quad, Term, RDF_LANG_STRING, XSD_STRING};
