//! `edc serve` as an issuer's service: status lifecycles, lists filling up, concurrent
//! issuance, API keys, limits, problem answers, the OpenAPI document, metrics, the Token Status
//! List.

mod common;

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use common::Live;
use serde_json::{json, Value};
use std::collections::HashSet;
use std::io::Read;

fn credential(issuer: &str, id: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": id,
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "credentialSubject": {"id": "did:example:learner", "name": "Ada"}
    })
}

fn issue(live: &Live, id: &str) -> Value {
    let (status, body) = live.post(
        "/credentials/issue",
        &json!({"credential": credential(&live.dids[0], id)}),
    );
    assert_eq!(status, 201, "{body}");
    body["verifiableCredential"].clone()
}

fn verify(live: &Live, vc: &Value) -> (u16, Value) {
    live.post("/credentials/verify", &json!({"verifiableCredential": vc}))
}

fn set(live: &Live, id: &str, status: &str) -> (u16, Value) {
    live.post(
        "/credentials/status",
        &json!({"credentialId": id, "credentialStatus": [{"type": "BitstringStatusListCredential", "status": status}]}),
    )
}

/// (list, index) of a credential's revocation entry.
fn slot(vc: &Value) -> (String, u32) {
    let entry = &vc["credentialStatus"][0];
    let url = entry["statusListCredential"].as_str().unwrap();
    let list = url
        .rsplit('/')
        .next()
        .unwrap()
        .rsplit_once('-')
        .unwrap()
        .0
        .to_string();
    (
        list,
        entry["statusListIndex"].as_str().unwrap().parse().unwrap(),
    )
}

#[test]
fn issue_suspend_reinstate_revoke_and_verify_each_time() {
    let live = Live::start("lifecycle", |_| {});
    let vc = issue(&live, "urn:uuid:lifecycle-1");
    assert_eq!(vc["credentialStatus"].as_array().unwrap().len(), 2);
    let (status, body) = verify(&live, &vc);
    assert_eq!((status, &body["verified"]), (200, &json!(true)), "{body}");

    assert_eq!(set(&live, "urn:uuid:lifecycle-1", "suspended").0, 200);
    let (status, body) = verify(&live, &vc);
    assert_eq!(status, 400);
    assert_eq!(body["verified"], false);
    assert_eq!(body["errors"][0]["code"], "suspended", "{body}");

    assert_eq!(set(&live, "urn:uuid:lifecycle-1", "valid").0, 200);
    let (status, body) = verify(&live, &vc);
    assert_eq!(status, 200, "reinstated: {body}");

    assert_eq!(set(&live, "urn:uuid:lifecycle-1", "revoked").0, 200);
    let (status, body) = verify(&live, &vc);
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["code"], "revoked", "{body}");
    // Revocation is permanent.
    let (status, body) = set(&live, "urn:uuid:lifecycle-1", "valid");
    assert_eq!(status, 409, "{body}");
    assert_eq!(body["code"], "status-conflict");
    assert_eq!(set(&live, "urn:uuid:lifecycle-1", "suspended").0, 409);
    // Every change is recorded.
    let store = edc_server::status::open_store(None, &live.data).unwrap();
    let actions: Vec<String> = store
        .events(20)
        .unwrap()
        .into_iter()
        .map(|e| e.action)
        .collect();
    for action in ["open-list", "allocate", "suspend", "reinstate", "revoke"] {
        assert!(
            actions.iter().any(|a| a == action),
            "{action} not in {actions:?}"
        );
    }
    // An unknown credential is a 404, not a 500.
    assert_eq!(set(&live, "urn:uuid:never-issued", "revoked").0, 404);
}

#[test]
fn a_full_list_opens_a_new_one_and_indices_are_unique() {
    let live = Live::start("fill", |c| c.status.list_size = 4);
    let slots: Vec<(String, u32)> = (0..9)
        .map(|i| slot(&issue(&live, &format!("urn:uuid:fill-{i}"))))
        .collect();
    let lists: HashSet<&String> = slots.iter().map(|(l, _)| l).collect();
    assert_eq!(lists.len(), 3, "9 credentials in lists of 4: {slots:?}");
    let unique: HashSet<&(String, u32)> = slots.iter().collect();
    assert_eq!(unique.len(), 9, "an index was given twice: {slots:?}");
    assert!(slots.iter().all(|(_, i)| *i < 4));
    // A small list is still published as 131,072 entries (16 KiB), as the spec requires.
    let (status, _, body) = live.get(&format!("/status-lists/{}-revocation", slots[0].0));
    assert_eq!(status, 200);
    let list: Value = serde_json::from_str(&body).unwrap();
    let bits = edc_verifier::decode_status_list(
        list["credentialSubject"]["encodedList"].as_str().unwrap(),
    )
    .unwrap();
    assert_eq!(bits.len(), 16_384);
}

