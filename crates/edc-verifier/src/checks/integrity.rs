//! Integrity: every credential's seal or proofs verify, the token securing a presentation,
//! and a presentation's own proof (see [`super::signatures`] for how each is verified).

use super::verification::{combine, Judged, Verification};
use crate::outcome::{Code, Outcome};

/// The integrity check: every credential's seal or proofs, a presentation's token, and a
/// presentation's own proof.
pub(super) fn check(v: &Verification) -> Judged {
    let (json, presentation) = (v.json(), v.reading.presentation);
    let mut integrity = match &v.token {
        Some(Outcome::Failed(why)) => {
            Outcome::Failed(why.clone().prefixed("the presentation's token: "))
        }
        Some(Outcome::Skipped(why)) => {
            Outcome::Skipped(why.clone().prefixed("the presentation's token: "))
        }
        None if presentation && v.secured.is_empty() && json.get("proof").is_none() => {
            Outcome::failed(
                Code::Unsigned,
                "the presentation carries no credential and no proof",
            )
        }
        Some(token) if v.secured.is_empty() => token.clone(),
        _ => combine(v.secured.iter().map(|s| &s.integrity)),
    };
    if presentation && matches!(integrity, Outcome::Ok(_)) && json.get("proof").is_some() {
        if let Err(failure) = v
            .verifier
            .proof_signers(&json.cow(), "authentication", v.at)
        {
            if let Outcome::Failed(why) = failure.integrity {
                integrity = Outcome::Failed(why.prefixed("the presentation's proof: "));
            }
        }
    }
    (integrity, Vec::new())
}
