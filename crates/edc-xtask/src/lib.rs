//! Generates the project's JSON-LD context for the EDC application profile (ELM v3) from the facts
//! of the ELM ontology (`ontology/ELM.ttl`, `ELM-external.ttl`) and the six EDC SHACL profiles.
//!
//! The rules:
//! - a **class term** for every class the profiles target or require (`sh:targetClass`,
//!   `sh:class`), named by its local name;
//! - a **property term** for every `sh:path` of the profiles, named by its local name, with
//!   `@type` from the shape's `sh:datatype` (`rdf:langString` becomes `@container: @language`),
//!   else `@id` when the shape asks for a node (`sh:class`, `sh:node`, IRI node kinds), else from
//!   the ontology's `rdfs:range`;
//! - the `cred:` (W3C VC) properties are left to the VC context;
//! - the published context's names and choices that the ontology does not carry are listed
//!   below as facts, each with its reason. They must be kept: the mapping is served for the
//!   official IRI, so a credential signed with the official context must give the same RDF here.

use oxrdf::{Subject, Term};
use oxttl::TurtleParser;
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const SH: &str = "http://www.w3.org/ns/shacl#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const RDFS_RANGE: &str = "http://www.w3.org/2000/01/rdf-schema#range";
const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
const CRED: &str = "https://www.w3.org/2018/credentials#";

/// The EDC profiles whose shapes define the vocabulary.
const PROFILES: [&str; 6] = [
    "EDC-generic-no-cv.ttl",
    "EDC-generic-full.ttl",
    "EDC-accredited.ttl",
    "EDC-diplomaSupplement.ttl",
    "EDC-converted.ttl",
    "EDC-issuedByMandate.ttl",
];

