//! Cell text → typed JSON values, with messages that say what was expected.

use crate::mapping::ColumnType;
use edc_model::DateTime;
use serde_json::Value;

/// Converts a (non-empty, trimmed) cell to the column's type.
pub fn convert(kind: ColumnType, text: &str) -> Result<Value, crate::ConvertError> {
    convert_text(kind, text)
        .map_err(|message| crate::ConvertError::new(crate::ConvertErrorKind::Value, message))
}

fn convert_text(kind: ColumnType, text: &str) -> Result<Value, String> {
    match kind {
        ColumnType::Text => Ok(Value::String(text.to_string())),
        ColumnType::Date => date_text(text).map(Value::String),
        ColumnType::Datetime => date_time_text(text).map(Value::String),
        ColumnType::Integer => text
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("`{text}` is not a whole number")),
        ColumnType::Number => number(text).map(Value::String),
        ColumnType::Eqf => match text.trim_start_matches("EQF").trim().parse::<u8>() {
            Ok(level @ 1..=8) => Ok(Value::String(format!(
                "http://data.europa.eu/snb/eqf/{level}"
            ))),
            _ => Err(format!("`{text}` is not an EQF level (1 to 8)")),
        },
        ColumnType::Iri => {
            if edc_context::is_absolute_iri(text) {
                Ok(Value::String(text.to_string()))
            } else {
                Err(format!(
                    "`{text}` is not an absolute IRI (such as https://… or urn:…)"
                ))
            }
        }
        ColumnType::LangMap => language_map(text),
        ColumnType::Email => {
            let ok = text.split_once('@').is_some_and(|(user, host)| {
                !user.is_empty() && host.contains('.') && !text.contains(char::is_whitespace)
            });
            if ok {
                Ok(Value::String(text.to_string()))
            } else {
                Err(format!("`{text}` is not an e-mail address"))
            }
        }
    }
}

/// `en=…; fr=…` → `{"en": "…", "fr": "…"}`; tags are BCP 47-shaped, each given once.
fn language_map(text: &str) -> Result<Value, String> {
    let mut map = serde_json::Map::new();
    let protected = text.replace("\\;", "\u{0}");
    for part in protected
        .split(';')
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        let Some((tag, value)) = part.split_once('=') else {
            return Err(format!(
                "`{part}` has no language: write e.g. en=Data literacy; fr=Culture des données"
            ));
        };
        let tag = tag.trim();
        let shaped = !tag.is_empty()
            && tag.split('-').enumerate().all(|(i, p)| {
                (1..=8).contains(&p.len())
                    && if i == 0 {
                        p.bytes().all(|b| b.is_ascii_alphabetic())
                    } else {
                        p.bytes().all(|b| b.is_ascii_alphanumeric())
                    }
            });
        if !shaped {
            return Err(format!("`{tag}` is not a language tag (en, fr, pt-BR…)"));
        }
        let value = value.trim().replace('\u{0}', ";");
        if map.insert(tag.to_string(), Value::String(value)).is_some() {
            return Err(format!("language `{tag}` is given twice"));
        }
    }
    if map.is_empty() {
        return Err("no text in any language".into());
    }
    Ok(Value::Object(map))
}

/// A decimal number, `,` accepted as the decimal mark.
fn number(text: &str) -> Result<String, String> {
    let normal = text.replace(',', ".");
    match normal.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(normal),
        _ => Err(format!("`{text}` is not a number")),
    }
}

/// `YYYY-MM-DD`, `DD/MM/YYYY`, `DD.MM.YYYY`, or a spreadsheet serial date (days since
/// 1899-12-30) → `YYYY-MM-DD`, validated.
pub fn date(text: &str) -> Result<String, crate::ConvertError> {
    date_text(text)
        .map_err(|message| crate::ConvertError::new(crate::ConvertErrorKind::Value, message))
}

