//! One document being verified: the reading, the verifier, the validation time, and each
//! credential's seal or proof checks, which the integrity, issuer and status checks share.

use super::signatures::Secured;
use crate::outcome::{Code, Outcome};
use crate::reading::Reading;
pub(crate) use crate::report::Judged;
use crate::verifier::Verifier;
use edc_context::JsonView;

/// One document being verified: its reading, the verifier, the validation time, and each
/// credential's seal or proof checks (which the integrity, issuer and status checks share).
pub(crate) struct Verification<'a> {
    pub verifier: &'a Verifier,
    /// What this call expects of the presenter.
    pub expected: &'a crate::Expectations,
    pub reading: Reading,
    /// The validation time (seconds since 1970).
    pub at: i64,
    /// Each credential's integrity and issuer (one for a credential; one per presented
    /// credential for a presentation).
    pub secured: Vec<Secured>,
    /// The integrity of the token securing a presentation (VC-JOSE, VC-COSE, SD-JWT).
    pub token: Option<Outcome>,
}

impl<'a> Verification<'a> {
    /// Checks the seals and proofs of what was read.
    pub fn new(
        verifier: &'a Verifier,
        expected: &'a crate::Expectations,
        reading: Reading,
        at: i64,
    ) -> Verification<'a> {
        let json = reading.json.view();
        let token = match &reading.token {
            Some(t) if reading.presentation => Some(verifier.token_secured(t).integrity),
            _ => reading
                .jwt_presentation()
                .map(|_| verifier.secured(&reading.document, json, at).integrity),
        };
        let secured = if reading.presentation {
            reading
                .presented
                .iter()
                .map(|(document, json)| verifier.secured(document, JsonView::of(json), at))
                .collect()
        } else if let Some(t) = &reading.token {
            vec![verifier.token_secured(t)]
        } else {
            vec![verifier.secured(&reading.document, json, at)]
        };
        Verification {
            verifier,
            expected,
            reading,
            at,
            secured,
            token,
        }
    }

    /// The credential's or presentation's JSON-LD (top-level members as written).
    pub fn json(&self) -> JsonView<'_> {
        self.reading.json.view()
    }

    /// Each credential's outcome by `check`, as one (see [`combine`]).
    pub fn per_credential(&self, check: impl Fn(usize, JsonView) -> Outcome) -> Outcome {
        let outcomes: Vec<Outcome> = self
            .reading
            .credentials()
            .into_iter()
            .enumerate()
            .map(|(i, c)| check(i, c))
            .collect();
        combine(outcomes.iter())
    }
}

/// One outcome for several: the first failure, else the skips, else all OK; not applicable
/// when all are. The code is the first such outcome's.
pub(crate) fn combine<'o>(outcomes: impl Iterator<Item = &'o Outcome>) -> Outcome {
    let outcomes: Vec<&Outcome> = outcomes.collect();
    if outcomes.is_empty() {
        return Outcome::not_applicable(Code::NoCredential, "no credential is presented");
    }
    if outcomes.len() == 1 {
        return outcomes[0].clone();
    }
    if let Some(failed) = outcomes.iter().find(|o| matches!(o, Outcome::Failed(_))) {
        return (*failed).clone();
    }
    let numbered = |o: &Outcome| {
        outcomes
            .iter()
            .enumerate()
            .filter(|(_, x)| std::mem::discriminant(**x) == std::mem::discriminant(o))
            .map(|(i, x)| format!("credential {}: {}", i + 1, x.reason()))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if let Some(skipped) = outcomes.iter().find(|o| matches!(o, Outcome::Skipped(_))) {
        return Outcome::skipped(skipped.code(), numbered(skipped));
    }
    if let Some(ok) = outcomes.iter().find(|o| matches!(o, Outcome::Ok(_))) {
        return Outcome::ok(ok.code(), numbered(ok));
    }
    outcomes[0].clone()
}
