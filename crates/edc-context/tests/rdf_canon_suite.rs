//! The W3C RDF Dataset Canonicalization test suite, driven by its own manifest: eval tests
//! (canonical N-Quads), map tests (the issued identifiers) and the negative test (a poison graph
//! must be refused). No test is skipped.

use edc_context::{canonicalize, parse_nquads, CanonOptions, HashAlgorithm};
use edc_testkit::shared_path;
use serde_json::Value;
use std::collections::BTreeMap;

#[test]
fn w3c_rdf_canon_suite() {
    let Some(root) = shared_path("vectors/w3c+rdf-canon/tests") else {
        return;
    };
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("manifest.jsonld")).unwrap())
            .unwrap();
    let entries = manifest["entries"].as_array().unwrap();
    let mut passed = 0;
    let mut failures = Vec::new();
    for entry in entries {
        let id = entry["id"].as_str().unwrap();
        let kind = entry["type"].as_str().unwrap();
        let input = std::fs::read_to_string(root.join(entry["action"].as_str().unwrap())).unwrap();
        let dataset = parse_nquads(&input).unwrap_or_else(|e| panic!("{id}: {e}"));
        let hash = match entry["hashAlgorithm"].as_str() {
            Some("SHA384") => HashAlgorithm::Sha384,
            Some(other) => panic!("{id}: unknown hash algorithm {other}"),
            None => HashAlgorithm::Sha256,
        };
        let result = canonicalize(&dataset, CanonOptions::default().with_hash(hash));
        let ok = match kind {
            "rdfc:RDFC10EvalTest" => {
                let expected =
                    std::fs::read_to_string(root.join(entry["result"].as_str().unwrap())).unwrap();
                result.as_ref().is_ok_and(|c| c.nquads == expected)
            }
            "rdfc:RDFC10MapTest" => {
                let expected: BTreeMap<String, String> = serde_json::from_str(
                    &std::fs::read_to_string(root.join(entry["result"].as_str().unwrap())).unwrap(),
                )
                .unwrap();
                result.as_ref().is_ok_and(|c| c.issued == expected)
            }
            "rdfc:RDFC10NegativeEvalTest" => result.is_err(),
            other => panic!("{id}: unknown test type {other}"),
        };
        if ok {
            passed += 1;
        } else {
            failures.push(format!("{id} ({kind}): {result:?}"));
        }
    }
    eprintln!("rdf-canon: {passed} of {} passed", entries.len());
    assert!(
        failures.is_empty(),
        "{} failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert_eq!(passed, entries.len());
}
