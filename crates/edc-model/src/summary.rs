//! A reader's summary of a document: what it is and what it claims, in one language — what
//! `edc inspect` prints and what a wallet shows first.

use crate::classes::{Claim, Concept, Credential, LearningAchievement, Organisation, Person};
use crate::envelope::{Document, DocumentKind, JwsSignature};
use crate::microcredential::MicroCredentialReport;
use crate::values::{LangText, OneOrMany, Ref};
use serde::Serialize;

/// What a document is and what it claims.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    /// The envelope, as a short keyword (`credential`, `sealed`, `upload-wrapper`, `jwt`, …).
    pub kind: &'static str,
    /// The envelope, described.
    pub envelope: &'static str,
    /// For a sealed document: its signatures' protected headers, as read (not verified).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub signatures: Vec<SignatureSummary>,
    /// For a presentation: its holder.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub holder: Option<String>,
    /// The credential inside, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credential: Option<CredentialSummary>,
}

/// A signature's protected header, as read.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SignatureSummary {
    /// The algorithm (`RS256`…).
    pub alg: Option<String>,
    /// The claimed signing time (`sigT`).
    pub signing_time: Option<String>,
    /// The key identifier.
    pub kid: Option<String>,
    /// Members of the unprotected `etsiU` header (`sigTst`, `xVals`, `rVals`, `arcTst`).
    pub unsigned_properties: Vec<String>,
    /// Why the header could not be read, if it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unreadable: Option<String>,
}

/// The main facts of a credential.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialSummary {
    /// Its identifier.
    pub id: Option<String>,
    /// Its types.
    pub types: Vec<String>,
    /// The title shown to the learner (display title, else the first claim's).
    pub title: Option<String>,
    /// The learner.
    pub learner: Option<Party>,
    /// The issuer.
    pub issuer: Option<Party>,
    /// `issued` (else `issuanceDate`).
    pub issued: Option<String>,
    /// `validFrom`.
    pub valid_from: Option<String>,
    /// `validUntil` (else `expirationDate`).
    pub valid_until: Option<String>,
    /// The EDC profiles (credentialProfiles labels).
    pub profiles: Vec<String>,
    /// The `credentialSchema` identifiers.
    pub schemas: Vec<String>,
    /// The claims, in order, with their parts.
    pub claims: Vec<ClaimSummary>,
    /// The micro-credential element report.
    pub micro_credential: MicroCredentialReport,
    /// Members the typed model does not know (JSON pointers).
    pub unknown_members: Vec<String>,
}

/// A person or an organisation.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Party {
    /// Identifier.
    pub id: Option<String>,
    /// Name.
    pub name: Option<String>,
    /// A person's date of birth.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_of_birth: Option<String>,
    /// An organisation's eIDAS identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub eidas_identifier: Option<String>,
    /// An organisation's country (from its eIDAS identifier, else its first address).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    /// That country's IRI (the EU's country authority, e.g. `…/country/IRL`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_iri: Option<String>,
    /// An organisation's VAT identifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vat_identifier: Option<String>,
}

/// The main facts of a claim.
#[derive(Debug, Clone, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimSummary {
    /// The ELM class.
    pub class: &'static str,
    /// The title.
    pub title: Option<String>,
    /// The specification's title and class (e.g. Qualification).
    pub specification: Option<String>,
    /// Learning outcomes.
    pub outcomes: Vec<String>,
    /// ECTS credits.
    pub ects: Option<String>,
    /// Workload as a duration.
    pub volume_of_learning: Option<String>,
    /// EQF level (label).
    pub eqf: Option<String>,
    /// Grades from the proving assessments.
    pub grades: Vec<String>,
    /// Parts (`hasPart`).
    pub parts: Vec<ClaimSummary>,
}

/// The first text in `lang` (or any language).
fn text(t: &Option<LangText>, lang: &str) -> Option<String> {
    t.as_ref()?.get_or_first(lang).map(str::to_string)
}

