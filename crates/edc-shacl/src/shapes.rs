//! Shapes read from a shapes graph: targets, paths and the SHACL Core constraints.

use crate::graph::{Graph, Id, RDF_TYPE};
use crate::vocab::*;
use edc_context::Term;
use std::collections::HashMap;
use std::sync::Arc;

/// A SHACL property path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Path {
    /// A predicate IRI.
    Predicate(Arc<str>),
    /// `sh:inversePath`.
    Inverse(Box<Path>),
    /// An RDF list of paths.
    Sequence(Vec<Path>),
    /// `sh:alternativePath`.
    Alternative(Vec<Path>),
    /// `sh:zeroOrMorePath`.
    ZeroOrMore(Box<Path>),
    /// `sh:oneOrMorePath`.
    OneOrMore(Box<Path>),
    /// `sh:zeroOrOnePath`.
    ZeroOrOne(Box<Path>),
}

impl Path {
    /// Reads the path at `node` of `graph`.
    pub fn read(graph: &Graph, node: Id) -> Result<Path, crate::ShaclError> {
        Self::read_text(graph, node)
            .map_err(|message| crate::ShaclError::new(crate::ShaclErrorKind::Shapes, message))
    }

    fn read_text(graph: &Graph, node: Id) -> Result<Path, String> {
        Self::read_depth(graph, node, 0)
    }

    fn read_depth(graph: &Graph, node: Id, depth: usize) -> Result<Path, String> {
        if depth > 64 {
            return Err("a property path nests too deeply".into());
        }
        let sub = |p: &str| -> Result<Option<Box<Path>>, String> {
            graph
                .object_of(node, p)
                .map(|n| Self::read_depth(graph, n, depth + 1).map(Box::new))
                .transpose()
        };
        match graph.term(node) {
            Term::Iri(iri) => return Ok(Path::Predicate(iri.clone())),
            Term::Literal(_) => return Err("a literal is not a property path".into()),
            Term::Blank(_) => {}
        }
        // A list is a sequence path, whatever else the node says.
        if graph.object_of(node, crate::graph::RDF_FIRST).is_some() {
            let items = graph
                .list(node)
                .ok_or("a sequence path needs a well-formed list")?;
            if items.len() < 2 {
                return Err("a sequence path needs at least two members".into());
            }
            return items
                .into_iter()
                .map(|n| Self::read_depth(graph, n, depth + 1))
                .collect::<Result<_, _>>()
                .map(Path::Sequence);
        }
        if let Some(p) = sub(INVERSE_PATH)? {
            return Ok(Path::Inverse(p));
        }
        if let Some(p) = sub(ZERO_OR_MORE_PATH)? {
            return Ok(Path::ZeroOrMore(p));
        }
        if let Some(p) = sub(ONE_OR_MORE_PATH)? {
            return Ok(Path::OneOrMore(p));
        }
        if let Some(p) = sub(ZERO_OR_ONE_PATH)? {
            return Ok(Path::ZeroOrOne(p));
        }
        if let Some(list) = graph.object_of(node, ALTERNATIVE_PATH) {
            let items = graph.list(list).ok_or("sh:alternativePath needs a list")?;
            return items
                .into_iter()
                .map(|n| Self::read_depth(graph, n, depth + 1))
                .collect::<Result<_, _>>()
                .map(Path::Alternative);
        }
        Err("not a SHACL property path".into())
    }

    /// The predicate IRI, for a plain predicate path.
    pub fn predicate(&self) -> Option<&str> {
        match self {
            Path::Predicate(p) => Some(p),
            _ => None,
        }
    }
}

