//! JSON Web Key (RFC 7517/8037) forms of keys, and `did:jwk`.

use crate::keys::{KeyError, KeyErrorKind, KeyPair, KeyType, PublicKey};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::{json, Map, Value};
use zeroize::Zeroizing;

fn b64(bytes: &[u8]) -> Value {
    Value::String(URL_SAFE_NO_PAD.encode(bytes))
}

fn field(jwk: &Value, name: &str) -> Result<Vec<u8>, KeyError> {
    let text = jwk
        .get(name)
        .and_then(Value::as_str)
        .ok_or_else(|| KeyError::new(KeyErrorKind::Key, format!("the JWK has no `{name}`")))?;
    URL_SAFE_NO_PAD
        .decode(text.trim_end_matches('='))
        .map_err(|e| {
            KeyError::new(
                KeyErrorKind::Key,
                format!("the JWK's `{name}` is not base64url: {e}"),
            )
        })
}

fn key_type_of(jwk: &Value) -> Result<KeyType, KeyError> {
    let kty = jwk.get("kty").and_then(Value::as_str).unwrap_or("");
    let crv = jwk.get("crv").and_then(Value::as_str).unwrap_or("");
    match (kty, crv) {
        ("OKP", "Ed25519") => Ok(KeyType::Ed25519),
        ("EC", "P-256") => Ok(KeyType::P256),
        ("EC", "P-384") => Ok(KeyType::P384),
        ("EC", "P-521") => Ok(KeyType::P521),
        ("EC", "secp256k1") => Ok(KeyType::Secp256k1),
        _ => Err(KeyError::new(
            KeyErrorKind::Key,
            format!(
            "unsupported JWK kty `{kty}` crv `{crv}` (Ed25519, P-256, P-384, P-521, secp256k1 are)"
        ),
        )),
    }
}

impl PublicKey {
    /// The public JWK (`kty`, `crv`, `x`, and `y` for EC keys).
    pub fn to_jwk(&self) -> Value {
        let key_type = self.key_type();
        let uncompressed = match self {
            PublicKey::Ed25519(k) => {
                return json!({"kty": "OKP", "crv": "Ed25519", "x": b64(k.as_bytes())})
            }
            PublicKey::P256(k) => k.to_encoded_point(false).as_bytes().to_vec(),
            PublicKey::P384(k) => k.to_encoded_point(false).as_bytes().to_vec(),
            PublicKey::P521(k) => {
                use p521::elliptic_curve::sec1::ToEncodedPoint;
                k.to_encoded_point(false).as_bytes().to_vec()
            }
            PublicKey::Secp256k1(k) => k.to_encoded_point(false).as_bytes().to_vec(),
        };
        let size = (uncompressed.len() - 1) / 2;
        json!({"kty": "EC", "crv": key_type.jwk_curve(),
               "x": b64(&uncompressed[1..1 + size]), "y": b64(&uncompressed[1 + size..])})
    }

    /// Reads a public JWK.
    pub fn from_jwk(jwk: &Value) -> Result<PublicKey, KeyError> {
        let key_type = key_type_of(jwk)?;
        if key_type == KeyType::Ed25519 {
            return PublicKey::from_bytes(key_type, &field(jwk, "x")?);
        }
        let mut point = vec![0x04];
        point.extend(field(jwk, "x")?);
        point.extend(field(jwk, "y")?);
        PublicKey::from_bytes(key_type, &point)
    }
}

impl KeyPair {
    /// The private JWK (with `d`). Handle with care: it holds the secret.
    pub fn to_private_jwk(&self) -> Zeroizing<String> {
        let mut jwk: Map<String, Value> = match self.public_key().to_jwk() {
            Value::Object(m) => m,
            _ => unreachable!("a JWK is an object"),
        };
        let secret =
            crate::keys::decode_multibase(&self.to_secret_multikey()).expect("our own encoding");
        let secret = Zeroizing::new(secret);
        jwk.insert("d".into(), b64(&secret[2..2 + secret_len(self.key_type())]));
        Zeroizing::new(Value::Object(jwk).to_string())
    }

    /// Reads a private JWK (with `d`).
    pub fn from_jwk(jwk: &Value) -> Result<KeyPair, KeyError> {
        let key_type = key_type_of(jwk)?;
        let d = Zeroizing::new(field(jwk, "d")?);
        let mut multikey = Zeroizing::new(crate::keys::secret_codec(key_type).to_vec());
        multikey.extend_from_slice(&d);
        let key = KeyPair::from_secret_multikey(&crate::keys::encode_multibase(&multikey))?;
        if key.public_key() != PublicKey::from_jwk(jwk)? {
            return Err(KeyError::new(
                KeyErrorKind::Key,
                "the JWK's public part does not match its `d`",
            ));
        }
        Ok(key)
    }
}

fn secret_len(key_type: KeyType) -> usize {
    match key_type {
        KeyType::P384 => 48,
        KeyType::P521 => 66,
        _ => 32,
    }
}

/// The `did:jwk` DID of a public key and its verification method id (`did:jwk:…#0`).
pub fn did_jwk(public: &PublicKey) -> (String, String) {
    let did = format!(
        "did:jwk:{}",
        URL_SAFE_NO_PAD.encode(public.to_jwk().to_string())
    );
    let method = format!("{did}#0");
    (did, method)
}

/// The public key of a `did:jwk` DID or verification method.
pub(crate) fn resolve_did_jwk(method: &str) -> Result<PublicKey, KeyError> {
    let encoded = method
        .strip_prefix("did:jwk:")
        .ok_or_else(|| KeyError::new(KeyErrorKind::Key, "not a did:jwk"))?;
    let encoded = encoded.split('#').next().unwrap_or(encoded);
    let bytes = URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|e| KeyError::new(KeyErrorKind::Key, format!("did:jwk is not base64url: {e}")))?;
    let jwk: Value = serde_json::from_slice(&bytes).map_err(|e| {
        KeyError::new(
            KeyErrorKind::Key,
            format!("did:jwk does not hold JSON: {e}"),
        )
    })?;
    if jwk.get("d").is_some() {
        return Err(KeyError::new(
            KeyErrorKind::Key,
            "a did:jwk must not contain a private key",
        ));
    }
    PublicKey::from_jwk(&jwk)
}
