//! The verifier: one call, one report.

use crate::builder::VerifierBuilder;
use crate::checks::{Check, CheckName, Outcome, Policy, Report};
use crate::integrity::Secured;
use crate::read::Read;
use crate::status::StatusLists;
use edc_context::FoldedJson;
use edc_model::{DateTime, Document, MicroCredentialReport, Obligation};
use edc_shacl::{Profile, Shapes};
use edc_signer::{DataIntegrity, KeyRegistry, TrustStore};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// Verifies documents; reusable (processed contexts and parsed shapes are kept).
pub struct Verifier {
    pub(crate) integrity: DataIntegrity,
    pub(crate) trust: Option<TrustStore>,
    pub(crate) shapes_dir: Option<PathBuf>,
    pub(crate) at: Option<i64>,
    pub(crate) trusted_dids: Vec<String>,
    pub(crate) jwt_keys: KeyRegistry,
    pub(crate) status_lists: StatusLists,
    pub(crate) policy: Policy,
    pub(crate) expected_subject: Option<String>,
    pub(crate) challenge: Option<String>,
    pub(crate) domain: Option<String>,
    pub(crate) accreditations: std::collections::BTreeMap<String, Value>,
    pub(crate) shapes: Mutex<HashMap<Profile, std::sync::Arc<Shapes>>>,
    pub(crate) parallel: bool,
    pub(crate) max_document_bytes: usize,
    /// The thread freeing the last large document verified (see `free_later`).
    pub(crate) freeing: Mutex<Option<std::thread::JoinHandle<()>>>,
}

impl Drop for Verifier {
    fn drop(&mut self) {
        if let Some(thread) = self.freeing.get_mut().ok().and_then(Option::take) {
            let _ = thread.join();
        }
    }
}

/// JWT/CWT registered claims and SD-JWT members that an envelope adds around a credential.
const ENVELOPE_CLAIMS: [&str; 11] = [
    "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf", "nonce", "_sd_alg", "vct",
];

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

fn date(credential: &Value, names: &[&str]) -> Option<(String, Result<i64, String>)> {
    names.iter().find_map(|n| {
        credential.get(*n).and_then(Value::as_str).map(|t| {
            (
                (*n).to_string(),
                DateTime::parse(t).map(|d| d.unix_seconds()),
            )
        })
    })
}

impl Verifier {
    /// A builder.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }

