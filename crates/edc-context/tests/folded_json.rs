//! `FoldedJson` loses nothing: every JSON file of the shared reference data (the EU samples and
//! their sealed payloads, the W3C vectors), read folded and written out again, is the value
//! serde_json reads from the text as written.

use edc_context::FoldedJson;
use edc_testkit::shared_dir;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() && entry.file_name() != "node_modules" {
            json_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|e| e == "json" || e == "jsonld")
        {
            out.push(path);
        }
    }
}

#[test]
fn folded_json_unfolds_to_what_serde_json_reads() {
    let Some(shared) = shared_dir() else { return };
    let mut files = Vec::new();
    json_files(&shared.join("europass/samples"), &mut files);
    json_files(&shared.join("vectors"), &mut files);
    let (mut texts, mut copies) = (0, 0);
    for file in &files {
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        let Ok(value) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        let mut each = vec![text];
        if let Some(payload) = value.get("payload").and_then(Value::as_str) {
            each.push(payload.to_string());
        }
        for text in each {
            let expected: Value = serde_json::from_str(&text).unwrap();
            let folded = FoldedJson::parse(&text).unwrap();
            assert_eq!(folded.unfold(folded.root()), expected, "{}", file.display());
            texts += 1;
            copies += folded.copies();
        }
    }
    eprintln!("{texts} JSON texts, {copies} copies folded");
    assert!(texts > 500, "{texts}");
    assert!(copies > 1000, "{copies}");
}
