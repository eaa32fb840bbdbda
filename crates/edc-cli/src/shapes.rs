//! Where the EU's SHACL files are, decided in one place for every command (validate, verify,
//! convert, conformance, demo): `--shapes`, then `$EDC_SHAPES_DIR`, then the user's cache
//! (`~/.cache/edc/shapes`) when it holds them, then — only where the command allows the network
//! for it — fetched from the EU into the cache. `None`: the built-in essentials apply, and the
//! commands say so.

use anyhow::{Context, Result};
use edc_shacl::Profile;
use std::path::PathBuf;

fn cache() -> Option<PathBuf> {
    std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map(|c| c.join("edc").join("shapes"))
}

/// The folder holding `profile`'s SHACL files (or any profile's, when `profile` is None).
pub fn shapes_dir(
    given: Option<PathBuf>,
    profile: Option<Profile>,
    network: bool,
) -> Result<Option<PathBuf>> {
    if let Some(dir) = given.or_else(|| std::env::var_os("EDC_SHAPES_DIR").map(PathBuf::from)) {
        return Ok(Some(dir));
    }
    let wanted = profile.unwrap_or(Profile::GenericFull);
    let holds = |dir: &PathBuf| wanted.files().iter().all(|f| dir.join(f).is_file());
    if let Some(dir) = cache().filter(holds) {
        return Ok(Some(dir));
    }
    if network {
        let Some(dir) = cache() else { return Ok(None) };
        let policy = edc_context::NetworkPolicy::new().allow_hosts(["data.europa.eu"]);
        wanted
            .fetch_into(edc_shacl::PUBLISHED_BASE, &policy, &dir)
            .map_err(anyhow::Error::msg)
            .context("fetching the SHACL profile")?;
        return Ok(Some(dir));
    }
    Ok(None)
}

/// The demo's extra convenience: a `shared/europass/shacl` beside the current directory or one
/// of its parents (this project's layout), when no other place has the files.
pub fn beside_current_directory() -> Option<PathBuf> {
    let holds = |dir: &PathBuf| {
        Profile::GenericFull
            .files()
            .iter()
            .all(|f| dir.join(f).is_file())
    };
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .flat_map(|a| [a.join("shared"), a.join("../shared")])
        .map(|s| s.join("europass/shacl"))
        .find(holds)
}
