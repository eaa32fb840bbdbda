//! The micro-credential elements of the EU's 2022 Recommendation, read from the typed model:
//! informational, except under the strict policy, where a missing mandatory element fails.

use super::verification::{Judged, Verification};
use crate::outcome::{Code, Outcome};
use crate::report::Policy;
use edc_model::{MicroCredentialReport, Obligation};

/// The micro-credential elements of a Europass credential.
pub(super) fn check(v: &Verification) -> Judged {
    let credential = match v.reading.document.credential() {
        Some(c) if super::format::is_europass(v.json()) => c,
        _ => {
            let outcome = Outcome::not_applicable(Code::NotEuropass, "not a Europass credential");
            return (outcome, Vec::new());
        }
    };
    let report = MicroCredentialReport::for_credential(credential);
    let present = report.elements.iter().filter(|e| e.is_present()).count();
    let missing: Vec<&str> = report
        .elements
        .iter()
        .filter(|e| e.element.obligation() == Obligation::Mandatory && !e.is_present())
        .map(|e| e.element.name())
        .collect();
    let summary = format!(
        "{present} of {} micro-credential elements present",
        report.elements.len()
    );
    let outcome = if missing.is_empty() {
        Outcome::ok(Code::MicroCredentialComplete, summary)
    } else if v.verifier.policy == Policy::Strict {
        Outcome::failed(
            Code::MicroCredentialIncomplete,
            format!("{summary}; mandatory ones missing: {}", missing.join(", ")),
        )
    } else {
        Outcome::ok(
            Code::MicroCredentialIncomplete,
            format!("{summary}; missing mandatory: {}", missing.join(", ")),
        )
    };
    (outcome, Vec::new())
}
