//! Sealing: a JAdES baseline-B seal in the shape the Europass platform produces (JWS JSON
//! serialization, unencoded payload, `x5c`, `x5t#S256`, `kid` as IssuerSerial, `sigT`).

use crate::error::{SealError, SealErrorKind};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use der::{Decode, Encode, Sequence};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use x509_cert::ext::pkix::name::GeneralName;
use x509_cert::serial_number::SerialNumber;
use x509_cert::Certificate;

/// A key a seal is made with.
pub enum SealingKey {
    /// RSA, for RS256 or PS256.
    Rsa(Box<rsa::RsaPrivateKey>),
    /// P-256, for ES256.
    P256(p256::ecdsa::SigningKey),
    /// P-384, for ES384.
    P384(p384::ecdsa::SigningKey),
    /// P-521, for ES512.
    P521(p521::ecdsa::SigningKey),
}

impl std::fmt::Debug for SealingKey {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(match self {
            SealingKey::Rsa(_) => "SealingKey(RSA)",
            SealingKey::P256(_) => "SealingKey(P-256)",
            SealingKey::P384(_) => "SealingKey(P-384)",
            SealingKey::P521(_) => "SealingKey(P-521)",
        })
    }
}

impl SealingKey {
    /// Reads a PKCS#8 PEM private key (RSA, P-256, P-384 or P-521).
    pub fn from_pkcs8_pem(pem: &str) -> Result<SealingKey, SealError> {
        use rsa::pkcs8::der::pem::PemLabel;
        let (label, der) = rsa::pkcs8::der::Document::from_pem(pem).map_err(|e| {
            SealError::new(
                SealErrorKind::Sealing,
                format!("not a PEM private key: {e}"),
            )
        })?;
        if label != rsa::pkcs8::PrivateKeyInfo::PEM_LABEL {
            return Err(SealError::new(SealErrorKind::Sealing, format!(
                "a PEM `{label}` is not a PKCS#8 private key (`PRIVATE KEY`); convert it with `openssl pkcs8 -topk8 -nocrypt`"
            )));
        }
        Self::from_pkcs8_der(der.as_bytes()).map_err(|_| {
            SealError::new(
                SealErrorKind::Sealing,
                "not a PKCS#8 PEM RSA, P-256, P-384 or P-521 private key",
            )
        })
    }

    /// Reads a PKCS#8 DER private key (RSA, P-256, P-384 or P-521).
    pub fn from_pkcs8_der(der: &[u8]) -> Result<SealingKey, SealError> {
        use rsa::pkcs8::DecodePrivateKey;
        if let Ok(key) = rsa::RsaPrivateKey::from_pkcs8_der(der) {
            return Ok(SealingKey::Rsa(Box::new(key)));
        }
        if let Ok(key) = p256::ecdsa::SigningKey::from_pkcs8_der(der) {
            return Ok(SealingKey::P256(key));
        }
        if let Ok(key) = p384::ecdsa::SigningKey::from_pkcs8_der(der) {
            return Ok(SealingKey::P384(key));
        }
        if let Ok(key) = p521::SecretKey::from_pkcs8_der(der) {
            if let Ok(key) = p521::ecdsa::SigningKey::from_bytes(&key.to_bytes()) {
                return Ok(SealingKey::P521(key));
            }
        }
        Err(SealError::new(
            SealErrorKind::Sealing,
            "not a PKCS#8 DER RSA, P-256, P-384 or P-521 private key",
        ))
    }

    /// True when `certificate` (DER) certifies this key's public key: a seal made with a key
    /// that is not the certificate's cannot be verified by anybody.
    pub fn matches_certificate(&self, certificate: &[u8]) -> bool {
        use der::Decode;
        use rsa::pkcs8::EncodePublicKey;
        let public = match self {
            SealingKey::Rsa(key) => rsa::RsaPublicKey::from(key.as_ref()).to_public_key_der(),
            SealingKey::P256(key) => key.verifying_key().to_public_key_der(),
            SealingKey::P384(key) => key.verifying_key().to_public_key_der(),
            SealingKey::P521(key) => {
                let point = p521::ecdsa::VerifyingKey::from(key).to_encoded_point(false);
                match p521::PublicKey::from_sec1_bytes(point.as_bytes()) {
                    Ok(public) => public.to_public_key_der(),
                    Err(_) => return false,
                }
            }
        };
        let Ok(public) = public else { return false };
        let Ok(certificate) = Certificate::from_der(certificate) else {
            return false;
        };
        let ours = x509_cert::spki::SubjectPublicKeyInfoRef::from_der(public.as_bytes())
            .ok()
            .and_then(|s| s.subject_public_key.as_bytes().map(<[u8]>::to_vec));
        let theirs = certificate
            .tbs_certificate
            .subject_public_key_info
            .subject_public_key
            .as_bytes()
            .map(<[u8]>::to_vec);
        ours.is_some() && ours == theirs
    }

