//! `edc verify-seal`: the JAdES checks of a sealed credential, as text or JSON.

use crate::inspect::read_input;
use crate::Outcome;
use anyhow::{bail, Context, Result};
use edc_model::{DateTime, Document};
use edc_seal::{ChainOutcome, Revocation, SealCheck, SealLevel, SealedPayload, TrustStore};
use serde_json::{json, Value};
use std::path::Path;

fn time(seconds: i64) -> String {
    DateTime::from_unix_seconds(seconds).to_string()
}

/// The trust store the --trust and --trusted-list options describe (`None` when neither).
pub fn trust_store(args: &crate::args::TrustAnchors) -> Result<Option<TrustStore>> {
    let (trust, trusted_lists) = (&args.anchors, &args.trusted_list);
    if trust.is_empty() && trusted_lists.is_empty() {
        if !args.intermediate.is_empty() {
            anyhow::bail!(
                "--intermediate needs a trust anchor to chain to: give --trust (or --trusted-list)"
            );
        }
        return Ok(None);
    }
    let mut store = TrustStore::new();
    // An EU trusted list given to --trust (the issue's `--trust DIR|TL.xml`) is read as one.
    let (lists, anchors): (Vec<&std::path::PathBuf>, Vec<&std::path::PathBuf>) = trust
        .iter()
        .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("xml")));
    for path in anchors {
        store.add_path(path)?;
    }
    for path in &args.intermediate {
        store
            .add_intermediates(path)
            .map_err(anyhow::Error::msg)
            .with_context(|| format!("intermediate certificates {}", path.display()))?;
    }
    let lists: Vec<&std::path::PathBuf> = trusted_lists.iter().chain(lists).collect();
    if !lists.is_empty() {
        let signers = list_signers(args)?;
        for path in lists {
            let xml = crate::inspect::read_text(path)?;
            store
                .add_trusted_list(&xml, &signers)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("trusted list {}", path.display()))?;
        }
    }
    Ok(Some(store))
}

/// DER certificates from PEM or DER files.
fn certificate_files(paths: &[std::path::PathBuf]) -> Result<Vec<Vec<u8>>> {
    let mut out = Vec::new();
    for path in paths {
        let bytes =
            std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
        match std::str::from_utf8(&bytes) {
            Ok(text) if text.contains("-----BEGIN") => out.extend(
                edc_seal::pem_chain(text)
                    .map_err(|e| anyhow::anyhow!("{}: {e:?}", path.display()))?,
            ),
            _ => out.push(bytes),
        }
    }
    Ok(out)
}

/// Who may sign the trusted lists given: the LOTL's pointers (the LOTL checked against
/// --lotl-signer) and --list-signer certificates.
pub(crate) fn list_signers(args: &crate::args::TrustAnchors) -> Result<edc_seal::ListSigners> {
    let mut signers = edc_seal::ListSigners {
        lotl: None,
        direct: certificate_files(&args.list_signer)?,
    };
    if let Some(path) = &args.lotl {
        let xml = crate::inspect::read_text(path)?;
        let lotl_signers = certificate_files(&args.lotl_signer)?;
        if lotl_signers.is_empty() {
            bail!(
                "--lotl {} needs --lotl-signer CERT: the certificate the EU publishes in the Official Journal for signing the list of trusted lists",
                path.display()
            );
        }
        signers.lotl = Some(
            edc_seal::ListOfTrustedLists::verify(&xml, &lotl_signers)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("the list of trusted lists {}", path.display()))?,
        );
    }
    if signers.lotl.is_none() && signers.direct.is_empty() {
        bail!(
            "a trusted list counts only once its signature is checked: give --lotl EU.xml --lotl-signer CERT (the EU list of trusted lists and its signer), or --list-signer CERT"
        );
    }
    Ok(signers)
}

fn level(level: SealLevel) -> &'static str {
    match level {
        SealLevel::Qualified => "qualified",
        SealLevel::Advanced => "advanced",
        SealLevel::NotRecognised => "not recognised",
    }
}

