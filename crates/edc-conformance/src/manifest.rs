//! The manifest format (TOML): a suite, its root, shared options, and cases with the expected
//! outcome per check of the verifier's report.
//!
//! ```toml
//! suite = "europass"
//! description = "The EU's sample credentials"
//! root = "europass/samples"          # relative to the shared reference directory
//! shapes = "../shacl"                # optional: the official SHACL files (relative to root)
//!
//! [trust]                            # optional: X.509 anchors for seals
//! files = ["anchors/root.pem"]       # PEM/DER files (relative to root)
//! xvals_from = ["a-signed.jsonld"]   # or certificates found in these sealed files' xVals…
//! subject_contains = "Root CA"       # …whose DER contains this text (or one of a list)
//!
//! [[case]]
//! id = "sealed-micro-credential"
//! input = "a-signed.jsonld"          # relative to root
//! at = "signing"                     # RFC 3339, or the seal's own signing time
//! source = "why these expectations"  # where the expectations come from
//! expect = { integrity = "ok", issuer = "ok", verdict = "verified" }
//! code = { issuer = "issuer_trusted" }    # the check's stable code (edc_verifier::Code)
//! reason = { issuer = "VATES-A00000000" } # text the check's reason must contain (for data the
//!                                         # reason names: identifiers, IRIs, error codes)
//! jwt_keys = ["keys/vm-a.json"]      # optional: this case's JWT keys instead of the suite's
//!
//! [[case]]                           # one case per file matching the pattern
//! pattern = "input/*-ok.json"
//! expect = { format = "ok" }
//! ```
//!
//! Check names: `format`, `integrity`, `issuer`, `owner`, `status`, `validity`,
//! `accreditation`, `micro-credential`; outcomes `ok`, `failed`, `skipped`, `not applicable`;
//! verdicts `verified`, `partially verified`, `could not check`, `failed`. Checks a case does not
//! name are not compared.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Why a manifest could not be used.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ManifestErrorKind {
    /// The file cannot be read.
    Io,
    /// Not TOML, or a name (check, outcome, code) the runner does not know.
    Syntax,
    /// A case's `input` or `pattern` names no file.
    Pattern,
}

/// A manifest that could not be used: its [`ManifestErrorKind`] and a sentence naming the case.
pub type ManifestError = edc_error::Error<ManifestErrorKind>;

/// A suite manifest as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    /// The suite's name.
    pub suite: String,
    /// What the suite covers.
    #[serde(default)]
    pub description: String,
    /// The suite root, relative to the shared reference directory (or absolute).
    #[serde(default)]
    pub root: String,
    /// The official SHACL files, relative to the root.
    pub shapes: Option<String>,
    /// X.509 trust anchors for seals.
    pub trust: Option<TrustSpec>,
    /// JSON-LD contexts by IRI: files relative to the root.
    #[serde(default)]
    pub contexts: BTreeMap<String, String>,
    /// Verification-method files (`publicKeyJwk` with a `kid`) for JWTs, relative to the root;
    /// `*` patterns allowed in the file name.
    #[serde(default)]
    pub jwt_keys: Vec<String>,
    /// Text replaced in every input before it is verified (a suite's placeholders).
    #[serde(default)]
    pub replace: BTreeMap<String, String>,
    /// The cases.
    #[serde(default, rename = "case")]
    pub cases: Vec<CaseSpec>,
}

/// Where seal trust anchors come from.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TrustSpec {
    /// Certificate files (PEM or DER), relative to the root.
    #[serde(default)]
    pub files: Vec<String>,
    /// Sealed files whose `xVals` certificates become anchors (filtered by `subject_contains`).
    #[serde(default)]
    pub xvals_from: Vec<String>,
    /// Only `xVals` certificates whose DER contains this text (or one of these texts).
    #[serde(default, deserialize_with = "one_or_many")]
    pub subject_contains: Vec<String>,
}

/// A string or a list of strings.
fn one_or_many<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    Ok(match OneOrMany::deserialize(deserializer)? {
        OneOrMany::One(one) => vec![one],
        OneOrMany::Many(many) => many,
    })
}

/// One case (or, with `pattern`, one per matching file) as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseSpec {
    /// The case id (default: the input path).
    pub id: Option<String>,
    /// The input file, relative to the root.
    pub input: Option<String>,
    /// A file pattern (`*` in the file name), relative to the root: one case per file.
    pub pattern: Option<String>,
    /// The validation time: RFC 3339, or `signing` for a seal's own signing time.
    pub at: Option<String>,
    /// `strict`, `europass` (default) or `lenient`.
    pub policy: Option<String>,
    /// The subject the credential must be issued to.
    pub expect_subject: Option<String>,
    /// Use the suite's trust anchors (default true).
    pub trust: Option<bool>,
    /// This case's JWT keys (file patterns, relative to the root) instead of the suite's.
    pub jwt_keys: Option<Vec<String>>,
    /// Where the expectations come from.
    #[serde(default)]
    pub source: String,
    /// Expected outcome per check, and `verdict`.
    #[serde(default)]
    pub expect: BTreeMap<String, String>,
    /// The stable code each named check's outcome must carry ([`edc_verifier::Code`] strings).
    #[serde(default)]
    pub code: BTreeMap<String, String>,
    /// Text each named check's reason must contain: for data the reason names (an identifier,
    /// an IRI, a JSON-LD error code), not for its wording.
    #[serde(default)]
    pub reason: BTreeMap<String, String>,
}

