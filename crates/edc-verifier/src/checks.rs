//! Checks and the report.

/// The checks, in the order the viewer shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// How a check ended, with a sentence for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Checked and fine.
    Ok(String),
    /// Checked and not fine.
    Failed(String),
    /// Not checked (not applicable, or could not check): the reason.
    Skipped(String),
}

/// One check's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    /// Which check.
    pub name: CheckName,
    /// Its outcome.
    pub outcome: Outcome,
}

/// The overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// Every check OK (informational ones aside).
    Verified,
    /// Nothing failed, something was skipped.
    PartiallyVerified,
    /// Something failed.
    Failed,
}

/// The verification report.
#[derive(Debug, Clone)]
pub struct Report {
    /// The checks, in order.
    pub checks: Vec<Check>,
}

impl Report {
    /// The outcome of one check.
    pub fn get(&self, name: CheckName) -> Option<&Outcome> {
        self.checks
            .iter()
            .find(|c| c.name == name)
            .map(|c| &c.outcome)
    }

    /// The verdict: Failed if any check failed, Partially verified if any (non-informational)
    /// check was skipped, else Verified.
    pub fn verdict(&self) -> Verdict {
        let counted = self
            .checks
            .iter()
            .filter(|c| c.name != CheckName::MicroCredential);
        let mut verdict = Verdict::Verified;
        for c in counted {
            match c.outcome {
                Outcome::Failed(_) => return Verdict::Failed,
                Outcome::Skipped(_) => verdict = Verdict::PartiallyVerified,
                Outcome::Ok(_) => {}
            }
        }
        verdict
    }
}
