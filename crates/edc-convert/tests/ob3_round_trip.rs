//! Open Badges 3.0 ↔ ELM on the EU's micro-credential samples: each converted to an
//! OpenBadgeCredential (which has no departure from the OB 3.0 data model and is JSON-LD
//! without data loss under the OB 3.0 context) and back keeps the title, the learner, the
//! awarding body, the issue date, the learning outcomes, the ECTS credits and the EQF level. A
//! sample without an issuer yet (an upload before issuance) is refused with the reason.

use edc_context::{DocumentLoader, JsonLdProcessor, ToRdfOptions};
use edc_convert::ob3::{elm_to_ob3, ob3_to_elm, OB3_CONTEXT};
use edc_model::{CredentialSummary, Document, Summary};
use edc_testkit::shared_path;

fn summary(document: &Document) -> CredentialSummary {
    Summary::of(document, "en")
        .credential
        .expect("a credential")
}

fn number(text: &Option<String>) -> Option<f64> {
    text.as_deref().and_then(|t| {
        t.chars()
            .filter(|c| c.is_ascii_digit() || *c == '.')
            .collect::<String>()
            .parse()
            .ok()
    })
}

#[test]
fn eu_micro_credentials_survive_the_round_trip() {
    let (Some(samples), Some(context)) = (
        shared_path("europass/samples"),
        shared_path("vectors/1EdTech+openbadges-specification/ob_v3p0/context-3.0.3.json"),
    ) else {
        return;
    };
    let processor = JsonLdProcessor::new(DocumentLoader::new().with_file(OB3_CONTEXT, context));
    let generic_full = shared_path("europass/shacl").map(|dir| {
        edc_shacl::Profile::GenericFull
            .load(&dir)
            .expect("the official profile")
    });
    let files = [
        "elm-2023/Sample-MC-Annex1-unsigned.jsonld",
        "elm-2023/Sample-MC-Annex1-unsigned-uploadable.json",
        "elm-2023/Sample-MC-Annex1-signed.jsonld",
        "elm-support-2024/AA-Annex1-MC-unsigned.json",
        "elm-support-2024/AA-Annex1-MC-signed.jsonld",
    ];
    for name in files {
        let original = Document::from_slice(&std::fs::read(samples.join(name)).unwrap()).unwrap();
        let before = summary(&original);
        // An upload wrapper before issuance has no issuer yet (the EU's issuer fills it): an
        // Open Badges credential cannot exist without one, and the conversion says so.
        if before.issuer.as_ref().is_none_or(|i| i.id.is_none()) {
            let error = elm_to_ob3(&original, "en").expect_err(name);
            assert!(error.message().contains("issuer"), "{name}: {error}");
            continue;
        }
        let badge = elm_to_ob3(&original, "en").unwrap_or_else(|e| panic!("{name}: {e}"));
        let problems = edc_model::ob3::shape_problems(&badge.credential);
        assert!(problems.is_empty(), "{name}: {problems:?}");
        let rdf = processor
            .to_rdf(&badge.credential, &ToRdfOptions::strict())
            .unwrap_or_else(|e| panic!("{name}: the badge is not JSON-LD without loss: {e}"));
        assert!(rdf.dataset.quads.len() > 10, "{name}");
        let back = ob3_to_elm(&badge.credential).unwrap_or_else(|e| panic!("{name}: {e}"));
        // The ELM credential conforms to the official edc-generic-full profile (pySHACL's
        // verdicts are what edc-shacl gives on the EU corpus).
        // Whenever the original does: the EU's unsigned sample names its issuer by a VAT number
        // only, which the profile refuses (it wants an eIDAS identifier) before and after.
        if let Some(shapes) = &generic_full {
            let violations = |credential: &serde_json::Value| -> Vec<String> {
                let rdf = JsonLdProcessor::default()
                    .to_rdf(credential, &ToRdfOptions::lenient())
                    .unwrap_or_else(|e| panic!("{name}: {e}"));
                edc_shacl::validate(&edc_shacl::Graph::from_dataset(&rdf.dataset), shapes)
                    .findings()
                    .map(|r| format!("{} {}", r.focus_label(), r.component_name()))
                    .collect()
            };
            let original_violations = violations(&original.json_ld());
            let back_violations = violations(&back.credential);
            eprintln!(
                "{name}: edc-generic-full violations: original {}, converted back {}",
                original_violations.len(),
                back_violations.len()
            );
            if original_violations.is_empty() {
                assert!(back_violations.is_empty(), "{name}: {back_violations:?}");
            } else {
                assert!(
                    back_violations.len() <= original_violations.len(),
                    "{name}: {back_violations:?} / {original_violations:?}"
                );
            }
        }
        let back = Document::from_slice(back.credential.to_string().as_bytes()).unwrap();
        let after = summary(&back);

        assert_eq!(after.title, before.title, "{name}: title");
        let (l0, l1) = (
            before.learner.clone().unwrap(),
            after.learner.clone().unwrap(),
        );
        assert_eq!((l1.id, l1.name), (l0.id, l0.name), "{name}: learner");
        let (i0, i1) = (
            before.issuer.clone().unwrap(),
            after.issuer.clone().unwrap(),
        );
        assert_eq!(
            (
                i1.id,
                i1.name,
                i1.eidas_identifier,
                i1.vat_identifier,
                i1.country_iri
            ),
            (
                i0.id,
                i0.name,
                i0.eidas_identifier,
                i0.vat_identifier,
                i0.country_iri
            ),
            "{name}: awarding body"
        );
        let issued = |s: &CredentialSummary| s.issued.clone().or(s.valid_from.clone());
        assert_eq!(
            issued(&after).map(|d| d[..19].to_string()),
            issued(&before).map(|d| d[..19].to_string()),
            "{name}: issue date"
        );
        let (c0, c1) = (&before.claims[0], &after.claims[0]);
        let mut outcomes = (c0.outcomes.clone(), c1.outcomes.clone());
        outcomes.0.sort();
        outcomes.1.sort();
        assert_eq!(outcomes.1, outcomes.0, "{name}: learning outcomes");
        assert!(!outcomes.0.is_empty(), "{name}: outcomes to carry");
        assert_eq!(number(&c1.ects), number(&c0.ects), "{name}: ECTS");
        assert!(number(&c0.ects).is_some(), "{name}: ECTS to carry");
        assert_eq!(number(&c1.eqf), number(&c0.eqf), "{name}: EQF");
        assert!(number(&c0.eqf).is_some(), "{name}: EQF to carry");
        // What did not carry over is said.
        assert!(!badge.not_carried.is_empty(), "{name}");
    }
}
