//! A live `edc serve` on loopback for the tests, and a small HTTP client.
#![allow(dead_code)]

use edc_server::{Config, Server};
use serde_json::Value;
use std::path::PathBuf;
use std::time::Duration;

/// A server running on its own runtime in a thread of the test's, stopped when dropped.
pub struct Live {
    /// `http://127.0.0.1:port`.
    pub base: String,
    /// The issuers' DIDs (Ed25519 first, then P-256).
    pub dids: Vec<String>,
    /// Its data directory.
    pub data: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
    client: reqwest::blocking::Client,
}

/// A fresh data directory for `name`.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "edc-serve-test-{}-{name}-{}",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Live {
    /// A server on a free loopback port with a fresh data directory, `tweak`ed.
    pub fn start(name: &str, tweak: impl FnOnce(&mut Config)) -> Live {
        let data = scratch(name);
        let mut config = Config {
            listen: "127.0.0.1:0".parse().unwrap(),
            data_dir: Some(data.clone()),
            ..Config::default()
        };
        tweak(&mut config);
        Live::with_config(config, data)
    }

    /// A server for `config` (its data directory `data`).
    pub fn with_config(config: Config, data: PathBuf) -> Live {
        let (ready_tx, ready_rx) = std::sync::mpsc::channel();
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let server = match Server::bind(config).await {
                    Ok(s) => s,
                    Err(e) => {
                        ready_tx.send(Err(e)).unwrap();
                        return;
                    }
                };
                let dids = server
                    .service()
                    .publisher
                    .issuers
                    .all()
                    .iter()
                    .map(|i| i.did.clone())
                    .collect::<Vec<_>>();
                ready_tx
                    .send(Ok((format!("http://{}", server.local_addr()), dids)))
                    .unwrap();
                server
                    .run(async {
                        let _ = stop_rx.await;
                    })
                    .await
                    .unwrap();
            });
        });
        let (base, dids) = ready_rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the server starts")
            .expect("the server starts");
        Live {
            base,
            dids,
            data,
            stop: Some(stop_tx),
            thread: Some(thread),
            client: reqwest::blocking::Client::builder()
                .timeout(Duration::from_secs(120))
                .build()
                .unwrap(),
        }
    }

    /// POSTs JSON; the status and the body (JSON, or the text as a string).
    pub fn post(&self, path: &str, body: &Value) -> (u16, Value) {
        self.post_with(path, body, &[])
    }

    /// POSTs JSON with headers.
    pub fn post_with(&self, path: &str, body: &Value, headers: &[(&str, &str)]) -> (u16, Value) {
        let mut request = self
            .client
            .post(format!("{}{path}", self.base))
            .header("content-type", "application/json")
            .body(serde_json::to_vec(body).unwrap());
        for (k, v) in headers {
            request = request.header(*k, *v);
        }
        answer(request.send().expect("the server answers"))
    }

    /// POSTs raw bytes.
    pub fn post_bytes(&self, path: &str, body: Vec<u8>) -> (u16, Value) {
        let request = self.client.post(format!("{}{path}", self.base)).body(body);
        answer(request.send().expect("the server answers"))
    }

    /// GETs; the status, the content type and the body text.
    pub fn get(&self, path: &str) -> (u16, String, String) {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        };
        let response = self.client.get(url).send().expect("the server answers");
        let status = response.status().as_u16();
        let media = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        (status, media, response.text().unwrap())
    }
}

fn answer(response: reqwest::blocking::Response) -> (u16, Value) {
    let status = response.status().as_u16();
    let text = response.text().unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    (status, body)
}

impl Drop for Live {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
        let _ = std::fs::remove_dir_all(&self.data);
    }
}

/// The VC-API issue request body the W3C suites send: the implementation's issuer id filled
/// in where the credential names none (but not over an explicit `null`).
pub fn issue_body(credential: &Value, issuer: &str) -> Value {
    let mut credential = credential.clone();
    match credential.get_mut("issuer") {
        Some(Value::Object(o)) => {
            if !o.contains_key("id") {
                o.insert("id".into(), Value::String(issuer.into()));
            }
        }
        Some(_) => {}
        None => credential["issuer"] = Value::String(issuer.into()),
    }
    serde_json::json!({"credential": credential, "options": {}})
}

/// A file of the shared reference data, parsed.
pub fn shared_json(path: &str) -> Option<Value> {
    let dir = edc_testkit::shared_dir()?;
    let text = std::fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    Some(serde_json::from_str(&text).unwrap())
}
