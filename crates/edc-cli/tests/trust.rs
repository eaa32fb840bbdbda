//! Trust material a user can get with edc alone: the EU's sealed samples, whose seal
//! certificate has expired, verify once the roots their seals carry are exported with
//! `edc trust export` and given to `--trust` (the seal judged as of its trusted time-stamp);
//! a missing issuing CA is named with the flag that supplies it; `verify --at signing`.

use edc_testkit::shared_path;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn edc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edc"))
        .args(args)
        .output()
        .expect("edc runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

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
