//! The canonical N-Quads of every EU sample equal the jsonld.js oracle in
//! `shared/europass/expected/canonical-nquads`, with the official edc-ap context and with ours.

use edc_context::{
    canonicalize, CanonOptions, DocumentLoader, FoldedJson, JsonLdProcessor, RdfOutput,
    ToRdfOptions, EDC_AP_CONTEXT_IRI,
};
use edc_testkit::{files_in, shared_dir};
use serde_json::{json, Value};
use std::path::Path;

/// The JSON-LD document a sample file holds: a sealed file's payload, an upload wrapper's
/// credential (with the two EDC contexts when it has none), or the file itself.
fn jsonld_of(path: &Path) -> Value {
    let value: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    if let Some(payload) = value.get("payload").and_then(Value::as_str) {
        return serde_json::from_str(payload).unwrap();
    }
    if let Some(credential) = value.get("credential") {
        let mut credential = credential.clone();
        if credential.get("@context").is_none() {
            credential["@context"] =
                json!(["https://www.w3.org/2018/credentials/v1", EDC_AP_CONTEXT_IRI]);
        }
        return credential;
    }
    value
}

/// The sample's JSON-LD read from its text as [`FoldedJson`] does, the text being a sealed
/// file's payload as signed (or the document written out).
fn folded_of(path: &Path) -> FoldedJson {
    let value: Value = serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap();
    let text = match value.get("payload").and_then(Value::as_str) {
        Some(payload) => payload.to_string(),
        None => serde_json::to_string_pretty(&jsonld_of(path)).unwrap(),
    };
    FoldedJson::parse(&text).unwrap()
}

/// The sample's dataset, read as written or folded.
fn to_rdf(
    processor: &JsonLdProcessor,
    path: &Path,
    folded: bool,
    options: &ToRdfOptions,
) -> Result<RdfOutput, edc_context::JsonLdError> {
    if folded {
        processor.to_rdf_folded(&folded_of(path), options)
    } else {
        processor.to_rdf(&jsonld_of(path), options)
    }
}

fn check_corpus(processor: &JsonLdProcessor, label: &str, folded: bool) {
    let Some(shared) = shared_dir() else { return };
    let expected_dir = shared.join("europass/expected/canonical-nquads");
    let mut checked = 0;
    let mut failures = Vec::new();
    for folder in ["elm-2023", "elm-support-2024"] {
        for file in files_in(
            &shared.join("europass/samples").join(folder),
            &[".json", ".jsonld"],
        ) {
            let stem = file.file_stem().unwrap().to_str().unwrap();
            let expected_path = expected_dir.join(format!("{folder}--{stem}.nq"));
            let expected = std::fs::read_to_string(&expected_path)
                .unwrap_or_else(|e| panic!("{}: {e}", expected_path.display()));
            let output = match to_rdf(processor, &file, folded, &ToRdfOptions::lenient()) {
                Ok(o) => o,
                Err(e) => {
                    failures.push(format!("{folder}/{stem}: {e}"));
                    continue;
                }
            };
            let canonical = canonicalize(&output.dataset, CanonOptions::default()).unwrap();
            if canonical.nquads != expected {
                let ours: std::collections::BTreeSet<&str> = canonical.nquads.lines().collect();
                let theirs: std::collections::BTreeSet<&str> = expected.lines().collect();
                let extra: Vec<_> = ours.difference(&theirs).take(3).collect();
                let missing: Vec<_> = theirs.difference(&ours).take(3).collect();
                failures.push(format!(
                    "{folder}/{stem}: {} quads vs {} expected; extra {extra:?}; missing {missing:?}",
                    ours.len(),
                    theirs.len()
                ));
            }
            checked += 1;
        }
    }
    eprintln!("{label}: {checked} samples compared");
    assert!(failures.is_empty(), "{label}:\n{}", failures.join("\n"));
    assert_eq!(checked, 17);
}

/// A processor with the official edc-ap context file.
fn official(shared: &Path) -> JsonLdProcessor {
    let loader = DocumentLoader::new().with_file(
        EDC_AP_CONTEXT_IRI,
        shared.join("europass/contexts/edc-ap-context.jsonld"),
    );
    JsonLdProcessor::new(loader)
}

#[test]
fn official_context_matches_the_jsonld_js_oracle() {
    let Some(shared) = shared_dir() else { return };
    check_corpus(&official(&shared), "official edc-ap context", false);
}

