//! did:web resolution through a caller-supplied fetcher and a cache directory: the document
//! comes from the did:web URL (did:web method specification: `did:web:host:path` →
//! `https://host/path/did.json`), its `id` must be the DID, and a fetched document is cached.
//! The key is a did-method-key vector's P-256 JWK; the expectation is that vector's did:key.

use edc_context::{get_only, FetchError, FetchErrorKind, SharedFetcher};
use edc_did::{did_web_url, Resolver};
use edc_testkit::shared_path;
use serde_json::{json, Value};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

/// The did-method-key vector with a P-256 JWK: its did:key and its verification method.
fn p256_vector() -> Option<(String, Value)> {
    let path = shared_path("vectors/w3c-ccg+did-method-key/test-vectors/nist-curves.json")?;
    let vectors: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    vectors
        .as_object()
        .unwrap()
        .iter()
        .find(|(_, v)| v["verificationMethod"]["publicKeyJwk"]["crv"] == "P-256")
        .map(|(did, vector)| (did.clone(), vector.clone()))
}

#[test]
fn did_web_documents_are_fetched_checked_and_cached() {
    let Some((did_key, vector)) = p256_vector() else {
        return;
    };
    let did = "did:web:issuer.example.eu:org:unit";
    assert_eq!(
        did_web_url(did).unwrap(),
        "https://issuer.example.eu/org/unit/did.json"
    );
    let document = json!({
        "@context": ["https://www.w3.org/ns/did/v1"],
        "id": did,
        "verificationMethod": [{
            "id": format!("{did}#seal-1"),
            "type": "JsonWebKey2020",
            "controller": did,
            "publicKeyJwk": vector["verificationMethod"]["publicKeyJwk"],
        }],
    });
    let fetched = Arc::new(AtomicUsize::new(0));
    let counter = fetched.clone();
    let served = document.to_string();
    let fetch: SharedFetcher = get_only(move |url: &str| {
        counter.fetch_add(1, Ordering::SeqCst);
        if url == "https://issuer.example.eu/org/unit/did.json" {
            Ok(served.clone().into_bytes())
        } else {
            Err(FetchError::new(
                FetchErrorKind::Status(404),
                format!("404 for {url}"),
            ))
        }
    });
    let cache = std::env::temp_dir().join(format!("edc-did-web-{}", std::process::id()));
    std::fs::remove_dir_all(&cache).ok();

    // Offline, the resolver says where the document is published.
    let offline = Resolver::new()
        .resolve(&format!("{did}#seal-1"))
        .unwrap_err();
    assert!(offline
        .to_string()
        .contains("https://issuer.example.eu/org/unit/did.json"));

    let expected = Resolver::new().resolve(&did_key).unwrap();
    let online = Resolver::new()
        .with_cache_dir(&cache)
        .with_fetcher(fetch.clone());
    assert_eq!(online.resolve(&format!("{did}#seal-1")).unwrap(), expected);
    assert_eq!(fetched.load(Ordering::SeqCst), 1);

    // The cached copy serves a resolver without the network.
    let cached = Resolver::new().with_cache_dir(&cache);
    assert_eq!(cached.resolve(&format!("{did}#seal-1")).unwrap(), expected);
    assert!(cached.resolve(&format!("{did}#other")).is_err());

    // A document whose id is another DID is refused.
    let liar = get_only(|_: &str| {
        Ok(
            json!({"id": "did:web:attacker.example", "verificationMethod": []})
                .to_string()
                .into_bytes(),
        )
    });
    let refused = Resolver::new()
        .with_fetcher(liar)
        .resolve("did:web:victim.example#key-1")
        .unwrap_err();
    assert!(refused.to_string().contains("another id"), "{refused}");
    std::fs::remove_dir_all(&cache).ok();
}

/// An https controller document (an issuer profile listing its keys) is fetched once per
/// resolution, must carry the URL it was fetched from as its `id`, and authorises a key only
/// for the relationships it lists it under.
#[test]
fn https_controllers_are_fetched_once_checked_and_authorise_by_relationship() {
    let Some((did_key, vector)) = p256_vector() else {
        return;
    };
    let expected = Resolver::new().resolve(&did_key).unwrap();
    let url = "https://issuer.example.eu/profile";
    let jwk = vector["verificationMethod"]["publicKeyJwk"].clone();
    let profile = move |id: &str| {
        json!({
            "id": id,
            "verificationMethod": [
                {"id": format!("{url}#sign"), "type": "JsonWebKey2020", "controller": url, "publicKeyJwk": jwk},
                {"id": "#login", "type": "JsonWebKey2020", "controller": url, "publicKeyJwk": jwk},
            ],
            "assertionMethod": [format!("{url}#sign")],
            "authentication": ["#login"],
        })
        .to_string()
        .into_bytes()
    };
    let fetched = Arc::new(AtomicUsize::new(0));
    let counter = fetched.clone();
    let honest = profile.clone();
    let resolver = Resolver::new().with_fetcher(get_only(move |asked: &str| {
        counter.fetch_add(1, Ordering::SeqCst);
        if asked == url {
            Ok(honest(url))
        } else {
            Err(FetchError::new(FetchErrorKind::Status(404), asked))
        }
    }));
    let sign = format!("{url}#sign");
    assert_eq!(
        resolver.resolve_for(&sign, "assertionMethod").unwrap(),
        expected
    );
    assert_eq!(
        fetched.load(Ordering::SeqCst),
        1,
        "one fetch per resolution"
    );
    // Listed only for logging in: not a key that may sign credentials.
    let login = format!("{url}#login");
    assert_eq!(
        resolver.resolve_for(&login, "authentication").unwrap(),
        expected
    );
    let refused = resolver.resolve_for(&login, "assertionMethod").unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("not listed under assertionMethod"),
        "{refused}"
    );
    // A document served at one URL that names another is not that URL's controller document.
    let liar = Resolver::new().with_fetcher(get_only(move |_: &str| {
        Ok(profile("https://victim.example/profile"))
    }));
    let refused = liar.resolve_for(&sign, "assertionMethod").unwrap_err();
    assert!(refused.to_string().contains("another id"), "{refused}");
    // Offline, the error says where the document is published and what to do.
    let offline = Resolver::new()
        .resolve_for(&sign, "assertionMethod")
        .unwrap_err();
    assert!(
        offline.to_string().contains("--controller FILE"),
        "{offline}"
    );
}
