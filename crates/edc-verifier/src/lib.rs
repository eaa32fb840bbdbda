//! # edc-verifier — one call, one report
//!
//! The checks the Europass viewer shows a learner, for sealed Europass credentials and for
//! DID-signed W3C credentials: each check is OK, FAILED or SKIPPED with a reason; "could not
//! check" is never "invalid".
//!
//! First increment: format (parse, undefined terms, SHACL profile or built-in essentials),
//! integrity (JAdES seal, Data Integrity proofs), issuer (seal chain and level; DID allow-list),
//! validity period and the micro-credential elements. Owner, status lists and accreditation are
//! reported as SKIPPED with the reason.
#![deny(missing_docs)]

mod checks;
mod verifier;

pub use checks::{Check, CheckName, Outcome, Report, Verdict};
pub use verifier::{Verifier, VerifierBuilder};
