//! `ecdsa-sd-2023` derived proofs, against the W3C VC DI ECDSA test vectors
//! (`TestVectors/ecdsa-sd-2023/{employ,prc}`): the derived proof value parses into the vector's
//! components (`verifyDerivedProofValue.json`), the disclosed statements relabelled and sorted
//! are the vector's (`verifyNQuads.json`), the proof hash and non-mandatory statements are the
//! vector's (`verifyCreateVerifyData.json`), the revealed document verifies, and changing a
//! disclosed value or dropping a statement's signature breaks it.

use edc_context::{DocumentLoader, JsonLdProcessor};
use edc_signer::{parse_derived_proof_value, DataIntegrity, ProofCheck};
use edc_testkit::shared_path;
use serde_json::Value;
use std::path::Path;

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn integrity(vectors: &Path) -> DataIntegrity {
    let loader = edc_testkit::citizenship_contexts(vectors)
        .into_iter()
        .fold(DocumentLoader::new(), |l, (iri, file)| {
            l.with_file(iri, file)
        });
    DataIntegrity::new(JsonLdProcessor::new(loader))
}

#[test]
fn derived_proofs_match_the_vectors_and_verify() {
    let Some(vectors) = shared_path("vectors") else {
        return;
    };
    let integrity = integrity(&vectors);
    for case in ["employ", "prc"] {
        let dir = vectors
            .join("w3c+vc-di-ecdsa/TestVectors/ecdsa-sd-2023")
            .join(case);
        let revealed = read(&dir.join("derivedRevealDocument.json"));
        let proof = revealed["proof"].as_object().unwrap().clone();
        let derived = parse_derived_proof_value(proof["proofValue"].as_str().unwrap()).unwrap();

        let expected = read(&dir.join("verifyDerivedProofValue.json"));
        assert_eq!(
            hex(&derived.base_signature),
            expected["baseSignature"],
            "{case}"
        );
        let key = edc_did::decode_multibase(expected["publicKey"].as_str().unwrap()).unwrap();
        assert_eq!(derived.public_key, key, "{case}");
        let signatures: Vec<String> = derived.signatures.iter().map(|s| hex(s)).collect();
        assert_eq!(Value::from(signatures), expected["signatures"], "{case}");
        let labels: Vec<Value> = derived
            .label_map
            .iter()
            .map(|(k, v)| Value::from(vec![k.clone(), v.clone()]))
            .collect();
        let mut want: Vec<Value> = expected["labelMap"].as_array().unwrap().clone();
        want.sort_by_key(|pair| pair[0].as_str().unwrap().to_string());
        assert_eq!(labels, want, "{case}");
        assert_eq!(
            Value::from(derived.mandatory_indexes.clone()),
            expected["mandatoryIndexes"],
            "{case}"
        );

        let data = integrity
            .ecdsa_sd_verify_data(&revealed, &proof, &derived)
            .unwrap();
        assert_eq!(
            Value::from(data.statements.clone()),
            read(&dir.join("verifyNQuads.json")),
            "{case}"
        );
        let verify_data = read(&dir.join("verifyCreateVerifyData.json"));
        assert_eq!(hex(&data.proof_hash), verify_data["proofHash"], "{case}");
        assert_eq!(
            Value::from(data.non_mandatory.clone()),
            verify_data["nonMandatory"],
            "{case}"
        );
        assert_eq!(
            hex(&data.mandatory_hash),
            verify_data["mandatoryHash"],
            "{case}"
        );

        let checks = integrity.verify(&revealed);
        assert!(
            matches!(checks.as_slice(), [ProofCheck::Verified { .. }]),
            "{case}: {checks:?}"
        );
    }
}

#[test]
fn a_changed_disclosure_or_a_missing_signature_fails() {
    let Some(vectors) = shared_path("vectors") else {
        return;
    };
    let integrity = integrity(&vectors);
    let dir = vectors.join("w3c+vc-di-ecdsa/TestVectors/ecdsa-sd-2023/employ");
    let revealed = read(&dir.join("derivedRevealDocument.json"));
    let text = revealed.to_string();
    assert!(text.contains("\"Bahamas\""));
    let changed: Value = serde_json::from_str(&text.replace("\"Bahamas\"", "\"Bermuda\"")).unwrap();
    assert!(matches!(
        integrity.verify(&changed).as_slice(),
        [ProofCheck::Invalid(_)]
    ));
    // Drop one statement's signature: the counts no longer agree.
    let proof = revealed["proof"].as_object().unwrap();
    let mut derived = parse_derived_proof_value(proof["proofValue"].as_str().unwrap()).unwrap();
    derived.signatures.pop();
    let data = integrity
        .ecdsa_sd_verify_data(&revealed, proof, &derived)
        .unwrap();
    assert_eq!(data.non_mandatory.len(), derived.signatures.len() + 1);
    // A base proof (header d9 5d 00) is the holder's, not something to verify.
    assert!(parse_derived_proof_value("u2V0AhVhA").is_err());
}
