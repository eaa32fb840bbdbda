//! Interop with Digital Bazaar's vc.js (the reference peer in `shared/tools/peers/node`): a
//! European Digital Credential we sign with eddsa-rdfc-2022 or ecdsa-rdfc-2019 verifies there, and
//! one it signs verifies here.

use edc_did::{did_key, KeyPair, KeyType};
use edc_model::Document;
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
use edc_testkit::{node_peer, shared_dir};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// AA-Annex1-MC's credential, its issuer given the key's DID (vc.js requires the issuer to be the
/// key's controller).
fn edc_for(shared: &Path, did: &str) -> Value {
    let bytes =
        std::fs::read(shared.join("europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld"))
            .unwrap();
    let mut credential = Document::from_slice(&bytes).unwrap().json_ld();
    credential["issuer"]["id"] = Value::String(did.to_string());
    credential
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("edc-interop-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn edcs_signed_here_verify_in_vc_js_and_the_reverse() {
    let Some(shared) = shared_dir() else { return };
    let Some(peer) = node_peer() else { return };
    let di = DataIntegrity::default();
    for (key_type, suite) in [
        (KeyType::Ed25519, Cryptosuite::EddsaRdfc2022),
        (KeyType::P256, Cryptosuite::EcdsaRdfc2019),
    ] {
        let dir = scratch(suite.name());
        let key = KeyPair::generate(key_type);
        let (did, method) = did_key(&key.public_key());

        // Ours → vc.js.
        let signed = di
            .sign(
                &edc_for(&shared, &did),
                &key,
                &ProofOptions::new(suite, &method).created("2024-05-28T09:52:16Z"),
            )
            .unwrap();
        let ours = dir.join("signed-by-edc.json");
        std::fs::write(&ours, serde_json::to_string_pretty(&signed).unwrap()).unwrap();
        let output = edc_testkit::peer_di(&peer, &shared, &["verify", ours.to_str().unwrap()]);
        assert!(
            output.status.success(),
            "{}: vc.js did not verify our proof: {}{}",
            suite.name(),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );

        // vc.js → ours, with the same key.
        let key_file = dir.join("key.json");
        let pair = json!({
            "type": "Multikey",
            "id": method,
            "controller": did,
            "publicKeyMultibase": key.public_key().to_multikey(),
            "secretKeyMultibase": *key.to_secret_multikey(),
        });
        std::fs::write(&key_file, pair.to_string()).unwrap();
        let unsigned = dir.join("unsigned.json");
        std::fs::write(&unsigned, edc_for(&shared, &did).to_string()).unwrap();
        let output = edc_testkit::peer_di(
            &peer,
            &shared,
            &[
                "sign",
                key_file.to_str().unwrap(),
                unsigned.to_str().unwrap(),
                suite.name(),
            ],
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let theirs: Value = serde_json::from_slice(&output.stdout).unwrap();
        let checks = di.verify(&theirs);
        assert_eq!(checks.len(), 1);
        assert!(
            checks[0].is_verified(),
            "{}: vc.js's proof does not verify here: {:?}",
            suite.name(),
            checks[0]
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
