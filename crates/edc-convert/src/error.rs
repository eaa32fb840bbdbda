//! Why a conversion could not run.

/// What kind of failure: stable, for programs to branch on.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ConvertErrorKind {
    /// The provider's file cannot be read (format, header, encoding), as a whole.
    Input,
    /// The mapping cannot be read or does not fit the template.
    Mapping,
    /// A cell's value cannot be converted to its column's type.
    Value,
    /// The options contradict each other (e.g. upload wrappers around JWTs).
    Options,
    /// The output cannot be written.
    Output,
    /// A credential cannot be converted to or from Open Badges 3.0.
    OpenBadges,
}

/// A failure of this crate: its [`ConvertErrorKind`] and a sentence saying what to do.
pub type ConvertError = edc_error::Error<ConvertErrorKind>;
