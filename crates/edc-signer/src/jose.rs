//! VC-JOSE (W3C "Securing Verifiable Credentials using JOSE and COSE"): a credential or
//! presentation as the claims set of a compact JWS, `typ` `vc+jwt` / `vp+jwt`.

use crate::proof::{SignError, SignErrorKind};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use edc_did::{KeyPair, KeyType, PublicKey};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// Public keys by JOSE `kid`, for verifying JWTs whose `kid` is not a DID URL.
#[derive(Debug, Clone, Default)]
pub struct KeyRegistry {
    keys: HashMap<String, PublicKey>,
    /// RSA keys (RS256…PS512), as SubjectPublicKeyInfo DER.
    rsa: HashMap<String, Vec<u8>>,
}

impl KeyRegistry {
    /// An empty registry (DID URLs in `kid` are still resolved: did:key, did:jwk).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a key under a `kid`.
    pub fn insert(&mut self, kid: impl Into<String>, key: PublicKey) {
        self.keys.insert(kid.into(), key);
    }

    /// Adds a JWK under a `kid`: an RSA key (`kty` `RSA`, for RS256…PS512) or an EC/OKP key.
    pub fn insert_jwk(
        &mut self,
        kid: impl Into<String>,
        jwk: &Value,
    ) -> Result<(), crate::proof::SignError> {
        self.insert_jwk_text(kid, jwk).map_err(|message| {
            crate::proof::SignError::new(crate::proof::SignErrorKind::Token, message)
        })
    }

    fn insert_jwk_text(&mut self, kid: impl Into<String>, jwk: &Value) -> Result<(), String> {
        let kid = kid.into();
        if jwk.get("kty").and_then(Value::as_str) != Some("RSA") {
            let key = PublicKey::from_jwk(jwk).map_err(|e| e.to_string())?;
            self.keys.insert(kid, key);
            return Ok(());
        }
        let part = |name: &str| {
            jwk.get(name)
                .and_then(Value::as_str)
                .and_then(|b| URL_SAFE_NO_PAD.decode(b).ok())
                .ok_or_else(|| format!("the RSA JWK has no base64url `{name}`"))
        };
        let (n, e) = (part("n")?, part("e")?);
        let key = rsa::RsaPublicKey::new(
            rsa::BigUint::from_bytes_be(&n),
            rsa::BigUint::from_bytes_be(&e),
        )
        .map_err(|e| format!("not an RSA public key: {e}"))?;
        use rsa::pkcs8::EncodePublicKey;
        let der = key
            .to_public_key_der()
            .map_err(|e| format!("cannot encode the RSA key: {e}"))?;
        self.rsa.insert(kid, der.as_bytes().to_vec());
        Ok(())
    }

    pub(crate) fn find(&self, kid: &str) -> Result<PublicKey, String> {
        if let Some(key) = self.keys.get(kid) {
            return Ok(key.clone());
        }
        edc_did::resolve_verification_method(kid)
            .map_err(|e| format!("no key for kid `{kid}`: {e}"))
    }
}

/// The outcome of verifying a VC-JOSE token.
#[derive(Debug, Clone, PartialEq)]
pub enum JwtCheck {
    /// The signature is valid and the token is well formed; the claims set (the credential or
    /// presentation).
    Verified(Value),
    /// Checked, and not valid.
    Invalid(String),
    /// Could not be checked (unsupported algorithm, unknown key).
    CouldNotCheck(String),
}

fn b64_json(value: &Value) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(value).expect("JSON serialises"))
}

/// True when the document's `type` includes VerifiablePresentation.
pub(crate) fn is_presentation(document: &Value) -> bool {
    let types = &document["type"];
    types == "VerifiablePresentation"
        || types
            .as_array()
            .is_some_and(|t| t.iter().any(|x| x == "VerifiablePresentation"))
}

