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
    pub contexts: Vec<String>,
    pub json: bool,
}

/// A loader with the caller's `IRI=FILE` overrides.
pub fn loader_with(contexts: &[String]) -> Result<DocumentLoader> {
    let mut loader = DocumentLoader::new();
    for entry in contexts {
        let Some((iri, file)) = entry.split_once('=') else {
            bail!("--context takes IRI=FILE, got `{entry}`");
        };
        loader = loader.with_file(iri, file);
    }
    Ok(loader)
}

/// Runs `rdf`.
pub fn run(args: &RdfArgs) -> Result<Outcome> {
    let bytes = read_input(&args.file)?;
    let document = Document::from_slice(&bytes)
        .with_context(|| format!("{} is not a document edc can read", args.file.display()))?;
    let processor = JsonLdProcessor::new(loader_with(&args.contexts)?);
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
