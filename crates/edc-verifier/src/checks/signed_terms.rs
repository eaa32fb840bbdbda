//! What a proof over RDF signs is the document's dataset, not its JSON keys. The checks read
//! JSON keys (`validUntil`, `credentialStatus`, a proof's `expires`…), and JSON-LD lets a
//! document spell the same triple many ways: a full IRI, a CURIE, an alias defined in an extra
//! context, a `@graph` or `@included` wrapper. Any of those leaves the canonical RDF, hence the
//! signature, unchanged while hiding the member from a reader of keys. So before a proof over
//! RDF counts, every triple a check depends on must be exactly what the keys the checks read
//! say, and the reverse: a document spelling one of them any other way is refused.

use edc_context::{JsonLdProcessor, Term, ToRdfOptions};
use serde_json::Value;
use std::collections::HashMap;

const CRED: &str = "https://www.w3.org/2018/credentials#";
const SEC: &str = "https://w3id.org/security#";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";

/// A member a check reads: its key, and the IRIs the VC, Data Integrity and status list
/// contexts map it to.
struct Watched {
    key: &'static str,
    iris: &'static [&'static str],
}

/// Members of the credential (or presentation) node itself.
const CREDENTIAL: &[Watched] = &[
    Watched {
        key: "validFrom",
        iris: &["https://www.w3.org/2018/credentials#validFrom"],
    },
    Watched {
        key: "validUntil",
        iris: &["https://www.w3.org/2018/credentials#validUntil"],
    },
    Watched {
        key: "issuanceDate",
        iris: &["https://www.w3.org/2018/credentials#issuanceDate"],
    },
    Watched {
        key: "expirationDate",
        iris: &["https://www.w3.org/2018/credentials#expirationDate"],
    },
    Watched {
        key: "issuer",
        iris: &["https://www.w3.org/2018/credentials#issuer"],
    },
    Watched {
        key: "holder",
        iris: &["https://www.w3.org/2018/credentials#holder"],
    },
    Watched {
        key: "credentialStatus",
        iris: &["https://www.w3.org/2018/credentials#credentialStatus"],
    },
];

/// Members of a status entry.
const STATUS_ENTRY: &[Watched] = &[
    Watched {
        key: "statusListIndex",
        iris: &[
            "https://www.w3.org/ns/credentials/status#statusListIndex",
            "https://w3id.org/vc/status-list#statusListIndex",
        ],
    },
    Watched {
        key: "statusListCredential",
        iris: &[
            "https://www.w3.org/ns/credentials/status#statusListCredential",
            "https://w3id.org/vc/status-list#statusListCredential",
        ],
    },
    Watched {
        key: "statusPurpose",
        iris: &[
            "https://www.w3.org/ns/credentials/status#statusPurpose",
            "https://w3id.org/vc/status-list#statusPurpose",
        ],
    },
];

/// Members of a credential subject that a status list credential's reader uses.
const SUBJECT: &[Watched] = &[Watched {
    key: "encodedList",
    iris: &[
        "https://www.w3.org/ns/credentials/status#encodedList",
        "https://w3id.org/vc/status-list#encodedList",
    ],
}];

/// Members of a proof.
const PROOF: &[Watched] = &[
    Watched {
        key: "expires",
        iris: &["https://w3id.org/security#expiration"],
    },
    Watched {
        key: "proofPurpose",
        iris: &["https://w3id.org/security#proofPurpose"],
    },
    Watched {
        key: "verificationMethod",
        iris: &["https://w3id.org/security#verificationMethod"],
    },
    Watched {
        key: "challenge",
        iris: &["https://w3id.org/security#challenge"],
    },
    Watched {
        key: "domain",
        iris: &["https://w3id.org/security#domain"],
    },
    Watched {
        key: "created",
        iris: &["http://purl.org/dc/terms/created"],
    },
];

