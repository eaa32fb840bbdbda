//! The EU corpus through the verifier: each sealed sample verifies its integrity, and its issuer
//! is recognised (advanced seal, ANF chain) at its signing time with the ANF certificates found
//! in the corpus' `xVals` as trust anchors; without anchors the issuer is "could not check", not
//! failed; unsigned samples fail integrity; the accredited samples report the `dcterms:modified`
//! finding and `credential-sample.jsonld` its undefined term (shared/README.md, "Traps").

use edc_model::{DateTime, Document};
use edc_seal::{seal_certificates_der, verify_seal, TrustStore};
use edc_testkit::{files_in, shared_dir};
use edc_verifier::{CheckName, Outcome, Verifier};
use std::path::PathBuf;

fn sealed_files(shared: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["elm-2023", "elm-support-2024"] {
        files.extend(files_in(
            &shared.join("europass/samples").join(folder),
            &["-signed.jsonld"],
        ));
    }
    files
}

fn anf_store(files: &[PathBuf]) -> TrustStore {
    let mut store = TrustStore::new();
    for file in files {
        let Document::Sealed(sealed) = Document::from_slice(&std::fs::read(file).unwrap()).unwrap()
        else {
            continue;
        };
        for der in seal_certificates_der(&sealed) {
            if der.windows(18).any(|w| w == b"ANF Global Root CA") {
                store.add_der(&der).unwrap();
            }
        }
    }
    store
}

fn signing_time(bytes: &[u8]) -> i64 {
    let Document::Sealed(sealed) = Document::from_slice(bytes).unwrap() else {
        panic!()
    };
    let check = &verify_seal(&sealed, 0, None)[0];
    DateTime::parse(check.signing_time.as_deref().unwrap())
        .unwrap()
        .unix_seconds()
}

#[test]
fn sealed_samples_verify_and_their_issuer_is_recognised_with_the_anf_anchor() {
    let Some(shared) = shared_dir() else { return };
    let files = sealed_files(&shared);
    assert_eq!(files.len(), 7);
    let store = anf_store(&files);
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let at = signing_time(&bytes);
        let with = Verifier::builder()
            .trust_store(store.clone())
            .at(at)
            .build()
            .verify(&bytes);
        assert!(
            matches!(with.get(CheckName::Integrity), Some(Outcome::Ok(_))),
            "{}: {:?}",
            file.display(),
            with
        );
        match with.get(CheckName::Issuer) {
            // The seal certificate's organizationIdentifier (`openssl x509 -subject`:
            // VATES-A00000000) is the issuer's eIDASIdentifier notation in every sample.
            Some(Outcome::Ok(text)) => {
                assert!(text.contains("advanced seal"), "{text}");
                assert!(
                    text.contains("VATES-A00000000, the credential's issuer"),
                    "{text}"
                );
            }
            other => panic!("{}: issuer {other:?}", file.display()),
        }
        let without = Verifier::builder().at(at).build().verify(&bytes);
        assert!(
            matches!(without.get(CheckName::Issuer), Some(Outcome::Skipped(why)) if why.contains("could not check")),
            "{}: {:?}",
            file.display(),
            without.get(CheckName::Issuer)
        );
    }
}

#[test]
fn unsigned_samples_fail_integrity_and_the_traps_are_reported() {
    let Some(shared) = shared_dir() else { return };
    let verifier = Verifier::builder()
        .shapes_dir(shared.join("europass/shacl"))
        .build();
    let samples = shared.join("europass/samples");
    for name in [
        "elm-support-2024/AA-Annex1-MC-unsigned.json",
        "elm-support-2024/Sample-JointDegree-unsigned.json",
        "elm-2023/Sample-CertOfPart-unsigned.jsonld",
    ] {
        let report = verifier.verify(&std::fs::read(samples.join(name)).unwrap());
        assert!(
            matches!(report.get(CheckName::Integrity), Some(Outcome::Failed(_))),
            "{name}"
        );
        assert_eq!(report.verdict(), edc_verifier::Verdict::Failed);
    }
    let accredited = verifier.verify(
        &std::fs::read(samples.join("elm-support-2024/Sample-JointDegree-signed.jsonld")).unwrap(),
    );
    match accredited.get(CheckName::Format) {
        Some(Outcome::Failed(why)) => assert!(
            why.contains("purl.org/dc/terms/modified") && why.contains("Datatype"),
            "{why}"
        ),
        other => panic!("{other:?}"),
    }
    let sample =
        verifier.verify(&std::fs::read(samples.join("elm-2023/credential-sample.jsonld")).unwrap());
    match sample.get(CheckName::Format) {
        Some(Outcome::Failed(why)) => assert!(why.contains("eIDASIdentifier"), "{why}"),
        other => panic!("{other:?}"),
    }
}

