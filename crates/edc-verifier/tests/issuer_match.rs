//! A credential sealed by an organisation other than its issuer: the issuer check fails, while
//! integrity holds. The seal is made with a test PKI OpenSSL generates at test time
//! (organizationIdentifier VATES-Q0000000J).

use edc_signer::{pem_chain, seal, SealAlgorithm, SealOptions, SealingKey, TrustStore};
use edc_testkit::pki::{make_pki, pki_available};
use edc_verifier::{CheckName, Outcome, Verifier};
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
