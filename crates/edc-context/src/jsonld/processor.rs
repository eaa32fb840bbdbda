//! The processor's shared state: the document loader and the caches of processed contexts
//! (remote and scoped), keyed by the active context they were processed in.

use super::context::{process_context, Context, Contexts, ProcessFlags, RemoteContexts};
use super::error::{ErrorCode, JsonLdError};
use super::ptr;
use crate::loader::DocumentLoader;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

type CacheKey = (usize, usize, String, u8);
/// A root context's key: the base IRI, processing mode 1.0, inline context documents.
type RootKey = (Option<String>, bool, bool);
/// A cached result with the active context it was computed from (kept alive so that its address,
/// part of the key, is not reused).
type CacheEntry = (Arc<Context>, Arc<Context>);

/// Shared state: the loader and the processed-context caches.
pub(crate) struct Processor {
    loader: DocumentLoader,
    /// (active context, context) → processed context; the key's context is kept alive in the
    /// value so its address is never reused while cached.
    cache: Mutex<HashMap<CacheKey, CacheEntry>>,
    roots: Mutex<HashMap<RootKey, Arc<Context>>>,
}

impl Processor {
    /// No context processed yet.
    pub(crate) fn new(loader: DocumentLoader) -> Processor {
        Processor {
            loader,
            cache: Mutex::new(HashMap::new()),
            roots: Mutex::new(HashMap::new()),
        }
    }

    fn cached(&self, key: &CacheKey) -> Option<Arc<Context>> {
        self.cache
            .lock()
            .expect("context cache")
            .get(key)
            .map(|(_, c)| c.clone())
    }

    fn store(&self, key: CacheKey, active: &Arc<Context>, result: &Arc<Context>) {
        self.cache
            .lock()
            .expect("context cache")
            .insert(key, (active.clone(), result.clone()));
    }

    /// Applies a scoped context (from a term definition) to `active`.
    pub(crate) fn scoped_context(
        &self,
        active: &Arc<Context>,
        scoped: &Arc<Value>,
        base_url: Option<&str>,
        flags: ProcessFlags,
        pointer: &ptr::Ptr<'_>,
    ) -> Result<Arc<Context>, JsonLdError> {
        let flag_bits = u8::from(flags.override_protected) | (u8::from(flags.propagate) << 1);
        let key = (
            Arc::as_ptr(active) as usize,
            Arc::as_ptr(scoped) as usize,
            base_url.unwrap_or_default().to_string(),
            flag_bits,
        );
        if let Some(hit) = self.cached(&key) {
            return Ok(hit);
        }
        let mut remote = RemoteContexts::default();
        let result = process_context(
            self,
            active,
            scoped,
            base_url,
            &mut remote,
            flags,
            &pointer.render(),
        )?;
        self.store(key, active, &result);
        Ok(result)
    }

    /// The root context for a base IRI, processing mode 1.0 or not, and whether inline context
    /// documents are read.
    pub(crate) fn root(
        &self,
        base: &Option<String>,
        json_ld_10: bool,
        inline: bool,
    ) -> Arc<Context> {
        self.roots
            .lock()
            .expect("root contexts")
            .entry((base.clone(), json_ld_10, inline))
            .or_insert_with(|| {
                let mut root = Context::new(base.clone());
                root.json_ld_10 = json_ld_10;
                root.inline_documents = inline;
                Arc::new(root)
            })
            .clone()
    }
}

impl Contexts for Processor {
    fn load(&self, iri: &str, pointer: &str) -> Result<Arc<Value>, JsonLdError> {
        self.loader.load(iri).map_err(|e| {
            JsonLdError::new(
                ErrorCode::LoadingRemoteContextFailed,
                pointer,
                e.to_string(),
            )
        })
    }

    /// Applies the remote context `iri` to `active`.
    fn remote_context(
        &self,
        active: &Arc<Context>,
        iri: &str,
        remote_contexts: &mut RemoteContexts,
        pointer: &str,
    ) -> Result<Arc<Context>, JsonLdError> {
        let key = (Arc::as_ptr(active) as usize, 0, iri.to_string(), 0);
        if let Some(hit) = self.cached(&key) {
            return Ok(hit);
        }
        remote_contexts.count(pointer)?;
        let document = self.load(iri, pointer)?;
        let Some(context) = document.get("@context") else {
            return Err(JsonLdError::new(
                ErrorCode::InvalidRemoteContext,
                pointer,
                format!("the document loaded for {iri} has no @context"),
            ));
        };
        remote_contexts.push(iri.to_string());
        let result = process_context(
            self,
            active,
            context,
            Some(iri),
            remote_contexts,
            ProcessFlags::default(),
            pointer,
        )
        .map_err(|e| {
            JsonLdError::new(
                e.code(),
                pointer,
                format!("in context {iri}{}: {}", e.pointer(), e.message()),
            )
        })?;
        remote_contexts.pop();
        self.store(key, active, &result);
        Ok(result)
    }
}
