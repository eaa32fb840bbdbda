//! Revocation of the seal certificate from the revocation data a JAdES seal carries (`etsiU`
//! `rVals`): OCSP responses (`ocspVals`: the response for the certificate, its status, the
//! responder's signature) and CRLs (`crlVals`: issued and signed by the certificate's issuer).
//! When sealing, the same checks judge what is fetched for each certificate of the chain, so the
//! messages say "the certificate".

use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use der::{Decode, Encode};
use x509_cert::Certificate;
use x509_ocsp::{BasicOcspResponse, CertStatus, OcspResponse, ResponderId};

/// What the carried revocation data says about the seal certificate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Revocation {
    /// An OCSP response signed by a responder the certificate's issuer authorised (or the issuer
    /// itself) says the certificate was good (at `checked_at`, seconds since 1970).
    Good {
        /// The response's thisUpdate.
        checked_at: i64,
    },
    /// Revoked at `revoked_at` (seconds since 1970).
    Revoked {
        /// When.
        revoked_at: i64,
    },
    /// The seal carries no usable revocation data for this certificate (the reason).
    NotChecked(String),
}

pub(crate) const SHA1: &str = "1.3.14.3.2.26";

fn hash(oid: &str, data: &[u8]) -> Option<Vec<u8>> {
    crate::timestamp::digest(oid, data).ok()
}

/// What an OCSP CertID hashes for `certificate` (RFC 6960 §4.1.1): its issuer's name (DER)
/// and its issuer's public key (the BIT STRING's bytes), each with the hash `oid`.
pub(crate) fn cert_id_hashes(
    oid: &str,
    certificate: &Certificate,
    issuer: &Certificate,
) -> Option<(Vec<u8>, Vec<u8>)> {
    let name = certificate.tbs_certificate.issuer.to_der().ok()?;
    let key = issuer
        .tbs_certificate
        .subject_public_key_info
        .subject_public_key
        .raw_bytes();
    Some((hash(oid, &name)?, hash(oid, key)?))
}

/// Checks the OCSP responses, then the CRLs (base64 DER) for `certificate`, issued by one of
/// `issuers`.
pub(crate) fn check_revocation(
    ocsp: &[String],
    crls: &[String],
    certificate: &Certificate,
    issuers: &[Certificate],
) -> Revocation {
    let from_ocsp = check_ocsp(ocsp, certificate, issuers);
    if !matches!(from_ocsp, Revocation::NotChecked(_)) || crls.is_empty() {
        return from_ocsp;
    }
    first_answer(crls, "no CRL is from the certificate's issuer", |crl| {
        check_crl(crl, certificate, issuers)
    })
}

/// The first item `check` answers for, or why none did (the last problem met).
fn first_answer(
    items: &[String],
    none: &str,
    check: impl Fn(&str) -> Result<Revocation, String>,
) -> Revocation {
    let mut last_problem = none.to_string();
    for item in items {
        match check(item) {
            Ok(outcome) => return outcome,
            Err(problem) => last_problem = problem,
        }
    }
    Revocation::NotChecked(last_problem)
}

/// A CRL signed by the certificate's issuer: revoked if it lists the serial number.
fn check_crl(
    encoded: &str,
    certificate: &Certificate,
    issuers: &[Certificate],
) -> Result<Revocation, String> {
    let der = STANDARD
        .decode(encoded.trim())
        .map_err(|e| format!("a CRL is not base64: {e}"))?;
    let crl = x509_cert::crl::CertificateList::from_der(&der)
        .map_err(|e| format!("a CRL cannot be read: {e}"))?;
    if crl.tbs_cert_list.issuer != certificate.tbs_certificate.issuer {
        return Err("no CRL is from the certificate's issuer".into());
    }
    let issuer = issuers
        .iter()
        .find(|i| i.tbs_certificate.subject == certificate.tbs_certificate.issuer)
        .ok_or("the certificate's issuer is not at hand to check its CRL")?;
    let tbs = crl.tbs_cert_list.to_der().map_err(|e| e.to_string())?;
    let algorithm = crl.signature_algorithm.oid.to_string();
    let signature = crl.signature.raw_bytes();
    if !crate::x509::verify_signed(&tbs, &algorithm, signature, issuer) {
        return Err("the CRL's signature does not verify with the certificate's issuer".into());
    }
    let seconds = |t: &x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    let serial = &certificate.tbs_certificate.serial_number;
    Ok(
        match crl
            .tbs_cert_list
            .revoked_certificates
            .iter()
            .flatten()
            .find(|r| &r.serial_number == serial)
        {
            Some(entry) => Revocation::Revoked {
                revoked_at: seconds(&entry.revocation_date),
            },
            None => Revocation::Good {
                checked_at: seconds(&crl.tbs_cert_list.this_update),
            },
        },
    )
}

