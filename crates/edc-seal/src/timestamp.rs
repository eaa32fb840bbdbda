//! RFC 3161 time-stamp tokens (CMS SignedData holding a TSTInfo), as JAdES carries them in
//! `adoTst` and `etsiU.sigTst`: the time and the message imprint.

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use cms::content_info::ContentInfo;
use cms::signed_data::SignedData;
use der::{Decode, Encode};
use x509_tsp::TstInfo;

/// What a time-stamp token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimeStamp {
    /// True when the TSA's signature over the token verifies with the TSA certificate the token
    /// carries (message digest of the TSTInfo, then the signature over the signed attributes).
    pub tsa_signature_valid: bool,
    /// Why the TSA's signature could not be verified, if it could not.
    pub tsa_problem: Option<String>,
    /// When the TSA stamped (seconds since 1970).
    pub time: i64,
    /// The hash stamped.
    pub imprint: Vec<u8>,
    /// The hash algorithm's OID.
    pub hash_algorithm: String,
    /// The nonce the request carried, if any (big-endian bytes as encoded).
    pub nonce: Option<Vec<u8>>,
    /// The certificates the token carries (DER), the TSA's own first when it is among them:
    /// what a chain from the TSA to a trust anchor is built from.
    pub certificates: Vec<Vec<u8>>,
}

/// Reads a base64 (standard alphabet) time-stamp token.
pub fn read_time_stamp(base64: &str) -> Result<TimeStamp, crate::error::SealError> {
    read_time_stamp_text(base64).map_err(|message| {
        crate::error::SealError::new(crate::error::SealErrorKind::TimeStamp, message)
    })
}

fn read_time_stamp_text(base64: &str) -> Result<TimeStamp, String> {
    let der = STANDARD
        .decode(base64.trim())
        .map_err(|e| format!("the time-stamp token is not base64: {e}"))?;
    let content =
        ContentInfo::from_der(&der).map_err(|e| format!("the time-stamp token is not CMS: {e}"))?;
    let signed: SignedData = content
        .content
        .decode_as()
        .map_err(|e| format!("the time-stamp token is not CMS SignedData: {e}"))?;
    let econtent = signed
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or("the time-stamp token has no TSTInfo")?;
    let octets = econtent.to_der().map_err(|e| e.to_string())?;
    let octets = der::asn1::OctetString::from_der(&octets)
        .map_err(|e| format!("the TSTInfo is not wrapped in an OCTET STRING: {e}"))?;
    let info = TstInfo::from_der(octets.as_bytes())
        .map_err(|e| format!("the TSTInfo cannot be read: {e}"))?;
    let (tsa_signature_valid, tsa_problem) = match verify_tsa_signature(&signed, octets.as_bytes())
    {
        Ok(valid) => (valid, None),
        Err(problem) => (false, Some(problem)),
    };
    let certificates = token_certificates(&signed);
    Ok(TimeStamp {
        tsa_signature_valid,
        tsa_problem,
        time: i64::try_from(info.gen_time.to_unix_duration().as_secs()).unwrap_or(i64::MAX),
        imprint: info.message_imprint.hashed_message.as_bytes().to_vec(),
        hash_algorithm: info.message_imprint.hash_algorithm.oid.to_string(),
        nonce: info.nonce.map(|n| n.as_bytes().to_vec()),
        certificates,
    })
}

/// The token's certificates (DER), the signer's first.
fn token_certificates(signed: &SignedData) -> Vec<Vec<u8>> {
    use cms::cert::CertificateChoices;
    let signer = tsa_certificate(signed).ok();
    let mut out: Vec<Vec<u8>> = signer.and_then(|c| c.to_der().ok()).into_iter().collect();
    for choice in signed.certificates.iter().flat_map(|set| set.0.iter()) {
        if let CertificateChoices::Certificate(cert) = choice {
            if signer != Some(cert) {
                out.extend(cert.to_der().ok());
            }
        }
    }
    out
}

