//! The `json-ld` crate (0.21) next to edc-context on the EU samples.

use edc_context::{
    canonicalize, parse_nquads, CanonOptions, DocumentLoader, JsonLdProcessor, ToRdfOptions,
};
use edc_model::Document;
use iref::IriBuf;
use json_ld::syntax::Parse;
use json_ld::JsonLdProcessor as _;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let shared = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared".into()),
    );
    let contexts = shared.join("europass/contexts");
    let mut loader: HashMap<IriBuf, json_ld::RemoteDocument> = HashMap::new();
    for (iri, file) in [
        (
            "https://www.w3.org/2018/credentials/v1",
            "credentials-v1.jsonld",
        ),
        (
            "http://data.europa.eu/snb/model/context/edc-ap",
            "edc-ap-context.jsonld",
        ),
    ] {
        let text = std::fs::read_to_string(contexts.join(file)).unwrap();
        let (value, _) = json_ld::syntax::Value::parse_str(&text).unwrap();
        let iri = IriBuf::new(iri.to_string()).unwrap();
        loader.insert(
            iri.clone(),
            json_ld::RemoteDocument::new(Some(iri), None, value),
        );
    }
    let ours = JsonLdProcessor::new(DocumentLoader::new());
    println!(
        "{:<58} {:>9} {:>9} {:>7}  json-ld crate result",
        "sample", "edc ms", "json-ld ms", "ratio"
    );
    for folder in ["elm-2023", "elm-support-2024"] {
        let dir = shared.join("europass/samples").join(folder);
        let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "json" || e == "jsonld"))
            .collect();
        files.sort();
        for file in files {
            compare(&shared, &file, folder, &ours, &loader);
        }
    }
}

fn compare(
    shared: &Path,
    file: &Path,
    folder: &str,
    ours: &JsonLdProcessor,
    loader: &HashMap<IriBuf, json_ld::RemoteDocument>,
) {
    let name = file.file_name().unwrap().to_string_lossy().to_string();
    let Ok(document) = Document::from_slice(&std::fs::read(file).unwrap()) else {
        return;
    };
    let json = document.json_ld();
    let text = json.to_string();
    let expected = shared
        .join("europass/expected/canonical-nquads")
        .join(format!("{folder}--{}.nq", name.rsplit_once('.').unwrap().0));
    let expected = std::fs::read_to_string(&expected).ok();

    let runs = 20;
    let mut edc_times = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let _ = ours.to_rdf(&json, &ToRdfOptions::lenient()).unwrap();
        edc_times.push(start.elapsed().as_secs_f64() * 1000.0);
    }
    let mut crate_times = Vec::new();
    let mut outcome = String::new();
    for i in 0..runs {
        let (value, _) = json_ld::syntax::Value::parse_str(&text).unwrap();
        let remote = json_ld::RemoteDocument::new(None, None, value);
        let mut generator = rdf_types::generator::Blank::new();
        let start = Instant::now();
        let result = futures::executor::block_on(remote.to_rdf(&mut generator, loader));
        let nquads = result.map(|mut rdf| {
            rdf.cloned_quads()
                .map(|q| format!("{q} .\n"))
                .collect::<String>()
        });
        crate_times.push(start.elapsed().as_secs_f64() * 1000.0);
        if i == 0 {
            outcome = match nquads {
                Err(e) => format!("error: {e}"),
                Ok(nq) => {
                    let dataset = parse_nquads(&nq).expect("json-ld's N-Quads parse");
                    let canonical = canonicalize(&dataset, CanonOptions::default())
                        .unwrap()
                        .nquads;
                    let oracle_quads = expected.as_deref().map(|e| e.lines().count()).unwrap_or(0);
                    match &expected {
                        Some(exp) if *exp == canonical => format!("{} quads, canonical form = the jsonld.js oracle", dataset.quads.len()),
                        Some(_) => format!("{} quads (oracle: {oracle_quads}), canonical form DIFFERS from the oracle", dataset.quads.len()),
                        None => format!("{} quads (no oracle file)", dataset.quads.len()),
                    }
                }
            };
        }
    }
    let (e, c) = (median(edc_times), median(crate_times));
    println!(
        "{:<58} {e:>9.3} {c:>9.3} {:>6.0}x  {outcome}",
        format!("{folder}/{name}"),
        c / e
    );
}
