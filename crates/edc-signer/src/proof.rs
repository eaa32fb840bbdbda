//! Creating and verifying Data Integrity proofs (VC Data Integrity 1.0; vc-di-eddsa and
//! vc-di-ecdsa, RDFC variants).

use edc_context::{
    canonical_json, canonicalize, CanonOptions, Dataset, HashAlgorithm, JsonLdProcessor,
    ToRdfOptions,
};
use edc_did::{decode_multibase, encode_multibase, KeyPair, KeyType, Resolver};
use serde_json::{Map, Value};

const VC_V2: &str = "https://www.w3.org/ns/credentials/v2";
const DATA_INTEGRITY_V2: &str = "https://w3id.org/security/data-integrity/v2";
const ED25519_2020: &str = "https://w3id.org/security/suites/ed25519-2020/v1";

/// A cryptosuite.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Cryptosuite {
    /// `DataIntegrityProof` with `eddsa-rdfc-2022` (Ed25519).
    EddsaRdfc2022,
    /// `DataIntegrityProof` with `ecdsa-rdfc-2019` (P-256 or P-384, by the key).
    EcdsaRdfc2019,
    /// `Ed25519Signature2020` (the older Ed25519 suite).
    Ed25519Signature2020,
    /// `DataIntegrityProof` with `eddsa-jcs-2022` (Ed25519 over JSON canonicalized with RFC 8785).
    EddsaJcs2022,
    /// `DataIntegrityProof` with `ecdsa-jcs-2019` (P-256 or P-384 over RFC 8785 JSON).
    EcdsaJcs2019,
    /// `DataIntegrityProof` with `ecdsa-sd-2023` (selective disclosure, P-256): derived proofs
    /// are verified; edc does not make base proofs nor derive.
    EcdsaSd2023,
}

impl Cryptosuite {
    /// The name used in `cryptosuite` (or the proof type for the older suite).
    pub fn name(self) -> &'static str {
        match self {
            Cryptosuite::EddsaRdfc2022 => "eddsa-rdfc-2022",
            Cryptosuite::EcdsaRdfc2019 => "ecdsa-rdfc-2019",
            Cryptosuite::Ed25519Signature2020 => "Ed25519Signature2020",
            Cryptosuite::EddsaJcs2022 => "eddsa-jcs-2022",
            Cryptosuite::EcdsaJcs2019 => "ecdsa-jcs-2019",
            Cryptosuite::EcdsaSd2023 => "ecdsa-sd-2023",
        }
    }

    /// True for the suites that canonicalize JSON (RFC 8785) rather than RDF.
    pub fn is_jcs(self) -> bool {
        matches!(self, Cryptosuite::EddsaJcs2022 | Cryptosuite::EcdsaJcs2019)
    }

    /// Reads a suite name.
    pub fn from_name(name: &str) -> Option<Cryptosuite> {
        [
            Cryptosuite::EddsaRdfc2022,
            Cryptosuite::EcdsaRdfc2019,
            Cryptosuite::Ed25519Signature2020,
            Cryptosuite::EddsaJcs2022,
            Cryptosuite::EcdsaJcs2019,
            Cryptosuite::EcdsaSd2023,
        ]
        .into_iter()
        .find(|s| s.name() == name)
    }

    fn accepts(self, key: KeyType) -> bool {
        match self {
            Cryptosuite::EddsaRdfc2022
            | Cryptosuite::Ed25519Signature2020
            | Cryptosuite::EddsaJcs2022 => key == KeyType::Ed25519,
            Cryptosuite::EcdsaRdfc2019 | Cryptosuite::EcdsaJcs2019 => {
                matches!(key, KeyType::P256 | KeyType::P384)
            }
            Cryptosuite::EcdsaSd2023 => matches!(key, KeyType::P256 | KeyType::P384),
        }
    }
}

