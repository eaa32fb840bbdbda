//! `edc validate`: SHACL validation against the EDC profile a credential names (or the one
//! asked for), with results grouped by focus node and named by ELM terms.

use crate::inspect::read_input;
use crate::Outcome;
use anyhow::{Context, Result};
use edc_context::{DocumentLoader, FindingKind, JsonLdProcessor, Term, ToRdfOptions};
use edc_model::Document;
use edc_shacl::{validate, Graph, Profile, ValidationResult};
use serde_json::{json, Value};

/// An ELM term name for an IRI: its last segment (`…/elm/eidasLegalIdentifier` →
/// `eidasLegalIdentifier`, `…/credentials#issuer` → `issuer`).
fn term_name(iri: &str) -> &str {
    iri.rsplit(['#', '/']).next().unwrap_or(iri)
}

fn show(term: &Term) -> String {
    match term {
        Term::Iri(i) => i.to_string(),
        Term::Blank(b) => format!("_:{b}"),
        Term::Literal(l) => match &l.language {
            Some(lang) => format!("{:?}@{lang}", l.value),
            None => format!("{:?}^^{}", l.value, term_name(&l.datatype)),
        },
    }
}

fn result_json(r: &ValidationResult, credential: &Value) -> Value {
    json!({
        "where": edc_shacl::explain::place(r, edc_context::JsonView::of(credential)),
        "sentence": edc_shacl::explain::in_words(r),
        "focusNode": show(&r.focus_node),
        "resultPath": r.path.as_ref().map(|p| p.to_string()),
        "value": r.value.as_ref().map(show),
        "sourceConstraintComponent": r.component,
        "resultSeverity": r.severity.to_string(),
        "sourceShape": show(&r.source_shape),
        "resultMessage": r.messages.iter().map(show).collect::<Vec<_>>(),
        "detail": r.details.iter().map(|d| result_json(d, credential)).collect::<Vec<_>>(),
    })
}

fn print_result(r: &ValidationResult, indent: &str, credential: &Value) {
    println!(
        "{indent}{}: {}",
        term_name(&r.severity),
        edc_shacl::explain::in_words(r)
    );
    for d in &r.details {
        println!(
            "{indent}  because, at {}:",
            edc_shacl::explain::place(d, edc_context::JsonView::of(credential))
        );
        print_result(d, &format!("{indent}    "), credential);
    }
}

