//! The EU micro-credential information elements (Council Recommendation of 16 June 2022,
//! Annex I): which of them a credential carries, and where.

use crate::classes::{
    Claim, Credential, LearningAchievement, LearningAchievementSpecification, LearningAssessment,
    Organisation, Person,
};
use crate::values::{OneOrMany, Ref};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};

/// Whether the Recommendation requires an element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Obligation {
    /// Every micro-credential must carry it.
    Mandatory,
    /// A micro-credential may carry it.
    Optional,
}

/// One information element of the Recommendation, in its order (1–11 mandatory, 12–16 optional).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum McElement {
    /// 1. Identification of the learner.
    Learner,
    /// 2. Title of the micro-credential.
    Title,
    /// 3. Country/region of the issuer.
    IssuerCountry,
    /// 4. Awarding body.
    AwardingBody,
    /// 5. Date of issuing.
    IssueDate,
    /// 6. Learning outcomes.
    LearningOutcomes,
    /// 7. Notional workload needed to achieve the learning outcomes (in ECTS, wherever possible).
    Workload,
    /// 8. Level (EQF, QF-EHEA) of the learning experience, if applicable.
    Level,
    /// 9. Type of assessment.
    AssessmentType,
    /// 10. Form of participation in the learning activity.
    FormOfParticipation,
    /// 11. Type of quality assurance used to underpin the micro-credential.
    QualityAssurance,
    /// 12. Prerequisites needed to enrol.
    Prerequisites,
    /// 13. Supervision and identity verification during assessment.
    Supervision,
    /// 14. Grade achieved.
    Grade,
    /// 15. Integration/stackability options.
    Stackability,
    /// 16. Further information.
    FurtherInformation,
}

impl McElement {
    /// All sixteen, in the Recommendation's order.
    pub const ALL: [McElement; 16] = [
        McElement::Learner,
        McElement::Title,
        McElement::IssuerCountry,
        McElement::AwardingBody,
        McElement::IssueDate,
        McElement::LearningOutcomes,
        McElement::Workload,
        McElement::Level,
        McElement::AssessmentType,
        McElement::FormOfParticipation,
        McElement::QualityAssurance,
        McElement::Prerequisites,
        McElement::Supervision,
        McElement::Grade,
        McElement::Stackability,
        McElement::FurtherInformation,
    ];

    /// The element's number in Annex I (1–16).
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|e| *e == self).expect("listed") + 1
    }

    /// The element's name, as the Recommendation words it.
    pub fn name(self) -> &'static str {
        match self {
            McElement::Learner => "Identification of the learner",
            McElement::Title => "Title of the micro-credential",
            McElement::IssuerCountry => "Country/region of the issuer",
            McElement::AwardingBody => "Awarding body",
            McElement::IssueDate => "Date of issuing",
            McElement::LearningOutcomes => "Learning outcomes",
            McElement::Workload => "Notional workload (ECTS where possible)",
            McElement::Level => "Level (EQF, QF-EHEA)",
            McElement::AssessmentType => "Type of assessment",
            McElement::FormOfParticipation => "Form of participation",
            McElement::QualityAssurance => "Type of quality assurance",
            McElement::Prerequisites => "Prerequisites to enrol",
            McElement::Supervision => "Supervision and identity verification during assessment",
            McElement::Grade => "Grade achieved",
            McElement::Stackability => "Integration/stackability options",
            McElement::FurtherInformation => "Further information",
        }
    }

    /// Mandatory (1–11) or optional (12–16).
    pub fn obligation(self) -> Obligation {
        if self.number() <= 11 {
            Obligation::Mandatory
        } else {
            Obligation::Optional
        }
    }
}

/// Whether one element is present, and the JSON pointers (from the credential root) where it
/// was found.
#[derive(Debug, Clone, PartialEq)]
pub struct ElementStatus {
    /// The element.
    pub element: McElement,
    /// Where it was found; empty when missing.
    pub paths: Vec<String>,
}

impl ElementStatus {
    /// True when found at least once.
    pub fn is_present(&self) -> bool {
        !self.paths.is_empty()
    }
}

