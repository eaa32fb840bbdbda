//! The time, as the service writes it.

/// Seconds since 1970 now.
pub fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        .unwrap_or(0)
}

/// Now as an XML Schema dateTimeStamp in UTC (`2026-12-07T10:00:00Z`).
pub fn now_text() -> String {
    edc_model::DateTime::from_unix_seconds(now_seconds()).to_string()
}

/// `seconds` since 1970 as a dateTimeStamp.
pub fn text_of(seconds: i64) -> String {
    edc_model::DateTime::from_unix_seconds(seconds).to_string()
}
