//! RDF literals from JSON values (section 8.6 "Object to RDF Conversion") and the canonical JSON
//! form of `@json` literals (RFC 8785 ordering).

use crate::rdf::{shared, Literal, Term};
use serde_json::Value;
use std::sync::Arc;

const XSD: &str = "http://www.w3.org/2001/XMLSchema#";

/// A literal for a scalar JSON value with an optional datatype and language.
pub(crate) fn native_literal(
    value: &Value,
    datatype: Option<&Arc<str>>,
    language: Option<&str>,
) -> Term {
    let (lexical, natural) = match value {
        Value::Bool(b) => (b.to_string(), shared::xsd_boolean()),
        Value::Number(n) => {
            let as_double = datatype.is_some_and(|d| d.strip_prefix(XSD) == Some("double"));
            let integral = n.is_i64()
                || n.is_u64()
                || n.as_f64()
                    .is_some_and(|f| f.fract() == 0.0 && f.abs() < 1e21);
            if integral && !as_double {
                let text = if n.is_i64() || n.is_u64() {
                    n.to_string()
                } else if n.as_f64() == Some(0.0) {
                    "0".to_string()
                } else {
                    format!("{:.0}", n.as_f64().unwrap_or_default())
                };
                (text, shared::xsd_integer())
            } else {
                (
                    canonical_double(n.as_f64().unwrap_or_default()),
                    shared::xsd_double(),
                )
            }
        }
        Value::String(s) => (s.clone(), shared::xsd_string()),
        _ => (String::new(), shared::xsd_string()),
    };
    match (language, datatype) {
        (Some(lang), None) => Term::Literal(Literal {
            value: lexical,
            datatype: shared::rdf_lang_string(),
            language: Some(lang.to_string()),
        }),
        (_, Some(dt)) => Term::Literal(Literal {
            value: lexical,
            datatype: dt.clone(),
            language: None,
        }),
        (None, None) => Term::Literal(Literal {
            value: lexical,
            datatype: natural,
            language: None,
        }),
    }
}

/// The canonical lexical form of an `xsd:double` as JSON-LD writes it: `1.1E0`, `1.0E21`.
pub(crate) fn canonical_double(f: f64) -> String {
    let s = format!("{f:E}");
    let (mantissa, exponent) = s.split_once('E').unwrap_or((&s, "0"));
    let mantissa = if mantissa.contains('.') {
        mantissa.to_string()
    } else {
        format!("{mantissa}.0")
    };
    format!("{mantissa}E{exponent}")
}

/// JSON in canonical form (RFC 8785, the JSON Canonicalization Scheme: members sorted by UTF-16
/// code units, no whitespace, numbers in their shortest ECMAScript form). Used for `@json`
/// literals and by the JCS cryptosuites.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(&mut out, value);
    out
}

fn write_canonical(out: &mut String, value: &Value) {
    match value {
        Value::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by(|a, b| a.encode_utf16().cmp(b.encode_utf16()));
            out.push('{');
            for (i, k) in keys.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).expect("a string serialises"));
                out.push(':');
                write_canonical(out, &map[k.as_str()]);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, v) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(out, v);
            }
            out.push(']');
        }
        Value::Number(n) => out.push_str(&es_number(n)),
        other => out.push_str(&serde_json::to_string(other).expect("JSON serialises")),
    }
}

/// A number as ECMAScript's `Number.prototype.toString` writes it (enough for RFC 8785 on the
/// values credentials carry: integers and ordinary decimals).
fn es_number(n: &serde_json::Number) -> String {
    if n.is_i64() || n.is_u64() {
        return n.to_string();
    }
    let f = n.as_f64().unwrap_or_default();
    if f == 0.0 {
        return "0".into();
    }
    if f.fract() == 0.0 && f.abs() < 1e21 {
        return format!("{f:.0}");
    }
    let s = format!("{f}");
    if f.abs() >= 1e21 || (f != 0.0 && f.abs() < 1e-6) {
        let e = format!("{f:e}");
        let (m, x) = e.split_once('e').unwrap_or((&e, "0"));
        let sign = if x.starts_with('-') { "" } else { "+" };
        return format!("{m}e{sign}{x}");
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubles_in_canonical_form() {
        assert_eq!(canonical_double(1.1), "1.1E0");
        assert_eq!(canonical_double(1e21), "1.0E21");
        assert_eq!(canonical_double(0.5), "5.0E-1");
        assert_eq!(canonical_double(10.0), "1.0E1");
    }

    #[test]
    fn canonical_json_sorts_members() {
        let v: Value =
            serde_json::from_str(r#"{"b": [1, 2.5, true], "a": {"d": null, "c": "x"}}"#).unwrap();
        assert_eq!(
            canonical_json(&v),
            r#"{"a":{"c":"x","d":null},"b":[1,2.5,true]}"#
        );
    }
}
