//! The W3C VC 2.0 data-model test suite's inputs: every `*-ok` passes the format check and
//! every `*-fail` (and `*-fail-or-inject`) fails it. The expectation is the suite's own naming.

use edc_testkit::{files_in, shared_path};
use edc_verifier::{CheckName, Outcome, Verifier};

#[test]
fn vc2_suite_inputs_pass_or_fail_the_format_check_as_named() {
    let Some(root) = shared_path("vectors/w3c+vc-data-model-2.0-test-suite/tests/input") else {
        return;
    };
    let mut files = files_in(&root, &[".json"]);
    files.extend(files_in(&root.join("names-and-descriptions"), &[".json"]));
    let verifier = Verifier::builder().build();
    let (mut ok_cases, mut fail_cases, mut wrong) = (0, 0, Vec::new());
    for file in &files {
        let name = file.file_name().unwrap().to_string_lossy().to_string();
        let expect_ok = if name.ends_with("-ok.json") {
            true
        } else if name.ends_with("-fail.json") || name.ends_with("-fail-or-inject.json") {
            false
        } else {
            continue; // presentation-self-asserted-*: no format expectation in the name
        };
        // The suite's harness puts real dates where its inputs say PAST DATE / FUTURE DATE.
        let text = std::fs::read_to_string(file)
            .unwrap()
            .replace("PAST DATE", "2020-01-01T00:00:00Z")
            .replace("FUTURE DATE", "2999-01-01T00:00:00Z");
        let report = verifier.verify(text.as_bytes());
        let format = report.get(CheckName::Format).unwrap();
        let right = match format {
            Outcome::Ok(_) => expect_ok,
            Outcome::Failed(_) => !expect_ok,
            _ => false,
        };
        if expect_ok {
            ok_cases += 1
        } else {
            fail_cases += 1
        }
        if !right {
            wrong.push(format!("{name}: {format:?}"));
        }
    }
    eprintln!(
        "VC 2.0 data-model inputs: {ok_cases} ok and {fail_cases} fail cases, {} wrong",
        wrong.len()
    );
    assert!(ok_cases + fail_cases >= 100, "too few cases found");
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
