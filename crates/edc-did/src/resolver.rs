//! A resolver value: from a verification method id to its public key, offline. `did:key` and
//! `did:jwk` are read from the identifier; `did:web` documents and any other controller documents
//! (e.g. the `https://…` issuers of the W3C test vectors) come from what the caller adds.

use crate::keys::{KeyError, PublicKey};
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

/// Resolves verification methods to public keys. Cheap to clone; extend it with documents.
#[derive(Debug, Clone, Default)]
pub struct Resolver {
    /// Controller documents (DID documents, verification methods) by id.
    documents: HashMap<String, Value>,
}

/// The https URL of a `did:web` DID's document (did:web method specification).
pub fn did_web_url(did: &str) -> Result<String, KeyError> {
    let rest = did
        .strip_prefix("did:web:")
        .ok_or_else(|| KeyError(format!("`{did}` is not a did:web")))?;
    let mut parts = rest.split(':');
    let host = parts
        .next()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| KeyError("did:web needs a host".into()))?;
    let host = host.replace("%3A", ":").replace("%3a", ":");
    let path: Vec<&str> = parts.collect();
    Ok(if path.is_empty() {
        format!("https://{host}/.well-known/did.json")
    } else {
        format!("https://{host}/{}/did.json", path.join("/"))
    })
}

impl Resolver {
    /// A resolver knowing did:key and did:jwk only.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a controller document (a DID document, or a single verification method) under its
    /// `id`.
    #[must_use]
    pub fn with_document(mut self, document: Value) -> Self {
        if let Some(id) = document.get("id").and_then(Value::as_str) {
            self.documents.insert(id.to_string(), document);
        }
        self
    }

    /// Adds a DID document read from a file (e.g. a did:web document saved locally).
    pub fn with_document_file(self, path: &Path) -> Result<Self, KeyError> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| KeyError(format!("cannot read {}: {e}", path.display())))?;
        let document: Value = serde_json::from_str(&text)
            .map_err(|e| KeyError(format!("{} is not JSON: {e}", path.display())))?;
        if document.get("id").and_then(Value::as_str).is_none() {
            return Err(KeyError(format!("{} has no `id`", path.display())));
        }
        Ok(self.with_document(document))
    }

    /// The public key a verification method names.
    pub fn resolve(&self, method: &str) -> Result<PublicKey, KeyError> {
        if method.starts_with("did:key:") || method.starts_with("did:jwk:") {
            return crate::resolve_verification_method(method);
        }
        if let Some(vm) = self.documents.get(method) {
            if vm.get("verificationMethod").is_none() {
                return key_of(vm, method);
            }
        }
        let controller = method.split('#').next().unwrap_or(method);
        let Some(document) = self.documents.get(controller) else {
            let hint = if method.starts_with("did:web:") {
                format!(
                    " (add its DID document, published at {})",
                    did_web_url(controller).unwrap_or_default()
                )
            } else {
                String::new()
            };
            return Err(KeyError(format!(
                "cannot resolve `{method}` offline: its controller document is not known{hint}"
            )));
        };
        let fragment = method.find('#').map(|i| &method[i..]).unwrap_or("");
        let methods = document["verificationMethod"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        let vm = methods
            .iter()
            .find(|vm| {
                let id = vm.get("id").and_then(Value::as_str).unwrap_or("");
                id == method || (!fragment.is_empty() && id == fragment)
            })
            .ok_or_else(|| {
                KeyError(format!(
                    "`{controller}` has no verification method `{method}`"
                ))
            })?;
        key_of(vm, method)
    }
}

/// The key of a verification method object (Multikey or JsonWebKey).
fn key_of(vm: &Value, method: &str) -> Result<PublicKey, KeyError> {
    if let Some(multikey) = vm.get("publicKeyMultibase").and_then(Value::as_str) {
        return PublicKey::from_multikey(multikey);
    }
    if let Some(jwk) = vm.get("publicKeyJwk") {
        return PublicKey::from_jwk(jwk);
    }
    Err(KeyError(format!(
        "verification method `{method}` has neither publicKeyMultibase nor publicKeyJwk"
    )))
}
