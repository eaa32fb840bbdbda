//! The W3C JSON-LD 1.1 test suite (`toRdf` and `expand`), driven by its own manifests from
//! `../shared/vectors/w3c+json-ld-api/tests`: every entry is run; the only skips are the tests
//! that do not apply to a JSON-LD 1.1 processor (`specVersion: json-ld-1.0`) and the option this
//! processor deliberately does not offer (`produceGeneralizedRdf`). Each input is read with the
//! base IRI the suite publishes it under, and the suite's IRIs are served from its files.
//!
//! toRdf outputs are compared by dataset isomorphism (both sides canonicalized with RDFC-1.0,
//! itself checked against the rdf-canon suite); expand outputs by JSON-LD object equality (arrays
//! unordered except `@list`) with blank nodes relabelled.

use edc_context::{
    canonicalize, parse_nquads, CanonOptions, DocumentLoader, JsonLdProcessor, ProcessingMode,
    RdfDirection, ToRdfOptions,
};
use edc_testkit::shared_path;
use serde_json::Value;
use std::collections::HashMap;
use std::path::Path;

const SUITE_BASE: &str = "https://w3c.github.io/json-ld-api/tests/";

/// Why a test does not apply, or `None` when it does.
fn skip_reason(entry: &Value) -> Option<&'static str> {
    let option = &entry["option"];
    if option["specVersion"] == "json-ld-1.0" {
        return Some(
            "specVersion json-ld-1.0: a JSON-LD 1.0 behaviour a 1.1 processor does not have",
        );
    }
    if option["produceGeneralizedRdf"] == true {
        return Some(
            "produceGeneralizedRdf: generalized RDF (blank-node predicates) is not offered",
        );
    }
    None
}

fn options(root: &Path, entry: &Value) -> ToRdfOptions {
    let input = entry["input"].as_str().unwrap();
    let option = &entry["option"];
    let mut options = ToRdfOptions::lenient().with_base(
        option["base"]
            .as_str()
            .map_or_else(|| format!("{SUITE_BASE}{input}"), str::to_string),
    );
    if option["processingMode"] == "json-ld-1.0" {
        options.processing_mode = ProcessingMode::JsonLd10;
    }
    options.rdf_direction = match option["rdfDirection"].as_str() {
        Some("i18n-datatype") => Some(RdfDirection::I18nDatatype),
        Some("compound-literal") => Some(RdfDirection::CompoundLiteral),
        _ => None,
    };
    if let Some(path) = option["expandContext"].as_str() {
        let context = read_json(&root.join(path));
        options.expand_context = Some(context);
    }
    options
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Tally {
    manifest: &'static str,
    passed: usize,
    skipped: Vec<String>,
    failed: Vec<String>,
}

impl Tally {
    fn finish(self) {
        let mut reasons: HashMap<&str, usize> = HashMap::new();
        for skip in &self.skipped {
            *reasons
                .entry(skip.split_once(": ").map_or("", |(_, r)| r))
                .or_default() += 1;
        }
        eprintln!(
            "json-ld {}: {} passed, {} failed, {} skipped",
            self.manifest,
            self.passed,
            self.failed.len(),
            self.skipped.len()
        );
        for skip in &self.skipped {
            eprintln!("  skipped {skip}");
        }
        assert!(
            self.failed.is_empty(),
            "json-ld {}: {} failed:\n{}",
            self.manifest,
            self.failed.len(),
            self.failed.join("\n")
        );
    }
}

/// Runs every entry of `manifest`, judging each with `judge` (Ok: passed, Err: why not).
fn run_manifest(
    manifest: &'static str,
    judge: impl Fn(&JsonLdProcessor, &Path, &Value, &ToRdfOptions) -> Result<(), String>,
) {
    let Some(root) = shared_path("vectors/w3c+json-ld-api/tests") else {
        return;
    };
    let manifest_doc = read_json(&root.join(format!("{manifest}-manifest.jsonld")));
    let mut tally = Tally {
        manifest,
        passed: 0,
        skipped: Vec::new(),
        failed: Vec::new(),
    };
    let only = std::env::var("JSONLD_TEST").ok();
    for entry in manifest_doc["sequence"].as_array().unwrap() {
        let id = entry["@id"].as_str().unwrap();
        if only.as_deref().is_some_and(|o| !id.contains(o)) {
            continue;
        }
        if let Some(reason) = skip_reason(entry) {
            tally.skipped.push(format!("{id}: {reason}"));
            continue;
        }
        // A fresh processor per test: the suite's contexts differ from test to test under the
        // same IRIs, and a cached context must not leak from one test into the next.
        let loader = DocumentLoader::new()
            .without_bundled()
            .with_prefix(SUITE_BASE, &root);
        let processor = JsonLdProcessor::new(loader);
        let options = options(&root, entry);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            judge(&processor, &root, entry, &options)
        }))
        .unwrap_or_else(|_| Err("panicked".into()));
        match outcome {
            Ok(()) => tally.passed += 1,
            Err(why) => tally.failed.push(format!(
                "{id} {} ({}): {why}",
                entry["name"].as_str().unwrap_or(""),
                entry["input"].as_str().unwrap_or("")
            )),
        }
    }
    tally.finish();
}