fn report(check: &SealCheck, at: i64) -> Value {
    let chain = match &check.chain_outcome {
        ChainOutcome::Anchored(anchor) => json!({"anchored": true, "anchor": anchor}),
        ChainOutcome::NotAnchored(reason) => json!({"anchored": false, "reason": reason}),
        ChainOutcome::NoTrustStore => {
            json!({"anchored": false, "reason": "no trust anchors given"})
        }
    };
    let revocation = match &check.revocation {
        Revocation::Good { checked_at } => json!({"status": "good", "at": time(*checked_at)}),
        Revocation::Revoked { revoked_at } => json!({"status": "revoked", "at": time(*revoked_at)}),
        Revocation::NotChecked(reason) => json!({"status": "not checked", "reason": reason}),
    };
    json!({
        "valid": check.is_valid(),
        "validationTime": time(at),
        "alg": check.alg,
        "signingTime": check.signing_time,
        "signatureValid": check.signature_valid,
        "certificate": check.certificate.as_ref().map(|c| json!({
            "subject": c.subject,
            "issuer": c.issuer,
            "notBefore": time(c.not_before),
            "notAfter": time(c.not_after),
        })),
        "chain": check.chain,
        "trust": chain,
        "level": level(check.level),
        "qcStatements": {
            "compliance": check.qc_statements.compliance,
            "eseal": check.qc_statements.eseal,
            "qscd": check.qc_statements.qscd,
        },
        "revocation": revocation,
        "timeStamps": check.time_stamps.iter().map(|(kind, t)| json!({"kind": kind, "time": time(*t)})).collect::<Vec<_>>(),
        "findings": check.findings,
        "certificateProblems": check.certificate_problems,
        "judgedAt": time(check.validated_at),
        "provenBy": check.proven_by,
        "trustedTimeStamp": check.trusted_time_stamp.as_ref().map(|(t, tsa)| json!({"time": time(*t), "authority": tsa})),
        "warnings": check.warnings,
    })
}

fn print_text(index: usize, r: &Value) {
    let verdict = match (r["valid"] == true, r["trust"]["anchored"] == true) {
        (true, true) => "valid",
        (true, false) => "intact but NOT TRUSTED",
        (false, _) => "INVALID",
    };
    println!(
        "seal {}: {verdict} ({}, {} seal) at {}",
        index + 1,
        r["alg"].as_str().unwrap_or("?"),
        r["level"].as_str().unwrap_or("?"),
        r["validationTime"].as_str().unwrap_or("?"),
    );
    if let Some(c) = r["certificate"].as_object() {
        println!(
            "  certificate: {} (valid {} to {})",
            c["subject"].as_str().unwrap_or(""),
            c["notBefore"].as_str().unwrap_or(""),
            c["notAfter"].as_str().unwrap_or("")
        );
    }
    match r["trust"]["anchor"].as_str() {
        Some(anchor) => println!("  chain: anchored at {anchor}"),
        None => println!(
            "  chain: not anchored ({})",
            r["trust"]["reason"].as_str().unwrap_or("")
        ),
    }
    println!(
        "  revocation: {}",
        r["revocation"]["status"].as_str().unwrap_or("")
    );
    for stamp in r["timeStamps"].as_array().into_iter().flatten() {
        println!(
            "  {}: {}",
            stamp["kind"].as_str().unwrap_or(""),
            stamp["time"].as_str().unwrap_or("")
        );
    }
    for finding in r["findings"].as_array().into_iter().flatten() {
        println!("  finding: {}", finding.as_str().unwrap_or(""));
    }
    for problem in r["certificateProblems"].as_array().into_iter().flatten() {
        println!("  certificate: {}", problem.as_str().unwrap_or(""));
    }
    for warning in r["warnings"].as_array().into_iter().flatten() {
        println!("  warning: {}", warning.as_str().unwrap_or(""));
    }
}

