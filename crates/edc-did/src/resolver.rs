//! A resolver value: from a verification method id to its public key, offline by default.
//! `did:key` and `did:jwk` are read from the identifier; `did:web` documents and any other
//! controller documents (e.g. the `https://…` issuers of the W3C test vectors) come from what the
//! caller adds, from a cache directory, or, when the caller supplies a fetcher, from the did:web
//! URL over https (written to the cache).

use crate::keys::{KeyError, KeyErrorKind, PublicKey};
use serde_json::Value;
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The media types a DID or controller document is asked for.
const DID_JSON: &str =
    "application/did+json, application/did+ld+json, application/ld+json, application/json";

/// Resolves verification methods to public keys. Cheap to clone; extend it with documents.
#[derive(Clone, Default)]
pub struct Resolver {
    /// Controller documents (DID documents, verification methods) by id.
    documents: HashMap<String, Value>,
    /// Where did:web documents are looked up and saved.
    cache_dir: Option<PathBuf>,
    /// How did:web documents are fetched, when allowed.
    fetch: Option<edc_context::SharedFetcher>,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("documents", &self.documents.keys().collect::<Vec<_>>())
            .field("cache_dir", &self.cache_dir)
            .field("fetch", &self.fetch.is_some())
            .finish()
    }
}

/// The cache file name of a did:web DID: its method-specific id with characters outside
/// `[A-Za-z0-9._-]` replaced, plus `.json`.
fn cache_name(did: &str) -> String {
    let id = did.trim_start_matches("did:web:");
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("did-web-{safe}.json")
}

/// The https URL of a `did:web` DID's document (did:web method specification).
pub fn did_web_url(did: &str) -> Result<String, KeyError> {
    let rest = did.strip_prefix("did:web:").ok_or_else(|| {
        KeyError::new(
            KeyErrorKind::Resolution,
            format!("`{did}` is not a did:web"),
        )
    })?;
    let mut parts = rest.split(':');
    let host = parts
        .next()
        .filter(|h| !h.is_empty())
        .ok_or_else(|| KeyError::new(KeyErrorKind::Resolution, "did:web needs a host"))?;
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
        let text = std::fs::read_to_string(path).map_err(|e| {
            KeyError::new(
                KeyErrorKind::Resolution,
                format!("cannot read {}: {e}", path.display()),
            )
        })?;
        let document: Value = serde_json::from_str(&text).map_err(|e| {
            KeyError::new(
                KeyErrorKind::Resolution,
                format!("{} is not JSON: {e}", path.display()),
            )
        })?;
        if document.get("id").and_then(Value::as_str).is_none() {
            return Err(KeyError::new(
                KeyErrorKind::Resolution,
                format!("{} has no `id`", path.display()),
            ));
        }
        Ok(self.with_document(document))
    }

    /// Looks did:web documents up in `dir` (and saves fetched ones there).
    #[must_use]
    pub fn with_cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    /// Fetches did:web documents and https controller documents not otherwise known through
    /// `fetcher` (edc's `HttpFetcher` under a network policy, or the host's own). Off by
    /// default.
    #[must_use]
    pub fn with_fetcher(mut self, fetcher: edc_context::SharedFetcher) -> Self {
        self.fetch = Some(fetcher);
        self
    }

    /// A did:web document from the cache directory or, when allowed, its URL. The document's
    /// `id` must be the DID.
    fn did_web_document(&self, did: &str) -> Result<Option<Value>, KeyError> {
        let cached = self.cache_dir.as_ref().map(|d| d.join(cache_name(did)));
        let from_cache = cached
            .as_ref()
            .filter(|p| p.is_file())
            .and_then(|p| std::fs::read(p).ok());
        let (bytes, fetched) = match (from_cache, &self.fetch) {
            (Some(bytes), _) => (bytes, false),
            (None, Some(fetch)) => {
                let url = did_web_url(did)?;
                let bytes = fetch.get(&url, DID_JSON).map_err(|e| {
                    KeyError::new(KeyErrorKind::Resolution, format!("{did} ({url}): {e}"))
                })?;
                (bytes, true)
            }
            (None, None) => return Ok(None),
        };
        let document = document_with_id(&bytes, did, "the DID document of")?;
        if fetched {
            if let Some(path) = cached {
                // A cache that cannot be written is not an error: the document is in hand.
                let _ = std::fs::create_dir_all(path.parent().unwrap_or(Path::new(".")))
                    .and_then(|()| std::fs::write(&path, &bytes));
            }
        }
        Ok(Some(document))
    }

    /// An https controller document (an issuer's profile listing its keys), when fetching is
    /// allowed. Its `id` must be the URL it was fetched from.
    fn https_controller(&self, url: &str) -> Result<Option<Value>, KeyError> {
        let Some(fetch) = &self.fetch else {
            return Ok(None);
        };
        let bytes = fetch
            .get(url, DID_JSON)
            .map_err(|e| KeyError::new(KeyErrorKind::Resolution, format!("{url}: {e}")))?;
        document_with_id(&bytes, url, "the controller document of").map(Some)
    }

    /// The public key a verification method names, when its controller document authorises it
    /// for `relationship` (`assertionMethod`, `authentication`…): a key the controller lists
    /// only for logging in cannot sign credentials. did:key and did:jwk methods, and a single
    /// verification method added as it is (without a controller document), are authorised for
    /// every relationship. The controller document is fetched at most once.
    pub fn resolve_for(&self, method: &str, relationship: &str) -> Result<PublicKey, KeyError> {
        if method.starts_with("did:key:") || method.starts_with("did:jwk:") {
            return crate::resolve_verification_method(method);
        }
        let controller = method.split('#').next().unwrap_or(method);
        let document = self.controller_document(controller)?;
        let key = match (self.added_as_it_is(method), &document) {
            (Some(vm), _) => key_of(vm, method)?,
            (None, Some(document)) => key_in(document, method, controller)?,
            (None, None) => return Err(not_known(method, controller)),
        };
        let Some(document) = document else {
            // A verification method the caller added as it is.
            return Ok(key);
        };
        let listed = document
            .get(relationship)
            .and_then(Value::as_array)
            .is_some_and(|entries| {
                entries.iter().any(|entry| {
                    let id = entry
                        .as_str()
                        .or_else(|| entry.get("id").and_then(Value::as_str));
                    names(id, method)
                })
            });
        if listed {
            Ok(key)
        } else {
            Err(KeyError::new(KeyErrorKind::Relationship, format!(
                "`{method}` is not listed under {relationship} in {controller}'s document: its controller has not authorised it for that purpose"
            )))
        }
    }

    /// The public key a verification method names.
    pub fn resolve(&self, method: &str) -> Result<PublicKey, KeyError> {
        if method.starts_with("did:key:") || method.starts_with("did:jwk:") {
            return crate::resolve_verification_method(method);
        }
        if let Some(vm) = self.added_as_it_is(method) {
            return key_of(vm, method);
        }
        let controller = method.split('#').next().unwrap_or(method);
        match self.controller_document(controller)? {
            Some(document) => key_in(&document, method, controller),
            None => Err(not_known(method, controller)),
        }
    }

    /// A single verification method the caller added under its own id.
    fn added_as_it_is(&self, method: &str) -> Option<&Value> {
        self.documents
            .get(method)
            .filter(|vm| vm.get("verificationMethod").is_none())
    }

    /// The controller document: one the caller added, else the did:web or https document
    /// (from the cache, or fetched when allowed).
    fn controller_document(&self, controller: &str) -> Result<Option<Cow<'_, Value>>, KeyError> {
        Ok(match self.documents.get(controller) {
            Some(document) => Some(Cow::Borrowed(document)),
            None if controller.starts_with("did:web:") => {
                self.did_web_document(controller)?.map(Cow::Owned)
            }
            None if controller.starts_with("https://") => {
                self.https_controller(controller)?.map(Cow::Owned)
            }
            None => None,
        })
    }
}

