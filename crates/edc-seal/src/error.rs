//! Why sealing, time-stamping or reading trust material failed.

/// What kind of failure: stable, for programs to branch on.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SealErrorKind {
    /// Making a seal: the document, the key or the certificate chain given.
    Sealing,
    /// A certificate or trust anchor cannot be read or used.
    Certificate,
    /// A time-stamp request, token or authority.
    TimeStamp,
    /// OCSP responses or CRLs.
    Revocation,
    /// A trusted list or list of trusted lists.
    TrustedList,
    /// A file or directory cannot be read.
    Io,
}

impl SealErrorKind {
    /// The kind as a stable snake_case string.
    pub fn as_str(self) -> &'static str {
        match self {
            SealErrorKind::Sealing => "sealing",
            SealErrorKind::Certificate => "certificate",
            SealErrorKind::TimeStamp => "time_stamp",
            SealErrorKind::Revocation => "revocation",
            SealErrorKind::TrustedList => "trusted_list",
            SealErrorKind::Io => "io",
        }
    }
}

/// A failure of this crate: its [`SealErrorKind`] and a sentence for people.
pub type SealError = edc_error::Error<SealErrorKind>;
