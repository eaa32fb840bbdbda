//! The verifier value and its builder.

use crate::checks::{Check, CheckName, Outcome, Report};
use edc_context::{DocumentLoader, FindingKind, JsonLdProcessor, ToRdfOptions};
use edc_model::{DateTime, Document, MicroCredentialReport};
use edc_shacl::{Graph, Profile, Shapes};
use edc_signer::{verify_seal, ChainOutcome, DataIntegrity, ProofCheck, SealLevel, TrustStore};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// Builds a [`Verifier`] from values.
#[derive(Default)]
pub struct VerifierBuilder {
    trust: Option<TrustStore>,
    shapes_dir: Option<PathBuf>,
    at: Option<i64>,
    trusted_dids: Vec<String>,
    resolver: Option<edc_did::Resolver>,
}

impl VerifierBuilder {
    /// X.509 trust anchors (and trusted lists) for seals.
    pub fn trust_store(mut self, store: TrustStore) -> Self {
        self.trust = Some(store);
        self
    }

    /// The folder of the EU's SHACL files; without it the built-in essentials run.
    pub fn shapes_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.shapes_dir = Some(dir.into());
        self
    }

    /// The validation time (seconds since 1970; default: now).
    pub fn at(mut self, seconds: i64) -> Self {
        self.at = Some(seconds);
        self
    }

    /// DIDs whose proofs identify a trusted issuer.
    pub fn trusted_dids<I: IntoIterator<Item = S>, S: Into<String>>(mut self, dids: I) -> Self {
        self.trusted_dids = dids.into_iter().map(Into::into).collect();
        self
    }

    /// The DID resolver for Data Integrity proofs (did:key and did:jwk need none).
    pub fn resolver(mut self, resolver: edc_did::Resolver) -> Self {
        self.resolver = Some(resolver);
        self
    }

    /// The verifier.
    pub fn build(self) -> Verifier {
        let processor = JsonLdProcessor::new(DocumentLoader::new());
        let mut integrity = DataIntegrity::default();
        if let Some(resolver) = self.resolver {
            integrity = integrity.with_resolver(resolver);
        }
        Verifier {
            processor,
            integrity,
            trust: self.trust,
            shapes_dir: self.shapes_dir,
            at: self.at,
            trusted_dids: self.trusted_dids,
            shapes: Mutex::new(HashMap::new()),
        }
    }
}

