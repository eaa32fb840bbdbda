//! A builder for micro-credentials shaped like the EU samples (EDC generic profile).

use crate::classes::*;
use crate::values::{ContextEntry, DateTime, Duration, LangText, OneOrMany, Ref};
use crate::vocab;

/// Builds a micro-credential: an EDC whose learner has one `LearningAchievement` specified by a
/// `Qualification`, with the information elements of the EU Recommendation where given.
///
/// ```
/// use edc_model::{vocab, DateTime, MicroCredentialBuilder, McElement, MicroCredentialReport};
///
/// let credential = MicroCredentialBuilder::new("urn:credential:demo-1")
///     .title("Data literacy for teachers")
///     .learner("urn:epass:person:1", "Ana", "Andromeda")
///     .issuer("urn:epass:org:1", "Learning Provider", "IE-123456", vocab::country("IRL", "Ireland"))
///     .issued(DateTime::parse("2024-05-28T11:52:16+02:00").unwrap())
///     .learning_outcome("Analyse data sets with a spreadsheet", None)
///     .ects("5")
///     .eqf_level(5)
///     .assessment_type(vocab::assessment::written_examination())
///     .mode(vocab::mode::online())
///     .build()
///     .unwrap();
/// let report = MicroCredentialReport::for_credential(&credential);
/// assert!(report.status(McElement::Workload).is_present());
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct MicroCredentialBuilder {
    id: String,
    language: String,
    title: Option<String>,
    description: Option<String>,
    learner: Option<Person>,
    issuer: Option<Organisation>,
    issued: Option<DateTime>,
    valid_from: Option<DateTime>,
    valid_until: Option<DateTime>,
    outcomes: Vec<LearningOutcome>,
    credit: Option<String>,
    volume: Option<Duration>,
    eqf: Option<u8>,
    assessment_type: Option<Concept>,
    mode: Option<Concept>,
    grade: Option<String>,
    supervision: Option<Concept>,
    prerequisites: Option<String>,
    accreditation: Option<Accreditation>,
    counter: usize,
}

impl MicroCredentialBuilder {
    /// Starts a credential with this identifier (an IRI, e.g. `urn:credential:<uuid>`), in English.
    pub fn new(id: impl Into<String>) -> Self {
        MicroCredentialBuilder {
            id: id.into(),
            language: "en".into(),
            title: None,
            description: None,
            learner: None,
            issuer: None,
            issued: None,
            valid_from: None,
            valid_until: None,
            outcomes: Vec::new(),
            credit: None,
            volume: None,
            eqf: None,
            assessment_type: None,
            mode: None,
            grade: None,
            supervision: None,
            prerequisites: None,
            accreditation: None,
            counter: 0,
        }
    }

    /// A made-up micro-credential (course "Data Literacy for Educators", learner Ana
    /// Andromeda, issuer "Digital Skills Academy" with eIDAS identifier `IE-9876543W`) with
    /// every element of the EU's Recommendation: for demos, tests and the conformance suite.
    pub fn example(id: impl Into<String>, issuer_id: &str, issued: DateTime) -> Self {
        use crate::vocab;
        let date = |text: &str| DateTime::parse(text).expect("a valid literal date");
        MicroCredentialBuilder::new(id)
            .title("Data Literacy for Educators")
            .description(
                "Awarded on completing the online micro-course and its written examination.",
            )
            .learner("urn:epass:person:1", "Ana", "Andromeda")
            .date_of_birth(date("1999-10-02T00:00:00Z"))
            .national_id("IT-12345678", vocab::country("ITA", "Italy"))
            .issuer(
                issuer_id,
                "Digital Skills Academy",
                "IE-9876543W",
                vocab::country("IRL", "Ireland"),
            )
            .issued(issued)
            .learning_outcome(
                "Keep class data sets findable, accessible, interoperable and reusable",
                Some(vocab::esco_skill(
                    "http://data.europa.eu/esco/skill/4f5c1208-62fd-4e5a-a51e-306c06947e11",
                    "manage findable accessible interoperable and reusable data",
                )),
            )
            .learning_outcome(
                "Judge the reliability of a data source and explain its limits to learners",
                Some(vocab::esco_skill(
                    "http://data.europa.eu/esco/skill/db33c0f3-43ee-4ba3-ba47-9269ac837697",
                    "critically evaluate information and its sources",
                )),
            )
            .ects("3")
            .volume_of_learning(Duration::parse("PT75H").expect("a valid literal duration"))
            .eqf_level(5)
            .assessment_type(vocab::assessment::written_examination())
            .supervision(vocab::supervision::supervised_with_id())
            .mode(vocab::mode::online())
            .grade("Pass with distinction")
            .quality_assurance(
                "Programme accreditation of the micro-course",
                "Example Quality Assurance Agency",
                vocab::country("IRL", "Ireland"),
            )
            .prerequisites("A first degree or two years of teaching practice")
    }

