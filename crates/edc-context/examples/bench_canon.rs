//! Benchmark: JSON-LD → RDF → RDFC-1.0 canonical N-Quads for each EU sample, in milliseconds per
//! document, next to jsonld.js (the reference peer) measured in the same run.
//!
//! ```sh
//! cargo run --release -p edc-context --example bench_canon -- [SHARED_DIR] [--peer PEER_DIR] [--runs N]
//! ```
//! `PEER_DIR` is a copy of `shared/tools/peers/node` where `npm ci` has run.

use edc_context::{canonicalize, CanonOptions, JsonLdProcessor, ToRdfOptions};
use edc_model::Document;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

// As the edc binary does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut shared = PathBuf::from("../shared");
    let mut peer: Option<PathBuf> = None;
    let mut runs = 50usize;
    let mut only: Option<String> = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--peer" => peer = args.next().map(PathBuf::from),
            "--only" => only = args.next(),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            other => shared = PathBuf::from(other),
        }
    }
    let shared =
        std::fs::canonicalize(&shared).unwrap_or_else(|e| panic!("{}: {e}", shared.display()));
    let mut files = Vec::new();
    for folder in ["elm-2023", "elm-support-2024"] {
        let dir = shared.join("europass/samples").join(folder);
        let mut names: Vec<PathBuf> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json" || x == "jsonld"))
            .collect();
        names.sort();
        files.extend(names);
    }
    if let Some(only) = &only {
        files.retain(|f| f.to_string_lossy().contains(only.as_str()));
    }
    let peer_ms = peer
        .as_deref()
        .map(|p| peer_times(p, &shared, &files))
        .unwrap_or_default();

    let processor = JsonLdProcessor::default();
    println!(
        "{:<52} {:>7} {:>10} {:>10} {:>12} {:>8}",
        "sample", "quads", "edc ms", "cold ms", "jsonld.js ms", "ratio"
    );
    for file in &files {
        let document = Document::from_slice(&std::fs::read(file).unwrap())
            .unwrap()
            .json_ld();
        let started = Instant::now();
        let first = JsonLdProcessor::default()
            .to_rdf(&document, &ToRdfOptions::lenient())
            .unwrap();
        canonicalize(&first.dataset, CanonOptions::default()).unwrap();
        let cold = started.elapsed().as_secs_f64() * 1000.0;
        let mut samples = Vec::with_capacity(runs);
        for _ in 0..runs {
            let t = Instant::now();
            let rdf = processor
                .to_rdf(&document, &ToRdfOptions::lenient())
                .unwrap();
            let canonical = canonicalize(&rdf.dataset, CanonOptions::default()).unwrap();
            samples.push(t.elapsed().as_secs_f64() * 1000.0);
            std::hint::black_box(canonical);
        }
        let ours = median(samples);
        let quads = first.dataset.quads.len();
        if std::env::var_os("BENCH_SPLIT").is_some() {
            let t = Instant::now();
            for _ in 0..runs {
                processor
                    .to_rdf(&document, &ToRdfOptions::lenient())
                    .unwrap();
            }
            let rdf_ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
            let t = Instant::now();
            let text = serde_json::to_string(&document).unwrap();
            for _ in 0..runs {
                let _: serde_json::Value = serde_json::from_str(&text).unwrap();
            }
            let parse_ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
            eprintln!(
                "  to_rdf {rdf_ms:.3} ms, JSON parse {parse_ms:.3} ms, blank nodes {}",
                first
                    .dataset
                    .quads
                    .iter()
                    .filter(|q| matches!(q.subject, edc_context::Term::Blank(_)))
                    .count()
            );
        }
        let name = format!(
            "{}/{}",
            file.parent()
                .unwrap()
                .file_name()
                .unwrap()
                .to_string_lossy(),
            file.file_name().unwrap().to_string_lossy()
        );
        let theirs = peer_ms.iter().find(|(f, _)| f == file).map(|(_, ms)| *ms);
        println!(
            "{name:<52} {quads:>7} {ours:>10.3} {cold:>10.3} {:>12} {:>8}",
            theirs.map_or("-".into(), |t| format!("{t:.2}")),
            theirs.map_or("-".into(), |t| format!("{:.0}x", t / ours)),
        );
    }
}

/// Runs `node canonize.mjs --time 20` on the files and reads the median milliseconds per file.
fn peer_times(peer: &Path, shared: &Path, files: &[PathBuf]) -> Vec<(PathBuf, f64)> {
    let output = Command::new("node")
        .arg("canonize.mjs")
        .args(["--time", "20"])
        .args(files)
        .env("PEER_SHARED_DIR", std::fs::canonicalize(shared).unwrap())
        .current_dir(peer)
        .output()
        .expect("node runs");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let file = line.split(' ').next()?;
            let ms = line
                .rsplit("ms_per_canonize=")
                .next()?
                .trim()
                .parse()
                .ok()?;
            Some((PathBuf::from(file), ms))
        })
        .collect()
}
