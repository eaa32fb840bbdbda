//! Tells the tests whether the shared reference data is beside the workspace (or at
//! `$EDC_SHARED_DIR`): without it, the sentinel test `reference_data` is reported as ignored
//! with the reason, so that `cargo test`'s summary says the data-dependent tests did not run.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(edc_no_shared)");
    println!("cargo:rerun-if-env-changed=EDC_SHARED_DIR");
    let manifest =
        std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let shared = std::env::var_os("EDC_SHARED_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| manifest.join("../../../shared"));
    let marker = shared.join("europass");
    println!("cargo:rerun-if-changed={}", marker.display());
    if !marker.is_dir() {
        println!("cargo:rustc-cfg=edc_no_shared");
    }
}
