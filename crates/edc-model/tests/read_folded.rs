//! A sealed credential read once for a verifier (`Document::read_folded`): its model is the one
//! the text gives, on every EU sealed sample, and a node the payload writes many times is read
//! once and shared.

use edc_model::{Document, OneOrMany, Ref};
use edc_testkit::shared_dir;

fn sealed_samples(shared: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for folder in ["elm-2023", "elm-support-2024"] {
        let dir = shared.join("europass/samples").join(folder);
        for entry in std::fs::read_dir(dir).unwrap().flatten() {
            let path = entry.path();
            if path.to_string_lossy().ends_with("-signed.jsonld") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

#[test]
fn the_folded_reading_gives_the_model_the_text_gives() {
    let Some(shared) = shared_dir() else { return };
    let mut folded_read = 0;
    for file in sealed_samples(&shared) {
        let bytes = std::fs::read(&file).unwrap();
        let (document, folded) = Document::read_folded(&bytes).unwrap();
        assert_eq!(
            document,
            Document::from_slice(&bytes).unwrap(),
            "{}",
            file.display()
        );
        if let Some(folded) = folded {
            let Document::Sealed(sealed) = &document else {
                panic!("{}: a folded reading of a sealed file", file.display())
            };
            let written: serde_json::Value = serde_json::from_str(&sealed.payload).unwrap();
            assert_eq!(folded.to_value(), written, "{}", file.display());
            folded_read += 1;
        }
    }
    assert!(folded_read >= 6, "{folded_read}");
}

/// The transcript's achievements are awarded by one awarding process, written out in full in
/// each: read folded, they share one node; read from the text, each has its own.
#[test]
fn a_node_written_many_times_is_read_once() {
    let Some(shared) = shared_dir() else { return };
    let file =
        shared.join("europass/samples/elm-support-2024/Sample-TranscriptOfRecords-signed.jsonld");
    let bytes = std::fs::read(file).unwrap();
    let processes = |document: &Document| {
        let subject = document.credential().unwrap().subject().unwrap();
        let Some(OneOrMany::One(Ref::Node(claim))) = &subject.has_claim else {
            panic!("one claim, written out")
        };
        let edc_model::Claim::Achievement(achievement) = &**claim else {
            panic!("an achievement")
        };
        let mut processes = Vec::new();
        for part in achievement.has_part.iter().flat_map(|p| p.iter()) {
            for process in part
                .node()
                .unwrap()
                .awarded_by
                .iter()
                .flat_map(|a| a.iter())
            {
                let Ref::Node(process) = process else {
                    panic!("written out")
                };
                processes.push(process.clone());
            }
        }
        processes
    };
    let folded = processes(&Document::read_folded(&bytes).unwrap().0);
    let text = processes(&Document::from_slice(&bytes).unwrap());
    assert!(folded.len() >= 10, "{}", folded.len());
    assert_eq!(folded, text);
    assert!(folded.iter().all(|p| std::sync::Arc::ptr_eq(p, &folded[0])));
    assert!(!text
        .iter()
        .skip(1)
        .any(|p| std::sync::Arc::ptr_eq(p, &text[0])));
}

/// A payload that writes a member twice (JSON leaves it to the reader which one counts) is read
/// by `read_folded` exactly as `from_slice` reads it: never a model the text reading refuses.
#[test]
fn a_member_written_twice_is_read_as_from_slice_reads_it() {
    // A node written twice three objects deep (something to fold), and `validFrom` twice.
    let org = r#"{"id": "urn:org:1", "type": "Organisation", "legalName": {"en": "Org"}}"#;
    let claim = |i: u8| {
        format!(
            r#"{{"id": "urn:a:{i}", "type": "LearningAchievement", "awardedBy": {{"id": "urn:p:{i}", "type": "AwardingProcess", "awardingBody": {org}}}}}"#
        )
    };
    let subject = format!(
        r#"{{"id": "did:example:b", "type": "Person", "hasClaim": [{}, {}]}}"#,
        claim(1),
        claim(2)
    );
    for dates in [
        r#""validFrom": "2020-01-01T00:00:00Z""#,
        r#""validFrom": "2020-01-01T00:00:00Z", "validFrom": "2030-01-01T00:00:00Z""#,
    ] {
        let payload = format!(
            r#"{{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"], "issuer": "did:example:a", {dates}, "credentialSubject": {subject}}}"#
        );
        let sealed = serde_json::json!({
            "payload": payload,
            "signatures": [{"protected": "eyJhbGciOiJSUzI1NiJ9", "signature": "AAAA"}],
        });
        let bytes = sealed.to_string().into_bytes();
        let text = Document::from_slice(&bytes).map_err(|e| e.to_string());
        let folded = Document::read_folded(&bytes)
            .map(|(document, _)| document)
            .map_err(|e| e.to_string());
        assert_eq!(folded, text, "{dates}");
    }
}
