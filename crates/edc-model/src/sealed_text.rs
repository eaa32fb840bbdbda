//! Reading a sealed file's outer object fast when it is written as Europass writes it, payload
//! first: `{"payload": "<credential JSON, escaped>", "signatures": [...]}`. The payload string
//! (most of the file) is unescaped in one pass into a buffer of its final size, eight bytes at a
//! time between escapes; serde_json reads the rest. Anything else, or anything unusual in the
//! string (a control character, an invalid escape, a lone surrogate), gives None, and the
//! caller reads the file with serde_json as before.

use crate::envelope::JwsSignature;
use serde::Deserialize;

/// The payload (unescaped) and signatures of a sealed file whose outer object has exactly
/// these two members, `payload` first; None for any other text.
pub fn sealed_parts(text: &str) -> Option<(String, Vec<JwsSignature>)> {
    let bytes = text.as_bytes();
    let mut at = skip_space(bytes, 0);
    at = skip_space(bytes, expect(bytes, at, b"{")?);
    at = skip_space(bytes, expect(bytes, at, b"\"payload\"")?);
    at = skip_space(bytes, expect(bytes, at, b":")?);
    let (payload, end) = unescape(bytes, expect(bytes, at, b"\"")?)?;
    let rest = &text[skip_space(bytes, end)..];
    // The rest, `, "signatures": [...] }`, read as an object of its own.
    let rest = rest.strip_prefix(',')?;
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Rest {
        signatures: Vec<JwsSignature>,
    }
    let Rest { signatures } = serde_json::from_str(&format!("{{{rest}")).ok()?;
    Some((payload, signatures))
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes
        .get(at)
        .is_some_and(|b| matches!(b, b' ' | b'\t' | b'\n' | b'\r'))
    {
        at += 1;
    }
    at
}

/// The position after `token` when the text has it at `at`.
fn expect(bytes: &[u8], at: usize, token: &[u8]) -> Option<usize> {
    bytes[at..].starts_with(token).then_some(at + token.len())
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Whether any of the eight bytes is `"`, `\` or a control character (below 0x20).
fn has_special(word: u64) -> bool {
    let has_zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGHS != 0;
    has_zero(word ^ (ONES * u64::from(b'"')))
        || has_zero(word ^ (ONES * u64::from(b'\\')))
        || word.wrapping_sub(ONES * 0x20) & !word & HIGHS != 0
}

/// The JSON string starting at `at` (after its opening quote), unescaped, and the position
/// after its closing quote. None for a control character, an invalid escape or a lone
/// surrogate (serde_json says what is wrong with those).
fn unescape(bytes: &[u8], mut at: usize) -> Option<(String, usize)> {
    let mut out = Vec::with_capacity(bytes.len() - at);
    loop {
        while let Some(chunk) = bytes.get(at..at + 8) {
            let word = u64::from_le_bytes(chunk.try_into().ok()?);
            if has_special(word) {
                break;
            }
            out.extend_from_slice(chunk);
            at += 8;
        }
        match *bytes.get(at)? {
            b'"' => return Some((String::from_utf8(out).ok()?, at + 1)),
            b'\\' => at = escape(bytes, at + 1, &mut out)?,
            0..=0x1f => return None,
            byte => {
                out.push(byte);
                at += 1;
            }
        }
    }
}

/// Appends the escape starting at `at` (after its backslash); the position after it.
fn escape(bytes: &[u8], at: usize, out: &mut Vec<u8>) -> Option<usize> {
    let byte = match *bytes.get(at)? {
        b'"' => b'"',
        b'\\' => b'\\',
        b'/' => b'/',
        b'b' => 0x08,
        b'f' => 0x0c,
        b'n' => b'\n',
        b'r' => b'\r',
        b't' => b'\t',
        b'u' => {
            let high = hex4(bytes, at + 1)?;
            let (code, next) = match high {
                0xD800..=0xDBFF => {
                    expect(bytes, at + 5, b"\\u")?;
                    let low = hex4(bytes, at + 7)?;
                    if !(0xDC00..=0xDFFF).contains(&low) {
                        return None;
                    }
                    (0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00), at + 11)
                }
                0xDC00..=0xDFFF => return None,
                _ => (high, at + 5),
            };
            let mut buffer = [0; 4];
            out.extend_from_slice(char::from_u32(code)?.encode_utf8(&mut buffer).as_bytes());
            return Some(next);
        }
        _ => return None,
    };
    out.push(byte);
    Some(at + 1)
}

fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    digits
        .iter()
        .try_fold(0, |code, &d| Some(code * 16 + char::from(d).to_digit(16)?))
}

#[cfg(test)]
mod tests;