/// Runs `validate`.
pub fn run(args: &crate::args::ValidateArgs) -> Result<Outcome> {
    let (file, profile, shapes) = (&args.file, args.profile.as_deref(), args.shapes.clone());
    let (network, json) = (args.network, args.json);
    let document = Document::from_slice(&read_input(file)?)
        .with_context(|| crate::inspect::unreadable(file))?;
    let credential = document.json_ld();
    let profile = match profile {
        Some(id) => Profile::from_id(id).with_context(|| {
            format!(
                "unknown profile `{id}`; one of: {}",
                edc_shacl::PROFILES.map(Profile::id).join(", ")
            )
        })?,
        None => Profile::named_by(&credential).unwrap_or(Profile::GenericFull),
    };
    let mut notes: Vec<String> = Vec::new();
    // Only the EU's host, when the network is allowed.
    let eu = network.then(|| {
        edc_context::HttpFetcher::new(
            edc_context::NetworkPolicy::new().allow_hosts(["data.europa.eu"]),
        )
    });
    let fetcher = eu.as_ref().map(|f| f as &dyn edc_context::Fetcher);
    let source = edc_shacl::ShapesSource::locate(shapes, Some(profile), fetcher)?;
    let (shapes, applied) = match source.folder() {
        Some(_) => (
            source
                .shapes(profile)
                .context("reading the SHACL profile")?
                .0,
            profile.id().to_string(),
        ),
        None => {
            notes.push(format!(
                "the official profile {} was NOT applied: its SHACL files are not at hand (name \
                 their folder with --shapes DIR or EDC_SHAPES_DIR, copy them to \
                 ~/.cache/edc/shapes, or allow --network); only edc's built-in essentials (the \
                 mandatory properties) were checked",
                profile.id()
            ));
            (source.shapes(profile)?.0, "edc essentials".to_string())
        }
    };
    let processor = JsonLdProcessor::new(DocumentLoader::new());
    let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
    let base = format!("file://{}", absolute.display());
    // Without a base, relative IRI references are dropped (JSON-LD 1.1); the EU validator
    // (rdflib) keeps them, so they are validated resolved against the file's URL, and said.
    let plain = processor
        .to_rdf(&credential, &ToRdfOptions::lenient())
        .map_err(|e| anyhow::anyhow!("{e}"))
        .context("converting the credential to RDF")?;
    let relative: Vec<_> = plain
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::RelativeIriReference)
        .cloned()
        .collect();
    // Converted again only when there are relative references to keep.
    let rdf = if relative.is_empty() {
        plain
    } else {
        let options = ToRdfOptions {
            base: Some(base),
            ..ToRdfOptions::lenient()
        };
        processor
            .to_rdf(&credential, &options)
            .map_err(|e| anyhow::anyhow!("{e}"))?
    };
    notes.extend(
        rdf.findings
            .iter()
            .map(|f| format!("{}: {}", f.pointer, f.message)),
    );
    if !relative.is_empty() {
        notes.push(format!(
            "{} relative IRI reference(s) (e.g. {} `{}`) are validated as IRIs resolved against the \
             file's URL, as the EU's validator (rdflib) keeps them; a JSON-LD 1.1 conversion \
             without a base drops them",
            relative.len(),
            relative[0].pointer,
            relative[0].value
        ));
    }
    // Nothing the profile targets: a conformance verdict would be empty, not a yes.
    const EDC_CLASS: &str = "http://data.europa.eu/snb/model/elm/EuropeanDigitalCredential";
    let credentials = rdf
        .dataset
        .quads
        .iter()
        .filter(|q| {
            &*q.predicate == "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
                && matches!(&q.object, Term::Iri(iri) if &**iri == EDC_CLASS)
        })
        .count();
    if credentials == 0 {
        let why = if rdf.dataset.quads.is_empty() {
            "its JSON-LD gives no RDF at all (is `@context` missing?)".to_string()
        } else {
            "no node is a EuropeanDigitalCredential (its `type` must include EuropeanDigitalCredential, under the EDC context)".to_string()
        };
        if json {
            let out = json!({"conforms": null, "profile": profile.id(), "applied": applied,
                "couldNotValidate": format!("nothing to validate: {why}"), "notes": notes});
            println!("{}", serde_json::to_string_pretty(&out)?);
        } else {
            eprintln!(
                "edc: {}: could not validate: {why}; {applied} was not applied to anything",
                file.display()
            );
        }
        return Ok(Outcome::CouldNotCheck);
    }
    let report = validate(&Graph::from_dataset(&rdf.dataset), &shapes);
    if json {
        let out = json!({
            "conforms": report.conforms,
            "profile": profile.id(),
            "applied": applied,
            "results": report.results.iter().map(|r| result_json(r, &credential)).collect::<Vec<_>>(),
            "notes": notes,
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        if report.conforms {
            println!("{}: conforms to {applied}", file.display());
        } else {
            println!(
                "{}: does not conform to {applied} ({} result(s))",
                file.display(),
                report.results.len()
            );
            // Grouped by where the node is written in the credential (its JSON pointer).
            let index = edc_shacl::explain::Places::of(edc_context::JsonView::of(&credential));
            let mut places: Vec<String> = Vec::new();
            for r in &report.results {
                let place = index.place(r);
                if !places.contains(&place) {
                    places.push(place);
                }
            }
            for place in places {
                println!("at {place}:");
                for r in report.results.iter().filter(|r| index.place(r) == place) {
                    print_result(r, "  ", &credential);
                }
            }
        }
        for note in &notes {
            println!("note: {note}");
        }
    }
    Ok(if report.conforms {
        Outcome::Ok
    } else {
        Outcome::Failed
    })
}
