//! Reading the document. A large bare or sealed credential is read on two threads: its model
//! is read, and its seal checked, on a second thread while this one reads its JSON-LD from the
//! bytes and checks its format. The two halves take about as long each, so a 1 MB sealed
//! credential is verified in a little more than half the time.

use crate::checks::Outcome;
use crate::format::has_type;
use crate::verifier::Verifier;
use edc_model::{Document, ModelError};
use edc_signer::{verify_seal, SealCheck};
use serde_json::Value;

/// From this size on a document is read on two threads (below it, starting a thread costs
/// more than it saves).
const PARALLEL_FROM: usize = 64 * 1024;

/// The document as the model reads it, and a sealed document's seal checks when they were
/// made while it was read.
pub(crate) struct Read {
    pub document: Result<Document, ModelError>,
    pub seal: Option<Vec<SealCheck>>,
}

/// The JSON-LD form of a bare credential, or of the credential a sealed file's JSON payload
/// holds, read from the bytes themselves; None for other documents (presentations, JWTs,
/// upload wrappers, base64url payloads), whose JSON-LD form the model gives.
fn credential_json(bytes: &[u8]) -> Option<Value> {
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.trim_start_matches('\u{feff}').trim();
    if !text.starts_with('{') {
        return None;
    }
    let mut value: Value = serde_json::from_str(text).ok()?;
    if value.get("signatures").is_some() {
        let Some(Value::String(payload)) = value.get("payload") else {
            return None;
        };
        if !payload.trim_start().starts_with('{') {
            return None;
        }
        value = serde_json::from_str(payload).ok()?;
    }
    let is_credential =
        has_type(&value, "VerifiableCredential") || has_type(&value, "EuropeanDigitalCredential");
    let is_other = value.get("credential").is_some()
        || has_type(&value, "VerifiablePresentation")
        || has_type(&value, "EnvelopedVerifiableCredential");
    (is_credential && !is_other).then_some(value)
}

/// True when the model read the kind of document [`credential_json`] reads: a bare credential
/// or a sealed file holding one.
fn is_credential_or_sealed_credential(document: &Document) -> bool {
    match document {
        Document::Credential(_) => true,
        Document::Sealed(sealed) => matches!(*sealed.content, Document::Credential(_)),
        _ => false,
    }
}

impl Verifier {
    /// Reads `bytes`. For a large credential (and when the verifier may use threads) also
    /// returns its JSON-LD form and the outcome of its format check, made meanwhile.
    pub(crate) fn read(&self, bytes: &[u8], at: i64) -> (Read, Option<(Value, Outcome)>) {
        if !self.parallel || bytes.len() < PARALLEL_FROM || cfg!(target_arch = "wasm32") {
            let read = Read {
                document: Document::from_slice(bytes),
                seal: None,
            };
            return (read, None);
        }
        std::thread::scope(|scope| {
            let model = scope.spawn(|| {
                let document = Document::from_slice(bytes);
                let seal = match &document {
                    Ok(Document::Sealed(sealed)) => {
                        Some(verify_seal(sealed, at, self.trust.as_ref()))
                    }
                    _ => None,
                };
                Read { document, seal }
            });
            let early = credential_json(bytes).map(|json| {
                let format = self.format(&json, self.policy);
                (json, format)
            });
            let read = model
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            let early = early.filter(|_| {
                read.document
                    .as_ref()
                    .is_ok_and(is_credential_or_sealed_credential)
            });
            (read, early)
        })
    }
}
