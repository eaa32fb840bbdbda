//! VC-JOSE, VC-COSE and SD-JWT through the verifier: the W3C vc-jose-cose suite's verification
//! cases, each verified with the case's own key (as the suite's harness hands an implementation
//! its `key_file`), give the outcome the suite's mapping
//! (`derived/w3c-vc-jose-cose-test-suite/test-mapping.json`) names.

use edc_did::PublicKey;
use edc_signer::KeyRegistry;
use edc_testkit::{files_in, shared_path};
use edc_verifier::{CheckName, Outcome, Verifier};
use serde_json::Value;

#[test]
fn jose_cose_and_sd_jwt_verification_cases_give_the_mapped_integrity_outcome() {
    let Some(input) = shared_path("vectors/w3c+vc-jose-cose-test-suite/tests/input") else {
        return;
    };
    let Some(mapping) =
        shared_path("vectors/derived/w3c-vc-jose-cose-test-suite/test-mapping.json")
    else {
        return;
    };
    let mapping: Value = serde_json::from_slice(&std::fs::read(mapping).unwrap()).unwrap();
    let key_of = |file: &std::path::Path| {
        let vm: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        let kid = vm["publicKeyJwk"]["kid"].as_str().unwrap().to_string();
        (kid, PublicKey::from_jwk(&vm["publicKeyJwk"]).unwrap())
    };
    let suite_keys: Vec<(String, PublicKey)> = files_in(&input, &[".json"])
        .iter()
        .filter(|f| f.file_name().unwrap().to_str().unwrap().starts_with("vm-"))
        .map(|f| key_of(f))
        .collect();
    // The case's key, as the suite's harness hands it over. A presentation's credentials are
    // checked too (the harness checks only the presentation's token), so for a presentation the
    // verifier also knows the suite's other keys: its credentials' issuers' published keys.
    let case_verifier = |case: &Value| {
        let mut keys = KeyRegistry::new();
        let (kid, key) = key_of(&input.join(case["key_file"].as_str().unwrap()));
        keys.insert(&kid, key);
        if case["feature"]
            .as_str()
            .unwrap_or("")
            .contains("presentation")
        {
            for (kid, key) in &suite_keys {
                keys.insert(kid, key.clone());
            }
        }
        Verifier::builder().jwt_keys(keys).build()
    };
    let (mut count, mut wrong) = (0, Vec::new());
    let cases = mapping["JOSETestMapping"]
        .as_object()
        .unwrap()
        .iter()
        .chain(mapping["COSETestMapping"].as_object().unwrap())
        .chain(mapping["SDJWTTestMapping"].as_object().unwrap());
    for (name, case) in cases {
        if case["fn"] != "verify" {
            continue;
        }
        count += 1;
        let token = std::fs::read(input.join(case["input_file"].as_str().unwrap())).unwrap();
        let report = case_verifier(case).verify(&token);
        let integrity = report.get(CheckName::Integrity);
        let right = if case["expected_result"] == "success" {
            matches!(integrity, Some(Outcome::Ok(_)))
        } else if name.starts_with("9. ") {
            // Signed by the suite's P-521 key while the case hands over its Ed25519 key: the
            // token's key is unknown, so could not check — not a success, as the mapping says.
            matches!(integrity, Some(Outcome::Skipped(why)) if why.contains("KQsihxP"))
        } else {
            matches!(integrity, Some(Outcome::Failed(_)))
        };
        if !right {
            wrong.push(format!("{name}: {integrity:?}"));
        }
    }
    eprintln!("{count} JOSE, COSE and SD-JWT verification cases");
    assert!(count >= 18);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
