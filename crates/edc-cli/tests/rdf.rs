//! `edc rdf` from the outside: the W3C rdf-canon suite on its N-Quads inputs (`--canonical
//! --input nquads`, `--rdfc-hash sha384` where the manifest says so), the W3C JSON-LD toRdf
//! suite's documents as plain JSON-LD with their published base IRI (`--base`), the file's own
//! IRI as the default base, `--expand`, and a reader that goes away early.

mod common;
use common::edc;
use edc_context::{canonicalize, parse_nquads, CanonOptions};
use edc_testkit::shared_path;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("UTF-8 output")
}

#[test]
fn rdf_canon_suite_through_the_cli() {
    let Some(root) = shared_path("vectors/w3c+rdf-canon/tests") else {
        return;
    };
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("manifest.jsonld")).unwrap())
            .unwrap();
    let (mut passed, mut not_applicable) = (0, 0);
    let mut failures = Vec::new();
    for entry in manifest["entries"].as_array().unwrap() {
        let id = entry["id"].as_str().unwrap();
        let input = root.join(entry["action"].as_str().unwrap());
        let input = input.to_str().unwrap();
        let mut args = vec!["rdf", "--canonical", "--input", "nquads"];
        if entry["hashAlgorithm"] == "SHA384" {
            args.extend(["--rdfc-hash", "sha384"]);
        }
        args.push(input);
        let ok = match entry["type"].as_str().unwrap() {
            "rdfc:RDFC10EvalTest" => {
                let expected =
                    std::fs::read_to_string(root.join(entry["result"].as_str().unwrap())).unwrap();
                let output = edc(&args);
                output.status.success() && stdout(&output) == expected
            }
            "rdfc:RDFC10NegativeEvalTest" => {
                let output = edc(&args);
                !output.status.success() && output.stdout.is_empty()
            }
            // Map tests check the issued identifiers, which the CLI does not print (the
            // library's suite test checks them).
            _ => {
                not_applicable += 1;
                continue;
            }
        };
        if ok {
            passed += 1;
        } else {
            failures.push(id.to_string());
        }
    }
    eprintln!("rdf-canon via edc rdf: {passed} passed, {} failed, {not_applicable} map tests not applicable", failures.len());
    assert!(passed > 60, "only {passed} rdf-canon tests ran");
    assert!(failures.is_empty(), "failed: {failures:?}");
}

/// The canonical form of an N-Quads text, computed by the library (the suite's expected
/// outputs label blank nodes their own way).
fn canonical(nquads: &str) -> String {
    canonicalize(&parse_nquads(nquads).unwrap(), CanonOptions::default())
        .unwrap()
        .nquads
}

#[test]
fn json_ld_to_rdf_documents_through_the_cli() {
    let Some(root) = shared_path("vectors/w3c+json-ld-api/tests") else {
        return;
    };
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(root.join("toRdf-manifest.jsonld")).unwrap())
            .unwrap();
    let mut failures = Vec::new();
    let mut passed = 0;
    for entry in manifest["sequence"].as_array().unwrap() {
        let types = entry["@type"].as_array().unwrap();
        let input_name = entry["input"].as_str().unwrap();
        let input = std::fs::read_to_string(root.join(input_name)).unwrap();
        let option = &entry["option"];
        // Documents that load other documents of the suite, or need options the CLI test
        // does not pass, are run by the library's suite test.
        let self_contained = !input.contains(".jsonld\"")
            && !input.contains("@import")
            && option.as_object().is_none_or(|o| {
                o.keys()
                    .all(|k| k == "specVersion" || k == "base" || k == "rdfDirection")
            })
            && option["specVersion"] != "json-ld-1.0";
        if !self_contained || !types.iter().any(|t| t == "jld:PositiveEvaluationTest") {
            continue;
        }
        let base = option["base"].as_str().map_or_else(
            || format!("https://w3c.github.io/json-ld-api/tests/{input_name}"),
            str::to_string,
        );
        let file = root.join(input_name);
        let mut args = vec!["rdf", "--base", &base, file.to_str().unwrap()];
        if let Some(direction) = option["rdfDirection"].as_str() {
            args.extend(["--rdf-direction", direction]);
        }
        let output = edc(&args);
        let expected =
            std::fs::read_to_string(root.join(entry["expect"].as_str().unwrap())).unwrap();
        if output.status.success() && canonical(&stdout(&output)) == canonical(&expected) {
            passed += 1;
        } else {
            failures.push(format!(
                "{} {input_name}: {}",
                entry["@id"],
                String::from_utf8_lossy(&output.stderr)
            ));
        }
    }
    eprintln!(
        "JSON-LD toRdf via edc rdf: {passed} passed, {} failed",
        failures.len()
    );
    assert!(passed > 100, "only {passed} toRdf documents ran");
    assert!(failures.is_empty(), "failed:\n{}", failures.join("\n"));
}

#[test]
fn default_base_is_the_file_and_expand_prints_expanded_json_ld() {
    let dir = std::env::temp_dir().join(format!("edc-rdf-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("doc.jsonld");
    std::fs::write(
        &file,
        r#"[{"@id": "me", "http://xmlns.com/foaf/0.1/knows": {"@id": "you"}}]"#,
    )
    .unwrap();
    let path = file.to_str().unwrap();
    let absolute = std::fs::canonicalize(&file).unwrap();
    let me = format!(
        "<file://{}>",
        absolute.parent().unwrap().join("me").display()
    );
    let output = edc(&["rdf", path]);
    assert!(output.status.success(), "{output:?}");
    let text = stdout(&output);
    assert!(text.starts_with(&me), "{text}");

    let output = edc(&["rdf", "--base", "https://example.org/a/", path]);
    assert_eq!(
        stdout(&output),
        "<https://example.org/a/me> <http://xmlns.com/foaf/0.1/knows> <https://example.org/a/you> .\n"
    );

    // Without a base the triple is dropped, said, and refused by --strict.
    let output = edc(&["rdf", "--no-base", path]);
    assert!(output.status.success());
    assert_eq!(stdout(&output), "");
    assert!(String::from_utf8_lossy(&output.stderr).contains("relative IRI reference"));
    let output = edc(&["rdf", "--strict", path]);
    assert_eq!(output.status.code(), Some(1));

    let output = edc(&["rdf", "--expand", "--base", "https://example.org/a/", path]);
    let expanded: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        expanded,
        serde_json::json!([{"@id": "https://example.org/a/me",
            "http://xmlns.com/foaf/0.1/knows": [{"@id": "https://example.org/a/you"}]}])
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_reader_that_goes_away_ends_the_command_quietly() {
    let Some(sample) =
        shared_path("europass/samples/elm-support-2024/Sample-JointDegree-signed.jsonld")
    else {
        return;
    };
    let mut child = Command::new(env!("CARGO_BIN_EXE_edc"))
        .args(["rdf", sample.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The pipe is closed here; edc still has about a thousand lines to write.
    let output = child.wait_with_output().unwrap();
    assert!(first.ends_with(" .\n"), "{first}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}
