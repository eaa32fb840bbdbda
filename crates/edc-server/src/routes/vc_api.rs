//! The W3C VC-API endpoints: issue, verify a credential, verify a presentation.

use super::request::{blocking, Body, Shared};
use crate::problem::Problem;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use edc_signer::Cryptosuite;
use edc_verifier::{CheckName, Code, Expectations, Outcome, Report, Verdict};
use serde_json::{json, Map, Value};
use std::sync::Arc;

const V2: &str = "https://www.w3.org/ns/credentials/v2";

/// `POST /credentials/issue`: `{credential, options}` → 201 `{verifiableCredential}`.
pub(crate) async fn issue(
    State(service): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Problem> {
    let actor = service.keys.check(&headers)?;
    let mut request = body.json_object()?;
    let credential = match request.remove("credential") {
        Some(Value::Object(c)) => c,
        Some(_) => {
            return Err(Problem::bad_request(
                "invalid-input",
                "/credential must be a JSON object",
            ))
        }
        None => {
            return Err(Problem::bad_request(
                "invalid-input",
                "the body has no /credential: send {\"credential\": {...}, \"options\": {...}}",
            ))
        }
    };
    let options = match request.remove("options") {
        None | Some(Value::Null) => Map::new(),
        Some(Value::Object(o)) => o,
        Some(_) => {
            return Err(Problem::bad_request(
                "invalid-input",
                "/options must be a JSON object",
            ))
        }
    };
    let worker = Arc::clone(&service);
    let issued = blocking(&service, move || {
        issue_now(&worker, credential, &options, &actor)
    })
    .await??;
    service.metrics.issued();
    Ok((
        StatusCode::CREATED,
        axum::Json(json!({"verifiableCredential": issued})),
    )
        .into_response())
}

fn issue_now(
    service: &Shared,
    mut credential: Map<String, Value>,
    options: &Map<String, Value>,
    actor: &str,
) -> Result<Value, Problem> {
    let publisher = &service.publisher;
    let issuer_id = match credential.get("issuer") {
        Some(Value::String(id)) => id.clone(),
        Some(Value::Object(o)) => match o.get("id") {
            Some(Value::String(id)) => id.clone(),
            _ => {
                return Err(Problem::bad_request(
                    "data-model",
                    "/credential/issuer/id must be a URL (the issuer's DID)",
                ))
            }
        },
        None => {
            return Err(Problem::bad_request(
                "data-model",
                format!(
                    "/credential has no issuer: give one of this server's issuers ({})",
                    issuer_list(service)
                ),
            ))
        }
        Some(_) => {
            return Err(Problem::bad_request(
                "data-model",
                "/credential/issuer must be a URL or an object with an id",
            ))
        }
    };
    let Some(issuer) = publisher.issuers.find(&issuer_id) else {
        return Err(Problem::bad_request(
            "issuer-unknown",
            format!(
                "/credential/issuer is {issuer_id}, which this server does not hold a key for: give one of {}",
                issuer_list(service)
            ),
        ));
    };
    if let Some(Value::String(id)) = options.get("credentialId") {
        credential.insert("id".into(), Value::String(id.clone()));
    }
    let document = Value::Object(credential);
    let violations = edc_verifier::data_model::check(&document);
    if !violations.is_empty() {
        return Err(Problem::bad_request(
            "data-model",
            format!(
                "the credential breaks the data model: {}",
                violations
                    .iter()
                    .map(|v| v.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
        )
        .with(
            "violations",
            violations
                .iter()
                .map(|v| json!({"pointer": format!("/credential{}", v.pointer), "message": v.message}))
                .collect(),
        ));
    }
    let format = options.get("format").and_then(Value::as_str);
    let suite =
        match options.get("cryptosuite") {
            None | Some(Value::Null) => None,
            Some(Value::String(name)) => Some(
                Cryptosuite::from_name(name)
                    .filter(|s| issuer.suites().contains(s))
                    .ok_or_else(|| {
                        Problem::bad_request(
                            "unsupported-suite",
                            format!(
                    "/options/cryptosuite {name} is not one {} can make: give one of {}",
                    issuer.did,
                    issuer.suites().iter().map(|s| s.name()).collect::<Vec<_>>().join(", ")
                ),
                        )
                    })?,
            ),
            Some(_) => {
                return Err(Problem::bad_request(
                    "invalid-input",
                    "/options/cryptosuite must be a string",
                ))
            }
        };
    let mut document = document;
    add_status(service, &mut document, options, &issuer.did, actor)?;
    match format {
        Some("vc+jwt" | "application/vc+jwt" | "jose" | "vc-jose") => {
            let token = issuer
                .jose(&document)
                .map_err(|e| Problem::bad_request("cannot-sign", e.to_string()))?;
            Ok(json!({
                "@context": V2,
                "id": format!("data:application/vc+jwt,{token}"),
                "type": "EnvelopedVerifiableCredential",
            }))
        }
        None | Some("ldp_vc" | "di" | "data-integrity") => {
            let suite = suite.unwrap_or(issuer.suites()[0]);
            issuer
                .prove(&publisher.integrity, &document, suite, "assertionMethod")
                .map_err(|e| Problem::bad_request("cannot-sign", e.to_string()))
        }
        Some(other) => Err(Problem::bad_request(
            "unsupported-format",
            format!("/options/format {other} is not one this server makes: give ldp_vc (Data Integrity) or vc+jwt (VC-JOSE)"),
        )),
    }
}

fn issuer_list(service: &Shared) -> String {
    service
        .publisher
        .issuers
        .all()
        .iter()
        .map(|i| i.did.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

/// Gives the credential status entries when the request or the configuration asks for them.
fn add_status(
    service: &Shared,
    document: &mut Value,
    options: &Map<String, Value>,
    issuer: &str,
    actor: &str,
) -> Result<(), Problem> {
    let asked = match options.get("credentialStatus") {
        Some(Value::Bool(b)) => Some(*b),
        Some(Value::Object(o)) => match o.get("type").and_then(Value::as_str) {
            Some("BitstringStatusListEntry") | None => Some(true),
            Some(other) => {
                return Err(Problem::bad_request(
                    "unsupported-status",
                    format!("/options/credentialStatus/type {other}: this server gives BitstringStatusListEntry"),
                ))
            }
        },
        None | Some(Value::Null) => None,
        Some(_) => {
            return Err(Problem::bad_request(
                "invalid-input",
                "/options/credentialStatus must be an object ({\"type\": \"BitstringStatusListEntry\"}) or a boolean",
            ))
        }
    };
    let has_status = document.get("credentialStatus").is_some();
    let v2 = first_context(document) == Some(V2);
    let wanted = match asked {
        Some(true) if has_status => {
            return Err(Problem::bad_request(
                "invalid-input",
                "/credential already has a credentialStatus: send it without one to be given this server's entries",
            ))
        }
        Some(true) if !v2 => {
            return Err(Problem::bad_request(
                "unsupported-status",
                "status entries (BitstringStatusListEntry) need a VCDM 2.0 credential: its first @context must be https://www.w3.org/ns/credentials/v2",
            ))
        }
        Some(wanted) => wanted,
        None => service.config.status.by_default && v2 && !has_status,
    };
    if !wanted {
        return Ok(());
    }
    let credential_id = document.get("id").and_then(Value::as_str);
    let allocation = service.publisher.store.allocate(
        issuer,
        service.config.status.list_size,
        credential_id,
        actor,
    )?;
    document["credentialStatus"] = service.publisher.lists.entries(&allocation);
    Ok(())
}

fn first_context(document: &Value) -> Option<&str> {
    match document.get("@context")? {
        Value::String(s) => Some(s),
        Value::Array(items) => items.first()?.as_str(),
        _ => None,
    }
}

/// `POST /credentials/verify`: `{verifiableCredential, options}` → `{verified, …}`.
pub(crate) async fn verify_credential(
    State(service): State<Shared>,
    body: Body,
) -> Result<Response, Problem> {
    let mut request = body.json_object()?;
    let Some(credential) = request.remove("verifiableCredential") else {
        return Err(Problem::bad_request(
            "invalid-input",
            "the body has no /verifiableCredential: send {\"verifiableCredential\": ..., \"options\": {...}}",
        ));
    };
    let bytes = document_bytes(credential, "/verifiableCredential")?;
    let worker = Arc::clone(&service);
    let report = blocking(&service, move || worker.verifier.verify(&bytes)).await?;
    Ok(answer(&service, &report))
}

/// `POST /presentations/verify`: `{verifiablePresentation, options: {challenge, domain}}`.
pub(crate) async fn verify_presentation(
    State(service): State<Shared>,
    body: Body,
) -> Result<Response, Problem> {
    let mut request = body.json_object()?;
    let Some(presentation) = request.remove("verifiablePresentation") else {
        return Err(Problem::bad_request(
            "invalid-input",
            "the body has no /verifiablePresentation: send {\"verifiablePresentation\": ..., \"options\": {\"challenge\": ..., \"domain\": ...}}",
        ));
    };
    let mut expected = Expectations::new();
    if let Some(Value::Object(options)) = request.get("options") {
        for (name, value) in options {
            match (name.as_str(), value) {
                ("challenge", Value::String(c)) => expected = expected.challenge(c),
                ("domain", Value::String(d)) => expected = expected.domain(d),
                ("challenge" | "domain", _) => {
                    return Err(Problem::bad_request(
                        "invalid-input",
                        format!("/options/{name} must be a string"),
                    ))
                }
                _ => {}
            }
        }
    }
    let bytes = document_bytes(presentation, "/verifiablePresentation")?;
    let worker = Arc::clone(&service);
    let report = blocking(&service, move || {
        worker.verifier.verify_expecting(&bytes, &expected)
    })
    .await?;
    Ok(answer(&service, &report))
}

/// The bytes the verifier reads: a JSON object as written, a token as its text.
fn document_bytes(document: Value, pointer: &str) -> Result<Vec<u8>, Problem> {
    match document {
        Value::String(text) if text.trim_start().starts_with(['{', '[']) => Err(Problem::bad_request(
            "invalid-input",
            format!("{pointer} is JSON text inside a string: send the credential or presentation as a JSON object (a string is read as a token: VC-JOSE, SD-JWT, VC-COSE)"),
        )),
        Value::String(token) => Ok(token.into_bytes()),
        Value::Object(_) => Ok(serde_json::to_vec(&document).unwrap_or_default()),
        _ => Err(Problem::bad_request(
            "invalid-input",
            format!("{pointer} must be a JSON object or a token (string)"),
        )),
    }
}

/// The checks the VC-API's `verified` needs done: the document's form, its proofs, its
/// validity period and, when it has status entries, its status (a list that cannot be fetched
/// or checked is not a clear status). The issuer's trust, the holder and accreditation are
/// reported as warnings when they could not be checked.
const REQUIRED: [CheckName; 4] = [
    CheckName::Format,
    CheckName::Integrity,
    CheckName::ValidityPeriod,
    CheckName::Status,
];

/// The report as the VC data model reads it: a presentation's holder need not be the subject
/// of what it presents (a parent may present a child's credential), so a holder who is not
/// the subject is reported as a warning here, where the Europass endpoint (the viewer's owner
/// check) fails it.
fn as_vc_data_model(report: &Report) -> Report {
    let mut report = report.clone();
    for check in &mut report.checks {
        if check.name == CheckName::Owner && check.outcome.code() == Code::SubjectMismatch {
            check.outcome = Outcome::skipped(
                Code::SubjectMismatch,
                format!(
                    "{} (the VC data model lets a holder present another subject's credential: reported, not failed)",
                    check.outcome.reason()
                ),
            );
        }
    }
    report
}

/// The VC-API answer: 200 `{verified: true, checks, warnings, errors: [], report}`, or the
/// configured failure status with a problem carrying the same members.
pub(crate) fn answer(service: &Shared, report: &Report) -> Response {
    let report = &as_vc_data_model(report);
    let item = |c: &edc_verifier::Check| json!({"check": c.name.label(), "code": c.outcome.code().as_str(), "message": c.outcome.reason()});
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut passed = Vec::new();
    for check in &report.checks {
        match &check.outcome {
            Outcome::Failed(_) => errors.push(item(check)),
            Outcome::Skipped(_) if REQUIRED.contains(&check.name) => errors.push(item(check)),
            Outcome::Skipped(_) => warnings.push(item(check)),
            Outcome::Ok(_) => passed.push(Value::String(check.name.label().into())),
            _ => {}
        }
    }
    let verified = errors.is_empty();
    let verdict = report.verdict();
    service.metrics.verification(if verified {
        "verified"
    } else if verdict == Verdict::Failed {
        "failed"
    } else {
        "could not check"
    });
    let full = report.to_json();
    if verified {
        return axum::Json(json!({
            "verified": true,
            "verdict": verdict.label(),
            "checks": passed,
            "warnings": warnings,
            "errors": [],
            "report": full,
        }))
        .into_response();
    }
    let status = StatusCode::from_u16(service.config.verify.failure_status)
        .unwrap_or(StatusCode::BAD_REQUEST);
    let first = errors
        .first()
        .and_then(|e| e["message"].as_str())
        .unwrap_or("not verified")
        .to_string();
    let problem = Problem::new(
        status,
        "verification-failed",
        format!("not verified: {first}"),
    )
    .with("verified", Value::Bool(false))
    .with("verdict", Value::String(verdict.label().into()))
    .with("checks", Value::Array(passed))
    .with("warnings", Value::Array(warnings))
    .with("errors", Value::Array(errors))
    .with("report", full);
    if status == StatusCode::OK {
        return axum::Json(problem.body()).into_response();
    }
    problem.into_response()
}