/// One value, as a check would compare it: a literal's lexical form, an IRI, or a blank node.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Seen {
    Text(String),
    Blank,
}

fn seen_in_rdf(term: &Term) -> Seen {
    match term {
        Term::Iri(iri) => Seen::Text(iri.to_string()),
        Term::Literal(literal) => Seen::Text(literal.value.clone()),
        Term::Blank(_) => Seen::Blank,
    }
}

/// The values a key holds as its reader sees them (one or many; a node by its `id`).
fn seen_in_json(value: &Value) -> Vec<Seen> {
    let one = |v: &Value| match v {
        Value::String(s) => Seen::Text(s.clone()),
        Value::Object(map) => match map.get("id").or_else(|| map.get("@value")) {
            Some(Value::String(s)) => Seen::Text(s.clone()),
            _ => Seen::Blank,
        },
        other => Seen::Text(other.to_string()),
    };
    match value {
        Value::Array(items) => items.iter().map(one).collect(),
        Value::Null => Vec::new(),
        other => vec![one(other)],
    }
}

/// True when a value from the RDF and one from the JSON are the same: equal, or a vocabulary
/// term and the IRI it expands to (`assertionMethod` → `sec:assertionMethod`; the VC and
/// security contexts map the purposes `authentication`, `keyAgreement`, … to `sec:…Method`).
fn same(rdf: &Seen, json: &Seen) -> bool {
    match (rdf, json) {
        (Seen::Text(r), Seen::Text(j)) => {
            let term = |iri: &str| {
                iri.strip_suffix(j.as_str())
                    .is_some_and(|p| p.ends_with('#') || p.ends_with('/'))
            };
            r == j || (!j.contains(':') && (term(r) || r.strip_suffix("Method").is_some_and(term)))
        }
        (Seen::Blank, Seen::Blank) => true,
        _ => false,
    }
}

/// True when the two lists hold the same values, whatever their order.
fn same_values(mut rdf: Vec<Seen>, json: &[Seen]) -> bool {
    if rdf.len() != json.len() {
        return false;
    }
    for j in json {
        match rdf.iter().position(|r| same(r, j)) {
            Some(i) => {
                rdf.swap_remove(i);
            }
            None => return false,
        }
    }
    true
}

/// A node in a graph (`None`: the default graph).
type GraphNode = (Option<Term>, Term);

/// The dataset's triples, indexed by subject (graph names kept apart): predicate and object.
struct Triples {
    by_subject: HashMap<GraphNode, Vec<(String, Term)>>,
}

impl Triples {
    fn objects(&self, graph: &Option<Term>, subject: &Term, iris: &[&str]) -> Vec<Term> {
        self.by_subject
            .get(&(graph.clone(), subject.clone()))
            .into_iter()
            .flatten()
            .filter(|(p, _)| iris.contains(&p.as_str()))
            .map(|(_, o)| o.clone())
            .collect()
    }
}

/// What `object` (JSON) and `node` (RDF) say of each watched member.
fn members_of(
    triples: &Triples,
    object: &Value,
    (graph, node): &GraphNode,
    watched: &[Watched],
) -> Vec<(Vec<Seen>, Vec<Seen>)> {
    watched
        .iter()
        .map(|member| {
            let rdf = triples
                .objects(graph, node, member.iris)
                .iter()
                .map(seen_in_rdf)
                .collect();
            let json = object.get(member.key).map(seen_in_json).unwrap_or_default();
            (rdf, json)
        })
        .collect()
}

fn refused(place: &str, key: &str) -> String {
    format!(
        "the signed data states {place}'s `{key}` otherwise than its `{key}` member says (a full IRI, a CURIE, an alias or a wrapper spells it): the checks read the member, the proof signs the data, so the document is refused"
    )
}

