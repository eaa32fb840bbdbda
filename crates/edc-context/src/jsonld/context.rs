//! Active contexts and the JSON-LD 1.1 context processing algorithm (section 4.1 and 4.2 of the
//! JSON-LD 1.1 Processing Algorithms).

use super::error::{ErrorCode, JsonLdError};
use super::iri::{
    ends_with_gen_delim, is_absolute, is_blank, is_keyword, looks_like_keyword, resolve,
};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// Container flags of a term definition.
pub(crate) mod container {
    pub const LIST: u8 = 1;
    pub const SET: u8 = 2;
    pub const LANGUAGE: u8 = 4;
    pub const INDEX: u8 = 8;
    pub const ID: u8 = 16;
    pub const TYPE: u8 = 32;
    pub const GRAPH: u8 = 64;
}

/// A term definition.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TermDef {
    /// The IRI (or keyword) the term expands to; `None` for a term decoupled with `@id: null`.
    pub iri: Option<Arc<str>>,
    pub prefix: bool,
    pub protected: bool,
    pub reverse: bool,
    pub type_mapping: Option<Arc<str>>,
    pub container: u8,
    /// `Some(None)`: language explicitly null.
    pub language: Option<Option<String>>,
    pub direction: Option<Option<String>>,
    /// A scoped context, kept as written and processed when used.
    pub context: Option<Arc<Value>>,
    pub base_url: Option<String>,
    pub nest: Option<String>,
    pub index: Option<String>,
}

impl TermDef {
    fn empty() -> Self {
        TermDef {
            iri: None,
            prefix: false,
            protected: false,
            reverse: false,
            type_mapping: None,
            container: 0,
            language: None,
            direction: None,
            context: None,
            base_url: None,
            nest: None,
            index: None,
        }
    }

    /// Same definition apart from the protected flag (for protected-term redefinition).
    fn same_as(&self, other: &TermDef) -> bool {
        let mut a = self.clone();
        a.protected = other.protected;
        a == *other
    }
}

/// An active context.
#[derive(Debug, Clone, Default)]
pub(crate) struct Context {
    /// Term definitions. Keyed by the context's own terms, so a fast hash is safe here.
    pub terms: rustc_hash::FxHashMap<String, Arc<TermDef>>,
    pub base: Option<String>,
    pub original_base: Option<String>,
    pub vocab: Option<String>,
    pub language: Option<String>,
    pub direction: Option<String>,
    pub previous: Option<Arc<Context>>,
    /// Processing mode `json-ld-1.0`.
    pub json_ld_10: bool,
    /// Reads a context document written inline (`{"@context": {…}}`) as its `@context`, as
    /// jsonld.js and pyld do (JSON-LD 1.1 calls it a keyword redefinition).
    pub inline_documents: bool,
}

impl Context {
    /// A new empty context with a base IRI.
    pub fn new(base: Option<String>) -> Self {
        Context {
            original_base: base.clone(),
            base,
            ..Default::default()
        }
    }

    pub fn term(&self, term: &str) -> Option<&Arc<TermDef>> {
        self.terms.get(term)
    }

    /// IRI expansion (section 5.2) at expansion time, when no local context is being defined.
    pub fn expand_iri<'s>(
        &'s self,
        value: &'s str,
        document_relative: bool,
        vocab: bool,
    ) -> Option<Cow<'s, str>> {
        if is_keyword(value) {
            return Some(Cow::Borrowed(value));
        }
        if looks_like_keyword(value) {
            return None;
        }
        if vocab {
            if let Some(def) = self.terms.get(value) {
                return def.iri.as_deref().map(Cow::Borrowed);
            }
        }
        if let Some(colon) = colon_after_first(value) {
            let (prefix, suffix) = (&value[..colon], &value[colon + 1..]);
            if prefix == "_" || suffix.starts_with("//") {
                return Some(Cow::Borrowed(value));
            }
            if let Some(def) = self.terms.get(prefix) {
                if let (Some(iri), true) = (&def.iri, def.prefix) {
                    return Some(Cow::Owned(format!("{iri}{suffix}")));
                }
            }
            if is_absolute(value) {
                return Some(Cow::Borrowed(value));
            }
        }
        if vocab {
            if let Some(v) = &self.vocab {
                return Some(Cow::Owned(format!("{v}{value}")));
            }
        }
        if document_relative {
            if let Some(base) = &self.base {
                return Some(Cow::Owned(resolve(base, value)));
            }
        }
        Some(Cow::Borrowed(value))
    }

    fn has_protected_terms(&self) -> bool {
        self.terms.values().any(|d| d.protected)
    }
}

