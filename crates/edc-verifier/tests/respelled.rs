//! A proof over RDF signs the dataset, so a member may be spelled many ways without changing
//! the signature: a full IRI, a CURIE with an inline prefix, an alias from an extra context, a
//! type-scoped context. Each respelling below keeps the eddsa-rdfc-2022 proof valid (checked
//! with the signer on its own) while hiding an expiry, a future start, a status entry or a
//! proof's expiry from a reader of JSON keys; the verifier must never call such a document
//! verified (it refuses it: integrity failed).

use edc_did::{did_key, KeyPair, KeyType};
use edc_signer::{Cryptosuite, DataIntegrity, ProofCheck, ProofOptions};
use edc_verifier::{CheckName, Code, Outcome, Verdict, Verifier};
use serde_json::{json, Map, Value};

const CRED: &str = "https://www.w3.org/2018/credentials#";
const XSD_DATE_TIME: &str = "http://www.w3.org/2001/XMLSchema#dateTime";

struct Signed {
    credential: Value,
    did: String,
}

fn sign(extra: Map<String, Value>, expires: Option<&str>) -> Signed {
    let key = KeyPair::generate(KeyType::Ed25519);
    let (did, method) = did_key(&key.public_key());
    let mut unsigned = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": did,
        "credentialSubject": {"id": "did:example:learner", "name": "Ana"},
    });
    unsigned.as_object_mut().unwrap().extend(extra);
    let mut options = ProofOptions::new(Cryptosuite::EddsaRdfc2022, &method);
    options.expires = expires.map(str::to_string);
    let credential = DataIntegrity::default()
        .sign(&unsigned, &key, &options)
        .unwrap();
    Signed { credential, did }
}

fn members(value: Value) -> Map<String, Value> {
    value.as_object().unwrap().clone()
}

/// Adds a context object to the document's `@context` (new terms only: the VC context's own
/// terms are protected).
fn with_context(document: &mut Value, context: Value) {
    document["@context"].as_array_mut().unwrap().push(context);
}

/// Moves `key` of the object at `pointer` to `new_key`, its value made by `value`.
fn respell(
    document: &Value,
    pointer: &str,
    key: &str,
    new_key: &str,
    value: impl Fn(Value) -> Value,
) -> Value {
    let mut copy = document.clone();
    let object = copy.pointer_mut(pointer).unwrap().as_object_mut().unwrap();
    let old = object.remove(key).unwrap();
    object.insert(new_key.into(), value(old));
    copy
}

fn typed(value: Value) -> Value {
    json!({"@value": value, "@type": XSD_DATE_TIME})
}

/// Every spelling of the date member `key` (at `pointer`, IRI `iri`) that leaves the RDF as
/// signed.
fn date_spellings(document: &Value, pointer: &str, key: &str, iri: &str) -> Vec<(String, Value)> {
    let (namespace, local) = iri.rsplit_once('#').unwrap();
    let namespace = format!("{namespace}#");
    let mut out = vec![(
        format!("{key} as a full IRI"),
        respell(document, pointer, key, iri, typed),
    )];
    let mut curie = respell(document, pointer, key, &format!("zz:{local}"), typed);
    with_context(&mut curie, json!({"zz": namespace}));
    out.push((format!("{key} as a CURIE"), curie));
    let mut alias = respell(document, pointer, key, "whenever", |v| v);
    with_context(
        &mut alias,
        json!({"whenever": {"@id": iri, "@type": XSD_DATE_TIME}}),
    );
    out.push((format!("{key} through an alias"), alias));
    out
}

fn proof_intact(document: &Value) -> bool {
    let checks = DataIntegrity::default().verify(document);
    !checks.is_empty()
        && checks
            .iter()
            .all(|c| matches!(c, ProofCheck::Verified { .. }))
}

fn refused(verifier: &Verifier, what: &str, document: &Value) {
    assert!(
        proof_intact(document),
        "{what}: the respelling must keep the proof valid, or the test proves nothing"
    );
    let report = verifier.verify(document.to_string().as_bytes());
    assert_eq!(report.verdict(), Verdict::Failed, "{what}: {report:#?}");
    assert!(
        matches!(report.get(CheckName::Integrity), Some(Outcome::Failed(why)) if why.code == Code::SignedTermsDiffer),
        "{what}: {report:#?}"
    );
}

#[test]
fn an_expiry_hidden_by_a_respelling_is_refused() {
    let signed = sign(
        members(json!({"validFrom": "2020-01-01T00:00:00Z", "validUntil": "2021-01-01T00:00:00Z"})),
        None,
    );
    let verifier = Verifier::builder()
        .trusted_dids([signed.did.clone()])
        .build();
    // As signed, the validity check sees the expiry.
    let plain = verifier.verify(signed.credential.to_string().as_bytes());
    assert!(matches!(
        plain.get(CheckName::ValidityPeriod),
        Some(Outcome::Failed(_))
    ));
    for (what, document) in date_spellings(
        &signed.credential,
        "",
        "validUntil",
        &format!("{CRED}validUntil"),
    ) {
        refused(&verifier, &what, &document);
    }
}

