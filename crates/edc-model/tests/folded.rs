//! Reading the model from a folded tree: a stand-in (here `{"id": …, "copyOf": "/pointer"}`)
//! reads as the object it stands for, wherever it stands and whatever read that object first.
//! The expected model is the one serde reads from the text with every stand-in written out.

use edc_model::{Claim, Document, OneOrMany, Organisation, Ref};
use serde_json::{json, Map, Value};
use std::sync::Arc;

/// The stand-ins' convention in these tests.
fn first_copy<'a>(root: &'a Value, map: &'a Map<String, Value>) -> Option<&'a Map<String, Value>> {
    root.pointer(map.get("copyOf")?.as_str()?)?.as_object()
}

/// `value` with every stand-in written out.
fn unfold(root: &Value, value: &Value) -> Value {
    match value {
        Value::Object(map) => match first_copy(root, map) {
            Some(first) => unfold(root, &Value::Object(first.clone())),
            None => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), unfold(root, v)))
                    .collect(),
            ),
        },
        Value::Array(items) => Value::Array(items.iter().map(|v| unfold(root, v)).collect()),
        other => other.clone(),
    }
}

/// Reads `folded` both ways and asserts they agree; returns the folded reading.
fn read_both(folded: &Value) -> Document {
    let stand_in = |map| first_copy(folded, map);
    let from_tree = Document::credential_from_folded(folded, &stand_in).unwrap();
    let text = unfold(folded, folded).to_string();
    assert_eq!(from_tree, Document::credential_from_str(&text).unwrap());
    from_tree
}

fn org(name: &str) -> Value {
    json!({"id": "urn:epass:org:1", "type": "Organisation",
           "legalName": {"en": name}, "location": {"id": "urn:epass:loc:1", "type": "Location"}})
}

fn credential(issuer: Value, subject: Value) -> Value {
    json!({
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "id": "urn:credential:1",
        "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
        "issuer": issuer,
        "credentialSubject": subject,
    })
}

fn awarded_by(body: Value) -> Value {
    json!({"id": "urn:epass:awardingProcess:1", "type": "AwardingProcess", "awardingBody": body})
}

fn achievement(id: &str, process: Value) -> Value {
    json!({"id": id, "type": "LearningAchievement", "title": {"en": id}, "awardedBy": process})
}

fn issuer(document: &Document) -> &Arc<Organisation> {
    match document.credential().unwrap().issuer.as_ref().unwrap() {
        OneOrMany::One(Ref::Node(org)) => org,
        other => panic!("{other:?}"),
    }
}

fn body_of_claim(document: &Document, index: usize) -> &Arc<Organisation> {
    let subject = document.credential().unwrap().subject().unwrap();
    let claim = subject
        .has_claim
        .as_ref()
        .unwrap()
        .iter()
        .nth(index)
        .unwrap();
    let Claim::Achievement(achievement) = claim.node().unwrap() else {
        panic!("an achievement")
    };
    let process = achievement.awarded_by.as_ref().unwrap().first().unwrap();
    match &process.node().unwrap().awarding_body {
        Some(OneOrMany::One(Ref::Node(org))) => org,
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_stand_in_of_the_same_class_shares_the_first_copy() {
    let stand_in = json!({"id": "urn:epass:org:1", "copyOf": "/issuer"});
    let folded = credential(
        org("Uni"),
        json!({"id": "urn:person:1", "type": "Person", "hasClaim": [
            achievement("urn:a:1", awarded_by(stand_in.clone())),
            achievement("urn:a:2", awarded_by(stand_in)),
        ]}),
    );
    let document = read_both(&folded);
    assert!(Arc::ptr_eq(issuer(&document), body_of_claim(&document, 0)));
    assert!(Arc::ptr_eq(issuer(&document), body_of_claim(&document, 1)));
}

#[test]
fn a_first_copy_read_as_plain_json_is_read_again_where_a_stand_in_is_a_node() {
    // The first copy is an unknown member of the subject, kept as JSON; the stand-in comes later.
    let folded = credential(
        json!("urn:epass:org:1"),
        json!({"id": "urn:person:1", "type": "Person",
               "aFirstCopy": org("Uni"),
               "hasClaim": achievement("urn:a:1",
                   awarded_by(json!({"id": "urn:epass:org:1", "copyOf": "/credentialSubject/aFirstCopy"})))}),
    );
    let document = read_both(&folded);
    assert_eq!(
        body_of_claim(&document, 0)
            .legal_name
            .as_ref()
            .unwrap()
            .get_or_first("en"),
        Some("Uni")
    );
}

#[test]
fn a_stand_in_of_another_class_is_read_as_that_class() {
    // The same object, read first as an organisation and then as a person.
    let folded = credential(
        org("Uni"),
        json!({"id": "urn:epass:org:1", "copyOf": "/issuer"}),
    );
    let document = read_both(&folded);
    let subject = document.credential().unwrap().subject().unwrap();
    assert_eq!(subject.id.as_deref(), Some("urn:epass:org:1"));
}

#[test]
fn stand_ins_inside_a_copied_node_are_read_too() {
    // The awarding process is copied, and it holds a stand-in for the issuer.
    let process = awarded_by(json!({"id": "urn:epass:org:1", "copyOf": "/issuer"}));
    let folded = credential(
        org("Uni"),
        json!({"id": "urn:person:1", "type": "Person", "hasClaim": [
            achievement("urn:a:1", process),
            achievement("urn:a:2", json!({"id": "urn:epass:awardingProcess:1",
                "copyOf": "/credentialSubject/hasClaim/0/awardedBy"})),
        ]}),
    );
    let document = read_both(&folded);
    assert!(Arc::ptr_eq(
        body_of_claim(&document, 0),
        body_of_claim(&document, 1)
    ));
    assert!(Arc::ptr_eq(issuer(&document), body_of_claim(&document, 1)));
}

#[test]
fn an_error_in_a_copied_node_is_an_error() {
    let mut bad = org("Uni");
    bad["legalName"] = json!(42);
    let folded = credential(
        bad,
        json!({"id": "urn:person:1", "type": "Person", "hasClaim":
            achievement("urn:a:1", awarded_by(json!({"id": "urn:epass:org:1", "copyOf": "/issuer"})))}),
    );
    let stand_in = |map| first_copy(&folded, map);
    assert!(Document::credential_from_folded(&folded, &stand_in).is_err());
    assert!(Document::credential_from_str(&unfold(&folded, &folded).to_string()).is_err());
}
