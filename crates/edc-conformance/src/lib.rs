//! # edc-conformance — what "conformant" means, as cases with expected outcomes
//!
//! A suite is a manifest (TOML, see [`manifest`]) of cases: an input file, options (validation
//! time, policy, trust anchors, expected subject) and the expected outcome of each verifier
//! check plus the verdict. The expectations come from each case's source (the EU files' known
//! state and the pySHACL oracle, the W3C suites' ok/fail naming and outcome mappings, the
//! specifications' rules), never from a run of edc.
//!
//! Suites: `europass` and `w3c` (manifests in the repository's `conformance/` folder, built
//! into this crate; their files are read from the shared reference directory at run time),
//! `generated` (made at run time with test keys and a test CA, see [`run_generated`]), `attacks`
//! (forgeries and hostile inputs made at run time, each of which must be refused, see
//! [`run_attacks`]), and any
//! directory a user names ([`run_directory`], or its own `manifest.toml`).
#![deny(missing_docs)]

mod attacks;
mod directory;
mod generated;
pub mod manifest;
mod names;
mod pki;
mod report;
mod runner;

pub use attacks::run_attacks;
pub use directory::run_directory;
pub use generated::run_generated;
pub use manifest::{Case, CaseSpec, Manifest, ManifestError, ManifestErrorKind, TrustSpec};
pub use report::{console, render, summary_line, ReportFormat};
pub use runner::{
    check_label, compare, run_manifest, CaseOutcome, CaseResult, Mismatch, ReportedCheck,
    SuiteResult,
};

use std::path::Path;

/// The built-in suites.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Suite {
    /// The EU's sample credentials.
    Europass,
    /// The W3C test material.
    W3c,
    /// Cases made at run time.
    Generated,
    /// Forgeries and hostile inputs made at run time.
    Attacks,
}

impl Suite {
    /// Every built-in suite.
    pub const ALL: [Suite; 4] = [
        Suite::Europass,
        Suite::W3c,
        Suite::Generated,
        Suite::Attacks,
    ];

    /// Reads `europass`, `w3c`, `generated` or `attacks`.
    pub fn from_name(name: &str) -> Option<Suite> {
        match name {
            "europass" => Some(Suite::Europass),
            "w3c" => Some(Suite::W3c),
            "generated" => Some(Suite::Generated),
            "attacks" => Some(Suite::Attacks),
            _ => None,
        }
    }

    /// The suite's manifest text (none for `generated`).
    pub fn manifest_text(self) -> Option<&'static str> {
        match self {
            Suite::Europass => Some(include_str!("../../../conformance/europass.toml")),
            Suite::W3c => Some(include_str!("../../../conformance/w3c.toml")),
            Suite::Generated | Suite::Attacks => None,
        }
    }

    /// Runs the suite; manifest roots are resolved against `shared` (the reference directory).
    pub fn run(self, shared: Option<&Path>) -> SuiteResult {
        let Some(text) = self.manifest_text() else {
            return match self {
                Suite::Attacks => run_attacks(),
                _ => run_generated(),
            };
        };
        let manifest = match Manifest::parse(text) {
            Ok(m) => m,
            Err(e) => {
                return SuiteResult {
                    suite: format!("{self:?}").to_lowercase(),
                    description: String::new(),
                    skipped: Some(format!("the built-in manifest is broken: {e}")),
                    cases: Vec::new(),
                }
            }
        };
        match shared {
            Some(dir) => run_manifest(&manifest, &dir.join(&manifest.root)),
            None => SuiteResult {
                suite: manifest.suite.clone(),
                description: manifest.description.clone(),
                skipped: Some(
                    "the shared reference directory was not found (give --shared DIR or set EDC_SHARED_DIR)"
                        .into(),
                ),
                cases: Vec::new(),
            },
        }
    }
}
