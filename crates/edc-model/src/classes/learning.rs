//! What a learner did and was awarded: achievements, activities, assessments, entitlements.

use super::{
    Concept, CreditPoint, Identifier, LearningAchievementSpecification,
    LearningActivitySpecification, LearningAssessmentSpecification,
    LearningEntitlementSpecification, Note, Organisation, PeriodOfTime, WebResource,
};
use crate::node::elm_class;
use crate::values::{DateTime, Duration, LangText, OneOrMany, Ref};

elm_class! {
    /// The awarding of a claim: who awarded it and when.
    AwardingProcess = "AwardingProcess" {
        /// The awarding bodies.
        awarding_body: "awardingBody" => OneOrMany<Ref<Organisation>>,
        /// When the claim was awarded.
        awarding_date: "awardingDate" => OneOrMany<DateTime>,
        /// Where it was awarded.
        location: "location" => OneOrMany<Ref<super::Location>>,
        /// A note on the educational system.
        educational_system_note: "educationalSystemNote" => OneOrMany<Ref<Concept>>,
        /// A description.
        description: "description" => LangText,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// A learning achievement: the acquisition of knowledge, skills or competences, such as a
    /// completed micro-credential or a degree.
    LearningAchievement = "LearningAchievement" {
        /// Title, per language.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// Who awarded it, and when.
        awarded_by: "awardedBy" => OneOrMany<Ref<AwardingProcess>>,
        /// The specification achieved: a `LearningAchievementSpecification` or a `Qualification`.
        specified_by: "specifiedBy" => OneOrMany<Ref<LearningAchievementSpecification>>,
        /// The assessments that prove it.
        proven_by: "provenBy" => OneOrMany<Ref<LearningAssessment>>,
        /// The activities that led to it.
        influenced_by: "influencedBy" => OneOrMany<Ref<LearningActivity>>,
        /// What it entitles the learner to.
        entitles_to: "entitlesTo" => OneOrMany<Ref<LearningEntitlement>>,
        /// Credit received.
        credit_received: "creditReceived" => OneOrMany<Ref<CreditPoint>>,
        /// Parts.
        has_part: "hasPart" => OneOrMany<Ref<LearningAchievement>>,
        /// Wholes this is part of.
        is_part_of: "isPartOf" => OneOrMany<Ref<LearningAchievement>>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
        /// Supplementary documents.
        supplementary_document: "supplementaryDocument" => OneOrMany<Ref<WebResource>>,
    }
}

elm_class! {
    /// A learning activity the learner took part in.
    LearningActivity = "LearningActivity" {
        /// Title.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// Who awarded it.
        awarded_by: "awardedBy" => OneOrMany<Ref<AwardingProcess>>,
        /// The activity's specification.
        specified_by: "specifiedBy" => OneOrMany<Ref<LearningActivitySpecification>>,
        /// Who directed it.
        directed_by: "directedBy" => OneOrMany<Ref<Organisation>>,
        /// When it took place.
        temporal: "temporal" => OneOrMany<Ref<PeriodOfTime>>,
        /// The learner's workload (ISO 8601 duration).
        workload: "workload" => OneOrMany<Duration>,
        /// The share completed.
        level_of_completion: "levelOfCompletion" => OneOrMany<u64>,
        /// Where it took place.
        location: "location" => OneOrMany<Ref<super::Location>>,
        /// Achievements it led to.
        influences: "influences" => OneOrMany<Ref<LearningAchievement>>,
        /// Parts.
        has_part: "hasPart" => OneOrMany<Ref<LearningActivity>>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// An assessment of the learner, with its grade.
    LearningAssessment = "LearningAssessment" {
        /// Title.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// Who awarded it.
        awarded_by: "awardedBy" => OneOrMany<Ref<AwardingProcess>>,
        /// The assessment's specification (type of assessment, grading scheme).
        specified_by: "specifiedBy" => OneOrMany<Ref<LearningAssessmentSpecification>>,
        /// The grade achieved.
        grade: "grade" => OneOrMany<Ref<Note>>,
        /// How the learner's identity was verified during assessment.
        id_verification: "idVerification" => OneOrMany<Ref<Concept>>,
        /// Who assessed.
        assessed_by: "assessedBy" => OneOrMany<Ref<Organisation>>,
        /// When it was assessed.
        date_issued: "dateIssued" => OneOrMany<DateTime>,
        /// Where it was assessed.
        location: "location" => OneOrMany<Ref<super::Location>>,
        /// What it proves.
        proves: "proves" => OneOrMany<Ref<LearningAchievement>>,
        /// Parts.
        has_part: "hasPart" => OneOrMany<Ref<LearningAssessment>>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// A right the learner gained, e.g. to enrol in further study or to practise a profession.
    LearningEntitlement = "LearningEntitlement" {
        /// Title.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// Who awarded it.
        awarded_by: "awardedBy" => OneOrMany<Ref<AwardingProcess>>,
        /// The entitlement's specification.
        specified_by: "specifiedBy" => OneOrMany<Ref<LearningEntitlementSpecification>>,
        /// What it was gained through.
        entitled_by: "entitledBy" => OneOrMany<Ref<LearningAchievement>>,
        /// When it expires.
        expiry_date: "expiryDate" => OneOrMany<DateTime>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}
