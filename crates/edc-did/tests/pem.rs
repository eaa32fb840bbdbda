//! PKCS#8 PEM keys, checked against OpenSSL (an independent implementation): keys OpenSSL
//! generates read here with the public key OpenSSL derives, and keys we write read in OpenSSL.
//! Skipped (with a message) when the `openssl` command is missing.

use edc_did::{KeyPair, KeyType};
use std::process::Command;

fn openssl(args: &[&str], input: Option<&str>) -> Option<Vec<u8>> {
    let mut command = Command::new("openssl");
    command.args(args);
    let output = match input {
        None => command.output().ok()?,
        Some(text) => {
            use std::io::Write;
            let mut child = command
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .ok()?;
            child.stdin.take()?.write_all(text.as_bytes()).ok()?;
            child.wait_with_output().ok()?
        }
    };
    if !output.status.success() {
        eprintln!(
            "openssl {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    output.status.success().then_some(output.stdout)
}

#[test]
fn pkcs8_keys_agree_with_openssl() {
    if openssl(&["version"], None).is_none() {
        eprintln!("SKIPPED: the openssl command is not available");
        return;
    }
    for (key_type, generate) in [
        (KeyType::Ed25519, vec!["genpkey", "-algorithm", "ed25519"]),
        (
            KeyType::P256,
            vec![
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
            ],
        ),
        (
            KeyType::P384,
            vec![
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:P-384",
            ],
        ),
        (
            KeyType::Secp256k1,
            vec![
                "genpkey",
                "-algorithm",
                "EC",
                "-pkeyopt",
                "ec_paramgen_curve:secp256k1",
            ],
        ),
    ] {
        let pem =
            String::from_utf8(openssl(&generate, None).expect("openssl generates a key")).unwrap();
        let key = KeyPair::from_pkcs8_pem(&pem).unwrap();
        assert_eq!(key.key_type(), key_type);
        // OpenSSL's public key (SubjectPublicKeyInfo DER; compressed point for EC) ends with ours.
        let mut args = vec!["pkey", "-pubout", "-outform", "DER"];
        if key_type != KeyType::Ed25519 {
            args.extend(["-ec_conv_form", "compressed"]);
        }
        let spki = openssl(&args, Some(&pem)).expect("openssl derives the public key");
        let ours = key.public_key().to_bytes();
        assert!(spki.ends_with(&ours), "{key_type:?}: public keys differ");

        // What we write, OpenSSL reads, to the same public key.
        let written = key.to_pkcs8_pem().unwrap();
        let spki_again = openssl(&args, Some(&written)).expect("openssl reads our PKCS#8");
        assert_eq!(spki, spki_again, "{key_type:?}");
    }
}
