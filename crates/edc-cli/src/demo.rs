//! `edc demo`: the README's first command. Builds a micro-credential with the model's builder,
//! writes it, reads it back and inspects it. Later issues extend it to convert → sign → verify.

use crate::{inspect, Outcome};
use anyhow::{Context, Result};
use edc_model::{DateTime, MicroCredentialBuilder};
use std::path::PathBuf;

/// Runs the demo.
pub fn run(out: Option<PathBuf>, json: bool) -> Result<Outcome> {
    let dir = match out {
        Some(dir) => dir,
        None => std::env::temp_dir().join(format!("edc-demo-{}", std::process::id())),
    };
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .context("the system clock is before 1970")?
        .as_secs();
    let issued = DateTime::from_unix_seconds(i64::try_from(now)?);
    let credential =
        MicroCredentialBuilder::example("urn:credential:edc-demo-0001", "urn:epass:org:1", issued)
            .build()
            .map_err(anyhow::Error::msg)?;
    let path = dir.join("micro-credential.jsonld");
    let text = serde_json::to_string_pretty(&credential)?;
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
    if !json {
        println!("edc demo: built a micro-credential with the model's builder and wrote it to");
        println!("  {}\n", path.display());
    }
    inspect::run(&path, json)
}
