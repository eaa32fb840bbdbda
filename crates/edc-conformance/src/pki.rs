//! A test PKI made at run time (rcgen): a root CA and eSeal certificates (P-256) for an
//! organisation, for the generated cases. Nothing here is trusted outside the suite.

use edc_seal::{pem_chain, SealingKey, TrustStore};
use rcgen::{
    BasicConstraints, CertificateParams, DnType, IsCa, KeyPair, KeyUsagePurpose,
    PKCS_ECDSA_P256_SHA256,
};

/// The X.500 attribute type organizationIdentifier (2.5.4.97), which eSeal certificates use
/// for the organisation's eIDAS identifier.
const ORGANIZATION_IDENTIFIER: [u64; 4] = [2, 5, 4, 97];

/// A root CA able to issue seal certificates.
pub struct TestCa {
    key: KeyPair,
    certificate: rcgen::Certificate,
}

/// A seal certificate with its key.
pub struct SealIdentity {
    /// The signing key.
    pub key: SealingKey,
    /// The certificate chain (DER), seal certificate first.
    pub chain: Vec<Vec<u8>>,
}

impl TestCa {
    /// A new root CA, valid 2000–2100.
    pub(crate) fn new() -> Result<TestCa, String> {
        let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(|e| e.to_string())?;
        let mut params = CertificateParams::new(Vec::new()).map_err(|e| e.to_string())?;
        params
            .distinguished_name
            .push(DnType::CommonName, "edc conformance test root CA");
        params
            .distinguished_name
            .push(DnType::OrganizationName, "edc conformance suite");
        params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
        params.key_usages = vec![KeyUsagePurpose::KeyCertSign, KeyUsagePurpose::CrlSign];
        params.not_before = rcgen::date_time_ymd(2000, 1, 1);
        params.not_after = rcgen::date_time_ymd(2100, 1, 1);
        let certificate = params.self_signed(&key).map_err(|e| e.to_string())?;
        Ok(TestCa { key, certificate })
    }

    /// A trust store holding this CA.
    pub(crate) fn trust_store(&self) -> Result<TrustStore, String> {
        let mut store = TrustStore::new();
        store
            .add_der(self.certificate.der())
            .map_err(|e| e.to_string())?;
        Ok(store)
    }

    /// An eSeal certificate for `organisation` (with its eIDAS identifier as
    /// organizationIdentifier), valid from `from_year` to `until_year` (1 January).
    pub(crate) fn seal_identity(
        &self,
        organisation: &str,
        identifier: &str,
        from_year: i32,
        until_year: i32,
    ) -> Result<SealIdentity, String> {
        let (key, certificate) =
            self.seal_certificate(organisation, identifier, from_year, until_year)?;
        identity(&key, &[&certificate, &self.certificate])
    }

    /// The key and certificate of an eSeal of `organisation`, issued by this CA.
    fn seal_certificate(
        &self,
        organisation: &str,
        identifier: &str,
        from_year: i32,
        until_year: i32,
    ) -> Result<(KeyPair, rcgen::Certificate), String> {
        let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(|e| e.to_string())?;
        let params = seal_params(organisation, identifier, from_year, until_year)?;
        let certificate = params
            .signed_by(&key, &self.certificate, &self.key)
            .map_err(|e| e.to_string())?;
        Ok((key, certificate))
    }

    /// A forgery: an eSeal certificate of `victim` issued not by the CA but by an ordinary
    /// (end-entity, not a CA) eSeal certificate of `organisation` that the CA issued. The chain
    /// reaches the trusted root, and RFC 5280 path validation must refuse it.
    pub(crate) fn forged_under_end_entity(
        &self,
        organisation: &str,
        victim: &str,
        victim_identifier: &str,
    ) -> Result<SealIdentity, String> {
        let (ee_key, ee) = self.seal_certificate(organisation, "IE-1111111A", 2000, 2100)?;
        let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(|e| e.to_string())?;
        let forged = seal_params(victim, victim_identifier, 2000, 2100)?
            .signed_by(&key, &ee, &ee_key)
            .map_err(|e| e.to_string())?;
        identity(&key, &[&forged, &ee, &self.certificate])
    }
}

/// A self-signed eSeal certificate with the subject this CA would give `organisation`: anyone
/// can make one.
pub(crate) fn self_signed_copy(
    organisation: &str,
    identifier: &str,
) -> Result<SealIdentity, String> {
    let key = KeyPair::generate_for(&PKCS_ECDSA_P256_SHA256).map_err(|e| e.to_string())?;
    let certificate = seal_params(organisation, identifier, 2000, 2100)?
        .self_signed(&key)
        .map_err(|e| e.to_string())?;
    identity(&key, &[&certificate])
}

/// The parameters of an eSeal certificate (not a CA; digitalSignature and nonRepudiation).
fn seal_params(
    organisation: &str,
    identifier: &str,
    from_year: i32,
    until_year: i32,
) -> Result<CertificateParams, String> {
    let mut params = CertificateParams::new(Vec::new()).map_err(|e| e.to_string())?;
    params
        .distinguished_name
        .push(DnType::CommonName, format!("{organisation} eSeal"));
    params
        .distinguished_name
        .push(DnType::OrganizationName, organisation);
    params.distinguished_name.push(
        DnType::CustomDnType(ORGANIZATION_IDENTIFIER.to_vec()),
        identifier,
    );
    params.distinguished_name.push(DnType::CountryName, "IE");
    params.is_ca = IsCa::ExplicitNoCa;
    params.key_usages = vec![
        KeyUsagePurpose::DigitalSignature,
        KeyUsagePurpose::ContentCommitment,
    ];
    params.not_before = rcgen::date_time_ymd(from_year, 1, 1);
    params.not_after = rcgen::date_time_ymd(until_year, 1, 1);
    Ok(params)
}

/// A sealing key and its chain (DER), leaf first.
fn identity(key: &KeyPair, chain: &[&rcgen::Certificate]) -> Result<SealIdentity, String> {
    let pem: String = chain.iter().map(|c| c.pem()).collect();
    let chain = pem_chain(&pem).map_err(|e| e.to_string())?;
    let key = SealingKey::from_pkcs8_pem(&key.serialize_pem()).map_err(|e| e.to_string())?;
    Ok(SealIdentity { key, chain })
}
