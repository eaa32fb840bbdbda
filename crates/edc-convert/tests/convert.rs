//! The converter on the example export (official profile, micro-credential elements), on a file
//! with bad rows, and a round trip of an EU sample's values through a one-row CSV.

use edc_convert::{ColumnSpec, ColumnType, Converter, Mapping, Output, Securing};
use edc_model::{Document, MicroCredentialReport};
use edc_shacl::ShapesSource;
use edc_shacl::{Graph, Profile};
use edc_testkit::{shared_path, workspace_root};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("edc-convert-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn example(file: &str) -> PathBuf {
    workspace_root().join("examples/provider-export").join(file)
}

#[test]
fn the_example_export_gives_conforming_micro_credentials() {
    let Some(shapes) = shared_path("europass/shacl") else {
        return;
    };
    let mapping = Mapping::load(&example("mapping.toml")).unwrap();
    let out = temp("example");
    // Three workers here (the other tests convert on the caller's thread, the default).
    let summary = Converter::new(mapping, ShapesSource::dir(&shapes), Securing::None)
        .with_workers(3)
        .run(
            &example("learners.csv"),
            &Output::Files(out.clone()),
            &|_| {},
        )
        .unwrap();
    assert_eq!(
        (summary.produced, summary.skipped),
        (300, 0),
        "{:?}",
        summary.errors
    );
    assert!(summary
        .profile
        .contains("official profile edc-generic-full"));
    // Each file, read back, conforms to edc-generic-full (the official shapes) and carries
    // every mandatory micro-credential element.
    let shapes = Profile::GenericFull.load(&shapes).unwrap();
    let processor = edc_context::JsonLdProcessor::new(edc_context::DocumentLoader::new());
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 300);
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let Document::Credential(credential) = Document::from_slice(&bytes).unwrap() else {
            panic!("{} is not a bare credential", file.display())
        };
        let missing = MicroCredentialReport::for_credential(&credential).missing_mandatory();
        assert!(missing.is_empty(), "{}: {missing:?}", file.display());
        let json: Value = serde_json::from_slice(&bytes).unwrap();
        let rdf = processor
            .to_rdf(&json, &edc_context::ToRdfOptions::strict())
            .unwrap();
        let report = edc_shacl::validate(&Graph::from_dataset(&rdf.dataset), &shapes);
        assert!(report.conforms, "{}: {:?}", file.display(), report.results);
    }
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn bad_rows_are_named_and_the_good_ones_produced() {
    let mapping = Mapping::load(&example("mapping.toml")).unwrap();
    let out = temp("bad-rows");
    let summary = Converter::new(mapping, ShapesSource::essentials_only(), Securing::None)
        .run(
            &example("learners-with-errors.csv"),
            &Output::Files(out.clone()),
            &|_| {},
        )
        .unwrap();
    assert_eq!((summary.produced, summary.skipped), (2, 3));
    let named: Vec<(usize, Option<&str>)> = summary
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref()))
        .collect();
    // The header is row 1: the second learner is row 3.
    assert_eq!(
        named,
        vec![
            (3, Some("family_name")),
            (4, Some("date_of_birth")),
            (5, Some("eqf_level"))
        ]
    );
    assert!(summary.errors[1].message.contains("31/02/2001"));
    assert!(out.join("L0001.jsonld").is_file() && out.join("L0005.jsonld").is_file());
    std::fs::remove_dir_all(&out).unwrap();
}

