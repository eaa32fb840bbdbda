//! How edc reaches the network: every request of every crate (contexts, status lists, SHACL
//! profiles, DID documents, time-stamps, OCSP and CRLs) goes through one [`Fetcher`] the caller
//! gives — edc's [`HttpFetcher`](crate::HttpFetcher) under a
//! [`NetworkPolicy`](crate::NetworkPolicy), or the host's own (a WebAssembly host's `fetch`, a
//! server's client, a test's canned answers). Nothing is fetched without one.

use std::sync::Arc;

/// Why a fetch failed.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FetchErrorKind {
    /// The policy refused it (scheme, host, private address, redirect).
    Refused,
    /// The server could not be reached or the answer not read.
    Unreachable,
    /// The server answered with this HTTP status.
    Status(u16),
    /// The answer is larger than the policy allows.
    TooLarge,
}

/// A fetch that failed: its [`FetchErrorKind`] and a sentence naming the rule or the server's
/// answer.
pub type FetchError = edc_error::Error<FetchErrorKind>;

/// The media types a JSON-LD document is asked for.
pub const JSON_LD: &str = "application/ld+json, application/json;q=0.9";

/// Gets and posts documents for edc.
pub trait Fetcher: Send + Sync {
    /// The body at `url`, asking for the media types in `accept`.
    fn get(&self, url: &str, accept: &str) -> Result<Vec<u8>, FetchError>;

    /// The answer's body to `body` (of `content_type`) posted to `url` (e.g. an RFC 3161
    /// time-stamp query, an OCSP request).
    fn post(&self, url: &str, content_type: &str, body: &[u8]) -> Result<Vec<u8>, FetchError>;
}

/// A fetcher shared by the parts that fetch.
pub type SharedFetcher = Arc<dyn Fetcher>;

impl std::fmt::Debug for dyn Fetcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a fetcher")
    }
}

/// A fetcher that answers GET requests with `get` (the accepted media types are not passed on)
/// and refuses posts: for a host that only serves documents, and for tests.
pub fn get_only(
    get: impl Fn(&str) -> Result<Vec<u8>, FetchError> + Send + Sync + 'static,
) -> SharedFetcher {
    Arc::new(GetOnly(get))
}

struct GetOnly<F>(F);

impl<F: Fn(&str) -> Result<Vec<u8>, FetchError> + Send + Sync> Fetcher for GetOnly<F> {
    fn get(&self, url: &str, _accept: &str) -> Result<Vec<u8>, FetchError> {
        (self.0)(url)
    }

    fn post(&self, url: &str, _content_type: &str, _body: &[u8]) -> Result<Vec<u8>, FetchError> {
        Err(FetchError::new(
            FetchErrorKind::Refused,
            format!("{url}: this fetcher only gets documents"),
        ))
    }
}
