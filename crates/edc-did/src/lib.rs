//! # edc-did — keys and DIDs
//!
//! Ed25519, P-256 and P-384 key pairs, their Multikey forms (`publicKeyMultibase`,
//! `secretKeyMultibase`), and `did:key` identifiers and verification methods.
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
mod keys;
mod resolver;

// The public face.
pub use jwk::did_jwk;
pub use keys::{decode_multibase, encode_multibase, KeyError, KeyPair, KeyType, PublicKey};
pub use resolver::{did_web_url, Fetch, Resolver};

/// The `did:key` DID of a public key and its verification method id (`did:key:z…#z…`).
pub fn did_key(public: &PublicKey) -> (String, String) {
    let multikey = public.to_multikey();
    let did = format!("did:key:{multikey}");
    let method = format!("{did}#{multikey}");
    (did, method)
}

/// The public key a verification method names. Offline: `did:key` and `did:jwk` methods (and
/// bare DIDs) are read from the identifier itself; others are refused with a reason.
pub fn resolve_verification_method(method: &str) -> Result<PublicKey, KeyError> {
    if method.starts_with("did:jwk:") {
        return jwk::resolve_did_jwk(method);
    }
    let Some(rest) = method.strip_prefix("did:key:") else {
        return Err(KeyError(format!(
            "cannot resolve `{method}` offline: only did:key and did:jwk verification methods are resolved so far"
        )));
    };
    let (multikey, fragment) = match rest.split_once('#') {
        Some((m, f)) => (m, Some(f)),
        None => (rest, None),
    };
    if fragment.is_some_and(|f| f != multikey) {
        return Err(KeyError(format!(
            "`{method}`: a did:key verification method's fragment repeats the key"
        )));
    }
    PublicKey::from_multikey(multikey)
}
