//! An N-Quads reader (RDF 1.1 N-Quads), for test suites, oracles and `edc rdf` input.

use crate::rdf::{Dataset, Literal, Quad, Term, RDF_LANG_STRING, XSD_STRING};
use std::fmt;

/// A syntax error in N-Quads, with its line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NQuadsError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for NQuadsError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(
            f,
            "line {}, column {}: {}",
            self.line, self.column, self.message
        )
    }
}

impl std::error::Error for NQuadsError {}

/// Parses an N-Quads document.
pub fn parse_nquads(text: &str) -> Result<Dataset, NQuadsError> {
    let mut dataset = Dataset::default();
    for (index, line) in text.lines().enumerate() {
        let mut cursor = Cursor {
            chars: line.chars().collect(),
            pos: 0,
            line: index + 1,
        };
        cursor.skip_space();
        if cursor.at_end() || cursor.peek() == Some('#') {
            continue;
        }
        let subject = cursor.term()?;
        if matches!(subject, Term::Literal(_)) {
            return Err(cursor.error("a subject cannot be a literal"));
        }
        cursor.skip_space();
        let Term::Iri(predicate) = cursor.term()? else {
            return Err(cursor.error("a predicate must be an IRI"));
        };
        cursor.skip_space();
        let object = cursor.term()?;
        cursor.skip_space();
        let graph = if cursor.peek() == Some('.') {
            None
        } else {
            let g = cursor.term()?;
            if matches!(g, Term::Literal(_)) {
                return Err(cursor.error("a graph name cannot be a literal"));
            }
            cursor.skip_space();
            Some(g)
        };
        if cursor.peek() != Some('.') {
            return Err(cursor.error("expected `.` at the end of the quad"));
        }
        cursor.pos += 1;
        cursor.skip_space();
        if !cursor.at_end() && cursor.peek() != Some('#') {
            return Err(cursor.error("unexpected text after `.`"));
        }
        dataset.quads.push(Quad {
            subject,
            predicate,
            object,
            graph,
        });
    }
    Ok(dataset)
}

struct Cursor {
    chars: Vec<char>,
    pos: usize,
    line: usize,
}

impl Cursor {
    fn error(&self, message: &str) -> NQuadsError {
        NQuadsError {
            line: self.line,
            column: self.pos + 1,
            message: message.to_string(),
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.pos += 1;
        }
    }

    fn term(&mut self) -> Result<Term, NQuadsError> {
        match self.peek() {
            Some('<') => Ok(Term::Iri(self.iri()?.into())),
            Some('_') => {
                if self.chars.get(self.pos + 1) != Some(&':') {
                    return Err(self.error("a blank node starts with `_:`"));
                }
                self.pos += 2;
                let start = self.pos;
                while let Some(c) = self.peek() {
                    if c.is_whitespace() || c == '<' || c == '"' {
                        break;
                    }
                    if c == '.' {
                        // A label may contain dots but not end with one.
                        let next = self.chars.get(self.pos + 1).copied();
                        if next.is_none() || next.is_some_and(|n| n.is_whitespace()) {
                            break;
                        }
                    }
                    self.pos += 1;
                }
                if self.pos == start {
                    return Err(self.error("empty blank node label"));
                }
                Ok(Term::Blank(
                    self.chars[start..self.pos]
                        .iter()
                        .collect::<String>()
                        .into(),
                ))
            }
            Some('"') => self.literal(),
            _ => Err(self.error("expected an IRI, a blank node or a literal")),
        }
    }

    fn iri(&mut self) -> Result<String, NQuadsError> {
        self.pos += 1; // <
        let mut iri = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated IRI")),
                Some('>') => {
                    self.pos += 1;
                    return Ok(iri);
                }
                Some('\\') => iri.push(self.escape(false)?),
                Some(c) if c == ' ' || c == '<' || c == '"' || c == '{' || c == '}' => {
                    return Err(self.error(&format!("character `{c}` is not allowed in an IRI")))
                }
                Some(c) => {
                    iri.push(c);
                    self.pos += 1;
                }
            }
        }
    }

    fn escape(&mut self, string: bool) -> Result<char, NQuadsError> {
        self.pos += 1; // backslash
        let c = self
            .peek()
            .ok_or_else(|| self.error("unterminated escape"))?;
        self.pos += 1;
        let hex = |cursor: &mut Cursor, n: usize| -> Result<char, NQuadsError> {
            let digits: String = cursor
                .chars
                .get(cursor.pos..cursor.pos + n)
                .unwrap_or(&[])
                .iter()
                .collect();
            let code =
                u32::from_str_radix(&digits, 16).map_err(|_| cursor.error("bad \\u escape"))?;
            cursor.pos += n;
            char::from_u32(code).ok_or_else(|| cursor.error("escape names no character"))
        };
        match c {
            'u' => hex(self, 4),
            'U' => hex(self, 8),
            't' if string => Ok('\t'),
            'b' if string => Ok('\u{8}'),
            'n' if string => Ok('\n'),
            'r' if string => Ok('\r'),
            'f' if string => Ok('\u{c}'),
            '"' if string => Ok('"'),
            '\'' if string => Ok('\''),
            '\\' if string => Ok('\\'),
            other => Err(self.error(&format!("unknown escape `\\{other}`"))),
        }
    }

    fn literal(&mut self) -> Result<Term, NQuadsError> {
        self.pos += 1; // opening quote
        let mut value = String::new();
        loop {
            match self.peek() {
                None => return Err(self.error("unterminated literal")),
                Some('"') => {
                    self.pos += 1;
                    break;
                }
                Some('\\') => value.push(self.escape(true)?),
                Some(c) => {
                    value.push(c);
                    self.pos += 1;
                }
            }
        }
        let mut literal = Literal {
            value,
            datatype: XSD_STRING.into(),
            language: None,
        };
        match self.peek() {
            Some('@') => {
                self.pos += 1;
                let start = self.pos;
                while self
                    .peek()
                    .is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
                {
                    self.pos += 1;
                }
                if self.pos == start {
                    return Err(self.error("empty language tag"));
                }
                literal.language = Some(self.chars[start..self.pos].iter().collect());
                literal.datatype = RDF_LANG_STRING.into();
            }
            Some('^') => {
                if self.chars.get(self.pos + 1) != Some(&'^') {
                    return Err(self.error("expected `^^` before a datatype"));
                }
                self.pos += 2;
                if self.peek() != Some('<') {
                    return Err(self.error("a datatype must be an IRI"));
                }
                literal.datatype = self.iri()?.into();
            }
            _ => {}
        }
        Ok(Term::Literal(literal))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_back_escapes() {
        let text = "<urn:ex:s> <urn:ex:p> \"\\u0008\\u0009\\u000a\\u000b\\u000c\\u000d\\u0022\\u005c\\u007f\" _:g .\n";
        let dataset = parse_nquads(text).unwrap();
        // Canonical N-Quads form, as RDFC-1.0 test060 expects it.
        assert_eq!(
            dataset.to_nquads(),
            "<urn:ex:s> <urn:ex:p> \"\\b\\t\\n\\u000B\\f\\r\\\"\\\\\\u007F\" _:g .\n"
        );
    }

    #[test]
    fn errors_name_the_place() {
        let err = parse_nquads("<urn:a> <urn:b> <urn:c> .\n<urn:a> \"p\" <urn:c> .\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 12));
    }
}
