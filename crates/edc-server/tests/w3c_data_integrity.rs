//! The assertions of the W3C `vc-di-eddsa-test-suite` and `vc-di-ecdsa-test-suite` (which run
//! the `data-integrity-test-suite-assertion` issuer and verifier suites per cryptosuite, and
//! the suite's data-model checks), ported and run against a live `edc serve` on loopback.
//!
//! Issuer assertions look at what the server issues with each cryptosuite it offers. Verifier
//! assertions send credentials signed with the suites' published test keys (the eddsa suite's
//! default key, the ecdsa spec's P-256 and P-384 key pairs), mutated as the suites' generators
//! mutate them. Where the suites sign a mutation with an unsafe JSON-LD signer, it is signed
//! here over the lenient RDF (what such a signer signs); where they create a proof without a
//! member, the member is removed after signing here (our signer requires it), which keeps the
//! credential one a verifier must refuse.

mod common;

#[path = "common/suite.rs"]
mod suite_impl;

use common::{shared_json, Live};
use edc_context::{JsonLdProcessor, ToRdfOptions};
use edc_did::KeyPair;
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
use serde_json::{json, Value};
use suite_impl::{all, ensure, Outcome, Suite};

/// The suites' valid credential (VC 2.0).
fn valid_vc() -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": "urn:uuid:86294362-4254-4f36-854f-3952fe42555d",
        "type": ["VerifiableCredential"],
        "credentialSubject": {"id": "did:key:z6MktKwz7Ge1Yxzr4JHavN33wiwa8y81QdcMRLXQsrH9T53b", "name": "ExampleClaim"}
    })
}

/// The suites' VC 1.1 credential.
fn valid_vc_v1() -> Value {
    json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", "https://w3id.org/security/data-integrity/v2"],
        "id": "urn:uuid:36245ee9-9074-4b05-a777-febff2e69757",
        "type": ["VerifiableCredential"],
        "issuanceDate": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "urn:uuid:1a0e4ef5-091f-4060-842e-18e519ab9440"}
    })
}

struct Server {
    live: Live,
}

impl Server {
    fn issue(&self, credential: &Value, suite: Cryptosuite) -> Result<Value, (u16, String)> {
        let (status, body) = self.live.post(
            "/credentials/issue",
            &json!({"credential": credential, "options": {"cryptosuite": suite.name(), "credentialStatus": false}}),
        );
        if status == 201 {
            Ok(body["verifiableCredential"].clone())
        } else {
            Err((status, body["detail"].to_string()))
        }
    }

    fn verifies(&self, vc: &Value) -> Outcome {
        let (status, body) = self.live.post(
            "/credentials/verify",
            &json!({"verifiableCredential": vc, "options": {"checks": ["proof"]}}),
        );
        ensure(
            status == 200 && body["verified"] == true,
            format!("verify answered {status}: {}", body["detail"]),
        )
    }

    fn refuses(&self, vc: &Value, what: &str) -> Outcome {
        let (status, _) = self.live.post(
            "/credentials/verify",
            &json!({"verifiableCredential": vc, "options": {"checks": ["proof"]}}),
        );
        ensure(
            status >= 400,
            format!("{what}: verify answered {status}, the credential was verified"),
        )
    }
}

/// A test signer: a suite's key, signing as the suites' generators do.
struct TestSigner {
    suite: Cryptosuite,
    key: KeyPair,
    did: String,
    method: String,
    di: DataIntegrity,
}

impl TestSigner {
    fn new(suite: Cryptosuite, key: KeyPair) -> TestSigner {
        let (did, method) = edc_did::did_key(&key.public_key());
        TestSigner {
            suite,
            key,
            did,
            method,
            di: DataIntegrity::default(),
        }
    }

    fn options(&self) -> ProofOptions {
        ProofOptions::new(self.suite, &self.method).created("2024-01-01T00:00:00Z")
    }

    fn sign(&self, credential: &Value) -> Value {
        let mut c = credential.clone();
        c["issuer"] = json!(self.did);
        self.di
            .sign(&c, &self.key, &self.options())
            .expect("the suite's credential signs")
    }

    fn sign_with(&self, credential: &Value, options: ProofOptions) -> Value {
        let mut c = credential.clone();
        c["issuer"] = json!(self.did);
        self.di.sign(&c, &self.key, &options).expect("signs")
    }

