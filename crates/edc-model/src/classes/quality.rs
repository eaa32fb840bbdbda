//! Quality assurance and evidence: accreditations and the evidence behind a credential.

use super::{Concept, Identifier, Organisation, WebResource};
use crate::node::elm_class;
use crate::values::{DateTime, LangText, OneOrMany, Ref};

elm_class! {
    /// An accreditation of an organisation or a qualification by a quality-assurance body.
    Accreditation = "Accreditation" {
        /// Title.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// The kind of accreditation, a concept.
        dc_type: "dcType" => OneOrMany<Ref<Concept>>,
        /// The decision, a concept.
        decision: "decision" => OneOrMany<Ref<Concept>>,
        /// The accrediting body.
        accrediting_agent: "accreditingAgent" => OneOrMany<Ref<Organisation>>,
        /// The accredited organisation.
        organisation: "organisation" => OneOrMany<Ref<Organisation>>,
        /// The accredited qualification.
        limit_qualification: "limitQualification" => OneOrMany<Ref<super::LearningAchievementSpecification>>,
        /// Fields it is limited to.
        limit_field: "limitField" => OneOrMany<Ref<Concept>>,
        /// EQF levels it is limited to.
        limit_eqf_level: "limitEQFLevel" => OneOrMany<Ref<Concept>>,
        /// Jurisdictions it is limited to.
        limit_jurisdiction: "limitJurisdiction" => OneOrMany<Ref<Concept>>,
        /// Credential types it is limited to.
        limit_credential_type: "limitCredentialType" => OneOrMany<Ref<Concept>>,
        /// When it was issued.
        date_issued: "dateIssued" => OneOrMany<DateTime>,
        /// When it was last modified.
        date_modified: "dateModified" => OneOrMany<DateTime>,
        /// When it will be reviewed.
        review_date: "reviewDate" => OneOrMany<DateTime>,
        /// When it expires.
        expiry_date: "expiryDate" => OneOrMany<DateTime>,
        /// The accreditation report.
        report: "report" => OneOrMany<Ref<WebResource>>,
        /// Its landing page.
        landing_page: "landingPage" => OneOrMany<Ref<WebResource>>,
        /// Supplementary documents.
        supplementary_document: "supplementaryDocument" => OneOrMany<Ref<WebResource>>,
        /// Identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Home page.
        homepage: "homepage" => OneOrMany<Ref<WebResource>>,
    }
}

elm_class! {
    /// Evidence supporting the credential, e.g. the accreditation it was issued under.
    Evidence = "Evidence" {
        /// The kind of evidence, a concept.
        dc_type: "dcType" => OneOrMany<Ref<Concept>>,
        /// A statement of the evidence.
        evidence_statement: "evidenceStatement" => OneOrMany<String>,
        /// The accreditation this evidence refers to.
        accreditation: "accreditation" => OneOrMany<Ref<Accreditation>>,
        /// What the evidence is about.
        evidence_target: "evidenceTarget" => OneOrMany<String>,
        /// Evidence embedded as media.
        embedded_evidence: "embeddedEvidence" => OneOrMany<Ref<super::MediaObject>>,
        /// Supplementary documents.
        supplementary_document: "supplementaryDocument" => OneOrMany<Ref<WebResource>>,
    }
}
