//! JAdES seals (ETSI TS 119 182-1) as Europass issues them: JWS JSON serialization with an
//! unencoded payload (RFC 7797, `b64: false`). Checks the protected header, the seal
//! certificate's digest (`x5t#S256`), the signature over `ASCII(protected) "." payload`, the
//! time-stamps and when the seal is proven to exist (`existence.rs`), the certificate's validity
//! then, its chain to a trust anchor and its revocation from the data the seal carries.

use crate::check::{iso, summarize, SealCheck, SealLevel};
use crate::existence::{Judgement, SealedPayload};
use crate::revocation::Revocation;
use crate::x509::{ChainOutcome, QcStatements, TrustStore};
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use base64::Engine;
use der::{Decode, Encode};
use edc_model::{JwsSignature, SealedDocument};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

/// Header parameters a seal may mark critical and this verifier understands (RFC 7797 and
/// ETSI TS 119 182-1).
const UNDERSTOOD_CRITICAL: [&str; 6] = ["b64", "sigT", "adoTst", "sigX5ts", "srCms", "sigPId"];

/// Checks every signature of a sealed document at `at` (seconds since 1970; the certificate must
/// be valid then), building the certificate chain to `trust` when given.
pub fn verify_seal(sealed: &SealedDocument, at: i64, trust: Option<&TrustStore>) -> Vec<SealCheck> {
    SealedPayload::new(&sealed.payload, &sealed.signatures).verify(at, trust)
}

impl SealedPayload<'_> {
    /// Checks every signature at `at` (see [`verify_seal`]).
    pub fn verify(&self, at: i64, trust: Option<&TrustStore>) -> Vec<SealCheck> {
        check_signatures(self, at, trust, false)
    }

    /// [`verify`](Self::verify), also finding each seal's [`SealCheck::trusted_time_stamp`]:
    /// when a trusted time-stamping authority proves the seal was made (what `edc verify-seal
    /// --at signing` judges at).
    pub fn verify_finding_signing_time(
        &self,
        at: i64,
        trust: Option<&TrustStore>,
    ) -> Vec<SealCheck> {
        check_signatures(self, at, trust, true)
    }
}

fn check_signatures(
    payload: &SealedPayload,
    at: i64,
    trust: Option<&TrustStore>,
    find_signing_time: bool,
) -> Vec<SealCheck> {
    payload
        .signatures()
        .iter()
        .enumerate()
        .map(|(index, signature)| {
            check_signature(payload, index, signature, at, trust, find_signing_time)
        })
        .collect()
}

/// The seal certificate (the first of `x5c`), as DER.
fn seal_certificate_der(header: &Map<String, Value>) -> Option<Vec<u8>> {
    header
        .get("x5c")?
        .as_array()?
        .first()?
        .as_str()
        .and_then(|b64| STANDARD.decode(b64).ok())
}

