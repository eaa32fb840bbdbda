//! One call, one report: read once, run the checks' table, report.

use crate::checks::{Verification, TABLE};
use crate::outcome::{Code, Outcome};
use crate::reading::Unread;
use crate::report::{Check, CheckName, Report};
use crate::verifier::Verifier;
use crate::Expectations;

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

impl Verifier {
    /// Verifies a document (any envelope `edc-model` reads): reads it once, runs the checks
    /// table, reports.
    pub fn verify(&self, bytes: &[u8]) -> Report {
        self.verify_expecting(bytes, &self.expected)
    }

    /// [`Verifier::verify`] with this call's own [`Expectations`] (a challenge issued for this
    /// presentation, say) in place of the builder's.
    pub fn verify_expecting(&self, bytes: &[u8], expected: &Expectations) -> Report {
        let at = expected.at.or(self.at).unwrap_or_else(now);
        let reading = match self.reading(bytes) {
            Ok(reading) => reading,
            Err(unread) => return self.unread(*unread),
        };
        let verification = Verification::new(self, expected, reading, at);
        let checks = TABLE
            .iter()
            .map(|(name, check)| {
                let (outcome, findings) = check(&verification);
                Check {
                    name: *name,
                    outcome,
                    findings,
                }
            })
            .collect();
        Report {
            checks,
            policy: self.policy,
        }
    }

    /// The report of a document that was not read: the format check says why, the integrity
    /// check what could be judged of its envelope, the rest were not made.
    fn unread(&self, unread: Unread) -> Report {
        let integrity = self.unread_integrity(&unread);
        let checks = CheckName::ALL
            .into_iter()
            .map(|name| Check {
                name,
                outcome: match (name, &integrity) {
                    (CheckName::Format, _) => unread.format.clone(),
                    (CheckName::Integrity, Some(integrity)) => integrity.clone(),
                    _ => Outcome::skipped(Code::NotRead, unread.rest),
                },
                findings: Vec::new(),
            })
            .collect();
        Report {
            checks,
            policy: self.policy,
        }
    }
}
