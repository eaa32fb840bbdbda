//! The `generated` suite: cases made at run time with test keys and a test CA. A micro-credential
//! built with the model's builder is signed with each Data Integrity suite, as a VC-JWT, and
//! sealed (JAdES); then one mutation per case, each with the check the specifications say must
//! fail. The expectations are written here from those rules, not read from a run.

use crate::pki::TestCa;
use crate::runner::{judge_made, SuiteResult};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use edc_did::{did_key, KeyPair, KeyType};
use edc_model::{DateTime, MicroCredentialBuilder};
use edc_seal::{seal, SealAlgorithm, SealOptions};
use edc_signer::{
    sign_vc_cose, sign_vc_jose, sign_vc_jwt, sign_vc_sd_jwt, Cryptosuite, DataIntegrity,
    ProofOptions,
};
use edc_verifier::{StatusLists, Verifier};
use serde_json::{json, Value};
use std::io::Write;

/// The eIDAS identifier of the made-up issuer (what its seal certificate carries).
pub(crate) const ISSUER_NOTATION: &str = "IE-9876543W";
/// The status list the revocation cases use, and the index it revokes.
pub(crate) const STATUS_LIST: &str = "https://status.example/lists/1";
pub(crate) const REVOKED_INDEX: u64 = 42;
const STATUS_CONTEXT: &str = "https://w3id.org/vc/status-list/2021/v1";

pub(crate) struct Signer {
    pub(crate) key: KeyPair,
    pub(crate) did: String,
    pub(crate) method: String,
}

pub(crate) fn signer(kind: KeyType) -> Signer {
    let key = KeyPair::generate(kind);
    let (did, method) = did_key(&key.public_key());
    Signer { key, did, method }
}

pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// The example micro-credential issued by `issuer_id`, as JSON.
pub(crate) fn credential(issuer_id: &str, issued: i64) -> Result<Value, String> {
    let built = MicroCredentialBuilder::example(
        "urn:credential:edc-conformance-1",
        issuer_id,
        DateTime::from_unix_seconds(issued),
    )
    .build()?;
    serde_json::to_value(&built).map_err(|e| e.to_string())
}

pub(crate) fn sign(
    document: &Value,
    by: &Signer,
    suite: Cryptosuite,
    purpose: &str,
) -> Result<Value, String> {
    DataIntegrity::default()
        .sign(
            document,
            &by.key,
            &ProofOptions::new(suite, &by.method).purpose(purpose),
        )
        .map_err(|e| e.to_string())
}

/// A StatusList2021 credential of `issuer` whose only set bit is `REVOKED_INDEX` (left-most bit
/// of the first byte is index 0, GZIP, base64url), signed.
pub(crate) fn status_list(issuer: &Signer, issued: i64) -> Result<Value, String> {
    let mut bits = vec![0u8; 16 * 1024];
    bits[(REVOKED_INDEX / 8) as usize] |= 0x80 >> (REVOKED_INDEX % 8);
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gzip.write_all(&bits).map_err(|e| e.to_string())?;
    let compressed = gzip.finish().map_err(|e| e.to_string())?;
    let list = json!({
        "@context": ["https://www.w3.org/2018/credentials/v1", STATUS_CONTEXT],
        "id": STATUS_LIST,
        "type": ["VerifiableCredential", "StatusList2021Credential"],
        "issuer": issuer.did,
        "issuanceDate": DateTime::from_unix_seconds(issued).to_string(),
        "credentialSubject": {
            "id": format!("{STATUS_LIST}#list"),
            "type": "StatusList2021",
            "statusPurpose": "revocation",
            "encodedList": URL_SAFE_NO_PAD.encode(compressed),
        }
    });
    sign(&list, issuer, Cryptosuite::EddsaRdfc2022, "assertionMethod")
}

pub(crate) fn with_status(mut credential: Value, index: u64) -> Value {
    credential["@context"]
        .as_array_mut()
        .expect("the builder writes a context array")
        .push(json!(STATUS_CONTEXT));
    credential["credentialStatus"] = json!({
        "id": format!("{STATUS_LIST}#{index}"),
        "type": "StatusList2021Entry",
        "statusPurpose": "revocation",
        "statusListIndex": index.to_string(),
        "statusListCredential": STATUS_LIST,
    });
    credential
}

/// Sets `expiryDate` on every accreditation the credential describes.
fn expire_accreditations(value: &mut Value, expiry: &str) {
    match value {
        Value::Object(map) => {
            if map.get("type").is_some_and(|t| t == "Accreditation") {
                map.insert("expiryDate".into(), json!(expiry));
            }
            map.values_mut()
                .for_each(|v| expire_accreditations(v, expiry));
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|v| expire_accreditations(v, expiry)),
        _ => {}
    }
}

