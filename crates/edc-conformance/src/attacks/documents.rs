//! Forged documents: respelled Data Integrity credentials, unsigned and MAC'd tokens, nested
//! SD-JWT disclosures, extra seals.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Value};
use sha2::Digest;

const XSD_DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";

/// `document` with the member `key` of the object at `pointer` moved to `new_key` (its value
/// typed as an xsd:dateTime when `typed`), and `context` added to its `@context`: a spelling
/// JSON-LD reads as the same triple, so a proof over RDF still verifies.
pub(crate) fn respelled(
    document: &Value,
    pointer: &str,
    key: &str,
    new_key: &str,
    typed: bool,
    context: Option<Value>,
) -> Result<String, String> {
    let mut copy = document.clone();
    let object = copy
        .pointer_mut(pointer)
        .and_then(Value::as_object_mut)
        .ok_or_else(|| format!("no object at `{pointer}`"))?;
    let value = object
        .remove(key)
        .ok_or_else(|| format!("no `{key}` at `{pointer}`"))?;
    let value = if typed {
        json!({"@value": value, "@type": XSD_DATE_TIME})
    } else {
        value
    };
    object.insert(new_key.into(), value);
    if let Some(context) = context {
        copy["@context"]
            .as_array_mut()
            .ok_or("the context is not an array")?
            .push(context);
    }
    Ok(copy.to_string())
}

/// A compact JWS of `claims` with `header`, and `signature` as its third part.
pub(crate) fn compact(header: &Value, claims: &Value, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        URL_SAFE_NO_PAD.encode(header.to_string()),
        URL_SAFE_NO_PAD.encode(claims.to_string()),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

/// An SD-JWT whose disclosures nest `depth` deep (each disclosure's value holds the digest of
/// the next), with a signature that is not valid: a reader that reveals them recursively runs
/// out of stack.
pub(crate) fn nested_sd_jwt(claims: &Value, kid: &str, depth: usize) -> String {
    let mut disclosures = Vec::with_capacity(depth);
    let mut inner: Value = json!("the bottom");
    for level in (0..depth).rev() {
        let disclosure =
            URL_SAFE_NO_PAD.encode(json!([format!("salt{level}"), "n", inner]).to_string());
        let digest = URL_SAFE_NO_PAD.encode(sha2::Sha256::digest(disclosure.as_bytes()));
        inner = json!({"_sd": [digest]});
        disclosures.push(disclosure);
    }
    let mut payload = claims.clone();
    payload["credentialSubject"]["_sd"] = inner["_sd"].clone();
    payload["_sd_alg"] = json!("sha-256");
    let header = json!({"alg": "EdDSA", "typ": "vc+sd-jwt", "kid": kid});
    let jwt = compact(&header, &payload, &[0u8; 64]);
    disclosures.reverse();
    format!("{jwt}~{}~", disclosures.join("~"))
}

/// `first` with the signatures of `second` (another seal over the same payload) appended.
pub(crate) fn two_seals(first: &Value, second: &Value) -> Result<String, String> {
    if first["payload"] != second["payload"] {
        return Err("the two seals are over different payloads".into());
    }
    let mut both = first.clone();
    let extra = second["signatures"]
        .as_array()
        .ok_or("the second seal has no signatures")?
        .clone();
    both["signatures"]
        .as_array_mut()
        .ok_or("the first seal has no signatures")?
        .extend(extra);
    Ok(both.to_string())
}