    /// Signs as an unsafe JSON-LD signer does: over the lenient RDF (dropped terms unsigned).
    fn sign_unsafe(&self, credential: &Value) -> Value {
        let mut c = credential.clone();
        c["issuer"] = json!(self.did);
        if self.suite.is_jcs() {
            return self
                .di
                .sign(&c, &self.key, &self.options())
                .expect("JCS signs anything");
        }
        let c = DataIntegrity::with_suite_context(&c, self.suite);
        let rdf = JsonLdProcessor::default()
            .to_rdf(&c, &ToRdfOptions::lenient())
            .expect("lenient RDF");
        self.di
            .sign_with_dataset(&c, &rdf.dataset, &self.key, &self.options())
            .expect("signs")
    }
}

fn proofs(vc: &Value) -> Vec<Value> {
    match &vc["proof"] {
        Value::Array(p) => p.clone(),
        Value::Null => Vec::new(),
        p => vec![p.clone()],
    }
}

/// The data-integrity-test-suite-assertion issuer suite (create.js), for `suite`.
fn issuer_assertions(s: &mut Suite, server: &Server, issuer: &str, suite: Cryptosuite) {
    let label = format!("{} issuers", suite.name());
    let mut credential = valid_vc();
    credential["issuer"] = json!(issuer);
    let issued = server
        .issue(&credential, suite)
        .map_err(|(s, d)| format!("issue answered {s}: {d}"));
    let with = |f: &dyn Fn(&Value, &[Value]) -> Outcome| -> Outcome {
        let vc = issued.clone()?;
        let p = proofs(&vc);
        ensure(!p.is_empty(), "no proof")?;
        f(&vc, &p)
    };
    s.check(&format!("{label}: a proof property MUST be used"), || {
        with(&|_, _| Ok(()))
    });
    s.check(
        &format!("{label}: proof is an object or a set of objects"),
        || {
            with(&|vc, _| {
                ensure(
                    vc["proof"].is_object()
                        || vc["proof"]
                            .as_array()
                            .is_some_and(|a| a.iter().all(Value::is_object)),
                    "proof shape",
                )
            })
        },
    );
    s.check(&format!("{label}: proof.id, if present, is a URL"), || {
        with(&|_, p| {
            all(p.iter().map(|p| match p.get("id") {
                Some(Value::String(id)) => {
                    ensure(edc_context::is_absolute_iri(id), format!("proof.id {id}"))
                }
                Some(other) => Err(format!("proof.id {other}")),
                None => Ok(()),
            }))
        })
    });
    s.check(
        &format!("{label}: the proof type is a string that maps to a URL"),
        || {
            // DataIntegrityProof is defined by the VC 2.0 context as https://w3id.org/security#DataIntegrityProof.
            with(&|_, p| {
                all(p.iter().map(|p| {
                    ensure(
                        p["type"] == "DataIntegrityProof",
                        format!("type {}", p["type"]),
                    )
                }))
            })
        },
    );
    s.check(
        &format!("{label}: the type property MUST contain DataIntegrityProof"),
        || {
            with(&|_, p| {
                all(p
                    .iter()
                    .map(|p| ensure(p["type"] == "DataIntegrityProof", "type")))
            })
        },
    );
    s.check(
        &format!("{label}: the proofValue property MUST be used"),
        || with(&|_, p| all(p.iter().map(|p| proof_value(p, suite)))),
    );
    s.check(
        &format!("{label}: a DataIntegrityProof MUST specify cryptosuite"),
        || {
            with(&|_, p| {
                all(p
                    .iter()
                    .map(|p| ensure(p.get("cryptosuite").is_some(), "no cryptosuite")))
            })
        },
    );
    s.check(&format!("{label}: cryptosuite is a string"), || {
        with(&|_, p| {
            all(p
                .iter()
                .map(|p| ensure(p["cryptosuite"].is_string(), "cryptosuite not a string")))
        })
    });
    s.check(
        &format!("{label}: verificationMethod is a string that maps to a URL"),
        || {
            with(&|_, p| {
                all(p.iter().map(|p| {
                    ensure(
                        p["verificationMethod"]
                            .as_str()
                            .is_some_and(edc_context::is_absolute_iri),
                        "verificationMethod",
                    )
                }))
            })
        },
    );
    s.check(
        &format!("{label}: proofPurpose is a string that maps to a URL"),
        || {
            // The VC 2.0 context maps assertionMethod to https://w3id.org/security#assertionMethod.
            with(&|_, p| {
                all(p.iter().map(|p| {
                    ensure(
                        p["proofPurpose"] == "assertionMethod",
                        format!("proofPurpose {}", p["proofPurpose"]),
                    )
                }))
            })
        },
    );
    s.check(
        &format!("{label}: proofValue is multibase as Controlled Identifiers 2.4 says"),
        || with(&|_, p| all(p.iter().map(|p| proof_value(p, suite)))),
    );
    s.check(
        &format!("{label}: mandatory proof value properties are used"),
        || {
            with(&|_, p| {
                all(p.iter().map(|p| {
                    ensure(
                        ["type", "verificationMethod", "proofPurpose", "proofValue"]
                            .iter()
                            .all(|m| p.get(*m).is_some()),
                        format!("proof {p}"),
                    )
                }))
            })
        },
    );
    s.check(
        &format!("{label}: an undefined term or type MUST fail issuance (JSON-LD data loss)"),
        || {
            let mut undefined_type = valid_vc_v1();
            undefined_type["issuer"] = json!(issuer);
            undefined_type["type"]
                .as_array_mut()
                .unwrap()
                .push(json!("InvalidType"));
            let mut undefined_term = valid_vc_v1();
            undefined_term["issuer"] = json!(issuer);
            undefined_term["credentialSubject"]["invalidTerm"] = json!("invalidTerm");
            if suite.is_jcs() {
                // JCS suites do not process JSON-LD: nothing is dropped, nothing to detect.
                return Ok(());
            }
            all([
                ensure(
                    server.issue(&undefined_type, suite).is_err(),
                    "issued a VC with an undefined type",
                ),
                ensure(
                    server.issue(&undefined_term, suite).is_err(),
                    "issued a VC with an undefined term",
                ),
            ])
        },
    );
    s.check(
        &format!("{label}: an error is propagated (no credentialSubject)"),
        || {
            let mut c = credential.clone();
            c.as_object_mut().unwrap().remove("credentialSubject");
            match server.issue(&c, suite) {
                Err((400 | 422, _)) => Ok(()),
                Err((status, _)) => Err(format!("answered {status}")),
                Ok(_) => Err("issued a VC without credentialSubject".into()),
            }
        },
    );
    s.check(
        &format!("{label}: cryptosuite identifies the suite"),
        || {
            with(&|_, p| {
                ensure(
                    p.iter().any(|p| p["cryptosuite"] == suite.name()),
                    format!("no proof with {}", suite.name()),
                )
            })
        },
    );
    s.check(&format!("{label}: issued credentials verify"), || {
        server.verifies(&issued.clone()?)
    });
}

