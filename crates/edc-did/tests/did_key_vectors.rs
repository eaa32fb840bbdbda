//! The did:key test vectors (w3c-ccg/did-method-key): from the secret key of each vector, the
//! public key, the DID and the verification method id we derive are the vector's.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use edc_did::{did_key, encode_multibase, resolve_verification_method, KeyPair, PublicKey};
use edc_testkit::shared_path;
use serde_json::Value;

fn vectors(name: &str) -> Option<serde_json::Map<String, Value>> {
    let path = shared_path(&format!(
        "vectors/w3c-ccg+did-method-key/test-vectors/{name}"
    ))?;
    let value: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    Some(value.as_object().unwrap().clone())
}

#[test]
fn ed25519_seeds_give_the_vector_dids() {
    let Some(vectors) = vectors("ed25519-x25519.json") else {
        return;
    };
    assert!(!vectors.is_empty());
    for (did, vector) in &vectors {
        let seed = hex(vector["seed"].as_str().unwrap());
        let mut secret = vec![0x80, 0x26];
        secret.extend(&seed);
        let key = KeyPair::from_secret_multikey(&encode_multibase(&secret)).unwrap();
        let (ours, method) = did_key(&key.public_key());
        assert_eq!(&ours, did);
        // Older vectors give the key in base58, newer ones as a Multikey.
        let pair = &vector["verificationKeyPair"];
        if let Some(b58) = pair["publicKeyBase58"].as_str() {
            assert_eq!(bs58_of(&key.public_key()), b58, "{did}");
        } else {
            // JsonWebKey2020 form: x is the raw Ed25519 public key.
            let x = URL_SAFE_NO_PAD
                .decode(pair["publicKeyJwk"]["x"].as_str().unwrap())
                .unwrap();
            assert_eq!(key.public_key().to_bytes(), x, "{did}");
        }
        assert_eq!(
            resolve_verification_method(&method).unwrap(),
            key.public_key()
        );
        let doc_method = vector["didDocument"]["verificationMethod"][0]["id"]
            .as_str()
            .unwrap();
        assert_eq!(doc_method, method);
    }
}

#[test]
fn nist_curve_jwks_give_the_vector_dids() {
    let Some(vectors) = vectors("nist-curves.json") else {
        return;
    };
    let mut checked = 0;
    for (did, vector) in &vectors {
        let method = &vector["verificationMethod"];
        let (codec, d, x): ([u8; 2], Vec<u8>, Option<Vec<u8>>) =
            if let Some(jwk) = method.get("privateKeyJwk") {
                let codec = match jwk["crv"].as_str().unwrap() {
                    "P-256" => [0x86, 0x26],
                    "P-384" => [0x87, 0x26],
                    "P-521" => [0x88, 0x26],
                    other => panic!("{did}: unexpected curve {other}"),
                };
                let d = URL_SAFE_NO_PAD.decode(jwk["d"].as_str().unwrap()).unwrap();
                (
                    codec,
                    d,
                    Some(URL_SAFE_NO_PAD.decode(jwk["x"].as_str().unwrap()).unwrap()),
                )
            } else {
                // The older P256Key2021 form: the secret scalar in base58.
                let d = edc_did::decode_multibase(&format!(
                    "z{}",
                    method["privateKeyBase58"].as_str().unwrap()
                ))
                .unwrap();
                let codec = if did.starts_with("did:key:zDna") {
                    [0x86, 0x26]
                } else {
                    [0x87, 0x26]
                };
                (codec, d, None)
            };
        let mut secret = codec.to_vec();
        secret.extend(d);
        let key = KeyPair::from_secret_multikey(&encode_multibase(&secret)).unwrap();
        assert_eq!(&did_key(&key.public_key()).0, did);
        if let Some(x) = x {
            // The vector's x coordinate is the compressed point without its first byte.
            assert_eq!(&key.public_key().to_bytes()[1..], &x[..]);
        }
        checked += 1;
    }
    assert!(checked >= 3, "{checked} P-256/P-384/P-521 vectors");
}

#[test]
fn the_w3c_di_key_pairs_round_trip_as_multikeys() {
    // The Data Integrity vectors' key pairs (eddsa: 32-byte seed form; ecdsa: P-256 and P-384).
    for (file, secret_member) in [
        (
            "vectors/w3c+vc-di-eddsa/TestVectors/keyPair.json",
            "privateKeyMultibase",
        ),
        (
            "vectors/w3c+vc-di-ecdsa/TestVectors/p256KeyPair.json",
            "secretKeyMultibase",
        ),
        (
            "vectors/w3c+vc-di-ecdsa/TestVectors/p384KeyPair.json",
            "secretKeyMultibase",
        ),
    ] {
        let Some(path) = shared_path(file) else {
            return;
        };
        let pair: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let secret = pair[secret_member].as_str().unwrap();
        let key = KeyPair::from_secret_multikey(secret).unwrap();
        assert_eq!(
            key.public_key().to_multikey(),
            pair["publicKeyMultibase"].as_str().unwrap(),
            "{file}"
        );
        assert_eq!(&*key.to_secret_multikey(), secret, "{file}");
        assert_eq!(
            PublicKey::from_multikey(pair["publicKeyMultibase"].as_str().unwrap()).unwrap(),
            key.public_key()
        );
    }
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap())
        .collect()
}

