//! Open Badges 3.0 → ELM.

use super::vocabulary::{Conversion, EQF_PREFIX, OUTCOME_TYPE};
use edc_model::{vocab, DateTime, MicroCredentialBuilder};
use serde_json::Value;

fn text<'v>(node: &'v Value, member: &str) -> Option<&'v str> {
    node.get(member).and_then(Value::as_str)
}

fn items(node: &Value, member: &str) -> Vec<Value> {
    match node.get(member) {
        Some(Value::Array(a)) => a.clone(),
        Some(v) => vec![v.clone()],
        None => Vec::new(),
    }
}

/// The ELM credential (edc-generic-full) of an OB 3.0 OpenBadgeCredential or
/// AchievementCredential.
pub fn ob3_to_elm(badge: &Value) -> Result<Conversion, crate::ConvertError> {
    ob3_to_elm_text(badge)
        .map_err(|message| crate::ConvertError::new(crate::ConvertErrorKind::OpenBadges, message))
}

fn ob3_to_elm_text(badge: &Value) -> Result<Conversion, String> {
    if !edc_model::ob3::is_open_badge(badge) {
        return Err(
            "not an Open Badges 3.0 credential (type OpenBadgeCredential or AchievementCredential)"
                .into(),
        );
    }
    let mut not_carried = Vec::new();
    let subject = &badge["credentialSubject"];
    let achievement = &subject["achievement"];
    let id = text(badge, "id").ok_or("the badge has no id")?;
    let title = text(badge, "name")
        .or_else(|| text(achievement, "name"))
        .ok_or("the badge names neither itself nor its achievement")?;
    let mut builder = MicroCredentialBuilder::new(id).title(title);
    if let Some(description) = text(achievement, "description") {
        builder = builder.description(description);
    }
    // The learner: the subject's id, and a name given as an unhashed identity.
    let learner_id = text(subject, "id").unwrap_or("urn:epass:person:1");
    let name = items(subject, "identifier").into_iter().find_map(|i| {
        (i["identityType"] == "name" && i["hashed"] == false)
            .then(|| i["identityHash"].as_str().map(str::to_string))
            .flatten()
    });
    match name {
        Some(name) => {
            let (given, family) = name.rsplit_once(' ').unwrap_or((name.as_str(), ""));
            builder = builder.learner(learner_id, given, family);
        }
        None => {
            not_carried.push("the learner's name: the badge identifies the learner only by a hashed or non-name identity".into());
            builder = builder.learner(learner_id, "", "");
        }
    }
    // The issuer (awarding body).
    let issuer = &badge["issuer"];
    let issuer_id = text(issuer, "id")
        .or_else(|| issuer.as_str())
        .ok_or("the badge has no issuer id")?;
    let issuer_name = text(issuer, "name").unwrap_or(issuer_id);
    let identifier = |kinds: &[&str]| {
        items(issuer, "otherIdentifier").into_iter().find_map(|e| {
            kinds
                .iter()
                .any(|k| e["identifierType"] == *k)
                .then(|| e["identifier"].as_str().map(str::to_string))
                .flatten()
        })
    };
    let address = &issuer["address"];
    let country = text(address, "addressCountryCode").and_then(vocab::country_alpha3);
    let Some(alpha3) = country else {
        return Err(format!(
            "the issuer {issuer_id} needs a country (address.addressCountryCode) to be an ELM awarding body"
        ));
    };
    let country = vocab::country(alpha3, text(address, "addressCountry").unwrap_or(alpha3));
    if let Some(eidas) = identifier(&["ext:eIDASIdentifier", "identifier"]) {
        builder = builder.issuer(issuer_id, issuer_name, &eidas, country.clone());
        if let Some(vat) = identifier(&["ext:vatIdentifier"]) {
            builder = builder.issuer_vat_identifier(&vat, country);
        }
    } else if let Some(vat) = identifier(&["ext:vatIdentifier"]) {
        builder = builder.issuer_by_vat(issuer_id, issuer_name, &vat, country);
    } else {
        return Err(format!(
            "the issuer {issuer_id} needs an identifier (otherIdentifier, e.g. identifierType ext:eIDASIdentifier) to be an ELM awarding body"
        ));
    }
    let issued = text(badge, "awardedDate")
        .or_else(|| text(badge, "validFrom"))
        .ok_or("the badge has neither awardedDate nor validFrom")?;
    let issued = DateTime::parse(issued).map_err(|e| format!("awardedDate/validFrom: {e}"))?;
    builder = builder.issued(issued.clone()).valid_from(issued);
    if let Some(until) = text(badge, "validUntil") {
        builder =
            builder.valid_until(DateTime::parse(until).map_err(|e| format!("validUntil: {e}"))?);
    }
    for alignment in items(achievement, "alignment") {
        let target = text(&alignment, "targetUrl").unwrap_or("");
        let name = text(&alignment, "targetName").unwrap_or("");
        if let Some(level) = target
            .strip_prefix(EQF_PREFIX)
            .and_then(|l| l.parse::<u8>().ok())
        {
            builder = builder.eqf_level(level);
        } else if alignment["targetType"] == OUTCOME_TYPE {
            let skill = target
                .starts_with("http://data.europa.eu/esco/skill/")
                .then(|| vocab::esco_skill(target, name));
            builder = builder.learning_outcome(name, skill);
        } else {
            not_carried.push(format!(
                "the alignment to {name} ({target}): ELM has no general alignment"
            ));
        }
    }
    let credits = achievement
        .get("creditsAvailable")
        .or_else(|| subject.get("creditsEarned"))
        .and_then(Value::as_f64);
    if let Some(points) = credits {
        builder = builder.ects(&format_points(points));
    }
    if let Some(grade) = items(subject, "result")
        .iter()
        .find_map(|r| r["value"].as_str().map(str::to_string))
    {
        builder = builder.grade(&grade);
    }
    for (member, what) in [
        ("evidence", "the evidence"),
        ("endorsement", "the endorsements"),
    ] {
        if badge.get(member).is_some() {
            not_carried.push(format!("{what}: not converted"));
        }
    }
    if badge.get("proof").is_some() {
        not_carried
            .push("the proof: the ELM credential is unsigned, to be sealed or signed again".into());
    }
    let credential = builder.build()?;
    let credential = serde_json::to_value(&credential).map_err(|e| e.to_string())?;
    Ok(Conversion {
        credential,
        not_carried,
    })
}

/// `5` for 5.0, `7.5` for 7.5.
fn format_points(points: f64) -> String {
    if points.fract() == 0.0 {
        format!("{points:.0}")
    } else {
        points.to_string()
    }
}
