//! Open Badges 3.0 through the verifier, offline: the 1EdTech specification's signed
//! OpenBadgeCredential (eddsa-rdfc-2022, a `#z6Mk…` method under the issuer's https profile)
//! verifies with the OB 3.0 context given as a file and the issuer's controller document given
//! as a value — never from the fragment alone. Derived negatives fail for the right check: an
//! altered achievement (integrity), another key in the controller document (integrity), an
//! expired badge signed with the specification's key (validity period). The pre-standard
//! cryptosuite name `eddsa-2022` is read as eddsa-rdfc-2022, with a warning.

use edc_context::{DocumentLoader, HashAlgorithm, JsonLdProcessor};
use edc_did::{KeyPair, Resolver};
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
use edc_testkit::shared_path;
use edc_verifier::{CheckName, Outcome, Verdict, Verifier};
use serde_json::{json, Value};
use std::path::Path;

const OB_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
const ISSUER: &str = "https://example.edu/issuers/565049";

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The issuer's controller document, listing `key` (publicKeyMultibase) under its method id.
fn controller(method: &str, key: &str) -> Value {
    json!({
        "id": ISSUER,
        "verificationMethod": [{"id": method, "type": "Multikey", "controller": ISSUER, "publicKeyMultibase": key}],
        "assertionMethod": [method]
    })
}

fn verifier(context: &Path, controller: Option<Value>) -> Verifier {
    let loader = DocumentLoader::new().with_file(OB_CONTEXT, context);
    let mut resolver = Resolver::new();
    if let Some(document) = controller {
        resolver = resolver.with_document(document);
    }
    Verifier::builder()
        .loader(loader)
        .resolver(resolver)
        .trusted_dids([ISSUER])
        .build()
}

#[test]
fn the_specifications_signed_badge_verifies_and_derived_forgeries_fail() {
    let (Some(vectors), Some(context)) = (
        shared_path("vectors/derived/1EdTech-ob3-clr2-eddsa-rdfc-2022"),
        shared_path("vectors/1EdTech+openbadges-specification/ob_v3p0/context-3.0.3.json"),
    ) else {
        return;
    };
    let signed = read(&vectors.join("ob-signed.json"));
    let keypair = read(&vectors.join("ob-keypair.json"));
    let method = keypair["verificationMethod"].as_str().unwrap();
    let public = keypair["publicKeyMultibase"].as_str().unwrap();
    let good = verifier(&context, Some(controller(method, public)));

    let report = good.verify(signed.to_string().as_bytes());
    assert_eq!(report.verdict(), Verdict::Verified, "{:?}", report.checks);
    assert!(matches!(
        report.get(CheckName::Format),
        Some(Outcome::Ok(_))
    ));

    // The fragment names a key, but without the controller's document nothing says the
    // issuer holds it.
    let report = verifier(&context, None).verify(signed.to_string().as_bytes());
    match report.get(CheckName::Integrity) {
        Some(Outcome::Skipped(why)) => assert!(why.contains("--controller"), "{why}"),
        other => panic!("{other:?}"),
    }

    // An altered achievement.
    let mut altered = signed.clone();
    altered["credentialSubject"]["achievement"]["name"] = json!("Master of Everything");
    let report = good.verify(altered.to_string().as_bytes());
    assert!(
        matches!(report.get(CheckName::Integrity), Some(Outcome::Failed(_))),
        "{:?}",
        report.checks
    );
    assert_eq!(report.verdict(), Verdict::Failed);

    // The controller document lists another key under the method's id.
    let other = KeyPair::generate(edc_did::KeyType::Ed25519)
        .public_key()
        .to_multikey();
    let report =
        verifier(&context, Some(controller(method, &other))).verify(signed.to_string().as_bytes());
    assert!(
        matches!(report.get(CheckName::Integrity), Some(Outcome::Failed(_))),
        "{:?}",
        report.checks
    );

    // Expired: the unsigned badge with a past validUntil, signed with the specification's key.
    let key =
        KeyPair::from_secret_multikey(keypair["secretKeyMultibase"].as_str().unwrap()).unwrap();
    let mut unsigned = read(&vectors.join("ob-unsigned.json"));
    unsigned["validUntil"] = json!("2020-01-01T00:00:00Z");
    let loader = DocumentLoader::new().with_file(OB_CONTEXT, &context);
    let signer = DataIntegrity::new(JsonLdProcessor::new(loader));
    let expired = signer
        .sign(
            &unsigned,
            &key,
            &ProofOptions::new(Cryptosuite::EddsaRdfc2022, method),
        )
        .unwrap();
    let report = good.verify(expired.to_string().as_bytes());
    assert!(
        matches!(report.get(CheckName::Integrity), Some(Outcome::Ok(_))),
        "{:?}",
        report.checks
    );
    assert!(matches!(
        report.get(CheckName::ValidityPeriod),
        Some(Outcome::Failed(_))
    ));
    assert_eq!(report.verdict(), Verdict::Failed);

    // The same badge proved under the pre-standard name `eddsa-2022`.
    let mut config = json!({
        "type": "DataIntegrityProof", "cryptosuite": "eddsa-2022", "created": "2010-01-01T19:23:24Z",
        "verificationMethod": method, "proofPurpose": "assertionMethod",
    });
    config["@context"] = unsigned["@context"].clone();
    let unsigned = read(&vectors.join("ob-unsigned.json"));
    let input = signer
        .signing_input(&unsigned, &config, HashAlgorithm::Sha256)
        .unwrap();
    let mut proof = config.clone();
    proof.as_object_mut().unwrap().remove("@context");
    proof["proofValue"] = json!(edc_did::encode_multibase(&key.sign(&input.hash_data)));
    let mut legacy = unsigned.clone();
    legacy["proof"] = proof;
    let report = good.verify(legacy.to_string().as_bytes());
    assert_eq!(report.verdict(), Verdict::Verified, "{:?}", report.checks);
    match report.get(CheckName::Integrity) {
        Some(Outcome::Ok(why)) => assert!(why.contains("eddsa-2022"), "{why}"),
        other => panic!("{other:?}"),
    }
}
