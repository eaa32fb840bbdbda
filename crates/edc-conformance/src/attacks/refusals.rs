//! Refusal cases: hostile inputs that must end in a clear error, not a yes, a crash or an
//! exhausted machine.

use crate::runner::{CaseOutcome, CaseResult, Mismatch};
use edc_context::{
    canonicalize, CanonOptions, Dataset, DocumentLoader, JsonLdProcessor, Quad, Term, ToRdfOptions,
};
use edc_verifier::{CheckName, Outcome, Verifier};
use serde_json::json;
use std::path::Path;

pub(super) fn run() -> Vec<CaseResult> {
    let dir = std::env::temp_dir().join(format!("edc-attacks-{}", std::process::id()));
    let made = std::fs::create_dir_all(&dir).map_err(|e| e.to_string());
    let in_dir = |f: fn(&Path) -> Result<(), String>| made.clone().and_then(|()| f(&dir));
    let cases = vec![
        refusal(
            "unsigned-trusted-list",
            "issue 17 #5, ETSI TS 119 612 §5.7: a trusted list without a signature naming a CA as a granted QC service makes no anchor",
            unsigned_trusted_list(),
        ),
        refusal(
            "xlsx-cell-at-xfd1048576",
            "issue 17 #8: a 1.5 KB XLSX naming its last cell is read cell by cell (a dense range would be 17 billion cells)",
            in_dir(super::spreadsheets::far_cell),
        ),
        refusal(
            "xlsx-zip-bomb",
            "issue 17 #8: an XLSX unpacking to more than the cap is refused before it is unpacked",
            in_dir(super::spreadsheets::bomb),
        ),
        refusal(
            "xls-cell-at-iv65536",
            "issue 17 #8: a tiny XLS with cells at A1 and IV65536 (a dense range of 16.7 million cells) is refused from its cell records before the reader opens it",
            in_dir(super::spreadsheets::xls_far_cell),
        ),
        refusal(
            "ods-repeated-cells",
            "issue 17 #8: an ODS whose one cell is repeated a billion times across and down is refused before it is expanded",
            in_dir(super::spreadsheets::ods_repeats),
        ),
        refusal(
            "rdfc-poison-graph",
            "issue 17 #9, RDFC-1.0 §4.4 (poison graphs): a complete graph of 10 blank nodes needs 10! permutations; the work bound stops it",
            poison_graph(),
        ),
        refusal(
            "large-document-with-a-bogus-proof",
            "issue 17 #9: a 1.1 MB credential with 45 000 blank nodes (under the size caps) and a proof that does not verify is refused within the work bound",
            large_bogus_proof(),
        ),
        refusal(
            "oversized-document",
            "issue 17 #9: a document over the size limit is refused before it is parsed",
            oversized(),
        ),
        refusal(
            "context-import-bomb",
            "issue 17 #10: forty contexts each listing the next twice (2^40 processings) end in an error",
            in_dir(context_bomb),
        ),
        refusal(
            "unsigned-credential-names-a-status-list",
            "issue 17 #11: an unsigned credential naming a status list never makes the verifier fetch it, even with the network allowed (a loopback server this case set up counts the requests)",
            unsigned_cannot_fetch(),
        ),
        refusal(
            "malformed-secret-key-not-echoed",
            "issue 17 #12: an error about a malformed secretKeyMultibase never quotes the value",
            secret_not_echoed(),
        ),
        refusal(
            "local-address-spellings",
            "issue 17 #12: IPv4-compatible, NAT64 and 6to4 spellings of loopback and private addresses, benchmarking and reserved ranges are local",
            local_spellings(),
        ),
    ];
    let _ = std::fs::remove_dir_all(&dir);
    cases
}

