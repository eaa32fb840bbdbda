//! Trust material a user can get with edc alone: the EU's sealed samples, whose seal
//! certificate has expired, verify once the roots their seals carry are exported with
//! `edc trust export` and given to `--trust` (the seal judged as of its trusted time-stamp);
//! a missing issuing CA is named with the flag that supplies it; `verify --at signing`.

mod common;
use common::{edc, text};
use edc_testkit::shared_path;
use std::path::{Path, PathBuf};

fn sealed_samples(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with("-signed.jsonld"))
        .collect();
    files.sort();
    files
}

#[test]
fn eu_sealed_samples_verify_with_roots_exported_by_edc() {
    let Some(corpus) = shared_path("europass/samples/elm-support-2024") else {
        return;
    };
    let samples = sealed_samples(&corpus);
    assert!(samples.len() >= 5, "{samples:?}");
    let work = std::env::temp_dir().join(format!("edc-trust-{}", std::process::id()));
    let (roots, all) = (work.join("roots"), work.join("all"));
    let names: Vec<&str> = samples.iter().map(|p| p.to_str().unwrap()).collect();

    let mut args = vec!["trust", "list", "--json"];
    args.extend(&names);
    let listed: serde_json::Value = serde_json::from_slice(&edc(&args).stdout).unwrap();
    let listed = listed.as_array().unwrap();
    assert!(listed.iter().any(|c| c["selfSigned"] == true));
    assert!(listed
        .iter()
        .any(|c| c["place"].as_str().unwrap().contains("sigTst")));

    let mut args = vec![
        "trust",
        "export",
        "--roots-only",
        "--out",
        roots.to_str().unwrap(),
    ];
    args.extend(&names);
    let output = edc(&args);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let mut args = vec!["trust", "export", "--out", all.to_str().unwrap()];
    args.extend(&names);
    assert!(edc(&args).status.success());
    // Again: the files are there already, nothing is overwritten.
    let again = edc(&args);
    assert!(again.status.success());
    assert!(
        text(&again.stdout).contains("0 written"),
        "{}",
        text(&again.stdout)
    );

    for sample in &names {
        // Without trust material: not verified.
        let bare = edc(&["verify", sample]);
        assert_ne!(bare.status.code(), Some(0), "{sample}");
        // With the exported roots (and, for a seal that does not carry its issuing CA, the
        // other certificates as intermediates).
        let mut args = vec!["verify", "--trust", roots.to_str().unwrap()];
        if sample.contains("AA-Annex1-MC") {
            let without = edc(&["verify", "--trust", roots.to_str().unwrap(), sample]);
            let out = text(&without.stdout);
            assert!(out.contains("--intermediate FILE"), "{out}");
            args.extend(["--intermediate", all.to_str().unwrap()]);
        }
        args.push(sample);
        let output = edc(&args);
        let out = text(&output.stdout);
        assert_eq!(output.status.code(), Some(0), "{sample}: {out}");
        assert!(out.trim_end().ends_with("Verified"), "{sample}: {out}");
        assert!(out.contains("time-stamped the seal"), "{sample}: {out}");
    }

    // `--at signing`: refused without a trusted time-stamp, and the seal's proven time with one.
    let joint = names
        .iter()
        .find(|n| n.contains("JointDegree"))
        .expect("the joint degree sample");
    let refused = edc(&["verify", "--at", "signing", joint]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(text(&refused.stderr).contains("only the signer's claim"));
    let at_signing = edc(&[
        "verify",
        "--at",
        "signing",
        "--trust",
        roots.to_str().unwrap(),
        "--json",
        joint,
    ]);
    let report: serde_json::Value = serde_json::from_slice(&at_signing.stdout).unwrap();
    assert_eq!(report["verdict"], "verified", "{report}");
    let validity = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["check"] == "validity period")
        .unwrap();
    assert!(
        validity["reason"].as_str().unwrap().contains("2025-02-19"),
        "{validity}"
    );
    std::fs::remove_dir_all(&work).ok();
}

/// The EU's certificate for signing the LOTL, as the LOTL's own pointer for territory EU names
/// it (the stand-in, here, for the copy the Official Journal publishes), as PEM.
fn lotl_signer_pem(lotl: &str) -> String {
    let body = lotl
        .split("<OtherTSLPointer")
        .skip(1)
        .find(|pointer| {
            let end = pointer.find("</OtherTSLPointer>").unwrap_or(pointer.len());
            pointer[..end].contains("<SchemeTerritory>EU</SchemeTerritory>")
        })
        .expect("the LOTL's pointer to itself (territory EU)");
    let end = body.find("</OtherTSLPointer>").unwrap_or(body.len());
    let mut pem = String::new();
    for part in body[..end].split("X509Certificate>").skip(1).step_by(2) {
        let base64: String = part[..part.find('<').unwrap()].split_whitespace().collect();
        let lines: Vec<&str> = base64
            .as_bytes()
            .chunks(64)
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect();
        pem.push_str(&format!(
            "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
            lines.join("\n")
        ));
    }
    pem
}

#[test]
fn a_trust_store_from_the_eu_lists() {
    let Some(lists) = shared_path("europass/trusted-lists") else {
        return;
    };
    let work = std::env::temp_dir().join(format!("edc-trust-lotl-{}", std::process::id()));
    std::fs::create_dir_all(&work).unwrap();
    let lotl = std::fs::read_to_string(lists.join("EU.xml")).unwrap();
    let signer = work.join("lotl-signer.pem");
    std::fs::write(&signer, lotl_signer_pem(&lotl)).unwrap();
    let out = work.join("store");
    let (eu, be, ie) = (
        lists.join("EU.xml"),
        lists.join("BE.xml"),
        lists.join("IE.xml"),
    );
    let output = edc(&[
        "trust",
        "lotl",
        "--lotl",
        eu.to_str().unwrap(),
        "--lotl-signer",
        signer.to_str().unwrap(),
        "--trusted-list",
        be.to_str().unwrap(),
        "--trusted-list",
        ie.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    let report = text(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{report}{}",
        text(&output.stderr)
    );
    let written = std::fs::read_dir(&out).unwrap().count();
    assert!(written > 10, "{report}");
    assert!(report.contains("time-stamping"), "{report}");
    // A list changed after signing is refused, and said.
    let changed = work.join("BE-changed.xml");
    let be_text = std::fs::read_to_string(&be).unwrap();
    let at = be_text.find("<TSPName>").expect("a TSP name");
    let mut forged = be_text.clone();
    forged.insert_str(
        at + "<TSPName>".len(),
        "<Name xml:lang=\"en\">Forged</Name>",
    );
    std::fs::write(&changed, forged).unwrap();
    let output = edc(&[
        "trust",
        "lotl",
        "--lotl",
        eu.to_str().unwrap(),
        "--lotl-signer",
        signer.to_str().unwrap(),
        "--trusted-list",
        changed.to_str().unwrap(),
        "--out",
        work.join("other").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stdout));
    assert!(
        text(&output.stdout).contains("refused"),
        "{}",
        text(&output.stdout)
    );
    std::fs::remove_dir_all(&work).ok();
}
