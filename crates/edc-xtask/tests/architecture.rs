//! The shape of the code, checked: no import circle among a crate's files, no `String` error in
//! a library crate's public signatures, and no thread started by a library crate outside the
//! verifier's opt-in path. Read from the sources, as a newcomer would read them.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Crates that are programs or test support, not libraries: their errors may be text, and they
/// may start threads.
const PROGRAMS: [&str; 3] = ["edc-cli", "edc-xtask", "edc-testkit"];

/// The ELM classes are one module of mutually recursive types (an accreditation names the
/// specifications it covers, a specification its accreditations), as the ontology is.
const RECURSIVE_TYPES: [&str; 1] = ["edc-model/classes"];

/// Where a library may start a thread: the verifier's opt-in two-thread reading
/// (`VerifierBuilder::threads(true)`), the converter's opt-in workers
/// (`Converter::with_workers`), and the attacks suite's loopback server (the suite runs only
/// when asked).
const THREADS_ALLOWED: [&str; 3] = [
    "edc-convert/src/pipeline.rs",
    "edc-conformance/src/attacks/refusals.rs",
    // A PostgreSQL client closes its connection by blocking on a runtime of its own: dropped on
    // a thread that drives async tasks, the store closes them on a scoped thread, joined at once.
    "edc-server/src/status/postgres.rs",
];

fn crates_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Every `.rs` file under `dir`, with its module path (`a::b`; the crate root is empty).
fn modules(src: &Path) -> BTreeMap<Vec<String>, PathBuf> {
    let mut out = BTreeMap::new();
    let mut stack = vec![src.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let relative = path.strip_prefix(src).unwrap().with_extension("");
            let mut parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            if matches!(
                parts.last().map(String::as_str),
                Some("mod" | "lib" | "main")
            ) {
                parts.pop();
            }
            if parts.last().is_some_and(|p| p == "tests") {
                continue;
            }
            out.insert(parts, path);
        }
    }
    out
}

/// The code of a file without comments and without its `#[cfg(test)]` part.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// The paths a file names: `crate::a::b`, `super::a`, `crate::{a, b::c}`, and its own child
/// modules' `child::x`.
fn named_paths(module: &[String], text: &str, children: &[String]) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    let parent: Vec<String> = module[..module.len().saturating_sub(1)].to_vec();
    let word = |c: char| c.is_alphanumeric() || c == '_';
    for (prefix, base) in [("crate::", Vec::new()), ("super::", parent.clone())] {
        let mut rest = text;
        while let Some(at) = rest.find(prefix) {
            let before = rest[..at].chars().last();
            rest = &rest[at + prefix.len()..];
            if before.is_some_and(word) {
                continue;
            }
            if let Some(group) = rest.strip_prefix('{') {
                let inner = &group[..group.find('}').unwrap_or(0)];
                for item in inner.split(',') {
                    let item = item.split(" as ").next().unwrap_or_default().trim();
                    if !item.is_empty() {
                        let mut path = base.clone();
                        path.extend(item.split("::").map(str::to_string));
                        out.push(path);
                    }
                }
                continue;
            }
            let end = rest
                .find(|c: char| !(word(c) || c == ':'))
                .unwrap_or(rest.len());
            let mut path = base.clone();
            path.extend(
                rest[..end]
                    .split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string),
            );
            out.push(path);
        }
    }
    for child in children {
        for (at, _) in text.match_indices(&format!("{child}::")) {
            if text[..at].chars().last().is_some_and(word) {
                continue;
            }
            let mut path = module.to_vec();
            path.push(child.clone());
            out.push(path);
        }
    }
    out
}

/// The module a path names: its longest prefix that is a file.
fn resolve(files: &BTreeMap<Vec<String>, PathBuf>, path: &[String]) -> Option<Vec<String>> {
    (0..=path.len())
        .rev()
        .map(|n| path[..n].to_vec())
        .find(|prefix| files.contains_key(prefix))
}

/// The strongly connected groups of more than one module (Tarjan).
fn circles(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Vec<Vec<Vec<String>>> {
    struct State<'g> {
        graph: &'g BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        index: BTreeMap<&'g Vec<String>, usize>,
        low: BTreeMap<&'g Vec<String>, usize>,
        stack: Vec<&'g Vec<String>>,
        found: Vec<Vec<Vec<String>>>,
    }
    fn visit<'g>(s: &mut State<'g>, v: &'g Vec<String>) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        for w in &s.graph[v] {
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[w].min(s.low[v]);
                s.low.insert(v, low);
            } else if s.stack.contains(&w) {
                let low = s.index[w].min(s.low[v]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            while let Some(w) = s.stack.pop() {
                group.push(w.clone());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                s.found.push(group);
            }
        }
    }
    let mut state = State {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found
}