impl Serialize for ElementStatus {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("ElementStatus", 5)?;
        s.serialize_field("number", &self.element.number())?;
        s.serialize_field("element", self.element.name())?;
        s.serialize_field("obligation", &self.element.obligation())?;
        s.serialize_field("present", &self.is_present())?;
        s.serialize_field("paths", &self.paths)?;
        s.end()
    }
}

/// For each of the Recommendation's 11 mandatory and 5 optional elements: present or missing,
/// with the paths where it was found. Informational: it never judges the credential on its own.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MicroCredentialReport {
    /// One status per element, in the Recommendation's order.
    pub elements: Vec<ElementStatus>,
}

impl MicroCredentialReport {
    /// Looks for every element in a credential.
    pub fn for_credential(credential: &Credential) -> Self {
        let mut finder = Finder::default();
        finder.credential(credential);
        let elements = McElement::ALL
            .iter()
            .map(|&element| ElementStatus {
                element,
                paths: finder
                    .found
                    .iter()
                    .filter(|(e, _)| *e == element)
                    .map(|(_, p)| p.clone())
                    .collect(),
            })
            .collect();
        MicroCredentialReport { elements }
    }

    /// The status of one element.
    pub fn status(&self, element: McElement) -> &ElementStatus {
        &self.elements[element.number() - 1]
    }

    /// The mandatory elements not found.
    pub fn missing_mandatory(&self) -> Vec<McElement> {
        self.elements
            .iter()
            .filter(|s| s.element.obligation() == Obligation::Mandatory && !s.is_present())
            .map(|s| s.element)
            .collect()
    }
}

/// Walks a credential and records (element, pointer) pairs.
#[derive(Default)]
struct Finder {
    found: Vec<(McElement, String)>,
}

/// The embedded nodes of a one-or-many reference property, with their pointers.
fn nodes<'a, T>(value: &'a Option<OneOrMany<Ref<T>>>, base: &str) -> Vec<(String, &'a T)> {
    value
        .iter()
        .flat_map(|v| {
            v.with_pointers(base)
                .filter_map(|(p, r)| r.node().map(|n| (p, n)))
                .collect::<Vec<_>>()
        })
        .collect()
}

impl Finder {
    /// Records `element` at `pointer/member` when the property is set.
    fn mark<T>(&mut self, element: McElement, value: &Option<T>, pointer: &str, member: &str) {
        if value.is_some() {
            self.found.push((element, format!("{pointer}/{member}")));
        }
    }

    fn credential(&mut self, c: &Credential) {
        use McElement::*;
        self.mark(IssueDate, &c.issued, "", "issued");
        self.mark(IssueDate, &c.issuance_date, "", "issuanceDate");
        self.mark(IssueDate, &c.valid_from, "", "validFrom");
        for (p, display) in nodes(&c.display_parameter, "/displayParameter") {
            self.mark(Title, &display.title, &p, "title");
        }
        for (p, issuer) in nodes(&c.issuer, "/issuer") {
            for (lp, legal) in nodes(&issuer.eidas_identifier, &format!("{p}/eIDASIdentifier")) {
                self.mark(IssuerCountry, &legal.spatial, &lp, "spatial");
            }
            self.organisation_country(issuer, &p);
        }
        for (p, evidence) in nodes(&c.evidence, "/evidence") {
            self.mark(
                QualityAssurance,
                &evidence.accreditation,
                &p,
                "accreditation",
            );
        }
        for (p, subject) in nodes(&c.credential_subject, "/credentialSubject") {
            self.learner(subject, &p);
        }
    }

    fn organisation_country(&mut self, org: &Organisation, pointer: &str) {
        for (lp, location) in nodes(&org.location, &format!("{pointer}/location")) {
            for (ap, address) in nodes(&location.address, &format!("{lp}/address")) {
                self.mark(
                    McElement::IssuerCountry,
                    &address.country_code,
                    &ap,
                    "countryCode",
                );
            }
        }
    }

    fn learner(&mut self, person: &Person, p: &str) {
        use McElement::*;
        self.mark(Learner, &person.full_name, p, "fullName");
        self.mark(Learner, &person.given_name, p, "givenName");
        self.mark(Learner, &person.family_name, p, "familyName");
        self.mark(Learner, &person.date_of_birth, p, "dateOfBirth");
        self.mark(Learner, &person.national_id, p, "nationalID");
        self.mark(Learner, &person.identifier, p, "identifier");
        for (cp, claim) in nodes(&person.has_claim, &format!("{p}/hasClaim")) {
            self.claim(claim, &cp);
        }
    }