fn nodes<T>(v: &Option<OneOrMany<Ref<T>>>) -> impl Iterator<Item = &T> {
    v.iter().flat_map(|v| v.iter().filter_map(Ref::node))
}

fn concept_label(c: &Concept, lang: &str) -> String {
    text(&c.pref_label, lang)
        .or_else(|| c.id.clone())
        .unwrap_or_default()
}

impl Summary {
    /// Summarises a document, preferring texts in `lang` (e.g. `en`).
    pub fn of(document: &Document, lang: &str) -> Summary {
        let kind = document.kind();
        let signatures = match document {
            Document::Sealed(s) => s.signatures.iter().map(signature_summary).collect(),
            _ => Vec::new(),
        };
        let holder = match document {
            Document::Presentation(p) => {
                p.holder.as_ref().and_then(|h| h.first()).map(|h| match h {
                    Ref::Id(id) => id.clone(),
                    Ref::Node(n) => n.id.clone().unwrap_or_default(),
                })
            }
            _ => None,
        };
        Summary {
            kind: match kind {
                DocumentKind::Credential => "credential",
                DocumentKind::Presentation => "presentation",
                DocumentKind::UploadWrapper => "upload-wrapper",
                DocumentKind::Sealed => "sealed",
                DocumentKind::Jwt => "jwt",
                DocumentKind::Enveloped => "enveloped",
                DocumentKind::Cose => "cose",
                DocumentKind::SdJwt => "sd-jwt",
            },
            envelope: kind.describe(),
            signatures,
            holder,
            credential: document
                .credential()
                .map(|c| CredentialSummary::of(c, lang)),
        }
    }
}

fn signature_summary(signature: &JwsSignature) -> SignatureSummary {
    let unsigned_properties = signature
        .header
        .as_ref()
        .and_then(|h| h.get("etsiU"))
        .and_then(|u| u.as_array())
        .map(|items| items.iter().filter_map(etsi_u_member).collect())
        .unwrap_or_default();
    match signature.protected_header() {
        Ok(header) => {
            let field = |k: &str| header.get(k).and_then(|v| v.as_str()).map(str::to_string);
            SignatureSummary {
                alg: field("alg"),
                signing_time: field("sigT"),
                kid: field("kid"),
                unsigned_properties,
                unreadable: None,
            }
        }
        Err(e) => SignatureSummary {
            unsigned_properties,
            unreadable: Some(e.to_string()),
            ..Default::default()
        },
    }
}

/// JAdES `etsiU` entries are base64url-encoded JSON objects with one member each.
fn etsi_u_member(item: &serde_json::Value) -> Option<String> {
    use base64::Engine;
    let encoded = item.as_str()?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded.trim_end_matches('='))
        .ok()?;
    let object: serde_json::Map<String, serde_json::Value> = serde_json::from_slice(&bytes).ok()?;
    object.keys().next().cloned()
}

impl CredentialSummary {
    /// Summarises a credential, preferring texts in `lang`.
    pub fn of(c: &Credential, lang: &str) -> CredentialSummary {
        let learner = c.subject().map(|p| person(p, lang));
        let issuer = c.issuer.as_ref().and_then(|i| i.first()).map(|i| match i {
            Ref::Id(id) => Party {
                id: Some(id.clone()),
                ..Default::default()
            },
            Ref::Node(org) => organisation(org, lang),
        });
        let claims: Vec<ClaimSummary> = c
            .subject()
            .map(|p| {
                nodes(&p.has_claim)
                    .map(|claim| claim_summary(claim, lang))
                    .collect()
            })
            .unwrap_or_default();
        let display_title = nodes(&c.display_parameter).find_map(|d| text(&d.title, lang));
        let first = |v: &Option<OneOrMany<crate::values::DateTime>>| {
            v.as_ref()?.first().map(|d| d.to_string())
        };
        CredentialSummary {
            id: c.id.clone(),
            types: c.r#type.iter().flatten().cloned().collect(),
            title: display_title.or_else(|| claims.iter().find_map(|c| c.title.clone())),
            learner,
            issuer,
            issued: first(&c.issued).or_else(|| first(&c.issuance_date)),
            valid_from: first(&c.valid_from),
            valid_until: first(&c.valid_until).or_else(|| first(&c.expiration_date)),
            profiles: nodes(&c.credential_profiles)
                .map(|p| concept_label(p, lang))
                .collect(),
            schemas: c.schema_ids().into_iter().map(str::to_string).collect(),
            claims,
            micro_credential: MicroCredentialReport::for_credential(c),
            unknown_members: c.unknown_members(),
        }
    }
}