/// Signs a VCDM 2.0 credential or presentation as a VC-JOSE compact JWS (`typ` `vc+jwt` or
/// `vp+jwt`, `cty` `vc` or `vp`), with `kid` naming the verification method.
pub fn sign_vc_jose(document: &Value, key: &KeyPair, kid: &str) -> Result<String, SignError> {
    let Some(object) = document.as_object() else {
        return Err(SignError::new(
            SignErrorKind::Document,
            "a credential or presentation is a JSON object",
        ));
    };
    if object.contains_key("vc") || object.contains_key("vp") {
        return Err(SignError::new(
            SignErrorKind::Document,
            "VC-JOSE secures the credential itself: it must not carry `vc` or `vp` claims",
        ));
    }
    let (typ, cty) = if is_presentation(document) {
        ("vp+jwt", "vp")
    } else {
        ("vc+jwt", "vc")
    };
    let header =
        json!({"alg": key.key_type().jose_algorithm(), "kid": kid, "typ": typ, "cty": cty});
    let signing_input = format!("{}.{}", b64_json(&header), b64_json(document));
    let signature = key.sign(signing_input.as_bytes());
    Ok(format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature)
    ))
}

fn decode_part(part: &str, what: &str) -> Result<Value, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(part)
        .map_err(|e| format!("{what} is not base64url: {e}"))?;
    serde_json::from_slice(&bytes).map_err(|e| format!("{what} is not JSON: {e}"))
}

/// Verifies a VC-JOSE compact JWS: header (`alg`, `typ`, no unknown `crit`), the key named by
/// `kid` (its algorithm must match), the signature, the claims (no `vc`/`vp` claim), and for a
/// presentation every enveloped credential it carries.
pub fn verify_vc_jose(token: &str, keys: &KeyRegistry) -> JwtCheck {
    let parts: Vec<&str> = token.trim().split('.').collect();
    let [header_part, payload_part, signature_part] = parts.as_slice() else {
        return JwtCheck::Invalid(format!(
            "a compact JWS has 3 parts; this has {}",
            parts.len()
        ));
    };
    let header = match decode_part(header_part, "the header") {
        Ok(Value::Object(h)) => h,
        Ok(_) => return JwtCheck::Invalid("the header is not a JSON object".into()),
        Err(e) => return JwtCheck::Invalid(e),
    };
    let claims = match decode_part(payload_part, "the payload") {
        Ok(c @ Value::Object(_)) => c,
        Ok(_) => return JwtCheck::Invalid("the payload is not a JSON object".into()),
        Err(e) => return JwtCheck::Invalid(e),
    };
    let typ = header.get("typ").and_then(Value::as_str).unwrap_or("");
    let presentation = match typ {
        "vc+jwt" => false,
        "vp+jwt" => true,
        other => return JwtCheck::Invalid(format!("typ `{other}` is not vc+jwt or vp+jwt")),
    };
    if let Some(cty) = header.get("cty").and_then(Value::as_str) {
        if cty != if presentation { "vp" } else { "vc" } {
            return JwtCheck::Invalid(format!("cty `{cty}` does not match typ `{typ}`"));
        }
    }
    if let Some(crit) = header.get("crit") {
        return JwtCheck::Invalid(format!("unknown critical header parameters {crit}"));
    }
    if claims.get("vc").is_some() || claims.get("vp").is_some() {
        return JwtCheck::Invalid(
            "a vc+jwt/vp+jwt claims set must not carry `vc` or `vp` claims".into(),
        );
    }
    if presentation != is_presentation(&claims) {
        return JwtCheck::Invalid(format!("typ `{typ}` does not match the claims' type"));
    }
    match check_signature(&header, header_part, payload_part, signature_part, keys) {
        Ok(()) => {}
        Err(check) => return check,
    }
    if presentation {
        if let Some(invalid) = check_enveloped(&claims, keys) {
            return invalid;
        }
    }
    JwtCheck::Verified(claims)
}

