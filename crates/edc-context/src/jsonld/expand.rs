//! JSON-LD 1.1 expansion straight to RDF: the expansion algorithm (section 5.1) walks the
//! document and emits the quads that node-map generation and RDF serialization (sections 7.1 and
//! 8) would produce, without building the expanded document in between. Blank node labels are
//! fresh (`b0`, `b1`, …); canonicalization relabels them anyway.

use super::context::{container, process_context, Context, ProcessFlags, TermDef};
use super::error::{ErrorCode, Finding, FindingKind, JsonLdError};
use super::iri::{is_absolute, is_blank, is_keyword};
use super::literal::{canonical_json, native_literal};
use super::Processor;
use crate::folded::FoldedJson;
use crate::rdf::{shared, Dataset, Literal, Quad, Term};
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::Arc;

/// What expanding a value gave.
enum Item {
    /// A node: its identifier, or `None` when that identifier was dropped (relative IRI).
    Node(Option<Term>),
    /// A literal.
    Literal(Term),
    /// A list of items.
    List(Vec<Item>),
}

pub(crate) struct Expander<'p, 'd> {
    processor: &'p Processor,
    pub dataset: Dataset,
    pub findings: Vec<Finding>,
    strict: bool,
    blank_count: usize,
    blank_labels: HashMap<String, Arc<str>>,
    /// Node objects already expanded, by identifier: a later identical copy (same JSON, same
    /// context, same graph) whose first expansion made no blank node and no finding yields the
    /// same quads, so it is not expanded again. EDC documents repeat concepts and organisations
    /// many times.
    seen: rustc_hash::FxHashMap<&'d str, Vec<SeenNode<'d>>>,
    /// Members of the top-level object to leave out.
    skip_root: &'p [String],
    /// The document, when it was read folded: its stand-ins are expanded as their first copy.
    folded: Option<&'d FoldedJson>,
    /// The most quads to produce; past it nothing more is kept and `overflow` is set.
    pub max_quads: usize,
    pub overflow: bool,
}

struct SeenNode<'d> {
    map: &'d Map<String, Value>,
    context: usize,
    graph: Option<Term>,
    subject: Term,
}

/// The identifier a node object gives itself (`id` or `@id`), used to recognise repeated copies.
fn node_identifier(map: &Map<String, Value>) -> Option<&str> {
    map.get("id")
        .or_else(|| map.get("@id"))
        .and_then(Value::as_str)
}

/// A JSON pointer built as the walk descends, written out only when a finding or an error
/// needs it.
#[derive(Clone, Copy)]
pub(crate) enum Ptr<'a> {
    Root,
    Key(&'a Ptr<'a>, &'a str),
    Index(&'a Ptr<'a>, usize),
}

impl std::fmt::Display for Ptr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl From<Ptr<'_>> for String {
    fn from(p: Ptr<'_>) -> String {
        p.render()
    }
}

impl From<&Ptr<'_>> for String {
    fn from(p: &Ptr<'_>) -> String {
        p.render()
    }
}

impl Ptr<'_> {
    pub(crate) fn render(&self) -> String {
        match self {
            Ptr::Root => String::new(),
            Ptr::Key(parent, key) => {
                let mut out = parent.render();
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
                out
            }
            Ptr::Index(parent, i) => format!("{}/{i}", parent.render()),
        }
    }
}

