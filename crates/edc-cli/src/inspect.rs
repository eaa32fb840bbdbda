//! `edc inspect FILE`: what the file is and what it claims.

use crate::text;
use crate::Outcome;
use anyhow::{Context, Result};
use edc_model::{Document, Summary};
use std::io::Read;
use std::path::Path;

/// Reads a file (or standard input for `-`).
pub fn read_input(file: &Path) -> Result<Vec<u8>> {
    let limit = crate::max_input_bytes();
    let mut bytes = Vec::new();
    let name = if file == Path::new("-") {
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .context("cannot read standard input")?;
        "standard input".to_string()
    } else {
        std::fs::File::open(file)
            .and_then(|f| f.take(limit + 1).read_to_end(&mut bytes))
            .with_context(|| format!("cannot read {}", file.display()))?;
        file.display().to_string()
    };
    if bytes.len() as u64 > limit {
        anyhow::bail!(
            "{name} is larger than {} MiB, the most edc reads as one document; if it is genuine, raise the limit with --max-input-mib N (or EDC_MAX_INPUT_MIB)",
            limit >> 20
        );
    }
    Ok(bytes)
}

/// A text file (a trusted list, a status list, accreditations), read within the same size
/// limit as a document.
pub fn read_text(path: &Path) -> Result<String> {
    String::from_utf8(read_input(path)?)
        .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", path.display()))
}

/// Runs `inspect`.
pub fn run(args: &crate::args::InspectArgs) -> Result<Outcome> {
    crate::output::many(&args.files, args.json, "read", |file, compact| {
        run_one(file, args.json, compact)
    })
}

/// Inspects one file.
fn run_one(file: &Path, json: bool, compact: bool) -> Result<Outcome> {
    let bytes = read_input(file)?;
    let document =
        Document::from_slice(&bytes).with_context(|| crate::inspect::unreadable(file))?;
    let mut summary = Summary::of(&document, "en");
    summary.envelope = match &document {
        // A bare credential may carry its own proof: it is not unsigned.
        Document::Credential(_) if document.json_ld().get("proof").is_some() => {
            "credential with an embedded Data Integrity proof (not verified here; `edc verify` checks it)"
        }
        Document::Cose(_) => "VC-COSE COSE_Sign1 (not verified here; `edc verify` checks it)",
        Document::SdJwt(_) => {
            "SD-JWT, disclosures in place (not verified here; `edc verify` checks it)"
        }
        _ => summary.envelope,
    };
    if json {
        let mut value = serde_json::to_value(&summary)?;
        value["file"] = serde_json::Value::String(file.display().to_string());
        if compact {
            println!("{value}");
        } else {
            println!("{}", serde_json::to_string_pretty(&value)?);
        }
    } else {
        print!("{}", text::render(&file.display().to_string(), &summary));
    }
    Ok(Outcome::Ok)
}

/// What a file plainly is when it is not something edc reads (a PDF, a ZIP archive, an image,
/// XML, Turtle), from its first bytes; `None` otherwise.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(512)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace() && *b != 0xEF && *b != 0xBB && *b != 0xBF)
        .map_or(head, |i| &head[i..]);
    if start.starts_with(b"%PDF") {
        Some("a PDF document (a printed credential, not the credential itself)")
    } else if start.starts_with(b"PK\x03\x04") {
        Some("a ZIP archive (a spreadsheet or an office document? `edc convert` reads .xlsx/.ods exports)")
    } else if start.starts_with(b"\x89PNG")
        || start.starts_with(b"\xFF\xD8\xFF")
        || start.starts_with(b"GIF8")
    {
        Some("an image (a badge picture? edc reads the credential, not its picture)")
    } else if start.starts_with(b"<") {
        Some("XML (an ELM v2 Europass credential, or a trusted list? edc reads ELM v3 JSON-LD; trusted lists go to --trusted-list)")
    } else if start.starts_with(b"@prefix")
        || start.starts_with(b"PREFIX")
        || start.starts_with(b"@base")
    {
        Some("Turtle (RDF; edc reads JSON-LD, and N-Quads with `edc rdf --input nquads`)")
    } else {
        None
    }
}

/// The sentence for a document `bytes` that edc cannot read: what it looks like instead, and
/// what edc reads.
pub fn unreadable_bytes(file: &Path, bytes: &[u8]) -> String {
    match sniff(bytes) {
        Some(what) => format!(
            "{} is not a document edc can read: it looks like {what}; edc reads credentials as JSON-LD (bare, sealed or in an upload wrapper), JWTs, SD-JWTs and COSE",
            file.display()
        ),
        None => format!("{} is not a document edc can read", file.display()),
    }
}

/// [`unreadable_bytes`] for a file, from its first bytes.
pub fn unreadable(file: &Path) -> String {
    use std::io::Read;
    let mut head = Vec::new();
    if file != Path::new("-") {
        if let Ok(f) = std::fs::File::open(file) {
            let _ = f.take(512).read_to_end(&mut head);
        }
    }
    unreadable_bytes(file, &head)
}
