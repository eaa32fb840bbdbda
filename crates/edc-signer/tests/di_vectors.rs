//! The W3C Data Integrity test vectors, reproduced byte for byte: from the vector's key pair,
//! unsigned document and proof options we compute the same document hash, proof hash,
//! signature and signed document (Ed25519 and RFC 6979 ECDSA are deterministic). The signed
//! documents verify, and changing them breaks verification. `ecdsa-sd-2023` derived proofs match
//! the vectors' intermediate values and verify.

use edc_context::{DocumentLoader, HashAlgorithm, JsonLdProcessor};
use edc_did::KeyPair;
use edc_signer::{Cryptosuite, DataIntegrity, ProofCheck, ProofOptions};
use edc_testkit::{files_in, shared_path};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn read(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap().trim().to_string()
}

fn starting_with(files: &[PathBuf], prefix: &str) -> PathBuf {
    files
        .iter()
        .find(|f| f.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .cloned()
        .unwrap_or_else(|| panic!("no {prefix}* file"))
}

/// Data Integrity with the citizenship contexts the vectors use.
fn integrity(vectors: &Path) -> DataIntegrity {
    let loader = edc_testkit::citizenship_contexts(vectors)
        .into_iter()
        .fold(DocumentLoader::new(), |l, (iri, file)| {
            l.with_file(iri, file)
        });
    DataIntegrity::new(JsonLdProcessor::new(loader))
}

#[test]
fn signatures_and_signed_documents_are_reproduced() {
    let Some(vectors) = shared_path("vectors") else {
        return;
    };
    let di = integrity(&vectors);
    let cases = [
        (
            "w3c+vc-di-eddsa/TestVectors",
            "eddsa-rdfc-2022",
            "keyPair.json",
            "privateKeyMultibase",
        ),
        (
            "w3c+vc-di-eddsa/TestVectors",
            "Ed25519Signature2020",
            "keyPair.json",
            "privateKeyMultibase",
        ),
        (
            "w3c+vc-di-ecdsa/TestVectors",
            "ecdsa-rdfc-2019-p256",
            "p256KeyPair.json",
            "secretKeyMultibase",
        ),
        (
            "w3c+vc-di-ecdsa/TestVectors",
            "ecdsa-rdfc-2019-p384",
            "p384KeyPair.json",
            "secretKeyMultibase",
        ),
        (
            "w3c+vc-di-eddsa/TestVectors",
            "eddsa-jcs-2022",
            "keyPair.json",
            "privateKeyMultibase",
        ),
        (
            "w3c+vc-di-ecdsa/TestVectors",
            "ecdsa-jcs-2019-p256",
            "p256KeyPair.json",
            "secretKeyMultibase",
        ),
        (
            "w3c+vc-di-ecdsa/TestVectors",
            "ecdsa-jcs-2019-p384",
            "p384KeyPair.json",
            "secretKeyMultibase",
        ),
    ];
    let mut checked = 0;
    for (root, suite_dir, key_file, secret_member) in cases {
        let root = vectors.join(root);
        let key = KeyPair::from_secret_multikey(
            read(&root.join(key_file))[secret_member].as_str().unwrap(),
        )
        .unwrap();
        for (dir, input) in [
            (root.join(suite_dir), "unsigned.json"),
            (root.join(suite_dir).join("employ"), "employmentAuth.json"),
        ] {
            if !dir.is_dir() {
                continue;
            }
            let files = files_in(&dir, &[".txt", ".json"]);
            let config = read(&starting_with(&files, "proofConfig"));
            let suite = match config["type"].as_str().unwrap() {
                "DataIntegrityProof" => {
                    Cryptosuite::from_name(config["cryptosuite"].as_str().unwrap()).unwrap()
                }
                other => Cryptosuite::from_name(other).unwrap(),
            };
            let options = ProofOptions::new(suite, config["verificationMethod"].as_str().unwrap())
                .purpose(config["proofPurpose"].as_str().unwrap())
                .created(config["created"].as_str().unwrap());
            let unsigned = read(&root.join(input));
            let signed = di.sign(&unsigned, &key, &options).unwrap();
            let label = format!("{suite_dir} {input}");

            // The intermediate values.
            let hash = if suite_dir.ends_with("p384") {
                HashAlgorithm::Sha384
            } else {
                HashAlgorithm::Sha256
            };
            let document = DataIntegrity::with_suite_context(&unsigned, suite);
            let signing = di.signing_input(&document, &config, hash).unwrap();
            assert_eq!(
                signing.document_hash,
                text(&starting_with(&files, "docHash")),
                "{label}: document hash"
            );
            assert_eq!(
                signing.proof_hash,
                text(&starting_with(&files, "proofHash")),
                "{label}: proof hash"
            );
            let signature = key.sign(&signing.hash_data);
            let hex: String = signature.iter().map(|b| format!("{b:02x}")).collect();
            assert_eq!(
                hex,
                text(&starting_with(&files, "sigHex")),
                "{label}: signature"
            );

            // The signed document, member for member.
            assert_eq!(
                signed,
                read(&starting_with(&files, "signed")),
                "{label}: signed document"
            );
            assert!(
                di.verify(&signed).iter().all(ProofCheck::is_verified),
                "{label}: verifies"
            );
            checked += 1;
        }
    }
    // eddsa-rdfc-2022, ecdsa P-256 and P-384 have alumni and employment vectors; Ed25519Signature2020
    // has alumni only; the JCS suites, whatever their folders hold.
    assert!(checked >= 10, "{checked} vectors");
    eprintln!("{checked} Data Integrity vectors reproduced");
}

#[test]
fn a_changed_claim_or_signature_fails() {
    let Some(vectors) = shared_path("vectors") else {
        return;
    };
    let di = integrity(&vectors);
    let signed =
        read(&vectors.join("w3c+vc-di-eddsa/TestVectors/eddsa-rdfc-2022/signedDataInt.json"));
    assert!(di.verify(&signed)[0].is_verified());

    let mut changed = signed.clone();
    changed["credentialSubject"]["alumniOf"] = "Another School".into();
    assert!(matches!(di.verify(&changed)[0], ProofCheck::Invalid(_)));

    let mut forged = signed.clone();
    let value = forged["proof"]["proofValue"].as_str().unwrap().to_string();
    let flipped = if value.ends_with('e') { "f" } else { "e" };
    forged["proof"]["proofValue"] =
        Value::String(format!("{}{flipped}", &value[..value.len() - 1]));
    assert!(!di.verify(&forged)[0].is_verified());

    let mut unknown = signed.clone();
    unknown["proof"]["cryptosuite"] = "bbs-2023".into();
    assert!(matches!(
        di.verify(&unknown)[0],
        ProofCheck::CouldNotCheck(_)
    ));
}

#[test]
fn documents_signed_by_other_implementations_verify() {
    let Some(vectors) = shared_path("vectors") else {
        return;
    };
    let di = integrity(&vectors);
    let mut files: Vec<PathBuf> = files_in(
        &vectors.join("w3c-ccg+citizenship-vocab/examples"),
        &["-signed.jsonld"],
    );
    for (root, suite) in [
        ("w3c+vc-di-eddsa/TestVectors", "eddsa-rdfc-2022"),
        ("w3c+vc-di-eddsa/TestVectors", "Ed25519Signature2020"),
        ("w3c+vc-di-ecdsa/TestVectors", "ecdsa-rdfc-2019-p256"),
        ("w3c+vc-di-ecdsa/TestVectors", "ecdsa-rdfc-2019-p384"),
    ] {
        let dir = vectors.join(root).join(suite);
        files.extend(files_in(&dir, &[".json"]).into_iter().filter(|f| {
            f.file_name()
                .unwrap()
                .to_str()
                .unwrap()
                .starts_with("signed")
        }));
    }
    assert!(files.len() >= 6, "{files:?}");
    for file in &files {
        let checks = di.verify(&read(file));
        assert!(
            !checks.is_empty() && checks.iter().all(ProofCheck::is_verified),
            "{}: {checks:?}",
            file.display()
        );
    }
}

#[test]
fn proof_sets_and_chains_are_reproduced_and_verify() {
    let Some(dir) = shared_path("vectors/w3c+vc-di-eddsa/TestVectors/proof-set-chain") else {
        return;
    };
    let keys: Vec<KeyPair> = read(&dir.join("multiKeyPairs.json"))
        .as_object()
        .unwrap()
        .values()
        .map(|pair| {
            KeyPair::from_secret_multikey(pair["privateKeyMultibase"].as_str().unwrap()).unwrap()
        })
        .collect();
    let di = DataIntegrity::default();
    let mut document = read(&dir.join("unsigned.json"));
    for (config, expected) in [
        ("proofSetConfig1.json", "signedProofSet1.json"),
        ("proofSetConfig2.json", "signedProofSet2.json"),
        ("proofChainConfig1.json", "signedProofChain1.json"),
        ("proofChainConfig2.json", "signedProofChain2.json"),
    ] {
        let config = read(&dir.join(config));
        let method = config["verificationMethod"].as_str().unwrap();
        let key = keys
            .iter()
            .find(|k| method.ends_with(&k.public_key().to_multikey()))
            .expect("the vector's key");
        let mut options = ProofOptions::new(Cryptosuite::EddsaRdfc2022, method)
            .purpose(config["proofPurpose"].as_str().unwrap())
            .created(config["created"].as_str().unwrap());
        if let Some(id) = config["id"].as_str() {
            options = options.id(id);
        }
        match &config["previousProof"] {
            Value::String(id) => options = options.previous_proof(id),
            Value::Array(ids) => {
                for id in ids {
                    options = options.previous_proof(id.as_str().unwrap());
                }
            }
            _ => {}
        }
        document = di.sign(&document, key, &options).unwrap();
        assert_eq!(document, read(&dir.join(expected)), "{expected}");
        let checks = di.verify(&read(&dir.join(expected)));
        assert!(
            checks.iter().all(ProofCheck::is_verified),
            "{expected}: {checks:?}"
        );
    }
    // Removing a proof a chained proof names breaks the chain.
    let mut broken = read(&dir.join("signedProofChain2.json"));
    broken["proof"].as_array_mut().unwrap().remove(0);
    assert!(di
        .verify(&broken)
        .iter()
        .any(|c| matches!(c, ProofCheck::Invalid(_))));
}

#[test]
fn https_and_did_web_verification_methods_resolve_through_added_documents() {
    // A credential signed for an https issuer (as the W3C vectors and Open Badges do) verifies
    // once the caller adds the issuer's controller document; without it, it cannot be checked.
    use edc_did::{KeyPair as Pair, KeyType, Resolver};
    let key = Pair::generate(KeyType::Ed25519);
    let credential = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:web:issuer.example",
        "credentialSubject": {"id": "did:example:subject"}
    });
    for method in [
        "https://issuer.example/keys#key-1",
        "did:web:issuer.example#key-1",
    ] {
        let controller = method.split('#').next().unwrap();
        let signed = DataIntegrity::default()
            .sign(
                &credential,
                &key,
                &ProofOptions::new(Cryptosuite::EddsaRdfc2022, method),
            )
            .unwrap();
        assert!(matches!(
            DataIntegrity::default().verify(&signed)[0],
            ProofCheck::CouldNotCheck(_)
        ));
        let document = |relationship: &str| {
            serde_json::json!({
                "id": controller,
                "verificationMethod": [{"id": "#key-1", "type": "Multikey", "controller": controller,
                                        "publicKeyMultibase": key.public_key().to_multikey()}],
                relationship: ["#key-1"]
            })
        };
        let di = DataIntegrity::default()
            .with_resolver(Resolver::new().with_document(document("assertionMethod")));
        assert!(di.verify(&signed)[0].is_verified(), "{method}");
        // The same key listed only for authentication may not sign a credential.
        let di = DataIntegrity::default()
            .with_resolver(Resolver::new().with_document(document("authentication")));
        match &di.verify(&signed)[0] {
            ProofCheck::CouldNotCheck(why) => assert!(why.contains("assertionMethod"), "{why}"),
            other => panic!("{method}: {other:?}"),
        }
    }
    assert_eq!(
        edc_did::did_web_url("did:web:w3c-ccg.github.io:user:alice").unwrap(),
        "https://w3c-ccg.github.io/user/alice/did.json"
    );
    assert_eq!(
        edc_did::did_web_url("did:web:example.com").unwrap(),
        "https://example.com/.well-known/did.json"
    );
}