fn date_text(text: &str) -> Result<String, String> {
    let iso = if let Some((d, m, y)) = split3(text, '/').or_else(|| split3(text, '.')) {
        format!("{y:0>4}-{m:0>2}-{d:0>2}")
    } else if let Ok(serial) = text.parse::<f64>() {
        if !(1.0..=2_958_465.0).contains(&serial) {
            return Err(format!("`{text}` is not a date"));
        }
        let days = serial.floor() as i64 - 25_569; // 1899-12-30 → 1970-01-01
        DateTime::from_unix_seconds(days * 86_400)
            .date()
            .to_string()
    } else {
        text.split('T').next().unwrap_or(text).to_string()
    };
    let valid = iso.len() == 10 && DateTime::parse(&iso).is_ok();
    if valid {
        Ok(iso)
    } else {
        Err(format!(
            "`{text}` is not a date (write YYYY-MM-DD, e.g. 2024-05-28, or DD/MM/YYYY)"
        ))
    }
}

/// An RFC 3339 date-time, or a date (→ midnight UTC).
pub fn date_time(text: &str) -> Result<String, crate::ConvertError> {
    date_time_text(text)
        .map_err(|message| crate::ConvertError::new(crate::ConvertErrorKind::Value, message))
}

fn date_time_text(text: &str) -> Result<String, String> {
    if text.contains('T') {
        return match DateTime::parse(text) {
            Ok(d) if d.has_timezone() => Ok(text.to_string()),
            Ok(_) => Ok(format!("{text}Z")),
            Err(e) => Err(format!("`{text}` is not a date-time: {e}")),
        };
    }
    date_text(text).map(|d| format!("{d}T00:00:00Z"))
}

fn split3(text: &str, separator: char) -> Option<(&str, &str, &str)> {
    let mut parts = text.split(separator);
    let (a, b, c) = (parts.next()?, parts.next()?, parts.next()?);
    (parts.next().is_none()
        && [a, b, c]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())))
    .then_some((a, b, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_usual_spellings() {
        assert_eq!(date("2024-05-28").unwrap(), "2024-05-28");
        assert_eq!(date("28/05/2024").unwrap(), "2024-05-28");
        assert_eq!(date("1.2.2001").unwrap(), "2001-02-01");
        // Spreadsheet serial 45440 is 2024-05-28 (Excel and LibreOffice agree).
        assert_eq!(date("45440").unwrap(), "2024-05-28");
        assert!(date("31/02/2024")
            .unwrap_err()
            .message()
            .contains("not a date"));
        assert!(date("yesterday").is_err());
        assert_eq!(date_time("2024-05-28").unwrap(), "2024-05-28T00:00:00Z");
        assert_eq!(
            date_time("2024-05-28T10:00:00+02:00").unwrap(),
            "2024-05-28T10:00:00+02:00"
        );
    }

    #[test]
    fn levels_numbers_and_addresses() {
        assert_eq!(
            convert(ColumnType::Eqf, "5").unwrap(),
            "http://data.europa.eu/snb/eqf/5"
        );
        assert!(convert(ColumnType::Eqf, "9").is_err());
        assert_eq!(convert(ColumnType::Number, "2,5").unwrap(), "2.5");
        assert!(convert(ColumnType::Number, "two").is_err());
        assert!(convert(ColumnType::Email, "ana@example.org").is_ok());
        assert!(convert(ColumnType::Email, "ana at example").is_err());
        assert_eq!(
            convert(
                ColumnType::LangMap,
                "en=Data literacy; fr=Culture des données"
            )
            .unwrap(),
            serde_json::json!({"en": "Data literacy", "fr": "Culture des données"})
        );
        assert_eq!(
            convert(ColumnType::LangMap, r"en=A\; B").unwrap(),
            serde_json::json!({"en": "A; B"})
        );
        assert!(convert(ColumnType::LangMap, "Data literacy").is_err());
        assert!(convert(ColumnType::LangMap, "en=a; en=b").is_err());
    }
}
