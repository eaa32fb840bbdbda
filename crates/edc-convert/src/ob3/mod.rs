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
mod vocabulary;

pub use from_ob3::ob3_to_elm;
pub use to_ob3::elm_to_ob3;

pub use vocabulary::{Conversion, OB3_CONTEXT, VC2_CONTEXT};
