//! [`JsonView`]: reading a JSON document, folded or not, as the JSON it was written as.

use crate::folded::FoldedJson;
use serde_json::Value;
use std::borrow::Cow;

/// A place in a JSON document. Every step resolves a folded document's stand-ins to their first
/// copies, so a reader sees the JSON as written whatever reading it came from
/// ([`FoldedJson::view`], or [`JsonView::of`] a plain value). Cheap to copy.
#[derive(Debug, Clone, Copy)]
pub struct JsonView<'a> {
    folded: Option<&'a FoldedJson>,
    value: &'a Value,
}

impl<'a> JsonView<'a> {
    /// A view of a document read as written (nothing folded).
    pub fn of(value: &'a Value) -> JsonView<'a> {
        JsonView {
            folded: None,
            value,
        }
    }

    pub(crate) fn folded(folded: &'a FoldedJson, value: &'a Value) -> JsonView<'a> {
        JsonView {
            folded: Some(folded),
            value: folded.resolve(value),
        }
    }

    fn step(self, value: &'a Value) -> JsonView<'a> {
        match self.folded {
            Some(folded) => JsonView::folded(folded, value),
            None => JsonView::of(value),
        }
    }

    /// The member `key` of an object.
    pub fn get(self, key: &str) -> Option<JsonView<'a>> {
        self.value.get(key).map(|v| self.step(v))
    }

    /// The element `index` of an array.
    pub fn at(self, index: usize) -> Option<JsonView<'a>> {
        self.value.get(index).map(|v| self.step(v))
    }

    /// The value at a JSON pointer (RFC 6901).
    pub fn pointer(self, pointer: &str) -> Option<JsonView<'a>> {
        if pointer.is_empty() {
            return Some(self);
        }
        let mut here = self;
        for segment in pointer.strip_prefix('/')?.split('/') {
            let segment = segment.replace("~1", "/").replace("~0", "~");
            here = match here.value {
                Value::Array(_) => here.at(segment.parse().ok()?)?,
                _ => here.get(&segment)?,
            };
        }
        Some(here)
    }

    /// An array's elements (none for anything else).
    pub fn items(self) -> impl Iterator<Item = JsonView<'a>> {
        let items: &'a [Value] = match self.value {
            Value::Array(items) => items,
            _ => &[],
        };
        items.iter().map(move |v| self.step(v))
    }

    /// JSON-LD's one-or-many: an array's elements, or the value itself.
    pub fn each(self) -> impl Iterator<Item = JsonView<'a>> {
        let items: &'a [Value] = match self.value {
            Value::Array(items) => items,
            one => std::slice::from_ref(one),
        };
        items.iter().map(move |v| self.step(v))
    }

    /// An object's members, in order (none for anything else).
    pub fn entries(self) -> impl Iterator<Item = (&'a str, JsonView<'a>)> {
        self.value
            .as_object()
            .into_iter()
            .flatten()
            .map(move |(k, v)| (k.as_str(), self.step(v)))
    }

    /// The node's identity in this reading: the same for a folded copy and the node it stands
    /// for (and for nothing else), so that a walk can skip a copy it has read already.
    pub fn identity(self) -> usize {
        self.value as *const Value as usize
    }

    /// True for a node written more than once (a copy stands for it): a reader may read it
    /// once and share what it read among the copies ([`identity`](Self::identity) is the same
    /// for all of them).
    pub fn is_written_more_than_once(self) -> bool {
        self.folded
            .is_some_and(|folded| folded.is_first_copy(self.value))
    }

    /// The string, if this is one.
    pub fn as_str(self) -> Option<&'a str> {
        self.value.as_str()
    }

    /// The boolean, if this is one.
    pub fn as_bool(self) -> Option<bool> {
        self.value.as_bool()
    }

    /// The number as an `i64`, if it is one.
    pub fn as_i64(self) -> Option<i64> {
        self.value.as_i64()
    }

    /// True for an object.
    pub fn is_object(self) -> bool {
        self.value.is_object()
    }

    /// True for an array.
    pub fn is_array(self) -> bool {
        self.value.is_array()
    }

    /// True for a string.
    pub fn is_string(self) -> bool {
        self.value.is_string()
    }

    /// True for `null`.
    pub fn is_null(self) -> bool {
        self.value.is_null()
    }

    /// True when this is the string `text`.
    pub fn is_str(self, text: &str) -> bool {
        self.value.as_str() == Some(text)
    }

    /// The JSON here, when nothing below it was folded (always, for a document read as
    /// written); None otherwise (then [`to_value`](Self::to_value) or
    /// [`cow`](Self::cow)).
    pub fn value(self) -> Option<&'a Value> {
        match self.folded {
            Some(folded) if folded.folds_below(self.value) => None,
            _ => Some(self.value),
        }
    }

    /// The JSON here as written (a copy, with every folded node written out).
    pub fn to_value(self) -> Value {
        match self.folded {
            Some(folded) => folded.unfold(self.value),
            None => self.value.clone(),
        }
    }

    /// The JSON here as written: borrowed when nothing below it was folded, else a copy.
    pub fn cow(self) -> Cow<'a, Value> {
        match self.value() {
            Some(value) => Cow::Borrowed(value),
            None => Cow::Owned(self.to_value()),
        }
    }
}

impl std::fmt::Display for JsonView<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.cow())
    }
}
