//! Accreditation: the accreditations a credential claims (ELM `Accreditation`, referenced from
//! evidence, awarding bodies or specifications) are found — described in the credential, or in
//! an accreditation dataset the caller gives (by id) — were in force when the credential was
//! issued, and cover what it awards (`limitEQFLevel`, `limitField` against the ISCED-F
//! `thematicArea`, `limitQualification`, and `limitJurisdiction` against the country of the
//! organisation that holds the accreditation).

use super::format::has_type;
use super::verification::{Judged, Verification};
use crate::outcome::{Code, Outcome};
use edc_context::FoldedJson;
use edc_model::DateTime;
use serde_json::Value;
use std::collections::BTreeMap;

/// The accreditation check: made while the document was read, or now, for every credential.
pub(super) fn check(v: &Verification) -> Judged {
    let accreditations = &v.verifier.accreditations;
    let outcome = match &v.reading.early {
        Some(early) => early.accreditation.clone(),
        None if !v.reading.presentation => assess_folded(&v.reading.json, accreditations),
        None => v.per_credential(|_, credential| assess(credential, None, accreditations)),
    };
    (outcome, Vec::new())
}

/// What one walk over the credential finds: accreditation objects by id, ids referenced but not
/// described, and what the credential's subject awards (EQF levels, ISCED-F fields and the
/// qualifications it is specified by). One walk, because a large credential's tree is not in
/// the cache any more when this check runs: each walk costs about as much as the others.
#[derive(Default)]
struct Found<'a> {
    /// The credential as read, when folded: its stand-ins are walked as their first copies.
    folded: Option<&'a FoldedJson>,
    /// Copies walked through a stand-in (the first copy's address, and whether under the
    /// subject): walking one again adds only what was found already.
    walked: std::collections::HashSet<(usize, bool)>,
    described: BTreeMap<String, &'a Value>,
    referenced: Vec<String>,
    levels: Vec<&'a str>,
    fields: Vec<&'a str>,
    specifications: Vec<&'a str>,
    /// Accreditation id → the country codes of the organisations holding it (every copy).
    holders: BTreeMap<String, Vec<&'a str>>,
}

/// The last segment of an authority-table IRI (`…/country/IRL` → `IRL`).
fn code(iri: &str) -> &str {
    iri.rsplit('/').next().unwrap_or(iri)
}

/// One value or each of many.
fn each(value: &Value) -> &[Value] {
    match value {
        Value::Array(items) => items.as_slice(),
        one => std::slice::from_ref(one),
    }
}

impl<'a> Found<'a> {
    /// `value`, or the first copy it stands in for.
    fn resolve(&self, value: &'a Value) -> &'a Value {
        self.folded.map_or(value, |f| f.resolve(value))
    }
}

/// The country codes of an organisation's locations (`location` → `address` → `countryCode`).
fn countries<'a>(
    organisation: &'a serde_json::Map<String, Value>,
    found: &Found<'a>,
) -> Vec<&'a str> {
    let mut out = Vec::new();
    for location in organisation.get("location").map(each).unwrap_or_default() {
        let location = found.resolve(location);
        for address in location.get("address").map(each).unwrap_or_default() {
            let address = found.resolve(address);
            if let Some(country) = address.get("countryCode") {
                push_ids(country, &mut out);
            }
        }
    }
    out
}

