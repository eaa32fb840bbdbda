//! VC-JWTs signed with RSA (RS256, PS256, RS384, PS512), as Open Badges 3.0 issuers sign them:
//! the tokens are made by OpenSSL here (an independent signer), the key given as a JWK. A
//! changed payload or another key is refused.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use edc_signer::{verify_vc_jwt, JwtCheck, KeyRegistry};
use edc_testkit::pki::{openssl, openssl_available};
use serde_json::json;
use std::path::Path;

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

/// An RSA key made by OpenSSL, and its public JWK (modulus from `openssl rsa -modulus`).
fn rsa_key(dir: &Path, name: &str) -> serde_json::Value {
    let key = format!("{name}.pem");
    assert!(openssl(
        dir,
        &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            &key
        ]
    ));
    let output = std::process::Command::new("openssl")
        .args(["rsa", "-in", &key, "-noout", "-modulus"])
        .current_dir(dir)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let hex = text.trim().trim_start_matches("Modulus=");
    let n: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&hex[i..i + 2], 16).unwrap())
        .collect();
    json!({"kty": "RSA", "n": b64(&n), "e": b64(&[1, 0, 1])})
}

/// `header.payload` signed by OpenSSL with `alg`.
fn openssl_jwt(dir: &Path, key: &str, alg: &str, payload: &serde_json::Value) -> String {
    let header =
        json!({"alg": alg, "typ": "JWT", "kid": "https://example.edu/issuers/565049#key-1"});
    let input = format!(
        "{}.{}",
        b64(header.to_string().as_bytes()),
        b64(payload.to_string().as_bytes())
    );
    std::fs::write(dir.join("input"), &input).unwrap();
    let digest = format!("-sha{}", &alg[2..]);
    let mut args = vec!["dgst", digest.as_str(), "-sign", key, "-out", "signature"];
    if alg.starts_with("PS") {
        args.extend([
            "-sigopt",
            "rsa_padding_mode:pss",
            "-sigopt",
            "rsa_pss_saltlen:digest",
        ]);
    }
    args.push("input");
    assert!(openssl(dir, &args), "{alg}");
    let signature = std::fs::read(dir.join("signature")).unwrap();
    format!("{input}.{}", b64(&signature))
}

#[test]
fn rsa_vc_jwts_made_by_openssl_verify() {
    if !openssl_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("edc-jose-rsa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let jwk = rsa_key(&dir, "issuer");
    let other = rsa_key(&dir, "other");
    let issuer = "https://example.edu/issuers/565049";
    let payload = json!({
        "iss": issuer, "sub": "did:example:learner", "jti": "urn:uuid:1", "nbf": 1262304000,
        "vc": {
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "id": "urn:uuid:1", "issuer": issuer, "issuanceDate": "2010-01-01T00:00:00Z",
            "credentialSubject": {"id": "did:example:learner"}
        }
    });
    let mut keys = KeyRegistry::new();
    keys.insert_jwk("https://example.edu/issuers/565049#key-1", &jwk)
        .unwrap();
    let mut wrong = KeyRegistry::new();
    wrong
        .insert_jwk("https://example.edu/issuers/565049#key-1", &other)
        .unwrap();
    for alg in ["RS256", "PS256", "RS384", "PS512"] {
        let token = openssl_jwt(&dir, "issuer.pem", alg, &payload);
        assert!(
            matches!(verify_vc_jwt(&token, &keys), JwtCheck::Verified(_)),
            "{alg}: {:?}",
            verify_vc_jwt(&token, &keys)
        );
        assert!(
            matches!(verify_vc_jwt(&token, &wrong), JwtCheck::Invalid(_)),
            "{alg} with another key"
        );
        // The payload changed after signing.
        let mut parts: Vec<String> = token.split('.').map(str::to_string).collect();
        let mut changed = payload.clone();
        changed["sub"] = json!("did:example:eve");
        changed["vc"]["credentialSubject"]["id"] = json!("did:example:eve");
        parts[1] = b64(changed.to_string().as_bytes());
        let forged = parts.join(".");
        assert!(
            matches!(verify_vc_jwt(&forged, &keys), JwtCheck::Invalid(_)),
            "{alg} forged"
        );
    }
    // No key for the kid: could not check, saying which.
    let token = openssl_jwt(&dir, "issuer.pem", "RS256", &payload);
    match verify_vc_jwt(&token, &KeyRegistry::new()) {
        JwtCheck::CouldNotCheck(why) => assert!(why.contains("key-1"), "{why}"),
        other => panic!("{other:?}"),
    }
    std::fs::remove_dir_all(&dir).ok();
}
