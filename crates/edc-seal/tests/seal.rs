//! Sealing: a test CA and an eSeal certificate with QC statements are made at test time with
//! OpenSSL (no key is committed); what we seal verifies here (signature, chain to the test CA,
//! qualified level, time-stamp-free baseline-B), OpenSSL verifies our signature over the same
//! signing input, and the issuer fields are filled from the certificate. Skipped (with a message)
//! outside CI when `openssl` is missing.

use edc_model::{Document, SealedDocument};
use edc_seal::rfc3161::{request as time_stamp_request, token as time_stamp_token};
use edc_seal::{
    pem_chain, seal, verify_seal, LongTerm, Revocation, SealAlgorithm, SealLevel, SealOptions,
    SealingKey, TrustStore,
};
use edc_testkit::pki::{
    make_crl, make_pki, make_pki_naming, make_tsa, openssl, openssl_time_stamp, pki_available,
};
use edc_testkit::shared_path;

/// The seal key and chain [`make_pki`] wrote in `dir`.
fn seal_identity(dir: &std::path::Path) -> (SealingKey, Vec<Vec<u8>>) {
    let key = SealingKey::from_pkcs8_pem(&std::fs::read_to_string(dir.join("seal.key")).unwrap())
        .unwrap();
    let chain = pem_chain(&std::fs::read_to_string(dir.join("seal.pem")).unwrap()).unwrap();
    (key, chain)
}

/// A fresh folder with a test CA and eSeal certificate ([`make_pki`]); None (skip) when OpenSSL
/// is missing outside CI.
fn pki_dir(name: &str, ec: bool) -> Option<std::path::PathBuf> {
    if !pki_available() {
        return None;
    }
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    make_pki(&dir, ec);
    Some(dir)
}

/// A small credential sealed now with `key` and `chain`, read back as a sealed document.
fn seal_small(key: &SealingKey, chain: &[Vec<u8>], algorithm: SealAlgorithm) -> SealedDocument {
    let options = SealOptions {
        algorithm,
        now: now(),
        fill_issuer: false,
    };
    let sealed = seal(
        &serde_json::json!({"type": ["VerifiableCredential"]}),
        key,
        chain,
        options,
    )
    .unwrap();
    sealed_document(&sealed)
}

/// A sealed file's JSON read back as a sealed document.
fn sealed_document(value: &serde_json::Value) -> SealedDocument {
    let Document::Sealed(document) = Document::from_str(&value.to_string()).unwrap() else {
        panic!("not sealed")
    };
    *document
}

