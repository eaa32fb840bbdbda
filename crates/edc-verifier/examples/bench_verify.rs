//! Full verification time per sealed EU sample (parse, RDF, SHACL with the profile's shapes
//! preloaded, seal with chain, time-stamps and OCSP), at the seal's signing time, on the
//! caller's thread (the verifier starts none).
//!
//! `cargo run --release -p edc-verifier --example bench_verify -- ../shared [NAME-FILTER]`
//!
//! With `--throughput` (NAME-FILTER `""` for all): the sealed samples verified over and over
//! for 4 s by one worker, then by as many workers as cores, and each rate against one worker's
//! rate times the workers.

use edc_model::{DateTime, Document};
use edc_seal::{seal_certificates_der, verify_seal, TrustStore};
use edc_verifier::Verifier;
use std::path::PathBuf;
use std::time::Instant;

// As the edc binary does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let shared = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "../shared".into()),
    );
    let mut files = Vec::new();
    for folder in ["elm-2023", "elm-support-2024"] {
        for entry in std::fs::read_dir(shared.join("europass/samples").join(folder)).unwrap() {
            let path = entry.unwrap().path();
            let wanted = std::env::args().nth(2).unwrap_or_default();
            let name = path.to_string_lossy().to_string();
            if name.ends_with("-signed.jsonld") && name.contains(&wanted) {
                files.push(path);
            }
        }
    }
    files.sort();
    let mut store = TrustStore::new();
    for file in &files {
        if let Ok(Document::Sealed(sealed)) = Document::from_slice(&std::fs::read(file).unwrap()) {
            for der in seal_certificates_der(&sealed) {
                if der.windows(18).any(|w| w == b"ANF Global Root CA") {
                    store.add_der(&der).unwrap();
                }
            }
        }
    }
    if std::env::args().any(|a| a == "--throughput") {
        throughput(&shared, &files, &store);
        return;
    }
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let Ok(Document::Sealed(sealed)) = Document::from_slice(&bytes) else {
            continue;
        };
        let signed = verify_seal(&sealed, 0, None)[0]
            .signing_time
            .clone()
            .unwrap();
        let at = DateTime::parse(&signed).unwrap().unix_seconds();
        {
            let verifier = Verifier::builder()
                .trust_store(store.clone())
                .shapes_dir(shared.join("europass/shacl"))
                .at(at)
                .build();
            let first = verifier.verify(&bytes); // loads the profile's shapes once
            let runs = 50;
            let mut times = Vec::with_capacity(runs);
            for _ in 0..runs {
                let start = Instant::now();
                std::hint::black_box(verifier.verify(&bytes));
                times.push(start.elapsed().as_secs_f64());
            }
            times.sort_by(f64::total_cmp);
            println!(
                "{}: {:.2} ms per verification (median of {runs}; fastest {:.2} ms), verdict {:?}",
                file.file_name().unwrap().to_string_lossy(),
                times[runs / 2] * 1e3,
                times[0] * 1e3,
                first.verdict()
            );
        }
    }
}

/// Throughput with every core busy, as a server sees it: one worker per core, each verifying
/// the sealed samples in turn for a few seconds with its own verifier, after one worker alone.
/// Prints verifications per second for each, measured in the same run.
fn throughput(shared: &std::path::Path, files: &[PathBuf], store: &TrustStore) {
    let samples: Vec<(Vec<u8>, i64)> = files
        .iter()
        .filter_map(|file| {
            let bytes = std::fs::read(file).unwrap();
            let Ok(Document::Sealed(sealed)) = Document::from_slice(&bytes) else {
                return None;
            };
            let signed = verify_seal(&sealed, 0, None)[0].signing_time.clone()?;
            Some((bytes, DateTime::parse(&signed).unwrap().unix_seconds()))
        })
        .collect();
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let seconds = 4.0;
    for round in 0..2 {
        let mut one = 0.0;
        for workers in [1, workers] {
            let done = std::sync::atomic::AtomicUsize::new(0);
            std::thread::scope(|scope| {
                for _ in 0..workers {
                    scope.spawn(|| {
                        let verifiers: Vec<Verifier> = samples
                            .iter()
                            .map(|(_, at)| {
                                Verifier::builder()
                                    .trust_store(store.clone())
                                    .shapes_dir(shared.join("europass/shacl"))
                                    .at(*at)
                                    .build()
                            })
                            .collect();
                        for (v, (bytes, _)) in verifiers.iter().zip(&samples) {
                            v.verify(bytes); // shapes loaded
                        }
                        let start = Instant::now();
                        let mut count = 0;
                        while start.elapsed().as_secs_f64() < seconds {
                            for (v, (bytes, _)) in verifiers.iter().zip(&samples) {
                                std::hint::black_box(v.verify(bytes));
                                count += 1;
                            }
                        }
                        done.fetch_add(count, std::sync::atomic::Ordering::Relaxed);
                    });
                }
            });
            let rate = done.load(std::sync::atomic::Ordering::Relaxed) as f64 / seconds;
            if workers == 1 {
                one = rate;
            }
            println!(
                "round {}: {workers} worker(s): {rate:.0} verifications/s ({:.2} x one worker's rate x {workers})",
                round + 1,
                rate / (one * workers as f64)
            );
        }
    }
}