fn crate_names() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(crates_dir())
        .unwrap()
        .flatten()
        .filter(|e| e.path().join("src").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn no_import_circle_among_a_crates_files() {
    let mut found = Vec::new();
    for name in crate_names() {
        let files = modules(&crates_dir().join(&name).join("src"));
        let mut graph: BTreeMap<Vec<String>, BTreeSet<Vec<String>>> = BTreeMap::new();
        for (module, path) in &files {
            let text = code(path);
            let children: Vec<String> = text
                .lines()
                .filter_map(|l| {
                    let l = l.trim();
                    let l = l.strip_prefix("pub(crate) ").unwrap_or(l);
                    let l = l.strip_prefix("pub ").unwrap_or(l);
                    l.strip_prefix("mod ")?
                        .strip_suffix(';')
                        .map(str::to_string)
                })
                .collect();
            let edges = named_paths(module, &text, &children)
                .iter()
                .filter_map(|p| resolve(&files, p))
                .filter(|t| t != module && !t.is_empty())
                .collect();
            graph.insert(module.clone(), edges);
        }
        for group in circles(&graph) {
            let shown: Vec<String> = group.iter().map(|m| m.join("::")).collect();
            let exempt = RECURSIVE_TYPES.iter().any(|r| {
                let (krate, module) = r.split_once('/').unwrap();
                krate == name && shown.iter().all(|m| m.starts_with(module))
            });
            if !exempt {
                found.push(format!("{name}: {}", shown.join(" <-> ")));
            }
        }
    }
    assert!(found.is_empty(), "import circles:\n{}", found.join("\n"));
}

/// The public functions of library crates whose error is a `String`.
#[test]
fn no_string_error_in_a_library_crates_public_signatures() {
    let mut found = Vec::new();
    for name in crate_names() {
        if PROGRAMS.contains(&name.as_str()) {
            continue;
        }
        for path in modules(&crates_dir().join(&name).join("src")).values() {
            let text = code(path);
            for (at, _) in text.match_indices("pub fn ") {
                let signature = &text[at..];
                let end = signature.find('{').unwrap_or(signature.len());
                let signature: String = signature[..end]
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ");
                let returns = signature.split(") ->").last().unwrap_or_default().trim();
                if returns.starts_with("Result<") && returns.trim_end().ends_with(", String>") {
                    let shown = path.strip_prefix(crates_dir()).unwrap_or(path).display();
                    found.push(format!(
                        "{shown}: {}",
                        &signature[..signature.len().min(90)]
                    ));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "String errors in public signatures:\n{}",
        found.join("\n")
    );
}

#[test]
fn no_library_starts_a_thread_unless_asked() {
    let mut found = Vec::new();
    for name in crate_names() {
        if PROGRAMS.contains(&name.as_str()) {
            continue;
        }
        let src = crates_dir().join(&name).join("src");
        for path in modules(&src).values() {
            let text = code(path);
            let shown = format!("{name}/src/{}", path.strip_prefix(&src).unwrap().display());
            let spawns = ["thread::spawn", ".spawn(", "spawn_scoped", "thread::scope"]
                .iter()
                .any(|s| text.contains(s));
            if spawns && !THREADS_ALLOWED.contains(&shown.as_str()) {
                found.push(shown);
            }
        }
    }
    assert!(found.is_empty(), "threads started in: {found:?}");
}

/// Every HTTP request goes through an injected `edc_context::Fetcher`: only edc-context's
/// `HttpFetcher` (network.rs) speaks HTTP itself.
#[test]
fn only_the_http_fetcher_speaks_http() {
    let mut found = Vec::new();
    for name in crate_names() {
        let src = crates_dir().join(&name).join("src");
        for path in modules(&src).values() {
            let shown = format!("{name}/src/{}", path.strip_prefix(&src).unwrap().display());
            if code(path).contains("reqwest::") && shown != "edc-context/src/network.rs" {
                found.push(shown);
            }
        }
    }
    assert!(found.is_empty(), "HTTP outside the fetcher: {found:?}");
}
