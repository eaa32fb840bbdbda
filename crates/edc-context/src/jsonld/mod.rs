//! JSON-LD 1.1 to RDF, offline and fast: contexts are processed once and reused across
//! documents; expansion writes quads directly.
//!
//! Two modes: **strict** (for signing: an undefined term or a relative IRI reference is an error
//! naming the term and its JSON pointer) and **lenient** (for validation: the document is converted
//! as the specification says and every dropped member or value comes back as a [`Finding`]).

mod context;
mod error;
mod expanded;
mod expansion;
mod iri;
mod literal;
mod processor;
mod ptr;
mod suggest;
mod to_rdf;

pub use error::{ErrorCode, Finding, FindingKind, JsonLdError};
pub use literal::canonical_json;
pub use to_rdf::RdfDirection;

/// True when `s` is an absolute IRI (a scheme, no spaces or characters IRIs forbid).
pub fn is_absolute_iri(s: &str) -> bool {
    iri::is_absolute(s)
}

use crate::folded::FoldedJson;
use crate::loader::DocumentLoader;
use crate::rdf::Dataset;
use context::{process_context, ProcessFlags};
use expansion::Purpose;
use processor::Processor;
use serde_json::Value;

/// How strictly to convert.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// Refuse data loss: an undefined term or a relative IRI reference is an error.
    Strict,
    /// Convert as JSON-LD 1.1 requires and report every dropped member or value.
    #[default]
    Lenient,
}

/// Options for [`JsonLdProcessor::to_rdf`].
#[derive(Debug, Clone, Default)]
#[must_use]
pub struct ToRdfOptions {
    /// Strict or lenient.
    pub mode: Mode,
    /// The document's base IRI, against which relative IRI references are resolved (none by
    /// default, as for a file read without a URL).
    pub base: Option<String>,
    /// Members of the top-level object to leave out (e.g. `proof`, when computing the document a
    /// Data Integrity proof signs), without copying the document.
    pub skip_root_members: Vec<String>,
    /// The most triples the document may expand to (default [`DEFAULT_MAX_QUADS`]): a larger
    /// one is refused, so that a small hostile document cannot fill memory.
    pub max_quads: Option<usize>,
    /// JSON-LD 1.1 (the default) or 1.0 processing.
    pub processing_mode: ProcessingMode,
    /// How `@direction` becomes RDF; `None` (the default) drops it, as JSON-LD 1.1 does.
    pub rdf_direction: Option<RdfDirection>,
    /// A context applied before the document's own (`expandContext`): a context, or a
    /// document whose `@context` is one.
    pub expand_context: Option<Value>,
    /// Reads a context document written inline among the contexts (`{"@context": {…}}`) as
    /// its `@context`, as jsonld.js and pyld do — documents they signed may rely on it. Off by
    /// default: JSON-LD 1.1 refuses it (`keyword redefinition`).
    pub inline_context_documents: bool,
}

/// The JSON-LD version whose processing rules apply (`processingMode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum ProcessingMode {
    /// `json-ld-1.1`.
    #[default]
    JsonLd11,
    /// `json-ld-1.0`: the 1.1 features are errors or ignored, and `@version` is refused.
    JsonLd10,
}

/// The default of [`ToRdfOptions::max_quads`]: 100 000 triples. The EU's largest samples (a
/// 1.3 MB transcript, a 0.8 MB joint degree) expand to about 1 000.
pub const DEFAULT_MAX_QUADS: usize = 100_000;

impl ToRdfOptions {
    /// Strict conversion.
    pub fn strict() -> Self {
        ToRdfOptions {
            mode: Mode::Strict,
            ..Default::default()
        }
    }

    /// Lenient conversion with findings.
    pub fn lenient() -> Self {
        ToRdfOptions::default()
    }

    /// Leaves a member of the top-level object out.
    pub fn skip_root_member(mut self, name: impl Into<String>) -> Self {
        self.skip_root_members.push(name.into());
        self
    }

    /// Reads inline context documents as jsonld.js and pyld do (see
    /// [`inline_context_documents`](Self::inline_context_documents)): for checking what those
    /// libraries signed.
    pub fn as_signers_read(mut self) -> Self {
        self.inline_context_documents = true;
        self
    }

    /// Sets the base IRI.
    pub fn with_base(mut self, base: impl Into<String>) -> Self {
        self.base = Some(base.into());
        self
    }
}

/// The RDF of a document and what the conversion dropped.
#[derive(Debug, Clone, Default)]
pub struct RdfOutput {
    /// The dataset (duplicates removed).
    pub dataset: Dataset,
    /// What was dropped, with JSON pointers (always empty in strict mode).
    pub findings: Vec<Finding>,
}

