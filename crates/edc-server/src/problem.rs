//! Errors as RFC 9457 problem details: `{type, title, status, detail}` plus members of the
//! endpoint's own (a verification's `verified` and report, say), as
//! `application/problem+json`. `type` is a stable code a program can branch on.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Map, Value};

/// A problem: a status, a stable code, a title and a sentence naming the place and the fix.
#[derive(Debug, Clone)]
pub struct Problem {
    /// The HTTP status.
    pub status: StatusCode,
    /// A stable code (`invalid-json`, `data-model`, `verification-failed`, …).
    pub code: &'static str,
    /// The sentence for people.
    pub detail: String,
    /// Members of the endpoint's own.
    pub extra: Map<String, Value>,
}

impl Problem {
    /// A problem of `status` with `code` and `detail`.
    pub fn new(status: StatusCode, code: &'static str, detail: impl Into<String>) -> Problem {
        Problem {
            status,
            code,
            detail: detail.into(),
            extra: Map::new(),
        }
    }

    /// 400: the request is not what the endpoint takes.
    pub fn bad_request(code: &'static str, detail: impl Into<String>) -> Problem {
        Problem::new(StatusCode::BAD_REQUEST, code, detail)
    }

    /// With a member of the endpoint's own.
    pub fn with(mut self, name: &str, value: Value) -> Problem {
        self.extra.insert(name.to_string(), value);
        self
    }

    /// The body.
    pub fn body(&self) -> Value {
        let mut body = json!({
            "type": format!("https://edc-rs.github.io/problems/{}", self.code),
            "code": self.code,
            "title": self.status.canonical_reason().unwrap_or("Error"),
            "status": self.status.as_u16(),
            "detail": self.detail,
        });
        if let Value::Object(members) = &mut body {
            for (k, v) in &self.extra {
                members.insert(k.clone(), v.clone());
            }
        }
        body
    }
}

impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        (
            self.status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            self.body().to_string(),
        )
            .into_response()
    }
}

impl From<crate::status::StoreError> for Problem {
    fn from(e: crate::status::StoreError) -> Problem {
        use crate::status::StoreErrorKind::*;
        let (status, code) = match e.kind() {
            NotFound => (StatusCode::NOT_FOUND, "not-found"),
            Conflict => (StatusCode::CONFLICT, "status-conflict"),
            Invalid => (StatusCode::BAD_REQUEST, "invalid-input"),
            _ => (StatusCode::SERVICE_UNAVAILABLE, "database-unavailable"),
        };
        Problem::new(status, code, e.to_string())
    }
}
