//! ISO 8601 / XML Schema dates, date-times and durations, kept as written.

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// An `xsd:dateTime` or `xsd:date` as written in the document (`2024-05-28T11:52:16+02:00`,
/// `2024-01-01T00:00:00Z`, `2024-01-01T00:00:00`, `2024-01-01`). Validated when read; the text is
/// kept so that serialising gives back the same string.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DateTime(String);

/// The parts of a date-time, as parsed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Parts {
    year: i64,
    month: u32,
    day: u32,
    seconds_of_day: i64,
    /// Offset east of UTC in seconds, when the value has a time zone.
    offset: Option<i64>,
}

impl DateTime {
    /// Parses and validates a date or date-time.
    pub fn parse(text: &str) -> Result<Self, crate::ModelError> {
        Self::parse_text(text)
            .map_err(|message| crate::ModelError::new(crate::ErrorKind::Data, "", message))
    }

    fn parse_text(text: &str) -> Result<Self, String> {
        parse_parts(text)?;
        Ok(DateTime(text.to_string()))
    }

    /// The instant in UTC (`YYYY-MM-DDThh:mm:ssZ`, whole seconds) for a date-time known to be
    /// valid; handy to build one from a clock.
    pub fn from_unix_seconds(seconds: i64) -> Self {
        let days = seconds.div_euclid(86_400);
        let secs = seconds.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        DateTime(format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
            secs / 3600,
            secs / 60 % 60,
            secs % 60
        ))
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True when the value names a time zone (`Z` or an offset). Without one, the instant is
    /// ambiguous; [`DateTime::unix_seconds`] then reads it as UTC.
    pub fn has_timezone(&self) -> bool {
        parse_parts(&self.0)
            .map(|p| p.offset.is_some())
            .unwrap_or(false)
    }

    /// Seconds since 1970-01-01T00:00:00Z (fractions dropped; no zone is read as UTC).
    pub fn unix_seconds(&self) -> i64 {
        let p = parse_parts(&self.0).expect("validated when constructed");
        days_from_civil(p.year, p.month, p.day) * 86_400 + p.seconds_of_day - p.offset.unwrap_or(0)
    }

    /// The calendar date part, `YYYY-MM-DD`.
    pub fn date(&self) -> &str {
        self.0.split('T').next().unwrap_or(&self.0)
    }
}

impl fmt::Display for DateTime {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for DateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for DateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        DateTime::parse(&text).map_err(de::Error::custom)
    }
}

fn digits(s: &str, what: &str) -> Result<i64, String> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("{what} `{s}` is not a number"));
    }
    s.parse::<i64>().map_err(|e| format!("{what} `{s}`: {e}"))
}

fn parse_parts(text: &str) -> Result<Parts, String> {
    let bad = |why: &str| {
        format!(
            "`{text}` is not an ISO 8601 date-time ({why}); write e.g. 2024-05-28T11:52:16+02:00"
        )
    };
    let (date, time) = match text.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (text, None),
    };
    let mut fields = date.splitn(3, '-');
    let (y, m, d) = (fields.next(), fields.next(), fields.next());
    let (Some(y), Some(m), Some(d)) = (y, m, d) else {
        return Err(bad("the date must be YYYY-MM-DD"));
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return Err(bad("the date must be YYYY-MM-DD"));
    }
    let year = digits(y, "year").map_err(|e| bad(&e))?;
    let month = digits(m, "month").map_err(|e| bad(&e))? as u32;
    let day = digits(d, "day").map_err(|e| bad(&e))? as u32;
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(bad("no such calendar day"));
    }
    let Some(time) = time else {
        return Ok(Parts {
            year,
            month,
            day,
            seconds_of_day: 0,
            offset: None,
        });
    };
    // Split the zone off: `Z`, `+hh:mm` or `-hh:mm`.
    let (clock, offset) = if let Some(clock) = time.strip_suffix('Z') {
        (clock, Some(0))
    } else if let Some(pos) = time.rfind(['+', '-']) {
        let zone = &time[pos + 1..];
        let (h, m) = zone
            .split_once(':')
            .ok_or_else(|| bad("the time zone must be Z or ±hh:mm"))?;
        let (h, m) = (digits(h, "zone hour"), digits(m, "zone minute"));
        let (Ok(h), Ok(m)) = (h, m) else {
            return Err(bad("the time zone must be Z or ±hh:mm"));
        };
        if h > 14 || m > 59 {
            return Err(bad("the time zone offset is out of range"));
        }
        let sign = if time.as_bytes()[pos] == b'-' { -1 } else { 1 };
        (&time[..pos], Some(sign * (h * 3600 + m * 60)))
    } else {
        (time, None)
    };
    let (whole, fraction) = match clock.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (clock, None),
    };
    if let Some(f) = fraction {
        digits(f, "fraction of a second").map_err(|e| bad(&e))?;
    }
    let parts: Vec<&str> = whole.split(':').collect();
    if parts.len() != 3 || parts.iter().any(|p| p.len() != 2) {
        return Err(bad("the time must be hh:mm:ss"));
    }
    let h = digits(parts[0], "hour").map_err(|e| bad(&e))?;
    let mi = digits(parts[1], "minute").map_err(|e| bad(&e))?;
    let s = digits(parts[2], "second").map_err(|e| bad(&e))?;
    if h > 24 || mi > 59 || s > 60 || (h == 24 && (mi, s) != (0, 0)) {
        return Err(bad("the time is out of range"));
    }
    Ok(Parts {
        year,
        month,
        day,
        seconds_of_day: h * 3600 + mi * 60 + s,
        offset,
    })
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

