//! Contexts that name each other through scoped contexts, ten terms per context, six contexts
//! deep: checking each scoped context when its term is defined (JSON-LD 1.1, 4.2.2) would load
//! a million contexts if every check started counting afresh. The remote contexts one
//! processing loads are counted across the checks, so the document is refused quickly.

use edc_context::{DocumentLoader, ErrorCode, JsonLdProcessor, ToRdfOptions};
use serde_json::json;

#[test]
fn scoped_contexts_naming_each_other_are_bounded() {
    let dir = std::env::temp_dir().join(format!("edc-hostile-contexts-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let mut loader = DocumentLoader::new().without_bundled();
    let depth = 6;
    for level in 0..depth {
        let mut terms = serde_json::Map::new();
        for t in 0..10 {
            let mut term = json!({"@id": format!("http://example.org/t{level}_{t}")});
            if level + 1 < depth {
                term["@context"] = json!(format!("https://example.org/ctx{}", level + 1));
            }
            terms.insert(format!("t{t}"), term);
        }
        let path = dir.join(format!("ctx{level}.jsonld"));
        std::fs::write(&path, json!({"@context": terms}).to_string()).unwrap();
        loader = loader.with_file(format!("https://example.org/ctx{level}"), path);
    }
    let processor = JsonLdProcessor::new(loader);
    let document = json!({"@context": "https://example.org/ctx0", "t0": "x"});
    let result = processor.to_rdf(&document, &ToRdfOptions::lenient());
    std::fs::remove_dir_all(&dir).ok();
    let error = result.expect_err("a million context loads are refused");
    assert!(
        matches!(
            error.code(),
            ErrorCode::ContextOverflow | ErrorCode::InvalidScopedContext
        ),
        "{error}"
    );
    assert!(
        error.to_string().contains("more than 1000 remote contexts"),
        "{error}"
    );
}
