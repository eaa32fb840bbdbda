//! `edc convert --to ob3 | --from ob3`: an EDC as an Open Badges 3.0 OpenBadgeCredential, or
//! the reverse. The output is unsigned (a seal or proof cannot carry over); what the target
//! model cannot carry is listed on standard error (and in `--json`).

use crate::inspect::read_input;
use crate::Outcome;
use anyhow::{bail, Context, Result};
use edc_convert::ob3::{elm_to_ob3, ob3_to_elm};
use edc_model::Document;

/// Runs the conversion: `to_ob3` true for ELM → OB 3.0.
pub fn run(args: &crate::args::ConvertArgs) -> Result<Outcome> {
    let (input, to_ob3, out, json) = (
        &args.input,
        args.to.is_some(),
        args.out.as_deref(),
        args.json,
    );
    let bytes = read_input(input)?;
    let conversion = if to_ob3 {
        let document =
            Document::from_slice(&bytes).with_context(|| crate::inspect::unreadable(input))?;
        elm_to_ob3(&document, "en")
    } else {
        let badge: serde_json::Value = serde_json::from_slice(&bytes).map_err(|e| {
            anyhow::anyhow!(
                "{} is not JSON: line {}, column {}: {e}",
                input.display(),
                e.line(),
                e.column()
            )
        })?;
        ob3_to_elm(&badge)
    }
    .map_err(|e| anyhow::anyhow!("{}: {e}", input.display()))?;
    let text = format!(
        "{}\n",
        serde_json::to_string_pretty(&conversion.credential)?
    );
    if let Some(path) = out {
        if path.exists() {
            bail!(
                "{} exists; edc does not overwrite it (choose another --out)",
                path.display()
            );
        }
        std::fs::write(path, &text).with_context(|| format!("cannot write {}", path.display()))?;
    }
    if json {
        let report = serde_json::json!({
            "credential": conversion.credential,
            "notCarried": conversion.not_carried,
            "out": out.map(|p| p.display().to_string()),
        });
        return crate::output::write_out(
            &mut std::io::stdout().lock(),
            &format!("{}\n", serde_json::to_string_pretty(&report)?),
        );
    }
    for item in &conversion.not_carried {
        eprintln!("not carried over: {item}");
    }
    match out {
        Some(path) => {
            eprintln!(
                "wrote {} (unsigned: sign or seal it to issue it)",
                path.display()
            );
            Ok(Outcome::Ok)
        }
        None => crate::output::write_out(&mut std::io::stdout().lock(), &text),
    }
}
