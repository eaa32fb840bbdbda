//! SHACL results in the ELM's words: the property by its ELM name, the constraint as a
//! sentence ("`location` is missing: the profile requires it"), and where the focus node is
//! written in the credential's JSON (a JSON pointer), instead of "a blank node <…>: MinCount".

use crate::validate::ValidationResult;
use edc_context::JsonView;

fn local(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

/// The result as a sentence in the ELM's words.
pub fn in_words(result: &ValidationResult) -> String {
    let property = result
        .path
        .as_ref()
        .and_then(|p| p.predicate().map(local).map(str::to_string))
        .unwrap_or_else(|| "the node".into());
    let value = result.value.as_ref().map(|v| match v {
        edc_context::Term::Iri(i) => format!("`{}`", local(i)),
        edc_context::Term::Literal(l) => format!("`{}`", l.value),
        edc_context::Term::Blank(_) => "an unnamed node".into(),
    });
    let sentence = match result.component_name() {
        "MinCount" => format!("`{property}` is missing: the profile requires it"),
        "MaxCount" => format!("`{property}` has more values than the profile allows"),
        "Datatype" => format!(
            "`{property}`{} is not of the type the profile requires",
            value.map(|v| format!(" {v}")).unwrap_or_default()
        ),
        "Class" | "Node" => format!(
            "`{property}`{} is not the kind of node the profile requires",
            value.map(|v| format!(" {v}")).unwrap_or_default()
        ),
        "In" => format!(
            "`{property}`{} is not one of the values the profile allows",
            value.map(|v| format!(" {v}")).unwrap_or_default()
        ),
        "Pattern" => format!("`{property}` is not written as the profile requires"),
        "NodeKind" => {
            format!("`{property}` is not an IRI, a node or a literal as the profile requires")
        }
        other => format!("`{property}` breaks the profile's {other} constraint"),
    };
    match result.message() {
        Some(message) => format!("{sentence} ({message})"),
        None => sentence,
    }
}

/// The JSON pointer of the object whose `id` (or `@id`) is `iri` in `document` (its first
/// copy), if it is written there.
pub fn pointer_of(document: JsonView<'_>, iri: &str) -> Option<String> {
    Places::of(document).pointers.get(iri).cloned()
}

/// Where the nodes of a document are written: each id's first JSON pointer, found in one walk
/// (to name the places of many results).
pub struct Places {
    pointers: std::collections::HashMap<String, String>,
}

impl Places {
    /// The places of `document`'s nodes.
    pub fn of(document: JsonView<'_>) -> Places {
        use std::collections::{HashMap, HashSet};
        struct Walk {
            pointers: HashMap<String, String>,
            /// Nodes written more than once, walked already: their ids are recorded at their
            /// first place.
            walked: HashSet<usize>,
        }
        fn walk(value: JsonView<'_>, here: &mut String, out: &mut Walk) {
            if value.is_written_more_than_once() && !out.walked.insert(value.identity()) {
                return;
            }
            if value.is_object() {
                let id = value.get("id").or_else(|| value.get("@id"));
                if let Some(id) = id.and_then(JsonView::as_str) {
                    out.pointers
                        .entry(id.to_string())
                        .or_insert_with(|| here.clone());
                }
                for (key, child) in value.entries() {
                    let before = here.len();
                    here.push('/');
                    here.push_str(&key.replace('~', "~0").replace('/', "~1"));
                    walk(child, here, out);
                    here.truncate(before);
                }
            }
            for (i, child) in value.items().enumerate() {
                let before = here.len();
                here.push_str(&format!("/{i}"));
                walk(child, here, out);
                here.truncate(before);
            }
        }
        let mut out = Walk {
            pointers: HashMap::new(),
            walked: HashSet::new(),
        };
        walk(document, &mut String::new(), &mut out);
        Places {
            pointers: out.pointers,
        }
    }

    /// Where the result's focus node is, for people: its JSON pointer in the document when it
    /// is written there with its id, else its IRI, else "an unnamed node of the credential".
    pub fn place(&self, result: &ValidationResult) -> String {
        match &result.focus_node {
            edc_context::Term::Iri(iri) => match self.pointers.get(&**iri) {
                Some(pointer) if pointer.is_empty() => "/".into(),
                Some(pointer) => pointer.clone(),
                None => iri.to_string(),
            },
            _ => "an unnamed node of the credential".into(),
        }
    }
}

/// [`Places::place`] for one result (a walk of the document each time: for many, make the
/// [`Places`] once).
pub fn place(result: &ValidationResult, document: JsonView<'_>) -> String {
    Places::of(document).place(result)
}

#[cfg(test)]
mod tests {
    use super::pointer_of;
    use edc_context::JsonView;
    use serde_json::json;

    #[test]
    fn finds_where_a_node_is_written() {
        let document = json!({"id": "urn:c", "issuer": {"id": "urn:org:1", "location": [{"id": "urn:loc/1"}]}});
        assert_eq!(
            pointer_of(JsonView::of(&document), "urn:c").as_deref(),
            Some("")
        );
        assert_eq!(
            pointer_of(JsonView::of(&document), "urn:org:1").as_deref(),
            Some("/issuer")
        );
        assert_eq!(
            pointer_of(JsonView::of(&document), "urn:loc/1").as_deref(),
            Some("/issuer/location/0")
        );
        assert_eq!(pointer_of(JsonView::of(&document), "urn:nowhere"), None);
    }
}
