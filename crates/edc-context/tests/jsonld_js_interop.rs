//! Interop with jsonld.js (the reference implementation, run by the peer in
//! `shared/tools/peers/node`): on a corpus of W3C, Open Badges and citizenship documents, our
//! canonical N-Quads equal jsonld.js's, and we refuse what it refuses. Both sides get the same
//! contexts from `shared`.

use edc_context::{canonicalize, CanonOptions, DocumentLoader, JsonLdProcessor, ToRdfOptions};
use edc_testkit::{files_in, node_peer, shared_dir, workspace_root};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// Contexts both sides need beyond the bundled ones: IRI → path under `shared/vectors`.
const EXTRA_CONTEXTS: &[(&str, &str)] = &[
    (
        "https://w3id.org/citizenship/v1",
        "w3c-ccg+citizenship-vocab/contexts/citizenship-v1.jsonld",
    ),
    (
        "https://w3id.org/citizenship/v2",
        "w3c-ccg+citizenship-vocab/contexts/citizenship-v2.jsonld",
    ),
    (
        "https://w3id.org/citizenship/v3",
        "w3c-ccg+citizenship-vocab/contexts/citizenship-v3.jsonld",
    ),
    (
        "https://w3id.org/citizenship/v4rc1",
        "w3c-ccg+citizenship-vocab/contexts/citizenship-v4rc1.jsonld",
    ),
    (
        "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
        "1EdTech+openbadges-specification/ob_v3p0/context-3.0.3.json",
    ),
];

/// The corpus: folders under `shared/vectors` and the file endings to take.
const CORPUS: &[(&str, &[&str])] = &[
    ("w3c+vc-data-model-2.0-test-suite/tests/input", &[".json"]),
    ("derived/w3c-vcdm2-rec-signed-examples", &[".json"]),
    ("derived/1EdTech-ob3-examples", &[".json"]),
    ("w3c-ccg+citizenship-vocab/examples", &[".jsonld"]),
    // EBSI's examples redefine the protected VC 2.0 term `description`: both must refuse them.
    (
        "../europass/samples/ebsi-vcdm2",
        &[
            "-credential.json",
            "Diploma.json",
            "Generic.json",
            "Completion.json",
            "business.json",
            "generic.json",
        ],
    ),
];

#[test]
fn canonical_nquads_equal_jsonld_js() {
    let Some(shared) = shared_dir() else { return };
    let Some(peer) = node_peer() else { return };
    let vectors = shared.join("vectors");

    // The peer reads extra contexts from a folder with a contexts.json map.
    let context_dir =
        std::env::temp_dir().join(format!("edc-interop-contexts-{}", std::process::id()));
    std::fs::create_dir_all(&context_dir).unwrap();
    let mut map = serde_json::Map::new();
    let mut loader = DocumentLoader::new();
    for (i, (iri, path)) in EXTRA_CONTEXTS.iter().enumerate() {
        let name = format!("context-{i}.jsonld");
        std::fs::copy(vectors.join(path), context_dir.join(&name)).unwrap();
        map.insert(iri.to_string(), Value::String(name));
        loader = loader.with_file(*iri, vectors.join(path));
    }
    std::fs::write(
        context_dir.join("contexts.json"),
        serde_json::to_string(&map).unwrap(),
    )
    .unwrap();
    std::fs::copy(
        workspace_root().join("tests/peers/canonize-many.mjs"),
        peer.join("canonize-many.mjs"),
    )
    .unwrap();

    let mut files: Vec<PathBuf> = Vec::new();
    for (folder, endings) in CORPUS {
        files.extend(files_in(&vectors.join(folder), endings));
    }
    let output = Command::new("node")
        .arg("canonize-many.mjs")
        .args(&files)
        .env("PEER_SHARED_DIR", &shared)
        .env("PEER_CONTEXT_DIRS", &context_dir)
        .current_dir(&peer)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let theirs: BTreeMap<String, Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let v: Value = serde_json::from_str(line).unwrap();
            (v["file"].as_str().unwrap().to_string(), v)
        })
        .collect();

    let processor = JsonLdProcessor::new(loader);
    let (mut same, mut both_refuse, mut differences) = (0, 0, Vec::new());
    for file in &files {
        let peer_result = &theirs[file.to_str().unwrap()];
        let document: Result<Value, _> =
            serde_json::from_str(&std::fs::read_to_string(file).unwrap());
        let ours = document
            .map_err(|e| e.to_string())
            .and_then(|d| {
                processor
                    .to_rdf(&d, &ToRdfOptions::lenient())
                    .map_err(|e| e.to_string())
            })
            .and_then(|rdf| {
                canonicalize(&rdf.dataset, CanonOptions::default()).map_err(|e| e.to_string())
            });
        match (ours, peer_result.get("nquads").and_then(Value::as_str)) {
            (Ok(c), Some(nq)) if c.nquads == nq => same += 1,
            (Err(_), None) => both_refuse += 1,
            (ours, _) => differences.push(format!(
                "{}: ours {}, jsonld.js {}",
                file.display(),
                match &ours {
                    Ok(c) => format!("{} quads", c.nquads.lines().count()),
                    Err(e) => format!("error ({e})"),
                },
                peer_result
                    .get("nquads")
                    .and_then(Value::as_str)
                    .map_or_else(
                        || format!("error ({})", peer_result["error"]),
                        |nq| format!("{} quads", nq.lines().count())
                    ),
            )),
        }
    }
    std::fs::remove_dir_all(&context_dir).ok();
    eprintln!(
        "jsonld.js interop: {same} identical, {both_refuse} refused by both, {} different, of {}",
        differences.len(),
        files.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
