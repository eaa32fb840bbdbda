//! Every EU sample validated against the profile its `credentialSchema` names, as pySHACL does
//! in `shared/europass/expected/shacl-pyshacl.json`: the same `conforms` and the same set of
//! (focus node, path, constraint component, severity).
//!
//! The accredited samples' `dateModified` values are relative IRI references (the published
//! context coerces `dateModified` to `@id`). rdflib keeps them as IRIs and pySHACL reports a
//! datatype violation for each; a spec-conformant JSON-LD conversion without a base drops them.
//! Converting with the file's URL as base keeps them as (resolved) IRIs, which reaches pySHACL's
//! verdict for the reason it gives.

use edc_context::{DocumentLoader, JsonLdProcessor, ToRdfOptions};
use edc_model::Document;
use edc_shacl::{validate, Graph, Profile};
use edc_testkit::shared_dir;
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

type Row = (String, String, String, String);

#[test]
fn eu_samples_get_pyshacls_verdicts() {
    let Some(shared) = shared_dir() else { return };
    let oracle: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(shared.join("europass/expected/shacl-pyshacl.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(oracle.len(), 17);
    let processor = JsonLdProcessor::new(DocumentLoader::new());
    let mut shapes = HashMap::new();
    let mut failures = Vec::new();
    for case in &oracle {
        let file = shared.join(case["file"].as_str().unwrap());
        let profile = Profile::from_id(case["profile"].as_str().unwrap()).unwrap();
        let shapes = shapes
            .entry(profile)
            .or_insert_with(|| profile.load(&shared.join("europass/shacl")).unwrap());
        let document = Document::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        // The profile our registry picks from credentialSchema is the oracle's.
        let named = Profile::named_by(&document.json_ld()).unwrap_or(Profile::GenericFull);
        assert_eq!(named, profile, "{}", file.display());
        let options = ToRdfOptions {
            base: Some(format!("file://{}", file.display())),
            ..ToRdfOptions::lenient()
        };
        let rdf = processor.to_rdf(&document.json_ld(), &options).unwrap();
        let data = Graph::from_dataset(&rdf.dataset);
        let report = validate(&data, shapes);
        // pySHACL's report holds sh:node details as results too; the oracle lists them all.
        let ours: BTreeSet<Row> = report
            .results
            .iter()
            .flat_map(|r| r.flatten())
            .map(|r| {
                (
                    match &r.focus_node {
                        edc_context::Term::Iri(i) => i.to_string(),
                        _ => "_:".into(),
                    },
                    r.path
                        .as_ref()
                        .and_then(|p| p.predicate().map(String::from))
                        .unwrap_or_default(),
                    r.component.rsplit('#').next().unwrap().to_string(),
                    r.severity.rsplit('#').next().unwrap().to_string(),
                )
            })
            .collect();
        let expected: BTreeSet<Row> = case["results"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["focusNode"].as_str().unwrap().to_string(),
                    r["path"].as_str().unwrap_or("").to_string(),
                    r["component"].as_str().unwrap().to_string(),
                    r["severity"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        let triples = data.len() as u64;
        if report.conforms != case["conforms"].as_bool().unwrap() || ours != expected {
            failures.push(format!(
                "{}: conforms {} ({} expected), {triples} triples ({} expected)\n  ours: {ours:?}\n  expected: {expected:?}",
                case["file"], report.conforms, case["conforms"], case["triples"]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The built-in essentials find, on every EU sample, exactly the oracle's results about the
/// properties they check (issuer, issued, validFrom, credentialSubject, credentialProfiles,
/// displayParameter, credentialSchema, and the issuer's eidasLegalIdentifier).
#[test]
fn essentials_agree_with_pyshacl_on_the_properties_they_check() {
    let Some(shared) = shared_dir() else { return };
    let oracle: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(shared.join("europass/expected/shacl-pyshacl.json")).unwrap(),
    )
    .unwrap();
    let checked = [
        "https://www.w3.org/2018/credentials#issuer",
        "https://www.w3.org/2018/credentials#issued",
        "https://www.w3.org/2018/credentials#validFrom",
        "https://www.w3.org/2018/credentials#credentialSubject",
        "https://www.w3.org/2018/credentials#credentialSchema",
        "http://data.europa.eu/snb/model/elm/credentialProfiles",
        "http://data.europa.eu/snb/model/elm/displayParameter",
        "http://data.europa.eu/snb/model/elm/eidasLegalIdentifier",
    ];
    let essentials = edc_shacl::essentials();
    let processor = JsonLdProcessor::new(DocumentLoader::new());
    let mut compared = 0;
    for case in &oracle {
        let file = shared.join(case["file"].as_str().unwrap());
        let document = Document::from_slice(&std::fs::read(&file).unwrap()).unwrap();
        let rdf = processor
            .to_rdf(&document.json_ld(), &ToRdfOptions::lenient())
            .unwrap();
        let report = validate(&Graph::from_dataset(&rdf.dataset), &essentials);
        let ours: BTreeSet<(String, String)> = report
            .results
            .iter()
            .flat_map(|r| r.flatten())
            .filter(|r| !r.component.ends_with("#NodeConstraintComponent"))
            .map(|r| {
                (
                    match &r.focus_node {
                        edc_context::Term::Iri(i) => i.to_string(),
                        _ => "_:".into(),
                    },
                    r.path
                        .as_ref()
                        .and_then(|p| p.predicate().map(String::from))
                        .unwrap_or_default(),
                )
            })
            .collect();
        let expected: BTreeSet<(String, String)> = case["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["component"] != "NodeConstraintComponent")
            .filter(|r| checked.contains(&r["path"].as_str().unwrap_or("")))
            .map(|r| {
                (
                    r["focusNode"].as_str().unwrap().to_string(),
                    r["path"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        assert_eq!(ours, expected, "{}", case["file"]);
        compared += expected.len();
    }
    assert!(
        compared >= 10,
        "the oracle has results on these properties: {compared}"
    );
}
