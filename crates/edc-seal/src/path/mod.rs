//! Certification path validation (RFC 5280 §6, the parts a seal, time-stamp or OCSP responder
//! chain needs): from an end certificate through the certificates at hand to a trust anchor,
//! every link's signature, every certificate valid at the judged time, every issuer below the
//! anchor a CA (`basicConstraints cA`) allowed to sign certificates (`keyCertSign`) within its
//! `pathLenConstraint`, no critical extension edc does not understand, and the end certificate
//! fit for its purpose. Held case by case against `openssl verify -x509_strict` in the tests.

use crate::x509::{
    extension, issued_by, key_usage, signs, ChainOutcome, TrustStore, EXTENDED_KEY_USAGE,
    KEY_USAGE, KU_DIGITAL_SIGNATURE, KU_NON_REPUDIATION,
};
use der::asn1::ObjectIdentifier;
use der::{Decode, Sequence};
use x509_cert::Certificate;

const BASIC_CONSTRAINTS: &str = "2.5.29.19";
const TIME_STAMPING: &str = "1.3.6.1.5.5.7.3.8";

/// Extensions whose meaning edc either checks or may safely ignore when marked critical
/// (RFC 5280 §4.2: a certificate with a critical extension the validator does not recognise
/// must be rejected). Name constraints and policy processing are not implemented, so a
/// critical nameConstraints, policyConstraints, policyMappings or inhibitAnyPolicy rejects.
const UNDERSTOOD_CRITICAL: [&str; 9] = [
    BASIC_CONSTRAINTS,
    KEY_USAGE,
    EXTENDED_KEY_USAGE,
    "2.5.29.14",         // subjectKeyIdentifier
    "2.5.29.35",         // authorityKeyIdentifier
    "2.5.29.17",         // subjectAltName
    "2.5.29.18",         // issuerAltName
    "2.5.29.32",         // certificatePolicies (no policy is required, so none is processed)
    "1.3.6.1.5.5.7.1.3", // qcStatements (ETSI EN 319 412-5), read by `qc_statements`
];

/// The most links a path may have, and the most signatures one search verifies (a crafted set
/// of same-named certificates cannot make the search costly).
const MAX_DEPTH: usize = 8;
const MAX_SIGNATURE_CHECKS: usize = 32;

/// What the end certificate of a path must be fit for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// A seal certificate (its key usage is judged by the seal check itself).
    Seal,
    /// A time-stamping unit (RFC 3161 §2.3): extended key usage critical and exactly
    /// id-kp-timeStamping; key usage, if present, digitalSignature and/or nonRepudiation only.
    TimeStamping,
}

#[derive(Sequence)]
struct BasicConstraints {
    #[asn1(default = "Default::default")]
    ca: bool,
    path_len_constraint: Option<u32>,
}

/// A certificate's basic constraints: (cA, pathLenConstraint); None when absent or unreadable.
fn basic_constraints(certificate: &Certificate) -> Option<(bool, Option<u32>)> {
    let value = extension(certificate, BASIC_CONSTRAINTS)?;
    BasicConstraints::from_der(value)
        .ok()
        .map(|b| (b.ca, b.path_len_constraint))
}

const KU_KEY_CERT_SIGN: u16 = 0x0400;

fn subject(certificate: &Certificate) -> String {
    certificate.tbs_certificate.subject.to_string()
}

