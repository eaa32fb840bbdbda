//! # edc-verifier — one call, one report
//!
//! The checks the Europass viewer shows a learner, for sealed Europass credentials and for
//! DID-signed W3C credentials: each check is OK, FAILED, SKIPPED (could not check) or NOT
//! APPLICABLE, with a reason; "could not check" is never "invalid".
//!
//! - **format**: the VC data-model rules ([`data_model`]), JSON-LD without data loss (undefined
//!   terms and types), and for a Europass credential its SHACL profile (the official one from
//!   the EU's files when given, else the built-in essentials — the report says which);
//! - **integrity**: JAdES seals, Data Integrity proofs (sets and chains, purpose, expiry),
//!   VC-JOSE and VC-JWT tokens, enveloped credentials, and a presentation's own proof;
//! - **issuer**: the seal's chain to a trust anchor and its level (an expired seal certificate
//!   judged as of a trusted time-stamp), the sealing organisation against the issuer's
//!   `eIDASIdentifier`; or the signing DID against the issuer and the trusted DID list;
//! - **owner**: a presentation's holder proof (Data Integrity, or a VC-JOSE, VC-COSE or SD-JWT
//!   token with `nonce` and `aud`: challenge, domain) and that the holder is the subject; an
//!   SD-JWT's key binding; the expected subject of a bare credential;
//! - **status**: Bitstring Status List and StatusList2021 entries ([`StatusLists`]);
//! - **validity period**; **accreditation**: the accreditations claimed are described in the
//!   credential or a dataset, were in force when it was issued and cover its EQF levels, fields,
//!   qualifications and jurisdictions; the **micro-credential elements**.
//!
//! The [`Policy`] decides which checks must succeed for [`Verdict::Verified`];
//! [`Report::to_json`] is the report as an embedding host passes it on, each outcome with a
//! stable [`Code`]. The verifier starts no thread: a caller verifying many documents runs one
//! verifier call per thread of its own (a [`Verifier`] is `Sync`).
//!
//! Inside: `verify` reads the bytes once (`reading.rs`: envelope, secured message, typed model,
//! the JSON-LD view — a large sealed credential's read with its repeated nodes folded, seen only
//! through `edc_context::JsonView`), then runs the checks' table (`checks/`, one file per check)
//! and makes the report.
#![deny(missing_docs)]

mod builder;
mod checks;
pub mod data_model;
mod expectations;
mod outcome;
mod reading;
mod report;
mod status_lists;
mod verifier;
mod verify;

pub use builder::{VerifierBuilder, DEFAULT_MAX_DOCUMENT_BYTES};
pub use expectations::Expectations;
pub use outcome::{Code, Outcome, Reason};
pub use report::{Check, CheckName, Finding, Policy, Report, Verdict};
pub use status_lists::{
    decode_status_list, status_bit, StatusListError, StatusListErrorKind, StatusLists,
};
pub use verifier::Verifier;
