//! A key file's text, in the forms edc reads and writes: Multikey JSON with
//! `secretKeyMultibase` (what `edc keygen` and `edc serve` write), a private JWK, a PKCS#8 PEM
//! private key, or a bare secret multikey.

use crate::keys::{KeyError, KeyErrorKind, KeyPair};
use serde_json::{json, Value};

impl KeyPair {
    /// Reads a key file's text (never quoting the secret in an error). An encrypted PEM must be
    /// decrypted by the caller first.
    pub fn from_key_text(text: &str) -> Result<KeyPair, KeyError> {
        let trimmed = text.trim();
        if trimmed.starts_with("-----BEGIN") {
            return KeyPair::from_pkcs8_pem(trimmed);
        }
        if !trimmed.starts_with('{') {
            return KeyPair::from_secret_multikey(trimmed);
        }
        let value: Value = serde_json::from_str(trimmed).map_err(|e| {
            KeyError::new(
                KeyErrorKind::Key,
                format!(
                    "the key file is not JSON (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )
        })?;
        if value.get("kty").is_some() {
            return KeyPair::from_jwk(&value);
        }
        let secret = value
            .get("secretKeyMultibase")
            .or_else(|| value.get("privateKeyMultibase"))
            .and_then(Value::as_str)
            .ok_or_else(|| {
                KeyError::new(
                    KeyErrorKind::Key,
                    "the key file has no secretKeyMultibase (nor is it a JWK or a PEM key)",
                )
            })?;
        KeyPair::from_secret_multikey(secret)
    }

    /// The key as a Multikey JSON file (with its did:key verification method): the form
    /// [`KeyPair::from_key_text`] reads first. It holds the secret.
    pub fn to_key_file_text(&self) -> zeroize::Zeroizing<String> {
        let (did, method) = crate::did_key(&self.public_key());
        let file = json!({
            "type": "Multikey",
            "id": method,
            "controller": did,
            "publicKeyMultibase": self.public_key().to_multikey(),
            "secretKeyMultibase": *self.to_secret_multikey(),
        });
        zeroize::Zeroizing::new(serde_json::to_string_pretty(&file).unwrap_or_default())
    }
}

/// Writes a new file (refusing an existing one) readable and writable by its owner only (mode
/// 0600 on Unix), and syncs it: for key files and other secrets.
pub fn write_private_file(path: &std::path::Path, contents: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut file = options.open(path)?;
    file.write_all(contents.as_bytes())?;
    file.sync_all()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::KeyType;

    #[test]
    fn every_form_reads_back_to_the_same_key() {
        for key_type in [KeyType::Ed25519, KeyType::P256] {
            let key = KeyPair::generate(key_type);
            let public = key.public_key().to_multikey();
            let forms = [
                key.to_key_file_text().to_string(),
                key.to_secret_multikey().to_string(),
                key.to_private_jwk().to_string(),
                key.to_pkcs8_pem().unwrap().to_string(),
            ];
            for form in forms {
                let read = KeyPair::from_key_text(&form).unwrap();
                assert_eq!(read.public_key().to_multikey(), public);
            }
        }
        let e = KeyPair::from_key_text("{\"secret\": \"z123\"}").unwrap_err();
        assert!(e.to_string().contains("secretKeyMultibase"), "{e}");
    }
}
