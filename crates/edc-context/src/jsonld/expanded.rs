//! A document in expanded form (JSON-LD 1.1 Processing Algorithms, section 5.1), typed: node
//! objects, value objects and list objects, each with only the entries expansion can give it.
//! Converted to RDF by `to_rdf` and to JSON by [`Item::to_json`] (`expand`).

use serde_json::{Map, Value};
use std::sync::Arc;

/// One item of an expanded document.
#[derive(Debug, Clone)]
pub(crate) enum Item {
    Node(Box<Node>),
    Value(ValueObject),
    List(ListObject),
}

/// A node object (also a graph object: a node whose only entries are `@graph`, `@id` and
/// `@index`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Node {
    /// `@id`, IRI-expanded (an absolute IRI, a blank node identifier, or a relative reference
    /// left as written when there was no base).
    pub id: Option<Arc<str>>,
    /// `@id` was written but expands to nothing (it has the form of a keyword): the node has no
    /// identifier RDF can use, and `expand` writes `"@id": null`.
    pub null_id: bool,
    pub types: Vec<Arc<str>>,
    /// Properties in the order first met; a property may hold no values (`"p": []`).
    pub properties: Vec<(Arc<str>, Vec<Item>)>,
    pub reverse: Option<Vec<(Arc<str>, Vec<Item>)>>,
    pub graph: Option<Vec<Item>>,
    pub included: Option<Vec<Item>>,
    pub index: Option<String>,
}

/// A value object.
#[derive(Debug, Clone)]
pub(crate) struct ValueObject {
    /// A scalar, or any JSON when `datatype` is `@json`.
    pub value: Value,
    /// An IRI, or `@json`.
    pub datatype: Option<Arc<str>>,
    pub language: Option<String>,
    pub direction: Option<String>,
    pub index: Option<String>,
}

/// A list object.
#[derive(Debug, Clone)]
pub(crate) struct ListObject {
    pub items: Vec<Item>,
    pub index: Option<String>,
}

/// Adds `values` to the entry `key` of a property list (keeping the order entries were first met).
pub(crate) fn add_values(
    entries: &mut Vec<(Arc<str>, Vec<Item>)>,
    key: &Arc<str>,
    values: impl IntoIterator<Item = Item>,
) {
    match entries
        .iter_mut()
        .find(|(k, _)| Arc::ptr_eq(k, key) || k == key)
    {
        Some((_, existing)) => existing.extend(values),
        None => entries.push((key.clone(), values.into_iter().collect())),
    }
}

impl Node {
    /// True for a graph object: `@graph`, and at most `@id` and `@index` besides.
    pub fn is_graph_object(&self) -> bool {
        self.graph.is_some()
            && self.types.is_empty()
            && self.properties.is_empty()
            && self.reverse.is_none()
            && self.included.is_none()
    }
}

impl Item {
    /// A node object holding only `@id` (a reference).
    pub fn reference(id: Arc<str>) -> Item {
        Item::Node(Box::new(Node {
            id: Some(id),
            ..Node::default()
        }))
    }

    /// The `@index` entry of any item.
    pub fn index(&self) -> Option<&String> {
        match self {
            Item::Node(n) => n.index.as_ref(),
            Item::Value(v) => v.index.as_ref(),
            Item::List(l) => l.index.as_ref(),
        }
    }

    /// Sets the `@index` entry of any item.
    pub fn set_index(&mut self, index: String) {
        match self {
            Item::Node(n) => n.index = Some(index),
            Item::Value(v) => v.index = Some(index),
            Item::List(l) => l.index = Some(index),
        }
    }

    /// The expanded form as JSON.
    pub fn to_json(&self) -> Value {
        match self {
            Item::Node(node) => node.to_json(),
            Item::Value(value) => value.to_json(),
            Item::List(list) => {
                let mut map = Map::new();
                map.insert("@list".into(), items_json(&list.items));
                if let Some(index) = &list.index {
                    map.insert("@index".into(), Value::String(index.clone()));
                }
                Value::Object(map)
            }
        }
    }
}

/// Items as a JSON array.
pub(crate) fn items_json(items: &[Item]) -> Value {
    Value::Array(items.iter().map(Item::to_json).collect())
}

fn entries_json(entries: &[(Arc<str>, Vec<Item>)]) -> Map<String, Value> {
    entries
        .iter()
        .map(|(k, v)| (k.to_string(), items_json(v)))
        .collect()
}

impl Node {
    fn to_json(&self) -> Value {
        let mut map = entries_json(&self.properties);
        if let Some(id) = &self.id {
            map.insert("@id".into(), Value::String(id.to_string()));
        } else if self.null_id {
            map.insert("@id".into(), Value::Null);
        }
        if !self.types.is_empty() {
            let types = self.types.iter().map(|t| Value::String(t.to_string()));
            map.insert("@type".into(), Value::Array(types.collect()));
        }
        if let Some(reverse) = &self.reverse {
            map.insert("@reverse".into(), Value::Object(entries_json(reverse)));
        }
        if let Some(graph) = &self.graph {
            map.insert("@graph".into(), items_json(graph));
        }
        if let Some(included) = &self.included {
            map.insert("@included".into(), items_json(included));
        }
        if let Some(index) = &self.index {
            map.insert("@index".into(), Value::String(index.clone()));
        }
        Value::Object(map)
    }
}

impl ValueObject {
    fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("@value".into(), self.value.clone());
        if let Some(datatype) = &self.datatype {
            map.insert("@type".into(), Value::String(datatype.to_string()));
        }
        if let Some(language) = &self.language {
            map.insert("@language".into(), Value::String(language.clone()));
        }
        if let Some(direction) = &self.direction {
            map.insert("@direction".into(), Value::String(direction.clone()));
        }
        if let Some(index) = &self.index {
            map.insert("@index".into(), Value::String(index.clone()));
        }
        Value::Object(map)
    }
}

/// What expanding one element gave: nothing (JSON-LD's null), one item, or an array of items.
pub(crate) enum Expanded {
    Null,
    One(Item),
    Array(Vec<Item>),
}

impl Expanded {
    pub fn into_vec(self) -> Vec<Item> {
        match self {
            Expanded::Null => Vec::new(),
            Expanded::One(item) => vec![item],
            Expanded::Array(items) => items,
        }
    }
}
