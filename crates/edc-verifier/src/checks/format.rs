//! Format: the data-model rules, JSON-LD without data loss, and the SHACL profile of a
//! Europass credential.

use super::verification::{Judged, Verification};
use crate::outcome::{Code, Outcome};
use crate::report::{Finding, Policy};
use crate::verifier::Verifier;
use edc_context::{ErrorCode, FindingKind, FoldedJson, JsonView, ToRdfOptions, EDC_AP_CONTEXT_IRI};
use edc_shacl::{Graph, Profile};

/// Relative references are kept by resolving them against this base.
const PLACEHOLDER_BASE: &str = "https://document-base.edc.invalid/";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// The format check of what was read.
pub(super) fn check(v: &Verification) -> Judged {
    let reading = &v.reading;
    let signed_as_bytes = reading.signed_as_bytes;
    v.verifier.format(&reading.json, signed_as_bytes)
}

/// True for a Europass credential (the EDC context, or type EuropeanDigitalCredential).
pub(crate) fn is_europass(document: JsonView) -> bool {
    has_value(document, "@context", EDC_AP_CONTEXT_IRI)
        || has_type(document, "EuropeanDigitalCredential")
}

/// True when `member` of `document` is `wanted` or an array holding it.
fn has_value(document: JsonView, member: &str, wanted: &str) -> bool {
    document
        .get(member)
        .is_some_and(|v| v.each().any(|v| v.is_str(wanted)))
}

/// True when the node's `type` is or includes `wanted`.
pub(crate) fn has_type(node: JsonView, wanted: &str) -> bool {
    has_value(node, "type", wanted)
}