/// proofValue: multibase base58-btc (`z`) and a signature of the suite's length.
fn proof_value(proof: &Value, suite: Cryptosuite) -> Outcome {
    let value = proof["proofValue"].as_str().ok_or("no proofValue")?;
    let bytes = value
        .strip_prefix('z')
        .and_then(|v| bs58::decode(v).into_vec().ok())
        .ok_or_else(|| format!("proofValue {value} is not base58-btc multibase"))?;
    let expected: &[usize] = match suite {
        Cryptosuite::EddsaRdfc2022 | Cryptosuite::EddsaJcs2022 => &[64],
        _ => &[64, 96],
    };
    ensure(
        expected.contains(&bytes.len()),
        format!("a {}-byte signature", bytes.len()),
    )
}

/// The data-integrity-test-suite-assertion verifier suite (verify.js), for a signer.
fn verifier_assertions(s: &mut Suite, server: &Server, signer: &TestSigner, label: &str) {
    let issued = signer.sign(&valid_vc());
    s.check(&format!("{label}: a valid credential verifies"), || {
        server.verifies(&issued)
    });
    s.check(
        &format!("{label}: the base URL is null when deserializing to RDF"),
        || {
            let mut c = valid_vc();
            c["@context"]
                .as_array_mut()
                .unwrap()
                .push(json!({"@base": "https://invalid.example.com/"}));
            c["type"]
                .as_array_mut()
                .unwrap()
                .push(json!("UndefinedCredential"));
            let signed = if signer.suite.is_jcs() {
                return Ok(());
            } else {
                signer.sign_unsafe(&c)
            };
            server.refuses(&signed, "a relative type resolved against @base")
        },
    );
    let unknown_type = {
        let mut c = issued.clone();
        c["proof"]["type"] = json!("UnknownProofType");
        c
    };
    s.check(
        &format!("{label}: non-conforming documents produce errors"),
        || server.refuses(&unknown_type, "unknown proof type"),
    );
    s.check(
        &format!("{label}: a document or proof that is not a map is refused"),
        || {
            let mut null_proof = issued.clone();
            null_proof["proof"] = Value::Null;
            all([
                server.refuses(&null_proof, "proof null"),
                server.refuses(&Value::String(issued.to_string()), "the VC as a string"),
            ])
        },
    );
    s.check(
        &format!("{label}: a missing proof, type, verificationMethod or proofPurpose is refused"),
        || {
            let without = |member: &str| {
                let mut c = issued.clone();
                if member == "proof" {
                    c.as_object_mut().unwrap().remove("proof");
                } else {
                    c["proof"].as_object_mut().unwrap().remove(member);
                }
                c
            };
            all(["proof", "type", "verificationMethod", "proofPurpose"]
                .map(|m| server.refuses(&without(m), &format!("no {m}"))))
        },
    );
    s.check(
        &format!("{label}: the type property MUST contain DataIntegrityProof"),
        || server.refuses(&unknown_type, "unknown proof type"),
    );
    s.check(
        &format!("{label}: a proofPurpose other than the expected one is refused"),
        || {
            // The suite signs with a made-up purpose; our signer refuses a purpose that is not an
            // IRI, so this one is a real purpose, not the one a credential's issuer proves with.
            let signed = signer.sign_with(&valid_vc(), signer.options().purpose("authentication"));
            server.refuses(&signed, "proofPurpose authentication")
        },
    );
    let proof_value_checks = || {
        let mut changed = issued.clone();
        let value = changed["proof"]["proofValue"].as_str().unwrap().to_string();
        let mut chars: Vec<char> = value.chars().collect();
        let last = chars.len() - 1;
        chars[last] = if chars[last] == '2' { '3' } else { '2' };
        changed["proof"]["proofValue"] = json!(chars.into_iter().collect::<String>());
        let mut no_header = issued.clone();
        no_header["proof"]["proofValue"] = json!(value[1..].to_string());
        let mut none = issued.clone();
        none["proof"].as_object_mut().unwrap().remove("proofValue");
        all([
            server.refuses(&changed, "a changed proofValue"),
            server.refuses(&no_header, "a proofValue without its multibase header"),
            server.refuses(&none, "no proofValue"),
        ])
    };
    s.check(
        &format!("{label}: the proofValue property MUST be used"),
        proof_value_checks,
    );
    s.check(
        &format!("{label}: proofValue is multibase with a header"),
        proof_value_checks,
    );
    s.check(
        &format!("{label}: data dropped by JSON-LD is an error (undefined terms)"),
        || {
            if signer.suite.is_jcs() {
                // JCS signs the JSON itself: a term added after signing breaks the signature.
                let mut added = issued.clone();
                added["credentialSubject"]["undefinedTerm"] = json!("IfDroppedWillVerify");
                return server.refuses(&added, "a term added after signing");
            }
            let mut undefined = valid_vc_v1();
            undefined["credentialSubject"]["undefinedTerm"] = json!("undefinedTerm");
            let signed_unsafe = signer.sign_unsafe(&undefined);
            let base_v1 = signer.sign(&valid_vc_v1());
            let mut added_term = base_v1.clone();
            added_term["credentialSubject"]["undefinedTerm"] = json!("IfDroppedWillVerify");
            let mut added_type = base_v1.clone();
            added_type["type"]
                .as_array_mut()
                .unwrap()
                .push(json!("UndefinedType"));
            all([
                server.refuses(&signed_unsafe, "signed with an undefined term"),
                server.refuses(&added_term, "an undefined term added after issuance"),
                server.refuses(&added_type, "an undefined type added after issuance"),
            ])
        },
    );
    s.check(
        &format!("{label}: an unknown cryptosuite is refused"),
        || {
            let mut c = issued.clone();
            c["proof"]["cryptosuite"] = json!("UnknownCryptosuite");
            server.refuses(&c, "cryptosuite UnknownCryptosuite")
        },
    );
}

