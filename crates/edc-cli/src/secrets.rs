//! Reading secret files (private keys, PKCS#12 stores, passwords): a file other users can read
//! gets a warning, or is refused under `--strict-permissions`. The contents are never echoed.

use anyhow::{bail, Context, Result};
use std::path::Path;
use std::sync::OnceLock;

/// Set once from `--strict-permissions`.
pub static STRICT_PERMISSIONS: OnceLock<bool> = OnceLock::new();

/// The bytes of a secret file, after its permissions are judged.
pub fn read_secret(path: &Path) -> Result<Vec<u8>> {
    judge_permissions(path)?;
    std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))
}

/// The text of a secret file, after its permissions are judged.
pub fn read_secret_text(path: &Path) -> Result<String> {
    let bytes = read_secret(path)?;
    String::from_utf8(bytes).map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", path.display()))
}

#[cfg(unix)]
fn judge_permissions(path: &Path) -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let Ok(metadata) = std::fs::metadata(path) else {
        return Ok(()); // the read that follows says why
    };
    let mode = metadata.permissions().mode() & 0o777;
    if mode & 0o077 == 0 {
        return Ok(());
    }
    let advice = format!(
        "{} holds a secret and other users can read it (mode {mode:03o}); run `chmod 600 {}`",
        path.display(),
        path.display()
    );
    if STRICT_PERMISSIONS.get().copied().unwrap_or(false) {
        bail!("{advice} (refused under --strict-permissions)");
    }
    eprintln!("warning: {advice}");
    Ok(())
}

#[cfg(not(unix))]
fn judge_permissions(_: &Path) -> Result<()> {
    Ok(())
}

/// Where the password of an encrypted PKCS#8 key comes from (`--key-password-file`,
/// `--key-password-env`).
#[derive(Debug, Default)]
pub struct KeyPassword {
    /// A file holding it.
    pub file: Option<std::path::PathBuf>,
    /// An environment variable holding it.
    pub env: Option<String>,
}

/// The key password options of this run.
pub static KEY_PASSWORD: OnceLock<KeyPassword> = OnceLock::new();

/// `text` (a key file's content) with an encrypted PKCS#8 PEM key decrypted into a plain
/// `PRIVATE KEY` PEM, with the password the options give; other text as it is.
pub fn decrypt_key_pem(text: &str, path: &Path) -> Result<String> {
    const LABEL: &str = "-----BEGIN ENCRYPTED PRIVATE KEY-----";
    if !text.trim_start().starts_with(LABEL) {
        return Ok(text.to_string());
    }
    let options = KEY_PASSWORD.get();
    let password = match (options.and_then(|o| o.file.as_ref()), options.and_then(|o| o.env.as_ref())) {
        (Some(file), _) => {
            let text = read_secret_text(file)?;
            text.trim_end_matches(['\n', '\r']).to_string()
        }
        (None, Some(var)) => std::env::var(var)
            .map_err(|_| anyhow::anyhow!("--key-password-env {var}: the variable is not set"))?,
        (None, None) => anyhow::bail!(
            "{} is an encrypted PKCS#8 key: give its password with --key-password-file FILE or --key-password-env VAR",
            path.display()
        ),
    };
    let (_, der) = pkcs8::der::pem::decode_vec(text.trim().as_bytes())
        .map_err(|e| anyhow::anyhow!("{}: not a PEM key: {e}", path.display()))?;
    let encrypted = pkcs8::EncryptedPrivateKeyInfo::try_from(der.as_slice())
        .map_err(|e| anyhow::anyhow!("{}: not an encrypted PKCS#8 key: {e}", path.display()))?;
    let document = encrypted.decrypt(password.as_bytes()).map_err(|_| {
        anyhow::anyhow!(
            "{}: the password does not open the key (or its encryption is not PBES2 with AES and PBKDF2 or scrypt)",
            path.display()
        )
    })?;
    let pem = document
        .to_pem("PRIVATE KEY", pkcs8::LineEnding::LF)
        .map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
    Ok(pem.to_string())
}
