//! The document loader: where contexts come from. Offline by default: the bundled registry,
//! files and directories the caller names, and a cache directory. Anything else is refused
//! with an error that names the IRI and how to supply it.

use serde_json::Value;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The official IRI of the EDC application-profile context (ELM v3). The registry serves the
/// project's own mapping (`contexts/edc-ap.jsonld`, generated from the ELM ontology and the SHACL
/// profiles) for it; tests prove it gives the same RDF as the official file.
pub const EDC_AP_CONTEXT_IRI: &str = "http://data.europa.eu/snb/model/context/edc-ap";

/// The project's ELM context mapping, bundled.
pub const EDC_AP_CONTEXT: &str = include_str!("../../../contexts/edc-ap.jsonld");

/// The bundled contexts: IRI → document text. The W3C ones come from the `ssi-contexts` crate.
pub fn bundled_contexts() -> &'static [(&'static str, &'static str)] {
    &[
        (EDC_AP_CONTEXT_IRI, EDC_AP_CONTEXT),
        (
            "https://www.w3.org/2018/credentials/v1",
            ssi_contexts::CREDENTIALS_V1,
        ),
        (
            "https://www.w3.org/ns/credentials/v2",
            ssi_contexts::CREDENTIALS_V2,
        ),
        (
            "https://www.w3.org/2018/credentials/examples/v1",
            ssi_contexts::CREDENTIALS_EXAMPLES_V1,
        ),
        (
            "https://www.w3.org/ns/credentials/examples/v2",
            ssi_contexts::CREDENTIALS_EXAMPLES_V2,
        ),
        (
            "https://w3id.org/security/data-integrity/v1",
            ssi_contexts::W3ID_DATA_INTEGRITY_V1,
        ),
        (
            "https://w3id.org/security/data-integrity/v2",
            ssi_contexts::W3ID_DATA_INTEGRITY_V2,
        ),
        (
            "https://w3id.org/security/multikey/v1",
            ssi_contexts::W3ID_MULTIKEY_V1,
        ),
        (
            "https://w3id.org/security/suites/ed25519-2020/v1",
            ssi_contexts::W3ID_ED2020_V1,
        ),
        (
            "https://w3id.org/security/suites/jws-2020/v1",
            ssi_contexts::W3ID_JWS2020_V1,
        ),
        ("https://w3id.org/security/v1", ssi_contexts::SECURITY_V1),
        ("https://w3id.org/security/v2", ssi_contexts::SECURITY_V2),
        (
            "https://w3id.org/vc/status-list/2021/v1",
            ssi_contexts::STATUS_LIST_2021_V1,
        ),
        ("https://www.w3.org/ns/did/v1", ssi_contexts::DID_V1),
        (
            "https://w3id.org/citizenship/v1",
            ssi_contexts::CITIZENSHIP_V1,
        ),
    ]
}

fn bundled_parsed() -> &'static HashMap<&'static str, Arc<Value>> {
    static PARSED: OnceLock<HashMap<&'static str, Arc<Value>>> = OnceLock::new();
    PARSED.get_or_init(|| {
        bundled_contexts()
            .iter()
            .map(|(iri, text)| {
                (
                    *iri,
                    Arc::new(serde_json::from_str(text).expect("bundled contexts are JSON")),
                )
            })
            .collect()
    })
}

/// Why a document could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The IRI asked for.
    pub iri: String,
    /// What went wrong and how to supply the document.
    pub message: String,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "cannot load {}: {}", self.iri, self.message)
    }
}

impl std::error::Error for LoadError {}

/// Loads JSON-LD documents (contexts) by IRI, offline unless told otherwise.
///
/// Order: IRIs mapped to files by the caller, then directories (each with an `index.json` mapping
/// IRIs to file names), then the bundled registry, then the cache directory.
#[derive(Debug, Default)]
pub struct DocumentLoader {
    files: HashMap<String, PathBuf>,
    prefixes: Vec<(String, PathBuf)>,
    directories: Vec<PathBuf>,
    cache_dir: Option<PathBuf>,
    no_bundled: bool,
    fetcher: Option<crate::SharedFetcher>,
    loaded: Mutex<HashMap<String, Arc<Value>>>,
}

impl DocumentLoader {
    /// A loader with the bundled contexts.
    pub fn new() -> Self {
        Self::default()
    }

    /// Serves `iri` from `path` (overrides the bundled document).
    #[must_use]
    pub fn with_file(mut self, iri: impl Into<String>, path: impl Into<PathBuf>) -> Self {
        self.files.insert(iri.into(), path.into());
        self
    }

    /// Serves every IRI that starts with `prefix` from the file at the rest of the IRI under
    /// `dir` (`https://example.org/ctx/` and `v1.jsonld` → `dir/v1.jsonld`). A rest holding `..`,
    /// a query or a fragment is not served.
    #[must_use]
    pub fn with_prefix(mut self, prefix: impl Into<String>, dir: impl Into<PathBuf>) -> Self {
        self.prefixes.push((prefix.into(), dir.into()));
        self
    }

    /// Serves the IRIs listed in `dir/index.json` (`{"IRI": "file name", …}`) from that directory.
    #[must_use]
    pub fn with_directory(mut self, dir: impl Into<PathBuf>) -> Self {
        self.directories.push(dir.into());
        self
    }

