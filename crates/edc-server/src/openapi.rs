//! The OpenAPI 3.1 document served at `/openapi.json`, made from one table that a test holds
//! against the routes.

use serde_json::{json, Map, Value};

/// A request body: its media type and a function making its schema.
type RequestBody = (&'static str, fn() -> Value);

/// One operation: method, path, summary, whether it needs an API key, the request body's
/// media type and schema, and its answers.
struct Operation {
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    protected: bool,
    body: Option<RequestBody>,
    answers: &'static [(&'static str, &'static str)],
}

fn any_object() -> Value {
    json!({"type": "object"})
}

fn issue_request() -> Value {
    json!({
        "type": "object",
        "required": ["credential"],
        "properties": {
            "credential": {"type": "object", "description": "The unsecured credential; its issuer must be one of GET /issuers."},
            "options": {"type": "object", "properties": {
                "cryptosuite": {"type": "string", "enum": ["eddsa-rdfc-2022", "eddsa-jcs-2022", "ecdsa-rdfc-2019", "ecdsa-jcs-2019"]},
                "format": {"type": "string", "enum": ["ldp_vc", "vc+jwt"]},
                "credentialId": {"type": "string"},
                "credentialStatus": {"oneOf": [{"type": "boolean"}, {"type": "object", "properties": {"type": {"const": "BitstringStatusListEntry"}}}]}
            }}
        }
    })
}

fn verify_request() -> Value {
    json!({"type": "object", "required": ["verifiableCredential"], "properties": {
        "verifiableCredential": {"oneOf": [{"type": "object"}, {"type": "string"}]},
        "options": {"type": "object"}
    }})
}

fn presentation_request() -> Value {
    json!({"type": "object", "required": ["verifiablePresentation"], "properties": {
        "verifiablePresentation": {"oneOf": [{"type": "object"}, {"type": "string"}]},
        "options": {"type": "object", "properties": {"challenge": {"type": "string"}, "domain": {"type": "string"}}}
    }})
}

fn status_request() -> Value {
    json!({"type": "object", "properties": {
        "credentialId": {"type": "string"},
        "credentialStatus": {"type": "array", "items": {"type": "object", "properties": {"type": {"type": "string"}, "status": {"enum": ["revoked", "suspended", "valid"]}}}},
        "statusListCredential": {"type": "string"},
        "statusListIndex": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
        "status": {"enum": ["revoked", "suspended", "valid"]}
    }})
}

fn document_body() -> Value {
    json!({"description": "The document as it is: JSON-LD, a sealed credential, the upload wrapper, or a token."})
}

const OPERATIONS: &[Operation] = &[
    Operation { method: "post", path: "/credentials/issue", summary: "Issue a credential (Data Integrity or VC-JOSE), with status entries", protected: true, body: Some(("application/json", issue_request)), answers: &[("201", "The issued credential: {verifiableCredential}"), ("400", "Invalid input (problem details)"), ("401", "No or wrong API key")] },
    Operation { method: "post", path: "/credentials/verify", summary: "Verify a credential", protected: false, body: Some(("application/json", verify_request)), answers: &[("200", "Verified: {verified: true, checks, warnings, errors, report}"), ("400", "Invalid input, or not verified (problem details with verified: false; 200 under verify.failure_status = 200)")] },
    Operation { method: "post", path: "/presentations/verify", summary: "Verify a presentation (challenge, domain)", protected: false, body: Some(("application/json", presentation_request)), answers: &[("200", "Verified"), ("400", "Invalid input, or not verified")] },
    Operation { method: "post", path: "/credentials/status", summary: "Revoke, suspend or reinstate a credential issued here", protected: true, body: Some(("application/json", status_request)), answers: &[("200", "The entries' new status"), ("400", "Invalid input"), ("401", "No or wrong API key"), ("404", "No such credential or entry"), ("409", "Revocation is permanent")] },
    Operation { method: "get", path: "/status-lists/{id}", summary: "A signed status list: {list}-revocation, {list}-suspension (BitstringStatusListCredential) or {list}-token (statuslist+jwt)", protected: false, body: None, answers: &[("200", "The list"), ("404", "No such list")] },
    Operation { method: "post", path: "/status-lists/{id}/publish", summary: "Sign a list again now (it is also signed again whenever an entry changes)", protected: true, body: None, answers: &[("204", "Signed again"), ("401", "No or wrong API key"), ("404", "No such list")] },
    Operation { method: "post", path: "/europass/verify", summary: "Verify any document, with the full report (stable codes)", protected: false, body: Some(("application/octet-stream", document_body)), answers: &[("200", "The report: {verdict, policy, checks}")] },
    Operation { method: "post", path: "/europass/validate", summary: "Validate against the data model and the official profile", protected: false, body: Some(("application/octet-stream", document_body)), answers: &[("200", "{conforms, code, reason, findings}")] },
    Operation { method: "post", path: "/europass/seal", summary: "Seal a Europass credential (JAdES) with the configured eSeal", protected: true, body: Some(("application/json", any_object)), answers: &[("200", "The sealed credential"), ("400", "Invalid input"), ("401", "No or wrong API key"), ("501", "No eSeal configured")] },
    Operation { method: "post", path: "/europass/convert", summary: "Convert a provider's export (?mapping=NAME&format=csv|xlsx|xls|ods|jsonl&secure=none|di|seal&wrapper=true) to credentials: JSON lines of credentials, row errors and a summary", protected: true, body: Some(("application/octet-stream", document_body)), answers: &[("200", "application/x-ndjson: {credential} or {wrapper} per good row, {error: {row, column, message}} per bad row, then {summary}"), ("400", "Unknown mapping or format, or the export cannot be read"), ("401", "No or wrong API key")] },
    Operation { method: "post", path: "/render", summary: "The document as a self-contained, accessible HTML page (?lang=xx), with this server's verification as its banner", protected: false, body: Some(("application/octet-stream", document_body)), answers: &[("200", "text/html: no script, no request (Content-Security-Policy)"), ("400", "Not a credential edc reads")] },
    Operation { method: "get", path: "/issuers", summary: "The DIDs this server issues as", protected: false, body: None, answers: &[("200", "{issuers: [{id, verificationMethod, cryptosuites}]}")] },
    Operation { method: "get", path: "/healthz", summary: "The process answers", protected: false, body: None, answers: &[("200", "ok")] },
    Operation { method: "get", path: "/readyz", summary: "The database answers", protected: false, body: None, answers: &[("200", "ready"), ("503", "The database does not answer")] },
    Operation { method: "get", path: "/metrics", summary: "Prometheus metrics", protected: false, body: None, answers: &[("200", "Text exposition format")] },
    Operation { method: "get", path: "/openapi.json", summary: "This document", protected: false, body: None, answers: &[("200", "OpenAPI 3.1")] },
];

/// The methods and paths the document lists.
pub fn operations() -> Vec<(&'static str, &'static str)> {
    OPERATIONS.iter().map(|o| (o.method, o.path)).collect()
}

/// The document, with `server` as its server URL.
pub fn document(server: &str) -> Value {
    let mut paths = Map::new();
    for op in OPERATIONS {
        let mut operation = json!({
            "summary": op.summary,
            "responses": op.answers.iter().map(|(code, text)| {
                let content = if code.starts_with('2') {
                    json!({"application/json": {}})
                } else {
                    json!({"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}})
                };
                (code.to_string(), json!({"description": text, "content": content}))
            }).collect::<Map<String, Value>>(),
        });
        if op.protected {
            operation["security"] = json!([{"bearer": []}, {"apiKey": []}]);
        }
        if let Some((media, schema)) = op.body {
            operation["requestBody"] =
                json!({"required": true, "content": {media: {"schema": schema()}}});
        }
        if op.path.contains("{id}") {
            operation["parameters"] = json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]);
        }
        let entry = paths
            .entry(op.path.to_string())
            .or_insert_with(|| json!({}));
        entry[op.method] = operation;
    }
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "edc serve",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Issue, verify, seal and revoke European Digital Credentials and W3C Verifiable Credentials (VC-API).",
        },
        "servers": [{"url": server}],
        "paths": paths,
        "components": {
            "securitySchemes": {
                "bearer": {"type": "http", "scheme": "bearer"},
                "apiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            },
            "schemas": {
                "Problem": {"type": "object", "properties": {
                    "type": {"type": "string"}, "code": {"type": "string"}, "title": {"type": "string"},
                    "status": {"type": "integer"}, "detail": {"type": "string"}
                }}
            }
        }
    })
}
