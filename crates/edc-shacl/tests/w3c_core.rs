//! The W3C SHACL test suite's `core/` tests (data-shapes-test-suite), driven by its manifests:
//! each `sht:Validate` entry's data and shapes graphs are validated and our report is compared
//! with the expected one: `sh:conforms`, and the results as (focus node, path, value, component,
//! severity, source shape), blank nodes compared as blank.

use edc_context::Term;
use edc_shacl::{validate, Graph, Path, Shapes};
use edc_testkit::shared_path;
use std::collections::HashMap;
use std::path::{Path as FsPath, PathBuf};

const MF: &str = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#";
const SHT: &str = "http://www.w3.org/ns/shacl-test#";
const SH: &str = "http://www.w3.org/ns/shacl#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

fn file_iri(path: &FsPath) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

fn load(path: &FsPath) -> Graph {
    let text = std::fs::read_to_string(path).unwrap();
    Graph::from_turtle(&text, Some(&file_iri(path)))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn iri_path(iri: &str) -> PathBuf {
    PathBuf::from(iri.strip_prefix("file://").unwrap())
}

fn show(term: &Term) -> String {
    match term {
        Term::Iri(i) => format!("<{i}>"),
        Term::Blank(_) => "_:".into(),
        Term::Literal(l) => format!("{:?}^^{}@{:?}", l.value, l.datatype, l.language),
    }
}

type Row = (String, String, String, String, String, String);

fn expected_rows(g: &Graph, report: edc_shacl::Id) -> (bool, Vec<Row>) {
    let conforms = g
        .object_of(report, &format!("{SH}conforms"))
        .is_some_and(|c| matches!(g.term(c), Term::Literal(l) if l.value == "true"));
    let mut rows = Vec::new();
    for r in g.objects_of(report, &format!("{SH}result")) {
        let one = |p: &str| {
            g.object_of(r, &format!("{SH}{p}"))
                .map(|n| show(g.term(n)))
                .unwrap_or_default()
        };
        let path = g
            .object_of(r, &format!("{SH}resultPath"))
            .map(|p| {
                Path::read(g, p)
                    .map(|p| p.to_string())
                    .unwrap_or_else(String::from)
            })
            .unwrap_or_default();
        rows.push((
            one("focusNode"),
            path,
            one("value"),
            one("sourceConstraintComponent"),
            one("resultSeverity"),
            one("sourceShape"),
        ));
    }
    rows.sort();
    (conforms, rows)
}

fn includes(manifest: &FsPath, out: &mut Vec<PathBuf>) {
    let g = load(manifest);
    let Some(include) = g.iri_id(&format!("{MF}include")) else {
        return;
    };
    let mut found: Vec<PathBuf> = Vec::new();
    for (_, o) in g.nodes_with_predicate(include) {
        if let Term::Iri(iri) = g.term(o) {
            found.push(iri_path(iri));
        }
    }
    found.sort();
    for f in found {
        if f.file_name().is_some_and(|n| n == "manifest.ttl") {
            includes(&f, out);
        } else {
            out.push(f);
        }
    }
}

#[test]
fn w3c_shacl_core_tests_give_the_expected_reports() {
    let Some(root) =
        shared_path("vectors/w3c+data-shapes/data-shapes-test-suite/tests/core/manifest.ttl")
    else {
        return;
    };
    let mut files = Vec::new();
    includes(&root, &mut files);
    assert!(files.len() > 90, "{} test files", files.len());
    let mut passed = 0;
    let mut failures: Vec<String> = Vec::new();
    for file in &files {
        let g = load(file);
        let this = file_iri(file);
        let mut cache: HashMap<String, Graph> = HashMap::new();
        let validate_type = g.iri_id(&format!("{SHT}Validate"));
        let Some(validate_type) = validate_type else {
            continue;
        };
        let Some(type_p) = g.iri_id(RDF_TYPE) else {
            continue;
        };
        for entry in g.subjects(type_p, validate_type).collect::<Vec<_>>() {
            let name = show(g.term(entry));
            let action = g.object_of(entry, &format!("{MF}action")).unwrap();
            let graph_of = |p: &str| match g
                .object_of(action, &format!("{SHT}{p}"))
                .map(|n| g.term(n).clone())
            {
                Some(Term::Iri(iri)) => iri.to_string(),
                _ => this.clone(),
            };
            let (data_iri, shapes_iri) = (graph_of("dataGraph"), graph_of("shapesGraph"));
            for iri in [&data_iri, &shapes_iri] {
                if *iri != this && !cache.contains_key(iri) {
                    cache.insert(iri.clone(), load(&iri_path(iri)));
                }
            }
            let pick = |iri: &String| if *iri == this { &g } else { &cache[iri] };
            let shapes = match Shapes::read(pick(&shapes_iri)) {
                Ok(s) => s,
                Err(e) => {
                    failures.push(format!("{name}: shapes: {e}"));
                    continue;
                }
            };
            let report = validate(pick(&data_iri), &shapes);
            let result = g.object_of(entry, &format!("{MF}result")).unwrap();
            let (conforms, expected) = expected_rows(&g, result);
            let mut ours: Vec<Row> = report
                .results
                .iter()
                .map(|r| {
                    (
                        show(&r.focus_node),
                        r.path.as_ref().map(|p| p.to_string()).unwrap_or_default(),
                        r.value.as_ref().map(show).unwrap_or_default(),
                        format!("<{}>", r.component),
                        format!("<{}>", r.severity),
                        show(&r.source_shape),
                    )
                })
                .collect();
            ours.sort();
            if report.conforms == conforms && ours == expected {
                passed += 1;
            } else {
                failures.push(format!(
                    "{name}: conforms {} (expected {conforms})\n  ours:     {ours:?}\n  expected: {expected:?}",
                    report.conforms
                ));
            }
        }
    }
    let total = passed + failures.len();
    println!("W3C SHACL core: {passed}/{total} pass");
    for f in &failures {
        println!("FAIL {f}");
    }
    assert!(
        failures.is_empty(),
        "{} of {total} core tests fail",
        failures.len()
    );
}