    /// The language tag of the texts that follow (default `en`).
    pub fn language(mut self, tag: &str) -> Self {
        self.language = tag.into();
        self
    }

    /// The micro-credential's title (element 2).
    pub fn title(mut self, title: &str) -> Self {
        self.title = Some(title.into());
        self
    }

    /// A description shown with the credential.
    pub fn description(mut self, text: &str) -> Self {
        self.description = Some(text.into());
        self
    }

    /// The learner (element 1).
    pub fn learner(mut self, id: &str, given_name: &str, family_name: &str) -> Self {
        let mut person = Person::new(id);
        person.given_name = Some(LangText::new(&self.language, given_name));
        person.family_name = Some(LangText::new(&self.language, family_name));
        person.full_name = Some(LangText::new(
            &self.language,
            format!("{given_name} {family_name}"),
        ));
        self.learner = Some(person);
        self
    }

    /// The learner's date of birth. Call after [`Self::learner`].
    pub fn date_of_birth(mut self, date: DateTime) -> Self {
        if let Some(p) = self.learner.as_mut() {
            p.date_of_birth = Some(OneOrMany::One(date));
        }
        self
    }

    /// The learner's national identifier and its country. Call after [`Self::learner`].
    pub fn national_id(mut self, notation: &str, country: Concept) -> Self {
        let id = self.next_id("legalIdentifier");
        if let Some(p) = self.learner.as_mut() {
            let mut legal = LegalIdentifier::new(id);
            legal.notation = Some(OneOrMany::One(notation.into()));
            legal.spatial = Some(OneOrMany::One(country.into()));
            p.national_id = Some(OneOrMany::One(legal.into()));
        }
        self
    }

    /// The issuer, also the awarding body (elements 3 and 4): legal name, eIDAS identifier and
    /// country.
    pub fn issuer(
        mut self,
        id: &str,
        legal_name: &str,
        eidas_identifier: &str,
        country: Concept,
    ) -> Self {
        let mut org = Organisation::new(id);
        org.legal_name = Some(LangText::new(&self.language, legal_name));
        let mut legal = LegalIdentifier::new(self.next_id("legalIdentifier"));
        legal.notation = Some(OneOrMany::One(eidas_identifier.into()));
        legal.spatial = Some(OneOrMany::One(country.clone().into()));
        org.eidas_identifier = Some(OneOrMany::One(legal.into()));
        org.location = Some(OneOrMany::One(self.location_in(country).into()));
        self.issuer = Some(org);
        self
    }

    /// The date of issuing (element 5); also `validFrom` unless set.
    pub fn issued(mut self, when: DateTime) -> Self {
        self.issued = Some(when);
        self
    }

    /// When the credential becomes valid.
    pub fn valid_from(mut self, when: DateTime) -> Self {
        self.valid_from = Some(when);
        self
    }

    /// When the credential stops being valid.
    pub fn valid_until(mut self, when: DateTime) -> Self {
        self.valid_until = Some(when);
        self
    }

