//! The verifier: its settings, and what the checks share (the shapes cache, threads when
//! asked). [`Verifier::verify`] is in `verify.rs`.

use crate::report::Policy;
use crate::status_lists::StatusLists;
use edc_seal::TrustStore;
use edc_shacl::ShapesSource;
use edc_signer::{DataIntegrity, KeyRegistry};
use serde_json::Value;

/// Verifies documents; reusable (processed contexts and parsed shapes are kept).
pub struct Verifier {
    pub(crate) integrity: DataIntegrity,
    pub(crate) trust: Option<TrustStore>,
    pub(crate) at: Option<i64>,
    pub(crate) trusted_dids: Vec<String>,
    pub(crate) jwt_keys: KeyRegistry,
    pub(crate) status_lists: StatusLists,
    pub(crate) policy: Policy,
    pub(crate) expected: crate::Expectations,
    pub(crate) accreditations: std::collections::BTreeMap<String, Value>,
    pub(crate) shapes: std::sync::Arc<ShapesSource>,
    pub(crate) max_document_bytes: usize,
}

impl Verifier {
    /// The policy the verdicts follow.
    pub fn policy(&self) -> Policy {
        self.policy
    }
}

// One verifier serves every thread of its caller.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<Verifier>();
};
