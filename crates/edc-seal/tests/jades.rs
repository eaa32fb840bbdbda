//! JAdES seals of the EU corpus: the signature over the payload as stored and the seal
//! certificate's digest verify for every sealed sample, at a time inside the certificate's
//! validity (its own signing time); today the EU test certificate has expired, which is reported
//! as such; the EDC software's deliberately invalid JWS and any flipped byte are rejected.

use edc_model::{DateTime, Document, SealedDocument};
use edc_seal::{
    seal_certificates_der, verify_seal, ChainOutcome, ListOfTrustedLists, ListSigners, SealLevel,
    TrustStore,
};
use edc_testkit::{files_in, shared_dir};
use std::path::Path;

fn sealed(path: &Path) -> SealedDocument {
    match Document::from_slice(&std::fs::read(path).unwrap()).unwrap() {
        Document::Sealed(s) => *s,
        other => panic!("{}: not sealed ({:?})", path.display(), other.kind()),
    }
}

fn signing_time(document: &SealedDocument) -> i64 {
    let header = document.signatures[0].protected_header().unwrap();
    DateTime::parse(header["sigT"].as_str().unwrap())
        .unwrap()
        .unix_seconds()
}

fn corpus(shared: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for folder in ["elm-2023", "elm-support-2024"] {
        files.extend(files_in(
            &shared.join("europass/samples").join(folder),
            &["-signed.jsonld"],
        ));
    }
    for name in [
        "credential-signed.jsonld",
        "json_sealed_advanced.json",
        "json_to_seal-signed-jades-baseline-lta.json",
    ] {
        files.push(shared.join("europass/samples/edc-dev").join(name));
    }
    files
}

#[test]
fn every_sealed_sample_verifies_at_its_signing_time() {
    let Some(shared) = shared_dir() else { return };
    let files = corpus(&shared);
    assert_eq!(
        files.len(),
        10,
        "7 sealed EU samples and 3 sealed EDC test files"
    );
    for file in &files {
        let document = sealed(file);
        let checks = verify_seal(&document, signing_time(&document), None);
        assert_eq!(checks.len(), 1);
        assert!(checks[0].is_valid(), "{}: {:?}", file.display(), checks[0]);
        assert!(
            !checks[0].time_stamps.is_empty(),
            "{}: time-stamps read",
            file.display()
        );
    }
}

#[test]
fn today_the_eu_test_certificate_has_expired() {
    let Some(shared) = shared_dir() else { return };
    let document =
        sealed(&shared.join("europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld"));
    let now = DateTime::parse("2026-11-22T00:00:00Z")
        .unwrap()
        .unix_seconds();
    let check = &verify_seal(&document, now, None)[0];
    assert!(check.signature_valid, "the signature itself is still valid");
    assert!(!check.is_valid());
    // shared/README.md: the EU samples' seal certificate expired on 2025-05-10.
    assert!(
        check
            .certificate_problems
            .iter()
            .any(|f| f.contains("expired on 2025-05-10")),
        "{:?}",
        check.certificate_problems
    );
    let certificate = check.certificate.as_ref().unwrap();
    assert_eq!(
        certificate.organization.as_deref(),
        Some("ORGANIZACION TEST")
    );
}

#[test]
fn the_invalid_jws_and_flipped_bytes_are_rejected() {
    let Some(shared) = shared_dir() else { return };
    let invalid = sealed(&shared.join("europass/samples/edc-dev/credential-jws-invalid.jsonld"));
    let check = &verify_seal(&invalid, signing_time(&invalid), None)[0];
    // Its signature is intact, but its signature time-stamp (09:27:43) is earlier than the
    // signing time it claims (09:27:47): a signature cannot be stamped before it exists.
    assert!(check.signature_valid);
    assert!(!check.is_valid(), "{check:?}");
    assert!(
        check
            .findings
            .iter()
            .any(|f| f.contains("earlier than the claimed signing time")),
        "{:?}",
        check.findings
    );

    let good = sealed(&shared.join("europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld"));
    let at = signing_time(&good);
    let flip = |s: &str, i: usize| -> String {
        let mut bytes = s.as_bytes().to_vec();
        bytes[i] = if bytes[i] == b'A' { b'B' } else { b'A' };
        String::from_utf8(bytes).unwrap()
    };
    let mut payload = good.clone();
    payload.payload = flip(&good.payload, good.payload.len() / 2);
    assert!(!verify_seal(&payload, at, None)[0].signature_valid);
    let mut protected = good.clone();
    protected.signatures[0].protected = flip(&good.signatures[0].protected, 40);
    assert!(!verify_seal(&protected, at, None)[0].is_valid());
    let mut signature = good.clone();
    signature.signatures[0].signature = flip(&good.signatures[0].signature, 10);
    assert!(!verify_seal(&signature, at, None)[0].signature_valid);
}

