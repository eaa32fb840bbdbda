//! The binary parts of a JAdES seal: the seal certificate (X.509), a signature time-stamp
//! (CMS / RFC 3161 TST), validation data (a certificate, an OCSP response, a CRL) and an archive
//! time-stamp, each cut from the input and placed in an otherwise well-formed sealed document.
#![no_main]

use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use libfuzzer_sys::fuzz_target;
use serde_json::json;

/// Splits `data` into `n` parts at lengths its first bytes give.
fn parts(data: &[u8], n: usize) -> Vec<&[u8]> {
    let (head, mut rest) = data.split_at(data.len().min(n));
    let mut out = Vec::new();
    for (i, len) in head.iter().enumerate() {
        let take = if i + 1 == n {
            rest.len()
        } else {
            (*len as usize * 16).min(rest.len())
        };
        let (part, tail) = rest.split_at(take);
        out.push(part);
        rest = tail;
    }
    out.resize(n, &[]);
    out
}

fuzz_target!(|data: &[u8]| {
    let p = parts(data, 6);
    let protected = json!({
        "alg": "ES256", "b64": false, "crit": ["b64", "sigT"], "sigT": "2024-05-28T10:00:00Z",
        "x5c": [STANDARD.encode(p[0])], "x5t#S256": "",
    });
    let property = |value: serde_json::Value| URL_SAFE_NO_PAD.encode(value.to_string());
    let sealed = json!({
        "payload": "{\"type\":[\"VerifiableCredential\"]}",
        "signatures": [{
            "protected": URL_SAFE_NO_PAD.encode(protected.to_string()),
            "header": {"etsiU": [
                property(json!({"sigTst": {"tstTokens": [{"val": STANDARD.encode(p[1])}]}})),
                property(json!({"xVals": [{"x509Cert": {"val": STANDARD.encode(p[2])}}]})),
                property(json!({"rVals": {"ocspVals": [{"val": STANDARD.encode(p[3])}], "crlVals": [{"val": STANDARD.encode(p[4])}]}})),
                property(json!({"arcTst": {"tstTokens": [{"val": STANDARD.encode(p[5])}]}})),
            ]},
            "signature": URL_SAFE_NO_PAD.encode([1u8; 64]),
        }],
    });
    let Ok(edc_model::Document::Sealed(document)) =
        edc_model::Document::from_slice(sealed.to_string().as_bytes())
    else {
        return;
    };
    let mut store = edc_seal::TrustStore::new();
    let _ = store.add_der(p[2]);
    let _ = edc_seal::verify_seal(&document, 1_750_000_000, Some(&store));
    let _ = edc_seal::verify_seal(&document, 1_750_000_000, None);
});
