//! `edc serve` and `edc status`: the HTTP service, and its status lists without it.

use crate::args::{ServeArgs, ServiceOpts, StatusAction, StatusArgs};
use crate::Outcome;
use anyhow::{bail, Context, Result};
use edc_server::service::Publisher;
use edc_server::status::{Change, ListForm, Purpose};
use edc_server::Config;
use serde_json::json;

/// The configuration: the file's (or the defaults), then the command line's.
fn config(opts: &ServiceOpts) -> Result<Config> {
    let mut config = match &opts.config {
        Some(path) => Config::read(path).map_err(anyhow::Error::msg)?,
        None => Config::default(),
    };
    if let Some(dir) = &opts.data {
        config.data_dir = Some(dir.clone());
    }
    if let Some(url) = &opts.database {
        config.database = Some(url.clone());
    }
    if let Some(url) = &opts.public_url {
        config.public_url = Some(url.clone());
    }
    Ok(config)
}

/// Runs `edc serve` until Ctrl-C or SIGTERM.
pub fn run(args: &ServeArgs) -> Result<Outcome> {
    let mut config = config(&args.service)?;
    if let Some(listen) = args.listen {
        config.listen = listen;
    }
    let filter = tracing_subscriber::EnvFilter::try_from_env("EDC_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    if args.log_json {
        logs.json().init();
    } else {
        logs.init();
    }
    let data_dir = config.data_dir();
    let database = config.database.is_some();
    // Verification and signing are CPU work on the blocking pool: more threads than a few per
    // core add no throughput, only memory (each thread keeps its allocator's pages).
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .max_blocking_threads((cores * 4).max(8))
        .enable_all()
        .build()
        .context("cannot start the runtime")?;
    runtime.block_on(async move {
        let server = edc_server::Server::bind(config)
            .await
            .map_err(anyhow::Error::msg)?;
        let service = server.service();
        eprintln!("edc serve: listening on http://{}", server.local_addr());
        eprintln!("  public URL   {}", service.public_url);
        eprintln!(
            "  data         {}{}",
            data_dir.display(),
            if database { " (status lists in PostgreSQL)" } else { " (status lists in status.sqlite3)" }
        );
        for issuer in service.publisher.issuers.all() {
            eprintln!(
                "  issuer       {} ({}{})",
                issuer.did,
                issuer.suites().iter().map(|s| s.name()).collect::<Vec<_>>().join(", "),
                if service.generated_keys { "; key generated now" } else { "" }
            );
        }
        if service.keys.is_open() {
            eprintln!("  issuing is open to anyone who reaches this address (no API key configured; loopback only)");
        }
        eprintln!("  routes       {}/openapi.json", service.public_url);
        server
            .run(edc_server::shutdown_signal())
            .await
            .map_err(anyhow::Error::msg)?;
        eprintln!("edc serve: stopped");
        Ok(Outcome::Ok)
    })
}

/// Runs `edc status`.
pub fn status(args: &StatusArgs) -> Result<Outcome> {
    let config = config(&args.service)?;
    let public_url = config.public_url(config.listen);
    let (publisher, _) = Publisher::open(&config, &public_url).map_err(anyhow::Error::msg)?;
    let store = &*publisher.store;
    let print = |value: serde_json::Value| -> Result<Outcome> {
        crate::output::write_out(
            &mut std::io::stdout().lock(),
            &format!("{}\n", serde_json::to_string_pretty(&value)?),
        )
    };
    match &args.action {
        StatusAction::New {
            issuer,
            credential_id,
        } => {
            let issuer = match issuer {
                Some(did) => publisher.issuers.find(did).with_context(|| {
                    format!("{did} is not among the issuer keys (see `edc status show` and the configuration's issuer_keys)")
                })?,
                None => publisher.issuers.first().context("no issuer key")?,
            };
            let allocation = store.allocate(
                &issuer.did,
                config.status.list_size,
                credential_id.as_deref(),
                "cli",
            )?;
            print(json!({"credentialStatus": publisher.lists.entries(&allocation)}))
        }
        StatusAction::Set {
            status,
            list,
            index,
            credential_id,
        } => {
            let change = Change::from_name(status)
                .with_context(|| format!("status {status}: give revoked, suspended or valid"))?;
            let targets = match (list, index, credential_id) {
                (Some(list), Some(index), _) => vec![(list.clone(), *index)],
                (_, _, Some(id)) => {
                    let entries = store.entries_of(id)?;
                    if entries.is_empty() {
                        bail!("no credential {id} was given status entries in this database");
                    }
                    entries.into_iter().map(|e| (e.list, e.index)).collect()
                }
                _ => bail!("give --list and --index, or --credential-id"),
            };
            let mut states = Vec::new();
            for (list, index) in targets {
                let state = store.set(&list, index, change, "cli")?;
                states.push(
                    json!({"list": state.list, "index": state.index, "status": state.label()}),
                );
            }
            print(json!({"entries": states}))
        }
        StatusAction::Show {
            list,
            index,
            events,
        } => {
            if *events {
                let events: Vec<_> = store
                    .events(50)?
                    .into_iter()
                    .map(|e| json!({"at": e.at, "actor": e.actor, "action": e.action, "list": e.list, "index": e.index}))
                    .collect();
                return print(json!({"events": events}));
            }
            match (list, index) {
                (Some(list), Some(index)) => {
                    let e = store.entry(list, *index)?;
                    print(
                        json!({"list": e.list, "index": e.index, "credentialId": e.credential_id, "status": e.label()}),
                    )
                }
                (Some(list), None) => {
                    let l = store.list(list)?;
                    let urls = [
                        ListForm::Bitstring(Purpose::Revocation),
                        ListForm::Bitstring(Purpose::Suspension),
                        ListForm::Token,
                    ]
                    .map(|f| publisher.lists.url(&l.id, f));
                    print(json!({
                        "list": l.id, "issuer": l.issuer, "size": l.size, "allocated": l.allocated,
                        "revoked": l.revoked.len(), "suspended": l.suspended.len(),
                        "urls": urls,
                    }))
                }
                _ => {
                    let mut lists = Vec::new();
                    for id in store.lists()? {
                        let l = store.list(&id)?;
                        lists.push(json!({"list": l.id, "issuer": l.issuer, "size": l.size, "allocated": l.allocated}));
                    }
                    print(
                        json!({"lists": lists, "issuers": publisher.issuers.all().iter().map(|i| i.did.clone()).collect::<Vec<_>>()}),
                    )
                }
            }
        }
        StatusAction::Publish { list, out, force } => {
            std::fs::create_dir_all(out)
                .with_context(|| format!("cannot create {}", out.display()))?;
            let mut written = Vec::new();
            for (form, extension) in [
                (ListForm::Bitstring(Purpose::Revocation), "json"),
                (ListForm::Bitstring(Purpose::Suspension), "json"),
                (ListForm::Token, "jwt"),
            ] {
                let published = publisher
                    .lists
                    .publish(store, &publisher.issuers, &publisher.integrity, list, form)
                    .map_err(|e| anyhow::anyhow!("{e}"))?;
                let url = publisher.lists.url(list, form);
                let name = format!("{}.{extension}", url.rsplit('/').next().unwrap_or(list));
                let path = out.join(name);
                if path.exists() && !force {
                    bail!(
                        "{} exists; edc does not overwrite it (give --force)",
                        path.display()
                    );
                }
                std::fs::write(&path, published.body)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                written.push(json!({"file": path.display().to_string(), "url": url}));
            }
            print(json!({"written": written}))
        }
    }
}