fn bs58_of(key: &PublicKey) -> String {
    edc_did::encode_multibase(&key.to_bytes())[1..].to_string()
}

#[test]
fn secp256k1_secrets_give_the_vector_dids() {
    let Some(vectors) = vectors("secp256k1.json") else {
        return;
    };
    assert!(!vectors.is_empty());
    for (did, vector) in &vectors {
        let pair = &vector["verificationKeyPair"];
        let key = match vector["seed"].as_str() {
            Some(seed) => {
                let mut secret = vec![0x81, 0x26];
                secret.extend(hex(seed));
                KeyPair::from_secret_multikey(&encode_multibase(&secret)).unwrap()
            }
            // The JsonWebKey2020 form.
            None => KeyPair::from_jwk(&pair["privateKeyJwk"]).unwrap(),
        };
        assert_eq!(&did_key(&key.public_key()).0, did);
        if let Some(b58) = vector["verificationKeyPair"]["publicKeyBase58"].as_str() {
            assert_eq!(bs58_of(&key.public_key()), b58, "{did}");
        }
    }
}

#[test]
fn jwks_read_and_write_as_the_vectors_give_them() {
    let Some(nist) = vectors("nist-curves.json") else {
        return;
    };
    let mut checked = 0;
    for (did, vector) in &nist {
        let method = &vector["verificationMethod"];
        let (Some(public), Some(private)) =
            (method.get("publicKeyJwk"), method.get("privateKeyJwk"))
        else {
            continue;
        };
        let key = KeyPair::from_jwk(private).unwrap();
        assert_eq!(&did_key(&key.public_key()).0, did);
        assert_eq!(PublicKey::from_jwk(public).unwrap(), key.public_key());
        assert_eq!(&key.public_key().to_jwk(), public, "{did}");
        let written: Value = serde_json::from_str(&key.to_private_jwk()).unwrap();
        assert_eq!(&written, private, "{did}");
        checked += 1;
    }
    assert!(checked >= 3);
    // did:jwk round trip for each key type.
    for key_type in [
        edc_did::KeyType::Ed25519,
        edc_did::KeyType::P256,
        edc_did::KeyType::P384,
        edc_did::KeyType::P521,
        edc_did::KeyType::Secp256k1,
    ] {
        let key = KeyPair::generate(key_type);
        let (did, method) = edc_did::did_jwk(&key.public_key());
        assert!(did.starts_with("did:jwk:ey"));
        assert_eq!(
            resolve_verification_method(&method).unwrap(),
            key.public_key()
        );
        let signature = key.sign(b"message");
        assert!(key.public_key().verify(b"message", &signature));
        assert!(!key.public_key().verify(b"massage", &signature));
    }
}

/// An EBSI natural-person did:key (multicodec jwk_jcs-pub) produced by an EBSI-conformant wallet,
/// as published in FIWARE/VCVerifier issue #48. Its key is a P-256 JWK; the DID we derive from
/// that key must be the wallet's, byte for byte.
#[test]
fn an_ebsi_jwk_jcs_did_key_from_a_wallet_resolves_and_is_reproduced() {
    let did = "did:key:z2dmzD81cgPx8Vki7JbuuMmFYrWPgYoytykUZ3eyqht1j9KbnPqt55NG29q8Re1ZVdg7X8RpqraEb9YaMyypYLzMyvre78pJ3Mz1GeN71YL1GBvwtNu5KtoDeT6D51hAY2VMemiqDihyqnTGHosBNRykPCYtLe8XiHfWFWMdc3XRvyeWXv";
    let public = resolve_verification_method(did).unwrap();
    assert_eq!(public.key_type(), edc_did::KeyType::P256);
    let jwk = public.to_jwk();
    assert_eq!(jwk["x"], "0d8YR3p21fwkBHeHSszWjTRG7bSf6I6KM2CYqj3vjN0");
    assert_eq!(jwk["y"], "FAP09I6JR3h1AZ39nK-0lamLJCvlEhOVzVkP3UCY6gE");
    let (ours, method) = edc_did::did_key_jwk_jcs(&public);
    assert_eq!(ours, did);
    assert_eq!(resolve_verification_method(&method).unwrap(), public);
}
