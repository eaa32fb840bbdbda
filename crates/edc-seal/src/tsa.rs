//! JAdES baseline-T: an RFC 3161 time-stamp authority stamps the seal's signature, and its token
//! travels in the unprotected header as `etsiU` `sigTst`, the way the Europass platform does it.

use crate::error::{SealError, SealErrorKind};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use der::asn1::{Int, OctetString};
use der::{Decode, Encode};
use serde_json::{json, Value};
use sha2::{Digest, Sha256};
use x509_tsp::{MessageImprint, TimeStampReq, TimeStampResp, TspVersion};

/// The media type of an RFC 3161 query.
pub const TIME_STAMP_QUERY: &str = "application/timestamp-query";

const SHA256_OID: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");

/// The SHA-256 imprint a `sigTst` stamps: the hash of the (first) signature's base64url text.
pub fn signature_imprint(sealed: &Value) -> Result<Vec<u8>, SealError> {
    let signature = sealed["signatures"][0]["signature"]
        .as_str()
        .ok_or_else(|| {
            SealError::new(
                SealErrorKind::TimeStamp,
                "the sealed document has no signatures[0].signature",
            )
        })?;
    Ok(Sha256::digest(signature.as_bytes()).to_vec())
}

/// An RFC 3161 `TimeStampReq` (DER) for a SHA-256 `imprint`, asking for the TSA certificate in
/// the token, with `nonce`.
pub fn time_stamp_request(imprint: &[u8], nonce: u64) -> Result<Vec<u8>, SealError> {
    let request = TimeStampReq {
        version: TspVersion::V1,
        message_imprint: MessageImprint {
            hash_algorithm: spki_sha256(),
            hashed_message: OctetString::new(imprint).map_err(asn1)?,
        },
        req_policy: None,
        nonce: Some(nonce_int(nonce)?),
        cert_req: true,
        extensions: None,
    };
    request.to_der().map_err(asn1)
}

/// A positive INTEGER in minimal DER form (no leading zero octets beyond a sign octet).
fn nonce_int(nonce: u64) -> Result<Int, SealError> {
    let bytes = nonce.to_be_bytes();
    let first = bytes.iter().position(|&b| b != 0).unwrap_or(7);
    let mut minimal = bytes[first..].to_vec();
    if minimal[0] & 0x80 != 0 {
        minimal.insert(0, 0);
    }
    Int::new(&minimal).map_err(asn1)
}

fn spki_sha256() -> x509_cert::spki::AlgorithmIdentifier<der::Any> {
    x509_cert::spki::AlgorithmIdentifier {
        oid: SHA256_OID,
        parameters: None,
    }
}

fn asn1(e: der::Error) -> SealError {
    SealError::new(SealErrorKind::TimeStamp, format!("ASN.1: {e}"))
}

/// Reads a `TimeStampResp` (DER): the status must be granted, and the token must stamp
/// `imprint`, echo `nonce` and carry a TSA signature that verifies. Returns the token (DER).
pub fn time_stamp_token(response: &[u8], imprint: &[u8], nonce: u64) -> Result<Vec<u8>, SealError> {
    let response = TimeStampResp::from_der(response).map_err(|e| {
        SealError::new(
            SealErrorKind::TimeStamp,
            format!("the time-stamp authority's answer cannot be read: {e}"),
        )
    })?;
    let status = response.status.status as u8;
    if status > 1 {
        let text = response
            .status
            .status_string
            .as_ref()
            .map(|t| format!("{t:?}"))
            .unwrap_or_default();
        return Err(SealError::new(
            SealErrorKind::TimeStamp,
            format!("the time-stamp authority refused the request (PKIStatus {status}) {text}"),
        ));
    }
    let token = response
        .time_stamp_token
        .ok_or_else(|| {
            SealError::new(
                SealErrorKind::TimeStamp,
                "the time-stamp authority granted but sent no token",
            )
        })?
        .to_der()
        .map_err(asn1)?;
    let stamp = crate::timestamp::read_time_stamp(&STANDARD.encode(&token))
        .map_err(|m| SealError::new(SealErrorKind::TimeStamp, m))?;
    if stamp.imprint != imprint {
        return Err(SealError::new(
            SealErrorKind::TimeStamp,
            "the time-stamp token stamps another hash than the one sent",
        ));
    }
    let sent = nonce_int(nonce)?;
    if stamp.nonce.as_deref() != Some(sent.as_bytes()) {
        return Err(SealError::new(
            SealErrorKind::TimeStamp,
            "the time-stamp token does not echo the request's nonce",
        ));
    }
    if !stamp.tsa_signature_valid {
        return Err(SealError::new(
            SealErrorKind::TimeStamp,
            format!(
                "the time-stamp token's signature does not verify{}",
                stamp
                    .tsa_problem
                    .map(|p| format!(": {p}"))
                    .unwrap_or_default()
            ),
        ));
    }
    Ok(token)
}

/// Adds a signature time-stamp token (DER) to the (first) signature's unprotected header, as
/// `etsiU: [base64url({"sigTst": {"tstTokens": [{"val": base64(token)}]}})]`.
pub fn add_signature_time_stamp(sealed: &mut Value, token: &[u8]) -> Result<(), SealError> {
    let entry = json!({"sigTst": {"tstTokens": [{"val": STANDARD.encode(token)}]}});
    crate::unsigned::push_unsigned_property(sealed, &entry)
}

/// Asks the time-stamp authority at `url` (through `fetcher`) to stamp `imprint` (SHA-256), with a
/// fresh nonce, and returns the checked token (DER).
#[cfg(feature = "tsa")]
pub(crate) fn time_stamp_from(
    url: &str,
    imprint: &[u8],
    fetcher: &dyn edc_context::Fetcher,
) -> Result<Vec<u8>, SealError> {
    let mut nonce = [0u8; 8];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut nonce);
    let nonce = u64::from_be_bytes(nonce) >> 1;
    let query = time_stamp_request(imprint, nonce)?;
    let answer = fetcher.post(url, TIME_STAMP_QUERY, &query).map_err(|e| {
        SealError::new(
            SealErrorKind::TimeStamp,
            format!("time-stamp authority {url}: {e}"),
        )
    })?;
    time_stamp_token(&answer, imprint, nonce)
}

/// Makes a baseline-B seal baseline-T: asks the time-stamp authority at `url` (through `fetcher`)
/// to stamp the signature and adds the checked token.
#[cfg(feature = "tsa")]
pub fn add_time_stamp_from(
    sealed: &mut Value,
    url: &str,
    fetcher: &dyn edc_context::Fetcher,
) -> Result<(), SealError> {
    let imprint = signature_imprint(sealed)?;
    let token = time_stamp_from(url, &imprint, fetcher)?;
    add_signature_time_stamp(sealed, &token)
}
