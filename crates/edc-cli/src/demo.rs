//! `edc demo`: the integrator's day in one command. It generates an issuer key (did:key),
//! converts the example provider export (300 made-up learners of a micro-course) to signed
//! Europass credentials, verifies a few, and says what it did and where the files are.

use crate::convert::convert;
use crate::keys::write_key_file;
use crate::Outcome;
use anyhow::{Context, Result};
use edc_did::{did_key, KeyPair, KeyType};
use edc_verifier::Verifier;
use serde_json::json;

/// The example export, its mapping and template (the repository's `examples/provider-export`).
const EXAMPLE: [(&str, &str); 3] = [
    (
        "learners.csv",
        include_str!("../../../examples/provider-export/learners.csv"),
    ),
    (
        "mapping.toml",
        include_str!("../../../examples/provider-export/mapping.toml"),
    ),
    (
        "template.jsonld",
        include_str!("../../../examples/provider-export/template.jsonld"),
    ),
];

/// Runs the demo.
pub fn run(args: &crate::args::DemoArgs) -> Result<Outcome> {
    let (out, json_output) = (args.out.clone(), args.json);
    let dir = match out {
        Some(dir) => dir,
        None => std::env::temp_dir().join(format!("edc-demo-{}", std::process::id())),
    };
    let input = dir.join("input");
    std::fs::create_dir_all(&input)
        .with_context(|| format!("cannot create {}", input.display()))?;
    for (name, text) in EXAMPLE {
        std::fs::write(input.join(name), text)
            .with_context(|| format!("cannot write {}", input.join(name).display()))?;
    }
    // 1. An issuer key and its DID (a demo run again in the same folder keeps its key and
    // remakes its own credentials).
    let key_file = dir.join("issuer-key.json");
    let key = if key_file.exists() {
        crate::keys::read_key(&key_file)?
    } else {
        let key = KeyPair::generate(KeyType::Ed25519);
        write_key_file(&key_file, &key)?;
        key
    };
    let (did, _) = did_key(&key.public_key());
    // 2. The export → signed credentials.
    let credentials = dir.join("credentials");
    let shapes = edc_shacl::ShapesSource::locate(None, None, None)?
        .folder()
        .map(std::path::Path::to_path_buf)
        .or_else(beside_current_directory);
    // As `edc convert` with these flags would.
    let mut argv: Vec<std::ffi::OsString> = vec!["edc".into(), "convert".into()];
    argv.push(input.join("learners.csv").into());
    for (flag, value) in [
        ("--mapping", input.join("mapping.toml")),
        ("--out", credentials.clone()),
        ("--key", key_file.clone()),
    ] {
        argv.extend([flag.into(), value.into()]);
    }
    // The demo's own folder: a second run remakes the credentials it made.
    argv.extend(["--json".into(), "--overwrite".into()]);
    if let Some(dir) = &shapes {
        argv.extend(["--shapes".into(), dir.into()]);
    }
    let crate::args::Command::Convert(options) =
        <crate::args::Cli as clap::Parser>::try_parse_from(argv)?.command
    else {
        anyhow::bail!("the demo's convert command did not parse as one");
    };
    let (summary, how) = convert(&options)?;
    // 3. Verify a few, trusting the demo's own DID.
    let mut verifier = Verifier::builder().trusted_dids([did.clone()]);
    if let Some(dir) = &shapes {
        verifier = verifier.shapes_dir(dir);
    }
    let verifier = verifier.build();
    let mut checked = Vec::new();
    let mut first = summary.first_written.clone();
    first.sort();
    for path in first.iter().take(3) {
        let report = verifier.verify(&std::fs::read(path)?);
        checked.push((path.clone(), report));
    }
    let all_verified = checked
        .iter()
        .all(|(_, r)| r.verdict() == edc_verifier::Verdict::Verified);
    if json_output {
        let verified: Vec<_> = checked
            .iter()
            .map(|(p, r)| json!({"file": p.display().to_string(), "verdict": r.verdict().label()}))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "directory": dir.display().to_string(),
                "issuer": did,
                "key": key_file.display().to_string(),
                "produced": summary.produced,
                "skipped": summary.skipped,
                "secured": how,
                "validated_against": summary.profile,
                "credentials": credentials.display().to_string(),
                "verified": verified,
            }))?
        );
    } else {
        println!("edc demo — from a training provider's export to signed Europass credentials\n");
        println!("1. Generated an issuer key: {}", key_file.display());
        println!("   its DID: {did}");
        println!(
            "2. Converted {} with {}:",
            input.join("learners.csv").display(),
            input.join("mapping.toml").display()
        );
        println!(
            "   {} credential(s) {how}, validated against {}; {} row(s) skipped",
            summary.produced, summary.profile, summary.skipped
        );
        if shapes.is_none() {
            println!(
                "   (to validate against the EU's official profiles, point EDC_SHAPES_DIR at the folder of their SHACL files — in this project's setup ../shared/europass/shacl — or run the demo from beside it)"
            );
        }
        println!("   written to {}", credentials.display());
        println!("3. Verified {} of them, trusting {did}:", checked.len());
        for (path, report) in &checked {
            println!(
                "   {} {}: {}",
                if report.verdict() == edc_verifier::Verdict::Verified {
                    "✓"
                } else {
                    "✗"
                },
                path.file_name().unwrap_or_default().to_string_lossy(),
                report.verdict().label()
            );
        }
        println!(
            "\nNext: edc verify {} --trusted-did {did}",
            checked
                .first()
                .map(|(p, _)| p.display().to_string())
                .unwrap_or_default()
        );
    }
    Ok(if summary.skipped == 0 && all_verified {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}

/// The demo's extra convenience: a `shared/europass/shacl` beside the current directory or one
/// of its parents (this project's layout), when no other place has the files.
fn beside_current_directory() -> Option<std::path::PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .flat_map(|a| [a.join("shared"), a.join("../shared")])
        .map(|s| s.join("europass/shacl"))
        .find(|dir| edc_shacl::holds(dir, edc_shacl::Profile::GenericFull))
}
