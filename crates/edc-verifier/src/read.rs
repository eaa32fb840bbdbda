//! Reading the document. A large sealed credential is read on two threads. This one folds the
//! payload (`edc_context::FoldedJson`: each repeated node read once), reads the model from the
//! folded tree (the copies of a node share one model node) and checks the seal; the other
//! checks the seal's time-stamps (`edc_seal::SealedPayload`, hashing the payload) and then,
//! handed the folded tree, its JSON-LD form and format; this one then checks the accreditation
//! (in block-alternated runs 2–6 % faster than on the other thread). A large bare credential's
//! model is read on a second thread while this one checks its JSON-LD form. Once the report is
//! made, the large trees are freed on a thread of their own (`Verifier::free_later`).
//! On the 2-vCPU machine measured, the two threads slow each other down (shared caches); the
//! three largest EU samples verify 1.1–1.8× faster than on one thread (`bench_verify` prints
//! both). Without threads a large sealed credential is read the same way, one half after the
//! other. Anything unusual (a base64url payload, a payload the model cannot read, a
//! presentation) is read as a whole document, as before, so that errors are named the same way.

use crate::outcome::Outcome;
use crate::report::Judged;
use crate::verifier::Verifier;
use edc_context::FoldedJson;
use edc_model::{Document, JwsSignature, ModelError, SealedDocument};
use edc_seal::{SealCheck, SealedPayload};
use serde_json::Value;
use std::sync::OnceLock;

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
    pub checks: EarlyChecks,
}

/// The checks made while a credential's model was read.
pub(crate) struct EarlyChecks {
    /// The accreditation check, made first, while the JSON tree is still in the cache.
    pub accreditation: Outcome,
    pub format: Judged,
    /// Sealed: the seal signs the bytes.
    pub signed_as_bytes: bool,
}

/// The checks a large credential's reading makes meanwhile, on the thread that has time.
pub(crate) struct EarlyJudges<'a> {
    /// The format check (`signed_as_bytes`: a seal signs the bytes).
    pub format: &'a (dyn Fn(&FoldedJson, bool) -> Judged + Sync),
    /// The accreditation check.
    pub accreditation: &'a (dyn Fn(&FoldedJson) -> Outcome + Sync),
}