/// Options of one context-processing call.
#[derive(Clone, Copy)]
pub(crate) struct ProcessFlags {
    pub override_protected: bool,
    pub propagate: bool,
    /// Checking a scoped context when its term is defined: a remote context already being
    /// processed is not processed again.
    pub validating: bool,
}

impl ProcessFlags {
    /// A type-scoped context: not propagated, protected terms stay protected.
    pub(crate) fn type_scoped() -> Self {
        ProcessFlags {
            override_protected: false,
            propagate: false,
            validating: false,
        }
    }
}

impl Default for ProcessFlags {
    fn default() -> Self {
        ProcessFlags {
            override_protected: false,
            propagate: true,
            validating: false,
        }
    }
}

/// The remote contexts being processed (innermost last), and how many one context processing
/// has loaded in all: a context that imports the next one twice, forty deep, would otherwise
/// be processed 2^40 times.
#[derive(Debug, Default)]
pub(crate) struct RemoteContexts {
    stack: Vec<String>,
    processed: usize,
}

/// The most remote contexts one context processing may process (cache hits aside).
const MAX_REMOTE_CONTEXTS: usize = 1_000;

impl RemoteContexts {
    /// Counts one more remote context processed; Err once there were too many.
    pub(crate) fn count(&mut self, pointer: &str) -> Result<(), JsonLdError> {
        self.processed += 1;
        if self.processed > MAX_REMOTE_CONTEXTS {
            return Err(JsonLdError::new(
                ErrorCode::ContextOverflow,
                pointer,
                format!(
                    "the context loads more than {MAX_REMOTE_CONTEXTS} remote contexts (contexts that import each other many times over)"
                ),
            ));
        }
        Ok(())
    }
}

impl std::ops::Deref for RemoteContexts {
    type Target = Vec<String>;
    fn deref(&self) -> &Vec<String> {
        &self.stack
    }
}

impl std::ops::DerefMut for RemoteContexts {
    fn deref_mut(&mut self) -> &mut Vec<String> {
        &mut self.stack
    }
}

/// The byte index of the first `:` after the first character (which may take more than one
/// byte: a term is any string).
fn colon_after_first(s: &str) -> Option<usize> {
    let first = s.chars().next().map_or(0, char::len_utf8);
    s[first..].find(':').map(|i| i + first)
}

/// `s` without its first and last characters (empty when it has fewer than three).
fn between_first_and_last(s: &str) -> &str {
    let first = s.chars().next().map_or(0, char::len_utf8);
    let last = s.char_indices().next_back().map_or(0, |(i, _)| i);
    if first < last {
        &s[first..last]
    } else {
        ""
    }
}

/// Where context processing gets the documents and remote contexts it names (the processor,
/// with its loader and caches).
pub(crate) trait Contexts {
    /// The document at `iri` (an error names `pointer`).
    fn load(&self, iri: &str, pointer: &str) -> Result<Arc<Value>, JsonLdError>;

    /// The remote context at `iri` processed in `active`.
    fn remote_context(
        &self,
        active: &Arc<Context>,
        iri: &str,
        remote_contexts: &mut RemoteContexts,
        pointer: &str,
    ) -> Result<Arc<Context>, JsonLdError>;
}