pub(crate) fn check_signature(
    header: &Map<String, Value>,
    header_part: &str,
    payload_part: &str,
    signature_part: &str,
    keys: &KeyRegistry,
) -> Result<(), JwtCheck> {
    let alg = header.get("alg").and_then(Value::as_str).unwrap_or("");
    if let Some(scheme) = rsa_scheme(alg) {
        let kid = header
            .get("kid")
            .and_then(Value::as_str)
            .ok_or_else(|| JwtCheck::CouldNotCheck("the header names no key (kid)".into()))?;
        let Some(spki) = keys.rsa.get(kid) else {
            return Err(JwtCheck::CouldNotCheck(format!(
                "no RSA key for kid `{kid}` (give the issuer's key, e.g. its controller document with a publicKeyJwk)"
            )));
        };
        let signature = URL_SAFE_NO_PAD
            .decode(signature_part)
            .map_err(|e| JwtCheck::Invalid(format!("the signature is not base64url: {e}")))?;
        let message = format!("{header_part}.{payload_part}");
        return if edc_did::rsa::verify_rsa(spki, scheme, message.as_bytes(), &signature) {
            Ok(())
        } else {
            Err(JwtCheck::Invalid("the signature does not match".into()))
        };
    }
    let key_type = match alg {
        "EdDSA" => KeyType::Ed25519,
        "ES256" => KeyType::P256,
        "ES384" => KeyType::P384,
        "ES512" => KeyType::P521,
        "ES256K" => KeyType::Secp256k1,
        // No signature, or a shared secret (HMAC): nothing a public key vouches for, so
        // anybody could have made it (RFC 8725 §3.1: never accept `none`).
        "" | "none" | "HS256" | "HS384" | "HS512" => {
            return Err(JwtCheck::Invalid(format!(
                "alg `{alg}` is not a signature anybody can check with the issuer's public key (no signature, or a shared secret)"
            )))
        }
        other => {
            return Err(JwtCheck::CouldNotCheck(format!(
                "alg `{other}` is not supported (EdDSA, ES256, ES384, ES512, ES256K, RS256…RS512 and PS256…PS512 are)"
            )))
        }
    };
    let kid = header
        .get("kid")
        .and_then(Value::as_str)
        .ok_or_else(|| JwtCheck::CouldNotCheck("the header names no key (kid)".into()))?;
    let key = keys.find(kid).map_err(JwtCheck::CouldNotCheck)?;
    if key.key_type() != key_type {
        return Err(JwtCheck::Invalid(format!(
            "alg `{alg}` does not fit the {:?} key `{kid}`",
            key.key_type()
        )));
    }
    let signature = URL_SAFE_NO_PAD
        .decode(signature_part)
        .map_err(|e| JwtCheck::Invalid(format!("the signature is not base64url: {e}")))?;
    if key.verify(
        format!("{header_part}.{payload_part}").as_bytes(),
        &signature,
    ) {
        Ok(())
    } else {
        Err(JwtCheck::Invalid("the signature does not match".into()))
    }
}

/// The RSA scheme of a JOSE `alg` (RFC 7518 §3.3, §3.5).
fn rsa_scheme(alg: &str) -> Option<edc_did::rsa::RsaScheme> {
    use edc_did::rsa::RsaScheme::*;
    Some(match alg {
        "RS256" => Pkcs1Sha256,
        "RS384" => Pkcs1Sha384,
        "RS512" => Pkcs1Sha512,
        "PS256" => PssSha256,
        "PS384" => PssSha384,
        "PS512" => PssSha512,
        _ => return None,
    })
}

/// Checks the `EnvelopedVerifiableCredential`s of a presentation: each must be a `data:` URL of a
/// credential media type. Their own proofs are the credentials' business, checked when they are
/// verified in turn (the presentation's signature covers them as they are).
pub(crate) fn check_enveloped(presentation: &Value, _keys: &KeyRegistry) -> Option<JwtCheck> {
    const MEDIA_TYPES: [&str; 3] = [
        "application/vc+jwt",
        "application/vc+sd-jwt",
        "application/vc+cose",
    ];
    let credentials = match &presentation["verifiableCredential"] {
        Value::Array(items) => items.clone(),
        Value::Null => Vec::new(),
        one => vec![one.clone()],
    };
    for credential in credentials {
        if credential["type"] != "EnvelopedVerifiableCredential" {
            continue;
        }
        let id = credential["id"].as_str().unwrap_or("");
        let media_type = id
            .strip_prefix("data:")
            .and_then(|rest| rest.split_once(','))
            .map(|(media, _)| media.trim_end_matches(";base64"));
        if !media_type.is_some_and(|m| MEDIA_TYPES.contains(&m)) {
            return Some(JwtCheck::Invalid(format!(
                "enveloped credential `{id}` is not a data: URL of a credential media type"
            )));
        }
    }
    None
}

/// Seconds since 1970 of an XML Schema dateTime member of the credential.
fn seconds(credential: &Value, members: &[&str]) -> Option<i64> {
    members
        .iter()
        .find_map(|m| credential.get(*m).and_then(Value::as_str))
        .and_then(|t| edc_model::DateTime::parse(t).ok())
        .map(|d| d.unix_seconds())
}

fn id_of(value: &Value) -> Option<&str> {
    value
        .as_str()
        .or_else(|| value.get("id").and_then(Value::as_str))
}

