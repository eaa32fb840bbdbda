//! When a seal is proven to exist: its time-stamps (`adoTst`, `sigTst`, `arcTst`) checked
//! against what they stamp, and — once the seal certificate has expired or been revoked — the
//! earliest time-stamp by a trusted authority that proves the seal while the certificate was
//! valid (ETSI EN 319 102-1 validation with a proof of existence; baseline LTA).

use crate::check::{attribute, iso, summarize, SealCheck};
use crate::timestamp::TimeStamp;
use crate::x509::{ChainOutcome, TrustStore};
use der::Decode;
use edc_model::JwsSignature;
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use x509_cert::Certificate;

const SHA256_OID: &str = "2.16.840.1.101.3.4.2.1";

/// The time-stamp tokens of a JAdES time-stamp property (`{"tstTokens": [{"val": …}]}`).
fn tokens(property: &Value) -> Vec<&str> {
    property["tstTokens"]
        .as_array()
        .map(|t| t.iter().filter_map(|t| t["val"].as_str()).collect())
        .unwrap_or_default()
}

/// A sealed document's payload (the string as stored) with its signatures, and what checking
/// them needs from the payload: its SHA-256 state, which the time-stamps covering it (`adoTst`,
/// `arcTst`) start from, and those time-stamps' checks, each made once, when first asked for.
pub struct SealedPayload<'a> {
    text: &'a str,
    signatures: &'a [JwsSignature],
    hashed: std::sync::OnceLock<Sha256>,
    stamps: std::sync::OnceLock<Vec<StampReport>>,
}

impl<'a> SealedPayload<'a> {
    /// The payload string as stored in the sealed document, and the document's signatures.
    pub fn new(text: &'a str, signatures: &'a [JwsSignature]) -> Self {
        SealedPayload {
            text,
            signatures,
            hashed: std::sync::OnceLock::new(),
            stamps: std::sync::OnceLock::new(),
        }
    }

    /// The payload string.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The signatures.
    pub fn signatures(&self) -> &'a [JwsSignature] {
        self.signatures
    }

    /// The SHA-256 state after the payload.
    fn hashed(&self) -> Sha256 {
        self.hashed
            .get_or_init(|| Sha256::new_with_prefix(self.text.as_bytes()))
            .clone()
    }

    /// The time-stamp checks of each signature (empty for one whose header cannot be read).
    pub(crate) fn stamps(&self) -> &[StampReport] {
        self.stamps.get_or_init(|| {
            self.signatures
                .iter()
                .map(|signature| match signature.protected_header() {
                    Ok(header) => check_time_stamps(&header, self, signature),
                    Err(_) => StampReport::default(),
                })
                .collect()
        })
    }
}

/// What a signature's time-stamps say: findings and warnings for its check, each time-stamp's
/// kind and time, and the sound ones.
#[derive(Default)]
pub(crate) struct StampReport {
    findings: Vec<String>,
    warnings: Vec<String>,
    time_stamps: Vec<(String, i64)>,
    pub sound: SoundStamps,
}

impl StampReport {
    /// Adds the findings, warnings and time-stamps to `check`.
    pub(crate) fn report(&self, check: &mut SealCheck) {
        check.findings.extend(self.findings.iter().cloned());
        check.warnings.extend(self.warnings.iter().cloned());
        check.time_stamps.extend(self.time_stamps.iter().cloned());
    }
}