impl std::fmt::Display for Path {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let join = |f: &mut std::fmt::Formatter<'_>, items: &[Path], sep: &str| {
            write!(f, "(")?;
            for (i, p) in items.iter().enumerate() {
                if i > 0 {
                    write!(f, "{sep}")?;
                }
                write!(f, "{p}")?;
            }
            write!(f, ")")
        };
        match self {
            Path::Predicate(p) => write!(f, "<{p}>"),
            Path::Inverse(p) => write!(f, "^{p}"),
            Path::Sequence(items) => join(f, items, "/"),
            Path::Alternative(items) => join(f, items, "|"),
            Path::ZeroOrMore(p) => write!(f, "{p}*"),
            Path::OneOrMore(p) => write!(f, "{p}+"),
            Path::ZeroOrOne(p) => write!(f, "{p}?"),
        }
    }
}

/// How a shape selects its focus nodes.
#[derive(Debug, Clone)]
pub enum Target {
    /// `sh:targetNode`.
    Node(Term),
    /// `sh:targetClass` (or the implicit class target of a shape that is an `rdfs:Class`).
    Class(Term),
    /// `sh:targetSubjectsOf`.
    SubjectsOf(Arc<str>),
    /// `sh:targetObjectsOf`.
    ObjectsOf(Arc<str>),
}

/// A shape's index in its [`Shapes`].
pub type ShapeRef = usize;

/// One constraint of a shape (SHACL Core).
#[derive(Debug, Clone)]
#[allow(missing_docs)]
#[non_exhaustive]
pub enum Constraint {
    Class(Term),
    Datatype(Arc<str>),
    NodeKind(Arc<str>),
    MinCount(usize),
    MaxCount(usize),
    MinExclusive(Term),
    MinInclusive(Term),
    MaxExclusive(Term),
    MaxInclusive(Term),
    MinLength(usize),
    MaxLength(usize),
    Pattern(regex::Regex),
    LanguageIn(Vec<String>),
    UniqueLang,
    Equals(Arc<str>),
    Disjoint(Arc<str>),
    LessThan(Arc<str>),
    LessThanOrEquals(Arc<str>),
    Not(ShapeRef),
    And(Vec<ShapeRef>),
    Or(Vec<ShapeRef>),
    Xone(Vec<ShapeRef>),
    Node(ShapeRef),
    Property(ShapeRef),
    QualifiedValueShape {
        shape: ShapeRef,
        min: Option<usize>,
        max: Option<usize>,
        siblings: Vec<ShapeRef>,
    },
    Closed {
        allowed: Vec<Arc<str>>,
    },
    HasValue(Term),
    In(Vec<Term>),
}

/// A node or property shape.
#[derive(Debug, Clone)]
pub struct Shape {
    /// The shape's node in the shapes graph.
    pub id: Term,
    /// The path, for a property shape.
    pub path: Option<Path>,
    /// Its targets.
    pub targets: Vec<Target>,
    /// `sh:severity` (default `sh:Violation`).
    pub severity: Arc<str>,
    /// `sh:deactivated true`.
    pub deactivated: bool,
    /// `sh:message` values.
    pub messages: Vec<Term>,
    /// The constraints.
    pub constraints: Vec<Constraint>,
}

/// The shapes of a shapes graph.
#[derive(Debug, Clone, Default)]
pub struct Shapes {
    /// Every shape, referenced by index.
    pub shapes: Vec<Shape>,
}

fn count(graph: &Graph, node: Id, predicate: &str) -> Result<Option<usize>, String> {
    match graph.object_of(node, predicate).map(|n| graph.term(n)) {
        None => Ok(None),
        Some(Term::Literal(l)) => l
            .value
            .trim()
            .parse()
            .map(Some)
            .map_err(|_| format!("{predicate} must be a non-negative integer")),
        Some(_) => Err(format!("{predicate} must be a literal")),
    }
}

fn iri_of(graph: &Graph, node: Id) -> Result<Arc<str>, String> {
    match graph.term(node) {
        Term::Iri(iri) => Ok(iri.clone()),
        other => Err(format!("expected an IRI, found {other:?}")),
    }
}

