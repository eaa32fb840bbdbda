//! Revocation data fetched for a seal's chain when sealing at baseline LT/LTA and the caller
//! allows the network: for each certificate, an OCSP response from the responder its Authority
//! Information Access names (an RFC 6960 request, posted over http), or else the CRL at its CRL
//! distribution point. Each answer is checked the way a verifier will check it (about that
//! certificate, signed by its issuer or a responder the issuer certified) before it is kept; a
//! revoked certificate stops the sealing.

use crate::error::{SealError, SealErrorKind};
use crate::lta::RevocationData;
use crate::revocation::{cert_id_hashes, check_revocation, Revocation, SHA1};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use der::asn1::{Null, OctetString};
use der::{Any, Decode, Encode};
use x509_cert::ext::pkix::name::{DistributionPointName, GeneralName};
use x509_cert::ext::pkix::{AuthorityInfoAccessSyntax, CrlDistributionPoints};
use x509_cert::spki::AlgorithmIdentifierOwned;
use x509_cert::Certificate;
use x509_ocsp::{CertId, OcspRequest, Request, TbsRequest, Version};

const OCSP_REQUEST: &str = "application/ocsp-request";
const CRL: &str = "application/pkix-crl, application/x-pkcs7-crl;q=0.5, */*;q=0.1";
/// id-ad-ocsp (RFC 5280 §4.2.2.1).
const AD_OCSP: &str = "1.3.6.1.5.5.7.48.1";

/// One answer fetched for a certificate.
enum Fetched {
    Ocsp(Vec<u8>),
    Crl(Vec<u8>),
}

/// Fetches revocation data for `chain` (DER, the seal certificate first, each certificate's
/// issuer among the others) through `fetcher`: an OCSP response for each certificate that is not
/// self-signed, or a CRL when no responder answers usefully. Errors name the certificate and
/// say what to do (give the data as files; give the whole chain), or that it is revoked.
pub fn fetch_revocation_data(
    chain: &[Vec<u8>],
    fetcher: &dyn edc_context::Fetcher,
) -> Result<RevocationData, SealError> {
    let certificates = chain
        .iter()
        .map(|der| Certificate::from_der(der))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| {
            SealError::new(
                SealErrorKind::Revocation,
                format!("a certificate of the chain cannot be read: {e}"),
            )
        })?;
    let mut data = RevocationData::default();
    for certificate in &certificates {
        let tbs = &certificate.tbs_certificate;
        if tbs.issuer == tbs.subject {
            continue; // a root is trusted as itself
        }
        let subject = tbs.subject.to_string();
        let issuer = certificates
            .iter()
            .find(|c| c.tbs_certificate.subject == tbs.issuer)
            .ok_or_else(|| {
                SealError::new(SealErrorKind::Revocation, format!(
                    "the issuer of `{subject}` (`{}`) is not in the chain: give the whole chain to fetch its revocation data",
                    tbs.issuer
                ))
            })?;
        match fetch_for(certificate, issuer, fetcher)? {
            Fetched::Ocsp(der) => data.ocsp_responses.push(der),
            Fetched::Crl(der) => data.crls.push(der),
        }
    }
    Ok(data)
}

/// The first usable answer for `certificate`: OCSP responders first, then CRLs.
fn fetch_for(
    certificate: &Certificate,
    issuer: &Certificate,
    fetcher: &dyn edc_context::Fetcher,
) -> Result<Fetched, SealError> {
    let subject = certificate.tbs_certificate.subject.to_string();
    let (responders, distribution_points) = (ocsp_urls(certificate), crl_urls(certificate));
    if responders.is_empty() && distribution_points.is_empty() {
        return Err(SealError::new(SealErrorKind::Revocation, format!(
            "`{subject}` names no OCSP responder and no CRL distribution point: give its revocation data as files (--ocsp, --crl)"
        )));
    }
    let mut problems = Vec::new();
    let request = ocsp_request(certificate, issuer)?;
    let attempts = responders
        .iter()
        .map(|url| (url, true))
        .chain(distribution_points.iter().map(|url| (url, false)));
    for (url, ocsp) in attempts {
        let answer = if ocsp {
            fetcher
                .post(url, OCSP_REQUEST, &request)
                .map(Fetched::Ocsp)
                .map_err(|e| format!("OCSP responder {url}: {e}"))
        } else {
            fetcher
                .get(url, CRL)
                .map(|body| Fetched::Crl(crl_der(body)))
                .map_err(|e| format!("CRL distribution point {url}: {e}"))
        };
        match answer
            .map_err(Stop::Unusable)
            .and_then(|a| judged(a, certificate, issuer, url))
        {
            Ok(fetched) => return Ok(fetched),
            Err(Stop::Revoked(why)) => return Err(SealError::new(SealErrorKind::Revocation, why)),
            Err(Stop::Unusable(why)) => problems.push(why),
        }
    }
    Err(SealError::new(
        SealErrorKind::Revocation,
        format!(
            "no usable revocation data for `{subject}`: {}",
            problems.join("; ")
        ),
    ))
}

