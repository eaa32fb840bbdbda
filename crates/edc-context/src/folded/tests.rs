//! Folding loses nothing: each folded text, unfolded, is the JSON serde_json reads from the
//! text as written.

use super::*;
use serde_json::json;

fn unfolded(text: &str) -> (Value, usize) {
    let folded = FoldedJson::parse(text).unwrap();
    (folded.unfold(folded.root()), folded.copies())
}

fn same_as_serde(text: &str) -> usize {
    let (value, copies) = unfolded(text);
    let expected: Value = serde_json::from_str(text).unwrap();
    assert_eq!(value, expected, "{text}");
    copies
}

/// An organisation three objects deep, written `n` times; `change` alters the last copy.
fn repeated(n: usize, change: &str) -> String {
    let org = r#"{"id": "urn:org:1", "name": {"en": "Org"}, "location": {"id": "urn:loc:1", "a/b~c": [1, 2.5, "x\"}"]}}"#;
    let parts: Vec<String> = (0..n)
        .map(|i| {
            let org = if i + 1 == n {
                org.replace("Org", change)
            } else {
                org.to_string()
            };
            format!(
                r#"{{"id": "urn:part:{i}", "awardedBy": {{"id": "urn:ap:{i}", "org": {org}}}}}"#
            )
        })
        .collect();
    format!(
        r#"{{"credentialSubject": {{"hasPart": [{}]}}}}"#,
        parts.join(", ")
    )
}

#[test]
fn identical_copies_fold_and_unfold_to_the_text() {
    assert_eq!(same_as_serde(&repeated(4, "Org")), 3);
    let folded = FoldedJson::parse(&repeated(4, "Org")).unwrap();
    let second = folded
        .root()
        .pointer("/credentialSubject/hasPart/1/awardedBy/org")
        .unwrap();
    assert_eq!(second.as_object().unwrap().len(), 2, "a stand-in: {second}");
    let first = folded
        .root()
        .pointer("/credentialSubject/hasPart/0/awardedBy/org");
    assert!(std::ptr::eq(folded.resolve(second), first.unwrap()));
}

#[test]
fn a_copy_that_differs_is_read_in_full() {
    // The second copy folds; the third differs in its name, so only its location folds.
    let text = repeated(3, "Org2");
    assert_eq!(same_as_serde(&text), 2);
    let folded = FoldedJson::parse(&text).unwrap();
    let third = folded
        .root()
        .pointer("/credentialSubject/hasPart/2/awardedBy/org");
    assert_eq!(third.unwrap()["name"]["en"], "Org2");
}

#[test]
fn shallow_objects_and_contexts_are_not_folded() {
    let shallow = r#"{"issuer": {"id": "urn:o", "n": 1}, "x": {"id": "urn:o", "n": 1}}"#;
    assert_eq!(same_as_serde(shallow), 0);
    let context =
        r#"{"a": {"b": {"c": {"id": "urn:o"}, "@context": {"d": {"e": {"id": "urn:o"}}}}}}"#;
    assert_eq!(same_as_serde(context), 0);
}

