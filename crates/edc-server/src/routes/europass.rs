//! The Europass endpoints: verify with the full report, validate against the profile, seal
//! with the configured eSeal. Bodies are documents as they are (JSON-LD, a sealed credential,
//! the upload wrapper, a token), not wrapped in a request object.

use super::request::{blocking, Body, Shared};
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
    let report = blocking(&service, move || worker.verifier.verify(&bytes)).await?;
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
    let report = blocking(&service, move || worker.verifier.verify(&bytes)).await?;
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
/// EU's sealed form; an upload wrapper `{credential, deliveryDetails}` comes back as one, its
/// credential sealed.
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
    // Any form edc reads: a bare credential, or the Europass upload wrapper
    // {credential, deliveryDetails}, whose credential is sealed and which comes back wrapped.
    let document = edc_model::Document::from_slice(&body.0).map_err(|e| {
        Problem::bad_request(
            "unreadable",
            format!("the body is not a credential edc reads: {e}"),
        )
    })?;
    let delivery = match &document {
        edc_model::Document::UploadWrapper(_) => Some(
            serde_json::from_slice::<Value>(&body.0)
                .ok()
                .and_then(|w| w.get("deliveryDetails").cloned())
                .unwrap_or(Value::Null),
        ),
        edc_model::Document::Credential(_) => None,
        _ => {
            return Err(Problem::bad_request(
                "invalid-input",
                "seal a credential (JSON-LD) or an upload wrapper {credential, deliveryDetails}; this one is already secured",
            ))
        }
    };
    let document = document.json_ld();
    let worker = Arc::clone(&service);
    let sealed = blocking(&service, move || {
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
    match delivery {
        Some(details) if !details.is_null() => Ok(axum::Json(
            json!({"credential": sealed, "deliveryDetails": details}),
        )
        .into_response()),
        Some(_) => Ok(axum::Json(json!({"credential": sealed})).into_response()),
        None => Ok(axum::Json(sealed).into_response()),
    }
}

/// `POST /europass/convert?mapping=NAME&format=csv&secure=none|di|seal&wrapper=false`: the body
/// is a provider's export (CSV, XLSX, XLS, ODS or JSON lines); each row is filled into the named
/// mapping's template, validated and secured (unsigned by default: the Europass issuer seals).
/// The answer is JSON lines: `{"credential": …}` (or `{"wrapper": …}`) per good row,
/// `{"error": {"row", "column", "message"}}` per bad row, and a closing `{"summary": …}`.
pub(crate) async fn convert(
    State(service): State<Shared>,
    headers: HeaderMap,
    axum::extract::Query(query): axum::extract::Query<std::collections::BTreeMap<String, String>>,
    body: Body,
) -> Result<Response, Problem> {
    service.keys.check(&headers)?;
    let name = query.get("mapping").cloned().unwrap_or_default();
    let Some(mapping_path) = service.config.convert.get(&name).cloned() else {
        return Err(Problem::bad_request(
            "unknown-mapping",
            format!(
                "?mapping={name}: give one of the configured mappings ({}); [convert] in the configuration names them",
                service.config.convert.keys().cloned().collect::<Vec<_>>().join(", ")
            ),
        ));
    };
    let format = query
        .get("format")
        .map(String::as_str)
        .unwrap_or("csv")
        .to_ascii_lowercase();
    if !["csv", "xlsx", "xls", "ods", "jsonl"].contains(&format.as_str()) {
        return Err(Problem::bad_request(
            "unsupported-format",
            format!("?format={format}: give csv, xlsx, xls, ods or jsonl"),
        ));
    }
    let secure = query
        .get("secure")
        .map(String::as_str)
        .unwrap_or("none")
        .to_string();
    let wrapper = query
        .get("wrapper")
        .is_some_and(|w| w == "true" || w == "1");
    let export = body.0;
    let worker = Arc::clone(&service);
    let lines = blocking(&service, move || {
        convert_now(&worker, &mapping_path, &format, &secure, wrapper, &export)
    })
    .await??;
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/x-ndjson")],
        lines,
    )
        .into_response())
}

