//! Writing results to standard output: a reader that went away (`edc rdf … | head`) ends the
//! command quietly, as for other Unix tools, instead of a panic.

use crate::Outcome;
use anyhow::Result;
use std::io::{ErrorKind, Write};

/// Writes `text` to `out`; a closed pipe is not an error (the reader has what it wanted).
pub fn write_out(out: &mut impl Write, text: &str) -> Result<Outcome> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(Outcome::Ok),
        Err(e) if e.kind() == ErrorKind::BrokenPipe => Ok(Outcome::Ok),
        Err(e) => Err(anyhow::anyhow!("cannot write the output: {e}")),
    }
}

/// `-q/--quiet`: only what a script needs (the verdict, the errors).
pub static QUIET: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
/// Whether to colour the text output (`--color`, `NO_COLOR`).
pub static COLOR: std::sync::OnceLock<bool> = std::sync::OnceLock::new();

/// True under `-q/--quiet`.
pub fn quiet() -> bool {
    QUIET.get().copied().unwrap_or(false)
}

/// Colours for the text output.
#[derive(Clone, Copy)]
pub enum Paint {
    /// Passed.
    Green,
    /// Failed.
    Red,
    /// Not established.
    Yellow,
}

/// `text` in `paint`'s colour when colouring is on.
pub fn paint(text: &str, paint: Paint) -> String {
    if !COLOR.get().copied().unwrap_or(false) {
        return text.to_string();
    }
    let code = match paint {
        Paint::Green => "32",
        Paint::Red => "31",
        Paint::Yellow => "33",
    };
    format!("\x1b[{code}m{text}\x1b[0m")
}
