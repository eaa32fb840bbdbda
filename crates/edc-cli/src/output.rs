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
