//! # edc-model — the European Learning Model v3, typed
//!
//! Serde types for European Digital Credentials (EDC application profile 1.1.0, ELM v3) as real
//! Europass documents carry them, the document envelopes they travel in, a micro-credential
//! builder, and the report of the EU micro-credential information elements.
//!
//! ```
//! use edc_model::{Document, DocumentKind};
//!
//! let json = r#"{"type": ["VerifiableCredential", "EuropeanDigitalCredential"],
//!                "credentialSubject": {"id": "urn:epass:person:1", "type": "Person",
//!                                      "givenName": {"en": "Ana"}}}"#;
//! let doc = Document::from_str(json).unwrap();
//! assert_eq!(doc.kind(), DocumentKind::Credential);
//! let subject = doc.credential().unwrap().subject().unwrap();
//! assert_eq!(subject.given_name.as_ref().unwrap().get_or_first("en"), Some("Ana"));
//! ```
//!
//! Every property is optional and one-or-many ([`OneOrMany`]); node-valued properties are
//! [`Ref`]s (embedded or by `id`); text is [`LangText`]; members a class does not know are kept in
//! its `extensions` map, so serialising gives back the JSON that was read.
//!
//! Every envelope is detected here, in one place: bare, upload wrapper, sealed (JAdES), compact
//! JWT, VC-COSE and SD-JWT ([`tokens`]: read without verifying; `edc-signer` verifies), enveloped,
//! presentation. [`Document::read_folded`] is a verifier's one reading step: it also returns a
//! sealed credential's payload read folded (`edc_context::FoldedJson`), and reads the model from
//! that reading, a node written many times read once and shared.
#![deny(missing_docs)]

mod builder;
mod classes;
mod envelope;
mod error;
mod key;
mod microcredential;
mod node;
pub mod ob3;
mod read;
mod shared;
mod summary;
pub mod tokens;
mod values;
pub mod vocab;

// The public face.
pub use builder::MicroCredentialBuilder;
pub use classes::*;
pub use envelope::{
    too_many_containers, CompactJwt, CoseMessage, DeliveryDetails, DisplayDetails, Document,
    DocumentKind, EnvelopedCredential, JwsSignature, JwtForm, SdJwtMessage, SealedDocument,
    UploadWrapper, MAX_JSON_CONTAINERS,
};
pub use error::{ErrorKind, ModelError};
pub use microcredential::{ElementStatus, McElement, MicroCredentialReport, Obligation};
pub use node::{Extensions, UnknownMembers};
pub use summary::{ClaimSummary, CredentialSummary, Party, SignatureSummary, Summary};
pub use values::{ContextEntry, DateTime, Duration, LangText, LangValue, OneOrMany, Ref};
