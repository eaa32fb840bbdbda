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

/// Runs `one` on each file; for several, a line before each (text) and a summary line at the
/// end. The exit code is the most serious: failed, then could not check, then partially
/// verified.
pub fn many(
    files: &[std::path::PathBuf],
    json: bool,
    ok_word: &str,
    one: impl Fn(&std::path::Path, bool) -> anyhow::Result<crate::Outcome>,
) -> anyhow::Result<crate::Outcome> {
    if let [file] = files {
        return one(file, false);
    }
    let mut counts = [0usize; 4];
    for file in files {
        if !json {
            println!("== {}", file.display());
        }
        let outcome = match one(file, json) {
            Ok(outcome) => outcome,
            Err(e) => {
                eprintln!("edc: {e:#}");
                crate::Outcome::CouldNotCheck
            }
        };
        counts[match outcome {
            crate::Outcome::Ok => 0,
            crate::Outcome::Failed => 1,
            crate::Outcome::CouldNotCheck => 2,
            crate::Outcome::NotTrusted => 3,
        }] += 1;
    }
    if !json {
        println!(
            "{} file(s): {} {ok_word}, {} failed, {} could not be checked, {} partially verified",
            files.len(),
            counts[0],
            counts[1],
            counts[2],
            counts[3]
        );
    }
    Ok(if counts[1] > 0 {
        crate::Outcome::Failed
    } else if counts[2] > 0 {
        crate::Outcome::CouldNotCheck
    } else if counts[3] > 0 {
        crate::Outcome::NotTrusted
    } else {
        crate::Outcome::Ok
    })
}

/// Ends the process quietly when the reader of standard output went away (`edc … | head`), as
/// other Unix tools do: the output it wanted has been written.
pub fn quiet_on_broken_pipe() {
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info.payload();
        let message = payload
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| payload.downcast_ref::<&str>().copied())
            .unwrap_or("");
        if message.contains("failed printing to stdout") && message.contains("Broken pipe") {
            std::process::exit(0);
        }
        default_hook(info);
    }));
}

/// Prints shell completions for `shell`.
pub fn completions(shell: clap_complete::Shell) -> anyhow::Result<crate::Outcome> {
    use clap::CommandFactory;
    let mut text = Vec::new();
    clap_complete::generate(shell, &mut crate::args::Cli::command(), "edc", &mut text);
    write_out(
        &mut std::io::stdout().lock(),
        &String::from_utf8_lossy(&text),
    )
}

/// Prints the man page (roff).
pub fn man_page() -> anyhow::Result<crate::Outcome> {
    use clap::CommandFactory;
    let mut roff = Vec::new();
    clap_mangen::Man::new(crate::args::Cli::command()).render(&mut roff)?;
    write_out(
        &mut std::io::stdout().lock(),
        &String::from_utf8_lossy(&roff),
    )
}