impl<'p, 'd> Expander<'p, 'd> {
    pub fn new(processor: &'p Processor, strict: bool, skip_root: &'p [String]) -> Self {
        Expander {
            processor,
            dataset: Dataset::default(),
            findings: Vec::new(),
            strict,
            blank_count: 0,
            blank_labels: HashMap::new(),
            seen: Default::default(),
            skip_root,
            folded: None,
            max_quads: usize::MAX,
            overflow: false,
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

    /// A JSON literal's canonical form, stand-ins written out.
    fn json_literal(&self, value: &Value) -> String {
        match self.folded {
            Some(document) if document.copies() > 0 => canonical_json(&document.unfold(value)),
            _ => canonical_json(value),
        }
    }

    fn fresh_blank(&mut self) -> Term {
        let label = format!("b{}", self.blank_count);
        self.blank_count += 1;
        Term::Blank(label.into())
    }

    /// The term for a document blank node label, the same label giving the same node.
    fn blank(&mut self, label: &str) -> Term {
        if let Some(mine) = self.blank_labels.get(label) {
            return Term::Blank(mine.clone());
        }
        let Term::Blank(mine) = self.fresh_blank() else {
            unreachable!()
        };
        self.blank_labels.insert(label.to_string(), mine.clone());
        Term::Blank(mine)
    }

    /// Records something dropped; in strict mode it is an error instead.
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
                super::suggest::similar_term(ctx, value)
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

    /// A node identifier as an RDF term, or `None` (with a finding) when it is not absolute.
    fn node_term(
        &mut self,
        iri: &str,
        pointer: &Ptr<'_>,
        ctx: &Context,
        what: &str,
    ) -> Result<Option<Term>, JsonLdError> {
        if is_blank(iri) {
            return Ok(Some(self.blank(&iri[2..])));
        }
        if is_absolute(iri) {
            return Ok(Some(Term::Iri(iri.into())));
        }
        self.finding(
            FindingKind::RelativeIriReference,
            pointer,
            iri,
            ctx,
            format!("{what} `{iri}` is a relative IRI reference (no base IRI makes it absolute); JSON-LD drops the triple"),
        )?;
        Ok(None)
    }

    fn emit(&mut self, subject: &Term, predicate: &Arc<str>, object: Term, graph: &Option<Term>) {
        if self.dataset.quads.len() >= self.max_quads {
            self.overflow = true;
            return;
        }
        self.dataset.quads.push(Quad {
            subject: subject.clone(),
            predicate: predicate.clone(),
            object,
            graph: graph.clone(),
        });
    }

    /// Turns an item into an object term, writing out lists.
    fn object_term(&mut self, item: Item, graph: &Option<Term>) -> Option<Term> {
        match item {
            Item::Node(term) => term,
            Item::Literal(term) => Some(term),
            Item::List(items) => Some(self.list(items, graph)),
        }
    }

    fn list(&mut self, items: Vec<Item>, graph: &Option<Term>) -> Term {
        let terms: Vec<Term> = items
            .into_iter()
            .filter_map(|i| self.object_term(i, graph))
            .collect();
        if terms.is_empty() {
            return Term::Iri(shared::rdf_nil());
        }
        let nodes: Vec<Term> = (0..terms.len()).map(|_| self.fresh_blank()).collect();
        let (first, rest) = (shared::rdf_first(), shared::rdf_rest());
        for (i, term) in terms.into_iter().enumerate() {
            self.emit(&nodes[i], &first, term, graph);
            let next = nodes
                .get(i + 1)
                .cloned()
                .unwrap_or_else(|| Term::Iri(shared::rdf_nil()));
            self.emit(&nodes[i], &rest, next, graph);
        }
        nodes[0].clone()
    }

    /// Expands the whole document into the default graph.
    pub fn document(&mut self, ctx: &Arc<Context>, document: &'d Value) -> Result<(), JsonLdError> {
        self.element(ctx, None, document, &Ptr::Root, &None, false)?;
        Ok(())
    }

    /// The expansion algorithm for one element, emitting the quads of the nodes it contains.
    fn element(
        &mut self,
        ctx: &Arc<Context>,
        property: Option<(&str, Option<&Arc<TermDef>>)>,
        element: &'d Value,
        pointer: &Ptr<'_>,
        graph: &Option<Term>,
        from_map: bool,
    ) -> Result<Vec<Item>, JsonLdError> {
        match self.resolve(element) {
            Value::Null => Ok(Vec::new()),
            Value::Array(items) => {
                let mut out = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let expanded = self.element(
                        ctx,
                        property,
                        item,
                        &Ptr::Index(pointer, i),
                        graph,
                        from_map,
                    )?;
                    let is_list = property
                        .and_then(|p| p.1)
                        .is_some_and(|d| d.container & container::LIST != 0);
                    if is_list && matches!(item, Value::Array(_)) {
                        out.push(Item::List(expanded));
                    } else {
                        out.extend(expanded);
                    }
                }
                Ok(out)
            }
            Value::Object(map) => {
                self.object(ctx, property, map, pointer, graph, from_map, None, None)
            }
            scalar => {
                let Some((name, def)) = property else {
                    return Ok(Vec::new());
                };
                if name == "@graph" {
                    return Ok(Vec::new());
                }
                // A property-scoped context applies to the value too (e.g. `@type: @vocab`
                // values whose terms the scoped context defines).
                let value_ctx = self.property_scoped(ctx, def.map(|d| &**d), pointer)?;
                Ok(self
                    .value(&value_ctx, def.map(|d| &**d), scalar, pointer)?
                    .into_iter()
                    .collect())
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
    ) -> Result<Option<Item>, JsonLdError> {
        let type_mapping = def.and_then(|d| d.type_mapping.as_deref());
        if let Value::String(s) = value {
            match type_mapping {
                Some("@id") => {
                    let iri = ctx.expand_iri(s, true, false).unwrap_or_default();
                    return Ok(Some(Item::Node(self.node_term(
                        &iri,
                        pointer,
                        ctx,
                        "the IRI value",
                    )?)));
                }
                Some("@vocab") => {
                    let iri = ctx.expand_iri(s, true, true).unwrap_or_default();
                    return Ok(Some(Item::Node(self.node_term(
                        &iri,
                        pointer,
                        ctx,
                        "the IRI value",
                    )?)));
                }
                _ => {}
            }
        }
        let coercion = def.and_then(|d| d.type_mapping.as_ref());
        if let Some(datatype) =
            coercion.filter(|t| !matches!(&***t, "@id" | "@vocab" | "@none" | "@json"))
        {
            return Ok(Some(Item::Literal(native_literal(
                value,
                Some(datatype),
                None,
            ))));
        }
        if let Value::String(s) = value {
            let language = match def.and_then(|d| d.language.clone()) {
                Some(explicit) => explicit,
                None => ctx.language.clone(),
            };
            return Ok(Some(Item::Literal(match language {
                Some(lang) => Term::Literal(Literal {
                    value: s.clone(),
                    datatype: shared::rdf_lang_string(),
                    language: Some(lang),
                }),
                None => Term::string(s.clone()),
            })));
        }
        Ok(Some(Item::Literal(native_literal(value, None, None))))
    }

    /// Expands an object: a value object, a list or set object, or a node object.
    #[allow(clippy::too_many_arguments)]
    fn object(
        &mut self,
        ctx: &Arc<Context>,
        property: Option<(&str, Option<&Arc<TermDef>>)>,
        map: &'d Map<String, Value>,
        pointer: &Ptr<'_>,
        graph: &Option<Term>,
        from_map: bool,
        injected_id: Option<Term>,
        injected_type: Option<String>,
    ) -> Result<Vec<Item>, JsonLdError> {
        let map = match self.folded {
            Some(document) => document.resolve_map(map),
            None => map,
        };
        // An identical copy of a node already expanded in the same context and graph.
        let reusable = injected_id.is_none()
            && injected_type.is_none()
            && !from_map
            && property
                .and_then(|p| p.1)
                .is_none_or(|d| d.context.is_none());
        let identifier = if reusable { node_identifier(map) } else { None };
        if let Some(id) = identifier {
            let context = Arc::as_ptr(ctx) as usize;
            if let Some(copy) = self.seen.get(id).and_then(|copies| {
                copies.iter().find(|c| {
                    c.context == context
                        && c.graph == *graph
                        && (std::ptr::eq(c.map, map) || c.map == map)
                })
            }) {
                return Ok(vec![Item::Node(Some(copy.subject.clone()))]);
            }
        }
        let (blanks_before, findings_before) = (self.blank_count, self.findings.len());
        let items = self.expand_object(
            ctx,
            property,
            map,
            pointer,
            graph,
            from_map,
            injected_id,
            injected_type,
        )?;
        if let (Some(id), [Item::Node(Some(subject))]) = (identifier, items.as_slice()) {
            if self.blank_count == blanks_before
                && self.findings.len() == findings_before
                && !matches!(subject, Term::Blank(_))
            {
                let copy = SeenNode {
                    map,
                    context: Arc::as_ptr(ctx) as usize,
                    graph: graph.clone(),
                    subject: subject.clone(),
                };
                self.seen.entry(id).or_default().push(copy);
            }
        }
        Ok(items)
    }

    #[allow(clippy::too_many_arguments)]
    fn expand_object(
        &mut self,
        ctx: &Arc<Context>,
        property: Option<(&str, Option<&Arc<TermDef>>)>,
        map: &'d Map<String, Value>,
        pointer: &Ptr<'_>,
        graph: &Option<Term>,
        from_map: bool,
        injected_id: Option<Term>,
        injected_type: Option<String>,
    ) -> Result<Vec<Item>, JsonLdError> {
        let mut ctx = ctx.clone();
        // Revert a non-propagated (type-scoped) context, unless this is a value object or a bare
        // node reference.
        if ctx.previous.is_some() && !from_map {
            // A keyword or its alias (aliases are always terms).
            let expands_to = |k: &str, kw: &str| {
                k == kw || ctx.term(k).is_some_and(|d| d.iri.as_deref() == Some(kw))
            };
            let is_value = map.keys().any(|k| expands_to(k, "@value"));
            let only_id = map.len() == 1 && map.keys().all(|k| expands_to(k, "@id"));
            if !is_value && !only_id {
                ctx = ctx.previous.clone().expect("checked");
            }
        }
        ctx = self.property_scoped(&ctx, property.and_then(|p| p.1).map(|d| &**d), pointer)?;
        if let Some(local) = map.get("@context") {
            let mut remote = super::context::RemoteContexts::default();
            ctx = process_context(
                self.processor,
                &ctx,
                local,
                None,
                &mut remote,
                ProcessFlags::default(),
                &Ptr::Key(pointer, "@context").render(),
            )?;
        }
        // Type-scoped contexts, in lexicographic order of the types, looked up in the context
        // as it was before any of them applied.
        let type_scoped = ctx.clone();
        let mut type_keys: Vec<&String> = map
            .keys()
            .filter(|k| {
                *k == "@type"
                    || type_scoped
                        .term(k)
                        .is_some_and(|d| d.iri.as_deref() == Some("@type"))
            })
            .collect();
        type_keys.sort();
        let mut type_values: Vec<&str> = Vec::new();
        for key in &type_keys {
            match &map[*key] {
                Value::String(s) => type_values.push(s),
                Value::Array(items) => type_values.extend(items.iter().filter_map(Value::as_str)),
                _ => {}
            }
        }
        let mut sorted = type_values.clone();
        sorted.sort_unstable();
        for t in sorted {
            if let Some(scoped) = type_scoped
                .term(t)
                .and_then(|d| d.context.clone().map(|c| (c, d.base_url.clone())))
            {
                ctx = self.processor.scoped_context(
                    &ctx,
                    &scoped.0,
                    scoped.1.as_deref(),
                    ProcessFlags {
                        override_protected: false,
                        propagate: false,
                    },
                    pointer,
                )?;
            }
        }
        // Classify by the keywords present.
        let mut keyword_of: Vec<(&String, Option<Cow<'_, str>>)> = Vec::with_capacity(map.len());
        let at_root = matches!(pointer, Ptr::Root);
        for key in map.keys() {
            if key == "@context" || (at_root && self.skip_root.contains(key)) {
                continue;
            }
            keyword_of.push((key, ctx.expand_iri(key, false, true)));
        }
        let find = |kw: &str| {
            keyword_of
                .iter()
                .find(|(_, e)| e.as_deref() == Some(kw))
                .map(|(k, _)| *k)
        };
        if let Some(value_key) = find("@value") {
            return self
                .value_object(&ctx, map, &keyword_of, value_key, pointer)
                .map(|i| i.into_iter().collect());
        }
        if let Some(list_key) = find("@list") {
            let items = self.element(
                &ctx,
                property,
                &map[list_key],
                &Ptr::Key(pointer, list_key),
                graph,
                false,
            )?;
            return Ok(vec![Item::List(items)]);
        }
        if let Some(set_key) = find("@set") {
            return self.element(
                &ctx,
                property,
                &map[set_key],
                &Ptr::Key(pointer, set_key),
                graph,
                false,
            );
        }
        // A top-level object holding only @graph is the default graph.
        let graph_key = find("@graph");
        if let (None, Some(key), 1) = (property, graph_key, keyword_of.len()) {
            self.element(
                &ctx,
                Some(("@graph", None)),
                &map[key],
                &Ptr::Key(pointer, key),
                graph,
                false,
            )?;
            return Ok(Vec::new());
        }
        // A node object.
        let subject = match (injected_id, find("@id")) {
            (_, Some(id_key)) => match &map[id_key] {
                Value::String(id) => {
                    let iri = ctx.expand_iri(id, true, false).unwrap_or_default();
                    self.node_term(
                        &iri,
                        &Ptr::Key(pointer, id_key),
                        &ctx,
                        "the node identifier",
                    )?
                }
                _ => {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidIdValue,
                        Ptr::Key(pointer, id_key).render(),
                        "@id must be a string",
                    ));
                }
            },
            (Some(id), None) => Some(id),
            (None, None) => Some(self.fresh_blank()),
        };
        let rdf_type = shared::rdf_type();
        // (member key, index in its array, expanded type IRI); pointers are written out only for
        // a finding.
        let mut types: Vec<(Option<&str>, Option<usize>, String)> = Vec::new();
        for key in &type_keys {
            match &map[*key] {
                Value::String(s) => types.push((
                    Some(key.as_str()),
                    None,
                    type_scoped
                        .expand_iri(s, true, true)
                        .unwrap_or_default()
                        .into_owned(),
                )),
                Value::Array(items) => {
                    for (i, v) in items.iter().enumerate() {
                        let Some(s) = v.as_str() else {
                            let at = Ptr::Key(pointer, key);
                            return Err(JsonLdError::new(
                                ErrorCode::InvalidTypeValue,
                                Ptr::Index(&at, i),
                                "a type must be a string",
                            ));
                        };
                        types.push((
                            Some(key.as_str()),
                            Some(i),
                            type_scoped
                                .expand_iri(s, true, true)
                                .unwrap_or_default()
                                .into_owned(),
                        ));
                    }
                }
                _ => {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidTypeValue,
                        Ptr::Key(pointer, key),
                        "@type must be a string or an array of strings",
                    ))
                }
            }
        }
        if let Some(t) = injected_type {
            types.push((None, None, t));
        }
        for (key, index, t) in types {
            let term = if is_blank(&t) {
                Some(self.blank(&t[2..]))
            } else if is_absolute(&t) {
                Some(Term::Iri(t.into()))
            } else {
                let at = key.map_or(*pointer, |k| Ptr::Key(pointer, k));
                let at = index.map_or(at, |i| Ptr::Index(&at, i));
                self.finding(
                    FindingKind::UndefinedType,
                    &at,
                    &t,
                    &ctx,
                    format!("type `{t}` is not a defined term or an IRI; JSON-LD drops the type"),
                )?;
                None
            };
            if let (Some(s), Some(t)) = (&subject, term) {
                self.emit(s, &rdf_type, t, graph);
            }
        }
        self.node_members(&ctx, map, &keyword_of, subject.clone(), pointer, graph)?;
        Ok(vec![Item::Node(subject)])
    }