#[test]
fn nested_copies_resolve_at_each_level() {
    let inner = r#"{"id": "urn:i", "v": [true, null, -3]}"#;
    let outer = format!(r#"{{"id": "urn:o", "i": {inner}}}"#);
    let text = format!(
        r#"{{"a": {{"b": {{"c": {inner}, "d": {outer}, "e": [{outer}, {{"f": {outer}}}]}}}}}}"#
    );
    assert_eq!(same_as_serde(&text), 3);
}

#[test]
fn texts_that_cannot_be_folded_safely_are_read_as_written() {
    let copy = r#"{"id": "urn:o", "n": 1}"#;
    let deep = |extra: &str| format!(r#"{{"a": {{"b": {{"c": {copy}, "d": {copy}{extra}}}}}}}"#);
    assert_eq!(same_as_serde(&deep("")), 1);
    // A key written twice: the pointers could name the wrong value.
    assert_eq!(same_as_serde(&deep(r#", "d": 2"#)), 0);
    // A NUL escape anywhere: a stand-in could be forged.
    assert_eq!(same_as_serde(&deep(r#", "z": "\u0000""#)), 0);
    // An escaped key on the way to the first copy: the copy is not folded.
    let escaped = format!(r#"{{"a": {{"b\"": {{"c": {copy}, "d": {copy}}}}}}}"#);
    assert_eq!(same_as_serde(&escaped), 0);
    // A document posing as a stand-in is read as written: nothing resolves it.
    let forged = r#"{"a": {"b": {"c": {"id": "x", "\u0000copy-of": "/a"}}}}"#;
    let folded = FoldedJson::parse(forged).unwrap();
    let c = folded.root().pointer("/a/b/c").unwrap();
    assert!(std::ptr::eq(folded.resolve(c), c));
    // Invalid JSON keeps serde_json's error, even cut after a backslash.
    for cut in [r#"{"a": {"b": {"c": "x\"#, r#"{"a": "\"#] {
        let error = FoldedJson::parse(cut).unwrap_err().to_string();
        assert_eq!(
            error,
            serde_json::from_str::<Value>(cut).unwrap_err().to_string()
        );
    }
    let broken = format!(r#"{{"a": {{"b": {{"c": {copy}, "d": {copy}, }}}}}}"#);
    let error = FoldedJson::parse(&broken).unwrap_err().to_string();
    assert_eq!(
        error,
        serde_json::from_str::<Value>(&broken)
            .unwrap_err()
            .to_string()
    );
}

#[test]
fn from_value_folds_nothing() {
    let value = json!({"a": {"b": {"c": {"id": "x", "\u{0}copy-of": "/a"}}}});
    let folded = FoldedJson::from_value(value.clone());
    assert_eq!(folded.copies(), 0);
    assert_eq!(folded.unfold(folded.root()), value);
}

#[test]
fn a_first_copy_under_keys_with_slash_and_tilde_is_found_by_its_pointer() {
    let org = r#"{"id": "urn:org:1", "name": {"en": "Org"}, "location": {"id": "urn:loc:1"}}"#;
    let text = format!(
        r#"{{"credentialSubject": {{"a/b~c": {{"x~1": {org}}}, "later": {{"again": {{"org": {org}}}}}}}}}"#
    );
    assert_eq!(same_as_serde(&text), 1);
    let folded = FoldedJson::parse(&text).unwrap();
    let stand_in = folded
        .root()
        .pointer("/credentialSubject/later/again/org")
        .unwrap();
    let first = folded
        .root()
        .pointer("/credentialSubject/a~1b~0c/x~01")
        .unwrap();
    assert!(std::ptr::eq(folded.resolve(stand_in), first));
}

/// The view reads every stand-in as the node it stands for: what a reader sees is the text's
/// JSON, and a plain `&Value` is handed out only where nothing below was folded.
#[test]
fn the_view_never_shows_a_stand_in() {
    let text = repeated(4, "Org");
    let written: Value = serde_json::from_str(&text).unwrap();
    let folded = FoldedJson::parse(&text).unwrap();
    assert_eq!(folded.copies(), 3);
    let view = folded.view();
    // Every copy reads as written, through get/at/pointer/each/entries alike.
    for i in 0..4 {
        let pointer = format!("/credentialSubject/hasPart/{i}/awardedBy/org");
        let org = view.pointer(&pointer).unwrap();
        assert_eq!(org.to_value(), *written.pointer(&pointer).unwrap());
        let name = org.get("name").and_then(|n| n.get("en"));
        assert_eq!(name.and_then(|n| n.as_str()), Some("Org"));
        assert!(org.entries().all(|(key, _)| !key.starts_with('\0')));
    }
    let parts: Vec<_> = view
        .get("credentialSubject")
        .unwrap()
        .get("hasPart")
        .unwrap()
        .items()
        .collect();
    assert_eq!(parts.len(), 4);
    // A copy and the node it stands for are one node.
    let org = |i: usize| parts[i].get("awardedBy").unwrap().get("org").unwrap();
    assert_eq!(org(1).identity(), org(0).identity());
    // No plain value above a stand-in; plain values where nothing is folded below.
    assert!(view.value().is_none());
    assert!(view.get("credentialSubject").unwrap().value().is_none());
    assert_eq!(
        org(0).get("name").unwrap().value(),
        Some(&json!({"en": "Org"}))
    );
    assert_eq!(view.to_value(), written);
    assert_eq!(folded.to_value(), written);
    // A document read as written has nothing folded.
    let plain = FoldedJson::from_value(written.clone());
    assert_eq!(plain.view().value(), Some(&written));
}
