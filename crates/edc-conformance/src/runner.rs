//! Runs cases through the verifier and compares each check with its expectation.

use crate::manifest::{expand, Case, Manifest};
pub use crate::names::check_label;
use crate::names::CHECK_NAMES;
use edc_context::DocumentLoader;
use edc_did::PublicKey;
use edc_model::{DateTime, Document};
use edc_seal::{seal_certificates_der, verify_seal, TrustStore};
use edc_signer::KeyRegistry;
use edc_verifier::{Policy, Report, Verifier};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// The check (or `verdict`).
    pub check: String,
    /// What the manifest expected.
    pub expected: String,
    /// What the verifier reported.
    pub actual: String,
    /// The verifier's reason.
    pub reason: String,
}

/// How a case ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CaseOutcome {
    /// Every expectation held.
    Passed,
    /// Some expectations did not hold.
    Failed(Vec<Mismatch>),
    /// The case could not run (missing input, bad option).
    Error(String),
}

/// One check as reported, for the reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReportedCheck {
    /// The check's manifest name.
    pub check: String,
    /// `ok`, `failed`, `skipped` or `not applicable`.
    pub outcome: String,
    /// The outcome's stable code ([`edc_verifier::Code`]).
    pub code: String,
    /// The verifier's reason.
    pub reason: String,
}

/// A case's result.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The case id.
    pub id: String,
    /// Where its expectations come from.
    pub source: String,
    /// How it ended.
    pub outcome: CaseOutcome,
    /// The verifier's checks and verdict, when it ran.
    pub checks: Vec<ReportedCheck>,
    /// The verdict, when it ran.
    pub verdict: Option<String>,
}

/// A suite's results.
#[derive(Debug, Clone)]
pub struct SuiteResult {
    /// The suite's name.
    pub suite: String,
    /// What it covers.
    pub description: String,
    /// Set when the whole suite could not run (its root is missing…).
    pub skipped: Option<String>,
    /// The cases.
    pub cases: Vec<CaseResult>,
}

impl SuiteResult {
    /// (passed, failed) counts; errors count as failed.
    pub fn counts(&self) -> (usize, usize) {
        let passed = self
            .cases
            .iter()
            .filter(|c| c.outcome == CaseOutcome::Passed)
            .count();
        (passed, self.cases.len() - passed)
    }
}

/// A case's expectations: the outcome per check (and `verdict`), the stable code per check,
/// and text a check's reason must contain (for data the reason names: an identifier, an IRI).
#[derive(Debug, Clone, Copy)]
pub struct Expectations<'a> {
    /// Check (or `verdict`) → expected outcome label.
    pub outcomes: &'a std::collections::BTreeMap<String, String>,
    /// Check → expected code string.
    pub codes: &'a std::collections::BTreeMap<String, String>,
    /// Check → text its reason must contain.
    pub reasons: &'a std::collections::BTreeMap<String, String>,
}

/// Compares a report with a case's expectations.
pub fn compare(report: &Report, expected: Expectations) -> Vec<Mismatch> {
    let (expect, reasons) = (expected.outcomes, expected.reasons);
    let mut mismatches = Vec::new();
    for (check, expected) in expect {
        if check == "verdict" {
            let actual = report.verdict().label();
            if actual != expected {
                let failing: Vec<String> = report
                    .checks
                    .iter()
                    .filter(|c| !matches!(c.outcome, edc_verifier::Outcome::Ok(_)))
                    .map(|c| format!("{}: {}", check_label(c.name), c.outcome.reason()))
                    .collect();
                mismatches.push(Mismatch {
                    check: check.clone(),
                    expected: expected.clone(),
                    actual: actual.into(),
                    reason: failing.join("; "),
                });
            }
            continue;
        }
        let name = CHECK_NAMES
            .iter()
            .find(|(n, _)| n == check)
            .map(|(_, c)| *c);
        let outcome = name.and_then(|n| report.get(n));
        let (actual, reason) = outcome
            .map(|o| (o.label().to_string(), o.reason().to_string()))
            .unwrap_or_else(|| ("absent".into(), "the report has no such check".into()));
        if &actual != expected {
            mismatches.push(Mismatch {
                check: check.clone(),
                expected: expected.clone(),
                actual,
                reason,
            });
        }
    }
    for (check, code) in expected.codes {
        let name = CHECK_NAMES
            .iter()
            .find(|(n, _)| n == check)
            .map(|(_, c)| *c);
        let outcome = name.and_then(|n| report.get(n));
        let actual = outcome.map(|o| o.code().as_str()).unwrap_or("absent");
        if actual != code {
            mismatches.push(Mismatch {
                check: check.clone(),
                expected: format!("code {code}"),
                actual: format!("code {actual}"),
                reason: outcome.map(|o| o.reason().to_string()).unwrap_or_default(),
            });
        }
    }
    for (check, text) in reasons {
        let name = CHECK_NAMES
            .iter()
            .find(|(n, _)| n == check)
            .map(|(_, c)| *c);
        let reason = name
            .and_then(|n| report.get(n))
            .map(|o| o.reason().to_string())
            .unwrap_or_default();
        if !reason.contains(text.as_str()) {
            mismatches.push(Mismatch {
                check: check.clone(),
                expected: format!("a reason containing `{text}`"),
                actual: "another reason".into(),
                reason,
            });
        }
    }
    mismatches
}

