//! What one verification expects of the presenter: the challenge and domain a presentation's
//! proof must carry, and the subject a credential must be issued to. A verifier has defaults
//! (its builder's); a service gives each request its own with [`Verifier::verify_expecting`](crate::Verifier::verify_expecting).

/// What the presenter must show: a presentation's challenge and domain, and the subject.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Expectations {
    pub(crate) challenge: Option<String>,
    pub(crate) domain: Option<String>,
    pub(crate) subject: Option<String>,
    pub(crate) at: Option<i64>,
}

impl Expectations {
    /// Nothing expected: replay is not ruled out, any subject will do.
    pub fn new() -> Self {
        Self::default()
    }

    /// The challenge (the verifier's nonce) a presentation's proof must carry.
    pub fn challenge(mut self, challenge: impl Into<String>) -> Self {
        self.challenge = Some(challenge.into());
        self
    }

    /// The domain a presentation's proof must carry.
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// The validation time of this call (seconds since 1970), in place of the verifier's (a
    /// host without a clock of the verifier's, such as WebAssembly, gives its own).
    pub fn at(mut self, seconds: i64) -> Self {
        self.at = Some(seconds);
        self
    }

    /// The subject (a DID or other id) the credential must be issued to, and who must present it.
    pub fn subject(mut self, id: impl Into<String>) -> Self {
        self.subject = Some(id.into());
        self
    }
}