fn is_true(graph: &Graph, node: Id, predicate: &str) -> bool {
    graph
        .object_of(node, predicate)
        // Only `true` (not "1"^^xsd:boolean) activates a boolean parameter.
        .is_some_and(|n| matches!(graph.term(n), Term::Literal(l) if l.value == "true"))
}

impl Shapes {
    /// Reads every shape of a shapes graph.
    pub fn read(graph: &Graph) -> Result<Shapes, crate::ShaclError> {
        Self::read_text(graph)
            .map_err(|message| crate::ShaclError::new(crate::ShaclErrorKind::Shapes, message))
    }

    fn read_text(graph: &Graph) -> Result<Shapes, String> {
        let mut reader = Reader {
            graph,
            shapes: Shapes::default(),
            index: HashMap::new(),
        };
        let mut roots = Vec::new();
        for class in [NODE_SHAPE, PROPERTY_SHAPE] {
            if let (Some(t), Some(c)) = (graph.iri_id(RDF_TYPE), graph.iri_id(class)) {
                roots.extend(graph.subjects(t, c));
            }
        }
        for predicate in [
            TARGET_NODE,
            TARGET_CLASS,
            TARGET_SUBJECTS_OF,
            TARGET_OBJECTS_OF,
            PATH,
        ] {
            if let Some(p) = graph.iri_id(predicate) {
                roots.extend(graph.nodes_with_predicate(p).into_iter().map(|(s, _)| s));
            }
        }
        for predicate in [NODE, PROPERTY, NOT, QUALIFIED_VALUE_SHAPE] {
            if let Some(p) = graph.iri_id(predicate) {
                roots.extend(graph.nodes_with_predicate(p).into_iter().map(|(_, o)| o));
            }
        }
        for predicate in [AND, OR, XONE] {
            if let Some(p) = graph.iri_id(predicate) {
                for (_, list) in graph.nodes_with_predicate(p) {
                    roots.extend(graph.list(list).unwrap_or_default());
                }
            }
        }
        roots.sort_unstable();
        roots.dedup();
        for node in roots {
            reader.shape(node)?;
        }
        Ok(reader.shapes)
    }

    /// The shapes that have targets.
    pub fn targeted(&self) -> impl Iterator<Item = (ShapeRef, &Shape)> {
        self.shapes
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.targets.is_empty())
    }
}

struct Reader<'g> {
    graph: &'g Graph,
    shapes: Shapes,
    index: HashMap<Id, ShapeRef>,
}

