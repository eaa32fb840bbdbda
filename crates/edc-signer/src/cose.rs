//! VC-COSE (W3C "Securing Verifiable Credentials using JOSE and COSE", section 3.3): a credential
//! or presentation as the payload of a COSE_Sign1 (RFC 9052), content type `application/vc` or
//! `application/vp`, `typ` `application/vc+cose` or `application/vp+cose`.

use crate::jose::{check_enveloped, JwtCheck, KeyRegistry};
use crate::proof::{SignError, SignErrorKind};
use ciborium::Value as Cbor;
use edc_did::{KeyPair, KeyType};
use edc_model::tokens::{cose_bytes, cose_label as label, COSE_SIGN1};
use serde_json::Value;

/// COSE header labels.
const ALG: i64 = 1;
const CONTENT_TYPE: i64 = 3;
const KID: i64 = 4;
const TYP: i64 = 16;

/// The COSE algorithm identifier for a key type.
fn algorithm(key: KeyType) -> i64 {
    match key {
        KeyType::Ed25519 => -8,
        KeyType::P256 => -7,
        KeyType::P384 => -35,
        KeyType::P521 => -36,
        KeyType::Secp256k1 => -47,
    }
}

/// The signed bytes: `Sig_structure = ["Signature1", protected, h'', payload]`.
fn to_be_signed(protected: &[u8], payload: &[u8]) -> Vec<u8> {
    let structure = Cbor::Array(vec![
        Cbor::Text("Signature1".into()),
        Cbor::Bytes(protected.to_vec()),
        Cbor::Bytes(Vec::new()),
        Cbor::Bytes(payload.to_vec()),
    ]);
    let mut out = Vec::new();
    ciborium::into_writer(&structure, &mut out).expect("CBOR encodes into a vector");
    out
}

/// Signs a VCDM 2.0 credential or presentation as a COSE_Sign1 (untagged headers in the
/// protected bucket: alg, content type, kid, typ); returns the CBOR bytes.
pub fn sign_vc_cose(document: &Value, key: &KeyPair, kid: &str) -> Result<Vec<u8>, SignError> {
    let presentation = crate::jose::is_presentation(document);
    let (cty, typ) = if presentation {
        ("application/vp", "application/vp+cose")
    } else {
        ("application/vc", "application/vc+cose")
    };
    let header = Cbor::Map(vec![
        (
            Cbor::Integer(ALG.into()),
            Cbor::Integer(algorithm(key.key_type()).into()),
        ),
        (Cbor::Integer(CONTENT_TYPE.into()), Cbor::Text(cty.into())),
        (
            Cbor::Integer(KID.into()),
            Cbor::Bytes(kid.as_bytes().to_vec()),
        ),
        (Cbor::Integer(TYP.into()), Cbor::Text(typ.into())),
    ]);
    let mut protected = Vec::new();
    ciborium::into_writer(&header, &mut protected)
        .map_err(|e| SignError::new(SignErrorKind::Document, format!("the COSE header: {e}")))?;
    let payload = serde_json::to_vec(document)
        .map_err(|e| SignError::new(SignErrorKind::Document, e.to_string()))?;
    let signature = key.sign(&to_be_signed(&protected, &payload));
    let message = Cbor::Tag(
        COSE_SIGN1,
        Box::new(Cbor::Array(vec![
            Cbor::Bytes(protected),
            Cbor::Map(Vec::new()),
            Cbor::Bytes(payload),
            Cbor::Bytes(signature),
        ])),
    );
    let mut out = Vec::new();
    ciborium::into_writer(&message, &mut out)
        .map_err(|e| SignError::new(SignErrorKind::Document, e.to_string()))?;
    Ok(out)
}