    fn claim(&mut self, claim: &Claim, p: &str) {
        use McElement::*;
        if claim.title().is_some() {
            self.found.push((Title, format!("{p}/title")));
        }
        let awarded_by = match claim {
            Claim::Achievement(c) => &c.awarded_by,
            Claim::Activity(c) => &c.awarded_by,
            Claim::Assessment(c) => &c.awarded_by,
            Claim::Entitlement(c) => &c.awarded_by,
        };
        for (ap, process) in nodes(awarded_by, &format!("{p}/awardedBy")) {
            self.mark(AwardingBody, &process.awarding_body, &ap, "awardingBody");
            self.mark(IssueDate, &process.awarding_date, &ap, "awardingDate");
            for (bp, body) in nodes(&process.awarding_body, &format!("{ap}/awardingBody")) {
                self.organisation_country(body, &bp);
                self.mark(QualityAssurance, &body.accreditation, &bp, "accreditation");
            }
        }
        if let Claim::Achievement(a) = claim {
            self.achievement(a, p);
        }
    }

    fn achievement(&mut self, a: &LearningAchievement, p: &str) {
        use McElement::*;
        self.mark(Stackability, &a.has_part, p, "hasPart");
        self.mark(Stackability, &a.is_part_of, p, "isPartOf");
        self.mark(Stackability, &a.entitles_to, p, "entitlesTo");
        self.mark(FurtherInformation, &a.additional_note, p, "additionalNote");
        self.mark(
            FurtherInformation,
            &a.supplementary_document,
            p,
            "supplementaryDocument",
        );
        for (sp, spec) in nodes(&a.specified_by, &format!("{p}/specifiedBy")) {
            self.specification(spec, &sp);
        }
        for (ap, assessment) in nodes(&a.proven_by, &format!("{p}/provenBy")) {
            self.assessment(assessment, &ap);
        }
    }

    fn specification(&mut self, s: &LearningAchievementSpecification, p: &str) {
        use McElement::*;
        self.mark(Title, &s.title, p, "title");
        self.mark(LearningOutcomes, &s.learning_outcome, p, "learningOutcome");
        for (cp, credit) in nodes(&s.credit_point, &format!("{p}/creditPoint")) {
            if credit.is_ects() {
                self.found.push((Workload, cp));
            }
        }
        self.mark(Workload, &s.volume_of_learning, p, "volumeOfLearning");
        self.mark(Level, &s.eqf_level, p, "eqfLevel");
        self.mark(Level, &s.nqf_level, p, "nqfLevel");
        self.mark(FormOfParticipation, &s.mode, p, "mode");
        self.mark(
            FormOfParticipation,
            &s.learning_setting,
            p,
            "learningSetting",
        );
        self.mark(QualityAssurance, &s.accreditation, p, "accreditation");
        self.mark(Prerequisites, &s.entry_requirement, p, "entryRequirement");
        self.mark(
            Stackability,
            &s.is_partial_qualification,
            p,
            "isPartialQualification",
        );
        self.mark(Stackability, &s.has_part, p, "hasPart");
        self.mark(Stackability, &s.is_part_of, p, "isPartOf");
        self.mark(Stackability, &s.entitles_to, p, "entitlesTo");
        self.mark(FurtherInformation, &s.additional_note, p, "additionalNote");
        self.mark(
            FurtherInformation,
            &s.supplementary_document,
            p,
            "supplementaryDocument",
        );
        self.mark(FurtherInformation, &s.homepage, p, "homepage");
    }

    fn assessment(&mut self, a: &LearningAssessment, p: &str) {
        use McElement::*;
        for (sp, spec) in nodes(&a.specified_by, &format!("{p}/specifiedBy")) {
            self.mark(AssessmentType, &spec.dc_type, &sp, "dcType");
        }
        self.mark(Supervision, &a.id_verification, p, "idVerification");
        self.mark(Grade, &a.grade, p, "grade");
    }
}
