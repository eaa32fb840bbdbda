//! JSON-LD documents (contexts inline or bundled) expanded and to RDF, then RDFC-1.0.
#![no_main]

use edc_context::{canonicalize, CanonOptions, JsonLdProcessor, ToRdfOptions};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fuzz_target!(|data: &[u8]| {
    static PROCESSOR: OnceLock<JsonLdProcessor> = OnceLock::new();
    let Ok(document) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let processor = PROCESSOR.get_or_init(JsonLdProcessor::default);
    let based = ToRdfOptions::lenient().with_base("https://example.org/a/b?c#d");
    for options in [ToRdfOptions::lenient(), ToRdfOptions::strict(), based] {
        if let Ok(rdf) = processor.to_rdf(&document, &options) {
            let _ = canonicalize(&rdf.dataset, CanonOptions::default());
        }
        let _ = processor.expand(&document, &options);
    }
    // A folded reading gives the same dataset as the plain one, and its view the same JSON.
    if let Ok(folded) = edc_context::FoldedJson::parse(std::str::from_utf8(data).unwrap_or("")) {
        assert_eq!(folded.to_value(), document);
        assert_eq!(folded.view().to_value(), document);
        let options = ToRdfOptions::lenient();
        if let (Ok(a), Ok(b)) = (
            processor.to_rdf(&document, &options),
            processor.to_rdf_folded(&folded, &options),
        ) {
            assert_eq!(a.dataset, b.dataset);
        }
    }
});
