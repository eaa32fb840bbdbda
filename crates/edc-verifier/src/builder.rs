//! The verifier's builder: values, not type parameters.

use crate::report::Policy;
use crate::status_lists::StatusLists;
use crate::verifier::Verifier;
use edc_context::{DocumentLoader, JsonLdProcessor};
use edc_seal::TrustStore;
use edc_shacl::ShapesSource;
use edc_signer::{DataIntegrity, KeyRegistry};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::Arc;

/// Builds a [`Verifier`] from values.
#[derive(Default)]
pub struct VerifierBuilder {
    trust: Option<TrustStore>,
    shapes: Option<Arc<ShapesSource>>,
    at: Option<i64>,
    trusted_dids: Vec<String>,
    resolver: Option<edc_did::Resolver>,
    loader: Option<DocumentLoader>,
    jwt_keys: KeyRegistry,
    status_lists: StatusLists,
    policy: Policy,
    expected: crate::Expectations,
    accreditations: std::collections::BTreeMap<String, Value>,
    max_document_bytes: Option<usize>,
}

/// The largest document a verifier reads unless told otherwise: 16 MiB (the EU's largest
/// sample, a transcript with its page images, is 1.2 MB).
pub const DEFAULT_MAX_DOCUMENT_BYTES: usize = 16 << 20;

impl Verifier {
    /// A builder.
    pub fn builder() -> VerifierBuilder {
        VerifierBuilder::default()
    }
}

impl VerifierBuilder {
    /// The largest document (in bytes) this verifier reads; a larger one is refused before it
    /// is parsed (format failed, the rest not checked). Default [`DEFAULT_MAX_DOCUMENT_BYTES`].
    pub fn max_document_bytes(mut self, bytes: usize) -> Self {
        self.max_document_bytes = Some(bytes);
        self
    }

    /// X.509 trust anchors (and trusted lists) for seals.
    pub fn trust_store(mut self, store: TrustStore) -> Self {
        self.trust = Some(store);
        self
    }

    /// The folder of the EU's SHACL files; without it the built-in essentials run.
    pub fn shapes_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.shapes = Some(Arc::new(ShapesSource::dir(dir)));
        self
    }

    /// Where the EU's SHACL files come from ([`ShapesSource::locate`] finds them as every edc
    /// command does); an `Arc` shares the shapes read among verifiers.
    pub fn shapes(mut self, source: impl Into<Arc<ShapesSource>>) -> Self {
        self.shapes = Some(source.into());
        self
    }

    /// The validation time (seconds since 1970; default: now).
    pub fn at(mut self, seconds: i64) -> Self {
        self.at = Some(seconds);
        self
    }

    /// DIDs whose proofs identify a trusted issuer.
    pub fn trusted_dids<I: IntoIterator<Item = S>, S: Into<String>>(mut self, dids: I) -> Self {
        self.trusted_dids = dids.into_iter().map(Into::into).collect();
        self
    }

    /// The DID resolver for Data Integrity proofs (did:key and did:jwk need none).
    pub fn resolver(mut self, resolver: edc_did::Resolver) -> Self {
        self.resolver = Some(resolver);
        self
    }

    /// The JSON-LD document loader (default: the bundled contexts only, offline).
    pub fn loader(mut self, loader: DocumentLoader) -> Self {
        self.loader = Some(loader);
        self
    }

    /// Keys for JWTs whose `kid` is not a DID URL.
    pub fn jwt_keys(mut self, keys: KeyRegistry) -> Self {
        self.jwt_keys = keys;
        self
    }

    /// Where status list credentials come from (default: nowhere, so status entries are
    /// "could not check").
    pub fn status_lists(mut self, lists: StatusLists) -> Self {
        self.status_lists = lists;
        self
    }

    /// Which checks must succeed (default: [`Policy::Europass`]).
    pub fn policy(mut self, policy: Policy) -> Self {
        self.policy = policy;
        self
    }

    /// The subject the credential must be issued to (the owner check of a bare credential; for
    /// a presentation, its holder).
    pub fn expected_subject(mut self, id: impl Into<String>) -> Self {
        self.expected = self.expected.subject(id);
        self
    }

    /// The challenge a presentation's proof must carry (the verifier's nonce).
    pub fn challenge(mut self, challenge: impl Into<String>) -> Self {
        self.expected = self.expected.challenge(challenge);
        self
    }

    /// The domain a presentation's proof must carry.
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.expected = self.expected.domain(domain);
        self
    }

    /// Accreditations (ELM `Accreditation` objects, by their `id`) for credentials that only
    /// reference theirs — e.g. an export of the EU's accreditation database.
    pub fn accreditations<I: IntoIterator<Item = Value>>(mut self, accreditations: I) -> Self {
        for a in accreditations {
            if let Some(id) = a.get("id").and_then(Value::as_str) {
                self.accreditations.insert(id.to_string(), a);
            }
        }
        self
    }

    /// The verifier.
    pub fn build(self) -> Verifier {
        let loader = self.loader.unwrap_or_default();
        let mut integrity = DataIntegrity::new(JsonLdProcessor::new(loader));
        if let Some(resolver) = self.resolver {
            integrity = integrity.with_resolver(resolver);
        }
        Verifier {
            integrity,
            trust: self.trust,
            at: self.at,
            trusted_dids: self.trusted_dids,
            jwt_keys: self.jwt_keys,
            status_lists: self.status_lists,
            policy: self.policy,
            expected: self.expected,
            accreditations: self.accreditations,
            shapes: self.shapes.unwrap_or_default(),
            max_document_bytes: self
                .max_document_bytes
                .unwrap_or(DEFAULT_MAX_DOCUMENT_BYTES),
        }
    }
}
