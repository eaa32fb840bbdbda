//! Operations: health, readiness, metrics, the OpenAPI document, the issuers.

use super::request::{blocking, Shared};
use crate::problem::Problem;
use axum::extract::State;
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use std::sync::Arc;

/// `GET /healthz`: the process answers.
pub(crate) async fn healthz() -> Response {
    axum::Json(json!({"status": "ok"})).into_response()
}

/// `GET /readyz`: the database answers too.
pub(crate) async fn readyz(State(service): State<Shared>) -> Result<Response, Problem> {
    let worker = Arc::clone(&service);
    blocking(&service, move || worker.publisher.store.ping()).await??;
    Ok(axum::Json(json!({"status": "ready"})).into_response())
}

/// `GET /metrics`: Prometheus text.
pub(crate) async fn metrics(State(service): State<Shared>) -> Response {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        service.metrics.render(),
    )
        .into_response()
}

/// `GET /openapi.json`.
pub(crate) async fn openapi(State(service): State<Shared>) -> Response {
    axum::Json(crate::openapi::document(&service.public_url)).into_response()
}

/// `GET /issuers`: the DIDs this server issues as and the suites each makes.
pub(crate) async fn issuers(State(service): State<Shared>) -> Response {
    let issuers: Vec<_> = service
        .publisher
        .issuers
        .all()
        .iter()
        .map(|i| {
            json!({
                "id": i.did,
                "verificationMethod": i.method,
                "cryptosuites": i.suites().iter().map(|s| s.name()).collect::<Vec<_>>(),
            })
        })
        .collect();
    (StatusCode::OK, axum::Json(json!({"issuers": issuers}))).into_response()
}