/// Whether the signature value matches `protected '.' payload` under the certificate's key:
/// Ok(valid), or why it could not be checked.
fn signature_value(
    payload: &str,
    signature: &JwsSignature,
    certificate: &Certificate,
    alg: &str,
) -> Result<bool, String> {
    let bytes = URL_SAFE_NO_PAD
        .decode(&signature.signature)
        .map_err(|e| format!("the signature is not base64url: {e}"));
    let message = format!("{}.{payload}", signature.protected);
    let verifier = verify_with(certificate, alg, message.into_bytes());
    match (bytes, verifier) {
        (Ok(bytes), Ok(verifier)) => Ok(verifier(&bytes)),
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// Certificates the seal carries besides its own: the rest of `x5c` and `etsiU` `xVals`.
fn carried_certificates(header: &Map<String, Value>, signature: &JwsSignature) -> Vec<Certificate> {
    let mut ders: Vec<Vec<u8>> = header["x5c"]
        .as_array()
        .into_iter()
        .flatten()
        .skip(1)
        .filter_map(|c| c.as_str().and_then(|b| STANDARD.decode(b).ok()))
        .collect();
    for object in unsigned_properties(signature) {
        for value in object["xVals"].as_array().into_iter().flatten() {
            if let Some(der) = value["x509Cert"]["val"]
                .as_str()
                .and_then(|b| STANDARD.decode(b).ok())
            {
                ders.push(der);
            }
        }
    }
    ders.iter()
        .filter_map(|d| Certificate::from_der(d).ok())
        .collect()
}

/// The certificates a sealed document carries (for building a trust store from a corpus, or
/// showing them).
pub fn seal_certificates_der(sealed: &SealedDocument) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for signature in &sealed.signatures {
        let Ok(header) = signature.protected_header() else {
            continue;
        };
        if let Some(leaf) = header["x5c"]
            .as_array()
            .and_then(|c| c.first())
            .and_then(Value::as_str)
        {
            out.extend(STANDARD.decode(leaf).ok());
        }
        out.extend(
            carried_certificates(&header, signature)
                .iter()
                .filter_map(|c| c.to_der().ok()),
        );
    }
    out
}

fn check_signature(
    payload: &SealedPayload,
    index: usize,
    signature: &JwsSignature,
    at: i64,
    trust: Option<&TrustStore>,
    find_signing_time: bool,
) -> SealCheck {
    let mut check = SealCheck {
        alg: String::new(),
        signing_time: None,
        certificate: None,
        chain: Vec::new(),
        chain_outcome: ChainOutcome::NoTrustStore,
        qc_statements: QcStatements::default(),
        level: SealLevel::NotRecognised,
        revocation: Revocation::NotChecked("not checked".into()),
        signature_valid: false,
        time_stamps: Vec::new(),
        validated_at: at,
        proven_by: None,
        trusted_time_stamp: None,
        findings: Vec::new(),
        certificate_problems: Vec::new(),
        warnings: Vec::new(),
    };
    let header: Map<String, Value> = match signature.protected_header() {
        Ok(h) => h,
        Err(e) => {
            check
                .findings
                .push(format!("the protected header cannot be read: {e}"));
            return check;
        }
    };
    let text = |name: &str| header.get(name).and_then(Value::as_str).map(str::to_string);
    check.alg = text("alg").unwrap_or_default();
    check.signing_time = text("sigT");
    if let Some(problem) = header_problem(&header) {
        check.findings.push(problem);
        return check;
    }
    let Some(der) = seal_certificate_der(&header) else {
        check
            .findings
            .push("the protected header carries no readable seal certificate (x5c)".into());
        return check;
    };
    let digest = URL_SAFE_NO_PAD.encode(Sha256::digest(&der));
    if text("x5t#S256").as_deref() != Some(digest.as_str()) {
        check
            .findings
            .push("x5t#S256 does not match the seal certificate".into());
    }
    let certificate = match Certificate::from_der(&der) {
        Ok(c) => c,
        Err(e) => {
            check.findings.push(format!(
                "the seal certificate is not a valid X.509 certificate: {e}"
            ));
            return check;
        }
    };
    let summary = summarize(&certificate);
    match signature_value(payload.text(), signature, &certificate, &check.alg) {
        Ok(valid) => {
            check.signature_valid = valid;
            if !valid {
                check.findings.push(
                    "the signature does not match the payload and the protected header".into(),
                );
            }
        }
        Err(e) => check.findings.push(e),
    }
    let (not_before, not_after) = (summary.not_before, summary.not_after);
    check.certificate = Some(summary);
    let report = &payload.stamps()[index];
    report.report(&mut check);
    let stamps = &report.sound;
    if !crate::x509::may_sign(&certificate) {
        check
            .certificate_problems
            .push("the seal certificate's key usage does not allow signing".into());
    }
    let carried = carried_certificates(&header, signature);
    let judged = Judgement {
        stamps,
        carried: &carried,
        trust,
        at,
        not_before,
    };
    if find_signing_time {
        check.trusted_time_stamp = judged.earliest(not_after);
    }
    if at < not_before {
        check.certificate_problems.push(format!(
            "the seal certificate was not yet valid at the validation time (valid from {})",
            iso(not_before)
        ));
    } else if at > not_after {
        judged.before(
            &mut check,
            not_after,
            format!("the seal certificate expired on {}", iso(not_after)),
            format!(
                "(validation time {}); no trusted time-stamp proves the seal was made before — trust the authority that time-stamped it (`--trust` its root: `edc trust list` shows the certificates the seal's time-stamps carry, `edc trust export --roots-only` writes the roots), or verify as of a time inside the certificate's validity (`--at`)",
                iso(at)
            ),
        );
    }
    let mut issuers = carried.clone();
    issuers.extend(trust.map(|t| t.anchors().to_vec()).unwrap_or_default());
    check.revocation = crate::revocation::check_revocation(
        &revocation_values(signature, "ocspVals"),
        &revocation_values(signature, "crlVals"),
        &certificate,
        &issuers,
    );
    if let Revocation::Revoked { revoked_at } = check.revocation {
        if revoked_at <= check.validated_at {
            // Revocation does not reach back: a trusted time-stamp made before it still proves
            // the seal (ETSI EN 319 102-1, best-signature-time before the revocation time).
            judged.before(
                &mut check,
                not_after.min(revoked_at - 1),
                format!("the seal certificate was revoked on {}", iso(revoked_at)),
                String::new(),
            );
        }
    }
    let judged_at = check.validated_at;
    let (chain, outcome) = crate::path::build_chain(
        &certificate,
        &carried,
        trust,
        judged_at,
        crate::path::Purpose::Seal,
    );
    check.chain = chain;
    check.qc_statements = crate::x509::qc_statements(&certificate);
    check.level = match (&outcome, check.qc_statements) {
        (
            ChainOutcome::Anchored(_),
            QcStatements {
                compliance: true,
                eseal: true,
                qscd: true,
            },
        ) => SealLevel::Qualified,
        (ChainOutcome::Anchored(_), _) => SealLevel::Advanced,
        _ => SealLevel::NotRecognised,
    };
    check.chain_outcome = outcome;
    check
}

/// The unsigned properties of a signature: each `etsiU` item, base64url-decoded JSON (items
/// that are not are skipped).
pub(crate) fn unsigned_properties(signature: &JwsSignature) -> Vec<Value> {
    signature
        .header
        .as_ref()
        .and_then(|h| h.get("etsiU"))
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(crate::unsigned::read_unsigned_property)
        .collect()
}

/// The OCSP responses (`ocspVals`) or CRLs (`crlVals`), base64 DER, in `etsiU` `rVals`.
fn revocation_values(signature: &JwsSignature, kind: &str) -> Vec<String> {
    let mut out = Vec::new();
    for object in unsigned_properties(signature) {
        for value in object["rVals"][kind].as_array().into_iter().flatten() {
            if let Some(val) = value["val"].as_str() {
                out.push(val.to_string());
            }
        }
    }
    out
}

/// The header rules: unencoded payload declared critical, no critical parameter we do not know.
fn header_problem(header: &Map<String, Value>) -> Option<String> {
    if !matches!(
        header.get("alg").and_then(Value::as_str),
        Some("RS256" | "PS256" | "ES256" | "ES384" | "ES512")
    ) {
        return Some(format!(
            "alg {:?} is not one of RS256, PS256, ES256, ES384, ES512",
            header.get("alg")
        ));
    }
    let crit: Vec<&str> = header
        .get("crit")
        .and_then(Value::as_array)
        .map(|c| c.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if let Some(unknown) = crit.iter().find(|c| !UNDERSTOOD_CRITICAL.contains(c)) {
        return Some(format!(
            "critical header parameter `{unknown}` is not understood"
        ));
    }
    if header.get("b64") != Some(&Value::Bool(false)) || !crit.contains(&"b64") {
        return Some(
            "a Europass seal signs the payload unencoded: b64 must be false and critical".into(),
        );
    }
    None
}

type Verifier = Box<dyn Fn(&[u8]) -> bool>;

/// A signature check for `alg` with the certificate's public key over `message`.
fn verify_with(certificate: &Certificate, alg: &str, message: Vec<u8>) -> Result<Verifier, String> {
    let spki = certificate
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| format!("the certificate's public key cannot be read: {e}"))?;
    match alg {
        "RS256" | "PS256" => {
            use rsa::pkcs8::DecodePublicKey;
            rsa::RsaPublicKey::from_public_key_der(&spki)
                .map_err(|e| format!("not an RSA seal key: {e}"))?;
            let scheme = if alg == "PS256" {
                edc_did::rsa::RsaScheme::PssSha256
            } else {
                edc_did::rsa::RsaScheme::Pkcs1Sha256
            };
            Ok(Box::new(move |signature: &[u8]| {
                edc_did::rsa::verify_rsa(&spki, scheme, &message, signature)
            }))
        }
        "ES256" => {
            use p256::ecdsa::signature::Verifier as _;
            use p256::pkcs8::DecodePublicKey;
            let key = p256::ecdsa::VerifyingKey::from_public_key_der(&spki)
                .map_err(|e| format!("not a P-256 seal key: {e}"))?;
            Ok(Box::new(move |signature: &[u8]| {
                p256::ecdsa::Signature::from_slice(signature)
                    .is_ok_and(|s| key.verify(&message, &s).is_ok())
            }))
        }
        "ES384" => {
            use p384::ecdsa::signature::Verifier as _;
            use p384::pkcs8::DecodePublicKey;
            let key = p384::ecdsa::VerifyingKey::from_public_key_der(&spki)
                .map_err(|e| format!("not a P-384 seal key: {e}"))?;
            Ok(Box::new(move |signature: &[u8]| {
                p384::ecdsa::Signature::from_slice(signature)
                    .is_ok_and(|s| key.verify(&message, &s).is_ok())
            }))
        }
        "ES512" => {
            use p521::ecdsa::signature::Verifier as _;
            use p521::pkcs8::DecodePublicKey;
            let key = p521::PublicKey::from_public_key_der(&spki)
                .map_err(|e| e.to_string())
                .and_then(|k| {
                    p521::ecdsa::VerifyingKey::from_affine(*k.as_affine())
                        .map_err(|e| e.to_string())
                })
                .map_err(|e| format!("not a P-521 seal key: {e}"))?;
            Ok(Box::new(move |signature: &[u8]| {
                p521::ecdsa::Signature::from_slice(signature)
                    .is_ok_and(|s| key.verify(&message, &s).is_ok())
            }))
        }
        other => Err(format!("alg `{other}` is not supported")),
    }
}