/// A trust store of the ANF certificates the corpus carries (the LTA samples' xVals hold the ANF
/// root and the eSeal CA; AA-Annex1-MC carries none itself).
fn anf_store(shared: &Path) -> TrustStore {
    let mut store = TrustStore::new();
    for file in corpus(shared) {
        for der in seal_certificates_der(&sealed(&file)) {
            // The ANF root and the ANF eSeal CA (issued by the root): their DER names the root.
            if der
                .windows(b"ANF Global Root CA".len())
                .any(|w| w == b"ANF Global Root CA")
            {
                store.add_der(&der).unwrap();
            }
        }
    }
    store
}

#[test]
fn eu_seals_chain_to_the_anf_root_found_in_the_corpus() {
    let Some(shared) = shared_dir() else { return };
    let store = anf_store(&shared);
    assert!(!store.is_empty(), "the corpus carries ANF CA certificates");
    for file in corpus(&shared)
        .iter()
        .filter(|f| !f.to_string_lossy().contains("edc-dev"))
    {
        let document = sealed(file);
        let at = signing_time(&document);
        let check = &verify_seal(&document, at, Some(&store))[0];
        assert!(
            matches!(check.chain_outcome, ChainOutcome::Anchored(_)),
            "{}: {:?}",
            file.display(),
            check.chain_outcome
        );
        assert!(
            check.qc_statements.compliance && check.qc_statements.eseal,
            "{}: {:?}",
            file.display(),
            check.qc_statements
        );
        // The EU test seal certificate is a qualified certificate for a legal person without a
        // QSCD (its policy is QCP-l, 0.4.0.194112.1.1, as `openssl x509 -text` shows): an advanced
        // seal based on a qualified certificate, not a qualified seal.
        assert!(!check.qc_statements.qscd);
        assert_eq!(check.level, SealLevel::Advanced, "{}", file.display());
        // Without a trust store the seal is valid but not recognised; with an unrelated one, the
        // chain is reported as not anchored (could not check), not as invalid.
        // The LTA samples carry an OCSP response for the seal certificate: good at signing time.
        if file.to_string_lossy().contains("JointDegree")
            || file.to_string_lossy().contains("MastersDegree")
        {
            assert!(
                matches!(check.revocation, edc_seal::Revocation::Good { .. }),
                "{}: {:?}",
                file.display(),
                check.revocation
            );
        }
        let unanchored = &verify_seal(&document, at, None)[0];
        assert_eq!(unanchored.level, SealLevel::NotRecognised);
        assert!(unanchored.is_valid());
        let other = &verify_seal(&document, at, Some(&TrustStore::new()))[0];
        assert!(matches!(other.chain_outcome, ChainOutcome::NotAnchored(_)));
    }
}

