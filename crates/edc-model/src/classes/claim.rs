//! `hasClaim`: a claim is an achievement, an activity, an assessment or an entitlement, told
//! apart by its `type`.

use super::learning::{
    LearningAchievement, LearningActivity, LearningAssessment, LearningEntitlement,
};
use crate::key::Key;
use crate::node::{read_node, NodeClass, UnknownMembers};
use crate::values::{LangText, OneOrMany};
use serde::de::{self, DeserializeSeed, MapAccess, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::Value;
use std::fmt;

/// One of the learner's claims, by ELM class.
#[derive(Debug, Clone, PartialEq)]
pub enum Claim {
    /// A `LearningAchievement`.
    Achievement(LearningAchievement),
    /// A `LearningActivity`.
    Activity(LearningActivity),
    /// A `LearningAssessment`.
    Assessment(LearningAssessment),
    /// A `LearningEntitlement`.
    Entitlement(LearningEntitlement),
}

impl Claim {
    /// The claim's ELM class name.
    pub fn class(&self) -> &'static str {
        match self {
            Claim::Achievement(_) => LearningAchievement::TYPE,
            Claim::Activity(_) => LearningActivity::TYPE,
            Claim::Assessment(_) => LearningAssessment::TYPE,
            Claim::Entitlement(_) => LearningEntitlement::TYPE,
        }
    }

    /// The claim's identifier.
    pub fn id(&self) -> Option<&str> {
        match self {
            Claim::Achievement(c) => c.id.as_deref(),
            Claim::Activity(c) => c.id.as_deref(),
            Claim::Assessment(c) => c.id.as_deref(),
            Claim::Entitlement(c) => c.id.as_deref(),
        }
    }

    /// The claim's title.
    pub fn title(&self) -> Option<&LangText> {
        match self {
            Claim::Achievement(c) => c.title.as_ref(),
            Claim::Activity(c) => c.title.as_ref(),
            Claim::Assessment(c) => c.title.as_ref(),
            Claim::Entitlement(c) => c.title.as_ref(),
        }
    }

    /// The achievement, if this claim is one.
    pub fn as_achievement(&self) -> Option<&LearningAchievement> {
        match self {
            Claim::Achievement(a) => Some(a),
            _ => None,
        }
    }
}

impl From<LearningAchievement> for Claim {
    fn from(a: LearningAchievement) -> Self {
        Claim::Achievement(a)
    }
}

impl Serialize for Claim {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Claim::Achievement(c) => c.serialize(serializer),
            Claim::Activity(c) => c.serialize(serializer),
            Claim::Assessment(c) => c.serialize(serializer),
            Claim::Entitlement(c) => c.serialize(serializer),
        }
    }
}

impl UnknownMembers for Claim {
    fn unknown_members(&self, pointer: &str, out: &mut Vec<String>) {
        match self {
            Claim::Achievement(c) => c.unknown_members(pointer, out),
            Claim::Activity(c) => c.unknown_members(pointer, out),
            Claim::Assessment(c) => c.unknown_members(pointer, out),
            Claim::Entitlement(c) => c.unknown_members(pointer, out),
        }
    }
}

impl<'de> Deserialize<'de> for Claim {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(ClaimVisitor)
    }
}

struct ClaimVisitor;

fn class_of(types: &OneOrMany<String>) -> Option<&'static str> {
    [
        LearningAchievement::TYPE,
        LearningActivity::TYPE,
        LearningAssessment::TYPE,
        LearningEntitlement::TYPE,
    ]
    .into_iter()
    .find(|class| types.iter().any(|t| t == class))
}

/// Reads a claim's `type` and picks its class.
struct ClaimType;

impl<'de> DeserializeSeed<'de> for ClaimType {
    type Value = (OneOrMany<String>, &'static str);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        let types = OneOrMany::<String>::deserialize(deserializer)?;
        let class = class_of(&types).ok_or_else(|| {
            de::Error::custom(format!(
                "unknown claim type {:?}: a claim is a LearningAchievement, LearningActivity, LearningAssessment or LearningEntitlement",
                types.iter().collect::<Vec<_>>()
            ))
        })?;
        Ok((types, class))
    }
}

fn finish<'de, T: NodeClass, A: MapAccess<'de>>(
    map: A,
    pending: Vec<(String, Value)>,
) -> Result<T, A::Error> {
    read_node(map, pending)
}

impl<'de> Visitor<'de> for ClaimVisitor {
    type Value = Claim;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a claim object (LearningAchievement, LearningActivity, LearningAssessment or LearningEntitlement)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Claim, A::Error> {
        // Members before `type` (usually just `id`) are held back; from `type` on, the members
        // are read straight into the right class, so error paths stay exact.
        let mut pending: Vec<(String, Value)> = Vec::new();
        while let Some(Key(key)) = map.next_key()? {
            if key != "type" {
                let value = map.next_value::<Value>()?;
                pending.push((key.into_owned(), value));
                continue;
            }
            // Checked inside the value, so that an error points at `type` itself.
            let (types, class) = map.next_value_seed(ClaimType)?;
            let type_value = serde_json::to_value(&types).map_err(de::Error::custom)?;
            pending.push(("type".to_string(), type_value));
            return Ok(match class {
                "LearningAchievement" => Claim::Achievement(finish(map, pending)?),
                "LearningActivity" => Claim::Activity(finish(map, pending)?),
                "LearningAssessment" => Claim::Assessment(finish(map, pending)?),
                _ => Claim::Entitlement(finish(map, pending)?),
            });
        }
        Err(de::Error::custom(
            "a claim has no `type`: say which it is (LearningAchievement, LearningActivity, LearningAssessment or LearningEntitlement)",
        ))
    }
}
