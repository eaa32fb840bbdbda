//! Status: changing an entry (revoke, suspend, reinstate) and serving the published lists.

use super::request::{blocking, Body, Shared};
use crate::problem::Problem;
use crate::status::{Change, EntryState, ListCredentials};
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{json, Value};
use std::sync::Arc;

/// `POST /credentials/status`: `{credentialId, credentialStatus: [{type, status}]}` (VC-API), or
/// `{statusListCredential, statusListIndex, status}`; `status` is `revoked`, `suspended` or
/// `valid` (reinstated).
pub(crate) async fn update(
    State(service): State<Shared>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, Problem> {
    let actor = service.keys.check(&headers)?;
    let request = body.json_object()?;
    let change = requested_change(&request)?;
    let worker = Arc::clone(&service);
    let entries = blocking(&service, move || -> Result<Vec<EntryState>, Problem> {
        let publisher = &worker.publisher;
        let targets = targets(&publisher.lists, &request, &*publisher.store)?;
        targets
            .into_iter()
            .map(|(list, index)| Ok(publisher.store.set(&list, index, change, &actor)?))
            .collect()
    })
    .await??;
    service.metrics.status_change(change.name());
    tracing::info!(
        change = change.name(),
        entries = entries.len(),
        "status changed"
    );
    Ok(axum::Json(json!({
        "credentialId": entries.first().and_then(|e| e.credential_id.clone()),
        "status": entries.first().map(|e| e.label()),
        "entries": entries.iter().map(|e| json!({
            "list": e.list,
            "index": e.index,
            "revoked": e.revoked,
            "suspended": e.suspended,
        })).collect::<Vec<_>>(),
    }))
    .into_response())
}

/// The change a request asks for: `status` (`revoked`, `suspended`, `valid`; or
/// `credentialStatus[0].status`), or the Bitstring Status List suites' form
/// `{credentialStatus: {type, statusPurpose}, status: true|false}` (set or clear that purpose's
/// bit).
fn requested_change(request: &serde_json::Map<String, Value>) -> Result<Change, Problem> {
    let entry = match request.get("credentialStatus") {
        Some(Value::Array(items)) => items.first(),
        other => other,
    };
    if let Some(purpose) = entry
        .and_then(|e| e.get("statusPurpose"))
        .and_then(Value::as_str)
    {
        let set = match request.get("status") {
            None => true,
            Some(Value::Bool(b)) => *b,
            Some(_) => return Err(Problem::bad_request(
                "invalid-input",
                "/status must be true (set) or false (clear) with /credentialStatus/statusPurpose",
            )),
        };
        return match (purpose, set) {
            ("revocation", true) => Ok(Change::Revoke),
            ("suspension", true) => Ok(Change::Suspend),
            ("suspension", false) => Ok(Change::Reinstate),
            ("revocation", false) => Err(Problem::new(
                StatusCode::CONFLICT,
                "status-conflict",
                "revocation is permanent: a revocation bit is never cleared",
            )),
            (other, _) => Err(Problem::bad_request(
                "invalid-input",
                format!("statusPurpose {other}: this server keeps revocation and suspension"),
            )),
        };
    }
    let name = request
        .get("status")
        .or_else(|| request.get("action"))
        .and_then(Value::as_str)
        .or_else(|| entry.and_then(|e| e.get("status")).and_then(Value::as_str))
        .ok_or_else(|| {
            Problem::bad_request(
                "invalid-input",
                "say what to do: {\"credentialId\": ..., \"credentialStatus\": [{\"type\": \"BitstringStatusListCredential\", \"status\": \"revoked\"}]} (status: revoked, suspended or valid)",
            )
        })?;
    Change::from_name(name).ok_or_else(|| {
        Problem::bad_request(
            "invalid-input",
            format!("status {name}: give revoked, suspended or valid"),
        )
    })
}

/// `POST /status-lists/{id}/publish`: signs the list again now (lists are also signed again
/// whenever an entry changes); 204.
pub(crate) async fn publish(
    State(service): State<Shared>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    service.keys.check(&headers)?;
    let Some((list, _)) = ListCredentials::parse_id(&id).map(|(l, f)| (l.to_string(), f)) else {
        return Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            format!("no status list {id}"),
        ));
    };
    let worker = Arc::clone(&service);
    blocking(&service, move || {
        let p = &worker.publisher;
        p.lists.forget(&list);
        p.store.list(&list).map(|_| ())
    })
    .await??;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// The entries a status request names: by credential id, by list URL and index, or by the
/// credential's own status entries.
fn targets(
    lists: &ListCredentials,
    request: &serde_json::Map<String, Value>,
    store: &dyn crate::status::StatusStore,
) -> Result<Vec<(String, u32)>, Problem> {
    if let (Some(url), Some(index)) = (
        request.get("statusListCredential").and_then(Value::as_str),
        request.get("statusListIndex"),
    ) {
        let index = match index {
            Value::String(s) => s.parse::<u32>().ok(),
            Value::Number(n) => n.as_u64().and_then(|n| u32::try_from(n).ok()),
            _ => None,
        }
        .ok_or_else(|| {
            Problem::bad_request("invalid-input", "/statusListIndex must be a whole number")
        })?;
        let (list, _) = lists.parse_entry_url(url).ok_or_else(|| {
            Problem::bad_request(
                "not-our-list",
                format!("/statusListCredential {url} is not a list of this server"),
            )
        })?;
        return Ok(vec![(list.to_string(), index)]);
    }
    let Some(id) = request.get("credentialId").and_then(Value::as_str) else {
        return Err(Problem::bad_request(
            "invalid-input",
            "name the credential: /credentialId (its id at issue), or /statusListCredential and /statusListIndex",
        ));
    };
    let entries = store.entries_of(id)?;
    if entries.is_empty() {
        return Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            format!("no credential {id} was issued with status by this server"),
        ));
    }
    Ok(entries.into_iter().map(|e| (e.list, e.index)).collect())
}

/// `GET /status-lists/{id}`: the signed list (`{list}-revocation`, `{list}-suspension`) or
/// its Token Status List (`{list}-token`).
pub(crate) async fn list(
    State(service): State<Shared>,
    Path(id): Path<String>,
) -> Result<Response, Problem> {
    let Some((list, form)) = ListCredentials::parse_id(&id).map(|(l, f)| (l.to_string(), f)) else {
        return Err(Problem::new(
            StatusCode::NOT_FOUND,
            "not-found",
            format!("no status list {id}: ids are {{list}}-revocation, {{list}}-suspension or {{list}}-token"),
        ));
    };
    let worker = Arc::clone(&service);
    let published = blocking(&service, move || {
        let p = &worker.publisher;
        p.lists
            .publish(&*p.store, &p.issuers, &p.integrity, &list, form)
    })
    .await?
    .map_err(|e| match e {
        crate::status::PublishError::Store(e) => Problem::from(e),
        other => Problem::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "cannot-publish",
            other.to_string(),
        ),
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, published.media_type.to_string()),
            (
                header::CACHE_CONTROL,
                format!("max-age={}", service.config.status.ttl_seconds),
            ),
        ],
        published.body,
    )
        .into_response())
}