/// Compares the JSON `objects` a check reads (status entries, proofs) with the RDF `nodes`
/// they are, one by one: each object must be a node that says exactly what the object says of
/// every watched member (the dataset keeps no JSON order and blank nodes have no names, so the
/// pairing is found, not assumed). An object no node is, or a node no object shows, refuses.
fn compare_each(
    triples: &Triples,
    objects: &[&Value],
    nodes: &[GraphNode],
    watched: &[Watched],
    place: &str,
) -> Result<(), String> {
    if objects.len() != nodes.len() {
        return Err(format!(
            "the document shows {} {place}(s) and its signed data holds {}",
            objects.len(),
            nodes.len()
        ));
    }
    let mut unpaired: Vec<&GraphNode> = nodes.iter().collect();
    for object in objects {
        let agrees = |node: &&GraphNode| {
            members_of(triples, object, node, watched)
                .into_iter()
                .all(|(rdf, json)| same_values(rdf, &json))
        };
        match unpaired.iter().position(agrees) {
            Some(i) => {
                unpaired.swap_remove(i);
            }
            None => {
                // Name a member the object and the first node left disagree on.
                let key = unpaired
                    .first()
                    .and_then(|node| {
                        members_of(triples, object, node, watched)
                            .into_iter()
                            .position(|(rdf, json)| !same_values(rdf, &json))
                    })
                    .map_or(watched[0].key, |m| watched[m].key);
                return Err(refused(place, key));
            }
        }
    }
    Ok(())
}

/// Compares the watched members of `objects` with those of `nodes` as one pool, member by
/// member: for credential subjects, where two JSON objects may describe one node.
fn compare_pooled(
    triples: &Triples,
    objects: &[&Value],
    nodes: &[GraphNode],
    watched: &[Watched],
    place: &str,
) -> Result<(), String> {
    for member in watched {
        let rdf: Vec<Seen> = nodes
            .iter()
            .flat_map(|(graph, node)| triples.objects(graph, node, member.iris))
            .map(|term| seen_in_rdf(&term))
            .collect();
        let json: Vec<Seen> = objects
            .iter()
            .flat_map(|object| object.get(member.key).map(seen_in_json).unwrap_or_default())
            .collect();
        if !same_values(rdf, &json) {
            return Err(refused(place, member.key));
        }
    }
    Ok(())
}

fn one_or_many(value: Option<&Value>) -> Vec<&Value> {
    match value {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(one) => vec![one],
        None => Vec::new(),
    }
}

