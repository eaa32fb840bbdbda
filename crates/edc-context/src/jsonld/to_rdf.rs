//! Deserialize JSON-LD to RDF (Processing Algorithms, section 8.1 to 8.3) from the expanded
//! form. Node-map generation (section 7.2) only merges the copies of a node and names blank
//! nodes; each node object's triples are written where it stands instead, into the graph that
//! encloses it, which gives the same dataset once duplicates are removed. Blank node labels are
//! fresh (`b0`, `b1`, …); canonicalization relabels them anyway.

use super::expanded::{Item, Node, ValueObject};
use super::iri::{is_absolute, is_blank};
use super::literal::{canonical_json, native_literal};
use crate::rdf::{shared, Dataset, Literal, Quad, Term};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;

/// How `@direction` becomes RDF (`rdfDirection`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RdfDirection {
    /// A datatype `https://www.w3.org/ns/i18n#{language}_{direction}`.
    I18nDatatype,
    /// A blank node with `rdf:value`, `rdf:language` and `rdf:direction`.
    CompoundLiteral,
}

const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

pub(crate) struct Emitter {
    pub dataset: Dataset,
    blank_count: usize,
    blank_labels: HashMap<Arc<str>, Arc<str>>,
    rdf_direction: Option<RdfDirection>,
    max_quads: usize,
    pub overflow: bool,
    /// Whether an IRI is well-formed, by the address of its shared text: term definitions'
    /// IRIs recur on every node. The entry holds the text, so the address cannot be reused by
    /// another string while the emitter lives.
    well_formed: rustc_hash::FxHashMap<(usize, usize), (Arc<str>, bool)>,
}

impl Emitter {
    pub fn new(rdf_direction: Option<RdfDirection>, max_quads: usize) -> Self {
        Emitter {
            dataset: Dataset::default(),
            blank_count: 0,
            blank_labels: HashMap::new(),
            rdf_direction,
            max_quads,
            overflow: false,
            well_formed: Default::default(),
        }
    }

    /// Writes the triples of the top-level items into the default graph (consuming them: their
    /// strings become the literals).
    pub fn document(&mut self, items: Vec<Item>) {
        for item in items {
            self.top(item, &None);
        }
    }

    fn top(&mut self, item: Item, graph: &Option<Term>) {
        if let Item::Node(node) = item {
            self.node(*node, graph);
        }
    }

    fn fresh_blank(&mut self) -> Term {
        let label = format!("b{}", self.blank_count);
        self.blank_count += 1;
        Term::Blank(label.into())
    }

    /// The term for a document's blank node identifier, the same identifier giving the same node.
    fn blank(&mut self, identifier: &Arc<str>) -> Term {
        if let Some(mine) = self.blank_labels.get(identifier) {
            return Term::Blank(mine.clone());
        }
        let Term::Blank(mine) = self.fresh_blank() else {
            unreachable!()
        };
        self.blank_labels.insert(identifier.clone(), mine.clone());
        Term::Blank(mine)
    }

    /// An IRI or blank node identifier as a term; `None` when it is not well-formed.
    fn resource(&mut self, iri: &Arc<str>) -> Option<Term> {
        if is_blank(iri) {
            Some(self.blank(iri))
        } else if is_absolute(iri) {
            Some(Term::Iri(iri.clone()))
        } else {
            None
        }
    }

    /// [`resource`](Self::resource) for an IRI shared by many nodes (a type), its
    /// well-formedness looked up once.
    fn shared_resource(&mut self, iri: &Arc<str>) -> Option<Term> {
        if is_blank(iri) {
            Some(self.blank(iri))
        } else if self.is_iri(iri) {
            Some(Term::Iri(iri.clone()))
        } else {
            None
        }
    }

