//! Contexts built to exhaust a processor: forty contexts, each listing the next one twice,
//! would be processed 2^40 times without a bound. The conversion must end with an error that
//! names the problem, without working through them all.

use edc_context::{DocumentLoader, JsonLdProcessor, ToRdfOptions};
use serde_json::json;

#[test]
fn contexts_that_import_each_other_twice_over_are_refused() {
    let dir = std::env::temp_dir().join(format!("edc-context-bomb-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut loader = DocumentLoader::new();
    for level in 0..40 {
        let iri = format!("https://example.org/bomb/{level}");
        let context = if level == 39 {
            json!({"@context": {"name": "https://schema.org/name"}})
        } else {
            let next = format!("https://example.org/bomb/{}", level + 1);
            // Each level adds a term of its own, so no two processings give the same result.
            json!({"@context": [next, next, {format!("t{level}"): format!("https://example.org/t{level}")}]})
        };
        let path = dir.join(format!("{level}.jsonld"));
        std::fs::write(&path, context.to_string()).unwrap();
        loader = loader.with_file(iri, path);
    }
    let processor = JsonLdProcessor::new(loader);
    let document = json!({"@context": "https://example.org/bomb/0", "name": "x"});
    let result = processor.to_rdf(&document, &ToRdfOptions::lenient());
    let error = result.expect_err("a context bomb must be refused");
    assert!(error.to_string().contains("remote contexts"), "{error}");
    std::fs::remove_dir_all(&dir).unwrap();
}
