//! `edc verify`: the viewer's checks, one line each.

use crate::args::{PolicyArg, VerifyOptions};
use crate::inspect::read_input;
use crate::Outcome;
use anyhow::{Context, Result};
use edc_model::DateTime;
use edc_verifier::{Outcome as CheckOutcome, Policy, StatusLists, Verdict, Verifier};
use std::path::Path;

/// Runs `verify`.
pub fn run(args: &crate::args::VerifyArgs) -> Result<Outcome> {
    crate::output::many(&args.files, args.json, "verified", |file, compact| {
        run_one(file, args, compact)
    })
}

/// The report `edc verify` makes of `bytes` (read from `file`) with these flags: one place for
/// `verify` and `render`, so a rendered banner is the same verdict.
pub(crate) fn report_of(
    file: &Path,
    bytes: &[u8],
    how: &crate::args::Verification,
) -> Result<edc_verifier::Report> {
    let (at, trust, options) = (how.at.as_deref(), &how.trust, &how.options);
    let shapes = how.shapes.clone();
    // A file that is plainly something else (a PDF, XML, an image…) is named as such, not
    // reported as a failed credential.
    if crate::inspect::sniff(bytes).is_some() {
        anyhow::bail!("{}", crate::inspect::unreadable_bytes(file, bytes));
    }
    let mut builder = Verifier::builder()
        .max_document_bytes(usize::try_from(crate::max_input_bytes()).unwrap_or(usize::MAX))
        .policy(match options.policy {
            PolicyArg::Strict => Policy::Strict,
            PolicyArg::Europass => Policy::Europass,
            PolicyArg::Lenient => Policy::Lenient,
        })
        .trusted_dids(options.trusted_did.iter().cloned())
        .status_lists(status_lists(options)?);
    let store = crate::seal_check::trust_store(trust)?;
    if at == Some("signing") {
        let signed_at = crate::seal_check::trusted_signing_time(bytes, file, store.as_ref())?;
        builder = builder.at(signed_at);
    }
    if let Some(store) = store {
        builder = builder.trust_store(store);
    }
    builder = builder.shapes(edc_shacl::ShapesSource::locate(shapes, None, None)?);
    if let Some(text) = at.filter(|t| *t != "signing") {
        let time = DateTime::parse(text)
            .map_err(|e| anyhow::anyhow!("--at `{text}` is not an RFC 3339 date-time: {e}"))?;
        builder = builder.at(time.unix_seconds());
    }
    if !options.contexts.is_empty() || options.network {
        let sources = crate::args::ContextArgs {
            contexts: options.contexts.clone(),
            network: options.network,
            cache_dir: None,
        };
        builder = builder.loader(sources.loader()?);
    }
    let mut resolver = edc_did::Resolver::new();
    let mut jwt_keys = edc_signer::KeyRegistry::new();
    for path in &options.controller {
        resolver = resolver
            .with_document_file(path)
            .map_err(|e| anyhow::anyhow!("--controller {}: {e}", path.display()))?;
        add_controller_keys(&mut jwt_keys, path)?;
    }
    builder = builder.jwt_keys(jwt_keys);
    if options.network {
        let policy = edc_context::NetworkPolicy::new();
        resolver = resolver.with_fetcher(edc_context::HttpFetcher::shared(policy));
    }
    builder = builder.resolver(resolver);
    if let Some(path) = &options.accreditations {
        let text = crate::inspect::read_text(path)?;
        let value: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{} is not JSON", path.display()))?;
        let list = match value {
            serde_json::Value::Array(items) => items,
            one => vec![one],
        };
        builder = builder.accreditations(list);
    }
    if let Some(subject) = &options.expect_subject {
        builder = builder.expected_subject(subject);
    }
    if let Some(challenge) = &options.challenge {
        builder = builder.challenge(challenge);
    }
    if let Some(domain) = &options.domain {
        builder = builder.domain(domain);
    }
    Ok(builder.build().verify(bytes))
}

