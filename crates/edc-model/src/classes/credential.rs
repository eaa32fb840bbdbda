//! The credential envelope (W3C VC 1.1 and the VC 2.0 fields EBSI uses) and presentations.

use super::{Concept, DisplayParameter, Evidence, Identifier, Node, Organisation, Person};
use crate::node::{elm_class, UnknownMembers};
use crate::values::{ContextEntry, DateTime, LangText, OneOrMany, Ref};
use serde::{Deserialize, Serialize};

/// The W3C VC 1.1 context IRI.
pub const VC_V1_CONTEXT: &str = "https://www.w3.org/2018/credentials/v1";
/// The W3C VC 2.0 context IRI.
pub const VC_V2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The EDC application profile context IRI (ELM v3).
pub const EDC_AP_CONTEXT: &str = "http://data.europa.eu/snb/model/context/edc-ap";
/// The generic EDC SHACL profile, the `credentialSchema` most credentials name.
pub const EDC_GENERIC_FULL: &str = "http://data.europa.eu/snb/model/ap/edc-generic-full";

elm_class! {
    /// A European Digital Credential: a W3C verifiable credential whose subject is described
    /// with the European Learning Model.
    Credential = "VerifiableCredential" {
        /// JSON-LD contexts (VC 1.1 + edc-ap for EDCs; VC 2.0 for EBSI's form).
        context: "@context" => OneOrMany<ContextEntry>,
        /// The EDC profiles this credential follows (Generic, Diploma Supplement…), concepts.
        credential_profiles: "credentialProfiles" => OneOrMany<Ref<Concept>>,
        /// The schemas (SHACL profiles, JSON schemas) it claims to conform to.
        credential_schema: "credentialSchema" => OneOrMany<Ref<CredentialSchema>>,
        /// The learner and their claims.
        credential_subject: "credentialSubject" => OneOrMany<Ref<Person>>,
        /// The issuer.
        issuer: "issuer" => OneOrMany<Ref<Organisation>>,
        /// When it was issued (ELM).
        issued: "issued" => OneOrMany<DateTime>,
        /// When it was issued (VC 1.1).
        issuance_date: "issuanceDate" => OneOrMany<DateTime>,
        /// When it becomes valid.
        valid_from: "validFrom" => OneOrMany<DateTime>,
        /// When it stops being valid.
        valid_until: "validUntil" => OneOrMany<DateTime>,
        /// When it expires (VC 1.1).
        expiration_date: "expirationDate" => OneOrMany<DateTime>,
        /// How it is displayed.
        display_parameter: "displayParameter" => OneOrMany<Ref<DisplayParameter>>,
        /// The kind of credential, a concept.
        dc_type: "dcType" => OneOrMany<Ref<Concept>>,
        /// Identifiers of the credential.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Evidence (e.g. the accreditation it was issued under).
        evidence: "evidence" => OneOrMany<Ref<Evidence>>,
        /// Where to check whether it was revoked or suspended.
        credential_status: "credentialStatus" => OneOrMany<Ref<CredentialStatus>>,
        /// Terms of use.
        terms_of_use: "termsOfUse" => OneOrMany<Ref<Node>>,
        /// Refresh services.
        refresh_service: "refreshService" => OneOrMany<Ref<Node>>,
        /// A name (VC 2.0).
        name: "name" => LangText,
        /// A description (VC 2.0).
        description: "description" => LangText,
        /// Data Integrity proofs.
        proof: "proof" => OneOrMany<Proof>,
    }
}

impl Credential {
    /// The first credential subject, when it is embedded.
    pub fn subject(&self) -> Option<&Person> {
        self.credential_subject.as_ref()?.first()?.node()
    }

    /// The issuer, when it is embedded.
    pub fn issuer_node(&self) -> Option<&Organisation> {
        self.issuer.as_ref()?.first()?.node()
    }

    /// The issuer's identifier, whether embedded or referenced.
    pub fn issuer_id(&self) -> Option<&str> {
        match self.issuer.as_ref()?.first()? {
            Ref::Id(id) => Some(id),
            Ref::Node(org) => org.id.as_deref(),
        }
    }

    /// The issue date: `issued`, else `issuanceDate`, else `validFrom`.
    pub fn issue_date(&self) -> Option<&DateTime> {
        [&self.issued, &self.issuance_date, &self.valid_from]
            .into_iter()
            .find_map(|d| d.as_ref()?.first())
    }

