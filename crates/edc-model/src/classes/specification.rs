//! What a claim was specified by: the specification classes, learning outcomes, credit points
//! and grading schemes.

use super::{Accreditation, Concept, Identifier, Note, Organisation, WebResource};
use crate::node::elm_class;
use crate::values::{Duration, LangText, OneOrMany, Ref};

elm_class! {
    /// The specification of a learning achievement. Also stands for its subclass
    /// `Qualification` (type `Qualification`), which adds `eqfLevel`, `nqfLevel`,
    /// `isPartialQualification` and `qualificationCode`.
    LearningAchievementSpecification = "LearningAchievementSpecification" {
        /// Title.
        title: "title" => LangText,
        /// Other titles.
        alt_label: "altLabel" => LangText,
        /// Description.
        description: "description" => LangText,
        /// The kind of specification, a concept.
        dc_type: "dcType" => OneOrMany<Ref<Concept>>,
        /// Learning outcomes.
        learning_outcome: "learningOutcome" => OneOrMany<Ref<LearningOutcome>>,
        /// A summary of the learning outcomes.
        learning_outcome_summary: "learningOutcomeSummary" => OneOrMany<Ref<Note>>,
        /// Credit points (ECTS or another framework).
        credit_point: "creditPoint" => OneOrMany<Ref<CreditPoint>>,
        /// The notional workload (ISO 8601 duration).
        volume_of_learning: "volumeOfLearning" => OneOrMany<Duration>,
        /// The longest time it may take.
        maximum_duration: "maximumDuration" => OneOrMany<Duration>,
        /// European Qualifications Framework level.
        eqf_level: "eqfLevel" => OneOrMany<Ref<Concept>>,
        /// National Qualifications Framework level.
        nqf_level: "nqfLevel" => OneOrMany<Ref<Concept>>,
        /// Whether this is a partial qualification.
        is_partial_qualification: "isPartialQualification" => OneOrMany<bool>,
        /// Qualification codes.
        qualification_code: "qualificationCode" => OneOrMany<Ref<Concept>>,
        /// The mode of learning (online, blended, in person).
        mode: "mode" => OneOrMany<Ref<Concept>>,
        /// The learning setting (formal, non-formal).
        learning_setting: "learningSetting" => OneOrMany<Ref<Concept>>,
        /// Languages of instruction.
        language: "language" => OneOrMany<Ref<Concept>>,
        /// Thematic areas (ISCED-F fields).
        thematic_area: "thematicArea" => OneOrMany<Ref<Concept>>,
        /// Education subjects.
        education_subject: "educationSubject" => OneOrMany<Ref<Concept>>,
        /// Education levels.
        education_level: "educationLevel" => OneOrMany<Ref<Concept>>,
        /// Target groups.
        target_group: "targetGroup" => OneOrMany<Ref<Concept>>,
        /// Entry requirements (prerequisites).
        entry_requirement: "entryRequirement" => OneOrMany<Ref<Note>>,
        /// Accreditations (quality assurance).
        accreditation: "accreditation" => OneOrMany<Ref<Accreditation>>,
        /// What it entitles to.
        entitles_to: "entitlesTo" => OneOrMany<Ref<LearningEntitlementSpecification>>,
        /// Parts.
        has_part: "hasPart" => OneOrMany<Ref<LearningAchievementSpecification>>,
        /// Wholes this is part of.
        is_part_of: "isPartOf" => OneOrMany<Ref<LearningAchievementSpecification>>,
        /// Who awards it.
        awarding_opportunity: "awardingOpportunity" => OneOrMany<Ref<super::Node>>,
        /// Home page.
        homepage: "homepage" => OneOrMany<Ref<WebResource>>,
        /// Supplementary documents.
        supplementary_document: "supplementaryDocument" => OneOrMany<Ref<WebResource>>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

impl LearningAchievementSpecification {
    /// True when typed as a `Qualification`.
    pub fn is_qualification(&self) -> bool {
        self.has_type("Qualification")
    }
}

elm_class! {
    /// The specification of a learning activity.
    LearningActivitySpecification = "LearningActivitySpecification" {
        /// Title.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// The kind of activity, a concept.
        dc_type: "dcType" => OneOrMany<Ref<Concept>>,
        /// Mode of learning.
        mode: "mode" => OneOrMany<Ref<Concept>>,
        /// Languages of instruction.
        language: "language" => OneOrMany<Ref<Concept>>,
        /// Workload (ISO 8601 duration).
        volume_of_learning: "volumeOfLearning" => OneOrMany<Duration>,
        /// Contact hours.
        contact_hour: "contactHour" => OneOrMany<String>,
        /// Learning outcomes.
        learning_outcome: "learningOutcome" => OneOrMany<Ref<LearningOutcome>>,
        /// Home page.
        homepage: "homepage" => OneOrMany<Ref<WebResource>>,
        /// Supplementary documents.
        supplementary_document: "supplementaryDocument" => OneOrMany<Ref<WebResource>>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// The specification of an assessment: its type, grading scheme and mode.
    LearningAssessmentSpecification = "LearningAssessmentSpecification" {
        /// Title.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// The type of assessment, a concept.
        dc_type: "dcType" => OneOrMany<Ref<Concept>>,
        /// The grading scheme.
        grading_scheme: "gradingScheme" => OneOrMany<Ref<GradingScheme>>,
        /// Mode of assessment.
        mode: "mode" => OneOrMany<Ref<Concept>>,
        /// Languages.
        language: "language" => OneOrMany<Ref<Concept>>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// The specification of an entitlement.
    LearningEntitlementSpecification = "LearningEntitlementSpecification" {
        /// Title.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// The kind of entitlement, a concept.
        dc_type: "dcType" => OneOrMany<Ref<Concept>>,
        /// Whether it is granted or limited, a concept.
        entitlement_status: "entitlementStatus" => OneOrMany<Ref<Concept>>,
        /// Organisations where it applies.
        limit_organisation: "limitOrganisation" => OneOrMany<Ref<Organisation>>,
        /// Jurisdictions where it applies.
        limit_jurisdiction: "limitJurisdiction" => OneOrMany<Ref<Concept>>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
    }
}

elm_class! {
    /// A learning outcome: what the learner knows, understands and can do.
    LearningOutcome = "LearningOutcome" {
        /// The outcome's statement.
        title: "title" => LangText,
        /// Related ESCO skills.
        related_esco_skill: "relatedESCOSkill" => OneOrMany<Ref<Concept>>,
        /// Other related skills.
        related_skill: "relatedSkill" => OneOrMany<Ref<Concept>>,
        /// Reusability level (transversal, cross-sector…), a concept.
        reusability_level: "reusabilityLevel" => OneOrMany<Ref<Concept>>,
        /// The kind of outcome, a concept.
        dc_type: "dcType" => OneOrMany<Ref<Concept>>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// Credit points in a framework (ECTS is `http://data.europa.eu/snb/education-credit/6fcec5c5af`).
    CreditPoint = "CreditPoint" {
        /// The credit framework, a concept.
        framework: "framework" => OneOrMany<Ref<Concept>>,
        /// The number of points, as a decimal string (`"5"`, `"7.5"`).
        point: "point" => OneOrMany<String>,
    }
}

/// The ECTS concept in the EU education-credit vocabulary.
pub const ECTS_FRAMEWORK: &str = "http://data.europa.eu/snb/education-credit/6fcec5c5af";

impl CreditPoint {
    /// True when the framework is ECTS.
    pub fn is_ects(&self) -> bool {
        self.framework.as_ref().is_some_and(|f| {
            f.iter().any(|c| match c {
                Ref::Id(id) => id == ECTS_FRAMEWORK,
                Ref::Node(c) => c.id.as_deref() == Some(ECTS_FRAMEWORK),
            })
        })
    }

    /// The points as a number, when they parse.
    pub fn points(&self) -> Option<f64> {
        self.point.as_ref()?.first()?.trim().parse().ok()
    }
}

elm_class! {
    /// A grading scheme.
    GradingScheme = "GradingScheme" {
        /// Title.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}