/// What to put in a proof.
#[derive(Debug, Clone)]
#[must_use]
pub struct ProofOptions {
    /// The suite.
    pub suite: Cryptosuite,
    /// The verification method (e.g. `did:key:z…#z…`).
    pub verification_method: String,
    /// Why the proof is made (default `assertionMethod`).
    pub proof_purpose: String,
    /// When (an XML Schema dateTime); none leaves `created` out.
    pub created: Option<String>,
    /// When the proof stops being valid.
    pub expires: Option<String>,
    /// The domain the proof is bound to.
    pub domain: Option<String>,
    /// The challenge the proof answers.
    pub challenge: Option<String>,
    /// A nonce.
    pub nonce: Option<String>,
    /// The proof's own identifier (needed for others to chain from it).
    pub id: Option<String>,
    /// The proofs (by id) this one chains from (`previousProof`).
    pub previous_proof: Vec<String>,
}

impl ProofOptions {
    /// Options for `suite` and `verification_method`, purpose `assertionMethod`.
    pub fn new(suite: Cryptosuite, verification_method: impl Into<String>) -> Self {
        ProofOptions {
            suite,
            verification_method: verification_method.into(),
            proof_purpose: "assertionMethod".into(),
            created: None,
            expires: None,
            domain: None,
            challenge: None,
            nonce: None,
            id: None,
            previous_proof: Vec::new(),
        }
    }

    /// Sets `created`.
    pub fn created(mut self, created: impl Into<String>) -> Self {
        self.created = Some(created.into());
        self
    }

    /// Sets the proof purpose.
    pub fn purpose(mut self, purpose: impl Into<String>) -> Self {
        self.proof_purpose = purpose.into();
        self
    }

    /// Sets the domain.
    pub fn domain(mut self, domain: impl Into<String>) -> Self {
        self.domain = Some(domain.into());
        self
    }

    /// Sets the proof's identifier.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Chains this proof from an existing one (by its id); repeat for several.
    pub fn previous_proof(mut self, id: impl Into<String>) -> Self {
        self.previous_proof.push(id.into());
        self
    }

    /// Sets the challenge.
    pub fn challenge(mut self, challenge: impl Into<String>) -> Self {
        self.challenge = Some(challenge.into());
        self
    }
}

/// What kind of failure: stable, for programs to branch on.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignErrorKind {
    /// The document cannot be secured as given (not an object, data a proof would lose, a
    /// member the format forbids or needs).
    Document,
    /// The key cannot make this kind of proof.
    Key,
    /// What was asked is not something edc makes.
    Unsupported,
    /// A token (JWT, COSE, SD-JWT) or key that cannot be read.
    Token,
    /// A proof value that cannot be read.
    Proof,
}

/// Why signing (or reading a token or proof) failed: its [`SignErrorKind`] and a sentence.
pub type SignError = edc_error::Error<SignErrorKind>;

/// The intermediate values of a proof, as the specifications' test vectors list them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningInput {
    /// The canonical N-Quads of the document without its proof.
    pub canonical_document: String,
    /// The canonical N-Quads of the proof configuration.
    pub canonical_proof_configuration: String,
    /// The hash of the canonical document (hex).
    pub document_hash: String,
    /// The hash of the canonical proof configuration (hex).
    pub proof_hash: String,
    /// What is signed: proof hash then document hash (raw bytes).
    pub hash_data: Vec<u8>,
}

/// The outcome of checking one proof.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProofCheck {
    /// The signature is valid for the document and the key the verification method names.
    Verified {
        /// The verification method.
        verification_method: String,
        /// The suite.
        suite: Cryptosuite,
    },
    /// Checked, and not valid.
    Invalid(String),
    /// Could not be checked (unknown suite, unresolvable key, document not convertible…).
    CouldNotCheck(String),
}

impl ProofCheck {
    /// True for [`ProofCheck::Verified`].
    pub fn is_verified(&self) -> bool {
        matches!(self, ProofCheck::Verified { .. })
    }
}

