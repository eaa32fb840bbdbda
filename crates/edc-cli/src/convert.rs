//! `edc convert`: a provider's export to Europass credentials.

use crate::args::{ConvertArgs, SuiteArg};
use crate::keys::{data_integrity_suite, read_key, SealKey};
use crate::Outcome;
use anyhow::Result;
use edc_convert::{Converter, JwtForm, Mapping, Output, Securing, Summary};
use edc_did::did_key;
use serde_json::json;
use std::io::IsTerminal;
use std::path::PathBuf;

/// How the options say to secure the credentials.
fn securing(options: &ConvertArgs) -> Result<(Securing, String)> {
    if let Some(path) = &options.key {
        let key = read_key(path)?;
        let (did, method) = did_key(&key.public_key());
        let form = match options.suite {
            Some(SuiteArg::Jwt) => Some((JwtForm::VcJwt, "VC-JWT")),
            Some(SuiteArg::VcJose) => Some((JwtForm::VcJose, "VC-JOSE")),
            Some(SuiteArg::SdJwt) => Some((JwtForm::SdJwt, "SD-JWT")),
            Some(SuiteArg::VcCose) => {
                anyhow::bail!("edc convert writes JSON or JWTs; sign VC-COSE with edc sign")
            }
            _ => None,
        };
        if let Some((form, name)) = form {
            let how = format!("signed ({name}) by {did}");
            return Ok((Securing::Jwt { key, method, form }, how));
        }
        let suite = data_integrity_suite(options.suite, key.key_type())?;
        let how = format!("signed ({}) by {did}", suite.name());
        return Ok((Securing::DataIntegrity { key, method, suite }, how));
    }
    if options.seal_key.is_some() || options.p12.is_some() {
        let (key, chain) = SealKey {
            key: options.seal_key.clone(),
            cert: options.seal_cert.clone(),
            p12: options.p12.clone(),
            password_file: options.password_file.clone(),
            password_env: options.password_env.clone(),
        }
        .load()?;
        let time_stamping = options.stamp.time_stamping()?;
        let how = match &time_stamping {
            None => "sealed (JAdES baseline B)",
            Some(t) if t.lta.is_some() => "sealed (JAdES baseline LTA)",
            Some(_) => "sealed (JAdES baseline T)",
        };
        let securing = Securing::Seal {
            key,
            chain,
            time_stamping,
        };
        return Ok((securing, how.into()));
    }
    if options.stamp.tsa.is_some() {
        anyhow::bail!(
            "--tsa time-stamps seals: give --seal-key and --seal-cert, or --p12, to seal the credentials"
        );
    }
    Ok((Securing::None, "unsigned".into()))
}

/// Converts with the options; the summary and how the credentials were secured.
pub fn convert(options: &ConvertArgs) -> Result<(Summary, String)> {
    let Some(mapping) = &options.mapping else {
        anyhow::bail!("convert needs --mapping FILE (provider data), or --to/--from ob3");
    };
    let mapping = Mapping::load(mapping).map_err(anyhow::Error::msg)?;
    let (securing, how) = securing(options)?;
    let shapes = edc_shacl::ShapesSource::locate(options.shapes.clone(), None, None)?;
    // A shapes folder that is not there is a problem of the run, said once (not once a row).
    if let Some(dir) = shapes.folder() {
        let profile = edc_shacl::Profile::named_by(&mapping.template)
            .unwrap_or(edc_shacl::Profile::GenericFull);
        if let Err(e) = shapes.shapes(profile) {
            anyhow::bail!(
                "the official profile {} cannot be read from {}: {e}; give the folder of the EU's SHACL files (--shapes DIR or $EDC_SHAPES_DIR), or leave it out to validate with edc's essentials",
                profile.id(),
                dir.display()
            );
        }
    }
    let output = match (&options.jsonl, options.wrapper) {
        (Some(file), _) => Output::JsonLines(file.clone()),
        (None, wrapper) => {
            let dir = options
                .out
                .clone()
                .unwrap_or_else(|| PathBuf::from("credentials"));
            if wrapper {
                Output::UploadWrappers(dir)
            } else {
                Output::Files(dir)
            }
        }
    };
    // The CLI asks the library for one worker per core.
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let converter = Converter::new(mapping, shapes, securing)
        .with_overwrite(options.overwrite)
        .with_workers(workers);
    let bar = (!options.json && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {pos} rows, {per_sec} [{elapsed}]")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar
    });
    let progress = |done: usize| {
        if let Some(bar) = &bar {
            bar.set_position(done as u64);
        }
    };
    let summary = converter
        .run(&options.input, &output, &progress)
        .map_err(anyhow::Error::msg)?;
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    Ok((summary, how))
}

/// Runs `convert`.
pub fn run(options: &ConvertArgs) -> Result<Outcome> {
    let (summary, how) = convert(options)?;
    if options.json {
        let errors: Vec<_> = summary
            .errors
            .iter()
            .map(|e| json!({"row": e.row, "column": e.column, "message": e.message}))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({
                "produced": summary.produced,
                "skipped": summary.skipped,
                "validated_against": summary.profile,
                "secured": how,
                "errors": errors,
            }))?
        );
    } else {
        for e in &summary.errors {
            eprintln!("✗ {e}");
        }
        println!(
            "{} credential(s) produced ({how}, validated against {}), {} row(s) skipped",
            summary.produced, summary.profile, summary.skipped
        );
    }
    Ok(if summary.skipped > 0 {
        Outcome::Failed
    } else {
        Outcome::Ok
    })
}
