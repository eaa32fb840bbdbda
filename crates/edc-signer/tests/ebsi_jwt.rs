//! EBSI's VC-JWT 1.1 form on the EBSI-flavoured EDC examples: signed with ES256K, ES256 and EdDSA,
//! verified, read back by the model, and refused when a claim disagrees with the credential.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use edc_did::{did_jwk, KeyPair, KeyType};
use edc_model::{Document, DocumentKind};
use edc_signer::{sign_vc_jwt, verify_vc_jwt, JwtCheck, KeyRegistry};
use edc_testkit::{files_in, shared_dir};
use serde_json::Value;

#[test]
fn ebsi_examples_round_trip_as_vc_jwt() {
    let Some(shared) = shared_dir() else { return };
    let files: Vec<_> = files_in(&shared.join("europass/samples/ebsi-vcdm2"), &[".json"])
        .into_iter()
        .filter(|f| !f.ends_with("europass-edc-schema.json"))
        .collect();
    assert_eq!(files.len(), 6);
    let registry = KeyRegistry::new();
    for (file, key_type) in files.iter().zip(
        [KeyType::Secp256k1, KeyType::P256, KeyType::Ed25519]
            .iter()
            .cycle(),
    ) {
        let credential: Value =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
        let key = KeyPair::generate(*key_type);
        let (_, kid) = did_jwk(&key.public_key());
        let token = sign_vc_jwt(&credential, &key, &kid).unwrap();
        assert_eq!(
            verify_vc_jwt(&token, &registry),
            JwtCheck::Verified(credential.clone()),
            "{}",
            file.display()
        );

        // The model reads it as a JWT in the VC-JWT 1.1 form, with the same credential.
        let document = Document::from_str(&token).unwrap();
        assert_eq!(document.kind(), DocumentKind::Jwt);
        assert_eq!(
            serde_json::to_value(document.credential().unwrap()).unwrap(),
            credential
        );

        // A claim that disagrees with the credential is refused (re-signed, so only the claim differs).
        let parts: Vec<&str> = token.split('.').collect();
        let mut claims: Value =
            serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
        claims["iss"] = "did:example:someone-else".into();
        let input = format!(
            "{}.{}",
            parts[0],
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let forged = format!(
            "{input}.{}",
            URL_SAFE_NO_PAD.encode(key.sign(input.as_bytes()))
        );
        assert!(
            matches!(verify_vc_jwt(&forged, &registry), JwtCheck::Invalid(_)),
            "{}",
            file.display()
        );
        // And a changed byte breaks the signature.
        let mut tampered = token.clone();
        tampered.pop();
        tampered.push(if token.ends_with('A') { 'B' } else { 'A' });
        assert!(!matches!(
            verify_vc_jwt(&tampered, &registry),
            JwtCheck::Verified(_)
        ));
    }
}

#[test]
fn ebsi_examples_take_jcs_proofs_but_not_rdf_ones() {
    // The EBSI examples redefine the protected VC 2.0 term `description` (shared/README.md), so
    // their RDF cannot be computed and the RDF suites refuse them, naming the term; the JCS
    // suites sign the JSON as it is.
    use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
    let Some(shared) = shared_dir() else { return };
    let file = shared
        .join("europass/samples/ebsi-vcdm2/Microcredential---Data-and-software-business.json");
    let credential: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let di = DataIntegrity::default();
    for (key_type, suite) in [
        (KeyType::Ed25519, Cryptosuite::EddsaJcs2022),
        (KeyType::P256, Cryptosuite::EcdsaJcs2019),
    ] {
        let key = KeyPair::generate(key_type);
        let (_, method) = edc_did::did_key(&key.public_key());
        let signed = di
            .sign(&credential, &key, &ProofOptions::new(suite, method))
            .unwrap();
        assert!(di.verify(&signed)[0].is_verified(), "{}", suite.name());
    }
    let key = KeyPair::generate(KeyType::Ed25519);
    let (_, method) = edc_did::did_key(&key.public_key());
    let error = di
        .sign(
            &credential,
            &key,
            &ProofOptions::new(Cryptosuite::EddsaRdfc2022, method),
        )
        .unwrap_err();
    assert!(
        error.to_string().contains("protected term redefinition"),
        "{error}"
    );
}
