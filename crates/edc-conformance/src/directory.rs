//! A directory of the user's own, without a manifest: every credential through the verifier.

use crate::runner::{check_label, reported, CaseOutcome, CaseResult, Mismatch, SuiteResult};
use edc_verifier::Verifier;
use std::path::{Path, PathBuf};

/// Runs every credential file in `dir` (`.json`, `.jsonld`, `.jwt`) through the verifier
/// `verifier_for` makes (its policy decides), with no expectations: a case passes when the
/// verdict is verified or partially verified.
pub fn run_directory(dir: &Path, verifier_for: impl Fn() -> Verifier) -> SuiteResult {
    let mut suite = SuiteResult {
        suite: dir.display().to_string(),
        description: "every credential in a directory, no expectations".into(),
        skipped: None,
        cases: Vec::new(),
    };
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            suite.skipped = Some(format!("cannot list {}: {e}", dir.display()));
            return suite;
        }
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.is_file()
                && p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e, "json" | "jsonld" | "jwt"))
        })
        .collect();
    files.sort();
    let verifier = verifier_for();
    for file in files {
        let id = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let (outcome, checks, verdict) = match std::fs::read(&file) {
            Err(e) => (CaseOutcome::Error(e.to_string()), Vec::new(), None),
            Ok(bytes) => {
                let report = verifier.verify(&bytes);
                let verdict = report.verdict();
                let outcome = match verdict {
                    edc_verifier::Verdict::Verified | edc_verifier::Verdict::PartiallyVerified => {
                        CaseOutcome::Passed
                    }
                    _ => CaseOutcome::Failed(
                        report
                            .checks
                            .iter()
                            .filter(|c| {
                                matches!(
                                    c.outcome,
                                    edc_verifier::Outcome::Failed(_)
                                        | edc_verifier::Outcome::Skipped(_)
                                ) && (matches!(c.outcome, edc_verifier::Outcome::Failed(_))
                                    || report.policy.requires(c.name))
                            })
                            .map(|c| Mismatch {
                                check: check_label(c.name).into(),
                                expected: "ok".into(),
                                actual: c.outcome.label().into(),
                                reason: c.outcome.reason().into(),
                            })
                            .collect(),
                    ),
                };
                (
                    outcome,
                    reported(&report),
                    Some(verdict.label().to_string()),
                )
            }
        };
        suite.cases.push(CaseResult {
            id,
            source: String::new(),
            outcome,
            checks,
            verdict,
        });
    }
    suite
}