#[test]
fn eight_clients_issuing_at_once_never_share_an_index() {
    let live = Live::start("concurrent", |c| c.status.list_size = 64);
    let slots = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for client in 0..8 {
            let (live, slots) = (&live, &slots);
            scope.spawn(move || {
                for n in 0..20 {
                    let vc = issue(live, &format!("urn:uuid:c{client}-{n}"));
                    slots.lock().unwrap().push(slot(&vc));
                }
            });
        }
    });
    let slots = slots.into_inner().unwrap();
    let unique: HashSet<&(String, u32)> = slots.iter().collect();
    assert_eq!(slots.len(), 160);
    assert_eq!(unique.len(), 160, "an index was given twice");
    let lists: HashSet<&String> = slots.iter().map(|(l, _)| l).collect();
    assert_eq!(lists.len(), 3, "160 in lists of 64");
}

#[test]
fn the_token_status_list_says_what_the_bitstrings_say() {
    let live = Live::start("token", |_| {});
    let revoked = issue(&live, "urn:uuid:token-r");
    let suspended = issue(&live, "urn:uuid:token-s");
    let valid = issue(&live, "urn:uuid:token-v");
    set(&live, "urn:uuid:token-r", "revoked");
    set(&live, "urn:uuid:token-s", "suspended");
    let (list, _) = slot(&valid);
    let (status, media, token) = live.get(&format!("/status-lists/{list}-token"));
    assert_eq!(status, 200);
    assert_eq!(media, "application/statuslist+jwt");
    let parts: Vec<&str> = token.split('.').collect();
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[0]).unwrap()).unwrap();
    assert_eq!(header["typ"], "statuslist+jwt");
    let claims: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    assert_eq!(claims["status_list"]["bits"], 2);
    // The signature is the issuer's (EdDSA over header.payload).
    let key = edc_did::resolve_verification_method(header["kid"].as_str().unwrap()).unwrap();
    let signature = URL_SAFE_NO_PAD.decode(parts[2]).unwrap();
    assert!(key.verify(format!("{}.{}", parts[0], parts[1]).as_bytes(), &signature));
    let mut bytes = Vec::new();
    flate2::read::ZlibDecoder::new(
        URL_SAFE_NO_PAD
            .decode(claims["status_list"]["lst"].as_str().unwrap())
            .unwrap()
            .as_slice(),
    )
    .read_to_end(&mut bytes)
    .unwrap();
    let value = |i: u32| (bytes[i as usize / 4] >> ((i % 4) * 2)) & 0b11;
    assert_eq!(value(slot(&revoked).1), 1, "revoked is INVALID (1)");
    assert_eq!(value(slot(&suspended).1), 2, "suspended is SUSPENDED (2)");
    assert_eq!(value(slot(&valid).1), 0, "valid is VALID (0)");
}

#[test]
fn issuing_and_revoking_need_a_key_when_one_is_configured_and_verifying_does_not() {
    let dir = common::scratch("keys");
    let token_file = dir.join("ci-robot.token");
    std::fs::write(&token_file, "s3cret-token-0123456789\n").unwrap();
    let live = Live::start("auth", |c| c.auth.token_files = vec![token_file.clone()]);
    let body = json!({"credential": credential(&live.dids[0], "urn:uuid:auth-1")});
    let (status, problem) = live.post("/credentials/issue", &body);
    assert_eq!(status, 401);
    assert_eq!(problem["code"], "unauthorized");
    assert_eq!(
        live.post_with(
            "/credentials/issue",
            &body,
            &[("authorization", "Bearer wrong-token-0123456789")]
        )
        .0,
        401
    );
    let (status, issued) = live.post_with(
        "/credentials/issue",
        &body,
        &[("authorization", "Bearer s3cret-token-0123456789")],
    );
    assert_eq!(status, 201);
    let vc = issued["verifiableCredential"].clone();
    assert_eq!(verify(&live, &vc).0, 200, "verification stays open");
    let change = json!({"credentialId": "urn:uuid:auth-1", "status": "revoked"});
    assert_eq!(live.post("/credentials/status", &change).0, 401);
    assert_eq!(
        live.post_with(
            "/credentials/status",
            &change,
            &[("x-api-key", "s3cret-token-0123456789")]
        )
        .0,
        200
    );
    // The event names the key by its name, never its value.
    let store = edc_server::status::open_store(None, &live.data).unwrap();
    let events = store.events(10).unwrap();
    assert!(
        events
            .iter()
            .any(|e| e.action == "revoke" && e.actor == "ci-robot"),
        "{events:?}"
    );
    assert!(events.iter().all(|e| !e.actor.contains("s3cret")));
}

