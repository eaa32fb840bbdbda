//! Test helpers for the `edc` workspace.
//!
//! The reference data (official Europass samples, contexts, SHACL profiles, W3C vectors) lives in
//! `../shared` beside the repository and is read at run time, never copied. [`shared_dir`] finds it;
//! when it is missing a test is skipped with a message, except in CI (`CI=true`), where missing data
//! is a failure.

pub mod pki;

use std::path::{Path, PathBuf};

/// The environment variable that names the shared reference directory explicitly.
pub const SHARED_DIR_ENV: &str = "EDC_SHARED_DIR";

/// True when running in CI (`CI=true` or `CI=1`), where missing reference data must fail.
pub fn in_ci() -> bool {
    matches!(
        std::env::var("CI").as_deref(),
        Ok("true") | Ok("1") | Ok("TRUE")
    )
}

/// The root of the `edc` workspace (the directory holding the top `Cargo.toml`).
pub fn workspace_root() -> PathBuf {
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    // crates/edc-testkit → workspace root
    here.ancestors()
        .nth(2)
        .map(Path::to_path_buf)
        .unwrap_or_else(|| here.to_path_buf())
}

/// Locates the shared reference directory: `$EDC_SHARED_DIR`, else `../shared` beside the workspace.
///
/// Returns `None` (after printing why) when it is absent outside CI; panics in CI.
pub fn shared_dir() -> Option<PathBuf> {
    let candidate = match std::env::var_os(SHARED_DIR_ENV) {
        Some(dir) => PathBuf::from(dir),
        None => workspace_root().join("..").join("shared"),
    };
    if candidate.join("europass").is_dir() {
        return Some(candidate);
    }
    let message = format!(
        "shared reference data not found at {} (set {SHARED_DIR_ENV} to its path)",
        candidate.display()
    );
    if in_ci() {
        panic!("{message}: in CI the reference data must be present");
    }
    eprintln!("SKIPPED: {message}");
    None
}

/// A path inside the shared directory, or `None` (skip) as [`shared_dir`] decides.
///
/// Panics when the shared directory exists but the named path does not: that is a broken setup.
pub fn shared_path(relative: &str) -> Option<PathBuf> {
    let path = shared_dir()?.join(relative);
    assert!(
        path.exists(),
        "{} is missing from the shared reference data",
        path.display()
    );
    Some(path)
}

/// Every regular file directly inside `dir` whose name ends with one of `extensions`, sorted.
pub fn files_in(dir: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            extensions.iter().any(|ext| name.ends_with(ext))
        })
        .collect();
    files.sort();
    files
}

/// True when `program --version` runs.
fn runs(program: &str) -> bool {
    std::process::Command::new(program)
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            if entry.file_name() != "node_modules" {
                copy_tree(&entry.path(), &target)?;
            }
        } else {
            std::fs::copy(entry.path(), &target)?;
        }
    }
    Ok(())
}

/// Runs the peer's Data Integrity tool (`node di.mjs ARGS`) in a prepared peer folder, with the
/// shared data at `shared`.
pub fn peer_di(peer: &Path, shared: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new("node")
        .arg("di.mjs")
        .args(args)
        .env("PEER_SHARED_DIR", shared)
        .current_dir(peer)
        .output()
        .expect("node runs")
}

/// A ready copy of the reference JavaScript peers (`shared/tools/peers/node`) with its packages
/// installed (`npm ci`, once per machine), for interop tests. `None` (after saying why) when Node
/// or the shared data is missing outside CI; panics in CI.
pub fn node_peer() -> Option<PathBuf> {
    let source = shared_path("tools/peers/node")?;
    if !runs("node") || !runs("npm") {
        let message = "Node.js and npm are needed for the interop tests with the reference peers";
        if in_ci() {
            panic!("{message}");
        }
        eprintln!("SKIPPED: {message}");
        return None;
    }
    let lock = std::fs::read(source.join("package-lock.json")).unwrap_or_default();
    let stamp = lock
        .iter()
        .fold(0u64, |h, b| h.wrapping_mul(31).wrapping_add(u64::from(*b)));
    let dir = std::env::temp_dir().join(format!("edc-peer-node-{stamp:016x}"));
    let ready = dir.join("node_modules/.edc-ready");
    if !ready.exists() {
        // Concurrent tests may race here; `npm ci` in a private copy, then a rename, keeps it safe.
        let staging =
            std::env::temp_dir().join(format!("edc-peer-node-{stamp:016x}-{}", std::process::id()));
        copy_tree(&source, &staging).expect("copy the peer folder");
        let status = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&staging)
            .status()
            .expect("run npm ci");
        assert!(status.success(), "npm ci failed in {}", staging.display());
        std::fs::write(staging.join("node_modules/.edc-ready"), b"").expect("mark the peer ready");
        if std::fs::rename(&staging, &dir).is_err() {
            let _ = std::fs::remove_dir_all(&staging); // another test got there first
        }
    }
    Some(dir)
}

/// Serves `body` over plain HTTP on a loopback port to every GET, for tests of network
/// loading; returns the URL (`http://127.0.0.1:PORT/PATH`) and a count of requests served.
pub fn serve_bytes(
    path: &str,
    body: Vec<u8>,
    content_type: &'static str,
) -> (String, std::sync::Arc<std::sync::atomic::AtomicUsize>) {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let count = serve_bytes_on(listener, body, content_type);
    let url = format!("http://127.0.0.1:{}/{path}", count.1);
    (url, count.0)
}

/// [`serve_bytes`] on a listener the caller bound (so that the body may name its own URL);
/// returns the count of requests served and the port.
pub fn serve_bytes_on(
    listener: std::net::TcpListener,
    body: Vec<u8>,
    content_type: &'static str,
) -> (std::sync::Arc<std::sync::atomic::AtomicUsize>, u16) {
    use std::io::{BufRead, Write};
    let port = listener.local_addr().unwrap().port();
    let served = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = served.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
            }
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                body.len()
            );
            // Counted before the answer goes out, so the client never sees it uncounted.
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&body);
        }
    });
    (served, port)
}

/// The citizenship vocabulary's contexts the shared vectors carry (v1, v2, v3, v4rc1), as
/// (IRI, file) pairs for a document loader; `vectors` is `shared/vectors`.
pub fn citizenship_contexts(vectors: &Path) -> Vec<(String, PathBuf)> {
    let dir = vectors.join("w3c-ccg+citizenship-vocab/contexts");
    ["v1", "v2", "v3", "v4rc1"]
        .iter()
        .map(|v| {
            (
                format!("https://w3id.org/citizenship/{v}"),
                dir.join(format!("citizenship-{v}.jsonld")),
            )
        })
        .collect()
}

/// A small deterministic generator (xorshift64) for edited-input tests, so that a failure can be
/// replayed from its seed.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}
