//! SD-JWT credentials (VC-JOSE-COSE section 3.2, SD-JWT RFC 9901): an issuer-signed JWT
//! (`typ` `vc+sd-jwt` / `vp+sd-jwt`) whose selectively disclosable claims are replaced by
//! digests in `_sd` arrays, followed by `~`-separated disclosures (`[salt, name, value]`, or
//! `[salt, value]` for array elements) and an optional key-binding JWT.

use crate::jose::{check_enveloped, check_signature, JwtCheck, KeyRegistry};
use crate::proof::SignError;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use edc_did::KeyPair;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

fn digest(disclosure: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(disclosure.as_bytes()))
}

fn decode_json(part: &str, what: &str) -> Result<Value, String> {
    edc_model::tokens::decode_json(part, what).map_err(String::from)
}

/// Verifies an SD-JWT credential or presentation: the issuer JWT (header `typ`/`cty`, key,
/// signature), every disclosure's digest present exactly once in the signed claims, and for a
/// presentation its enveloped credentials' media types. Returns the claims with what was
/// disclosed in place (undisclosed claims absent). A key-binding JWT, when present, is not
/// checked (no holder key is known to the caller here).
pub fn verify_vc_sd_jwt(text: &str, keys: &KeyRegistry) -> JwtCheck {
    let parts = edc_model::tokens::sd_jwt_parts(text);
    let pieces: Vec<&str> = parts.jwt.split('.').collect();
    let [header_part, payload_part, signature_part] = pieces.as_slice() else {
        return JwtCheck::Invalid("the issuer part of an SD-JWT is a compact JWS".into());
    };
    let header = match decode_json(header_part, "the header") {
        Ok(Value::Object(h)) => h,
        Ok(_) => return JwtCheck::Invalid("the header is not a JSON object".into()),
        Err(e) => return JwtCheck::Invalid(e),
    };
    let claims = match decode_json(payload_part, "the payload") {
        Ok(c @ Value::Object(_)) => c,
        Ok(_) => return JwtCheck::Invalid("the payload is not a JSON object".into()),
        Err(e) => return JwtCheck::Invalid(e),
    };
    let typ = header.get("typ").and_then(Value::as_str).unwrap_or("");
    let presentation = match typ {
        "vc+sd-jwt" => false,
        "vp+sd-jwt" => true,
        other => return JwtCheck::Invalid(format!("typ `{other}` is not vc+sd-jwt or vp+sd-jwt")),
    };
    if let Some(cty) = header.get("cty").and_then(Value::as_str) {
        if cty != if presentation { "vp" } else { "vc" } {
            return JwtCheck::Invalid(format!("cty `{cty}` does not match typ `{typ}`"));
        }
    }
    if let Some(crit) = header.get("crit") {
        return JwtCheck::Invalid(format!("unknown critical header parameters {crit}"));
    }
    let alg = claims
        .get("_sd_alg")
        .and_then(Value::as_str)
        .unwrap_or("sha-256");
    if alg != "sha-256" {
        return JwtCheck::CouldNotCheck(format!("_sd_alg `{alg}` is not supported (sha-256 is)"));
    }
    if let Err(check) = check_signature(&header, header_part, payload_part, signature_part, keys) {
        return check;
    }
    let claims = match edc_model::tokens::disclose(claims, &parts.disclosures) {
        Ok(claims) => claims,
        Err(e) => return JwtCheck::Invalid(e.message().to_string()),
    };
    if presentation {
        if let Some(invalid) = check_enveloped(&claims, keys) {
            return invalid;
        }
    }
    JwtCheck::Verified(claims)
}

/// Signs a VCDM 2.0 credential or presentation as an SD-JWT in which every member of
/// `credentialSubject` other than `id` is selectively disclosable; returns
/// `jwt~disclosure~…~` with all disclosures (the holder drops those it withholds).
pub fn sign_vc_sd_jwt(document: &Value, key: &KeyPair, kid: &str) -> Result<String, SignError> {
    sign_vc_sd_jwt_for(document, key, kid, None)
}

/// As [`sign_vc_sd_jwt`], binding the holder's public key in the `cnf` claim so that the holder
/// can prove possession with a key-binding JWT ([`bind_sd_jwt`]).
pub fn sign_vc_sd_jwt_for(
    document: &Value,
    key: &KeyPair,
    kid: &str,
    holder: Option<&edc_did::PublicKey>,
) -> Result<String, SignError> {
    let presentation = crate::jose::is_presentation(document);
    let mut claims = document.clone();
    let mut disclosures = Vec::new();
    if let Some(Value::Object(subject)) = claims.get_mut("credentialSubject") {
        let names: Vec<String> = subject.keys().filter(|k| *k != "id").cloned().collect();
        let mut digests = Vec::new();
        for name in names {
            let value = subject.remove(&name).expect("listed above");
            let mut salt = [0u8; 16];
            rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut salt);
            let disclosure = URL_SAFE_NO_PAD.encode(
                serde_json::to_vec(&json!([URL_SAFE_NO_PAD.encode(salt), name, value]))
                    .expect("JSON serialises"),
            );
            digests.push(Value::String(digest(&disclosure)));
            disclosures.push(disclosure);
        }
        subject.insert("_sd".into(), Value::Array(digests));
    }
    if let Value::Object(map) = &mut claims {
        map.insert("_sd_alg".into(), "sha-256".into());
        if let Some(holder) = holder {
            map.insert("cnf".into(), json!({"jwk": holder.to_jwk()}));
        }
    }
    let (typ, cty) = if presentation {
        ("vp+sd-jwt", "vp")
    } else {
        ("vc+sd-jwt", "vc")
    };
    let header: Map<String, Value> = [
        ("alg", json!(key.key_type().jose_algorithm())),
        ("kid", json!(kid)),
        ("typ", json!(typ)),
        ("cty", json!(cty)),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v))
    .collect();
    let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).expect("JSON serialises"));
    let signing_input = format!("{}.{}", b64(&Value::Object(header)), b64(&claims));
    let signature = URL_SAFE_NO_PAD.encode(key.sign(signing_input.as_bytes()));
    let mut out = format!("{signing_input}.{signature}~");
    for d in disclosures {
        out.push_str(&d);
        out.push('~');
    }
    Ok(out)
}

