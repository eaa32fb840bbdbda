//! Members no context defines, in a credential secured two ways. Sealed (JAdES signs the bytes):
//! they are the issuer's own data the ELM model does not carry, listed as findings with their
//! pointers, and the format check passes. Under an eddsa-rdfc-2022 proof (which signs the RDF,
//! where they do not exist): data nobody signed, and the format check fails. And `lenient`
//! counts integrity only.

use edc_did::{did_key, KeyPair, KeyType};
use edc_seal::{pem_chain, seal, SealAlgorithm, SealOptions, SealingKey, TrustStore};
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
use edc_testkit::pki::{make_pki, pki_available};
use edc_testkit::shared_path;
use edc_verifier::{CheckName, Outcome, Policy, Verdict, Verifier};
use serde_json::{json, Value};

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// The members a production issuer adds: its own academic year and student number, and a
/// confirmation key.
fn add_own_members(credential: &mut Value) {
    credential["academicYear"] = json!("2024/2025");
    credential["credentialSubject"]["studentNumber"] = json!("A-1234");
    credential["cnf"] = json!({"kid": "urn:key:1"});
}

#[test]
fn sealed_credentials_list_undefined_members_as_findings() {
    let Some(sample) = shared_path("europass/samples/elm-2023/Sample-MC-Annex1-unsigned.jsonld")
    else {
        return;
    };
    if !pki_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("edc-sealed-format-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    make_pki(&dir, true);
    let key = SealingKey::from_pkcs8_pem(&std::fs::read_to_string(dir.join("seal.key")).unwrap())
        .unwrap();
    let chain = pem_chain(&std::fs::read_to_string(dir.join("seal.pem")).unwrap()).unwrap();
    let mut store = TrustStore::new();
    store
        .add_pem(&std::fs::read_to_string(dir.join("ca.pem")).unwrap())
        .unwrap();
    let sample: Value = serde_json::from_slice(&std::fs::read(sample).unwrap()).unwrap();
    let mut credential = sample.get("credential").cloned().unwrap_or(sample);
    // The EU's unsigned sample leaves the dates to the sealing tool.
    if credential.get("issuanceDate").is_none() {
        credential["issuanceDate"] = json!("2024-01-01T00:00:00Z");
    }
    let at = now();
    let verifier = Verifier::builder().trust_store(store).at(at + 60).build();
    let options = || SealOptions {
        algorithm: SealAlgorithm::Es256,
        now: at,
        fill_issuer: true,
    };
    let plain = seal(&credential, &key, &chain, options()).unwrap();
    let plain_report = verifier.verify(plain.to_string().as_bytes());
    let plain_format = plain_report.get(CheckName::Format).cloned();
    add_own_members(&mut credential);
    let sealed = seal(&credential, &key, &chain, options()).unwrap();
    let report = verifier.verify(sealed.to_string().as_bytes());
    std::fs::remove_dir_all(&dir).ok();

    // The seal holds, and format judges the credential as it judges it without the members.
    assert!(matches!(
        report.get(CheckName::Integrity),
        Some(Outcome::Ok(_))
    ));
    let format = report.get(CheckName::Format).cloned();
    assert_eq!(
        matches!(format, Some(Outcome::Ok(_))),
        matches!(plain_format, Some(Outcome::Ok(_))),
        "{format:?} / {plain_format:?}"
    );
    assert!(matches!(format, Some(Outcome::Ok(_))), "{format:?}");
    let check = report
        .checks
        .iter()
        .find(|c| c.name == CheckName::Format)
        .unwrap();
    let mut pointers: Vec<&str> = check.findings.iter().map(|f| f.pointer.as_str()).collect();
    pointers.sort_unstable();
    assert_eq!(
        pointers,
        ["/academicYear", "/cnf", "/credentialSubject/studentNumber"],
        "{:?}",
        check.findings
    );
    // The findings are in the JSON report too.
    let json = report.to_json();
    let format_json = json["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "format")
        .unwrap();
    assert_eq!(format_json["findings"].as_array().unwrap().len(), 3);
}

#[test]
fn the_same_members_beside_a_proof_over_rdf_fail_format() {
    let key = KeyPair::generate(KeyType::Ed25519);
    let (did, method) = did_key(&key.public_key());
    // VC 1.1's context has no @vocab: a member it does not define is not in the RDF the proof
    // signs (VC 2.0's maps every member to an issuer-dependent IRI).
    let unsigned = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner"},
    });
    let options = ProofOptions::new(Cryptosuite::EddsaRdfc2022, &method);
    let signed = DataIntegrity::default()
        .sign(&unsigned, &key, &options)
        .unwrap();
    let verifier = Verifier::builder().trusted_dids([did.clone()]).build();
    let clean = verifier.verify(signed.to_string().as_bytes());
    assert_eq!(clean.verdict(), Verdict::Verified, "{:?}", clean.checks);

    // Added after signing: the RDF the proof signs is unchanged, but the data is not what
    // was signed. Format fails (and integrity cannot be judged over data that is not JSON-LD).
    let mut tampered = signed.clone();
    tampered["academicYear"] = json!("2024/2025");
    tampered["credentialSubject"]["studentNumber"] = json!("A-1234");
    let report = verifier.verify(tampered.to_string().as_bytes());
    match report.get(CheckName::Format) {
        Some(Outcome::Failed(why)) => {
            assert!(
                why.contains("/academicYear") && why.contains("studentNumber"),
                "{why}"
            )
        }
        other => panic!("{other:?}"),
    }
    assert!(report.checks.iter().all(|c| c.findings.is_empty()));
    assert_eq!(report.verdict(), Verdict::Failed);

    // Lenient counts integrity only: an expired credential whose proof holds is verified
    // under it, and not under the default policy.
    let mut expiring = unsigned.clone();
    expiring["expirationDate"] = json!("2025-01-01T00:00:00Z");
    let expired = DataIntegrity::default()
        .sign(&expiring, &key, &options)
        .unwrap();
    let europass = verifier.verify(expired.to_string().as_bytes());
    assert!(matches!(
        europass.get(CheckName::ValidityPeriod),
        Some(Outcome::Failed(_))
    ));
    assert_eq!(europass.verdict(), Verdict::Failed);
    let lenient = Verifier::builder()
        .trusted_dids([did.clone()])
        .policy(Policy::Lenient)
        .build()
        .verify(expired.to_string().as_bytes());
    assert_eq!(lenient.verdict(), Verdict::Verified, "{:?}", lenient.checks);
    assert!(matches!(
        lenient.get(CheckName::ValidityPeriod),
        Some(Outcome::Failed(_))
    ));

    // And fails with it.
    let mut forged = signed.clone();
    forged["credentialSubject"]["id"] = json!("did:example:eve");
    let lenient = Verifier::builder()
        .trusted_dids([did.clone()])
        .policy(Policy::Lenient)
        .build()
        .verify(forged.to_string().as_bytes());
    assert_eq!(lenient.verdict(), Verdict::Failed, "{:?}", lenient.checks);
}
