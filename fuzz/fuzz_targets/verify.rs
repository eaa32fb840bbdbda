//! Any bytes through the whole verifier: every envelope edc reads (bare,
//! wrapper, sealed, JWT, SD-JWT, VC-COSE, enveloped, presentation) and every check.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static VERIFIER: OnceLock<edc_verifier::Verifier> = OnceLock::new();
    let verifier = VERIFIER.get_or_init(|| {
        edc_verifier::Verifier::builder()
            .at(1_750_000_000)
            .build()
    });
    let _ = edc_model::Document::from_slice(data);
    let _ = verifier.verify(data);
});
