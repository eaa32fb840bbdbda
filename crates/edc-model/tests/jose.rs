//! Compact JWTs and VC 2.0 enveloped credentials, read from the W3C vc-jose-cose suite inputs.

use edc_model::{Document, DocumentKind, JwtForm};
use edc_testkit::shared_path;

const INPUT: &str = "vectors/w3c+vc-jose-cose-test-suite/tests/input";

fn read(name: &str) -> Option<String> {
    let path = shared_path(&format!("{INPUT}/{name}"))?;
    Some(std::fs::read_to_string(path).unwrap())
}

#[test]
fn a_vc_jose_credential_is_read_from_its_jwt() {
    let Some(token) = read("credential-jose-minimal.txt") else {
        return;
    };
    let doc = Document::from_str(&token).unwrap();
    assert_eq!(doc.kind(), DocumentKind::Jwt);
    let Document::Jwt(jwt) = &doc else {
        unreachable!()
    };
    assert_eq!(jwt.form, JwtForm::VcJose);
    assert_eq!(jwt.header["typ"], "vc+jwt");
    let credential = doc.credential().unwrap();
    assert_eq!(
        credential.id.as_deref(),
        Some("http://university.example/credentials/1872")
    );
    assert!(credential.is_vc2());
    assert_eq!(
        doc.to_json(),
        serde_json::Value::String(token.trim().to_string())
    );
}

#[test]
fn a_presentation_jwt_carries_a_presentation() {
    let Some(token) = read("presentation-jose-multiple.txt") else {
        return;
    };
    let doc = Document::from_str(&token).unwrap();
    let Document::Jwt(jwt) = &doc else {
        panic!("not a JWT: {:?}", doc.kind())
    };
    assert_eq!(jwt.content.kind(), DocumentKind::Presentation);
}

#[test]
fn an_enveloped_credential_opens_its_data_url() {
    let Some(token) = read("credential-jose-minimal.txt") else {
        return;
    };
    let envelope = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": format!("data:application/vc+jwt,{}", token.trim()),
        "type": "EnvelopedVerifiableCredential"
    });
    let doc = Document::from_str(&envelope.to_string()).unwrap();
    assert_eq!(doc.kind(), DocumentKind::Enveloped);
    assert_eq!(
        doc.credential().and_then(|c| c.id.as_deref()),
        Some("http://university.example/credentials/1872")
    );
    assert_eq!(doc.to_json(), envelope);
}

#[test]
fn a_broken_jwt_is_an_envelope_error() {
    let err = Document::from_str("eyJhbGciOiJFUzI1NiJ9.!!!.AA").unwrap_err();
    // `!` is not base64url, so this is not even taken for a JWT: it is not JSON either.
    assert_eq!(err.kind(), edc_model::ErrorKind::Syntax);
    let err = Document::from_str("eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.AA").unwrap_err();
    assert!(err.to_string().contains("JWT payload"), "{err}");
}
