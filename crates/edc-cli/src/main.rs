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
mod seal_check;
mod secrets;
mod shapes;
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

/// Runs `one` on each file; for several, a line before each (text) and a summary line at the
/// end. The exit code is the most serious: failed, then could not check, then partially
/// verified.
fn many(
    files: &[std::path::PathBuf],
    json: bool,
    ok_word: &str,
    one: impl Fn(&std::path::Path, bool) -> anyhow::Result<Outcome>,
) -> anyhow::Result<Outcome> {
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
                Outcome::CouldNotCheck
            }
        };
        counts[match outcome {
            Outcome::Ok => 0,
            Outcome::Failed => 1,
            Outcome::CouldNotCheck => 2,
            Outcome::NotTrusted => 3,
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
        Outcome::Failed
    } else if counts[2] > 0 {
        Outcome::CouldNotCheck
    } else if counts[3] > 0 {
        Outcome::NotTrusted
    } else {
        Outcome::Ok
    })
}

fn main() -> ExitCode {
    // A reader that went away (`edc … | head`) ends the command quietly, as for other Unix
    // tools: the output it wanted has been written.
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
    let cli = args::Cli::parse();
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
    let result = match cli.command {
        args::Command::Inspect { files, json } => many(&files, json, "read", |file, compact| {
            inspect::run(file, json, compact)
        }),
        args::Command::Rdf {
            file,
            input,
            canonical,
            hash,
            rdfc_hash,
            expand,
            base,
            no_base,
            processing_mode,
            rdf_direction,
            expand_context,
            strict,
            contexts,
            network,
            cache_dir,
            json,
        } => rdf::run(&rdf::RdfArgs {
            file,
            input,
            canonical,
            hash,
            rdfc_hash,
            expand,
            base,
            no_base,
            processing_mode,
            rdf_direction,
            expand_context,
            strict,
            sources: rdf::ContextSources {
                contexts,
                network,
                cache_dir,
            },
            json,
        }),
        args::Command::Keygen {
            key_type,
            out,
            json,
            jwk,
        } => keys::keygen(key_type, out, json, jwk),
        args::Command::Did { key_or_did, jwk } => keys::did(&key_or_did, jwk),
        args::Command::Sign(options) => keys::sign(&options),
        args::Command::Seal {
            file,
            key,
            cert,
            p12,
            password_file,
            password_env,
            alg,
            no_fill_issuer,
            stamp,
            out,
            force,
            json,
        } => keys::seal(
            &file,
            keys::SealKey {
                key,
                cert,
                p12,
                password_file,
                password_env,
            },
            keys::SealArgs {
                alg,
                fill_issuer: !no_fill_issuer,
                stamp,
                force,
                json,
            },
            &out,
        ),
        args::Command::Validate {
            file,
            profile,
            shapes,
            network,
            json,
        } => validate::run(&file, profile.as_deref(), shapes, network, json),
        args::Command::Verify {
            files,
            at,
            trust,
            shapes,
            options,
            json,
        } => many(&files, json, "verified", |file, compact| {
            verify::run(
                file,
                at.as_deref(),
                &trust,
                shapes.clone(),
                &options,
                json,
                compact,
            )
        }),
        args::Command::Trust { action } => trust::run(&action),
        args::Command::Present {
            credentials,
            key,
            challenge,
            domain,
            out,
            force,
        } => keys::present(
            &credentials,
            &key,
            challenge.as_deref(),
            domain.as_deref(),
            &out,
            force,
        ),
        args::Command::Completions { shell } => {
            use clap::CommandFactory;
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut args::Cli::command(), "edc", &mut text);
            output::write_out(
                &mut std::io::stdout().lock(),
                &String::from_utf8_lossy(&text),
            )
        }
        args::Command::Man => {
            use clap::CommandFactory;
            let mut roff = Vec::new();
            clap_mangen::Man::new(args::Cli::command())
                .render(&mut roff)
                .map_err(anyhow::Error::from)
                .and_then(|()| {
                    output::write_out(
                        &mut std::io::stdout().lock(),
                        &String::from_utf8_lossy(&roff),
                    )
                })
        }
        args::Command::VerifySeal {
            file,
            at,
            trust,
            json,
        } => seal_check::run(&file, at.as_deref(), &trust, json),
        args::Command::Convert {
            input,
            to,
            from,
            out,
            json,
            ..
        } if to.is_some() || from.is_some() => {
            convert_model::run(&input, to.is_some(), out.as_deref(), json)
        }
        args::Command::Convert {
            input,
            mapping: Some(mapping),
            out,
            jsonl,
            overwrite,
            wrapper,
            key,
            suite,
            seal_key,
            seal_cert,
            p12,
            password_file,
            password_env,
            stamp,
            shapes,
            json,
            ..
        } => convert::run(&convert::Options {
            input,
            mapping,
            out,
            jsonl,
            overwrite,
            wrapper,
            key,
            suite,
            seal: keys::SealKey {
                key: seal_key,
                cert: seal_cert,
                p12,
                password_file,
                password_env,
            },
            stamp,
            shapes,
            json,
        }),
        args::Command::Convert { .. } => Err(anyhow::anyhow!(
            "convert needs --mapping FILE (provider data), or --to/--from ob3"
        )),
        args::Command::Conformance {
            dir,
            dir_option,
            suite,
            shared,
            policy,
            report,
            out,
            at,
            shapes,
            trust,
            json,
        } => conformance::run(&conformance::Options {
            json,
            dir: dir.or(dir_option),
            suite,
            shared,
            policy,
            report,
            out,
            at,
            shapes,
            trust,
        }),
        args::Command::Demo { out, json } => demo::run(out, json),
    };
    match result {
        Ok(Outcome::Ok) => ExitCode::SUCCESS,
        Ok(Outcome::Failed) => ExitCode::from(1),
        Ok(Outcome::CouldNotCheck) => ExitCode::from(2),
        Ok(Outcome::NotTrusted) => ExitCode::from(3),
        Err(error) => {
            eprintln!("edc: {error:#}");
            ExitCode::from(2)
        }
    }
}