/// A trust store of the PEM files `names` in `dir`.
fn trusting(dir: &std::path::Path, names: &[&str]) -> TrustStore {
    let mut store = TrustStore::new();
    for name in names {
        store
            .add_pem(&std::fs::read_to_string(dir.join(name)).unwrap())
            .unwrap();
    }
    store
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

/// A fresh seal (RSA, or P-256 when `ec`) of the EU's AA-Annex1-MC sample by a test PKI with an
/// OpenSSL time-stamp authority, made in a new folder named after `name`; None when openssl or
/// the shared data is missing (the test is then skipped).
fn sealed_with_tsa(name: &str, ec: bool) -> Option<(std::path::PathBuf, serde_json::Value)> {
    if !pki_available() {
        return None;
    }
    let sample = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")?;
    let credential = Document::from_slice(&std::fs::read(sample).unwrap())
        .unwrap()
        .json_ld();
    let dir = std::env::temp_dir().join(format!("{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    make_pki(&dir, ec);
    make_tsa(&dir);
    let (key, chain) = seal_identity(&dir);
    let options = SealOptions {
        algorithm: if ec {
            SealAlgorithm::Es256
        } else {
            SealAlgorithm::Rs256
        },
        now: now(),
        fill_issuer: true,
    };
    Some((dir, seal(&credential, &key, &chain, options).unwrap()))
}

#[test]
fn a_time_stamp_from_an_independent_tsa_makes_baseline_t() {
    let Some((dir, mut sealed)) = sealed_with_tsa("edc-tsa-test", false) else {
        return;
    };

    // OpenSSL's TSA answers our query; the token is checked and added as etsiU sigTst.
    let imprint = LongTerm::new(&mut sealed).signature_imprint().unwrap();
    let query = time_stamp_request(&imprint, 0x00c0_ffee_1234_5678).unwrap();
    let reply = openssl_time_stamp(&dir, &query);
    let token = time_stamp_token(&reply, &imprint, 0x00c0_ffee_1234_5678).unwrap();
    // The same answer is refused for another nonce or another imprint.
    assert!(time_stamp_token(&reply, &imprint, 7).is_err());
    assert!(time_stamp_token(&reply, &[0u8; 32], 0x00c0_ffee_1234_5678).is_err());
    LongTerm::new(&mut sealed)
        .add_signature_time_stamp(&token)
        .unwrap();

    let document = sealed_document(&sealed);
    let store = trusting(&dir, &["ca.pem"]);
    let check = &verify_seal(&document, now(), Some(&store))[0];
    assert!(check.is_valid(), "{check:?}");
    let stamped: Vec<&str> = check.time_stamps.iter().map(|(k, _)| k.as_str()).collect();
    assert_eq!(stamped, ["sigTst"], "{check:?}");
    assert!((check.time_stamps[0].1 - now()).abs() < 600);

    // A token for another signature is a finding.
    let other_query = time_stamp_request(&[1u8; 32], 1).unwrap();
    let other = time_stamp_token(&openssl_time_stamp(&dir, &other_query), &[1u8; 32], 1).unwrap();
    LongTerm::new(&mut sealed)
        .add_signature_time_stamp(&other)
        .unwrap();
    let document = sealed_document(&sealed);
    let check = &verify_seal(&document, now(), Some(&store))[0];
    assert!(!check.is_valid(), "a sigTst over another signature passed");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_time_stamp_whose_tsa_certificate_was_changed_or_whose_etsiu_is_damaged_fails() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    let Some((dir, mut sealed)) = sealed_with_tsa("edc-ess-test", true) else {
        return;
    };
    let imprint = LongTerm::new(&mut sealed).signature_imprint().unwrap();
    let query = time_stamp_request(&imprint, 42).unwrap();
    let token = time_stamp_token(&openssl_time_stamp(&dir, &query), &imprint, 42).unwrap();
    let store = trusting(&dir, &["ca.pem"]);
    let stamped = |token: &[u8]| {
        let mut copy = sealed.clone();
        LongTerm::new(&mut copy)
            .add_signature_time_stamp(token)
            .unwrap();
        copy
    };
    let check = &verify_seal(&sealed_document(&stamped(&token)), now(), Some(&store))[0];
    assert!(check.is_valid(), "{check:?}");

    // The TSA's certificate as OpenSSL put it in the token, with its subject changed: the key
    // and the signature over the signed attributes are untouched, but the token's
    // signing-certificate attribute (RFC 5816) names the original certificate.
    let tsa = pem_chain(&std::fs::read_to_string(dir.join("tsa.pem")).unwrap()).unwrap();
    let find = |haystack: &[u8], needle: &[u8]| {
        haystack
            .windows(needle.len())
            .position(|window| window == needle)
    };
    let at = find(&token, &tsa[0]).expect("OpenSSL's token carries its certificate");
    let name = find(&tsa[0], b"Test TSA").expect("the subject's common name");
    let mut changed = token.clone();
    changed[at + name] = b'B';
    let check = &verify_seal(&sealed_document(&stamped(&changed)), now(), Some(&store))[0];
    assert!(!check.is_valid(), "{check:?}");
    assert!(
        check
            .findings
            .iter()
            .any(|f| f.contains("signing-certificate")),
        "{:?}",
        check.findings
    );

    // An unsigned property that is not base64url-encoded JSON is reported, not skipped.
    let mut damaged = stamped(&token);
    let element = damaged["signatures"][0]["header"]["etsiU"][0]
        .as_str()
        .unwrap()
        .to_string();
    let mut bytes = URL_SAFE_NO_PAD.decode(&element).unwrap();
    bytes[0] = 0xff;
    damaged["signatures"][0]["header"]["etsiU"][0] = URL_SAFE_NO_PAD.encode(bytes).into();
    let check = &verify_seal(&sealed_document(&damaged), now(), Some(&store))[0];
    assert!(!check.is_valid(), "{check:?}");
    assert!(
        check
            .findings
            .iter()
            .any(|f| f.contains("unsigned property 0")),
        "{:?}",
        check.findings
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A JWS ECDSA signature (r ‖ s) as the DER ECDSA-Sig-Value OpenSSL reads, and back.
fn ecdsa_der(algorithm: SealAlgorithm, raw: &[u8]) -> Vec<u8> {
    match algorithm {
        SealAlgorithm::Es256 => {
            p256::ecdsa::Signature::from_slice(raw).map(|s| s.to_der().to_bytes().to_vec())
        }
        SealAlgorithm::Es384 => {
            p384::ecdsa::Signature::from_slice(raw).map(|s| s.to_der().to_bytes().to_vec())
        }
        SealAlgorithm::Es512 => {
            p521::ecdsa::Signature::from_slice(raw).map(|s| s.to_der().to_bytes().to_vec())
        }
        _ => return raw.to_vec(),
    }
    .unwrap()
}

fn ecdsa_raw(algorithm: SealAlgorithm, der: &[u8]) -> Vec<u8> {
    match algorithm {
        SealAlgorithm::Es256 => {
            p256::ecdsa::Signature::from_der(der).map(|s| s.to_bytes().to_vec())
        }
        SealAlgorithm::Es384 => {
            p384::ecdsa::Signature::from_der(der).map(|s| s.to_bytes().to_vec())
        }
        SealAlgorithm::Es512 => {
            p521::ecdsa::Signature::from_der(der).map(|s| s.to_bytes().to_vec())
        }
        _ => return der.to_vec(),
    }
    .unwrap()
}

#[test]
fn sealed_here_verifies_here_and_in_openssl() {
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;
    if !pki_available() {
        return;
    }
    let Some(sample) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")
    else {
        return;
    };
    let credential = Document::from_slice(&std::fs::read(sample).unwrap())
        .unwrap()
        .json_ld();
    // The key's curve (None: RSA), the algorithm, and OpenSSL's digest and options for it.
    let pss: &[&str] = &[
        "-sigopt",
        "rsa_padding_mode:pss",
        "-sigopt",
        "rsa_pss_saltlen:32",
    ];
    for (curve, algorithm, digest, options) in [
        (None, SealAlgorithm::Rs256, "-sha256", &[][..]),
        (None, SealAlgorithm::Ps256, "-sha256", pss),
        (Some("P-256"), SealAlgorithm::Es256, "-sha256", &[][..]),
        (Some("P-384"), SealAlgorithm::Es384, "-sha384", &[][..]),
        (Some("P-521"), SealAlgorithm::Es512, "-sha512", &[][..]),
    ] {
        let dir = std::env::temp_dir().join(format!(
            "edc-seal-test-{}-{algorithm:?}",
            std::process::id()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        make_pki_naming(&dir, curve, None, None);
        let (key, chain) = seal_identity(&dir);
        assert_eq!(
            key.default_algorithm() == algorithm,
            algorithm != SealAlgorithm::Ps256
        );
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_secs() as i64;
        let options_here = SealOptions {
            algorithm,
            now,
            fill_issuer: true,
        };
        let sealed = seal(&credential, &key, &chain, options_here).unwrap();

        // Read back and verified here, chained to the test CA.
        let document = sealed_document(&sealed);
        let store = trusting(&dir, &["ca.pem"]);
        let check = &verify_seal(&document, now, Some(&store))[0];
        assert!(check.is_valid(), "{algorithm:?}: {check:?}");
        assert_eq!(check.level, SealLevel::Qualified, "{algorithm:?}");

        // The issuer fields the platform fills.
        let payload: serde_json::Value = serde_json::from_str(&document.payload).unwrap();
        assert_eq!(payload["issuer"]["legalName"]["en"], "Test University");
        assert_eq!(payload["issuer"]["altLabel"]["en"], "Test University Seal");
        assert_eq!(
            payload["issuer"]["eIDASIdentifier"]["notation"],
            "VATES-Q0000000J"
        );
        assert!(payload["issued"].is_string() && payload["issuanceDate"].is_string());

        // OpenSSL verifies our signature over ASCII(protected) "." payload…
        let signature = &sealed["signatures"][0];
        let input = format!(
            "{}.{}",
            signature["protected"].as_str().unwrap(),
            document.payload
        );
        std::fs::write(dir.join("input.txt"), &input).unwrap();
        let raw = URL_SAFE_NO_PAD
            .decode(signature["signature"].as_str().unwrap())
            .unwrap();
        std::fs::write(dir.join("signature.bin"), ecdsa_der(algorithm, &raw)).unwrap();
        assert!(openssl(
            &dir,
            &[
                "x509",
                "-in",
                "seal.pem",
                "-pubkey",
                "-noout",
                "-out",
                "public.pem"
            ]
        ));
        let verify = [
            &["dgst", digest][..],
            options,
            &[
                "-verify",
                "public.pem",
                "-signature",
                "signature.bin",
                "input.txt",
            ],
        ]
        .concat();
        assert!(
            openssl(&dir, &verify),
            "OpenSSL rejects our {algorithm:?} seal"
        );

        // …and we verify OpenSSL's signature over the same input, and not over another.
        let sign = [
            &["dgst", digest][..],
            options,
            &["-sign", "seal.key", "-out", "openssl.sig", "input.txt"],
        ]
        .concat();
        assert!(openssl(&dir, &sign));
        let theirs = ecdsa_raw(algorithm, &std::fs::read(dir.join("openssl.sig")).unwrap());
        let mut resealed = document.clone();
        resealed.signatures[0].signature = URL_SAFE_NO_PAD.encode(&theirs);
        let check = &verify_seal(&resealed, now, Some(&store))[0];
        assert!(
            check.is_valid(),
            "OpenSSL's {algorithm:?} signature: {check:?}"
        );
        resealed.payload = resealed
            .payload
            .replacen("Test University", "Test Universitat", 1);
        let check = &verify_seal(&resealed, now, Some(&store))[0];
        assert!(!check.signature_valid, "{algorithm:?} over another payload");
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn a_pkcs12_key_store_from_openssl_seals() {
    let Some(dir) = pki_dir("edc-p12-test", false) else {
        return;
    };
    edc_testkit::pki::make_p12(&dir, "correct horse");
    let p12 = std::fs::read(dir.join("seal.p12")).unwrap();
    assert!(SealingKey::from_pkcs12(&p12, "wrong").is_err());
    let (key, chain) = SealingKey::from_pkcs12(&p12, "correct horse").unwrap();
    let seal_pem = pem_chain(&std::fs::read_to_string(dir.join("seal.pem")).unwrap()).unwrap();
    let ca_pem = pem_chain(&std::fs::read_to_string(dir.join("ca.pem")).unwrap()).unwrap();
    assert_eq!(chain, [seal_pem[0].clone(), ca_pem[0].clone()]);
    let document = seal_small(&key, &chain, SealAlgorithm::Ps256);
    let mut store = TrustStore::new();
    store.add_der(&ca_pem[0]).unwrap();
    let check = &verify_seal(&document, now(), Some(&store))[0];
    assert!(check.is_valid(), "{check:?}");
    assert!(
        matches!(check.chain_outcome, edc_seal::ChainOutcome::Anchored(_)),
        "{check:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// Adds `rVals.crlVals` with `crl` (DER) to the first signature's `etsiU`.
fn with_crl(sealed: &serde_json::Value, crl: &[u8]) -> SealedDocument {
    let mut sealed = sealed.clone();
    LongTerm::new(&mut sealed)
        .add_validation_data(&[], &[crl.to_vec()], &[])
        .unwrap();
    sealed_document(&sealed)
}

#[test]
fn a_carried_crl_from_the_issuer_decides_revocation() {
    let Some(dir) = pki_dir("edc-crl-test", true) else {
        return;
    };
    let (key, chain) = seal_identity(&dir);
    let options = SealOptions {
        algorithm: SealAlgorithm::Es256,
        now: now(),
        fill_issuer: false,
    };
    let sealed = seal(
        &serde_json::json!({"type": ["VerifiableCredential"]}),
        &key,
        &chain,
        options,
    )
    .unwrap();
    let store = trusting(&dir, &["ca.pem"]);

    let clean = make_crl(&dir, false);
    let check = &verify_seal(&with_crl(&sealed, &clean), now(), Some(&store))[0];
    assert!(
        matches!(check.revocation, Revocation::Good { .. }),
        "{check:?}"
    );
    assert!(check.is_valid(), "{check:?}");

    // Once OpenSSL's CA revokes the certificate, its CRL lists it: a finding.
    let listing = make_crl(&dir, true);
    let check = &verify_seal(&with_crl(&sealed, &listing), now() + 5, Some(&store))[0];
    assert!(
        matches!(check.revocation, Revocation::Revoked { .. }),
        "{check:?}"
    );
    assert!(!check.is_valid(), "{check:?}");

    // A CRL whose signature is broken is not used.
    let mut broken = listing.clone();
    let last = broken.len() - 3;
    broken[last] ^= 1;
    let check = &verify_seal(&with_crl(&sealed, &broken), now() + 5, Some(&store))[0];
    assert!(
        matches!(check.revocation, Revocation::NotChecked(_)),
        "{check:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A baseline-T seal of a small credential: sealed now with the test eSeal in `dir`, its
/// signature stamped by the OpenSSL TSA there ([`make_tsa`]).
fn time_stamped_seal(dir: &std::path::Path, nonce: u64) -> serde_json::Value {
    let (key, chain) = seal_identity(dir);
    let credential = serde_json::json!({
        "@context": ["https://www.w3.org/2018/credentials/v1"],
        "type": ["VerifiableCredential"],
        "issuer": "urn:example:issuer",
        "credentialSubject": {"id": "urn:example:learner"},
    });
    let options = SealOptions {
        algorithm: SealAlgorithm::Rs256,
        now: now(),
        fill_issuer: false,
    };
    let mut sealed = seal(&credential, &key, &chain, options).unwrap();
    let imprint = LongTerm::new(&mut sealed).signature_imprint().unwrap();
    let reply = openssl_time_stamp(dir, &time_stamp_request(&imprint, nonce).unwrap());
    LongTerm::new(&mut sealed)
        .add_signature_time_stamp(&time_stamp_token(&reply, &imprint, nonce).unwrap())
        .unwrap();
    sealed
}

/// Baseline LTA: a seal time-stamped (`sigTst`) by one authority, given its validation data
/// (`xVals`: the CA and TSA certificates, `rVals`: the CA's CRL), and archive-stamped
/// (`arcTst`, ETSI TS 119 182-1 §5.3.6.3: over the payload, protected header, signature and the
/// `etsiU` elements before it) by another, under its own ten-year root — both OpenSSL TSAs.
/// Sixty days on, the seal certificate and the first authority's certificate (thirty days) have
/// expired: the archive time-stamp, trusted then, proves the signature time-stamp, which proves
/// the seal while its certificate was valid. Without the archive time-stamp nothing does.
#[test]
fn an_archive_time_stamp_keeps_an_expired_seal_verifiable() {
    use sha2::Digest;
    let Some(dir) = pki_dir("edc-lta-test", false) else {
        return;
    };
    make_tsa(&dir);
    edc_testkit::pki::make_archive_tsa(&dir);
    let mut sealed = time_stamped_seal(&dir, 11);
    let baseline_t = sealed.clone();
    // Baseline LT: the certificates and the CA's CRL a verifier will need.
    let der = |name: &str| {
        pem_chain(&std::fs::read_to_string(dir.join(name)).unwrap()).unwrap()[0].clone()
    };
    let crl = make_crl(&dir, false);
    LongTerm::new(&mut sealed)
        .add_validation_data(&[der("ca.pem"), der("tsa.pem")], &[crl], &[])
        .unwrap();

    // The archive time-stamp's imprint, computed here from the specification.
    let signature = &sealed["signatures"][0];
    let mut input = Vec::new();
    input.extend(sealed["payload"].as_str().unwrap().as_bytes());
    input.push(b'.');
    input.extend(signature["protected"].as_str().unwrap().as_bytes());
    input.push(b'.');
    input.extend(signature["signature"].as_str().unwrap().as_bytes());
    input.push(b'.');
    for item in signature["header"]["etsiU"].as_array().unwrap() {
        input.extend(item.as_str().unwrap().as_bytes());
    }
    let archive_imprint = sha2::Sha256::digest(&input).to_vec();
    assert_eq!(
        LongTerm::new(&mut sealed).archive_imprint().unwrap(),
        archive_imprint
    );
    let reply = edc_testkit::pki::openssl_time_stamp_with(
        &dir,
        "arc-tsa.cnf",
        &time_stamp_request(&archive_imprint, 12).unwrap(),
    );
    let token = time_stamp_token(&reply, &archive_imprint, 12).unwrap();
    LongTerm::new(&mut sealed)
        .add_archive_time_stamp(&token)
        .unwrap();

    let store = trusting(&dir, &["ca.pem", "arc-tsa.pem"]);
    let read = sealed_document;
    let later = now() + 60 * 86_400;
    let archived = &verify_seal(&read(&sealed), later, Some(&store))[0];
    assert!(archived.is_valid(), "{archived:?}");
    assert!(
        matches!(archived.revocation, Revocation::Good { .. }),
        "the carried CRL: {archived:?}"
    );
    let kinds: Vec<&str> = archived
        .time_stamps
        .iter()
        .map(|(k, _)| k.as_str())
        .collect();
    assert_eq!(kinds, ["sigTst", "arcTst"]);
    assert_eq!(archived.proven_by.as_deref(), Some("Test TSA"));
    assert!((archived.validated_at - now()).abs() < 600, "{archived:?}");
    assert!(matches!(
        archived.chain_outcome,
        edc_seal::ChainOutcome::Anchored(_)
    ));

    // The archive authority named as a trusted time-stamping unit (as a trusted list's
    // qualified time-stamping service is) rather than as an anchor: the same proof.
    let mut listed = trusting(&dir, &["ca.pem"]);
    listed.add_time_stamping_der(&der("arc-tsa.pem")).unwrap();
    let by_unit = &verify_seal(&read(&sealed), later, Some(&listed))[0];
    assert!(by_unit.is_valid(), "{by_unit:?}");
    // Trusting neither, nothing proves the seal.
    let ca_only = trusting(&dir, &["ca.pem"]);
    assert!(!verify_seal(&read(&sealed), later, Some(&ca_only))[0].is_valid());

    let unarchived = &verify_seal(&read(&baseline_t), later, Some(&store))[0];
    assert!(
        unarchived
            .certificate_problems
            .iter()
            .any(|f| f.contains("expired") && f.contains("no trusted time-stamp")),
        "{unarchived:?}"
    );
    // Today both authorities are valid: the signature time-stamp alone is enough, and the
    // certificate is judged now.
    let today = &verify_seal(&read(&baseline_t), now(), Some(&store))[0];
    assert!(today.is_valid() && today.proven_by.is_none(), "{today:?}");
    std::fs::remove_dir_all(&dir).ok();
}

/// Revocation does not reach back (ETSI EN 319 102-1: a best-signature-time before the
/// revocation time): a seal time-stamped by a trusted TSA before its certificate was revoked
/// still verifies, with a warning; one stamped after the revocation does not.
#[test]
fn a_seal_time_stamped_before_its_certificate_was_revoked_holds() {
    let Some(dir) = pki_dir("edc-revoked-test", false) else {
        return;
    };
    make_tsa(&dir);
    let with_crl = |sealed: &serde_json::Value, crl: &[u8]| {
        let mut sealed = sealed.clone();
        LongTerm::new(&mut sealed)
            .add_validation_data(&[], &[crl.to_vec()], &[])
            .unwrap();
        sealed_document(&sealed)
    };
    let store = trusting(&dir, &["ca.pem"]);

    let before = time_stamped_seal(&dir, 21);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let crl = make_crl(&dir, true);
    std::thread::sleep(std::time::Duration::from_secs(2));
    let after = time_stamped_seal(&dir, 22);

    let held = &verify_seal(&with_crl(&before, &crl), now() + 5, Some(&store))[0];
    assert!(
        matches!(held.revocation, Revocation::Revoked { .. }),
        "{held:?}"
    );
    assert!(held.is_valid(), "{held:?}");
    assert_eq!(held.proven_by.as_deref(), Some("Test TSA"));
    assert!(
        held.warnings.iter().any(|w| w.contains("revoked")),
        "{held:?}"
    );
    let late = &verify_seal(&with_crl(&after, &crl), now() + 5, Some(&store))[0];
    assert!(
        late.certificate_problems
            .iter()
            .any(|f| f.contains("was revoked on")),
        "{late:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A seal certificate (P-256) issued by a P-521 root with ecdsa-with-SHA512, both made by
/// OpenSSL: the chain is verified to the root; against another P-521 root of the same name it
/// is not.
#[test]
fn a_p521_root_certifies_a_seal() {
    if !pki_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("edc-p521-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let run = |args: &[&str]| assert!(openssl(&dir, args), "openssl {args:?}");
    for root in ["root", "other"] {
        run(&[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-521",
            "-out",
            &format!("{root}.key"),
        ]);
        run(&[
            "req",
            "-x509",
            "-new",
            "-key",
            &format!("{root}.key"),
            "-sha512",
            "-days",
            "30",
            "-subj",
            "/C=ES/O=Test CA/CN=P-521 Root",
            "-out",
            &format!("{root}.pem"),
        ]);
    }
    run(&[
        "genpkey",
        "-algorithm",
        "EC",
        "-pkeyopt",
        "ec_paramgen_curve:P-256",
        "-out",
        "seal.key",
    ]);
    run(&[
        "req",
        "-new",
        "-key",
        "seal.key",
        "-subj",
        "/C=ES/O=Test University/CN=Seal",
        "-out",
        "seal.csr",
    ]);
    std::fs::write(
        dir.join("seal.ext"),
        "keyUsage=critical,nonRepudiation,digitalSignature\nbasicConstraints=critical,CA:FALSE\n",
    )
    .unwrap();
    run(&[
        "x509",
        "-req",
        "-in",
        "seal.csr",
        "-CA",
        "root.pem",
        "-CAkey",
        "root.key",
        "-CAcreateserial",
        "-sha512",
        "-days",
        "30",
        "-extfile",
        "seal.ext",
        "-out",
        "seal.pem",
    ]);
    let (key, chain) = seal_identity(&dir);
    let document = seal_small(&key, &chain, SealAlgorithm::Es256);
    let store = |root: &str| trusting(&dir, &[&format!("{root}.pem")]);
    let check = &verify_seal(&document, now(), Some(&store("root")))[0];
    assert!(
        matches!(check.chain_outcome, edc_seal::ChainOutcome::Anchored(_)),
        "{check:?}"
    );
    let stranger = &verify_seal(&document, now(), Some(&store("other")))[0];
    assert!(
        !matches!(stranger.chain_outcome, edc_seal::ChainOutcome::Anchored(_)),
        "{stranger:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
