//! Full verification time per sealed EU sample (parse, RDF, SHACL with the profile's shapes
//! preloaded, seal with chain, time-stamps and OCSP), at the seal's signing time; as the
//! verifier does by default (a large credential on two threads), then on one thread.
//!
//! `cargo run --release -p edc-verifier --example bench_verify -- ../shared [NAME-FILTER]`

use edc_model::{DateTime, Document};
use edc_signer::{seal_certificates_der, verify_seal, TrustStore};
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
        for sequential in [false, true] {
            let verifier = Verifier::builder()
                .trust_store(store.clone())
                .shapes_dir(shared.join("europass/shacl"))
                .at(at)
                .sequential(sequential)
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
                "{}{}: {:.2} ms per verification (median of {runs}; fastest {:.2} ms), verdict {:?}",
                file.file_name().unwrap().to_string_lossy(),
                if sequential { " (one thread)" } else { "" },
                times[runs / 2] * 1e3,
                times[0] * 1e3,
                first.verdict()
            );
        }
    }
}