fn unsigned_trusted_list() -> Result<(), String> {
    let xml = r#"<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#"><SchemeInformation><SchemeTerritory>IE</SchemeTerritory></SchemeInformation><TrustServiceProviderList><TrustServiceProvider><TSPServices><TSPService><ServiceInformation><ServiceTypeIdentifier>http://uri.etsi.org/TrstSvc/Svctype/CA/QC</ServiceTypeIdentifier><ServiceName><Name>Anyone</Name></ServiceName><ServiceDigitalIdentity><DigitalId><X509Certificate>MIIB</X509Certificate></DigitalId></ServiceDigitalIdentity><ServiceStatus>http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted</ServiceStatus></ServiceInformation></TSPService></TSPServices></TrustServiceProvider></TrustServiceProviderList></TrustServiceStatusList>"#;
    let signers = edc_seal::ListSigners {
        lotl: None,
        direct: vec![vec![0u8; 4]],
    };
    match edc_seal::TrustStore::new().add_trusted_list(xml, &signers) {
        Err(e)
            if e.kind() == edc_seal::SealErrorKind::TrustedList
                && e.message().contains("not signed") =>
        {
            Ok(())
        }
        Err(e) => Err(format!("refused, but with another error: {e}")),
        Ok(n) => Err(format!("accepted: {n} anchors")),
    }
}

fn poison_graph() -> Result<(), String> {
    let blank = |i: usize| Term::Blank(format!("b{i}").into());
    let mut dataset = Dataset::default();
    for i in 0..10 {
        for j in 0..10 {
            if i != j {
                dataset.quads.push(Quad {
                    subject: blank(i),
                    predicate: "http://example.org/p".into(),
                    object: blank(j),
                    graph: None,
                });
            }
        }
    }
    match canonicalize(&dataset, CanonOptions::default()) {
        Err(e) if e.to_string().contains("canonicalization refused") => Ok(()),
        Err(e) => Err(format!("refused, but with another error: {e}")),
        Ok(_) => Err("canonicalized".into()),
    }
}

fn large_bogus_proof() -> Result<(), String> {
    let subjects: Vec<_> = (0..45_000)
        .map(|i| json!({"name": format!("learner {i}")}))
        .collect();
    let document = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
        "credentialSubject": subjects,
        "proof": {
            "type": "DataIntegrityProof",
            "cryptosuite": "eddsa-rdfc-2022",
            "verificationMethod": "did:key:z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK#z6MkhaXgBZDvotDkL5257faiztiGiC2QtKLGpbnnEGta2doK",
            "proofPurpose": "assertionMethod",
            "proofValue": "z3FXQjecWufY46yg5abdVZsXqLhxhueuSoZgNSARiKBk9czhSePTFehP8c3PGfb6a22gkfUKKiZt7DCaGHNWq6MEq"
        }
    })
    .to_string();
    if document.len() < 1_000_000 || document.len() > 1_500_000 {
        return Err(format!("only {} bytes", document.len()));
    }
    let report = Verifier::builder().build().verify(document.as_bytes());
    match report.get(CheckName::Integrity) {
        Some(Outcome::Failed(_)) | Some(Outcome::Skipped(_)) => Ok(()),
        other => Err(format!("integrity: {other:?}")),
    }
}

fn oversized() -> Result<(), String> {
    let limit = 1 << 20;
    let document = format!("{{\"padding\": \"{}\"}}", " ".repeat(limit));
    let report = Verifier::builder()
        .max_document_bytes(limit)
        .build()
        .verify(document.as_bytes());
    match report.get(CheckName::Format) {
        Some(Outcome::Failed(why)) if why.contains("max_document_bytes") => Ok(()),
        other => Err(format!("format: {other:?}")),
    }
}

