//! # edc-context — JSON-LD contexts, RDF and canonicalization for European Digital Credentials
//!
//! Everything that signs with Data Integrity or validates with SHACL needs a document's RDF
//! dataset, computed offline and exactly as the reference processors compute it:
//!
//! - a registry of bundled contexts — the project's own ELM v3 mapping, served for the official
//!   IRI `http://data.europa.eu/snb/model/context/edc-ap`, and the W3C contexts — and a
//!   [`DocumentLoader`] the caller can extend with files, directories and a cache;
//! - JSON-LD 1.1 expansion and conversion to RDF of any document ([`JsonLdProcessor::expand`],
//!   [`JsonLdProcessor::to_rdf`]; the W3C `expand` and `toRdf` suites pass) in strict and
//!   lenient-with-findings modes, also of a document read with its repeated node copies folded
//!   ([`FoldedJson`], [`JsonLdProcessor::to_rdf_folded`]: the same dataset, far less work on
//!   Europass documents), which a reader sees only through a [`JsonView`] that resolves every
//!   folded copy itself;
//! - RDFC-1.0 canonicalization ([`canonicalize`]) with SHA-256/SHA-384 and a work bound.
#![deny(missing_docs)]

mod bytes;
mod canon;
mod fetcher;
mod folded;
mod jsonld;
mod loader;
#[cfg(feature = "network")]
mod network;
mod nquads;
mod rdf;
mod view;

// The public face.
pub use canon::{
    canonicalize, CanonOptions, Canonical, HashAlgorithm, WorkLimitExceeded, MAX_CANON_WORK,
};
pub use fetcher::{get_only, FetchError, FetchErrorKind, Fetcher, SharedFetcher};
pub use folded::FoldedJson;
pub use jsonld::{
    canonical_json, is_absolute_iri, ErrorCode, Finding, FindingKind, JsonLdError, JsonLdProcessor,
    Mode, ProcessingMode, RdfDirection, RdfOutput, ToRdfOptions, DEFAULT_MAX_QUADS,
};
pub use loader::{
    bundled_contexts, cache_file_name, safe_file_stem, user_cache_dir, DocumentLoader, LoadError,
    EDC_AP_CONTEXT, EDC_AP_CONTEXT_IRI,
};
#[cfg(feature = "network")]
pub use network::{
    is_local_address, DangerousNetworkPolicy, HttpFetcher, NetworkPolicy, PUBLISHED_HTTP_PREFIX,
};
pub use nquads::{parse_nquads, NQuadsError};
pub use rdf::{Dataset, Literal, Quad, Term, RDF_LANG_STRING, XSD_STRING};
pub use view::JsonView;
