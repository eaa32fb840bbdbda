//! A credential sealed by an organisation other than its issuer: the issuer check fails, while
//! integrity holds. The seal is made with a test PKI OpenSSL generates at test time
//! (organizationIdentifier VATES-Q0000000J).

use edc_seal::{pem_chain, seal, SealAlgorithm, SealOptions, SealingKey, TrustStore};
use edc_testkit::pki::{make_pki, make_seal_naming, pki_available};
use edc_verifier::{CheckName, Code, Outcome, Verifier};
use serde_json::json;

#[test]
fn a_seal_by_another_organisation_fails_the_issuer_check() {
    if !pki_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("edc-verifier-issuer-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    make_pki(&dir, true);
    let key = SealingKey::from_pkcs8_pem(&std::fs::read_to_string(dir.join("seal.key")).unwrap())
        .unwrap();
    let chain = pem_chain(&std::fs::read_to_string(dir.join("seal.pem")).unwrap()).unwrap();
    let mut store = TrustStore::new();
    store
        .add_pem(&std::fs::read_to_string(dir.join("ca.pem")).unwrap())
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    let verifier = Verifier::builder().trust_store(store).at(now).build();
    for (notation, matches) in [("VATES-Q0000000J", true), ("VATES-B99999999", false)] {
        let credential = json!({
            "@context": ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"],
            "id": "urn:credential:1",
            "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
            "issuer": {"id": "urn:org:1", "type": "Organisation", "legalName": {"en": "Test University"},
                       "eIDASIdentifier": {"id": "urn:id:1", "type": "LegalIdentifier", "notation": notation}},
        });
        let options = SealOptions {
            algorithm: SealAlgorithm::Es256,
            now,
            fill_issuer: false,
        };
        let sealed = seal(&credential, &key, &chain, options).unwrap();
        let report = verifier.verify(sealed.to_string().as_bytes());
        assert!(
            matches!(report.get(CheckName::Integrity), Some(Outcome::Ok(_))),
            "{:?}",
            report.get(CheckName::Integrity)
        );
        match (report.get(CheckName::Issuer), matches) {
            (Some(Outcome::Ok(text)), true) => assert!(text.contains("VATES-Q0000000J"), "{text}"),
            (Some(Outcome::Failed(text)), false) => {
                assert!(
                    text.contains("VATES-B99999999") && text.contains("VATES-Q0000000J"),
                    "{text}"
                )
            }
            (other, _) => panic!("{notation}: {other:?}"),
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// The sealer and the issuer compared by meaning (ETSI EN 319 412-1 §5.1.4): one seal
/// certificate per identifier form, made here by OpenSSL, and credentials naming their issuer in
/// the ways real ones do. Same legal person: the issuer check passes; another one: it fails;
/// identifiers that do not say: could not check, with the reason.
#[test]
fn sealer_and_issuer_are_compared_by_meaning() {
    if !pki_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("edc-verifier-identity-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    make_pki(&dir, true);
    let mut store = TrustStore::new();
    store
        .add_pem(&std::fs::read_to_string(dir.join("ca.pem")).unwrap())
        .unwrap();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64;
    // A minute on: the certificates below are issued from now on, valid for 30 days.
    let verifier = Verifier::builder().trust_store(store).at(now + 60).build();
    let country = |code: &str| json!({"id": format!("http://publications.europa.eu/resource/authority/country/{code}"), "type": "Concept"});
    // (certificate organizationIdentifier, issuer identifiers, expected: Ok / Failed / Skipped)
    let cases = [
        (
            "NTREE-17207834",
            json!({"eIDASIdentifier": {"notation": "17207834", "spatial": country("EST")}}),
            "ok",
        ),
        (
            "NTREE-17207834",
            json!({"eIDASIdentifier": {"notation": "NTREE-17207834"}}),
            "ok",
        ),
        (
            "VATBE-0123456789",
            json!({"vatIdentifier": [{"notation": "BE0123456789", "spatial": country("BEL")}]}),
            "ok",
        ),
        (
            "VATEL-094019245",
            json!({"eIDASIdentifier": {"notation": "094019245", "spatial": country("GRC")}}),
            "ok",
        ),
        (
            "PSDBE-NBB-1234.567.890",
            json!({"eIDASIdentifier": {"notation": "PSDBE-NBB-1234.567.890"}}),
            "ok",
        ),
        (
            "LEIXG-5493001KJTIIGC8Y1R12",
            json!({"legalIdentifier": {"notation": "LEIXG-5493001KJTIIGC8Y1R12"}}),
            "ok",
        ),
        (
            "EI:SE-1234567890",
            json!({"eIDASIdentifier": {"notation": "EI:SE-1234567890"}}),
            "ok",
        ),
        (
            "NTREE-17207834",
            json!({"eIDASIdentifier": {"notation": "NTREE-99999999"}}),
            "failed",
        ),
        (
            "NTREE-17207834",
            json!({"eIDASIdentifier": {"notation": "17207834", "spatial": country("LVA")}}),
            "failed",
        ),
        (
            "EI:SE-1234567890",
            json!({"eIDASIdentifier": {"notation": "EI:SE-1234567899"}}),
            "failed",
        ),
        (
            "NTREE-17207834",
            json!({"eIDASIdentifier": {"notation": "17207834"}}),
            "skipped",
        ),
        (
            "NTREE-17207834",
            json!({"eIDASIdentifier": {"notation": "VATEE-100000000"}}),
            "skipped",
        ),
    ];
    for (i, (organization_identifier, identifiers, expected)) in cases.into_iter().enumerate() {
        let stem = format!("seal{i}");
        make_seal_naming(&dir, &stem, organization_identifier);
        let key = SealingKey::from_pkcs8_pem(
            &std::fs::read_to_string(dir.join(format!("{stem}.key"))).unwrap(),
        )
        .unwrap();
        let chain =
            pem_chain(&std::fs::read_to_string(dir.join(format!("{stem}.pem"))).unwrap()).unwrap();
        let mut issuer = json!({"id": "urn:org:1", "type": "Organisation", "legalName": {"en": "Test Organisation"}});
        for (k, v) in identifiers.as_object().unwrap() {
            issuer[k] = v.clone();
        }
        let credential = json!({
            "@context": ["https://www.w3.org/2018/credentials/v1", "http://data.europa.eu/snb/model/context/edc-ap"],
            "id": "urn:credential:1",
            "type": ["VerifiableCredential", "EuropeanDigitalCredential"],
            "issuer": issuer,
        });
        let options = SealOptions {
            algorithm: SealAlgorithm::Es256,
            now,
            fill_issuer: false,
        };
        let sealed = seal(&credential, &key, &chain, options).unwrap();
        let report = verifier.verify(sealed.to_string().as_bytes());
        let issuer = report.get(CheckName::Issuer);
        let ok = match (expected, issuer) {
            ("ok", Some(Outcome::Ok(text))) => text.contains(organization_identifier),
            ("failed", Some(Outcome::Failed(why))) => why.code == Code::SignerNotIssuer,
            ("skipped", Some(Outcome::Skipped(text))) => text.contains(organization_identifier),
            _ => false,
        };
        assert!(
            ok,
            "{organization_identifier} vs {identifiers}: expected {expected}, got {issuer:?}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}