/// The document with `proof` set to the proofs `ids` name (what a chained proof signs).
fn with_previous_proofs(document: &Value, all: &[Value], ids: &[String]) -> Result<Value, String> {
    let mut matching = Vec::new();
    for id in ids {
        let found = all
            .iter()
            .find(|p| p.get("id").and_then(Value::as_str) == Some(id.as_str()))
            .ok_or_else(|| format!("previousProof `{id}` is not among the document's proofs"))?;
        matching.push(found.clone());
    }
    let mut chained = document.clone();
    chained["proof"] = if matching.len() == 1 {
        matching.remove(0)
    } else {
        Value::Array(matching)
    };
    Ok(chained)
}

/// Signs and verifies Data Integrity proofs, converting documents to RDF with a
/// [`JsonLdProcessor`] (whose contexts it loads offline).
#[derive(Default)]
pub struct DataIntegrity {
    processor: JsonLdProcessor,
    resolver: Resolver,
}

fn hash_for(suite: Cryptosuite, key: KeyType) -> HashAlgorithm {
    if matches!(
        suite,
        Cryptosuite::EcdsaRdfc2019 | Cryptosuite::EcdsaJcs2019
    ) && key == KeyType::P384
    {
        HashAlgorithm::Sha384
    } else {
        HashAlgorithm::Sha256
    }
}

fn contexts(document: &Value) -> Vec<Value> {
    match document.get("@context") {
        Some(Value::Array(items)) => items.clone(),
        Some(other) => vec![other.clone()],
        None => Vec::new(),
    }
}

fn has_context(document: &Value, iri: &str) -> bool {
    contexts(document).iter().any(|c| c.as_str() == Some(iri))
}

impl DataIntegrity {
    /// Uses `processor` for the JSON-LD conversion.
    pub fn new(processor: JsonLdProcessor) -> Self {
        DataIntegrity {
            processor,
            resolver: Resolver::new(),
        }
    }

    /// The JSON-LD processor it converts documents with (share it to reuse processed contexts).
    pub fn processor(&self) -> &JsonLdProcessor {
        &self.processor
    }

    /// Resolves verification methods with `resolver` (did:key and did:jwk are always known).
    #[must_use]
    pub fn with_resolver(mut self, resolver: Resolver) -> Self {
        self.resolver = resolver;
        self
    }

    /// The document with the context a suite needs added at the end of its `@context` when
    /// missing: the data-integrity context for `DataIntegrityProof` on a document without the
    /// VC 2.0 context, the Ed25519 2020 context for that suite.
    pub fn with_suite_context(document: &Value, suite: Cryptosuite) -> Value {
        let needed = match suite {
            Cryptosuite::Ed25519Signature2020 => Some(ED25519_2020),
            _ if has_context(document, VC_V2) => None,
            _ => Some(DATA_INTEGRITY_V2),
        };
        let mut document = document.clone();
        if let Some(iri) = needed.filter(|iri| !has_context(&document, iri)) {
            let mut list = contexts(&document);
            list.push(Value::String(iri.into()));
            document["@context"] = Value::Array(list);
        }
        document
    }

    /// The proof configuration for `options`: the proof without its value, with the document's
    /// `@context`.
    fn proof_configuration(document: &Value, options: &ProofOptions) -> Map<String, Value> {
        let mut config = Map::new();
        let (kind, suite) = match options.suite {
            Cryptosuite::Ed25519Signature2020 => ("Ed25519Signature2020", None),
            s => ("DataIntegrityProof", Some(s.name())),
        };
        config.insert("type".into(), kind.into());
        if let Some(suite) = suite {
            config.insert("cryptosuite".into(), suite.into());
        }
        for (name, value) in [
            ("created", &options.created),
            ("expires", &options.expires),
            ("domain", &options.domain),
            ("challenge", &options.challenge),
            ("nonce", &options.nonce),
            ("id", &options.id),
        ] {
            if let Some(v) = value {
                config.insert(name.into(), Value::String(v.clone()));
            }
        }
        match options.previous_proof.as_slice() {
            [] => {}
            [one] => {
                config.insert("previousProof".into(), one.clone().into());
            }
            many => {
                config.insert("previousProof".into(), many.to_vec().into());
            }
        }
        config.insert(
            "verificationMethod".into(),
            options.verification_method.clone().into(),
        );
        config.insert("proofPurpose".into(), options.proof_purpose.clone().into());
        if let Some(context) = document.get("@context") {
            config.insert("@context".into(), context.clone());
        }
        config
    }

