//! Revocation and suspension: `BitstringStatusListEntry` and `StatusList2021Entry`.
//!
//! The list credential is taken from the lists given to the verifier, then from a cache
//! directory, then (only when the caller allows the network) fetched; its own proof must verify
//! and its issuer must be the credential's issuer. Its `encodedList` is multibase base64url (or
//! plain base64url for StatusList2021) of a GZIP-compressed bitstring whose left-most bit is
//! index 0.

use super::signatures::{issuer_id, issuer_of, Secured};
use super::verification::{Judged, Verification};
use crate::outcome::{Code, Outcome};
use crate::status_lists::{decode_status_list, status_bit, Found};
use crate::verifier::Verifier;
use edc_context::JsonView;
use serde_json::Value;

/// The status check of every credential; a list is fetched only for a credential whose seal
/// or proof verified.
pub(super) fn check(v: &Verification) -> Judged {
    let outcome = v.per_credential(|i, credential| {
        let intact = v
            .secured
            .get(i)
            .is_some_and(|s| matches!(s.integrity, Outcome::Ok(_)));
        v.verifier.status(credential, v.at, intact)
    });
    (outcome, Vec::new())
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
    pub(crate) fn status(&self, credential: JsonView, at: i64, intact: bool) -> Outcome {
        let Some(entries) = credential.get("credentialStatus") else {
            return Outcome::not_applicable(Code::NoStatus, "the credential has no status entry");
        };
        let entries = entries.cow();
        let mut fine: Vec<crate::outcome::Reason> = Vec::new();
        let mut skipped: Vec<crate::outcome::Reason> = Vec::new();
        for entry in one_or_many(&entries) {
            match self.status_entry(credential, entry, at, intact) {
                Outcome::Failed(why) => return Outcome::Failed(why),
                Outcome::Skipped(why) => skipped.push(why),
                Outcome::Ok(what) | Outcome::NotApplicable(what) => fine.push(what),
            }
        }
        let joined = |reasons: &[crate::outcome::Reason]| {
            reasons
                .iter()
                .map(|r| r.text.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        match (skipped.first(), fine.first()) {
            (Some(first), _) => {
                Outcome::skipped(first.code, format!("could not check: {}", joined(&skipped)))
            }
            (None, Some(first)) => Outcome::ok(first.code, joined(&fine)),
            (None, None) => {
                Outcome::not_applicable(Code::NoStatus, "the credential's status entry is empty")
            }
        }
    }

    fn status_entry(&self, credential: JsonView, entry: &Value, at: i64, intact: bool) -> Outcome {
        let text = |name: &str| entry.get(name).and_then(Value::as_str);
        let kind = text("type").unwrap_or("");
        if !matches!(kind, "BitstringStatusListEntry" | "StatusList2021Entry") {
            return Outcome::skipped(
                Code::StatusTypeUnknown,
                format!("status type `{kind}` is not read by edc"),
            );
        }
        let (Some(url), Some(index), Some(purpose)) = (
            text("statusListCredential"),
            text("statusListIndex"),
            text("statusPurpose"),
        ) else {
            return Outcome::failed(
                Code::StatusEntryInvalid,
                format!("a {kind} needs statusListCredential, statusListIndex and statusPurpose"),
            );
        };
        let Ok(index) = index.parse::<u64>() else {
            return Outcome::failed(
                Code::StatusEntryInvalid,
                format!("statusListIndex `{index}` is not a non-negative integer"),
            );
        };
        let Found { list, fetched } = match self.status_lists.find(url, intact, at) {
            Ok(found) => found,
            Err(why) => return Outcome::skipped(Code::StatusListUnavailable, why),
        };
        // The list is a credential of its issuer: its proof must hold.
        let Secured { integrity, .. } = self.data_integrity(&list, "assertionMethod", at);
        match integrity {
            Outcome::Ok(_) => {}
            Outcome::Failed(why) => {
                return Outcome::failed(
                    Code::StatusListInvalid,
                    format!("the status list {url} is not intact: {why}"),
                )
            }
            other => {
                return Outcome::skipped(
                    Code::StatusListUnverifiable,
                    format!("the status list's proof: {}", other.reason()),
                )
            }
        }
        if issuer_id(&list) != issuer_of(credential) {
            return Outcome::failed(
                Code::StatusListInvalid,
                format!(
                    "the status list {url} is issued by {}, not by the credential's issuer",
                    issuer_id(&list).unwrap_or("nobody")
                ),
            );
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
                return Outcome::skipped(
                    Code::StatusListExpired,
                    format!("the status list {url} expired on {until}; a fresh one is needed"),
                );
            }
        }
        let subject = &list["credentialSubject"];
        let list_purpose = subject.get("statusPurpose").and_then(Value::as_str);
        if list_purpose.is_some_and(|p| p != purpose) {
            return Outcome::failed(
                Code::StatusListInvalid,
                format!(
                    "the entry's purpose is {purpose} but the list {url} is for {}",
                    list_purpose.unwrap_or("")
                ),
            );
        }
        let Some(encoded) = subject.get("encodedList").and_then(Value::as_str) else {
            return Outcome::failed(
                Code::StatusListInvalid,
                format!("the status list {url} has no encodedList"),
            );
        };
        let bits = match decode_status_list(encoded) {
            Ok(bits) => bits,
            Err(why) => {
                return Outcome::failed(
                    Code::StatusListInvalid,
                    format!("the status list {url}: {why}"),
                )
            }
        };
        match (status_bit(&bits, index), purpose) {
            (None, _) => Outcome::failed(
                Code::StatusListInvalid,
                format!(
                    "index {index} is beyond the status list {url} ({} entries)",
                    bits.len() * 8
                ),
            ),
            (Some(true), "revocation") => Outcome::failed(
                Code::Revoked,
                format!("revoked (list {url}, index {index})"),
            ),
            (Some(true), "suspension") => Outcome::failed(
                Code::Suspended,
                format!("suspended (list {url}, index {index})"),
            ),
            (Some(false), "revocation") => Outcome::ok(
                Code::StatusClear,
                format!("not revoked (list {url}, index {index})"),
            ),
            (Some(false), "suspension") => Outcome::ok(
                Code::StatusClear,
                format!("not suspended (list {url}, index {index})"),
            ),
            (Some(set), other) => Outcome::ok(
                Code::StatusClear,
                format!(
                    "{other} status {} (list {url}, index {index})",
                    u8::from(set)
                ),
            ),
        }
    }
}
