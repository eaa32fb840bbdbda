//! The canonical forms in the W3C Data Integrity test vectors (eddsa and ecdsa suites): the
//! unsigned documents and the proof configurations, canonicalized by us, equal the vector files
//! byte for byte (modulo the final newline). These documents use the VC 2.0 context, with its
//! `@vocab`, protected terms and scoped contexts.

use edc_context::{
    canonicalize, CanonOptions, DocumentLoader, HashAlgorithm, JsonLdProcessor, ToRdfOptions,
};
use edc_testkit::{files_in, shared_path};
use serde_json::Value;
use std::path::Path;

fn canonical(processor: &JsonLdProcessor, path: &Path, hash: HashAlgorithm) -> String {
    let document: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let rdf = processor
        .to_rdf(&document, &ToRdfOptions::strict())
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    canonicalize(&rdf.dataset, CanonOptions::default().with_hash(hash))
        .unwrap()
        .nquads
}

fn starting_with<'a>(files: &'a [std::path::PathBuf], prefix: &str) -> &'a std::path::PathBuf {
    files
        .iter()
        .find(|f| f.file_name().unwrap().to_str().unwrap().starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix}* file"))
}

#[test]
fn canonical_documents_and_proof_configurations() {
    let Some(vectors) = shared_path("vectors") else {
        return;
    };
    // The employment vectors use the citizenship context, which the vectors folder carries.
    let loader = edc_testkit::citizenship_contexts(&vectors)
        .into_iter()
        .fold(DocumentLoader::new(), |l, (iri, file)| {
            l.with_file(iri, file)
        });
    let processor = JsonLdProcessor::new(loader);
    let suites = [
        (
            "w3c+vc-di-eddsa/TestVectors",
            "eddsa-rdfc-2022",
            HashAlgorithm::Sha256,
        ),
        (
            "w3c+vc-di-eddsa/TestVectors",
            "Ed25519Signature2020",
            HashAlgorithm::Sha256,
        ),
        (
            "w3c+vc-di-ecdsa/TestVectors",
            "ecdsa-rdfc-2019-p256",
            HashAlgorithm::Sha256,
        ),
        (
            "w3c+vc-di-ecdsa/TestVectors",
            "ecdsa-rdfc-2019-p384",
            HashAlgorithm::Sha384,
        ),
    ];
    let mut checked = 0;
    for (root, suite, hash) in suites {
        let root = vectors.join(root);
        for (dir, input) in [
            (root.join(suite), "unsigned.json"),
            (root.join(suite).join("employ"), "employmentAuth.json"),
        ] {
            if !dir.is_dir() {
                continue;
            }
            let files = files_in(&dir, &[".txt", ".json"]);
            let expected_doc = std::fs::read_to_string(starting_with(&files, "canonDoc")).unwrap();
            assert_eq!(
                canonical(&processor, &root.join(input), hash),
                format!("{}\n", expected_doc.trim_end()),
                "{suite} {input}"
            );
            let expected_proof =
                std::fs::read_to_string(starting_with(&files, "proofCanon")).unwrap();
            assert_eq!(
                canonical(&processor, starting_with(&files, "proofConfig"), hash),
                format!("{}\n", expected_proof.trim_end()),
                "{suite} proof configuration"
            );
            checked += 2;
        }
    }
    eprintln!("{checked} canonical forms compared");
    assert!(checked >= 12, "only {checked} canonical forms found");
}
