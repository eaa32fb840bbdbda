//! Validation time per EU sample with the profile's shapes preloaded, next to pySHACL's.
//!
//! `cargo run --release -p edc-shacl --example bench_shacl -- ../shared [--python PY]`
//!
//! Without `--python`, pySHACL's figure is `pyshacl_seconds` from
//! `shared/europass/expected/shacl-pyshacl.json`; with it, `shared/tools/shacl_oracle.py` runs
//! now, in the same session, each file three times (the best time is taken: the first run of a
//! profile pays for warm-up).

use edc_context::{DocumentLoader, JsonLdProcessor, ToRdfOptions};
use edc_model::Document;
use edc_shacl::{validate, Graph, Profile};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const FILES: [&str; 4] = [
    "europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld",
    "europass/samples/elm-support-2024/Sample-JointDegree-signed.jsonld",
    "europass/samples/elm-support-2024/Sample-TranscriptOfRecords-signed.jsonld",
    "europass/samples/elm-2023/Sample-MC-Annex1-signed.jsonld",
];

fn pyshacl_live(python: &str, shared: &Path, file: &str) -> Option<f64> {
    let path = shared.join(file);
    let output = Command::new(python)
        .arg(shared.join("tools/shacl_oracle.py"))
        .arg(shared)
        .args([&path, &path, &path])
        .output()
        .ok()?;
    let runs: Vec<Value> = serde_json::from_slice(&output.stdout).ok()?;
    runs.iter()
        .filter_map(|r| r["pyshacl_seconds"].as_f64())
        .min_by(f64::total_cmp)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let shared = PathBuf::from(args.first().map(String::as_str).unwrap_or("../shared"));
    let python = args
        .iter()
        .position(|a| a == "--python")
        .and_then(|i| args.get(i + 1));
    let oracle: Vec<Value> = serde_json::from_str(
        &std::fs::read_to_string(shared.join("europass/expected/shacl-pyshacl.json"))
            .expect("the pySHACL oracle file"),
    )
    .unwrap();
    let processor = JsonLdProcessor::new(DocumentLoader::new());
    for file in FILES {
        let case = oracle
            .iter()
            .find(|c| c["file"] == file)
            .expect("in the oracle");
        let profile = Profile::from_id(case["profile"].as_str().unwrap()).unwrap();
        let shapes = profile.load(&shared.join("europass/shacl")).unwrap();
        let path = shared.join(file);
        let document = Document::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let options = ToRdfOptions {
            base: Some(format!("file://{}", path.display())),
            ..ToRdfOptions::lenient()
        };
        let dataset = processor
            .to_rdf(&document.json_ld(), &options)
            .unwrap()
            .dataset;
        let runs = 200;
        let mut times = Vec::with_capacity(runs);
        for _ in 0..runs {
            let start = Instant::now();
            let graph = Graph::from_dataset(&dataset);
            let report = validate(&graph, &shapes);
            std::hint::black_box(report.conforms);
            times.push(start.elapsed().as_secs_f64());
        }
        times.sort_by(f64::total_cmp);
        let ours = times[runs / 2];
        let (theirs, source) = match python.and_then(|p| pyshacl_live(p, &shared, file)) {
            Some(t) => (t, "pySHACL now"),
            None => (
                case["pyshacl_seconds"].as_f64().unwrap(),
                "pySHACL (oracle file)",
            ),
        };
        let name = Path::new(file).file_name().unwrap().to_string_lossy();
        println!(
            "{name} ({}, {} triples): edc {:.3} ms (graph + validation, median of {runs}); {source} {:.1} ms; {:.0}x",
            profile.id(),
            case["triples"],
            ours * 1e3,
            theirs * 1e3,
            theirs / ours
        );
    }
}
