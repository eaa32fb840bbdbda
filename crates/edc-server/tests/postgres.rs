//! The status tests on PostgreSQL, with two servers sharing one database (as behind a load
//! balancer). The database comes from `EDC_TEST_DATABASE_URL` (`.ci/run` starts one with
//! `tools/start-postgres.sh`); each test makes a database of its own there.

mod common;

use common::Live;
use edc_server::Config;
use serde_json::{json, Value};
use std::collections::HashSet;

/// A fresh database on the test server, or None (said why) when there is none outside CI.
fn database(name: &str) -> Option<String> {
    let Ok(admin) = std::env::var("EDC_TEST_DATABASE_URL") else {
        let message = "EDC_TEST_DATABASE_URL is not set (tools/start-postgres.sh prints one)";
        assert!(!edc_testkit::in_ci(), "{message}");
        eprintln!("SKIPPED: {message}");
        return None;
    };
    let db = format!("edc_test_{}_{name}", std::process::id());
    let mut client =
        postgres::Client::connect(&admin, postgres::NoTls).expect("the test database answers");
    client
        .batch_execute(&format!("DROP DATABASE IF EXISTS {db}"))
        .unwrap();
    client
        .batch_execute(&format!("CREATE DATABASE {db}"))
        .unwrap();
    let (base, _) = admin.rsplit_once('/').unwrap();
    Some(format!("{base}/{db}"))
}

/// Two servers on one database, sharing their issuer keys (one data directory's keys) and
/// their public URL (the first's: behind a load balancer it is the balancer's).
fn pair(name: &str, url: &str, list_size: u32) -> (Live, Live) {
    let keys = common::scratch(&format!("{name}-keys"));
    let a = Live::start(&format!("{name}-a"), |c: &mut Config| {
        c.database = Some(url.to_string());
        c.status.list_size = list_size;
        c.data_dir = Some(keys.clone());
    });
    let key_files = vec![keys.join("keys/ed25519.json"), keys.join("keys/p-256.json")];
    let public = a.base.clone();
    let b = Live::start(&format!("{name}-b"), |c: &mut Config| {
        c.database = Some(url.to_string());
        c.public_url = Some(public);
        c.status.list_size = list_size;
        c.issuer_keys = key_files;
    });
    assert_eq!(a.dids, b.dids, "both servers issue as the same DIDs");
    (a, b)
}

fn issue(live: &Live, id: &str) -> Value {
    let (status, body) = live.post(
        "/credentials/issue",
        &json!({"credential": {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": id, "type": ["VerifiableCredential"], "issuer": live.dids[0], "credentialSubject": {"name": "Ada"}}}),
    );
    assert_eq!(status, 201, "{body}");
    body["verifiableCredential"].clone()
}

fn slot(vc: &Value) -> (String, String) {
    let entry = &vc["credentialStatus"][0];
    (
        entry["statusListCredential"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_string(),
        entry["statusListIndex"].as_str().unwrap().to_string(),
    )
}

#[test]
fn revoked_on_one_server_is_revoked_on_the_other() {
    let Some(url) = database("lifecycle") else {
        return;
    };
    let (a, b) = pair("pg-lifecycle", &url, 131_072);
    let vc = issue(&a, "urn:uuid:pg-1");
    assert_eq!(
        b.post("/credentials/verify", &json!({"verifiableCredential": vc}))
            .0,
        200
    );
    let suspend = json!({"credentialId": "urn:uuid:pg-1", "status": "suspended"});
    assert_eq!(b.post("/credentials/status", &suspend).0, 200);
    // The list is served by either server; A reads its list's version from the database, so it
    // signs the new list although B made the change.
    let (status, body) = a.post("/credentials/verify", &json!({"verifiableCredential": vc}));
    assert_eq!(status, 400);
    assert_eq!(body["errors"][0]["code"], "suspended", "{body}");
    assert_eq!(
        a.post(
            "/credentials/status",
            &json!({"credentialId": "urn:uuid:pg-1", "status": "valid"})
        )
        .0,
        200
    );
    assert_eq!(
        b.post("/credentials/verify", &json!({"verifiableCredential": vc}))
            .0,
        200
    );
    assert_eq!(
        a.post(
            "/credentials/status",
            &json!({"credentialId": "urn:uuid:pg-1", "status": "revoked"})
        )
        .0,
        200
    );
    let (status, body) = b.post("/credentials/verify", &json!({"verifiableCredential": vc}));
    assert_eq!(
        (status, &body["errors"][0]["code"]),
        (400, &json!("revoked"))
    );
    assert_eq!(
        b.post(
            "/credentials/status",
            &json!({"credentialId": "urn:uuid:pg-1", "status": "valid"})
        )
        .0,
        409
    );
}

#[test]
fn eight_clients_on_two_servers_never_share_an_index_and_lists_fill() {
    let Some(url) = database("concurrent") else {
        return;
    };
    let (a, b) = pair("pg-concurrent", &url, 50);
    let slots = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for client in 0..8 {
            let server = if client % 2 == 0 { &a } else { &b };
            let slots = &slots;
            scope.spawn(move || {
                for n in 0..25 {
                    let vc = issue(server, &format!("urn:uuid:pg-c{client}-{n}"));
                    slots.lock().unwrap().push(slot(&vc));
                }
            });
        }
    });
    let slots = slots.into_inner().unwrap();
    let unique: HashSet<&(String, String)> = slots.iter().collect();
    assert_eq!(slots.len(), 200);
    assert_eq!(unique.len(), 200, "an index was given twice");
    let lists: HashSet<&String> = slots.iter().map(|(l, _)| l).collect();
    assert_eq!(
        lists.len(),
        4,
        "200 credentials in lists of 50 fill exactly 4"
    );
}
