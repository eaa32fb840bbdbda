//! The six EDC application profiles (SHACL shapes published by the Europass platform): which
//! files make each one, and which one a credential names in `credentialSchema`.

use crate::{Graph, Shapes};
use std::path::Path;

/// An EDC application profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Profile {
    /// `edc-generic-no-cv`.
    GenericNoCv,
    /// `edc-generic-full` (imports no-cv).
    GenericFull,
    /// `edc-accredited` (imports generic-full).
    Accredited,
    /// `edc-issued-by-mandate` (imports generic-full).
    IssuedByMandate,
    /// `edc-converted` (imports generic-full).
    Converted,
    /// `edc-diploma-supplement` (imports generic-full).
    DiplomaSupplement,
}

/// Where the EU publishes the profiles' shapes: `{PUBLISHED_BASE}{id}`.
pub const PUBLISHED_BASE: &str = "http://data.europa.eu/snb/model/ap/";

/// Every profile.
pub const PROFILES: [Profile; 6] = [
    Profile::GenericNoCv,
    Profile::GenericFull,
    Profile::Accredited,
    Profile::IssuedByMandate,
    Profile::Converted,
    Profile::DiplomaSupplement,
];

impl Profile {
    /// The profile's id, the last segment of its IRI
    /// (`http://data.europa.eu/snb/model/ap/{id}`).
    pub fn id(self) -> &'static str {
        match self {
            Profile::GenericNoCv => "edc-generic-no-cv",
            Profile::GenericFull => "edc-generic-full",
            Profile::Accredited => "edc-accredited",
            Profile::IssuedByMandate => "edc-issued-by-mandate",
            Profile::Converted => "edc-converted",
            Profile::DiplomaSupplement => "edc-diploma-supplement",
        }
    }

    /// The profile an id or IRI names (its last path segment).
    pub fn from_id(id: &str) -> Option<Profile> {
        let tail = id.trim_end_matches('/').rsplit('/').next().unwrap_or(id);
        PROFILES.into_iter().find(|p| p.id() == tail)
    }

    /// The profile a credential names in `credentialSchema` (an object or an array of them,
    /// each with an `id`), if any.
    pub fn named_by(credential: &serde_json::Value) -> Option<Profile> {
        let schema = credential.get("credentialSchema")?;
        let items = match schema {
            serde_json::Value::Array(items) => items.iter().collect(),
            one => vec![one],
        };
        items
            .into_iter()
            .filter_map(|s| s.get("id").and_then(serde_json::Value::as_str))
            .find_map(Profile::from_id)
    }

    /// The shapes files of the profile, imports first, as the EU publishes them.
    pub fn files(self) -> &'static [&'static str] {
        const NO_CV: &str = "EDC-generic-no-cv.ttl";
        const FULL: &str = "EDC-generic-full.ttl";
        match self {
            Profile::GenericNoCv => &[NO_CV],
            Profile::GenericFull => &[NO_CV, FULL],
            Profile::Accredited => &[NO_CV, FULL, "EDC-accredited.ttl"],
            Profile::IssuedByMandate => &[NO_CV, FULL, "EDC-issuedByMandate.ttl"],
            Profile::Converted => &[NO_CV, FULL, "EDC-converted.ttl"],
            Profile::DiplomaSupplement => &[NO_CV, FULL, "EDC-diplomaSupplement.ttl"],
        }
    }

    /// The ids of the profiles whose files make this one, imports first (parallel to
    /// [`Profile::files`]).
    pub fn chain(self) -> Vec<Profile> {
        match self {
            Profile::GenericNoCv => vec![Profile::GenericNoCv],
            Profile::GenericFull => vec![Profile::GenericNoCv, Profile::GenericFull],
            other => vec![Profile::GenericNoCv, Profile::GenericFull, other],
        }
    }

    /// Fetches the profile's Turtle files from `base` (the EU publishes them under
    /// [`PUBLISHED_BASE`]`{id}`) through `fetcher`, and writes them to `dir` under the names
    /// [`Profile::load`] reads. Each answer must parse as Turtle.
    pub fn fetch_into(
        self,
        base: &str,
        fetcher: &dyn edc_context::Fetcher,
        dir: &Path,
    ) -> Result<(), crate::ShaclError> {
        self.fetch_into_text(base, fetcher, dir)
            .map_err(|message| crate::ShaclError::new(crate::ShaclErrorKind::Network, message))
    }

    fn fetch_into_text(
        self,
        base: &str,
        fetcher: &dyn edc_context::Fetcher,
        dir: &Path,
    ) -> Result<(), String> {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for (profile, file) in self.chain().into_iter().zip(self.files()) {
            let url = format!("{base}{}", profile.id());
            let body = fetcher
                .get(&url, "text/turtle")
                .map_err(|e| format!("{url}: {e}"))?;
            let text = String::from_utf8(body).map_err(|_| format!("{url}: not UTF-8 text"))?;
            Graph::from_turtle(&text, None)
                .map_err(|e| format!("{url} did not answer with Turtle: {e}"))?;
            std::fs::write(dir.join(file), text).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
        Ok(())
    }

    /// Reads the profile's shapes from `dir` (a folder holding the EU's Turtle files).
    pub fn load(self, dir: &Path) -> Result<Shapes, crate::ShaclError> {
        use crate::ShaclErrorKind::Io;
        self.load_with(|file| {
            let path = dir.join(file);
            std::fs::read_to_string(&path)
                .map(|text| (path.display().to_string(), text))
                .map_err(|e| {
                    crate::ShaclError::new(
                        Io,
                        format!(
                            "cannot read {} ({e}); name the folder of the EDC SHACL files with --shapes",
                            path.display()
                        ),
                    )
                })
        })
    }

    /// The profile's shapes from its files as `read` gives them (by file name: a place to name
    /// in errors, and the Turtle text).
    pub fn load_with(
        self,
        mut read: impl FnMut(&str) -> Result<(String, String), crate::ShaclError>,
    ) -> Result<Shapes, crate::ShaclError> {
        let mut graph = Graph::new();
        for file in self.files() {
            let (place, text) = read(file)?;
            graph
                .add_turtle(&text, None)
                .map_err(|e| e.context(&format!("{place}: ")))?;
        }
        Shapes::read(&graph)
    }
}

/// The built-in essentials rule set (written for edc, not an official profile): the mandatory
/// properties every EDC carries. For use when the official profile's files are not at hand; a
/// report made with it must say that the official profile was not applied.
pub fn essentials() -> Shapes {
    let graph = Graph::from_turtle(include_str!("../shapes/essentials.ttl"), None)
        .expect("the built-in essentials shapes are valid Turtle");
    Shapes::read(&graph).expect("the built-in essentials shapes are valid SHACL")
}