/// The previousProof assertions, on the assertion suite's signed inputs.
fn proof_chain_assertions(s: &mut Suite, server: &Server) {
    let dir = "vectors/w3c-ccg+data-integrity-test-suite-assertion/inputs/eddsa-rdfc-2022";
    let input = |name: &str| shared_json(&format!("{dir}/{name}")).expect("shared");
    for version in ["1.1", "2.0"] {
        s.check(&format!("eddsa-rdfc-2022 verifiers VC {version}: previousProof (string or list) names proofs that MUST verify"), || {
            all([
                server.verifies(&input(&format!("{version}-previousProofStringOk-SimpleSigned2.json"))),
                server.verifies(&input(&format!("{version}-previousProofArrayOk-SimpleSigned2.json"))),
            ])
        });
        s.check(&format!("eddsa-rdfc-2022 verifiers VC {version}: a previousProof that is not a string is refused"), || {
            server.refuses(&input(&format!("{version}-previousProofNotStringFail-SimpleSigned2.json")), "previousProof not a string")
        });
        s.check(
            &format!("eddsa-rdfc-2022 verifiers VC {version}: a missing previous proof is refused"),
            || {
                all([
                    server.refuses(
                        &input(&format!(
                            "{version}-previousProofMissingFail-SimpleSigned2.json"
                        )),
                        "missing",
                    ),
                    server.refuses(
                        &input(&format!(
                            "{version}-previousProofStringMissingFail-SimpleSigned2.json"
                        )),
                        "string missing",
                    ),
                    server.refuses(
                        &input(&format!(
                            "{version}-previousProofArrayMissingFail-SimpleSigned2.json"
                        )),
                        "array missing",
                    ),
                ])
            },
        );
    }
}

