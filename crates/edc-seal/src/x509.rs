//! X.509 for seals: trust anchors, chain building with signature checks, and the qualified
//! certificate statements (ETSI EN 319 412-5) that make a seal qualified.

use der::asn1::ObjectIdentifier;
use der::{Any, Decode, DecodePem, Encode};
use edc_did::rsa::{verify_rsa as rsa_verify, RsaScheme};
use std::path::Path;
use x509_cert::Certificate;

const QC_STATEMENTS: &str = "1.3.6.1.5.5.7.1.3";
const QC_COMPLIANCE: &str = "0.4.0.1862.1.1";
const QC_SSCD: &str = "0.4.0.1862.1.4";
const QC_TYPE: &str = "0.4.0.1862.1.6";
const QC_TYPE_ESEAL: &str = "0.4.0.1862.1.6.2";

/// Certificates the caller trusts as roots of seal chains, and time-stamping units trusted as
/// they are (a trusted list's qualified time-stamping services).
#[derive(Debug, Clone, Default)]
pub struct TrustStore {
    anchors: Vec<Certificate>,
    time_stamping: Vec<Certificate>,
    /// Certificates chains may pass through, not trusted themselves (an issuing CA a seal does
    /// not carry).
    intermediates: Vec<Certificate>,
}

impl TrustStore {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a DER certificate.
    pub fn add_der(&mut self, der: &[u8]) -> Result<(), crate::error::SealError> {
        self.add_der_text(der).map_err(|message| {
            crate::error::SealError::new(crate::error::SealErrorKind::Certificate, message)
        })
    }

    fn add_der_text(&mut self, der: &[u8]) -> Result<(), String> {
        self.anchors
            .push(Certificate::from_der(der).map_err(|e| format!("not a DER certificate: {e}"))?);
        Ok(())
    }

    /// Adds every certificate of a PEM text.
    pub fn add_pem(&mut self, pem: &str) -> Result<(), crate::error::SealError> {
        self.add_pem_text(pem).map_err(|message| {
            crate::error::SealError::new(crate::error::SealErrorKind::Certificate, message)
        })
    }

    fn add_pem_text(&mut self, pem: &str) -> Result<(), String> {
        let blocks: Vec<&str> = pem
            .split("-----END CERTIFICATE-----")
            .filter(|b| b.contains("-----BEGIN CERTIFICATE-----"))
            .collect();
        if blocks.is_empty() {
            return Err("no PEM certificate found".into());
        }
        for block in blocks {
            let text = format!(
                "{}-----END CERTIFICATE-----\n",
                &block[block.find("-----BEGIN").unwrap_or(0)..]
            );
            self.anchors.push(
                Certificate::from_pem(text.as_bytes())
                    .map_err(|e| format!("not a PEM certificate: {e}"))?,
            );
        }
        Ok(())
    }

    /// Adds every `.pem`, `.crt`, `.cer` or `.der` file of a directory.
    pub fn add_directory(&mut self, dir: &Path) -> Result<usize, crate::error::SealError> {
        self.add_directory_text(dir).map_err(|message| {
            crate::error::SealError::new(crate::error::SealErrorKind::Certificate, message)
        })
    }

    fn add_directory_text(&mut self, dir: &Path) -> Result<usize, String> {
        let mut added = 0;
        let entries =
            std::fs::read_dir(dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        for entry in entries.flatten() {
            let path = entry.path();
            let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
                continue;
            };
            let bytes =
                std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let before = self.anchors.len();
            match ext {
                "pem" | "crt" | "cer" if bytes.starts_with(b"-----") => {
                    self.add_pem(&String::from_utf8_lossy(&bytes))?
                }
                "der" | "crt" | "cer" => self.add_der(&bytes)?,
                _ => continue,
            }
            added += self.anchors.len() - before;
        }
        Ok(added)
    }

    /// Adds the trust anchors of `path`: a directory of PEM/DER files
    /// ([`add_directory`](Self::add_directory)), or one file, PEM (one or more certificates) or
    /// DER. Errors name the path.
    pub fn add_path(&mut self, path: &Path) -> Result<usize, crate::error::SealError> {
        if path.is_dir() {
            return self
                .add_directory(path)
                .map_err(|e| e.context(&format!("trust anchors in {}: ", path.display())));
        }
        let before = self.anchors.len();
        let bytes = std::fs::read(path).map_err(|e| {
            crate::error::SealError::new(
                crate::error::SealErrorKind::Io,
                format!("cannot read {}: {e}", path.display()),
            )
        })?;
        match std::str::from_utf8(&bytes) {
            Ok(text) if text.contains("-----BEGIN") => self.add_pem(text),
            _ => self.add_der(&bytes),
        }
        .map_err(|e| e.context(&format!("trust anchor {}: ", path.display())))?;
        Ok(self.anchors.len() - before)
    }

