//! What every handler shares: the service, how a request body is read, and where blocking
//! work runs.

use crate::problem::Problem;
use crate::service::Service;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use serde_json::Value;
use std::sync::Arc;

/// Shared state of every handler.
pub(crate) type Shared = Arc<Service>;

/// A request body read whole (within the body limit), refused as a problem otherwise.
pub(crate) struct Body(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for Body {
    type Rejection = Problem;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Bytes::from_request(request, state).await {
            Ok(bytes) => Ok(Body(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                Err(Problem::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    "too-large",
                    "the request body is larger than the server allows (limits.max_body_bytes)",
                ))
            }
            Err(rejection) => Err(Problem::bad_request(
                "unreadable-body",
                rejection.body_text(),
            )),
        }
    }
}

impl Body {
    /// The body as a JSON object, or a problem naming the line and column.
    pub(crate) fn json_object(&self) -> Result<serde_json::Map<String, Value>, Problem> {
        match serde_json::from_slice::<Value>(&self.0) {
            Ok(Value::Object(object)) => Ok(object),
            Ok(_) => Err(Problem::bad_request(
                "invalid-json",
                "the body must be a JSON object",
            )),
            Err(e) => Err(Problem::bad_request(
                "invalid-json",
                format!("the body is not JSON: {e}"),
            )),
        }
    }
}

/// Runs CPU-bound or blocking work (verification, signing, the database) off the event loop,
/// at most `limits.max_concurrent_requests` at once; over that, a 503 at once (the request's
/// body was read, so the client gets the answer rather than a reset connection).
pub(crate) async fn blocking<T: Send + 'static>(
    service: &Shared,
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, Problem> {
    let Ok(permit) = Arc::clone(&service.work).try_acquire_owned() else {
        return Err(Problem::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "overloaded",
            "the server is doing as much work at once as it allows (limits.max_concurrent_requests): try again shortly",
        )
        .with("retryAfterSeconds", Value::from(1)));
    };
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        work()
    })
    .await
    .map_err(|e| {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            format!("the work failed: {e}"),
        )
    })
}
