//! The map the expansion algorithm builds for one JSON object (its `result`), and what that map
//! becomes at the end (steps 15 to 20 of section 5.1.2): a value object, a list, the items of a
//! set, a node object, or nothing.

use crate::jsonld::error::{ErrorCode, JsonLdError};
use crate::jsonld::expanded::{Expanded, Item, ListObject, Node, ValueObject};
use crate::jsonld::iri::{is_absolute, is_blank};
use crate::jsonld::ptr::Ptr;
use serde_json::Value;
use std::sync::Arc;

/// The entries of `result` while the members of one object are expanded.
#[derive(Default)]
pub(super) struct Building {
    pub node: Node,
    /// `@type` was given as an array, or more than once (a value object needs one string).
    pub type_array: bool,
    pub has_type: bool,
    /// `Some(Value::Null)` for `@value: null`, kept because `@type` depends on it.
    pub value: Option<Value>,
    pub language: Option<String>,
    pub direction: Option<String>,
    pub list: Option<Vec<Item>>,
    pub set: Option<Expanded>,
}

impl Building {
    /// True when `result` already has the entry for keyword `keyword`.
    pub fn has(&self, keyword: &str) -> bool {
        match keyword {
            "@id" => self.node.id.is_some() || self.node.null_id,
            "@type" => self.has_type,
            "@value" => self.value.is_some(),
            "@language" => self.language.is_some(),
            "@direction" => self.direction.is_some(),
            "@index" => self.node.index.is_some(),
            "@list" => self.list.is_some(),
            "@set" => self.set.is_some(),
            "@graph" => self.node.graph.is_some(),
            "@included" => self.node.included.is_some(),
            "@reverse" => self.node.reverse.is_some(),
            _ => false,
        }
    }

    /// The number of entries of `result` other than `@index`.
    fn entries_besides_index(&self) -> usize {
        usize::from(self.node.id.is_some() || self.node.null_id)
            + usize::from(self.has_type)
            + usize::from(self.value.is_some())
            + usize::from(self.language.is_some())
            + usize::from(self.direction.is_some())
            + usize::from(self.list.is_some())
            + usize::from(self.set.is_some())
            + usize::from(self.node.graph.is_some())
            + usize::from(self.node.included.is_some())
            + usize::from(self.node.reverse.is_some())
            + self.node.properties.len()
    }

    /// Steps 15 to 20: what `result` becomes. `free_floating` is true when the active property
    /// is null or `@graph`.
    pub fn finish(self, free_floating: bool, pointer: &Ptr<'_>) -> Result<Expanded, JsonLdError> {
        if let Some(value) = self.value {
            return value_object(
                value,
                self.node,
                self.has_type,
                self.type_array,
                self.language,
                self.direction,
                self.list.is_some() || self.set.is_some(),
                free_floating,
                pointer,
            );
        }
        let entries = self.entries_besides_index();
        if self.list.is_some() || self.set.is_some() {
            if entries != 1 {
                return Err(JsonLdError::new(
                    ErrorCode::InvalidSetOrListObject,
                    pointer,
                    "a @list or @set object can hold only @index besides",
                ));
            }
            if let Some(set) = self.set {
                return Ok(set);
            }
            if free_floating {
                return Ok(Expanded::Null);
            }
            let items = self.list.unwrap_or_default();
            return Ok(Expanded::One(Item::List(ListObject {
                items,
                index: self.node.index,
            })));
        }
        let only_language = self.language.is_some() && entries == 1 && self.node.index.is_none();
        if only_language {
            return Ok(Expanded::Null);
        }
        if free_floating {
            let empty = entries == 0 && self.node.index.is_none();
            let only_id = (self.node.id.is_some() || self.node.null_id)
                && entries == 1
                && self.node.index.is_none();
            if empty || only_id {
                return Ok(Expanded::Null);
            }
        }
        Ok(Expanded::One(Item::Node(Box::new(self.node))))
    }
}

/// Step 15: a `result` holding `@value`.
#[allow(clippy::too_many_arguments)]
fn value_object(
    value: Value,
    node: Node,
    has_type: bool,
    type_array: bool,
    language: Option<String>,
    direction: Option<String>,
    list_or_set: bool,
    free_floating: bool,
    pointer: &Ptr<'_>,
) -> Result<Expanded, JsonLdError> {
    let foreign = node.id.is_some()
        || node.null_id
        || !node.properties.is_empty()
        || node.reverse.is_some()
        || node.graph.is_some()
        || node.included.is_some()
        || list_or_set;
    if foreign || (has_type && (language.is_some() || direction.is_some())) {
        return Err(JsonLdError::new(
            ErrorCode::InvalidValueObject,
            pointer,
            "a value object holds only @value, @type, @language, @direction and @index (and not @type with @language or @direction)",
        ));
    }
    let datatype: Option<Arc<str>> = node.types.into_iter().next();
    let is_json = !type_array && datatype.as_deref() == Some("@json");
    if !is_json {
        if value.is_null() {
            return Ok(Expanded::Null);
        }
        if language.is_some() && !value.is_string() {
            return Err(JsonLdError::new(
                ErrorCode::InvalidLanguageTaggedValue,
                pointer,
                "only strings can carry a language",
            ));
        }
        if has_type {
            let iri_ok = datatype
                .as_deref()
                .is_some_and(|t| is_absolute(t) && !is_blank(t));
            if type_array || !iri_ok {
                return Err(JsonLdError::new(
                    ErrorCode::InvalidTypedValue,
                    pointer,
                    format!(
                        "a value's @type must be one IRI, not {}",
                        datatype.as_deref().unwrap_or("a list")
                    ),
                ));
            }
        }
    }
    if free_floating {
        return Ok(Expanded::Null);
    }
    Ok(Expanded::One(Item::Value(ValueObject {
        value,
        datatype,
        language,
        direction,
        index: node.index,
    })))
}