impl Verifier {
    /// The format check of a credential or presentation (its JSON-LD form, and the same read
    /// folded when it is large and sealed: its RDF is made from that).
    ///
    /// `signed_as_bytes`: a seal or token (JAdES, JWS, JWT, COSE) signs the document's bytes, so
    /// a member no context defines is the issuer's own data the model does not carry — a
    /// finding with its pointer, not a failure. Under a proof over RDF (or none) it is data the
    /// signature does not cover, and fails the check.
    pub(crate) fn format(&self, json: &FoldedJson, signed_as_bytes: bool) -> Judged {
        let (policy, document) = (self.policy, json.view());
        let rules = crate::data_model::check_view(document);
        if !rules.is_empty() {
            let list: Vec<String> = rules.iter().map(ToString::to_string).collect();
            return (
                Outcome::failed(
                    Code::DataModelBroken,
                    format!("breaks the VC data model: {}", list.join("; ")),
                ),
                Vec::new(),
            );
        }
        // One conversion, with relative references kept (resolved against a placeholder base),
        // as the EU's validator keeps them; a base changes nothing else.
        let options = ToRdfOptions {
            base: Some(PLACEHOLDER_BASE.into()),
            ..ToRdfOptions::lenient().as_signers_read()
        };
        let processor = self.integrity.processor();
        let rdf = match processor.to_rdf_folded(json, &options) {
            Ok(o) => o,
            Err(e) if e.code() == ErrorCode::LoadingRemoteContextFailed => {
                return (
                    Outcome::skipped(Code::ContextUnavailable, format!("could not check: {e}")),
                    Vec::new(),
                )
            }
            Err(e) => {
                return (
                    Outcome::failed(Code::JsonLdError, format!("not valid JSON-LD: {e}")),
                    Vec::new(),
                )
            }
        };
        // Terms inside a proof are the cryptosuite's business (the integrity check reads them).
        let mut undefined: Vec<Finding> = rdf
            .findings
            .iter()
            .filter(|f| {
                matches!(
                    f.kind,
                    FindingKind::UndefinedTerm | FindingKind::UndefinedType
                )
            })
            .filter(|f| !f.pointer.starts_with("/proof"))
            .map(|f| Finding {
                pointer: f.pointer.clone(),
                code: Code::UndefinedTerm,
                message: f.message.clone(),
            })
            .collect();
        // A type that only resolved against the placeholder base is not defined by any context.
        for quad in &rdf.dataset.quads {
            if &*quad.predicate == RDF_TYPE {
                if let edc_context::Term::Iri(iri) = &quad.object {
                    if let Some(name) = iri.strip_prefix(PLACEHOLDER_BASE) {
                        undefined.push(Finding {
                            pointer: String::new(),
                            code: Code::UndefinedTerm,
                            message: format!("type `{name}` is not defined by the contexts"),
                        });
                    }
                }
            }
        }
        let mut problems: Vec<String> = Vec::new();
        let mut noted = String::new();
        if !undefined.is_empty() {
            let listed: Vec<String> = undefined
                .iter()
                .map(|f| format!("{}: {}", f.pointer, f.message))
                .collect();
            if !signed_as_bytes {
                return (
                    Outcome::failed(
                        Code::UndefinedTerms,
                        format!(
                            "data would be lost (undefined terms): {}",
                            listed.join("; ")
                        ),
                    ),
                    Vec::new(),
                );
            }
            noted = format!(
                "; {} member(s) no context defines are the issuer's own data, signed with the rest but not part of the ELM model (listed as findings)",
                undefined.len()
            );
        }
        let mut findings = undefined;
        // Open Badges 3.0 / CLR 2.0: the 1EdTech data model's required members, as findings.
        // Only an Open Badge is read further (by its type, read first: cheap).
        let type_only = serde_json::json!({ "type": document.get("type").map(JsonView::cow) });
        let badge_problems = if edc_model::ob3::is_open_badge(&type_only) {
            edc_model::ob3::shape_problems(&document.cow())
        } else {
            Vec::new()
        };
        if !badge_problems.is_empty() {
            noted.push_str(&format!(
                "; {} departure(s) from the Open Badges 3.0 data model (listed as findings)",
                badge_problems.len()
            ));
            findings.extend(badge_problems.into_iter().map(|p| Finding {
                pointer: p.pointer,
                code: Code::OpenBadgesDeparture,
                message: p.message,
            }));
        }
        let terms = if noted.is_empty() {
            "every term is defined"
        } else {
            "every term the model reads is defined"
        };
        let presentation = has_type(document, "VerifiablePresentation");
        if presentation || !is_europass(document) {
            let text = if presentation {
                format!("keeps the VC data model; {terms} (the presented credentials' profiles are checked one by one){noted}")
            } else {
                format!("keeps the VC data model; {terms} (not a Europass credential: no ELM profile applies){noted}")
            };
            return (Outcome::ok(Code::DataModelKept, text), findings);
        }
        // The profile is named by the credential's schema (all `named_by` reads).
        let schema_only = serde_json::json!({
            "credentialSchema": document.get("credentialSchema").map(JsonView::cow)
        });
        let profile = Profile::named_by(&schema_only).unwrap_or(Profile::GenericFull);
        let (shapes, applied, conforms) = match self.shapes.shapes(profile) {
            Ok((shapes, applied @ edc_shacl::Applied::Official(_))) => {
                (shapes, applied.describe(), Code::Conforms)
            }
            Ok((shapes, applied)) => (shapes, applied.describe(), Code::ConformsToEssentials),
            Err(e) => {
                return (
                    Outcome::skipped(
                        Code::ProfileUnavailable,
                        format!("the SHACL profile could not be read: {e}"),
                    ),
                    findings,
                )
            }
        };
        let report = edc_shacl::validate(&Graph::from_owned_dataset(rdf.dataset), &shapes);
        let places = report
            .findings()
            .next()
            .map(|_| edc_shacl::explain::Places::of(document));
        for r in report.findings() {
            // The sentence, and the property's IRI and the constraint for programs that match.
            let path = match &r.path {
                Some(p) => format!(" [{p} {}]", r.component_name()),
                None => format!(" [{}]", r.component_name()),
            };
            problems.push(format!(
                "{}: {}{path}",
                places.as_ref().map(|p| p.place(r)).unwrap_or_default(),
                edc_shacl::explain::in_words(r)
            ));
        }
        let outcome = if problems.is_empty() {
            Outcome::ok(conforms, format!("conforms to {applied}{noted}"))
        } else if policy == Policy::Lenient {
            Outcome::ok(Code::ConformsLeniently, format!(
                "readable; {} finding(s) against {applied}, not counted under the lenient policy: {}{noted}",
                problems.len(),
                problems.join("; ")
            ))
        } else {
            Outcome::failed(
                Code::ProfileViolated,
                format!("against {applied}: {}", problems.join("; ")),
            )
        };
        (outcome, findings)
    }
}
