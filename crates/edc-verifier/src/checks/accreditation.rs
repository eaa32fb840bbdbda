//! Accreditation: the accreditations a credential claims (ELM `Accreditation`, referenced from
//! evidence, awarding bodies or specifications) are found — described in the credential, or in
//! an accreditation dataset the caller gives (by id) — were in force when the credential was
//! issued, and cover what it awards (`limitEQFLevel`, `limitField` against the ISCED-F
//! `thematicArea`, `limitQualification`, and `limitJurisdiction` against the country of the
//! organisation that holds the accreditation).

use super::format::has_type;
use super::verification::{Judged, Verification};
use crate::outcome::{Code, Outcome};
use edc_context::JsonView;
use edc_model::DateTime;
use serde_json::Value;
use std::collections::BTreeMap;

/// The accreditation check of every credential.
pub(super) fn check(v: &Verification) -> Judged {
    let accreditations = &v.verifier.accreditations;
    let outcome = v.per_credential(|_, credential| assess(credential, accreditations));
    (outcome, Vec::new())
}

/// What one walk over the credential finds: accreditation objects by id, ids referenced but not
/// described, and what the credential's subject awards (EQF levels, ISCED-F fields and the
/// qualifications it is specified by). One walk, because a large credential's tree is not in
/// the cache any more when this check runs: each walk costs about as much as the others.
#[derive(Default)]
struct Found<'a> {
    described: BTreeMap<String, JsonView<'a>>,
    referenced: Vec<String>,
    levels: Vec<&'a str>,
    fields: Vec<&'a str>,
    specifications: Vec<&'a str>,
    /// Accreditation id → the country codes of the organisations holding it (every copy).
    holders: BTreeMap<String, Vec<&'a str>>,
    /// The nodes walked (by identity, and whether under the subject): a copy of a node read
    /// folded is the node itself, and adds nothing the first walk did not find.
    walked: std::collections::HashSet<(usize, bool)>,
}

/// The last segment of an authority-table IRI (`…/country/IRL` → `IRL`).
fn code(iri: &str) -> &str {
    iri.rsplit('/').next().unwrap_or(iri)
}

/// The country codes of an organisation's locations (`location` → `address` → `countryCode`).
fn countries(organisation: JsonView<'_>) -> Vec<&str> {
    let mut out = Vec::new();
    for location in organisation
        .get("location")
        .into_iter()
        .flat_map(JsonView::each)
    {
        for address in location.get("address").into_iter().flat_map(JsonView::each) {
            if let Some(country) = address.get("countryCode") {
                push_ids(country, &mut out);
            }
        }
    }
    out
}

/// Walks `value`; `in_subject` under the credential's subject, `top` at the credential itself.
fn collect<'a>(value: JsonView<'a>, in_subject: bool, top: bool, found: &mut Found<'a>) {
    if value.is_array() {
        value
            .items()
            .for_each(|v| collect(v, in_subject, false, found));
        return;
    }
    if !value.is_object() || !found.walked.insert((value.identity(), in_subject)) {
        return;
    }
    if has_type(value, "Accreditation") {
        let id = value
            .get("id")
            .and_then(JsonView::as_str)
            .unwrap_or("an accreditation without id");
        found.described.insert(id.to_string(), value);
    }
    for (key, v) in value.entries() {
        if key == "accreditation" {
            found
                .referenced
                .extend(v.each().filter_map(JsonView::as_str).map(str::to_string));
            let held_in = countries(value);
            for item in v.each() {
                let id = item
                    .as_str()
                    .or_else(|| item.get("id").and_then(JsonView::as_str));
                if let Some(id) = id {
                    let holders = found.holders.entry(id.to_string()).or_default();
                    holders.extend(held_in.iter().copied());
                }
            }
        }
        if in_subject {
            let out = match key {
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

/// The ids a member's value names: a string, node objects' ids, or an array of either.
fn push_ids<'a>(value: JsonView<'a>, out: &mut Vec<&'a str>) {
    for item in value.each() {
        if let Some(s) = item
            .as_str()
            .or_else(|| item.get("id").and_then(JsonView::as_str))
        {
            out.push(s);
        }
    }
}

/// Every id `member` names anywhere under `value` (strings and node values' ids).
fn ids_of<'a>(value: JsonView<'a>, member: &str, out: &mut Vec<&'a str>) {
    if value.is_array() {
        value.items().for_each(|v| ids_of(v, member, out));
        return;
    }
    for (k, v) in value.entries() {
        if k == member {
            push_ids(v, out);
        }
        ids_of(v, member, out);
    }
}

fn instant(value: Option<JsonView>) -> Option<(String, i64)> {
    let text = value?.as_str()?;
    DateTime::parse(text)
        .ok()
        .map(|d| (text.to_string(), d.unix_seconds()))
}

/// The accreditation check of one credential; `dataset` holds accreditations by id for those
/// the credential only references.
fn assess<'a>(credential: JsonView<'a>, dataset: &'a BTreeMap<String, Value>) -> Outcome {
    let mut found = Found::default();
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
                found.described.insert(id.clone(), JsonView::of(accreditation));
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
        .find_map(|m| instant(credential.get(m)));
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
        ids_of(*accreditation, "limitEQFLevel", &mut limit_levels);
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
        ids_of(*accreditation, "limitField", &mut limit_fields);
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
            *accreditation,
            "limitQualification",
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
        if let Some(problem) = jurisdiction_problem(id, *accreditation, &found) {
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
fn jurisdiction_problem(id: &str, accreditation: JsonView, found: &Found) -> Option<String> {
    let mut limits = Vec::new();
    ids_of(accreditation, "limitJurisdiction", &mut limits);
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
