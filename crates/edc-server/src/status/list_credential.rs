//! The list credentials a server publishes: per list, a `BitstringStatusListCredential` for
//! each purpose and an IETF Token Status List (`statuslist+jwt`), signed by the list's issuer,
//! signed again when an entry changes or the copy is older than its `ttl`.

use super::bits::{encode_bitstring, encode_token_list, Purpose};
use super::store::{Allocation, ListState, StatusStore, StoreError, MIN_BITSTRING_ENTRIES};
use crate::clock::{now_seconds, text_of};
use crate::issuers::Issuers;
use edc_signer::DataIntegrity;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Mutex;

/// How long (seconds) a verifier may use a list before asking again, unless configured.
pub const DEFAULT_TTL_SECONDS: u64 = 300;

/// How long (seconds) a signed list is valid (`validUntil`), unless configured: a day.
pub const DEFAULT_VALID_FOR_SECONDS: u64 = 86_400;

/// The published forms of a list.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ListForm {
    /// A Bitstring Status List credential for one purpose.
    Bitstring(Purpose),
    /// An IETF Token Status List JWT (two bits: valid, invalid, suspended).
    Token,
}

impl ListForm {
    fn suffix(self) -> &'static str {
        match self {
            ListForm::Bitstring(p) => p.name(),
            ListForm::Token => "token",
        }
    }
}

/// A published list: its body and media type.
#[derive(Debug, Clone)]
pub struct Published {
    /// The body.
    pub body: String,
    /// Its media type.
    pub media_type: &'static str,
}

/// Why a list could not be published.
#[derive(Debug)]
pub enum PublishError {
    /// The store failed or has no such list.
    Store(StoreError),
    /// No configured key is the list's issuer (its key was removed from the configuration).
    NoKey(String),
    /// Signing failed.
    Sign(String),
}

impl std::fmt::Display for PublishError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublishError::Store(e) => write!(f, "{e}"),
            PublishError::NoKey(did) => write!(
                f,
                "the list's issuer {did} is not among the configured keys: it cannot be signed"
            ),
            PublishError::Sign(e) => write!(f, "cannot sign the list: {e}"),
        }
    }
}

struct Cached {
    version: i64,
    signed_at: i64,
    published: Published,
}

/// Publishes lists under `{base}/status-lists/{list}-{revocation|suspension|token}`.
pub struct ListCredentials {
    base: String,
    ttl_seconds: u64,
    valid_for_seconds: u64,
    cache: Mutex<HashMap<(String, ListForm), Cached>>,
}

impl ListCredentials {
    /// Lists published under `base` (the server's public URL), with `ttl_seconds` and valid for
    /// `valid_for_seconds`.
    pub fn new(base: &str, ttl_seconds: u64, valid_for_seconds: u64) -> ListCredentials {
        ListCredentials {
            base: base.trim_end_matches('/').to_string(),
            ttl_seconds,
            valid_for_seconds,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// The URL of a list's published form.
    pub fn url(&self, list: &str, form: ListForm) -> String {
        format!("{}/status-lists/{list}-{}", self.base, form.suffix())
    }

    /// The list and form a `/status-lists/{id}` id names.
    pub fn parse_id(id: &str) -> Option<(&str, ListForm)> {
        let (list, suffix) = id.rsplit_once('-')?;
        let form = match suffix {
            "token" => ListForm::Token,
            other => ListForm::Bitstring(Purpose::from_name(other)?),
        };
        (!list.is_empty() && list.bytes().all(|b| b.is_ascii_hexdigit())).then_some((list, form))
    }

    /// The list, form and index a status entry's `statusListCredential` and `statusListIndex`
    /// (or `id`, `…#index`) name, when the list is one of this server's.
    pub fn parse_entry_url<'u>(&self, url: &'u str) -> Option<(&'u str, ListForm)> {
        let rest = url
            .strip_prefix(&self.base)?
            .strip_prefix("/status-lists/")?;
        Self::parse_id(rest)
    }

    /// The status entries of an allocation: revocation and suspension on the same index.
    pub fn entries(&self, allocation: &Allocation) -> Value {
        let entry = |purpose: Purpose| {
            let url = self.url(&allocation.list, ListForm::Bitstring(purpose));
            json!({
                "id": format!("{url}#{}", allocation.index),
                "type": "BitstringStatusListEntry",
                "statusPurpose": purpose.name(),
                "statusListIndex": allocation.index.to_string(),
                "statusListCredential": url,
            })
        };
        json!([entry(Purpose::Revocation), entry(Purpose::Suspension)])
    }

    /// Drops the signed copies of `list`: the next fetch signs it again.
    pub fn forget(&self, list: &str) {
        self.cache
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|(id, _), _| id != list);
    }