    /// The policy the verdicts follow.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// Verifies a document (any envelope `edc-model` reads).
    pub fn verify(&self, bytes: &[u8]) -> Report {
        let at = self.at.unwrap_or_else(now);
        let mut report = Report {
            checks: Vec::new(),
            policy: self.policy,
        };
        let push = |report: &mut Report, name, outcome| {
            report.checks.push(Check {
                name,
                outcome,
                findings: Vec::new(),
            });
        };
        let too_large = if bytes.len() > self.max_document_bytes {
            Some(format!(
                "the document is {} bytes, more than the {} this verifier reads (max_document_bytes; `edc --max-input-mib`)",
                bytes.len(),
                self.max_document_bytes
            ))
        } else {
            edc_model::too_many_containers(bytes)
        };
        if let Some(why) = too_large {
            push(&mut report, CheckName::Format, Outcome::Failed(why));
            for name in CheckName::ALL.into_iter().skip(1) {
                push(
                    &mut report,
                    name,
                    Outcome::Skipped("could not check: the document is too large".into()),
                );
            }
            return report;
        }
        // A VC-COSE message or an SD-JWT: its signature is the integrity; what it carries is
        // the document.
        let text = std::str::from_utf8(bytes).unwrap_or("");
        let sd_jwt = (!edc_signer::looks_like_cose(bytes) && edc_signer::looks_like_sd_jwt(text))
            .then_some(text);
        let cose = if edc_signer::looks_like_cose(bytes) {
            Some(self.cose(bytes))
        } else {
            sd_jwt.map(|text| self.sd_jwt(text))
        };
        // The token's key, which names the holder of a presentation it secures.
        let token_kid = if sd_jwt.is_some() {
            crate::integrity::sd_jwt_kid(text)
        } else if cose.is_some() {
            edc_signer::cose_kid(bytes).unwrap_or_default()
        } else {
            String::new()
        };
        let payload;
        let bytes = match &cose {
            Some((_, Ok(p))) => {
                payload = p.clone();
                payload.as_slice()
            }
            Some((secured, Err(why))) => {
                push(
                    &mut report,
                    CheckName::Format,
                    Outcome::Failed(format!("the secured message cannot be read: {why}")),
                );
                push(&mut report, CheckName::Integrity, secured.integrity.clone());
                for name in CheckName::ALL.into_iter().skip(2) {
                    push(
                        &mut report,
                        name,
                        Outcome::Skipped(
                            "could not check: the secured message cannot be read".into(),
                        ),
                    );
                }
                return report;
            }
            None => bytes,
        };
        let cose = cose.map(|(secured, _)| secured);
        let (read, early) = if cose.is_none() {
            self.read(bytes, text, at)
        } else {
            let document = Document::from_slice(bytes);
            (
                Read {
                    document,
                    seal: None,
                },
                None,
            )
        };
        let document = match read.document {
            Ok(d) => d,
            Err(e) => {
                push(
                    &mut report,
                    CheckName::Format,
                    Outcome::Failed(format!("the document cannot be read: {e}")),
                );
                for name in CheckName::ALL.into_iter().skip(1) {
                    let outcome = match name {
                        // A token whose content cannot be read may still be judged as a token.
                        CheckName::Integrity => self.unreadable_token(bytes),
                        _ => None,
                    };
                    push(
                        &mut report,
                        name,
                        outcome.unwrap_or_else(|| {
                            Outcome::Skipped("could not check: the document cannot be read".into())
                        }),
                    );
                }
                return report;
            }
        };
        // Read on two threads: the large trees are freed on two as well.
        let read_in_parallel = early.is_some() && self.threads();
        let sealed_payload = sealed_credential(&document).filter(|_| cose.is_none());
        let (json, format, early_accreditation) = match (early, sealed_payload) {
            (Some(early), _) => (early.json, early.format, Some(early.accreditation)),
            // A sealed payload is read folded, as on two threads: the seal, not a proof over
            // the JSON, secures it.
            (None, Some(payload)) => {
                let json = FoldedJson::parse(payload.trim_start_matches('\u{feff}').trim())
                    .unwrap_or_else(|_| FoldedJson::from_value(document.json_ld()));
                let format = self.format(&json, self.policy, true);
                (json, format, None)
            }
            (None, None) => {
                let signed_as_bytes =
                    cose.is_some() || matches!(document, Document::Jwt(_) | Document::Enveloped(_));
                let mut json = match cose {
                    None => source_json(&document, bytes),
                    Some(_) => None,
                }
                .unwrap_or_else(|| document.json_ld());
                // A JWT, COSE or SD-JWT envelope's registered claims (iss, iat, cnf…) belong to
                // the envelope, not to the credential's data model.
                if cose.is_some() || matches!(document, Document::Jwt(_) | Document::Enveloped(_)) {
                    if let Value::Object(map) = &mut json {
                        for claim in ENVELOPE_CLAIMS {
                            map.remove(claim);
                        }
                    }
                }
                let json = FoldedJson::from_value(json);
                let format = self.format(&json, self.policy, signed_as_bytes);
                (json, format, None)
            }
        };
        let (format, format_findings) = format;
        report.checks.push(Check {
            name: CheckName::Format,
            outcome: format,
            findings: format_findings,
        });
        // Only the format check and the accreditation walk read below the credential's
        // members' members, where a folded reading has stand-ins (see `FoldedJson`).
        let folded = json;
        let json = folded.root();
        // A VC-JOSE presentation (vp+jwt) is a presentation secured by its token.
        let jwt_vp = match &document {
            Document::Jwt(j) if matches!(*j.content, Document::Presentation(_)) => Some(&**j),
            _ => None,
        };
        let presented = match jwt_vp {
            Some(j) => presented(&j.content),
            None => presented(&document),
        };
        let is_presentation = matches!(document, Document::Presentation(_)) || jwt_vp.is_some();
        let presented_json: Vec<Value> = presented.iter().map(|d| d.json_ld()).collect();
        let credentials: &[Value] = if is_presentation {
            &presented_json
        } else {
            std::slice::from_ref(json)
        };
        // Integrity: every credential's seal or proofs, and the presentation's own proofs.
        let token = match &cose {
            Some(c) if is_presentation => Some(c.integrity.clone()),
            _ => jwt_vp.map(|_| self.secured(&document, json, at).integrity),
        };
        let secured: Vec<Secured> = if is_presentation {
            presented
                .iter()
                .zip(&presented_json)
                .map(|(d, j)| self.secured(d, j, at))
                .collect()
        } else if let Some(c) = &cose {
            vec![Secured {
                integrity: c.integrity.clone(),
                issuer: c.issuer.clone(),
            }]
        } else {
            vec![self.secured_with(&document, json, at, read.seal)]
        };
        let mut integrity = if let Some(Outcome::Failed(why)) = &token {
            Outcome::Failed(format!("the presentation's token: {why}"))
        } else if let Some(Outcome::Skipped(why)) = &token {
            Outcome::Skipped(format!("the presentation's token: {why}"))
        } else if is_presentation
            && secured.is_empty()
            && json.get("proof").is_none()
            && token.is_none()
        {
            Outcome::Failed("the presentation carries no credential and no proof".into())
        } else if let (Some(token), true) = (&token, secured.is_empty()) {
            token.clone()
        } else {
            combine(
                secured.iter().map(|s| &s.integrity),
                "no credential is presented",
            )
        };
        if is_presentation && matches!(integrity, Outcome::Ok(_)) && json.get("proof").is_some() {
            if let Err(failure) = self.proof_signers(json, "authentication", at) {
                if let Outcome::Failed(why) = failure.integrity {
                    integrity = Outcome::Failed(format!("the presentation's proof: {why}"));
                }
            }
        }
        push(&mut report, CheckName::Integrity, integrity);
        push(
            &mut report,
            CheckName::Issuer,
            combine(
                secured.iter().map(|s| &s.issuer),
                "no credential is presented",
            ),
        );
        let owner = if let (Some(text), false) = (sd_jwt, is_presentation) {
            self.sd_jwt_owner(text, json)
        } else if let (Some(c), true) = (&cose, is_presentation) {
            // The token's claims as signed: the payload, with `nonce` and `aud`.
            let claims = serde_json::from_slice::<Value>(bytes)
                .ok()
                .and_then(|v| match v {
                    Value::Object(map) => Some(map),
                    _ => None,
                })
                .unwrap_or_default();
            self.token_presentation_owner(&token_kid, &claims, json, credentials, &c.integrity)
        } else if let (Some(j), Some(token)) = (jwt_vp, &token) {
            self.jwt_presentation_owner(j, json, credentials, token)
        } else if is_presentation {
            self.presentation_owner(json, credentials, at)
        } else {
            self.credential_owner(json)
        };
        push(&mut report, CheckName::Owner, owner);
        // A list is fetched only for a credential whose seal or proof verified.
        let statuses: Vec<Outcome> = credentials
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let intact = secured
                    .get(i)
                    .is_some_and(|s| matches!(s.integrity, Outcome::Ok(_)));
                self.status(c, at, intact)
            })
            .collect();
        push(
            &mut report,
            CheckName::Status,
            combine(statuses.iter(), "no credential is presented"),
        );
        let periods: Vec<Outcome> = credentials.iter().map(|c| validity(c, at)).collect();
        push(
            &mut report,
            CheckName::ValidityPeriod,
            combine(periods.iter(), "no credential is presented"),
        );
        let accreditations: Vec<Outcome> = match early_accreditation {
            Some(outcome) => vec![outcome],
            None if !is_presentation => vec![crate::accreditation::check(
                json,
                Some(&folded),
                &self.accreditations,
            )],
            None => credentials
                .iter()
                .map(|c| crate::accreditation::check(c, None, &self.accreditations))
                .collect(),
        };
        push(
            &mut report,
            CheckName::Accreditation,
            combine(accreditations.iter(), "no credential is presented"),
        );
        push(
            &mut report,
            CheckName::MicroCredential,
            self.micro_credential(&document, json),
        );
        if read_in_parallel {
            self.free_later((document, folded));
        }
        report
    }

    /// Whether this verifier may use threads.
    pub(crate) fn threads(&self) -> bool {
        self.parallel && !cfg!(target_arch = "wasm32")
    }

    /// Frees a large document's trees on a thread of its own, once its report is made: freeing
    /// a large model takes about as long as reading it, and the caller need not wait for it. At
    /// most one such thread runs per verifier: the next one waits for it.
    fn free_later(&self, trees: impl Send + 'static) {
        let mut freeing = self.freeing.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(previous) = freeing.take() {
            let _ = previous.join();
        }
        // If no thread can be started, the trees are freed here as the error returns.
        *freeing = std::thread::Builder::new().spawn(move || drop(trees)).ok();
    }

    /// The integrity of a compact VC-JOSE token whose claims the model cannot read: a token
    /// that is itself invalid is Failed; otherwise None (could not check).
    fn unreadable_token(&self, bytes: &[u8]) -> Option<Outcome> {
        let text = std::str::from_utf8(bytes).ok()?.trim();
        if text.starts_with('{') || text.split('.').count() != 3 {
            return None;
        }
        match edc_signer::verify_vc_jose(text, &self.jwt_keys) {
            edc_signer::JwtCheck::Invalid(why) => {
                Some(Outcome::Failed(format!("the VC-JOSE token: {why}")))
            }
            _ => None,
        }
    }

    fn micro_credential(&self, document: &Document, json: &Value) -> Outcome {
        let credential = match document.credential() {
            Some(c) if crate::format::is_europass(json) => c,
            _ => return Outcome::NotApplicable("not a Europass credential".into()),
        };
        let report = MicroCredentialReport::for_credential(credential);
        let present = report.elements.iter().filter(|e| e.is_present()).count();
        let missing: Vec<&str> = report
            .elements
            .iter()
            .filter(|e| e.element.obligation() == Obligation::Mandatory && !e.is_present())
            .map(|e| e.element.name())
            .collect();
        let summary = format!(
            "{present} of {} micro-credential elements present",
            report.elements.len()
        );
        if missing.is_empty() {
            Outcome::Ok(summary)
        } else if self.policy == Policy::Strict {
            Outcome::Failed(format!(
                "{summary}; mandatory ones missing: {}",
                missing.join(", ")
            ))
        } else {
            Outcome::Ok(format!(
                "{summary}; missing mandatory: {}",
                missing.join(", ")
            ))
        }
    }

    pub(crate) fn shapes_for(
        &self,
        profile: Profile,
    ) -> Result<(std::sync::Arc<Shapes>, String), String> {
        let Some(dir) = &self.shapes_dir else {
            return Ok((
                std::sync::Arc::new(edc_shacl::essentials()),
                format!(
                    "edc essentials (the official profile {} was NOT applied: its files were not given)",
                    profile.id()
                ),
            ));
        };
        let mut cache = self.shapes.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = cache.get(&profile) {
            return Ok((s.clone(), profile.id().to_string()));
        }
        let shapes = std::sync::Arc::new(profile.load(dir)?);
        cache.insert(profile, shapes.clone());
        Ok((shapes, profile.id().to_string()))
    }
}