/// An ISO 8601 duration (`P3M`, `PT30H`, `P1DT12H`), kept as written.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Duration(String);

impl Duration {
    /// Parses and validates a duration.
    pub fn parse(text: &str) -> Result<Self, crate::ModelError> {
        Self::parse_text(text)
            .map_err(|message| crate::ModelError::new(crate::ErrorKind::Data, "", message))
    }

    fn parse_text(text: &str) -> Result<Self, String> {
        duration_hours(text)?;
        Ok(Duration(text.to_string()))
    }

    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The length in hours, counting a year as 365 days and a month as 30 days.
    pub fn approx_hours(&self) -> f64 {
        duration_hours(&self.0).expect("validated when constructed")
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn duration_hours(text: &str) -> Result<f64, String> {
    let bad = |why: &str| {
        format!("`{text}` is not an ISO 8601 duration ({why}); write e.g. P3M or PT30H")
    };
    let body = text
        .strip_prefix('P')
        .ok_or_else(|| bad("it must start with P"))?;
    let (date, time) = match body.split_once('T') {
        Some((d, "")) => return Err(bad(&format!("nothing after T in `{d}T`"))),
        Some((d, t)) => (d, t),
        None => (body, ""),
    };
    if date.is_empty() && time.is_empty() {
        return Err(bad("it names no amount"));
    }
    let mut hours = 0.0;
    for (part, units) in [(date, "YMWD"), (time, "HMS")] {
        let mut number = String::new();
        let mut last_unit = 0;
        for c in part.chars() {
            if c.is_ascii_digit() || c == '.' || c == ',' {
                number.push(if c == ',' { '.' } else { c });
                continue;
            }
            let rank = units
                .find(c)
                .ok_or_else(|| bad(&format!("unknown unit `{c}`")))?
                + 1;
            if rank <= last_unit || number.is_empty() {
                return Err(bad("units must come in order, each after a number"));
            }
            last_unit = rank;
            let n: f64 = number.parse().map_err(|_| bad("bad number"))?;
            number.clear();
            hours += n * match (units, c) {
                ("YMWD", 'Y') => 365.0 * 24.0,
                ("YMWD", 'M') => 30.0 * 24.0,
                ("YMWD", 'W') => 7.0 * 24.0,
                ("YMWD", _) => 24.0,
                (_, 'H') => 1.0,
                (_, 'M') => 1.0 / 60.0,
                _ => 1.0 / 3600.0,
            };
        }
        if !number.is_empty() {
            return Err(bad("a number without a unit"));
        }
    }
    Ok(hours)
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Duration::parse(&text).map_err(de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_in_the_forms_the_samples_use() {
        for ok in [
            "2024-05-28T11:52:16+02:00",
            "2024-01-01T00:00:00Z",
            "2024-01-01T00:00:00",
            "2024-01-01",
            "2024-02-29T23:59:59.123Z",
        ] {
            assert!(DateTime::parse(ok).is_ok(), "{ok}");
        }
        for bad in [
            "2023-02-29",
            "2024-13-01",
            "28/05/2024",
            "2024-05-28T25:00:00Z",
            "2024-05-28T10:00",
        ] {
            assert!(DateTime::parse(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn unix_seconds_match_known_instants() {
        // 2000-01-01T00:00:00Z is 946684800 (POSIX time, well known).
        assert_eq!(
            DateTime::parse("2000-01-01T00:00:00Z")
                .unwrap()
                .unix_seconds(),
            946_684_800
        );
        assert_eq!(
            DateTime::parse("2000-01-01T01:00:00+01:00")
                .unwrap()
                .unix_seconds(),
            946_684_800
        );
        assert_eq!(
            DateTime::from_unix_seconds(946_684_800).as_str(),
            "2000-01-01T00:00:00Z"
        );
        assert_eq!(
            DateTime::from_unix_seconds(0).as_str(),
            "1970-01-01T00:00:00Z"
        );
    }

    #[test]
    fn durations() {
        assert_eq!(Duration::parse("PT30H").unwrap().approx_hours(), 30.0);
        assert_eq!(Duration::parse("P1DT2H").unwrap().approx_hours(), 26.0);
        assert!(Duration::parse("P3M").is_ok());
        for bad in ["3M", "P", "PT", "PH3", "P3H"] {
            assert!(Duration::parse(bad).is_err(), "{bad}");
        }
    }
}
