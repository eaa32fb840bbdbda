//! `edc demo`: the README's first command. Builds a micro-credential with the model's builder,
//! writes it, reads it back and inspects it. Later issues extend it to convert → sign → verify.

use crate::{inspect, Outcome};
use anyhow::{Context, Result};
use edc_model::{vocab, DateTime, Duration, MicroCredentialBuilder};
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
    let credential = MicroCredentialBuilder::new("urn:credential:edc-demo-0001")
        .title("Data Literacy for Educators")
        .description("Awarded on completing the online micro-course and its written examination.")
        .learner("urn:epass:person:1", "Ana", "Andromeda")
        .date_of_birth(DateTime::parse("1999-10-02").map_err(anyhow::Error::msg)?)
        .national_id("IT-12345678", vocab::country("ITA", "Italy"))
        .issuer(
            "urn:epass:org:1",
            "Digital Skills Academy",
            "IE-9876543W",
            vocab::country("IRL", "Ireland"),
        )
        .issued(issued)
        .learning_outcome(
            "Keep class data sets findable, accessible, interoperable and reusable",
            Some(vocab::esco_skill(
                "http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11",
                "manage findable accessible interoperable and reusable data",
            )),
        )
        .learning_outcome(
            "Judge the reliability of a data source and explain its limits to learners",
            Some(vocab::esco_skill(
                "http://data.europa.eu/esco/skill/db33c0f3-43ee-4ba3-ba47-9269ac837697",
                "critically evaluate information and its sources",
            )),
        )
        .ects("3")
        .volume_of_learning(Duration::parse("PT75H").map_err(anyhow::Error::msg)?)
        .eqf_level(5)
        .assessment_type(vocab::assessment::written_examination())
        .supervision(vocab::supervision::supervised_with_id())
        .mode(vocab::mode::online())
        .grade("Pass with distinction")
        .quality_assurance(
            "Programme accreditation of the micro-course",
            "Example Quality Assurance Agency",
        )
        .prerequisites("A first degree or two years of teaching practice")
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