    fn canonical(
        &self,
        document: &Value,
        hash: HashAlgorithm,
        what: &str,
        with_proof: bool,
    ) -> Result<String, SignError> {
        // A proof never signs itself: `proof` is left out (without copying the document), except
        // the previous proofs a chained proof signs, which the caller puts there.
        let options = if with_proof {
            ToRdfOptions::strict().as_signers_read()
        } else {
            ToRdfOptions::strict()
                .as_signers_read()
                .skip_root_member("proof")
        };
        let rdf = self
            .processor
            .to_rdf(document, &options)
            .map_err(|e| SignError::new(SignErrorKind::Document, format!("{what}: {e}")))?;
        canonicalize(&rdf.dataset, CanonOptions::default().with_hash(hash))
            .map(|c| c.nquads)
            .map_err(|e| SignError::new(SignErrorKind::Document, format!("{what}: {e}")))
    }

    /// The values a proof signs (canonical forms and their hashes), for a document (without
    /// proof) and a proof configuration.
    pub fn signing_input(
        &self,
        unsecured: &Value,
        proof_configuration: &Value,
        hash: HashAlgorithm,
    ) -> Result<SigningInput, SignError> {
        self.signing_input_with(unsecured, proof_configuration, hash, false)
    }

    fn signing_input_with(
        &self,
        unsecured: &Value,
        proof_configuration: &Value,
        hash: HashAlgorithm,
        with_proof: bool,
    ) -> Result<SigningInput, SignError> {
        self.signing_input_from(unsecured, None, proof_configuration, hash, with_proof)
    }

    /// As `signing_input_with`, with the document's RDF already at hand when `dataset` is given.
    fn signing_input_from(
        &self,
        unsecured: &Value,
        dataset: Option<&Dataset>,
        proof_configuration: &Value,
        hash: HashAlgorithm,
        with_proof: bool,
    ) -> Result<SigningInput, SignError> {
        let jcs = proof_configuration
            .get("cryptosuite")
            .and_then(Value::as_str)
            .and_then(Cryptosuite::from_name)
            .is_some_and(Cryptosuite::is_jcs);
        let (canonical_document, canonical_proof_configuration) = if jcs {
            let mut document = unsecured.clone();
            if let Some(map) = document.as_object_mut() {
                map.remove("proof");
            }
            (
                canonical_json(&document),
                canonical_json(proof_configuration),
            )
        } else {
            (
                match dataset {
                    Some(dataset) => canonicalize(dataset, CanonOptions::default().with_hash(hash))
                        .map(|c| c.nquads)
                        .map_err(|e| {
                            SignError::new(SignErrorKind::Document, format!("the document: {e}"))
                        })?,
                    None => self.canonical(unsecured, hash, "the document", with_proof)?,
                },
                self.canonical(proof_configuration, hash, "the proof configuration", false)?,
            )
        };
        let document_digest = hash.digest(canonical_document.as_bytes());
        let proof_digest = hash.digest(canonical_proof_configuration.as_bytes());
        let mut hash_data = proof_digest.clone();
        hash_data.extend(&document_digest);
        let hex = |bytes: &[u8]| bytes.iter().map(|b| format!("{b:02x}")).collect::<String>();
        Ok(SigningInput {
            // Each canonical form is hashed once (the document's holds the EDC's images).
            document_hash: hex(&document_digest),
            proof_hash: hex(&proof_digest),
            canonical_document,
            canonical_proof_configuration,
            hash_data,
        })
    }

    /// Signs `document` (adding the suite's context if needed), returning it with the new proof.
    /// An existing proof makes a proof set.
    pub fn sign(
        &self,
        document: &Value,
        key: &KeyPair,
        options: &ProofOptions,
    ) -> Result<Value, SignError> {
        self.sign_inner(document, None, key, options)
    }