/// When the first seal of `bytes` was made, as a signature time-stamp by an authority `store`
/// trusts proves it (`--at signing`): never the signer's own `sigT`, which anyone can backdate.
pub fn trusted_signing_time(bytes: &[u8], file: &Path, store: Option<&TrustStore>) -> Result<i64> {
    let document = Document::from_slice(bytes).with_context(|| crate::inspect::unreadable(file))?;
    let Document::Sealed(sealed) = document else {
        bail!(
            "--at signing needs a sealed credential, and {} is not sealed: give --at a date",
            file.display()
        );
    };
    let now = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs(),
    )?;
    let checks = SealedPayload::new(&sealed.payload, &sealed.signatures)
        .verify_finding_signing_time(now, store);
    let Some(check) = checks.first() else {
        bail!("{} carries no seal", file.display());
    };
    match &check.trusted_time_stamp {
        Some((signed_at, _)) => Ok(*signed_at),
        None => bail!(
            "`--at signing` needs a signature time-stamp by an authority you trust (the seal's sigT, {}, is only the signer's claim): give --trust the time-stamping authority's root (`edc trust export {} --roots-only --out DIR` writes the roots the seal carries) or --trusted-list a list naming it, or give --at a date",
            check.signing_time.as_deref().unwrap_or("absent"),
            file.display()
        ),
    }
}

/// Runs `verify-seal`.
pub fn run(args: &crate::args::VerifySealArgs) -> Result<Outcome> {
    let (file, at, trust, json) = (&args.file, args.at.as_deref(), &args.trust, args.json);
    let document = Document::from_slice(&read_input(file)?)
        .with_context(|| crate::inspect::unreadable(file))?;
    let Document::Sealed(sealed) = document else {
        bail!(
            "{} is not sealed (no `payload` and `signatures`); `edc inspect` shows what it is",
            file.display()
        );
    };
    let store = trust_store(trust)?;
    let now = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs(),
    )?;
    // Every seal judged now (or at the time given) once; with `--at signing`, each seal again
    // when a trusted time-stamp proves it was made.
    let base_at = match at {
        None | Some("signing") => now,
        Some(text) => DateTime::parse(text)
            .map_err(|e| anyhow::anyhow!("--at `{text}` is not an RFC 3339 date-time: {e}"))?
            .unix_seconds(),
    };
    let checks = SealedPayload::new(&sealed.payload, &sealed.signatures)
        .verify_finding_signing_time(base_at, store.as_ref());
    let mut reports = Vec::new();
    for (index, check) in checks.iter().enumerate() {
        if at != Some("signing") {
            reports.push(report(check, base_at));
            continue;
        }
        // When the seal was made, as a trusted time-stamp proves it: the signer's own `sigT` is
        // a claim anyone can backdate.
        let Some((signed_at, _)) = &check.trusted_time_stamp else {
            bail!(
                "seal {}: `--at signing` needs a signature time-stamp by an authority you trust (its sigT, {}, is only the signer's claim): give --trust the time-stamping authority's root or --trusted-list a list naming it, or give --at a date",
                index + 1,
                check.signing_time.as_deref().unwrap_or("absent")
            );
        };
        let then = &SealedPayload::new(&sealed.payload, &sealed.signatures)
            .verify_finding_signing_time(*signed_at, store.as_ref())[index];
        reports.push(report(then, *signed_at));
    }
    let valid = reports.iter().all(|r| r["valid"] == true);
    let trusted = reports.iter().all(|r| r["trust"]["anchored"] == true);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&json!({"seals": reports}))?
        );
    } else {
        for (index, r) in reports.iter().enumerate() {
            print_text(index, r);
        }
    }
    Ok(match (valid, trusted) {
        (false, _) => Outcome::Failed,
        (true, false) => Outcome::NotTrusted,
        (true, true) => Outcome::Ok,
    })
}
