//! Validation of each credential before it is signed: JSON-LD without data loss, then the
//! SHACL profile the credential names (official files when given, built-in essentials
//! otherwise). Profile results are told in ELM terms and, where the template shows which
//! column feeds the property, with that column.

use crate::input::RowError;
use crate::mapping::Mapping;
use edc_context::{Dataset, DocumentLoader, JsonLdProcessor, ToRdfOptions};
use edc_shacl::{Applied, Graph, Profile, ShapesSource};
use serde_json::Value;

/// Validates credentials; shapes are parsed once per profile and shared by the workers.
pub struct Validator {
    processor: JsonLdProcessor,
    shapes: ShapesSource,
}

/// The last segment of an IRI (`…/elm/eqfLevel` → `eqfLevel`).
fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#']).next().unwrap_or(iri)
}

impl Validator {
    /// A validator using the EU's SHACL files `shapes` finds, or the built-in essentials.
    pub fn new(shapes: ShapesSource) -> Validator {
        Validator {
            processor: JsonLdProcessor::new(DocumentLoader::new()),
            shapes,
        }
    }

    /// Which profile a credential like `template` is validated against, in words.
    pub fn describe(&self, template: &Value) -> String {
        let profile = Profile::named_by(template).unwrap_or(Profile::GenericFull);
        match self.shapes.applies(profile) {
            Applied::Official(profile) => format!("the official profile {}", profile.id()),
            _ => format!(
                "edc essentials (the official profile {} was NOT applied: give the EU's SHACL files)",
                profile.id()
            ),
        }
    }

    /// Checks one credential; its RDF when it conforms (what a Data Integrity proof signs), or
    /// the errors, naming the row and, when the template tells, the column.
    pub fn check(
        &self,
        credential: &Value,
        row: usize,
        mapping: &Mapping,
    ) -> Result<Dataset, Vec<RowError>> {
        let error = |column: Option<String>, message: String| RowError {
            row,
            column,
            message,
        };
        let rdf = self
            .processor
            .to_rdf(credential, &ToRdfOptions::strict())
            .map_err(|e| {
                vec![error(
                    None,
                    format!("the credential is not valid JSON-LD: {e}"),
                )]
            })?;
        let profile = Profile::named_by(credential).unwrap_or(Profile::GenericFull);
        let (shapes, _) = self
            .shapes
            .shapes(profile)
            .map_err(|e| vec![error(None, e.into())])?;
        let report = edc_shacl::validate(&Graph::from_dataset(&rdf.dataset), &shapes);
        let pointers = mapping.pointers();
        let mut errors = Vec::new();
        for result in report.findings() {
            let path = result
                .path
                .as_ref()
                .map(|p| p.to_string())
                .unwrap_or_default();
            let property = local_name(path.trim_matches(['<', '>']));
            let focus = result.focus_label();
            let message = result
                .message()
                .unwrap_or_else(|| result.component_name())
                .to_string();
            // The column whose placeholder sits under this property in the template.
            let column = pointers
                .iter()
                .find(|(_, pointer)| {
                    !property.is_empty() && pointer.split('/').any(|seg| seg == property)
                })
                .map(|(c, _)| c.clone());
            errors.push(error(
                column,
                format!(
                    "{property} of {focus}: {message} (profile {})",
                    profile.id()
                ),
            ));
        }
        if errors.is_empty() {
            Ok(rdf.dataset)
        } else {
            Err(errors)
        }
    }
}
