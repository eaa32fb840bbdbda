//! Fills a template with one row's values.

use crate::input::{Row, RowError};
use crate::mapping::{placeholder_names, Mapping};
use crate::values::convert;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// A row's converted values: typed, and as written.
struct Values {
    typed: BTreeMap<String, Value>,
    raw: BTreeMap<String, String>,
}

/// A UUID (version 8, RFC 9562) derived from the row's cells: the same row gives the same id.
fn row_uuid(row: &Row) -> String {
    let mut hash = Sha256::new();
    for (k, v) in &row.cells {
        hash.update(k.as_bytes());
        hash.update([0]);
        hash.update(v.as_bytes());
        hash.update([1]);
    }
    let mut b: [u8; 16] = hash.finalize()[..16].try_into().expect("16 bytes");
    b[6] = (b[6] & 0x0f) | 0x80;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

fn values(mapping: &Mapping, row: &Row) -> Result<Values, Vec<RowError>> {
    let mut errors = Vec::new();
    let mut typed = BTreeMap::new();
    let mut raw = BTreeMap::new();
    for (name, spec) in &mapping.columns {
        let cell = row
            .cells
            .get(name)
            .cloned()
            .or_else(|| spec.default.clone());
        let Some(text) = cell else {
            if spec.required {
                errors.push(RowError {
                    row: row.number,
                    column: Some(name.clone()),
                    message: "is empty or missing, and the mapping requires it: fill it in, or give the column a default in the mapping".into(),
                });
            }
            continue;
        };
        match convert(spec.kind, &text) {
            Ok(v) => {
                typed.insert(name.clone(), v);
                raw.insert(name.clone(), text);
            }
            Err(error) => errors.push(RowError {
                row: row.number,
                column: Some(name.clone()),
                message: error.into(),
            }),
        }
    }
    raw.insert("$row".into(), row.number.to_string());
    typed.insert("$row".into(), Value::from(row.number));
    let uuid = row_uuid(row);
    raw.insert("$uuid".into(), uuid.clone());
    typed.insert("$uuid".into(), Value::String(uuid));
    if errors.is_empty() {
        Ok(Values { typed, raw })
    } else {
        Err(errors)
    }
}

/// Replaces the placeholders in `text`; None when it is exactly one placeholder of an empty
/// optional column (the member is then left out).
fn fill_string(text: &str, values: &Values) -> Option<Value> {
    let trimmed = text.trim();
    if trimmed.starts_with("{{") && trimmed.ends_with("}}") && placeholder_names(trimmed).len() == 1
    {
        let inner = trimmed[2..trimmed.len() - 2].trim();
        let (name, raw) = match inner.strip_suffix(":raw") {
            Some(n) => (n, true),
            None => (inner, false),
        };
        return if raw {
            values.raw.get(name).map(|r| Value::String(r.clone()))
        } else {
            values.typed.get(name).cloned()
        };
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        let inner = rest[start + 2..start + end].trim();
        let name = inner.trim_end_matches(":raw");
        out.push_str(values.raw.get(name).map(String::as_str).unwrap_or(""));
        rest = &rest[start + end + 2..];
    }
    out.push_str(rest);
    Some(Value::String(out))
}

fn fill_value(template: &Value, values: &Values) -> Option<Value> {
    match template {
        Value::String(s) if s.contains("{{") => fill_string(s, values),
        Value::Array(items) => Some(Value::Array(
            items.iter().filter_map(|v| fill_value(v, values)).collect(),
        )),
        Value::Object(map) => Some(Value::Object(
            map.iter()
                .filter_map(|(k, v)| fill_value(v, values).map(|v| (k.clone(), v)))
                .collect(),
        )),
        other => Some(other.clone()),
    }
}

/// The credential for one row, with the file name and delivery address the mapping asks for;
/// or every cell error of the row.
pub fn fill(mapping: &Mapping, row: &Row) -> Result<Filled, Vec<RowError>> {
    let values = values(mapping, row)?;
    let credential = fill_value(&mapping.template, &values).unwrap_or(Value::Null);
    let text = |pattern: &Option<String>| {
        pattern
            .as_deref()
            .and_then(|p| fill_string(p, &values))
            .and_then(|v| v.as_str().map(str::to_string))
            .filter(|s| !s.is_empty())
    };
    Ok(Filled {
        file_name: text(&mapping.file_name),
        delivery_address: text(&mapping.delivery_address),
        credential,
    })
}

/// A filled template.
#[derive(Debug, Clone)]
pub struct Filled {
    /// The credential.
    pub credential: Value,
    /// The output file name (without extension), when the mapping names one.
    pub file_name: Option<String>,
    /// The delivery address, when the mapping names one.
    pub delivery_address: Option<String>,
}