    /// Adds the certificates of `path` (a PEM/DER file, or a directory of them) as
    /// intermediates: chains may pass through them, but they are not trust anchors.
    pub fn add_intermediates(&mut self, path: &Path) -> Result<usize, crate::error::SealError> {
        self.add_intermediates_text(path).map_err(|message| {
            crate::error::SealError::new(crate::error::SealErrorKind::Certificate, message)
        })
    }

    fn add_intermediates_text(&mut self, path: &Path) -> Result<usize, String> {
        let mut scratch = TrustStore::new();
        let added = if path.is_dir() {
            scratch.add_directory(path)?
        } else {
            let bytes =
                std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            if bytes.starts_with(b"-----") {
                scratch.add_pem(&String::from_utf8_lossy(&bytes))?;
            } else {
                scratch.add_der(&bytes)?;
            }
            scratch.anchors.len()
        };
        self.intermediates.extend(scratch.anchors);
        Ok(added)
    }

    pub(crate) fn intermediates(&self) -> &[Certificate] {
        &self.intermediates
    }

    /// How many anchors the store holds.
    pub fn len(&self) -> usize {
        self.anchors.len()
    }

    /// True when the store holds no anchor.
    pub fn is_empty(&self) -> bool {
        self.anchors.is_empty()
    }

    /// The anchors, DER (e.g. to write them out as a trust store directory).
    pub fn anchors_der(&self) -> Vec<Vec<u8>> {
        self.anchors
            .iter()
            .filter_map(|c| c.to_der().ok())
            .collect()
    }

    /// The time-stamping units trusted as they are, DER.
    pub fn time_stamping_der(&self) -> Vec<Vec<u8>> {
        self.time_stamping
            .iter()
            .filter_map(|c| c.to_der().ok())
            .collect()
    }

    pub(crate) fn anchors(&self) -> &[Certificate] {
        &self.anchors
    }

    /// Adds a time-stamping unit's certificate (DER), trusted for the time-stamps it signs
    /// (not as the root of seal chains).
    pub fn add_time_stamping_der(&mut self, der: &[u8]) -> Result<(), crate::error::SealError> {
        self.add_time_stamping_der_text(der).map_err(|message| {
            crate::error::SealError::new(crate::error::SealErrorKind::Certificate, message)
        })
    }

    fn add_time_stamping_der_text(&mut self, der: &[u8]) -> Result<(), String> {
        self.time_stamping
            .push(Certificate::from_der(der).map_err(|e| format!("not a DER certificate: {e}"))?);
        Ok(())
    }

    /// How many time-stamping units are trusted as they are.
    pub fn time_stamping_count(&self) -> usize {
        self.time_stamping.len()
    }

    /// True when `certificate` is a trusted time-stamping unit.
    pub(crate) fn is_time_stamping_unit(&self, certificate: &Certificate) -> bool {
        self.time_stamping.iter().any(|t| t == certificate)
    }

    pub(crate) fn contains(&self, certificate: &Certificate) -> bool {
        self.anchors.iter().any(|a| a == certificate)
    }
}

/// True when `issuer`'s key verifies `certificate`'s signature.
pub(crate) fn issued_by(certificate: &Certificate, issuer: &Certificate) -> bool {
    // The outer signature algorithm must be the one the signed part names (RFC 5280 §4.1.1.2).
    if certificate.tbs_certificate.issuer != issuer.tbs_certificate.subject
        || certificate.signature_algorithm != certificate.tbs_certificate.signature
    {
        return false;
    }
    let Ok(tbs) = certificate.tbs_certificate.to_der() else {
        return false;
    };
    verify_signed(
        &tbs,
        &certificate.signature_algorithm.oid.to_string(),
        certificate.signature.raw_bytes(),
        issuer,
    )
}

