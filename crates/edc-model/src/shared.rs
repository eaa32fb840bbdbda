//! Reading the model from a folded document (`edc_context::FoldedJson`), through the view that
//! resolves every folded copy: the model is the one the JSON as written gives, and a node
//! written many times (a large Europass credential repeats whole awarding processes, with their
//! organisations and logos) is read once and shared among its places (`Ref::Node` holds an
//! `Arc`).
//!
//! The reader is a serde `Deserializer` over the view. To share, it tells the node's
//! [`Ref`](crate::Ref) reader which node it is about to read through a slot of this thread, set
//! just before the node's members are visited and cleared as soon as a member name is read, and
//! emptied when the read starts and ends. Nothing outside this file sees it: the one way in is
//! [`read`], and the view never shows a folded copy.

use edc_context::JsonView;
use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::any::{Any, TypeId};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

thread_local! {
    /// The node written more than once whose object is about to be read, by identity.
    static SHARED_NEXT: Cell<Option<usize>> = const { Cell::new(None) };
    /// The nodes read so far from nodes written more than once, by identity and class.
    static SHARED: RefCell<HashMap<(usize, TypeId), Arc<dyn Any + Send + Sync>>> =
        RefCell::new(HashMap::new());
}

/// Reads a `T` from `view`, sharing what is read of a node written more than once.
pub(crate) fn read<'de, T: de::Deserialize<'de>>(
    view: JsonView<'de>,
) -> Result<T, serde_json::Error> {
    let _reading = Reading::start();
    T::deserialize(Node(view))
}

/// The node written more than once the next [`Ref`](crate::Ref) reader reads, if any.
pub(crate) fn shared_node() -> Option<SharedNode> {
    SHARED_NEXT.take().map(SharedNode)
}

/// A node written more than once, being read: what was read of it already, by class.
pub(crate) struct SharedNode(usize);

impl SharedNode {
    /// The node of class `T` already read here.
    pub fn get<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        SHARED
            .with_borrow(|shared| shared.get(&(self.0, TypeId::of::<T>())).cloned())
            .and_then(|node| node.downcast::<T>().ok())
    }

    /// Keeps the node of class `T` read here, for its other places.
    pub fn keep<T: Any + Send + Sync>(&self, node: Arc<T>) {
        SHARED.with_borrow_mut(|shared| shared.insert((self.0, TypeId::of::<T>()), node));
    }
}

/// Empties the thread's slots when a read starts and when it ends (or fails): they are keyed by
/// identities in the document being read.
struct Reading;

impl Reading {
    fn start() -> Reading {
        clear();
        Reading
    }
}

impl Drop for Reading {
    fn drop(&mut self) {
        clear();
    }
}

fn clear() {
    SHARED_NEXT.set(None);
    SHARED.with_borrow_mut(HashMap::clear);
}

/// One value of the document, as a serde `Deserializer`.
#[derive(Clone, Copy)]
struct Node<'de>(JsonView<'de>);

impl<'de> Node<'de> {
    /// The object's members, `id` and `type` first, as Europass writes them (a claim's class
    /// is known from its `type`, so nothing before it is held back), then the others in order.
    fn members(self) -> Members<'de> {
        let view = self.0;
        let first = [
            view.get("id").map(|v| ("id", v)),
            view.get("type").map(|v| ("type", v)),
        ];
        let rest: Vec<(&'de str, JsonView<'de>)> = view
            .entries()
            .filter(|(key, _)| *key != "id" && *key != "type")
            .collect();
        Members {
            members: first
                .into_iter()
                .flatten()
                .chain(rest)
                .collect::<Vec<_>>()
                .into_iter(),
            value: None,
        }
    }

    /// The scalar here (never folded).
    fn scalar(self) -> &'de serde_json::Value {
        static NULL: serde_json::Value = serde_json::Value::Null;
        self.0.value().unwrap_or(&NULL)
    }
}

impl<'de> Deserializer<'de> for Node<'de> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        let view = self.0;
        if view.is_array() {
            return visitor.visit_seq(Items(view.items().collect::<Vec<_>>().into_iter()));
        }
        if view.is_object() {
            let members = self.members();
            SHARED_NEXT.set(view.is_written_more_than_once().then(|| view.identity()));
            let read = visitor.visit_map(members);
            SHARED_NEXT.set(None);
            return read;
        }
        self.scalar().deserialize_any(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        if self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        if self.0.is_object() {
            MapAccessDeserializer::new(self.members()).deserialize_enum(name, variants, visitor)
        } else {
            self.scalar().deserialize_enum(name, variants, visitor)
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct Items<'de>(std::vec::IntoIter<JsonView<'de>>);

impl<'de> SeqAccess<'de> for Items<'de> {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.0.next().map(|v| seed.deserialize(Node(v))).transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct Members<'de> {
    members: std::vec::IntoIter<(&'de str, JsonView<'de>)>,
    value: Option<JsonView<'de>>,
}

impl<'de> MapAccess<'de> for Members<'de> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        // Whoever reads a member name is not sharing this object's node.
        SHARED_NEXT.set(None);
        match self.members.next() {
            Some((key, value)) => {
                self.value = Some(value);
                seed.deserialize(BorrowedStrDeserializer::new(key))
                    .map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, Self::Error> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("a member's value is read before its name"))?;
        seed.deserialize(Node(value))
    }
}