/// The secured credentials a presentation carries (embedded objects, compact tokens,
/// enveloped ones), each as a document of its own. They are read again from their JSON: the
/// model keeps an enveloped credential as an embedded one, and only envelope detection tells
/// them apart.
fn presented(document: &Document) -> Vec<Document> {
    let Document::Presentation(_) = document else {
        return Vec::new();
    };
    let json = document.to_json();
    let items: Vec<Value> = match json.get("verifiableCredential") {
        Some(Value::Array(items)) => items.clone(),
        Some(one) => vec![one.clone()],
        None => Vec::new(),
    };
    items
        .iter()
        .filter_map(|item| {
            let text = match item {
                Value::String(token) => token.clone(),
                other => other.to_string(),
            };
            Document::from_str(&text).ok()
        })
        .collect()
}

/// A bare credential's JSON as the bytes give it (what was signed, rather than the model's
/// reading of it); None for other documents.
fn source_json(document: &Document, bytes: &[u8]) -> Option<Value> {
    let text = match document {
        Document::Credential(_) => std::str::from_utf8(bytes).ok()?,
        _ => return None,
    };
    serde_json::from_str(text.trim_start_matches('\u{feff}').trim()).ok()
}

/// A sealed credential's JSON payload, as sealed.
fn sealed_credential(document: &Document) -> Option<&str> {
    match document {
        Document::Sealed(sealed) if matches!(*sealed.content, Document::Credential(_)) => {
            Some(sealed.payload.as_str())
        }
        _ => None,
    }
}

