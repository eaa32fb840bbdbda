//! Forgery cases: documents an attacker makes to get a yes. Each names the check that must
//! catch it and the verdict it must get.

use super::documents::{compact, nested_sd_jwt, respelled, two_seals};
use crate::generated::{
    credential, now, sign, signer, status_list, vc2, with_status, ISSUER_NOTATION, REVOKED_INDEX,
    STATUS_LIST,
};
use crate::pki::{self_signed_copy, TestCa};
use crate::runner::{judge_made, CaseResult};
use edc_did::KeyType;
use edc_seal::{seal, SealAlgorithm, SealOptions};
use edc_signer::Cryptosuite;
use edc_verifier::{StatusLists, Verifier};
use serde_json::{json, Value};

const CRED: &str = "https://www.w3.org/2018/credentials#";

struct Forgery {
    id: &'static str,
    source: &'static str,
    document: Result<String, String>,
    expect: &'static [(&'static str, &'static str)],
    /// The stable code a check's outcome must carry.
    codes: &'static [(&'static str, &'static str)],
    /// Text the reason of a check must contain, where the sentence itself is what is tested
    /// (an untrusted seal is never presented as the organisation's).
    reasons: &'static [(&'static str, &'static str)],
    verifier: usize,
}

/// What a respelling must get: refused by the integrity check.
const RESPELLED: &[(&str, &str)] = &[("integrity", "failed"), ("verdict", "failed")];
const RESPELLED_CODE: &[(&str, &str)] = &[("integrity", "signed_terms_differ")];