/// Context processing (section 4.1.2).
pub(crate) fn process_context(
    processor: &dyn Contexts,
    active: &Arc<Context>,
    local: &Value,
    base_url: Option<&str>,
    remote_contexts: &mut RemoteContexts,
    flags: ProcessFlags,
    pointer: &str,
) -> Result<Arc<Context>, JsonLdError> {
    // Kept as the same Arc as long as nothing changes it, so that cached results keyed by the
    // active context's address hit for every document using the same contexts.
    let mut result: Arc<Context> = active.clone();
    let mut propagate = flags.propagate;
    if let Value::Object(map) = local {
        if let Some(p) = map.get("@propagate") {
            if active.json_ld_10 {
                return Err(JsonLdError::new(
                    ErrorCode::InvalidContextEntry,
                    pointer,
                    "@propagate under processing mode json-ld-1.0",
                ));
            }
            propagate = p.as_bool().ok_or_else(|| {
                JsonLdError::new(
                    ErrorCode::InvalidPropagateValue,
                    pointer,
                    "@propagate must be true or false",
                )
            })?;
        }
    }
    if !propagate && result.previous.is_none() {
        Arc::make_mut(&mut result).previous = Some(active.clone());
    }
    let contexts: Vec<&Value> = match local {
        Value::Array(items) => items.iter().collect(),
        other => vec![other],
    };
    for (i, context) in contexts.into_iter().enumerate() {
        let here = if matches!(local, Value::Array(_)) {
            format!("{pointer}/{i}")
        } else {
            pointer.to_string()
        };
        match context {
            Value::Null => {
                if !flags.override_protected && result.has_protected_terms() {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidContextNullification,
                        here,
                        "a null context would remove protected term definitions",
                    ));
                }
                let previous = result.previous.clone();
                let mut empty = Context::new(active.original_base.clone());
                empty.json_ld_10 = active.json_ld_10;
                empty.inline_documents = active.inline_documents;
                if !propagate {
                    empty.previous = previous.or_else(|| Some(active.clone()));
                }
                result = Arc::new(empty);
            }
            Value::String(reference) => {
                let iri = match base_url {
                    Some(base) => resolve(base, reference),
                    None => reference.clone(),
                };
                if flags.validating && remote_contexts.contains(&iri) {
                    continue;
                }
                if remote_contexts.len() > 64
                    || remote_contexts.iter().filter(|r| **r == iri).count() > 8
                {
                    return Err(JsonLdError::new(
                        ErrorCode::ContextOverflow,
                        here,
                        format!("context {iri} includes itself"),
                    ));
                }
                result = processor.remote_context(&result, &iri, remote_contexts, &here)?;
            }
            // A context document written inline (`{"@context": {…}}`): jsonld.js and pyld
            // read its `@context`, and documents signed with them rely on it.
            Value::Object(map) if map.contains_key("@context") && result.inline_documents => {
                result = process_context(
                    processor,
                    &result,
                    &map["@context"],
                    base_url,
                    remote_contexts,
                    flags,
                    &format!("{here}/@context"),
                )?;
            }
            Value::Object(map) => {
                define_context(
                    processor,
                    Arc::make_mut(&mut result),
                    map,
                    base_url,
                    remote_contexts,
                    flags,
                    &here,
                )?;
            }
            _ => {
                return Err(JsonLdError::new(
                    ErrorCode::InvalidLocalContext,
                    here,
                    "a context must be an IRI, an object, null or an array of these",
                ))
            }
        }
    }
    Ok(result)
}

