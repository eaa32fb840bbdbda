//! Terms and IRIs whose first or last character takes more than one byte (found by the
//! `jsonld` fuzz target: a term starting with U+0080 made the processor slice inside a
//! character and panic). Each document converts or is refused; none panics.

use edc_context::{JsonLdProcessor, ToRdfOptions};
use serde_json::json;

#[test]
fn terms_with_multibyte_edges_never_panic() {
    let processor = JsonLdProcessor::default();
    let odd = [
        "\u{80}",
        "\u{80}:x",
        "é:é",
        "x:\u{80}",
        "\u{10348}a\u{10348}",
        "ü",
        ":",
    ];
    for term in odd {
        for document in [
            json!({"@context": {"ex": "http://example.org/"}, term: "value"}),
            json!({"@context": {term: "http://example.org/p"}, term: "value"}),
            json!({"@context": {term: {"@id": "ex:p", "@type": ["ex:a", "ex:b"]}}, term: "value"}),
            json!({"@context": {term: {"@id": format!("{term}:p")}}, term: "value"}),
            json!({"@context": {"ex": "http://example.org/"}, "@id": term, "ex:p": {"@id": term}}),
            json!({"@context": {"@vocab": "http://example.org/"}, "@type": term, term: {"@type": term, "@value": "v"}}),
        ] {
            for options in [ToRdfOptions::lenient(), ToRdfOptions::strict()] {
                let _ = processor.to_rdf(&document, &options);
            }
        }
    }
}
