//! `Ref<T>`: a node written out in full, or a reference to it by its `id`.
//!
//! An embedded node is held in an `Arc`, so that a model can share a node between the places that
//! name it.

use serde::de::value::MapAccessDeserializer;
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;
use std::sync::Arc;

/// A property value that is a node: either embedded (`{"id": …, "type": …, …}`) or referenced by
/// its IRI alone (`"urn:epass:org:1"`), as JSON-LD allows.
#[derive(Debug, Clone, PartialEq)]
pub enum Ref<T> {
    /// A reference by identifier, to be found elsewhere in the document or outside it.
    Id(String),
    /// The node itself.
    Node(Arc<T>),
}

impl<T> Ref<T> {
    /// The embedded node, if this is not a bare reference.
    pub fn node(&self) -> Option<&T> {
        match self {
            Ref::Node(n) => Some(n),
            Ref::Id(_) => None,
        }
    }
}

impl<T: Clone> Ref<T> {
    /// The embedded node, mutably (a node shared with other copies is copied first).
    pub fn node_mut(&mut self) -> Option<&mut T> {
        match self {
            Ref::Node(n) => Some(Arc::make_mut(n)),
            Ref::Id(_) => None,
        }
    }
}

impl<T> From<T> for Ref<T> {
    fn from(node: T) -> Self {
        Ref::Node(Arc::new(node))
    }
}

impl<T: Serialize> Serialize for Ref<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Ref::Id(id) => serializer.serialize_str(id),
            Ref::Node(node) => node.serialize(serializer),
        }
    }
}

impl<'de, T: DeserializeOwned + Send + Sync + 'static> Deserialize<'de> for Ref<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RefVisitor(PhantomData))
    }
}

struct RefVisitor<T>(PhantomData<T>);

impl<'de, T: DeserializeOwned + Send + Sync + 'static> Visitor<'de> for RefVisitor<T> {
    type Value = Ref<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a node object or its identifier (an IRI string)")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Ref::Id(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Self::Value, E> {
        Ok(Ref::Id(v))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        // A node written more than once in a folded document: the first read of it is kept for
        // its other places (see `shared.rs`).
        let Some(node) = crate::shared::shared_node() else {
            return T::deserialize(MapAccessDeserializer::new(map)).map(|n| Ref::Node(Arc::new(n)));
        };
        if let Some(shared) = node.get::<T>() {
            return Ok(Ref::Node(shared));
        }
        let read = Arc::new(T::deserialize(MapAccessDeserializer::new(map))?);
        node.keep(read.clone());
        Ok(Ref::Node(read))
    }
}
