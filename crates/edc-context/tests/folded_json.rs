//! `FoldedJson` loses nothing: every JSON file of the shared reference data (the EU samples and
//! their sealed payloads, the W3C vectors), read folded and written out again, is the value
//! serde_json reads from the text as written.

use edc_context::FoldedJson;
use edc_testkit::{shared_dir, Rng};
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
            assert_eq!(folded.to_value(), expected, "{}", file.display());
            texts += 1;
            copies += folded.copies();
        }
    }
    eprintln!("{texts} JSON texts, {copies} copies folded");
    assert!(texts > 500, "{texts}");
    assert!(copies > 1000, "{copies}");
}

/// Edited copies of sealed EU payloads — bytes changed or removed, and objects copied into
/// other places (more copies to fold, some not valid JSON) — read folded give serde_json's value
/// for the text as written, or serde_json's error: a folded reading never sees a document the
/// text does not say.
#[test]
fn edited_payloads_read_folded_as_serde_json_reads_them() {
    let Some(shared) = shared_dir() else { return };
    let samples = shared.join("europass/samples");
    let mut rng = Rng(0x5eed_f01d);
    let mut folded_cases = 0;
    for name in [
        "elm-2023/Sample-MC-Annex1-signed.jsonld",
        "elm-support-2024/AA-Annex1-MC-signed.jsonld",
    ] {
        let sealed: Value =
            serde_json::from_slice(&std::fs::read(samples.join(name)).unwrap()).unwrap();
        let payload = sealed["payload"].as_str().unwrap().as_bytes().to_vec();
        let opens: Vec<usize> = (0..payload.len()).filter(|&i| payload[i] == b'{').collect();
        let commas: Vec<usize> = (0..payload.len()).filter(|&i| payload[i] == b',').collect();
        for case in 0..150 {
            let mut text = payload.clone();
            match case % 3 {
                0 => {
                    let at = rng.below(text.len());
                    text[at] = b"{}[]\",:\\ a0"[rng.below(11)];
                }
                1 => {
                    text.remove(rng.below(text.len()));
                }
                _ => {
                    // An object's text (up to its first `}`) written again after a comma.
                    let from = opens[rng.below(opens.len())];
                    let to = from + text[from..].iter().position(|&b| b == b'}').unwrap() + 1;
                    let copy = text[from..to].to_vec();
                    let at = commas[rng.below(commas.len())] + 1;
                    let member = [b"\"x\":".as_slice(), &copy, b","].concat();
                    text.splice(at..at, member);
                }
            }
            let Ok(text) = String::from_utf8(text) else {
                continue;
            };
            let expected = serde_json::from_str::<Value>(&text);
            match (FoldedJson::parse(&text), expected) {
                (Ok(folded), Ok(expected)) => {
                    assert_eq!(folded.to_value(), expected, "{name} case {case}");
                    folded_cases += usize::from(folded.copies() > 0);
                }
                (Err(e), Err(expected)) => {
                    assert_eq!(e.to_string(), expected.to_string(), "{name} case {case}")
                }
                (folded, expected) => panic!(
                    "{name} case {case}: folded {:?}, serde_json {:?}",
                    folded.err(),
                    expected.err()
                ),
            }
        }
    }
    assert!(folded_cases > 50, "{folded_cases}");
}
