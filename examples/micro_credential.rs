//! Build a micro-credential with `edc-model`'s builder, print it as JSON-LD, and report which of
//! the EU Recommendation's information elements it carries.
//!
//! ```sh
//! cargo run -q -p edc-model --example micro_credential > micro-credential.jsonld
//! ```

use edc_model::{vocab, DateTime, Duration, MicroCredentialBuilder, MicroCredentialReport};

fn main() -> Result<(), String> {
    let credential = MicroCredentialBuilder::new("urn:credential:example-0001")
        .title("Introduction to Research Data Management")
        .learner("urn:epass:person:1", "Jonas", "Berg")
        .date_of_birth(DateTime::parse("2001-03-14")?)
        .issuer(
            "urn:epass:org:1",
            "Example Open University",
            "BE-0123456789",
            vocab::country("BEL", "Belgium"),
        )
        .issued(DateTime::parse("2026-06-30T10:00:00+02:00")?)
        .learning_outcome(
            "Plan the data management of a small research project",
            Some(vocab::esco_skill(
                "http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11",
                "manage findable accessible interoperable and reusable data",
            )),
        )
        .ects("2")
        .volume_of_learning(Duration::parse("PT50H")?)
        .eqf_level(6)
        .assessment_type(vocab::assessment::artefact())
        .mode(vocab::mode::blended())
        .quality_assurance(
            "Institutional accreditation",
            "Example Accreditation Council",
            vocab::country("BEL", "Belgium"),
        )
        .grade("Pass")
        .build()?;

    let json = serde_json::to_string_pretty(&credential).map_err(|e| e.to_string())?;
    println!("{json}");

    let report = MicroCredentialReport::for_credential(&credential);
    for status in &report.elements {
        eprintln!(
            "{} {:>2} {}",
            if status.is_present() {
                "present"
            } else {
                "missing"
            },
            status.element.number(),
            status.element.name()
        );
    }
    Ok(())
}
