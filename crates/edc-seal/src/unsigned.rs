//! JAdES unsigned properties: the base64url elements of a signature's `etsiU` array (time-stamps,
//! validation data), written and read back, and the archive time-stamp's imprint over them.

use crate::error::{SealError, SealErrorKind};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
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
