//! Baseline LT and LTA seals: the validation data a verifier needs later (`xVals`: certificates,
//! `rVals`: CRLs and OCSP responses) and archive time-stamps (`arcTst`) over the whole
//! signature, as the EU's eSeal module expects of a sealed credential (baseline LTA). Each is
//! one more base64url element of the signature's `etsiU` array, after the `sigTst`.

use crate::error::{SealError, SealErrorKind};
use crate::unsigned::{archive_digest, push_unsigned_property};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// The SHA-256 imprint an archive time-stamp added now would stamp: the (unencoded) payload,
/// the protected header, the signature and every `etsiU` element so far.
pub fn archive_imprint(sealed: &Value) -> Result<Vec<u8>, SealError> {
    let text = |v: &Value, what: &str| {
        v.as_str().map(str::to_string).ok_or_else(|| {
            SealError::new(
                SealErrorKind::TimeStamp,
                format!("the sealed document has no {what}"),
            )
        })
    };
    let signature = &sealed["signatures"][0];
    let payload = text(&sealed["payload"], "payload")?;
    let earlier: Vec<&Value> = signature["header"]["etsiU"]
        .as_array()
        .map(|items| items.iter().collect())
        .unwrap_or_default();
    if earlier.iter().any(|e| !e.is_string()) {
        return Err(SealError::new(
            SealErrorKind::TimeStamp,
            "the etsiU elements are not all base64url strings",
        ));
    }
    Ok(archive_digest(
        Sha256::new_with_prefix(payload.as_bytes()),
        &text(&signature["protected"], "signatures[0].protected")?,
        &text(&signature["signature"], "signatures[0].signature")?,
        &earlier,
    ))
}

/// Makes a seal baseline LT: adds the certificates (DER) a verifier needs to build the chains of
/// the seal and of its time-stamps (`xVals`), and the revocation data it needs (`rVals`: CRLs
/// and OCSP responses, DER). Empty lists add nothing.
pub fn add_validation_data(
    sealed: &mut Value,
    certificates: &[Vec<u8>],
    crls: &[Vec<u8>],
    ocsp_responses: &[Vec<u8>],
) -> Result<(), SealError> {
    if !certificates.is_empty() {
        let values: Vec<Value> = certificates
            .iter()
            .map(|der| json!({"x509Cert": {"val": STANDARD.encode(der)}}))
            .collect();
        push_unsigned_property(sealed, &json!({ "xVals": values }))?;
    }
    let encoded = |items: &[Vec<u8>]| -> Vec<Value> {
        items
            .iter()
            .map(|der| json!({"val": STANDARD.encode(der)}))
            .collect()
    };
    let mut revocation = serde_json::Map::new();
    if !crls.is_empty() {
        revocation.insert("crlVals".into(), Value::Array(encoded(crls)));
    }
    if !ocsp_responses.is_empty() {
        revocation.insert("ocspVals".into(), Value::Array(encoded(ocsp_responses)));
    }
    if !revocation.is_empty() {
        push_unsigned_property(sealed, &json!({ "rVals": revocation }))?;
    }
    Ok(())
}

/// Makes a seal baseline LTA: adds an archive time-stamp token (DER) over everything so far
/// (see [`archive_imprint`]).
pub fn add_archive_time_stamp(sealed: &mut Value, token: &[u8]) -> Result<(), SealError> {
    let property = json!({"arcTst": {"tstTokens": [{"val": STANDARD.encode(token)}]}});
    push_unsigned_property(sealed, &property)
}

/// CRLs and OCSP responses (DER) for a baseline-LT seal's `rVals`.
#[derive(Debug, Clone, Default)]
pub struct RevocationData {
    /// CRLs.
    pub crls: Vec<Vec<u8>>,
    /// OCSP responses.
    pub ocsp_responses: Vec<Vec<u8>>,
    /// When sealing: also fetch them for the seal's chain, under the time-stamping network
    /// policy (`fetch_revocation_data`, feature `tsa`).
    pub fetch: bool,
}
