//! Benchmark: N rows (default 100,000) of the example provider export → signed EDCs
//! (eddsa-rdfc-2022), validated against the official profile when `../shared` is beside the
//! repository (else the built-in essentials). Prints credentials per second and the peak RSS.
//!
//! `cargo run --release -p edc-convert --example bench_convert [ROWS] [WORKERS] [--unsigned]`
//! (`--unsigned`: fill and validate only, to see what signing costs).

use edc_convert::{Converter, Mapping, Output, Securing};
use edc_did::{did_key, KeyPair, KeyType};
use edc_signer::Cryptosuite;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

// As the edc binary does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn main() -> Result<(), String> {
    let unsigned = std::env::args().any(|a| a == "--unsigned");
    let mut args = std::env::args().skip(1).filter(|a| !a.starts_with("--"));
    let rows: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let workers: Option<usize> = args.next().and_then(|a| a.parse().ok());
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let example = root.join("examples/provider-export");
    let mapping = Mapping::load(&example.join("mapping.toml"))?;
    let shapes = root.join("../shared/europass/shacl");
    let shapes = shapes.is_dir().then_some(shapes);

    // The example's rows, repeated with fresh learner ids, as one CSV.
    let source =
        std::fs::read_to_string(example.join("learners.csv")).map_err(|e| e.to_string())?;
    let mut lines = source.lines();
    let header = lines.next().ok_or("empty example")?;
    let body: Vec<&str> = lines.collect();
    let dir = std::env::temp_dir().join(format!("edc-bench-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    let input = dir.join("rows.csv");
    let mut csv =
        std::io::BufWriter::new(std::fs::File::create(&input).map_err(|e| e.to_string())?);
    writeln!(csv, "{header}").map_err(|e| e.to_string())?;
    for i in 0..rows {
        let line = body[i % body.len()];
        let rest = line.split_once(',').map(|(_, r)| r).unwrap_or("");
        writeln!(csv, "B{i:07},{rest}").map_err(|e| e.to_string())?;
    }
    drop(csv);

    let key = KeyPair::generate(KeyType::Ed25519);
    let (_, method) = did_key(&key.public_key());
    let securing = if unsigned {
        Securing::None
    } else {
        Securing::DataIntegrity {
            key,
            method,
            suite: Cryptosuite::EddsaRdfc2022,
        }
    };
    let source = match &shapes {
        Some(dir) => edc_shacl::ShapesSource::dir(dir),
        None => edc_shacl::ShapesSource::essentials_only(),
    };
    let mut converter = Converter::new(mapping, source, securing);
    if let Some(w) = workers {
        converter = converter.with_workers(w);
    }
    let out: PathBuf = dir.join("credentials.jsonl");
    let start = Instant::now();
    let summary = converter.run(&input, &Output::JsonLines(out.clone()), &|_| {})?;
    let seconds = start.elapsed().as_secs_f64();
    let bytes = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "bench_convert: {} rows → {} {} EDCs, {} skipped, validated against {}",
        rows,
        summary.produced,
        if unsigned {
            "unsigned"
        } else {
            "signed (eddsa-rdfc-2022)"
        },
        summary.skipped,
        summary.profile
    );
    println!(
        "  {seconds:.1} s, {:.0} credentials/s, peak RSS {:.0} MB, {:.0} MB written, {} workers",
        summary.produced as f64 / seconds,
        peak_rss_mb().unwrap_or(f64::NAN),
        bytes as f64 / 1e6,
        workers.unwrap_or_else(|| std::thread::available_parallelism()
            .map(|n| n.get())
            .unwrap_or(2)),
    );
    std::fs::remove_dir_all(&dir).map_err(|e| e.to_string())?;
    Ok(())
}