    /// True for a well-formed absolute IRI (not a blank node identifier).
    fn is_iri(&mut self, iri: &Arc<str>) -> bool {
        let key = (Arc::as_ptr(iri) as *const u8 as usize, iri.len());
        self.well_formed
            .entry(key)
            .or_insert_with(|| (iri.clone(), !is_blank(iri) && is_absolute(iri)))
            .1
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

    /// Writes a node object's triples into `graph` (and its graph's, if it names one); gives
    /// its term, or `None` when its identifier is not well-formed.
    fn node(&mut self, node: Node, graph: &Option<Term>) -> Option<Term> {
        let subject = match &node.id {
            Some(id) => self.resource(id),
            None if node.null_id => None,
            None => Some(self.fresh_blank()),
        };
        if let Some(s) = &subject {
            for t in &node.types {
                if let Some(object) = self.shared_resource(t) {
                    self.emit(s, &shared::rdf_type(), object, graph);
                }
            }
        }
        for (property, items) in node.properties {
            let usable = self.is_iri(&property);
            for item in items {
                let object = self.object(item, graph);
                if let (Some(s), Some(o), true) = (&subject, object, usable) {
                    self.emit(s, &property, o, graph);
                }
            }
        }
        if let Some(reverse) = node.reverse {
            for (property, items) in reverse {
                let usable = self.is_iri(&property);
                for item in items {
                    let object = self.object(item, graph);
                    if let (Some(s), Some(o), true) = (&subject, object, usable) {
                        self.emit(&o, &property, s.clone(), graph);
                    }
                }
            }
        }
        if let Some(included) = node.included {
            for item in included {
                self.top(item, graph);
            }
        }
        if let (Some(inner), Some(name)) = (node.graph, &subject) {
            let name = Some(name.clone());
            for item in inner {
                self.top(item, &name);
            }
        }
        subject
    }

    /// Object to RDF conversion (section 8.2): the term an item stands for.
    fn object(&mut self, item: Item, graph: &Option<Term>) -> Option<Term> {
        match item {
            // Like jsonld.js (whose signatures verifiers must reproduce), a blank-named graph
            // that holds no triple is dropped, and the triple pointing at it with it. The W3C
            // suite has no case either way.
            Item::Node(node) if node.is_graph_object() && node.id.is_none() && !node.null_id => {
                let before = self.dataset.quads.len();
                let name = self.node(*node, graph);
                (self.dataset.quads.len() > before)
                    .then_some(name)
                    .flatten()
            }
            Item::Node(node) => self.node(*node, graph),
            Item::List(list) => Some(self.list(list.items, graph)),
            Item::Value(value) => self.literal(value, graph),
        }
    }

    /// List to RDF conversion (section 8.3).
    fn list(&mut self, items: Vec<Item>, graph: &Option<Term>) -> Term {
        if items.is_empty() {
            return Term::Iri(shared::rdf_nil());
        }
        let nodes: Vec<Term> = (0..items.len()).map(|_| self.fresh_blank()).collect();
        let (first, rest) = (shared::rdf_first(), shared::rdf_rest());
        for (i, item) in items.into_iter().enumerate() {
            if let Some(object) = self.object(item, graph) {
                self.emit(&nodes[i], &first, object, graph);
            }
            let next = nodes
                .get(i + 1)
                .cloned()
                .unwrap_or_else(|| Term::Iri(shared::rdf_nil()));
            self.emit(&nodes[i], &rest, next, graph);
        }
        nodes[0].clone()
    }

    fn literal(&mut self, value: ValueObject, graph: &Option<Term>) -> Option<Term> {
        let datatype = value.datatype.as_ref();
        if let Some(dt) = datatype {
            if &**dt != "@json" && !self.is_iri(dt) {
                return None;
            }
        }
        if let Some(language) = &value.language {
            if !well_formed_language(language) {
                return None;
            }
        }
        if datatype.is_some_and(|d| &**d == "@json") {
            return Some(Term::Literal(Literal {
                value: canonical_json(&value.value),
                datatype: shared::rdf_json(),
                language: None,
            }));
        }
        if let (Some(direction), Some(mode)) = (&value.direction, self.rdf_direction) {
            let language = value
                .language
                .as_deref()
                .map(str::to_lowercase)
                .unwrap_or_default();
            let text = match &value.value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            return Some(match mode {
                RdfDirection::I18nDatatype => Term::Literal(Literal {
                    value: text,
                    datatype: Arc::from(format!(
                        "https://www.w3.org/ns/i18n#{language}_{direction}"
                    )),
                    language: None,
                }),
                RdfDirection::CompoundLiteral => {
                    let node = self.fresh_blank();
                    let p = |name: &str| -> Arc<str> { Arc::from(format!("{RDF}{name}")) };
                    self.emit(&node, &p("value"), Term::string(text), graph);
                    if value.language.is_some() {
                        self.emit(&node, &p("language"), Term::string(language), graph);
                    }
                    self.emit(
                        &node,
                        &p("direction"),
                        Term::string(direction.clone()),
                        graph,
                    );
                    node
                }
            });
        }
        let language = value.language.map(|l| {
            if l.bytes().any(|b| b.is_ascii_uppercase()) {
                l.to_lowercase()
            } else {
                l
            }
        });
        Some(match (value.value, value.datatype, language) {
            (Value::String(text), None, None) => Term::Literal(Literal {
                value: text,
                datatype: shared::xsd_string(),
                language: None,
            }),
            (Value::String(text), None, Some(language)) => Term::Literal(Literal {
                value: text,
                datatype: shared::rdf_lang_string(),
                language: Some(language),
            }),
            (Value::String(text), Some(datatype), _) => Term::Literal(Literal {
                value: text,
                datatype,
                language: None,
            }),
            (other, datatype, language) => {
                native_literal(&other, datatype.as_ref(), language.as_deref())
            }
        })
    }
}

/// A well-formed BCP 47 language tag, as far as its shape goes: subtags of 1 to 8 letters or
/// digits separated by hyphens, the first letters only.
fn well_formed_language(tag: &str) -> bool {
    let mut subtags = tag.split('-');
    let first_ok = subtags
        .next()
        .is_some_and(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphabetic()));
    first_ok
        && subtags
            .all(|s| (1..=8).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_alphanumeric()))
}
