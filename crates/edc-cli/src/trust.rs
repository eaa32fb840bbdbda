//! `edc trust list|export`: the certificates sealed credentials carry — so that a user can
//! verify the EU's sealed samples (or any seal whose certificate has expired) with material
//! edc itself extracts: export, check the roots, give the directory to `--trust`.

use crate::args::TrustAction;
use crate::inspect::read_input;
use crate::Outcome;
use anyhow::{bail, Context, Result};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use edc_model::{DateTime, Document};
use edc_seal::{carried_certificates, CarriedCertificate};
use std::path::Path;

/// Runs `trust`.
pub fn run(args: &crate::args::TrustArgs) -> Result<Outcome> {
    let action = &args.action;
    match action {
        TrustAction::List { files, json } => list(files, *json),
        TrustAction::Export {
            files,
            out,
            roots_only,
        } => export(files, out, *roots_only),
        TrustAction::Lotl {
            trust,
            network,
            out,
        } => lotl(trust, *network, out),
    }
}

/// `trust lotl`: the qualified CAs and time-stamping services of the national lists, each list's
/// signature checked against the signers the verified LOTL names for its territory.
fn lotl(trust: &crate::args::TrustAnchors, network: bool, dir: &Path) -> Result<Outcome> {
    if trust.lotl.is_none() {
        bail!("give --lotl EU.xml --lotl-signer CERT (the EU list of trusted lists and the certificate the Official Journal publishes for it)");
    }
    let signers = crate::seal_check::list_signers(trust)?;
    let mut store = edc_seal::TrustStore::new();
    let mut report = String::new();
    let mut lists: Vec<(String, String)> = Vec::new();
    for path in &trust.trusted_list {
        lists.push((path.display().to_string(), crate::inspect::read_text(path)?));
    }
    if network {
        use edc_context::Fetcher;
        let fetcher = edc_context::HttpFetcher::new(edc_context::NetworkPolicy::new());
        let locations = signers
            .lotl
            .as_ref()
            .map(|l| l.locations().to_vec())
            .unwrap_or_default();
        for (territory, url) in locations {
            match fetcher.get(
                &url,
                "application/vnd.etsi.tsl+xml, application/xml, text/xml",
            ) {
                Ok(bytes) => lists.push((
                    format!("{territory} ({url})"),
                    String::from_utf8_lossy(&bytes).into_owned(),
                )),
                Err(e) => {
                    report.push_str(&format!("skipped {territory}: cannot fetch {url}: {e}\n"))
                }
            }
        }
    }
    if lists.is_empty() {
        bail!("no national list to read: give --trusted-list FILE (repeatable) or --network");
    }
    let mut refused = 0;
    for (name, xml) in &lists {
        match store.add_trusted_list(xml, &signers) {
            Ok(added) => report.push_str(&format!("{name}: {added} qualified CA certificate(s)\n")),
            Err(e) => {
                refused += 1;
                report.push_str(&format!("refused {name}: {e}\n"));
            }
        }
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let mut written = 0;
    for (kind, ders) in [
        ("ca", store.anchors_der()),
        ("tsa", store.time_stamping_der()),
    ] {
        for der in ders {
            let hash: String = sha256_hex(&der);
            let path = dir.join(format!("{kind}-{}.pem", &hash[..16]));
            if path.exists() {
                continue;
            }
            std::fs::write(&path, pem(&der))
                .with_context(|| format!("cannot write {}", path.display()))?;
            written += 1;
        }
    }
    report.push_str(&format!(
        "{written} certificate(s) written to {} ({} CA, {} time-stamping); use it with --trust {}\n",
        dir.display(),
        store.anchors_der().len(),
        store.time_stamping_der().len(),
        dir.display()
    ));
    crate::output::write_out(&mut std::io::stdout().lock(), &report)?;
    Ok(if refused > 0 {
        Outcome::Failed
    } else {
        Outcome::Ok
    })
}

fn sha256_hex(der: &[u8]) -> String {
    edc_context::HashAlgorithm::Sha256.hex_digest(der)
}

/// The distinct certificates the files carry, each with the file it came from.
fn gather(files: &[std::path::PathBuf]) -> Result<Vec<(String, CarriedCertificate)>> {
    let mut out: Vec<(String, CarriedCertificate)> = Vec::new();
    for file in files {
        let document = Document::from_slice(&read_input(file)?)
            .with_context(|| crate::inspect::unreadable(file))?;
        let Document::Sealed(sealed) = document else {
            bail!(
                "{} is not sealed (no `payload` and `signatures`): it carries no certificates",
                file.display()
            );
        };
        for certificate in carried_certificates(&sealed) {
            if !out.iter().any(|(_, c)| c.sha256 == certificate.sha256) {
                out.push((file.display().to_string(), certificate));
            }
        }
    }
    Ok(out)
}

fn date(seconds: i64) -> String {
    DateTime::from_unix_seconds(seconds).to_string()
}

fn list(files: &[std::path::PathBuf], json: bool) -> Result<Outcome> {
    let certificates = gather(files)?;
    let out = &mut std::io::stdout().lock();
    if json {
        let items: Vec<serde_json::Value> = certificates
            .iter()
            .map(|(file, c)| {
                serde_json::json!({
                    "file": file,
                    "place": c.place,
                    "subject": c.summary.subject,
                    "issuer": c.summary.issuer,
                    "notBefore": date(c.summary.not_before),
                    "notAfter": date(c.summary.not_after),
                    "selfSigned": c.self_signed,
                    "sha256": c.sha256,
                })
            })
            .collect();
        return crate::output::write_out(
            out,
            &format!("{}\n", serde_json::to_string_pretty(&items)?),
        );
    }
    let mut text = String::new();
    for (file, c) in &certificates {
        text.push_str(&format!(
            "{}{}\n  subject  {}\n  issuer   {}\n  valid    {} to {}\n  sha256   {}\n  found in {file}, {}\n",
            if c.self_signed { "ROOT " } else { "" },
            file_stem(c),
            c.summary.subject,
            c.summary.issuer,
            date(c.summary.not_before),
            date(c.summary.not_after),
            c.sha256,
            c.place
        ));
    }
    text.push_str(&format!(
        "{} certificate(s), {} self-signed; a root is trusted only once you have checked it (`edc trust export … --roots-only --out DIR`, then `--trust DIR`)\n",
        certificates.len(),
        certificates.iter().filter(|(_, c)| c.self_signed).count()
    ));
    crate::output::write_out(out, &text)
}

/// A file name for a certificate: its subject's CN (or O, or the whole name), made safe, and
/// the start of its hash.
fn file_stem(c: &CarriedCertificate) -> String {
    let name = c
        .summary
        .common_name
        .clone()
        .or_else(|| c.summary.organization.clone())
        .unwrap_or_else(|| c.summary.subject.clone());
    let safe: String = name
        .chars()
        .map(|ch| if ch.is_alphanumeric() { ch } else { '-' })
        .collect::<String>()
        .split('-')
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    format!(
        "{}-{}",
        if safe.is_empty() {
            "certificate"
        } else {
            &safe
        },
        &c.sha256[..8]
    )
}

fn pem(der: &[u8]) -> String {
    let body = STANDARD.encode(der);
    let mut out = String::from("-----BEGIN CERTIFICATE-----\n");
    for line in body.as_bytes().chunks(64) {
        out.push_str(std::str::from_utf8(line).expect("base64 is ASCII"));
        out.push('\n');
    }
    out.push_str("-----END CERTIFICATE-----\n");
    out
}

fn export(files: &[std::path::PathBuf], dir: &Path, roots_only: bool) -> Result<Outcome> {
    let certificates = gather(files)?;
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let (mut written, mut kept) = (0, 0);
    let mut text = String::new();
    for (_, c) in certificates
        .iter()
        .filter(|(_, c)| c.self_signed || !roots_only)
    {
        let path = dir.join(format!("{}.pem", file_stem(c)));
        let content = pem(&c.der);
        match std::fs::read_to_string(&path) {
            Ok(existing) if existing == content => kept += 1,
            Ok(_) => bail!(
                "{} exists with other content; edc does not overwrite it (choose another --out)",
                path.display()
            ),
            Err(_) => {
                std::fs::write(&path, content)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                written += 1;
                text.push_str(&format!(
                    "{}{}\n",
                    if c.self_signed { "root " } else { "     " },
                    path.display()
                ));
            }
        }
    }
    text.push_str(&format!(
        "{written} written, {kept} already there, in {}; check the roots before giving it to --trust\n",
        dir.display()
    ));
    crate::output::write_out(&mut std::io::stdout().lock(), &text)
}