/// Converts JSON-LD documents to RDF datasets. Cheap to share: processed contexts are cached
/// inside and reused by every document it converts.
pub struct JsonLdProcessor {
    inner: Processor,
}

impl JsonLdProcessor {
    /// A processor loading contexts through `loader`.
    pub fn new(loader: DocumentLoader) -> Self {
        JsonLdProcessor {
            inner: Processor::new(loader),
        }
    }

    /// The document's RDF dataset (JSON-LD 1.1 toRdf; no generalized RDF). `document` is
    /// any JSON-LD document: an object or an array.
    pub fn to_rdf(
        &self,
        document: &Value,
        options: &ToRdfOptions,
    ) -> Result<RdfOutput, JsonLdError> {
        self.run(self.expander(options, Purpose::Rdf), document, options)
    }

    /// The RDF dataset of a document read with [`FoldedJson`]: the same as [`to_rdf`](Self::to_rdf)
    /// gives for the text as written, each stand-in expanded as the copy it stands for.
    pub fn to_rdf_folded(
        &self,
        document: &FoldedJson,
        options: &ToRdfOptions,
    ) -> Result<RdfOutput, JsonLdError> {
        let expander = self.expander(options, Purpose::Rdf).folded(document);
        self.run(expander, document.root(), options)
    }

    /// The document in expanded form (JSON-LD 1.1 `expand()`: an array of node objects, in
    /// the order written, keys unordered). Uses the options' base IRI, mode, processing mode
    /// and expand context; in strict mode, anything RDF would drop is an error.
    pub fn expand(&self, document: &Value, options: &ToRdfOptions) -> Result<Value, JsonLdError> {
        let mut expander = self.expander(options, Purpose::Expand);
        let items = self.expanded(&mut expander, document, options)?;
        Ok(expanded::items_json(&items))
    }

    fn expander<'p, 'd>(
        &'p self,
        options: &'p ToRdfOptions,
        purpose: Purpose,
    ) -> expansion::Expander<'p, 'd> {
        let mut expander = expansion::Expander::new(
            &self.inner,
            expansion::Setup {
                strict: options.mode == Mode::Strict,
                purpose,
                json_ld_10: options.processing_mode == ProcessingMode::JsonLd10,
                base_url: options.base.as_deref(),
                skip_root: &options.skip_root_members,
            },
        );
        // Every item makes at most a few triples; a document expanding to far more items
        // than triples allowed is refused before it fills memory.
        expander.max_items = options
            .max_quads
            .unwrap_or(DEFAULT_MAX_QUADS)
            .saturating_mul(4);
        expander
    }

    /// The expanded items of `document`, the expand context applied first.
    fn expanded<'d>(
        &self,
        expander: &mut expansion::Expander<'_, 'd>,
        document: &'d Value,
        options: &ToRdfOptions,
    ) -> Result<Vec<expanded::Item>, JsonLdError> {
        let mut root = self.inner.root(
            &options.base,
            options.processing_mode == ProcessingMode::JsonLd10,
            options.inline_context_documents,
        );
        if let Some(context) = &options.expand_context {
            let context = context.get("@context").unwrap_or(context);
            let mut remote = context::RemoteContexts::default();
            root = process_context(
                &self.inner,
                &root,
                context,
                options.base.as_deref(),
                &mut remote,
                ProcessFlags::default(),
                "(expandContext)",
            )?;
        }
        expander.document(&root, document)
    }

    fn run<'d>(
        &self,
        mut expander: expansion::Expander<'_, 'd>,
        document: &'d Value,
        options: &ToRdfOptions,
    ) -> Result<RdfOutput, JsonLdError> {
        let max_quads = options.max_quads.unwrap_or(DEFAULT_MAX_QUADS);
        let items = self.expanded(&mut expander, document, options)?;
        let mut emitter = to_rdf::Emitter::new(options.rdf_direction, max_quads);
        emitter
            .dataset
            .quads
            .reserve(expander.items_made().min(max_quads));
        emitter.document(items);
        if emitter.overflow {
            return Err(JsonLdError::new(
                ErrorCode::TooManyTriples,
                "",
                format!(
                    "the document expands to more than {max_quads} triples, more than edc converts (genuine credentials hold about a thousand); if it is genuine, raise ToRdfOptions::max_quads"
                ),
            ));
        }
        let mut dataset = emitter.dataset;
        dataset.dedup();
        Ok(RdfOutput {
            dataset,
            findings: expander.findings,
        })
    }
}

impl Default for JsonLdProcessor {
    fn default() -> Self {
        JsonLdProcessor::new(DocumentLoader::new())
    }
}