    /// The `credentialSchema` identifiers (SHACL profile IRIs and others).
    pub fn schema_ids(&self) -> Vec<&str> {
        self.credential_schema
            .iter()
            .flatten()
            .filter_map(|s| match s {
                Ref::Id(id) => Some(id.as_str()),
                Ref::Node(s) => s.id.as_deref(),
            })
            .collect()
    }

    /// The context IRIs, in order.
    pub fn context_iris(&self) -> Vec<&str> {
        self.context
            .iter()
            .flatten()
            .filter_map(ContextEntry::iri)
            .collect()
    }

    /// True when this is a VC 2.0 credential (its first context is the VC 2.0 one).
    pub fn is_vc2(&self) -> bool {
        self.context_iris().first() == Some(&VC_V2_CONTEXT)
    }

    /// The JSON pointer of every member the model could not type, anywhere in the credential.
    /// Empty for the EU samples: a non-empty list means data the typed model only carries.
    pub fn unknown_members(&self) -> Vec<String> {
        let mut out = Vec::new();
        UnknownMembers::unknown_members(self, "", &mut out);
        out
    }
}

elm_class! {
    /// A schema the credential conforms to: a SHACL profile (`ShaclValidator2017`) or a JSON
    /// schema (`JsonSchema`).
    CredentialSchema = "ShaclValidator2017" {}
}

elm_class! {
    /// A status entry: where and at which index to look up revocation or suspension
    /// (`BitstringStatusListEntry`, `StatusList2021Entry`, …).
    CredentialStatus = "BitstringStatusListEntry" {
        /// Revocation or suspension.
        status_purpose: "statusPurpose" => OneOrMany<String>,
        /// The index in the list, as a decimal string.
        status_list_index: "statusListIndex" => OneOrMany<String>,
        /// The status list credential's URL.
        status_list_credential: "statusListCredential" => OneOrMany<String>,
    }
}

elm_class! {
    /// A Data Integrity proof (`DataIntegrityProof` with a cryptosuite, or a legacy suite type).
    Proof = "DataIntegrityProof" {
        /// The proof's own context (for a proof taken out of its document).
        context: "@context" => OneOrMany<ContextEntry>,
        /// The cryptosuite, e.g. `eddsa-rdfc-2022`.
        cryptosuite: "cryptosuite" => OneOrMany<String>,
        /// When the proof was made.
        created: "created" => OneOrMany<DateTime>,
        /// When the proof stops being valid.
        expires: "expires" => OneOrMany<DateTime>,
        /// The key that made it.
        verification_method: "verificationMethod" => OneOrMany<String>,
        /// Why it was made (`assertionMethod`, `authentication`).
        proof_purpose: "proofPurpose" => OneOrMany<String>,
        /// The signature, multibase-encoded.
        proof_value: "proofValue" => OneOrMany<String>,
        /// A detached JWS (older suites).
        jws: "jws" => OneOrMany<String>,
        /// The challenge it answers.
        challenge: "challenge" => OneOrMany<String>,
        /// The domain it is bound to.
        domain: "domain" => OneOrMany<String>,
        /// A nonce.
        nonce: "nonce" => OneOrMany<String>,
        /// The proof(s) this one chains from.
        previous_proof: "previousProof" => OneOrMany<String>,
    }
}

elm_class! {
    /// A verifiable presentation: credentials a holder shows, optionally with the holder's proof.
    Presentation = "VerifiablePresentation" {
        /// JSON-LD contexts.
        context: "@context" => OneOrMany<ContextEntry>,
        /// The holder.
        holder: "holder" => OneOrMany<Ref<Node>>,
        /// The credentials presented.
        verifiable_credential: "verifiableCredential" => OneOrMany<PresentedCredential>,
        /// The holder's proofs.
        proof: "proof" => OneOrMany<Proof>,
    }
}

/// A credential inside a presentation: embedded JSON, or a compact JWT string.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PresentedCredential {
    /// A compact JWS/JWT string.
    Compact(String),
    /// An embedded credential.
    Embedded(Box<Credential>),
}

impl UnknownMembers for PresentedCredential {
    fn unknown_members(&self, pointer: &str, out: &mut Vec<String>) {
        if let PresentedCredential::Embedded(c) = self {
            c.unknown_members_at(pointer, out);
        }
    }
}

impl Credential {
    fn unknown_members_at(&self, pointer: &str, out: &mut Vec<String>) {
        UnknownMembers::unknown_members(self, pointer, out);
    }
}
