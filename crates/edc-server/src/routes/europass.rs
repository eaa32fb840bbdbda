//! The Europass endpoints: verify with the full report, validate against the profile, seal
//! with the configured eSeal. Bodies are documents as they are (JSON-LD, a sealed credential,
//! the upload wrapper, a token), not wrapped in a request object.

use super::{blocking, Body, Shared};
use crate::problem::Problem;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use edc_verifier::{CheckName, Outcome};
use serde_json::{json, Value};
use std::sync::Arc;

/// `POST /europass/verify`: 200 with the report `edc verify --json` prints (verdict, checks
/// with their stable codes, findings); the verdict is in the body, whatever it is.
pub(crate) async fn verify(State(service): State<Shared>, body: Body) -> Result<Response, Problem> {
    let bytes = body.0;
    let worker = Arc::clone(&service);
    let report = blocking(move || worker.verifier.verify(&bytes)).await?;
    service.metrics.verification(report.verdict().label());
    Ok(axum::Json(report.to_json()).into_response())
}

/// `POST /europass/validate`: 200 `{conforms, code, reason, findings}`: the format check (the
/// data model and, with `verify.shapes_dir`, the official SHACL profile).
pub(crate) async fn validate(
    State(service): State<Shared>,
    body: Body,
) -> Result<Response, Problem> {
    let bytes = body.0;
    let worker = Arc::clone(&service);
    let report = blocking(move || worker.verifier.verify(&bytes)).await?;
    let format = report
        .checks
        .iter()
        .find(|c| c.name == CheckName::Format)
        .ok_or_else(|| {
            Problem::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "the report has no format check",
            )
        })?;
    Ok(axum::Json(json!({
        "conforms": matches!(format.outcome, Outcome::Ok(_)),
        "code": format.outcome.code().as_str(),
        "reason": format.outcome.reason(),
        "findings": format.findings.iter().map(|f| json!({
            "pointer": f.pointer,
            "code": f.code.as_str(),
            "message": f.message,
        })).collect::<Vec<_>>(),
    }))
    .into_response())
}

/// `POST /europass/seal`: the credential sealed (JAdES) with the configured eSeal, in the
/// EU's sealed form.
pub(crate) async fn seal(
    State(service): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Problem> {
    service.keys.check(&headers)?;
    if service.seal.is_none() {
        return Err(Problem::new(
            StatusCode::NOT_IMPLEMENTED,
            "seal-not-configured",
            "this server has no eSeal: configure [seal] p12 and its password",
        ));
    }
    let document = match serde_json::from_slice::<Value>(&body.0) {
        Ok(v @ Value::Object(_)) => v,
        Ok(_) => {
            return Err(Problem::bad_request(
                "invalid-json",
                "the body must be the credential, a JSON object",
            ))
        }
        Err(e) => {
            return Err(Problem::bad_request(
                "invalid-json",
                format!("the body is not JSON: {e}"),
            ))
        }
    };
    let worker = Arc::clone(&service);
    let sealed = blocking(move || {
        let seal = worker.seal.as_ref().expect("checked above");
        let options = edc_seal::SealOptions {
            algorithm: seal.key.default_algorithm(),
            now: crate::clock::now_seconds(),
            fill_issuer: true,
        };
        edc_seal::seal(&document, &seal.key, &seal.chain, options)
    })
    .await?
    .map_err(|e| Problem::bad_request("cannot-seal", e.to_string()))?;
    Ok(axum::Json(sealed).into_response())
}