/// Applies one context object (the map branch of section 4.1.2, step 5.5 onwards).
#[allow(clippy::ptr_arg)]
fn define_context(
    processor: &dyn Contexts,
    result: &mut Context,
    map: &Map<String, Value>,
    base_url: Option<&str>,
    remote_contexts: &mut RemoteContexts,
    flags: ProcessFlags,
    pointer: &str,
) -> Result<(), JsonLdError> {
    let err = |code, key: &str, msg: &str| JsonLdError::new(code, format!("{pointer}/{key}"), msg);
    if map.get("@propagate").is_some_and(|p| !p.is_boolean()) {
        return Err(err(
            ErrorCode::InvalidPropagateValue,
            "@propagate",
            "@propagate must be true or false",
        ));
    }
    if let Some(version) = map.get("@version") {
        if version.as_f64() != Some(1.1) || !version.is_number() {
            return Err(err(
                ErrorCode::InvalidVersionValue,
                "@version",
                "@version must be the number 1.1",
            ));
        }
        if result.json_ld_10 {
            return Err(err(
                ErrorCode::ProcessingModeConflict,
                "@version",
                "@version 1.1 under processing mode json-ld-1.0",
            ));
        }
    }
    if result.json_ld_10 {
        if let Some(key) = ["@import", "@propagate", "@direction", "@protected"]
            .into_iter()
            .find(|k| map.contains_key(*k))
        {
            return Err(err(
                ErrorCode::InvalidContextEntry,
                key,
                "a JSON-LD 1.1 context entry under processing mode json-ld-1.0",
            ));
        }
    }
    let imported;
    let mut map = map;
    if let Some(import) = map.get("@import") {
        let Value::String(reference) = import else {
            return Err(err(
                ErrorCode::InvalidImportValue,
                "@import",
                "@import must be a string",
            ));
        };
        let iri = base_url
            .map(|b| resolve(b, reference))
            .unwrap_or_else(|| reference.clone());
        let document = processor.load(&iri, &format!("{pointer}/@import"))?;
        let Some(Value::Object(inner)) = document.get("@context") else {
            return Err(err(
                ErrorCode::InvalidRemoteContext,
                "@import",
                "the imported document has no @context object",
            ));
        };
        if inner.contains_key("@import") {
            return Err(err(
                ErrorCode::InvalidContextEntry,
                "@import",
                "an imported context cannot import",
            ));
        }
        let mut merged = inner.clone();
        for (k, v) in map {
            merged.insert(k.clone(), v.clone());
        }
        imported = merged;
        map = &imported;
    }
    if let Some(base) = map.get("@base") {
        if remote_contexts.is_empty() {
            match base {
                Value::Null => result.base = None,
                Value::String(b) if is_absolute(b) => result.base = Some(b.clone()),
                Value::String(b) => match &result.base {
                    Some(current) => result.base = Some(resolve(current, b)),
                    None => {
                        return Err(err(
                            ErrorCode::InvalidBaseIri,
                            "@base",
                            "a relative @base needs a base IRI",
                        ))
                    }
                },
                _ => {
                    return Err(err(
                        ErrorCode::InvalidBaseIri,
                        "@base",
                        "@base must be a string or null",
                    ))
                }
            }
        }
    }
    if let Some(vocab) = map.get("@vocab") {
        match vocab {
            Value::Null => result.vocab = None,
            Value::String(v) => {
                let expanded = result
                    .expand_iri(v, true, true)
                    .unwrap_or_default()
                    .into_owned();
                if !(is_absolute(&expanded) || is_blank(&expanded) || expanded.is_empty()) {
                    return Err(err(
                        ErrorCode::InvalidVocabMapping,
                        "@vocab",
                        "@vocab must be an IRI",
                    ));
                }
                result.vocab = Some(expanded);
            }
            _ => {
                return Err(err(
                    ErrorCode::InvalidVocabMapping,
                    "@vocab",
                    "@vocab must be a string or null",
                ))
            }
        }
    }
    if let Some(language) = map.get("@language") {
        match language {
            Value::Null => result.language = None,
            Value::String(l) => result.language = Some(l.to_lowercase()),
            _ => {
                return Err(err(
                    ErrorCode::InvalidDefaultLanguage,
                    "@language",
                    "@language must be a string or null",
                ))
            }
        }
    }
    if let Some(direction) = map.get("@direction") {
        match direction {
            Value::Null => result.direction = None,
            Value::String(d) if d == "ltr" || d == "rtl" => result.direction = Some(d.clone()),
            _ => {
                return Err(err(
                    ErrorCode::InvalidBaseDirection,
                    "@direction",
                    "@direction must be ltr, rtl or null",
                ))
            }
        }
    }
    let protected = match map.get("@protected") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            return Err(err(
                ErrorCode::InvalidProtectedValue,
                "@protected",
                "@protected must be a boolean",
            ))
        }
    };
    let mut definer = Definer {
        processor,
        remote: remote_contexts,
        active: result,
        local: map,
        defined: HashMap::new(),
        base_url,
        protected,
        override_protected: flags.override_protected,
        pointer,
    };
    for key in map.keys() {
        if matches!(
            key.as_str(),
            "@base"
                | "@direction"
                | "@import"
                | "@language"
                | "@propagate"
                | "@protected"
                | "@version"
                | "@vocab"
        ) {
            continue;
        }
        definer.define(key)?;
    }
    Ok(())
}

