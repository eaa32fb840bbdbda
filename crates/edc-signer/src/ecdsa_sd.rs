//! `ecdsa-sd-2023` (W3C VC Data Integrity ECDSA, selective disclosure): verifying a derived
//! proof — what a holder presents after choosing what to disclose. Its `proofValue` carries the
//! issuer's base signature, a one-off P-256 key, one signature per non-mandatory statement
//! under that key, the label map for blank nodes and the indexes of the mandatory statements.
//! Making base proofs and deriving are not done here.

use crate::proof::{DataIntegrity, ProofCheck};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use ciborium::Value as Cbor;
use edc_context::{canonicalize, CanonOptions, Dataset, Term, ToRdfOptions};
use edc_did::{KeyType, PublicKey};
use serde_json::{Map, Value};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The CBOR tag bytes a derived proof value starts with (a base proof starts `d9 5d 00`).
const DERIVED_HEADER: [u8; 3] = [0xd9, 0x5d, 0x01];

/// The parts of a derived proof value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DerivedProof {
    /// The issuer's signature over the proof hash, the one-off key and the mandatory hash.
    pub base_signature: Vec<u8>,
    /// The one-off public key (multikey bytes: `0x80 0x24` and a compressed P-256 point).
    pub public_key: Vec<u8>,
    /// One signature per non-mandatory statement disclosed, in order.
    pub signatures: Vec<Vec<u8>>,
    /// Canonical blank node label (`c14n0`, …) → the label the issuer's HMAC gave it.
    pub label_map: BTreeMap<String, String>,
    /// Positions of the mandatory statements among the disclosed ones.
    pub mandatory_indexes: Vec<usize>,
}

/// What the signatures of a derived proof are checked against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerifyData {
    /// SHA-256 of the canonical proof configuration.
    pub proof_hash: Vec<u8>,
    /// SHA-256 of the mandatory statements, concatenated.
    pub mandatory_hash: Vec<u8>,
    /// The disclosed statements (N-Quads lines, blank nodes relabelled, sorted).
    pub statements: Vec<String>,
    /// The non-mandatory ones, in order.
    pub non_mandatory: Vec<String>,
}

fn bytes(value: &Cbor, what: &str) -> Result<Vec<u8>, String> {
    value
        .as_bytes()
        .cloned()
        .ok_or_else(|| format!("the derived proof's {what} is not a byte string"))
}

/// Reads a derived proof value (`u` + base64url of the tagged CBOR array).
pub fn parse_derived_proof_value(
    proof_value: &str,
) -> Result<DerivedProof, crate::proof::SignError> {
    parse_derived_proof_value_text(proof_value).map_err(|message| {
        crate::proof::SignError::new(crate::proof::SignErrorKind::Proof, message)
    })
}

fn parse_derived_proof_value_text(proof_value: &str) -> Result<DerivedProof, String> {
    let encoded = proof_value
        .strip_prefix('u')
        .ok_or("an ecdsa-sd-2023 proofValue is base64url multibase (it must start with u)")?;
    let raw = URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|e| format!("the proofValue is not base64url: {e}"))?;
    let body = raw.strip_prefix(&DERIVED_HEADER).ok_or(
        "the proofValue is not a derived proof (a base proof is for the holder, not a verifier)",
    )?;
    let cbor: Cbor =
        ciborium::from_reader(body).map_err(|e| format!("the proofValue is not CBOR: {e}"))?;
    let Some([base, key, signatures, labels, mandatory]) = cbor
        .as_array()
        .and_then(|a| <&[Cbor; 5]>::try_from(a.as_slice()).ok())
    else {
        return Err("a derived proof value is an array of five components".into());
    };
    let signatures = signatures
        .as_array()
        .ok_or("the derived proof's signatures are not an array")?
        .iter()
        .map(|s| bytes(s, "signature"))
        .collect::<Result<_, _>>()?;
    let mut label_map = BTreeMap::new();
    for (index, label) in labels
        .as_map()
        .ok_or("the derived proof's label map is not a map")?
    {
        let index = index
            .as_integer()
            .and_then(|i| u64::try_from(i).ok())
            .ok_or("a label map key is not a canonical label number")?;
        let label = format!("u{}", URL_SAFE_NO_PAD.encode(bytes(label, "label")?));
        label_map.insert(format!("c14n{index}"), label);
    }
    let mandatory_indexes = mandatory
        .as_array()
        .ok_or("the derived proof's mandatory indexes are not an array")?
        .iter()
        .map(|i| {
            i.as_integer()
                .and_then(|i| usize::try_from(i).ok())
                .ok_or_else(|| "a mandatory index is not a number".to_string())
        })
        .collect::<Result<_, _>>()?;
    Ok(DerivedProof {
        base_signature: bytes(base, "base signature")?,
        public_key: bytes(key, "public key")?,
        signatures,
        label_map,
        mandatory_indexes,
    })
}