#[test]
fn an_eu_samples_values_in_a_one_row_csv_reproduce_its_subject() {
    let Some(sample) = shared_path("europass/samples/elm-2023/Sample-MC-Annex1-signed.jsonld")
    else {
        return;
    };
    let sealed: Value = serde_json::from_slice(&std::fs::read(sample).unwrap()).unwrap();
    let original: Value = serde_json::from_str(sealed["payload"].as_str().unwrap()).unwrap();
    // The template: the sample with the learner's values replaced by placeholders.
    let fields = [
        ("person", "/credentialSubject/id", ColumnType::Iri),
        ("given", "/credentialSubject/givenName/en", ColumnType::Text),
        (
            "family",
            "/credentialSubject/familyName/en",
            ColumnType::Text,
        ),
        (
            "born",
            "/credentialSubject/dateOfBirth",
            ColumnType::Datetime,
        ),
        (
            "email",
            "/credentialSubject/contactPoint/emailAddress/id",
            ColumnType::Text,
        ),
    ];
    let mut template = original.clone();
    let mut columns = BTreeMap::new();
    let mut header = Vec::new();
    let mut row = Vec::new();
    for (column, pointer, kind) in fields {
        let slot = template.pointer_mut(pointer).expect(pointer);
        row.push(slot.as_str().unwrap().to_string());
        *slot = Value::String(format!("{{{{{column}}}}}"));
        header.push(column);
        columns.insert(
            column.to_string(),
            ColumnSpec {
                kind,
                required: true,
                default: None,
            },
        );
    }
    // The full name is written from the two parts.
    *template
        .pointer_mut("/credentialSubject/fullName/en")
        .unwrap() = Value::String("{{given}} {{family}}".into());
    let dir = temp("round-trip");
    let csv = dir.join("one.csv");
    std::fs::write(&csv, format!("{}\n{}\n", header.join(","), row.join(","))).unwrap();
    let mapping = Mapping::new(template, columns, dir.join("mapping.toml")).unwrap();
    let out = dir.join("out.jsonl");
    let summary = Converter::new(mapping, ShapesSource::essentials_only(), Securing::None)
        .run(&csv, &Output::JsonLines(out.clone()), &|_| {})
        .unwrap();
    assert_eq!(summary.produced, 1, "{:?}", summary.errors);
    let produced: Value =
        serde_json::from_str(std::fs::read_to_string(&out).unwrap().trim()).unwrap();
    assert_eq!(produced["credentialSubject"], original["credentialSubject"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn json_lines_give_the_same_rows_as_csv() {
    // The bad-rows file again, one JSON object per line: the same two credentials and the same
    // three errors (a JSON lines file counts its first line as row 1).
    let text = std::fs::read_to_string(example("learners-with-errors.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    let jsonl: String = lines
        .map(|line| {
            let object: serde_json::Map<String, Value> = header
                .iter()
                .zip(line.split(','))
                .map(|(h, v)| (h.to_string(), Value::String(v.to_string())))
                .collect();
            format!("{}\n", Value::Object(object))
        })
        .collect();
    let dir = temp("jsonl");
    std::fs::write(dir.join("rows.jsonl"), jsonl).unwrap();
    let mapping = Mapping::load(&example("mapping.toml")).unwrap();
    let summary = Converter::new(mapping, ShapesSource::essentials_only(), Securing::None)
        .run(
            &dir.join("rows.jsonl"),
            &Output::Files(dir.join("out")),
            &|_| {},
        )
        .unwrap();
    let named: Vec<(usize, Option<&str>)> = summary
        .errors
        .iter()
        .map(|e| (e.row, e.column.as_deref()))
        .collect();
    assert_eq!(summary.produced, 2);
    assert_eq!(
        named,
        vec![
            (2, Some("family_name")),
            (3, Some("date_of_birth")),
            (4, Some("eqf_level"))
        ]
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn the_eu_issuers_spreadsheet_is_read_below_its_title_rows() {
    let Some(xlsx) = shared_path("europass/issuer-input/credential_data_input.xlsx") else {
        return;
    };
    // The EU's issuer spreadsheet puts a title on row 1, the classes on row 2 and the field
    // names on row 3 (sheet1.xml: B3 = issuanceDate, C3 = expirationDate; B4 = Property,
    // B5 = DateTime).
    let rows: Vec<_> = edc_convert::read_rows(&xlsx, 3)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    assert_eq!(rows[0].number, 4);
    assert_eq!(
        rows[0].cells.get("issuanceDate").map(String::as_str),
        Some("Property")
    );
    assert_eq!(
        rows[1].cells.get("issuanceDate").map(String::as_str),
        Some("DateTime")
    );
    assert_eq!(
        rows[1].cells.get("expirationDate").map(String::as_str),
        Some("DateTime")
    );
}

#[test]
fn the_eu_issuers_xls_recipients_are_read() {
    let Some(xls) = shared_path("europass/issuer-input/generated_graded_2_recipients.xls") else {
        return;
    };
    // The EU issuer's recipient sheet (BIFF .xls): field keys on row 3, a description row 4, two
    // recipients on rows 5 and 6 (as xlrd reads it: John Smith, Lotta Cookies).
    let rows: Vec<_> = edc_convert::read_rows(&xls, 3)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let named: Vec<(usize, Option<&str>, Option<&str>)> = rows
        .iter()
        .filter(|r| r.cells.contains_key("custom.field.person.lastName"))
        .map(|r| {
            (
                r.number,
                r.cells
                    .get("custom.field.person.firstName")
                    .map(String::as_str),
                r.cells
                    .get("custom.field.person.lastName")
                    .map(String::as_str),
            )
        })
        .collect();
    assert_eq!(
        named,
        vec![
            (
                4,
                Some("customization.description.mandatory"),
                Some("customization.description.mandatory")
            ),
            (5, Some("John"), Some("Smith")),
            (6, Some("Lotta"), Some("Cookies"))
        ]
    );
}
