//! The micro-credential element report on the two EU micro-credential samples. The expected
//! present/missing sets were read by hand from the files (see the comments), not from our output.

use edc_model::{Document, McElement, MicroCredentialReport};
use edc_testkit::shared_path;
use McElement::*;

fn report_for(relative: &str) -> Option<MicroCredentialReport> {
    let path = shared_path(relative)?;
    let doc = Document::from_slice(&std::fs::read(path).unwrap()).unwrap();
    Some(MicroCredentialReport::for_credential(
        doc.credential().unwrap(),
    ))
}

fn assert_sets(report: &MicroCredentialReport, missing: &[McElement]) {
    for status in &report.elements {
        let expect_missing = missing.contains(&status.element);
        assert_eq!(
            status.is_present(),
            !expect_missing,
            "element {} ({}): found at {:?}",
            status.element.number(),
            status.element.name(),
            status.paths
        );
    }
}

#[test]
fn aa_annex1_mc_elements() {
    let Some(report) = report_for("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")
    else {
        return;
    };
    // By hand: no accreditation anywhere (no evidence, none on the Qualification or awarding
    // body); no isPartialQualification/hasPart/entitlesTo; no additionalNote, homepage or
    // supplementaryDocument on the claim or its Qualification.
    assert_sets(
        &report,
        &[QualityAssurance, Stackability, FurtherInformation],
    );
    assert_eq!(report.missing_mandatory(), vec![QualityAssurance]);
    let claim = "/credentialSubject/hasClaim/0";
    let paths = |e| report.status(e).paths.clone();
    assert_eq!(
        paths(Workload),
        vec![
            format!("{claim}/specifiedBy/creditPoint/0"),
            format!("{claim}/specifiedBy/volumeOfLearning")
        ]
    );
    assert_eq!(
        paths(Level),
        vec![
            format!("{claim}/specifiedBy/eqfLevel"),
            format!("{claim}/specifiedBy/nqfLevel")
        ]
    );
    assert_eq!(
        paths(AssessmentType),
        vec![format!("{claim}/provenBy/0/specifiedBy/dcType")]
    );
    assert_eq!(
        paths(Supervision),
        vec![format!("{claim}/provenBy/0/idVerification")]
    );
    assert_eq!(paths(Grade), vec![format!("{claim}/provenBy/0/grade")]);
    assert_eq!(
        paths(Prerequisites),
        vec![format!("{claim}/specifiedBy/entryRequirement")]
    );
    assert_eq!(
        paths(AwardingBody),
        vec![format!("{claim}/awardedBy/awardingBody")]
    );
    assert_eq!(
        paths(IssuerCountry),
        vec![format!(
            "{claim}/awardedBy/awardingBody/0/location/0/address/0/countryCode"
        )]
    );
    assert_eq!(
        paths(IssueDate),
        vec!["/issued", "/issuanceDate", "/validFrom"]
    );
    assert!(paths(Learner).contains(&"/credentialSubject/nationalID".to_string()));
    assert!(paths(FormOfParticipation).contains(&format!("{claim}/specifiedBy/mode")));
}

#[test]
fn sample_mc_annex1_elements() {
    // Unsigned 2023 sample: `hasClaim` is a single object (no index in the paths), the issuer has
    // no eIDAS identifier yet, and only `validFrom` dates it. The Qualification has
    // isPartialQualification (stackability). No accreditation, no further information.
    let Some(report) = report_for("europass/samples/elm-2023/Sample-MC-Annex1-unsigned.jsonld")
    else {
        return;
    };
    assert_sets(&report, &[QualityAssurance, FurtherInformation]);
    let claim = "/credentialSubject/hasClaim";
    assert_eq!(
        report.status(Stackability).paths,
        vec![format!("{claim}/specifiedBy/isPartialQualification")]
    );
    assert_eq!(report.status(IssueDate).paths, vec!["/validFrom"]);
    assert_eq!(
        report.status(Workload).paths[0],
        format!("{claim}/specifiedBy/creditPoint")
    );
    assert!(report
        .status(IssuerCountry)
        .paths
        .contains(&"/issuer/location/address/countryCode".to_string()));

    // Signed: the sealing added the issuer's eIDAS identifier (with its country) and `issued`;
    // its evidence carries a statement, not an accreditation.
    let Some(signed) = report_for("europass/samples/elm-2023/Sample-MC-Annex1-signed.jsonld")
    else {
        return;
    };
    assert_sets(&signed, &[QualityAssurance, FurtherInformation]);
    assert!(signed
        .status(IssuerCountry)
        .paths
        .contains(&"/issuer/eIDASIdentifier/spatial".to_string()));
    assert!(signed
        .status(IssueDate)
        .paths
        .contains(&"/issued".to_string()));
}

#[test]
fn the_builder_makes_a_complete_micro_credential() {
    use edc_model::{vocab, Accreditation, DateTime, LangText, OneOrMany, Ref};
    let mut accreditation = Accreditation::new("urn:epass:accreditation:1");
    accreditation.title = Some(LangText::new("en", "Programme accreditation"));
    let credential = edc_model::MicroCredentialBuilder::new("urn:credential:test")
        .title("Data literacy")
        .learner("urn:epass:person:1", "Ana", "Andromeda")
        .issuer(
            "urn:epass:org:1",
            "Learning Provider",
            "IE-123",
            vocab::country("IRL", "Ireland"),
        )
        .issued(DateTime::parse("2024-05-28T11:52:16+02:00").unwrap())
        .learning_outcome("Analyse data", None)
        .ects("5")
        .eqf_level(5)
        .assessment_type(vocab::assessment::written_examination())
        .mode(vocab::mode::online())
        .accreditation(accreditation)
        .build()
        .unwrap();
    let report = MicroCredentialReport::for_credential(&credential);
    assert!(
        report.missing_mandatory().is_empty(),
        "{:?}",
        report.missing_mandatory()
    );
    // And it round-trips like any document.
    let json = serde_json::to_string(&credential).unwrap();
    let again = Document::from_str(&json).unwrap();
    assert_eq!(again.credential().unwrap(), &credential);
    assert!(matches!(
        credential.issuer.as_ref().unwrap(),
        OneOrMany::One(Ref::Node(_))
    ));
}

#[test]
fn the_builder_names_what_is_missing() {
    let err = edc_model::MicroCredentialBuilder::new("urn:credential:x")
        .title("T")
        .build()
        .unwrap_err();
    assert_eq!(err.kind(), edc_model::ErrorKind::Data);
    assert_eq!(
        err.message(),
        "the micro-credential needs: learner, issuer, issued"
    );
}
