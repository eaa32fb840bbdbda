//! SHACL Core validation of a data graph against [`Shapes`].

use crate::graph::{Graph, Id, RDFS_SUBCLASS_OF, RDF_TYPE};
use crate::shapes::{Constraint, Path, ShapeRef, Shapes, Target};
use crate::vocab::{self, component};
use edc_context::{Literal, Term};
use std::cmp::Ordering;
use std::collections::{HashSet, VecDeque};
use std::sync::Arc;

/// One validation result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationResult {
    /// `sh:focusNode`.
    pub focus_node: Term,
    /// `sh:resultPath`.
    pub path: Option<Path>,
    /// `sh:value`.
    pub value: Option<Term>,
    /// `sh:sourceConstraintComponent` (IRI).
    pub component: String,
    /// `sh:sourceShape`.
    pub source_shape: Term,
    /// `sh:resultSeverity` (IRI).
    pub severity: Arc<str>,
    /// `sh:resultMessage` values (the shape's `sh:message`).
    pub messages: Vec<Term>,
    /// `sh:detail`: for an `sh:node` result, the results of the value against that shape.
    pub details: Vec<ValidationResult>,
}

impl ValidationResult {
    /// This result and its details, depth first.
    pub fn flatten(&self) -> Vec<&ValidationResult> {
        let mut out = vec![self];
        for d in &self.details {
            out.extend(d.flatten());
        }
        out
    }

    /// The focus node for people: its IRI, or "a blank node".
    pub fn focus_label(&self) -> String {
        match &self.focus_node {
            Term::Iri(i) => i.to_string(),
            _ => "a blank node".into(),
        }
    }

    /// The constraint component's short name (`MinCount` for `sh:MinCountConstraintComponent`).
    pub fn component_name(&self) -> &str {
        let local = self
            .component
            .rsplit(['#', '/'])
            .next()
            .unwrap_or(&self.component);
        local.trim_end_matches("ConstraintComponent")
    }

    /// The shape's first `sh:message`, if it has one.
    pub fn message(&self) -> Option<&str> {
        self.messages.iter().find_map(|m| match m {
            Term::Literal(l) => Some(l.value.as_str()),
            _ => None,
        })
    }
}

/// A validation report.
#[derive(Debug, Clone, Default)]
pub struct ValidationReport {
    /// True when there is no result.
    pub conforms: bool,
    /// The results.
    pub results: Vec<ValidationResult>,
}

impl ValidationReport {
    /// Every result and detail, depth first, except the `sh:node` results whose details say
    /// what is wrong: the findings to tell a person.
    pub fn findings(&self) -> impl Iterator<Item = &ValidationResult> {
        self.results
            .iter()
            .flat_map(|r| r.flatten())
            .filter(|r| !r.component.ends_with("#NodeConstraintComponent"))
    }
}

/// Validates `data` against `shapes`.
pub fn validate(data: &Graph, shapes: &Shapes) -> ValidationReport {
    // Focus nodes named by sh:targetNode need a number in the data graph even when the data
    // never mentions them; only then is the graph copied. (sh:hasValue and sh:in compare terms.)
    let missing: Vec<&Term> = shapes
        .shapes
        .iter()
        .flat_map(|s| &s.targets)
        .filter_map(|t| match t {
            Target::Node(t) if data.id(t).is_none() => Some(t),
            _ => None,
        })
        .collect();
    let graph = if missing.is_empty() {
        std::borrow::Cow::Borrowed(data)
    } else {
        let mut copy = data.clone();
        for t in missing {
            copy.intern(t.clone());
        }
        std::borrow::Cow::Owned(copy)
    };
    let validator = Validator {
        data: &graph,
        shapes,
    };
    let mut results = Vec::new();
    for (index, shape) in shapes.targeted() {
        if shape.deactivated {
            continue;
        }
        for focus in validator.focus_nodes(index) {
            validator.check(index, focus, &mut results);
        }
    }
    ValidationReport {
        conforms: results.is_empty(),
        results,
    }
}

struct Validator<'a> {
    data: &'a Graph,
    shapes: &'a Shapes,
}

