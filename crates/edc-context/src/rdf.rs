//! A small RDF data model: terms, quads, datasets, and N-Quads output in canonical form.

use std::fmt::{self, Write};

/// The IRI of `xsd:string`, the datatype of plain literals.
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
/// The IRI of `rdf:langString`, the datatype of language-tagged literals.
pub const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

/// An RDF term.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// An IRI.
    Iri(String),
    /// A blank node, by its label (without `_:`).
    Blank(String),
    /// A literal.
    Literal(Literal),
}

/// An RDF literal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Literal {
    /// The lexical form.
    pub value: String,
    /// The datatype IRI (`xsd:string` for plain, `rdf:langString` with a language).
    pub datatype: String,
    /// The language tag, for `rdf:langString`.
    pub language: Option<String>,
}

impl Term {
    /// An IRI term.
    pub fn iri(iri: impl Into<String>) -> Term {
        Term::Iri(iri.into())
    }

    /// A plain (`xsd:string`) literal.
    pub fn string(value: impl Into<String>) -> Term {
        Term::Literal(Literal {
            value: value.into(),
            datatype: XSD_STRING.into(),
            language: None,
        })
    }

    /// The blank node label, if this is a blank node.
    pub fn blank_label(&self) -> Option<&str> {
        match self {
            Term::Blank(label) => Some(label),
            _ => None,
        }
    }
}

/// A quad: a triple and the graph it belongs to (`None` for the default graph).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quad {
    /// Subject: an IRI or a blank node.
    pub subject: Term,
    /// Predicate IRI.
    pub predicate: String,
    /// Object.
    pub object: Term,
    /// Graph name, `None` for the default graph.
    pub graph: Option<Term>,
}

/// A dataset: quads in the order they were produced.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dataset {
    /// The quads.
    pub quads: Vec<Quad>,
}

impl Dataset {
    /// The dataset as N-Quads, one line per quad in the stored order.
    pub fn to_nquads(&self) -> String {
        let mut out = String::new();
        for quad in &self.quads {
            write_quad(&mut out, quad, &|_| None);
            out.push('\n');
        }
        out
    }

    /// Removes duplicate quads (a dataset is a set), keeping the first of each.
    pub fn dedup(&mut self) {
        let mut seen = std::collections::HashSet::new();
        self.quads.retain(|q| seen.insert(q.clone()));
    }
}

/// Writes a term in N-Quads form; `rename` may give a blank node another label.
pub(crate) fn write_term(out: &mut String, term: &Term, rename: &dyn Fn(&str) -> Option<String>) {
    match term {
        Term::Iri(iri) => {
            out.push('<');
            out.push_str(iri);
            out.push('>');
        }
        Term::Blank(label) => {
            out.push_str("_:");
            match rename(label) {
                Some(new) => out.push_str(&new),
                None => out.push_str(label),
            }
        }
        Term::Literal(lit) => {
            out.push('"');
            escape_literal(out, &lit.value);
            out.push('"');
            if let Some(lang) = &lit.language {
                out.push('@');
                out.push_str(lang);
            } else if lit.datatype != XSD_STRING {
                out.push_str("^^<");
                out.push_str(&lit.datatype);
                out.push('>');
            }
        }
    }
}

/// Writes a quad in canonical N-Quads form, without the line end.
pub(crate) fn write_quad(out: &mut String, quad: &Quad, rename: &dyn Fn(&str) -> Option<String>) {
    write_term(out, &quad.subject, rename);
    out.push_str(" <");
    out.push_str(&quad.predicate);
    out.push_str("> ");
    write_term(out, &quad.object, rename);
    if let Some(graph) = &quad.graph {
        out.push(' ');
        write_term(out, graph, rename);
    }
    out.push_str(" .");
}

/// Escapes a literal's lexical form as canonical N-Quads requires: `\"`, `\\`, the named escapes
/// `\b \t \n \f \r`, and `\uXXXX` for the other control characters and DEL.
fn escape_literal(out: &mut String, value: &str) {
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{8}' => out.push_str("\\b"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\u{c}' => out.push_str("\\f"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
}

impl fmt::Display for Quad {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let mut s = String::new();
        write_quad(&mut s, self, &|_| None);
        f.write_str(&s)
    }
}
