//! Open Badges 3.0 ↔ ELM. An EDC becomes an OB 3.0 `OpenBadgeCredential` and an
//! OpenBadgeCredential an ELM credential (built with the micro-credential builder, so it
//! carries the `edc-generic-full` profile). What one model cannot carry is listed in the
//! conversion's report, never dropped silently. A seal or proof does not carry over: the output
//! is unsigned, to be signed or sealed again.
//!
//! | ELM | Open Badges 3.0 |
//! |---|---|
//! | credential `id`, title | `id`, `name` |
//! | issuer (awarding body): id, legal name, eIDAS identifier, country | `issuer` Profile: `id`, `name`, `otherIdentifier` (identifierType `identifier`), `address.addressCountry`/`addressCountryCode` |
//! | `issued` (or `validFrom`) | `validFrom`, `awardedDate` |
//! | `validUntil` | `validUntil` |
//! | learner: id, full name | `credentialSubject.id`, `identifier` (IdentityObject, `identityType` `name`, not hashed) |
//! | the first achievement's title and description | `achievement.name`, `achievement.description` |
//! | learning outcomes (ESCO skill when given) | `achievement.criteria.narrative` (one line each) and `alignment` (`targetType` `ext:LearningOutcome`) |
//! | ECTS credits | `achievement.creditsAvailable`, `creditsEarned` |
//! | EQF level | `alignment` to `http://data.europa.eu/snb/eqf/N` (`targetFramework` European Qualifications Framework) |
//! | grade | `credentialSubject.result` (`value`) |

mod from_ob3;
mod to_ob3;

pub use from_ob3::ob3_to_elm;
pub use to_ob3::elm_to_ob3;

/// The result of a conversion: the converted credential (unsigned) and what did not carry over.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// The converted credential, unsigned.
    pub credential: serde_json::Value,
    /// What the source holds that the target cannot carry, one sentence each.
    pub not_carried: Vec<String>,
}

/// The OB 3.0 context this conversion writes.
pub const OB3_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The VC 2.0 context.
pub const VC2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";

/// The alignment type this conversion gives learning outcomes.
pub(crate) const OUTCOME_TYPE: &str = "ext:LearningOutcome";
/// The EQF levels' IRI prefix.
pub(crate) const EQF_PREFIX: &str = "http://data.europa.eu/snb/eqf/";
