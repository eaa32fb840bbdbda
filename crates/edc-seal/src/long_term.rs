//! Making a seal last: baseline-T (a time-stamp over the signature) and baseline-LTA (the
//! chain's certificates and revocation data, then an archive time-stamp over everything), as
//! steps on one [`LongTerm`] value, in the order ETSI EN 319 182-1 gives them.

use crate::error::SealError;
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
    pub fn time_stamp(
        &mut self,
        chain: &[Vec<u8>],
        how: &crate::TimeStamping,
    ) -> Result<(), SealError> {
        crate::lta::time_stamp_seal(self.sealed, chain, how)
    }
}
