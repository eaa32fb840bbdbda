//! A test PKI made at test time with the `openssl` command (no key is ever committed): a CA, an
//! eSeal certificate with qualified-certificate statements, and an RFC 3161 time-stamp authority,
//! which can also answer over http on a loopback port.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

/// QCStatements: QcCompliance, QcType eseal, QcSSCD (ETSI EN 319 412-5), DER.
const QC_STATEMENTS: &str =
    "30293008060604008E4601013013060604008E4601063009060704008E460106023008060604008E460104";

/// Runs `openssl ARGS` in `dir`; true when it succeeds.
pub fn openssl(dir: &Path, args: &[&str]) -> bool {
    Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// True when the `openssl` command can make a test PKI; otherwise says the test is skipped,
/// and fails in CI (where openssl must be there).
pub fn pki_available() -> bool {
    if openssl_available() {
        return true;
    }
    assert!(!crate::in_ci(), "openssl is needed in CI");
    eprintln!("SKIPPED: the openssl command is not available");
    false
}

/// Makes ca.pem, seal.key and seal.pem in `dir`; `ec` chooses a P-256 seal key instead of RSA.
pub fn make_pki(dir: &Path, ec: bool) {
    make_pki_naming(dir, ec.then_some("P-256"), None, None);
}

/// [`make_pki`] with a seal key on `curve` (`P-256`, `P-384`, `P-521`; None: RSA 2048) and a
/// seal certificate that names an OCSP responder (Authority Information Access) and a CRL
/// distribution point, when given.
pub fn make_pki_naming(
    dir: &Path,
    curve: Option<&str>,
    ocsp_url: Option<&str>,
    crl_url: Option<&str>,
) {
    let mut revocation = String::new();
    if let Some(url) = ocsp_url {
        revocation.push_str(&format!("authorityInfoAccess=OCSP;URI:{url}\n"));
    }
    if let Some(url) = crl_url {
        revocation.push_str(&format!("crlDistributionPoints=URI:{url}\n"));
    }
    std::fs::write(
        dir.join("seal.cnf"),
        format!(
            "[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nC=ES\nO=Test University\nCN=Test University Seal\norganizationIdentifier=VATES-Q0000000J\n\
             [ext]\nkeyUsage=critical,nonRepudiation,digitalSignature\nbasicConstraints=critical,CA:FALSE\n\
             1.3.6.1.5.5.7.1.3=DER:{QC_STATEMENTS}\n{revocation}"
        ),
    )
    .unwrap();
    self_signed(dir, "ca", "30", "/C=ES/O=Test CA/CN=Test eSeal CA", &[]);
    let curve_option = format!("ec_paramgen_curve:{}", curve.unwrap_or_default());
    let key_args: &[&str] = match curve {
        Some(_) => &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            &curve_option,
            "-out",
            "seal.key",
        ],
        None => &[
            "genpkey",
            "-algorithm",
            "RSA",
            "-pkeyopt",
            "rsa_keygen_bits:2048",
            "-out",
            "seal.key",
        ],
    };
    assert!(openssl(dir, key_args));
    assert!(openssl(
        dir,
        &["req", "-new", "-key", "seal.key", "-out", "seal.csr", "-config", "seal.cnf"]
    ));
    issue_from_ca(dir, "seal");
}

/// After [`make_pki`]: another P-256 seal key and certificate from the same CA, whose subject's
/// organizationIdentifier is `organization_identifier` (`{stem}.key`, `{stem}.pem`).
pub fn make_seal_naming(dir: &Path, stem: &str, organization_identifier: &str) {
    std::fs::write(
        dir.join(format!("{stem}.cnf")),
        format!(
            "[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nC=EE\nO=Test Organisation\nCN=Test Organisation Seal\norganizationIdentifier={organization_identifier}\n\
             [ext]\nkeyUsage=critical,nonRepudiation,digitalSignature\nbasicConstraints=critical,CA:FALSE\n\
             1.3.6.1.5.5.7.1.3=DER:{QC_STATEMENTS}\n"
        ),
    )
    .unwrap();
    let key = format!("{stem}.key");
    assert!(openssl(
        dir,
        &[
            "genpkey",
            "-algorithm",
            "EC",
            "-pkeyopt",
            "ec_paramgen_curve:P-256",
            "-out",
            &key
        ]
    ));
    let (csr, cnf) = (format!("{stem}.csr"), format!("{stem}.cnf"));
    assert!(openssl(
        dir,
        &["req", "-new", "-key", &key, "-out", &csr, "-config", &cnf]
    ));
    issue_from_ca(dir, stem);
}

/// After [`make_pki`]: `seal.p12`, the seal key and certificate with the CA, under `password`
/// (OpenSSL 3's default: PBES2 with AES-256-CBC and a SHA-256 MAC).
pub fn make_p12(dir: &Path, password: &str) {
    let pass = format!("pass:{password}");
    assert!(openssl(
        dir,
        &[
            "pkcs12",
            "-export",
            "-inkey",
            "seal.key",
            "-in",
            "seal.pem",
            "-certfile",
            "ca.pem",
            "-passout",
            &pass,
            "-out",
            "seal.p12",
        ]
    ));
}