    /// Signs `document` whose RDF the caller already has (strict, without `proof`) — e.g. from
    /// validating it before signing — sparing a second conversion. `document` must already
    /// carry the suite's context ([`DataIntegrity::with_suite_context`]) and no proof, and
    /// `dataset` must be its RDF.
    pub fn sign_with_dataset(
        &self,
        document: &Value,
        dataset: &Dataset,
        key: &KeyPair,
        options: &ProofOptions,
    ) -> Result<Value, SignError> {
        if document.get("proof").is_some() || !options.previous_proof.is_empty() {
            return Err(SignError::new(
                SignErrorKind::Unsupported,
                "sign_with_dataset makes a first proof; use sign for proof sets and chains",
            ));
        }
        if Self::with_suite_context(document, options.suite) != *document {
            return Err(SignError::new(
                SignErrorKind::Document,
                "the document lacks the suite's context: pass DataIntegrity::with_suite_context(document)",
            ));
        }
        self.sign_inner(document, Some(dataset), key, options)
    }

    fn sign_inner(
        &self,
        document: &Value,
        dataset: Option<&Dataset>,
        key: &KeyPair,
        options: &ProofOptions,
    ) -> Result<Value, SignError> {
        if options.suite == Cryptosuite::EcdsaSd2023 {
            return Err(SignError::new(
                SignErrorKind::Unsupported,
                "ecdsa-sd-2023 proofs are verified by edc, not made: sign with ecdsa-rdfc-2019 instead",
            ));
        }
        if !options.suite.accepts(key.key_type()) {
            let takes = [
                Cryptosuite::EddsaRdfc2022,
                Cryptosuite::EcdsaRdfc2019,
                Cryptosuite::EcdsaJcs2019,
            ]
            .into_iter()
            .filter(|s| s.accepts(key.key_type()))
            .map(Cryptosuite::name)
            .collect::<Vec<_>>();
            let instead = if takes.is_empty() {
                "no Data Integrity suite takes this key; secure the credential as a JWT or COSE \
                 token instead (edc sign --suite vc-jose, jwt, vc-cose or sd-jwt)"
                    .to_string()
            } else {
                format!("use {} instead", takes.join(" or "))
            };
            return Err(SignError::new(
                SignErrorKind::Key,
                format!(
                    "{} cannot sign with {} keys: {instead}",
                    options.suite.name(),
                    key.key_type().jwk_curve(),
                ),
            ));
        }
        let mut document = Self::with_suite_context(document, options.suite);
        let existing = document.as_object_mut().and_then(|m| m.remove("proof"));
        let config = Self::proof_configuration(&document, options);
        let hash = hash_for(options.suite, key.key_type());
        let input = if options.previous_proof.is_empty() {
            self.signing_input_from(
                &document,
                dataset,
                &Value::Object(config.clone()),
                hash,
                false,
            )?
        } else {
            let all: Vec<Value> = match &existing {
                Some(Value::Array(set)) => set.clone(),
                Some(one) => vec![one.clone()],
                None => Vec::new(),
            };
            let chained = with_previous_proofs(&document, &all, &options.previous_proof)
                .map_err(|m| SignError::new(SignErrorKind::Document, m))?;
            self.signing_input_with(&chained, &Value::Object(config.clone()), hash, true)?
        };
        let signature = key.sign(&input.hash_data);
        let mut proof = config;
        // The RDF suites leave the proof configuration's context out of the proof; the JCS
        // suites keep it (it is part of what they sign).
        if !options.suite.is_jcs() {
            proof.remove("@context");
        }
        proof.insert(
            "proofValue".into(),
            Value::String(encode_multibase(&signature)),
        );
        let proof = Value::Object(proof);
        document["proof"] = match existing {
            None => proof,
            Some(Value::Array(mut set)) => {
                set.push(proof);
                Value::Array(set)
            }
            Some(one) => Value::Array(vec![one, proof]),
        };
        Ok(document)
    }

