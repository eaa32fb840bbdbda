//! The machinery behind every ELM class: reading a JSON object member by member (so that errors
//! carry the exact path), keeping unknown members in an extension map, and writing them back.

use crate::key::Key;
use crate::values::{DateTime, Duration, LangText, OneOrMany, Ref};
use serde::de::{self, DeserializeOwned, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserializer, Serializer};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

/// Properties a class does not know, by name, kept exactly as written.
pub type Extensions = BTreeMap<String, Value>;

/// Where a class reads a member's value from: the map being read, or a value read earlier (when
/// a dispatching type had to look at `type` first).
pub trait MemberSource<E> {
    /// Reads the value of the member whose key was just seen.
    fn take<T: DeserializeOwned>(&mut self) -> Result<T, E>;
}

struct FromMap<'a, A>(&'a mut A);

impl<'de, A: MapAccess<'de>> MemberSource<A::Error> for FromMap<'_, A> {
    fn take<T: DeserializeOwned>(&mut self) -> Result<T, A::Error> {
        self.0.next_value()
    }
}

struct Buffered(Option<Value>);

impl<E: de::Error> MemberSource<E> for Buffered {
    fn take<T: DeserializeOwned>(&mut self) -> Result<T, E> {
        let value = self.0.take().unwrap_or(Value::Null);
        T::deserialize(value).map_err(E::custom)
    }
}

/// An ELM class: a JSON object with `id`, `type`, typed members and extensions.
pub trait NodeClass: Sized + Default {
    /// Reads one member.
    fn accept<E: de::Error, S: MemberSource<E>>(
        &mut self,
        key: &str,
        source: &mut S,
    ) -> Result<(), E>;
    /// Writes every member that is set.
    fn serialize_members<M: SerializeMap>(&self, map: &mut M) -> Result<(), M::Error>;
}

/// Reads a class from a map, first replaying members already read (`pending`).
pub(crate) fn read_node<'de, T: NodeClass, A: MapAccess<'de>>(
    mut map: A,
    pending: Vec<(String, Value)>,
) -> Result<T, A::Error> {
    let mut node = T::default();
    for (key, value) in pending {
        node.accept(&key, &mut Buffered(Some(value)))?;
    }
    while let Some(Key(key)) = map.next_key()? {
        node.accept(&key, &mut FromMap(&mut map))?;
    }
    Ok(node)
}

/// Sets a member once; a second occurrence of the same key is an error.
pub(crate) fn put<T, E: de::Error>(slot: &mut Option<T>, value: T, key: &str) -> Result<(), E> {
    if slot.is_some() {
        return Err(E::custom(format!(
            "property `{key}` appears twice in the same object"
        )));
    }
    *slot = Some(value);
    Ok(())
}

/// Keeps an unknown member in the extension map.
pub(crate) fn put_extension<E: de::Error>(
    extensions: &mut Extensions,
    key: &str,
    value: Value,
) -> Result<(), E> {
    match extensions.entry(key.to_string()) {
        std::collections::btree_map::Entry::Occupied(_) => Err(E::custom(format!(
            "property `{key}` appears twice in the same object"
        ))),
        std::collections::btree_map::Entry::Vacant(slot) => {
            slot.insert(value);
            Ok(())
        }
    }
}

pub(crate) fn serialize_node<T: NodeClass, S: Serializer>(
    node: &T,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let mut map = serializer.serialize_map(None)?;
    node.serialize_members(&mut map)?;
    map.end()
}

pub(crate) fn deserialize_node<'de, T: NodeClass, D: Deserializer<'de>>(
    deserializer: D,
    class: &'static str,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(NodeVisitor::<T>(PhantomData, class))
}

struct NodeVisitor<T>(PhantomData<T>, &'static str);

impl<'de, T: NodeClass> Visitor<'de> for NodeVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a {} object", self.1)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        read_node(map, Vec::new())
    }
}

/// Finds the members no class knew, anywhere below a value: the model's record of data it could
/// not type. Each is reported as the JSON pointer of the member.
pub trait UnknownMembers {
    /// Appends the pointer of every unknown member under `pointer` to `out`.
    fn unknown_members(&self, _pointer: &str, _out: &mut Vec<String>) {}
}

