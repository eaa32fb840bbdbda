//! An indexed RDF graph: terms interned to numbers, triples indexed by subject and by object,
//! so that paths and targets are followed without scanning.

use edc_context::{Dataset, Literal, Term};
use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

/// A term's number in a [`Graph`].
pub type Id = u32;

/// An RDF graph with subject and object indexes.
#[derive(Debug, Default, Clone)]
pub struct Graph {
    terms: Vec<Term>,
    /// IRIs apart, so that an IRI is looked up by `&str` without building a term.
    iris: HashMap<Arc<str>, Id>,
    ids: HashMap<Term, Id>,
    by_subject: HashMap<Id, Vec<(Id, Id)>>,
    by_object: HashMap<Id, Vec<(Id, Id)>>,
    len: usize,
}

impl Graph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number a term has, interning it.
    pub fn intern(&mut self, term: Term) -> Id {
        if let Some(id) = self.id(&term) {
            return id;
        }
        let id = Id::try_from(self.terms.len()).expect("fewer than 2^32 terms");
        match &term {
            Term::Iri(iri) => self.iris.insert(iri.clone(), id),
            other => self.ids.insert(other.clone(), id),
        };
        self.terms.push(term);
        id
    }

    /// The number of a term already in the graph.
    pub fn id(&self, term: &Term) -> Option<Id> {
        match term {
            Term::Iri(iri) => self.iri_id(iri),
            other => self.ids.get(other).copied(),
        }
    }

    /// The number of an IRI already in the graph.
    pub fn iri_id(&self, iri: &str) -> Option<Id> {
        self.iris.get(iri).copied()
    }

    /// The term with number `id`.
    pub fn term(&self, id: Id) -> &Term {
        &self.terms[id as usize]
    }

    /// Adds a triple (duplicates are ignored).
    pub fn insert(&mut self, subject: Term, predicate: Term, object: Term) {
        let (s, p, o) = (
            self.intern(subject),
            self.intern(predicate),
            self.intern(object),
        );
        let out = self.by_subject.entry(s).or_default();
        if out.contains(&(p, o)) {
            return;
        }
        out.push((p, o));
        self.by_object.entry(o).or_default().push((p, s));
        self.len += 1;
    }

    /// The number of distinct terms.
    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    /// The number of triples.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the graph has no triple.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The default graph of a dataset, taking its terms (no copy of its literals).
    pub fn from_owned_dataset(dataset: Dataset) -> Self {
        let mut graph = Graph::new();
        for quad in dataset.quads.into_iter().filter(|q| q.graph.is_none()) {
            graph.insert(quad.subject, Term::Iri(quad.predicate), quad.object);
        }
        graph
    }

    /// The default graph of a dataset.
    pub fn from_dataset(dataset: &Dataset) -> Self {
        let mut graph = Graph::new();
        for quad in dataset.quads.iter().filter(|q| q.graph.is_none()) {
            graph.insert(
                quad.subject.clone(),
                Term::Iri(quad.predicate.clone()),
                quad.object.clone(),
            );
        }
        graph
    }

    /// Parses Turtle (relative IRIs resolved against `base`). Blank node labels are kept as
    /// the parser gives them, so one parse of a file gives consistent labels.
    pub fn from_turtle(text: &str, base: Option<&str>) -> Result<Self, crate::ShaclError> {
        Self::from_turtle_text(text, base)
            .map_err(|message| crate::ShaclError::new(crate::ShaclErrorKind::Turtle, message))
    }

    fn from_turtle_text(text: &str, base: Option<&str>) -> Result<Self, String> {
        let mut graph = Graph::new();
        graph.add_turtle(text, base)?;
        Ok(graph)
    }

    /// Adds the triples of a Turtle document.
    pub fn add_turtle(&mut self, text: &str, base: Option<&str>) -> Result<(), crate::ShaclError> {
        self.add_turtle_text(text, base)
            .map_err(|message| crate::ShaclError::new(crate::ShaclErrorKind::Turtle, message))
    }

    fn add_turtle_text(&mut self, text: &str, base: Option<&str>) -> Result<(), String> {
        let mut parser = oxttl::TurtleParser::new();
        if let Some(base) = base {
            parser = parser
                .with_base_iri(base)
                .map_err(|e| format!("bad base IRI {base}: {e}"))?;
        }
        for triple in parser.for_slice(text.as_bytes()) {
            let triple = triple.map_err(|e| e.to_string())?;
            let subject = match triple.subject {
                oxrdf::Subject::NamedNode(n) => Term::Iri(Arc::from(n.as_str())),
                oxrdf::Subject::BlankNode(b) => Term::Blank(Arc::from(b.as_str())),
                #[allow(unreachable_patterns)]
                _ => continue,
            };
            let predicate = Term::Iri(Arc::from(triple.predicate.as_str()));
            let object = match triple.object {
                oxrdf::Term::NamedNode(n) => Term::Iri(Arc::from(n.as_str())),
                oxrdf::Term::BlankNode(b) => Term::Blank(Arc::from(b.as_str())),
                oxrdf::Term::Literal(l) => {
                    let (value, datatype, language) = l.destruct();
                    let language_tagged = language.is_some();
                    Term::Literal(Literal {
                        value,
                        datatype: Arc::from(match (&datatype, language_tagged) {
                            (_, true) => "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString",
                            (Some(d), false) => d.as_str(),
                            (None, false) => "http://www.w3.org/2001/XMLSchema#string",
                        }),
                        language,
                    })
                }
                #[allow(unreachable_patterns)]
                _ => continue,
            };
            self.insert(subject, predicate, object);
        }
        Ok(())
    }

    /// The objects of `subject` through `predicate`.
    pub fn objects(&self, subject: Id, predicate: Id) -> impl Iterator<Item = Id> + '_ {
        self.by_subject
            .get(&subject)
            .into_iter()
            .flatten()
            .filter(move |(p, _)| *p == predicate)
            .map(|(_, o)| *o)
    }

    /// The subjects that reach `object` through `predicate`.
    pub fn subjects(&self, predicate: Id, object: Id) -> impl Iterator<Item = Id> + '_ {
        self.by_object
            .get(&object)
            .into_iter()
            .flatten()
            .filter(move |(p, _)| *p == predicate)
            .map(|(_, s)| *s)
    }

    /// Every (predicate, object) of `subject`.
    pub fn outgoing(&self, subject: Id) -> &[(Id, Id)] {
        self.by_subject.get(&subject).map_or(&[], Vec::as_slice)
    }

    /// Every subject with at least one triple, and every object, in no particular order.
    pub fn nodes_with_predicate(&self, predicate: Id) -> Vec<(Id, Id)> {
        let mut out = Vec::new();
        for (s, edges) in &self.by_subject {
            for (p, o) in edges {
                if *p == predicate {
                    out.push((*s, *o));
                }
            }
        }
        out
    }

    /// The first object of `subject` through the IRI `predicate`.
    pub fn object_of(&self, subject: Id, predicate: &str) -> Option<Id> {
        let p = self.iri_id(predicate)?;
        self.objects(subject, p).next()
    }

    /// The objects of `subject` through the IRI `predicate`.
    pub fn objects_of(&self, subject: Id, predicate: &str) -> Vec<Id> {
        match self.iri_id(predicate) {
            Some(p) => self.objects(subject, p).collect(),
            None => Vec::new(),
        }
    }

    /// The members of the RDF list starting at `head`, or `None` if it is not a well-formed list.
    pub fn list(&self, head: Id) -> Option<Vec<Id>> {
        let nil = self.iri_id(RDF_NIL);
        let mut items = Vec::new();
        let mut node = head;
        let mut seen = 0;
        while Some(node) != nil {
            items.push(self.object_of(node, RDF_FIRST)?);
            node = self.object_of(node, RDF_REST)?;
            seen += 1;
            if seen > 100_000 {
                return None;
            }
        }
        Some(items)
    }
}

/// rdf:first.
pub const RDF_FIRST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
/// rdf:rest.
pub const RDF_REST: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
/// rdf:nil.
pub const RDF_NIL: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
/// rdf:type.
pub const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
/// rdfs:subClassOf.
pub const RDFS_SUBCLASS_OF: &str = "http://www.w3.org/2000/01/rdf-schema#subClassOf";
