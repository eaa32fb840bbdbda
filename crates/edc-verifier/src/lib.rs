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
//! - **issuer**: the seal's chain to a trust anchor and its level, the sealing organisation
//!   against the issuer's `eIDASIdentifier`; or the signing DID against the issuer and the
//!   trusted DID list;
//! - **owner**: a presentation's holder proof (challenge, domain) and that the holder is the
//!   subject; the expected subject of a bare credential;
//! - **status**: Bitstring Status List and StatusList2021 entries ([`StatusLists`]);
//! - **validity period**; **accreditation**: the accreditations claimed are described in the
//!   credential, were in force when it was issued and cover its EQF levels and qualifications;
//!   the **micro-credential elements**.
//!
//! The [`Policy`] decides which checks must succeed for [`Verdict::Verified`].
#![deny(missing_docs)]

mod accreditation;
mod builder;
mod checks;
pub mod data_model;
mod format;
mod integrity;
mod owner;
mod read;
mod status;
mod verifier;

pub use builder::VerifierBuilder;
pub use checks::{Check, CheckName, Outcome, Policy, Report, Verdict};
pub use status::{decode_status_list, status_bit, StatusLists};
pub use verifier::Verifier;