/// The certificate of the token's (first) signer, from the certificates the token carries.
fn tsa_certificate(signed: &SignedData) -> Result<&x509_cert::Certificate, String> {
    use cms::cert::CertificateChoices;
    use cms::signed_data::SignerIdentifier;
    let signer = signed
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("the time-stamp token has no signer")?;
    let certificates = signed
        .certificates
        .as_ref()
        .ok_or("the time-stamp token carries no TSA certificate")?;
    certificates
        .0
        .iter()
        .filter_map(|c| match c {
            CertificateChoices::Certificate(cert) => Some(cert),
            _ => None,
        })
        .find(|cert| match &signer.sid {
            SignerIdentifier::IssuerAndSerialNumber(id) => {
                cert.tbs_certificate.issuer == id.issuer
                    && cert.tbs_certificate.serial_number == id.serial_number
            }
            SignerIdentifier::SubjectKeyIdentifier(_) => true,
        })
        .ok_or_else(|| "the TSA certificate is not in the token".to_string())
}

const SHA1: &str = "1.3.14.3.2.26";
const SHA256: &str = "2.16.840.1.101.3.4.2.1";
const SHA384: &str = "2.16.840.1.101.3.4.2.2";
const SHA512: &str = "2.16.840.1.101.3.4.2.3";
const MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";

/// `data` hashed with the algorithm `oid` names (SHA-1, SHA-256, SHA-384, SHA-512).
pub(crate) fn digest(oid: &str, data: &[u8]) -> Result<Vec<u8>, String> {
    use sha2::Digest;
    match oid {
        SHA1 => Ok(sha1::Sha1::digest(data).to_vec()),
        SHA256 => Ok(sha2::Sha256::digest(data).to_vec()),
        SHA384 => Ok(sha2::Sha384::digest(data).to_vec()),
        SHA512 => Ok(sha2::Sha512::digest(data).to_vec()),
        other => Err(format!("digest algorithm {other} is not supported")),
    }
}

/// id-aa-signingCertificate (RFC 2634, ESSCertID with SHA-1).
const SIGNING_CERTIFICATE: &str = "1.2.840.113549.1.9.16.2.12";
/// id-aa-signingCertificateV2 (RFC 5035/5816, ESSCertIDv2, SHA-256 unless it says).
const SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";

/// ESSCertIDv2: the hash of the signer's certificate.
#[derive(der::Sequence)]
struct EssCertIdV2 {
    #[asn1(optional = "true")]
    hash_algorithm: Option<x509_cert::spki::AlgorithmIdentifierOwned>,
    cert_hash: der::asn1::OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<der::Any>,
}

/// SigningCertificateV2: the certificates, the signer's first.
#[derive(der::Sequence)]
struct SigningCertificateV2 {
    certs: Vec<EssCertIdV2>,
    #[asn1(optional = "true")]
    policies: Option<der::Any>,
}

/// ESSCertID: the SHA-1 hash of the signer's certificate.
#[derive(der::Sequence)]
struct EssCertId {
    cert_hash: der::asn1::OctetString,
    #[asn1(optional = "true")]
    issuer_serial: Option<der::Any>,
}

/// SigningCertificate: the certificates, the signer's first.
#[derive(der::Sequence)]
struct SigningCertificate {
    certs: Vec<EssCertId>,
    #[asn1(optional = "true")]
    policies: Option<der::Any>,
}

