//! Where the EU's SHACL files come from, decided in one place for every command and library
//! (validate, verify, convert, conformance): a folder the caller names, then `$EDC_SHAPES_DIR`,
//! then the user's cache (`~/.cache/edc/shapes`) when it holds the profile, then — only when the
//! caller allows the network — the EU's published files fetched into that cache. Without any,
//! the built-in essentials apply, and [`ShapesSource::shapes`] says so.

use crate::{Profile, ShaclError, Shapes};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

/// The SHACL files at hand, and the shapes read from them: each profile parsed once, shared by
/// every thread that validates.
#[derive(Debug, Default)]
pub struct ShapesSource {
    dir: Option<PathBuf>,
    /// The EU's files given as text, by file name (a host without a file system).
    texts: Option<HashMap<String, String>>,
    read: Mutex<HashMap<Profile, Arc<Shapes>>>,
    essentials: OnceLock<Arc<Shapes>>,
}

/// Which shapes were applied.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Applied {
    /// The official profile, from the EU's files.
    Official(Profile),
    /// edc's built-in essentials, because the official profile's files were not at hand.
    Essentials(Profile),
}

impl Applied {
    /// In words, for a report: the profile's id, or the essentials and what was not applied.
    pub fn describe(self) -> String {
        match self {
            Applied::Official(profile) => profile.id().to_string(),
            Applied::Essentials(profile) => format!(
                "edc essentials (the official profile {} was NOT applied: its files were not given)",
                profile.id()
            ),
        }
    }
}

/// The user's cache folder for profiles: `$XDG_CACHE_HOME/edc/shapes` or `~/.cache/edc/shapes`.
fn cache() -> Option<PathBuf> {
    edc_context::user_cache_dir("shapes")
}

impl ShapesSource {
    /// No files: the built-in essentials apply.
    pub fn essentials_only() -> ShapesSource {
        ShapesSource::default()
    }

    /// The EU's SHACL files given as text, by file name (`edc-ap-shapes.ttl`, …): for a host
    /// without a file system (WebAssembly).
    pub fn texts(files: HashMap<String, String>) -> ShapesSource {
        ShapesSource {
            texts: Some(files),
            ..ShapesSource::default()
        }
    }

    /// The EU's files in `dir`.
    pub fn dir(dir: impl Into<PathBuf>) -> ShapesSource {
        ShapesSource {
            dir: Some(dir.into()),
            ..ShapesSource::default()
        }
    }

    /// The files as the rule above finds them: `given`, `$EDC_SHAPES_DIR`, the cache when it
    /// holds `profile`'s files (any profile's: the generic full one), then, with a `fetcher`,
    /// fetched from the EU ([`PUBLISHED_BASE`](crate::PUBLISHED_BASE)) into the cache.
    /// Essentials only when none is at hand; an error only when a fetch that was allowed fails.
    pub fn locate(
        given: Option<PathBuf>,
        profile: Option<Profile>,
        fetcher: Option<&dyn edc_context::Fetcher>,
    ) -> Result<ShapesSource, ShaclError> {
        if let Some(dir) = given.or_else(|| std::env::var_os("EDC_SHAPES_DIR").map(PathBuf::from)) {
            return Ok(ShapesSource::dir(dir));
        }
        let wanted = profile.unwrap_or(Profile::GenericFull);
        if let Some(dir) = cache().filter(|dir| holds(dir, wanted)) {
            return Ok(ShapesSource::dir(dir));
        }
        match (cache(), fetcher) {
            (Some(dir), Some(fetcher)) => {
                wanted
                    .fetch_into(crate::PUBLISHED_BASE, fetcher, &dir)
                    .map_err(|e| e.context("fetching the SHACL profile: "))?;
                Ok(ShapesSource::dir(dir))
            }
            _ => Ok(ShapesSource::essentials_only()),
        }
    }

    /// The folder of the EU's files, when there is one.
    pub fn folder(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// What applies to a credential of `profile`, without reading anything.
    pub fn applies(&self, profile: Profile) -> Applied {
        match (&self.dir, &self.texts) {
            (None, None) => Applied::Essentials(profile),
            _ => Applied::Official(profile),
        }
    }

    /// The shapes of `profile` (read once), and which they are.
    pub fn shapes(&self, profile: Profile) -> Result<(Arc<Shapes>, Applied), ShaclError> {
        if self.dir.is_none() && self.texts.is_none() {
            let essentials = self
                .essentials
                .get_or_init(|| Arc::new(crate::essentials()))
                .clone();
            return Ok((essentials, Applied::Essentials(profile)));
        }
        let mut read = self.read.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(shapes) = read.get(&profile) {
            return Ok((shapes.clone(), Applied::Official(profile)));
        }
        let shapes = Arc::new(match &self.dir {
            Some(dir) => profile.load(dir)?,
            None => profile.load_with(|file| {
                let texts = self.texts.as_ref();
                texts
                    .and_then(|t| t.get(file))
                    .map(|text| (file.to_string(), text.clone()))
                    .ok_or_else(|| {
                        ShaclError::new(
                            crate::ShaclErrorKind::Io,
                            format!(
                                "the profile {} needs the file {file}, which was not given",
                                profile.id()
                            ),
                        )
                    })
            })?,
        });
        read.insert(profile, shapes.clone());
        Ok((shapes, Applied::Official(profile)))
    }
}

/// True when `dir` holds every file of `profile`.
pub fn holds(dir: &Path, profile: Profile) -> bool {
    profile.files().iter().all(|f| dir.join(f).is_file())
}

#[cfg(test)]
mod texts {
    use super::*;

    #[test]
    fn files_given_as_text_apply_the_official_profile_and_a_missing_one_is_named() {
        let Some(shared) = edc_testkit::shared_dir() else {
            return;
        };
        let dir = shared.join("europass/shacl");
        let profile = Profile::GenericFull;
        let mut files = HashMap::new();
        for file in profile.files() {
            files.insert(
                file.to_string(),
                std::fs::read_to_string(dir.join(file)).unwrap(),
            );
        }
        let from_dir = ShapesSource::dir(&dir).shapes(profile).unwrap();
        let from_texts = ShapesSource::texts(files.clone()).shapes(profile).unwrap();
        assert_eq!(from_texts.1, Applied::Official(profile));
        assert!(!from_dir.0.shapes.is_empty());
        assert_eq!(from_texts.0.shapes.len(), from_dir.0.shapes.len());
        let missing = profile.files()[0];
        files.remove(missing);
        let err = ShapesSource::texts(files).shapes(profile).unwrap_err();
        assert!(err.to_string().contains(missing), "{err}");
    }
}
