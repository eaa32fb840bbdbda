//! What verifying a seal finds: the seal certificate as a reader needs it, the eIDAS level,
//! and each signature's checks.

use crate::revocation::Revocation;
use crate::x509::{ChainOutcome, QcStatements};
use x509_cert::Certificate;

/// The seal certificate, as far as a reader needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealCertificate {
    /// Subject distinguished name.
    pub subject: String,
    /// Issuer distinguished name.
    pub issuer: String,
    /// Organization (O) of the subject.
    pub organization: Option<String>,
    /// Common name (CN) of the subject.
    pub common_name: Option<String>,
    /// organizationIdentifier (2.5.4.97), e.g. `VATES-A00000000`.
    pub organization_identifier: Option<String>,
    /// Start of validity (seconds since 1970).
    pub not_before: i64,
    /// End of validity (seconds since 1970).
    pub not_after: i64,
}

/// How far the seal is recognised (eIDAS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SealLevel {
    /// A qualified electronic seal: the certificate chains to a trust anchor and states
    /// QcCompliance, QcType eseal and QcSSCD.
    Qualified,
    /// An advanced electronic seal: valid and chained to a trust anchor, without all the
    /// qualified statements.
    Advanced,
    /// Not chained to a trust anchor (or no trust store was given).
    NotRecognised,
}

/// The outcome of checking one seal signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SealCheck {
    /// The algorithm.
    pub alg: String,
    /// The claimed signing time (`sigT`).
    pub signing_time: Option<String>,
    /// The seal certificate, when it could be read.
    pub certificate: Option<SealCertificate>,
    /// The certificate chain from the seal certificate up (subjects).
    pub chain: Vec<String>,
    /// Whether the chain reaches a trust anchor.
    pub chain_outcome: ChainOutcome,
    /// The qualified-certificate statements of the seal certificate.
    pub qc_statements: QcStatements,
    /// The seal level.
    pub level: SealLevel,
    /// The seal certificate's revocation status from the OCSP responses the seal carries.
    pub revocation: Revocation,
    /// True when the signature is valid for the payload as stored and the certificate's digest
    /// matches.
    pub signature_valid: bool,
    /// Time-stamps read and checked: (`adoTst` or `sigTst`, time in seconds since 1970).
    pub time_stamps: Vec<(String, i64)>,
    /// When the seal certificate, its chain and its revocation were judged: the validation
    /// time, or — once the certificate has expired — the time of a signature time-stamp by a
    /// trusted time-stamping authority made while it was valid (the proof of existence of
    /// ETSI EN 319 102-1's validation of signatures with time, as the EU's DSS applies it).
    pub validated_at: i64,
    /// The time-stamping authority whose time-stamp `validated_at` comes from, if any.
    pub proven_by: Option<String>,
    /// The earliest signature (or archive) time-stamp of this seal made while the certificate
    /// was valid by an authority the trust store trusts: its time (seconds since 1970) and the
    /// authority's name. This, never the signer's own `sigT`, is when the seal is known to have
    /// been made. Set by [`SealedPayload::verify_finding_signing_time`](crate::SealedPayload::verify_finding_signing_time) (finding it costs the time-stamping
    /// authorities' chains); [`verify_seal`](crate::verify_seal) leaves it `None`.
    pub trusted_time_stamp: Option<(i64, String)>,
    /// Problems with the seal itself, each a sentence (its signature, header, certificate
    /// digest or time-stamps): the document cannot be trusted to be as sealed.
    pub findings: Vec<String>,
    /// Problems with the seal certificate at the time it is judged (not yet valid, expired or
    /// revoked with nothing proving the seal before, a key usage that does not allow signing):
    /// the seal is intact, but its signer cannot be relied on.
    pub certificate_problems: Vec<String>,
    /// Things worth saying that do not invalidate the seal (time-stamp order; the EU DSS
    /// policy rates time-stamp coherence a warning).
    pub warnings: Vec<String>,
}

impl SealCheck {
    /// True when the signature is valid and nothing was found wrong.
    pub fn is_valid(&self) -> bool {
        self.signature_valid && self.findings.is_empty() && self.certificate_problems.is_empty()
    }
}

pub(crate) fn summarize(certificate: &Certificate) -> SealCertificate {
    let tbs = &certificate.tbs_certificate;
    let seconds = |t: &x509_cert::time::Time| {
        i64::try_from(t.to_unix_duration().as_secs()).unwrap_or(i64::MAX)
    };
    SealCertificate {
        subject: tbs.subject.to_string(),
        issuer: tbs.issuer.to_string(),
        organization: attribute(&tbs.subject, "2.5.4.10"),
        common_name: attribute(&tbs.subject, "2.5.4.3"),
        organization_identifier: attribute(&tbs.subject, "2.5.4.97"),
        not_before: seconds(&tbs.validity.not_before),
        not_after: seconds(&tbs.validity.not_after),
    }
}

pub(crate) fn iso(seconds: i64) -> String {
    edc_model::DateTime::from_unix_seconds(seconds).to_string()
}

/// The attribute value of `oid` in a distinguished name, as text.
pub(crate) fn attribute(name: &x509_cert::name::Name, oid: &str) -> Option<String> {
    name.0.iter().flat_map(|rdn| rdn.0.iter()).find_map(|atv| {
        (atv.oid.to_string() == oid).then(|| {
            atv.value
                .decode_as::<String>()
                .ok()
                .or_else(|| {
                    atv.value
                        .decode_as::<der::asn1::PrintableStringRef<'_>>()
                        .ok()
                        .map(|s| s.to_string())
                })
                .or_else(|| {
                    atv.value
                        .decode_as::<der::asn1::Utf8StringRef<'_>>()
                        .ok()
                        .map(|s| s.to_string())
                })
                .unwrap_or_else(|| String::from_utf8_lossy(atv.value.value()).into_owned())
        })
    })
}
