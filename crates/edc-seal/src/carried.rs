//! The certificates a sealed document carries, and where: the seal's own and the rest of its
//! `x5c`, the `xVals` validation data, and those inside its time-stamp tokens (`sigTst`,
//! `arcTst`). A user builds trust from them (`edc trust export`) after deciding which roots
//! to trust.

use crate::check::{summarize, SealCertificate};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use der::Decode;
use edc_model::SealedDocument;
use serde_json::Value;
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

/// One certificate a seal carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CarriedCertificate {
    /// DER.
    pub der: Vec<u8>,
    /// Where it was found: `seal 1 x5c[0]`, `seal 1 xVals`, `seal 1 sigTst 1`…
    pub place: String,
    /// Subject, issuer and validity.
    pub summary: SealCertificate,
    /// Subject and issuer are the same name: a root (or a self-signed certificate).
    pub self_signed: bool,
    /// SHA-256 of the DER, hex.
    pub sha256: String,
}

/// Every distinct certificate `sealed` carries, in the order found.
pub fn carried_certificates(sealed: &SealedDocument) -> Vec<CarriedCertificate> {
    let mut out: Vec<CarriedCertificate> = Vec::new();
    let mut add = |der: Vec<u8>, place: String| {
        let sha256: String = Sha256::digest(&der)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if out.iter().any(|c| c.sha256 == sha256) {
            return;
        }
        let Ok(certificate) = Certificate::from_der(&der) else {
            return;
        };
        let summary = summarize(&certificate);
        let self_signed = certificate.tbs_certificate.subject == certificate.tbs_certificate.issuer;
        out.push(CarriedCertificate {
            der,
            place,
            summary,
            self_signed,
            sha256,
        });
    };
    for (n, signature) in sealed.signatures.iter().enumerate() {
        let seal = n + 1;
        if let Ok(header) = signature.protected_header() {
            for (i, b64) in header
                .get("x5c")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .enumerate()
            {
                if let Ok(der) = STANDARD.decode(b64) {
                    add(der, format!("seal {seal} x5c[{i}]"));
                }
            }
        }
        for property in crate::jades::unsigned_properties(signature) {
            for value in property["xVals"].as_array().into_iter().flatten() {
                if let Some(der) = value["x509Cert"]["val"]
                    .as_str()
                    .and_then(|b| STANDARD.decode(b).ok())
                {
                    add(der, format!("seal {seal} xVals"));
                }
            }
            for kind in ["sigTst", "arcTst"] {
                let tokens = property[kind]["tstTokens"].as_array().into_iter().flatten();
                for (t, token) in tokens.enumerate() {
                    let Some(b64) = token["val"].as_str() else {
                        continue;
                    };
                    if let Ok(stamp) = crate::timestamp::read_time_stamp(b64) {
                        for der in stamp.certificates {
                            add(der, format!("seal {seal} {kind} {}", t + 1));
                        }
                    }
                }
            }
        }
    }
    out
}
