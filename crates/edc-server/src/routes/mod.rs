//! The routes, the layers every request passes (limits, metrics, logs), and how a request
//! body is read.

mod europass;
mod ops;
mod request;
mod status;
mod vc_api;

use request::Shared;

use crate::problem::Problem;
use axum::error_handling::HandleErrorLayer;
use axum::extract::{DefaultBodyLimit, MatchedPath, Request};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tower::ServiceBuilder;

/// The method and path of every route, as the OpenAPI document lists them.
pub const ROUTES: &[(&str, &str)] = &[
    ("post", "/credentials/issue"),
    ("post", "/credentials/verify"),
    ("post", "/presentations/verify"),
    ("post", "/credentials/status"),
    ("get", "/status-lists/{id}"),
    ("post", "/status-lists/{id}/publish"),
    ("post", "/europass/verify"),
    ("post", "/europass/validate"),
    ("post", "/europass/seal"),
    ("post", "/europass/convert"),
    ("post", "/render"),
    ("get", "/issuers"),
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/metrics"),
    ("get", "/openapi.json"),
];

/// The application: routes and layers.
pub fn router(service: Shared) -> Router {
    let limits = &service.config.limits;
    let layers = ServiceBuilder::new()
        .layer(HandleErrorLayer::new(late))
        .timeout(Duration::from_secs_f64(limits.request_timeout_seconds));
    Router::new()
        .route("/credentials/issue", post(vc_api::issue))
        .route("/credentials/verify", post(vc_api::verify_credential))
        .route("/presentations/verify", post(vc_api::verify_presentation))
        .route("/credentials/status", post(status::update))
        .route("/status-lists/{id}", get(status::list))
        .route("/status-lists/{id}/publish", post(status::publish))
        .route("/europass/verify", post(europass::verify))
        .route("/europass/validate", post(europass::validate))
        .route("/europass/seal", post(europass::seal))
        .route("/europass/convert", post(europass::convert))
        .route("/render", post(europass::render))
        .route("/issuers", get(ops::issuers))
        .route("/healthz", get(ops::healthz))
        .route("/readyz", get(ops::readyz))
        .route("/metrics", get(ops::metrics))
        .route("/openapi.json", get(ops::openapi))
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(limits.max_body_bytes))
        .layer(layers)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&service),
            observe,
        ))
        .with_state(service)
}

async fn not_found(request: Request) -> Problem {
    Problem::new(
        StatusCode::NOT_FOUND,
        "not-found",
        format!(
            "no route {} {}: see /openapi.json for the routes",
            request.method(),
            request.uri().path()
        ),
    )
}

async fn late(error: tower::BoxError) -> Response {
    if error.is::<tower::timeout::error::Elapsed>() {
        return Problem::new(
            StatusCode::REQUEST_TIMEOUT,
            "timeout",
            "the request took longer than the server allows (limits.request_timeout_seconds)",
        )
        .into_response();
    }
    Problem::new(
        StatusCode::INTERNAL_SERVER_ERROR,
        "internal",
        format!("the server failed: {error}"),
    )
    .into_response()
}

/// Counts and logs every request: method, route pattern (never the body or a key), status,
/// milliseconds.
async fn observe(
    axum::extract::State(service): axum::extract::State<Shared>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = request.method().to_string();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|p| p.as_str().to_string())
        .unwrap_or_else(|| "unmatched".to_string());
    let response = next.run(request).await;
    let took = started.elapsed();
    let status = response.status().as_u16();
    service.metrics.request(&method, &route, status, took);
    tracing::info!(
        method = %method,
        route = %route,
        status,
        ms = took.as_secs_f64() * 1000.0,
        "request"
    );
    response
}
