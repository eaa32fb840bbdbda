use super::*;
use serde_json::Value;

/// What serde_json reads from the same text: the payload and signatures, when the text is an
/// object of exactly these two members.
fn serde_reading(text: &str) -> Option<(String, Vec<JwsSignature>)> {
    let Value::Object(mut outer) = serde_json::from_str(text).ok()? else {
        return None;
    };
    let payload = outer.remove("payload")?.as_str()?.to_string();
    let signatures = serde_json::from_value(outer.remove("signatures")?).ok()?;
    outer.is_empty().then_some((payload, signatures))
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

#[test]
fn the_special_byte_test_finds_each_special_byte_anywhere_in_a_word() {
    for position in 0..8 {
        for special in [b'"', b'\\', 0x00, 0x1f] {
            let mut word = *b"abcdefgh";
            word[position] = special;
            assert!(
                has_special(u64::from_le_bytes(word)),
                "{special} at {position}"
            );
        }
        for plain in [b' ', b'!', b'#', b'[', b']', 0x7f, 0x80, 0xff] {
            let mut word = *b"abcdefgh";
            word[position] = plain;
            assert!(
                !has_special(u64::from_le_bytes(word)),
                "{plain} at {position}"
            );
        }
    }
}