/// A VCDM 2.0 credential issued by `issuer` (the JOSE/COSE/SD-JWT envelopes secure VCDM 2.0).
pub(crate) fn vc2(issuer: &str) -> Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": issuer,
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": "did:example:learner", "name": "Ana Andromeda"},
    })
}

/// One generated case: the document, and what each check must say.
struct Generated {
    id: &'static str,
    source: &'static str,
    document: Result<String, String>,
    expect: &'static [(&'static str, &'static str)],
    verifier: usize,
}

const VERIFIED: &[(&str, &str)] = &[
    ("format", "ok"),
    ("integrity", "ok"),
    ("issuer", "ok"),
    ("validity", "ok"),
    ("verdict", "verified"),
];

fn text(value: Result<Value, String>) -> Result<String, String> {
    value.map(|v| v.to_string())
}

/// Builds and runs the generated suite.
pub fn run_generated() -> SuiteResult {
    let mut suite = SuiteResult {
        suite: "generated".into(),
        description: "credentials built, signed and sealed at run time, one mutation per case"
            .into(),
        skipped: None,
        cases: Vec::new(),
    };
    let at = now();
    let day = 86_400;
    let issued = at - 30 * day;
    let ed = signer(KeyType::Ed25519);
    let p256 = signer(KeyType::P256);
    let p384 = signer(KeyType::P384);
    let p521 = signer(KeyType::P521);
    let stranger = signer(KeyType::Ed25519);
    let holder_free = |s: &Signer| credential(&s.did, issued);

    let ca = match TestCa::new() {
        Ok(ca) => ca,
        Err(e) => {
            suite.skipped = Some(format!("the test CA could not be made: {e}"));
            return suite;
        }
    };
    let trust = match ca.trust_store() {
        Ok(t) => t,
        Err(e) => {
            suite.skipped = Some(format!("the test CA's trust store: {e}"));
            return suite;
        }
    };
    let list = match status_list(&ed, issued) {
        Ok(l) => l,
        Err(e) => {
            suite.skipped = Some(format!("the status list could not be signed: {e}"));
            return suite;
        }
    };
    let trusted = [
        ed.did.clone(),
        p256.did.clone(),
        p384.did.clone(),
        p521.did.clone(),
    ];
    let verifiers = [
        Verifier::builder()
            .at(at)
            .trusted_dids(trusted.iter().cloned())
            .trust_store(trust)
            .status_lists(StatusLists::new().with_list(STATUS_LIST, list))
            .build(),
        // No trusted DIDs: who signed is known, whether to trust them is not.
        Verifier::builder().at(at).build(),
        // A verifier that sent the holder the challenge `c-1`, and one that sent `c-2`.
        Verifier::builder()
            .at(at)
            .trusted_dids(trusted.iter().cloned())
            .challenge("c-1")
            .build(),
        Verifier::builder()
            .at(at)
            .trusted_dids(trusted.iter().cloned())
            .challenge("c-2")
            .build(),
    ];
    let holder = signer(KeyType::Ed25519);
    let presentation = || -> Result<String, String> {
        let mut c = holder_free(&ed)?;
        c["credentialSubject"]["id"] = json!(holder.did);
        let signed = sign(&c, &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod")?;
        let vp = json!({
            "@context": ["https://www.w3.org/2018/credentials/v1"],
            "type": ["VerifiablePresentation"],
            "holder": holder.did,
            "verifiableCredential": [signed],
        });
        DataIntegrity::default()
            .sign(
                &vp,
                &holder.key,
                &ProofOptions::new(Cryptosuite::EddsaRdfc2022, &holder.method)
                    .purpose("authentication")
                    .challenge("c-1"),
            )
            .map(|v| v.to_string())
            .map_err(|e| e.to_string())
    };

    // A VC-COSE presentation of a VC-JOSE credential issued to the holder, with the challenge
    // `c-1` in its `nonce` claim.
    let cose_presentation = || -> Result<String, String> {
        let mut c = vc2(&ed.did);
        c["credentialSubject"]["id"] = json!(holder.did);
        let token = sign_vc_jose(&c, &ed.key, &ed.method).map_err(|e| e.to_string())?;
        let vp = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": holder.did,
            "verifiableCredential": [{
                "@context": "https://www.w3.org/ns/credentials/v2",
                "type": "EnvelopedVerifiableCredential",
                "id": format!("data:application/vc+jwt,{token}"),
            }],
            "nonce": "c-1",
        });
        sign_vc_cose(&vp, &holder.key, &holder.method)
            .map(|bytes| URL_SAFE_NO_PAD.encode(bytes))
            .map_err(|e| e.to_string())
    };

    let sealed = |from: i32, until: i32, sealed_at: i64| -> Result<String, String> {
        let identity = ca.seal_identity("Digital Skills Academy", ISSUER_NOTATION, from, until)?;
        let document = credential("urn:epass:org:1", issued)?;
        seal(
            &document,
            &identity.key,
            &identity.chain,
            SealOptions {
                algorithm: SealAlgorithm::Es256,
                now: sealed_at,
                fill_issuer: false,
            },
        )
        .map(|v| v.to_string())
        .map_err(|e| e.to_string())
    };

    let mut cases = vec![
        Generated {
            id: "eddsa-rdfc-2022",
            source: "VC Data Integrity EdDSA: a proof over the document's canonical RDF",
            document: text(holder_free(&ed).and_then(|c| sign(&c, &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod"))),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "eddsa-jcs-2022",
            source: "VC Data Integrity EdDSA: a proof over the document's RFC 8785 JSON",
            document: text(holder_free(&ed).and_then(|c| sign(&c, &ed, Cryptosuite::EddsaJcs2022, "assertionMethod"))),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "ed25519signature2020",
            source: "Ed25519Signature2020 (the suite Europass-era DID issuers used)",
            document: text(holder_free(&ed).and_then(|c| sign(&c, &ed, Cryptosuite::Ed25519Signature2020, "assertionMethod"))),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "ecdsa-rdfc-2019-p256",
            source: "VC Data Integrity ECDSA, P-256 with SHA-256",
            document: text(holder_free(&p256).and_then(|c| sign(&c, &p256, Cryptosuite::EcdsaRdfc2019, "assertionMethod"))),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "ecdsa-rdfc-2019-p384",
            source: "VC Data Integrity ECDSA, P-384 with SHA-384",
            document: text(holder_free(&p384).and_then(|c| sign(&c, &p384, Cryptosuite::EcdsaRdfc2019, "assertionMethod"))),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "ecdsa-jcs-2019-p256",
            source: "VC Data Integrity ECDSA over RFC 8785 JSON, P-256",
            document: text(holder_free(&p256).and_then(|c| sign(&c, &p256, Cryptosuite::EcdsaJcs2019, "assertionMethod"))),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "vc-jwt-es256",
            source: "VC-JWT 1.1 as EBSI issues it (ES256, the credential in the vc claim)",
            document: holder_free(&p256).and_then(|c| {
                sign_vc_jwt(&c, &p256.key, &p256.method).map_err(|e| e.to_string())
            }),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "vc-jose-es512",
            source: "VC-JOSE (VCDM 2.0 claims set) signed with ES512 by a P-521 did:key",
            document: sign_vc_jose(&vc2(&p521.did), &p521.key, &p521.method)
                .map_err(|e| e.to_string()),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "jades-seal",
            source: "JAdES baseline-B eSeal whose certificate's organizationIdentifier is the issuer's eIDAS identifier, chained to the suite's test root",
            document: sealed(2020, 2090, at),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "vc-cose-es256",
            source: "VC-COSE: a VCDM 2.0 credential as a COSE_Sign1 (ES256)",
            document: sign_vc_cose(&vc2(&p256.did), &p256.key, &p256.method)
                .map(|bytes| URL_SAFE_NO_PAD.encode(bytes))
                .map_err(|e| e.to_string()),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "sd-jwt-eddsa",
            source: "SD-JWT: a VCDM 2.0 credential, its subject's claims selectively disclosable",
            document: sign_vc_sd_jwt(&vc2(&ed.did), &ed.key, &ed.method).map_err(|e| e.to_string()),
            expect: VERIFIED,
            verifier: 0,
        },
        Generated {
            id: "mutation-sd-jwt-forged-disclosure",
            source: "an SD-JWT disclosure the issuer never signed (its digest is in no _sd array)",
            document: sign_vc_sd_jwt(&vc2(&ed.did), &ed.key, &ed.method)
                .map(|token| {
                    let forged = URL_SAFE_NO_PAD.encode(br#"["c2FsdA","grade","A+"]"#);
                    format!("{token}{forged}~")
                })
                .map_err(|e| e.to_string()),
            expect: &[("integrity", "failed"), ("verdict", "failed")],
            verifier: 0,
        },
        Generated {
            id: "untrusted-did",
            source: "a valid proof by a DID nobody said to trust: issuer could not be checked, nothing failed",
            document: text(holder_free(&ed).and_then(|c| sign(&c, &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod"))),
            expect: &[("integrity", "ok"), ("issuer", "skipped"), ("verdict", "partially verified")],
            verifier: 1,
        },
        Generated {
            id: "mutation-changed-claim",
            source: "a claim changed after signing: the proof no longer matches (Data Integrity verification)",
            document: text(holder_free(&ed).and_then(|c| sign(&c, &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod")).map(|mut c| {
                c["credentialSubject"]["givenName"] = json!({"en": "Eve"});
                c
            })),
            expect: &[("integrity", "failed"), ("verdict", "failed")],
            verifier: 0,
        },
        Generated {
            id: "mutation-removed-mandatory-element",
            source: "no displayParameter: the EDC profile requires exactly one (signed after removal, so only the format fails)",
            document: text(holder_free(&ed).and_then(|mut c| {
                c.as_object_mut().map(|o| o.remove("displayParameter"));
                sign(&c, &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod")
            })),
            expect: &[("format", "failed"), ("integrity", "ok"), ("verdict", "failed")],
            verifier: 0,
        },
        Generated {
            id: "mutation-expired",
            source: "validUntil yesterday: the validity period has ended",
            document: text(holder_free(&ed).and_then(|mut c| {
                c["validUntil"] = json!(DateTime::from_unix_seconds(at - day).to_string());
                sign(&c, &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod")
            })),
            expect: &[("integrity", "ok"), ("validity", "failed"), ("verdict", "failed")],
            verifier: 0,
        },
        Generated {
            id: "mutation-revoked",
            source: "StatusList2021 entry at the index the issuer's list revokes",
            document: text(holder_free(&ed).and_then(|c| sign(&with_status(c, REVOKED_INDEX), &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod"))),
            expect: &[("integrity", "ok"), ("status", "failed"), ("verdict", "failed")],
            verifier: 0,
        },
        Generated {
            id: "status-not-revoked",
            source: "StatusList2021 entry at an index the list leaves clear",
            document: text(holder_free(&ed).and_then(|c| sign(&with_status(c, REVOKED_INDEX - 1), &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod"))),
            expect: &[("integrity", "ok"), ("status", "ok"), ("verdict", "verified")],
            verifier: 0,
        },
        Generated {
            id: "mutation-accreditation-expired",
            source: "the accreditation expired the day before the credential was issued (ELM Accreditation.expiryDate)",
            document: text(holder_free(&ed).and_then(|mut c| {
                expire_accreditations(&mut c, &DateTime::from_unix_seconds(issued - day).to_string());
                sign(&c, &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod")
            })),
            expect: &[("integrity", "ok"), ("accreditation", "failed"), ("verdict", "failed")],
            verifier: 0,
        },
        Generated {
            id: "presentation",
            source: "a presentation signed by its holder (authentication, the verifier's challenge), who is the credential's subject",
            document: presentation(),
            expect: &[("integrity", "ok"), ("owner", "ok"), ("issuer", "ok"), ("verdict", "verified")],
            verifier: 2,
        },
        Generated {
            id: "mutation-replayed-presentation",
            source: "the same presentation shown to a verifier that sent another challenge",
            document: presentation(),
            expect: &[("integrity", "ok"), ("owner", "failed"), ("verdict", "failed")],
            verifier: 3,
        },
        Generated {
            id: "cose-presentation",
            source: "a VC-COSE presentation signed by its holder (the credential's subject), nonce = the verifier's challenge",
            document: cose_presentation(),
            expect: &[("integrity", "ok"), ("owner", "ok"), ("issuer", "ok"), ("verdict", "verified")],
            verifier: 2,
        },
        Generated {
            id: "mutation-replayed-cose-presentation",
            source: "the same VC-COSE presentation shown to a verifier that sent another challenge",
            document: cose_presentation(),
            expect: &[("integrity", "ok"), ("owner", "failed"), ("verdict", "failed")],
            verifier: 3,
        },
        Generated {
            id: "mutation-wrong-proof-purpose",
            source: "a credential's proof must have purpose assertionMethod; this one says authentication",
            document: text(holder_free(&ed).and_then(|c| sign(&c, &ed, Cryptosuite::EddsaRdfc2022, "authentication"))),
            expect: &[("integrity", "failed"), ("verdict", "failed")],
            verifier: 0,
        },
        Generated {
            id: "mutation-foreign-key",
            source: "signed by a key of another DID than the credential's issuer",
            document: text(holder_free(&ed).and_then(|c| sign(&c, &stranger, Cryptosuite::EddsaRdfc2022, "assertionMethod"))),
            expect: &[("integrity", "ok"), ("issuer", "failed"), ("verdict", "failed")],
            verifier: 0,
        },
        Generated {
            id: "mutation-expired-seal-certificate",
            source: "sealed in 2020 with a certificate that expired on 2021-01-01, verified now (no archive time-stamp)",
            document: sealed(2019, 2021, 1_590_969_600),
            expect: &[("integrity", "ok"), ("issuer", "failed"), ("verdict", "failed")],
            verifier: 0,
        },
    ];
    for case in cases.drain(..) {
        let result = judge_made(
            case.id,
            case.source,
            case.document,
            &verifiers[case.verifier],
            case.expect,
            &[],
            &[],
        );
        suite.cases.push(result);
    }
    suite
}
