//! What the CLI test files share: running the built binary, reading its output, a fresh
//! temporary directory.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// Runs the built `edc` with `args`.
pub fn edc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edc"))
        .args(args)
        .output()
        .expect("edc runs")
}

/// Bytes as text (lossy).
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A fresh directory for one test, named after it and the process.
pub fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("edc-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
