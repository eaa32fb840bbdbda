//! Network loading: off by default; https only; never loopback or private addresses unless the
//! caller says so (this test's own server on 127.0.0.1 is the only one it reaches); size limit;
//! no redirect to another host; fetched documents are cached on disk.
#![cfg(feature = "network")]

use edc_context::{DocumentLoader, JsonLdProcessor, NetworkPolicy, ToRdfOptions};
use serde_json::json;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::time::Duration;

const CONTEXT: &str = r#"{"@context": {"name": "http://schema.org/name"}}"#;

/// A small HTTP server on loopback serving a few fixed paths, for at most `requests` requests.
fn serve(requests: usize) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            stream.set_read_timeout(Some(Duration::from_secs(5))).ok();
            let mut line = String::new();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            reader.read_line(&mut line).ok();
            loop {
                let mut header = String::new();
                if reader.read_line(&mut header).unwrap_or(0) == 0 || header == "\r\n" {
                    break;
                }
            }
            let path = line.split(' ').nth(1).unwrap_or("/").to_string();
            let (status, extra, body) = match path.as_str() {
                "/context" => ("200 OK", String::new(), CONTEXT.to_string()),
                "/big" => (
                    "200 OK",
                    String::new(),
                    format!("{{\"@context\": {{\"x\": \"{}\"}}}}", "a".repeat(4096)),
                ),
                "/elsewhere" => (
                    "302 Found",
                    format!("Location: http://localhost:{port}/context\r\n"),
                    String::new(),
                ),
                _ => ("404 Not Found", String::new(), String::new()),
            };
            let response = format!(
                "HTTP/1.1 {status}\r\nContent-Type: application/ld+json\r\nContent-Length: {}\r\nConnection: close\r\n{extra}\r\n{body}",
                body.len()
            );
            stream.write_all(response.as_bytes()).ok();
        }
    });
    port
}

fn document(context_iri: &str) -> serde_json::Value {
    json!({"@context": context_iri, "@id": "urn:x", "name": "Ana"})
}

#[test]
fn the_network_is_off_by_default() {
    let processor = JsonLdProcessor::new(DocumentLoader::new());
    let error = processor
        .to_rdf(
            &document("https://example.org/context"),
            &ToRdfOptions::lenient(),
        )
        .unwrap_err();
    assert!(error.message().contains("network is off"), "{error}");
}

#[test]
fn loopback_and_plain_http_are_refused() {
    let policy = NetworkPolicy::new().timeout(Duration::from_secs(2));
    let processor = JsonLdProcessor::new(DocumentLoader::new().with_network(policy));
    let error = processor
        .to_rdf(
            &document("https://127.0.0.1:9/context"),
            &ToRdfOptions::lenient(),
        )
        .unwrap_err();
    assert!(error.message().contains("loopback"), "{error}");
    let error = processor
        .to_rdf(
            &document("http://example.org/context"),
            &ToRdfOptions::lenient(),
        )
        .unwrap_err();
    assert!(error.message().contains("only https"), "{error}");
    let allow_list = NetworkPolicy::new().allow_hosts(["w3id.org"]);
    let processor = JsonLdProcessor::new(DocumentLoader::new().with_network(allow_list));
    let error = processor
        .to_rdf(
            &document("https://example.org/context"),
            &ToRdfOptions::lenient(),
        )
        .unwrap_err();
    assert!(error.message().contains("allow-list"), "{error}");
}

#[test]
fn a_local_server_the_caller_allows_is_used_and_cached() {
    let port = serve(4);
    let cache = std::env::temp_dir().join(format!("edc-network-cache-{}", std::process::id()));
    let policy = NetworkPolicy::new()
        .timeout(Duration::from_secs(5))
        .max_bytes(1024)
        .dangerous()
        .allow_local_addresses();
    let loader = DocumentLoader::new()
        .with_network(policy)
        .with_cache_dir(&cache);
    let processor = JsonLdProcessor::new(loader);
    let iri = format!("http://127.0.0.1:{port}/context");
    let rdf = processor
        .to_rdf(&document(&iri), &ToRdfOptions::strict())
        .unwrap();
    assert_eq!(
        rdf.dataset.to_nquads(),
        "<urn:x> <http://schema.org/name> \"Ana\" .\n"
    );

    // Too large.
    let error = processor
        .to_rdf(
            &document(&format!("http://127.0.0.1:{port}/big")),
            &ToRdfOptions::lenient(),
        )
        .unwrap_err();
    assert!(
        error.message().contains("larger than 1024 bytes"),
        "{error}"
    );
    // A redirect to another host name.
    let error = processor
        .to_rdf(
            &document(&format!("http://127.0.0.1:{port}/elsewhere")),
            &ToRdfOptions::lenient(),
        )
        .unwrap_err();
    assert!(error.message().contains("another host"), "{error}");

    // Offline again, the cached copy serves.
    let offline = JsonLdProcessor::new(DocumentLoader::new().with_cache_dir(&cache));
    let again = offline
        .to_rdf(&document(&iri), &ToRdfOptions::strict())
        .unwrap();
    assert_eq!(again.dataset, rdf.dataset);
    std::fs::remove_dir_all(&cache).ok();
}
