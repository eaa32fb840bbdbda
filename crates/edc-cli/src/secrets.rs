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