/// The signed attribute that names the TSA's certificate (RFC 3161 §2.4.1 requires it) must
/// name the certificate the token carries and is verified with: otherwise that certificate, which
/// the signature does not cover, could have been changed or swapped.
fn signing_certificate(
    attributes: &cms::signed_data::SignedAttributes,
    certificate: &x509_cert::Certificate,
) -> Result<(), String> {
    let value = |oid: &str| {
        attributes
            .iter()
            .find(|a| a.oid.to_string() == oid)
            .and_then(|a| a.values.iter().next())
    };
    let unreadable =
        |e: der::Error| format!("its signing-certificate attribute cannot be read: {e}");
    let none = || "its signing-certificate attribute names no certificate".to_string();
    // The signer's certificate comes first; v2 may name its hash (SHA-256 otherwise), v1 is SHA-1.
    let (algorithm, named) = match (value(SIGNING_CERTIFICATE_V2), value(SIGNING_CERTIFICATE)) {
        (Some(v2), _) => {
            let id = v2.decode_as::<SigningCertificateV2>().map_err(unreadable)?;
            let first = id.certs.into_iter().next().ok_or_else(none)?;
            let algorithm = first.hash_algorithm.map(|a| a.oid.to_string());
            (algorithm.unwrap_or_else(|| SHA256.into()), first.cert_hash)
        }
        (None, Some(v1)) => {
            let id = v1.decode_as::<SigningCertificate>().map_err(unreadable)?;
            let first = id.certs.into_iter().next().ok_or_else(none)?;
            (SHA1.to_string(), first.cert_hash)
        }
        (None, None) => {
            return Err("the time-stamp token does not name its TSA's certificate (no signing-certificate attribute, RFC 3161 §2.4.1)".into())
        }
    };
    let carried = certificate.to_der().map_err(|e| e.to_string())?;
    if digest(&algorithm, &carried)? != named.as_bytes() {
        return Err("its signing-certificate attribute names another certificate than the TSA certificate it carries (changed or swapped)".into());
    }
    Ok(())
}

/// Verifies the (first) signer of a time-stamp token: the `messageDigest` attribute must be the
/// digest of the TSTInfo, and the signature over the DER of the signed attributes must verify
/// with the signer's certificate from the token.
fn verify_tsa_signature(signed: &SignedData, tst_info: &[u8]) -> Result<bool, String> {
    let signer = signed
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("the time-stamp token has no signer")?;
    let digest_oid = signer.digest_alg.oid.to_string();
    let attributes = signer
        .signed_attrs
        .as_ref()
        .ok_or("the time-stamp token has no signed attributes")?;
    let message_digest = attributes
        .iter()
        .find(|a| a.oid.to_string() == MESSAGE_DIGEST)
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.decode_as::<der::asn1::OctetString>().ok())
        .ok_or("the time-stamp token has no messageDigest")?;
    if message_digest.as_bytes() != digest(&digest_oid, tst_info)?.as_slice() {
        return Ok(false);
    }
    let certificate = tsa_certificate(signed)?;
    signing_certificate(attributes, certificate)?;
    let signed_bytes = attributes.to_der().map_err(|e| e.to_string())?;
    let spki = certificate
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| e.to_string())?;
    let signature = signer.signature.as_bytes();
    if !matches!(digest_oid.as_str(), SHA256 | SHA384 | SHA512) {
        return Err(format!("digest algorithm {digest_oid} is not supported"));
    }
    let algorithm = certificate
        .tbs_certificate
        .subject_public_key_info
        .algorithm
        .oid
        .to_string();
    match algorithm.as_str() {
        // rsaEncryption
        "1.2.840.113549.1.1.1" => {
            use edc_did::rsa::RsaScheme;
            let scheme = match digest_oid.as_str() {
                SHA256 => RsaScheme::Pkcs1Sha256,
                SHA384 => RsaScheme::Pkcs1Sha384,
                _ => RsaScheme::Pkcs1Sha512,
            };
            Ok(edc_did::rsa::verify_rsa(
                &spki,
                scheme,
                &signed_bytes,
                signature,
            ))
        }
        // id-ecPublicKey: the curve decides.
        "1.2.840.10045.2.1" => {
            use crate::x509::EcdsaHash;
            let hash = match digest_oid.as_str() {
                SHA256 => EcdsaHash::Sha256,
                SHA384 => EcdsaHash::Sha384,
                SHA512 => EcdsaHash::Sha512,
                other => return Err(format!("ECDSA with digest {other} is not supported")),
            };
            Ok(crate::x509::ecdsa_verify(
                &spki,
                hash,
                &signed_bytes,
                signature,
            ))
        }
        other => Err(format!("the TSA key algorithm {other} is not supported")),
    }
}