/// The verifier at `at` with the official shapes and `store`.
fn verifier_at(shared: &std::path::Path, store: &TrustStore, at: i64) -> Verifier {
    Verifier::builder()
        .trust_store(store.clone())
        .shapes_dir(shared.join("europass/shacl"))
        .at(at)
        .build()
}

/// Large sealed credentials (the folded reading of their RDF), one that does not verify, one
/// tampered with (a learner's name changed inside the sealed payload, which the JWS signature
/// covers: RFC 7515 §5.2) and one retyped as a presentation: each gets every check, in order, in
/// the JSON an embedding host passes on; the tampered one fails integrity as changed after
/// sealing.
#[test]
fn large_credentials_get_every_check_in_order() {
    let Some(shared) = shared_dir() else { return };
    let files = sealed_files(&shared);
    let store = anf_store(&files);
    let mut inputs: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|f| (f.display().to_string(), std::fs::read(f).unwrap()))
        .collect();
    let samples = shared.join("europass/samples/elm-support-2024");
    let unsigned = samples.join("Sample-JointDegree-unsigned.json");
    inputs.push((
        unsigned.display().to_string(),
        std::fs::read(&unsigned).unwrap(),
    ));
    let transcript =
        std::fs::read(samples.join("Sample-TranscriptOfRecords-signed.jsonld")).unwrap();
    let text = String::from_utf8(transcript).unwrap();
    let from = r#"\"givenName\":{\"en\":\"Ana\"}"#;
    assert!(text.contains(from));
    let tampered = text.replacen(from, r#"\"givenName\":{\"en\":\"Ann\"}"#, 1);
    inputs.push(("tampered transcript".into(), tampered.into_bytes()));
    // A payload that is not a credential (read folded only as a credential).
    let credential = r#"\"type\":[\"VerifiableCredential\",\"EuropeanDigitalCredential\"]"#;
    assert!(text.contains(credential));
    let presentation = text.replacen(credential, r#"\"type\":[\"VerifiablePresentation\"]"#, 1);
    inputs.push((
        "transcript retyped as a presentation".into(),
        presentation.into_bytes(),
    ));
    for (name, bytes) in &inputs {
        assert!(bytes.len() >= 64 * 1024, "{name} is not large");
        let at = if name.contains("unsigned") {
            1_735_689_600
        } else {
            signing_time(bytes)
        };
        let two = verifier_at(&shared, &store, at).verify(bytes);
        // The JSON form an embedding host passes on: every check, in order, with its label.
        let json = two.to_json();
        let labels: Vec<&str> = json["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["check"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = edc_verifier::CheckName::ALL
            .iter()
            .map(|c| c.label())
            .collect();
        assert_eq!(labels, expected, "{name}");
        assert_eq!(json["verdict"], two.verdict().label(), "{name}");
        if name == "tampered transcript" {
            assert!(
                matches!(two.get(CheckName::Integrity), Some(Outcome::Failed(why)) if why.code == edc_verifier::Code::SealBroken),
                "{:?}",
                two.get(CheckName::Integrity)
            );
        }
    }
}

/// After their seal certificate expired (2025-05-10), the samples stay verifiable when a
/// trusted time-stamping authority stamped the seal while the certificate was valid — ETSI EN
/// 319 102-1's validation with a proof of existence, which the EU's eSeal module applies
/// through DSS (shared/docs/edci-eseal-core-README.md). `openssl ts -reply -token_in -text` on
/// each `sigTst`: the 2024 samples were stamped by ZetesConfidens EC Qualified TSU17/TSU18
/// (2024-05-28 to 2025-02-19), the 2023 ones by Nowina's test TSA `good-tsa`, whose
/// certificate expired on 2024-01-13. Trusting the Zetes root as well as ANF's, the 2024 samples
/// verify in 2026 and the 2023 ones do not; without the Zetes root, none does.
#[test]
fn an_expired_seal_certificate_is_judged_at_a_trusted_time_stamp() {
    let Some(shared) = shared_dir() else { return };
    let files = sealed_files(&shared);
    let mut with_tsa = anf_store(&files);
    let mut zetes = 0;
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let Document::Sealed(sealed) = Document::from_slice(&bytes).unwrap() else {
            continue;
        };
        for der in seal_certificates_der(&sealed) {
            let cert = x509_name_contains(&der, b"ZETES TSP ROOT CA 001");
            if cert {
                with_tsa.add_der(&der).unwrap();
                zetes += 1;
            }
        }
    }
    assert!(zetes > 0, "the corpus carries the Zetes root in xVals");
    let at = DateTime::parse("2026-06-01T00:00:00Z")
        .unwrap()
        .unix_seconds();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let name = file.display().to_string();
        let issuer = |store: &TrustStore| {
            Verifier::builder()
                .trust_store(store.clone())
                .at(at)
                .build()
                .verify(&bytes)
                .get(CheckName::Issuer)
                .unwrap()
                .clone()
        };
        match (name.contains("elm-support-2024"), issuer(&with_tsa)) {
            (true, Outcome::Ok(why)) => assert!(
                why.contains("ZetesConfidens EC Qualified TSU1") && why.contains("expired since"),
                "{name}: {why}"
            ),
            (false, Outcome::Failed(why)) => {
                assert!(why.contains("no trusted time-stamp"), "{name}: {why}")
            }
            (_, other) => panic!("{name}: {other:?}"),
        }
        assert!(
            matches!(issuer(&anf_store(&files)), Outcome::Failed(why) if why.contains("expired")),
            "{name}"
        );
    }
}

