//! Corrupted copies of DID-signed credentials — a Data Integrity proof, a VC-JOSE token and an
//! SD-JWT with its disclosures — cut short or with one byte changed at many places: the verifier
//! never panics, and passes a copy's integrity only when what was signed is unchanged (Data
//! Integrity: the document and proof options; JWS, RFC 7515 §5.2: the header, payload and
//! signature bytes; SD-JWT: those, and only disclosures the issuer made).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use edc_did::{did_key, KeyPair, KeyType};
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
use edc_verifier::{CheckName, Outcome, Report, Verifier};
use serde_json::{json, Value};

/// The changed copies of `original`: cut at `steps` places, and one byte changed at as many.
fn corrupted(original: &[u8], steps: usize) -> Vec<(String, Vec<u8>)> {
    let mut copies = Vec::new();
    for i in 1..steps {
        let cut = original.len() * i / steps;
        copies.push((format!("cut at {cut}"), original[..cut].to_vec()));
        let at = (original.len() * i / steps + i * 3) % original.len();
        let mut changed = original.to_vec();
        changed[at] = if changed[at] == b'a' { b'b' } else { b'a' };
        copies.push((format!("byte {at} changed"), changed));
    }
    copies
}

fn intact(report: &Report) -> bool {
    matches!(report.get(CheckName::Integrity), Some(Outcome::Ok(_)))
}

fn credential() -> (Value, String, String) {
    let key = KeyPair::generate(KeyType::Ed25519);
    let (did, method) = did_key(&key.public_key());
    let unsigned = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner", "name": "Ana", "degree": "Master of Arts"},
    });
    let signed = DataIntegrity::default()
        .sign(
            &unsigned,
            &key,
            &ProofOptions::new(Cryptosuite::EddsaRdfc2022, &method),
        )
        .unwrap();
    let token = edc_signer::sign_vc_jose(&unsigned, &key, &method).unwrap();
    let sd_jwt = edc_signer::sign_vc_sd_jwt(&unsigned, &key, &method).unwrap();
    (signed, token, sd_jwt)
}

/// The base64url parts of a compact JWS or an SD-JWT (`.` and `~` separate them), decoded.
fn parts(text: &[u8]) -> Option<Vec<Vec<u8>>> {
    std::str::from_utf8(text)
        .ok()?
        .split(['.', '~'])
        .map(|part| URL_SAFE_NO_PAD.decode(part).ok())
        .collect()
}

#[test]
fn a_changed_data_integrity_credential_keeps_its_integrity_only_when_its_json_is_unchanged() {
    let (signed, _, _) = credential();
    let original = serde_json::to_vec_pretty(&signed).unwrap();
    let verifier = Verifier::builder().build();
    assert!(intact(&verifier.verify(&original)));
    for (what, bytes) in corrupted(&original, 40) {
        let report = verifier.verify(&bytes);
        if intact(&report) {
            let read: Option<Value> = serde_json::from_slice(&bytes).ok();
            assert_eq!(read.as_ref(), Some(&signed), "{what} verified");
        }
    }
}

#[test]
fn a_changed_vc_jose_token_keeps_its_integrity_only_when_its_bytes_decode_the_same() {
    let (_, token, _) = credential();
    let verifier = Verifier::builder().build();
    assert!(intact(&verifier.verify(token.as_bytes())));
    let signed = parts(token.as_bytes()).unwrap();
    for (what, bytes) in corrupted(token.as_bytes(), 40) {
        let report = verifier.verify(&bytes);
        if intact(&report) {
            assert_eq!(parts(&bytes).as_ref(), Some(&signed), "{what} verified");
        }
    }
}

#[test]
fn a_changed_sd_jwt_keeps_its_integrity_only_when_its_parts_decode_the_same() {
    let (_, _, sd_jwt) = credential();
    assert!(sd_jwt.matches('~').count() >= 3, "disclosures: {sd_jwt}");
    let verifier = Verifier::builder().build();
    assert!(intact(&verifier.verify(sd_jwt.as_bytes())));
    let signed = parts(sd_jwt.as_bytes()).unwrap();
    for (what, bytes) in corrupted(sd_jwt.as_bytes(), 60) {
        let report = verifier.verify(&bytes);
        if intact(&report) {
            // The signed JWT as it was, and only disclosures the issuer made (a holder may
            // withhold some, so a copy cut after a `~` may pass).
            let read = parts(&bytes).expect("base64url parts");
            assert_eq!(read[..3], signed[..3], "{what} kept its integrity");
            assert!(
                read[3..].iter().all(|d| d.is_empty() || signed.contains(d)),
                "{what} kept its integrity with another disclosure"
            );
        }
    }
}
