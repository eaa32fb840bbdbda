//! Compact JWS (VC-JOSE, VC-JWT), SD-JWT (with disclosures and key binding) and COSE_Sign1.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let keys = edc_signer::KeyRegistry::new();
    let _ = edc_signer::verify_vc_cose(data, &keys);
    let _ = edc_model::CoseMessage::parse(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = edc_signer::verify_vc_jose(text, &keys);
    let _ = edc_signer::verify_vc_jwt(text, &keys);
    let _ = edc_signer::verify_vc_sd_jwt(text, &keys);
    let _ = edc_model::SdJwtMessage::parse(text);
    let _ = edc_signer::verify_sd_jwt_key_binding(text);
});
