//! `OneOrMany<T>`: JSON-LD lets every property hold one value or an array of values.

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, DeserializeOwned, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::marker::PhantomData;

/// One value or an array of values, kept in the form the document used so that serialising gives
/// back the same JSON.
#[derive(Debug, Clone, PartialEq)]
pub enum OneOrMany<T> {
    /// A single value written without an array.
    One(T),
    /// An array of values (possibly empty).
    Many(Vec<T>),
}

impl<T> OneOrMany<T> {
    /// The values, in document order.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.as_slice().iter()
    }

    /// The values as a slice.
    pub fn as_slice(&self) -> &[T] {
        match self {
            OneOrMany::One(v) => std::slice::from_ref(v),
            OneOrMany::Many(v) => v,
        }
    }

    /// The first value, if any.
    pub fn first(&self) -> Option<&T> {
        self.as_slice().first()
    }

    /// How many values there are.
    pub fn len(&self) -> usize {
        self.as_slice().len()
    }

    /// True for an empty array.
    pub fn is_empty(&self) -> bool {
        self.as_slice().is_empty()
    }

    /// Appends a value, turning a single value into an array when needed.
    pub fn push(&mut self, value: T) {
        let this = std::mem::replace(self, OneOrMany::Many(Vec::new()));
        *self = match this {
            OneOrMany::One(first) => OneOrMany::Many(vec![first, value]),
            OneOrMany::Many(mut all) => {
                all.push(value);
                OneOrMany::Many(all)
            }
        };
    }

    /// The values with the JSON pointer of each, given the pointer of the property itself:
    /// a single value sits at `base`, an array's values at `base/0`, `base/1`, …
    pub fn with_pointers<'a>(&'a self, base: &str) -> impl Iterator<Item = (String, &'a T)> + 'a {
        let many = matches!(self, OneOrMany::Many(_));
        let base = base.to_string();
        self.iter().enumerate().map(move |(i, v)| {
            if many {
                (format!("{base}/{i}"), v)
            } else {
                (base.clone(), v)
            }
        })
    }
}

impl<T> From<T> for OneOrMany<T> {
    fn from(value: T) -> Self {
        OneOrMany::One(value)
    }
}

impl<T> From<Vec<T>> for OneOrMany<T> {
    fn from(values: Vec<T>) -> Self {
        OneOrMany::Many(values)
    }
}

impl<'a, T> IntoIterator for &'a OneOrMany<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl<T: Serialize> Serialize for OneOrMany<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            OneOrMany::One(v) => v.serialize(serializer),
            OneOrMany::Many(v) => v.serialize(serializer),
        }
    }
}

impl<'de, T: DeserializeOwned> Deserialize<'de> for OneOrMany<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(OneOrManyVisitor(PhantomData))
    }
}

/// Dispatches on the JSON shape without buffering, so error paths stay exact.
struct OneOrManyVisitor<T>(PhantomData<T>);

macro_rules! forward_scalar {
    ($($method:ident: $ty:ty),*) => {$(
        fn $method<E: de::Error>(self, v: $ty) -> Result<Self::Value, E> {
            T::deserialize(v.into_deserializer()).map(OneOrMany::One)
        }
    )*};
}

impl<'de, T: DeserializeOwned> Visitor<'de> for OneOrManyVisitor<T> {
    type Value = OneOrMany<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value or an array of values")
    }

    forward_scalar!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str, visit_string: String);

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
        Vec::<T>::deserialize(SeqAccessDeserializer::new(seq)).map(OneOrMany::Many)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
        T::deserialize(MapAccessDeserializer::new(map)).map(OneOrMany::One)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(E::custom(
            "null is not a value here: leave the property out instead",
        ))
    }
}