#[test]
fn bad_input_gets_a_problem_never_a_500() {
    let live = Live::start("hostile", |c| c.limits.max_body_bytes = 64 * 1024);
    let routes = [
        "/credentials/issue",
        "/credentials/verify",
        "/presentations/verify",
        "/credentials/status",
        "/europass/verify",
        "/europass/validate",
        "/europass/seal",
    ];
    let bodies: Vec<Vec<u8>> = vec![
        b"".to_vec(),
        b"{".to_vec(),
        b"[]".to_vec(),
        b"null".to_vec(),
        b"\"x\"".to_vec(),
        vec![0xff, 0xfe, 0x00],
        format!("{}1{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
        br#"{"credential": 5}"#.to_vec(),
        br#"{"verifiableCredential": {"@context": 7}}"#.to_vec(),
        br#"{"verifiablePresentation": [], "options": {"challenge": 3}}"#.to_vec(),
        br#"{"credentialId": {}, "status": "revoked"}"#.to_vec(),
        br#"{"statusListCredential": "http://elsewhere/x-revocation", "statusListIndex": "-1", "status": "revoked"}"#.to_vec(),
    ];
    for route in routes {
        for body in &bodies {
            let (status, answer) = live.post_bytes(route, body.clone());
            assert!(
                ((200..500).contains(&status) && status != 404)
                    || (route == "/europass/seal" && status == 501),
                "{route} answered {status} to {:?}: {answer}",
                String::from_utf8_lossy(&body[..body.len().min(40)])
            );
            if status >= 400 {
                assert!(
                    answer["code"].is_string() && answer["detail"].is_string(),
                    "{route}: {answer}"
                );
            }
        }
    }
    // Too large: 413 with a problem.
    let (status, answer) = live.post_bytes("/europass/verify", vec![b' '; 65 * 1024]);
    assert_eq!(status, 413);
    assert_eq!(answer["code"], "too-large");
    // A credential this server does not hold the issuer's key for.
    let (status, answer) = live.post(
        "/credentials/issue",
        &json!({"credential": credential("did:example:someone-else", "urn:uuid:x")}),
    );
    assert_eq!(status, 400);
    assert_eq!(answer["code"], "issuer-unknown");
    // An unknown route: a problem naming the OpenAPI document.
    let (status, _, text) = live.get("/nothing-here");
    assert_eq!(status, 404);
    assert!(text.contains("openapi.json"));
}

#[test]
fn the_openapi_document_lists_exactly_the_routes() {
    let live = Live::start("openapi", |_| {});
    let (status, media, text) = live.get("/openapi.json");
    assert_eq!(status, 200);
    assert!(media.starts_with("application/json"));
    let document: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    let mut listed: Vec<(String, String)> = Vec::new();
    for (path, item) in document["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            listed.push((method.clone(), path.clone()));
        }
    }
    let mut routes: Vec<(String, String)> = edc_server::ROUTES
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    listed.sort();
    routes.sort();
    assert_eq!(listed, routes, "the OpenAPI document and the routes differ");
    // Each listed operation is served (not 404/405 for its method).
    for (method, path) in &listed {
        let url = path.replace("{id}", "0123456789abcdef-revocation");
        let status = if method == "get" {
            live.get(&url).0
        } else {
            live.post(&url, &json!({})).0
        };
        assert!(
            status != 405 && (status != 404 || url.contains("status-lists")),
            "{method} {path}: {status}"
        );
    }
}

#[test]
fn metrics_count_requests_and_verdicts() {
    let live = Live::start("metrics", |_| {});
    let vc = issue(&live, "urn:uuid:metrics-1");
    verify(&live, &vc);
    let mut broken = vc.clone();
    broken["credentialSubject"]["name"] = json!("Mallory");
    verify(&live, &broken);
    let (status, media, text) = live.get("/metrics");
    assert_eq!(status, 200);
    assert!(media.starts_with("text/plain"));
    assert!(text.contains("edc_credentials_issued_total 1"), "{text}");
    assert!(
        text.contains("edc_verifications_total{verdict=\"failed\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("route=\"/credentials/verify\",status=\"400\"} 1"),
        "{text}"
    );
    assert!(
        text.contains("edc_http_request_duration_seconds_bucket{route=\"/credentials/issue\""),
        "{text}"
    );
    assert_eq!(live.get("/healthz").0, 200);
    assert_eq!(live.get("/readyz").0, 200);
}