/// `adoTst` stamps SHA-256(payload) before signing; `sigTst` stamps SHA-256(the base64url
/// signature) after it. Their imprints must match, and their times fit around `sigT`.
fn check_time_stamps(
    header: &Map<String, Value>,
    payload: &SealedPayload,
    signature: &JwsSignature,
) -> StampReport {
    let mut report = StampReport::default();
    let signing_time = header
        .get("sigT")
        .and_then(Value::as_str)
        .and_then(|t| edc_model::DateTime::parse(t).ok())
        .map(|t| t.unix_seconds());
    // The payload is hashed once, and only when a time-stamp covers it: `adoTst` stamps its
    // digest, `arcTst` a digest that starts with it.
    let mut stamps: Vec<(&str, String, Vec<u8>)> = Vec::new();
    if let Some(ado) = header.get("adoTst") {
        for token in tokens(ado) {
            stamps.push((
                "adoTst",
                token.to_string(),
                payload.hashed().finalize().to_vec(),
            ));
        }
    }
    let items: Vec<&Value> = signature
        .header
        .as_ref()
        .and_then(|h| h.get("etsiU"))
        .and_then(Value::as_array)
        .map(|items| items.iter().collect())
        .unwrap_or_default();
    for (index, item) in items.iter().enumerate() {
        let Some(object) = crate::unsigned::read_unsigned_property(item) else {
            report.findings.push(format!(
                "unsigned property {index} (etsiU) cannot be read as base64url-encoded JSON: the seal's unsigned properties were damaged"
            ));
            continue;
        };
        if let Some(sig_tst) = object.get("sigTst") {
            for token in tokens(sig_tst) {
                stamps.push((
                    "sigTst",
                    token.to_string(),
                    Sha256::digest(signature.signature.as_bytes()).to_vec(),
                ));
            }
        }
        if let Some(arc_tst) = object.get("arcTst") {
            // ETSI TS 119 182-1 §5.3.6.3: over what precedes it.
            let expected = crate::unsigned::archive_digest(
                payload.hashed(),
                &signature.protected,
                &signature.signature,
                &items[..index],
            );
            for token in tokens(arc_tst) {
                stamps.push(("arcTst", token.to_string(), expected.clone()));
            }
        }
    }
    for (kind, token, expected) in stamps {
        let stamp = match crate::timestamp::read_time_stamp(&token) {
            Ok(stamp) => stamp,
            Err(e) => {
                report.findings.push(format!("{kind}: {e}"));
                continue;
            }
        };
        match (&stamp.tsa_problem, stamp.tsa_signature_valid) {
            (Some(problem), _) => report.findings.push(format!(
                "{kind}: the TSA's signature cannot be checked: {problem}"
            )),
            (None, false) => report.findings.push(format!(
                "{kind}: the TSA's signature on the time-stamp does not verify"
            )),
            (None, true) => {}
        }
        if stamp.hash_algorithm != SHA256_OID {
            report.findings.push(format!(
                "{kind}: hash algorithm {} is not SHA-256",
                stamp.hash_algorithm
            ));
        } else if stamp.imprint != expected {
            report.findings.push(format!(
                "{kind}: the time-stamp does not cover this seal (message imprint differs)"
            ));
        }
        if let Some(signed_at) = signing_time {
            // A signature time-stamp earlier than the claimed signing time contradicts it: the
            // claim is false. A content time-stamp a moment after it is clock skew: a warning.
            if kind == "sigTst" && stamp.time < signed_at {
                report.findings.push(format!(
                    "the signature time-stamp ({}) is earlier than the claimed signing time ({})",
                    iso(stamp.time),
                    iso(signed_at)
                ));
            }
            if kind == "adoTst" && stamp.time > signed_at {
                report.warnings.push(format!(
                    "the content time-stamp ({}) is later than the claimed signing time ({})",
                    iso(stamp.time),
                    iso(signed_at)
                ));
            }
        }
        report.time_stamps.push((kind.to_string(), stamp.time));
        let sound = stamp.tsa_problem.is_none()
            && stamp.tsa_signature_valid
            && stamp.hash_algorithm == SHA256_OID
            && stamp.imprint == expected
            && signing_time.is_none_or(|signed_at| stamp.time >= signed_at);
        match kind {
            "sigTst" if sound => report.sound.signature.push(stamp),
            "arcTst" if sound => report.sound.archive.push(stamp),
            _ => {}
        }
    }
    report
}

/// What a seal certificate's judgement at a proof of existence needs.
pub(crate) struct Judgement<'a> {
    pub stamps: &'a SoundStamps,
    pub carried: &'a [Certificate],
    pub trust: Option<&'a TrustStore>,
    pub at: i64,
    pub not_before: i64,
}