/// `dataset`'s statements with each blank node given its label from `label_map` (through its
/// canonical label), as N-Quads lines, sorted.
fn relabelled_statements(
    dataset: &Dataset,
    label_map: &BTreeMap<String, String>,
) -> Result<Vec<String>, ProofCheck> {
    let canonical = canonicalize(dataset, CanonOptions::default())
        .map_err(|e| ProofCheck::CouldNotCheck(format!("the document: {e}")))?;
    let mut relabel: BTreeMap<&str, Arc<str>> = BTreeMap::new();
    for (input, c14n) in &canonical.issued {
        let label = label_map
            .get(c14n)
            .ok_or_else(|| ProofCheck::Invalid(format!("the label map has no label for {c14n}")))?;
        relabel.insert(input.as_str(), Arc::from(label.as_str()));
    }
    let term = |t: &Term| match t {
        Term::Blank(label) => Term::Blank(relabel.get(&**label).cloned().unwrap_or(label.clone())),
        other => other.clone(),
    };
    let mut renamed = Dataset::default();
    for quad in &dataset.quads {
        let mut quad = quad.clone();
        quad.subject = term(&quad.subject);
        quad.object = term(&quad.object);
        quad.graph = quad.graph.as_ref().map(term);
        renamed.quads.push(quad);
    }
    let nquads = renamed.to_nquads();
    let mut lines: Vec<String> = nquads.split_inclusive('\n').map(str::to_string).collect();
    lines.sort();
    lines.dedup();
    Ok(lines)
}

impl DataIntegrity {
    /// The data a derived proof's signatures cover, for a document (its proof left out) and the
    /// proof (its `proofValue` left out of the configuration). A document or configuration that
    /// cannot be read as RDF (a context not at hand) is "could not check"; a proof whose label
    /// map or indexes do not fit the document is invalid.
    pub fn ecdsa_sd_verify_data(
        &self,
        document: &Value,
        proof: &Map<String, Value>,
        derived: &DerivedProof,
    ) -> Result<VerifyData, ProofCheck> {
        let mut config = proof.clone();
        config.remove("proofValue");
        if let Some(context) = document.get("@context") {
            config.insert("@context".into(), context.clone());
        }
        let rdf = |value: &Value, options: &ToRdfOptions, what: &str| {
            self.processor()
                .to_rdf(value, options)
                .map(|r| r.dataset)
                .map_err(|e| ProofCheck::CouldNotCheck(format!("{what}: {e}")))
        };
        let config = rdf(
            &Value::Object(config),
            &ToRdfOptions::strict().as_signers_read(),
            "the proof configuration",
        )?;
        let canonical_config = canonicalize(&config, CanonOptions::default())
            .map_err(|e| ProofCheck::CouldNotCheck(format!("the proof configuration: {e}")))?;
        let proof_hash = Sha256::digest(canonical_config.nquads.as_bytes()).to_vec();
        let dataset = rdf(
            document,
            &ToRdfOptions::strict()
                .as_signers_read()
                .skip_root_member("proof"),
            "the document",
        )?;
        let statements = relabelled_statements(&dataset, &derived.label_map)?;
        let mut mandatory = Sha256::new();
        for &index in &derived.mandatory_indexes {
            let statement = statements.get(index).ok_or_else(|| {
                ProofCheck::Invalid(format!(
                    "mandatory index {index} is beyond the {} statements disclosed",
                    statements.len()
                ))
            })?;
            mandatory.update(statement.as_bytes());
        }
        let non_mandatory = statements
            .iter()
            .enumerate()
            .filter(|(i, _)| !derived.mandatory_indexes.contains(i))
            .map(|(_, s)| s.clone())
            .collect();
        Ok(VerifyData {
            proof_hash,
            mandatory_hash: mandatory.finalize().to_vec(),
            statements,
            non_mandatory,
        })
    }

    /// Verifies an `ecdsa-sd-2023` derived proof with the issuer's key `issuer`.
    pub(crate) fn verify_ecdsa_sd(
        &self,
        document: &Value,
        proof: &Map<String, Value>,
        issuer: &PublicKey,
    ) -> Result<(), ProofCheck> {
        if issuer.key_type() != KeyType::P256 {
            return Err(ProofCheck::CouldNotCheck(format!(
                "ecdsa-sd-2023 with {} keys is not verified by edc (P-256 is)",
                issuer.key_type().jwk_curve()
            )));
        }
        let proof_value = proof
            .get("proofValue")
            .and_then(Value::as_str)
            .ok_or_else(|| ProofCheck::Invalid("the proof has no proofValue".into()))?;
        let derived = parse_derived_proof_value_text(proof_value).map_err(ProofCheck::Invalid)?;
        let data = self.ecdsa_sd_verify_data(document, proof, &derived)?;
        let one_off = derived
            .public_key
            .strip_prefix(&[0x80, 0x24])
            .and_then(|point| PublicKey::from_bytes(KeyType::P256, point).ok())
            .ok_or_else(|| ProofCheck::Invalid("the one-off key is not a P-256 multikey".into()))?;
        let mut signed = data.proof_hash.clone();
        signed.extend(&derived.public_key);
        signed.extend(&data.mandatory_hash);
        if !issuer.verify(&signed, &derived.base_signature) {
            return Err(ProofCheck::Invalid(
                "the issuer's base signature does not match the mandatory statements and the proof"
                    .into(),
            ));
        }
        if derived.signatures.len() != data.non_mandatory.len() {
            return Err(ProofCheck::Invalid(format!(
                "{} signatures for {} disclosed non-mandatory statements",
                derived.signatures.len(),
                data.non_mandatory.len()
            )));
        }
        for (statement, signature) in data.non_mandatory.iter().zip(&derived.signatures) {
            if !one_off.verify(statement.as_bytes(), signature) {
                return Err(ProofCheck::Invalid(format!(
                    "a disclosed statement was changed: {}",
                    statement.trim_end()
                )));
            }
        }
        Ok(())
    }
}
