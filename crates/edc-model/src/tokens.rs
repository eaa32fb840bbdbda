//! Secured messages read without verifying them: a VC-COSE `COSE_Sign1` (RFC 9052; raw CBOR or
//! base64 of it) and an SD-JWT (RFC 9901; its disclosures put in place of their digests).
//! Whether their signatures hold is `edc-signer`'s business; what they carry is a document like
//! any other, read here.

use crate::error::{ErrorKind, ModelError};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{alphabet, Engine};
use ciborium::Value as Cbor;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::HashMap;

/// Base64 with or without padding, standard or URL-safe alphabet (the suites write both).
const LENIENT: GeneralPurposeConfig =
    GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent);
const BASE64: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, LENIENT);
const BASE64URL: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, LENIENT);

/// The CBOR tag of COSE_Sign1.
pub const COSE_SIGN1: u64 = 18;
/// The COSE header label of `kid`.
const KID: i64 = 4;

fn envelope(message: impl Into<String>) -> ModelError {
    ModelError::new(ErrorKind::Envelope, "", message)
}

/// True when `input` looks like a COSE_Sign1 (raw, base64 of one, or hex of one — which is
/// then refused as an encoding VC-COSE does not use).
pub fn looks_like_cose(input: &[u8]) -> bool {
    let head: Vec<u8> = input.iter().take(8).copied().collect();
    head.first() == Some(&0xd2)
        || head.starts_with(b"0oR")
        || head.starts_with(b"0oQ")
        || head.starts_with(b"d284")
}

/// The bytes of a COSE_Sign1: raw CBOR, or base64 / base64url text of it.
pub fn cose_bytes(input: &[u8]) -> Result<Vec<u8>, ModelError> {
    if input.first() == Some(&0xd2) {
        return Ok(input.to_vec());
    }
    let text = std::str::from_utf8(input)
        .map_err(|_| envelope("neither COSE (CBOR) nor base64 text"))?
        .trim();
    if text.starts_with("d284") && text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(envelope(
            "the COSE_Sign1 is written in hex; VC-COSE travels as CBOR bytes or base64",
        ));
    }
    BASE64
        .decode(text)
        .or_else(|_| BASE64URL.decode(text))
        .map_err(|e| envelope(format!("the text is not base64 of a COSE_Sign1: {e}")))
}

/// The four parts of a COSE_Sign1: protected header bytes, unprotected header, payload,
/// signature.
pub fn cose_parts(input: &[u8]) -> Result<Vec<Cbor>, ModelError> {
    let bytes = cose_bytes(input)?;
    match ciborium::from_reader(bytes.as_slice()) {
        Ok(Cbor::Tag(COSE_SIGN1, inner)) => match *inner {
            Cbor::Array(parts) if parts.len() == 4 => Ok(parts),
            _ => Err(envelope("a COSE_Sign1 is an array of four")),
        },
        Ok(_) => Err(envelope("not a COSE_Sign1 (CBOR tag 18)")),
        Err(e) => Err(envelope(format!("not CBOR: {e}"))),
    }
}

/// A COSE map's value under an integer label.
pub fn cose_label(map: &[(Cbor, Cbor)], wanted: i64) -> Option<&Cbor> {
    map.iter()
        .find(|(k, _)| {
            k.as_integer()
                .is_some_and(|i| i128::from(i) == i128::from(wanted))
        })
        .map(|(_, v)| v)
}

/// A COSE_Sign1's protected `kid` and payload, read without verifying anything.
pub fn read_cose(input: &[u8]) -> Result<(Option<String>, Vec<u8>), ModelError> {
    let parts = cose_parts(input)?;
    let Cbor::Bytes(payload) = &parts[2] else {
        return Err(envelope("the COSE_Sign1 payload is not a byte string"));
    };
    let kid = parts
        .first()
        .and_then(Cbor::as_bytes)
        .and_then(|protected| ciborium::from_reader::<Cbor, _>(protected.as_slice()).ok())
        .and_then(|header| match header {
            Cbor::Map(header) => cose_label(&header, KID)
                .and_then(Cbor::as_bytes)
                .and_then(|kid| String::from_utf8(kid.clone()).ok()),
            _ => None,
        });
    Ok((kid, payload.clone()))
}

/// True when `text` looks like an SD-JWT (a compact JWS followed by `~`).
pub fn looks_like_sd_jwt(text: &str) -> bool {
    let text = text.trim();
    // A JSON document is not one (and need not be scanned for a `~`).
    !text.starts_with('{')
        && text.contains('~')
        && text
            .split('~')
            .next()
            .is_some_and(|jwt| jwt.split('.').count() == 3 && !jwt.starts_with('{'))
}

/// An SD-JWT's parts before its key-binding JWT: the issuer-signed JWT and the disclosures.
pub struct SdJwtParts<'a> {
    /// The issuer-signed compact JWS.
    pub jwt: &'a str,
    /// The disclosures (base64url).
    pub disclosures: Vec<&'a str>,
}

/// Splits an SD-JWT into its parts.
pub fn sd_jwt_parts(text: &str) -> SdJwtParts<'_> {
    let mut parts: Vec<&str> = text.trim().split('~').collect();
    let jwt = parts.remove(0);
    // The last part is empty, or a key-binding JWT.
    if parts
        .last()
        .is_some_and(|p| p.is_empty() || p.contains('.'))
    {
        parts.pop();
    }
    SdJwtParts {
        jwt,
        disclosures: parts,
    }
}