fn person(p: &Person, lang: &str) -> Party {
    let name = text(&p.full_name, lang).or_else(|| {
        let given = text(&p.given_name, lang)?;
        Some(match text(&p.family_name, lang) {
            Some(family) => format!("{given} {family}"),
            None => given,
        })
    });
    Party {
        id: p.id.clone(),
        name,
        date_of_birth: p
            .date_of_birth
            .as_ref()
            .and_then(|d| d.first())
            .map(|d| d.date().to_string()),
        ..Default::default()
    }
}

fn organisation(org: &Organisation, lang: &str) -> Party {
    let eidas = nodes(&org.eidas_identifier).next();
    let country = eidas.and_then(|e| nodes(&e.spatial).next()).or_else(|| {
        nodes(&org.location)
            .flat_map(|l| nodes(&l.address))
            .find_map(|a| nodes(&a.country_code).next())
    });
    Party {
        id: org.id.clone(),
        name: text(&org.legal_name, lang).or_else(|| text(&org.pref_label, lang)),
        eidas_identifier: eidas.and_then(|e| e.notation.as_ref()?.first().cloned()),
        vat_identifier: nodes(&org.vat_identifier)
            .next()
            .and_then(|v| v.notation.as_ref()?.first().cloned()),
        country_iri: country.and_then(|c| c.id.clone()),
        country: country.map(|c| concept_label(c, lang)),
        ..Default::default()
    }
}

fn claim_summary(claim: &Claim, lang: &str) -> ClaimSummary {
    let mut summary = ClaimSummary {
        class: claim.class(),
        title: text(&claim.title().cloned(), lang),
        ..Default::default()
    };
    if let Claim::Achievement(a) = claim {
        achievement_details(a, lang, &mut summary);
    }
    summary
}

fn achievement_details(a: &LearningAchievement, lang: &str, summary: &mut ClaimSummary) {
    if let Some(spec) = nodes(&a.specified_by).next() {
        let class = if spec.is_qualification() {
            "Qualification"
        } else {
            "LearningAchievementSpecification"
        };
        summary.specification = Some(match text(&spec.title, lang) {
            Some(title) => format!("{class} \u{201c}{title}\u{201d}"),
            None => class.to_string(),
        });
        summary.outcomes = nodes(&spec.learning_outcome)
            .filter_map(|o| text(&o.title, lang))
            .collect();
        summary.ects = nodes(&spec.credit_point)
            .find(|c| c.is_ects())
            .and_then(|c| c.point.as_ref()?.first().cloned());
        summary.volume_of_learning = spec
            .volume_of_learning
            .as_ref()
            .and_then(|v| v.first())
            .map(|d| d.to_string());
        summary.eqf = nodes(&spec.eqf_level)
            .next()
            .map(|c| concept_label(c, lang));
    }
    summary.grades = nodes(&a.proven_by)
        .flat_map(|assessment| nodes(&assessment.grade))
        .filter_map(|g| text(&g.note_literal, lang))
        .collect();
    summary.parts = nodes(&a.has_part)
        .map(|part| {
            let mut sub = ClaimSummary {
                class: LearningAchievement::TYPE,
                title: text(&part.title, lang),
                ..Default::default()
            };
            achievement_details(part, lang, &mut sub);
            sub
        })
        .collect();
}
