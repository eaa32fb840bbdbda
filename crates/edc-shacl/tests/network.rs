//! Profiles fetched over http (from a loopback server this test runs, serving the EU's files
//! under their profile ids) are written where `Profile::load` reads them and give the same
//! shapes; without permission for loopback addresses the fetch is refused.

use edc_context::{HttpFetcher, NetworkPolicy};
use edc_shacl::Profile;
use edc_testkit::shared_path;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;

fn serve(dir: std::path::PathBuf, requests: usize) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}/snb/model/ap/", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let mut stream = stream.unwrap();
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request = String::new();
            reader.read_line(&mut request).unwrap();
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let id = request
                .split_whitespace()
                .nth(1)
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap();
            // The EU's file names for the profile ids.
            let file = match id {
                "edc-generic-no-cv" => "EDC-generic-no-cv.ttl",
                "edc-generic-full" => "EDC-generic-full.ttl",
                "edc-accredited" => "EDC-accredited.ttl",
                _ => "missing",
            };
            let (status, body) = match std::fs::read(dir.join(file)) {
                Ok(body) => ("200 OK", body),
                Err(_) => ("404 Not Found", Vec::new()),
            };
            let head = format!(
                "HTTP/1.1 {status}\r\nContent-Type: text/turtle\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            stream.write_all(head.as_bytes()).unwrap();
            stream.write_all(&body).unwrap();
        }
    });
    base
}

#[test]
fn profiles_fetched_over_http_are_cached_and_load() {
    let Some(official) = shared_path("europass/shacl") else {
        return;
    };
    let base = serve(official.clone(), 3);
    let cache = std::env::temp_dir().join(format!("edc-shapes-{}", std::process::id()));
    std::fs::remove_dir_all(&cache).ok();

    let refused =
        Profile::Accredited.fetch_into(&base, &HttpFetcher::new(NetworkPolicy::new()), &cache);
    // Plain http to a loopback address: refused (only https and the EU's published http IRIs,
    // never a private or loopback address unless allowed).
    let why = refused.unwrap_err();
    assert_eq!(why.kind(), edc_shacl::ShaclErrorKind::Network, "{why}");
    assert!(
        why.message().contains("https") || why.message().contains("loopback"),
        "{why}"
    );

    let local = NetworkPolicy::new().dangerous().allow_local_addresses();
    Profile::Accredited
        .fetch_into(&base, &HttpFetcher::new(local.clone()), &cache)
        .unwrap();
    for file in Profile::Accredited.files() {
        assert_eq!(
            std::fs::read(cache.join(file)).unwrap(),
            std::fs::read(official.join(file)).unwrap(),
            "{file}"
        );
    }
    let fetched = Profile::Accredited.load(&cache).unwrap();
    let direct = Profile::Accredited.load(&official).unwrap();
    assert_eq!(fetched.shapes.len(), direct.shapes.len());
    assert!(fetched.shapes.len() > 100);
    std::fs::remove_dir_all(&cache).ok();
}
