//! The JSON-LD 1.1 expansion algorithm (Processing Algorithms, section 5.1) over `serde_json`
//! values, giving the typed expanded form of [`crate::jsonld::expanded`].
//!
//! Besides the algorithm: findings (what RDF will drop, with JSON pointers; errors in strict
//! mode), the stand-ins of a document read folded, and — for RDF only — identical copies of a
//! node already expanded in the same context and graph become references (EDC documents repeat
//! concepts and organisations many times; their triples are the same).

mod building;
mod maps;

use super::context::{container, process_context, Context, ProcessFlags, RemoteContexts, TermDef};
use super::error::{ErrorCode, Finding, FindingKind, JsonLdError};
use super::expanded::{add_values, Expanded, Item, Node, ValueObject};
use super::iri::{is_absolute, is_blank, is_keyword, looks_like_keyword};
use super::processor::Processor;
use super::ptr::{each, Ptr};
use crate::folded::FoldedJson;
use building::Building;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::sync::Arc;

/// What the expansion is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Purpose {
    /// The expanded document itself (`expand`): every copy written out.
    Expand,
    /// RDF: repeated identical nodes become references.
    Rdf,
}

pub(crate) struct Expander<'p, 'd> {
    processor: &'p Processor,
    pub findings: Vec<Finding>,
    strict: bool,
    purpose: Purpose,
    json_ld_10: bool,
    /// The document's URL, against which relative context references resolve.
    base_url: Option<&'p str>,
    /// Members of the top-level object to leave out.
    skip_root: &'p [String],
    /// The document, when it was read folded: its stand-ins are expanded as their first copy.
    folded: Option<&'d FoldedJson>,
    /// Node objects already expanded (RDF only), by the identifier written in them.
    seen: rustc_hash::FxHashMap<&'d str, Vec<SeenNode<'d>>>,
    /// Items that will make blank nodes in RDF so far (a node copy that made one is not reused).
    anonymous: usize,
    /// The graph being expanded into (a number per graph), and the last number given.
    graph: usize,
    graphs: usize,
    /// Suggestions already looked up, by context and term (documents repeat their typos).
    suggestions: rustc_hash::FxHashMap<(usize, String), Option<String>>,
    /// Items made so far, and the most allowed.
    items: usize,
    pub max_items: usize,
}

struct SeenNode<'d> {
    map: &'d Map<String, Value>,
    context: usize,
    graph: usize,
    id: Arc<str>,
}

/// Options fixed for one expansion.
pub(crate) struct Setup<'p> {
    pub strict: bool,
    pub purpose: Purpose,
    pub json_ld_10: bool,
    pub base_url: Option<&'p str>,
    pub skip_root: &'p [String],
}

impl<'p, 'd> Expander<'p, 'd> {
    pub fn new(processor: &'p Processor, setup: Setup<'p>) -> Self {
        Expander {
            processor,
            findings: Vec::new(),
            strict: setup.strict,
            purpose: setup.purpose,
            json_ld_10: setup.json_ld_10,
            base_url: setup.base_url,
            skip_root: setup.skip_root,
            folded: None,
            seen: Default::default(),
            anonymous: 0,
            suggestions: Default::default(),
            graph: 0,
            graphs: 0,
            items: 0,
            max_items: usize::MAX,
        }
    }

    /// Expands the stand-ins of `document` (read folded) as their first copies.
    pub fn folded(mut self, document: &'d FoldedJson) -> Self {
        self.folded = Some(document);
        self
    }

