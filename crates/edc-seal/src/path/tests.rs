//! The path-validation matrix: chains made at test time with OpenSSL, each judged by
//! `openssl verify -x509_strict` and by [`build_chain`]; every chain OpenSSL refuses is refused,
//! every chain it accepts is accepted. Each case also states the answer RFC 5280 (or RFC 3161)
//! gives, so a matrix where both were wrong the same way would fail too.

use super::{build_chain, Purpose};
use crate::x509::{ChainOutcome, TrustStore};
use der::DecodePem;
use edc_testkit::pki::{openssl, pki_available};
use std::path::{Path, PathBuf};
use x509_cert::Certificate;

const KEY: [&str; 4] = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256"];

fn root(dir: &Path, name: &str) {
    let (key, pem, subject) = (
        format!("{name}.key"),
        format!("{name}.pem"),
        format!("/CN={name}"),
    );
    let mut args = vec!["req", "-x509"];
    args.extend(KEY);
    args.extend([
        "-nodes",
        "-keyout",
        &key,
        "-out",
        &pem,
        "-days",
        "30",
        "-subj",
        &subject,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign",
    ]);
    assert!(openssl(dir, &args), "root {name}");
}

/// Issues `name` from `issuer` for `days` days, with the extension lines `ext`.
fn issue(dir: &Path, name: &str, issuer: &str, ext: &str, days: &str) {
    std::fs::write(
        dir.join(format!("{name}.ext")),
        format!("[ext]\n{ext}\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n"),
    )
    .unwrap();
    let (key, csr, pem, subject) = (
        format!("{name}.key"),
        format!("{name}.csr"),
        format!("{name}.pem"),
        format!("/CN={name}"),
    );
    let mut args = vec!["req", "-new"];
    args.extend(KEY);
    args.extend(["-nodes", "-keyout", &key, "-out", &csr, "-subj", &subject]);
    assert!(openssl(dir, &args), "request {name}");
    let (ca, ca_key, extfile) = (
        format!("{issuer}.pem"),
        format!("{issuer}.key"),
        format!("{name}.ext"),
    );
    assert!(
        openssl(
            dir,
            &[
                "x509",
                "-req",
                "-in",
                &csr,
                "-CA",
                &ca,
                "-CAkey",
                &ca_key,
                "-CAcreateserial",
                "-out",
                &pem,
                "-days",
                days,
                "-extfile",
                &extfile,
                "-extensions",
                "ext",
            ]
        ),
        "certificate {name}"
    );
}

const CA: &str = "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign";
const SEAL: &str = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,nonRepudiation";
const TSA: &str = "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping";

fn load(dir: &Path, name: &str) -> Certificate {
    Certificate::from_pem(std::fs::read(dir.join(format!("{name}.pem"))).unwrap()).unwrap()
}

/// OpenSSL's verdict on `leaf` with `intermediates` untrusted and `root.pem` trusted.
fn openssl_accepts(
    dir: &Path,
    leaf: &str,
    intermediates: &[&str],
    at: i64,
    purpose: Purpose,
) -> bool {
    let untrusted = dir.join("untrusted.pem");
    let mut bundle = String::new();
    for name in intermediates {
        bundle.push_str(&std::fs::read_to_string(dir.join(format!("{name}.pem"))).unwrap());
    }
    std::fs::write(&untrusted, bundle).unwrap();
    let at = at.to_string();
    let leaf = format!("{leaf}.pem");
    let mut args = vec![
        "verify",
        "-x509_strict",
        "-attime",
        &at,
        "-CAfile",
        "root.pem",
    ];
    if !intermediates.is_empty() {
        args.extend(["-untrusted", "untrusted.pem"]);
    }
    if purpose == Purpose::TimeStamping {
        args.extend(["-purpose", "timestampsign"]);
    }
    args.push(&leaf);
    openssl(dir, &args)
}

fn ours_accepts(
    dir: &Path,
    leaf: &str,
    intermediates: &[&str],
    at: i64,
    purpose: Purpose,
) -> (bool, String) {
    let mut store = TrustStore::new();
    store
        .add_der(&der::Encode::to_der(&load(dir, "root")).unwrap())
        .unwrap();
    let candidates: Vec<Certificate> = intermediates.iter().map(|n| load(dir, n)).collect();
    match build_chain(&load(dir, leaf), &candidates, Some(&store), at, purpose) {
        (_, ChainOutcome::Anchored(_)) => (true, "anchored".into()),
        (_, ChainOutcome::NotAnchored(why)) => (false, why),
        (_, ChainOutcome::NoTrustStore) => (false, "no store".into()),
    }
}

fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs() as i64
}

struct Case {
    name: &'static str,
    /// (certificate, issuer, extensions, days), issued in order after `root`.
    certificates: &'static [(&'static str, &'static str, &'static str, &'static str)],
    leaf: &'static str,
    intermediates: &'static [&'static str],
    /// Seconds after now the chain is judged at.
    later: i64,
    purpose: Purpose,
    /// The answer of the standard's text.
    accept: bool,
}

