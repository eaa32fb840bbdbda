//! `sealed_parts` reads a sealed file's payload and signatures as serde_json reads them: every
//! sealed EU sample is read by it, and edited copies of them (bytes changed, removed or put in,
//! escapes among them) are read the same way as serde_json reads them, or left to serde_json.

use edc_model::{sealed_parts, JwsSignature};
use edc_testkit::{files_in, shared_dir, Rng};
use serde_json::Value;

fn serde_reading(text: &str) -> Option<(String, Vec<JwsSignature>)> {
    let Value::Object(mut outer) = serde_json::from_str(text).ok()? else {
        return None;
    };
    let payload = outer.remove("payload")?.as_str()?.to_string();
    let signatures = serde_json::from_value(outer.remove("signatures")?).ok()?;
    outer.is_empty().then_some((payload, signatures))
}

fn sealed_samples() -> Option<Vec<String>> {
    let shared = shared_dir()?;
    let mut texts = Vec::new();
    for folder in ["elm-2023", "elm-support-2024"] {
        for file in files_in(
            &shared.join("europass/samples").join(folder),
            &["-signed.jsonld"],
        ) {
            texts.push(std::fs::read_to_string(file).unwrap());
        }
    }
    assert!(texts.len() >= 6, "{}", texts.len());
    Some(texts)
}

#[test]
fn every_sealed_sample_is_read_as_serde_json_reads_it() {
    let Some(texts) = sealed_samples() else {
        return;
    };
    for text in &texts {
        let expected = serde_reading(text).expect("a sealed sample");
        assert_eq!(sealed_parts(text), Some(expected));
    }
}

#[test]
fn edited_samples_are_read_as_serde_json_reads_them_or_left_to_it() {
    let Some(texts) = sealed_samples() else {
        return;
    };
    let mut rng = Rng(0x0dd_5eed);
    let pieces: [&[u8]; 14] = [
        b"\\",
        b"\"",
        b"\\\"",
        b"\\u00e9",
        b"\\ud83d",
        b"\\ude00",
        b"\\ud83d\\ude00",
        b"\\x",
        b"\x01",
        b"\t",
        b"\\/",
        b"\\n",
        b"}",
        b" ",
    ];
    let (mut read, mut left) = (0, 0);
    for text in texts.iter().filter(|t| t.len() < 200_000) {
        for case in 0..200 {
            let mut bytes = text.as_bytes().to_vec();
            let at = rng.below(bytes.len());
            match case % 3 {
                0 => {
                    bytes.remove(at);
                }
                1 => bytes
                    .splice(at..at, pieces[rng.below(pieces.len())].iter().copied())
                    .for_each(drop),
                _ => bytes[at] = b"\\\"{}u0a \x1f"[rng.below(9)],
            }
            let Ok(edited) = String::from_utf8(bytes) else {
                continue;
            };
            match sealed_parts(&edited) {
                Some(parts) => {
                    assert_eq!(Some(parts), serde_reading(&edited), "case {case} at {at}");
                    read += 1;
                }
                None => left += 1,
            }
        }
    }
    assert!(
        read > 200 && left > 200,
        "{read} read, {left} left to serde_json"
    );
}

const SIGNATURES: &str = r#""signatures": [{"protected": "eyJ9", "signature": "c2ln"}]"#;

fn sealed(payload_literal: &str) -> String {
    format!("{{\"payload\": {payload_literal}, {SIGNATURES}}}")
}

#[test]
fn escapes_read_as_serde_json_reads_them() {
    for literal in [
        r#""""#,
        r#""{\"a\": \"b\\\\c\"}""#,
        r#""\/\b\f\n\r\t tab""#,
        r#""\u00e9 \u20AC \ud83d\ude00 é€😀""#,
        r#""exactly8""#,
        r#""twelve bytes\"""#,
        r#""\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"\"""#,
    ] {
        let text = sealed(literal);
        let expected = serde_reading(&text).unwrap();
        assert_eq!(sealed_parts(&text), Some(expected), "{literal}");
    }
}

#[test]
fn anything_unusual_is_left_to_serde_json() {
    for text in [
        sealed(r#""\ud83d alone""#),
        sealed(r#""\ude00 alone""#),
        sealed(r#""\ud83d\u0041""#),
        sealed(r#""\x""#),
        sealed(r#""\u12g4""#),
        sealed("\"a\u{1}b\""),
        sealed("\"tab\tinside\""),
        sealed(r#""cut"#),
        sealed(r#""a" "b""#),
        r#"{"signatures": [], "payload": "x"}"#.to_string(),
        format!("{{\"payload\": \"x\", {SIGNATURES}, \"extra\": 1}}"),
        format!("{{\"payload\": \"x\", \"payload\": \"y\", {SIGNATURES}}}"),
        format!("{{\"payload\": \"x\", {SIGNATURES}}} trailing"),
        r#"{"payload": "x"}"#.to_string(),
        format!("{{\"payload\": 42, {SIGNATURES}}}"),
    ] {
        assert_eq!(sealed_parts(&text), None, "{text}");
    }
}

#[test]
fn whitespace_around_the_members_is_allowed() {
    let text = format!(" \n{{ \"payload\"\t:\r\n\"x\" ,\n {SIGNATURES} \n}}\n");
    assert_eq!(sealed_parts(&text), serde_reading(&text));
    assert!(sealed_parts(&text).is_some());
}
