//! `@context` entries.

use serde::{Deserialize, Serialize};

/// One entry of a document's `@context`: a context IRI or an inline context object.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ContextEntry {
    /// A context named by IRI, e.g. `https://www.w3.org/2018/credentials/v1`.
    Iri(String),
    /// An inline context definition.
    Inline(serde_json::Map<String, serde_json::Value>),
}

impl ContextEntry {
    /// The IRI, for a context named by IRI.
    pub fn iri(&self) -> Option<&str> {
        match self {
            ContextEntry::Iri(iri) => Some(iri),
            ContextEntry::Inline(_) => None,
        }
    }
}
