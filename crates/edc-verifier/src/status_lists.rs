//! Where status list credentials come from: given values, a cache directory, and the network
//! when allowed; and how an `encodedList` reads.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde_json::Value;
use std::collections::HashMap;
use std::io::Read;
use std::path::PathBuf;

/// Where status list credentials come from: given values, a cache directory, and the network
/// when allowed.
#[derive(Debug, Clone, Default)]
pub struct StatusLists {
    lists: HashMap<String, Value>,
    cache_dir: Option<PathBuf>,
    fetcher: Option<edc_context::SharedFetcher>,
}

impl StatusLists {
    /// No lists, no cache, no network: status entries are "could not check".
    pub fn new() -> Self {
        Self::default()
    }

    /// A status list credential for the URL credentials name in `statusListCredential`.
    pub fn with_list(mut self, url: impl Into<String>, credential: Value) -> Self {
        self.lists.insert(url.into(), credential);
        self
    }

    /// A directory of cached list credentials, named by `edc_context::cache_file_name(url)`;
    /// lists fetched from the network are written there.
    pub fn with_cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    /// Allows fetching lists over the network under `policy` (https only, size and time
    /// limits, no private addresses unless the policy says so).
    #[cfg(feature = "network")]
    pub fn allow_network(self, policy: edc_context::NetworkPolicy) -> Self {
        self.with_fetcher(edc_context::HttpFetcher::shared(policy))
    }

    /// Fetches lists through `fetcher` (the same rules: only for an intact credential, the
    /// list's proof and issuer checked before it is cached).
    pub fn with_fetcher(mut self, fetcher: edc_context::SharedFetcher) -> Self {
        self.fetcher = Some(fetcher);
        self
    }

    /// The list credential for `url`: given, then cached (unless stale: past its
    /// `validUntil`/`expirationDate`, or older than its `ttl` (milliseconds) or a day), then
    /// fetched when the network is allowed and `may_fetch` (the credential asking is intact: an
    /// unsigned document never makes the verifier reach out).
    pub(crate) fn find(&self, url: &str, may_fetch: bool, at: i64) -> Result<Found, String> {
        if let Some(list) = self.lists.get(url) {
            return Ok(Found {
                list: list.clone(),
                fetched: None,
            });
        }
        let cached = self
            .cache_dir
            .as_ref()
            .map(|d| d.join(edc_context::cache_file_name(url)));
        let mut stale = None;
        if let Some(path) = cached.as_ref().filter(|p| p.is_file()) {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let list: Value = serde_json::from_slice(&bytes)
                .map_err(|e| format!("{} is not JSON: {e}", path.display()))?;
            if !is_stale(&list, path, at) {
                return Ok(Found {
                    list,
                    fetched: None,
                });
            }
            stale = Some(list);
        }
        if let (Some(fetcher), true) = (&self.fetcher, may_fetch) {
            let bytes = fetcher.get(
                url,
                "application/vc+ld+json, application/ld+json, application/json",
            )?;
            let list: Value = serde_json::from_slice(&bytes)
                .map_err(|e| format!("the list at {url} is not JSON: {e}"))?;
            return Ok(Found {
                list,
                fetched: cached.map(|path| (path, bytes)),
            });
        }
        if let Some(list) = stale {
            // Offline, a stale copy is what there is; its validity period is still checked.
            return Ok(Found {
                list,
                fetched: None,
            });
        }
        Err(format!(
            "the status list {url} is not available offline (give it to the verifier, put it in the status cache directory, or allow the network)"
        ))
    }
}

/// A status list credential found, and, when it was fetched, where to cache it and its bytes
/// (written only once its proof and issuer are checked).
pub(crate) struct Found {
    pub list: Value,
    pub fetched: Option<(PathBuf, Vec<u8>)>,
}

/// The longest a cached list is used without asking again, when it names no `ttl`.
const DEFAULT_TTL_SECONDS: i64 = 24 * 3600;

/// True when a cached list should be fetched again: its validity has ended at `at` (the
/// validation time), or the file is older than the list's `ttl` (Bitstring Status List:
/// milliseconds) or a day.
fn is_stale(list: &Value, path: &std::path::Path, at: i64) -> bool {
    let ended = ["validUntil", "expirationDate"]
        .iter()
        .filter_map(|m| list.get(*m).and_then(Value::as_str))
        .any(|t| edc_model::DateTime::parse(t).is_ok_and(|t| t.unix_seconds() < at));
    let ttl = list["credentialSubject"]["ttl"]
        .as_i64()
        .map(|ms| ms / 1000)
        .unwrap_or(DEFAULT_TTL_SECONDS);
    let age = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| std::time::SystemTime::now().duration_since(t).ok())
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX));
    ended || age.is_none_or(|age| age > ttl)
}

/// Decodes an `encodedList`: optional multibase `u` prefix, base64url, GZIP.
pub fn decode_status_list(encoded: &str) -> Result<Vec<u8>, StatusListError> {
    let text = encoded.strip_prefix('u').unwrap_or(encoded);
    let text = text.trim_end_matches('=');
    let compressed = URL_SAFE_NO_PAD.decode(text).map_err(|e| {
        StatusListError::new(
            StatusListErrorKind::NotBase64,
            format!("encodedList is not base64url: {e}"),
        )
    })?;
    let mut bits = Vec::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .take(64 << 20)
        .read_to_end(&mut bits)
        .map_err(|e| {
            StatusListError::new(
                StatusListErrorKind::NotGzip,
                format!("encodedList is not GZIP data: {e}"),
            )
        })?;
    Ok(bits)
}

/// Why an `encodedList` cannot be read.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StatusListErrorKind {
    /// Not (multibase) base64url.
    NotBase64,
    /// Not GZIP data.
    NotGzip,
}

/// An `encodedList` that cannot be read: its [`StatusListErrorKind`] and a sentence.
pub type StatusListError = edc_error::Error<StatusListErrorKind>;

/// The bit at `index` (index 0 is the left-most bit of the first byte).
pub fn status_bit(bits: &[u8], index: u64) -> Option<bool> {
    let byte = bits.get(usize::try_from(index / 8).ok()?)?;
    Some(byte & (0x80 >> (index % 8)) != 0)
}
