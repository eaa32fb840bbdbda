//! Why shapes or data could not be read.

/// What kind of failure: stable, for programs to branch on.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ShaclErrorKind {
    /// Turtle that does not parse.
    Turtle,
    /// A shapes graph whose shapes cannot be read (an unknown or malformed constraint).
    Shapes,
    /// A file or directory that cannot be read or written.
    Io,
    /// A profile file that could not be fetched.
    Network,
}

/// A failure of this crate: its [`ShaclErrorKind`] and a sentence for people.
pub type ShaclError = edc_error::Error<ShaclErrorKind>;