    /// The algorithm a seal with this key is made with unless told otherwise: RS256 for RSA
    /// (what the EU samples use), the curve's own ECDSA otherwise.
    pub fn default_algorithm(&self) -> SealAlgorithm {
        match self {
            SealingKey::Rsa(_) => SealAlgorithm::Rs256,
            SealingKey::P256(_) => SealAlgorithm::Es256,
            SealingKey::P384(_) => SealAlgorithm::Es384,
            SealingKey::P521(_) => SealAlgorithm::Es512,
        }
    }

    /// Reads a PKCS#12 key store (`.p12`/`.pfx`): its (first) private key and that key's
    /// certificate chain (DER, seal certificate first). The MAC is checked with `password`.
    pub fn from_pkcs12(
        der: &[u8],
        password: &str,
    ) -> Result<(SealingKey, Vec<Vec<u8>>), SealError> {
        let store = p12_keystore::KeyStore::from_pkcs12(der, password).map_err(|e| {
            SealError::new(
                SealErrorKind::Sealing,
                format!(
                    "the PKCS#12 file cannot be opened (wrong password, or an unsupported \
                 encryption): {e}"
                ),
            )
        })?;
        let (_, entry) = store.private_key_chain().ok_or_else(|| {
            SealError::new(
                SealErrorKind::Sealing,
                "the PKCS#12 file holds no private key",
            )
        })?;
        let key = SealingKey::from_pkcs8_der(entry.key())?;
        let chain: Vec<Vec<u8>> = entry.chain().iter().map(|c| c.as_der().to_vec()).collect();
        if chain.is_empty() {
            return Err(SealError::new(
                SealErrorKind::Sealing,
                "the PKCS#12 file holds no certificate for its private key",
            ));
        }
        Ok((key, chain))
    }
}

/// The JWS algorithm of a seal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SealAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-256 (what the EU samples use).
    Rs256,
    /// RSASSA-PSS with SHA-256.
    Ps256,
    /// ECDSA P-256 with SHA-256.
    Es256,
    /// ECDSA P-384 with SHA-384.
    Es384,
    /// ECDSA P-521 with SHA-512.
    Es512,
}

impl SealAlgorithm {
    fn name(self) -> &'static str {
        match self {
            SealAlgorithm::Rs256 => "RS256",
            SealAlgorithm::Ps256 => "PS256",
            SealAlgorithm::Es256 => "ES256",
            SealAlgorithm::Es384 => "ES384",
            SealAlgorithm::Es512 => "ES512",
        }
    }
}

/// RFC 5035 IssuerSerial, the form of the EU seals' `kid`.
#[derive(Sequence)]
struct IssuerSerial {
    issuer: Vec<GeneralName>,
    serial: SerialNumber,
}

/// Reads every certificate of a PEM chain (leaf first), as DER.
pub fn pem_chain(pem: &str) -> Result<Vec<Vec<u8>>, SealError> {
    use der::DecodePem;
    let mut out = Vec::new();
    for block in pem
        .split("-----END CERTIFICATE-----")
        .filter(|b| b.contains("-----BEGIN CERTIFICATE-----"))
    {
        let text = format!(
            "{}-----END CERTIFICATE-----\n",
            &block[block.find("-----BEGIN").unwrap_or(0)..]
        );
        let certificate = Certificate::from_pem(text.as_bytes()).map_err(|e| {
            SealError::new(
                SealErrorKind::Sealing,
                format!("not a PEM certificate: {e}"),
            )
        })?;
        out.push(
            certificate
                .to_der()
                .map_err(|e| SealError::new(SealErrorKind::Sealing, e.to_string()))?,
        );
    }
    if out.is_empty() {
        return Err(SealError::new(
            SealErrorKind::Sealing,
            "the chain file holds no PEM certificate",
        ));
    }
    Ok(out)
}

/// What to do before sealing.
#[derive(Debug, Clone, Copy)]
pub struct SealOptions {
    /// The algorithm (RS256/PS256 need an RSA key, ES256 a P-256 key).
    pub algorithm: SealAlgorithm,
    /// The signing time, seconds since 1970.
    pub now: i64,
    /// Fill the issuer fields the Europass platform fills from the certificate when absent
    /// (legalName from O, altLabel from CN, eIDASIdentifier from organizationIdentifier; `issued`
    /// and `issuanceDate` = now).
    pub fill_issuer: bool,
}