/// A case ready to run.
#[derive(Debug, Clone)]
pub struct Case {
    /// Its id.
    pub id: String,
    /// The input file.
    pub input: PathBuf,
    /// The options and expectations.
    pub spec: CaseSpec,
}

impl Manifest {
    /// Reads a manifest file; the error names the file, and line and column for TOML errors.
    pub fn load(path: &Path) -> Result<Manifest, ManifestError> {
        let text = std::fs::read_to_string(path).map_err(|e| {
            ManifestError::new(
                ManifestErrorKind::Io,
                format!("cannot read the manifest {}: {e}", path.display()),
            )
        })?;
        Manifest::parse(&text).map_err(|e| e.context(&format!("{}: ", path.display())))
    }

    /// Parses a manifest and checks its expectation names.
    pub fn parse(text: &str) -> Result<Manifest, crate::manifest::ManifestError> {
        Self::parse_text(text).map_err(|message| {
            crate::manifest::ManifestError::new(crate::manifest::ManifestErrorKind::Syntax, message)
        })
    }

    fn parse_text(text: &str) -> Result<Manifest, String> {
        let manifest: Manifest = toml::from_str(text).map_err(|e| e.to_string())?;
        for (i, case) in manifest.cases.iter().enumerate() {
            let name = case
                .id
                .clone()
                .or_else(|| case.input.clone())
                .or_else(|| case.pattern.clone())
                .unwrap_or_else(|| format!("case {}", i + 1));
            if case.input.is_some() == case.pattern.is_some() {
                return Err(format!("{name}: give exactly one of `input` and `pattern`"));
            }
            for (check, outcome) in case.expect.iter() {
                crate::names::check_expectation(check, outcome)
                    .map_err(|e| format!("{name}: {e}"))?;
            }
            for (check, code) in case.code.iter() {
                crate::names::check_code(check, code).map_err(|e| format!("{name}: {e}"))?;
            }
        }
        Ok(manifest)
    }

    /// The cases, with patterns expanded (sorted by file name), relative to `root`.
    pub fn cases(&self, root: &Path) -> Result<Vec<Case>, crate::manifest::ManifestError> {
        self.cases_text(root).map_err(|message| {
            crate::manifest::ManifestError::new(
                crate::manifest::ManifestErrorKind::Pattern,
                message,
            )
        })
    }

    fn cases_text(&self, root: &Path) -> Result<Vec<Case>, String> {
        let mut cases = Vec::new();
        for spec in &self.cases {
            if let Some(input) = &spec.input {
                cases.push(Case {
                    id: spec.id.clone().unwrap_or_else(|| input.clone()),
                    input: root.join(input),
                    spec: spec.clone(),
                });
                continue;
            }
            let pattern = spec.pattern.as_deref().unwrap_or_default();
            let files = expand(root, pattern)?;
            if files.is_empty() {
                return Err(format!(
                    "the pattern `{pattern}` matches no file under {}",
                    root.display()
                ));
            }
            for file in files {
                let relative = file
                    .strip_prefix(root)
                    .unwrap_or(&file)
                    .to_string_lossy()
                    .to_string();
                cases.push(Case {
                    id: relative,
                    input: file,
                    spec: spec.clone(),
                });
            }
        }
        Ok(cases)
    }
}

/// The files matching `pattern` (a path whose file name may hold `*`), sorted.
pub fn expand(root: &Path, pattern: &str) -> Result<Vec<PathBuf>, crate::manifest::ManifestError> {
    expand_text(root, pattern).map_err(|message| {
        crate::manifest::ManifestError::new(crate::manifest::ManifestErrorKind::Pattern, message)
    })
}

fn expand_text(root: &Path, pattern: &str) -> Result<Vec<PathBuf>, String> {
    let full = root.join(pattern);
    let dir = full.parent().unwrap_or(root).to_path_buf();
    let name = full
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    if !name.contains('*') {
        return Ok(vec![full]);
    }
    let entries =
        std::fs::read_dir(&dir).map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| wildcard_match(&name, n))
        })
        .collect();
    files.sort();
    Ok(files)
}

/// `*` matches any run of characters.
fn wildcard_match(pattern: &str, name: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !name.starts_with(first) || name.len() < first.len() + last.len() || !name.ends_with(last) {
        return false;
    }
    let mut rest = &name[first.len()..name.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(i) => rest = &rest[i + middle.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::wildcard_match;

    #[test]
    fn wildcards() {
        assert!(wildcard_match("*-ok.json", "credential-ok.json"));
        assert!(!wildcard_match("*-ok.json", "credential-fail.json"));
        assert!(wildcard_match("signed*.json", "signedDataInt.json"));
        assert!(wildcard_match("a*b*c", "a-x-b-y-c"));
        assert!(!wildcard_match("a*b*c", "a-x-c"));
        assert!(!wildcard_match("ab*ba", "aba"));
    }
}
