//! `FoldedJson` loses nothing: every JSON file of the shared reference data (the EU samples and
//! their sealed payloads, the W3C vectors), read folded and written out again, is the value
//! serde_json reads from the text as written; and the model read from the folded tree is the
//! model serde reads from the text.

use edc_context::FoldedJson;
use edc_model::{Document, OneOrMany, Ref};
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
    let (mut texts, mut copies, mut models) = (0, 0, 0);
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
            models += usize::from(same_model(&text, &folded, &file.display().to_string()));
        }
    }
    eprintln!("{texts} JSON texts, {copies} copies folded, {models} credential models");
    assert!(texts > 500, "{texts}");
    assert!(copies > 1000, "{copies}");
    assert!(models > 150, "{models}");
}

/// Whether `text` is a credential the model reads; if it is, asserts that the model read from
/// the folded tree is the one read from the text, and if not, that the folded tree is not read
/// either.
fn same_model(text: &str, folded: &FoldedJson, name: &str) -> bool {
    let stand_in = |map| folded.first_copy(map);
    let from_tree = Document::credential_from_folded(folded.root(), &stand_in);
    match Document::credential_from_str(text) {
        Ok(expected) => {
            assert_eq!(from_tree.as_ref(), Ok(&expected), "{name}");
            true
        }
        Err(_) => {
            assert!(from_tree.is_err(), "{name}: the text is not a credential");
            false
        }
    }
}

/// The transcript's achievements are awarded by one awarding process, written out in full in
/// each: read folded, they share one node; read from the text, each has its own.
#[test]
fn repeated_nodes_are_read_once_and_shared() {
    let Some(shared) = shared_dir() else { return };
    let file =
        shared.join("europass/samples/elm-support-2024/Sample-TranscriptOfRecords-signed.jsonld");
    let sealed: Value = serde_json::from_slice(&std::fs::read(file).unwrap()).unwrap();
    let text = sealed["payload"].as_str().unwrap();
    let folded = FoldedJson::parse(text).unwrap();
    let stand_in = |map| folded.first_copy(map);
    let processes = |document: &Document| {
        let subject = document.credential().unwrap().subject().unwrap();
        let Some(OneOrMany::One(Ref::Node(claim))) = &subject.has_claim else {
            panic!("one claim, written out")
        };
        let edc_model::Claim::Achievement(achievement) = &**claim else {
            panic!("an achievement")
        };
        let parts: Vec<_> = achievement.has_part.iter().flat_map(|p| p.iter()).collect();
        let mut processes = Vec::new();
        for part in parts {
            for process in part
                .node()
                .unwrap()
                .awarded_by
                .iter()
                .flat_map(|a| a.iter())
            {
                let Ref::Node(process) = process else {
                    panic!("written out")
                };
                processes.push(process.clone());
            }
        }
        processes
    };
    let from_tree = processes(&Document::credential_from_folded(folded.root(), &stand_in).unwrap());
    let from_text = processes(&Document::credential_from_str(text).unwrap());
    assert!(from_tree.len() >= 10, "{}", from_tree.len());
    assert_eq!(from_tree, from_text);
    assert!(from_tree
        .iter()
        .all(|p| std::sync::Arc::ptr_eq(p, &from_tree[0])));
    assert!(!from_text
        .iter()
        .skip(1)
        .any(|p| std::sync::Arc::ptr_eq(p, &from_text[0])));
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
                    assert_eq!(folded.unfold(folded.root()), expected, "{name} case {case}");
                    same_model(&text, &folded, &format!("{name} case {case}"));
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