    /// The members of a node object other than @id and @type.
    fn node_members(
        &mut self,
        ctx: &Arc<Context>,
        map: &'d Map<String, Value>,
        keyword_of: &[(&String, Option<Cow<'_, str>>)],
        subject: Option<Term>,
        pointer: &Ptr<'_>,
        graph: &Option<Term>,
    ) -> Result<(), JsonLdError> {
        for (key, expanded) in keyword_of {
            let here = Ptr::Key(pointer, key);
            let value = self.resolve(&map[key.as_str()]);
            let Some(expanded) = expanded else {
                self.finding(
                    FindingKind::UndefinedTerm,
                    &here,
                    key,
                    ctx,
                    format!("`{key}` maps to no IRI; JSON-LD drops the member"),
                )?;
                continue;
            };
            match expanded.as_ref() {
                "@id" | "@type" | "@context" | "@index" => continue,
                "@graph" => {
                    let named = subject.clone();
                    self.element(ctx, Some(("@graph", None)), value, &here, &named, false)?;
                    continue;
                }
                "@included" => {
                    self.element(ctx, None, value, &here, graph, false)?;
                    continue;
                }
                "@reverse" => {
                    let Value::Object(reverse) = value else {
                        return Err(JsonLdError::new(
                            ErrorCode::InvalidReversePropertyMap,
                            here,
                            "@reverse must be an object",
                        ));
                    };
                    for (rkey, rvalue) in reverse {
                        let there = Ptr::Key(&here, rkey);
                        let Some(p) = ctx.expand_iri(rkey, false, true).filter(|p| is_absolute(p))
                        else {
                            self.finding(
                                FindingKind::UndefinedTerm,
                                &there,
                                rkey,
                                ctx,
                                format!("`{rkey}` maps to no IRI; JSON-LD drops the member"),
                            )?;
                            continue;
                        };
                        let def = ctx.term(rkey).cloned();
                        let items = self.element(
                            ctx,
                            Some((rkey, def.as_ref())),
                            rvalue,
                            &there,
                            graph,
                            false,
                        )?;
                        for item in items {
                            if let (Item::Node(Some(object)), Some(s)) = (item, &subject) {
                                self.emit(&object, &Arc::from(p.as_ref()), s.clone(), graph);
                            }
                        }
                    }
                    continue;
                }
                "@nest" => {
                    let nested: Vec<&Value> = match value {
                        Value::Array(items) => items.iter().collect(),
                        other => vec![other],
                    };
                    for (i, n) in nested.into_iter().enumerate() {
                        let Value::Object(nmap) = self.resolve(n) else {
                            return Err(JsonLdError::new(
                                ErrorCode::InvalidTermDefinition,
                                here,
                                "@nest values must be objects",
                            ));
                        };
                        let nkeys: Vec<(&String, Option<Cow<'_, str>>)> = nmap
                            .keys()
                            .map(|k| (k, ctx.expand_iri(k, false, true)))
                            .collect();
                        let npointer = if matches!(value, Value::Array(_)) {
                            Ptr::Index(&here, i)
                        } else {
                            here
                        };
                        self.node_members(ctx, nmap, &nkeys, subject.clone(), &npointer, graph)?;
                    }
                    continue;
                }
                kw if is_keyword(kw) => {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidValueObject,
                        here,
                        format!("{kw} does not belong in a node object"),
                    ));
                }
                _ => {}
            }
            if is_blank(expanded) {
                self.finding(
                    FindingKind::BlankNodePredicate,
                    &here,
                    key,
                    ctx,
                    format!(
                        "`{key}` expands to a blank node, which RDF does not allow as a property; JSON-LD drops the member"
                    ),
                )?;
                continue;
            }
            if !is_absolute(expanded) {
                self.finding(
                    FindingKind::UndefinedTerm,
                    &here,
                    key,
                    ctx,
                    format!(
                        "`{key}` is not a defined term; JSON-LD drops the member and its value"
                    ),
                )?;
                continue;
            }
            let def = ctx.term(key).cloned();
            // The predicate, shared with the term definition when the term defines it.
            let predicate: Arc<str> = match def.as_ref().and_then(|d| d.iri.clone()) {
                Some(iri) if *iri == **expanded => iri,
                _ => Arc::from(expanded.as_ref()),
            };
            let items = self.property_value(ctx, key, def.as_ref(), value, &here, graph)?;
            let reverse = def.as_ref().is_some_and(|d| d.reverse);
            for item in items {
                let Some(object) = self.object_term(item, graph) else {
                    continue;
                };
                let Some(s) = &subject else { continue };
                if reverse {
                    if !matches!(object, Term::Literal(_)) {
                        self.emit(&object, &predicate, s.clone(), graph);
                    }
                } else {
                    self.emit(s, &predicate, object, graph);
                }
            }
        }
        Ok(())
    }

    /// Expands the value of one property according to its term definition's container.
    fn property_value(
        &mut self,
        ctx: &Arc<Context>,
        key: &str,
        def: Option<&Arc<TermDef>>,
        value: &'d Value,
        pointer: &Ptr<'_>,
        graph: &Option<Term>,
    ) -> Result<Vec<Item>, JsonLdError> {
        let flags = def.map_or(0, |d| d.container);
        if def.and_then(|d| d.type_mapping.as_deref()) == Some("@json") {
            let literal = Term::Literal(Literal {
                value: self.json_literal(value),
                datatype: shared::rdf_json(),
                language: None,
            });
            return Ok(vec![Item::Literal(literal)]);
        }
        let mut items = match value {
            Value::Object(map) if flags & container::LANGUAGE != 0 => {
                self.language_map(ctx, def, map, pointer)?
            }
            Value::Object(map)
                if flags & (container::INDEX | container::ID | container::TYPE) != 0
                    && !map.contains_key("@value") =>
            {
                self.indexed_map(
                    ctx,
                    key,
                    def.expect("a container needs a definition"),
                    map,
                    pointer,
                    graph,
                )?
            }
            _ if flags & container::GRAPH != 0 => {
                let values: Vec<(Ptr<'_>, &Value)> = match value {
                    Value::Array(a) => a
                        .iter()
                        .enumerate()
                        .map(|(i, v)| (Ptr::Index(pointer, i), v))
                        .collect(),
                    v => vec![(*pointer, v)],
                };
                let mut out = Vec::new();
                for (p, v) in values {
                    let name = self.fresh_blank();
                    let inner = Some(name.clone());
                    let before = self.dataset.quads.len();
                    self.element(ctx, Some((key, def)), v, &p, &inner, false)?;
                    // Like jsonld.js, a graph whose content is free-floating (an empty node, a
                    // bare node reference, a value) is dropped, and the property with it.
                    if self.dataset.quads.len() > before {
                        out.push(Item::Node(Some(name)));
                    }
                }
                out
            }
            _ => self.element(ctx, Some((key, def)), value, pointer, graph, false)?,
        };
        // A list container wraps the values in one list, unless they were written as a list object.
        let written_as_list = matches!(value, Value::Object(m) if m.contains_key("@list"));
        if flags & container::LIST != 0 && !written_as_list {
            items = vec![Item::List(items)];
        }
        Ok(items)
    }

    fn language_map(
        &mut self,
        ctx: &Context,
        def: Option<&Arc<TermDef>>,
        map: &'d Map<String, Value>,
        pointer: &Ptr<'_>,
    ) -> Result<Vec<Item>, JsonLdError> {
        let _ = def;
        let mut out = Vec::new();
        for (language, texts) in map {
            let here = Ptr::Key(pointer, language);
            let none = language == "@none"
                || ctx.expand_iri(language, false, true).as_deref() == Some("@none");
            let values: Vec<(Ptr<'_>, &Value)> = match texts {
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (Ptr::Index(&here, i), v))
                    .collect(),
                v => vec![(here, v)],
            };
            for (p, v) in values {
                match v {
                    Value::Null => {}
                    Value::String(s) => out.push(Item::Literal(if none {
                        Term::string(s.clone())
                    } else {
                        Term::Literal(Literal {
                            value: s.clone(),
                            datatype: shared::rdf_lang_string(),
                            language: Some(language.to_lowercase()),
                        })
                    })),
                    _ => {
                        return Err(JsonLdError::new(
                            ErrorCode::InvalidLanguageMapValue,
                            p,
                            "a language map holds strings only",
                        ))
                    }
                }
            }
        }
        Ok(out)
    }