const NUMERIC: &[&str] = &[
    "integer",
    "decimal",
    "double",
    "float",
    "int",
    "long",
    "short",
    "byte",
    "nonNegativeInteger",
    "positiveInteger",
    "nonPositiveInteger",
    "negativeInteger",
    "unsignedInt",
    "unsignedLong",
    "unsignedShort",
    "unsignedByte",
];

fn xsd_local(datatype: &str) -> Option<&str> {
    datatype.strip_prefix(vocab::XSD)
}

fn numeric(l: &Literal) -> Option<f64> {
    let local = xsd_local(&l.datatype)?;
    if !NUMERIC.contains(&local) {
        return None;
    }
    match l.value.trim() {
        "INF" => Some(f64::INFINITY),
        "-INF" => Some(f64::NEG_INFINITY),
        v => v.parse().ok(),
    }
}

/// Compares two literals as SHACL's value range and property pair constraints do: numbers by
/// value, other literals of the same datatype by lexical form (dates and times in a fixed
/// format); anything else is incomparable.
fn compare(a: &Term, b: &Term) -> Option<Ordering> {
    let (Term::Literal(a), Term::Literal(b)) = (a, b) else {
        return None;
    };
    if let (Some(x), Some(y)) = (numeric(a), numeric(b)) {
        return x.partial_cmp(&y);
    }
    if a.datatype == b.datatype && a.language == b.language {
        let local = xsd_local(&a.datatype).unwrap_or("");
        if matches!(local, "date" | "dateTime" | "time" | "string" | "gYear") {
            // Values with and without a time zone are incomparable.
            let zoned = |v: &str| {
                v.ends_with('Z')
                    || v.len() > 6
                        && v[v.len() - 6..].starts_with(['+', '-'])
                        && v.as_bytes()[v.len() - 3] == b':'
            };
            if local != "string" && zoned(&a.value) != zoned(&b.value) {
                return None;
            }
            return Some(a.value.cmp(&b.value));
        }
    }
    None
}

/// True when `value` is a well-formed lexical form of the XSD datatype `local` (for the
/// datatypes SHACL tests and the EDC profiles use; others are accepted).
fn well_formed(local: &str, value: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let signed = |s: &str| s.strip_prefix(['+', '-']).unwrap_or(s).to_string();
    match local {
        "integer" | "int" | "long" | "short" | "byte" | "nonNegativeInteger"
        | "positiveInteger" | "nonPositiveInteger" | "negativeInteger" | "unsignedInt"
        | "unsignedLong" | "unsignedShort" | "unsignedByte" => {
            let v = signed(value);
            if !digits(&v) {
                return false;
            }
            let n: i128 = value.parse().unwrap_or(0);
            match local {
                "nonNegativeInteger" | "unsignedInt" | "unsignedLong" | "unsignedShort"
                | "unsignedByte" => n >= 0,
                "positiveInteger" => n > 0,
                "nonPositiveInteger" => n <= 0,
                "negativeInteger" => n < 0,
                "int" => i32::try_from(n).is_ok(),
                "short" => i16::try_from(n).is_ok(),
                "byte" => i8::try_from(n).is_ok(),
                _ => true,
            }
        }
        "decimal" => {
            let v = signed(value);
            let (int, frac) = v.split_once('.').unwrap_or((&v, ""));
            (digits(int) || int.is_empty())
                && (frac.is_empty() || digits(frac))
                && !(int.is_empty() && frac.is_empty())
        }
        "double" | "float" => {
            matches!(value, "INF" | "-INF" | "NaN")
                || value.parse::<f64>().is_ok() && !value.contains(char::is_alphabetic)
                || value.to_ascii_lowercase().contains('e') && value.parse::<f64>().is_ok()
        }
        "boolean" => matches!(value, "true" | "false" | "1" | "0"),
        "date" => date(value).is_some_and(zone),
        "dateTime" => value
            .split_once('T')
            .is_some_and(|(d, t)| date(d).is_some_and(str::is_empty) && time(t)),
        _ => true,
    }
}