#[test]
fn vcalm_mode_answers_200_with_verified_false() {
    let live = Live::start("vcalm", |c| c.verify.failure_status = 200);
    let mut vc = issue(&live, "urn:uuid:vcalm-1");
    vc["credentialSubject"]["name"] = json!("Mallory");
    let (status, body) = verify(&live, &vc);
    assert_eq!(status, 200);
    assert_eq!(body["verified"], false);
    assert_eq!(body["errors"][0]["check"], "integrity", "{body}");
}

#[test]
fn europass_verify_reports_the_viewer_checks_on_an_eu_sample() {
    let Some(shared) = edc_testkit::shared_dir() else {
        return;
    };
    let live = Live::start("europass", |_| {});
    let sample =
        std::fs::read(shared.join("europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld"))
            .unwrap();
    let (status, report) = live.post_bytes("/europass/verify", sample.clone());
    assert_eq!(status, 200);
    let expected = edc_verifier::Verifier::builder()
        .build()
        .verify(&sample)
        .to_json();
    assert_eq!(report["verdict"], expected["verdict"]);
    let codes = |r: &Value| {
        r["checks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["code"].clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(
        codes(&report),
        codes(&expected),
        "the service and the library differ"
    );
    let (status, validation) = live.post_bytes("/europass/validate", sample);
    assert_eq!(status, 200);
    assert!(validation["conforms"].is_boolean());
    // No eSeal configured: sealing says so.
    let (status, problem) = live.post("/europass/seal", &json!({"type": ["VerifiableCredential"]}));
    assert_eq!(status, 501);
    assert_eq!(problem["code"], "seal-not-configured");
}

#[test]
fn a_status_list_that_cannot_be_fetched_is_not_a_clear_status() {
    let issuer = Live::start("status-source", |_| {});
    let vc = issue(&issuer, "urn:uuid:elsewhere-1");
    // Another server, offline: the first one's list is not its own and it may not fetch.
    let other = Live::start("status-elsewhere", |_| {});
    let (status, body) = verify(&other, &vc);
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["verified"], false);
    assert_eq!(body["errors"][0]["check"], "status", "{body}");
    assert_eq!(
        body["errors"][0]["code"], "status_list_unavailable",
        "{body}"
    );
}

#[test]
fn a_request_over_time_gets_408_and_one_over_the_limit_503() {
    let Some(shared) = edc_testkit::shared_dir() else {
        return;
    };
    let sample = std::fs::read(
        shared.join("europass/samples/elm-support-2024/Sample-TranscriptOfRecords-signed.jsonld"),
    )
    .unwrap();
    let late = Live::start("timeout", |c| c.limits.request_timeout_seconds = 0.001);
    let (status, problem) = late.post_bytes("/europass/verify", sample.clone());
    assert_eq!(status, 408, "{problem}");
    assert_eq!(problem["code"], "timeout");

    let busy = Live::start("busy", |c| c.limits.max_concurrent_requests = 1);
    let statuses = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..8 {
            let (busy, sample, statuses) = (&busy, &sample, &statuses);
            scope.spawn(move || {
                let (status, body) = busy.post_bytes("/europass/verify", sample.clone());
                if status == 503 {
                    assert_eq!(body["code"], "overloaded");
                }
                statuses.lock().unwrap().push(status);
            });
        }
    });
    let statuses = statuses.into_inner().unwrap();
    assert!(statuses.contains(&200), "{statuses:?}");
    assert!(
        statuses.contains(&503),
        "8 at once with room for 1: {statuses:?}"
    );
}