/// Verifies documents; reusable (processed contexts and parsed shapes are kept).
pub struct Verifier {
    processor: JsonLdProcessor,
    integrity: DataIntegrity,
    trust: Option<TrustStore>,
    shapes_dir: Option<PathBuf>,
    at: Option<i64>,
    trusted_dids: Vec<String>,
    shapes: Mutex<HashMap<Profile, std::sync::Arc<Shapes>>>,
}

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

    /// Verifies a document (any envelope `edc-model` reads).
    pub fn verify(&self, bytes: &[u8]) -> Report {
        let at = self.at.unwrap_or_else(now);
        let mut checks = Vec::new();
        let document = match Document::from_slice(bytes) {
            Ok(d) => d,
            Err(e) => {
                checks.push(Check {
                    name: CheckName::Format,
                    outcome: Outcome::Failed(format!("the document cannot be read: {e}")),
                });
                return Report { checks };
            }
        };
        let credential = document.json_ld();
        checks.push(Check {
            name: CheckName::Format,
            outcome: self.format(&credential),
        });
        let (integrity, issuer) = self.integrity_and_issuer(&document, &credential, at);
        checks.push(Check {
            name: CheckName::Integrity,
            outcome: integrity,
        });
        checks.push(Check {
            name: CheckName::Issuer,
            outcome: issuer,
        });
        checks.push(Check {
            name: CheckName::Owner,
            outcome: Outcome::Skipped(match document {
                Document::Presentation(_) => {
                    "presentations' holder proofs are not checked by edc yet".into()
                }
                _ => "a credential on its own: no holder to check".into(),
            }),
        });
        checks.push(Check {
            name: CheckName::Status,
            outcome: Outcome::Skipped(if credential.get("credentialStatus").is_some() {
                "the credential has a status entry; status lists are not read by edc yet".into()
            } else {
                "the credential has no status entry".into()
            }),
        });
        checks.push(Check {
            name: CheckName::ValidityPeriod,
            outcome: validity(&credential, at),
        });
        let accredited = has_member(&credential, "accreditation");
        checks.push(Check {
            name: CheckName::Accreditation,
            outcome: Outcome::Skipped(if accredited {
                "the evidence names an accreditation; accreditations are not checked by edc yet"
                    .into()
            } else {
                "no accreditation is claimed".into()
            }),
        });
        checks.push(Check {
            name: CheckName::MicroCredential,
            outcome: match document.credential() {
                Some(c) => {
                    let report = MicroCredentialReport::for_credential(c);
                    let present = report.elements.iter().filter(|e| e.is_present()).count();
                    Outcome::Ok(format!(
                        "{present} of {} micro-credential elements present",
                        report.elements.len()
                    ))
                }
                None => Outcome::Skipped("no credential to look in".into()),
            },
        });
        Report { checks }
    }

    fn shapes_for(&self, profile: Profile) -> Result<(std::sync::Arc<Shapes>, String), String> {
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

    fn format(&self, credential: &Value) -> Outcome {
        // One conversion, with relative references kept (resolved against a placeholder base),
        // as the EU's validator keeps them; a base changes nothing else.
        let options = ToRdfOptions {
            base: Some("urn:edc:document-base:".into()),
            ..ToRdfOptions::lenient()
        };
        let rdf = match self.processor.to_rdf(credential, &options) {
            Ok(o) => o,
            Err(e) => return Outcome::Failed(format!("not valid JSON-LD: {e}")),
        };
        let mut problems: Vec<String> = rdf
            .findings
            .iter()
            .filter(|f| f.kind == FindingKind::UndefinedTerm)
            .map(|f| format!("{}: {}", f.pointer, f.message))
            .collect();
        let profile = Profile::named_by(credential).unwrap_or(Profile::GenericFull);
        let (shapes, applied) = match self.shapes_for(profile) {
            Ok(s) => s,
            Err(e) => return Outcome::Skipped(format!("the SHACL profile could not be read: {e}")),
        };
        let report = edc_shacl::validate(&Graph::from_dataset(&rdf.dataset), &shapes);
        for r in report.results.iter().flat_map(|r| r.flatten()) {
            if r.component.ends_with("#NodeConstraintComponent") {
                continue;
            }
            let path = r.path.as_ref().map(|p| p.to_string()).unwrap_or_default();
            problems.push(format!(
                "{} {}: {}",
                match &r.focus_node {
                    edc_context::Term::Iri(i) => i.to_string(),
                    _ => "a blank node".into(),
                },
                path,
                r.component.rsplit('#').next().unwrap_or("")
            ));
        }
        if problems.is_empty() {
            Outcome::Ok(format!("conforms to {applied}"))
        } else {
            Outcome::Failed(format!("against {applied}: {}", problems.join("; ")))
        }
    }

    fn integrity_and_issuer(
        &self,
        document: &Document,
        credential: &Value,
        at: i64,
    ) -> (Outcome, Outcome) {
        if let Document::Sealed(sealed) = document {
            let checks = verify_seal(sealed, at, self.trust.as_ref());
            let Some(check) = checks.first() else {
                return (
                    Outcome::Failed("the sealed file has no signature".into()),
                    Outcome::Skipped("no signer".into()),
                );
            };
            let organisation = check
                .certificate
                .as_ref()
                .and_then(|c| c.organization.clone())
                .unwrap_or_else(|| "an unnamed organisation".into());
            let signed = check.signing_time.clone().unwrap_or_default();
            let integrity = if checks.iter().all(|c| c.signature_valid) {
                Outcome::Ok(format!(
                    "sealed by {organisation} on {signed}; not tampered with since"
                ))
            } else {
                Outcome::Failed(
                    "the seal does not match the document: it was changed after sealing".into(),
                )
            };
            // The organisation that sealed must be the credential's issuer: the certificate's
            // organizationIdentifier against the issuer's eIDASIdentifier notation.
            let sealed_by = check
                .certificate
                .as_ref()
                .and_then(|c| c.organization_identifier.clone());
            let claimed = credential
                .get("issuer")
                .and_then(|i| i.get("eIDASIdentifier"))
                .and_then(|e| e.get("notation"))
                .and_then(Value::as_str);
            let mismatch = match (&sealed_by, claimed) {
                (Some(cert), Some(claim)) if cert != claim => Some(format!(
                    "the credential's issuer ({claim}) is not the organisation that sealed it ({cert})"
                )),
                _ => None,
            };
            let issuer = if let Some(mismatch) = mismatch {
                Outcome::Failed(mismatch)
            } else if !check.findings.is_empty() {
                Outcome::Failed(check.findings.join("; "))
            } else {
                match (&check.chain_outcome, check.level) {
                    (ChainOutcome::Anchored(anchor), level) => Outcome::Ok(format!(
                        "{organisation}{}, {} seal, certified by {anchor}",
                        match (&sealed_by, claimed) {
                            (Some(id), Some(_)) => format!(" ({id}, the credential's issuer)"),
                            _ => String::new(),
                        },
                        match level {
                            SealLevel::Qualified => "qualified",
                            SealLevel::Advanced => "advanced",
                            SealLevel::NotRecognised => "unrecognised",
                        }
                    )),
                    (ChainOutcome::NotAnchored(why), _) => {
                        Outcome::Skipped(format!("could not check: {why}"))
                    }
                    (ChainOutcome::NoTrustStore, _) => {
                        Outcome::Skipped("could not check: no trust anchors were given".into())
                    }
                }
            };
            return (integrity, issuer);
        }
        if credential.get("proof").is_some() {
            let results = self.integrity.verify(credential);
            if let Some(ProofCheck::Invalid(why)) =
                results.iter().find(|r| matches!(r, ProofCheck::Invalid(_)))
            {
                return (
                    Outcome::Failed(why.clone()),
                    Outcome::Skipped("no valid proof".into()),
                );
            }
            if let Some(ProofCheck::CouldNotCheck(why)) = results
                .iter()
                .find(|r| matches!(r, ProofCheck::CouldNotCheck(_)))
            {
                return (
                    Outcome::Skipped(format!("could not check: {why}")),
                    Outcome::Skipped("could not check the proof".into()),
                );
            }
            let methods: Vec<&str> = results
                .iter()
                .filter_map(|r| match r {
                    ProofCheck::Verified {
                        verification_method,
                        ..
                    } => Some(verification_method.as_str()),
                    _ => None,
                })
                .collect();
            let issuer_id = match credential.get("issuer") {
                Some(Value::String(s)) => Some(s.as_str()),
                Some(other) => other.get("id").and_then(Value::as_str),
                None => None,
            };
            let controller = methods
                .first()
                .map(|m| m.split('#').next().unwrap_or(m))
                .unwrap_or("");
            let issuer = if issuer_id != Some(controller) {
                Outcome::Failed(format!(
                    "signed by {controller}, but the credential's issuer is {}",
                    issuer_id.unwrap_or("missing")
                ))
            } else if self.trusted_dids.iter().any(|d| d == controller) {
                Outcome::Ok(format!("{controller}, on the trusted list"))
            } else {
                Outcome::Skipped(format!(
                    "could not check: {controller} is not on the trusted DID list"
                ))
            };
            return (
                Outcome::Ok(format!("{} proof(s) verified", methods.len())),
                issuer,
            );
        }
        (
            Outcome::Failed("the credential carries no seal and no proof".into()),
            Outcome::Skipped("no signer".into()),
        )
    }
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

/// True when an object anywhere in `value` has the member `name`.
fn has_member(value: &Value, name: &str) -> bool {
    match value {
        Value::Object(map) => map.contains_key(name) || map.values().any(|v| has_member(v, name)),
        Value::Array(items) => items.iter().any(|v| has_member(v, name)),
        _ => false,
    }
}
