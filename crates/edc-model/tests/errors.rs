//! Malformed input gives an error that names the place.

use edc_model::{Document, ErrorKind};

const GOOD: &str = r#"{
  "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
  "credentialSubject": {
    "id": "urn:epass:person:1",
    "type": "Person",
    "hasClaim": [{
      "id": "urn:epass:learningAchievement:1",
      "type": "LearningAchievement",
      "title": {"en": "Data literacy"},
      "specifiedBy": {"id": "urn:epass:qualification:1", "type": "Qualification",
                      "creditPoint": [{"id": "urn:epass:cp:1", "type": "CreditPoint", "point": "5"}]}
    }]
  },
  "validFrom": "2024-01-01T00:00:00Z"
}"#;

#[test]
fn the_well_formed_document_reads() {
    assert!(Document::from_str(GOOD).is_ok());
}

#[test]
fn truncated_json_names_line_and_column() {
    let truncated = &GOOD[..GOOD.len() / 2];
    let err = Document::from_str(truncated).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Syntax);
    let (line, _) = err.position().expect("a position");
    assert!(line >= 8, "{err}");
    assert!(err.to_string().contains("truncated"), "{err}");
}

#[test]
fn a_wrong_type_at_a_nested_property_names_its_pointer() {
    let bad = GOOD.replace(r#""point": "5""#, r#""point": {"value": 5}"#);
    let err = Document::from_str(&bad).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Data);
    assert_eq!(
        err.pointer(),
        "/credentialSubject/hasClaim/0/specifiedBy/creditPoint/0/point"
    );
    assert!(
        err.to_string().starts_with(
            "at /credentialSubject/hasClaim/0/specifiedBy/creditPoint/0/point (line 11"
        ),
        "{err}"
    );
}

#[test]
fn a_bad_date_names_its_pointer_and_the_expected_form() {
    let bad = GOOD.replace("2024-01-01T00:00:00Z", "01/01/2024");
    let err = Document::from_str(&bad).unwrap_err();
    assert_eq!(err.pointer(), "/validFrom");
    assert!(err.message().contains("ISO 8601"), "{err}");
}

#[test]
fn a_bad_language_tag_is_refused() {
    let bad = GOOD.replace(
        r#"{"en": "Data literacy"}"#,
        r#"{"English language": "Data literacy"}"#,
    );
    let err = Document::from_str(&bad).unwrap_err();
    assert!(
        err.pointer()
            .starts_with("/credentialSubject/hasClaim/0/title"),
        "{err}"
    );
}

#[test]
fn an_unknown_claim_type_is_named() {
    let bad = GOOD.replace(r#""type": "LearningAchievement""#, r#""type": "Diploma""#);
    let err = Document::from_str(&bad).unwrap_err();
    assert_eq!(err.pointer(), "/credentialSubject/hasClaim/0/type");
    assert!(err.message().contains("Diploma"), "{err}");
}

#[test]
fn an_error_inside_a_sealed_payload_is_placed_under_payload() {
    let bad = GOOD.replace("2024-01-01T00:00:00Z", "soon");
    let sealed = serde_json::json!({
        "payload": bad,
        "signatures": [{"protected": "e30", "signature": "AA"}]
    });
    let err = Document::from_str(&sealed.to_string()).unwrap_err();
    assert_eq!(err.pointer(), "/payload/validFrom");
    assert!(err.to_string().contains("payload string"), "{err}");
}

#[test]
fn an_unknown_document_says_what_was_expected() {
    let err = Document::from_str(r#"{"name": "not a credential"}"#).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::UnknownDocument);
    assert!(err.message().contains("upload wrapper"), "{err}");
    assert!(err.message().contains("[name]"), "{err}");
}

#[test]
fn a_duplicate_member_is_refused() {
    let bad = GOOD.replace(
        r#""validFrom""#,
        r#""validFrom": "2024-01-01T00:00:00Z", "validFrom""#,
    );
    let err = Document::from_str(&bad).unwrap_err();
    assert!(err.message().contains("appears twice"), "{err}");
}