impl Judgement<'_> {
    /// The earliest trusted time-stamp made while the certificate was valid (until `until`).
    pub(crate) fn earliest(&self, until: i64) -> Option<(i64, String)> {
        proof_of_existence(
            self.stamps,
            self.carried,
            self.trust,
            self.at,
            self.not_before,
            until,
        )
    }

    /// After `event` (the certificate expired, or was revoked), the certificate is judged as of
    /// the earliest trusted time-stamp made before `until` — a warning; without one, `event`
    /// (and `otherwise`) is a certificate problem.
    pub(crate) fn before(
        &self,
        check: &mut SealCheck,
        until: i64,
        event: String,
        otherwise: String,
    ) {
        match self.earliest(until) {
            Some((time, tsa)) => {
                check.warnings.push(format!(
                    "{event}, after {tsa} time-stamped the seal on {}: judged as of then",
                    iso(time)
                ));
                check.validated_at = time;
                check.proven_by = Some(tsa);
            }
            None if otherwise.is_empty() => check.certificate_problems.push(event),
            None => check
                .certificate_problems
                .push(format!("{event} {otherwise}")),
        }
    }
}

/// The signature and archive time-stamps that verified: each stamps this seal, and its TSA's
/// signature holds.
#[derive(Default)]
pub(crate) struct SoundStamps {
    signature: Vec<TimeStamp>,
    archive: Vec<TimeStamp>,
}

/// The name of a time-stamp's authority, when its certificate chains to a trust anchor and is
/// valid at `when`.
fn trusted_authority(
    stamp: &TimeStamp,
    carried: &[Certificate],
    trust: &TrustStore,
    when: i64,
) -> Option<String> {
    let mut certificates = stamp
        .certificates
        .iter()
        .filter_map(|der| Certificate::from_der(der).ok());
    let tsa = certificates.next()?;
    let subject = &tsa.tbs_certificate.subject;
    let name = || attribute(subject, "2.5.4.3").unwrap_or_else(|| subject.to_string());
    // A unit a trusted list names is trusted as it is, while its certificate is valid.
    if trust.is_time_stamping_unit(&tsa) {
        let valid = summarize(&tsa);
        return (valid.not_before..=valid.not_after)
            .contains(&when)
            .then(name);
    }
    if !crate::path::valid_at(&tsa, when) {
        return None;
    }
    let mut candidates: Vec<Certificate> = certificates.collect();
    candidates.extend(carried.iter().cloned());
    match crate::path::build_chain(
        &tsa,
        &candidates,
        Some(trust),
        when,
        crate::path::Purpose::TimeStamping,
    ) {
        (_, ChainOutcome::Anchored(_)) => Some(name()),
        _ => None,
    }
}

/// The earliest time-stamp that proves the seal existed while its certificate was valid: made
/// within the certificate's validity by a time-stamping authority trusted at the validation
/// time — or, for a signature time-stamp whose authority's certificate has expired since,
/// trusted when an archive time-stamp (itself trusted at the validation time) stamped it
/// (baseline LTA). Returns its time and the authority's name.
fn proof_of_existence(
    stamps: &SoundStamps,
    carried: &[Certificate],
    trust: Option<&TrustStore>,
    at: i64,
    not_before: i64,
    not_after: i64,
) -> Option<(i64, String)> {
    let trust = trust?;
    let archived_at: Vec<i64> = stamps
        .archive
        .iter()
        .filter(|a| trusted_authority(a, carried, trust, at).is_some())
        .map(|a| a.time)
        .collect();
    let signature = stamps.signature.iter().filter_map(|stamp| {
        trusted_authority(stamp, carried, trust, at)
            .or_else(|| {
                archived_at
                    .iter()
                    .filter(|t| **t >= stamp.time)
                    .find_map(|t| trusted_authority(stamp, carried, trust, *t))
            })
            .map(|name| (stamp.time, name))
    });
    let archive = stamps
        .archive
        .iter()
        .filter_map(|a| trusted_authority(a, carried, trust, at).map(|name| (a.time, name)));
    signature
        .chain(archive)
        .filter(|(time, _)| (not_before..=not_after).contains(time))
        .min_by_key(|(time, _)| *time)
}
