//! Status lists: the decoder against the decoded vectors (`derived/status-list-encodedList-vectors.json`,
//! decoded with Python's gzip), and the status check against Digital Bazaar's two signed
//! StatusList2021 credentials (revocation and suspension; the vector file says which bit they set).

use edc_testkit::shared_path;
use edc_verifier::{
    decode_status_list, status_bit, CheckName, Code, Outcome, StatusLists, Verifier,
};
use serde_json::{json, Value};

fn vectors() -> Option<Vec<Value>> {
    let path = shared_path("vectors/derived/status-list-encodedList-vectors.json")?;
    let file: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    Some(file["vectors"].as_array().unwrap().clone())
}

#[test]
fn encoded_lists_decode_to_the_vectors_bits() {
    let Some(vectors) = vectors() else { return };
    assert!(vectors.len() >= 8);
    for v in &vectors {
        let bits = decode_status_list(v["encodedList"].as_str().unwrap()).unwrap();
        assert_eq!(
            bits.len() as u64,
            v["decompressedBytes"].as_u64().unwrap(),
            "{}",
            v["source"]
        );
        let set: Vec<u64> = (0..bits.len() as u64 * 8)
            .filter(|&i| status_bit(&bits, i) == Some(true))
            .collect();
        let expected: Vec<u64> = v["setIndicesMsbFirst"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i.as_u64().unwrap())
            .collect();
        assert_eq!(set, expected, "{}", v["source"]);
    }
}

#[test]
fn a_set_bit_revokes_or_suspends_and_a_clear_bit_does_not() {
    let Some(vectors) = vectors() else { return };
    let Some(dir) = shared_path(
        "vectors/digitalbazaar+vc-status-list/tests/extracted-from-mock-sl-credentials.js",
    ) else {
        return;
    };
    let read = |name: &str| -> Value {
        serde_json::from_slice(&std::fs::read(dir.join(name)).unwrap()).unwrap()
    };
    let revocation = read("slCredentialRevocation.json");
    let suspension = read("slCredentialSuspension.json");
    // Which bit the mocks set, from the decoded vectors.
    let encoded = revocation["credentialSubject"]["encodedList"]
        .as_str()
        .unwrap();
    let vector = vectors
        .iter()
        .find(|v| v["encodedList"] == encoded)
        .expect("the mock's list is among the vectors");
    let set = vector["setIndicesMsbFirst"][0].as_u64().unwrap();
    let lists = StatusLists::new()
        .with_list(revocation["id"].as_str().unwrap(), revocation.clone())
        .with_list(suspension["id"].as_str().unwrap(), suspension.clone());
    let verifier = Verifier::builder().status_lists(lists).build();
    let issuer = revocation["issuer"].as_str().unwrap();
    let credential = |list: &Value, index: u64| {
        let purpose = list["credentialSubject"]["statusPurpose"].as_str().unwrap();
        json!({
            "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/vc/status-list/2021/v1"],
            "type": ["VerifiableCredential"],
            "issuer": issuer,
            "issuanceDate": "2022-06-02T16:00:21Z",
            "credentialSubject": {"id": "did:example:learner"},
            "credentialStatus": {
                "id": format!("{}#{index}", list["id"].as_str().unwrap()),
                "type": "StatusList2021Entry",
                "statusPurpose": purpose,
                "statusListIndex": index.to_string(),
                "statusListCredential": list["id"],
            }
        })
    };
    let status = |document: Value| {
        verifier
            .verify(document.to_string().as_bytes())
            .get(CheckName::Status)
            .unwrap()
            .clone()
    };
    for (list, word) in [(&revocation, "revoked"), (&suspension, "suspended")] {
        match status(credential(list, set)) {
            Outcome::Failed(why) => assert!(why.starts_with(word), "{why}"),
            other => panic!("index {set} should be {word}: {other:?}"),
        }
        for clear in [0, set - 7, set + 1] {
            match status(credential(list, clear)) {
                Outcome::Ok(why) => assert!(why.starts_with(&format!("not {word}")), "{why}"),
                other => panic!("index {clear} should not be {word}: {other:?}"),
            }
        }
    }
    // A list whose signature no longer matches is not believed.
    let mut forged = revocation.clone();
    forged["credentialSubject"]["encodedList"] = vectors[1]["encodedList"].clone();
    let forged_verifier = Verifier::builder()
        .status_lists(StatusLists::new().with_list(revocation["id"].as_str().unwrap(), forged))
        .build();
    let report = forged_verifier.verify(credential(&revocation, set).to_string().as_bytes());
    match report.get(CheckName::Status).unwrap() {
        Outcome::Failed(why) => assert!(why.code == Code::StatusListInvalid, "{why}"),
        other => panic!("a forged list must fail: {other:?}"),
    }
    // Without the list, the status could not be checked; that is not "revoked".
    let offline = Verifier::builder().build();
    let report = offline.verify(credential(&revocation, set).to_string().as_bytes());
    assert!(
        matches!(report.get(CheckName::Status), Some(Outcome::Skipped(_))),
        "{:?}",
        report.get(CheckName::Status)
    );
}

