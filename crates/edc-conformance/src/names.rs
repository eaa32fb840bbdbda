//! The names a manifest uses: the checks, their outcomes, the verdicts, and the codes.

use edc_verifier::CheckName;

/// The check names a manifest uses, and `verdict`.
pub(crate) const CHECK_NAMES: [(&str, CheckName); 8] = [
    ("format", CheckName::Format),
    ("integrity", CheckName::Integrity),
    ("issuer", CheckName::Issuer),
    ("owner", CheckName::Owner),
    ("status", CheckName::Status),
    ("validity", CheckName::ValidityPeriod),
    ("accreditation", CheckName::Accreditation),
    ("micro-credential", CheckName::MicroCredential),
];

pub(crate) const OUTCOMES: [&str; 4] = ["ok", "failed", "skipped", "not applicable"];

pub(crate) const VERDICTS: [&str; 4] = [
    "verified",
    "partially verified",
    "could not check",
    "failed",
];

/// Checks one `expect` entry's names.
pub(crate) fn check_expectation(check: &str, outcome: &str) -> Result<(), String> {
    if check == "verdict" {
        return if VERDICTS.contains(&outcome) {
            Ok(())
        } else {
            Err(format!("verdict `{outcome}` is not one of {VERDICTS:?}"))
        };
    }
    if !CHECK_NAMES.iter().any(|(n, _)| *n == check) {
        let names: Vec<&str> = CHECK_NAMES.iter().map(|(n, _)| *n).collect();
        return Err(format!(
            "`{check}` is not a check; the checks are {names:?} and verdict"
        ));
    }
    if !OUTCOMES.contains(&outcome) {
        return Err(format!(
            "`{check} = \"{outcome}\"`: the outcomes are {OUTCOMES:?}"
        ));
    }
    Ok(())
}

/// Checks one `code` entry's names: a check, and a code the verifier has.
pub(crate) fn check_code(check: &str, code: &str) -> Result<(), String> {
    check_expectation(check, "ok")?;
    if edc_verifier::Code::from_name(code).is_none() {
        return Err(format!(
            "`{check} = \"{code}\"` is not a code of edc_verifier::Code (e.g. `issuer_trusted`, `seal_broken`, `revoked`)"
        ));
    }
    Ok(())
}

/// The manifest name of a check.
pub fn check_label(name: CheckName) -> &'static str {
    CHECK_NAMES
        .iter()
        .find(|(_, c)| *c == name)
        .map(|(n, _)| *n)
        .unwrap_or("?")
}