/// Checks that every member the checks read from `document` (a credential or presentation
/// secured by a proof over RDF) is what its dataset states: Err with a sentence when not.
pub(crate) fn spelled_as_signed(
    processor: &JsonLdProcessor,
    document: &Value,
) -> Result<(), String> {
    let rdf = processor
        .to_rdf(document, &ToRdfOptions::lenient().as_signers_read())
        .map_err(|e| format!("the signed data cannot be read: {e}"))?;
    let mut triples = Triples {
        by_subject: HashMap::new(),
    };
    let mut typed: Vec<Term> = Vec::new();
    for quad in &rdf.dataset.quads {
        if quad.graph.is_none()
            && &*quad.predicate == RDF_TYPE
            && matches!(&quad.object, Term::Iri(t) if t.strip_prefix(CRED)
                .is_some_and(|name| name == "VerifiableCredential" || name == "VerifiablePresentation"))
        {
            typed.push(quad.subject.clone());
        }
        triples
            .by_subject
            .entry((quad.graph.clone(), quad.subject.clone()))
            .or_default()
            .push((quad.predicate.to_string(), quad.object.clone()));
    }
    // The document's own node: the one credential or presentation of the default graph, and
    // the top-level JSON object.
    let [node] = typed.as_slice() else {
        return Err(format!(
            "the signed data holds {} credential or presentation nodes in its default graph, not one",
            typed.len()
        ));
    };
    let id_matches = match (document.get("id").and_then(Value::as_str), node) {
        (Some(id), Term::Iri(iri)) => id == &**iri,
        (None, Term::Blank(_)) => true,
        _ => false,
    };
    if !id_matches || document.get("type").is_none() {
        return Err("the signed credential is not the document's top-level object (a wrapper such as @graph or @included holds it)".into());
    }
    compare_each(
        &triples,
        &[document],
        &[(None, node.clone())],
        CREDENTIAL,
        "the credential",
    )?;
    let linked = |predicate: &str| -> Vec<(Option<Term>, Term)> {
        triples
            .objects(&None, node, &[predicate])
            .into_iter()
            .map(|n| (None, n))
            .collect()
    };
    let entries = one_or_many(document.get("credentialStatus"));
    let entry_nodes = linked(&format!("{CRED}credentialStatus"));
    compare_each(
        &triples,
        &entries,
        &entry_nodes,
        STATUS_ENTRY,
        "a status entry",
    )?;
    let subjects = one_or_many(document.get("credentialSubject"));
    let subject_nodes = linked(&format!("{CRED}credentialSubject"));
    compare_pooled(&triples, &subjects, &subject_nodes, SUBJECT, "a subject")?;
    // Each proof is a graph of its own, named by the object of `proof`; its node is the one
    // with a type there.
    let proofs = one_or_many(document.get("proof"));
    let mut proof_nodes = Vec::new();
    for (_, graph) in linked(&format!("{SEC}proof")) {
        let graph = Some(graph);
        let typed: Vec<&Term> = triples
            .by_subject
            .iter()
            .filter(|((g, _), predicates)| {
                *g == graph && predicates.iter().any(|(p, _)| p == RDF_TYPE)
            })
            .map(|((_, s), _)| s)
            .collect();
        let [subject] = typed.as_slice() else {
            return Err("a proof's graph holds more or fewer than one typed node".into());
        };
        proof_nodes.push((graph.clone(), (*subject).clone()));
    }
    compare_each(&triples, &proofs, &proof_nodes, PROOF, "a proof")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn literal(value: &str) -> Term {
        Term::Literal(edc_context::Literal {
            value: value.into(),
            datatype: edc_context::XSD_STRING.into(),
            language: None,
        })
    }

    /// Two status entries whose JSON swaps their indexes: the same values as a pool, not the
    /// same entries. Each JSON entry must be a node that says what it says.
    #[test]
    fn entries_are_compared_one_by_one_not_as_a_pool() {
        let index = "https://www.w3.org/ns/credentials/status#statusListIndex";
        let list = "https://www.w3.org/ns/credentials/status#statusListCredential";
        let mut triples = Triples {
            by_subject: HashMap::new(),
        };
        let node = |name: &str| (None, Term::Blank(name.into()));
        for (name, i, l) in [("a", "5", "https://s/1"), ("b", "7", "https://s/2")] {
            triples.by_subject.insert(
                node(name),
                vec![
                    (index.into(), literal(i)),
                    (list.into(), Term::Iri(l.into())),
                ],
            );
        }
        let nodes = [node("a"), node("b")];
        let swapped = [
            json!({"statusListIndex": "7", "statusListCredential": "https://s/1"}),
            json!({"statusListIndex": "5", "statusListCredential": "https://s/2"}),
        ];
        let objects: Vec<&Value> = swapped.iter().collect();
        assert!(compare_pooled(&triples, &objects, &nodes, STATUS_ENTRY, "x").is_ok());
        let why = compare_each(&triples, &objects, &nodes, STATUS_ENTRY, "a status entry");
        assert!(why.is_err_and(|w| w.contains("statusListIndex")));
        // In either order, the entries as signed agree.
        let signed = [
            json!({"statusListIndex": "7", "statusListCredential": "https://s/2"}),
            json!({"statusListIndex": "5", "statusListCredential": "https://s/1"}),
        ];
        let objects: Vec<&Value> = signed.iter().collect();
        assert!(compare_each(&triples, &objects, &nodes, STATUS_ENTRY, "x").is_ok());
    }
}
