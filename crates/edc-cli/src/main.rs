//! The `edc` binary: argument parsing → resolved configuration → library calls. Exit codes: 0 ok
//! (verified: intact and trusted), 1 the check failed, 2 usage error or could not check, 3 intact
//! but not trusted or not fully checked (partially verified).

mod args;
mod conformance;
mod convert;
mod convert_model;
mod demo;
mod inspect;
mod keys;
mod output;
mod rdf;
mod render;
mod seal_check;
mod secrets;
mod serve;
mod text;
mod trust;
mod validate;
mod verify;

use clap::Parser;

// glibc malloc's arena locks cost bulk conversion ~15% (perf, bench_convert); mimalloc does not.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

/// How a command ended.
pub enum Outcome {
    /// Everything checked passed.
    Ok,
    /// A check ran and failed.
    Failed,
    /// Something required could not be checked.
    CouldNotCheck,
    /// Intact, but the signer is not trusted or a check could not be made (partially
    /// verified): not a yes a script may act on.
    NotTrusted,
}

/// The default of `--max-input-mib`.
const DEFAULT_MAX_INPUT_MIB: u64 = 16;

static MAX_INPUT_BYTES: std::sync::OnceLock<u64> = std::sync::OnceLock::new();

/// The largest document a command reads, in bytes.
pub fn max_input_bytes() -> u64 {
    *MAX_INPUT_BYTES.get_or_init(|| DEFAULT_MAX_INPUT_MIB << 20)
}

fn main() -> ExitCode {
    output::quiet_on_broken_pipe();
    let cli = args::Cli::parse();
    settings(&cli);
    match run(cli.command) {
        Ok(outcome) => outcome.exit_code(),
        Err(error) => {
            eprintln!("edc: {error:#}");
            ExitCode::from(2)
        }
    }
}

impl Outcome {
    /// 0 verified, 1 failed, 2 could not check, 3 partially verified.
    fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Ok => 0,
            Outcome::Failed => 1,
            Outcome::CouldNotCheck => 2,
            Outcome::NotTrusted => 3,
        })
    }
}

/// The options every command shares.
fn settings(cli: &args::Cli) {
    let _ = secrets::STRICT_PERMISSIONS.set(cli.strict_permissions);
    let _ = output::QUIET.set(cli.quiet);
    let _ = output::COLOR.set(match cli.color {
        args::ColorArg::Always => true,
        args::ColorArg::Never => false,
        args::ColorArg::Auto => {
            use std::io::IsTerminal;
            std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::io::stdout().is_terminal()
        }
    });
    let _ = secrets::KEY_PASSWORD.set(secrets::KeyPassword {
        file: cli.key_password_file.clone(),
        env: cli.key_password_env.clone(),
    });
    let _ = MAX_INPUT_BYTES.set(
        cli.max_input_mib
            .unwrap_or(DEFAULT_MAX_INPUT_MIB)
            .saturating_mul(1 << 20),
    );
}

/// Runs the command.
fn run(command: args::Command) -> anyhow::Result<Outcome> {
    use args::Command::*;
    match command {
        Inspect(args) => inspect::run(&args),
        Rdf(args) => rdf::run(&args),
        Keygen(args) => keys::keygen(&args),
        Did(args) => keys::did(&args),
        Sign(args) => keys::sign(&args),
        Seal(args) => keys::seal(&args),
        Validate(args) => validate::run(&args),
        Verify(args) => verify::run(&args),
        Trust(args) => trust::run(&args),
        Present(args) => keys::present(&args),
        Completions(args) => output::completions(args.shell),
        Man => output::man_page(),
        VerifySeal(args) => seal_check::run(&args),
        Convert(args) if args.to.is_some() || args.from.is_some() => convert_model::run(&args),
        Convert(args) => convert::run(&args),
        Conformance(args) => conformance::run(&args),
        Demo(args) => demo::run(&args),
        Render(args) => render::run(&args),
        Serve(args) => serve::run(&args),
        Status(args) => serve::status(&args),
    }
}