const CASES: &[Case] = &[
    Case {
        name: "root, CA, seal: a sound chain",
        certificates: &[("ca", "root", CA, "30"), ("seal", "ca", SEAL, "30")],
        leaf: "seal",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::Seal,
        accept: true,
    },
    Case {
        name: "an end-entity seal certificate used as a CA",
        certificates: &[("ee", "root", SEAL, "30"), ("forged", "ee", SEAL, "30")],
        leaf: "forged",
        intermediates: &["ee"],
        later: 0,
        purpose: Purpose::Seal,
        accept: false,
    },
    Case {
        name: "a CA certificate without keyCertSign",
        certificates: &[
            (
                "ca",
                "root",
                "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,digitalSignature,cRLSign",
                "30",
            ),
            ("seal", "ca", SEAL, "30"),
        ],
        leaf: "seal",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::Seal,
        accept: false,
    },
    Case {
        name: "a CA certificate without basicConstraints",
        certificates: &[
            ("ca", "root", "keyUsage=critical,keyCertSign,cRLSign", "30"),
            ("seal", "ca", SEAL, "30"),
        ],
        leaf: "seal",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::Seal,
        accept: false,
    },
    Case {
        name: "a CA certificate without key usage",
        certificates: &[
            ("ca", "root", "basicConstraints=critical,CA:TRUE", "30"),
            ("seal", "ca", SEAL, "30"),
        ],
        leaf: "seal",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::Seal,
        accept: false,
    },
    Case {
        name: "pathLenConstraint 0 with a CA below",
        certificates: &[
            (
                "ca1",
                "root",
                "basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign",
                "30",
            ),
            ("ca2", "ca1", CA, "30"),
            ("seal", "ca2", SEAL, "30"),
        ],
        leaf: "seal",
        intermediates: &["ca1", "ca2"],
        later: 0,
        purpose: Purpose::Seal,
        accept: false,
    },
    Case {
        name: "pathLenConstraint 1 with a CA below",
        certificates: &[
            (
                "ca1",
                "root",
                "basicConstraints=critical,CA:TRUE,pathlen:1\nkeyUsage=critical,keyCertSign",
                "30",
            ),
            ("ca2", "ca1", CA, "30"),
            ("seal", "ca2", SEAL, "30"),
        ],
        leaf: "seal",
        intermediates: &["ca1", "ca2"],
        later: 0,
        purpose: Purpose::Seal,
        accept: true,
    },
    Case {
        name: "an intermediate expired at the judged time",
        certificates: &[("ca", "root", CA, "1"), ("seal", "ca", SEAL, "30")],
        leaf: "seal",
        intermediates: &["ca"],
        later: 3 * 86_400,
        purpose: Purpose::Seal,
        accept: false,
    },
    Case {
        name: "an intermediate with an unknown critical extension",
        certificates: &[
            (
                "ca",
                "root",
                "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n1.3.6.1.4.1.99999.1=critical,DER:0500",
                "30",
            ),
            ("seal", "ca", SEAL, "30"),
        ],
        leaf: "seal",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::Seal,
        accept: false,
    },
    Case {
        name: "a seal certificate with an unknown critical extension",
        certificates: &[
            ("ca", "root", CA, "30"),
            (
                "seal",
                "ca",
                "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,nonRepudiation\n1.3.6.1.4.1.99999.1=critical,DER:0500",
                "30",
            ),
        ],
        leaf: "seal",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::Seal,
        accept: false,
    },
    Case {
        name: "an unknown extension that is not critical",
        certificates: &[
            ("ca", "root", CA, "30"),
            (
                "seal",
                "ca",
                "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,nonRepudiation\n1.3.6.1.4.1.99999.1=DER:0500",
                "30",
            ),
        ],
        leaf: "seal",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::Seal,
        accept: true,
    },
    Case {
        name: "a certificate whose issuer name matches but whose key does not",
        certificates: &[
            ("ca", "root", CA, "30"),
            ("other", "root", CA, "30"),
            ("seal", "other", SEAL, "30"),
        ],
        // `seal` names CN=other; only `ca` is offered, under another name: no path.
        leaf: "seal",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::Seal,
        accept: false,
    },
    Case {
        name: "a time-stamping unit with a critical timeStamping usage",
        certificates: &[("ca", "root", CA, "30"), ("tsa", "ca", TSA, "30")],
        leaf: "tsa",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::TimeStamping,
        accept: true,
    },
    Case {
        name: "a time-stamping unit without the timeStamping usage",
        certificates: &[("ca", "root", CA, "30"), ("tsa", "ca", SEAL, "30")],
        leaf: "tsa",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::TimeStamping,
        accept: false,
    },
    Case {
        name: "a time-stamping unit whose timeStamping usage is not critical",
        certificates: &[
            ("ca", "root", CA, "30"),
            (
                "tsa",
                "ca",
                "basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=timeStamping",
                "30",
            ),
        ],
        leaf: "tsa",
        intermediates: &["ca"],
        later: 0,
        purpose: Purpose::TimeStamping,
        accept: false,
    },
    Case {
        name: "a time-stamping unit issued by an end-entity certificate",
        certificates: &[("ee", "root", SEAL, "30"), ("tsa", "ee", TSA, "30")],
        leaf: "tsa",
        intermediates: &["ee"],
        later: 0,
        purpose: Purpose::TimeStamping,
        accept: false,
    },
];

fn case_dir(index: usize) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("edc-path-{}-{index}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn chains_are_judged_as_openssl_judges_them() {
    if !pki_available() {
        return;
    }
    let mut disagreements = Vec::new();
    for (index, case) in CASES.iter().enumerate() {
        let dir = case_dir(index);
        root(&dir, "root");
        for (name, issuer, ext, days) in case.certificates {
            issue(&dir, name, issuer, ext, days);
        }
        let at = now() + case.later;
        let theirs = openssl_accepts(&dir, case.leaf, case.intermediates, at, case.purpose);
        let (ours, why) = ours_accepts(&dir, case.leaf, case.intermediates, at, case.purpose);
        if ours != theirs || ours != case.accept {
            disagreements.push(format!(
                "{}: openssl {theirs}, edc {ours} ({why}), the standard {}",
                case.name, case.accept
            ));
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    assert!(disagreements.is_empty(), "{disagreements:#?}");
}