    /// `value`, or the first copy it stands in for.
    fn resolve(&self, value: &'d Value) -> &'d Value {
        match self.folded {
            Some(document) => document.resolve(value),
            None => value,
        }
    }

    /// A JSON value written out whole (stand-ins replaced by their copies).
    fn unfolded(&self, value: &Value) -> Value {
        match self.folded {
            Some(document) if document.copies() > 0 => document.unfold(value),
            _ => value.clone(),
        }
    }

    /// Expands the whole document (the `expand()` method's steps after the algorithm: a
    /// top-level object holding only `@graph` is its graph's content).
    pub fn document(
        &mut self,
        ctx: &Arc<Context>,
        document: &'d Value,
    ) -> Result<Vec<Item>, JsonLdError> {
        let expanded = self.element(ctx, None, document, &Ptr::Root, false)?;
        Ok(match expanded {
            Expanded::One(Item::Node(node))
                if node.is_graph_object() && node.id.is_none() && node.index.is_none() =>
            {
                node.graph.unwrap_or_default()
            }
            other => other.into_vec(),
        })
    }

    /// Records something RDF will drop; in strict mode it is an error instead.
    fn finding(
        &mut self,
        kind: FindingKind,
        pointer: &Ptr<'_>,
        value: &str,
        ctx: &Context,
        message: String,
    ) -> Result<(), JsonLdError> {
        let suggestion = match kind {
            FindingKind::UndefinedTerm | FindingKind::UndefinedType => {
                let key = (ctx as *const Context as usize, value.to_string());
                self.suggestions
                    .entry(key)
                    .or_insert_with(|| super::suggest::similar_term(ctx, value))
                    .clone()
            }
            _ => None,
        };
        let message = match &suggestion {
            Some(s) => format!("{message}; did you mean `{s}`?"),
            None => message,
        };
        let finding = Finding {
            kind,
            pointer: pointer.to_string(),
            value: value.to_string(),
            suggestion,
            message,
        };
        if self.strict {
            return Err(finding.to_error());
        }
        self.findings.push(finding);
        Ok(())
    }

    /// An IRI-expanded node identifier, with a finding when RDF cannot use it.
    fn identifier(
        &mut self,
        iri: &str,
        pointer: &Ptr<'_>,
        ctx: &Context,
        what: &str,
    ) -> Result<Arc<str>, JsonLdError> {
        if is_blank(iri) {
            self.anonymous += 1;
        } else if !is_absolute(iri) {
            self.finding(
                FindingKind::RelativeIriReference,
                pointer,
                iri,
                ctx,
                format!("{what} `{iri}` is a relative IRI reference (no base IRI makes it absolute); JSON-LD drops the triple"),
            )?;
        }
        Ok(Arc::from(iri))
    }

    fn count_item(&mut self, pointer: &Ptr<'_>) -> Result<(), JsonLdError> {
        self.items += 1;
        if self.items > self.max_items {
            return Err(JsonLdError::new(
                ErrorCode::TooManyTriples,
                pointer,
                format!(
                    "the document expands to more than {} items, more than edc converts (genuine credentials hold about a thousand)",
                    self.max_items
                ),
            ));
        }
        Ok(())
    }

    /// How many items the expansion made (about as many triples as RDF will hold).
    pub fn items_made(&self) -> usize {
        self.items
    }

    /// Runs `f` in a graph of its own (for the identical-copy check).
    fn in_new_graph<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.graph;
        self.graphs += 1;
        self.graph = self.graphs;
        let out = f(self);
        self.graph = saved;
        out
    }

    /// The expansion algorithm for one element.
    pub(crate) fn element(
        &mut self,
        ctx: &Arc<Context>,
        property: Option<&str>,
        element: &'d Value,
        pointer: &Ptr<'_>,
        from_map: bool,
    ) -> Result<Expanded, JsonLdError> {
        let def = property.and_then(|p| ctx.term(p)).cloned();
        self.element_as(ctx, property, def.as_ref(), element, pointer, from_map)
    }

