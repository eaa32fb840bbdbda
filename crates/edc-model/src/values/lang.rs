//! Language-tagged text: `{"en": "…"}`, `{"en": ["…", "…"]}`, `[{"@value": "…", "@language": "en"}]`
//! or a plain string.

use super::one_or_many::OneOrMany;
use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

/// Text in one or more languages, in whichever of the JSON-LD forms the document used.
#[derive(Debug, Clone, PartialEq)]
pub enum LangText {
    /// A language map, as the EDC context declares for most text (`"@container": "@language"`):
    /// language tag → one string or several.
    Map(BTreeMap<String, OneOrMany<String>>),
    /// An array of language-tagged value objects and/or plain strings.
    Values(Vec<LangValue>),
    /// A single value object `{"@value": "…", "@language": "…"}`.
    Value(LangValue),
    /// A plain string with no language.
    Plain(String),
}

/// One text value with an optional language tag.
#[derive(Debug, Clone, PartialEq)]
pub struct LangValue {
    /// The text.
    pub value: String,
    /// Its BCP 47 language tag, if any.
    pub language: Option<String>,
    /// Its base direction (`ltr` or `rtl`), if given (`@direction`).
    pub direction: Option<String>,
    /// True when it was written as a value object (`{"@value": …}`) rather than a plain string.
    pub as_object: bool,
}

impl LangText {
    /// A language map holding one string in one language: `{"en": "…"}`.
    pub fn new(language: &str, text: impl Into<String>) -> Self {
        let mut map = BTreeMap::new();
        map.insert(language.to_string(), OneOrMany::One(text.into()));
        LangText::Map(map)
    }

    /// Every (language, text) pair, in order; `None` as language for untagged text.
    pub fn entries(&self) -> Vec<(Option<&str>, &str)> {
        match self {
            LangText::Map(map) => map
                .iter()
                .flat_map(|(lang, texts)| {
                    texts.iter().map(move |t| (Some(lang.as_str()), t.as_str()))
                })
                .collect(),
            LangText::Values(values) => values
                .iter()
                .map(|v| (v.language.as_deref(), v.value.as_str()))
                .collect(),
            LangText::Value(v) => vec![(v.language.as_deref(), v.value.as_str())],
            LangText::Plain(s) => vec![(None, s.as_str())],
        }
    }

    /// The text in `language` if present, else the first text of any language.
    pub fn get_or_first(&self, language: &str) -> Option<&str> {
        let entries = self.entries();
        entries
            .iter()
            .find(|(l, _)| l.is_some_and(|l| l.eq_ignore_ascii_case(language)))
            .or_else(|| entries.first())
            .map(|(_, t)| *t)
    }

    /// True when there is no text at all.
    pub fn is_empty(&self) -> bool {
        self.entries().is_empty()
    }
}

/// Accepts BCP 47-shaped tags (`en`, `pt-BR`, `sr-Latn-RS`) and JSON-LD's `@none`.
fn check_language_tag<E: de::Error>(tag: &str) -> Result<(), E> {
    let shaped = tag == "@none"
        || (!tag.is_empty()
            && tag.split('-').enumerate().all(|(i, part)| {
                (1..=8).contains(&part.len())
                    && if i == 0 {
                        part.bytes().all(|b| b.is_ascii_alphabetic())
                    } else {
                        part.bytes().all(|b| b.is_ascii_alphanumeric())
                    }
            }));
    if shaped {
        Ok(())
    } else {
        Err(E::custom(format!(
            "`{tag}` is not a language tag: a language map's keys must be BCP 47 tags such as `en` or `pt-BR`"
        )))
    }
}

impl Serialize for LangValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if !self.as_object {
            return serializer.serialize_str(&self.value);
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("@value", &self.value)?;
        if let Some(lang) = &self.language {
            map.serialize_entry("@language", lang)?;
        }
        if let Some(direction) = &self.direction {
            map.serialize_entry("@direction", direction)?;
        }
        map.end()
    }
}

