//! A small RDF data model: terms, quads, datasets, and N-Quads output in canonical form.

use rustc_hash::FxHashSet;
use std::fmt::{self, Write};
use std::hash::Hasher;
use std::sync::Arc;

/// A quad as a set member: hashed on a sample of long literals (length, head and tail), compared
/// in full, so that large embedded media are not read twice.
struct QuadKey<'a>(&'a Quad);

fn hash_text<H: Hasher>(state: &mut H, text: &str) {
    let bytes = text.as_bytes();
    state.write_usize(bytes.len());
    if bytes.len() <= 128 {
        state.write(bytes);
    } else {
        state.write(&bytes[..64]);
        state.write(&bytes[bytes.len() - 64..]);
    }
}

fn hash_term<H: Hasher>(state: &mut H, term: &Term) {
    match term {
        Term::Iri(iri) => {
            state.write_u8(0);
            hash_text(state, iri);
        }
        Term::Blank(label) => {
            state.write_u8(1);
            hash_text(state, label);
        }
        Term::Literal(l) => {
            state.write_u8(2);
            hash_text(state, &l.value);
            hash_text(state, &l.datatype);
            if let Some(lang) = &l.language {
                hash_text(state, lang);
            }
        }
    }
}

impl std::hash::Hash for QuadKey<'_> {
    fn hash<H: Hasher>(&self, state: &mut H) {
        hash_term(state, &self.0.subject);
        hash_text(state, &self.0.predicate);
        hash_term(state, &self.0.object);
        if let Some(g) = &self.0.graph {
            hash_term(state, g);
        }
    }
}

impl PartialEq for QuadKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.0 == other.0
    }
}

impl Eq for QuadKey<'_> {}

/// The IRI of `xsd:string`, the datatype of plain literals.
pub const XSD_STRING: &str = "http://www.w3.org/2001/XMLSchema#string";
/// The IRI of `rdf:langString`, the datatype of language-tagged literals.
pub const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";

/// The IRIs the conversion writes on every other quad, allocated once and shared.
pub(crate) mod shared {
    use std::sync::{Arc, OnceLock};

    macro_rules! shared_iri {
        ($($name:ident = $iri:expr;)*) => {$(
            pub(crate) fn $name() -> Arc<str> {
                static IRI: OnceLock<Arc<str>> = OnceLock::new();
                IRI.get_or_init(|| Arc::from($iri)).clone()
            }
        )*};
    }

    shared_iri! {
        xsd_string = super::XSD_STRING;
        rdf_lang_string = super::RDF_LANG_STRING;
        rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
        rdf_first = "http://www.w3.org/1999/02/22-rdf-syntax-ns#first";
        rdf_rest = "http://www.w3.org/1999/02/22-rdf-syntax-ns#rest";
        rdf_nil = "http://www.w3.org/1999/02/22-rdf-syntax-ns#nil";
        rdf_json = "http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON";
        xsd_boolean = "http://www.w3.org/2001/XMLSchema#boolean";
        xsd_integer = "http://www.w3.org/2001/XMLSchema#integer";
        xsd_double = "http://www.w3.org/2001/XMLSchema#double";
    }
}

/// An RDF term. IRIs and blank node labels are shared strings: a term is cheap to clone.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// An IRI.
    Iri(Arc<str>),
    /// A blank node, by its label (without `_:`).
    Blank(Arc<str>),
    /// A literal.
    Literal(Literal),
}

/// An RDF literal.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Literal {
    /// The lexical form.
    pub value: String,
    /// The datatype IRI (`xsd:string` for plain, `rdf:langString` with a language).
    pub datatype: Arc<str>,
    /// The language tag, for `rdf:langString`.
    pub language: Option<String>,
}

impl Term {
    /// An IRI term.
    pub fn iri(iri: impl Into<Arc<str>>) -> Term {
        Term::Iri(iri.into())
    }

    /// A plain (`xsd:string`) literal.
    pub fn string(value: impl Into<String>) -> Term {
        Term::Literal(Literal {
            value: value.into(),
            datatype: shared::xsd_string(),
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
    pub predicate: Arc<str>,
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
        let keep: Vec<bool> = {
            let mut seen: FxHashSet<QuadKey<'_>> =
                FxHashSet::with_capacity_and_hasher(self.quads.len(), Default::default());
            self.quads.iter().map(|q| seen.insert(QuadKey(q))).collect()
        };
        let mut flags = keep.into_iter();
        self.quads.retain(|_| flags.next().unwrap_or(true));
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
            } else if &*lit.datatype != XSD_STRING {
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

/// True when some byte is a control character, `"`, `\` or DEL.
pub(crate) fn needs_escape(bytes: &[u8]) -> bool {
    crate::bytes::any_below_or_in(bytes, 0x20, b"\"\\\x7f")
}

/// Escapes a literal's lexical form as canonical N-Quads requires: `\"`, `\\`, the named escapes
/// `\b \t \n \f \r`, and `\uXXXX` for the other control characters and DEL.
fn escape_literal(out: &mut String, value: &str) {
    // Most literals need no escaping: copy them whole.
    if !needs_escape(value.as_bytes()) {
        out.push_str(value);
        return;
    }
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

#[cfg(test)]
mod tests {
    use super::needs_escape;

    #[test]
    fn the_fast_escape_test_agrees_with_the_byte_test() {
        let slow = |b: &[u8]| {
            b.iter()
                .any(|&b| b < 0x20 || b == b'"' || b == b'\\' || b == 0x7f)
        };
        let mut cases: Vec<Vec<u8>> = vec![
            b"plain text without specials".to_vec(),
            "é ü 日本語 text".as_bytes().to_vec(),
        ];
        for special in [0u8, 0x08, 0x1f, b'"', b'\\', 0x7f, b' ', b'!', 0x80, 0xff] {
            for position in 0..17 {
                let mut v = b"abcdefghijklmnopq".to_vec();
                v[position] = special;
                cases.push(v);
            }
        }
        for case in cases {
            assert_eq!(needs_escape(&case), slow(&case), "{case:?}");
        }
    }
}