/// Verifies a case's document (or reports why it could not be made) and compares the report
/// with its expectations: what the suites made at run time share.
pub(crate) fn judge_made(
    id: &str,
    source: &str,
    document: Result<String, String>,
    verifier: &edc_verifier::Verifier,
    expect: &[(&str, &str)],
    codes: &[(&str, &str)],
    reasons: &[(&str, &str)],
) -> CaseResult {
    let pairs = |list: &[(&str, &str)]| -> std::collections::BTreeMap<String, String> {
        list.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    };
    match document {
        Err(e) => CaseResult {
            id: id.into(),
            source: source.into(),
            outcome: CaseOutcome::Error(format!("the case could not be made: {e}")),
            checks: Vec::new(),
            verdict: None,
        },
        Ok(document) => {
            let report = verifier.verify(document.as_bytes());
            let (outcomes, codes, reasons) = (pairs(expect), pairs(codes), pairs(reasons));
            let expected = Expectations {
                outcomes: &outcomes,
                codes: &codes,
                reasons: &reasons,
            };
            let mismatches = compare(&report, expected);
            CaseResult {
                id: id.into(),
                source: source.into(),
                outcome: if mismatches.is_empty() {
                    CaseOutcome::Passed
                } else {
                    CaseOutcome::Failed(mismatches)
                },
                checks: reported(&report),
                verdict: Some(report.verdict().label().into()),
            }
        }
    }
}

/// The checks of a report, for the reports.
pub fn reported(report: &Report) -> Vec<ReportedCheck> {
    report
        .checks
        .iter()
        .map(|c| ReportedCheck {
            check: check_label(c.name).into(),
            outcome: c.outcome.label().into(),
            code: c.outcome.code().as_str().into(),
            reason: c.outcome.reason().into(),
        })
        .collect()
}

/// What every case of a manifest shares.
struct Shared {
    root: PathBuf,
    trust: Option<TrustStore>,
    /// The suite's shapes, read once for all its cases.
    shapes: std::sync::Arc<edc_shacl::ShapesSource>,
    contexts: Vec<(String, PathBuf)>,
    jwt_keys: KeyRegistry,
}

/// The verification methods (`publicKeyJwk` with a `kid`) in the files matching `patterns`.
fn jwt_keys(root: &Path, patterns: &[String]) -> Result<KeyRegistry, String> {
    let mut keys = KeyRegistry::new();
    for pattern in patterns {
        for file in expand(root, pattern)? {
            let vm: Value = serde_json::from_slice(
                &std::fs::read(&file).map_err(|e| format!("{}: {e}", file.display()))?,
            )
            .map_err(|e| format!("{}: {e}", file.display()))?;
            if let (Some(kid), Ok(key)) = (
                vm["publicKeyJwk"]["kid"].as_str(),
                PublicKey::from_jwk(&vm["publicKeyJwk"]),
            ) {
                keys.insert(kid, key);
            }
        }
    }
    Ok(keys)
}

fn shared(manifest: &Manifest, root: &Path) -> Result<Shared, String> {
    let trust = match &manifest.trust {
        None => None,
        Some(spec) => {
            let mut store = TrustStore::new();
            for file in &spec.files {
                store.add_path(&root.join(file))?;
            }
            for file in &spec.xvals_from {
                let path = root.join(file);
                let bytes = std::fs::read(&path).map_err(|e| format!("{}: {e}", path.display()))?;
                let Ok(Document::Sealed(sealed)) = Document::from_slice(&bytes) else {
                    return Err(format!("{} is not a sealed document", path.display()));
                };
                for der in seal_certificates_der(&sealed) {
                    let wanted = &spec.subject_contains;
                    let contains = |w: &String| der.windows(w.len()).any(|x| x == w.as_bytes());
                    if wanted.is_empty() || wanted.iter().any(contains) {
                        store
                            .add_der(&der)
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                    }
                }
            }
            Some(store)
        }
    };
    let jwt_keys = jwt_keys(root, &manifest.jwt_keys)?;
    Ok(Shared {
        root: root.to_path_buf(),
        trust,
        shapes: std::sync::Arc::new(match &manifest.shapes {
            Some(dir) => edc_shacl::ShapesSource::dir(root.join(dir)),
            None => edc_shacl::ShapesSource::essentials_only(),
        }),
        contexts: manifest
            .contexts
            .iter()
            .map(|(iri, file)| (iri.clone(), root.join(file)))
            .collect(),
        jwt_keys,
    })
}