/// Checks the OCSP responses (base64 DER) for `certificate`, issued by one of `issuers`.
fn check_ocsp(
    responses: &[String],
    certificate: &Certificate,
    issuers: &[Certificate],
) -> Revocation {
    if responses.is_empty() {
        return Revocation::NotChecked("the seal carries no OCSP response".into());
    }
    first_answer(
        responses,
        "no OCSP response is about the certificate",
        |response| check_one(response, certificate, issuers),
    )
}

fn check_one(
    encoded: &str,
    certificate: &Certificate,
    issuers: &[Certificate],
) -> Result<Revocation, String> {
    let der = STANDARD
        .decode(encoded.trim())
        .map_err(|e| format!("an OCSP response is not base64: {e}"))?;
    let response = OcspResponse::from_der(&der)
        .map_err(|e| format!("an OCSP response cannot be read: {e}"))?;
    let bytes = response
        .response_bytes
        .ok_or("an OCSP response carries no answer")?;
    let basic = BasicOcspResponse::from_der(bytes.response.as_bytes())
        .map_err(|e| format!("not a basic OCSP response: {e}"))?;
    let issuer = issuers
        .iter()
        .find(|i| i.tbs_certificate.subject == certificate.tbs_certificate.issuer)
        .ok_or("the certificate's issuer is not at hand to check its OCSP response")?;
    let single = basic
        .tbs_response_data
        .responses
        .iter()
        .find(|r| {
            let id = &r.cert_id;
            id.serial_number == certificate.tbs_certificate.serial_number
                && cert_id_hashes(&id.hash_algorithm.oid.to_string(), certificate, issuer)
                    .is_some_and(|(name, key)| {
                        name == id.issuer_name_hash.as_bytes()
                            && key == id.issuer_key_hash.as_bytes()
                    })
        })
        .ok_or("no OCSP response is about the certificate")?;
    // The responder: the issuer itself, or a certificate in the response the issuer signed.
    let tbs = basic
        .tbs_response_data
        .to_der()
        .map_err(|e| e.to_string())?;
    let algorithm = basic.signature_algorithm.oid.to_string();
    let signature = basic.signature.raw_bytes();
    let produced_at = i64::try_from(
        basic
            .tbs_response_data
            .produced_at
            .0
            .to_unix_duration()
            .as_secs(),
    )
    .unwrap_or(i64::MAX);
    let mut responders: Vec<&Certificate> = vec![issuer];
    let carried: Vec<Certificate> = basic.certs.iter().flatten().cloned().collect();
    responders.extend(
        carried
            .iter()
            .filter(|c| delegated_responder(c, issuer, produced_at)),
    );
    // The one the response names (RFC 6960 ResponderID) is tried first: a failed try costs
    // a signature verification.
    let named = |c: &&Certificate| match &basic.tbs_response_data.responder_id {
        ResponderId::ByName(name) => *name == c.tbs_certificate.subject,
        ResponderId::ByKey(key) => {
            let spki = &c.tbs_certificate.subject_public_key_info;
            hash(SHA1, spki.subject_public_key.raw_bytes()).is_some_and(|h| h == key.as_bytes())
        }
    };
    responders.sort_by_key(|c| !named(c));
    if !responders
        .iter()
        .any(|r| crate::x509::verify_signed(&tbs, &algorithm, signature, r))
    {
        return Err("the OCSP response's signature does not verify with the issuer or a responder it certified".into());
    }
    let seconds = |t: &x509_ocsp::OcspGeneralizedTime| {
        i64::try_from(t.0.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    Ok(match &single.cert_status {
        CertStatus::Good(_) => Revocation::Good {
            checked_at: seconds(&single.this_update),
        },
        CertStatus::Revoked(info) => Revocation::Revoked {
            revoked_at: seconds(&info.revocation_time),
        },
        CertStatus::Unknown(_) => {
            Revocation::NotChecked("the OCSP responder does not know the certificate".into())
        }
    })
}

/// True when `responder` may answer for `issuer` (RFC 6960 §4.2.2.2): the issuer certified it
/// for OCSP signing, it was valid when the response was produced, and it has no critical
/// extension edc does not process.
fn delegated_responder(responder: &Certificate, issuer: &Certificate, produced_at: i64) -> bool {
    crate::x509::may_sign_ocsp(responder)
        && crate::path::valid_at(responder, produced_at)
        && crate::path::unknown_critical_extension(responder).is_none()
        && crate::x509::issued_by(responder, issuer)
}