/// A Bitstring Status List credential of `key`'s DID with bit `set` of 131 072 set, and a
/// credential of the same issuer pointing at index `index` of the list at `url`; both signed
/// (eddsa-rdfc-2022) unless `sign_credential` is false.
fn issuer_with_list(
    url: &str,
    set: usize,
    index: usize,
    sign_credential: bool,
) -> (Vec<u8>, String) {
    use base64::Engine;
    use edc_did::{did_key, KeyPair, KeyType};
    use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
    use std::io::Write;
    let key = KeyPair::generate(KeyType::Ed25519);
    let (did, method) = did_key(&key.public_key());
    let mut bits = vec![0u8; 131_072 / 8];
    bits[set / 8] |= 0x80 >> (set % 8);
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(&bits).unwrap();
    let encoded = format!(
        "u{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(gzip.finish().unwrap())
    );
    let di = DataIntegrity::default();
    let options = ProofOptions::new(Cryptosuite::EddsaRdfc2022, &method);
    let list = di
        .sign(
            &json!({
                "@context": ["https://www.w3.org/ns/credentials/v2"],
                "id": "https://example.com/status/1",
                "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                "issuer": did,
                "validFrom": "2024-01-01T00:00:00Z",
                "credentialSubject": {
                    "id": "https://example.com/status/1#list",
                    "type": "BitstringStatusList",
                    "statusPurpose": "revocation",
                    "encodedList": encoded
                }
            }),
            &key,
            &options,
        )
        .unwrap();
    let credential = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
        "credentialStatus": {
            "id": format!("{url}#{index}"),
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": index.to_string(),
            "statusListCredential": url,
        }
    });
    let credential = if sign_credential {
        di.sign(&credential, &key, &options).unwrap()
    } else {
        credential
    };
    (list.to_string().into_bytes(), credential.to_string())
}

#[test]
fn lists_are_fetched_only_when_allowed_for_an_intact_credential_and_then_read_from_the_cache() {
    use std::sync::atomic::Ordering;
    // The credential names the list's URL: bind the port first.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!(
        "http://127.0.0.1:{}/status/1",
        listener.local_addr().unwrap().port()
    );
    let (list, credential) = issuer_with_list(&url, 7, 3, true);
    let (served, _) = edc_testkit::serve_bytes_on(listener, list, "application/json");
    let served_url = url.clone();
    let cache = std::env::temp_dir().join(format!("edc-status-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    let status = |lists: StatusLists, credential: &str| {
        Verifier::builder()
            .status_lists(lists)
            .build()
            .verify(credential.as_bytes())
            .get(CheckName::Status)
            .unwrap()
            .clone()
    };
    // The default network policy refuses a loopback address: could not check.
    let refused = status(
        StatusLists::new()
            .with_cache_dir(&cache)
            .allow_network(edc_context::NetworkPolicy::new()),
        &credential,
    );
    assert!(matches!(refused, Outcome::Skipped(_)), "{refused:?}");
    assert_eq!(served.load(Ordering::SeqCst), 0);
    // Allowed (this test set the server up itself).
    let policy = edc_context::NetworkPolicy::new()
        .allow_plain_http()
        .dangerous()
        .allow_local_addresses();
    // An unsigned credential naming the same list never makes the verifier fetch.
    let (_, unsigned) = issuer_with_list(&served_url, 7, 3, false);
    let not_fetched = status(
        StatusLists::new()
            .with_cache_dir(&cache)
            .allow_network(policy.clone()),
        &unsigned,
    );
    assert!(
        matches!(not_fetched, Outcome::Skipped(_)),
        "{not_fetched:?}"
    );
    assert_eq!(served.load(Ordering::SeqCst), 0);
    // A signed credential of another issuer: the list is fetched, fails the issuer check, and
    // is not cached.
    let (_, stranger) = issuer_with_list(&served_url, 7, 3, true);
    let wrong = status(
        StatusLists::new()
            .with_cache_dir(&cache)
            .allow_network(policy.clone()),
        &stranger,
    );
    assert!(
        matches!(&wrong, Outcome::Failed(why) if why.code == Code::StatusListInvalid && why.contains("issued by")),
        "{wrong:?}"
    );
    assert_eq!(served.load(Ordering::SeqCst), 1);
    assert!(!cache.exists() || std::fs::read_dir(&cache).unwrap().next().is_none());
    // The issuer's own credential: fetched, verified, cached.
    let fetched = status(
        StatusLists::new()
            .with_cache_dir(&cache)
            .allow_network(policy),
        &credential,
    );
    assert!(
        matches!(&fetched, Outcome::Ok(why) if why.starts_with("not revoked")),
        "{fetched:?}"
    );
    assert_eq!(served.load(Ordering::SeqCst), 2);
    // Offline, from the cache.
    let cached = status(StatusLists::new().with_cache_dir(&cache), &credential);
    assert_eq!(cached, fetched);
    assert_eq!(served.load(Ordering::SeqCst), 2);
    std::fs::remove_dir_all(&cache).unwrap();
}