fn date(value: &str) -> Option<&str> {
    let v = value.strip_prefix('-').unwrap_or(value);
    let b = v.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let (y, m, d) = (&v[0..4], &v[5..7], &v[8..10]);
    let ok = [y, m, d]
        .iter()
        .all(|s| s.bytes().all(|c| c.is_ascii_digit()));
    let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
    (ok && (1..=12).contains(&m) && (1..=31).contains(&d)).then(|| &v[10..])
}

fn zone(rest: &str) -> bool {
    rest.is_empty()
        || rest == "Z"
        || (rest.len() == 6 && rest.starts_with(['+', '-']) && rest.as_bytes()[3] == b':')
}

fn time(value: &str) -> bool {
    let b = value.as_bytes();
    if b.len() < 8 || b[2] != b':' || b[5] != b':' {
        return false;
    }
    let mut rest = &value[8..];
    if let Some(frac) = rest.strip_prefix('.') {
        let n = frac.bytes().take_while(u8::is_ascii_digit).count();
        if n == 0 {
            return false;
        }
        rest = &frac[n..];
    }
    let fields_ok = [&value[0..2], &value[3..5], &value[6..8]]
        .iter()
        .all(|s| s.bytes().all(|c| c.is_ascii_digit()));
    fields_ok && zone(rest)
}

fn language_matches(tag: &str, range: &str) -> bool {
    range == "*"
        || tag.eq_ignore_ascii_case(range)
        || (tag.len() > range.len()
            && tag[..range.len()].eq_ignore_ascii_case(range)
            && tag.as_bytes()[range.len()] == b'-')
}

