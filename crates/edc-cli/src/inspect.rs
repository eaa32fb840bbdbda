//! `edc inspect FILE`: what the file is and what it claims.

use crate::text;
use crate::Outcome;
use anyhow::{Context, Result};
use edc_model::{Document, Summary};
use std::io::Read;
use std::path::Path;

/// Reads a file (or standard input for `-`).
pub fn read_input(file: &Path) -> Result<Vec<u8>> {
    if file == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        return Ok(bytes);
    }
    std::fs::read(file).with_context(|| format!("cannot read {}", file.display()))
}

/// Runs `inspect`.
pub fn run(file: &Path, json: bool) -> Result<Outcome> {
    let bytes = read_input(file)?;
    let document = Document::from_slice(&bytes)
        .with_context(|| format!("{} is not a document edc can read", file.display()))?;
    let summary = Summary::of(&document, "en");
    if json {
        let mut value = serde_json::to_value(&summary)?;
        value["file"] = serde_json::Value::String(file.display().to_string());
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        print!("{}", text::render(&file.display().to_string(), &summary));
    }
    Ok(Outcome::Ok)
}