/// The prefixes the published context defines (documents use them in compact IRIs such as
/// `dc:identifier`). `clv` is published without its trailing slash, so it is not a usable prefix:
/// kept as published.
const PREFIXES: [(&str, &str); 15] = [
    ("adms", "http://www.w3.org/ns/adms#"),
    ("clv", "http://data.europa.eu/m8g"),
    ("cred", "https://www.w3.org/2018/credentials#"),
    ("dc", "http://purl.org/dc/terms/"),
    ("elm", "http://data.europa.eu/snb/model/elm/"),
    ("foaf", "http://xmlns.com/foaf/0.1/"),
    ("locn", "http://www.w3.org/ns/locn#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("person", "http://www.w3.org/ns/person#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("rov", "http://www.w3.org/ns/regorg#"),
    ("skos", "http://www.w3.org/2004/02/skos/core#"),
    ("vc", "http://data.europa.eu/snb/model/w3c/vc/"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

/// JSON names that are not the property's local name (the JSON binding's choices).
const RENAMES: [(&str, &str); 12] = [
    (
        "http://data.europa.eu/snb/model/elm/contentUrl",
        "contentURL",
    ),
    ("http://purl.org/dc/terms/issued", "dateIssued"),
    ("http://purl.org/dc/terms/modified", "dateModified"),
    ("http://purl.org/dc/terms/type", "dcType"),
    (
        "http://data.europa.eu/snb/model/elm/eidasLegalIdentifier",
        "eIDASIdentifier",
    ),
    ("http://data.europa.eu/snb/model/elm/subject", "elmSubject"),
    ("http://data.europa.eu/snb/model/elm/EQFLevel", "eqfLevel"),
    (
        "http://data.europa.eu/snb/model/elm/maxScore",
        "maximumScore",
    ),
    (
        "http://data.europa.eu/snb/model/elm/minScore",
        "minimumScore",
    ),
    ("http://data.europa.eu/snb/model/elm/NQFLevel", "nqfLevel"),
    (
        "http://data.europa.eu/snb/model/elm/ISCEDFCode",
        "thematicArea",
    ),
    ("http://purl.org/dc/terms/created", "dateCreated"),
];

/// Shape paths the published context maps to another IRI (spelling variants in the published
/// file, and the `clv` prefix without a slash, which makes `clv:latitude` an IRI of scheme `clv`).
const PUBLISHED_IRIS: [(&str, &str); 5] = [
    (
        "http://data.europa.eu/snb/model/elm/areaDialing",
        "http://data.europa.eu/snb/model/elm/areaDialingCode",
    ),
    (
        "http://data.europa.eu/snb/model/elm/nationalId",
        "http://data.europa.eu/snb/model/elm/nationalID",
    ),
    (
        "http://data.europa.eu/snb/model/elm/resultDistribution",
        "http://data.europa.eu/snb/model/elm/resultDestribution",
    ),
    ("http://data.europa.eu/m8g/latitude", "clv:latitude"),
    ("http://data.europa.eu/m8g/longitude", "clv:longitude"),
];

/// Shape paths the published context has no term for.
const UNPUBLISHED: [&str; 3] = [
    "http://data.europa.eu/snb/model/elm/defaultLanguage",
    "http://www.w3.org/ns/locn#geometry",
    "http://www.w3.org/ns/org#hasMember",
];

/// Terms the published context has beyond the shapes' paths: (IRI, type).
const EXTRA_PROPERTIES: [(&str, Option<&str>); 2] = [
    ("http://purl.org/dc/terms/created", Some("xsd:dateTime")),
    ("http://purl.org/dc/terms/publisher", Some("@id")),
];

/// Published coercions that differ from what the shapes and ontology say, by term:
/// `dateModified` is published as `@id` although the shapes say `xsd:dateTime` (the cause of the
/// "relative IRI reference" findings on the accredited samples); the others have no datatype in
/// the shapes or ontology.
const PUBLISHED_TYPES: [(&str, Option<&str>); 9] = [
    ("areaDialingCode", Some("xsd:string")),
    ("dateModified", Some("@id")),
    ("descriptionHtml", Some("@id")),
    ("identifier", Some("@id")),
    ("latitude", Some("xsd:string")),
    ("longitude", Some("xsd:string")),
    ("member", Some("@id")),
    ("nationalID", Some("@id")),
    ("resultDestribution", Some("@id")),
];

/// One triple, with objects reduced to what the generator needs.
struct Triple {
    subject: String,
    predicate: String,
    object: String,
}

fn read_turtle(path: &Path) -> Result<Vec<Triple>, String> {
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut triples = Vec::new();
    for result in TurtleParser::new().for_slice(&bytes) {
        let t = result.map_err(|e| format!("{}: {e}", path.display()))?;
        let subject = match &t.subject {
            Subject::NamedNode(n) => n.as_str().to_string(),
            Subject::BlankNode(b) => format!("_:{}", b.as_str()),
            #[allow(unreachable_patterns)]
            _ => continue,
        };
        let object = match &t.object {
            Term::NamedNode(n) => n.as_str().to_string(),
            Term::BlankNode(b) => format!("_:{}", b.as_str()),
            Term::Literal(l) => l.value().to_string(),
            #[allow(unreachable_patterns)]
            _ => continue,
        };
        triples.push(Triple {
            subject,
            predicate: t.predicate.as_str().to_string(),
            object,
        });
    }
    Ok(triples)
}

fn local_name(iri: &str) -> &str {
    iri.rsplit(['/', '#', ':']).next().unwrap_or(iri)
}

fn compact(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter(|(_, ns)| ns.ends_with(['/', '#']) && iri.starts_with(ns) && iri.len() > ns.len())
        .max_by_key(|(_, ns)| ns.len())
        .map(|(p, ns)| format!("{p}:{}", &iri[ns.len()..]))
        .unwrap_or_else(|| iri.to_string())
}

/// What the shapes say about one path.
#[derive(Default)]
struct PathFacts {
    datatypes: BTreeSet<String>,
    node: bool,
}

/// Generates the context document (pretty JSON with a final newline).
pub fn generate_edc_context(europass: &Path) -> Result<String, String> {
    let mut shapes = Vec::new();
    for profile in PROFILES {
        shapes.extend(read_turtle(&europass.join("shacl").join(profile))?);
    }
    let mut ontology = read_turtle(&europass.join("ontology/ELM.ttl"))?;
    ontology.extend(read_turtle(&europass.join("ontology/ELM-external.ttl"))?);

    // Shapes: what each path's property shapes require.
    let mut by_subject: BTreeMap<&str, Vec<&Triple>> = BTreeMap::new();
    for t in &shapes {
        by_subject.entry(&t.subject).or_default().push(t);
    }
    let mut paths: BTreeMap<String, PathFacts> = BTreeMap::new();
    let mut classes: BTreeSet<String> = BTreeSet::new();
    for t in &shapes {
        if t.predicate == format!("{SH}targetClass") || t.predicate == format!("{SH}class") {
            classes.insert(t.object.clone());
        }
        if t.predicate != format!("{SH}path") || t.object.starts_with("_:") {
            continue;
        }
        let facts = paths.entry(t.object.clone()).or_default();
        for fact in &by_subject[t.subject.as_str()] {
            let p = fact.predicate.strip_prefix(SH).unwrap_or("");
            match p {
                "datatype" => {
                    facts.datatypes.insert(fact.object.clone());
                }
                "class" | "node" => facts.node = true,
                "nodeKind"
                    if fact.object.ends_with("#IRI")
                        || fact.object.ends_with("#BlankNodeOrIRI") =>
                {
                    facts.node = true
                }
                _ => {}
            }
        }
    }
    let ranges: BTreeMap<&str, &str> = ontology
        .iter()
        .filter(|t| t.predicate == RDFS_RANGE)
        .map(|t| (t.subject.as_str(), t.object.as_str()))
        .collect();
    let _ = RDF_TYPE;

    let mut context = Map::new();
    for (prefix, ns) in PREFIXES {
        context.insert(prefix.to_string(), Value::String(ns.to_string()));
    }
    for class in classes.iter().filter(|c| !c.starts_with(CRED)) {
        context.insert(local_name(class).to_string(), Value::String(compact(class)));
    }
    let mut properties: Vec<(String, Option<String>)> = Vec::new();
    for (path, facts) in &paths {
        if path.starts_with(CRED) || UNPUBLISHED.contains(&path.as_str()) {
            continue;
        }
        let derived = if let Some(dt) = facts.datatypes.iter().next() {
            Some(if dt == RDF_LANG_STRING {
                "@language".to_string()
            } else {
                compact(dt)
            })
        } else if facts.node {
            Some("@id".to_string())
        } else {
            ranges.get(path.as_str()).map(|r| {
                if *r == RDF_LANG_STRING {
                    "@language".to_string()
                } else if r.starts_with(XSD) {
                    compact(r)
                } else {
                    "@id".to_string()
                }
            })
        };
        let published = PUBLISHED_IRIS
            .iter()
            .find(|(from, _)| from == path)
            .map_or(path.as_str(), |(_, to)| to);
        properties.push((published.to_string(), derived));
    }
    for (iri, t) in EXTRA_PROPERTIES {
        properties.push((iri.to_string(), t.map(str::to_string)));
    }
    for (iri, derived) in properties {
        let term = RENAMES
            .iter()
            .find(|(i, _)| *i == iri)
            .map_or_else(|| local_name(&iri).to_string(), |(_, n)| n.to_string());
        let coercion = PUBLISHED_TYPES
            .iter()
            .find(|(t, _)| *t == term)
            .map_or(derived, |(_, c)| c.map(str::to_string));
        let mut definition = Map::new();
        definition.insert("@id".into(), Value::String(compact(&iri)));
        match coercion.as_deref() {
            Some("@language") => {
                definition.insert("@container".into(), Value::String("@language".into()));
            }
            Some(t) => {
                definition.insert("@type".into(), Value::String(t.to_string()));
            }
            None => {}
        }
        context.insert(term, Value::Object(definition));
    }
    let document = serde_json::json!({ "@context": context });
    let mut text = serde_json::to_string_pretty(&document).map_err(|e| e.to_string())?;
    text.push('\n');
    Ok(text)
}