/// True when the node's `type` is or includes `wanted`.
fn has_type(node: &Value, wanted: &str) -> bool {
    match node.get("type") {
        Some(Value::Array(items)) => items.iter().any(|v| v == wanted),
        Some(v) => v == wanted,
        None => false,
    }
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
    pub(crate) fn read(
        &self,
        bytes: &[u8],
        text: &str,
        at: i64,
        judges: &EarlyJudges,
    ) -> (Read, Option<Early>) {
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
        if bytes.len() < PARALLEL_FROM {
            return sequential();
        }
        let threads = self.threads();
        let text = text.trim_start_matches('\u{feff}').trim();
        if !text.starts_with('{') {
            return sequential();
        }
        // A sealed file as Europass writes it, payload first, is read without building its
        // outer tree.
        if let Some((payload, signatures)) = edc_model::sealed_parts(text) {
            return self
                .read_sealed(payload, signatures, at, threads, judges)
                .unwrap_or_else(sequential);
        }
        let Ok(value) = serde_json::from_str::<Value>(text) else {
            return sequential();
        };
        if value.get("signatures").is_some() {
            return sealed_members(value)
                .and_then(|(payload, signatures)| {
                    self.read_sealed(payload, signatures, at, threads, judges)
                })
                .unwrap_or_else(sequential);
        }
        if !threads || !is_credential(&value) {
            return sequential();
        }
        // Known to be a credential: its model is read in one pass.
        let (document, early) = join(
            true,
            || Document::credential_from_str(text),
            || early(FoldedJson::from_value(value), judges),
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

    /// A sealed file with a JSON payload (JAdES, `b64: false`), from its outer object's
    /// `payload` and `signatures`, on two threads when `threads`. This one folds the payload
    /// (reading each repeated node once), reads the model from the folded tree (sharing the
    /// copies), checks the seal and then the accreditation; the other checks the seal's
    /// time-stamps (hashing the payload) and then the folded tree's JSON-LD form and format.
    /// None when anything is unusual.
    fn read_sealed(
        &self,
        payload: String,
        signatures: Vec<JwsSignature>,
        at: i64,
        threads: bool,
        judges: &EarlyJudges,
    ) -> Option<(Read, Option<Early>)> {
        if signatures.is_empty() || !payload.trim_start().starts_with('{') {
            return None;
        }
        let (text, signed) = (payload.as_str(), signatures.as_slice());
        let sealed = SealedPayload::new(text, signed);
        // Handed from this thread to the other once folded: None when not a credential.
        let folded: OnceLock<Option<FoldedJson>> = OnceLock::new();
        let (format, (content, seal, accreditation)) = join(
            threads,
            || {
                sealed.check_ahead();
                folded
                    .wait()
                    .as_ref()
                    .map(|json| (judges.format)(json, true))
            },
            || {
                let handed = HandOff(&folded);
                let json = handed.hand(
                    FoldedJson::parse(text)
                        .ok()
                        .filter(|json| is_credential(json.root())),
                );
                let content = match json {
                    Some(json) => {
                        let stand_in = |map| json.first_copy(map);
                        // An error is named from the text, as when read on one thread.
                        Document::credential_from_folded(json.root(), &stand_in)
                            .or_else(|_| Document::credential_from_str(text))
                    }
                    None => Document::from_str(text),
                };
                let seal = sealed.verify(at, self.trust.as_ref());
                // Here, as the other thread has more to do.
                let accreditation = json.map(|json| (judges.accreditation)(json));
                (content, seal, accreditation)
            },
        );
        let content = content.ok()?;
        let early = folded
            .into_inner()
            .flatten()
            .zip(accreditation.zip(format))
            .filter(|_| matches!(content, Document::Credential(_)))
            .map(|(json, (accreditation, format))| Early {
                json,
                checks: EarlyChecks {
                    accreditation,
                    format,
                    signed_as_bytes: true,
                },
            });
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

/// A bare credential's early checks, the accreditation first, while the JSON tree is still
/// in the cache. (A proof over it, if any, signs its RDF.)
fn early(json: FoldedJson, judges: &EarlyJudges) -> Early {
    let accreditation = (judges.accreditation)(&json);
    let format = (judges.format)(&json, false);
    Early {
        json,
        checks: EarlyChecks {
            accreditation,
            format,
            signed_as_bytes: false,
        },
    }
}

/// The payload and signatures of a sealed file's outer object with exactly these members.
fn sealed_members(outer: Value) -> Option<(String, Vec<JwsSignature>)> {
    let Value::Object(mut members) = outer else {
        return None;
    };
    if members.len() != 2 {
        return None;
    }
    let Some(Value::String(payload)) = members.remove("payload") else {
        return None;
    };
    let signatures = serde_json::from_value(members.remove("signatures")?).ok()?;
    Some((payload, signatures))
}

/// Hands the folded tree to the other thread, which waits for it; if this thread panics
/// before, hands it None, so that the other does not wait for ever.
struct HandOff<'a>(&'a OnceLock<Option<FoldedJson>>);

impl<'a> HandOff<'a> {
    fn hand(&self, json: Option<FoldedJson>) -> Option<&'a FoldedJson> {
        let _ = self.0.set(json);
        self.0.get().and_then(Option::as_ref)
    }
}

impl Drop for HandOff<'_> {
    fn drop(&mut self) {
        let _ = self.0.set(None);
    }
}

/// Runs `second` on a new thread and `here` on this one when `threads`; a panic on the second
/// thread is raised here. Without threads, or if no thread can be started, `second` runs here
/// after `here`, which therefore must not wait for it. (`rayon::join` was
/// slower — 8.3 vs 6.5 ms on JointDegree — as the pool's threads run both halves and hand the
/// results back; a persistent one-thread pool running only `second` gained 2.5 % in paired runs,
/// not worth the dependency.)
pub(crate) fn join<A: Send, B>(
    threads: bool,
    second: impl FnOnce() -> A + Send,
    here: impl FnOnce() -> B,
) -> (A, B) {
    if !threads {
        let mine = here();
        return (second(), mine);
    }
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
