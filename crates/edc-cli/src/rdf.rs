//! `edc rdf FILE`: the document's RDF dataset, canonical form or hash.

use crate::args::{ContextArgs, HashArg, ProcessingModeArg, RdfArgs, RdfDirectionArg, RdfInputArg};
use crate::inspect::read_input;
use crate::Outcome;
use anyhow::{bail, Context, Result};
use edc_context::{
    canonicalize, parse_nquads, CanonOptions, DocumentLoader, HashAlgorithm, JsonLdProcessor,
    ProcessingMode, RdfDirection, ToRdfOptions,
};
use edc_model::Document;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The user's cache directory for contexts: `$XDG_CACHE_HOME/edc/contexts` or
/// `~/.cache/edc/contexts`.
fn default_cache_dir() -> Option<PathBuf> {
    edc_context::user_cache_dir("contexts")
}

impl ContextArgs {
    /// The loader these sources describe.
    pub fn loader(&self) -> Result<DocumentLoader> {
        let mut loader = DocumentLoader::new();
        for entry in &self.contexts {
            let Some((iri, file)) = entry.split_once('=') else {
                bail!("--context takes IRI=FILE, got `{entry}`");
            };
            loader = loader.with_file(iri, file);
        }
        if let Some(dir) = self.cache_dir.clone().or_else(default_cache_dir) {
            loader = loader.with_cache_dir(dir);
        }
        if self.network {
            loader = loader.with_network(edc_context::NetworkPolicy::new());
        }
        Ok(loader)
    }
}

/// Runs `rdf`.
pub fn run(args: &RdfArgs) -> Result<Outcome> {
    let bytes = read_input(&args.file)?;
    let nquads_input = match args.input {
        Some(kind) => kind == RdfInputArg::Nquads,
        None => args
            .file
            .extension()
            .is_some_and(|e| e == "nq" || e == "nquads"),
    };
    let (dataset, findings) = if nquads_input {
        let text = std::str::from_utf8(&bytes)
            .with_context(|| format!("{} is not UTF-8 text", args.file.display()))?;
        let dataset = parse_nquads(text)
            .map_err(|e| anyhow::anyhow!("{}: not N-Quads: {e}", args.file.display()))?;
        (dataset, Vec::new())
    } else {
        let (document, credential) = read_json_ld(&args.file, &bytes)?;
        let processor = JsonLdProcessor::new(args.sources.loader()?);
        let options = options(args, credential)?;
        if args.expand {
            return expand(args, &processor, &document, &options);
        }
        let output = match processor.to_rdf(&document, &options) {
            Ok(output) => output,
            Err(e)
                if args.strict
                    && matches!(
                        e.code(),
                        edc_context::ErrorCode::UndefinedTerm
                            | edc_context::ErrorCode::RelativeIriReference
                    ) =>
            {
                eprintln!("edc: {}: {e}", args.file.display());
                return Ok(Outcome::Failed);
            }
            Err(e) => bail!("{}: {e}", args.file.display()),
        };
        (output.dataset, output.findings)
    };
    let algorithm = |h: HashArg| match h {
        HashArg::Sha256 => HashAlgorithm::Sha256,
        HashArg::Sha384 => HashAlgorithm::Sha384,
    };
    let hash = args.hash.map(algorithm);
    let nquads = if args.canonical || hash.is_some() {
        let rdfc = args.rdfc_hash.map(algorithm).unwrap_or_default();
        canonicalize(&dataset, CanonOptions::default().with_hash(rdfc))?.nquads
    } else {
        dataset.to_nquads()
    };
    let digest = hash.map(|h| h.hex_digest(nquads.as_bytes()));
    let out = &mut std::io::stdout().lock();
    if args.json {
        let findings: Vec<serde_json::Value> = findings
            .iter()
            .map(|f| serde_json::json!({"pointer": f.pointer, "value": f.value, "suggestion": f.suggestion, "message": f.message}))
            .collect();
        let report = serde_json::json!({
            "file": args.file.display().to_string(),
            "canonical": args.canonical || hash.is_some(),
            "quads": dataset.quads.len(),
            "nquads": nquads,
            "hash": digest,
            "findings": findings,
        });
        return crate::output::write_out(
            out,
            &format!("{}\n", serde_json::to_string_pretty(&report)?),
        );
    }
    for finding in &findings {
        eprintln!("warning: {finding}");
    }
    match digest {
        Some(d) => crate::output::write_out(out, &format!("{d}\n")),
        None => crate::output::write_out(out, &nquads),
    }
}

/// The JSON-LD of `bytes`, and whether it is a credential: a credential in any form edc reads
/// (sealed, wrapped, a JWT…), or any JSON-LD document.
fn read_json_ld(file: &Path, bytes: &[u8]) -> Result<(Value, bool)> {
    if let Ok(document) = Document::from_slice(bytes) {
        return Ok((document.json_ld(), true));
    }
    match serde_json::from_slice::<Value>(bytes) {
        Ok(value) => Ok((value, false)),
        Err(json_error) => bail!(
            "{} ({json_error}); for N-Quads, use --input nquads",
            crate::inspect::unreadable_bytes(file, bytes)
        ),
    }
}

/// The conversion options the arguments ask for. A credential gets no base by default: its
/// canonical form is what a Data Integrity proof signs, computed without one.
fn options(args: &RdfArgs, credential: bool) -> Result<ToRdfOptions> {
    let mut options = if args.strict {
        ToRdfOptions::strict()
    } else {
        ToRdfOptions::lenient()
    };
    options.base = match (&args.base, args.no_base || args.strict || credential) {
        (Some(base), _) => Some(base.clone()),
        (None, true) => None,
        (None, false) if args.file == Path::new("-") => None,
        (None, false) => {
            let absolute = std::fs::canonicalize(&args.file).unwrap_or_else(|_| args.file.clone());
            Some(format!("file://{}", absolute.display()))
        }
    };
    if args.processing_mode == ProcessingModeArg::JsonLd10 {
        options.processing_mode = ProcessingMode::JsonLd10;
    }
    options.rdf_direction = args.rdf_direction.map(|d| match d {
        RdfDirectionArg::I18nDatatype => RdfDirection::I18nDatatype,
        RdfDirectionArg::CompoundLiteral => RdfDirection::CompoundLiteral,
    });
    if let Some(path) = &args.expand_context {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the expand context {}", path.display()))?;
        let context: Value = serde_json::from_str(&text).map_err(|e| {
            anyhow::anyhow!(
                "{}: not JSON: line {}, column {}: {e}",
                path.display(),
                e.line(),
                e.column()
            )
        })?;
        options.expand_context = Some(context);
    }
    Ok(options)
}

/// `--expand`: the expanded JSON-LD.
fn expand(
    args: &RdfArgs,
    processor: &JsonLdProcessor,
    document: &Value,
    options: &ToRdfOptions,
) -> Result<Outcome> {
    match processor.expand(document, options) {
        Ok(expanded) => crate::output::write_out(
            &mut std::io::stdout().lock(),
            &format!("{}\n", serde_json::to_string_pretty(&expanded)?),
        ),
        Err(e) if args.strict => {
            eprintln!("edc: {}: {e}", args.file.display());
            Ok(Outcome::Failed)
        }
        Err(e) => bail!("{}: {e}", args.file.display()),
    }
}