#[test]
fn a_future_start_hidden_by_a_respelling_is_refused() {
    let signed = sign(members(json!({"validFrom": "2999-01-01T00:00:00Z"})), None);
    let verifier = Verifier::builder()
        .trusted_dids([signed.did.clone()])
        .build();
    let plain = verifier.verify(signed.credential.to_string().as_bytes());
    assert!(matches!(
        plain.get(CheckName::ValidityPeriod),
        Some(Outcome::Failed(_))
    ));
    for (what, document) in date_spellings(
        &signed.credential,
        "",
        "validFrom",
        &format!("{CRED}validFrom"),
    ) {
        refused(&verifier, &what, &document);
    }
}

#[test]
fn an_expired_proof_hidden_by_a_respelling_is_refused() {
    let signed = sign(Map::new(), Some("2021-01-01T00:00:00Z"));
    let verifier = Verifier::builder()
        .trusted_dids([signed.did.clone()])
        .build();
    let plain = verifier.verify(signed.credential.to_string().as_bytes());
    assert!(matches!(
        plain.get(CheckName::Integrity),
        Some(Outcome::Failed(why)) if why.code == Code::ProofExpired
    ));
    // The proof is signed with the document's context: the inline definitions go there.
    for (what, mut document) in date_spellings(
        &signed.credential,
        "/proof",
        "expires",
        "https://w3id.org/security#expiration",
    ) {
        // The proof's own copy of the context is the document's.
        if let Some(context) = document.get("@context").cloned() {
            if document["proof"].get("@context").is_some() {
                document["proof"]["@context"] = context;
            }
        }
        refused(&verifier, &format!("proof {what}"), &document);
    }
}

#[test]
fn a_status_entry_hidden_by_a_respelling_is_refused() {
    let signed = sign(
        members(json!({
            "credentialStatus": {
                "id": "https://example.com/status/3#94567",
                "type": "BitstringStatusListEntry",
                "statusPurpose": "revocation",
                "statusListIndex": "94567",
                "statusListCredential": "https://example.com/status/3"
            }
        })),
        None,
    );
    let verifier = Verifier::builder()
        .trusted_dids([signed.did.clone()])
        .build();
    // As signed, the status entry is seen (no list at hand: not checked, never "not applicable").
    let plain = verifier.verify(signed.credential.to_string().as_bytes());
    assert!(matches!(
        plain.get(CheckName::Status),
        Some(Outcome::Skipped(_))
    ));
    let iri = format!("{CRED}credentialStatus");
    let full = respell(&signed.credential, "", "credentialStatus", &iri, |v| v);
    refused(&verifier, "credentialStatus as a full IRI", &full);
    let mut alias = respell(&signed.credential, "", "credentialStatus", "state", |v| v);
    with_context(&mut alias, json!({"state": {"@id": iri, "@type": "@id"}}));
    refused(&verifier, "credentialStatus through an alias", &alias);
    // The entry kept, its index hidden: the status check would read no index.
    let index = respell(
        &signed.credential,
        "/credentialStatus",
        "statusListIndex",
        "https://www.w3.org/ns/credentials/status#statusListIndex",
        |v| v,
    );
    refused(&verifier, "statusListIndex as a full IRI", &index);
    // A type-scoped context in the entry aliasing the index.
    let mut scoped = signed.credential.clone();
    scoped["credentialStatus"]
        .as_object_mut()
        .unwrap()
        .remove("statusListIndex");
    scoped["credentialStatus"]["position"] = json!("94567");
    with_context(
        &mut scoped,
        json!({"position": "https://www.w3.org/ns/credentials/status#statusListIndex"}),
    );
    refused(&verifier, "statusListIndex through an alias", &scoped);
}

#[test]
fn a_second_credential_node_included_beside_the_signed_one_never_verifies() {
    let signed = sign(members(json!({"validUntil": "2021-01-01T00:00:00Z"})), None);
    let verifier = Verifier::builder()
        .trusted_dids([signed.did.clone()])
        .build();
    // `@included` carrying a second credential node with its own (unsigned) dates.
    let mut included = signed.credential.clone();
    let mut other = signed.credential.clone();
    let other = other.as_object_mut().unwrap();
    other.remove("@context");
    other.remove("proof");
    other.insert("id".into(), json!("urn:uuid:another"));
    included["@included"] = json!([other]);
    let report = verifier.verify(included.to_string().as_bytes());
    assert_ne!(report.verdict(), Verdict::Verified, "{report:#?}");
}