    /// Also looks in a cache directory (files named by [`cache_file_name`]).
    #[must_use]
    pub fn with_cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    /// Allows loading from the network under `policy` (off by default). Documents fetched are
    /// written to the cache directory, when there is one.
    #[cfg(feature = "network")]
    #[must_use]
    pub fn with_network(self, policy: crate::network::NetworkPolicy) -> Self {
        self.with_fetcher(crate::HttpFetcher::shared(policy))
    }

    /// Loads what is not at hand through `fetcher` (off by default).
    #[must_use]
    pub fn with_fetcher(mut self, fetcher: crate::SharedFetcher) -> Self {
        self.fetcher = Some(fetcher);
        self
    }

    /// Leaves the bundled registry out (only files, directories and the cache are used).
    #[must_use]
    pub fn without_bundled(mut self) -> Self {
        self.no_bundled = true;
        self
    }

    /// Loads the document for `iri`.
    pub fn load(&self, iri: &str) -> Result<Arc<Value>, LoadError> {
        let key = iri.strip_suffix('#').unwrap_or(iri);
        if let Some(doc) = self.loaded.lock().expect("loader cache").get(key) {
            return Ok(doc.clone());
        }
        let doc = self.find(key)?;
        self.loaded
            .lock()
            .expect("loader cache")
            .insert(key.to_string(), doc.clone());
        Ok(doc)
    }

    fn find(&self, iri: &str) -> Result<Arc<Value>, LoadError> {
        if let Some(path) = self.files.get(iri) {
            return read_json(iri, path);
        }
        for (prefix, dir) in &self.prefixes {
            let Some(rest) = iri.strip_prefix(prefix.as_str()) else {
                continue;
            };
            let safe = !rest.is_empty()
                && !rest.contains(['?', '#', '\\'])
                && rest.split('/').all(|s| !s.is_empty() && s != "..");
            let path = dir.join(rest);
            if safe && path.is_file() {
                return read_json(iri, &path);
            }
            if safe {
                return Err(LoadError {
                    iri: iri.to_string(),
                    message: format!("{} does not exist", path.display()),
                });
            }
        }
        for dir in &self.directories {
            let index = dir.join("index.json");
            let Ok(text) = std::fs::read_to_string(&index) else {
                continue;
            };
            let map: HashMap<String, String> =
                serde_json::from_str(&text).map_err(|e| LoadError {
                    iri: iri.to_string(),
                    message: format!("{} is not an IRI → file map: {e}", index.display()),
                })?;
            if let Some(name) = map.get(iri) {
                return read_json(iri, &dir.join(name));
            }
        }
        if !self.no_bundled {
            if let Some(doc) = bundled_parsed().get(iri) {
                return Ok(doc.clone());
            }
        }
        if let Some(dir) = &self.cache_dir {
            let path = dir.join(cache_file_name(iri));
            if path.is_file() {
                return read_json(iri, &path);
            }
        }
        if let Some(fetcher) = &self.fetcher {
            let body = fetcher
                .get(iri, crate::fetcher::JSON_LD)
                .map_err(|message| LoadError {
                    iri: iri.to_string(),
                    message: format!("fetching it failed: {message}"),
                })?;
            let document: Value = serde_json::from_slice(&body).map_err(|e| LoadError {
                iri: iri.to_string(),
                message: format!("the fetched document is not JSON: {e}"),
            })?;
            if let Some(dir) = &self.cache_dir {
                write_cache(dir, iri, &body);
            }
            return Ok(Arc::new(document));
        }
        Err(LoadError {
            iri: iri.to_string(),
            message: "not bundled and not supplied, and loading from the network is off; supply the context \
                      as a file (edc: --context IRI=FILE; the library: DocumentLoader::with_file, or a directory \
                      with an index.json mapping IRIs to files), or allow the network (edc: --network)"
                .into(),
        })
    }
}

fn read_json(iri: &str, path: &Path) -> Result<Arc<Value>, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|e| LoadError {
        iri: iri.to_string(),
        message: format!("cannot read {}: {e}", path.display()),
    })?;
    serde_json::from_str(&text)
        .map(Arc::new)
        .map_err(|e| LoadError {
            iri: iri.to_string(),
            message: format!("{} is not JSON: {e}", path.display()),
        })
}

/// The user's cache folder for edc's `name`d documents: `$XDG_CACHE_HOME/edc/NAME`, else
/// `~/.cache/edc/NAME` (None without either variable).
pub fn user_cache_dir(name: &str) -> Option<PathBuf> {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map(|c| c.join("edc").join(name))
}

/// Writes a fetched document into the cache (best effort: a failure only costs a later fetch).
fn write_cache(dir: &Path, iri: &str, body: &[u8]) {
    if std::fs::create_dir_all(dir).is_err() {
        return;
    }
    let path = dir.join(cache_file_name(iri));
    let temporary = dir.join(format!(".{}.{}", cache_file_name(iri), std::process::id()));
    if std::fs::write(&temporary, body).is_ok() && std::fs::rename(&temporary, &path).is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
}

/// The file name a cache directory uses for `iri`: [`safe_file_stem`] of the IRI, plus
/// `.jsonld`.
pub fn cache_file_name(iri: &str) -> String {
    format!("{}.jsonld", safe_file_stem(iri))
}

/// `text` with every character outside `[A-Za-z0-9._-]` replaced by `_`: a name any file system
/// takes.
pub fn safe_file_stem(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '_'
            }
        })
        .collect()
}
