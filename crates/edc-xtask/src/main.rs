//! `cargo run -p edc-xtask -- edc-context SHARED_EUROPASS_DIR [OUT]`: writes the project's ELM v3
//! context mapping (default `contexts/edc-ap.jsonld`), generated from the ELM ontology and the
//! EDC SHACL profiles.

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [task, europass, rest @ ..] if task == "edc-context" && rest.len() <= 1 => {
            let out = rest
                .first()
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from("contexts/edc-ap.jsonld"));
            match edc_xtask::generate_edc_context(std::path::Path::new(europass)) {
                Ok(text) => {
                    if let Err(e) = std::fs::write(&out, text) {
                        eprintln!("edc-xtask: cannot write {}: {e}", out.display());
                        return ExitCode::from(2);
                    }
                    eprintln!("edc-xtask: wrote {}", out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("edc-xtask: {e}");
                    ExitCode::from(2)
                }
            }
        }
        _ => {
            eprintln!("usage: edc-xtask edc-context SHARED_EUROPASS_DIR [OUT]");
            ExitCode::from(2)
        }
    }
}
