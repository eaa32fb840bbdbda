//! # edc-seal — Europass eSeals and their trust
//!
//! Europass credentials are sealed with JAdES (an unencoded-payload JWS in JSON serialization)
//! by an organisation's eIDAS seal certificate. [`verify_seal`] checks each signature, its
//! `x5t#S256`, its RFC 3161 time-stamps (content, signature and archive), the certificate chain
//! to a [`TrustStore`] (PEM, DER or EU trusted lists, whose qualified time-stamping services it
//! trusts too), the qualified-certificate statements ([`SealLevel`]) and the carried OCSP/CRL
//! revocation data; once the seal certificate has expired or been revoked, it is judged as of a
//! trusted time-stamp made while it was valid ([`SealCheck::validated_at`]). [`SealedPayload`]
//! verifies a seal from its parts (a payload string and its signatures).
//!
//! [`seal`] makes a baseline-B seal from a PEM or PKCS#12 key ([`SealingKey`]); [`LongTerm`]
//! makes it baseline-T (a signature time-stamp) and baseline-LTA (validation data and archive
//! time-stamps) — with feature `tsa`, [`LongTerm::time_stamp`] asks a time-stamp authority and
//! the OCSP responders or CRL distribution points the chain names. [`read_trusted_list`] reads
//! an EU trusted list, [`ListOfTrustedLists`] the EU's list of them, with their XML signatures.
//!
//! Errors are [`SealError`]s: a [`SealErrorKind`] to branch on and a sentence.
#![deny(missing_docs)]

mod carried;
mod check;
mod error;
mod existence;
#[cfg(feature = "tsa")]
mod fetch;
mod jades;
mod long_term;
mod lta;
mod path;
mod revocation;
mod seal;
mod timestamp;
mod trusted_list;
mod tsa;
mod unsigned;
mod x509;
mod xml_c14n;
mod xmldsig;

// The public face.
pub use carried::{carried_certificates, CarriedCertificate};
pub use check::{SealCertificate, SealCheck, SealLevel};
pub use error::{SealError, SealErrorKind};
pub use existence::SealedPayload;
pub use jades::{seal_certificates_der, verify_seal};
pub use long_term::LongTerm;
#[cfg(feature = "tsa")]
pub use long_term::TimeStamping;
pub use lta::RevocationData;
pub use revocation::Revocation;
pub use seal::{pem_chain, seal, SealAlgorithm, SealOptions, SealingKey};
pub use timestamp::{read_time_stamp, TimeStamp};
pub use trusted_list::{read_trusted_list, ListOfTrustedLists, ListSigners, TrustService};
pub use x509::{ChainOutcome, QcStatements, TrustStore};

/// RFC 3161 time-stamp requests and responses, for a caller that talks to a time-stamp
/// authority itself: [`request`](rfc3161::request) for an imprint, and the token from the
/// authority's answer ([`token`](rfc3161::token)), checked against the imprint and nonce.
pub mod rfc3161 {
    pub use crate::tsa::{
        time_stamp_request as request, time_stamp_token as token,
        TIME_STAMP_QUERY as QUERY_MEDIA_TYPE,
    };
}