pub(super) fn run() -> Result<Vec<CaseResult>, String> {
    let at = now();
    let day = 86_400;
    let issued = at - 30 * day;
    let ed = signer(KeyType::Ed25519);
    let stranger = signer(KeyType::Ed25519);
    let ca = TestCa::new()?;
    let trust = ca.trust_store()?;
    let list = status_list(&ed, issued)?;
    // An issuer whose controller document lists its key for logging in only.
    let controller = "https://issuer.example/keys";
    let logging_in = format!("{controller}#key-1");
    let controller_document = json!({
        "id": controller,
        "verificationMethod": [{"id": logging_in, "type": "Multikey", "controller": controller,
                                "publicKeyMultibase": stranger.key.public_key().to_multikey()}],
        "authentication": [logging_in],
    });
    let verifiers = [
        // Trusts the test CA and `ed`, and holds `ed`'s status list.
        Verifier::builder()
            .at(at)
            .trusted_dids([ed.did.clone()])
            .trust_store(trust.clone())
            .status_lists(StatusLists::new().with_list(STATUS_LIST, list))
            .build(),
        // Trusts the test CA and `ed`, and has no status list at hand.
        Verifier::builder()
            .at(at)
            .trusted_dids([ed.did.clone()])
            .trust_store(trust.clone())
            .build(),
        // Trusts the https issuer above, with its controller document.
        Verifier::builder()
            .at(at)
            .trusted_dids([controller])
            .resolver(edc_did::Resolver::new().with_document(controller_document))
            .build(),
    ];
    let by_login_key = {
        let options = edc_signer::ProofOptions::new(Cryptosuite::EddsaRdfc2022, &logging_in);
        edc_signer::DataIntegrity::default()
            .sign(&vc2(controller), &stranger.key, &options)
            .map_err(|e| e.to_string())?
    };
    let signed = |c: Value| sign(&c, &ed, Cryptosuite::EddsaRdfc2022, "assertionMethod");
    let expired = signed(vc2_with(&ed.did, &[("validUntil", "2021-01-01T00:00:00Z")]))?;
    let not_yet = signed(vc2_with(&ed.did, &[("validFrom", "2999-01-01T00:00:00Z")]))?;
    let revoked = signed(with_status(credential(&ed.did, issued)?, REVOKED_INDEX))?;
    let proof_expired = {
        let mut options = edc_signer::ProofOptions::new(Cryptosuite::EddsaRdfc2022, &ed.method);
        options.expires = Some("2021-01-01T00:00:00Z".into());
        edc_signer::DataIntegrity::default()
            .sign(&vc2(&ed.did), &ed.key, &options)
            .map_err(|e| e.to_string())?
    };
    let sealed_by = |identity: &crate::pki::SealIdentity, document: &Value, when: i64| {
        seal(
            document,
            &identity.key,
            &identity.chain,
            SealOptions {
                algorithm: SealAlgorithm::Es256,
                now: when,
                fill_issuer: false,
            },
        )
        .map_err(|e| e.to_string())
    };
    let europass = credential("urn:epass:org:1", issued)?;
    // Another organisation's genuine, trusted seal; the credential claims the number of the
    // issuer in Estonia, the seal is the same number's holder in Latvia.
    let latvian = ca.seal_identity("Latvian Namesake SIA", "NTRLV-17207834", 2000, 2100)?;
    let mut claims_estonian = europass.clone();
    claims_estonian["issuer"]["eIDASIdentifier"] = json!({
        "id": "urn:epass:legalIdentifier:ee", "type": "LegalIdentifier", "notation": "17207834",
        "spatial": {"id": "http://publications.europa.eu/resource/authority/country/EST", "type": "Concept"}
    });
    let genuine = ca.seal_identity("Digital Skills Academy", ISSUER_NOTATION, 2000, 2100)?;
    let mut changed = europass.clone();
    changed["credentialSubject"]["givenName"] = json!({"en": "Mallory"});
    let copy = self_signed_copy("Digital Skills Academy", ISSUER_NOTATION)?;
    let forged = ca.forged_under_end_entity(
        "Some Training Ltd",
        "Digital Skills Academy",
        ISSUER_NOTATION,
    )?;
    let old = ca.seal_identity("Digital Skills Academy", ISSUER_NOTATION, 2019, 2021)?;
    let backdated = edc_model::DateTime::parse("2020-06-01T00:00:00Z")
        .map(|t| t.unix_seconds())
        .map_err(|e| e.to_string())?;
    let claims = json!({
        "iss": ed.did,
        "vc": vc2(&ed.did),
    });

    let cases = vec![
        Forgery {
            id: "end-entity-as-ca",
            source: "issue 17 #1, RFC 5280 §4.2.1.9/§6.1.4 (k): an ordinary seal certificate (no cA, no keyCertSign) certifies another organisation's seal",
            document: sealed_by(&forged, &europass, at).map(|v| v.to_string()),
            expect: &[("integrity", "ok"), ("issuer", "skipped"), ("verdict", "partially verified")],
            codes: &[("issuer", "issuer_untrusted")],
            reasons: &[("issuer", "not a certification authority")],
            verifier: 0,
        },
        Forgery {
            id: "self-signed-copy-of-the-seal-subject",
            source: "issue 17 #3: the learner's name changed and re-sealed with a self-signed certificate copying the real seal's subject; intact, not trusted, never presented as the organisation's seal",
            document: sealed_by(&copy, &changed, at).map(|v| v.to_string()),
            expect: &[("integrity", "ok"), ("issuer", "skipped"), ("verdict", "partially verified")],
            codes: &[("integrity", "seal_intact"), ("issuer", "issuer_untrusted")],
            reasons: &[("integrity", "which is not trusted")],
            verifier: 0,
        },
        Forgery {
            id: "revoked-without-a-status-list",
            source: "issue 17 #3: a revoked credential checked without its status list is not verified",
            document: Ok(revoked.to_string()),
            expect: &[("integrity", "ok"), ("status", "skipped"), ("verdict", "partially verified")],
            codes: &[("status", "status_list_unavailable")],
            reasons: &[],
            verifier: 1,
        },
        Forgery {
            id: "any-did-key",
            source: "issue 17 #3: a credential signed by a did:key nobody trusts is not verified",
            document: signed_by_stranger(&stranger),
            expect: &[("integrity", "ok"), ("issuer", "skipped"), ("verdict", "partially verified")],
            codes: &[("issuer", "issuer_untrusted")],
            reasons: &[],
            verifier: 0,
        },
        Forgery {
            id: "expired-seal-certificate-backdated-sigT",
            source: "issue 17 #4: sealed today with a certificate that expired in 2021, sigT backdated to 2020; only a trusted time-stamp proves when a seal was made",
            document: sealed_by(&old, &europass, backdated).map(|v| v.to_string()),
            expect: &[("issuer", "failed"), ("verdict", "failed")],
            codes: &[("issuer", "certificate_unusable")],
            reasons: &[("issuer", "expired")],
            verifier: 0,
        },
        Forgery {
            id: "second-untrusted-seal",
            source: "issue 17 #6: a second JAdES signature by an untrusted certificate is judged, not ignored",
            document: sealed_by(&genuine, &europass, at)
                .and_then(|first| sealed_by(&copy, &europass, at).map(|second| (first, second)))
                .and_then(|(first, second)| two_seals(&first, &second)),
            expect: &[("integrity", "ok"), ("issuer", "skipped"), ("verdict", "partially verified")],
            codes: &[("issuer", "issuer_untrusted")],
            reasons: &[("issuer", "seal 2")],
            verifier: 0,
        },
        Forgery {
            id: "jwt-alg-none",
            source: "issue 17 #6, RFC 8725 §3.1: an unsigned JWT (alg none) fails integrity",
            document: Ok(compact(&json!({"alg": "none", "typ": "JWT", "kid": ed.method}), &claims, b"")),
            expect: &[("integrity", "failed"), ("verdict", "failed")],
            codes: &[("integrity", "token_invalid")],
            reasons: &[],
            verifier: 0,
        },
        Forgery {
            id: "jwt-hs256",
            source: "issue 17 #6: a JWT MAC'd with a shared secret (HS256) proves nothing about the issuer",
            document: Ok(compact(&json!({"alg": "HS256", "typ": "JWT", "kid": ed.method}), &claims, &[7u8; 32])),
            expect: &[("integrity", "failed"), ("verdict", "failed")],
            codes: &[("integrity", "token_invalid")],
            reasons: &[],
            verifier: 0,
        },
        Forgery {
            id: "sd-jwt-disclosures-nested-20000-deep",
            source: "issue 17 #7: 1.8 MB of SD-JWT disclosures, each inside the last; refused, never a stack overflow",
            document: Ok(nested_sd_jwt(&vc2(&ed.did), &ed.method, 20_000)),
            expect: &[("integrity", "failed"), ("verdict", "failed")],
            codes: &[("integrity", "token_invalid")],
            reasons: &[],
            verifier: 0,
        },
        Forgery {
            id: "same-registry-number-in-another-country",
            source: "issue 19, ETSI EN 319 412-1 §5.1.4: a trusted seal of NTRLV-17207834 on a credential whose issuer is 17207834 in Estonia: the same number, another legal person",
            document: sealed_by(&latvian, &claims_estonian, at).map(|v| v.to_string()),
            expect: &[("integrity", "ok"), ("issuer", "failed"), ("verdict", "failed")],
            codes: &[("issuer", "signer_not_issuer")],
            reasons: &[],
            verifier: 0,
        },
        Forgery {
            id: "authentication-key-signs-a-credential",
            source: "DID Core §5.3 verification relationships: a key its controller lists only for authentication signs a credential (assertionMethod)",
            document: Ok(by_login_key.to_string()),
            expect: &[("integrity", "skipped"), ("verdict", "could not check")],
            codes: &[("integrity", "signature_unverifiable")],
            reasons: &[("integrity", "not listed under assertionMethod")],
            verifier: 2,
        },
        respelling("valid-until-as-a-full-iri", "issue 17 #2: an expiry written as the full IRI", &expired, "", "validUntil", &format!("{CRED}validUntil"), true, None),
        respelling("valid-until-as-a-curie", "issue 17 #2: an expiry written as a CURIE with an inline prefix", &expired, "", "validUntil", "zz:validUntil", true, Some(json!({"zz": CRED}))),
        respelling("valid-until-through-an-alias", "issue 17 #2: an expiry written through an extra context term", &expired, "", "validUntil", "until", false, Some(json!({"until": {"@id": format!("{CRED}validUntil"), "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}}))),
        respelling("valid-from-in-the-future-through-an-alias", "issue 17 #2: a future start written through an extra context term", &not_yet, "", "validFrom", "since", false, Some(json!({"since": {"@id": format!("{CRED}validFrom"), "@type": "http://www.w3.org/2001/XMLSchema#dateTime"}}))),
        respelling("credential-status-as-a-full-iri", "issue 17 #2: a revoked credential's status entry written as the full IRI", &revoked, "", "credentialStatus", &format!("{CRED}credentialStatus"), false, None),
        respelling("proof-expires-as-a-full-iri", "issue 17 #2: an expired proof's expires written as the full IRI", &proof_expired, "/proof", "expires", "https://w3id.org/security#expiration", true, None),
    ];
    Ok(cases
        .into_iter()
        .map(|case| judge(case, &verifiers))
        .collect())
}

/// A Data Integrity credential by `ed`'s stranger: the signer nobody trusts.
fn signed_by_stranger(stranger: &crate::generated::Signer) -> Result<String, String> {
    sign(
        &vc2(&stranger.did),
        stranger,
        Cryptosuite::EddsaRdfc2022,
        "assertionMethod",
    )
    .map(|v| v.to_string())
}

fn vc2_with(issuer: &str, members: &[(&str, &str)]) -> Value {
    let mut c = vc2(issuer);
    for (key, value) in members {
        c[*key] = json!(value);
    }
    c
}

#[allow(clippy::too_many_arguments)]
fn respelling(
    id: &'static str,
    source: &'static str,
    signed: &Value,
    pointer: &str,
    key: &str,
    new_key: &str,
    typed: bool,
    context: Option<Value>,
) -> Forgery {
    Forgery {
        id,
        source,
        document: respelled(signed, pointer, key, new_key, typed, context),
        expect: RESPELLED,
        codes: RESPELLED_CODE,
        reasons: &[],
        verifier: 0,
    }
}

fn judge(case: Forgery, verifiers: &[Verifier]) -> CaseResult {
    judge_made(
        case.id,
        case.source,
        case.document,
        &verifiers[case.verifier],
        case.expect,
        case.codes,
        case.reasons,
    )
}
