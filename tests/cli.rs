//! End-to-end tests of the `edc` binary.

use edc_testkit::shared_path;
use serde_json::Value;
use std::process::{Command, Output};

fn edc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edc"))
        .args(args)
        .output()
        .expect("the edc binary runs")
}

/// `edc verify-seal --json --trust ANCHOR FILE`, which must say valid; its report.
fn valid_seal(file: &str, anchor: &str) -> Value {
    let output = edc(&["verify-seal", "--json", "--trust", anchor, file]);
    assert_exit(&output, 0);
    json_of(&output)
}

/// The kinds of the first seal's time-stamps in a `verify-seal --json` report.
fn time_stamp_kinds(report: &Value) -> Vec<String> {
    report["seals"][0]["timeStamps"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["kind"].as_str().unwrap().to_string())
        .collect()
}

fn json_of(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}{}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    })
}

/// Asserts the exit code, showing what the command printed when it is not the expected one.
fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "stdout: {}\nstderr: {}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// One check (`{check, status, reason}`) of an `edc verify --json` report.
fn check_of(report: &Value, name: &str) -> Value {
    report["checks"]
        .as_array()
        .expect("a verify report lists checks")
        .iter()
        .find(|c| c["check"] == name)
        .unwrap_or_else(|| panic!("no {name} check in {report}"))
        .clone()
}