    /// Checks every proof of `document`, each on its own (a proof set). An empty list means the
    /// document has no proof.
    pub fn verify(&self, document: &Value) -> Vec<ProofCheck> {
        let proofs: Vec<Value> = match document.get("proof") {
            None => return Vec::new(),
            Some(Value::Array(set)) => set.clone(),
            Some(one) => vec![one.clone()],
        };
        // A chained proof signs the proofs it names.
        proofs
            .iter()
            .map(|proof| match proof.get("previousProof") {
                None => self.verify_one(document, proof, false),
                Some(previous) => {
                    let ids: Vec<String> = match previous {
                        Value::String(id) => vec![id.clone()],
                        Value::Array(ids) => ids
                            .iter()
                            .filter_map(Value::as_str)
                            .map(str::to_string)
                            .collect(),
                        _ => {
                            return ProofCheck::Invalid(
                                "previousProof must be a string or an array of strings".into(),
                            )
                        }
                    };
                    match with_previous_proofs(document, &proofs, &ids) {
                        Ok(chained) => self.verify_one(&chained, proof, true),
                        Err(why) => ProofCheck::Invalid(why),
                    }
                }
            })
            .collect()
    }

    fn verify_one(&self, unsecured: &Value, proof: &Value, with_proof: bool) -> ProofCheck {
        let Some(proof) = proof.as_object() else {
            return ProofCheck::Invalid("a proof must be an object".into());
        };
        let text = |name: &str| proof.get(name).and_then(Value::as_str);
        let suite = match (text("type"), text("cryptosuite")) {
            // `eddsa-2022`: the suite's name before it was split into rdfc and jcs (Open Badges
            // 3.0 issuers still write it); it canonicalizes RDF.
            (Some("DataIntegrityProof"), Some("eddsa-2022")) => Some(Cryptosuite::EddsaRdfc2022),
            (Some("DataIntegrityProof"), Some(name)) => Cryptosuite::from_name(name),
            (Some("Ed25519Signature2020"), _) => Some(Cryptosuite::Ed25519Signature2020),
            _ => None,
        };
        let Some(suite) = suite else {
            return ProofCheck::CouldNotCheck(format!(
                "unsupported proof type {:?} / cryptosuite {:?}",
                text("type"),
                text("cryptosuite")
            ));
        };
        let Some(method) = text("verificationMethod") else {
            return ProofCheck::Invalid("the proof has no verificationMethod".into());
        };
        let Some(proof_value) = text("proofValue") else {
            return ProofCheck::Invalid("the proof has no proofValue".into());
        };
        let purpose = text("proofPurpose").unwrap_or("assertionMethod");
        let public = match self.resolver.resolve_for(method, purpose) {
            Ok(key) => key,
            Err(e) => return ProofCheck::CouldNotCheck(e.to_string()),
        };
        if !suite.accepts(public.key_type()) {
            return ProofCheck::Invalid(format!(
                "{} does not use {:?} keys",
                suite.name(),
                public.key_type()
            ));
        }
        if suite == Cryptosuite::EcdsaSd2023 {
            return match self.verify_ecdsa_sd(unsecured, proof, &public) {
                Ok(()) => ProofCheck::Verified {
                    verification_method: method.to_string(),
                    suite,
                },
                Err(check) => check,
            };
        }
        let Ok(signature) = decode_multibase(proof_value) else {
            return ProofCheck::Invalid("proofValue is not base58btc multibase".into());
        };
        let mut config = proof.clone();
        config.remove("proofValue");
        if !suite.is_jcs() {
            if let Some(context) = unsecured.get("@context") {
                config.insert("@context".into(), context.clone());
            }
        }
        let hash = hash_for(suite, public.key_type());
        let input =
            match self.signing_input_with(unsecured, &Value::Object(config), hash, with_proof) {
                Ok(input) => input,
                Err(e) => return ProofCheck::CouldNotCheck(e.to_string()),
            };
        if public.verify(&input.hash_data, &signature) {
            ProofCheck::Verified {
                verification_method: method.to_string(),
                suite,
            }
        } else {
            ProofCheck::Invalid("the signature does not match the document and the key".into())
        }
    }
}
