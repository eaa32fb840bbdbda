//! Making a seal last: baseline-T (a time-stamp over the signature) and baseline-LTA (the
//! chain's certificates and revocation data, then an archive time-stamp over everything), as
//! steps on one [`LongTerm`] value, in the order ETSI EN 319 182-1 gives them.

use crate::error::SealError;
#[cfg(feature = "tsa")]
use crate::lta::RevocationData;
use serde_json::Value;

/// A sealed document (its JSON) being made long-term. Each step adds an unsigned property to
/// the first signature; the imprints are what a time-stamp authority is asked to sign.
pub struct LongTerm<'a> {
    sealed: &'a mut Value,
}

impl<'a> LongTerm<'a> {
    /// The sealed document to augment.
    pub fn new(sealed: &'a mut Value) -> LongTerm<'a> {
        LongTerm { sealed }
    }

    /// What a signature time-stamp signs: SHA-256 of the signature value.
    pub fn signature_imprint(&self) -> Result<Vec<u8>, SealError> {
        crate::tsa::signature_imprint(self.sealed)
    }

    /// Adds a signature time-stamp (`sigTst`, an RFC 3161 token over
    /// [`signature_imprint`](Self::signature_imprint)): baseline-T.
    pub fn add_signature_time_stamp(&mut self, token: &[u8]) -> Result<(), SealError> {
        crate::tsa::add_signature_time_stamp(self.sealed, token)
    }

    /// Adds the validation data (`xVals` certificates, `rVals` CRLs and OCSP responses).
    pub fn add_validation_data(
        &mut self,
        certificates: &[Vec<u8>],
        crls: &[Vec<u8>],
        ocsp_responses: &[Vec<u8>],
    ) -> Result<(), SealError> {
        crate::lta::add_validation_data(self.sealed, certificates, crls, ocsp_responses)
    }

    /// What an archive time-stamp signs (JAdES `arcTst` over the payload, the protected
    /// header, the signature and the unsigned properties so far).
    pub fn archive_imprint(&self) -> Result<Vec<u8>, SealError> {
        crate::lta::archive_imprint(self.sealed)
    }

    /// Adds an archive time-stamp (`arcTst`): baseline-LTA.
    pub fn add_archive_time_stamp(&mut self, token: &[u8]) -> Result<(), SealError> {
        crate::lta::add_archive_time_stamp(self.sealed, token)
    }

    /// Asks the time-stamp authority `how` names for a signature time-stamp, and for LTA, when
    /// `how` asks, the chain's revocation data and an archive time-stamp.
    #[cfg(feature = "tsa")]
    pub fn time_stamp(&mut self, chain: &[Vec<u8>], how: &TimeStamping) -> Result<(), SealError> {
        time_stamp_seal(self.sealed, chain, how)
    }
}

/// How a seal is time-stamped after sealing: baseline T (a signature time-stamp), or baseline
/// LTA (then validation data and an archive time-stamp).
#[cfg(feature = "tsa")]
#[derive(Debug, Clone)]
pub struct TimeStamping {
    /// The RFC 3161 time-stamp authority.
    pub url: String,
    /// How the authority, the OCSP responders and CRL distribution points are reached.
    pub fetcher: edc_context::SharedFetcher,
    /// For baseline LTA: the revocation data to add (CRLs, OCSP responses, DER); None for
    /// baseline T.
    pub lta: Option<RevocationData>,
}

/// Time-stamps a fresh seal (`chain`: the certificates it was sealed with, seal certificate
/// first): a signature time-stamp; for baseline LTA then the chain beyond the seal certificate
/// and the authority's certificates (`xVals`), the revocation data (`rVals`) and an archive
/// time-stamp, in the order the EU's samples have them.
#[cfg(feature = "tsa")]
pub(crate) fn time_stamp_seal(
    sealed: &mut Value,
    chain: &[Vec<u8>],
    how: &TimeStamping,
) -> Result<(), SealError> {
    let mut revocation = how.lta.clone();
    if let Some(wanted) = revocation.as_mut().filter(|r| r.fetch) {
        // Before any time-stamp is asked for: a revoked certificate stops the sealing.
        let fetched = crate::fetch::fetch_revocation_data(chain, how.fetcher.as_ref())?;
        wanted.crls.extend(fetched.crls);
        wanted.ocsp_responses.extend(fetched.ocsp_responses);
    }
    crate::tsa::add_time_stamp_from(sealed, &how.url, how.fetcher.as_ref())?;
    let Some(revocation) = &revocation else {
        return Ok(());
    };
    let mut certificates: Vec<Vec<u8>> = chain.iter().skip(1).cloned().collect();
    for der in time_stamp_certificates(sealed) {
        if !certificates.contains(&der) {
            certificates.push(der);
        }
    }
    crate::lta::add_validation_data(
        sealed,
        &certificates,
        &revocation.crls,
        &revocation.ocsp_responses,
    )?;
    add_archive_time_stamp_from(sealed, &how.url, how.fetcher.as_ref())
}

/// The certificates the seal's signature time-stamp tokens carry (the authorities' chains).
#[cfg(feature = "tsa")]
fn time_stamp_certificates(sealed: &Value) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    let items = sealed["signatures"][0]["header"]["etsiU"].as_array();
    for property in items
        .into_iter()
        .flatten()
        .filter_map(crate::unsigned::read_unsigned_property)
    {
        for token in property["sigTst"]["tstTokens"]
            .as_array()
            .into_iter()
            .flatten()
        {
            if let Some(stamp) = token["val"]
                .as_str()
                .and_then(|b64| crate::timestamp::read_time_stamp(b64).ok())
            {
                out.extend(stamp.certificates);
            }
        }
    }
    out
}

/// Asks the time-stamp authority at `url` (through `fetcher`) for an archive time-stamp and adds
/// the checked token.
#[cfg(feature = "tsa")]
pub(crate) fn add_archive_time_stamp_from(
    sealed: &mut Value,
    url: &str,
    fetcher: &dyn edc_context::Fetcher,
) -> Result<(), SealError> {
    let imprint = crate::lta::archive_imprint(sealed)?;
    let token = crate::tsa::time_stamp_from(url, &imprint, fetcher)?;
    crate::lta::add_archive_time_stamp(sealed, &token)
}
