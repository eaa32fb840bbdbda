//! `edc rdf FILE`: the document's RDF dataset, canonical form or hash.

use crate::args::HashArg;
use crate::inspect::read_input;
use crate::Outcome;
use anyhow::{bail, Context, Result};
use edc_context::{
    canonicalize, CanonOptions, DocumentLoader, HashAlgorithm, JsonLdProcessor, ToRdfOptions,
};
use edc_model::Document;
use std::path::PathBuf;

/// The resolved arguments of `edc rdf`.
pub struct RdfArgs {
    pub file: PathBuf,
    pub canonical: bool,
    pub hash: Option<HashArg>,
    pub strict: bool,
    pub sources: ContextSources,
    pub json: bool,
}

/// Where contexts may come from, as the command line says.
pub struct ContextSources {
    /// `IRI=FILE` overrides.
    pub contexts: Vec<String>,
    /// Whether fetching over https is allowed.
    pub network: bool,
    /// The cache directory, if not the default.
    pub cache_dir: Option<PathBuf>,
}

/// The user's cache directory for contexts: `$XDG_CACHE_HOME/edc/contexts` or
/// `~/.cache/edc/contexts`.
fn default_cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))?;
    Some(base.join("edc").join("contexts"))
}

impl ContextSources {
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
    let document = Document::from_slice(&bytes)
        .with_context(|| format!("{} is not a document edc can read", args.file.display()))?;
    let processor = JsonLdProcessor::new(args.sources.loader()?);
    let options = if args.strict {
        ToRdfOptions::strict()
    } else {
        ToRdfOptions::lenient()
    };
    let output = match processor.to_rdf(&document.json_ld(), &options) {
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
    let hash = args.hash.map(|h| match h {
        HashArg::Sha256 => HashAlgorithm::Sha256,
        HashArg::Sha384 => HashAlgorithm::Sha384,
    });
    let nquads = if args.canonical || hash.is_some() {
        let options = CanonOptions::default().with_hash(hash.unwrap_or_default());
        canonicalize(&output.dataset, options)?.nquads
    } else {
        output.dataset.to_nquads()
    };
    let digest = hash.map(|h| h.hex_digest(nquads.as_bytes()));
    if args.json {
        let findings: Vec<serde_json::Value> = output
            .findings
            .iter()
            .map(|f| serde_json::json!({"pointer": f.pointer, "value": f.value, "suggestion": f.suggestion, "message": f.message}))
            .collect();
        let report = serde_json::json!({
            "file": args.file.display().to_string(),
            "canonical": args.canonical || hash.is_some(),
            "quads": output.dataset.quads.len(),
            "nquads": nquads,
            "hash": digest,
            "findings": findings,
        });
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(Outcome::Ok);
    }
    for finding in &output.findings {
        eprintln!("warning: {finding}");
    }
    match digest {
        Some(d) => println!("{d}"),
        None => print!("{nquads}"),
    }
    Ok(Outcome::Ok)
}
