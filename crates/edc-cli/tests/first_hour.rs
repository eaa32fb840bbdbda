//! The first hour with `edc`, as a new user lives it (issue 21): nothing a user made is
//! overwritten unasked, a key that does not belong to the certificate is refused before anything
//! is written, `validate` with nothing to validate says so (exit 2), a reader that goes away
//! ends a command quietly (exit 0), and a credential with a proof is not called unsigned.

use edc_testkit::{shared_path, workspace_root};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Output, Stdio};

mod common;
use common::{edc, temp, text};

fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| {
            (
                e.file_name().to_string_lossy().into_owned(),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn convert_never_overwrites_signed_credentials_unasked() {
    let examples = workspace_root().join("examples/provider-export");
    let dir = temp("convert");
    let (key, out) = (dir.join("issuer-key.json"), dir.join("credentials"));
    assert!(edc(&["keygen", "--out", key.to_str().unwrap()])
        .status
        .success());
    let input = examples.join("learners-with-errors.csv");
    let mapping = examples.join("mapping.toml");
    let convert = |extra: &[&str]| {
        let mut args = vec![
            "convert",
            input.to_str().unwrap(),
            "--mapping",
            mapping.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        edc(&args)
    };
    convert(&["--key", key.to_str().unwrap()]);
    let signed = contents(&out);
    assert_eq!(signed.len(), 2, "{signed:?}");
    assert!(signed
        .iter()
        .all(|(_, bytes)| text(bytes).contains("\"proof\"")));
    // The README's second line, unsigned, into the same folder: the signed files stay.
    let again = convert(&[]);
    assert_ne!(again.status.code(), Some(0));
    assert_eq!(contents(&out), signed);
    let said = format!("{}{}", text(&again.stdout), text(&again.stderr));
    assert!(
        said.contains("exists") && said.contains("--overwrite"),
        "{said}"
    );
    // Asked: replaced.
    let forced = convert(&["--overwrite"]);
    assert_eq!(forced.status.code(), Some(1), "the bad rows are still bad");
    assert!(contents(&out)
        .iter()
        .all(|(_, bytes)| !text(bytes).contains("\"proof\"")));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn seal_refuses_a_key_that_is_not_the_certificates() {
    use edc_testkit::pki::{make_pki, make_seal_naming, pki_available};
    let Some(sample) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")
    else {
        return;
    };
    if !pki_available() {
        return;
    }
    let dir = temp("seal");
    make_pki(&dir, true);
    make_seal_naming(&dir, "other", "VATES-B00000000");
    let path = |name: &str| dir.join(name).to_string_lossy().to_string();
    let output = edc(&[
        "seal",
        sample.to_str().unwrap(),
        "--key",
        &path("other.key"),
        "--cert",
        &path("seal.pem"),
        "--out",
        &path("sealed.json"),
    ]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
    assert!(text(&output.stderr).contains("does not belong to the certificate"));
    assert!(!dir.join("sealed.json").exists());
    // The matching pair seals.
    let output = edc(&[
        "seal",
        sample.to_str().unwrap(),
        "--key",
        &path("seal.key"),
        "--cert",
        &path("seal.pem"),
        "--out",
        &path("sealed.json"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    // The issuer filled in from the certificate (with its location, as the EU's sealer does)
    // conforms to the official profile.
    if let Some(shapes) = shared_path("europass/shacl") {
        let output = edc(&[
            "validate",
            "--shapes",
            shapes.to_str().unwrap(),
            &path("sealed.json"),
        ]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}{}",
            text(&output.stdout),
            text(&output.stderr)
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn validate_with_nothing_to_validate_could_not_validate() {
    let dir = temp("validate");
    let cases = [
        (
            "no-context.json",
            r#"{"type": ["VerifiableCredential", "EuropeanDigitalCredential"], "id": "urn:x"}"#,
        ),
        (
            "not-edc.json",
            r#"{"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["VerifiableCredential"], "issuer": "did:example:1", "credentialSubject": {"id": "did:example:2"}}"#,
        ),
    ];
    for (name, body) in cases {
        let file = dir.join(name);
        std::fs::write(&file, body).unwrap();
        let output = edc(&["validate", file.to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{name}: {}{}",
            text(&output.stdout),
            text(&output.stderr)
        );
        assert!(
            text(&output.stderr).contains("could not validate"),
            "{name}"
        );
        assert!(!text(&output.stdout).contains("conforms"), "{name}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// Runs `edc args…`, reads one line, closes the pipe.
fn first_line_then_close(args: &[&str]) -> (String, Output) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_edc"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    (first, child.wait_with_output().unwrap())
}

#[test]
fn a_closed_pipe_ends_every_printing_command_quietly() {
    let Some(sample) =
        shared_path("europass/samples/elm-support-2024/Sample-TranscriptOfRecords-signed.jsonld")
    else {
        return;
    };
    let sample = sample.to_str().unwrap();
    for args in [
        vec!["rdf", sample],
        vec!["inspect", "--json", sample],
        vec!["verify", "--json", sample],
        vec!["verify-seal", "--json", sample],
        vec!["trust", "list", "--json", sample],
        vec!["convert", "--to", "ob3", sample],
    ] {
        let (first, output) = first_line_then_close(&args);
        let stderr = text(&output.stderr);
        assert!(!first.is_empty(), "{args:?}");
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        // Exit 0 for a closed pipe; verify and verify-seal keep their verdict's code when they
        // finished writing before the pipe closed.
        assert!(
            output.status.code().is_some() && !stderr.contains("Broken pipe"),
            "{args:?}: {:?} {stderr}",
            output.status
        );
    }
}

#[test]
fn a_credential_with_a_proof_is_not_called_unsigned() {
    let Some(vectors) = shared_path("vectors/w3c+vc-di-eddsa/TestVectors/eddsa-rdfc-2022") else {
        return;
    };
    let signed = vectors.join("signedDataInt.json");
    let output = edc(&["inspect", signed.to_str().unwrap()]);
    let out = text(&output.stdout);
    assert!(!out.contains("unsigned"), "{out}");
    assert!(out.contains("Data Integrity proof"), "{out}");
}

#[test]
fn sign_refuses_a_credential_it_cannot_be_the_issuer_of_and_never_overwrites() {
    let dir = temp("sign");
    let key = dir.join("key.json");
    assert!(edc(&["keygen", "--out", key.to_str().unwrap()])
        .status
        .success());
    let did = {
        // Piped, `did` prints the DID document.
        let output = edc(&["did", key.to_str().unwrap()]);
        let document: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        document["id"].as_str().expect("the DID").to_string()
    };
    let credential = |issuer: Option<&str>| {
        let mut c = serde_json::json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiableCredential"],
            "credentialSubject": {"id": "did:example:learner"},
        });
        if let Some(issuer) = issuer {
            c["issuer"] = serde_json::json!(issuer);
        }
        c
    };
    let (none, other) = (dir.join("none.json"), dir.join("other.json"));
    std::fs::write(&none, credential(None).to_string()).unwrap();
    std::fs::write(
        &other,
        credential(Some("did:example:university")).to_string(),
    )
    .unwrap();
    let out = dir.join("signed.json");
    let sign = |file: &Path, extra: &[&str]| {
        let mut args = vec![
            "sign",
            file.to_str().unwrap(),
            "--key",
            key.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        edc(&args)
    };
    for file in [&none, &other] {
        let output = sign(file, &[]);
        assert_eq!(output.status.code(), Some(2), "{}", text(&output.stderr));
        assert!(
            text(&output.stderr).contains("--set-issuer"),
            "{}",
            text(&output.stderr)
        );
        assert!(!out.exists());
    }
    let output = sign(&other, &["--set-issuer"]);
    assert_eq!(output.status.code(), Some(0), "{}", text(&output.stderr));
    let signed: serde_json::Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(signed["issuer"], did.as_str());
    let before = std::fs::read(&out).unwrap();
    // The signed file is not replaced unasked.
    let again = sign(&other, &["--set-issuer"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("--force"));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    assert_eq!(
        sign(&other, &["--set-issuer", "--force"]).status.code(),
        Some(0)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn files_of_other_kinds_are_named_for_what_they_are() {
    let dir = temp("sniff");
    let cases: [(&str, &[u8], &str); 5] = [
        ("credential.pdf", b"%PDF-1.7\n%...", "PDF"),
        (
            "credential.xml",
            b"<?xml version=\"1.0\"?><europassCredential/>",
            "XML",
        ),
        ("data.ttl", b"@prefix ex: <http://example.org/> .", "Turtle"),
        ("export.xlsx", b"PK\x03\x04rest", "ZIP"),
        ("badge.png", b"\x89PNG\r\n\x1a\n", "image"),
    ];
    for (name, bytes, kind) in cases {
        let file = dir.join(name);
        std::fs::write(&file, bytes).unwrap();
        for command in ["inspect", "verify"] {
            let output = edc(&[command, file.to_str().unwrap()]);
            let stderr = text(&output.stderr);
            assert_eq!(output.status.code(), Some(2), "{command} {name}: {stderr}");
            assert!(
                stderr.contains(kind) && stderr.contains("edc reads"),
                "{command} {name}: {stderr}"
            );
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn completions_and_the_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let output = edc(&["completions", shell]);
        assert!(output.status.success(), "{shell}");
        assert!(text(&output.stdout).contains("verify-seal"), "{shell}");
    }
    let man = edc(&["man"]);
    assert!(man.status.success());
    assert!(text(&man.stdout).starts_with(".ie") || text(&man.stdout).contains(".TH edc 1"));
}

#[test]
fn convert_says_file_wide_problems_once_and_row_errors_on_stderr() {
    let examples = workspace_root().join("examples/provider-export");
    let mapping = examples.join("mapping.toml");
    let csv = std::fs::read_to_string(examples.join("learners.csv")).unwrap();
    let dir = temp("file-wide");
    let out = dir.join("out");
    let convert = |input: &Path, extra: &[&str]| {
        let mut args = vec![
            "convert",
            input.to_str().unwrap(),
            "--mapping",
            mapping.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ];
        args.extend(extra);
        edc(&args)
    };
    let renamed = dir.join("renamed.csv");
    std::fs::write(&renamed, csv.replacen("family_name", "surname", 1)).unwrap();
    let piped = dir.join("piped.csv");
    std::fs::write(&piped, csv.replace(',', "|")).unwrap();
    for (input, extra, said) in [
        (&renamed, vec![], "family_name"),
        (&piped, vec![], "delimited by `|`"),
        (
            &examples.join("learners.csv"),
            vec!["--shapes", "/nope"],
            "cannot be read from /nope",
        ),
    ] {
        let output = convert(input, &extra);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{said}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{said}: {stderr}");
        assert!(stderr.contains(said), "{said}: {stderr}");
        assert!(
            !out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(),
            "{said}"
        );
    }
    // Row errors go to stderr; the summary to stdout.
    let output = convert(&examples.join("learners-with-errors.csv"), &[]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr).matches("✗ row").count(),
        3,
        "{}",
        text(&output.stderr)
    );
    assert!(!text(&output.stdout).contains("✗"));
    assert!(text(&output.stdout).contains("credential(s) produced"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn conformance_on_an_empty_directory_is_an_error_and_takes_verify_flags() {
    let dir = temp("conformance");
    let output = edc(&["conformance", dir.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2), "{}", text(&output.stdout));
    assert!(text(&output.stderr).contains("nothing was tested"));
    // With the EU's sealed samples and roots exported by edc: the flags verify takes work here.
    if let Some(corpus) = shared_path("europass/samples/elm-support-2024") {
        let roots = dir.join("roots");
        let sample = corpus.join("Sample-JointDegree-signed.jsonld");
        std::fs::copy(&sample, dir.join("joint.jsonld")).unwrap();
        assert!(edc(&[
            "trust",
            "export",
            "--roots-only",
            "--out",
            roots.to_str().unwrap(),
            sample.to_str().unwrap()
        ])
        .status
        .success());
        let without = edc(&["conformance", dir.to_str().unwrap()]);
        let with = edc(&[
            "conformance",
            dir.to_str().unwrap(),
            "--trust",
            roots.to_str().unwrap(),
        ]);
        assert_ne!(text(&without.stdout), text(&with.stdout));
        assert!(
            text(&with.stdout).contains("1 passed"),
            "{}",
            text(&with.stdout)
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn verify_and_inspect_take_several_files_and_keys_export_as_jwk() {
    if let Some(corpus) = shared_path("europass/samples/elm-support-2024") {
        let a = corpus.join("Sample-JointDegree-signed.jsonld");
        let b = corpus.join("Sample-CertOfPart-unsigned.json");
        let output = edc(&["verify", a.to_str().unwrap(), b.to_str().unwrap()]);
        let out = text(&output.stdout);
        assert!(out.contains("2 file(s):"), "{out}");
        assert_ne!(output.status.code(), Some(0));
        let lines = edc(&["verify", "--json", a.to_str().unwrap(), b.to_str().unwrap()]);
        let reports: Vec<serde_json::Value> = text(&lines.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(reports.len(), 2);
        assert!(reports[1]["file"]
            .as_str()
            .unwrap()
            .ends_with("unsigned.json"));
        let output = edc(&["inspect", a.to_str().unwrap(), b.to_str().unwrap()]);
        assert!(
            text(&output.stdout).contains("2 file(s): 2 read"),
            "{}",
            text(&output.stdout)
        );
        let lines = edc(&[
            "inspect",
            "--json",
            a.to_str().unwrap(),
            b.to_str().unwrap(),
        ]);
        let summaries: Vec<serde_json::Value> = text(&lines.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(summaries.len(), 2);
    }
    let dir = temp("jwk");
    let key = dir.join("key.json");
    assert!(
        edc(&["keygen", "--type", "p256", "--out", key.to_str().unwrap()])
            .status
            .success()
    );
    let jwk: serde_json::Value =
        serde_json::from_slice(&edc(&["did", "--jwk", key.to_str().unwrap()]).stdout).unwrap();
    assert_eq!(
        (jwk["kty"].as_str(), jwk["crv"].as_str()),
        (Some("EC"), Some("P-256"))
    );
    assert!(jwk.get("d").is_none(), "the public key only");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_demo_runs_again_in_the_same_folder() {
    let dir = temp("demo");
    let out = dir.join("demo");
    let first = edc(&["demo", "--out", out.to_str().unwrap()]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first.stderr));
    let key = std::fs::read(out.join("issuer-key.json")).unwrap();
    let second = edc(&["demo", "--out", out.to_str().unwrap()]);
    assert_eq!(second.status.code(), Some(0), "{}", text(&second.stderr));
    assert_eq!(std::fs::read(out.join("issuer-key.json")).unwrap(), key);
    let verified = |o: &Output| -> Vec<String> {
        text(&o.stdout)
            .lines()
            .filter(|l| l.contains(".jsonld"))
            .map(str::to_string)
            .collect()
    };
    let (a, b) = (verified(&first), verified(&second));
    let mut sorted = a.clone();
    sorted.sort();
    assert_eq!(a, sorted, "in order");
    assert_eq!(a, b);
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn encrypted_pkcs8_keys_open_with_their_password() {
    use edc_testkit::pki::{make_pki, openssl, pki_available};
    let Some(sample) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")
    else {
        return;
    };
    if !pki_available() {
        return;
    }
    let dir = temp("encrypted");
    make_pki(&dir, true);
    // OpenSSL encrypts the seal key (PBES2, AES-256-CBC).
    assert!(openssl(
        &dir,
        &[
            "pkcs8",
            "-topk8",
            "-in",
            "seal.key",
            "-out",
            "seal-enc.key",
            "-v2",
            "aes-256-cbc",
            "-passout",
            "pass:s3cret"
        ]
    ));
    std::fs::write(dir.join("password.txt"), "s3cret\n").unwrap();
    let path = |name: &str| dir.join(name).to_string_lossy().to_string();
    let (key, cert) = (path("seal-enc.key"), path("seal.pem"));
    let seal = |extra: &[&str], out: &str| {
        let out = path(out);
        let mut args = vec![
            "seal",
            sample.to_str().unwrap(),
            "--key",
            key.as_str(),
            "--cert",
            cert.as_str(),
        ];
        args.extend(extra);
        args.extend(["--out", out.as_str()]);
        edc(&args)
    };
    let without = seal(&[], "a.json");
    assert_eq!(without.status.code(), Some(2));
    assert!(
        text(&without.stderr).contains("--key-password-file"),
        "{}",
        text(&without.stderr)
    );
    let wrong = Command::new(env!("CARGO_BIN_EXE_edc"))
        .args([
            "seal",
            sample.to_str().unwrap(),
            "--key",
            &path("seal-enc.key"),
            "--cert",
            &path("seal.pem"),
            "--key-password-env",
            "EDC_TEST_KEY_PASSWORD",
            "--out",
            &path("b.json"),
        ])
        .env("EDC_TEST_KEY_PASSWORD", "guess")
        .output()
        .unwrap();
    assert_eq!(wrong.status.code(), Some(2));
    assert!(
        text(&wrong.stderr).contains("does not open"),
        "{}",
        text(&wrong.stderr)
    );
    let right = seal(&["--key-password-file", &path("password.txt")], "c.json");
    assert_eq!(right.status.code(), Some(0), "{}", text(&right.stderr));
    assert!(dir.join("c.json").exists());
    std::fs::remove_dir_all(&dir).ok();
}

/// Whitespace runs made single spaces.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The README's walk-through, line by line, in a fresh directory: each command's printed
/// output is what the README's comment under it shows (`…` standing for what varies, such as
/// the DID), its exit code the one it names, and the signed files are intact at the end.
#[test]
fn the_readme_walk_through_does_what_it_says() {
    let Some(shared) = edc_testkit::shared_dir() else {
        return;
    };
    let readme = std::fs::read_to_string(workspace_root().join("README.md")).unwrap();
    let start = readme
        .find("Walk-through:\n\n```sh\n")
        .expect("the walk-through")
        + "Walk-through:\n\n```sh\n".len();
    let block = &readme[start..start + readme[start..].find("```").unwrap()];
    // Commands (continuations joined), each with the comment lines that follow it.
    let mut steps: Vec<(String, Vec<String>)> = Vec::new();
    let mut pending = String::new();
    for line in block.lines() {
        let trimmed = line.trim();
        if let Some(comment) = trimmed.strip_prefix("# ") {
            if let Some((_, expected)) = steps.last_mut() {
                expected.push(comment.to_string());
            }
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        let code = trimmed.split("  #").next().unwrap().trim_end();
        match code.strip_suffix('\\') {
            Some(part) => pending.push_str(part),
            None => {
                pending.push_str(code);
                steps.push((std::mem::take(&mut pending), Vec::new()));
            }
        }
    }
    assert_eq!(steps.len(), 4, "{steps:?}");
    // A fresh directory with the examples and ../shared where the README expects them.
    let root = temp("walk-through");
    let work = root.join("work");
    std::fs::create_dir_all(&work).unwrap();
    std::os::unix::fs::symlink(workspace_root().join("examples"), work.join("examples")).unwrap();
    std::os::unix::fs::symlink(&shared, root.join("shared")).unwrap();
    let mut did = String::new();
    for (command, expected) in &steps {
        let command = command.replace("did:key:z6Mk…", &did);
        let words: Vec<&str> = command.split_whitespace().collect();
        assert_eq!(words[0], "edc");
        let output = Command::new(env!("CARGO_BIN_EXE_edc"))
            .args(&words[1..])
            .current_dir(&work)
            .output()
            .unwrap();
        // As a terminal shows them: the row errors (stderr) come before the summary.
        let printed = squeeze(&format!("{}{}", text(&output.stderr), text(&output.stdout)));
        if words[1] == "keygen" {
            did = printed
                .split_whitespace()
                .find(|w| w.starts_with("did:key:"))
                .expect("keygen prints the DID")
                .to_string();
        }
        let expected = squeeze(&expected.join(" "));
        let (expected, code) = match expected.strip_suffix("(exit 1)") {
            Some(rest) => (rest.trim_end().to_string(), 1),
            None => (expected, 0),
        };
        assert_eq!(output.status.code(), Some(code), "{command}: {printed}");
        for fragment in expected.split('…').map(str::trim).filter(|f| f.len() > 3) {
            assert!(
                printed.contains(fragment),
                "{command}:\nREADME: {fragment}\nprinted: {printed}"
            );
        }
    }
    // The signed credentials are intact.
    let signed = std::fs::read_to_string(work.join("credentials/L0001.jsonld")).unwrap();
    assert!(signed.contains("\"proof\""));
    assert!(work.join("unsigned").is_dir());
    std::fs::remove_dir_all(&root).ok();
}

#[test]
fn a_presentation_made_here_verifies_with_its_challenge_and_domain() {
    let dir = temp("present");
    let p = |name: &str| dir.join(name).to_string_lossy().to_string();
    for key in ["issuer.json", "holder.json"] {
        assert!(edc(&["keygen", "--out", &p(key)]).status.success());
    }
    let did_of = |key: &str| -> String {
        let doc: serde_json::Value =
            serde_json::from_slice(&edc(&["did", &p(key)]).stdout).unwrap();
        doc["id"].as_str().unwrap().to_string()
    };
    let (issuer, holder) = (did_of("issuer.json"), did_of("holder.json"));
    let credential = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "credentialSubject": {"id": holder, "name": "Ana"},
    });
    std::fs::write(p("vc.json"), credential.to_string()).unwrap();
    assert!(edc(&[
        "sign",
        &p("vc.json"),
        "--key",
        &p("issuer.json"),
        "--out",
        &p("signed.json")
    ])
    .status
    .success());
    let made = edc(&[
        "present",
        &p("signed.json"),
        "--key",
        &p("holder.json"),
        "--challenge",
        "n-0S6_WzA2Mj",
        "--domain",
        "verifier.example",
        "--out",
        &p("vp.json"),
    ]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made.stderr));
    let verify = |challenge: &str| {
        edc(&[
            "verify",
            &p("vp.json"),
            "--trusted-did",
            &issuer,
            "--challenge",
            challenge,
            "--domain",
            "verifier.example",
            "--expect-subject",
            &holder,
        ])
    };
    let good = verify("n-0S6_WzA2Mj");
    assert_eq!(good.status.code(), Some(0), "{}", text(&good.stdout));
    // Replayed to another verifier's challenge: refused.
    let replayed = verify("another-challenge");
    assert_ne!(
        replayed.status.code(),
        Some(0),
        "{}",
        text(&replayed.stdout)
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn json_quiet_colour_and_jwk_keys() {
    let dir = temp("flags");
    let p = |name: &str| dir.join(name).to_string_lossy().to_string();
    // A key written as a private JWK signs like any other.
    assert!(edc(&["keygen", "--jwk", "--out", &p("key.jwk")])
        .status
        .success());
    let jwk: serde_json::Value =
        serde_json::from_slice(&std::fs::read(p("key.jwk")).unwrap()).unwrap();
    assert_eq!(jwk["kty"], "OKP");
    assert!(jwk.get("d").is_some());
    let credential = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:example:learner"},
    });
    std::fs::write(p("vc.json"), credential.to_string()).unwrap();
    let signed = edc(&[
        "sign",
        &p("vc.json"),
        "--key",
        &p("key.jwk"),
        "--set-issuer",
        "--json",
    ]);
    assert_eq!(signed.status.code(), Some(0), "{}", text(&signed.stderr));
    let report: serde_json::Value = serde_json::from_slice(&signed.stdout).unwrap();
    assert!(report["document"]["proof"].is_object(), "{report}");
    std::fs::write(p("signed.json"), report["document"].to_string()).unwrap();
    // --quiet: the verdict line alone; --color always: ANSI colours; NO_COLOR wins over auto.
    let quiet = edc(&["verify", "-q", &p("signed.json")]);
    assert_eq!(
        text(&quiet.stdout).lines().count(),
        1,
        "{}",
        text(&quiet.stdout)
    );
    let coloured = edc(&["verify", "--color", "always", &p("signed.json")]);
    assert!(text(&coloured.stdout).contains("\u{1b}["));
    let plain = Command::new(env!("CARGO_BIN_EXE_edc"))
        .args(["verify", &p("signed.json")])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!text(&plain.stdout).contains("\u{1b}["));
    // conformance --json prints the JSON report.
    std::fs::create_dir_all(dir.join("suite")).unwrap();
    std::fs::copy(p("signed.json"), dir.join("suite/signed.json")).unwrap();
    let conformance = edc(&["conformance", &p("suite"), "--json"]);
    let parsed: serde_json::Value = serde_json::from_slice(&conformance.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", text(&conformance.stdout)));
    assert!(parsed.is_object() || parsed.is_array());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn profile_results_speak_the_elm_and_say_where() {
    let (Some(sample), Some(shapes)) = (
        shared_path("europass/samples/elm-2023/Sample-MC-Annex1-unsigned.jsonld"),
        shared_path("europass/shacl"),
    ) else {
        return;
    };
    let output = edc(&[
        "validate",
        "--shapes",
        shapes.to_str().unwrap(),
        sample.to_str().unwrap(),
    ]);
    let out = text(&output.stdout);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        out.contains("`issued` is missing: the profile requires it"),
        "{out}"
    );
    assert!(out.contains("at /credentialSubject/"), "{out}");
    assert!(
        !out.contains("MinCount") && !out.contains("blank node"),
        "{out}"
    );
}

#[test]
fn a_damaged_workbook_is_named_with_what_to_do() {
    let dir = temp("xlsx");
    let file = dir.join("export.xlsx");
    std::fs::write(&file, b"not a zip at all").unwrap();
    let mapping = workspace_root().join("examples/provider-export/mapping.toml");
    let output = edc(&[
        "convert",
        file.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
        "--out",
        dir.join("out").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains("not a readable .xlsx workbook") && stderr.contains("export it as CSV"),
        "{stderr}"
    );
    std::fs::remove_dir_all(&dir).ok();
}
