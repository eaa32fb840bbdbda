//! `edc verify`: the viewer's checks, one line each.

use crate::inspect::read_input;
use crate::Outcome;
use anyhow::Result;
use edc_model::DateTime;
use edc_verifier::{Outcome as CheckOutcome, Verdict, Verifier};
use serde_json::json;
use std::path::{Path, PathBuf};

/// Runs `verify`.
pub fn run(
    file: &Path,
    at: Option<&str>,
    trust: &crate::args::TrustArgs,
    shapes: Option<PathBuf>,
    json: bool,
) -> Result<Outcome> {
    let bytes = read_input(file)?;
    let mut builder = Verifier::builder();
    if let Some(store) = crate::seal_check::trust_store(trust)? {
        builder = builder.trust_store(store);
    }
    if let Some(dir) = shapes.or_else(|| std::env::var_os("EDC_SHAPES_DIR").map(PathBuf::from)) {
        builder = builder.shapes_dir(dir);
    }
    if let Some(text) = at {
        let time = DateTime::parse(text)
            .map_err(|e| anyhow::anyhow!("--at `{text}` is not an RFC 3339 date-time: {e}"))?;
        builder = builder.at(time.unix_seconds());
    }
    let report = builder.build().verify(&bytes);
    let verdict = report.verdict();
    if json {
        let checks: Vec<_> = report
            .checks
            .iter()
            .map(|c| {
                let (status, reason) = match &c.outcome {
                    CheckOutcome::Ok(r) => ("ok", r),
                    CheckOutcome::Failed(r) => ("failed", r),
                    CheckOutcome::Skipped(r) => ("skipped", r),
                };
                json!({"check": c.name.label(), "status": status, "reason": reason})
            })
            .collect();
        let verdict = match verdict {
            Verdict::Verified => "verified",
            Verdict::PartiallyVerified => "partially verified",
            Verdict::Failed => "failed",
        };
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"verdict": verdict, "checks": checks}))?
        );
    } else {
        for c in &report.checks {
            let (mark, reason) = match &c.outcome {
                CheckOutcome::Ok(r) => ("✓", r),
                CheckOutcome::Failed(r) => ("✗", r),
                CheckOutcome::Skipped(r) => ("–", r),
            };
            println!("{mark} {}: {reason}", c.name.label());
        }
        println!(
            "{}",
            match verdict {
                Verdict::Verified => "Verified",
                Verdict::PartiallyVerified => "Partially verified",
                Verdict::Failed => "Failed",
            }
        );
    }
    Ok(if verdict == Verdict::Failed {
        Outcome::Failed
    } else {
        Outcome::Ok
    })
}