    /// A list's published form: the cached copy while no entry changed and it is younger than
    /// the `ttl`, else signed again.
    pub fn publish(
        &self,
        store: &dyn StatusStore,
        issuers: &Issuers,
        integrity: &DataIntegrity,
        list: &str,
        form: ListForm,
    ) -> Result<Published, PublishError> {
        let state = store.list(list).map_err(PublishError::Store)?;
        let now = now_seconds();
        let key = (list.to_string(), form);
        {
            let cache = self.cache.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(c) = cache.get(&key) {
                if c.version == state.version && now - c.signed_at < self.ttl_seconds as i64 {
                    return Ok(c.published.clone());
                }
            }
        }
        let published = self.sign(issuers, integrity, &state, form, now)?;
        self.cache.lock().unwrap_or_else(|p| p.into_inner()).insert(
            key,
            Cached {
                version: state.version,
                signed_at: now,
                published: published.clone(),
            },
        );
        Ok(published)
    }

    fn sign(
        &self,
        issuers: &Issuers,
        integrity: &DataIntegrity,
        state: &ListState,
        form: ListForm,
        now: i64,
    ) -> Result<Published, PublishError> {
        let issuer = issuers
            .find(&state.issuer)
            .ok_or_else(|| PublishError::NoKey(state.issuer.clone()))?;
        let entries = state.size.max(MIN_BITSTRING_ENTRIES);
        let url = self.url(&state.id, form);
        let until = now + self.valid_for_seconds as i64;
        match form {
            ListForm::Bitstring(purpose) => {
                let set = match purpose {
                    Purpose::Revocation => &state.revoked,
                    Purpose::Suspension => &state.suspended,
                };
                let credential = json!({
                    "@context": ["https://www.w3.org/ns/credentials/v2"],
                    "id": url,
                    "type": ["VerifiableCredential", "BitstringStatusListCredential"],
                    "issuer": issuer.did,
                    "validFrom": text_of(now),
                    "validUntil": text_of(until),
                    "credentialSubject": {
                        "id": format!("{url}#list"),
                        "type": "BitstringStatusList",
                        "statusPurpose": purpose.name(),
                        "encodedList": encode_bitstring(entries, set),
                        "ttl": self.ttl_seconds * 1000,
                    },
                });
                let suite = issuer.suites()[0];
                let signed = issuer
                    .prove(integrity, &credential, suite, "assertionMethod")
                    .map_err(|e| PublishError::Sign(e.to_string()))?;
                Ok(Published {
                    body: serde_json::to_string_pretty(&signed).unwrap_or_default(),
                    media_type: "application/vc+ld+json",
                })
            }
            ListForm::Token => {
                let claims = json!({
                    "sub": url,
                    "iss": issuer.did,
                    "iat": now,
                    "exp": until,
                    "ttl": self.ttl_seconds,
                    "status_list": {
                        "bits": 2,
                        "lst": encode_token_list(entries, &state.revoked, &state.suspended),
                    },
                });
                Ok(Published {
                    body: issuer.jws("statuslist+jwt", &claims),
                    media_type: "application/statuslist+jwt",
                })
            }
        }
    }
}
