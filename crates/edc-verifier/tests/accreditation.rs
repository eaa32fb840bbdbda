//! Accreditation: described in the credential or found by id in a dataset the caller gives; in
//! force when the credential was issued (ELM Accreditation dateIssued/expiryDate); covering the
//! EQF level awarded (limitEQFLevel), the ISCED-F field (limitField against thematicArea,
//! nested codes: 02 ⊃ 021 ⊃ 0211) and the jurisdiction (limitJurisdiction against the country of
//! the organisation holding the accreditation).

use edc_model::{DateTime, MicroCredentialBuilder};
use edc_verifier::{CheckName, Code, Outcome, Verifier};
use serde_json::{json, Value};

fn credential() -> Value {
    let built = MicroCredentialBuilder::example(
        "urn:credential:accredited",
        "urn:epass:org:1",
        DateTime::parse("2025-03-01T00:00:00Z").unwrap(),
    )
    .build()
    .unwrap();
    serde_json::to_value(built).unwrap()
}

/// The pointer of the (first) embedded accreditation.
fn accreditation_pointer(value: &Value, here: &str) -> Option<String> {
    match value {
        Value::Object(map) => {
            if map.get("type").is_some_and(|t| t == "Accreditation") {
                return Some(here.to_string());
            }
            map.iter()
                .find_map(|(k, v)| accreditation_pointer(v, &format!("{here}/{k}")))
        }
        Value::Array(items) => items
            .iter()
            .enumerate()
            .find_map(|(i, v)| accreditation_pointer(v, &format!("{here}/{i}"))),
        _ => None,
    }
}

fn accreditation(verifier: &Verifier, credential: &Value) -> Outcome {
    verifier
        .verify(credential.to_string().as_bytes())
        .get(CheckName::Accreditation)
        .unwrap()
        .clone()
}

#[test]
fn accreditations_are_found_in_force_and_covering() {
    let described = credential();
    let plain = Verifier::builder().build();
    assert!(matches!(accreditation(&plain, &described), Outcome::Ok(_)));

    // Only referenced by id: could not check without the dataset, checked with it.
    let pointer = accreditation_pointer(&described, "").unwrap();
    let object = described.pointer(&pointer).unwrap().clone();
    let id = object["id"].as_str().unwrap().to_string();
    let mut referenced = described.clone();
    *referenced.pointer_mut(&pointer).unwrap() = json!(id);
    assert!(matches!(
        accreditation(&plain, &referenced),
        Outcome::Skipped(_)
    ));
    let with = |a: Value| Verifier::builder().accreditations([a]).build();
    let mut granted = object.clone();
    granted["dateIssued"] = json!("2024-01-01T00:00:00Z");
    granted["expiryDate"] = json!("2029-01-01T00:00:00Z");
    match accreditation(&with(granted.clone()), &referenced) {
        Outcome::Ok(why) => assert!(why.contains("dataset"), "{why}"),
        other => panic!("{other:?}"),
    }
    // Expired before the credential was issued (2025-03-01).
    let mut expired = granted.clone();
    expired["expiryDate"] = json!("2025-01-01T00:00:00Z");
    assert!(matches!(
        accreditation(&with(expired), &referenced),
        Outcome::Failed(why) if why.code == Code::AccreditationNotInForce
    ));
    // Granted after the credential was issued.
    let mut late = granted.clone();
    late["dateIssued"] = json!("2025-06-01T00:00:00Z");
    assert!(matches!(
        accreditation(&with(late), &referenced),
        Outcome::Failed(_)
    ));
    // Limited to EQF level 7; the example awards level 5.
    let mut limited = granted;
    limited["limitEQFLevel"] =
        json!([{"id": "http://data.europa.eu/snb/eqf/7", "type": "Concept"}]);
    assert!(matches!(
        accreditation(&with(limited), &referenced),
        Outcome::Failed(why) if why.code == Code::AccreditationOutOfScope && why.contains("EQF")
    ));
}

#[test]
fn an_accreditation_limited_to_fields_covers_narrower_fields_only() {
    let mut described = credential();
    let pointer = accreditation_pointer(&described, "").unwrap();
    // The qualification is in ISCED-F 0211 (audio-visual techniques).
    let spec = pointer.rsplit_once("/accreditation").unwrap().0.to_string();
    described.pointer_mut(&spec).unwrap()["thematicArea"] =
        json!([{"id": "http://data.europa.eu/snb/isced-f/0211", "type": "Concept"}]);
    let plain = Verifier::builder().build();
    let with_limit = |limit: &str| {
        let mut c = described.clone();
        c.pointer_mut(&pointer).unwrap()["limitField"] = json!([{"id": format!("http://data.europa.eu/snb/isced-f/{limit}"), "type": "Concept"}]);
        accreditation(&plain, &c)
    };
    // 02 (arts and humanities) and 021 (arts) contain 0211; 061 (ICT) does not.
    assert!(matches!(with_limit("02"), Outcome::Ok(_)));
    assert!(matches!(with_limit("021"), Outcome::Ok(_)));
    assert!(
        matches!(with_limit("061"), Outcome::Failed(why) if why.code == Code::AccreditationOutOfScope && why.contains("fields"))
    );
}