/// Why an answer is not kept.
enum Stop {
    /// The certificate is revoked: nothing should be sealed with it.
    Revoked(String),
    /// This answer cannot be used (another source may do).
    Unusable(String),
}

/// Checks an answer as a verifier will: kept when it says the certificate is good.
fn judged(
    fetched: Fetched,
    certificate: &Certificate,
    issuer: &Certificate,
    url: &str,
) -> Result<Fetched, Stop> {
    let issuers = std::slice::from_ref(issuer);
    let outcome = match &fetched {
        Fetched::Ocsp(der) => check_revocation(&[STANDARD.encode(der)], &[], certificate, issuers),
        Fetched::Crl(der) => check_revocation(&[], &[STANDARD.encode(der)], certificate, issuers),
    };
    let subject = certificate.tbs_certificate.subject.to_string();
    match outcome {
        Revocation::Good { .. } => Ok(fetched),
        Revocation::Revoked { revoked_at } => Err(Stop::Revoked(format!(
            "`{subject}` was revoked on {} according to {url}: a seal must not be made with it",
            crate::check::iso(revoked_at)
        ))),
        Revocation::NotChecked(why) => Err(Stop::Unusable(format!("{url}: {why}"))),
    }
}

/// A DER OCSP request for `certificate` (RFC 6960 §4.1, CertID hashed with SHA-1, unsigned).
fn ocsp_request(certificate: &Certificate, issuer: &Certificate) -> Result<Vec<u8>, SealError> {
    let asn1 = |e: der::Error| {
        SealError::new(
            SealErrorKind::Revocation,
            format!("the OCSP request cannot be made: {e}"),
        )
    };
    let (name, key) = cert_id_hashes(SHA1, certificate, issuer).ok_or_else(|| {
        SealError::new(
            SealErrorKind::Revocation,
            "the OCSP request cannot be made: the issuer's name cannot be encoded",
        )
    })?;
    let request = OcspRequest {
        tbs_request: TbsRequest {
            version: Version::V1,
            requestor_name: None,
            request_list: vec![Request {
                req_cert: CertId {
                    hash_algorithm: AlgorithmIdentifierOwned {
                        oid: SHA1.parse().expect("a valid OID"),
                        parameters: Some(Any::from(Null)),
                    },
                    issuer_name_hash: OctetString::new(name).map_err(asn1)?,
                    issuer_key_hash: OctetString::new(key).map_err(asn1)?,
                    serial_number: certificate.tbs_certificate.serial_number.clone(),
                },
                single_request_extensions: None,
            }],
            request_extensions: None,
        },
        optional_signature: None,
    };
    request.to_der().map_err(asn1)
}

/// The http(s) URLs of the OCSP responders the certificate's Authority Information Access names.
fn ocsp_urls(certificate: &Certificate) -> Vec<String> {
    let Ok(Some((_, access))) = certificate
        .tbs_certificate
        .get::<AuthorityInfoAccessSyntax>()
    else {
        return Vec::new();
    };
    access
        .0
        .iter()
        .filter(|a| a.access_method.to_string() == AD_OCSP)
        .filter_map(|a| uri(&a.access_location))
        .collect()
}

/// The http(s) URLs of the certificate's CRL distribution points.
fn crl_urls(certificate: &Certificate) -> Vec<String> {
    let Ok(Some((_, points))) = certificate.tbs_certificate.get::<CrlDistributionPoints>() else {
        return Vec::new();
    };
    points
        .0
        .iter()
        .filter_map(|p| match &p.distribution_point {
            Some(DistributionPointName::FullName(names)) => Some(names),
            _ => None,
        })
        .flatten()
        .filter_map(uri)
        .collect()
}

fn uri(name: &GeneralName) -> Option<String> {
    match name {
        GeneralName::UniformResourceIdentifier(uri) => {
            let uri = uri.to_string();
            (uri.starts_with("http://") || uri.starts_with("https://")).then_some(uri)
        }
        _ => None,
    }
}

/// A CRL as DER, from DER or PEM.
fn crl_der(body: Vec<u8>) -> Vec<u8> {
    let pem = std::str::from_utf8(&body)
        .ok()
        .and_then(|text| der::Document::from_pem(text.trim()).ok())
        .filter(|(label, _)| *label == "X509 CRL");
    match pem {
        Some((_, document)) => document.as_bytes().to_vec(),
        None => body,
    }
}
