//! People, organisations and how to reach them.

use super::{
    Accreditation, Claim, Concept, Identifier, LegalIdentifier, MediaObject, Note, WebResource,
};
use crate::node::elm_class;
use crate::values::{DateTime, LangText, OneOrMany, Ref};

elm_class! {
    /// The learner: a credential's subject.
    Person = "Person" {
        /// Full name, per language.
        full_name: "fullName" => LangText,
        /// Given name(s).
        given_name: "givenName" => LangText,
        /// Family name(s).
        family_name: "familyName" => LangText,
        /// Name at birth.
        birth_name: "birthName" => LangText,
        /// Patronymic name.
        patronymic_name: "patronymicName" => LangText,
        /// Date of birth.
        date_of_birth: "dateOfBirth" => OneOrMany<DateTime>,
        /// Place of birth.
        place_of_birth: "placeOfBirth" => OneOrMany<Ref<Location>>,
        /// National identifier, with the issuing country.
        national_id: "nationalID" => OneOrMany<Ref<LegalIdentifier>>,
        /// Other identifiers (student number…).
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Citizenship, as country concepts.
        citizenship_country: "citizenshipCountry" => OneOrMany<Ref<Concept>>,
        /// Gender, a concept from the human-sex authority table.
        gender: "gender" => OneOrMany<Ref<Concept>>,
        /// Contact points.
        contact_point: "contactPoint" => OneOrMany<Ref<ContactPoint>>,
        /// Groups the person belongs to.
        group_member_of: "memberOf" => OneOrMany<Ref<Group>>,
        /// What the credential says about the learner: achievements, activities, assessments
        /// and entitlements.
        has_claim: "hasClaim" => OneOrMany<Ref<Claim>>,
        /// Credentials the person holds.
        has_credential: "hasCredential" => OneOrMany<String>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// An organisation: an issuer, an awarding body, an accrediting agent…
    Organisation = "Organisation" {
        /// Legal name, per language.
        legal_name: "legalName" => LangText,
        /// Other names (short names, acronyms).
        alt_label: "altLabel" => LangText,
        /// Preferred label.
        pref_label: "prefLabel" => LangText,
        /// The eIDAS legal identifier, which the seal certificate's organisation identifier
        /// must match for an issuer.
        eidas_identifier: "eIDASIdentifier" => OneOrMany<Ref<LegalIdentifier>>,
        /// Registration number.
        registration: "registration" => OneOrMany<Ref<LegalIdentifier>>,
        /// VAT number.
        vat_identifier: "vatIdentifier" => OneOrMany<Ref<LegalIdentifier>>,
        /// Tax identifier.
        tax_identifier: "taxIdentifier" => OneOrMany<Ref<LegalIdentifier>>,
        /// Other identifiers.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Where it is.
        location: "location" => OneOrMany<Ref<Location>>,
        /// How to reach it.
        contact_point: "contactPoint" => OneOrMany<Ref<ContactPoint>>,
        /// Home page.
        homepage: "homepage" => OneOrMany<Ref<WebResource>>,
        /// Logo.
        logo: "logo" => OneOrMany<Ref<MediaObject>>,
        /// Accreditations of the organisation (quality assurance).
        accreditation: "accreditation" => OneOrMany<Ref<Accreditation>>,
        /// Groups it belongs to.
        group_member_of: "groupMemberOf" => OneOrMany<Ref<Group>>,
        /// Members.
        has_member: "hasMember" => OneOrMany<Ref<Person>>,
        /// Parent organisation.
        sub_organization_of: "subOrganizationOf" => OneOrMany<Ref<Organisation>>,
        /// Child organisations.
        has_sub_organization: "hasSubOrganization" => OneOrMany<Ref<Organisation>>,
        /// When the record was last modified.
        date_modified: "dateModified" => OneOrMany<DateTime>,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// A group of organisations or people (an alliance, a network).
    Group = "Group" {
        /// The group's name.
        pref_label: "prefLabel" => LangText,
        /// Other names.
        alt_label: "altLabel" => LangText,
        /// How to reach it.
        contact_point: "contactPoint" => OneOrMany<Ref<ContactPoint>>,
        /// Members.
        member: "member" => OneOrMany<Ref<Organisation>>,
    }
}

elm_class! {
    /// A way to get in touch: address, e-mail, phone, web form.
    ContactPoint = "ContactPoint" {
        /// Postal addresses.
        address: "address" => OneOrMany<Ref<Address>>,
        /// E-mail addresses.
        email_address: "emailAddress" => OneOrMany<Ref<Mailbox>>,
        /// Phone numbers.
        phone: "phone" => OneOrMany<Ref<Phone>>,
        /// Web contact forms.
        contact_form: "contactForm" => OneOrMany<Ref<WebResource>>,
        /// What this contact point is for.
        description: "description" => LangText,
        /// Notes.
        additional_note: "additionalNote" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// A postal address.
    Address = "Address" {
        /// The country, a concept from the EU country authority table.
        country_code: "countryCode" => OneOrMany<Ref<Concept>>,
        /// The address as one text.
        full_address: "fullAddress" => OneOrMany<Ref<Note>>,
    }
}

elm_class! {
    /// A place.
    Location = "Location" {
        /// Its addresses.
        address: "address" => OneOrMany<Ref<Address>>,
        /// Its name.
        geographic_name: "geographicName" => LangText,
        /// A description.
        description: "description" => LangText,
        /// Codes for the place (NUTS…).
        spatial_code: "spatialCode" => OneOrMany<Ref<Concept>>,
        /// Identifiers of the place.
        identifier: "identifier" => OneOrMany<Ref<Identifier>>,
        /// Plain identifiers (`dcterms:identifier` as a compact IRI), as the EDC software writes
        /// them for locations.
        dc_identifier: "dc:identifier" => OneOrMany<String>,
    }
}

elm_class! {
    /// An e-mail address; the `id` is the `mailto:` IRI.
    Mailbox = "Mailbox" {}
}

elm_class! {
    /// A phone number.
    Phone = "Phone" {
        /// The full number.
        phone_number: "phoneNumber" => OneOrMany<String>,
        /// The country dialling code.
        country_dialing: "countryDialing" => OneOrMany<String>,
        /// The area dialling code.
        area_dialing_code: "areaDialingCode" => OneOrMany<String>,
        /// The number without prefixes.
        dial_number: "dialNumber" => OneOrMany<String>,
    }
}
