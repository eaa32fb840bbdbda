//! Reading the model from a folded JSON tree, whose later copies of a node are stand-ins for the
//! first copy (`edc_context::FoldedJson` makes such trees). Each stand-in reads as the node it
//! stands for, and where both are [`Ref`](crate::Ref)s of the same class they share one node:
//! a document that repeats a large node twenty times is read, and held, once.
//!
//! The reader is a serde `Deserializer` over the tree. It tells the node's [`Ref`] reader which
//! first copy it is about to read through a thread-local slot, valid until the node's first
//! member name is read: any other reader of that object reads a member name first, and so
//! clears it.

use serde::de::value::{BorrowedStrDeserializer, MapAccessDeserializer};
use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::any::{Any, TypeId};
use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// How the tree's owner finds the first copy a stand-in stands for: `Some(first copy)` for a
/// stand-in, `None` for any other object.
pub type StandIns<'de> = dyn Fn(&'de Map<String, Value>) -> Option<&'de Map<String, Value>> + 'de;

thread_local! {
    /// The first copy whose object is about to be read, by address.
    static FIRST_COPY: Cell<Option<usize>> = const { Cell::new(None) };
    /// The nodes read from first copies so far, by address and class.
    static SHARED: RefCell<HashMap<(usize, TypeId), Arc<dyn Any + Send + Sync>>> =
        RefCell::new(HashMap::new());
}

/// Reads a `T` from `root`, a folded tree, reading each stand-in as its first copy.
pub(crate) fn read<'de, T: de::Deserialize<'de>>(
    root: &'de Value,
    stand_in: &'de StandIns<'de>,
) -> Result<T, serde_json::Error> {
    let mut first_copies = HashSet::new();
    collect_first_copies(root, stand_in, &mut first_copies);
    let tree = Tree {
        stand_in,
        first_copies,
    };
    let _reading = Reading::start();
    T::deserialize(Node {
        value: root,
        tree: &tree,
    })
}

/// The first copy the next [`Ref`](crate::Ref) reader reads, if it reads one of a folded tree.
pub(crate) fn shared_node() -> Option<SharedNode> {
    FIRST_COPY.take().map(SharedNode)
}

/// A first copy being read: the nodes already read from it, by class.
pub(crate) struct SharedNode(usize);

impl SharedNode {
    /// The node of class `T` already read from this first copy.
    pub fn get<T: Any + Send + Sync>(&self) -> Option<Arc<T>> {
        SHARED
            .with_borrow(|shared| shared.get(&(self.0, TypeId::of::<T>())).cloned())
            .and_then(|node| node.downcast::<T>().ok())
    }

    /// Keeps the node of class `T` read from this first copy, for its stand-ins.
    pub fn keep<T: Any + Send + Sync>(&self, node: Arc<T>) {
        SHARED.with_borrow_mut(|shared| shared.insert((self.0, TypeId::of::<T>()), node));
    }
}

/// Empties the thread's shared nodes when a read starts and when it ends (or fails): they are
/// keyed by addresses in the tree being read.
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
    FIRST_COPY.set(None);
    SHARED.with_borrow_mut(HashMap::clear);
}

fn address(map: &Map<String, Value>) -> usize {
    map as *const Map<String, Value> as usize
}

/// The addresses of every object some stand-in stands for.
fn collect_first_copies<'de>(
    value: &'de Value,
    stand_in: &StandIns<'de>,
    out: &mut HashSet<usize>,
) {
    match value {
        Value::Object(map) => match stand_in(map) {
            Some(first) => {
                out.insert(address(first));
            }
            None => map
                .values()
                .for_each(|v| collect_first_copies(v, stand_in, out)),
        },
        Value::Array(items) => items
            .iter()
            .for_each(|v| collect_first_copies(v, stand_in, out)),
        _ => {}
    }
}

struct Tree<'de> {
    stand_in: &'de StandIns<'de>,
    first_copies: HashSet<usize>,
}

/// One value of the tree, as a serde `Deserializer`.
#[derive(Clone, Copy)]
struct Node<'de, 't> {
    value: &'de Value,
    tree: &'t Tree<'de>,
}

impl<'de, 't> Node<'de, 't> {
    /// The object's members (a stand-in's are its first copy's), and whether it is a first copy.
    fn members(self, map: &'de Map<String, Value>) -> (Members<'de, 't>, Option<usize>) {
        let map = (self.tree.stand_in)(map).unwrap_or(map);
        let first = Some(address(map)).filter(|a| self.tree.first_copies.contains(a));
        let members = Members {
            first: [map.get_key_value("id"), map.get_key_value("type")],
            members: map.iter(),
            value: None,
            tree: self.tree,
        };
        (members, first)
    }
}

impl<'de, 't> Deserializer<'de> for Node<'de, 't> {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Array(items) => visitor.visit_seq(Items {
                items: items.iter(),
                tree: self.tree,
            }),
            Value::Object(map) => {
                let (members, first) = self.members(map);
                FIRST_COPY.set(first);
                let read = visitor.visit_map(members);
                FIRST_COPY.set(None);
                read
            }
            scalar => scalar.deserialize_any(visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
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
        match self.value {
            Value::Object(map) => MapAccessDeserializer::new(self.members(map).0)
                .deserialize_enum(name, variants, visitor),
            other => other.deserialize_enum(name, variants, visitor),
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

struct Items<'de, 't> {
    items: std::slice::Iter<'de, Value>,
    tree: &'t Tree<'de>,
}

impl<'de, 't> SeqAccess<'de> for Items<'de, 't> {
    type Error = serde_json::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Self::Error> {
        self.items
            .next()
            .map(|value| {
                seed.deserialize(Node {
                    value,
                    tree: self.tree,
                })
            })
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// An object's members: `id` and `type` first, as Europass writes them (a claim's class is
/// known from its `type`, so nothing before it is held back), then the others in key order.
struct Members<'de, 't> {
    first: [Option<(&'de String, &'de Value)>; 2],
    members: serde_json::map::Iter<'de>,
    value: Option<&'de Value>,
    tree: &'t Tree<'de>,
}

impl<'de> Members<'de, '_> {
    fn next_member(&mut self) -> Option<(&'de String, &'de Value)> {
        if let Some(member) = self.first.iter_mut().find_map(Option::take) {
            return Some(member);
        }
        self.members
            .by_ref()
            .find(|(key, _)| key.as_str() != "id" && key.as_str() != "type")
    }
}

impl<'de, 't> MapAccess<'de> for Members<'de, 't> {
    type Error = serde_json::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Self::Error> {
        // Whoever reads a member name is not sharing this object's node.
        FIRST_COPY.set(None);
        match self.next_member() {
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
        seed.deserialize(Node {
            value,
            tree: self.tree,
        })
    }
}