#[test]
fn inspect_a_sealed_eu_sample() {
    let Some(path) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld")
    else {
        return;
    };
    let output = edc(&["inspect", "--json", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let report = json_of(&output);
    assert_eq!(report["kind"], "sealed");
    // shared/README.md: the EU samples are sealed with RS256; AA-Annex1-MC carries sigTst only.
    assert_eq!(report["signatures"][0]["alg"], "RS256");
    assert_eq!(
        report["signatures"][0]["unsignedProperties"],
        serde_json::json!(["sigTst"])
    );
    let credential = &report["credential"];
    assert_eq!(credential["learner"]["name"], "Ana Andromeda");
    assert_eq!(credential["claims"][0]["class"], "LearningAchievement");
    // Element 11 (quality assurance) is the one mandatory element this sample lacks (checked by
    // hand: no accreditation anywhere in the file).
    let elements = credential["microCredential"]["elements"]
        .as_array()
        .unwrap();
    assert_eq!(elements.len(), 16);
    let missing: Vec<u64> = elements
        .iter()
        .filter(|e| e["present"] == false)
        .map(|e| e["number"].as_u64().unwrap())
        .collect();
    assert_eq!(missing, vec![11, 15, 16]);
}

#[test]
fn inspect_prints_a_readable_summary() {
    let Some(path) =
        shared_path("europass/samples/elm-2023/Sample-MC-Annex1-unsigned-uploadable.json")
    else {
        return;
    };
    let output = edc(&["inspect", path.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Europass upload wrapper"), "{text}");
    assert!(text.contains("Micro-credential elements"), "{text}");
    assert!(text.contains("ECTS"), "{text}");
}

#[test]
fn inspect_refuses_what_it_cannot_read_with_exit_2() {
    let missing = edc(&["inspect", "/nonexistent/credential.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("cannot read"));

    let dir = std::env::temp_dir().join(format!("edc-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        "{\n  \"type\": [\"VerifiableCredential\"],\n  \"validFrom\": 2024\n}",
    )
    .unwrap();
    let output = edc(&["inspect", bad.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/validFrom"), "{stderr}");
    assert!(stderr.contains("line 3"), "{stderr}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn a_usage_error_exits_2() {
    assert_eq!(edc(&["inspect"]).status.code(), Some(2));
    assert_eq!(edc(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn demo_converts_the_example_export_to_signed_credentials_and_verifies_some() {
    let dir = std::env::temp_dir().join(format!("edc-demo-test-{}", std::process::id()));
    let output = edc(&["demo", "--json", "--out", dir.to_str().unwrap()]);
    assert_exit(&output, 0);
    let report = json_of(&output);
    // examples/provider-export/learners.csv has 300 learners, all valid.
    assert_eq!(report["produced"], 300);
    assert_eq!(report["skipped"], 0);
    let verified = report["verified"].as_array().unwrap();
    assert!(!verified.is_empty());
    assert!(
        verified.iter().all(|v| v["verdict"] == "verified"),
        "{verified:?}"
    );
    // Every mandatory micro-credential element is in what it wrote.
    let first = dir.join("credentials/L0001.jsonld");
    let inspected = json_of(&edc(&["inspect", "--json", first.to_str().unwrap()]));
    let elements = inspected["credential"]["microCredential"]["elements"]
        .as_array()
        .unwrap();
    let mandatory_missing = elements
        .iter()
        .filter(|e| e["obligation"] == "mandatory" && e["present"] == false)
        .count();
    assert_eq!(mandatory_missing, 0, "{elements:#?}");
    // The issuer key is private to its owner.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.join("issuer-key.json"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{mode:o}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn convert_reports_bad_rows_and_exits_1() {
    let root = edc_testkit::workspace_root().join("examples/provider-export");
    let dir = std::env::temp_dir().join(format!("edc-convert-cli-{}", std::process::id()));
    let output = edc(&[
        "convert",
        root.join("learners-with-errors.csv").to_str().unwrap(),
        "--mapping",
        root.join("mapping.toml").to_str().unwrap(),
        "--out",
        dir.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = json_of(&output);
    assert_eq!(report["produced"], 2);
    assert_eq!(report["skipped"], 3);
    assert_eq!(report["errors"][2]["row"], 5);
    assert_eq!(report["errors"][2]["column"], "eqf_level");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn rdf_prints_the_canonical_form_the_oracle_has() {
    let Some(sample) =
        shared_path("europass/samples/elm-support-2024/Sample-JointDegree-signed.jsonld")
    else {
        return;
    };
    let Some(oracle) = shared_path(
        "europass/expected/canonical-nquads/elm-support-2024--Sample-JointDegree-signed.nq",
    ) else {
        return;
    };
    let output = edc(&["rdf", "--canonical", sample.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        output.stdout == std::fs::read(oracle).unwrap(),
        "canonical N-Quads differ from the jsonld.js oracle"
    );
    // The three dateModified values the context makes IRIs are reported, not lost silently.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.matches("dateModified").count(), 3, "{stderr}");
}

#[test]
fn rdf_strict_refuses_an_undefined_term_with_exit_1() {
    let Some(sample) = shared_path("europass/samples/elm-2023/credential-sample.jsonld") else {
        return;
    };
    let output = edc(&["rdf", "--strict", sample.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("/issuer/eIDAS\u{399}dentifier"), "{stderr}");
    assert!(
        stderr.contains("did you mean `eIDASIdentifier`?"),
        "{stderr}"
    );
}

#[test]
fn keygen_did_and_sign() {
    let Some(sample) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")
    else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("edc-sign-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("key.json");
    let output = edc(&[
        "keygen",
        "--type",
        "p256",
        "--out",
        key.to_str().unwrap(),
        "--json",
    ]);
    assert_exit(&output, 0);
    let report = json_of(&output);
    let secret: Value = serde_json::from_str(&std::fs::read_to_string(&key).unwrap()).unwrap();
    let secret = secret["secretKeyMultibase"].as_str().unwrap();
    assert!(
        !String::from_utf8_lossy(&output.stdout).contains(secret),
        "the secret is never printed"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            std::fs::metadata(&key).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    // A second keygen to the same file is refused rather than overwriting the key.
    assert_eq!(
        edc(&["keygen", "--out", key.to_str().unwrap()])
            .status
            .code(),
        Some(2)
    );

    let did = report["did"].as_str().unwrap();
    let document = json_of(&edc(&["did", did]));
    assert_eq!(
        document["verificationMethod"][0]["publicKeyMultibase"],
        report["publicKeyMultibase"]
    );

    let signed_path = dir.join("signed.json");
    let output = edc(&[
        "sign",
        sample.to_str().unwrap(),
        "--key",
        key.to_str().unwrap(),
        "--set-issuer",
        "--out",
        signed_path.to_str().unwrap(),
    ]);
    assert_exit(&output, 0);
    let signed: Value =
        serde_json::from_str(&std::fs::read_to_string(&signed_path).unwrap()).unwrap();
    assert_eq!(signed["proof"]["cryptosuite"], "ecdsa-rdfc-2019");
    let checks = edc_signer::DataIntegrity::default().verify(&signed);
    assert!(checks.len() == 1 && checks[0].is_verified(), "{checks:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn sign_as_an_ebsi_jwt_with_a_pem_key() {
    let Some(sample) = shared_path("europass/samples/ebsi-vcdm2/DigiComp-Generic.json") else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("edc-jwt-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = edc_did::KeyPair::generate(edc_did::KeyType::Secp256k1);
    let pem = dir.join("key.pem");
    std::fs::write(&pem, key.to_pkcs8_pem().unwrap().as_bytes()).unwrap();
    let output = edc(&[
        "sign",
        sample.to_str().unwrap(),
        "--key",
        pem.to_str().unwrap(),
        "--set-issuer",
        "--suite",
        "jwt",
    ]);
    assert_exit(&output, 0);
    let token = String::from_utf8(output.stdout).unwrap();
    let check = edc_signer::verify_vc_jwt(token.trim(), &edc_signer::KeyRegistry::new());
    assert!(
        matches!(check, edc_signer::JwtCheck::Verified(_)),
        "{check:?}"
    );
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn verify_seal_reports_the_expired_eu_certificate_and_passes_at_signing_time() {
    let Some(path) =
        shared_path("europass/samples/elm-support-2024/Sample-JointDegree-signed.jsonld")
    else {
        return;
    };
    let path = path.to_str().unwrap();
    // The EU test seal certificate ends 2025-05-10T14:31:15Z (`openssl x509 -enddate`).
    let today = edc(&["verify-seal", "--json", path]);
    assert_eq!(today.status.code(), Some(1));
    let report = json_of(&today);
    let problems = report["seals"][0]["certificateProblems"].to_string();
    assert!(problems.contains("expired on 2025-05-10"), "{problems}");

    // Inside the certificate's validity but with no trust anchor: intact, not trusted, exit 3.
    let untrusted = edc(&["verify-seal", "--at", "2025-02-20T00:00:00Z", path]);
    assert_exit(&untrusted, 3);
    let said = String::from_utf8_lossy(&untrusted.stdout);
    assert!(said.contains("intact but NOT TRUSTED"), "{said}");
    // `--at signing` is the time a trusted authority stamped the seal, never the signer's own
    // sigT: with no trusted time-stamping authority it cannot be judged.
    let untrusted = edc(&["verify-seal", "--json", "--at", "signing", path]);
    assert_exit(&untrusted, 2);
    let said = String::from_utf8_lossy(&untrusted.stderr);
    assert!(said.contains("--trust"), "{said}");

    // Trusting ANF (the seal's root) and Zetes (the time-stamping authority's root), both
    // carried in the sample's own xVals: judged when ZetesConfidens stamped it.
    let anchors = std::env::temp_dir().join(format!("edc-cli-anchors-{}", std::process::id()));
    std::fs::create_dir_all(&anchors).unwrap();
    let sealed = std::fs::read_to_string(path).unwrap();
    let sealed: Value = serde_json::from_str(&sealed).unwrap();
    let mut written = 0;
    for item in sealed["signatures"][0]["header"]["etsiU"]
        .as_array()
        .unwrap()
    {
        use base64::Engine;
        let Some(property) = item
            .as_str()
            .and_then(|b| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .decode(b)
                    .ok()
            })
            .and_then(|j| serde_json::from_slice::<Value>(&j).ok())
        else {
            continue;
        };
        for value in property["xVals"].as_array().into_iter().flatten() {
            let der = base64::engine::general_purpose::STANDARD
                .decode(value["x509Cert"]["val"].as_str().unwrap())
                .unwrap();
            let root = |name: &[u8]| der.windows(name.len()).any(|w| w == name);
            if root(b"ANF Global Root CA") || root(b"ZETES TSP ROOT CA 001") {
                std::fs::write(anchors.join(format!("anchor{written}.der")), &der).unwrap();
                written += 1;
            }
        }
    }
    assert!(written >= 2, "the sample carries both roots in xVals");
    let anchors_arg = anchors.to_str().unwrap();
    let then = edc(&[
        "verify-seal",
        "--json",
        "--at",
        "signing",
        "--trust",
        anchors_arg,
        path,
    ]);
    assert_exit(&then, 0);
    let report = json_of(&then);
    assert_eq!(report["seals"][0]["signingTime"], "2025-02-19T18:31:02Z");
    assert_eq!(report["seals"][0]["revocation"]["status"], "good");
    let stamped = &report["seals"][0]["trustedTimeStamp"];
    assert!(
        stamped["authority"]
            .as_str()
            .unwrap()
            .contains("ZetesConfidens"),
        "{stamped}"
    );
    assert_eq!(report["seals"][0]["validationTime"], stamped["time"]);
    std::fs::remove_dir_all(&anchors).unwrap();
}

#[test]
fn seal_with_a_time_stamp_authority_then_verify_seal() {
    use edc_testkit::pki::{make_crl, make_pki, make_tsa, pki_available, serve_tsa};
    if !pki_available() {
        return;
    }
    let Some(sample) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")
    else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("edc-cli-tsa-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    make_pki(&dir, true);
    make_tsa(&dir);
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let url = serve_tsa(&dir, 3);

    // Without permission for a loopback address the time-stamp authority is refused.
    // `edc seal SAMPLE --key … --cert … --alg ES256 --tsa URL` and more.
    let sample_text = sample.to_string_lossy().to_string();
    let (key, cert) = (path("seal.key"), path("seal.pem"));
    let seal = |more: &[&str]| {
        let mut args = vec![
            "seal",
            sample_text.as_str(),
            "--key",
            &key,
            "--cert",
            &cert,
            "--alg",
            "ES256",
            "--tsa",
            &url,
        ];
        args.extend_from_slice(more);
        edc(&args)
    };
    let refused = seal(&["--out", &path("refused.json")]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("loopback"));

    let sealed = seal(&["--tsa-allow-local", "--out", &path("sealed.json")]);
    assert_exit(&sealed, 0);
    let report = valid_seal(&path("sealed.json"), &path("ca.pem"));
    let first = &report["seals"][0];
    assert_eq!(first["level"], "qualified");
    assert_eq!(first["trust"]["anchored"], true);
    assert_eq!(first["timeStamps"][0]["kind"], "sigTst");
    assert_eq!(first["alg"], "ES256");

    // Baseline LTA: validation data (the TSA's certificates, the CA's CRL) and an archive
    // time-stamp over all of it, from the same authority.
    std::fs::write(dir.join("crl.der"), make_crl(&dir, false)).unwrap();
    let lta = seal(&[
        "--tsa-allow-local",
        "--lta",
        "--crl",
        &path("crl.der"),
        "--out",
        &path("lta.json"),
    ]);
    assert_exit(&lta, 0);
    let report = valid_seal(&path("lta.json"), &path("ca.pem"));
    let archived = &report["seals"][0];
    assert_eq!(
        time_stamp_kinds(&report),
        ["sigTst", "arcTst"],
        "{archived}"
    );
    assert_eq!(archived["revocation"]["status"], "good", "{archived}");
    let sealed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("lta.json")).unwrap()).unwrap();
    let properties: Vec<String> = sealed["signatures"][0]["header"]["etsiU"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            use base64::Engine;
            let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(item.as_str().unwrap())
                .unwrap();
            let property: serde_json::Value = serde_json::from_slice(&json).unwrap();
            property.as_object().unwrap().keys().next().unwrap().clone()
        })
        .collect();
    // The order of the EU's baseline-LTA samples.
    assert_eq!(properties, ["sigTst", "xVals", "rVals", "arcTst"]);
    std::fs::remove_dir_all(&dir).ok();
}

/// The etsiU `rVals` of a sealed file: (OCSP responses, CRLs) counted.
fn revocation_values(file: &std::path::Path) -> (usize, usize) {
    use base64::Engine;
    let sealed: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    let items = sealed["signatures"][0]["header"]["etsiU"]
        .as_array()
        .unwrap();
    for item in items {
        let json = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .decode(item.as_str().unwrap())
            .unwrap();
        let property: Value = serde_json::from_slice(&json).unwrap();
        if let Some(values) = property.get("rVals") {
            let count = |name: &str| values[name].as_array().map_or(0, Vec::len);
            return (count("ocspVals"), count("crlVals"));
        }
    }
    (0, 0)
}

#[test]
fn seal_at_lta_with_revocation_data_fetched_from_openssl_responders() {
    use edc_testkit::pki::{
        loopback, make_crl, make_pki_naming, make_tsa, pki_available, register_seal_certificate,
        revoke_seal_certificate, serve_file, serve_ocsp, serve_tsa,
    };
    use std::sync::atomic::Ordering;
    if !pki_available() {
        return;
    }
    let Some(sample) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")
    else {
        return;
    };
    let sample = sample.to_string_lossy().to_string();
    let seal_in = |dir: &std::path::Path, tsa: &str, out: &str| {
        let path = |name: &str| dir.join(name).to_string_lossy().to_string();
        // The chain: the seal certificate, then its issuer (whose key the OCSP request names).
        let chain = [path("seal.pem"), path("ca.pem")]
            .iter()
            .map(|p| std::fs::read_to_string(p).unwrap())
            .collect::<String>();
        std::fs::write(dir.join("chain.pem"), chain).unwrap();
        let (key, chain, out) = (path("seal.key"), path("chain.pem"), path(out));
        edc(&[
            "seal",
            &sample,
            "--key",
            &key,
            "--cert",
            &chain,
            "--alg",
            "ES256",
            "--tsa",
            tsa,
            "--tsa-allow-local",
            "--lta",
            "--fetch-revocation",
            "--out",
            &out,
        ])
    };

    // A seal certificate naming an OpenSSL OCSP responder (and a CRL it need not use).
    let dir = std::env::temp_dir().join(format!("edc-cli-ocsp-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (ocsp_port, ocsp_url) = loopback("ocsp");
    let (crl_port, crl_url) = loopback("ca.crl");
    make_pki_naming(&dir, Some("P-256"), Some(&ocsp_url), Some(&crl_url));
    make_tsa(&dir);
    register_seal_certificate(&dir);
    let asked = serve_ocsp(&dir, ocsp_port);
    let crl_asked = serve_file(crl_port, dir.join("crl.der"), "application/pkix-crl");
    let tsa = serve_tsa(&dir, 2);
    let sealed = seal_in(&dir, &tsa, "lta.json");
    assert_exit(&sealed, 0);
    assert_eq!(
        asked.load(Ordering::SeqCst),
        1,
        "the responder was asked once"
    );
    assert_eq!(
        crl_asked.load(Ordering::SeqCst),
        0,
        "an OCSP answer suffices"
    );
    assert_eq!(revocation_values(&dir.join("lta.json")), (1, 0));
    let report = valid_seal(
        dir.join("lta.json").to_str().unwrap(),
        dir.join("ca.pem").to_str().unwrap(),
    );
    let first = &report["seals"][0];
    assert_eq!(first["revocation"]["status"], "good", "{first}");
    assert_eq!(time_stamp_kinds(&report), ["sigTst", "arcTst"]);

    // Revoked in the CA's database: OpenSSL answers so, and nothing is sealed (no time-stamp
    // is asked for either: the TSA above served its two).
    revoke_seal_certificate(&dir);
    let refused = seal_in(&dir, &tsa, "revoked.json");
    assert_ne!(refused.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(
        stderr.contains("revoked") && stderr.contains(&ocsp_url),
        "{stderr}"
    );
    assert!(!dir.join("revoked.json").exists());
    assert_eq!(asked.load(Ordering::SeqCst), 2);
    std::fs::remove_dir_all(&dir).ok();

    // A seal certificate naming only a CRL distribution point: the CA's CRL is fetched.
    let dir = std::env::temp_dir().join(format!("edc-cli-crl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let (crl_port, crl_url) = loopback("ca.crl");
    make_pki_naming(&dir, Some("P-256"), None, Some(&crl_url));
    make_tsa(&dir);
    // Served as OpenSSL wrote it, PEM (make_crl leaves crl.pem beside the DER).
    make_crl(&dir, false);
    let crl_asked = serve_file(crl_port, dir.join("crl.pem"), "application/pkix-crl");
    let tsa = serve_tsa(&dir, 2);
    assert_exit(&seal_in(&dir, &tsa, "lta.json"), 0);
    assert_eq!(crl_asked.load(Ordering::SeqCst), 1);
    assert_eq!(revocation_values(&dir.join("lta.json")), (0, 1));
    let report = valid_seal(
        dir.join("lta.json").to_str().unwrap(),
        dir.join("ca.pem").to_str().unwrap(),
    );
    assert_eq!(report["seals"][0]["revocation"]["status"], "good");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn seal_takes_the_algorithm_from_the_key() {
    use edc_testkit::pki::{make_pki_naming, pki_available};
    if !pki_available() {
        return;
    }
    let Some(sample) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")
    else {
        return;
    };
    for (curve, alg) in [
        (None, "RS256"),
        (Some("P-384"), "ES384"),
        (Some("P-521"), "ES512"),
    ] {
        let dir = std::env::temp_dir().join(format!("edc-cli-alg-{}-{alg}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        make_pki_naming(&dir, curve, None, None);
        let path = |name: &str| dir.join(name).to_string_lossy().to_string();
        let sealed = edc(&[
            "seal",
            sample.to_str().unwrap(),
            "--key",
            &path("seal.key"),
            "--cert",
            &path("seal.pem"),
            "--out",
            &path("sealed.json"),
        ]);
        assert_exit(&sealed, 0);
        let report = valid_seal(&path("sealed.json"), &path("ca.pem"));
        assert_eq!(report["seals"][0]["alg"], alg, "{report}");
        std::fs::remove_dir_all(&dir).ok();
    }
}

#[test]
fn seal_from_a_pkcs12_key_store_with_the_password_from_a_file_or_the_environment() {
    use edc_testkit::pki::{make_pki, openssl, pki_available};
    if !pki_available() {
        return;
    }
    let Some(sample) = shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json")
    else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("edc-cli-p12-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    make_pki(&dir, false);
    assert!(openssl(
        &dir,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "seal.key",
            "-in",
            "seal.pem",
            "-passout",
            "pass:s3cret",
            "-out",
            "seal.p12"
        ]
    ));
    std::fs::write(dir.join("password.txt"), "s3cret\n").unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let sample = sample.to_string_lossy().to_string();
    let seal_with = |extra: &[&str], env: Option<&str>| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_edc"));
        command
            .args([
                "seal",
                &sample,
                "--p12",
                &path("seal.p12"),
                "--out",
                &path("sealed.json"),
                "--force",
            ])
            .args(extra)
            .env_remove("EDC_P12_PASSWORD");
        if let Some(password) = env {
            command.env("EDC_P12_PASSWORD", password);
        }
        command.output().unwrap()
    };
    let from_file = seal_with(&["--password-file", &path("password.txt")], None);
    assert_exit(&from_file, 0);
    valid_seal(&path("sealed.json"), &path("ca.pem"));

    assert_eq!(seal_with(&[], Some("s3cret")).status.code(), Some(0));
    let wrong = seal_with(&[], Some("guess"));
    assert_eq!(wrong.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("password"));
    let unset = seal_with(&[], None);
    assert!(String::from_utf8_lossy(&unset.stderr).contains("EDC_P12_PASSWORD"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn validate_reaches_the_pyshacl_verdicts() {
    let (Some(shapes), Some(sample), Some(signed)) = (
        shared_path("europass/shacl"),
        shared_path("europass/samples/elm-2023/credential-sample.jsonld"),
        shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld"),
    ) else {
        return;
    };
    let shapes = shapes.to_str().unwrap();
    // shared/europass/expected/shacl-pyshacl.json: credential-sample does not conform
    // (issuer node without eidasLegalIdentifier; display without individualDisplay).
    let output = edc(&[
        "validate",
        "--json",
        "--shapes",
        shapes,
        sample.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let report = json_of(&output);
    assert_eq!(report["conforms"], false);
    assert_eq!(report["profile"], "edc-generic-no-cv");
    let text = report["results"].to_string();
    assert!(text.contains("http://example.org/issuer565049"), "{text}");
    assert!(text.contains("eidasLegalIdentifier"), "{text}");
    assert!(report["notes"].to_string().contains("eIDASIdentifier"));
    // AA-Annex1-MC (signed) conforms to edc-generic-full.
    let output = edc(&["validate", "--shapes", shapes, signed.to_str().unwrap()]);
    assert_exit(&output, 0);
    // No shapes at hand: the built-in essentials run, and the report says the official
    // profile was not applied. The unsigned AA-Annex1-MC has no issuer (as pySHACL says).
    let unsigned =
        shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json").unwrap();
    let away = std::path::PathBuf::from(std::env::var("HOME").unwrap_or_else(|_| "/".into()))
        .join(format!("edc-no-shapes-{}", std::process::id()));
    std::fs::create_dir_all(&away).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_edc"))
        .args(["validate", "--json", unsigned.to_str().unwrap()])
        // Away from the repository, so no shared/europass/shacl is found beside it.
        .current_dir(&away)
        .env_remove("EDC_SHAPES_DIR")
        .env(
            "XDG_CACHE_HOME",
            std::env::temp_dir().join("edc-no-such-cache"),
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let report = json_of(&output);
    assert_eq!(report["applied"], "edc essentials");
    assert!(report["notes"].to_string().contains("NOT applied"));
    assert!(report["results"].to_string().contains("credentials#issuer"));
    std::fs::remove_dir_all(&away).ok();
}

#[test]
fn verify_lists_the_viewer_checks() {
    let (Some(signed), Some(unsigned)) = (
        shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-signed.jsonld"),
        shared_path("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json"),
    ) else {
        return;
    };
    // Sealed 2024-05-28 by ORGANIZACION TEST (the seal's sigT and certificate O).
    let output = edc(&[
        "verify",
        "--json",
        "--at",
        "2025-02-20T00:00:00Z",
        signed.to_str().unwrap(),
    ]);
    // Intact, but no trust anchor was given: partially verified, exit 3 (not a yes).
    assert_eq!(output.status.code(), Some(3));
    let text = edc(&[
        "verify",
        "--at",
        "2025-02-20T00:00:00Z",
        signed.to_str().unwrap(),
    ]);
    let said = String::from_utf8_lossy(&text.stdout);
    assert!(
        said.contains("Partially verified — not established: issuer") && said.contains("exit 3"),
        "{said}"
    );
    assert!(
        !said.contains("Sealed by"),
        "an untrusted sealer is never named: {said}"
    );
    let report = json_of(&output);
    let integrity = &report["checks"][1];
    assert_eq!(integrity["check"], "integrity");
    assert_eq!(integrity["status"], "ok");
    assert!(integrity["reason"]
        .as_str()
        .unwrap()
        .contains("ORGANIZACION TEST"));
    assert_eq!(
        report["checks"][2]["status"], "skipped",
        "no trust anchors given"
    );
    // The unsigned file has neither seal nor proof.
    let output = edc(&["verify", unsigned.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stdout).contains("✗ integrity"));
}

#[test]
fn conformance_runs_the_generated_suite_and_judges_a_directory() {
    let generated = edc(&["conformance", "--suite", "generated"]);
    let text = String::from_utf8_lossy(&generated.stdout);
    assert_eq!(generated.status.code(), Some(0), "{text}");
    let last = text.lines().last().unwrap_or("");
    assert!(last.ends_with(" passed, 0 failed"), "{text}");
    // A directory of the user's own, no manifest: an unsigned credential fails (integrity).
    let Some(sample) = shared_path("europass/samples/elm-2023/Sample-CertOfPart-unsigned.jsonld")
    else {
        return;
    };
    let dir = std::env::temp_dir().join(format!("edc-conformance-dir-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(&sample, dir.join("unsigned.jsonld")).unwrap();
    let judged = edc(&[
        "conformance",
        dir.to_str().unwrap(),
        "--report",
        "junit",
        "--out",
        dir.join("report.xml").to_str().unwrap(),
    ]);
    let text = String::from_utf8_lossy(&judged.stdout);
    assert_eq!(judged.status.code(), Some(1), "{text}");
    assert!(
        text.contains("unsigned.jsonld: integrity expected ok, got failed"),
        "{text}"
    );
    assert!(text.trim_end().ends_with("0 passed, 1 failed"), "{text}");
    let junit = std::fs::read_to_string(dir.join("report.xml")).unwrap();
    assert!(
        junit.contains("integrity: expected ok, got failed"),
        "{junit}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn convert_seals_with_an_eseal_and_writes_upload_wrappers() {
    use edc_testkit::pki::{make_pki, pki_available};
    let root = edc_testkit::workspace_root().join("examples/provider-export");
    let input = root.join("learners-with-errors.csv");
    let mapping = root.join("mapping.toml");
    let dir = std::env::temp_dir().join(format!("edc-convert-seal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();

    // Upload wrappers for the EU's issuer: the delivery address is the row's e-mail.
    let wrapped = edc(&[
        "convert",
        input.to_str().unwrap(),
        "--mapping",
        mapping.to_str().unwrap(),
        "--wrapper",
        "--out",
        &path("wrappers"),
        "--json",
    ]);
    assert_eq!(json_of(&wrapped)["produced"], 2);
    let wrapper: Value =
        serde_json::from_slice(&std::fs::read(dir.join("wrappers/L0001.jsonld")).unwrap()).unwrap();
    let csv = std::fs::read_to_string(&input).unwrap();
    let first_row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(
        wrapper["deliveryDetails"]["deliveryAddress"][0],
        first_row[5]
    );
    let inspected = json_of(&edc(&["inspect", "--json", &path("wrappers/L0001.jsonld")]));
    assert_eq!(inspected["kind"], "upload-wrapper");

    if !pki_available() {
        return;
    }
    // Sealed with a test eSeal whose organizationIdentifier (VATES-Q0000000J) is not the
    // template issuer's eIDAS identifier (IE-9876543W): the seal is intact and chains to the
    // test CA, and the verifier says the sealer is not the issuer.
    make_pki(&dir, true);
    // `edc convert INPUT --mapping … --seal-key … --seal-cert … --json` and more.
    let (input_text, mapping_text) = (
        input.to_str().unwrap().to_string(),
        mapping.to_str().unwrap().to_string(),
    );
    let (seal_key, seal_cert) = (path("seal.key"), path("seal.pem"));
    let convert_sealed = |more: &[&str]| {
        let mut args = vec![
            "convert",
            input_text.as_str(),
            "--mapping",
            mapping_text.as_str(),
            "--seal-key",
            seal_key.as_str(),
            "--seal-cert",
            seal_cert.as_str(),
            "--json",
        ];
        args.extend_from_slice(more);
        edc(&args)
    };
    let sealed = convert_sealed(&["--out", &path("sealed")]);
    let report = json_of(&sealed);
    assert_eq!(report["produced"], 2, "{report}");
    assert_eq!(report["secured"], "sealed (JAdES baseline B)");
    let seal = edc(&[
        "verify-seal",
        &path("sealed/L0005.jsonld"),
        "--trust",
        &path("ca.pem"),
    ]);
    assert_exit(&seal, 0);
    let verified = json_of(&edc(&[
        "verify",
        "--json",
        &path("sealed/L0005.jsonld"),
        "--trust",
        &path("ca.pem"),
    ]));
    let check = |name: &str| check_of(&verified, name);
    assert_eq!(check("integrity")["status"], "ok", "{verified}");
    assert_eq!(check("issuer")["status"], "failed", "{verified}");
    assert!(check("issuer")["reason"]
        .as_str()
        .unwrap()
        .contains("VATES-Q0000000J"));

    // Baseline LTA from a time-stamp authority: two requests per credential (sigTst, arcTst).
    edc_testkit::pki::make_tsa(&dir);
    let url = edc_testkit::pki::serve_tsa(&dir, 4);
    let lta = convert_sealed(&[
        "--tsa",
        &url,
        "--tsa-allow-local",
        "--lta",
        "--out",
        &path("lta"),
    ]);
    let report = json_of(&lta);
    assert_eq!(report["produced"], 2, "{report}");
    assert_eq!(report["secured"], "sealed (JAdES baseline LTA)");
    let seal = valid_seal(&path("lta/L0005.jsonld"), &path("ca.pem"));
    assert_eq!(time_stamp_kinds(&seal), ["sigTst", "arcTst"], "{seal}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn inspect_reads_sd_jwt_and_cose_envelopes() {
    let Some(dir) = shared_path("vectors/w3c+vc-jose-cose-test-suite/tests/input") else {
        return;
    };
    for (file, kind) in [
        ("credential-sdjwt-selective.txt", "sd-jwt"),
        ("credential-cose-minimal.txt", "cose"),
    ] {
        let output = edc(&["inspect", "--json", dir.join(file).to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{file}");
        let report = json_of(&output);
        assert_eq!(report["kind"], kind);
        // Both carry the suite's example issuer.
        assert_eq!(
            report["credential"]["issuer"]["id"], "https://example.issuer/vc-jose-cose",
            "{report}"
        );
    }
}

#[test]
fn sign_as_vc_cose_and_sd_jwt_then_verify() {
    let dir = std::env::temp_dir().join(format!("edc-cli-envelopes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let generated = json_of(&edc(&["keygen", "--json", "--out", &path("key.json")]));
    let did = generated["did"].as_str().unwrap().to_string();
    let credential = serde_json::json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner", "name": "Ana"},
    });
    std::fs::write(dir.join("vc.json"), credential.to_string()).unwrap();
    for suite in ["vc-cose", "sd-jwt"] {
        let out = path(&format!("vc.{suite}"));
        let signed = edc(&[
            "sign",
            &path("vc.json"),
            "--key",
            &path("key.json"),
            "--suite",
            suite,
            "--out",
            &out,
        ]);
        assert_exit(&signed, 0);
        let report = json_of(&edc(&["verify", "--json", &out, "--trusted-did", &did]));
        assert_eq!(
            check_of(&report, "integrity")["status"],
            "ok",
            "{suite}: {report}"
        );
        assert_eq!(
            check_of(&report, "issuer")["status"],
            "ok",
            "{suite}: {report}"
        );
        assert_eq!(report["verdict"], "verified", "{suite}: {report}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn convert_signs_ebsi_jwts() {
    let root = edc_testkit::workspace_root().join("examples/provider-export");
    let dir = std::env::temp_dir().join(format!("edc-convert-jwt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let generated = json_of(&edc(&["keygen", "--json", "--out", &path("key.json")]));
    let did = generated["did"].as_str().unwrap().to_string();
    let args = |extra: &[&str]| {
        let mut all = vec![
            "convert".to_string(),
            root.join("learners-with-errors.csv")
                .to_str()
                .unwrap()
                .to_string(),
            "--mapping".into(),
            root.join("mapping.toml").to_str().unwrap().to_string(),
            "--key".into(),
            path("key.json"),
            "--suite".into(),
            "jwt".into(),
            "--json".into(),
        ];
        all.extend(extra.iter().map(|s| s.to_string()));
        all
    };
    let converted = {
        let a = args(&["--out", &path("out")]);
        edc(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert_eq!(json_of(&converted)["produced"], 2);
    let report = json_of(&edc(&[
        "verify",
        "--json",
        &path("out/L0001.jwt"),
        "--trusted-did",
        &did,
    ]));
    assert_eq!(check_of(&report, "integrity")["status"], "ok", "{report}");
    assert_eq!(check_of(&report, "issuer")["status"], "ok", "{report}");
    // An upload wrapper carries JSON, not a JWT: refused before any row is read.
    let refused = {
        let a = args(&["--wrapper", "--out", &path("wrappers")]);
        edc(&a.iter().map(String::as_str).collect::<Vec<_>>())
    };
    assert_eq!(refused.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn secret_files_others_can_read_are_named_and_their_contents_never_echoed() {
    use std::os::unix::fs::PermissionsExt;
    let dir = std::env::temp_dir().join(format!("edc-cli-secrets-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key = dir.join("key.json");
    let key_path = key.to_str().unwrap();
    assert_exit(&edc(&["keygen", "--out", key_path]), 0);
    // keygen writes 0600: no warning.
    let quiet = edc(&["did", key_path]);
    assert_exit(&quiet, 0);
    assert!(!String::from_utf8_lossy(&quiet.stderr).contains("warning"));
    // Readable by others: a warning that says what to do; refused under --strict-permissions.
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
    let warned = edc(&["did", key_path]);
    assert_exit(&warned, 0);
    let said = String::from_utf8_lossy(&warned.stderr);
    assert!(
        said.contains("other users can read it") && said.contains("chmod 600"),
        "{said}"
    );
    assert_exit(&edc(&["--strict-permissions", "did", key_path]), 2);
    // A malformed secret key is not quoted back.
    let secret = "zNOTBASE58-0OIl-this-is-the-secret";
    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        serde_json::json!({"type": "Multikey", "secretKeyMultibase": secret}).to_string(),
    )
    .unwrap();
    std::fs::set_permissions(&bad, std::fs::Permissions::from_mode(0o600)).unwrap();
    let refused = edc(&["did", bad.to_str().unwrap()]);
    assert_exit(&refused, 2);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(!said.contains("this-is-the-secret"), "{said}");
    assert!(said.contains("not shown"), "{said}");
    std::fs::remove_dir_all(&dir).unwrap();
}