/// Negative tests: the expected error code, and nothing else, is an outcome that passes.
fn expect_error<T: std::fmt::Debug>(
    entry: &Value,
    result: Result<T, edc_context::JsonLdError>,
) -> Result<(), String> {
    let code = entry["expectErrorCode"].as_str().unwrap();
    match result {
        Err(e) if e.code().as_str() == code => Ok(()),
        Err(e) => Err(format!("expected `{code}`, got `{e}`")),
        Ok(out) => Err(format!("expected `{code}`, got a result: {out:?}")),
    }
}

fn is_negative(entry: &Value) -> bool {
    entry["@type"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t == "jld:NegativeEvaluationTest")
}

fn canonical(dataset: &edc_context::Dataset) -> String {
    canonicalize(dataset, CanonOptions::default())
        .map(|c| c.nquads)
        .unwrap_or_else(|e| format!("(not canonicalizable: {e})"))
}

#[test]
fn w3c_jsonld_to_rdf_manifest() {
    run_manifest("toRdf", |processor, root, entry, options| {
        let input = read_json(&root.join(entry["input"].as_str().unwrap()));
        let result = processor.to_rdf(&input, options);
        if is_negative(entry) {
            return expect_error(entry, result.map(|r| r.dataset.to_nquads()));
        }
        let output = result.map_err(|e| format!("error: {e}"))?;
        let syntax_only = entry["@type"]
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t == "jld:PositiveSyntaxTest");
        if syntax_only {
            return Ok(());
        }
        let expected_text =
            std::fs::read_to_string(root.join(entry["expect"].as_str().unwrap())).unwrap();
        let expected = parse_nquads(&expected_text).map_err(|e| format!("expected: {e}"))?;
        let (ours, theirs) = (canonical(&output.dataset), canonical(&expected));
        if ours == theirs {
            Ok(())
        } else {
            Err(format!("\n--- expected\n{theirs}--- got\n{ours}"))
        }
    });
}

#[test]
fn w3c_jsonld_expand_manifest() {
    run_manifest("expand", |processor, root, entry, options| {
        let input = read_json(&root.join(entry["input"].as_str().unwrap()));
        let result = processor.expand(&input, options);
        if is_negative(entry) {
            return expect_error(entry, result);
        }
        let output = result.map_err(|e| format!("error: {e}"))?;
        let expected = read_json(&root.join(entry["expect"].as_str().unwrap()));
        if jsonld_equal(&expected, &output, &mut Relabelling::default()) {
            Ok(())
        } else {
            Err(format!("\n--- expected\n{expected}\n--- got\n{output}"))
        }
    });
}

/// A one-to-one mapping of the expected blank node labels to ours.
#[derive(Clone, Default)]
struct Relabelling {
    forward: HashMap<String, String>,
    backward: HashMap<String, String>,
}

impl Relabelling {
    fn label(&mut self, expected: &str, ours: &str) -> bool {
        match (self.forward.get(expected), self.backward.get(ours)) {
            (Some(a), Some(b)) => a == ours && b == expected,
            (None, None) => {
                self.forward.insert(expected.into(), ours.into());
                self.backward.insert(ours.into(), expected.into());
                true
            }
            _ => false,
        }
    }
}

fn strings_equal(a: &str, b: &str, labels: &mut Relabelling) -> bool {
    match (a.strip_prefix("_:"), b.strip_prefix("_:")) {
        (Some(_), Some(_)) => labels.label(a, b),
        (None, None) => a == b,
        _ => false,
    }
}

/// JSON-LD object equality: arrays compare as multisets except under `@list`, blank node labels
/// (in `@id` and `@type` values) up to a consistent relabelling.
fn jsonld_equal(expected: &Value, ours: &Value, labels: &mut Relabelling) -> bool {
    equal_in(expected, ours, labels, None)
}

fn equal_in(expected: &Value, ours: &Value, labels: &mut Relabelling, key: Option<&str>) -> bool {
    match (expected, ours) {
        (Value::Object(a), Value::Object(b)) => {
            if a.len() != b.len() {
                return false;
            }
            for (k, va) in a {
                let Some(vb) = b.get(k) else { return false };
                if !equal_in(va, vb, labels, Some(k)) {
                    return false;
                }
            }
            true
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return false;
            }
            if key == Some("@list") {
                return a.iter().zip(b).all(|(x, y)| equal_in(x, y, labels, None));
            }
            unordered(a, b, &mut vec![false; b.len()], labels, key)
        }
        (Value::String(a), Value::String(b)) if matches!(key, Some("@id" | "@type")) => {
            strings_equal(a, b, labels)
        }
        (Value::Number(a), Value::Number(b)) => {
            a == b || a.as_f64().is_some_and(|x| b.as_f64() == Some(x))
        }
        _ => expected == ours,
    }
}

fn unordered(
    a: &[Value],
    b: &[Value],
    used: &mut Vec<bool>,
    labels: &mut Relabelling,
    key: Option<&str>,
) -> bool {
    let Some((first, rest)) = a.split_first() else {
        return true;
    };
    for i in 0..b.len() {
        if used[i] {
            continue;
        }
        let mut trial = labels.clone();
        let inner_key = if key == Some("@type") { key } else { None };
        if equal_in(first, &b[i], &mut trial, inner_key) {
            used[i] = true;
            if unordered(rest, b, used, &mut trial, key) {
                *labels = trial;
                return true;
            }
            used[i] = false;
        }
    }
    false
}