#[test]
fn the_seal_endpoint_seals_with_the_configured_p12_and_the_seal_verifies() {
    let Some(shared) = edc_testkit::shared_dir() else {
        return;
    };
    if !edc_testkit::pki::pki_available() {
        return;
    }
    let pki = common::scratch("seal-pki");
    edc_testkit::pki::make_pki(&pki, true);
    edc_testkit::pki::make_p12(&pki, "correct horse");
    std::fs::write(pki.join("password"), "correct horse\n").unwrap();
    let live = Live::start("seal", |c| {
        c.seal = Some(edc_server::config::SealConfig {
            p12: pki.join("seal.p12"),
            password_file: Some(pki.join("password")),
            password_env: None,
        });
        c.verify.trust_anchors = vec![pki.join("ca.pem")];
    });
    let unsigned: Value = serde_json::from_slice(
        &std::fs::read(shared.join("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json"))
            .unwrap(),
    )
    .unwrap();
    let (status, wrapped) = live.post("/europass/seal", &unsigned);
    assert_eq!(status, 200, "{wrapped}");
    // The sample is an upload wrapper: it comes back as one, its credential sealed.
    assert!(unsigned.get("deliveryDetails").is_some());
    assert_eq!(wrapped["deliveryDetails"], unsigned["deliveryDetails"]);
    let sealed = wrapped["credential"].clone();
    assert!(
        sealed["payload"].is_string() && sealed["signatures"].is_array(),
        "the EU's sealed form: {sealed}"
    );
    let (status, report) = live.post("/europass/verify", &sealed);
    assert_eq!(status, 200);
    let check = |name: &str| {
        report["checks"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["check"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(check("integrity")["status"], "ok", "{report}");
    assert_eq!(
        check("issuer")["status"],
        "ok",
        "sealed by a certificate under the configured anchor: {report}"
    );
    // The same bytes through the library, with the same anchor, give the same verdict.
    let mut store = edc_seal::TrustStore::new();
    store
        .add_pem(&std::fs::read_to_string(pki.join("ca.pem")).unwrap())
        .unwrap();
    let expected = edc_verifier::Verifier::builder()
        .trust_store(store)
        .build()
        .verify(sealed.to_string().as_bytes())
        .to_json();
    assert_eq!(report["verdict"], expected["verdict"]);
}

#[test]
fn convert_gives_the_good_rows_credentials_and_the_bad_rows_errors() {
    let examples = edc_testkit::workspace_root().join("examples/provider-export");
    let live = Live::start("convert", |c| {
        c.convert
            .insert("data-literacy".into(), examples.join("mapping.toml"));
    });
    let export = std::fs::read(examples.join("learners-with-errors.csv")).unwrap();
    let (status, body) = live.post_bytes(
        "/europass/convert?mapping=data-literacy&format=csv&secure=di",
        export.clone(),
    );
    assert_eq!(status, 200, "{body}");
    let lines: Vec<Value> = body
        .as_str()
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let credentials: Vec<&Value> = lines.iter().filter_map(|l| l.get("credential")).collect();
    let errors: Vec<&Value> = lines.iter().filter_map(|l| l.get("error")).collect();
    let summary = &lines.last().unwrap()["summary"];
    assert_eq!(
        summary["produced"].as_u64().unwrap() as usize,
        credentials.len()
    );
    assert!(
        summary["skipped"].as_u64().unwrap() as usize <= errors.len(),
        "a skipped row has at least one error"
    );
    assert!(!credentials.is_empty() && !errors.is_empty(), "{summary}");
    assert!(errors
        .iter()
        .all(|e| e["row"].as_u64().unwrap() > 0 && e["message"].is_string()));
    // The same export through the library on its own gives the same rows and errors.
    let dir = common::scratch("convert-lib");
    let input = dir.join("export.csv");
    std::fs::write(&input, &export).unwrap();
    let converter = edc_convert::Converter::new(
        edc_convert::Mapping::load(&examples.join("mapping.toml")).unwrap(),
        edc_shacl::ShapesSource::essentials_only(),
        edc_convert::Securing::None,
    );
    let expected = converter
        .run(
            &input,
            &edc_convert::Output::JsonLines(dir.join("out.jsonl")),
            &|_| {},
        )
        .unwrap();
    assert_eq!(expected.produced, credentials.len());
    assert_eq!(expected.errors.len(), errors.len());
    // Each credential is signed by the server's issuer and verifies there.
    let (status, answer) = live.post(
        "/credentials/verify",
        &json!({"verifiableCredential": credentials[0]}),
    );
    assert_eq!(status, 200, "{answer}");
    // An unknown mapping is a problem naming the configured ones.
    let (status, problem) = live.post_bytes("/europass/convert?mapping=nope", export);
    assert_eq!(status, 400);
    assert!(problem["detail"]
        .as_str()
        .unwrap()
        .contains("data-literacy"));
}

#[test]
fn render_serves_a_page_with_the_servers_verdict() {
    let live = Live::start("render", |_| {});
    let vc = issue(&live, "urn:uuid:render-1");
    let (status, body) = live.post_bytes("/render?lang=en", vc.to_string().into_bytes());
    assert_eq!(status, 200);
    let page = body.as_str().unwrap();
    assert!(page.starts_with("<!doctype html>"));
    assert!(page.contains("default-src 'none'"));
    // Issued here, intact, its did:key not on a trusted list: partially verified, never green.
    assert!(page.contains("class=\"banner partial\""), "{page}");
    let (status, problem) = live.post_bytes("/render", b"not a credential".to_vec());
    assert_eq!(status, 400);
    assert_eq!(problem["code"], "unreadable");
}
