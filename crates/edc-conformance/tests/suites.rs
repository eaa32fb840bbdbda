//! The built-in suites, one test each (failing with the list of failed cases), and the runner
//! itself: a deliberately broken expectation in a temporary manifest must make it fail.

use edc_conformance::{console, run_manifest, CaseOutcome, Manifest, Suite};
use edc_testkit::shared_dir;

fn run(suite: Suite) {
    let shared = if matches!(suite, Suite::Generated | Suite::Attacks) {
        None
    } else {
        match shared_dir() {
            Some(dir) => Some(dir),
            None => return,
        }
    };
    let result = suite.run(shared.as_deref());
    let text = console(std::slice::from_ref(&result));
    eprintln!("{text}");
    assert!(result.skipped.is_none(), "{text}");
    assert!(!result.cases.is_empty());
    let (_, failed) = result.counts();
    assert_eq!(failed, 0, "{text}");
}

#[test]
fn europass_suite() {
    run(Suite::Europass);
}

#[test]
fn w3c_suite() {
    run(Suite::W3c);
}

#[test]
fn generated_suite() {
    run(Suite::Generated);
}

#[test]
fn attacks_suite() {
    run(Suite::Attacks);
}

#[test]
fn a_broken_expectation_makes_the_runner_fail() {
    let Some(shared) = shared_dir() else { return };
    let manifest = Manifest::parse(
        r#"
suite = "broken"
root = "europass/samples"

[[case]]
input = "elm-2023/Sample-CertOfPart-unsigned.jsonld"
source = "deliberately wrong: an unsigned credential cannot pass integrity"
expect = { integrity = "ok", verdict = "verified" }

[[case]]
input = "elm-2023/Sample-CertOfPart-unsigned.jsonld"
source = "right"
expect = { integrity = "failed" }
"#,
    )
    .unwrap();
    let result = run_manifest(&manifest, &shared.join(&manifest.root));
    assert_eq!(result.counts(), (1, 1));
    match &result.cases[0].outcome {
        CaseOutcome::Failed(mismatches) => {
            assert_eq!(mismatches.len(), 2);
            assert_eq!(mismatches[0].check, "integrity");
            assert_eq!(mismatches[0].actual, "failed");
        }
        other => panic!("{other:?}"),
    }
    let text = console(std::slice::from_ref(&result));
    assert!(text.ends_with("1 passed, 1 failed\n"), "{text}");
    // Unknown names are refused when the manifest is read.
    assert!(Manifest::parse(
        "suite = \"x\"\n[[case]]\ninput = \"a\"\nexpect = { integrty = \"ok\" }\n"
    )
    .unwrap_err()
    .message()
    .contains("integrty"));
}