/// Makes a time-stamp authority (tsa.key, tsa.pem issued by ca.pem, and tsa.cnf for
/// `openssl ts -reply`) in `dir`, after [`make_pki`].
pub fn make_tsa(dir: &Path) {
    std::fs::write(
        dir.join("tsa.cnf"),
        "[req]\ndistinguished_name=dn\nprompt=no\n[dn]\nC=ES\nO=Test CA\nCN=Test TSA\n\
         [ext]\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=critical,timeStamping\n\
         basicConstraints=critical,CA:FALSE\n\
         [tsa]\ndefault_tsa=test_tsa\n[test_tsa]\nserial=./tsa.serial\nsigner_cert=./tsa.pem\n\
         signer_key=./tsa.key\nsigner_digest=sha256\ndefault_policy=1.3.6.1.4.1.4146.2.3\n\
         digests=sha256\naccuracy=secs:1\ness_cert_id_alg=sha256\n",
    )
    .unwrap();
    std::fs::write(dir.join("tsa.serial"), "01\n").unwrap();
    assert!(openssl(
        dir,
        &[
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "tsa.key", "-out",
            "tsa.csr", "-config", "tsa.cnf"
        ]
    ));
    issue_from_ca(dir, "tsa");
}

/// Makes a second time-stamp authority for archive time-stamps, under its own long-lived root:
/// `arc-tsa.pem` (self-signed, ten years, the anchor to trust), `arc-tsa.key` and
/// `arc-tsa.cnf` for [`openssl_time_stamp_with`].
pub fn make_archive_tsa(dir: &Path) {
    std::fs::write(
        dir.join("arc-tsa.cnf"),
        "[tsa]\ndefault_tsa=arc_tsa\n[arc_tsa]\nserial=./arc-tsa.serial\nsigner_cert=./arc-tsa.pem\n\
         signer_key=./arc-tsa.key\nsigner_digest=sha256\ndefault_policy=1.3.6.1.4.1.4146.2.3\n\
         digests=sha256\naccuracy=secs:1\ness_cert_id_alg=sha256\n",
    )
    .unwrap();
    std::fs::write(dir.join("arc-tsa.serial"), "01\n").unwrap();
    self_signed(
        dir,
        "arc-tsa",
        "3650",
        "/C=ES/O=Test Archive/CN=Archive TSA",
        &[
            "-addext",
            "extendedKeyUsage=critical,timeStamping",
            "-addext",
            "keyUsage=critical,digitalSignature",
        ],
    );
}

/// Makes `NAME.key` (RSA 2048) and `NAME.pem`, self-signed for `days` days, with `extra`
/// arguments for `openssl req`.
fn self_signed(dir: &Path, name: &str, days: &str, subject: &str, extra: &[&str]) {
    let (key, pem) = (format!("{name}.key"), format!("{name}.pem"));
    let mut args = vec![
        "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", &key, "-out", &pem, "-days",
        days, "-subj", subject,
    ];
    args.extend_from_slice(extra);
    assert!(openssl(dir, &args));
}

/// Issues `NAME.pem` from `NAME.csr` with the test CA, for 30 days, with the `[ext]` section of
/// `NAME.cnf`.
fn issue_from_ca(dir: &Path, name: &str) {
    let (csr, pem, cnf) = (
        format!("{name}.csr"),
        format!("{name}.pem"),
        format!("{name}.cnf"),
    );
    assert!(openssl(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            &csr,
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            &pem,
            "-days",
            "30",
            "-extfile",
            &cnf,
            "-extensions",
            "ext",
        ]
    ));
}

/// Asks the OpenSSL TSA in `dir` to answer a DER time-stamp query.
pub fn openssl_time_stamp(dir: &Path, query: &[u8]) -> Vec<u8> {
    openssl_time_stamp_with(dir, "tsa.cnf", query)
}

/// Asks the OpenSSL TSA configured by `config` (in `dir`) to answer a DER time-stamp query.
pub fn openssl_time_stamp_with(dir: &Path, config: &str, query: &[u8]) -> Vec<u8> {
    std::fs::write(dir.join("query.tsq"), query).unwrap();
    assert!(openssl(
        dir,
        &[
            "ts",
            "-reply",
            "-config",
            config,
            "-queryfile",
            "query.tsq",
            "-out",
            "reply.tsr"
        ]
    ));
    std::fs::read(dir.join("reply.tsr")).unwrap()
}

/// True when the `openssl` command runs.
pub fn openssl_available() -> bool {
    openssl(Path::new("."), &["version"])
}

/// A loopback port bound now (so that its URL can go into a certificate before anything is
/// served on it) and its URL with `path`.
pub fn loopback(path: &str) -> (TcpListener, String) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}/{path}", listener.local_addr().unwrap());
    (listener, url)
}