impl Reader<'_> {
    fn shape(&mut self, node: Id) -> Result<ShapeRef, String> {
        if let Some(&i) = self.index.get(&node) {
            return Ok(i);
        }
        let g = self.graph;
        let at = self.shapes.shapes.len();
        self.index.insert(node, at);
        self.shapes.shapes.push(Shape {
            id: g.term(node).clone(),
            path: None,
            targets: Vec::new(),
            severity: Arc::from(VIOLATION),
            deactivated: false,
            messages: Vec::new(),
            constraints: Vec::new(),
        });
        let describe = |e: String| format!("shape {:?}: {e}", g.term(node));
        let path = g
            .object_of(node, PATH)
            .map(|p| Path::read_text(g, p))
            .transpose()
            .map_err(describe)?;
        let mut targets = Vec::new();
        for t in g.objects_of(node, TARGET_NODE) {
            targets.push(Target::Node(g.term(t).clone()));
        }
        for t in g.objects_of(node, TARGET_CLASS) {
            targets.push(Target::Class(g.term(t).clone()));
        }
        let is_class = g
            .iri_id(RDFS_CLASS)
            .is_some_and(|c| g.objects_of(node, RDF_TYPE).contains(&c));
        let is_shape = g
            .iri_id(NODE_SHAPE)
            .is_some_and(|c| g.objects_of(node, RDF_TYPE).contains(&c))
            || g.iri_id(PROPERTY_SHAPE)
                .is_some_and(|c| g.objects_of(node, RDF_TYPE).contains(&c));
        if is_class && is_shape {
            targets.push(Target::Class(g.term(node).clone()));
        }
        for t in g.objects_of(node, TARGET_SUBJECTS_OF) {
            targets.push(Target::SubjectsOf(iri_of(g, t).map_err(describe)?));
        }
        for t in g.objects_of(node, TARGET_OBJECTS_OF) {
            targets.push(Target::ObjectsOf(iri_of(g, t).map_err(describe)?));
        }
        let severity = g
            .object_of(node, SEVERITY)
            .map(|s| iri_of(g, s))
            .transpose()
            .map_err(describe)?
            .unwrap_or_else(|| Arc::from(VIOLATION));
        let messages = g
            .objects_of(node, MESSAGE)
            .into_iter()
            .map(|m| g.term(m).clone())
            .collect();
        let constraints = self.constraints(node, path.is_some()).map_err(describe)?;
        let shape = &mut self.shapes.shapes[at];
        shape.path = path;
        shape.targets = targets;
        shape.severity = severity;
        shape.deactivated = is_true(g, node, DEACTIVATED);
        shape.messages = messages;
        shape.constraints = constraints;
        Ok(at)
    }

    fn shape_list(&mut self, list: Id) -> Result<Vec<ShapeRef>, String> {
        let items = self
            .graph
            .list(list)
            .ok_or("expected an RDF list of shapes")?;
        items.into_iter().map(|n| self.shape(n)).collect()
    }

    fn constraints(&mut self, node: Id, property_shape: bool) -> Result<Vec<Constraint>, String> {
        let g = self.graph;
        let mut out = Vec::new();
        let term = |n: Id| g.term(n).clone();
        for c in g.objects_of(node, CLASS) {
            out.push(Constraint::Class(term(c)));
        }
        for d in g.objects_of(node, DATATYPE) {
            out.push(Constraint::Datatype(iri_of(g, d)?));
        }
        for k in g.objects_of(node, NODE_KIND) {
            out.push(Constraint::NodeKind(iri_of(g, k)?));
        }
        if property_shape {
            if let Some(n) = count(g, node, MIN_COUNT)? {
                out.push(Constraint::MinCount(n));
            }
            if let Some(n) = count(g, node, MAX_COUNT)? {
                out.push(Constraint::MaxCount(n));
            }
        }
        for (p, make) in [
            (
                MIN_EXCLUSIVE,
                Constraint::MinExclusive as fn(Term) -> Constraint,
            ),
            (MIN_INCLUSIVE, Constraint::MinInclusive),
            (MAX_EXCLUSIVE, Constraint::MaxExclusive),
            (MAX_INCLUSIVE, Constraint::MaxInclusive),
            (HAS_VALUE, Constraint::HasValue),
        ] {
            for v in g.objects_of(node, p) {
                out.push(make(term(v)));
            }
        }
        if let Some(n) = count(g, node, MIN_LENGTH)? {
            out.push(Constraint::MinLength(n));
        }
        if let Some(n) = count(g, node, MAX_LENGTH)? {
            out.push(Constraint::MaxLength(n));
        }
        for p in g.objects_of(node, PATTERN) {
            let Term::Literal(pattern) = g.term(p) else {
                return Err("sh:pattern must be a literal".into());
            };
            let flags = g
                .object_of(node, FLAGS)
                .and_then(|f| match g.term(f) {
                    Term::Literal(l) => Some(l.value.clone()),
                    _ => None,
                })
                .unwrap_or_default();
            let inline: String = flags.chars().filter(|c| "imsx".contains(*c)).collect();
            let source = if inline.is_empty() {
                pattern.value.clone()
            } else {
                format!("(?{inline}){}", pattern.value)
            };
            let regex = regex::Regex::new(&source)
                .map_err(|e| format!("sh:pattern `{}`: {e}", pattern.value))?;
            out.push(Constraint::Pattern(regex));
        }
        for list in g.objects_of(node, LANGUAGE_IN) {
            let items = g.list(list).ok_or("sh:languageIn needs a list")?;
            let ranges = items
                .into_iter()
                .filter_map(|n| match g.term(n) {
                    Term::Literal(l) => Some(l.value.clone()),
                    _ => None,
                })
                .collect();
            out.push(Constraint::LanguageIn(ranges));
        }
        if property_shape && is_true(g, node, UNIQUE_LANG) {
            out.push(Constraint::UniqueLang);
        }
        if property_shape {
            for (p, make) in [
                (EQUALS, Constraint::Equals as fn(Arc<str>) -> Constraint),
                (DISJOINT, Constraint::Disjoint),
                (LESS_THAN, Constraint::LessThan),
                (LESS_THAN_OR_EQUALS, Constraint::LessThanOrEquals),
            ] {
                for v in g.objects_of(node, p) {
                    out.push(make(iri_of(g, v)?));
                }
            }
        } else {
            for (p, make) in [
                (EQUALS, Constraint::Equals as fn(Arc<str>) -> Constraint),
                (DISJOINT, Constraint::Disjoint),
            ] {
                for v in g.objects_of(node, p) {
                    out.push(make(iri_of(g, v)?));
                }
            }
        }
        for s in g.objects_of(node, NOT) {
            out.push(Constraint::Not(self.shape(s)?));
        }
        for l in g.objects_of(node, AND) {
            out.push(Constraint::And(self.shape_list(l)?));
        }
        for l in g.objects_of(node, OR) {
            out.push(Constraint::Or(self.shape_list(l)?));
        }
        for l in g.objects_of(node, XONE) {
            out.push(Constraint::Xone(self.shape_list(l)?));
        }
        for s in g.objects_of(node, NODE) {
            out.push(Constraint::Node(self.shape(s)?));
        }
        for s in g.objects_of(node, PROPERTY) {
            out.push(Constraint::Property(self.shape(s)?));
        }
        if property_shape {
            for q in g.objects_of(node, QUALIFIED_VALUE_SHAPE) {
                let shape = self.shape(q)?;
                let min = count(g, node, QUALIFIED_MIN_COUNT)?;
                let max = count(g, node, QUALIFIED_MAX_COUNT)?;
                let mut siblings = Vec::new();
                if is_true(g, node, QUALIFIED_VALUE_SHAPES_DISJOINT) {
                    // Sibling shapes: the qualified value shapes of the other property shapes of
                    // the shapes this one is a property of.
                    if let Some(property) = g.iri_id(PROPERTY) {
                        let parents: Vec<Id> = g.subjects(property, node).collect();
                        for parent in parents {
                            for other in g.objects(parent, property).collect::<Vec<_>>() {
                                if other == node {
                                    continue;
                                }
                                for sq in g.objects_of(other, QUALIFIED_VALUE_SHAPE) {
                                    siblings.push(self.shape(sq)?);
                                }
                            }
                        }
                    }
                }
                out.push(Constraint::QualifiedValueShape {
                    shape,
                    min,
                    max,
                    siblings,
                });
            }
        }
        if is_true(g, node, CLOSED) {
            let mut allowed = Vec::new();
            for p in g.objects_of(node, PROPERTY) {
                if let Some(path) = g.object_of(p, PATH) {
                    if let Term::Iri(iri) = g.term(path) {
                        allowed.push(iri.clone());
                    }
                }
            }
            for list in g.objects_of(node, IGNORED_PROPERTIES) {
                for n in g.list(list).unwrap_or_default() {
                    allowed.push(iri_of(g, n)?);
                }
            }
            out.push(Constraint::Closed { allowed });
        }
        for list in g.objects_of(node, IN) {
            let items = g.list(list).ok_or("sh:in needs a list")?;
            out.push(Constraint::In(items.into_iter().map(term).collect()));
        }
        Ok(out)
    }
}