    /// A learning outcome (element 6), optionally linked to an ESCO skill
    /// ([`vocab::esco_skill`]).
    pub fn learning_outcome(mut self, text: &str, esco_skill: Option<Concept>) -> Self {
        let mut outcome = LearningOutcome::new(self.next_id("learningOutcome"));
        outcome.title = Some(LangText::new(&self.language, text));
        if let Some(skill) = esco_skill {
            outcome.related_esco_skill = Some(OneOrMany::Many(vec![skill.into()]));
        }
        self.outcomes.push(outcome);
        self
    }

    /// The workload in ECTS credits (element 7), as a decimal string (`"5"`, `"7.5"`).
    pub fn ects(mut self, points: &str) -> Self {
        self.credit = Some(points.into());
        self
    }

    /// The notional workload as a duration (element 7).
    pub fn volume_of_learning(mut self, duration: Duration) -> Self {
        self.volume = Some(duration);
        self
    }

    /// The EQF level, 1–8 (element 8).
    pub fn eqf_level(mut self, level: u8) -> Self {
        self.eqf = Some(level);
        self
    }

    /// The type of assessment (element 9), e.g. [`vocab::assessment::written_examination`].
    pub fn assessment_type(mut self, kind: Concept) -> Self {
        self.assessment_type = Some(kind);
        self
    }

    /// The form of participation (element 10), e.g. [`vocab::mode::online`].
    pub fn mode(mut self, mode: Concept) -> Self {
        self.mode = Some(mode);
        self
    }

    /// The grade achieved (element 14).
    pub fn grade(mut self, grade: &str) -> Self {
        self.grade = Some(grade.into());
        self
    }

    /// Supervision and identity verification during assessment (element 13).
    pub fn supervision(mut self, kind: Concept) -> Self {
        self.supervision = Some(kind);
        self
    }

    /// Prerequisites to enrol (element 12).
    pub fn prerequisites(mut self, text: &str) -> Self {
        self.prerequisites = Some(text.into());
        self
    }

    /// The accreditation that underpins the credential (element 11, quality assurance).
    pub fn accreditation(mut self, accreditation: Accreditation) -> Self {
        self.accreditation = Some(accreditation);
        self
    }

    /// Quality assurance (element 11) in short: an accreditation with a title, granted by a
    /// named quality-assurance body.
    pub fn quality_assurance(mut self, title: &str, agency: &str, agency_country: Concept) -> Self {
        let mut body = Organisation::new(self.next_id("org"));
        body.legal_name = Some(self.text(agency));
        body.location = Some(OneOrMany::One(self.location_in(agency_country).into()));
        let mut accreditation = Accreditation::new(self.next_id("accreditation"));
        accreditation.title = Some(self.text(title));
        accreditation.dc_type = Some(OneOrMany::One(
            crate::vocab::accreditation::programme_quality_assurance().into(),
        ));
        accreditation.accrediting_agent = Some(OneOrMany::One(body.into()));
        self.accreditation = Some(accreditation);
        self
    }

    /// A location whose address is in `country`.
    /// The issuer (awarding body) known by a VAT identifier rather than an eIDAS one: legal
    /// name, VAT number and country.
    pub fn issuer_by_vat(
        mut self,
        id: &str,
        legal_name: &str,
        vat_identifier: &str,
        country: Concept,
    ) -> Self {
        let mut org = Organisation::new(id);
        org.legal_name = Some(LangText::new(&self.language, legal_name));
        let mut legal = LegalIdentifier::new(self.next_id("legalIdentifier"));
        legal.notation = Some(OneOrMany::One(vat_identifier.into()));
        legal.spatial = Some(OneOrMany::One(country.clone().into()));
        org.vat_identifier = Some(OneOrMany::One(legal.into()));
        org.location = Some(OneOrMany::One(self.location_in(country).into()));
        self.issuer = Some(org);
        self
    }

    /// Adds a VAT identifier to the issuer. Call after [`Self::issuer`].
    pub fn issuer_vat_identifier(mut self, vat_identifier: &str, country: Concept) -> Self {
        let mut legal = LegalIdentifier::new(self.next_id("legalIdentifier"));
        legal.notation = Some(OneOrMany::One(vat_identifier.into()));
        legal.spatial = Some(OneOrMany::One(country.into()));
        if let Some(org) = self.issuer.as_mut() {
            org.vat_identifier = Some(OneOrMany::One(legal.into()));
        }
        self
    }