    /// [`element`](Self::element) with the active property's definition already looked up.
    fn element_as(
        &mut self,
        ctx: &Arc<Context>,
        property: Option<&str>,
        def: Option<&Arc<TermDef>>,
        element: &'d Value,
        pointer: &Ptr<'_>,
        from_map: bool,
    ) -> Result<Expanded, JsonLdError> {
        match self.resolve(element) {
            Value::Null => Ok(Expanded::Null),
            Value::Array(items) => {
                let flags = def.as_ref().map_or(0, |d| d.container);
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let here = Ptr::Index(pointer, i);
                    let expanded = if flags & container::GRAPH != 0 {
                        self.in_new_graph(|s| {
                            s.element_as(ctx, property, def, item, &here, from_map)
                        })?
                    } else {
                        self.element_as(ctx, property, def, item, &here, from_map)?
                    };
                    match expanded {
                        Expanded::Array(list) if flags & container::LIST != 0 => {
                            self.anonymous += 1;
                            out.push(Item::List(super::expanded::ListObject {
                                items: list,
                                index: None,
                            }));
                        }
                        Expanded::Array(list) => out.extend(list),
                        Expanded::One(item) => out.push(item),
                        Expanded::Null => {}
                    }
                }
                Ok(Expanded::Array(out))
            }
            Value::Object(map) => {
                self.map(ctx, property, def.map(|d| &**d), map, pointer, from_map)
            }
            scalar => {
                if property.is_none() || property == Some("@graph") {
                    return Ok(Expanded::Null);
                }
                let value_ctx = self.property_scoped(ctx, def.map(|d| &**d), pointer)?;
                self.value(&value_ctx, def.map(|d| &**d), scalar, pointer)
            }
        }
    }

    /// The context with the property's scoped context applied (protected terms may be
    /// overridden), or the context itself when the property has none.
    fn property_scoped(
        &self,
        ctx: &Arc<Context>,
        def: Option<&TermDef>,
        pointer: &Ptr<'_>,
    ) -> Result<Arc<Context>, JsonLdError> {
        match def.and_then(|d| d.context.as_ref().map(|c| (c, d.base_url.as_deref()))) {
            Some((scoped, base)) => {
                let flags = ProcessFlags {
                    override_protected: true,
                    propagate: true,
                    validating: false,
                };
                self.processor
                    .scoped_context(ctx, scoped, base, flags, pointer)
            }
            None => Ok(ctx.clone()),
        }
    }

    /// Value expansion (section 5.3) of a scalar under a term definition.
    fn value(
        &mut self,
        ctx: &Context,
        def: Option<&TermDef>,
        value: &Value,
        pointer: &Ptr<'_>,
    ) -> Result<Expanded, JsonLdError> {
        self.count_item(pointer)?;
        let type_mapping = def.and_then(|d| d.type_mapping.as_deref());
        if let (Value::String(s), Some(mapping @ ("@id" | "@vocab"))) = (value, type_mapping) {
            let Some(iri) = ctx.expand_iri(s, true, mapping == "@vocab") else {
                return Ok(Expanded::Null);
            };
            let id = self.identifier(&iri, pointer, ctx, "the IRI value")?;
            return Ok(Expanded::One(Item::reference(id)));
        }
        let mut object = ValueObject {
            value: value.clone(),
            datatype: None,
            language: None,
            direction: None,
            index: None,
        };
        match def.and_then(|d| d.type_mapping.as_ref()) {
            Some(t) if !matches!(&**t, "@id" | "@vocab" | "@none") => {
                object.datatype = Some(t.clone());
            }
            _ if value.is_string() => {
                object.language = match def.and_then(|d| d.language.clone()) {
                    Some(explicit) => explicit,
                    None => ctx.language.clone(),
                };
                object.direction = match def.and_then(|d| d.direction.clone()) {
                    Some(explicit) => explicit,
                    None => ctx.direction.clone(),
                };
                if object.direction.is_some() {
                    self.anonymous += 1;
                }
            }
            _ => {}
        }
        Ok(Expanded::One(Item::Value(object)))
    }

    /// Steps 7 to 20 for a JSON object.
    fn map(
        &mut self,
        ctx: &Arc<Context>,
        property: Option<&str>,
        def: Option<&TermDef>,
        map: &'d Map<String, Value>,
        pointer: &Ptr<'_>,
        from_map: bool,
    ) -> Result<Expanded, JsonLdError> {
        let map = match self.folded {
            Some(document) => document.resolve_map(map),
            None => map,
        };
        // An identical copy of a node already expanded in the same context and graph.
        let reusable =
            self.purpose == Purpose::Rdf && !from_map && def.is_none_or(|d| d.context.is_none());
        let written_id = if reusable {
            map.get("id")
                .or_else(|| map.get("@id"))
                .and_then(Value::as_str)
        } else {
            None
        };
        let context_key = Arc::as_ptr(ctx) as usize;
        if let Some(written) = written_id {
            let graph = self.graph;
            if let Some(copy) = self.seen.get(written).and_then(|copies| {
                copies.iter().find(|c| {
                    c.context == context_key
                        && c.graph == graph
                        && (std::ptr::eq(c.map, map) || c.map == map)
                })
            }) {
                return Ok(Expanded::One(Item::reference(copy.id.clone())));
            }
        }
        let (anonymous_before, findings_before) = (self.anonymous, self.findings.len());
        let expanded = self.expand_map(ctx, property, def, map, pointer, from_map)?;
        if let (Some(written), Expanded::One(Item::Node(node))) = (written_id, &expanded) {
            if let Some(id) = &node.id {
                if self.anonymous == anonymous_before
                    && self.findings.len() == findings_before
                    && is_absolute(id)
                {
                    let copy = SeenNode {
                        map,
                        context: context_key,
                        graph: self.graph,
                        id: id.clone(),
                    };
                    self.seen.entry(written).or_default().push(copy);
                }
            }
        }
        Ok(expanded)
    }

    fn expand_map(
        &mut self,
        ctx: &Arc<Context>,
        property: Option<&str>,
        def: Option<&TermDef>,
        map: &'d Map<String, Value>,
        pointer: &Ptr<'_>,
        from_map: bool,
    ) -> Result<Expanded, JsonLdError> {
        self.count_item(pointer)?;
        let mut ctx = ctx.clone();
        // Step 7: a type-scoped context does not reach into new node objects.
        if ctx.previous.is_some() && !from_map {
            let expands_to =
                |k: &str, kw: &str| ctx.expand_iri(k, false, true).as_deref() == Some(kw);
            let is_value = map.keys().any(|k| expands_to(k, "@value"));
            let only_id = map.len() == 1 && map.keys().all(|k| expands_to(k, "@id"));
            if !is_value && !only_id {
                ctx = ctx.previous.clone().expect("checked");
            }
        }
        // Steps 8 and 9: property-scoped and embedded contexts.
        ctx = self.property_scoped(&ctx, def, pointer)?;
        if let Some(local) = map.get("@context") {
            let mut remote = RemoteContexts::default();
            ctx = process_context(
                self.processor,
                &ctx,
                local,
                self.base_url,
                &mut remote,
                ProcessFlags::default(),
                &Ptr::Key(pointer, "@context").render(),
            )?;
        }
        // Steps 10 and 11: type-scoped contexts, in code point order of the types, looked up in
        // the context as it was before any of them applied.
        let type_scoped = ctx.clone();
        // Each key IRI-expanded once (again below only if a type-scoped context changed the
        // context).
        let keys: Vec<Option<Cow<'_, str>>> = map
            .keys()
            .map(|k| type_scoped.expand_iri(k, false, true))
            .collect();
        let mut type_keys: Vec<&String> = map
            .keys()
            .zip(&keys)
            .filter(|(_, e)| e.as_deref() == Some("@type"))
            .map(|(k, _)| k)
            .collect();
        type_keys.sort_unstable();
        let mut type_terms: Vec<&str> = Vec::new();
        for key in &type_keys {
            match self.resolve(&map[*key]) {
                Value::String(s) => type_terms.push(s),
                Value::Array(items) => type_terms.extend(items.iter().filter_map(Value::as_str)),
                _ => {}
            }
        }
        type_terms.sort_unstable();
        for term in &type_terms {
            if let Some((scoped, base)) = type_scoped
                .term(term)
                .and_then(|d| d.context.clone().map(|c| (c, d.base_url.clone())))
            {
                let flags = ProcessFlags::type_scoped();
                ctx = self.processor.scoped_context(
                    &ctx,
                    &scoped,
                    base.as_deref(),
                    flags,
                    pointer,
                )?;
            }
        }
        // Step 12: the input type (for @json values).
        let input_type_json = type_keys.first().is_some_and(|key| {
            let last = match self.resolve(&map[*key]) {
                Value::String(s) => Some(s.as_str()),
                Value::Array(items) => items.last().and_then(Value::as_str),
                _ => None,
            };
            last.and_then(|t| ctx.expand_iri(t, true, true)).as_deref() == Some("@json")
        });
        let mut result = Building::default();
        let scope = Scope {
            ctx: &ctx,
            type_scoped: &type_scoped,
            property,
            input_type_json,
        };
        let unchanged = Arc::ptr_eq(&ctx, &type_scoped);
        let known = unchanged.then_some(keys.as_slice());
        self.entries(&scope, map, pointer, &mut result, true, known)?;
        let free_floating = property.is_none() || property == Some("@graph");
        let expanded = result.finish(free_floating, pointer)?;
        if let Expanded::One(Item::Node(node)) = &expanded {
            if node.id.is_none() {
                self.anonymous += 1;
            }
        }
        Ok(expanded)
    }

    /// Steps 13 and 14: the members of `map` (and of the objects nested in it) into `result`.
    fn entries(
        &mut self,
        scope: &Scope<'_>,
        map: &'d Map<String, Value>,
        pointer: &Ptr<'_>,
        result: &mut Building,
        top: bool,
        known: Option<&[Option<Cow<'_, str>>]>,
    ) -> Result<(), JsonLdError> {
        let ctx = scope.ctx;
        let at_root = top && matches!(pointer, Ptr::Root);
        let mut nests: Vec<&'d String> = Vec::new();
        for (i, (key, value)) in map.iter().enumerate() {
            if key == "@context" || (at_root && self.skip_root.contains(key)) {
                continue;
            }
            let here = Ptr::Key(pointer, key);
            let expanded = match known {
                Some(keys) => keys[i].as_deref().map(Cow::Borrowed),
                None => ctx.expand_iri(key, false, true),
            };
            let Some(expanded) = expanded else {
                if !looks_like_keyword(key) {
                    self.undefined_term(key, &here, ctx)?;
                }
                continue;
            };
            if is_keyword(&expanded) {
                if expanded == "@nest" {
                    nests.push(key);
                    continue;
                }
                self.keyword(scope, &expanded, value, &here, result)?;
                continue;
            }
            if !expanded.contains(':') {
                self.undefined_term(key, &here, ctx)?;
                continue;
            }
            let def = ctx.term(key).cloned();
            let predicate: Arc<str> = match def.as_ref().and_then(|d| d.iri.clone()) {
                Some(iri) if *iri == *expanded => iri,
                _ => Arc::from(expanded.as_ref()),
            };
            if is_blank(&predicate) {
                self.finding(
                    FindingKind::BlankNodePredicate,
                    &here,
                    key,
                    ctx,
                    format!("`{key}` expands to the blank node `{predicate}`, which cannot be a property in RDF; JSON-LD drops the triple"),
                )?;
            }
            let member = Member {
                key,
                def,
                predicate: &predicate,
            };
            self.property(scope, member, value, &here, result)?;
        }
        for key in nests {
            let here = Ptr::Key(pointer, key);
            let nested_values = each(self.resolve(&map[key.as_str()]), &here);
            let nest_def = ctx.term(key).cloned();
            let nest_ctx = self.property_scoped(ctx, nest_def.as_deref(), &here)?;
            for (p, nested) in nested_values {
                let nested = self.resolve(nested);
                let Value::Object(nested_map) = nested else {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidNestValue,
                        p,
                        "@nest holds objects of properties",
                    ));
                };
                let nested_map = match self.folded {
                    Some(document) => document.resolve_map(nested_map),
                    None => nested_map,
                };
                if nested_map
                    .keys()
                    .any(|k| nest_ctx.expand_iri(k, false, true).as_deref() == Some("@value"))
                {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidNestValue,
                        p,
                        "@nest cannot hold a value object",
                    ));
                }
                let inner = Scope {
                    ctx: &nest_ctx,
                    type_scoped: scope.type_scoped,
                    property: Some(key),
                    input_type_json: scope.input_type_json,
                };
                self.entries(&inner, nested_map, &p, result, false, None)?;
            }
        }
        Ok(())
    }

    fn undefined_term(
        &mut self,
        key: &str,
        pointer: &Ptr<'_>,
        ctx: &Context,
    ) -> Result<(), JsonLdError> {
        self.finding(
            FindingKind::UndefinedTerm,
            pointer,
            key,
            ctx,
            format!(
                "`{key}` is not defined by the context; JSON-LD drops it and everything under it"
            ),
        )
    }

    /// Step 13.4: a member whose key is a keyword (or an alias of one).
    fn keyword(
        &mut self,
        scope: &Scope<'_>,
        keyword: &str,
        value: &'d Value,
        pointer: &Ptr<'_>,
        result: &mut Building,
    ) -> Result<(), JsonLdError> {
        let ctx = scope.ctx;
        let value = self.resolve(value);
        if scope.property == Some("@reverse") {
            return Err(JsonLdError::new(
                ErrorCode::InvalidReversePropertyMap,
                pointer,
                format!("a @reverse map cannot hold the keyword {keyword}"),
            ));
        }
        let repeatable = keyword == "@included" || (keyword == "@type" && !self.json_ld_10);
        if result.has(keyword) && !repeatable {
            return Err(JsonLdError::new(
                ErrorCode::CollidingKeywords,
                pointer,
                format!("{keyword} is given twice (through an alias)"),
            ));
        }
        match keyword {
            "@id" => {
                let Value::String(id) = value else {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidIdValue,
                        pointer,
                        "@id must be a string",
                    ));
                };
                match ctx.expand_iri(id, true, false) {
                    Some(iri) => {
                        result.node.id =
                            Some(self.identifier(&iri, pointer, ctx, "the node identifier")?);
                    }
                    None => result.node.null_id = true,
                }
            }
            "@type" => self.types(scope, value, pointer, result)?,
            "@graph" => {
                let graph =
                    self.in_new_graph(|s| s.element(ctx, Some("@graph"), value, pointer, false))?;
                let mut items = result.node.graph.take().unwrap_or_default();
                items.extend(graph.into_vec());
                result.node.graph = Some(items);
            }
            "@included" => {
                if self.json_ld_10 {
                    return Ok(());
                }
                // Expanded under a property of its own, so that values and lists are kept (and
                // refused) rather than dropped as free-floating.
                let included = self
                    .element(ctx, Some("@included"), value, pointer, false)?
                    .into_vec();
                if included.iter().any(|i| !matches!(i, Item::Node(_))) {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidIncludedValue,
                        pointer,
                        "@included holds node objects only",
                    ));
                }
                let mut items = result.node.included.take().unwrap_or_default();
                items.extend(included);
                result.node.included = Some(items);
            }
            "@value" => {
                if scope.input_type_json {
                    if self.json_ld_10 {
                        return Err(JsonLdError::new(
                            ErrorCode::InvalidValueObjectValue,
                            pointer,
                            "JSON literals need JSON-LD 1.1",
                        ));
                    }
                    result.value = Some(self.unfolded(value));
                } else if matches!(value, Value::Object(_) | Value::Array(_)) {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidValueObjectValue,
                        pointer,
                        "@value must be a string, number, boolean or null",
                    ));
                } else {
                    result.value = Some(value.clone());
                }
            }
            "@language" => {
                let Value::String(language) = value else {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidLanguageTaggedString,
                        pointer,
                        "@language must be a string",
                    ));
                };
                result.language = Some(language.clone());
            }
            "@direction" => {
                if self.json_ld_10 {
                    return Ok(());
                }
                match value {
                    Value::String(d) if d == "ltr" || d == "rtl" => {
                        self.anonymous += 1;
                        result.direction = Some(d.clone());
                    }
                    _ => {
                        return Err(JsonLdError::new(
                            ErrorCode::InvalidBaseDirection,
                            pointer,
                            "@direction must be \"ltr\" or \"rtl\"",
                        ))
                    }
                }
            }
            "@index" => {
                let Value::String(index) = value else {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidIndexValue,
                        pointer,
                        "@index must be a string",
                    ));
                };
                result.node.index = Some(index.clone());
            }
            "@list" => {
                if scope.property.is_none() || scope.property == Some("@graph") {
                    return Ok(());
                }
                let items = self.element(ctx, scope.property, value, pointer, false)?;
                self.anonymous += 1;
                result.list = Some(items.into_vec());
            }
            "@set" => {
                let items = self.element(ctx, scope.property, value, pointer, false)?;
                result.set = Some(Expanded::Array(items.into_vec()));
            }
            "@reverse" => self.reverse(ctx, value, pointer, result)?,
            _ => {}
        }
        Ok(())
    }

    /// `@type` of a node or value object: IRIs, expanded with the type-scoped context.
    fn types(
        &mut self,
        scope: &Scope<'_>,
        value: &Value,
        pointer: &Ptr<'_>,
        result: &mut Building,
    ) -> Result<(), JsonLdError> {
        let written: Vec<(Ptr<'_>, &str)> = match value {
            Value::String(s) => vec![(*pointer, s.as_str())],
            Value::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (i, item) in items.iter().enumerate() {
                    let Value::String(s) = item else {
                        return Err(JsonLdError::new(
                            ErrorCode::InvalidTypeValue,
                            Ptr::Index(pointer, i),
                            "@type holds IRIs (strings) only",
                        ));
                    };
                    out.push((Ptr::Index(pointer, i), s.as_str()));
                }
                result.type_array = true;
                out
            }
            _ => {
                return Err(JsonLdError::new(
                    ErrorCode::InvalidTypeValue,
                    pointer,
                    "@type must be an IRI or an array of IRIs",
                ))
            }
        };
        if result.has_type {
            result.type_array = true;
        }
        result.has_type = true;
        for (p, t) in written {
            let Some(iri) = scope.type_scoped.expand_iri(t, true, true) else {
                continue;
            };
            if is_blank(&iri) {
                self.anonymous += 1;
            } else if !is_absolute(&iri) && iri != "@json" {
                self.finding(
                    FindingKind::UndefinedType,
                    &p,
                    t,
                    scope.type_scoped,
                    format!("type `{t}` is not defined by the context and is not an IRI; JSON-LD drops it"),
                )?;
            }
            let iri: Arc<str> = match scope.type_scoped.term(t).and_then(|d| d.iri.clone()) {
                Some(defined) if *defined == *iri => defined,
                _ => Arc::from(iri.as_ref()),
            };
            result.node.types.push(iri);
        }
        Ok(())
    }

    /// `@reverse`: a map of reverse properties.
    fn reverse(
        &mut self,
        ctx: &Arc<Context>,
        value: &'d Value,
        pointer: &Ptr<'_>,
        result: &mut Building,
    ) -> Result<(), JsonLdError> {
        if !value.is_object() {
            return Err(JsonLdError::new(
                ErrorCode::InvalidReverseValue,
                pointer,
                "@reverse must be an object",
            ));
        }
        let Expanded::One(Item::Node(expanded)) =
            self.element(ctx, Some("@reverse"), value, pointer, false)?
        else {
            return Ok(());
        };
        let expanded = *expanded;
        // Properties reversed twice are forward properties.
        if let Some(twice) = expanded.reverse {
            for (property, items) in twice {
                add_values(&mut result.node.properties, &property, items);
            }
        }
        if !expanded.properties.is_empty() {
            let reverse = result.node.reverse.get_or_insert_with(Vec::new);
            for (property, items) in expanded.properties {
                if items.iter().any(|i| !matches!(i, Item::Node(_))) {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidReversePropertyValue,
                        pointer,
                        format!("the reverse property {property} holds a value or a list; it can hold nodes only"),
                    ));
                }
                add_values(reverse, &property, items);
            }
        }
        Ok(())
    }

    /// Step 13.5 onwards: a member whose key is a term, compact IRI or IRI.
    fn property(
        &mut self,
        scope: &Scope<'_>,
        member: Member<'_>,
        value: &'d Value,
        pointer: &Ptr<'_>,
        result: &mut Building,
    ) -> Result<(), JsonLdError> {
        let ctx = scope.ctx;
        let Member {
            key,
            def,
            predicate,
        } = member;
        let flags = def.as_ref().map_or(0, |d| d.container);
        let resolved = self.resolve(value);
        let expanded = if def.as_ref().and_then(|d| d.type_mapping.as_deref()) == Some("@json") {
            self.count_item(pointer)?;
            Expanded::One(Item::Value(ValueObject {
                value: self.unfolded(resolved),
                datatype: Some(Arc::from("@json")),
                language: None,
                direction: None,
                index: None,
            }))
        } else if let (Value::Object(map), true) = (resolved, flags & container::LANGUAGE != 0) {
            Expanded::Array(self.language_map(ctx, def.as_deref(), map, pointer)?)
        } else if let (Value::Object(map), true) = (
            resolved,
            flags & (container::INDEX | container::TYPE | container::ID) != 0,
        ) {
            let def = def.as_ref().expect("a container needs a definition");
            Expanded::Array(self.index_map(ctx, key, def, map, pointer)?)
        } else if flags & container::GRAPH != 0 && !resolved.is_array() {
            self.in_new_graph(|s| {
                s.element_as(ctx, Some(key), def.as_ref(), value, pointer, false)
            })?
        } else {
            self.element_as(ctx, Some(key), def.as_ref(), value, pointer, false)?
        };
        let mut items = match expanded {
            Expanded::Null => return Ok(()),
            Expanded::One(Item::List(list)) if flags & container::LIST != 0 => {
                vec![Item::List(list)]
            }
            other if flags & container::LIST != 0 => {
                self.anonymous += 1;
                vec![Item::List(super::expanded::ListObject {
                    items: other.into_vec(),
                    index: None,
                })]
            }
            other => other.into_vec(),
        };
        if flags & container::GRAPH != 0 && flags & (container::ID | container::INDEX) == 0 {
            items = items
                .into_iter()
                .map(|item| {
                    self.anonymous += 1;
                    Item::Node(Box::new(Node {
                        graph: Some(vec![item]),
                        ..Node::default()
                    }))
                })
                .collect();
        }
        if def.as_ref().is_some_and(|d| d.reverse) {
            if items.iter().any(|i| !matches!(i, Item::Node(_))) {
                return Err(JsonLdError::new(
                    ErrorCode::InvalidReversePropertyValue,
                    pointer,
                    format!("`{key}` is a reverse property: it can hold nodes only"),
                ));
            }
            let reverse = result.node.reverse.get_or_insert_with(Vec::new);
            add_values(reverse, predicate, items);
        } else {
            add_values(&mut result.node.properties, predicate, items);
        }
        Ok(())
    }
}

/// A member whose key is a term, compact IRI or IRI: the key, its definition, the property IRI.
struct Member<'a> {
    key: &'a str,
    def: Option<Arc<TermDef>>,
    predicate: &'a Arc<str>,
}

/// The contexts and active property the members of one object are expanded with.
struct Scope<'a> {
    ctx: &'a Arc<Context>,
    type_scoped: &'a Arc<Context>,
    property: Option<&'a str>,
    input_type_json: bool,
}