fn seconds(time: &x509_cert::time::Time) -> i64 {
    i64::try_from(time.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
}

/// True when the certificate is valid at `at` (seconds since 1970).
pub(crate) fn valid_at(certificate: &Certificate, at: i64) -> bool {
    let validity = &certificate.tbs_certificate.validity;
    (seconds(&validity.not_before)..=seconds(&validity.not_after)).contains(&at)
}

/// The first critical extension edc does not understand, as a sentence.
pub(crate) fn unknown_critical_extension(certificate: &Certificate) -> Option<String> {
    let extensions = certificate.tbs_certificate.extensions.as_ref()?;
    extensions
        .iter()
        .find(|e| e.critical && !UNDERSTOOD_CRITICAL.contains(&e.extn_id.to_string().as_str()))
        .map(|e| {
            format!(
                "`{}` has a critical extension edc does not process ({})",
                subject(certificate),
                e.extn_id
            )
        })
}

/// Why the end certificate is not fit for `purpose`, if it is not.
fn purpose_problem(certificate: &Certificate, purpose: Purpose) -> Option<String> {
    match purpose {
        Purpose::Seal => None,
        Purpose::TimeStamping => {
            let usages = certificate
                .tbs_certificate
                .extensions
                .as_ref()
                .and_then(|list| {
                    list.iter()
                        .find(|e| e.extn_id.to_string() == EXTENDED_KEY_USAGE)
                })
                .map(|e| {
                    let oids = Vec::<ObjectIdentifier>::from_der(e.extn_value.as_bytes())
                        .unwrap_or_default();
                    (e.critical, oids)
                });
            let eku_ok = matches!(&usages, Some((true, oids))
                if oids.len() == 1 && oids[0].to_string() == TIME_STAMPING);
            let ku_ok = key_usage(certificate).is_none_or(|bits| {
                signs(bits) && bits & !(KU_DIGITAL_SIGNATURE | KU_NON_REPUDIATION) == 0
            });
            (!eku_ok || !ku_ok).then(|| {
                format!(
                    "`{}` is not a time-stamping certificate (RFC 3161 needs a critical extended key usage of timeStamping alone)",
                    subject(certificate)
                )
            })
        }
    }
}

/// Why `issuer` may not certify the path below it (`below`: the path from the end certificate
/// up to the certificate `issuer` signed), if it may not. `anchor`: the issuer is a trust
/// anchor, whose cA flag and key usage are not asked for (RFC 5280 §6.1: the anchor is an
/// input, not part of the path), but whose validity and path length still hold.
fn issuer_problem(
    issuer: &Certificate,
    below: &[&Certificate],
    at: i64,
    anchor: bool,
) -> Option<String> {
    if !valid_at(issuer, at) {
        return Some(format!(
            "`{}` is not valid at the time the chain is judged",
            subject(issuer)
        ));
    }
    if let Some(problem) = unknown_critical_extension(issuer) {
        return Some(problem);
    }
    let constraints = basic_constraints(issuer);
    if !anchor {
        if !constraints.is_some_and(|(ca, _)| ca) {
            return Some(format!(
                "`{}` is not a certification authority (no basicConstraints cA), so it cannot certify `{}`",
                subject(issuer),
                subject(below[below.len() - 1])
            ));
        }
        if key_usage(issuer).is_none_or(|bits| bits & KU_KEY_CERT_SIGN == 0) {
            return Some(format!(
                "`{}`'s key usage does not include certificate signing (keyCertSign)",
                subject(issuer)
            ));
        }
    }
    if let Some((_, Some(limit))) = constraints {
        // Intermediate CA certificates between this one and the end certificate, self-issued
        // ones not counted (RFC 5280 §6.1.4 (l)).
        let intermediates = below
            .iter()
            .skip(1)
            .filter(|c| c.tbs_certificate.issuer != c.tbs_certificate.subject)
            .count();
        if intermediates > limit as usize {
            return Some(format!(
                "`{}` allows {limit} certification authorities below it (pathLenConstraint), the chain has {intermediates}",
                subject(issuer)
            ));
        }
    }
    None
}

/// A depth-first search for a path to an anchor, trying every issuer at hand.
struct Search<'a> {
    store: &'a TrustStore,
    candidates: &'a [Certificate],
    at: i64,
    signature_checks: usize,
    /// Why the most promising path failed (the deepest one).
    reason: Option<(usize, String)>,
}

impl<'a> Search<'a> {
    fn note(&mut self, depth: usize, reason: String) {
        if self.reason.as_ref().is_none_or(|(d, _)| depth > *d) {
            self.reason = Some((depth, reason));
        }
    }

