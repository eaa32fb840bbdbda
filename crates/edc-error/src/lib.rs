//! # edc-error — one error shape for the edc libraries
//!
//! Every library crate's error is an [`Error`] over its own `#[non_exhaustive]` kind enum
//! (`edc_seal::SealError = Error<SealErrorKind>`, …): a program branches on
//! [`kind`](Error::kind), a person reads the [`message`](Error::message) (also its `Display`).
//! Nothing else: where an error names a place in a document, the crate's own error type
//! (`edc_model::ModelError`, `edc_context::JsonLdError`) carries it.
#![deny(missing_docs)]

use std::fmt;

/// A failure: what kind, and a sentence saying what went wrong and, where it can, what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error<K> {
    kind: K,
    message: String,
}

impl<K: Copy> Error<K> {
    /// A failure of `kind`.
    pub fn new(kind: K, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    /// What kind of failure.
    pub fn kind(&self) -> K {
        self.kind
    }

    /// The sentence.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The same failure, its sentence put after `context` (e.g. a file name and ": ").
    pub fn context(self, context: &str) -> Self {
        Error {
            kind: self.kind,
            message: format!("{context}{}", self.message),
        }
    }
}

impl<K> fmt::Display for Error<K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl<K: fmt::Debug> std::error::Error for Error<K> {}

/// For callers that report errors as text.
impl<K> From<Error<K>> for String {
    fn from(error: Error<K>) -> String {
        error.message
    }
}

#[cfg(test)]
mod tests {
    use super::Error;

    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Kind {
        Io,
    }

    #[test]
    fn kind_message_and_text() {
        let e = Error::new(Kind::Io, "no such file").context("a.csv: ");
        assert_eq!(e.kind(), Kind::Io);
        assert_eq!(e.to_string(), "a.csv: no such file");
        assert_eq!(String::from(e), "a.csv: no such file");
    }
}