    fn indexed_map(
        &mut self,
        ctx: &Arc<Context>,
        key: &str,
        def: &Arc<TermDef>,
        map: &'d Map<String, Value>,
        pointer: &Ptr<'_>,
        graph: &Option<Term>,
    ) -> Result<Vec<Item>, JsonLdError> {
        let mut out = Vec::new();
        for (index, value) in map {
            let value = self.resolve(value);
            let here = Ptr::Key(pointer, index);
            let mut map_ctx = ctx.clone();
            if def.container & container::TYPE != 0 {
                if let Some(scoped) = ctx
                    .term(index)
                    .and_then(|d| d.context.clone().map(|c| (c, d.base_url.clone())))
                {
                    map_ctx = self.processor.scoped_context(
                        ctx,
                        &scoped.0,
                        scoped.1.as_deref(),
                        ProcessFlags {
                            override_protected: false,
                            propagate: false,
                        },
                        &here,
                    )?;
                }
            }
            let values: Vec<(Ptr<'_>, &Value)> = match value {
                Value::Array(a) => a
                    .iter()
                    .enumerate()
                    .map(|(i, v)| (Ptr::Index(&here, i), v))
                    .collect(),
                v => vec![(here, v)],
            };
            let none =
                index == "@none" || ctx.expand_iri(index, false, true).as_deref() == Some("@none");
            for (p, v) in values {
                let items = if def.container & container::GRAPH != 0 {
                    let name = if def.container & container::ID != 0 && !none {
                        let iri = ctx.expand_iri(index, true, false).unwrap_or_default();
                        self.node_term(&iri, &here, ctx, "the graph name")?
                            .unwrap_or_else(|| self.fresh_blank())
                    } else {
                        self.fresh_blank()
                    };
                    let inner = Some(name.clone());
                    self.element(&map_ctx, Some((key, Some(def))), v, &p, &inner, false)?;
                    vec![Item::Node(Some(name))]
                } else if let (Value::Object(obj), true) =
                    (v, def.container & (container::ID | container::TYPE) != 0)
                {
                    let injected_id = if def.container & container::ID != 0 && !none {
                        let iri = ctx.expand_iri(index, true, false).unwrap_or_default();
                        self.node_term(&iri, &here, ctx, "the node identifier")?
                    } else {
                        None
                    };
                    let injected_type =
                        (def.container & container::TYPE != 0 && !none).then(|| {
                            ctx.expand_iri(index, true, true)
                                .unwrap_or_default()
                                .into_owned()
                        });
                    self.object(
                        &map_ctx,
                        Some((key, Some(def))),
                        obj,
                        &p,
                        graph,
                        true,
                        injected_id,
                        injected_type,
                    )?
                } else if def.container & container::TYPE != 0 && !none {
                    // A string under a type map is a node reference with that type.
                    let Value::String(s) = v else {
                        return Err(JsonLdError::new(
                            ErrorCode::InvalidTypeValue,
                            p,
                            "a type map holds node objects or IRIs",
                        ));
                    };
                    let iri = map_ctx.expand_iri(s, true, false).unwrap_or_default();
                    let node = self.node_term(&iri, &p, ctx, "the IRI value")?;
                    let t = ctx.expand_iri(index, true, true).unwrap_or_default();
                    if let (Some(n), true) = (&node, is_absolute(&t)) {
                        self.emit(n, &shared::rdf_type(), Term::Iri(t.into()), graph);
                    }
                    vec![Item::Node(node)]
                } else {
                    self.element(&map_ctx, Some((key, Some(def))), v, &p, graph, true)?
                };
                // A property-valued index adds the index as a property of each node.
                if let (Some(index_property), false) = (&def.index, none) {
                    let p_iri = ctx
                        .expand_iri(index_property, false, true)
                        .unwrap_or_default();
                    for item in &items {
                        if let Item::Node(Some(n)) = item {
                            let index_def = ctx.term(index_property).cloned();
                            if let Some(object) = self.value(
                                ctx,
                                index_def.as_deref(),
                                &Value::String(index.clone()),
                                &here,
                            )? {
                                if let Some(o) = self.object_term(object, graph) {
                                    self.emit(n, &Arc::from(p_iri.as_ref()), o, graph);
                                }
                            }
                        }
                    }
                }
                out.extend(items);
            }
        }
        Ok(out)
    }