/// The seal's own signing time (`sigT`), for `at = "signing"`.
fn signing_time(bytes: &[u8]) -> Result<i64, String> {
    let Ok(Document::Sealed(sealed)) = Document::from_slice(bytes) else {
        return Err("`at = \"signing\"` needs a sealed document".into());
    };
    let check = verify_seal(&sealed, 0, None)
        .into_iter()
        .next()
        .ok_or("the sealed document has no signature")?;
    let text = check
        .signing_time
        .ok_or("the seal has no signing time (sigT)")?;
    DateTime::parse(&text)
        .map(|d| d.unix_seconds())
        .map_err(|e| format!("sigT `{text}`: {e}"))
}

fn run_case(shared: &Shared, manifest: &Manifest, case: &Case) -> CaseResult {
    let result = |outcome, checks, verdict| CaseResult {
        id: case.id.clone(),
        source: case.spec.source.clone(),
        outcome,
        checks,
        verdict,
    };
    let bytes = match std::fs::read(&case.input) {
        Ok(b) => b,
        Err(e) => {
            return result(
                CaseOutcome::Error(format!("cannot read {}: {e}", case.input.display())),
                Vec::new(),
                None,
            )
        }
    };
    let bytes = if manifest.replace.is_empty() {
        bytes
    } else {
        let mut text = String::from_utf8_lossy(&bytes).to_string();
        for (from, to) in &manifest.replace {
            text = text.replace(from.as_str(), to);
        }
        text.into_bytes()
    };
    let mut loader = DocumentLoader::new();
    for (iri, file) in &shared.contexts {
        loader = loader.with_file(iri, file);
    }
    let keys = match &case.spec.jwt_keys {
        None => shared.jwt_keys.clone(),
        Some(patterns) => match jwt_keys(&shared.root, patterns) {
            Ok(keys) => keys,
            Err(e) => return result(CaseOutcome::Error(e), Vec::new(), None),
        },
    };
    let mut builder = Verifier::builder().loader(loader).jwt_keys(keys);
    if let Some(store) = shared
        .trust
        .as_ref()
        .filter(|_| case.spec.trust != Some(false))
    {
        builder = builder.trust_store(store.clone());
    }
    builder = builder.shapes(shared.shapes.clone());
    match case.spec.at.as_deref() {
        None => {}
        Some("signing") => match signing_time(&bytes) {
            Ok(t) => builder = builder.at(t),
            Err(e) => return result(CaseOutcome::Error(e), Vec::new(), None),
        },
        Some(text) => match DateTime::parse(text) {
            Ok(t) => builder = builder.at(t.unix_seconds()),
            Err(e) => {
                return result(
                    CaseOutcome::Error(format!("at `{text}`: {e}")),
                    Vec::new(),
                    None,
                )
            }
        },
    }
    if let Some(policy) = &case.spec.policy {
        match Policy::from_name(policy) {
            Some(p) => builder = builder.policy(p),
            None => {
                return result(
                    CaseOutcome::Error(format!(
                        "policy `{policy}` is not strict, europass or lenient"
                    )),
                    Vec::new(),
                    None,
                )
            }
        }
    }
    if let Some(subject) = &case.spec.expect_subject {
        builder = builder.expected_subject(subject);
    }
    let report = builder.build().verify(&bytes);
    let expected = Expectations {
        outcomes: &case.spec.expect,
        codes: &case.spec.code,
        reasons: &case.spec.reason,
    };
    let mismatches = compare(&report, expected);
    let outcome = if mismatches.is_empty() {
        CaseOutcome::Passed
    } else {
        CaseOutcome::Failed(mismatches)
    };
    result(
        outcome,
        reported(&report),
        Some(report.verdict().label().to_string()),
    )
}

/// Runs a manifest's cases against the files under `root`.
pub fn run_manifest(manifest: &Manifest, root: &Path) -> SuiteResult {
    let mut suite = SuiteResult {
        suite: manifest.suite.clone(),
        description: manifest.description.clone(),
        skipped: None,
        cases: Vec::new(),
    };
    if !root.is_dir() {
        suite.skipped = Some(format!("the suite root {} is missing", root.display()));
        return suite;
    }
    let shared = match shared(manifest, root) {
        Ok(s) => s,
        Err(e) => {
            suite.skipped = Some(format!("the suite cannot be set up: {e}"));
            return suite;
        }
    };
    let cases = match manifest.cases(root) {
        Ok(c) => c,
        Err(e) => {
            suite.skipped = Some(e.into());
            return suite;
        }
    };
    suite.cases = cases
        .iter()
        .map(|case| run_case(&shared, manifest, case))
        .collect();
    suite
}