impl UnknownMembers for String {}
impl UnknownMembers for bool {}
impl UnknownMembers for u64 {}
impl UnknownMembers for LangText {}
impl UnknownMembers for DateTime {}
impl UnknownMembers for Duration {}
impl UnknownMembers for Value {}
impl UnknownMembers for crate::values::ContextEntry {}

impl<T: UnknownMembers> UnknownMembers for OneOrMany<T> {
    fn unknown_members(&self, pointer: &str, out: &mut Vec<String>) {
        for (p, v) in self.with_pointers(pointer) {
            v.unknown_members(&p, out);
        }
    }
}

impl<T: UnknownMembers> UnknownMembers for Ref<T> {
    fn unknown_members(&self, pointer: &str, out: &mut Vec<String>) {
        if let Ref::Node(n) = self {
            n.unknown_members(pointer, out);
        }
    }
}

/// Escapes a member name for use in a JSON pointer (RFC 6901).
pub fn pointer_token(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Declares an ELM class: the struct, its constructor, and its JSON reading and writing.
macro_rules! elm_class {
    (
        $(#[$meta:meta])*
        $name:ident = $type_name:literal {
            $( $(#[$fmeta:meta])* $field:ident : $json:literal => $ty:ty ),* $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Default, PartialEq)]
        pub struct $name {
            /// The node's identifier: an IRI such as `urn:epass:…` or `http://…`.
            pub id: Option<String>,
            #[doc = concat!("The node's type(s) as written, normally `", $type_name, "`.")]
            pub r#type: Option<$crate::values::OneOrMany<String>>,
            $( $(#[$fmeta])* #[doc = concat!("\n\nJSON member `", $json, "`.")] pub $field: Option<$ty>, )*
            /// Members the model does not know, kept as written so that nothing is lost.
            pub extensions: $crate::node::Extensions,
        }

        impl $name {
            /// The ELM class name this type stands for.
            pub const TYPE: &'static str = $type_name;

            /// A node of this class with an identifier and its type, and nothing else yet.
            pub fn new(id: impl Into<String>) -> Self {
                Self {
                    id: Some(id.into()),
                    r#type: Some($crate::values::OneOrMany::One(Self::TYPE.to_string())),
                    ..Default::default()
                }
            }

            /// True when `type` names `class` (alone or among others).
            pub fn has_type(&self, class: &str) -> bool {
                self.r#type.as_ref().is_some_and(|t| t.iter().any(|t| t == class))
            }
        }

        impl $crate::node::NodeClass for $name {
            fn accept<E: serde::de::Error, S: $crate::node::MemberSource<E>>(
                &mut self,
                key: &str,
                source: &mut S,
            ) -> Result<(), E> {
                match key {
                    "id" => $crate::node::put(&mut self.id, source.take()?, "id"),
                    "type" => $crate::node::put(&mut self.r#type, source.take()?, "type"),
                    $( $json => $crate::node::put(&mut self.$field, source.take()?, $json), )*
                    _ => $crate::node::put_extension(&mut self.extensions, key, source.take()?),
                }
            }

            fn serialize_members<M: serde::ser::SerializeMap>(&self, map: &mut M) -> Result<(), M::Error> {
                // `@context` first, as JSON-LD documents conventionally have it.
                $( if $json == "@context" {
                    if let Some(v) = &self.$field {
                        map.serialize_entry($json, v)?;
                    }
                } )*
                if let Some(v) = &self.id {
                    map.serialize_entry("id", v)?;
                }
                if let Some(v) = &self.r#type {
                    map.serialize_entry("type", v)?;
                }
                $( if $json != "@context" {
                    if let Some(v) = &self.$field {
                        map.serialize_entry($json, v)?;
                    }
                } )*
                for (k, v) in &self.extensions {
                    map.serialize_entry(k, v)?;
                }
                Ok(())
            }
        }

        impl $crate::node::UnknownMembers for $name {
            fn unknown_members(&self, pointer: &str, out: &mut Vec<String>) {
                for key in self.extensions.keys() {
                    out.push(format!("{pointer}/{}", $crate::node::pointer_token(key)));
                }
                $( if let Some(v) = &self.$field {
                    $crate::node::UnknownMembers::unknown_members(
                        v,
                        &format!("{pointer}/{}", $crate::node::pointer_token($json)),
                        out,
                    );
                } )*
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::node::serialize_node(self, serializer)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::node::deserialize_node(deserializer, $type_name)
            }
        }
    };
}

pub(crate) use elm_class;