/// Walks `value`; `in_subject` under the credential's subject, `top` at the credential itself.
fn collect<'a>(value: &'a Value, in_subject: bool, top: bool, found: &mut Found<'a>) {
    let copy = found.resolve(value);
    if !std::ptr::eq(copy, value)
        && !found
            .walked
            .insert((copy as *const Value as usize, in_subject))
    {
        return;
    }
    let value = copy;
    match value {
        Value::Object(map) => {
            if has_type(value, "Accreditation") {
                let id = map
                    .get("id")
                    .and_then(Value::as_str)
                    .unwrap_or("an accreditation without id");
                found.described.insert(id.to_string(), value);
            }
            for (key, v) in map {
                if key == "accreditation" {
                    let items = each(v);
                    found
                        .referenced
                        .extend(items.iter().filter_map(Value::as_str).map(str::to_string));
                    let held_in = countries(map, found);
                    for item in items {
                        let id = item
                            .as_str()
                            .or_else(|| item.get("id").and_then(Value::as_str));
                        if let Some(id) = id {
                            let holders = found.holders.entry(id.to_string()).or_default();
                            holders.extend(held_in.iter().copied());
                        }
                    }
                }
                if in_subject {
                    let out = match key.as_str() {
                        "eqfLevel" => Some(&mut found.levels),
                        "thematicArea" => Some(&mut found.fields),
                        "specifiedBy" => Some(&mut found.specifications),
                        _ => None,
                    };
                    if let Some(out) = out {
                        push_ids(v, out);
                    }
                }
                let in_subject = in_subject || (top && key == "credentialSubject");
                collect(v, in_subject, false, found);
            }
        }
        Value::Array(items) => items
            .iter()
            .for_each(|v| collect(v, in_subject, false, found)),
        _ => {}
    }
}

/// The ids a member's value names: a string, node objects' ids, or an array of either.
fn push_ids<'a>(value: &'a Value, out: &mut Vec<&'a str>) {
    match value {
        Value::String(s) => out.push(s),
        Value::Array(items) => {
            for item in items {
                if let Some(s) = item
                    .as_str()
                    .or_else(|| item.get("id").and_then(Value::as_str))
                {
                    out.push(s);
                }
            }
        }
        other => {
            if let Some(s) = other.get("id").and_then(Value::as_str) {
                out.push(s);
            }
        }
    }
}

/// Every id `member` names anywhere under `value` (strings and node values' ids); stand-ins
/// are read as their first copies.
fn ids_of<'a>(value: &'a Value, member: &str, found: &Found<'a>, out: &mut Vec<&'a str>) {
    match found.resolve(value) {
        Value::Object(map) => {
            for (k, v) in map {
                if k == member {
                    push_ids(v, out);
                }
                ids_of(v, member, found, out);
            }
        }
        Value::Array(items) => items.iter().for_each(|v| ids_of(v, member, found, out)),
        _ => {}
    }
}

fn instant(value: Option<&Value>) -> Option<(String, i64)> {
    let text = value?.as_str()?;
    DateTime::parse(text)
        .ok()
        .map(|d| (text.to_string(), d.unix_seconds()))
}

/// The accreditation check of one credential (`folded`: as read folded, or None when read as
/// written); `dataset` holds accreditations by id for those the credential only references.
/// [`assess`] of a credential as read (perhaps folded).
pub(crate) fn assess_folded(json: &FoldedJson, dataset: &BTreeMap<String, Value>) -> Outcome {
    assess(json.root(), Some(json), dataset)
}