/// True when the certificate's DER holds `name` (as a subject or issuer name does).
fn x509_name_contains(der: &[u8], name: &[u8]) -> bool {
    der.windows(name.len()).any(|w| w == name)
}

/// Corrupted copies of a sealed EU sample (cut short at many places, one byte changed at many
/// others, inside and outside the payload): the verifier never panics, and verifies one only
/// when the change left what the signature covers
/// as it was (JWS, RFC 7515 §5.2: the payload and the protected header, and the signature).
#[test]
fn corrupted_sealed_files_never_verify_unless_the_sealed_content_is_intact() {
    let Some(shared) = shared_dir() else { return };
    let files = sealed_files(&shared);
    let store = anf_store(&files);
    // One seal with a signature time-stamp only, one at baseline LTA (validation data and an
    // archive time-stamp).
    for name in [
        "elm-support-2024/AA-Annex1-MC-signed.jsonld",
        "elm-2023/Sample-MC-Annex1-signed.jsonld",
    ] {
        corrupt_and_verify(&shared, &store, &shared.join("europass/samples").join(name));
    }
}

fn corrupt_and_verify(shared: &std::path::Path, store: &TrustStore, file: &std::path::Path) {
    let original = std::fs::read(file).unwrap();
    let at = signing_time(&original);
    let two = verifier_at(shared, store, at);
    assert_eq!(
        two.verify(&original).verdict(),
        edc_verifier::Verdict::Verified
    );
    // What the signature covers, and the signature, as serde_json reads the file.
    let sealed_content = |bytes: &[u8]| {
        serde_json::from_slice::<serde_json::Value>(bytes)
            .ok()
            .map(|v| {
                let signature = &v["signatures"][0];
                (
                    v["payload"].clone(),
                    signature["protected"].clone(),
                    signature["signature"].clone(),
                )
            })
    };
    let intact = sealed_content(&original).unwrap();
    let mut corrupted: Vec<(String, Vec<u8>)> = Vec::new();
    let steps = 24;
    for i in 1..steps {
        let cut = original.len() * i / steps;
        corrupted.push((format!("cut at {cut}"), original[..cut].to_vec()));
        // Changed bytes, spread over the file and shifted so as not to fall on a pattern.
        let at = (original.len() * i / steps + i * 7) % original.len();
        let mut changed = original.clone();
        changed[at] = if changed[at] == b'a' { b'b' } else { b'a' };
        corrupted.push((format!("byte {at} changed"), changed));
    }
    for (what, bytes) in &corrupted {
        let report = two.verify(bytes);
        if report.verdict() == edc_verifier::Verdict::Verified {
            assert_eq!(
                sealed_content(bytes).as_ref(),
                Some(&intact),
                "{what} verified"
            );
        }
    }
}