#[test]
fn signing_with_the_rdf_at_hand_gives_the_same_proof() {
    let Some(sample) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld")
    else {
        return;
    };
    let credential = edc_model::Document::from_slice(&std::fs::read(sample).unwrap())
        .unwrap()
        .json_ld();
    let key = KeyPair::generate(edc_did::KeyType::Ed25519);
    let (_, method) = edc_did::did_key(&key.public_key());
    let options =
        ProofOptions::new(Cryptosuite::EddsaRdfc2022, &method).created("2025-01-01T00:00:00Z");
    let di = DataIntegrity::default();
    // Ed25519 is deterministic: the same signing input gives the same proofValue.
    let expected = di.sign(&credential, &key, &options).unwrap();
    let document = DataIntegrity::with_suite_context(&credential, Cryptosuite::EddsaRdfc2022);
    let rdf = JsonLdProcessor::new(DocumentLoader::new())
        .to_rdf(&document, &edc_context::ToRdfOptions::strict())
        .unwrap();
    let signed = di
        .sign_with_dataset(&document, &rdf.dataset, &key, &options)
        .unwrap();
    assert_eq!(signed, expected);
    assert!(di.verify(&signed).iter().all(ProofCheck::is_verified));
    // Without the suite's context the RDF would not be what the proof signs: refused.
    assert!(di
        .sign_with_dataset(&credential, &rdf.dataset, &key, &options)
        .is_err());
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `ecdsa-sd-2023` derived proofs (`TestVectors/ecdsa-sd-2023/{employ,prc}`): the derived proof
/// value parses into the vector's components (`verifyDerivedProofValue.json`), the disclosed
/// statements relabelled and sorted are the vector's (`verifyNQuads.json`), the proof hash,
/// mandatory hash and non-mandatory statements are the vector's (`verifyCreateVerifyData.json`),
/// and the revealed document verifies.
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
        let derived =
            edc_signer::parse_derived_proof_value(proof["proofValue"].as_str().unwrap()).unwrap();

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

/// Changing a disclosed value, or dropping a statement's signature, breaks a derived proof.
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
    let mut derived =
        edc_signer::parse_derived_proof_value(proof["proofValue"].as_str().unwrap()).unwrap();
    derived.signatures.pop();
    let data = integrity
        .ecdsa_sd_verify_data(&revealed, proof, &derived)
        .unwrap();
    assert_eq!(data.non_mandatory.len(), derived.signatures.len() + 1);
    // A base proof (header d9 5d 00) is the holder's, not something to verify.
    assert!(edc_signer::parse_derived_proof_value("u2V0AhVhA").is_err());

    // Re-encoded without one statement's signature, or with a mandatory index beyond the
    // statements, or cut short, the proof is invalid (and nothing panics).
    use base64::Engine;
    let b64 = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let raw = b64
        .decode(&proof["proofValue"].as_str().unwrap()[1..])
        .unwrap();
    let components: ciborium::Value = ciborium::from_reader(&raw[3..]).unwrap();
    let with = |change: &dyn Fn(&mut Vec<ciborium::Value>)| {
        let mut parts = components.as_array().unwrap().clone();
        change(&mut parts);
        let mut bytes = raw[..3].to_vec();
        ciborium::into_writer(&ciborium::Value::Array(parts), &mut bytes).unwrap();
        let mut document = revealed.clone();
        document["proof"]["proofValue"] = Value::from(format!("u{}", b64.encode(&bytes)));
        integrity.verify(&document)
    };
    let unchanged = with(&|_| {});
    assert!(
        matches!(unchanged.as_slice(), [ProofCheck::Verified { .. }]),
        "{unchanged:?}"
    );
    let fewer = with(&|parts| {
        parts[2].as_array_mut().unwrap().pop();
    });
    assert!(
        matches!(fewer.as_slice(), [ProofCheck::Invalid(why)] if why.contains("signatures for")),
        "{fewer:?}"
    );
    let beyond = with(&|parts| {
        parts[4]
            .as_array_mut()
            .unwrap()
            .push(ciborium::Value::from(99));
    });
    assert!(
        matches!(beyond.as_slice(), [ProofCheck::Invalid(why)] if why.contains("beyond")),
        "{beyond:?}"
    );
    let mut cut = revealed.clone();
    let short = &proof["proofValue"].as_str().unwrap()[..60];
    cut["proof"]["proofValue"] = Value::from(short);
    assert!(matches!(
        integrity.verify(&cut).as_slice(),
        [ProofCheck::Invalid(_)]
    ));
}
