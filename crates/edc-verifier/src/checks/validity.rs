//! Validity period: `validFrom`/`validUntil` (or VCDM 1.1's `issuanceDate`/`expirationDate`)
//! at the validation time.

use super::verification::{Judged, Verification};
use crate::outcome::{Code, Outcome};
use edc_context::JsonView;
use edc_model::DateTime;

/// The validity period of every credential.
pub(super) fn check(v: &Verification) -> Judged {
    (v.per_credential(|_, c| validity(c, v.at)), Vec::new())
}

/// The first of `names` the credential has: its name and its instant.
fn date(
    credential: JsonView,
    names: &[&str],
) -> Option<(String, Result<i64, edc_model::ModelError>)> {
    names.iter().find_map(|n| {
        credential.get(n).and_then(JsonView::as_str).map(|t| {
            (
                (*n).to_string(),
                DateTime::parse(t).map(|d| d.unix_seconds()),
            )
        })
    })
}

fn validity(credential: JsonView, at: i64) -> Outcome {
    if let Some((name, from)) = date(credential, &["validFrom", "issuanceDate"]) {
        match from {
            Err(e) => {
                return Outcome::failed(
                    Code::InvalidDate,
                    format!("{name} is not a date-time: {e}"),
                )
            }
            Ok(t) if t > at => {
                return Outcome::failed(
                    Code::NotYetValid,
                    format!(
                        "not valid before {} ({name})",
                        DateTime::from_unix_seconds(t)
                    ),
                )
            }
            Ok(_) => {}
        }
    }
    if let Some((name, until)) = date(credential, &["validUntil", "expirationDate"]) {
        match until {
            Err(e) => {
                return Outcome::failed(
                    Code::InvalidDate,
                    format!("{name} is not a date-time: {e}"),
                )
            }
            Ok(t) if t < at => {
                return Outcome::failed(
                    Code::Expired,
                    format!("expired on {} ({name})", DateTime::from_unix_seconds(t)),
                )
            }
            Ok(_) => {}
        }
    }
    Outcome::ok(
        Code::Valid,
        format!("valid at {}", DateTime::from_unix_seconds(at)),
    )
}