impl Validator<'_> {
    fn instances(&self, class: &Term) -> Vec<Id> {
        let (Some(t), Some(c)) = (
            self.data.iri_id(crate::graph::RDF_TYPE),
            self.data.id(class),
        ) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        let sub = self.data.iri_id(RDFS_SUBCLASS_OF);
        let mut classes = vec![c];
        let mut seen = HashSet::from([c]);
        while let Some(k) = classes.pop() {
            out.extend(self.data.subjects(t, k));
            if let Some(sub) = sub {
                for s in self.data.subjects(sub, k) {
                    if seen.insert(s) {
                        classes.push(s);
                    }
                }
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    fn is_instance(&self, node: Id, class: &Term) -> bool {
        let Some(c) = self.data.id(class) else {
            return false;
        };
        let Some(t) = self.data.iri_id(RDF_TYPE) else {
            return false;
        };
        let sub = self.data.iri_id(RDFS_SUBCLASS_OF);
        let mut todo: Vec<Id> = self.data.objects(node, t).collect();
        let mut seen: HashSet<Id> = todo.iter().copied().collect();
        while let Some(k) = todo.pop() {
            if k == c {
                return true;
            }
            if let Some(sub) = sub {
                for s in self.data.objects(k, sub) {
                    if seen.insert(s) {
                        todo.push(s);
                    }
                }
            }
        }
        false
    }

    fn focus_nodes(&self, shape: ShapeRef) -> Vec<Id> {
        let mut out = Vec::new();
        for target in &self.shapes.shapes[shape].targets {
            match target {
                Target::Node(t) => out.extend(self.data.id(t)),
                Target::Class(c) => out.extend(self.instances(c)),
                Target::SubjectsOf(p) => {
                    if let Some(p) = self.data.iri_id(p) {
                        out.extend(
                            self.data
                                .nodes_with_predicate(p)
                                .into_iter()
                                .map(|(s, _)| s),
                        );
                    }
                }
                Target::ObjectsOf(p) => {
                    if let Some(p) = self.data.iri_id(p) {
                        out.extend(
                            self.data
                                .nodes_with_predicate(p)
                                .into_iter()
                                .map(|(_, o)| o),
                        );
                    }
                }
            }
        }
        let mut seen = HashSet::new();
        out.retain(|n| seen.insert(*n));
        out
    }

    fn eval_path(&self, path: &Path, focus: Id) -> Vec<Id> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        for n in self.path_nodes(path, focus) {
            if seen.insert(n) {
                out.push(n);
            }
        }
        out
    }

    fn path_nodes(&self, path: &Path, focus: Id) -> Vec<Id> {
        match path {
            Path::Predicate(p) => match self.data.iri_id(p) {
                Some(p) => self.data.objects(focus, p).collect(),
                None => Vec::new(),
            },
            Path::Inverse(inner) => match inner.as_ref() {
                Path::Predicate(p) => match self.data.iri_id(p) {
                    Some(p) => self.data.subjects(p, focus).collect(),
                    None => Vec::new(),
                },
                other => {
                    // ^(complex): nodes from which `other` reaches focus.
                    let mut out = Vec::new();
                    for candidate in 0..self.data.term_count() as Id {
                        if self.path_nodes(other, candidate).contains(&focus) {
                            out.push(candidate);
                        }
                    }
                    out
                }
            },
            Path::Sequence(steps) => {
                let mut current = vec![focus];
                for step in steps {
                    let mut next = Vec::new();
                    let mut seen = HashSet::new();
                    for n in current {
                        for m in self.path_nodes(step, n) {
                            if seen.insert(m) {
                                next.push(m);
                            }
                        }
                    }
                    current = next;
                }
                current
            }
            Path::Alternative(options) => options
                .iter()
                .flat_map(|p| self.path_nodes(p, focus))
                .collect(),
            Path::ZeroOrOne(inner) => {
                let mut out = vec![focus];
                out.extend(self.path_nodes(inner, focus));
                out
            }
            Path::ZeroOrMore(inner) | Path::OneOrMore(inner) => {
                let mut out = Vec::new();
                let mut seen = HashSet::new();
                if matches!(path, Path::ZeroOrMore(_)) {
                    seen.insert(focus);
                    out.push(focus);
                }
                let mut queue: VecDeque<Id> = self.path_nodes(inner, focus).into();
                while let Some(n) = queue.pop_front() {
                    if seen.insert(n) {
                        out.push(n);
                        queue.extend(self.path_nodes(inner, n));
                    }
                }
                out
            }
        }
    }

    fn conforms(&self, shape: ShapeRef, node: Id) -> bool {
        let mut results = Vec::new();
        self.check(shape, node, &mut results);
        results.is_empty()
    }

    /// Validates `focus` against `shape`, adding results.
    fn check(&self, index: ShapeRef, focus: Id, results: &mut Vec<ValidationResult>) {
        let shape = &self.shapes.shapes[index];
        if shape.deactivated {
            return;
        }
        let values = match &shape.path {
            Some(path) => self.eval_path(path, focus),
            None => vec![focus],
        };
        let term = |id: Id| self.data.term(id).clone();
        let mut nested = Vec::new();
        let mut own = Vec::new();
        let mut node_details: Vec<(Id, Vec<ValidationResult>)> = Vec::new();
        let mut report = |local: &str, value: Option<Term>, path: Option<Path>| {
            own.push(ValidationResult {
                focus_node: term(focus),
                path: path.or_else(|| shape.path.clone()),
                value,
                component: component(local),
                source_shape: shape.id.clone(),
                severity: shape.severity.clone(),
                messages: shape.messages.clone(),
                details: Vec::new(),
            });
        };
        for constraint in &shape.constraints {
            match constraint {
                Constraint::Class(c) => {
                    for &v in &values {
                        if !self.is_instance(v, c) {
                            report("Class", Some(term(v)), None);
                        }
                    }
                }
                Constraint::Datatype(d) => {
                    for &v in &values {
                        let ok = match self.data.term(v) {
                            Term::Literal(l) => {
                                *l.datatype == **d
                                    && (**d != *vocab::RDF_LANG_STRING || l.language.is_some())
                                    && xsd_local(d).is_none_or(|local| well_formed(local, &l.value))
                            }
                            _ => false,
                        };
                        if !ok {
                            report("Datatype", Some(term(v)), None);
                        }
                    }
                }
                Constraint::NodeKind(kind) => {
                    for &v in &values {
                        let t = self.data.term(v);
                        let (iri, blank, literal) = (
                            matches!(t, Term::Iri(_)),
                            matches!(t, Term::Blank(_)),
                            matches!(t, Term::Literal(_)),
                        );
                        let ok = match &**kind {
                            k if k == vocab::IRI => iri,
                            k if k == vocab::BLANK_NODE => blank,
                            k if k == vocab::LITERAL => literal,
                            k if k == vocab::BLANK_NODE_OR_IRI => blank || iri,
                            k if k == vocab::BLANK_NODE_OR_LITERAL => blank || literal,
                            k if k == vocab::IRI_OR_LITERAL => iri || literal,
                            _ => false,
                        };
                        if !ok {
                            report("NodeKind", Some(term(v)), None);
                        }
                    }
                }
                Constraint::MinCount(n) => {
                    if values.len() < *n {
                        report("MinCount", None, None);
                    }
                }
                Constraint::MaxCount(n) => {
                    if values.len() > *n {
                        report("MaxCount", None, None);
                    }
                }
                Constraint::MinExclusive(b)
                | Constraint::MinInclusive(b)
                | Constraint::MaxExclusive(b)
                | Constraint::MaxInclusive(b) => {
                    let (local, ok): (&str, fn(Ordering) -> bool) = match constraint {
                        Constraint::MinExclusive(_) => ("MinExclusive", |o| o == Ordering::Greater),
                        Constraint::MinInclusive(_) => ("MinInclusive", |o| o != Ordering::Less),
                        Constraint::MaxExclusive(_) => ("MaxExclusive", |o| o == Ordering::Less),
                        _ => ("MaxInclusive", |o| o != Ordering::Greater),
                    };
                    for &v in &values {
                        if !compare(self.data.term(v), b).is_some_and(ok) {
                            report(local, Some(term(v)), None);
                        }
                    }
                }
                Constraint::MinLength(n) | Constraint::MaxLength(n) => {
                    for &v in &values {
                        let len = match self.data.term(v) {
                            Term::Iri(i) => Some(i.chars().count()),
                            Term::Literal(l) => Some(l.value.chars().count()),
                            Term::Blank(_) => None,
                        };
                        let (local, ok) = match constraint {
                            Constraint::MinLength(_) => ("MinLength", len.is_some_and(|l| l >= *n)),
                            _ => ("MaxLength", len.is_some_and(|l| l <= *n)),
                        };
                        if !ok {
                            report(local, Some(term(v)), None);
                        }
                    }
                }
                Constraint::Pattern(regex) => {
                    for &v in &values {
                        let ok = match self.data.term(v) {
                            Term::Iri(i) => regex.is_match(i),
                            Term::Literal(l) => regex.is_match(&l.value),
                            Term::Blank(_) => false,
                        };
                        if !ok {
                            report("Pattern", Some(term(v)), None);
                        }
                    }
                }
                Constraint::LanguageIn(ranges) => {
                    for &v in &values {
                        let ok = match self.data.term(v) {
                            Term::Literal(Literal {
                                language: Some(tag),
                                ..
                            }) => ranges.iter().any(|r| language_matches(tag, r)),
                            _ => false,
                        };
                        if !ok {
                            report("LanguageIn", Some(term(v)), None);
                        }
                    }
                }
                Constraint::UniqueLang => {
                    let mut seen: Vec<String> = Vec::new();
                    let mut reported: Vec<String> = Vec::new();
                    for &v in &values {
                        if let Term::Literal(Literal {
                            language: Some(tag),
                            ..
                        }) = self.data.term(v)
                        {
                            let tag = tag.to_ascii_lowercase();
                            if seen.contains(&tag) && !reported.contains(&tag) {
                                reported.push(tag.clone());
                                report("UniqueLang", None, None);
                            }
                            seen.push(tag);
                        }
                    }
                }
                Constraint::Equals(p) | Constraint::Disjoint(p) => {
                    let others: Vec<Id> = match self.data.iri_id(p) {
                        Some(p) => self.data.objects(focus, p).collect(),
                        None => Vec::new(),
                    };
                    if matches!(constraint, Constraint::Equals(_)) {
                        for &v in &values {
                            if !others.contains(&v) {
                                report("Equals", Some(term(v)), None);
                            }
                        }
                        for &o in &others {
                            if !values.contains(&o) {
                                report("Equals", Some(term(o)), None);
                            }
                        }
                    } else {
                        for &v in &values {
                            if others.contains(&v) {
                                report("Disjoint", Some(term(v)), None);
                            }
                        }
                    }
                }
                Constraint::LessThan(p) | Constraint::LessThanOrEquals(p) => {
                    let others: Vec<Id> = match self.data.iri_id(p) {
                        Some(p) => self.data.objects(focus, p).collect(),
                        None => Vec::new(),
                    };
                    let strict = matches!(constraint, Constraint::LessThan(_));
                    for &v in &values {
                        for &o in &others {
                            let ok =
                                compare(self.data.term(v), self.data.term(o)).is_some_and(|c| {
                                    c == Ordering::Less || (!strict && c == Ordering::Equal)
                                });
                            if !ok {
                                report(
                                    if strict {
                                        "LessThan"
                                    } else {
                                        "LessThanOrEquals"
                                    },
                                    Some(term(v)),
                                    None,
                                );
                            }
                        }
                    }
                }
                Constraint::Not(s) => {
                    for &v in &values {
                        if self.conforms(*s, v) {
                            report("Not", Some(term(v)), None);
                        }
                    }
                }
                Constraint::And(list) => {
                    for &v in &values {
                        if !list.iter().all(|s| self.conforms(*s, v)) {
                            report("And", Some(term(v)), None);
                        }
                    }
                }
                Constraint::Or(list) => {
                    for &v in &values {
                        if !list.iter().any(|s| self.conforms(*s, v)) {
                            report("Or", Some(term(v)), None);
                        }
                    }
                }
                Constraint::Xone(list) => {
                    for &v in &values {
                        if list.iter().filter(|s| self.conforms(**s, v)).count() != 1 {
                            report("Xone", Some(term(v)), None);
                        }
                    }
                }
                Constraint::Node(s) => {
                    for &v in &values {
                        let mut details = Vec::new();
                        self.check(*s, v, &mut details);
                        if !details.is_empty() {
                            node_details.push((v, details));
                            report("Node", Some(term(v)), None);
                        }
                    }
                }
                Constraint::Property(s) => {
                    for &v in &values {
                        self.check(*s, v, &mut nested);
                    }
                }
                Constraint::QualifiedValueShape {
                    shape: s,
                    min,
                    max,
                    siblings,
                } => {
                    let n = values
                        .iter()
                        .filter(|&&v| {
                            self.conforms(*s, v)
                                && !siblings.iter().any(|sib| self.conforms(*sib, v))
                        })
                        .count();
                    if min.is_some_and(|m| n < m) {
                        report("QualifiedMinCount", None, None);
                    }
                    if max.is_some_and(|m| n > m) {
                        report("QualifiedMaxCount", None, None);
                    }
                }
                Constraint::Closed { allowed } => {
                    for &v in &values {
                        for &(p, o) in self.data.outgoing(v) {
                            if let Term::Iri(p_iri) = self.data.term(p) {
                                if !allowed.iter().any(|a| a == p_iri) {
                                    report(
                                        "Closed",
                                        Some(term(o)),
                                        Some(Path::Predicate(p_iri.clone())),
                                    );
                                }
                            }
                        }
                    }
                }
                Constraint::HasValue(t) => {
                    if !values.iter().any(|&v| self.data.term(v) == t) {
                        report("HasValue", None, None);
                    }
                }
                Constraint::In(items) => {
                    for &v in &values {
                        if !items.contains(self.data.term(v)) {
                            report("In", Some(term(v)), None);
                        }
                    }
                }
            }
        }
        // Attach each sh:node result's details (in order: one per failing value).
        let mut details = node_details.into_iter();
        for result in own.iter_mut() {
            if result.component.ends_with("#NodeConstraintComponent") {
                if let Some((_, d)) = details.next() {
                    result.details = d;
                }
            }
        }
        results.extend(own);
        results.extend(nested);
    }
}