fn attribute(certificate: &Certificate, oid: &str) -> Option<String> {
    certificate
        .tbs_certificate
        .subject
        .0
        .iter()
        .flat_map(|rdn| rdn.0.iter())
        .find_map(|atv| {
            (atv.oid.to_string() == oid).then(|| {
                atv.value
                    .decode_as::<der::asn1::Utf8StringRef<'_>>()
                    .map(|s| s.to_string())
                    .or_else(|_| {
                        atv.value
                            .decode_as::<der::asn1::PrintableStringRef<'_>>()
                            .map(|s| s.to_string())
                    })
                    .unwrap_or_else(|_| String::from_utf8_lossy(atv.value.value()).into_owned())
            })
        })
}

/// Fills the issuer fields from the seal certificate, as the Europass platform does.
fn fill_issuer(credential: &mut Value, certificate: &Certificate, now: &str) {
    let object = credential.as_object_mut().expect("checked by the caller");
    for member in ["issued", "issuanceDate"] {
        object
            .entry(member)
            .or_insert_with(|| Value::String(now.to_string()));
    }
    let issuer = object
        .entry("issuer")
        .or_insert_with(|| json!({"type": "Organisation"}));
    if issuer.is_string() {
        *issuer = json!({"id": issuer.clone(), "type": "Organisation"});
    }
    let Some(issuer) = issuer.as_object_mut() else {
        return;
    };
    if let Some(o) = attribute(certificate, "2.5.4.10") {
        issuer
            .entry("legalName")
            .or_insert_with(|| json!({"en": o}));
    }
    if let Some(cn) = attribute(certificate, "2.5.4.3") {
        issuer
            .entry("altLabel")
            .or_insert_with(|| json!({"en": cn}));
    }
    if let Some(identifier) = attribute(certificate, "2.5.4.97") {
        let mut legal = json!({"id": "urn:certificateIdentifier:1", "type": "LegalIdentifier", "notation": identifier});
        if let Some(country) = attribute(certificate, "2.5.4.6").and_then(|c| alpha3(&c)) {
            legal["spatial"] = json!({
                "id": format!("http://publications.europa.eu/resource/authority/country/{country}"),
                "type": "Concept",
                "inScheme": {"id": "http://publications.europa.eu/resource/authority/country", "type": "ConceptScheme"},
            });
        }
        issuer.entry("eIDASIdentifier").or_insert(legal);
    }
    // Where the organisation is: the certificate's country, as the EU's sealer writes it (the
    // official profiles require an issuer's location).
    if let Some(country) = attribute(certificate, "2.5.4.6").and_then(|c| alpha3(&c)) {
        issuer.entry("location").or_insert_with(|| {
            json!({
                "id": "urn:epass:certificateLocation:1",
                "type": "Location",
                "address": {
                    "id": "urn:epass:certificateAddress:1",
                    "type": "Address",
                    "countryCode": {
                        "id": format!("http://publications.europa.eu/resource/authority/country/{country}"),
                        "type": "Concept",
                        "inScheme": {"id": "http://publications.europa.eu/resource/authority/country", "type": "ConceptScheme"},
                    }
                }
            })
        });
    }
}

/// ISO 3166 alpha-3 for the EU/EEA alpha-2 codes certificates carry.
fn alpha3(alpha2: &str) -> Option<&'static str> {
    const CODES: [(&str, &str); 31] = [
        ("AT", "AUT"),
        ("BE", "BEL"),
        ("BG", "BGR"),
        ("CY", "CYP"),
        ("CZ", "CZE"),
        ("DE", "DEU"),
        ("DK", "DNK"),
        ("EE", "EST"),
        ("ES", "ESP"),
        ("FI", "FIN"),
        ("FR", "FRA"),
        ("GR", "GRC"),
        ("HR", "HRV"),
        ("HU", "HUN"),
        ("IE", "IRL"),
        ("IT", "ITA"),
        ("LT", "LTU"),
        ("LU", "LUX"),
        ("LV", "LVA"),
        ("MT", "MLT"),
        ("NL", "NLD"),
        ("PL", "POL"),
        ("PT", "PRT"),
        ("RO", "ROU"),
        ("SE", "SWE"),
        ("SI", "SVN"),
        ("SK", "SVK"),
        ("IS", "ISL"),
        ("LI", "LIE"),
        ("NO", "NOR"),
        ("CH", "CHE"),
    ];
    CODES
        .iter()
        .find(|(two, _)| two.eq_ignore_ascii_case(alpha2))
        .map(|(_, three)| *three)
}