/// A base64url part read as JSON.
pub fn decode_json(part: &str, what: &str) -> Result<Value, ModelError> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part.trim_end_matches('='))
        .map_err(|e| envelope(format!("{what} is not base64url: {e}")))?;
    serde_json::from_slice(&bytes).map_err(|e| envelope(format!("{what} is not JSON: {e}")))
}

/// A disclosure: an object member (name, value) or an array element (value).
enum Disclosed {
    Member(String, Value),
    Element(Value),
}

/// How deep disclosed claims may nest (a disclosure inside a disclosure counts a level, as do
/// the objects and arrays between): deeper claims are refused, so no input can exhaust the stack.
const MAX_DEPTH: usize = 64;

/// The claims `payload` makes with `disclosures` in place of their digests (recursively; `_sd`
/// and `_sd_alg` removed; digests nothing discloses dropped). Refused: a disclosure that is not
/// `[salt, name, value]` or `[salt, value]`, one given twice, one that matches no signed digest
/// or would overwrite a claim, claims nested deeper than 64 levels.
pub fn disclose(mut payload: Value, disclosures: &[&str]) -> Result<Value, ModelError> {
    let mut by_digest = HashMap::new();
    for part in disclosures {
        let disclosed = match decode_json(part, "a disclosure")? {
            Value::Array(items) => match items.as_slice() {
                [Value::String(_), Value::String(name), value] => {
                    Disclosed::Member(name.clone(), value.clone())
                }
                [Value::String(_), value] => Disclosed::Element(value.clone()),
                _ => {
                    return Err(envelope(
                        "a disclosure is [salt, name, value] or [salt, value]",
                    ))
                }
            },
            _ => return Err(envelope("a disclosure is a JSON array")),
        };
        let digest = URL_SAFE_NO_PAD.encode(Sha256::digest(part.as_bytes()));
        if by_digest.insert(digest, disclosed).is_some() {
            return Err(envelope("the same disclosure is given twice"));
        }
    }
    let given = by_digest.len();
    let mut used = 0;
    reveal_at(&mut payload, &mut by_digest, &mut used, 0).map_err(envelope)?;
    if used != given {
        return Err(envelope(format!(
            "{} disclosure(s) match no digest the issuer signed",
            given - used
        )));
    }
    Ok(payload)
}

fn reveal_at(
    value: &mut Value,
    disclosures: &mut HashMap<String, Disclosed>,
    used: &mut usize,
    depth: usize,
) -> Result<(), String> {
    if depth > MAX_DEPTH && (value.is_object() || value.is_array()) {
        return Err(format!(
            "the disclosed claims nest deeper than {MAX_DEPTH} levels"
        ));
    }
    match value {
        Value::Object(map) => {
            map.remove("_sd_alg");
            if let Some(sd) = map.remove("_sd") {
                let Value::Array(digests) = sd else {
                    return Err("`_sd` must be an array of digests".into());
                };
                for d in digests {
                    let d = d.as_str().ok_or("an `_sd` digest must be a string")?;
                    match disclosures.remove(d) {
                        Some(Disclosed::Member(name, claim)) => {
                            if name == "_sd" || name == "..." || map.contains_key(&name) {
                                return Err(format!(
                                    "the disclosure of `{name}` would overwrite a claim"
                                ));
                            }
                            *used += 1;
                            map.insert(name, claim);
                        }
                        Some(Disclosed::Element(_)) => {
                            return Err("an array-element disclosure is named in `_sd`".into())
                        }
                        None => {}
                    }
                }
            }
            for v in map.values_mut() {
                reveal_at(v, disclosures, used, depth + 1)?;
            }
        }
        Value::Array(items) => {
            let mut out = Vec::with_capacity(items.len());
            for mut item in std::mem::take(items) {
                let placeholder = item
                    .as_object()
                    .filter(|o| o.len() == 1)
                    .and_then(|o| o.get("..."))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                match placeholder {
                    Some(d) => match disclosures.remove(&d) {
                        Some(Disclosed::Element(element)) => {
                            *used += 1;
                            out.push(element);
                        }
                        Some(Disclosed::Member(..)) => {
                            return Err("an object-member disclosure stands in an array".into())
                        }
                        None => {}
                    },
                    None => out.push(item.take()),
                }
            }
            *items = out;
            for v in items.iter_mut() {
                reveal_at(v, disclosures, used, depth + 1)?;
            }
        }
        _ => {}
    }
    Ok(())
}

/// An SD-JWT's issuer `kid` and its claims with the disclosures in place, read without
/// verifying the signature.
pub fn read_sd_jwt(text: &str) -> Result<(Option<String>, Value), ModelError> {
    let parts = sd_jwt_parts(text);
    let pieces: Vec<&str> = parts.jwt.split('.').collect();
    let [header, payload, _signature] = pieces.as_slice() else {
        return Err(envelope("the issuer part of an SD-JWT is a compact JWS"));
    };
    let header = decode_json(header, "the header")?;
    let kid = header
        .get("kid")
        .and_then(Value::as_str)
        .map(str::to_string);
    let payload = match decode_json(payload, "the payload")? {
        claims @ Value::Object(_) => claims,
        _ => return Err(envelope("the payload is not a JSON object")),
    };
    let alg = payload.get("_sd_alg").and_then(Value::as_str);
    if alg.is_some_and(|alg| alg != "sha-256") {
        return Err(envelope(format!(
            "_sd_alg `{}` is not supported (sha-256 is)",
            alg.unwrap_or_default()
        )));
    }
    Ok((kid, disclose(payload, &parts.disclosures)?))
}
