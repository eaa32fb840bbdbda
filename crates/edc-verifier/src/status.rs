//! Revocation and suspension: `BitstringStatusListEntry` and `StatusList2021Entry`.
//!
//! The list credential is taken from the lists given to the verifier, then from a cache
//! directory, then (only when the caller allows the network) fetched; its own proof must verify
//! and its issuer must be the credential's issuer. Its `encodedList` is multibase base64url (or
//! plain base64url for StatusList2021) of a GZIP-compressed bitstring whose left-most bit is
//! index 0.

use crate::checks::Outcome;
use crate::integrity::{issuer_id, Secured};
use crate::verifier::Verifier;
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
    #[cfg(feature = "network")]
    network: Option<edc_context::NetworkPolicy>,
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
    pub fn allow_network(mut self, policy: edc_context::NetworkPolicy) -> Self {
        self.network = Some(policy);
        self
    }

    /// The list credential for `url`: given, then cached (unless stale: past its
    /// `validUntil`/`expirationDate`, or older than its `ttl` (milliseconds) or a day), then
    /// fetched when the network is allowed and `may_fetch` (the credential asking is intact: an
    /// unsigned document never makes the verifier reach out).
    fn find(&self, url: &str, may_fetch: bool, at: i64) -> Result<Found, String> {
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
        #[cfg(feature = "network")]
        if let (Some(policy), true) = (&self.network, may_fetch) {
            let bytes = edc_context::get_accepting(
                url,
                "application/vc+ld+json, application/ld+json, application/json",
                policy,
            )?;
            let list: Value = serde_json::from_slice(&bytes)
                .map_err(|e| format!("the list at {url} is not JSON: {e}"))?;
            return Ok(Found {
                list,
                fetched: cached.map(|path| (path, bytes)),
            });
        }
        let _ = may_fetch;
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
struct Found {
    list: Value,
    fetched: Option<(PathBuf, Vec<u8>)>,
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
pub fn decode_status_list(encoded: &str) -> Result<Vec<u8>, String> {
    let text = encoded.strip_prefix('u').unwrap_or(encoded);
    let text = text.trim_end_matches('=');
    let compressed = URL_SAFE_NO_PAD
        .decode(text)
        .map_err(|e| format!("encodedList is not base64url: {e}"))?;
    let mut bits = Vec::new();
    flate2::read::GzDecoder::new(compressed.as_slice())
        .take(64 << 20)
        .read_to_end(&mut bits)
        .map_err(|e| format!("encodedList is not GZIP data: {e}"))?;
    Ok(bits)
}

/// The bit at `index` (index 0 is the left-most bit of the first byte).
pub fn status_bit(bits: &[u8], index: u64) -> Option<bool> {
    let byte = bits.get(usize::try_from(index / 8).ok()?)?;
    Some(byte & (0x80 >> (index % 8)) != 0)
}

fn one_or_many(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(items) => items.iter().collect(),
        one => vec![one],
    }
}

impl Verifier {
    /// The status check for one credential; `intact`: its seal or proof verified (only then
    /// may a list be fetched).
    pub(crate) fn status(&self, credential: &Value, at: i64, intact: bool) -> Outcome {
        let Some(entries) = credential.get("credentialStatus") else {
            return Outcome::NotApplicable("the credential has no status entry".into());
        };
        let mut fine = Vec::new();
        let mut skipped = Vec::new();
        for entry in one_or_many(entries) {
            match self.status_entry(credential, entry, at, intact) {
                Outcome::Failed(why) => return Outcome::Failed(why),
                Outcome::Skipped(why) => skipped.push(why),
                Outcome::Ok(what) | Outcome::NotApplicable(what) => fine.push(what),
            }
        }
        if !skipped.is_empty() {
            Outcome::Skipped(format!("could not check: {}", skipped.join("; ")))
        } else {
            Outcome::Ok(fine.join("; "))
        }
    }

    fn status_entry(&self, credential: &Value, entry: &Value, at: i64, intact: bool) -> Outcome {
        let text = |name: &str| entry.get(name).and_then(Value::as_str);
        let kind = text("type").unwrap_or("");
        if !matches!(kind, "BitstringStatusListEntry" | "StatusList2021Entry") {
            return Outcome::Skipped(format!("status type `{kind}` is not read by edc"));
        }
        let (Some(url), Some(index), Some(purpose)) = (
            text("statusListCredential"),
            text("statusListIndex"),
            text("statusPurpose"),
        ) else {
            return Outcome::Failed(format!(
                "a {kind} needs statusListCredential, statusListIndex and statusPurpose"
            ));
        };
        let Ok(index) = index.parse::<u64>() else {
            return Outcome::Failed(format!(
                "statusListIndex `{index}` is not a non-negative integer"
            ));
        };
        let Found { list, fetched } = match self.status_lists.find(url, intact, at) {
            Ok(found) => found,
            Err(why) => return Outcome::Skipped(why),
        };
        // The list is a credential of its issuer: its proof must hold.
        let Secured { integrity, .. } = self.data_integrity(&list, "assertionMethod", at);
        match integrity {
            Outcome::Ok(_) => {}
            Outcome::Failed(why) => {
                return Outcome::Failed(format!("the status list {url} is not intact: {why}"))
            }
            other => {
                return Outcome::Skipped(format!("the status list's proof: {}", other.reason()))
            }
        }
        if issuer_id(&list) != issuer_id(credential) {
            return Outcome::Failed(format!(
                "the status list {url} is issued by {}, not by the credential's issuer",
                issuer_id(&list).unwrap_or("nobody")
            ));
        }
        // Only a list whose proof and issuer hold is cached (a cache that cannot be written
        // only costs a later fetch).
        if let Some((path, bytes)) = fetched {
            let _ = std::fs::create_dir_all(path.parent().unwrap_or(&path));
            let _ = std::fs::write(&path, &bytes);
        }
        if let Some(until) = ["validUntil", "expirationDate"]
            .iter()
            .find_map(|m| list.get(*m).and_then(Value::as_str))
        {
            if edc_model::DateTime::parse(until).is_ok_and(|t| t.unix_seconds() < at) {
                return Outcome::Skipped(format!(
                    "the status list {url} expired on {until}; a fresh one is needed"
                ));
            }
        }
        let subject = &list["credentialSubject"];
        let list_purpose = subject.get("statusPurpose").and_then(Value::as_str);
        if list_purpose.is_some_and(|p| p != purpose) {
            return Outcome::Failed(format!(
                "the entry's purpose is {purpose} but the list {url} is for {}",
                list_purpose.unwrap_or("")
            ));
        }
        let Some(encoded) = subject.get("encodedList").and_then(Value::as_str) else {
            return Outcome::Failed(format!("the status list {url} has no encodedList"));
        };
        let bits = match decode_status_list(encoded) {
            Ok(bits) => bits,
            Err(why) => return Outcome::Failed(format!("the status list {url}: {why}")),
        };
        match (status_bit(&bits, index), purpose) {
            (None, _) => Outcome::Failed(format!(
                "index {index} is beyond the status list {url} ({} entries)",
                bits.len() * 8
            )),
            (Some(true), "revocation") => {
                Outcome::Failed(format!("revoked (list {url}, index {index})"))
            }
            (Some(true), "suspension") => {
                Outcome::Failed(format!("suspended (list {url}, index {index})"))
            }
            (Some(false), "revocation") => {
                Outcome::Ok(format!("not revoked (list {url}, index {index})"))
            }
            (Some(false), "suspension") => {
                Outcome::Ok(format!("not suspended (list {url}, index {index})"))
            }
            (Some(set), other) => Outcome::Ok(format!(
                "{other} status {} (list {url}, index {index})",
                u8::from(set)
            )),
        }
    }
}
