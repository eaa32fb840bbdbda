//! # edc-signer — W3C securing: Data Integrity proofs, VC-JOSE, VC-COSE and SD-JWT
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
//! Europass eSeals (JAdES), X.509 trust, time-stamps and trusted lists are `edc-seal`'s.
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

mod cose;
mod ecdsa_sd;
mod jose;
mod proof;
mod sdjwt;

// The public face.
pub use cose::{sign_vc_cose, verify_vc_cose};
pub use ecdsa_sd::{parse_derived_proof_value, DerivedProof, VerifyData};
pub use jose::{sign_vc_jose, sign_vc_jwt, verify_vc_jose, verify_vc_jwt, JwtCheck, KeyRegistry};
pub use proof::{
    Cryptosuite, DataIntegrity, ProofCheck, ProofOptions, SignError, SignErrorKind, SigningInput,
};
pub use sdjwt::{
    bind_sd_jwt, sign_vc_sd_jwt, sign_vc_sd_jwt_for, verify_sd_jwt_key_binding, verify_vc_sd_jwt,
    KeyBinding,
};