    /// A value object (`{"@value": …}` with `@type`, `@language`, `@direction`, `@index`).
    fn value_object(
        &mut self,
        ctx: &Context,
        map: &'d Map<String, Value>,
        keyword_of: &[(&String, Option<Cow<'_, str>>)],
        value_key: &str,
        pointer: &Ptr<'_>,
    ) -> Result<Option<Item>, JsonLdError> {
        let mut datatype: Option<String> = None;
        let mut language: Option<String> = None;
        for (key, expanded) in keyword_of {
            match expanded.as_deref() {
                Some("@value" | "@index" | "@direction") => {}
                Some("@type") => {
                    let Value::String(t) = &map[key.as_str()] else {
                        return Err(JsonLdError::new(
                            ErrorCode::InvalidTypedValue,
                            Ptr::Key(pointer, key).render(),
                            "a value's @type must be a string",
                        ));
                    };
                    let iri = ctx.expand_iri(t, true, true).unwrap_or_default();
                    if iri != "@json" && !is_absolute(&iri) {
                        self.finding(
                            FindingKind::UndefinedType,
                            &Ptr::Key(pointer, key),
                            t,
                            ctx,
                            format!("datatype `{t}` is not an IRI; JSON-LD drops the value"),
                        )?;
                        return Ok(None);
                    }
                    datatype = Some(iri.into_owned());
                }
                Some("@language") => {
                    let Value::String(l) = &map[key.as_str()] else {
                        return Err(JsonLdError::new(
                            ErrorCode::InvalidLanguageTaggedString,
                            Ptr::Key(pointer, key).render(),
                            "@language must be a string",
                        ));
                    };
                    language = Some(l.to_lowercase());
                }
                _ => {
                    return Err(JsonLdError::new(
                        ErrorCode::InvalidValueObject,
                        Ptr::Key(pointer, key).render(),
                        format!("`{key}` does not belong in a value object"),
                    ))
                }
            }
        }
        let value = &map[value_key];
        if value.is_null() {
            return Ok(None);
        }
        if datatype.as_deref() == Some("@json") {
            return Ok(Some(Item::Literal(Term::Literal(Literal {
                value: self.json_literal(value),
                datatype: shared::rdf_json(),
                language: None,
            }))));
        }
        if language.is_some() && !value.is_string() {
            return Err(JsonLdError::new(
                ErrorCode::InvalidLanguageTaggedString,
                Ptr::Key(pointer, value_key).render(),
                "a language-tagged value must be a string",
            ));
        }
        if matches!(value, Value::Object(_) | Value::Array(_)) {
            return Err(JsonLdError::new(
                ErrorCode::InvalidValueObject,
                Ptr::Key(pointer, value_key).render(),
                "@value must be a scalar",
            ));
        }
        if let (Value::String(s), Some(lang), None) = (value, &language, &datatype) {
            return Ok(Some(Item::Literal(Term::Literal(Literal {
                value: s.clone(),
                datatype: shared::rdf_lang_string(),
                language: Some(lang.clone()),
            }))));
        }
        let datatype: Option<Arc<str>> = datatype.map(Arc::from);
        Ok(Some(Item::Literal(native_literal(
            value,
            datatype.as_ref(),
            None,
        ))))
    }
}
