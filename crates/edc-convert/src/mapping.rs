//! The mapping file (TOML): the credential template and the input columns it uses.
//!
//! ```toml
//! template = "template.jsonld"   # an EDC (JSON) with {{column}} placeholders; relative to this file
//! file_name = "{{learner_id}}"   # how output files are named (default: the credential id)
//! delivery_address = "{{email}}" # for the Europass upload wrapper (optional)
//! header_row = 1                 # the row with the column names (rows above are skipped)
//!
//! [columns]
//! learner_id = { type = "text", required = true }
//! given_name = { type = "text", required = true }
//! date_of_birth = { type = "datetime" }
//! completed = { type = "datetime", required = true }
//! grade = { type = "text" }
//! eqf_level = { type = "eqf", required = true }
//! ects = { type = "number" }
//! ```
//!
//! In the template, a string that is exactly `"{{column}}"` becomes the column's typed value
//! (a number for `number`, an IRI for `eqf`…), and the member disappears when an optional
//! column is empty; placeholders inside longer strings are replaced by the column's text.
//! `{{$row}}` is the input row number, `{{$uuid}}` a UUID derived from the row's values (the
//! same row always gives the same credential id). `{{column:raw}}` is the text as written.

use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The type of an input column, and how its text becomes a JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum ColumnType {
    /// Text as written (trimmed).
    Text,
    /// A calendar date: `YYYY-MM-DD`, `DD/MM/YYYY`, `DD.MM.YYYY`, or a spreadsheet date;
    /// written `YYYY-MM-DD`.
    Date,
    /// A date-time (RFC 3339), or a date (which becomes midnight UTC); written RFC 3339.
    Datetime,
    /// A whole number.
    Integer,
    /// A decimal number (`3`, `2.5`, `2,5`), written as a JSON string as ELM keeps numbers
    /// such as ECTS points.
    Number,
    /// An EQF level 1–8, written as its IRI `http://data.europa.eu/snb/eqf/N`.
    Eqf,
    /// An absolute IRI.
    Iri,
    /// An e-mail address.
    Email,
    /// Text in several languages, `en=Data literacy; fr=Culture des données`, written as a
    /// JSON-LD language map `{"en": "…", "fr": "…"}` (a `;` inside a text is written `\;`).
    #[serde(rename = "langmap")]
    LangMap,
}

/// How one column is read.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnSpec {
    /// Its type.
    #[serde(rename = "type", default = "text")]
    pub kind: ColumnType,
    /// The row is refused when the column is missing or empty.
    #[serde(default)]
    pub required: bool,
    /// The text used when the cell is empty.
    pub default: Option<String>,
}

fn text() -> ColumnType {
    ColumnType::Text
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    template: String,
    file_name: Option<String>,
    delivery_address: Option<String>,
    header_row: Option<usize>,
    #[serde(default)]
    columns: BTreeMap<String, ColumnSpec>,
}

/// A loaded mapping: the template and the columns.
#[derive(Debug, Clone)]
pub struct Mapping {
    /// The credential template.
    pub template: Value,
    /// How output files are named (a pattern with placeholders).
    pub file_name: Option<String>,
    /// The upload wrapper's delivery address (a pattern with placeholders).
    pub delivery_address: Option<String>,
    /// The columns by name.
    pub columns: BTreeMap<String, ColumnSpec>,
    /// The input row holding the column names (1: the first).
    pub header_row: usize,
    /// Where the mapping came from (for messages).
    pub source: PathBuf,
}

impl Mapping {
    /// Reads a mapping file and its template.
    pub fn load(path: &Path) -> Result<Mapping, crate::ConvertError> {
        Self::load_text(path)
            .map_err(|message| crate::ConvertError::new(crate::ConvertErrorKind::Mapping, message))
    }

    fn load_text(path: &Path) -> Result<Mapping, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the mapping {}: {e}", path.display()))?;
        let file: MappingFile =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        let template_path = path.parent().unwrap_or(Path::new(".")).join(&file.template);
        let template_text = std::fs::read_to_string(&template_path).map_err(|e| {
            format!(
                "cannot read the template {} (named by {}): {e}",
                template_path.display(),
                path.display()
            )
        })?;
        let template: Value = serde_json::from_str(&template_text).map_err(|e| {
            format!(
                "{}: line {}, column {}: not JSON: {e}",
                template_path.display(),
                e.line(),
                e.column()
            )
        })?;
        Mapping::new(template, file.columns, path.to_path_buf())
            .map(|m| Mapping {
                file_name: file.file_name,
                delivery_address: file.delivery_address,
                header_row: file.header_row.unwrap_or(1),
                ..m
            })
            .map_err(|e| format!("{}: {e}", template_path.display()))
    }

    /// A mapping from values; every placeholder of the template must name a declared column.
    pub fn new(
        template: Value,
        columns: BTreeMap<String, ColumnSpec>,
        source: PathBuf,
    ) -> Result<Mapping, crate::ConvertError> {
        Self::new_text(template, columns, source)
            .map_err(|message| crate::ConvertError::new(crate::ConvertErrorKind::Mapping, message))
    }

    fn new_text(
        template: Value,
        columns: BTreeMap<String, ColumnSpec>,
        source: PathBuf,
    ) -> Result<Mapping, String> {
        let mut used = Vec::new();
        placeholders_in(&template, "", &mut used);
        for (name, pointer) in &used {
            if !name.starts_with('$') && !columns.contains_key(name) {
                return Err(format!(
                    "{pointer}: the placeholder {{{{{name}}}}} names no column; declare it under [columns]"
                ));
            }
        }
        Ok(Mapping {
            template,
            file_name: None,
            delivery_address: None,
            columns,
            header_row: 1,
            source,
        })
    }

    /// The template pointers each column feeds (for naming columns in profile errors).
    pub fn pointers(&self) -> Vec<(String, String)> {
        let mut used = Vec::new();
        placeholders_in(&self.template, "", &mut used);
        used
    }
}

/// (column, JSON pointer) for every placeholder in `value`.
fn placeholders_in(value: &Value, pointer: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => {
            for name in placeholder_names(s) {
                out.push((name, pointer.to_string()));
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                placeholders_in(v, &format!("{pointer}/{i}"), out);
            }
        }
        Value::Object(map) => {
            for (k, v) in map {
                placeholders_in(
                    v,
                    &format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        _ => {}
    }
}

/// The column names of the `{{…}}` placeholders in a string (without `:raw`).
pub(crate) fn placeholder_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start..].find("}}") else {
            break;
        };
        let name = rest[start + 2..start + end].trim();
        names.push(name.trim_end_matches(":raw").to_string());
        rest = &rest[start + end + 2..];
    }
    names
}