impl Serialize for LangText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            LangText::Map(map) => map.serialize(serializer),
            LangText::Values(values) => {
                let mut seq = serializer.serialize_seq(Some(values.len()))?;
                for v in values {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            LangText::Value(v) => v.serialize(serializer),
            LangText::Plain(s) => serializer.serialize_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for LangValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LangValueVisitor)
    }
}

struct LangValueVisitor;

impl<'de> Visitor<'de> for LangValueVisitor {
    type Value = LangValue;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a string or a value object {\"@value\": …, \"@language\": …}")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<LangValue, E> {
        Ok(LangValue {
            value: v.to_string(),
            language: None,
            direction: None,
            as_object: false,
        })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LangValue, A::Error> {
        let mut object = LangValue {
            value: String::new(),
            language: None,
            direction: None,
            as_object: true,
        };
        let mut has_value = false;
        while let Some(crate::key::Key(key)) = map.next_key()? {
            has_value |= key == "@value";
            value_object_member::<A>(&mut object, &key, &mut map)?;
        }
        if !has_value {
            return Err(de::Error::missing_field("@value"));
        }
        Ok(object)
    }
}

/// Reads one member of a value object (`@value`, `@language`, `@direction`) into `object`.
fn value_object_member<'de, A: MapAccess<'de>>(
    object: &mut LangValue,
    key: &str,
    map: &mut A,
) -> Result<(), A::Error> {
    match key {
        "@value" => object.value = map.next_value::<String>()?,
        "@language" => {
            let tag = map.next_value::<String>()?;
            check_language_tag::<A::Error>(&tag)?;
            object.language = Some(tag);
        }
        "@direction" => {
            let direction = map.next_value::<String>()?;
            if direction != "ltr" && direction != "rtl" {
                return Err(de::Error::custom(format!(
                    "`@direction` is `{direction}`; it must be `ltr` or `rtl`"
                )));
            }
            object.direction = Some(direction);
        }
        other => {
            return Err(de::Error::custom(format!(
                "unexpected key `{other}` in a language value: only `@value`, `@language` and `@direction` belong here"
            )))
        }
    }
    Ok(())
}

impl<'de> Deserialize<'de> for LangText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LangTextVisitor)
    }
}

struct LangTextVisitor;

impl<'de> Visitor<'de> for LangTextVisitor {
    type Value = LangText;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(
            "a language map such as {\"en\": \"…\"}, an array of language values, or a string",
        )
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<LangText, E> {
        Ok(LangText::Plain(v.to_string()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<LangText, A::Error> {
        let mut values = Vec::new();
        while let Some(v) = seq.next_element::<LangValue>()? {
            values.push(v);
        }
        Ok(LangText::Values(values))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<LangText, A::Error> {
        let mut languages = BTreeMap::new();
        let mut value_object: Option<LangValue> = None;
        while let Some(crate::key::Key(key)) = map.next_key()? {
            if matches!(&*key, "@value" | "@language" | "@direction") {
                // A single value object: collect its members.
                let object = value_object.get_or_insert(LangValue {
                    value: String::new(),
                    language: None,
                    direction: None,
                    as_object: true,
                });
                value_object_member::<A>(object, &key, &mut map)?;
                continue;
            }
            check_language_tag::<A::Error>(&key)?;
            let texts = map.next_value::<OneOrMany<String>>()?;
            match languages.entry(key.into_owned()) {
                std::collections::btree_map::Entry::Occupied(taken) => {
                    return Err(de::Error::custom(format!(
                        "language `{}` appears twice",
                        taken.key()
                    )))
                }
                std::collections::btree_map::Entry::Vacant(slot) => {
                    slot.insert(texts);
                }
            }
        }
        match value_object {
            Some(_) if !languages.is_empty() => Err(de::Error::custom(
                "a language value object mixes `@value` with language keys",
            )),
            Some(v) => Ok(LangText::Value(v)),
            None => Ok(LangText::Map(languages)),
        }
    }
}