/// The EU's transcript of records: its awarding body (address in Ireland, `country/IRL`) holds
/// an accreditation limited to Ireland (`atu/IRL`), which covers it. Moved to Sweden, or the
/// limit moved to Spain, the accreditation no longer covers the award.
#[test]
fn an_accreditation_limited_to_a_jurisdiction_covers_organisations_there_only() {
    let Some(file) = edc_testkit::shared_path(
        "europass/samples/elm-support-2024/Sample-TranscriptOfRecords-unsigned.json",
    ) else {
        return;
    };
    let text = std::fs::read_to_string(file).unwrap();
    assert!(text.contains("authority/atu/IRL") && text.contains("authority/country/IRL"));
    let verifier = Verifier::builder()
        .at(DateTime::parse("2025-03-01T00:00:00Z")
            .unwrap()
            .unix_seconds())
        .build();
    let check = |text: &str| {
        verifier
            .verify(text.as_bytes())
            .get(CheckName::Accreditation)
            .unwrap()
            .clone()
    };
    match check(&text) {
        Outcome::Ok(why) => assert!(why.contains("jurisdictions"), "{why}"),
        other => panic!("{other:?}"),
    }
    let moved = text.replace("authority/country/IRL", "authority/country/SWE");
    match check(&moved) {
        Outcome::Failed(why) => assert!(
            why.contains("atu/IRL") && why.ends_with("is in SWE"),
            "{why}"
        ),
        other => panic!("{other:?}"),
    }
    let elsewhere = text.replace("authority/atu/IRL", "authority/atu/ESP");
    assert!(matches!(check(&elsewhere), Outcome::Failed(why) if why.contains("atu/ESP")),);
}

/// JSON text with each object's `id` first, as the Europass serializer writes it (serde_json
/// sorts keys).
fn id_first(value: &Value) -> String {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|k| *k != "id");
            let members: Vec<String> = keys
                .iter()
                .map(|k| format!("{}:{}", json!(k), id_first(&map[k.as_str()])))
                .collect();
            format!("{{{}}}", members.join(","))
        }
        Value::Array(items) => {
            let items: Vec<String> = items.iter().map(id_first).collect();
            format!("[{}]", items.join(","))
        }
        other => other.to_string(),
    }
}

/// A node repeated byte for byte counts where each copy stands (a large sealed credential's RDF
/// is made from a folded reading of its JSON, `edc_context::FoldedJson`). Here the
/// qualification's specification is written first outside the credential's subject, then
/// again as what the subject's claim is specified by: the EQF level it awards (5) counts there,
/// and the accreditation is limited to level 7, so the check must fail. The seal itself is a dummy: the
/// accreditation check does not depend on it.
#[test]
fn a_folded_copy_counts_where_it_stands() {
    let mut described = credential();
    let pointer = accreditation_pointer(&described, "").unwrap();
    described.pointer_mut(&pointer).unwrap()["limitEQFLevel"] =
        json!([{"id": "http://data.europa.eu/snb/eqf/7", "type": "Concept"}]);
    let spec = pointer.rsplit_once("/accreditation").unwrap().0.to_string();
    assert!(spec.starts_with("/credentialSubject/"), "{spec}");
    let specification = described.pointer(&spec).unwrap().clone();
    assert!(specification["eqfLevel"]["id"]
        .as_str()
        .unwrap()
        .ends_with("/eqf/5"));
    // Written before the subject (keys in order), and large (as the EU's large samples are).
    described["additionalNote"] = json!({
        "specification": specification,
        "padding": "x".repeat(70_000),
    });
    let payload = id_first(&described);
    let first = payload.find("\"specifiedBy\"").unwrap();
    assert!(payload.find("\"additionalNote\"").unwrap() < first);
    let sealed = json!({
        "payload": payload,
        "signatures": [{"protected": "eyJhbGciOiJSUzI1NiJ9", "signature": "AAAA"}],
    });
    let bytes = sealed.to_string().into_bytes();
    let verifier = Verifier::builder().build();
    match verifier
        .verify(&bytes)
        .get(CheckName::Accreditation)
        .unwrap()
    {
        Outcome::Failed(why) => assert!(why.code == Code::AccreditationOutOfScope, "{why}"),
        other => panic!("{other:?}"),
    }
}
