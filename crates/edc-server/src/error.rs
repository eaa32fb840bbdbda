//! Why the service could not start or a setting could not be read.

/// What went wrong.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ServeErrorKind {
    /// The configuration cannot be read or a setting cannot work.
    Config,
    /// An issuer key cannot be read or made.
    Keys,
    /// The status database cannot be opened.
    Database,
    /// The API keys cannot be read.
    Auth,
    /// The eSeal cannot be read.
    Seal,
    /// The address cannot be listened on, or the server stopped.
    Listen,
}

/// A service error: its [`ServeErrorKind`] and a sentence naming the file or setting and the fix.
pub type ServeError = edc_error::Error<ServeErrorKind>;

/// Wraps a sentence as a [`ServeError`] of `kind`.
pub(crate) fn as_kind(kind: ServeErrorKind) -> impl Fn(String) -> ServeError {
    move |message| ServeError::new(kind, message)
}
