//! Data Integrity through the verifier: every signed W3C vector (eddsa-rdfc-2022,
//! eddsa-jcs-2022, Ed25519Signature2020, ecdsa-rdfc-2019 and ecdsa-jcs-2019 on P-256 and P-384,
//! proof sets and chains) and the citizenship examples signed by another implementation pass the
//! integrity check; the Data Integrity assertion suite's inputs pass or fail as their names say.

use edc_context::DocumentLoader;
use edc_testkit::{files_in, shared_path};
use edc_verifier::{CheckName, Outcome, Verdict, Verifier};
use std::path::PathBuf;

fn verifier(vectors: &std::path::Path) -> Verifier {
    let loader = edc_testkit::citizenship_contexts(vectors)
        .into_iter()
        .fold(DocumentLoader::new(), |l, (iri, file)| {
            l.with_file(iri, file)
        });
    Verifier::builder().loader(loader).build()
}

fn integrity(verifier: &Verifier, file: &PathBuf) -> Outcome {
    verifier
        .verify(&std::fs::read(file).unwrap())
        .get(CheckName::Integrity)
        .unwrap()
        .clone()
}

#[test]
fn signed_vectors_and_other_implementations_documents_pass_integrity() {
    let Some(vectors) = shared_path("vectors") else {
        return;
    };
    let verifier = verifier(&vectors);
    let mut files = files_in(
        &vectors.join("w3c-ccg+citizenship-vocab/examples"),
        &["-signed.jsonld"],
    );
    for dir in [
        "w3c+vc-di-eddsa/TestVectors/eddsa-rdfc-2022",
        "w3c+vc-di-eddsa/TestVectors/eddsa-jcs-2022",
        "w3c+vc-di-eddsa/TestVectors/Ed25519Signature2020",
        "w3c+vc-di-eddsa/TestVectors/proof-set-chain",
        "w3c+vc-di-ecdsa/TestVectors/ecdsa-rdfc-2019-p256",
        "w3c+vc-di-ecdsa/TestVectors/ecdsa-rdfc-2019-p384",
        "w3c+vc-di-ecdsa/TestVectors/ecdsa-jcs-2019-p256",
        "w3c+vc-di-ecdsa/TestVectors/ecdsa-jcs-2019-p384",
    ] {
        files.extend(
            files_in(&vectors.join(dir), &[".json"])
                .into_iter()
                .filter(|f| {
                    f.file_name()
                        .unwrap()
                        .to_str()
                        .unwrap()
                        .starts_with("signed")
                }),
        );
    }
    eprintln!("{} signed documents", files.len());
    assert!(files.len() >= 16, "{files:?}");
    let wrong: Vec<String> = files
        .iter()
        .filter_map(|f| match integrity(&verifier, f) {
            Outcome::Ok(_) => None,
            other => Some(format!("{}: {other:?}", f.display())),
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn assertion_suite_inputs_pass_or_fail_as_named() {
    let Some(dir) =
        shared_path("vectors/w3c-ccg+data-integrity-test-suite-assertion/inputs/eddsa-rdfc-2022")
    else {
        return;
    };
    let verifier = Verifier::builder().build();
    let files = files_in(&dir, &[".json"]);
    assert!(files.len() >= 12);
    let mut wrong = Vec::new();
    for file in &files {
        let name = file.file_name().unwrap().to_str().unwrap();
        let expect_ok = name.contains("Ok-");
        assert!(expect_ok || name.contains("Fail-"), "{name}");
        let report = verifier.verify(&std::fs::read(file).unwrap());
        let integrity = report.get(CheckName::Integrity).unwrap();
        let unreadable = report
            .get(CheckName::Format)
            .is_some_and(|f| f.reason().starts_with("the document cannot be read"));
        match (integrity, expect_ok) {
            (Outcome::Ok(_), true) | (Outcome::Failed(_), false) => {}
            // A proof the model cannot even read (previousProof a number) is rejected whole.
            (Outcome::Skipped(_), false) if unreadable && report.verdict() == Verdict::Failed => {}
            (other, _) => wrong.push(format!("{name}: {other:?}")),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
