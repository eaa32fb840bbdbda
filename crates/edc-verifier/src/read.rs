//! Reading the document. A large bare or sealed credential is read on two threads: its model
//! is read, and a sealed file's seal checked, on a second thread while this one reads its
//! JSON-LD form (a sealed payload's folded: `edc_context::FoldedJson`), checks the seal's
//! time-stamps (`edc_signer::SealedPayload`) and the format; once the report is made, its
//! model and JSON-LD form are freed on a thread of their own (`Verifier::free_later`).
//! The two halves take about as long each; on the 2-vCPU machine measured they slow each other
//! down (shared caches), and the three largest EU samples verify 1.4–2× faster than on one
//! thread (`bench_verify` prints both). Anything unusual (a base64url payload, a payload the
//! model cannot read, a presentation) is read on one thread, as before, so that errors are
//! named the same way.

use crate::checks::Outcome;
use crate::format::has_type;
use crate::verifier::Verifier;
use edc_context::FoldedJson;
use edc_model::{Document, JwsSignature, ModelError, SealedDocument};
use edc_signer::{verify_sealed_payload, SealCheck, SealedPayload};
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

/// A credential's JSON-LD form and what was checked on it while its model was read.
pub(crate) struct Early {
    /// Read folded when sealed (the seal, not a proof over the JSON, secures it).
    pub json: FoldedJson,
    /// The accreditation check, made first, while the JSON tree is still in the cache.
    pub accreditation: Outcome,
    pub format: Outcome,
}

/// True for a credential (not a presentation, an upload wrapper or an enveloped credential).
fn is_credential(value: &Value) -> bool {
    let credential =
        has_type(value, "VerifiableCredential") || has_type(value, "EuropeanDigitalCredential");
    let other = value.get("credential").is_some()
        || has_type(value, "VerifiablePresentation")
        || has_type(value, "EnvelopedVerifiableCredential");
    credential && !other
}

impl Verifier {
    /// Reads `bytes` (`text`: the same as UTF-8, empty when they are not). For a large
    /// credential (and when the verifier may use threads) also returns its JSON-LD form and the
    /// outcome of its format check, made meanwhile.
    pub(crate) fn read(&self, bytes: &[u8], text: &str, at: i64) -> (Read, Option<Early>) {
        let sequential = || {
            let document = Document::from_slice(bytes);
            (
                Read {
                    document,
                    seal: None,
                },
                None,
            )
        };
        if !self.parallel || bytes.len() < PARALLEL_FROM || cfg!(target_arch = "wasm32") {
            return sequential();
        }
        let text = text.trim_start_matches('\u{feff}').trim();
        if !text.starts_with('{') {
            return sequential();
        }
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            return sequential();
        };
        if value.get("signatures").is_some() {
            return self.read_sealed(value, at).unwrap_or_else(sequential);
        }
        if !is_credential(&value) {
            return sequential();
        }
        // Known to be a credential: its model is read in one pass.
        let (document, early) = join(
            || Document::credential_from_str(text),
            || self.early(FoldedJson::from_value(value)),
        );
        let early = matches!(document, Ok(Document::Credential(_))).then_some(early);
        (
            Read {
                document,
                seal: None,
            },
            early,
        )
    }

    fn early(&self, json: FoldedJson) -> Early {
        let accreditation =
            crate::accreditation::check(json.root(), Some(&json), &self.accreditations);
        let format = self.format(&json, self.policy);
        Early {
            json,
            accreditation,
            format,
        }
    }

    /// A sealed file with a JSON payload (JAdES, `b64: false`), read from its outer object
    /// (read once): the payload's model and the seal on a second thread, its JSON-LD form and
    /// format here. None when anything is unusual.
    fn read_sealed(&self, outer: Value, at: i64) -> Option<(Read, Option<Early>)> {
        let Value::Object(mut members) = outer else {
            return None;
        };
        if members.len() != 2 {
            return None;
        }
        let Some(Value::String(payload)) = members.remove("payload") else {
            return None;
        };
        let signatures: Vec<JwsSignature> =
            serde_json::from_value(members.remove("signatures")?).ok()?;
        if signatures.is_empty() || !payload.trim_start().starts_with('{') {
            return None;
        }
        let (text, signed) = (payload.as_str(), signatures.as_slice());
        let sealed = SealedPayload::new(text, signed);
        let ((content, seal), early) = join(
            || {
                // Read as a credential, which the other thread confirms (or not: below).
                let content = Document::credential_from_str(text);
                let seal = verify_sealed_payload(&sealed, at, self.trust.as_ref());
                (content, seal)
            },
            || {
                // The seal's time-stamps are checked here (hashing the payload), ahead of the
                // rest of the seal on the other thread, which has more to do.
                sealed.check_ahead();
                FoldedJson::parse(text)
                    .ok()
                    .filter(|json| is_credential(json.root()))
                    .map(|json| self.early(json))
            },
        );
        let content = match early {
            Some(_) => content,
            None => Document::from_str(&payload),
        }
        .ok()?;
        let early = early.filter(|_| matches!(content, Document::Credential(_)));
        let document = Document::Sealed(Box::new(SealedDocument {
            payload,
            signatures,
            content: Box::new(content),
        }));
        Some((
            Read {
                document: Ok(document),
                seal: Some(seal),
            },
            early,
        ))
    }
}

/// Runs `second` on a new thread and `here` on this one; a panic on the second thread is
/// raised here, and if no thread can be started, `second` runs here too. (`rayon::join` was
/// slower — 8.3 vs 6.5 ms on JointDegree — as the pool's threads run both halves and hand the
/// results back; a persistent one-thread pool running only `second` gained 2.5 % in paired runs,
/// not worth the dependency.)
pub(crate) fn join<A: Send, B>(
    second: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    let second = std::sync::Mutex::new(Some(second));
    let run = || {
        let task = second
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .take();
        task.map(|task| task())
    };
    std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().spawn_scoped(scope, run);
        let mine = here();
        let theirs = match thread {
            Ok(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => run(),
        };
        (theirs.expect("the second half runs exactly once"), mine)
    })
}
