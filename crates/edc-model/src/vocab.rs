//! Well-known concepts of the EU controlled vocabularies the builder uses. The IRIs are the
//! published ones (`http://data.europa.eu/snb/…`, `http://publications.europa.eu/resource/authority/…`).

use crate::classes::{Concept, ConceptScheme};
use crate::values::{LangText, OneOrMany, Ref};

/// A concept in a scheme, with an English label.
pub fn concept(iri: &str, scheme: &str, label_en: &str) -> Concept {
    let mut c = Concept::new(iri);
    c.in_scheme = Some(OneOrMany::One(Ref::from(ConceptScheme::new(scheme))));
    c.pref_label = Some(LangText::new("en", label_en));
    c
}

/// The scheme IRI of a concept IRI in the `data.europa.eu/snb` style (`…/eqf/6` → `…/eqf/25831c2`).
fn snb_scheme(base: &str) -> String {
    format!("http://data.europa.eu/snb/{base}/25831c2")
}

/// An EQF level (1–8).
pub fn eqf_level(level: u8) -> Concept {
    concept(
        &format!("http://data.europa.eu/snb/eqf/{level}"),
        &snb_scheme("eqf"),
        &format!("Level {level}"),
    )
}

/// The ECTS credit framework.
pub fn ects() -> Concept {
    concept(
        crate::classes::ECTS_FRAMEWORK,
        &snb_scheme("education-credit"),
        "European Credit Transfer System",
    )
}

/// A country from the EU authority table by its ISO 3166-1 alpha-3 code (`IRL`, `ITA`…).
pub fn country(alpha3: &str, label_en: &str) -> Concept {
    let mut c = concept(
        &format!("http://publications.europa.eu/resource/authority/country/{alpha3}"),
        "http://publications.europa.eu/resource/authority/country",
        label_en,
    );
    c.notation = Some(OneOrMany::One("country".into()));
    c
}

/// A language from the EU authority table by its code (`ENG`…).
pub fn language(code: &str, label_en: &str) -> Concept {
    let mut c = concept(
        &format!("http://publications.europa.eu/resource/authority/language/{code}"),
        "http://publications.europa.eu/resource/authority/language",
        label_en,
    );
    c.notation = Some(OneOrMany::One("language".into()));
    c
}

/// An ESCO skill by its IRI and English label.
pub fn esco_skill(iri: &str, label_en: &str) -> Concept {
    let mut c = concept(
        iri,
        "http://data.europa.eu/esco/concept-scheme/skills",
        label_en,
    );
    c.notation = Some(OneOrMany::One("Skill".into()));
    c
}

/// The "Generic" EDC credential profile.
pub fn generic_profile() -> Concept {
    concept(
        "http://data.europa.eu/snb/credential/e34929035b",
        &snb_scheme("credential"),
        "Generic",
    )
}

/// Kinds of accreditation (the `accreditation` vocabulary).
pub mod accreditation {
    use super::*;

    /// Programme quality assurance.
    pub fn programme_quality_assurance() -> Concept {
        concept(
            "http://data.europa.eu/snb/accreditation/820101cba6",
            &snb_scheme("accreditation"),
            "Program Quality Assurance",
        )
    }
}

/// Forms of participation (the `mode` vocabulary).
pub mod mode {
    use super::*;
    /// Online.
    pub fn online() -> Concept {
        concept(
            "http://data.europa.eu/snb/learning-assessment/920fbb3cbe",
            &snb_scheme("learning-assessment"),
            "Online",
        )
    }
    /// Blended.
    pub fn blended() -> Concept {
        concept(
            "http://data.europa.eu/snb/learning-assessment/e92d221e4d",
            &snb_scheme("learning-assessment"),
            "Blended",
        )
    }
    /// In person.
    pub fn presential() -> Concept {
        concept(
            "http://data.europa.eu/snb/learning-assessment/9191af2ed9",
            &snb_scheme("learning-assessment"),
            "Presential",
        )
    }
}