/// Verifies one file.
fn run_one(file: &Path, args: &crate::args::VerifyArgs, compact: bool) -> Result<Outcome> {
    let json = args.json;
    let bytes = read_input(file)?;
    let report = report_of(file, &bytes, &args.verification)?;
    let verdict = report.verdict();
    if json && compact {
        let mut value = report.to_json();
        value["file"] = serde_json::Value::String(file.display().to_string());
        println!("{value}");
    } else if json {
        println!("{}", serde_json::to_string_pretty(&report.to_json())?);
    } else {
        for c in &report.checks {
            use crate::output::{paint, Paint};
            let mark = match &c.outcome {
                CheckOutcome::Ok(_) => paint("✓", Paint::Green),
                CheckOutcome::Failed(_) => paint("✗", Paint::Red),
                CheckOutcome::Skipped(_) | CheckOutcome::NotApplicable(_) => {
                    paint("–", Paint::Yellow)
                }
            };
            if crate::output::quiet() {
                continue;
            }
            // One sentence per check, as the Europass viewer writes it; a reason that starts
            // with an identifier (a DID, an IRI) keeps it as written.
            let reason = c.outcome.reason();
            let first_word = reason.split_whitespace().next().unwrap_or("");
            let sentence = if first_word.chars().all(|ch| ch.is_ascii_lowercase()) {
                let mut chars = reason.chars();
                match chars.next() {
                    Some(first) => first.to_uppercase().chain(chars).collect::<String>(),
                    None => String::new(),
                }
            } else {
                reason.to_string()
            };
            println!("{mark} {}: {sentence}", c.name.label());
            for finding in &c.findings {
                let place = if finding.pointer.is_empty() {
                    "/"
                } else {
                    &finding.pointer
                };
                println!("    · {place}: {}", finding.message);
            }
        }
        let mut verdict_line = verdict.label().to_string();
        verdict_line[..1].make_ascii_uppercase();
        if verdict == Verdict::PartiallyVerified {
            // Say what is missing: this is not a yes (exit 3).
            let unchecked: Vec<&str> = report
                .checks
                .iter()
                .filter(|c| matches!(c.outcome, CheckOutcome::Skipped(_)))
                .map(|c| c.name.label())
                .collect();
            verdict_line.push_str(&format!(
                " — not established: {} (exit 3)",
                unchecked.join(", ")
            ));
        }
        let colour = match verdict {
            Verdict::Verified => crate::output::Paint::Green,
            Verdict::Failed => crate::output::Paint::Red,
            _ => crate::output::Paint::Yellow,
        };
        println!("{}", crate::output::paint(&verdict_line, colour));
    }
    Ok(match verdict {
        Verdict::Failed => Outcome::Failed,
        Verdict::CouldNotCheck => Outcome::CouldNotCheck,
        Verdict::PartiallyVerified => Outcome::NotTrusted,
        Verdict::Verified => Outcome::Ok,
    })
}

/// The status lists the options name: files (keyed by their `id`), a cache, the network.
fn status_lists(options: &VerifyOptions) -> Result<StatusLists> {
    let mut lists = StatusLists::new();
    for path in &options.status_list {
        let text = crate::inspect::read_text(path)?;
        let list: serde_json::Value = serde_json::from_str(&text)
            .with_context(|| format!("{} is not JSON", path.display()))?;
        let Some(id) = list.get("id").and_then(|v| v.as_str()).map(str::to_string) else {
            anyhow::bail!(
                "{}: a status list credential needs the `id` credentials name in statusListCredential",
                path.display()
            );
        };
        lists = lists.with_list(id, list);
    }
    if let Some(dir) = &options.status_cache {
        lists = lists.with_cache_dir(dir);
    }
    if options.network {
        lists = lists.allow_network(edc_context::NetworkPolicy::new());
    }
    Ok(lists)
}

/// The keys of a controller document's verification methods, for JWTs whose `kid` names one
/// (its full id; a relative `#fragment` id is read against the document's id).
fn add_controller_keys(registry: &mut edc_signer::KeyRegistry, path: &Path) -> Result<()> {
    let document: serde_json::Value = serde_json::from_str(&crate::inspect::read_text(path)?)
        .with_context(|| format!("--controller {} is not JSON", path.display()))?;
    let controller = document.get("id").and_then(|v| v.as_str()).unwrap_or("");
    let methods = document
        .get("verificationMethod")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default();
    // Only the methods the controller authorises for assertions may sign a credential.
    let asserting: Vec<String> = document
        .get("assertionMethod")
        .and_then(|v| v.as_array())
        .map(|entries| {
            entries
                .iter()
                .filter_map(|e| e.as_str().or_else(|| e.get("id").and_then(|v| v.as_str())))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    for method in methods {
        let Some(id) = method.get("id").and_then(|v| v.as_str()) else {
            continue;
        };
        let kid = if id.starts_with('#') {
            format!("{controller}{id}")
        } else {
            id.to_string()
        };
        let fragment = kid.find('#').map(|i| &kid[i..]).unwrap_or("");
        if !asserting
            .iter()
            .any(|a| *a == kid || (!fragment.is_empty() && a == fragment))
        {
            continue;
        }
        if let Some(jwk) = method.get("publicKeyJwk") {
            registry
                .insert_jwk(&kid, jwk)
                .map_err(|e| anyhow::anyhow!("--controller {}: {kid}: {e}", path.display()))?;
        } else if let Some(multikey) = method.get("publicKeyMultibase").and_then(|v| v.as_str()) {
            let key = edc_did::PublicKey::from_multikey(multikey)
                .map_err(|e| anyhow::anyhow!("--controller {}: {kid}: {e}", path.display()))?;
            registry.insert(kid, key);
        }
    }
    Ok(())
}
