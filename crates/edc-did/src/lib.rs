//! # edc-did — keys and DIDs
//!
//! Ed25519, P-256, P-384, P-521 and secp256k1 key pairs, their Multikey (`publicKeyMultibase`,
//! `secretKeyMultibase`), JWK and PKCS#8 PEM forms; `did:key` (Multikey and EBSI's
//! `jwk_jcs-pub` form, [`did_key_jwk_jcs`]), `did:jwk`, and a [`Resolver`] for `did:web` and other
//! controller documents (added, cached, or fetched through a caller-supplied `edc_context::Fetcher`).
//!
//! ```
//! use edc_did::{did_key, KeyPair, KeyType, resolve_verification_method};
//!
//! let key = KeyPair::generate(KeyType::Ed25519);
//! let (did, method) = did_key(&key.public_key());
//! assert!(method.starts_with(&did));
//! let public = resolve_verification_method(&method).unwrap();
//! assert_eq!(public, key.public_key());
//! ```
#![deny(missing_docs)]

mod jwk;
mod key_file;
pub use key_file::write_private_file;
mod keys;
mod resolver;
pub mod rsa;

// The public face.
pub use jwk::did_jwk;
pub use keys::{
    decode_multibase, encode_multibase, KeyError, KeyErrorKind, KeyPair, KeyType, PublicKey,
};
pub use resolver::{did_web_url, Resolver};

/// The `did:key` DID of a public key and its verification method id (`did:key:z…#z…`).
pub fn did_key(public: &PublicKey) -> (String, String) {
    let multikey = public.to_multikey();
    let did = format!("did:key:{multikey}");
    let method = format!("{did}#{multikey}");
    (did, method)
}

/// The multicodec `jwk_jcs-pub` (0xeb51) as an unsigned varint: EBSI's did:key for natural
/// persons carries the JCS-canonical public JWK after it.
const JWK_JCS_PUB: [u8; 3] = [0xd1, 0xd6, 0x03];

/// The EBSI natural-person `did:key` (multicodec `jwk_jcs-pub`: the RFC 8785 canonical public JWK)
/// of a public key, and its verification method id. EBSI uses it for P-256 keys.
pub fn did_key_jwk_jcs(public: &PublicKey) -> (String, String) {
    let jwk = public.to_jwk();
    // RFC 8785 for a JWK: members sorted by name, string values, no whitespace.
    let mut members: Vec<(&String, &serde_json::Value)> = jwk
        .as_object()
        .map(|o| o.iter().collect())
        .unwrap_or_default();
    members.sort_by(|a, b| a.0.cmp(b.0));
    let body: Vec<String> = members
        .iter()
        .map(|(k, v)| format!("{}:{}", serde_json::Value::from(k.as_str()), v))
        .collect();
    let mut bytes = JWK_JCS_PUB.to_vec();
    bytes.extend(format!("{{{}}}", body.join(",")).as_bytes());
    let multibase = encode_multibase(&bytes);
    let did = format!("did:key:{multibase}");
    let method = format!("{did}#{multibase}");
    (did, method)
}

/// The public key a verification method names. Offline: `did:key` (Multikey and EBSI's
/// `jwk_jcs-pub` forms) and `did:jwk` methods (and bare DIDs) are read from the identifier
/// itself; others are refused with a reason.
pub fn resolve_verification_method(method: &str) -> Result<PublicKey, KeyError> {
    if method.starts_with("did:jwk:") {
        return jwk::resolve_did_jwk(method);
    }
    let Some(rest) = method.strip_prefix("did:key:") else {
        return Err(KeyError::new(KeyErrorKind::Key, format!(
            "cannot resolve `{method}` offline: only did:key and did:jwk verification methods are resolved so far"
        )));
    };
    let (multikey, fragment) = match rest.split_once('#') {
        Some((m, f)) => (m, Some(f)),
        None => (rest, None),
    };
    if fragment.is_some_and(|f| f != multikey) {
        return Err(KeyError::new(
            KeyErrorKind::Key,
            format!("`{method}`: a did:key verification method's fragment repeats the key"),
        ));
    }
    let bytes = decode_multibase(multikey)?;
    if let Some(jwk) = bytes.strip_prefix(&JWK_JCS_PUB[..]) {
        let jwk: serde_json::Value = serde_json::from_slice(jwk).map_err(|e| {
            KeyError::new(
                KeyErrorKind::Key,
                format!("`{method}`: the jwk_jcs-pub key is not JSON: {e}"),
            )
        })?;
        return PublicKey::from_jwk(&jwk);
    }
    PublicKey::from_multikey(multikey)
}