/// Answers OCSP requests on `listener` as the test CA of `dir` (`openssl ocsp -index` over its
/// database, responses signed by the CA); returns how many were answered so far.
pub fn serve_ocsp(dir: &Path, listener: TcpListener) -> std::sync::Arc<AtomicUsize> {
    let dir: PathBuf = dir.to_path_buf();
    answer_each(
        listener,
        usize::MAX,
        "application/ocsp-response",
        move |request| {
            std::fs::write(dir.join("ocsp-request.der"), request).unwrap();
            assert!(openssl(
                &dir,
                &[
                    "ocsp",
                    "-index",
                    "index.txt",
                    "-CA",
                    "ca.pem",
                    "-rsigner",
                    "ca.pem",
                    "-rkey",
                    "ca.key",
                    "-reqin",
                    "ocsp-request.der",
                    "-respout",
                    "ocsp-response.der",
                    "-ndays",
                    "1"
                ]
            ));
            std::fs::read(dir.join("ocsp-response.der")).unwrap()
        },
    )
}

/// Answers every request on `listener` with the file at `path` as it is at that time; returns
/// how many were answered so far.
pub fn serve_file(
    listener: TcpListener,
    path: PathBuf,
    content_type: &'static str,
) -> std::sync::Arc<AtomicUsize> {
    answer_each(listener, usize::MAX, content_type, move |_| {
        std::fs::read(&path).unwrap()
    })
}

/// Answers up to `requests` http requests on `listener` with what `answer` makes of each
/// request's body; returns how many were answered so far (counted before the answer is sent).
fn answer_each(
    listener: TcpListener,
    requests: usize,
    content_type: &'static str,
    answer: impl Fn(Vec<u8>) -> Vec<u8> + Send + 'static,
) -> std::sync::Arc<AtomicUsize> {
    let answered = std::sync::Arc::new(AtomicUsize::new(0));
    let count = answered.clone();
    std::thread::spawn(move || {
        for stream in listener.incoming().take(requests) {
            let Ok(mut stream) = stream else { continue };
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut length = 0usize;
            loop {
                let mut line = String::new();
                if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
                    break;
                }
                let lower = line.to_ascii_lowercase();
                if let Some(value) = lower.strip_prefix("content-length:") {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
            let mut body = vec![0u8; length];
            reader.read_exact(&mut body).unwrap();
            let reply = answer(body);
            let head = format!(
                "HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                reply.len()
            );
            count.fetch_add(1, Ordering::SeqCst);
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&reply);
        }
    });
    answered
}

/// Serves the OpenSSL TSA in `dir` over http on a loopback port for `requests` requests (each
/// answered by `openssl ts -reply`); returns the URL.
pub fn serve_tsa(dir: &Path, requests: usize) -> String {
    let (listener, url) = loopback("tsa");
    let dir: PathBuf = dir.to_path_buf();
    answer_each(
        listener,
        requests,
        "application/timestamp-reply",
        move |query| openssl_time_stamp(&dir, &query),
    );
    url
}

/// The test CA's database (`ca.cnf`, `index.txt`), made empty.
fn ca_database(dir: &Path) {
    std::fs::write(
        dir.join("ca.cnf"),
        "[ca]\ndefault_ca=test_ca\n[test_ca]\ndatabase=./index.txt\ncrlnumber=./crlnumber\n\
         certificate=./ca.pem\nprivate_key=./ca.key\ndefault_md=sha256\ndefault_crl_days=30\n",
    )
    .unwrap();
    std::fs::write(dir.join("index.txt"), "").unwrap();
    std::fs::write(dir.join("crlnumber"), "01\n").unwrap();
}

/// Enters the seal certificate in the test CA's database as valid (`openssl ca -valid`), for
/// the OCSP responder of [`serve_ocsp`] to answer "good".
pub fn register_seal_certificate(dir: &Path) {
    ca_database(dir);
    assert!(openssl(
        dir,
        &["ca", "-config", "ca.cnf", "-valid", "seal.pem"]
    ));
}

/// Marks the seal certificate revoked in the test CA's database (`openssl ca -revoke`).
pub fn revoke_seal_certificate(dir: &Path) {
    assert!(openssl(
        dir,
        &["ca", "-config", "ca.cnf", "-revoke", "seal.pem"]
    ));
}

/// A CRL (DER) from the test CA of [`make_pki`], listing the seal certificate when `revoke`.
pub fn make_crl(dir: &Path, revoke: bool) -> Vec<u8> {
    ca_database(dir);
    if revoke {
        revoke_seal_certificate(dir);
    }
    assert!(openssl(
        dir,
        &["ca", "-config", "ca.cnf", "-gencrl", "-out", "crl.pem"]
    ));
    assert!(openssl(
        dir,
        &["crl", "-in", "crl.pem", "-outform", "DER", "-out", "crl.der"]
    ));
    std::fs::read(dir.join("crl.der")).unwrap()
}