/// True when `signer`'s key verifies `signature` (algorithm `algorithm_oid`) over `data`.
pub(crate) fn verify_signed(
    data: &[u8],
    algorithm_oid: &str,
    signature: &[u8],
    signer: &Certificate,
) -> bool {
    let Ok(spki) = signer.tbs_certificate.subject_public_key_info.to_der() else {
        return false;
    };
    match algorithm_oid {
        "1.2.840.113549.1.1.11" => rsa_verify(&spki, RsaScheme::Pkcs1Sha256, data, signature),
        "1.2.840.113549.1.1.12" => rsa_verify(&spki, RsaScheme::Pkcs1Sha384, data, signature),
        "1.2.840.113549.1.1.13" => rsa_verify(&spki, RsaScheme::Pkcs1Sha512, data, signature),
        "1.2.840.10045.4.3.2" => ecdsa_verify(&spki, EcdsaHash::Sha256, data, signature),
        "1.2.840.10045.4.3.3" => ecdsa_verify(&spki, EcdsaHash::Sha384, data, signature),
        "1.2.840.10045.4.3.4" => ecdsa_verify(&spki, EcdsaHash::Sha512, data, signature),
        _ => false,
    }
}

/// The hashes of the ECDSA signatures edc verifies in certificates, time-stamps and OCSP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EcdsaHash {
    /// ecdsa-with-SHA256.
    Sha256,
    /// ecdsa-with-SHA384.
    Sha384,
    /// ecdsa-with-SHA512.
    Sha512,
}

/// Verifies a DER ECDSA signature over `message` with the P-256, P-384 or P-521 key of a
/// SubjectPublicKeyInfo (DER), the hash the signature algorithm names (which need not be the
/// curve's own). ring does the arithmetic where it can (P-256, P-384 with SHA-256/384);
/// RustCrypto does P-521 and SHA-512.
pub(crate) fn ecdsa_verify(spki: &[u8], hash: EcdsaHash, message: &[u8], signature: &[u8]) -> bool {
    use ring::signature as ring_sig;
    const P256: &str = "1.2.840.10045.3.1.7";
    const P384: &str = "1.3.132.0.34";
    const P521: &str = "1.3.132.0.35";
    let Ok(info) = x509_cert::spki::SubjectPublicKeyInfoRef::from_der(spki) else {
        return false;
    };
    let curve = info
        .algorithm
        .parameters
        .as_ref()
        .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        .map(|oid| oid.to_string());
    let Some(point) = info.subject_public_key.as_bytes() else {
        return false;
    };
    let algorithm: &dyn ring_sig::VerificationAlgorithm = match (curve.as_deref(), hash) {
        (Some(P256), EcdsaHash::Sha256) => &ring_sig::ECDSA_P256_SHA256_ASN1,
        (Some(P256), EcdsaHash::Sha384) => &ring_sig::ECDSA_P256_SHA384_ASN1,
        (Some(P384), EcdsaHash::Sha256) => &ring_sig::ECDSA_P384_SHA256_ASN1,
        (Some(P384), EcdsaHash::Sha384) => &ring_sig::ECDSA_P384_SHA384_ASN1,
        (Some(curve @ (P256 | P384 | P521)), hash) => {
            return prehash_verify(curve, point, hash, message, signature)
        }
        _ => return false,
    };
    ring_sig::UnparsedPublicKey::new(algorithm, point)
        .verify(message, signature)
        .is_ok()
}

/// ECDSA over a prehashed message, with RustCrypto (curves or hashes ring does not pair).
fn prehash_verify(
    curve: &str,
    point: &[u8],
    hash: EcdsaHash,
    message: &[u8],
    signature: &[u8],
) -> bool {
    use p256::ecdsa::signature::hazmat::PrehashVerifier;
    use sha2::Digest;
    let digest = match hash {
        EcdsaHash::Sha256 => sha2::Sha256::digest(message).to_vec(),
        EcdsaHash::Sha384 => sha2::Sha384::digest(message).to_vec(),
        EcdsaHash::Sha512 => sha2::Sha512::digest(message).to_vec(),
    };
    match curve {
        "1.2.840.10045.3.1.7" => {
            let (Ok(key), Ok(sig)) = (
                p256::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p256::ecdsa::Signature::from_der(signature),
            ) else {
                return false;
            };
            key.verify_prehash(&digest, &sig).is_ok()
        }
        "1.3.132.0.34" => {
            let (Ok(key), Ok(sig)) = (
                p384::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p384::ecdsa::Signature::from_der(signature),
            ) else {
                return false;
            };
            key.verify_prehash(&digest, &sig).is_ok()
        }
        _ => {
            let (Ok(key), Ok(sig)) = (
                p521::ecdsa::VerifyingKey::from_sec1_bytes(point),
                p521::ecdsa::Signature::from_der(signature),
            ) else {
                return false;
            };
            key.verify_prehash(&digest, &sig).is_ok()
        }
    }
}