/// One outcome for several: the first failure, else the skips, else all OK; not applicable
/// when all are.
fn combine<'a>(outcomes: impl Iterator<Item = &'a Outcome>, none: &str) -> Outcome {
    let outcomes: Vec<&Outcome> = outcomes.collect();
    if outcomes.is_empty() {
        return Outcome::NotApplicable(none.into());
    }
    if outcomes.len() == 1 {
        return outcomes[0].clone();
    }
    if let Some(failed) = outcomes.iter().find(|o| matches!(o, Outcome::Failed(_))) {
        return (*failed).clone();
    }
    let numbered = |o: &Outcome| {
        outcomes
            .iter()
            .enumerate()
            .filter(|(_, x)| std::mem::discriminant(**x) == std::mem::discriminant(o))
            .map(|(i, x)| format!("credential {}: {}", i + 1, x.reason()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if let Some(skipped) = outcomes.iter().find(|o| matches!(o, Outcome::Skipped(_))) {
        return Outcome::Skipped(numbered(skipped));
    }
    if let Some(ok) = outcomes.iter().find(|o| matches!(o, Outcome::Ok(_))) {
        return Outcome::Ok(numbered(ok));
    }
    outcomes[0].clone()
}

fn validity(credential: &Value, at: i64) -> Outcome {
    let shown = DateTime::from_unix_seconds(at).to_string();
    if let Some((name, from)) = date(credential, &["validFrom", "issuanceDate"]) {
        match from {
            Err(e) => return Outcome::Failed(format!("{name} is not a date-time: {e}")),
            Ok(t) if t > at => {
                return Outcome::Failed(format!(
                    "not valid before {} ({name})",
                    DateTime::from_unix_seconds(t)
                ))
            }
            Ok(_) => {}
        }
    }
    if let Some((name, until)) = date(credential, &["validUntil", "expirationDate"]) {
        match until {
            Err(e) => return Outcome::Failed(format!("{name} is not a date-time: {e}")),
            Ok(t) if t < at => {
                return Outcome::Failed(format!(
                    "expired on {} ({name})",
                    DateTime::from_unix_seconds(t)
                ))
            }
            Ok(_) => {}
        }
    }
    Outcome::Ok(format!("valid at {shown}"))
}
