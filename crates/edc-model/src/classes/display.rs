//! How a credential is shown: display parameters, per-language displays and their pages.

use super::{Concept, MediaObject};
use crate::node::elm_class;
use crate::values::{LangText, OneOrMany, Ref};

elm_class! {
    /// How the credential is to be displayed.
    DisplayParameter = "DisplayParameter" {
        /// Title shown to the learner.
        title: "title" => LangText,
        /// Description.
        description: "description" => LangText,
        /// Languages the credential is displayed in.
        language: "language" => OneOrMany<Ref<Concept>>,
        /// The main language.
        primary_language: "primaryLanguage" => OneOrMany<Ref<Concept>>,
        /// One display per language.
        individual_display: "individualDisplay" => OneOrMany<Ref<IndividualDisplay>>,
        /// A summary display.
        summary_display: "summaryDisplay" => OneOrMany<String>,
    }
}

elm_class! {
    /// The display of the credential in one language.
    IndividualDisplay = "IndividualDisplay" {
        /// The language.
        language: "language" => OneOrMany<Ref<Concept>>,
        /// The pages.
        display_detail: "displayDetail" => OneOrMany<Ref<DisplayDetail>>,
    }
}

elm_class! {
    /// One rendered page of a display.
    DisplayDetail = "DisplayDetail" {
        /// The page image.
        image: "image" => OneOrMany<Ref<MediaObject>>,
        /// The page number.
        page: "page" => OneOrMany<u64>,
    }
}
