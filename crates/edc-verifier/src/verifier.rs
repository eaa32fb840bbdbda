//! The verifier: its settings, and what the checks share (the shapes cache, threads when
//! asked). [`Verifier::verify`] is in `verify.rs`.

use crate::report::Policy;
use crate::status_lists::StatusLists;
use edc_seal::TrustStore;
use edc_shacl::{Profile, Shapes};
use edc_signer::{DataIntegrity, KeyRegistry};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

/// Verifies documents; reusable (processed contexts and parsed shapes are kept).
pub struct Verifier {
    pub(crate) integrity: DataIntegrity,
    pub(crate) trust: Option<TrustStore>,
    pub(crate) shapes_dir: Option<PathBuf>,
    pub(crate) at: Option<i64>,
    pub(crate) trusted_dids: Vec<String>,
    pub(crate) jwt_keys: KeyRegistry,
    pub(crate) status_lists: StatusLists,
    pub(crate) policy: Policy,
    pub(crate) expected_subject: Option<String>,
    pub(crate) challenge: Option<String>,
    pub(crate) domain: Option<String>,
    pub(crate) accreditations: std::collections::BTreeMap<String, Value>,
    pub(crate) shapes: Mutex<HashMap<Profile, std::sync::Arc<Shapes>>>,
    pub(crate) max_document_bytes: usize,
}

impl Verifier {
    /// The policy the verdicts follow.
    pub fn policy(&self) -> Policy {
        self.policy
    }

    /// The shapes of `profile` (the official files when given, loaded once), and what was
    /// applied, in words.
    pub(crate) fn shapes_for(
        &self,
        profile: Profile,
    ) -> Result<(std::sync::Arc<Shapes>, String), String> {
        let Some(dir) = &self.shapes_dir else {
            return Ok((
                std::sync::Arc::new(edc_shacl::essentials()),
                format!(
                    "edc essentials (the official profile {} was NOT applied: its files were not given)",
                    profile.id()
                ),
            ));
        };
        let mut cache = self.shapes.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(s) = cache.get(&profile) {
            return Ok((s.clone(), profile.id().to_string()));
        }
        let shapes = std::sync::Arc::new(profile.load(dir)?);
        cache.insert(profile, shapes.clone());
        Ok((shapes, profile.id().to_string()))
    }
}

// One verifier serves every thread of its caller.
const _: fn() = || {
    fn shared<T: Send + Sync>() {}
    shared::<Verifier>();
};