fn assess(
    credential: &Value,
    folded: Option<&FoldedJson>,
    dataset: &BTreeMap<String, Value>,
) -> Outcome {
    let mut found = Found {
        folded,
        ..Found::default()
    };
    collect(credential, false, true, &mut found);
    if found.described.is_empty() && found.referenced.is_empty() {
        return Outcome::not_applicable(Code::NoAccreditation, "no accreditation is claimed");
    }
    let mut from_dataset = 0;
    for id in &found.referenced {
        if found.described.contains_key(id) {
            continue;
        }
        match dataset.get(id) {
            Some(accreditation) => {
                found.described.insert(id.clone(), accreditation);
                from_dataset += 1;
            }
            None => {
                return Outcome::skipped(Code::AccreditationUnknown, format!(
                    "could not check: the accreditation {id} is referenced but described neither in the credential nor in an accreditation dataset"
                ))
            }
        }
    }
    let issued = ["issued", "issuanceDate", "validFrom"]
        .iter()
        .find_map(|m| instant(credential.get(*m)));
    let (levels, fields, specifications) = (&found.levels, &found.fields, &found.specifications);
    for (id, accreditation) in &found.described {
        if let Some((when, issued_at)) = &issued {
            if let Some((from, t)) = instant(accreditation.get("dateIssued")) {
                if t > *issued_at {
                    return Outcome::failed(Code::AccreditationNotInForce, format!(
                        "the accreditation {id} was granted on {from}, after the credential was issued ({when})"
                    ));
                }
            }
            if let Some((until, t)) = instant(accreditation.get("expiryDate")) {
                if t < *issued_at {
                    return Outcome::failed(Code::AccreditationNotInForce, format!(
                        "the accreditation {id} expired on {until}, before the credential was issued ({when})"
                    ));
                }
            }
        }
        let mut limit_levels = Vec::new();
        ids_of(accreditation, "limitEQFLevel", &found, &mut limit_levels);
        if let Some(level) = levels
            .iter()
            .find(|l| !limit_levels.is_empty() && !limit_levels.contains(l))
        {
            return Outcome::failed(
                Code::AccreditationOutOfScope,
                format!(
                "the accreditation {id} is limited to EQF levels {}; the credential awards {level}",
                limit_levels.join(", ")
            ),
            );
        }
        // ISCED-F fields are nested codes (02 ⊃ 021 ⊃ 0211): a field is covered when a limit's
        // code starts it.
        let mut limit_fields = Vec::new();
        ids_of(accreditation, "limitField", &found, &mut limit_fields);
        if let Some(field) = fields.iter().find(|f| {
            !limit_fields.is_empty() && !limit_fields.iter().any(|l| code(f).starts_with(code(l)))
        }) {
            return Outcome::failed(Code::AccreditationOutOfScope, format!(
                "the accreditation {id} is limited to the fields {}; the credential awards in {field}",
                limit_fields.join(", ")
            ));
        }
        let mut limit_qualifications = Vec::new();
        ids_of(
            accreditation,
            "limitQualification",
            &found,
            &mut limit_qualifications,
        );
        if !limit_qualifications.is_empty()
            && !specifications
                .iter()
                .any(|s| limit_qualifications.contains(s))
        {
            return Outcome::failed(Code::AccreditationOutOfScope, format!(
                "the accreditation {id} is limited to the qualifications {}, which the credential does not award",
                limit_qualifications.join(", ")
            ));
        }
        if let Some(problem) = jurisdiction_problem(id, accreditation, &found) {
            return Outcome::failed(Code::AccreditationOutOfScope, problem);
        }
    }
    let when = issued.map(|(w, _)| format!(" on {w}")).unwrap_or_default();
    let source = if from_dataset > 0 {
        format!(" ({from_dataset} from the accreditation dataset)")
    } else {
        " described in the credential".to_string()
    };
    Outcome::ok(Code::Accredited, format!(
        "{} accreditation(s){source}, in force when it was issued{when} and covering its EQF levels, fields, qualifications and jurisdictions",
        found.described.len()
    ))
}

/// `limitJurisdiction` (ATU or country codes) against where the organisations holding the
/// accreditation are: a country-level limit (`…/atu/IRL`) covers an organisation whose address
/// is in that country; a region's code (`ESP_…`) is not compared below its country. No holder
/// with an address: nothing to compare.
fn jurisdiction_problem(id: &str, accreditation: &Value, found: &Found) -> Option<String> {
    let mut limits = Vec::new();
    ids_of(accreditation, "limitJurisdiction", found, &mut limits);
    let mut held_in: Vec<&str> = found
        .holders
        .get(id)
        .map(|c| c.iter().map(|c| code(c)).collect())
        .unwrap_or_default();
    held_in.sort_unstable();
    held_in.dedup();
    if limits.is_empty() || held_in.is_empty() {
        return None;
    }
    let covers = |limit: &str, country: &str| {
        let limit = code(limit);
        limit == country
            || limit
                .strip_prefix(country)
                .is_some_and(|rest| rest.starts_with('_'))
    };
    if held_in
        .iter()
        .any(|country| limits.iter().any(|l| covers(l, country)))
    {
        return None;
    }
    Some(format!(
        "the accreditation {id} is limited to the jurisdictions {}; the organisation holding it is in {}",
        limits.join(", "),
        held_in.join(", ")
    ))
}
