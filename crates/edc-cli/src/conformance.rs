//! `edc conformance`: the built-in suites, or a directory of the user's own.

use crate::args::{ConformanceArgs, ConformanceSuiteArg, PolicyArg, ReportArg};
use crate::Outcome;
use anyhow::{Context, Result};
use edc_conformance::{
    console, render, run_directory, run_manifest, Manifest, ReportFormat, Suite, SuiteResult,
};
use edc_verifier::{Policy, Verifier};
use std::path::{Path, PathBuf};

/// The shared reference directory: the option, `$EDC_SHARED_DIR`, or `shared` beside the
/// current directory or one of its parents.
fn shared_dir(given: Option<&Path>) -> Option<PathBuf> {
    if let Some(dir) = given {
        return Some(dir.to_path_buf());
    }
    if let Some(dir) = std::env::var_os("EDC_SHARED_DIR") {
        return Some(PathBuf::from(dir));
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .flat_map(|a| [a.join("shared"), a.join("../shared")])
        .find(|candidate| candidate.join("europass").is_dir() && candidate.join("vectors").is_dir())
}

/// Runs `conformance`.
pub fn run(options: &ConformanceArgs) -> Result<Outcome> {
    let policy = match options.policy {
        PolicyArg::Strict => Policy::Strict,
        PolicyArg::Europass => Policy::Europass,
        PolicyArg::Lenient => Policy::Lenient,
    };
    let suites: Vec<SuiteResult> = match options.dir.as_ref().or(options.dir_option.as_ref()) {
        Some(dir) => {
            let manifest = dir.join("manifest.toml");
            if manifest.is_file() {
                let manifest = Manifest::load(&manifest).map_err(anyhow::Error::msg)?;
                vec![run_manifest(&manifest, &dir.join(&manifest.root))]
            } else {
                // The same trust, time and profiles as `edc verify`.
                let store = crate::seal_check::trust_store(&options.trust)?;
                let at = match &options.at {
                    Some(text) => Some(
                        edc_model::DateTime::parse(text)
                            .map_err(|e| anyhow::anyhow!("--at `{text}`: {e}"))?
                            .unix_seconds(),
                    ),
                    None => None,
                };
                let shapes = std::sync::Arc::new(edc_shacl::ShapesSource::locate(
                    options.shapes.clone(),
                    None,
                    None,
                )?);
                let result = run_directory(dir, || {
                    let mut builder = Verifier::builder().policy(policy);
                    if let Some(store) = &store {
                        builder = builder.trust_store(store.clone());
                    }
                    if let Some(at) = at {
                        builder = builder.at(at);
                    }
                    builder.shapes(shapes.clone()).build()
                });
                if result.cases.is_empty() && result.skipped.is_none() {
                    anyhow::bail!(
                        "{} holds no credential to check (no .json, .jsonld or .jwt file, and no manifest.toml): nothing was tested",
                        dir.display()
                    );
                }
                vec![result]
            }
        }
        None => {
            let shared = shared_dir(options.shared.as_deref());
            let chosen: Vec<Suite> = match options.suite {
                ConformanceSuiteArg::Europass => vec![Suite::Europass],
                ConformanceSuiteArg::W3c => vec![Suite::W3c],
                ConformanceSuiteArg::Generated => vec![Suite::Generated],
                ConformanceSuiteArg::Attacks => vec![Suite::Attacks],
                ConformanceSuiteArg::All => Suite::ALL.to_vec(),
            };
            chosen
                .into_iter()
                .map(|s| s.run(shared.as_deref()))
                .collect()
        }
    };
    // --json: the JSON report alone on standard output.
    let report = if options.json {
        Some(ReportArg::Json)
    } else {
        print!("{}", console(&suites));
        options.report
    };
    if let Some(format) = report {
        let format = match format {
            ReportArg::Json => ReportFormat::Json,
            ReportArg::Junit => ReportFormat::Junit,
            ReportArg::Markdown => ReportFormat::Markdown,
            ReportArg::Earl => ReportFormat::Earl,
        };
        let text = render(&suites, format);
        match &options.out {
            Some(path) => std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?,
            None => println!("{text}"),
        }
    }
    let failed = suites.iter().any(|s| s.counts().1 > 0);
    let skipped = suites.iter().any(|s| s.skipped.is_some());
    // In CI the reference data is always there: a suite that could not run is an error.
    if skipped && std::env::var("CI").is_ok_and(|v| v == "true") {
        anyhow::bail!(
            "a suite could not run (see above), and CI=true: the reference data must be present"
        );
    }
    Ok(if failed {
        Outcome::Failed
    } else if skipped {
        Outcome::CouldNotCheck
    } else {
        Outcome::Ok
    })
}
