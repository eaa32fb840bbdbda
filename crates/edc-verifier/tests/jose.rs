//! VC-JOSE through the verifier: the W3C vc-jose-cose suite's JOSE verification cases give the
//! outcome the suite's mapping (`derived/w3c-vc-jose-cose-test-suite/test-mapping.json`) names.

use edc_did::PublicKey;
use edc_signer::KeyRegistry;
use edc_testkit::{files_in, shared_path};
use edc_verifier::{CheckName, Outcome, Verifier};
use serde_json::Value;

#[test]
fn jose_verification_cases_give_the_mapped_integrity_outcome() {
    let Some(input) = shared_path("vectors/w3c+vc-jose-cose-test-suite/tests/input") else {
        return;
    };
    let Some(mapping) =
        shared_path("vectors/derived/w3c-vc-jose-cose-test-suite/test-mapping.json")
    else {
        return;
    };
    let mapping: Value = serde_json::from_slice(&std::fs::read(mapping).unwrap()).unwrap();
    let mut keys = KeyRegistry::new();
    for file in files_in(&input, &[".json"])
        .iter()
        .filter(|f| f.file_name().unwrap().to_str().unwrap().starts_with("vm-"))
    {
        let vm: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
        if let (Some(kid), Ok(key)) = (
            vm["publicKeyJwk"]["kid"].as_str(),
            PublicKey::from_jwk(&vm["publicKeyJwk"]),
        ) {
            keys.insert(kid, key);
        }
    }
    let verifier = Verifier::builder().jwt_keys(keys).build();
    let (mut cases, mut wrong) = (0, Vec::new());
    for (name, case) in mapping["JOSETestMapping"].as_object().unwrap() {
        if case["fn"] != "verify" {
            continue;
        }
        cases += 1;
        let token = std::fs::read(input.join(case["input_file"].as_str().unwrap())).unwrap();
        let report = verifier.verify(&token);
        let ok = matches!(report.get(CheckName::Integrity), Some(Outcome::Ok(_)));
        if ok != (case["expected_result"] == "success") {
            wrong.push(format!("{name}: {:?}", report.get(CheckName::Integrity)));
        }
    }
    eprintln!("{cases} JOSE verification cases");
    assert!(cases >= 4);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
