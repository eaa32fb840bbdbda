//! The committed ELM context mapping is what the generator makes from the ontology and the SHACL
//! profiles, and it defines every term exactly as the official context does.

use edc_testkit::{shared_path, workspace_root};
use serde_json::{Map, Value};

#[test]
fn the_committed_context_is_the_generated_one() {
    let Some(europass) = shared_path("europass") else {
        return;
    };
    let generated = edc_xtask::generate_edc_context(&europass).unwrap();
    let committed =
        std::fs::read_to_string(workspace_root().join("contexts/edc-ap.jsonld")).unwrap();
    assert!(
        generated == committed,
        "contexts/edc-ap.jsonld is stale: run `cargo run -p edc-xtask -- edc-context ../shared/europass`"
    );
}

/// A term definition with compact IRIs expanded by the document's own prefixes.
fn normalized(context: &Map<String, Value>, definition: &Value) -> Map<String, Value> {
    let prefixes: Vec<(&String, &str)> = context
        .iter()
        .filter_map(|(k, v)| {
            v.as_str()
                .filter(|s| s.ends_with('/') || s.ends_with('#'))
                .map(|s| (k, s))
        })
        .collect();
    let expand = |s: &str| -> String {
        if let Some((p, local)) = s.split_once(':') {
            if let Some((_, ns)) = prefixes.iter().find(|(k, _)| k.as_str() == p) {
                return format!("{ns}{local}");
            }
        }
        s.to_string()
    };
    let mut out = Map::new();
    match definition {
        Value::String(s) => {
            out.insert("@id".into(), Value::String(expand(s)));
        }
        Value::Object(m) => {
            for (k, v) in m {
                let v = match (k.as_str(), v) {
                    ("@id" | "@type", Value::String(s)) => Value::String(expand(s)),
                    (_, v) => v.clone(),
                };
                out.insert(k.clone(), v);
            }
        }
        other => panic!("unexpected definition {other}"),
    }
    out
}

#[test]
fn every_term_is_defined_as_in_the_official_context() {
    let Some(official_path) = shared_path("europass/contexts/edc-ap-context.jsonld") else {
        return;
    };
    let official: Value =
        serde_json::from_str(&std::fs::read_to_string(official_path).unwrap()).unwrap();
    let ours: Value = serde_json::from_str(
        &std::fs::read_to_string(workspace_root().join("contexts/edc-ap.jsonld")).unwrap(),
    )
    .unwrap();
    let (official, ours) = (
        official["@context"].as_object().unwrap(),
        ours["@context"].as_object().unwrap(),
    );
    let mut differences = Vec::new();
    for term in official
        .keys()
        .chain(ours.keys().filter(|k| !official.contains_key(*k)))
    {
        let a = official.get(term).map(|d| normalized(official, d));
        let b = ours.get(term).map(|d| normalized(ours, d));
        if a != b {
            differences.push(format!("{term}: official {a:?}, ours {b:?}"));
        }
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert_eq!(ours.len(), 250);
}