/// Signs a credential in the VC-JWT 1.1 form EBSI uses: `typ` `JWT`, the credential in the `vc`
/// claim, and `iss` (issuer id), `sub` (subject id), `jti` (credential id), `iat`/`nbf`
/// (issuance), `exp` (expiry) taken from it.
pub fn sign_vc_jwt(credential: &Value, key: &KeyPair, kid: &str) -> Result<String, SignError> {
    let issuer = id_of(&credential["issuer"]).ok_or_else(|| {
        SignError::new(SignErrorKind::Document, "the credential has no issuer id")
    })?;
    let mut claims = Map::new();
    claims.insert("iss".into(), issuer.into());
    if let Some(subject) = id_of(&credential["credentialSubject"]) {
        claims.insert("sub".into(), subject.into());
    }
    if let Some(id) = credential["id"].as_str() {
        claims.insert("jti".into(), id.into());
    }
    let issued =
        seconds(credential, &["issuanceDate", "issued", "validFrom"]).ok_or_else(|| {
            SignError::new(
                SignErrorKind::Document,
                "the credential has no issuance date",
            )
        })?;
    claims.insert("iat".into(), issued.into());
    let valid_from = seconds(credential, &["validFrom", "issuanceDate"]).unwrap_or(issued);
    claims.insert("nbf".into(), valid_from.into());
    if let Some(exp) = seconds(credential, &["expirationDate", "validUntil"]) {
        claims.insert("exp".into(), exp.into());
    }
    claims.insert("vc".into(), credential.clone());
    let header = json!({"alg": key.key_type().jose_algorithm(), "kid": kid, "typ": "JWT"});
    let signing_input = format!("{}.{}", b64_json(&header), b64_json(&Value::Object(claims)));
    let signature = key.sign(signing_input.as_bytes());
    Ok(format!(
        "{signing_input}.{}",
        URL_SAFE_NO_PAD.encode(signature)
    ))
}

/// Verifies a VC-JWT 1.1 (EBSI) token: the signature, and that `iss`, `sub`, `jti` and `nbf`
/// agree with the credential in `vc`. Returns the credential.
pub fn verify_vc_jwt(token: &str, keys: &KeyRegistry) -> JwtCheck {
    let parts: Vec<&str> = token.trim().split('.').collect();
    let [header_part, payload_part, signature_part] = parts.as_slice() else {
        return JwtCheck::Invalid(format!(
            "a compact JWS has 3 parts; this has {}",
            parts.len()
        ));
    };
    let (header, claims) = match (
        decode_part(header_part, "the header"),
        decode_part(payload_part, "the payload"),
    ) {
        (Ok(Value::Object(h)), Ok(c @ Value::Object(_))) => (h, c),
        (Err(e), _) | (_, Err(e)) => return JwtCheck::Invalid(e),
        _ => return JwtCheck::Invalid("the header and payload must be JSON objects".into()),
    };
    if let Some(crit) = header.get("crit") {
        return JwtCheck::Invalid(format!("unknown critical header parameters {crit}"));
    }
    if let Err(check) = check_signature(&header, header_part, payload_part, signature_part, keys) {
        return check;
    }
    let credential = &claims["vc"];
    if !credential.is_object() {
        return JwtCheck::Invalid("the token has no `vc` claim".into());
    }
    let mismatch = |claim: &str, expected: Option<&str>| -> Option<JwtCheck> {
        let found = claims.get(claim).and_then(Value::as_str);
        (found.is_some() && found != expected).then(|| {
            JwtCheck::Invalid(format!(
                "claim `{claim}` is {found:?} but the credential says {expected:?}"
            ))
        })
    };
    if let Some(bad) = mismatch("iss", id_of(&credential["issuer"]))
        .or_else(|| mismatch("sub", id_of(&credential["credentialSubject"])))
        .or_else(|| mismatch("jti", credential["id"].as_str()))
    {
        return bad;
    }
    if let (Some(nbf), Some(from)) = (
        claims["nbf"].as_i64(),
        seconds(credential, &["validFrom", "issuanceDate"]),
    ) {
        if nbf != from {
            return JwtCheck::Invalid(format!(
                "claim `nbf` ({nbf}) does not match the credential's validity start ({from})"
            ));
        }
    }
    JwtCheck::Verified(credential.clone())
}