/// The state of the create-term-definition algorithm over one local context.
struct Definer<'a> {
    processor: &'a dyn Contexts,
    /// The remote contexts being processed (and how many so far), also while checking scoped
    /// contexts: contexts naming each other cannot make the checks multiply.
    remote: &'a mut RemoteContexts,
    active: &'a mut Context,
    local: &'a Map<String, Value>,
    /// `false` while a term is being defined (cycle detection), `true` once done.
    defined: HashMap<String, bool>,
    base_url: Option<&'a str>,
    protected: bool,
    override_protected: bool,
    pointer: &'a str,
}

impl Definer<'_> {
    fn error(&self, code: ErrorCode, term: &str, message: impl Into<String>) -> JsonLdError {
        JsonLdError::new(
            code,
            format!(
                "{}/{}",
                self.pointer,
                term.replace('~', "~0").replace('/', "~1")
            ),
            message,
        )
    }

    /// IRI expansion while the local context is being defined (terms used before they are
    /// defined get defined first).
    fn expand(
        &mut self,
        value: &str,
        document_relative: bool,
        vocab: bool,
    ) -> Result<Option<String>, JsonLdError> {
        if is_keyword(value) {
            return Ok(Some(value.to_string()));
        }
        if looks_like_keyword(value) {
            return Ok(None);
        }
        if self.local.contains_key(value) && self.defined.get(value) != Some(&true) {
            self.define(value)?;
        }
        if let Some(colon) = colon_after_first(value) {
            let prefix = &value[..colon];
            let suffix = &value[colon + 1..];
            if prefix != "_"
                && !suffix.starts_with("//")
                && self.local.contains_key(prefix)
                && self.defined.get(prefix) != Some(&true)
            {
                self.define(prefix)?;
            }
        }
        Ok(self
            .active
            .expand_iri(value, document_relative, vocab)
            .map(Cow::into_owned))
    }

    /// Create term definition (section 4.2.2).
    fn define(&mut self, term: &str) -> Result<(), JsonLdError> {
        match self.defined.get(term) {
            Some(true) => return Ok(()),
            Some(false) => {
                return Err(self.error(
                    ErrorCode::CyclicIriMapping,
                    term,
                    format!("term `{term}` is defined in terms of itself"),
                ))
            }
            None => {}
        }
        if term.is_empty() {
            return Err(self.error(
                ErrorCode::InvalidTermDefinition,
                term,
                "a term cannot be empty",
            ));
        }
        self.defined.insert(term.to_string(), false);
        let local = self.local;
        let value = &local[term];
        if term == "@type" && !self.active.json_ld_10 {
            // JSON-LD 1.1 allows `@type: {"@container": "@set", "@protected": …}` only.
            let ok = value.as_object().is_some_and(|m| {
                !m.is_empty()
                    && m.iter().all(|(k, v)| {
                        (k == "@container" && v == "@set") || (k == "@protected" && v.is_boolean())
                    })
            });
            if !ok {
                return Err(self.error(
                    ErrorCode::KeywordRedefinition,
                    term,
                    "@type can only be given @container @set",
                ));
            }
            let mut def = TermDef::empty();
            def.iri = Some(Arc::from("@type"));
            def.protected = value
                .get("@protected")
                .and_then(Value::as_bool)
                .unwrap_or(self.protected);
            if value.get("@container").is_some() {
                def.container = container::SET;
            }
            if let Some(previous) = self.active.terms.get(term) {
                if previous.protected && !self.override_protected && !previous.same_as(&def) {
                    return Err(self.error(
                        ErrorCode::ProtectedTermRedefinition,
                        term,
                        "@type is protected and cannot be redefined",
                    ));
                }
            }
            self.active.terms.insert(term.to_string(), Arc::new(def));
            self.defined.insert(term.to_string(), true);
            return Ok(());
        }
        if is_keyword(term) {
            return Err(self.error(
                ErrorCode::KeywordRedefinition,
                term,
                format!("`{term}` is a keyword and cannot be redefined"),
            ));
        }
        if looks_like_keyword(term) {
            self.defined.insert(term.to_string(), true);
            return Ok(());
        }
        let previous = self.active.terms.remove(term);
        let (map, simple) = match value {
            Value::Null => (Map::from_iter([("@id".to_string(), Value::Null)]), false),
            Value::String(s) => (
                Map::from_iter([("@id".to_string(), Value::String(s.clone()))]),
                true,
            ),
            Value::Object(m) => (m.clone(), false),
            _ => {
                return Err(self.error(
                    ErrorCode::InvalidTermDefinition,
                    term,
                    "a term definition must be a string, an object or null",
                ))
            }
        };
        let json_ld_10 = self.active.json_ld_10;
        if json_ld_10 {
            if let Some(k) = [
                "@context",
                "@protected",
                "@prefix",
                "@nest",
                "@index",
                "@direction",
            ]
            .into_iter()
            .find(|k| map.contains_key(*k))
            {
                return Err(self.error(
                    ErrorCode::InvalidTermDefinition,
                    term,
                    format!("{k} in a term definition needs JSON-LD 1.1"),
                ));
            }
        }
        if let Some(prefix) = map.get("@prefix") {
            if term.contains(':') || term.contains('/') {
                return Err(self.error(
                    ErrorCode::InvalidTermDefinition,
                    term,
                    "a compact IRI or IRI term cannot be a prefix",
                ));
            }
            if !prefix.is_boolean() {
                return Err(self.error(
                    ErrorCode::InvalidPrefixValue,
                    term,
                    "@prefix must be true or false",
                ));
            }
        }
        let mut def = TermDef::empty();
        def.protected = match map.get("@protected") {
            Some(Value::Bool(b)) => *b,
            Some(_) => {
                return Err(self.error(
                    ErrorCode::InvalidTermDefinition,
                    term,
                    "@protected must be a boolean",
                ))
            }
            None => self.protected,
        };
        if let Some(t) = map.get("@type") {
            let Value::String(t) = t else {
                return Err(self.error(
                    ErrorCode::InvalidTypeMapping,
                    term,
                    "@type must be a string",
                ));
            };
            let expanded = self.expand(t, false, true)?.unwrap_or_default();
            let keyword_ok = if json_ld_10 {
                matches!(expanded.as_str(), "@id" | "@vocab")
            } else {
                matches!(expanded.as_str(), "@id" | "@vocab" | "@json" | "@none")
            };
            if !(keyword_ok || (is_absolute(&expanded) && !is_blank(&expanded))) {
                return Err(self.error(
                    ErrorCode::InvalidTypeMapping,
                    term,
                    format!("@type `{t}` is not an IRI, @id, @vocab, @json or @none"),
                ));
            }
            def.type_mapping = Some(expanded.into());
        }
        if let Some(reverse) = map.get("@reverse") {
            if map.contains_key("@id") || map.contains_key("@nest") {
                return Err(self.error(
                    ErrorCode::InvalidReverseProperty,
                    term,
                    "@reverse cannot be used with @id or @nest",
                ));
            }
            let Value::String(r) = reverse else {
                return Err(self.error(
                    ErrorCode::InvalidIriMapping,
                    term,
                    "@reverse must be a string",
                ));
            };
            if looks_like_keyword(r) {
                self.defined.insert(term.to_string(), true);
                return Ok(());
            }
            let iri = self.expand(r, false, true)?.unwrap_or_default();
            if !(is_absolute(&iri) || is_blank(&iri)) {
                return Err(self.error(
                    ErrorCode::InvalidIriMapping,
                    term,
                    format!("@reverse `{r}` does not expand to an IRI"),
                ));
            }
            def.iri = Some(iri.into());
            def.reverse = true;
            if let Some(c) = map.get("@container") {
                def.container = parse_container(c)
                    .filter(|c| *c == 0 || *c == container::SET || *c == container::INDEX)
                    .ok_or_else(|| {
                        self.error(
                            ErrorCode::InvalidReverseProperty,
                            term,
                            "a reverse property's container can only be @set or @index",
                        )
                    })?;
            }
        } else if let Some(id) = map.get("@id").filter(|id| id.as_str() != Some(term)) {
            match id {
                Value::Null => def.iri = None,
                Value::String(id) => {
                    if !is_keyword(id) && looks_like_keyword(id) {
                        self.defined.insert(term.to_string(), true);
                        return Ok(());
                    }
                    let iri = self.expand(id, false, true)?.unwrap_or_default();
                    if !(is_keyword(&iri) || is_absolute(&iri) || is_blank(&iri)) {
                        return Err(self.error(
                            ErrorCode::InvalidIriMapping,
                            term,
                            format!("`{id}` does not expand to an IRI"),
                        ));
                    }
                    if iri == "@context" {
                        return Err(self.error(
                            ErrorCode::InvalidKeywordAlias,
                            term,
                            "@context cannot be aliased",
                        ));
                    }
                    let inner_colon = between_first_and_last(term).contains(':');
                    if inner_colon || term.contains('/') {
                        self.defined.insert(term.to_string(), true);
                        let as_iri = self.expand(term, false, true)?;
                        if as_iri.as_deref() != Some(iri.as_str()) {
                            return Err(self.error(
                                ErrorCode::InvalidIriMapping,
                                term,
                                "a term that looks like an IRI must expand to itself",
                            ));
                        }
                    }
                    if !term.contains(':')
                        && !term.contains('/')
                        && simple
                        && (ends_with_gen_delim(&iri) || is_blank(&iri))
                    {
                        def.prefix = true;
                    }
                    def.iri = Some(iri.into());
                }
                _ => {
                    return Err(self.error(
                        ErrorCode::InvalidIriMapping,
                        term,
                        "@id must be a string or null",
                    ))
                }
            }
        } else if let Some(colon) = colon_after_first(term) {
            let (prefix, suffix) = (&term[..colon], &term[colon + 1..]);
            if self.local.contains_key(prefix) {
                self.define(prefix)?;
            }
            def.iri = match self.active.terms.get(prefix).and_then(|d| d.iri.clone()) {
                Some(prefix_iri) if !suffix.starts_with("//") => {
                    Some(format!("{prefix_iri}{suffix}").into())
                }
                _ => Some(term.into()),
            };
        } else if term.contains('/') {
            let iri = self.expand(term, false, true)?.unwrap_or_default();
            if !is_absolute(&iri) {
                return Err(self.error(
                    ErrorCode::InvalidIriMapping,
                    term,
                    "a term with a slash must be an IRI",
                ));
            }
            def.iri = Some(iri.into());
        } else if let Some(vocab) = &self.active.vocab {
            def.iri = Some(format!("{vocab}{term}").into());
        } else {
            return Err(self.error(
                ErrorCode::InvalidIriMapping,
                term,
                format!("term `{term}` has no @id and the context has no @vocab"),
            ));
        }
        if let Some(c) = map.get("@container") {
            if !def.reverse {
                let allowed_10 = match c {
                    Value::String(s) => {
                        matches!(s.as_str(), "@list" | "@set" | "@index" | "@language")
                    }
                    _ => false,
                };
                if json_ld_10 && !allowed_10 {
                    return Err(self.error(
                        ErrorCode::InvalidContainerMapping,
                        term,
                        "this @container needs JSON-LD 1.1",
                    ));
                }
                def.container = parse_container(c).ok_or_else(|| {
                    self.error(
                        ErrorCode::InvalidContainerMapping,
                        term,
                        "invalid @container",
                    )
                })?;
                if def.container & container::TYPE != 0 {
                    match def.type_mapping.as_deref() {
                        None => def.type_mapping = Some(Arc::from("@id")),
                        Some("@id" | "@vocab") => {}
                        _ => {
                            return Err(self.error(
                                ErrorCode::InvalidTypeMapping,
                                term,
                                "a @type container needs @type @id or @vocab",
                            ))
                        }
                    }
                }
            }
        }
        if let Some(index) = map.get("@index") {
            if def.container & container::INDEX == 0 {
                return Err(self.error(
                    ErrorCode::InvalidTermDefinition,
                    term,
                    "@index needs an @index container",
                ));
            }
            let Value::String(index) = index else {
                return Err(self.error(
                    ErrorCode::InvalidTermDefinition,
                    term,
                    "@index must be a string",
                ));
            };
            let expanded = self.expand(index, false, true)?;
            if is_keyword(index) || !expanded.is_some_and(|e| is_absolute(&e) && !is_keyword(&e)) {
                return Err(self.error(
                    ErrorCode::InvalidTermDefinition,
                    term,
                    "@index must name a property (an IRI, not a keyword)",
                ));
            }
            def.index = Some(index.clone());
        }
        if let Some(scoped) = map.get("@context") {
            let flags = ProcessFlags {
                override_protected: true,
                propagate: true,
                validating: true,
            };
            let active = Arc::new(self.active.clone());
            process_context(
                self.processor,
                &active,
                scoped,
                self.base_url,
                self.remote,
                flags,
                "",
            )
            .map_err(|e| {
                self.error(
                    ErrorCode::InvalidScopedContext,
                    term,
                    format!("its scoped context is invalid: {e}"),
                )
            })?;
            def.context = Some(Arc::new(scoped.clone()));
            def.base_url = self.base_url.map(str::to_string);
        }
        if !map.contains_key("@type") {
            if let Some(language) = map.get("@language") {
                def.language = Some(match language {
                    Value::Null => None,
                    Value::String(l) => Some(l.to_lowercase()),
                    _ => {
                        return Err(self.error(
                            ErrorCode::InvalidLanguageMapping,
                            term,
                            "@language must be a string or null",
                        ))
                    }
                });
            }
            if let Some(direction) = map.get("@direction") {
                def.direction = Some(match direction {
                    Value::Null => None,
                    Value::String(d) if d == "ltr" || d == "rtl" => Some(d.clone()),
                    _ => {
                        return Err(self.error(
                            ErrorCode::InvalidTermDefinition,
                            term,
                            "@direction must be ltr, rtl or null",
                        ))
                    }
                });
            }
        }
        if let Some(nest) = map.get("@nest") {
            match nest {
                Value::String(n) if n == "@nest" || !is_keyword(n) => def.nest = Some(n.clone()),
                _ => {
                    return Err(self.error(
                        ErrorCode::InvalidNestValue,
                        term,
                        "@nest must be a term or @nest",
                    ))
                }
            }
        }
        if let Some(prefix) = map.get("@prefix").and_then(Value::as_bool) {
            def.prefix = prefix;
            if prefix && def.iri.as_deref().is_some_and(is_keyword) {
                return Err(self.error(
                    ErrorCode::InvalidTermDefinition,
                    term,
                    "a keyword alias cannot be a prefix",
                ));
            }
        }
        const ALLOWED: [&str; 12] = [
            "@id",
            "@reverse",
            "@container",
            "@context",
            "@direction",
            "@index",
            "@language",
            "@nest",
            "@prefix",
            "@protected",
            "@type",
            "@propagate",
        ];
        if let Some(k) = map.keys().find(|k| !ALLOWED.contains(&k.as_str())) {
            return Err(self.error(
                ErrorCode::InvalidTermDefinition,
                term,
                format!("unexpected `{k}` in a term definition"),
            ));
        }
        if let Some(previous) = previous {
            if previous.protected && !self.override_protected {
                if !previous.same_as(&def) {
                    return Err(self.error(
                        ErrorCode::ProtectedTermRedefinition,
                        term,
                        format!("`{term}` is a protected term and cannot be redefined"),
                    ));
                }
                self.active.terms.insert(term.to_string(), previous);
                self.defined.insert(term.to_string(), true);
                return Ok(());
            }
        }
        self.active.terms.insert(term.to_string(), Arc::new(def));
        self.defined.insert(term.to_string(), true);
        Ok(())
    }
}

/// Parses `@container` into flags; `None` for an invalid combination.
fn parse_container(value: &Value) -> Option<u8> {
    let items: Vec<&str> = match value {
        Value::Null => return Some(0),
        Value::String(s) => vec![s.as_str()],
        Value::Array(a) => a.iter().map(|v| v.as_str()).collect::<Option<Vec<_>>>()?,
        _ => return None,
    };
    let mut flags = 0;
    for item in &items {
        flags |= match *item {
            "@list" => container::LIST,
            "@set" => container::SET,
            "@language" => container::LANGUAGE,
            "@index" => container::INDEX,
            "@id" => container::ID,
            "@type" => container::TYPE,
            "@graph" => container::GRAPH,
            _ => return None,
        };
    }
    let valid = match flags {
        0 => true,
        f if f == container::LIST => items.len() == 1,
        f if f & container::GRAPH != 0 => {
            (f & !(container::GRAPH | container::ID | container::INDEX | container::SET)) == 0
                && !(f & container::ID != 0 && f & container::INDEX != 0)
        }
        f if f & container::SET != 0 => {
            (f & !container::SET).count_ones() <= 1 && f & container::LIST == 0
        }
        f => f.count_ones() == 1,
    };
    valid.then_some(flags)
}