/// Seals a credential (or presentation) JSON with `key` and the certificate `chain` (DER, leaf
/// first), returning the sealed document `{payload, signatures}`.
pub fn seal(
    document: &Value,
    key: &SealingKey,
    chain: &[Vec<u8>],
    options: SealOptions,
) -> Result<Value, SealError> {
    let leaf_der = chain.first().ok_or_else(|| {
        SealError::new(SealErrorKind::Sealing, "a seal needs the seal certificate")
    })?;
    let leaf = Certificate::from_der(leaf_der).map_err(|e| {
        SealError::new(
            SealErrorKind::Sealing,
            format!("the seal certificate cannot be read: {e}"),
        )
    })?;
    if !document.is_object() {
        return Err(SealError::new(
            SealErrorKind::Sealing,
            "only a JSON object can be sealed",
        ));
    }
    let now = edc_model::DateTime::from_unix_seconds(options.now).to_string();
    let mut document = document.clone();
    if options.fill_issuer {
        fill_issuer(&mut document, &leaf, &now);
    }
    let payload = serde_json::to_string(&document)
        .map_err(|e| SealError::new(SealErrorKind::Sealing, e.to_string()))?;
    let kid = IssuerSerial {
        issuer: vec![GeneralName::DirectoryName(
            leaf.tbs_certificate.issuer.clone(),
        )],
        serial: leaf.tbs_certificate.serial_number.clone(),
    }
    .to_der()
    .map_err(|e| SealError::new(SealErrorKind::Sealing, e.to_string()))?;
    let types = &document["type"];
    let presentation = types == "VerifiablePresentation"
        || types
            .as_array()
            .is_some_and(|t| t.iter().any(|x| x == "VerifiablePresentation"));
    let header = json!({
        "alg": options.algorithm.name(),
        "cty": if presentation { "json" } else { "octet-stream" },
        "kid": STANDARD.encode(kid),
        "x5t#S256": URL_SAFE_NO_PAD.encode(Sha256::digest(leaf_der)),
        "x5c": chain.iter().map(|c| STANDARD.encode(c)).collect::<Vec<_>>(),
        "typ": "jose+json",
        "b64": false,
        "sigT": now,
        "crit": ["b64", "sigT"],
    });
    let protected = URL_SAFE_NO_PAD.encode(
        serde_json::to_vec(&header)
            .map_err(|e| SealError::new(SealErrorKind::Sealing, e.to_string()))?,
    );
    let message = format!("{protected}.{payload}");
    let signature = match (key, options.algorithm) {
        (SealingKey::Rsa(k), SealAlgorithm::Rs256) => k
            .sign(
                rsa::Pkcs1v15Sign::new::<Sha256>(),
                &Sha256::digest(message.as_bytes()),
            )
            .map_err(|e| SealError::new(SealErrorKind::Sealing, e.to_string()))?,
        (SealingKey::Rsa(k), SealAlgorithm::Ps256) => {
            let mut rng = rand_core::OsRng;
            k.sign_with_rng(
                &mut rng,
                rsa::Pss::new::<Sha256>(),
                &Sha256::digest(message.as_bytes()),
            )
            .map_err(|e| SealError::new(SealErrorKind::Sealing, e.to_string()))?
        }
        (SealingKey::P256(k), SealAlgorithm::Es256) => {
            use p256::ecdsa::signature::Signer as _;
            let s: p256::ecdsa::Signature = k.sign(message.as_bytes());
            s.to_bytes().to_vec()
        }
        (SealingKey::P384(k), SealAlgorithm::Es384) => {
            use p384::ecdsa::signature::Signer as _;
            let s: p384::ecdsa::Signature = k.sign(message.as_bytes());
            s.to_bytes().to_vec()
        }
        (SealingKey::P521(k), SealAlgorithm::Es512) => {
            use p521::ecdsa::signature::Signer as _;
            let s: p521::ecdsa::Signature = k.sign(message.as_bytes());
            s.to_bytes().to_vec()
        }
        (key, alg) => {
            return Err(SealError::new(
                SealErrorKind::Sealing,
                format!("{} cannot be made with {key:?}", alg.name()),
            ))
        }
    };
    Ok(json!({
        "payload": payload,
        "signatures": [{"protected": protected, "signature": URL_SAFE_NO_PAD.encode(signature)}],
    }))
}