/// Read with its repeated node copies folded, each sample still gives the oracle's dataset.
#[test]
fn folded_samples_match_the_jsonld_js_oracle() {
    let Some(shared) = shared_dir() else { return };
    check_corpus(&official(&shared), "folded", true);
    // The comparison means something: the large samples are folded.
    let samples = shared.join("europass/samples/elm-support-2024");
    for name in [
        "Sample-TranscriptOfRecords-signed.jsonld",
        "Sample-JointDegree-signed.jsonld",
        "Sample-MastersDegree-signed.jsonld",
    ] {
        assert!(folded_of(&samples.join(name)).copies() > 10, "{name}");
    }
}

#[test]
fn the_traps_in_the_eu_files_are_reported() {
    let Some(shared) = shared_dir() else { return };
    let processor = official(&shared);
    let samples = shared.join("europass/samples");

    // credential-sample.jsonld: `eIDASΙdentifier` with a Greek capital iota is an undefined term.
    let document = jsonld_of(&samples.join("elm-2023/credential-sample.jsonld"));
    let strict = processor
        .to_rdf(&document, &ToRdfOptions::strict())
        .unwrap_err();
    assert_eq!(strict.code(), edc_context::ErrorCode::UndefinedTerm);
    assert_eq!(strict.pointer(), "/issuer/eIDAS\u{399}dentifier");
    assert!(
        strict.message().contains("did you mean `eIDASIdentifier`?"),
        "{strict}"
    );
    let lenient = processor
        .to_rdf(&document, &ToRdfOptions::lenient())
        .unwrap();
    assert_eq!(lenient.findings.len(), 1, "{:?}", lenient.findings);
    assert_eq!(
        lenient.findings[0].suggestion.as_deref(),
        Some("eIDASIdentifier")
    );

    // JointDegree and MastersDegree: `dateModified` holds dates where the context says IRI; each
    // dropped value is reported (three per file, the count pySHACL reports as violations).
    for file in [
        "elm-support-2024/Sample-JointDegree-signed.jsonld",
        "elm-support-2024/Sample-MastersDegree-unsigned.json",
    ] {
        let document = jsonld_of(&samples.join(file));
        let output = processor
            .to_rdf(&document, &ToRdfOptions::lenient())
            .unwrap();
        // Read folded, the same findings at the same places.
        let folded = to_rdf(
            &processor,
            &samples.join(file),
            true,
            &ToRdfOptions::lenient(),
        );
        let pointers = |o: &RdfOutput| -> Vec<String> {
            o.findings.iter().map(|f| f.pointer.clone()).collect()
        };
        assert_eq!(pointers(&folded.unwrap()), pointers(&output), "{file}");
        let dropped: Vec<_> = output
            .findings
            .iter()
            .filter(|f| {
                f.kind == edc_context::FindingKind::RelativeIriReference
                    && f.pointer.ends_with("/dateModified")
            })
            .collect();
        assert_eq!(dropped.len(), 3, "{file}: {:?}", output.findings);
        assert_eq!(output.findings.len(), 3, "{file}: {:?}", output.findings);
        let strict = processor
            .to_rdf(&document, &ToRdfOptions::strict())
            .unwrap_err();
        assert_eq!(strict.code(), edc_context::ErrorCode::RelativeIriReference);
    }
}

#[test]
fn our_context_matches_the_jsonld_js_oracle() {
    // The bundled registry serves the project's own mapping for the official IRI.
    check_corpus(
        &JsonLdProcessor::default(),
        "the project's edc-ap mapping",
        false,
    );
}

#[test]
fn ebsi_examples_redefine_a_protected_term() {
    // shared/README.md: the EBSI examples redefine the protected VC 2.0 term `description` in an
    // inline context, which a JSON-LD 1.1 processor must reject.
    let Some(shared) = shared_dir() else { return };
    let processor = JsonLdProcessor::default();
    let files = files_in(&shared.join("europass/samples/ebsi-vcdm2"), &[".json"]);
    let credentials: Vec<_> = files
        .iter()
        .filter(|f| !f.ends_with("europass-edc-schema.json"))
        .collect();
    assert_eq!(credentials.len(), 6);
    for file in credentials {
        let error = processor
            .to_rdf(&jsonld_of(file), &ToRdfOptions::lenient())
            .unwrap_err();
        assert_eq!(
            error.code(),
            edc_context::ErrorCode::ProtectedTermRedefinition,
            "{}: {error}",
            file.display()
        );
        assert!(error.to_string().contains("description"), "{error}");
    }
}
