//! The report: the checks by name, the policy, the verdict.

use crate::outcome::{Code, Outcome};

/// The checks, in the order the viewer shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum CheckName {
    /// The document parses, keeps all its terms, and conforms to its SHACL profile.
    Format,
    /// Every proof or seal verifies.
    Integrity,
    /// Who signed, and whether they are trusted.
    Issuer,
    /// The holder's proof (presentations) or the expected subject.
    Owner,
    /// Revocation and suspension status.
    Status,
    /// validFrom/validUntil at the validation time.
    ValidityPeriod,
    /// The accreditation the evidence references.
    Accreditation,
    /// The micro-credential elements (informational).
    MicroCredential,
}

impl CheckName {
    /// Every check, in the report's order.
    pub const ALL: [CheckName; 8] = [
        CheckName::Format,
        CheckName::Integrity,
        CheckName::Issuer,
        CheckName::Owner,
        CheckName::Status,
        CheckName::ValidityPeriod,
        CheckName::Accreditation,
        CheckName::MicroCredential,
    ];

    /// A short name.
    pub fn label(self) -> &'static str {
        match self {
            CheckName::Format => "format",
            CheckName::Integrity => "integrity",
            CheckName::Issuer => "issuer",
            CheckName::Owner => "owner",
            CheckName::Status => "status",
            CheckName::ValidityPeriod => "validity period",
            CheckName::Accreditation => "accreditation",
            CheckName::MicroCredential => "micro-credential elements",
        }
    }
}

/// Which checks must succeed for a document to count as verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Policy {
    /// Every applicable check must be OK, including the issuer's trust, the status, the holder
    /// and accreditation, and a micro-credential must carry every mandatory element.
    Strict,
    /// The Europass viewer's reading (the default): format, integrity and validity period must
    /// be OK; an issuer, status, holder or accreditation that could not be checked leaves the
    /// document partially verified.
    #[default]
    Europass,
    /// Integrity only: the document is what its signer signed. Every other check is made and
    /// reported, and none counts toward the verdict (an expired, revoked, untrusted or
    /// profile-violating credential can be verified under it); SHACL profile violations do not
    /// fail the format check.
    Lenient,
}

impl Policy {
    /// Reads `strict`, `europass` or `lenient`.
    pub fn from_name(name: &str) -> Option<Policy> {
        match name {
            "strict" => Some(Policy::Strict),
            "europass" => Some(Policy::Europass),
            "lenient" => Some(Policy::Lenient),
            _ => None,
        }
    }

    /// True when a check that could not be done keeps the document from being verified.
    pub fn requires(self, check: CheckName) -> bool {
        use CheckName::*;
        match self {
            Policy::Strict => true,
            Policy::Europass => matches!(check, Format | Integrity | ValidityPeriod),
            Policy::Lenient => check == Integrity,
        }
    }
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Which check.
    pub name: CheckName,
    /// Its outcome.
    pub outcome: Outcome,
    /// What the check noticed without counting it against the document (e.g. members a
    /// sealed credential carries that the ELM model does not define), each with its place.
    pub findings: Vec<Finding>,
}

/// Something a check noticed, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The JSON pointer of the member or value, in the credential's JSON.
    pub pointer: String,
    /// What kind of finding, stable.
    pub code: Code,
    /// A sentence for people.
    pub message: String,
}

/// A check's outcome with its findings.
pub(crate) type Judged = (Outcome, Vec<Finding>);

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every check OK (informational ones aside).
    Verified,
    /// Nothing failed, something was skipped.
    PartiallyVerified,
    /// A check the policy requires could not be done (nothing failed).
    CouldNotCheck,
    /// Something failed.
    Failed,
}

impl Verdict {
    /// `verified`, `partially verified`, `could not check` or `failed`.
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Verified => "verified",
            Verdict::PartiallyVerified => "partially verified",
            Verdict::CouldNotCheck => "could not check",
            Verdict::Failed => "failed",
        }
    }
}

/// The verification report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The checks, in order.
    pub checks: Vec<Check>,
    /// The policy the verdict follows.
    pub policy: Policy,
}

impl Report {
    /// The outcome of one check.
    pub fn get(&self, name: CheckName) -> Option<&Outcome> {
        self.checks
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.outcome)
    }

    /// The verdict under the report's policy: Failed if any counted check failed; Could not
    /// check if a check the policy requires was skipped; Partially verified if another check
    /// was skipped; else Verified. Not-applicable checks count as fine; the micro-credential
    /// elements count only under the strict policy.
    pub fn verdict(&self) -> Verdict {
        let counted = self.checks.iter().filter(|c| match self.policy {
            Policy::Strict => true,
            Policy::Europass => c.name != CheckName::MicroCredential,
            Policy::Lenient => c.name == CheckName::Integrity,
        });
        let mut verdict = Verdict::Verified;
        for c in counted {
            match c.outcome {
                Outcome::Failed(_) => return Verdict::Failed,
                Outcome::Skipped(_) if self.policy.requires(c.name) => {
                    verdict = Verdict::CouldNotCheck
                }
                Outcome::Skipped(_) if verdict == Verdict::Verified => {
                    verdict = Verdict::PartiallyVerified
                }
                _ => {}
            }
        }
        verdict
    }

    /// The report as JSON, the form `edc verify --json` prints and an embedding host can pass
    /// on: `{"verdict", "policy", "checks": [{"check", "status", "code", "reason",
    /// "findings"?}]}`, checks in order, with the labels of [`Verdict::label`],
    /// [`CheckName::label`] and [`Outcome::label`], the stable [`Code`] of each outcome, and
    /// each finding as `{"pointer", "code", "message"}`.
    pub fn to_json(&self) -> serde_json::Value {
        let checks: Vec<serde_json::Value> = self
            .checks
            .iter()
            .map(|c| {
                let mut check = serde_json::json!({
                    "check": c.name.label(),
                    "status": c.outcome.label(),
                    "code": c.outcome.code().as_str(),
                    "reason": c.outcome.reason(),
                });
                if !c.findings.is_empty() {
                    check["findings"] = c
                        .findings
                        .iter()
                        .map(|f| serde_json::json!({"pointer": f.pointer, "code": f.code.as_str(), "message": f.message}))
                        .collect();
                }
                check
            })
            .collect();
        serde_json::json!({
            "verdict": self.verdict().label(),
            "policy": format!("{:?}", self.policy).to_lowercase(),
            "checks": checks,
        })
    }
}