fn context_bomb(dir: &Path) -> Result<(), String> {
    let mut loader = DocumentLoader::new();
    for level in 0..40 {
        let iri = format!("https://example.org/bomb/{level}");
        let context = if level == 39 {
            json!({"@context": {"name": "https://schema.org/name"}})
        } else {
            let next = format!("https://example.org/bomb/{}", level + 1);
            // A term of its own at each level: no two processings give the same result.
            json!({"@context": [next, next, {format!("t{level}"): format!("https://example.org/t{level}")}]})
        };
        let path = dir.join(format!("context-{level}.jsonld"));
        std::fs::write(&path, context.to_string()).map_err(|e| e.to_string())?;
        loader = loader.with_file(iri, path);
    }
    let document = json!({"@context": "https://example.org/bomb/0", "name": "x"});
    match JsonLdProcessor::new(loader).to_rdf(&document, &ToRdfOptions::lenient()) {
        Err(e) if e.to_string().contains("remote contexts") => Ok(()),
        Err(e) => Err(format!("refused, but with another error: {e}")),
        Ok(_) => Err("converted".into()),
    }
}

fn local_spellings() -> Result<(), String> {
    let missed: Vec<&str> = [
        "::127.0.0.1",
        "::ffff:10.0.0.1",
        "64:ff9b::7f00:1",
        "64:ff9b::a9fe:a9fe",
        "2002:7f00:1::",
        "2002:a9fe:a9fe::",
        "198.18.0.1",
        "240.0.0.1",
        "0.0.0.1",
    ]
    .into_iter()
    .filter(|a| !a.parse().is_ok_and(edc_context::is_local_address))
    .collect();
    if missed.is_empty() {
        Ok(())
    } else {
        Err(format!("not recognised as local: {}", missed.join(", ")))
    }
}

/// Serves `body` on a loopback port until dropped; returns its URL and a request count.
fn serve_once(
    body: &'static str,
) -> Result<(String, std::sync::Arc<std::sync::atomic::AtomicUsize>), String> {
    use std::io::{Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let url = format!(
        "http://{}/status/1",
        listener.local_addr().map_err(|e| e.to_string())?
    );
    let count = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let served = count.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten().take(4) {
            let mut stream = stream;
            served.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut request = [0u8; 4096];
            let _ = stream.read(&mut request);
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
    });
    Ok((url, count))
}

fn unsigned_cannot_fetch() -> Result<(), String> {
    let (url, count) = serve_once("{}")?;
    let credential = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "issuer": "did:example:issuer",
        "credentialSubject": {"id": "did:example:learner"},
        "credentialStatus": {
            "type": "BitstringStatusListEntry",
            "statusPurpose": "revocation",
            "statusListIndex": "7",
            "statusListCredential": url,
        }
    });
    let policy = edc_context::NetworkPolicy::new()
        .allow_plain_http()
        .dangerous()
        .allow_local_addresses();
    let report = Verifier::builder()
        .status_lists(edc_verifier::StatusLists::new().allow_network(policy))
        .build()
        .verify(credential.to_string().as_bytes());
    let requests = count.load(std::sync::atomic::Ordering::SeqCst);
    match (report.get(CheckName::Status), requests) {
        (Some(Outcome::Skipped(_)), 0) => Ok(()),
        (status, n) => Err(format!("{n} request(s) made; status {status:?}")),
    }
}

fn secret_not_echoed() -> Result<(), String> {
    let secret = "zNOT-BASE58-0OIl-the-secret-itself";
    match edc_did::KeyPair::from_secret_multikey(secret) {
        Ok(_) => Err("read as a key".into()),
        Err(e) if e.to_string().contains("the-secret-itself") => {
            Err(format!("the error quotes the secret: {e}"))
        }
        Err(_) => Ok(()),
    }
}

/// A refusal case's result: `refused` is Ok when the input was refused as it must be, Err with
/// what happened instead.
fn refusal(id: &str, source: &str, refused: Result<(), String>) -> CaseResult {
    CaseResult {
        id: id.into(),
        source: source.into(),
        outcome: match refused {
            Ok(()) => CaseOutcome::Passed,
            Err(what) => CaseOutcome::Failed(vec![Mismatch {
                check: "refusal".into(),
                expected: "refused".into(),
                actual: "accepted or another error".into(),
                reason: what,
            }]),
        },
        checks: Vec::new(),
        verdict: None,
    }
}