fn convert_now(
    service: &Shared,
    mapping_path: &std::path::Path,
    format: &str,
    secure: &str,
    wrapper: bool,
    export: &[u8],
) -> Result<String, Problem> {
    use edc_convert::{Converter, Mapping, Output, Securing};
    let mapping = Mapping::load(mapping_path).map_err(|e| {
        Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "mapping-unreadable",
            e.to_string(),
        )
    })?;
    let securing = match secure {
        "none" => Securing::None,
        "di" => {
            let issuer = service
                .publisher
                .issuers
                .for_suite(edc_signer::Cryptosuite::EddsaRdfc2022)
                .ok_or_else(|| {
                    Problem::bad_request("no-key", "no Ed25519 issuer key is configured")
                })?;
            Securing::DataIntegrity {
                key: issuer.key_copy(),
                method: issuer.method.clone(),
                suite: edc_signer::Cryptosuite::EddsaRdfc2022,
            }
        }
        "seal" => {
            let config = service.config.seal.as_ref().ok_or_else(|| {
                Problem::new(
                    StatusCode::NOT_IMPLEMENTED,
                    "seal-not-configured",
                    "this server has no eSeal: configure [seal]",
                )
            })?;
            let seal = crate::service::load_seal(config).map_err(|e| {
                Problem::new(StatusCode::INTERNAL_SERVER_ERROR, "seal-unreadable", e)
            })?;
            Securing::Seal {
                key: seal.key,
                chain: seal.chain,
                time_stamping: None,
            }
        }
        other => {
            return Err(Problem::bad_request(
                "invalid-input",
                format!("?secure={other}: give none, di or seal"),
            ))
        }
    };
    let work = tempdir(&service.config.data_dir())?;
    let input = work.0.join(format!("export.{format}"));
    std::fs::write(&input, export).map_err(|e| {
        Problem::new(
            StatusCode::INSUFFICIENT_STORAGE,
            "cannot-store",
            e.to_string(),
        )
    })?;
    let output = if wrapper {
        Output::UploadWrappers(work.0.join("out"))
    } else {
        Output::JsonLines(work.0.join("out.jsonl"))
    };
    let shapes = match &service.config.verify.shapes_dir {
        Some(dir) => edc_shacl::ShapesSource::dir(dir),
        None => edc_shacl::ShapesSource::essentials_only(),
    };
    let converter = Converter::new(mapping, shapes, securing);
    let summary = converter
        .run(&input, &output, &|_| {})
        .map_err(|e| Problem::bad_request("cannot-convert", e.to_string()))?;
    let mut lines = String::new();
    let mut push = |value: Value| {
        lines.push_str(&value.to_string());
        lines.push('\n');
    };
    match &output {
        Output::JsonLines(path) => {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            for line in text.lines().filter(|l| !l.trim().is_empty()) {
                let credential = serde_json::from_str::<Value>(line)
                    .unwrap_or_else(|_| Value::String(line.to_string()));
                push(json!({"credential": credential}));
            }
        }
        Output::UploadWrappers(dir) | Output::Files(dir) => {
            let mut files: Vec<_> = std::fs::read_dir(dir)
                .map(|d| d.flatten().map(|e| e.path()).collect())
                .unwrap_or_default();
            files.sort();
            for file in files {
                let text = std::fs::read_to_string(&file).unwrap_or_default();
                let value = serde_json::from_str::<Value>(&text).unwrap_or(Value::String(text));
                push(json!({"wrapper": value}));
            }
        }
    }
    for error in &summary.errors {
        push(
            json!({"error": {"row": error.row, "column": error.column, "message": error.message}}),
        );
    }
    push(
        json!({"summary": {"produced": summary.produced, "skipped": summary.skipped, "profile": summary.profile}}),
    );
    Ok(lines)
}

/// A scratch directory under the data directory, removed when dropped.
struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn tempdir(data: &std::path::Path) -> Result<TempDir, Problem> {
    let mut bytes = [0u8; 8];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut bytes);
    let name: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    let dir = data.join("tmp").join(name);
    std::fs::create_dir_all(&dir).map_err(|e| {
        Problem::new(
            StatusCode::INSUFFICIENT_STORAGE,
            "cannot-store",
            format!("{}: {e}", dir.display()),
        )
    })?;
    Ok(TempDir(dir))
}

/// `POST /render?lang=en`: the document as a self-contained HTML page (no script, no request),
/// with this server's verification as its banner.
pub(crate) async fn render(
    State(service): State<Shared>,
    axum::extract::Query(query): axum::extract::Query<std::collections::BTreeMap<String, String>>,
    body: Body,
) -> Result<Response, Problem> {
    let language = query.get("lang").cloned().unwrap_or_else(|| "en".into());
    let bytes = body.0;
    let worker = Arc::clone(&service);
    let page = blocking(&service, move || -> Result<String, Problem> {
        let document = edc_model::Document::from_slice(&bytes).map_err(|e| {
            Problem::bad_request(
                "unreadable",
                format!("the body is not a credential edc reads: {e}"),
            )
        })?;
        let report = worker.verifier.verify(&bytes);
        Ok(edc_render::render_html(&document, Some(&report), &language).html)
    })
    .await??;
    Ok((
        [
            (axum::http::header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (
                axum::http::header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'",
            ),
        ],
        page,
    )
        .into_response())
}