    /// Extends `path` (end certificate first) to an anchor; on success `path` ends with it.
    fn extend(&mut self, path: &mut Vec<&'a Certificate>) -> bool {
        let current = path[path.len() - 1];
        if path.len() > MAX_DEPTH {
            self.note(
                path.len(),
                format!("the chain is longer than {MAX_DEPTH} certificates"),
            );
            return false;
        }
        let anchors = self.store.anchors().iter().map(|c| (c, true));
        let others = self.candidates.iter().map(|c| (c, false));
        for (issuer, anchor) in anchors.chain(others) {
            if issuer.tbs_certificate.subject != current.tbs_certificate.issuer
                || path.contains(&issuer)
            {
                continue;
            }
            if self.signature_checks >= MAX_SIGNATURE_CHECKS {
                self.note(
                    usize::MAX,
                    format!("more than {MAX_SIGNATURE_CHECKS} candidate issuers were tried"),
                );
                return false;
            }
            self.signature_checks += 1;
            if !issued_by(current, issuer) {
                continue;
            }
            // A candidate that is also an anchor is judged as the anchor.
            let anchor = anchor || self.store.contains(issuer);
            if let Some(problem) = issuer_problem(issuer, path, self.at, anchor) {
                self.note(path.len(), problem);
                continue;
            }
            path.push(issuer);
            if anchor || self.extend(path) {
                return true;
            }
            path.pop();
        }
        self.note(path.len() - 1, missing_issuer(current));
        false
    }
}

fn missing_issuer(current: &Certificate) -> String {
    if current.tbs_certificate.issuer == current.tbs_certificate.subject {
        format!(
            "the chain ends at `{}`, which is not a trust anchor",
            subject(current)
        )
    } else {
        format!(
            "no certificate of `{}` (the issuer of `{}`) is at hand: supply it as an intermediate (`edc verify --intermediate FILE`; `edc trust list` shows the certificates other seals carry, `edc trust export` writes them)",
            current.tbs_certificate.issuer,
            subject(current)
        )
    }
}

/// Builds and validates the path from `leaf` through `candidates` to an anchor of `store` at
/// `at` (seconds since 1970). The end certificate's own validity is the caller's to judge (a
/// seal may be judged as of a time-stamp); its critical extensions and fitness for `purpose`
/// are judged here. Returns the subjects from the leaf up and the outcome.
pub(crate) fn build_chain(
    leaf: &Certificate,
    candidates: &[Certificate],
    store: Option<&TrustStore>,
    at: i64,
    purpose: Purpose,
) -> (Vec<String>, ChainOutcome) {
    let leaf_only = vec![subject(leaf)];
    let Some(store) = store else {
        return (leaf_only, ChainOutcome::NoTrustStore);
    };
    if let Some(problem) =
        unknown_critical_extension(leaf).or_else(|| purpose_problem(leaf, purpose))
    {
        return (leaf_only, ChainOutcome::NotAnchored(problem));
    }
    if store.contains(leaf) {
        return (leaf_only, ChainOutcome::Anchored(subject(leaf)));
    }
    // The certificates the document carries, then those the caller supplied as intermediates.
    let with_supplied: Vec<Certificate>;
    let candidates = if store.intermediates().is_empty() {
        candidates
    } else {
        with_supplied = candidates
            .iter()
            .chain(store.intermediates())
            .cloned()
            .collect();
        &with_supplied
    };
    let mut search = Search {
        store,
        candidates,
        at,
        signature_checks: 0,
        reason: None,
    };
    let mut path = vec![leaf];
    if search.extend(&mut path) {
        let anchor = subject(path[path.len() - 1]);
        let subjects = path[..path.len() - 1].iter().map(|c| subject(c)).collect();
        return (subjects, ChainOutcome::Anchored(anchor));
    }
    let reason = search
        .reason
        .map(|(_, r)| r)
        .unwrap_or_else(|| missing_issuer(leaf));
    (leaf_only, ChainOutcome::NotAnchored(reason))
}

#[cfg(test)]
mod tests;