fn key_pair(path: &str) -> KeyPair {
    let pair = shared_json(path).expect("shared");
    let secret = pair["secretKeyMultibase"].as_str().unwrap();
    KeyPair::from_secret_multikey(secret).expect("the suite's key pair reads")
}

#[test]
fn vc_di_eddsa_test_suite() {
    let Some(keys) =
        shared_json("vectors/derived/test-suite-keys/w3c-test-suite-signing-keys.json")
    else {
        return;
    };
    let default_key = keys
        .as_object()
        .unwrap()
        .iter()
        .find(|(k, _)| k.contains("defaultKey.json"))
        .map(|(_, v)| v["secretKeyMultibase"].as_str().unwrap().to_string())
        .unwrap();
    let server = Server {
        live: Live::start("eddsa", |_| {}),
    };
    let issuer = server.live.dids[0].clone();
    let mut s = Suite::new("vc-di-eddsa-test-suite", "Grotto Networking 63 of 69");
    for suite in [Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022] {
        issuer_assertions(&mut s, &server, &issuer, suite);
        let signer = TestSigner::new(suite, KeyPair::from_secret_multikey(&default_key).unwrap());
        verifier_assertions(
            &mut s,
            &server,
            &signer,
            &format!("{} verifiers", suite.name()),
        );
    }
    proof_chain_assertions(&mut s, &server);
    s.check(
        "eddsa data model: verification method publicKeyMultibase starts with z (base58-btc)",
        || {
            let (status, _, body) = server.live.get("/issuers");
            ensure(status == 200, "GET /issuers")?;
            let issuers: Value = serde_json::from_str(&body).unwrap();
            let method = issuers["issuers"][0]["verificationMethod"]
                .as_str()
                .unwrap()
                .to_string();
            let fragment = method.rsplit('#').next().unwrap();
            all([
                ensure(
                    fragment.starts_with("z6Mk"),
                    format!("{fragment} is not a base58-btc Ed25519 Multikey"),
                ),
                ensure(
                    edc_did::PublicKey::from_multikey(fragment).is_ok(),
                    "the multikey does not read",
                ),
            ])
        },
    );
    s.finish(KNOWN_EDDSA);
}

#[test]
fn vc_di_ecdsa_test_suite() {
    if edc_testkit::shared_dir().is_none() {
        return;
    }
    let server = Server {
        live: Live::start("ecdsa", |_| {}),
    };
    let issuer = server.live.dids[1].clone();
    let mut s = Suite::new("vc-di-ecdsa-test-suite", "ECDSA 72 of 72 (Digital Bazaar)");
    for suite in [Cryptosuite::EcdsaRdfc2019, Cryptosuite::EcdsaJcs2019] {
        issuer_assertions(&mut s, &server, &issuer, suite);
        for curve in ["p256", "p384"] {
            let key = key_pair(&format!(
                "vectors/w3c+vc-di-ecdsa/TestVectors/{curve}KeyPair.json"
            ));
            let signer = TestSigner::new(suite, key);
            verifier_assertions(
                &mut s,
                &server,
                &signer,
                &format!("{} verifiers {curve}", suite.name()),
            );
        }
    }
    s.finish(KNOWN_ECDSA);
}

const KNOWN_EDDSA: &[(&str, &str)] = &[];
const KNOWN_ECDSA: &[(&str, &str)] = &[];
