//! ELM → Open Badges 3.0.

use super::vocabulary::{Conversion, EQF_PREFIX, OB3_CONTEXT, OUTCOME_TYPE, VC2_CONTEXT};
use edc_model::{Document, McElement, Summary};
use serde_json::{json, Value};

/// The OB 3.0 OpenBadgeCredential of an EDC (bare, sealed or wrapped), in `lang`.
pub fn elm_to_ob3(document: &Document, lang: &str) -> Result<Conversion, crate::ConvertError> {
    elm_to_ob3_text(document, lang)
        .map_err(|message| crate::ConvertError::new(crate::ConvertErrorKind::OpenBadges, message))
}

fn elm_to_ob3_text(document: &Document, lang: &str) -> Result<Conversion, String> {
    let summary = Summary::of(document, lang);
    let Some(credential) = summary.credential else {
        return Err("not a Europass credential (no credential to convert)".into());
    };
    let mut not_carried = Vec::new();
    let id = credential
        .id
        .clone()
        .ok_or("the credential has no id; an Open Badges credential needs one")?;
    let issuer = credential.issuer.clone().unwrap_or_default();
    let issuer_id = issuer
        .id
        .clone()
        .ok_or("the issuer has no id; an Open Badges issuer profile needs one")?;
    let mut profile = json!({"id": issuer_id, "type": ["Profile"]});
    if let Some(name) = &issuer.name {
        profile["name"] = json!(name);
    }
    let identifiers: Vec<Value> = [
        (&issuer.eidas_identifier, "ext:eIDASIdentifier"),
        (&issuer.vat_identifier, "ext:vatIdentifier"),
    ]
    .into_iter()
    .filter_map(|(value, kind)| {
        value
            .as_ref()
            .map(|v| json!({"type": "IdentifierEntry", "identifier": v, "identifierType": kind}))
    })
    .collect();
    if !identifiers.is_empty() {
        profile["otherIdentifier"] = Value::Array(identifiers);
    }
    if let Some(iri) = &issuer.country_iri {
        let alpha3 = iri.rsplit('/').next().unwrap_or_default();
        let mut address = json!({"type": ["Address"]});
        if let Some(label) = &issuer.country {
            address["addressCountry"] = json!(label);
        }
        if let Some(alpha2) = edc_model::vocab::country_alpha2(alpha3) {
            address["addressCountryCode"] = json!(alpha2);
        }
        profile["address"] = address;
    }
    let issued = credential
        .issued
        .clone()
        .or_else(|| credential.valid_from.clone())
        .ok_or("the credential has neither issued nor validFrom; an Open Badges credential needs validFrom")?;
    let claim = credential.claims.first();
    if credential.claims.len() > 1 {
        not_carried.push(format!(
            "{} further claim(s): an OpenBadgeCredential holds one achievement (the first is converted)",
            credential.claims.len() - 1
        ));
    }
    let title = credential
        .title
        .clone()
        .or_else(|| claim.and_then(|c| c.title.clone()))
        .unwrap_or_else(|| "Achievement".into());
    let achievement_name = claim
        .and_then(|c| c.title.clone())
        .unwrap_or_else(|| title.clone());
    let outcomes: Vec<String> = claim.map(|c| c.outcomes.clone()).unwrap_or_default();
    let mut alignment: Vec<Value> = outcomes
        .iter()
        .enumerate()
        .map(|(i, text)| {
            json!({"type": ["Alignment"], "targetName": text, "targetType": OUTCOME_TYPE,
                   "targetUrl": format!("{id}#learningOutcome-{}", i + 1)})
        })
        .collect();
    let eqf = claim.and_then(|c| c.eqf.as_deref()).and_then(eqf_number);
    if let Some(level) = eqf {
        alignment.push(json!({
            "type": ["Alignment"], "targetName": format!("EQF level {level}"),
            "targetUrl": format!("{EQF_PREFIX}{level}"),
            "targetFramework": "European Qualifications Framework",
            "targetCode": level.to_string()
        }));
    }
    let narrative = if outcomes.is_empty() {
        format!("Awarded {achievement_name}.")
    } else {
        format!(
            "Learning outcomes:\n{}",
            outcomes
                .iter()
                .map(|o| format!("- {o}"))
                .collect::<Vec<_>>()
                .join("\n")
        )
    };
    let mut achievement = json!({
        "id": format!("{id}#achievement"),
        "type": ["Achievement"],
        "name": achievement_name,
        "description": claim
            .and_then(|c| c.specification.clone())
            .unwrap_or_else(|| title.clone()),
        "criteria": {"narrative": narrative},
    });
    if !alignment.is_empty() {
        achievement["alignment"] = Value::Array(alignment);
    }
    let ects = claim
        .and_then(|c| c.ects.as_deref())
        .and_then(|e| e.parse::<f64>().ok());
    if let Some(points) = ects {
        achievement["creditsAvailable"] = json!(points);
    }
    let learner = credential.learner.clone().unwrap_or_default();
    let mut subject = json!({"type": ["AchievementSubject"], "achievement": achievement});
    if let Some(id) = &learner.id {
        subject["id"] = json!(id);
    }
    if let Some(name) = &learner.name {
        subject["identifier"] = json!([{
            "type": "IdentityObject", "hashed": false, "identityHash": name, "identityType": "name"
        }]);
    }
    if let Some(points) = ects {
        subject["creditsEarned"] = json!(points);
    }
    if let Some(grade) = claim.and_then(|c| c.grades.first()) {
        subject["result"] = json!([{"type": ["Result"], "value": grade}]);
    }
    let mut badge = json!({
        "@context": [VC2_CONTEXT, OB3_CONTEXT],
        "id": id,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": title,
        "issuer": profile,
        "validFrom": issued,
        "awardedDate": issued,
        "credentialSubject": subject,
    });
    if let Some(until) = &credential.valid_until {
        badge["validUntil"] = json!(until);
    }
    // What the Recommendation's elements hold that the badge has no place for.
    let report = &credential.micro_credential;
    for (element, what) in [
        (McElement::AssessmentType, "the type of assessment"),
        (McElement::FormOfParticipation, "the form of participation"),
        (McElement::QualityAssurance, "the quality assurance"),
        (
            McElement::Supervision,
            "supervision and identity verification",
        ),
        (McElement::Prerequisites, "the prerequisites"),
    ] {
        if report.status(element).is_present() {
            not_carried.push(format!("{what}: Open Badges 3.0 has no member for it"));
        }
    }
    if claim.and_then(|c| c.volume_of_learning.as_ref()).is_some() {
        not_carried.push("the volume of learning (hours): only ECTS credits carry over".into());
    }
    if learner.date_of_birth.is_some() {
        not_carried.push("the learner's date of birth".into());
    }
    if matches!(document, Document::Sealed(_)) || !summary.signatures.is_empty() {
        not_carried.push("the seal or proof: the badge is unsigned, to be signed again".into());
    }
    Ok(Conversion {
        credential: badge,
        not_carried,
    })
}

/// The level of an EQF concept label or IRI (`Level 6`, `…/eqf/6`).
fn eqf_number(text: &str) -> Option<u8> {
    text.chars()
        .rev()
        .find(char::is_ascii_digit)
        .and_then(|d| d.to_digit(10))
        .and_then(|d| u8::try_from(d).ok())
        .filter(|d| (1..=8).contains(d))
}
