//! N-Quads text, parsed and canonicalized (poison graphs must end in the work bound).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(dataset) = edc_context::parse_nquads(text) {
        let _ = edc_context::canonicalize(&dataset, edc_context::CanonOptions::default());
    }
});