/// Whether a verification method reference (`id`, absolute or a `#fragment`) names `method`.
fn names(id: Option<&str>, method: &str) -> bool {
    let fragment = method.find('#').map(|i| &method[i..]).unwrap_or("");
    id.is_some_and(|id| id == method || (!fragment.is_empty() && id == fragment))
}

/// The key of the verification method `method` listed in its controller's document.
fn key_in(document: &Value, method: &str, controller: &str) -> Result<PublicKey, KeyError> {
    let vm = document["verificationMethod"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|vm| names(vm.get("id").and_then(Value::as_str), method))
        .ok_or_else(|| {
            KeyError::new(
                KeyErrorKind::Resolution,
                format!("`{controller}` has no verification method `{method}`"),
            )
        })?;
    key_of(vm, method)
}

/// Why a method whose controller document is neither given nor fetchable cannot be resolved,
/// and where that document is published.
fn not_known(method: &str, controller: &str) -> KeyError {
    let hint = if method.starts_with("did:web:") {
        format!(
            " (add its DID document, published at {}, or allow the network)",
            did_web_url(controller).unwrap_or_default()
        )
    } else if controller.starts_with("https://") {
        format!(" (give the document published at {controller} with --controller FILE, or allow the network)")
    } else {
        String::new()
    };
    KeyError::new(
        KeyErrorKind::Resolution,
        format!("cannot resolve `{method}` offline: its controller document is not known{hint}"),
    )
}

/// A fetched controller document, refused unless it is JSON whose `id` is `id` (a document
/// served for one identifier cannot speak for another).
fn document_with_id(bytes: &[u8], id: &str, what: &str) -> Result<Value, KeyError> {
    let refused = |why: String| KeyError::new(KeyErrorKind::Resolution, why);
    let document: Value = serde_json::from_slice(bytes)
        .map_err(|e| refused(format!("{what} {id} is not JSON: {e}")))?;
    if document.get("id").and_then(Value::as_str) != Some(id) {
        return Err(refused(format!(
            "{what} {id} has another id ({}); refused",
            document.get("id").unwrap_or(&Value::Null)
        )));
    }
    Ok(document)
}

/// The key of a verification method object (Multikey or JsonWebKey).
fn key_of(vm: &Value, method: &str) -> Result<PublicKey, KeyError> {
    if let Some(multikey) = vm.get("publicKeyMultibase").and_then(Value::as_str) {
        return PublicKey::from_multikey(multikey);
    }
    if let Some(jwk) = vm.get("publicKeyJwk") {
        return PublicKey::from_jwk(jwk);
    }
    Err(KeyError::new(
        KeyErrorKind::Key,
        format!("verification method `{method}` has neither publicKeyMultibase nor publicKeyJwk"),
    ))
}
