//! Benchmark: sign and verify AA-Annex1-MC (its payload, re-signed with eddsa-rdfc-2022) in
//! process, in milliseconds per operation, next to Digital Bazaar's vc.js verifying the same
//! signed file in the same run.
//!
//! ```sh
//! cargo run --release -p edc-signer --example bench_di -- [SHARED_DIR] [--peer PEER_DIR] [--runs N]
//! ```

use edc_did::{did_key, KeyPair, KeyType};
use edc_model::Document;
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
use std::path::PathBuf;
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
    let (mut shared, mut peer, mut runs) = (PathBuf::from("../shared"), None::<PathBuf>, 200usize);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--peer" => peer = args.next().map(PathBuf::from),
            "--runs" => runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs),
            other => shared = PathBuf::from(other),
        }
    }
    let shared = std::fs::canonicalize(&shared).expect("the shared directory");
    let bytes =
        std::fs::read(shared.join("europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld"))
            .unwrap();
    let key = KeyPair::generate(KeyType::Ed25519);
    let (did, method) = did_key(&key.public_key());
    let mut credential = Document::from_slice(&bytes).unwrap().json_ld();
    credential["issuer"]["id"] = serde_json::Value::String(did);
    let options =
        ProofOptions::new(Cryptosuite::EddsaRdfc2022, method).created("2024-05-28T09:52:16Z");
    let di = DataIntegrity::default();
    let signed = di.sign(&credential, &key, &options).unwrap();
    assert!(di.verify(&signed)[0].is_verified());

    let time = |f: &dyn Fn()| {
        median(
            (0..runs)
                .map(|_| {
                    let t = Instant::now();
                    f();
                    t.elapsed().as_secs_f64() * 1000.0
                })
                .collect(),
        )
    };
    let sign_ms = time(&|| {
        std::hint::black_box(di.sign(&credential, &key, &options).unwrap());
    });
    let verify_ms = time(&|| {
        assert!(di.verify(&signed)[0].is_verified());
    });
    println!("edc  eddsa-rdfc-2022 AA-Annex1-MC: sign {sign_ms:.3} ms, verify {verify_ms:.3} ms (median of {runs})");

    if let Some(peer) = peer {
        let file = std::env::temp_dir().join(format!("edc-bench-di-{}.json", std::process::id()));
        std::fs::write(&file, serde_json::to_string(&signed).unwrap()).unwrap();
        let output = Command::new("node")
            .args(["di.mjs", "bench", file.to_str().unwrap(), "20"])
            .env("PEER_SHARED_DIR", &shared)
            .current_dir(&peer)
            .output()
            .expect("node runs");
        let text = String::from_utf8_lossy(&output.stdout);
        let theirs: Option<f64> = text
            .rsplit("ms_per_verify=")
            .next()
            .and_then(|t| t.trim().parse().ok());
        match theirs {
            Some(ms) => println!(
                "vc.js verify {ms:.2} ms (median of 20): edc verifies {:.0}x faster",
                ms / verify_ms
            ),
            None => println!(
                "vc.js bench failed: {text}{}",
                String::from_utf8_lossy(&output.stderr)
            ),
        }
        std::fs::remove_file(&file).ok();
    }
}