#[test]
fn trusted_lists_give_their_granted_qualified_cas() {
    // Counts by an independent reading (Python's ElementTree): BE has 37 services, 19 of them
    // granted CA/QC with one certificate each, and 7 granted TSA/QTST certificates; IE has 5
    // services, 3 granted CA/QC, 1 granted TSA/QTST certificate.
    let Some(shared) = shared_dir() else { return };
    for (file, services, granted, time_stamping) in [("BE.xml", 37, 19, 7), ("IE.xml", 5, 3, 1)] {
        let xml =
            std::fs::read_to_string(shared.join("europass/trusted-lists").join(file)).unwrap();
        let list = edc_seal::read_trusted_list(&xml).unwrap();
        assert_eq!(list.len(), services, "{file}");
        assert_eq!(
            list.iter().filter(|s| s.is_granted_qualified_ca()).count(),
            granted,
            "{file}"
        );
        let mut store = TrustStore::new();
        assert_eq!(
            store.add_trusted_list(&xml, &eu_signers(&shared)).unwrap(),
            granted,
            "{file}"
        );
        assert_eq!(store.time_stamping_count(), time_stamping, "{file}");
    }
}

/// The certificates the EU LOTL's own pointer for territory `EU` names: the stand-in, in tests,
/// for the LOTL signing certificates the EU publishes in the Official Journal.
fn lotl_signers(lotl: &str) -> Vec<Vec<u8>> {
    use base64::Engine;
    let document = roxmltree::Document::parse(lotl).unwrap();
    let mut out = Vec::new();
    for pointer in document
        .descendants()
        .filter(|n| n.tag_name().name() == "OtherTSLPointer")
    {
        let territory = pointer
            .descendants()
            .find(|n| n.tag_name().name() == "SchemeTerritory")
            .and_then(|n| n.text());
        if territory != Some("EU") {
            continue;
        }
        for certificate in pointer
            .descendants()
            .filter(|n| n.tag_name().name() == "X509Certificate")
        {
            let text: String = certificate.text().unwrap().split_whitespace().collect();
            out.push(
                base64::engine::general_purpose::STANDARD
                    .decode(text)
                    .unwrap(),
            );
        }
    }
    assert!(!out.is_empty());
    out
}

/// The LOTL in `shared`, verified: who may sign each member state's list.
fn eu_signers(shared: &std::path::Path) -> ListSigners {
    let lotl = std::fs::read_to_string(shared.join("europass/trusted-lists/EU.xml")).unwrap();
    ListSigners {
        lotl: Some(ListOfTrustedLists::verify(&lotl, &lotl_signers(&lotl)).unwrap()),
        direct: Vec::new(),
    }
}

#[test]
fn a_trusted_list_counts_only_when_signed_by_whom_the_lotl_names() {
    let Some(shared) = shared_dir() else { return };
    let dir = shared.join("europass/trusted-lists");
    let be = std::fs::read_to_string(dir.join("BE.xml")).unwrap();
    let lotl = std::fs::read_to_string(dir.join("EU.xml")).unwrap();
    let signers = eu_signers(&shared);
    let refused = |xml: &str, signers: &ListSigners| {
        TrustStore::new()
            .add_trusted_list(xml, signers)
            .expect_err("refused")
    };
    // Nobody said who may sign it.
    let why = refused(&be, &ListSigners::default());
    assert!(
        why.message().contains("you have not said may sign it"),
        "{why}"
    );
    // A withdrawn service made granted: the list's digest no longer matches.
    let changed = be.replacen("Svcstatus/withdrawn", "Svcstatus/granted", 1);
    assert_ne!(changed, be);
    let why = refused(&changed, &signers);
    assert!(
        why.message().contains("changed after it was signed"),
        "{why}"
    );
    // The signature removed.
    let start = be.find("<ds:Signature").unwrap();
    let end = be.find("</ds:Signature>").unwrap() + "</ds:Signature>".len();
    let unsigned = format!("{}{}", &be[..start], &be[end..]);
    let why = refused(&unsigned, &signers);
    assert!(why.message().contains("not signed"), "{why}");
    // A granted CA service slipped inside the signature (an unsigned ds:Object): the
    // signature still verifies, and the service is not read.
    let service = be[be.find("<TSPService>").unwrap()..be.find("</TSPService>").unwrap()]
        .replace("Svcstatus/withdrawn", "Svcstatus/granted");
    let smuggled = be.replacen(
        "</ds:Signature>",
        &format!("<ds:Object xmlns=\"http://uri.etsi.org/02231/v2#\">{service}</TSPService></ds:Object></ds:Signature>"),
        1,
    );
    let mut store = TrustStore::new();
    assert_eq!(store.add_trusted_list(&smuggled, &signers).unwrap(), 19);
    // A comment splitting every status (canonicalization drops comments, so the signature
    // still verifies): each value is read whole, and the granted services still count.
    let split = be.replace("Svcstatus/", "Svcstatus/<!-- -->");
    assert_ne!(split, be);
    assert_eq!(
        TrustStore::new()
            .add_trusted_list(&split, &signers)
            .unwrap(),
        19
    );
    // The LOTL itself, checked against a certificate that did not sign it.
    let be_signer = {
        use base64::Engine;
        let document = roxmltree::Document::parse(&be).unwrap();
        let text: String = document
            .descendants()
            .find(|n| n.tag_name().name() == "KeyInfo")
            .unwrap()
            .descendants()
            .find(|n| n.tag_name().name() == "X509Certificate")
            .and_then(|n| n.text())
            .unwrap()
            .split_whitespace()
            .collect();
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .unwrap()
    };
    assert!(ListOfTrustedLists::verify(&lotl, std::slice::from_ref(&be_signer)).is_err());
    // BE's own signer, trusted directly, lets BE in without the LOTL; it does not sign IE.
    let direct = ListSigners {
        lotl: None,
        direct: vec![be_signer],
    };
    assert_eq!(
        TrustStore::new().add_trusted_list(&be, &direct).unwrap(),
        19
    );
    let ie = std::fs::read_to_string(dir.join("IE.xml")).unwrap();
    refused(&ie, &direct);
}

