//! Baseline LT and LTA seals: the validation data a verifier needs later (`xVals`: certificates,
//! `rVals`: CRLs and OCSP responses) and archive time-stamps (`arcTst`) over the whole
//! signature, as the EU's eSeal module expects of a sealed credential (baseline LTA). Each is
//! one more base64url element of the signature's `etsiU` array, after the `sigTst`.

use crate::error::{SealError, SealErrorKind};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use serde_json::{json, Value};
use sha2::{Digest, Sha256};

/// Appends one unsigned property to the (first) signature's `etsiU` array.
pub(crate) fn push_unsigned_property(
    sealed: &mut Value,
    property: &Value,
) -> Result<(), SealError> {
    let signature = sealed["signatures"]
        .get_mut(0)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| {
            SealError::new(
                SealErrorKind::TimeStamp,
                "the sealed document has no signatures[0]",
            )
        })?;
    let header = signature
        .entry("header")
        .or_insert_with(|| json!({}))
        .as_object_mut()
        .ok_or_else(|| {
            SealError::new(
                SealErrorKind::TimeStamp,
                "the signature's header is not an object",
            )
        })?;
    match header.entry("etsiU").or_insert_with(|| json!([])) {
        Value::Array(items) => {
            items.push(Value::String(URL_SAFE_NO_PAD.encode(property.to_string())))
        }
        _ => {
            return Err(SealError::new(
                SealErrorKind::TimeStamp,
                "the signature's etsiU is not an array",
            ))
        }
    }
    Ok(())
}

/// One `etsiU` element read back: base64url-encoded JSON, or a JSON object as it is (None for
/// anything else).
pub(crate) fn read_unsigned_property(element: &Value) -> Option<Value> {
    if element.is_object() {
        return Some(element.clone());
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(element.as_str()?.trim_end_matches('='))
        .ok()?;
    serde_json::from_slice::<Value>(&bytes)
        .ok()
        .filter(Value::is_object)
}

/// The archive time-stamp's imprint once the payload is hashed (ETSI TS 119 182-1 §5.3.6.3):
/// then '.', the protected header, '.', the signature, '.', and the `etsiU` elements before it
/// as stored (base64url).
pub(crate) fn archive_digest(
    mut payload_hashed: Sha256,
    protected: &str,
    signature: &str,
    earlier: &[&Value],
) -> Vec<u8> {
    payload_hashed.update(b".");
    payload_hashed.update(protected.as_bytes());
    payload_hashed.update(b".");
    payload_hashed.update(signature.as_bytes());
    payload_hashed.update(b".");
    for element in earlier {
        payload_hashed.update(element.as_str().unwrap_or_default().as_bytes());
    }
    payload_hashed.finalize().to_vec()
}

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

/// How a seal is time-stamped after sealing: baseline T (a signature time-stamp), or baseline
/// LTA (then validation data and an archive time-stamp).
#[cfg(feature = "tsa")]
#[derive(Debug, Clone)]
pub struct TimeStamping {
    /// The RFC 3161 time-stamp authority.
    pub url: String,
    /// What the network may reach.
    pub policy: edc_context::NetworkPolicy,
    /// For baseline LTA: the revocation data to add (CRLs, OCSP responses, DER); None for
    /// baseline T.
    pub lta: Option<RevocationData>,
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

/// Time-stamps a fresh seal (`chain`: the certificates it was sealed with, seal certificate
/// first): a signature time-stamp; for baseline LTA then the chain beyond the seal certificate
/// and the authority's certificates (`xVals`), the revocation data (`rVals`) and an archive
/// time-stamp, in the order the EU's samples have them.
#[cfg(feature = "tsa")]
pub fn time_stamp_seal(
    sealed: &mut Value,
    chain: &[Vec<u8>],
    how: &TimeStamping,
) -> Result<(), SealError> {
    let mut revocation = how.lta.clone();
    if let Some(wanted) = revocation.as_mut().filter(|r| r.fetch) {
        // Before any time-stamp is asked for: a revoked certificate stops the sealing.
        let fetched = crate::fetch::fetch_revocation_data(chain, &how.policy)?;
        wanted.crls.extend(fetched.crls);
        wanted.ocsp_responses.extend(fetched.ocsp_responses);
    }
    crate::tsa::add_time_stamp_from(sealed, &how.url, &how.policy)?;
    let Some(revocation) = &revocation else {
        return Ok(());
    };
    let mut certificates: Vec<Vec<u8>> = chain.iter().skip(1).cloned().collect();
    for der in time_stamp_certificates(sealed) {
        if !certificates.contains(&der) {
            certificates.push(der);
        }
    }
    add_validation_data(
        sealed,
        &certificates,
        &revocation.crls,
        &revocation.ocsp_responses,
    )?;
    add_archive_time_stamp_from(sealed, &how.url, &how.policy)
}

/// The certificates the seal's signature time-stamp tokens carry (the authorities' chains).
#[cfg(feature = "tsa")]
fn time_stamp_certificates(sealed: &Value) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let items = sealed["signatures"][0]["header"]["etsiU"].as_array();
    for property in items
        .into_iter()
        .flatten()
        .filter_map(read_unsigned_property)
    {
        for token in property["sigTst"]["tstTokens"]
            .as_array()
            .into_iter()
            .flatten()
        {
            if let Some(stamp) = token["val"]
                .as_str()
                .and_then(|b64| crate::timestamp::read_time_stamp(b64).ok())
            {
                out.extend(stamp.certificates);
            }
        }
    }
    out
}

/// Asks the time-stamp authority at `url` (under `policy`) for an archive time-stamp and adds
/// the checked token.
#[cfg(feature = "tsa")]
pub fn add_archive_time_stamp_from(
    sealed: &mut Value,
    url: &str,
    policy: &edc_context::NetworkPolicy,
) -> Result<(), SealError> {
    let imprint = archive_imprint(sealed)?;
    let token = crate::tsa::time_stamp_from(url, &imprint, policy)?;
    add_archive_time_stamp(sealed, &token)
}
