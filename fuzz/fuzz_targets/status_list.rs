//! A status list's `encodedList` (multibase base64url of GZIP), and a bit read from it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(bits) = edc_verifier::decode_status_list(text) {
        let _ = edc_verifier::status_bit(&bits, data.len() as u64 * 7919);
    }
});
