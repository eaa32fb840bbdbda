//! The command line as typed: each flag defined once, help generated from it.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// `edc`: read, build, validate, sign, seal and verify Europass European Digital Credentials.
#[derive(Debug, Parser)]
#[command(name = "edc", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Say what a file is (sealed, upload wrapper, bare, JWT) and what it claims: title, learner,
    /// issuer, dates, achievements with outcomes, ECTS, EQF, and the micro-credential elements.
    Inspect {
        /// The credential file (JSON-LD, sealed JSON, or a compact JWT); `-` reads standard input.
        file: PathBuf,
        /// Print a JSON report instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Build an example micro-credential with the model's builder, write it to a file and
    /// inspect it.
    Demo {
        /// Where to write the demo files (default: a new folder under the system's temporary
        /// directory).
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print a JSON report instead of text.
        #[arg(long)]
        json: bool,
    },
}
