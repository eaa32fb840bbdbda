//! The ELM v3 classes used by European Digital Credentials.

mod agents;
mod claim;
mod common;
mod credential;
mod display;
mod learning;
mod quality;
mod specification;

pub use agents::{Address, ContactPoint, Group, Location, Mailbox, Organisation, Person, Phone};
pub use claim::Claim;
pub use common::{
    Concept, ConceptScheme, Identifier, LegalIdentifier, MediaObject, Node, Note, PeriodOfTime,
    WebResource,
};
pub use credential::{
    Credential, CredentialSchema, CredentialStatus, Presentation, PresentedCredential, Proof,
    EDC_AP_CONTEXT, EDC_GENERIC_FULL, VC_V1_CONTEXT, VC_V2_CONTEXT,
};
pub use display::{DisplayDetail, DisplayParameter, IndividualDisplay};
pub use learning::{
    AwardingProcess, LearningAchievement, LearningActivity, LearningAssessment, LearningEntitlement,
};
pub use quality::{Accreditation, Evidence};
pub use specification::{
    CreditPoint, GradingScheme, LearningAchievementSpecification, LearningActivitySpecification,
    LearningAssessmentSpecification, LearningEntitlementSpecification, LearningOutcome,
    ECTS_FRAMEWORK,
};