/// What a verified key-binding JWT says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyBinding {
    /// The `nonce` the holder signed (the verifier's challenge).
    pub nonce: Option<String>,
    /// The `aud` the holder signed (the verifier).
    pub audience: Option<String>,
    /// When the holder signed (`iat`, seconds since 1970).
    pub issued_at: Option<i64>,
}

/// The issuer's JWT claims of an SD-JWT, read without verifying anything.
fn issuer_claims(text: &str) -> Result<Value, String> {
    let jwt = text.trim().split('~').next().unwrap_or("");
    let payload = jwt
        .split('.')
        .nth(1)
        .ok_or("the SD-JWT has no issuer JWT")?;
    decode_json(payload, "the issuer JWT's payload")
}

/// The key-binding JWT of an SD-JWT presentation (RFC 9901 section 4.3), when there is one:
/// `typ` `kb+jwt`, signed by the key in the issuer-signed `cnf` claim, `sd_hash` over what
/// precedes it. `Ok(None)` when the presentation carries no key-binding JWT.
pub fn verify_sd_jwt_key_binding(
    text: &str,
) -> Result<Option<KeyBinding>, crate::proof::SignError> {
    verify_sd_jwt_key_binding_text(text).map_err(|message| {
        crate::proof::SignError::new(crate::proof::SignErrorKind::Token, message)
    })
}

fn verify_sd_jwt_key_binding_text(text: &str) -> Result<Option<KeyBinding>, String> {
    let text = text.trim();
    let Some((presented, kb)) = text.rsplit_once('~') else {
        return Err("not an SD-JWT".into());
    };
    if kb.is_empty() {
        return Ok(None);
    }
    let pieces: Vec<&str> = kb.split('.').collect();
    let [header_part, payload_part, signature_part] = pieces.as_slice() else {
        return Err("the key-binding JWT is not a compact JWS".into());
    };
    let header = decode_json(header_part, "the key-binding JWT's header")?;
    if header["typ"] != "kb+jwt" {
        return Err(format!(
            "the key-binding JWT's typ is {}, not kb+jwt",
            header["typ"]
        ));
    }
    let claims = decode_json(payload_part, "the key-binding JWT's payload")?;
    let cnf = issuer_claims(text)?;
    let jwk = cnf
        .get("cnf")
        .and_then(|c| c.get("jwk"))
        .ok_or("the issuer bound no holder key (no cnf.jwk claim)")?;
    let holder = edc_did::PublicKey::from_jwk(jwk)
        .map_err(|e| format!("the holder key in cnf cannot be used: {e}"))?;
    if header["alg"] != holder.key_type().jose_algorithm() {
        return Err(format!(
            "the key-binding JWT's alg {} does not fit the holder's {:?} key",
            header["alg"],
            holder.key_type()
        ));
    }
    let signature = URL_SAFE_NO_PAD
        .decode(signature_part)
        .map_err(|e| format!("the key-binding signature is not base64url: {e}"))?;
    if !holder.verify(
        format!("{header_part}.{payload_part}").as_bytes(),
        &signature,
    ) {
        return Err("the key-binding JWT is not signed by the holder's key (cnf)".into());
    }
    let expected = digest(&format!("{presented}~"));
    if claims["sd_hash"].as_str() != Some(expected.as_str()) {
        return Err(
            "the key-binding JWT's sd_hash does not cover these disclosures (changed after binding?)"
                .into(),
        );
    }
    Ok(Some(KeyBinding {
        nonce: claims["nonce"].as_str().map(str::to_string),
        audience: claims["aud"].as_str().map(str::to_string),
        issued_at: claims["iat"].as_i64(),
    }))
}

/// The holder's side: appends a key-binding JWT (nonce, audience, time) to an SD-JWT whose
/// issuer bound `holder`'s public key in `cnf` (keep only the disclosures to reveal first).
pub fn bind_sd_jwt(
    sd_jwt: &str,
    holder: &KeyPair,
    nonce: &str,
    audience: &str,
    issued_at: i64,
) -> String {
    let presented = if sd_jwt.ends_with('~') {
        sd_jwt.to_string()
    } else {
        format!("{sd_jwt}~")
    };
    let header = json!({"alg": holder.key_type().jose_algorithm(), "typ": "kb+jwt"});
    let claims = json!({
        "iat": issued_at,
        "aud": audience,
        "nonce": nonce,
        "sd_hash": digest(&presented),
    });
    let b64 = |v: &Value| URL_SAFE_NO_PAD.encode(serde_json::to_vec(v).expect("JSON serialises"));
    let signing_input = format!("{}.{}", b64(&header), b64(&claims));
    let signature = URL_SAFE_NO_PAD.encode(holder.sign(signing_input.as_bytes()));
    format!("{presented}{signing_input}.{signature}")
}
