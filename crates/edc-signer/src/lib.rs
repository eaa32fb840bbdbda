//! # edc-signer — Data Integrity proofs, VC-JOSE and Europass eSeals
//!
//! Signs and verifies W3C Data Integrity proofs with the RDF-canonicalizing suites
//! `eddsa-rdfc-2022` and `ecdsa-rdfc-2019` (`DataIntegrityProof`, P-256 with SHA-256, P-384 with
//! SHA-384 throughout) and the older `Ed25519Signature2020`, and the JSON-canonicalizing
//! (RFC 8785) suites `eddsa-jcs-2022` and `ecdsa-jcs-2019`; `ecdsa-sd-2023` derived (selectively
//! disclosed) proofs are verified ([`parse_derived_proof_value`]). The RDF comes from `edc-context`
//! (strict mode: a term that would be lost makes signing fail), so a credential signed here
//! verifies with other implementations and the reverse; a caller that already converted the
//! document (to validate it) signs that RDF with [`DataIntegrity::sign_with_dataset`].
//!
//! VC-JOSE (`vc+jwt`), VC-COSE (COSE_Sign1), SD-JWT (with key binding) and EBSI VC-JWT 1.1 (with
//! Ed25519, P-256, P-384, P-521 or secp256k1 keys) are
//! signed and verified by [`sign_vc_jose`]/[`verify_vc_jose`], [`sign_vc_cose`]/
//! [`verify_vc_cose`], [`sign_vc_sd_jwt`]/[`verify_vc_sd_jwt`] (and [`bind_sd_jwt`]/
//! [`verify_sd_jwt_key_binding`]) and [`sign_vc_jwt`]/[`verify_vc_jwt`].
//!
//! Europass eSeals (JAdES, unencoded-payload JWS JSON serialization): [`verify_seal`] checks the
//! signature, `x5t#S256`, RFC 3161 time-stamps (content, signature and archive), the certificate
//! chain to a [`TrustStore`] (PEM, DER or EU trusted lists, whose qualified time-stamping
//! services it trusts too), the qualified-certificate statements ([`SealLevel`]) and the carried
//! OCSP/CRL revocation data; once the seal certificate has expired or been revoked, it is judged
//! as of a trusted time-stamp made while it was valid ([`SealCheck::validated_at`]). [`seal`]
//! makes a baseline-B seal from a PEM or PKCS#12 key ([`SealingKey`]);
//! [`add_signature_time_stamp`] makes it baseline-T, and [`add_validation_data`] with
//! [`add_archive_time_stamp`] baseline-LTA (with feature `tsa`, `time_stamp_seal` does both
//! through a time-stamp authority, and `fetch_revocation_data` asks the OCSP responders or CRL
//! distribution points the chain names).
//!
//! ```no_run
//! use edc_did::{did_key, KeyPair, KeyType};
//! use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
//!
//! let key = KeyPair::generate(KeyType::Ed25519);
//! let (_, method) = did_key(&key.public_key());
//! let di = DataIntegrity::default();
//! let credential: serde_json::Value = serde_json::from_str("{…}").unwrap();
//! let signed = di.sign(&credential, &key, &ProofOptions::new(Cryptosuite::EddsaRdfc2022, method)).unwrap();
//! assert!(di.verify(&signed).iter().all(|check| check.is_verified()));
//! ```
#![deny(missing_docs)]

mod carried;
mod cose;
mod ecdsa_sd;
mod existence;
#[cfg(feature = "tsa")]
mod fetch;
mod jades;
mod jose;
mod lta;
mod path;
mod proof;
mod revocation;
mod sdjwt;
mod seal;
mod timestamp;
mod trusted_list;
mod tsa;
mod x509;
mod xml_c14n;
mod xmldsig;

// The public face.
pub use carried::{carried_certificates, CarriedCertificate};
pub use cose::{cose_kid, cose_payload, looks_like_cose, sign_vc_cose, verify_vc_cose};
pub use ecdsa_sd::{parse_derived_proof_value, DerivedProof, VerifyData};
pub use existence::SealedPayload;
#[cfg(feature = "tsa")]
pub use fetch::fetch_revocation_data;
pub use jades::{
    seal_certificates_der, verify_seal, verify_seal_signatures, verify_seal_with_signing_time,
    verify_sealed_payload, SealCertificate, SealCheck, SealLevel,
};
pub use jose::{sign_vc_jose, sign_vc_jwt, verify_vc_jose, verify_vc_jwt, JwtCheck, KeyRegistry};
pub use lta::{add_archive_time_stamp, add_validation_data, archive_imprint, RevocationData};
#[cfg(feature = "tsa")]
pub use lta::{add_archive_time_stamp_from, time_stamp_seal, TimeStamping};
pub use proof::{Cryptosuite, DataIntegrity, ProofCheck, ProofOptions, SignError, SigningInput};
pub use revocation::Revocation;
pub use sdjwt::{
    bind_sd_jwt, looks_like_sd_jwt, sd_jwt_claims_unverified, sign_vc_sd_jwt, sign_vc_sd_jwt_for,
    verify_sd_jwt_key_binding, verify_vc_sd_jwt, KeyBinding,
};
pub use seal::{pem_chain, seal, SealAlgorithm, SealOptions, SealingKey};
pub use timestamp::{read_time_stamp, TimeStamp};
pub use trusted_list::{read_trusted_list, ListOfTrustedLists, ListSigners, TrustService};
#[cfg(feature = "tsa")]
pub use tsa::add_time_stamp_from;
pub use tsa::{
    add_signature_time_stamp, signature_imprint, time_stamp_request, time_stamp_token,
    TIME_STAMP_QUERY,
};
pub use x509::{ChainOutcome, QcStatements, TrustStore};
