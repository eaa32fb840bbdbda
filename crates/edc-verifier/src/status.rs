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

    fn find(&self, url: &str) -> Result<Value, String> {
        if let Some(list) = self.lists.get(url) {
            return Ok(list.clone());
        }
        let cached = self
            .cache_dir
            .as_ref()
            .map(|d| d.join(edc_context::cache_file_name(url)));
        if let Some(path) = cached.as_ref().filter(|p| p.is_file()) {
            let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
            return serde_json::from_slice(&bytes)
                .map_err(|e| format!("{} is not JSON: {e}", path.display()));
        }
        #[cfg(feature = "network")]
        if let Some(policy) = &self.network {
            let bytes = edc_context::get_accepting(
                url,
                "application/vc+ld+json, application/ld+json, application/json",
                policy,
            )?;
            let list: Value = serde_json::from_slice(&bytes)
                .map_err(|e| format!("the list at {url} is not JSON: {e}"))?;
            if let Some(path) = cached {
                // A cache that cannot be written only costs a later fetch.
                let _ = std::fs::create_dir_all(path.parent().unwrap_or(&path));
                let _ = std::fs::write(&path, &bytes);
            }
            return Ok(list);
        }
        Err(format!(
            "the status list {url} is not available offline (give it to the verifier, put it in the status cache directory, or allow the network)"
        ))
    }
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
    /// The status check for one credential.
    pub(crate) fn status(&self, credential: &Value, at: i64) -> Outcome {
        let Some(entries) = credential.get("credentialStatus") else {
            return Outcome::NotApplicable("the credential has no status entry".into());
        };
        let mut fine = Vec::new();
        let mut skipped = Vec::new();
        for entry in one_or_many(entries) {
            match self.status_entry(credential, entry, at) {
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

    fn status_entry(&self, credential: &Value, entry: &Value, at: i64) -> Outcome {
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
        let list = match self.status_lists.find(url) {
            Ok(list) => list,
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