/// Types of assessment (the `assessment` vocabulary).
pub mod assessment {
    use super::*;
    /// Written examination.
    pub fn written_examination() -> Concept {
        concept(
            "http://data.europa.eu/snb/assessment/6e6cb2cc78",
            &snb_scheme("assessment"),
            "written examination",
        )
    }
    /// Artefact assessment.
    pub fn artefact() -> Concept {
        concept(
            "http://data.europa.eu/snb/assessment/de4d165a6c",
            &snb_scheme("assessment"),
            "artefact assessment",
        )
    }
    /// Continuous evaluation.
    pub fn continuous() -> Concept {
        concept(
            "http://data.europa.eu/snb/assessment/3484bd7e51",
            &snb_scheme("assessment"),
            "continuous evaluation",
        )
    }
}

/// Supervision and identity verification during assessment.
pub mod supervision {
    use super::*;
    /// Supervised, with identity verification.
    pub fn supervised_with_id() -> Concept {
        concept(
            "http://data.europa.eu/snb/supervision-verification/70be69aaf9",
            &snb_scheme("supervision-verification"),
            "Supervised with ID Verification",
        )
    }
    /// Unsupervised, without identity verification.
    pub fn unsupervised_without_id() -> Concept {
        concept(
            "http://data.europa.eu/snb/supervision-verification/c598449d64",
            &snb_scheme("supervision-verification"),
            "Unsupervised without ID Verification",
        )
    }
}

/// ISO 3166-1 alpha-3 → alpha-2 for the countries whose organisations hold eSeals (EU, EEA,
/// candidates and neighbours).
pub(crate) const ALPHA3: &[(&str, &str)] = &[
    ("AUT", "AT"),
    ("BEL", "BE"),
    ("BGR", "BG"),
    ("HRV", "HR"),
    ("CYP", "CY"),
    ("CZE", "CZ"),
    ("DNK", "DK"),
    ("EST", "EE"),
    ("FIN", "FI"),
    ("FRA", "FR"),
    ("DEU", "DE"),
    ("GRC", "GR"),
    ("HUN", "HU"),
    ("IRL", "IE"),
    ("ITA", "IT"),
    ("LVA", "LV"),
    ("LTU", "LT"),
    ("LUX", "LU"),
    ("MLT", "MT"),
    ("NLD", "NL"),
    ("POL", "PL"),
    ("PRT", "PT"),
    ("ROU", "RO"),
    ("SVK", "SK"),
    ("SVN", "SI"),
    ("ESP", "ES"),
    ("SWE", "SE"),
    ("ISL", "IS"),
    ("LIE", "LI"),
    ("NOR", "NO"),
    ("CHE", "CH"),
    ("GBR", "GB"),
    ("ALB", "AL"),
    ("BIH", "BA"),
    ("MNE", "ME"),
    ("MKD", "MK"),
    ("SRB", "RS"),
    ("TUR", "TR"),
    ("UKR", "UA"),
    ("MDA", "MD"),
    ("GEO", "GE"),
    ("XKX", "XK"),
    ("AND", "AD"),
    ("MCO", "MC"),
    ("SMR", "SM"),
    ("VAT", "VA"),
    ("USA", "US"),
    ("CAN", "CA"),
];

/// The ISO 3166-1 alpha-2 code of an alpha-3 code (`EST` → `EE`), for the countries whose
/// organisations hold eSeals (EU, EEA, candidates and neighbours).
pub fn country_alpha2(alpha3: &str) -> Option<&'static str> {
    ALPHA3
        .iter()
        .find(|(three, _)| *three == alpha3)
        .map(|(_, two)| *two)
}

/// The alpha-3 code of an alpha-2 code (`EE` → `EST`; Greece's VAT prefix `EL` → `GRC`).
pub fn country_alpha3(alpha2: &str) -> Option<&'static str> {
    let alpha2 = if alpha2 == "EL" { "GR" } else { alpha2 };
    ALPHA3
        .iter()
        .find(|(_, two)| *two == alpha2)
        .map(|(three, _)| *three)
}