/// The signature's `etsiU` array.
fn etsi_u(document: &mut SealedDocument) -> &mut Vec<serde_json::Value> {
    document.signatures[0]
        .header
        .as_mut()
        .unwrap()
        .get_mut("etsiU")
        .unwrap()
        .as_array_mut()
        .unwrap()
}

/// The archive time-stamp (`arcTst`, baseline LTA) stamps, per ETSI TS 119 182-1 §5.3.6.3, the
/// payload, '.', the protected header, '.', the signature, '.', and the `etsiU` elements that
/// precede it as stored. Every LTA file of the corpus (stamped by the EU's DSS) verifies so;
/// dropping an element before the `arcTst` (the OCSP values) breaks it, while an element added
/// after it is not covered and changes nothing.
#[test]
fn archive_time_stamps_cover_what_precedes_them() {
    let Some(shared) = shared_dir() else { return };
    let mut archived = 0;
    for file in corpus(&shared) {
        let document = sealed(&file);
        let at = signing_time(&document);
        let check = &verify_seal(&document, at, None)[0];
        if !check.time_stamps.iter().any(|(kind, _)| kind == "arcTst") {
            continue;
        }
        archived += 1;
        assert!(check.is_valid(), "{}: {:?}", file.display(), check.findings);
        let mut dropped = document.clone();
        let items = etsi_u(&mut dropped);
        let arc = items
            .iter()
            .position(|i| {
                let text = i.as_str().unwrap();
                let json = base64::Engine::decode(
                    &base64::engine::general_purpose::URL_SAFE_NO_PAD,
                    text.trim_end_matches('='),
                )
                .unwrap();
                String::from_utf8_lossy(&json).contains("arcTst")
            })
            .unwrap();
        assert!(arc > 0, "{}: something precedes the arcTst", file.display());
        items.remove(arc - 1);
        let broken = &verify_seal(&dropped, at, None)[0];
        assert!(
            broken
                .findings
                .iter()
                .any(|f| f.contains("arcTst") && f.contains("does not cover")),
            "{}: {:?}",
            file.display(),
            broken.findings
        );
        let mut appended = document.clone();
        etsi_u(&mut appended).push(serde_json::json!("eyJ4IjoxfQ"));
        assert!(
            verify_seal(&appended, at, None)[0].is_valid(),
            "{}",
            file.display()
        );
    }
    assert!(archived >= 6, "{archived} LTA files");
}