/// Verifies a VC-COSE COSE_Sign1 (raw CBOR or base64 text): the structure, the media types,
/// the key named by `kid` (its algorithm must match), the signature, and for a presentation
/// its enveloped credentials' media types. Returns the payload (the credential or
/// presentation).
pub fn verify_vc_cose(input: &[u8], keys: &KeyRegistry) -> JwtCheck {
    let bytes = match cose_bytes(input) {
        Ok(b) => b,
        Err(e) => return JwtCheck::Invalid(e.message().to_string()),
    };
    let parsed: Cbor = match ciborium::from_reader(bytes.as_slice()) {
        Ok(v) => v,
        Err(e) => return JwtCheck::Invalid(format!("not CBOR: {e}")),
    };
    let Cbor::Tag(COSE_SIGN1, inner) = parsed else {
        return JwtCheck::Invalid("not a COSE_Sign1 (CBOR tag 18)".into());
    };
    let Cbor::Array(parts) = *inner else {
        return JwtCheck::Invalid("a COSE_Sign1 is an array of four".into());
    };
    let [Cbor::Bytes(protected), Cbor::Map(_), Cbor::Bytes(payload), Cbor::Bytes(signature)] =
        parts.as_slice()
    else {
        return JwtCheck::Invalid(
            "a COSE_Sign1 is [protected bstr, unprotected map, payload bstr, signature bstr]"
                .into(),
        );
    };
    let header: Vec<(Cbor, Cbor)> = match ciborium::from_reader(protected.as_slice()) {
        Ok(Cbor::Map(m)) => m,
        _ => return JwtCheck::Invalid("the protected header is not a CBOR map".into()),
    };
    let text = |l: i64| label(&header, l).and_then(Cbor::as_text).unwrap_or("");
    let presentation = match (text(CONTENT_TYPE), text(TYP)) {
        ("application/vc", "application/vc+cose") => false,
        ("application/vp", "application/vp+cose") => true,
        (cty, typ) => {
            return JwtCheck::Invalid(format!(
                "content type `{cty}` / typ `{typ}` are not application/vc + application/vc+cose or application/vp + application/vp+cose"
            ))
        }
    };
    let claims: Value = match serde_json::from_slice(payload) {
        Ok(v @ Value::Object(_)) => v,
        _ => return JwtCheck::Invalid("the payload is not a JSON object".into()),
    };
    let key_type = match label(&header, ALG).and_then(Cbor::as_integer).map(i128::from) {
        Some(-8) => KeyType::Ed25519,
        Some(-7) => KeyType::P256,
        Some(-35) => KeyType::P384,
        Some(-36) => KeyType::P521,
        Some(-47) => KeyType::Secp256k1,
        // No algorithm, or HMAC (a shared secret): nothing a public key vouches for.
        None | Some(4..=7) => {
            return JwtCheck::Invalid(
                "the COSE algorithm is absent or a MAC (a shared secret), not a signature anybody can check with the issuer's public key".into(),
            )
        }
        other => {
            return JwtCheck::CouldNotCheck(format!(
                "COSE algorithm {other:?} is not supported (EdDSA -8, ES256 -7, ES384 -35, ES512 -36, ES256K -47 are)"
            ))
        }
    };
    let Some(kid) = label(&header, KID)
        .and_then(Cbor::as_bytes)
        .and_then(|b| std::str::from_utf8(b).ok())
    else {
        return JwtCheck::CouldNotCheck("the protected header names no key (kid)".into());
    };
    let key = match keys.find(kid) {
        Ok(k) => k,
        Err(e) => return JwtCheck::CouldNotCheck(e),
    };
    if key.key_type() != key_type {
        return JwtCheck::Invalid(format!(
            "the COSE algorithm does not fit the {:?} key `{kid}`",
            key.key_type()
        ));
    }
    if !key.verify(&to_be_signed(protected, payload), signature) {
        return JwtCheck::Invalid("the signature does not match".into());
    }
    if presentation {
        if let Some(invalid) = check_enveloped(&claims, keys) {
            return invalid;
        }
    }
    JwtCheck::Verified(claims)
}