    fn location_in(&mut self, country: Concept) -> Location {
        let mut address = Address::new(self.next_id("address"));
        address.country_code = Some(OneOrMany::One(country.into()));
        let mut location = Location::new(self.next_id("location"));
        location.address = Some(OneOrMany::One(address.into()));
        location
    }

    fn next_id(&mut self, class: &str) -> String {
        self.counter += 1;
        format!("urn:epass:{class}:{}", self.counter)
    }

    fn text(&self, s: &str) -> LangText {
        LangText::new(&self.language, s)
    }

    fn note(&mut self, s: &str) -> Note {
        let mut note = Note::new(self.next_id("note"));
        note.note_literal = Some(self.text(s));
        note
    }

    /// Builds the credential; fails naming what is missing when the title, learner, issuer or
    /// issue date was not given.
    pub fn build(self) -> Result<Credential, crate::ModelError> {
        self.build_text()
            .map_err(|message| crate::ModelError::new(crate::ErrorKind::Data, "", message))
    }

    fn build_text(mut self) -> Result<Credential, String> {
        let missing: Vec<&str> = [
            ("title", self.title.is_none()),
            ("learner", self.learner.is_none()),
            ("issuer", self.issuer.is_none()),
            ("issued", self.issued.is_none()),
        ]
        .into_iter()
        .filter_map(|(name, absent)| absent.then_some(name))
        .collect();
        if !missing.is_empty() {
            return Err(format!(
                "the micro-credential needs: {}",
                missing.join(", ")
            ));
        }
        let title = self.title.clone().unwrap_or_default();
        let issuer = self.issuer.take().expect("checked");
        let issued = self.issued.take().expect("checked");

        let mut spec = LearningAchievementSpecification::new(self.next_id("qualification"));
        spec.r#type = Some(OneOrMany::One("Qualification".into()));
        spec.title = Some(self.text(&title));
        if !self.outcomes.is_empty() {
            spec.learning_outcome = Some(OneOrMany::Many(
                self.outcomes.drain(..).map(Ref::from).collect(),
            ));
        }
        if let Some(points) = self.credit.take() {
            let mut credit = CreditPoint::new(self.next_id("creditPoint"));
            credit.framework = Some(OneOrMany::One(vocab::ects().into()));
            credit.point = Some(OneOrMany::One(points));
            spec.credit_point = Some(OneOrMany::Many(vec![credit.into()]));
        }
        spec.volume_of_learning = self.volume.take().map(OneOrMany::One);
        spec.eqf_level = self.eqf.map(|l| OneOrMany::One(vocab::eqf_level(l).into()));
        spec.mode = self.mode.take().map(|m| OneOrMany::Many(vec![m.into()]));
        if let Some(text) = self.prerequisites.take() {
            spec.entry_requirement = Some(OneOrMany::One(self.note(&text).into()));
        }
        spec.accreditation = self
            .accreditation
            .take()
            .map(|a| OneOrMany::Many(vec![a.into()]));

        let mut awarding = AwardingProcess::new(self.next_id("awardingProcess"));
        awarding.awarding_body = Some(OneOrMany::Many(vec![issuer.clone().into()]));

        let mut achievement = LearningAchievement::new(self.next_id("learningAchievement"));
        achievement.title = Some(self.text(&title));
        achievement.awarded_by = Some(OneOrMany::One(awarding.clone().into()));
        achievement.specified_by = Some(OneOrMany::One(spec.into()));
        if self.assessment_type.is_some() || self.grade.is_some() || self.supervision.is_some() {
            let mut assessment = LearningAssessment::new(self.next_id("learningAssessment"));
            assessment.title = Some(self.text(&format!("Assessment of {title}")));
            assessment.awarded_by = Some(OneOrMany::One(awarding.into()));
            let grade = self.grade.take().unwrap_or_else(|| "Pass".into());
            assessment.grade = Some(OneOrMany::One(self.note(&grade).into()));
            assessment.id_verification = self.supervision.take().map(|s| OneOrMany::One(s.into()));
            let mut aspec = LearningAssessmentSpecification::new(
                self.next_id("learningAssessmentSpecification"),
            );
            aspec.title = assessment.title.clone();
            aspec.dc_type = self
                .assessment_type
                .take()
                .map(|t| OneOrMany::Many(vec![t.into()]));
            assessment.specified_by = Some(OneOrMany::One(aspec.into()));
            achievement.proven_by = Some(OneOrMany::Many(vec![assessment.into()]));
        }

        let mut learner = self.learner.take().expect("checked");
        learner.has_claim = Some(OneOrMany::Many(vec![Ref::from(Claim::Achievement(
            achievement,
        ))]));

        let mut display = DisplayParameter::new(self.next_id("displayParameter"));
        let english = vocab::language("ENG", "English");
        display.title = Some(self.text(&title));
        display.description = self.description.clone().map(|d| self.text(&d));
        display.language = Some(OneOrMany::Many(vec![english.clone().into()]));
        display.primary_language = Some(OneOrMany::One(english.clone().into()));
        let mut page = DisplayDetail::new(self.next_id("displayDetail"));
        page.page = Some(OneOrMany::One(1));
        page.image = Some(OneOrMany::One(placeholder_page(&mut self).into()));
        let mut individual = IndividualDisplay::new(self.next_id("individualDisplay"));
        individual.language = Some(OneOrMany::One(english.into()));
        individual.display_detail = Some(OneOrMany::Many(vec![page.into()]));
        display.individual_display = Some(OneOrMany::Many(vec![individual.into()]));

        let mut schema = CredentialSchema::new(EDC_GENERIC_FULL);
        schema.r#type = Some(OneOrMany::One("ShaclValidator2017".into()));

        let mut credential = Credential::new(self.id.clone());
        credential.context = Some(OneOrMany::Many(vec![
            ContextEntry::Iri(VC_V1_CONTEXT.into()),
            ContextEntry::Iri(EDC_AP_CONTEXT.into()),
        ]));
        credential.r#type = Some(OneOrMany::Many(vec![
            "VerifiableCredential".into(),
            "EuropeanDigitalCredential".into(),
        ]));
        credential.credential_profiles =
            Some(OneOrMany::Many(vec![vocab::generic_profile().into()]));
        credential.credential_schema = Some(OneOrMany::Many(vec![schema.into()]));
        credential.credential_subject = Some(OneOrMany::One(learner.into()));
        credential.issuer = Some(OneOrMany::One(issuer.into()));
        credential.valid_from = Some(OneOrMany::One(
            self.valid_from.take().unwrap_or_else(|| issued.clone()),
        ));
        credential.valid_until = self.valid_until.take().map(OneOrMany::One);
        credential.issuance_date = Some(OneOrMany::One(issued.clone()));
        credential.issued = Some(OneOrMany::One(issued));
        credential.display_parameter = Some(OneOrMany::One(display.into()));
        Ok(credential)
    }
}

/// A one-pixel white PNG as the display page: the profile requires an image per page, and the
/// Europass viewer renders its own page from the data anyway.
fn placeholder_page(builder: &mut MicroCredentialBuilder) -> MediaObject {
    const WHITE_PIXEL_PNG: &str =
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGP4DwABAQEAG1wKJQAAAABJRU5ErkJggg==";
    let mut media = MediaObject::new(builder.next_id("mediaObject"));
    media.content = Some(OneOrMany::One(WHITE_PIXEL_PNG.into()));
    media.content_encoding = Some(OneOrMany::One(
        vocab::concept(
            "http://data.europa.eu/snb/encoding/6146cde7dd",
            "http://data.europa.eu/snb/encoding/25831c2",
            "base64",
        )
        .into(),
    ));
    media.content_type = Some(OneOrMany::One(
        vocab::concept(
            "http://publications.europa.eu/resource/authority/file-type/PNG",
            "http://publications.europa.eu/resource/authority/file-type",
            "png",
        )
        .into(),
    ));
    media
}
