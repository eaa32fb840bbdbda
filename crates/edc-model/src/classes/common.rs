//! Classes used everywhere: concepts from controlled vocabularies, notes, web resources, media,
//! identifiers and periods of time.

use crate::node::elm_class;
use crate::values::{DateTime, LangText, OneOrMany, Ref};

elm_class! {
    /// A concept from a controlled vocabulary (`skos:Concept`), e.g. an EQF level, a country, a
    /// language or a credential type. Its `id` is the concept's IRI.
    Concept = "Concept" {
        /// The scheme (vocabulary) the concept belongs to.
        in_scheme: "inScheme" => OneOrMany<Ref<ConceptScheme>>,
        /// The preferred label, per language.
        pref_label: "prefLabel" => LangText,
        /// Alternative labels.
        alt_label: "altLabel" => LangText,
        /// The concept's definition.
        definition: "definition" => LangText,
        /// A code or notation (in the EU samples, often the scheme's short name).
        notation: "notation" => OneOrMany<String>,
    }
}

elm_class! {
    /// A controlled vocabulary (`skos:ConceptScheme`).
    ConceptScheme = "ConceptScheme" {
        /// The scheme's label.
        pref_label: "prefLabel" => LangText,
    }
}

elm_class! {
    /// A free-text note, optionally about a subject.
    Note = "Note" {
        /// The text, per language.
        note_literal: "noteLiteral" => LangText,
        /// The text's format (e.g. HTML), a concept.
        note_format: "noteFormat" => OneOrMany<Ref<Concept>>,
        /// What the note is about.
        subject: "subject" => OneOrMany<Ref<Concept>>,
    }
}

elm_class! {
    /// A web page or document on the web.
    WebResource = "WebResource" {
        /// The resource's address.
        content_url: "contentURL" => OneOrMany<String>,
        /// Its title.
        title: "title" => LangText,
        /// The language it is written in.
        language: "language" => OneOrMany<Ref<Concept>>,
    }
}

elm_class! {
    /// A piece of media carried in the credential, such as a logo or a rendered page.
    MediaObject = "MediaObject" {
        /// The content, encoded as `contentEncoding` says (base64 in the samples).
        content: "content" => OneOrMany<String>,
        /// The encoding, a concept.
        content_encoding: "contentEncoding" => OneOrMany<Ref<Concept>>,
        /// The media type, a concept (e.g. image/png).
        content_type: "contentType" => OneOrMany<Ref<Concept>>,
        /// The size in bytes.
        content_size: "contentSize" => OneOrMany<u64>,
        /// An address the content can be fetched from.
        content_url: "contentURL" => OneOrMany<String>,
    }
}

elm_class! {
    /// An identifier within a scheme (a student number, a registry code…).
    Identifier = "Identifier" {
        /// The identifier's value.
        notation: "notation" => OneOrMany<String>,
        /// The scheme's name.
        scheme_name: "schemeName" => OneOrMany<String>,
        /// The scheme's identifier.
        scheme_id: "schemeId" => OneOrMany<String>,
        /// The scheme's version.
        scheme_version: "schemeVersion" => OneOrMany<String>,
        /// The body that manages the scheme.
        scheme_agency: "schemeAgency" => LangText,
        /// Who created the identifier.
        creator: "creator" => OneOrMany<String>,
        /// When it was issued.
        date_issued: "dateIssued" => OneOrMany<DateTime>,
    }
}

elm_class! {
    /// A legal identifier (eIDAS identifier, national ID, VAT or tax number, registration) with
    /// the jurisdiction that issued it.
    LegalIdentifier = "LegalIdentifier" {
        /// The identifier's value.
        notation: "notation" => OneOrMany<String>,
        /// The jurisdiction (a country concept).
        spatial: "spatial" => OneOrMany<Ref<Concept>>,
        /// The scheme's name.
        scheme_name: "schemeName" => OneOrMany<String>,
        /// The body that manages the scheme.
        scheme_agency: "schemeAgency" => LangText,
        /// Who created the identifier.
        creator: "creator" => OneOrMany<String>,
        /// When it was issued.
        date_issued: "dateIssued" => OneOrMany<DateTime>,
    }
}

elm_class! {
    /// A period of time.
    PeriodOfTime = "PeriodOfTime" {
        /// When it starts.
        start_date: "startDate" => OneOrMany<DateTime>,
        /// When it ends.
        end_date: "endDate" => OneOrMany<DateTime>,
    }
}

elm_class! {
    /// A node of a class the model does not type in detail (a `holder`, `termsOfUse`,
    /// `refreshService`…): its `id`, `type` and every other member kept as written.
    Node = "Node" {}
}
