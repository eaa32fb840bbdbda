//! Interop through HTTP with Digital Bazaar's vc.js (the reference peer in
//! `shared/tools/peers/node`): credentials `edc serve` issues (eddsa-rdfc-2022,
//! ecdsa-rdfc-2019, with status entries) verify there, and the peer's verify through the
//! server.

mod common;

use common::Live;
use edc_did::{did_key, KeyPair, KeyType};
use edc_testkit::{node_peer, shared_dir};
use serde_json::json;

#[test]
fn edc_serve_and_vc_js_verify_each_other() {
    let Some(shared) = shared_dir() else { return };
    let Some(peer) = node_peer() else { return };
    let live = Live::start("interop", |_| {});
    let dir = common::scratch("interop-files");
    for (issuer, suite, key_type) in [
        (&live.dids[0], "eddsa-rdfc-2022", KeyType::Ed25519),
        (&live.dids[1], "ecdsa-rdfc-2019", KeyType::P256),
    ] {
        // The server issues; vc.js verifies (its status check stubbed: it cannot fetch).
        let (status, body) = live.post(
            "/credentials/issue",
            &json!({
                "credential": {
                    "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
                    "id": format!("urn:uuid:interop-{suite}"),
                    "type": ["VerifiableCredential", "ExampleAchievementCredential"],
                    "issuer": issuer,
                    "credentialSubject": {"id": "did:example:ada", "name": "Ada"}
                },
                "options": {"cryptosuite": suite}
            }),
        );
        assert_eq!(status, 201, "{body}");
        let issued = dir.join(format!("issued-{suite}.json"));
        std::fs::write(&issued, body["verifiableCredential"].to_string()).unwrap();
        let output = edc_testkit::peer_di(&peer, &shared, &["verify", issued.to_str().unwrap()]);
        assert!(
            output.status.success(),
            "{suite}: vc.js did not verify what edc serve issued: {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );

        // vc.js signs; the server verifies.
        let key = KeyPair::generate(key_type);
        let (did, method) = did_key(&key.public_key());
        let key_file = dir.join(format!("key-{suite}.json"));
        std::fs::write(
            &key_file,
            json!({
                "type": "Multikey", "id": method, "controller": did,
                "publicKeyMultibase": key.public_key().to_multikey(),
                "secretKeyMultibase": *key.to_secret_multikey(),
            })
            .to_string(),
        )
        .unwrap();
        let unsigned = dir.join(format!("unsigned-{suite}.json"));
        std::fs::write(
            &unsigned,
            json!({
                "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
                "type": ["VerifiableCredential"],
                "issuer": did,
                "validFrom": "2024-01-01T00:00:00Z",
                "credentialSubject": {"id": "did:example:ada", "name": "Ada"}
            })
            .to_string(),
        )
        .unwrap();
        let output = edc_testkit::peer_di(
            &peer,
            &shared,
            &[
                "sign",
                key_file.to_str().unwrap(),
                unsigned.to_str().unwrap(),
                suite,
            ],
        );
        assert!(
            output.status.success(),
            "vc.js did not sign: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let signed: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let (status, body) = live.post(
            "/credentials/verify",
            &json!({"verifiableCredential": signed}),
        );
        assert_eq!(
            status, 200,
            "{suite}: the server did not verify vc.js's credential: {body}"
        );
        // And a changed claim is refused.
        let mut changed = signed.clone();
        changed["credentialSubject"]["name"] = json!("Mallory");
        assert_eq!(
            live.post(
                "/credentials/verify",
                &json!({"verifiableCredential": changed})
            )
            .0,
            400
        );
    }
}