/// How far a chain reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChainOutcome {
    /// The chain reaches a trust anchor (its subject); every link's signature verified.
    Anchored(String),
    /// The chain does not reach an anchor of the store (the reason).
    NotAnchored(String),
    /// No trust store was given.
    NoTrustStore,
}

/// The qualified-certificate statements a certificate makes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct QcStatements {
    /// QcCompliance: issued as a qualified certificate (eIDAS).
    pub compliance: bool,
    /// QcType eseal: for electronic seals.
    pub eseal: bool,
    /// QcSSCD: the key is on a qualified signature/seal creation device.
    pub qscd: bool,
}

pub(crate) fn extension<'a>(certificate: &'a Certificate, oid: &str) -> Option<&'a [u8]> {
    certificate
        .tbs_certificate
        .extensions
        .as_ref()?
        .iter()
        .find(|e| e.extn_id.to_string() == oid)
        .map(|e| e.extn_value.as_bytes())
}

/// Reads the QCStatements extension (a SEQUENCE OF QCStatement { statementId, statementInfo }).
pub(crate) fn qc_statements(certificate: &Certificate) -> QcStatements {
    let mut statements = QcStatements::default();
    let Some(value) = extension(certificate, QC_STATEMENTS) else {
        return statements;
    };
    let Ok(list) = Vec::<Any>::from_der(value) else {
        return statements;
    };
    for statement in list {
        let Ok(parts) = statement.decode_as::<Vec<Any>>() else {
            continue;
        };
        let Some(id) = parts
            .first()
            .and_then(|p| p.decode_as::<ObjectIdentifier>().ok())
        else {
            continue;
        };
        match id.to_string().as_str() {
            QC_COMPLIANCE => statements.compliance = true,
            QC_SSCD => statements.qscd = true,
            QC_TYPE => {
                let types = parts
                    .get(1)
                    .and_then(|p| p.decode_as::<Vec<ObjectIdentifier>>().ok())
                    .unwrap_or_default();
                statements.eseal |= types.iter().any(|t| t.to_string() == QC_TYPE_ESEAL);
            }
            _ => {}
        }
    }
    statements
}

/// True when key usage allows signing (digitalSignature or nonRepudiation), or is absent.
pub(crate) fn may_sign(certificate: &Certificate) -> bool {
    key_usage(certificate).is_none_or(signs)
}

const OCSP_SIGNING: &str = "1.3.6.1.5.5.7.3.9";

/// True when the certificate's extended key usage includes id-kp-OCSPSigning (RFC 6960 4.2.2.2:
/// what a delegated OCSP responder's certificate must carry).
pub(crate) fn may_sign_ocsp(certificate: &Certificate) -> bool {
    extension(certificate, EXTENDED_KEY_USAGE)
        .and_then(|value| Vec::<ObjectIdentifier>::from_der(value).ok())
        .is_some_and(|usages| usages.iter().any(|u| u.to_string() == OCSP_SIGNING))
}

pub(crate) const EXTENDED_KEY_USAGE: &str = "2.5.29.37";

/// The key usage bits, most significant first (bit 0 digitalSignature … bit 5 keyCertSign);
/// None when the extension is absent. An unreadable extension reads as no usage at all.
pub(crate) fn key_usage(certificate: &Certificate) -> Option<u16> {
    let value = extension(certificate, KEY_USAGE)?;
    let Ok(bits) = der::asn1::BitString::from_der(value) else {
        return Some(0);
    };
    let bytes = bits.raw_bytes();
    let first = u16::from(bytes.first().copied().unwrap_or(0));
    let second = u16::from(bytes.get(1).copied().unwrap_or(0));
    Some(first << 8 | second)
}

/// True when key usage bits allow signing: digitalSignature or nonRepudiation.
pub(crate) fn signs(bits: u16) -> bool {
    bits & (KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION) != 0
}

pub(crate) const KEY_USAGE: &str = "2.5.29.15";

pub(crate) const KU_DIGITAL_SIGNATURE: u16 = 0x8000;

pub(crate) const KU_NON_REPUDIATION: u16 = 0x4000;
