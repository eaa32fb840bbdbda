//! Owner: a presentation signed by its holder (authentication, challenge, domain) who is the
//! subject of what it presents; a bare credential checked against an expected subject. Each
//! mutation breaks one rule of the VC data model / Data Integrity specifications.

use edc_did::{did_key, KeyPair, KeyType};
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
use edc_verifier::{CheckName, Code, Outcome, Verifier};
use serde_json::{json, Value};

struct Party {
    key: KeyPair,
    did: String,
    method: String,
}

fn party() -> Party {
    let key = KeyPair::generate(KeyType::Ed25519);
    let (did, method) = did_key(&key.public_key());
    Party { key, did, method }
}

fn credential(issuer: &Party, subject: &str) -> Value {
    let unsigned = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": issuer.did,
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": subject, "name": "Ana"},
    });
    DataIntegrity::default()
        .sign(
            &unsigned,
            &issuer.key,
            &ProofOptions::new(Cryptosuite::EddsaRdfc2022, &issuer.method),
        )
        .unwrap()
}

fn presentation(holder: &Party, credential: Value, purpose: &str) -> Value {
    let unsigned = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": holder.did,
        "verifiableCredential": [credential],
    });
    DataIntegrity::default()
        .sign(
            &unsigned,
            &holder.key,
            &ProofOptions::new(Cryptosuite::EddsaRdfc2022, &holder.method)
                .purpose(purpose)
                .challenge("nonce-123")
                .domain("https://verifier.example"),
        )
        .unwrap()
}

/// A VCDM 2.0 credential issued to `subject`, secured as VC-JOSE by `issuer` and enveloped, as a
/// presentation carries it.
fn enveloped_vc(issuer: &Party, subject: &str) -> Value {
    let credential = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": issuer.did,
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": subject, "name": "Ana"},
    });
    let token = edc_signer::sign_vc_jose(&credential, &issuer.key, &issuer.method).unwrap();
    json!({
        "@context": "https://www.w3.org/ns/credentials/v2",
        "type": "EnvelopedVerifiableCredential",
        "id": format!("data:application/vc+jwt,{token}"),
    })
}

fn owner(verifier: &Verifier, document: &Value) -> Outcome {
    verifier
        .verify(document.to_string().as_bytes())
        .get(CheckName::Owner)
        .unwrap()
        .clone()
}

#[test]
fn presentations_prove_their_holder_and_bind_the_subject() {
    let (issuer, holder, stranger) = (party(), party(), party());
    let expecting = Verifier::builder()
        .challenge("nonce-123")
        .domain("https://verifier.example")
        .build();
    let good = presentation(&holder, credential(&issuer, &holder.did), "authentication");
    let report = expecting.verify(good.to_string().as_bytes());
    assert!(
        matches!(report.get(CheckName::Owner), Some(Outcome::Ok(_))),
        "{:?}",
        report.checks
    );
    assert!(
        matches!(report.get(CheckName::Integrity), Some(Outcome::Ok(_))),
        "{:?}",
        report.get(CheckName::Integrity)
    );

    // Replayed to another verifier: the challenge differs.
    let other = Verifier::builder().challenge("nonce-999").build();
    assert!(
        matches!(owner(&other, &good), Outcome::Failed(why) if why.code == Code::ChallengeMismatch)
    );

    // A credential issued to someone else.
    let borrowed = presentation(
        &holder,
        credential(&issuer, &stranger.did),
        "authentication",
    );
    assert!(
        matches!(owner(&expecting, &borrowed), Outcome::Failed(why) if why.contains(&stranger.did))
    );

    // Signed with the wrong proof purpose.
    let wrong_purpose = presentation(&holder, credential(&issuer, &holder.did), "assertionMethod");
    assert!(
        matches!(owner(&expecting, &wrong_purpose), Outcome::Failed(why) if why.code == Code::HolderProofInvalid && why.contains("purpose"))
    );

    // Signed by someone who is not the holder named.
    let mut impostor = good.clone();
    impostor["holder"] = json!(stranger.did);
    assert!(matches!(owner(&expecting, &impostor), Outcome::Failed(_)));

    // Without a proof nobody showed possession.
    let mut unsigned = good.clone();
    unsigned.as_object_mut().unwrap().remove("proof");
    assert!(matches!(owner(&expecting, &unsigned), Outcome::Failed(_)));
}

#[test]
fn a_bare_credential_is_checked_against_the_expected_subject() {
    let (issuer, holder) = (party(), party());
    let credential = credential(&issuer, &holder.did);
    let plain = Verifier::builder().build();
    assert!(matches!(
        owner(&plain, &credential),
        Outcome::NotApplicable(_)
    ));
    let right = Verifier::builder().expected_subject(&holder.did).build();
    assert!(matches!(owner(&right, &credential), Outcome::Ok(_)));
    let wrong = Verifier::builder()
        .expected_subject("did:example:someone")
        .build();
    assert!(matches!(owner(&wrong, &credential), Outcome::Failed(_)));
}

#[test]
fn a_vc_jose_presentation_is_bound_to_its_holder_by_nonce_and_audience() {
    use edc_signer::sign_vc_jose;
    let (issuer, holder, stranger) = (party(), party(), party());
    let vc = |subject: &str| enveloped_vc(&issuer, subject);
    // VC-JOSE: the presentation is the claims set; the verifier's nonce and audience ride in it.
    let vp = |subject: &str, nonce: &str| {
        let presentation = json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": holder.did,
            "verifiableCredential": [vc(subject)],
            "nonce": nonce,
            "aud": "https://verifier.example",
        });
        sign_vc_jose(&presentation, &holder.key, &holder.method).unwrap()
    };
    let verifier = Verifier::builder()
        .challenge("n-1")
        .domain("https://verifier.example")
        .build();
    let owner_of = |token: &str| {
        let report = verifier.verify(token.as_bytes());
        (
            report.get(CheckName::Owner).unwrap().clone(),
            report.get(CheckName::Integrity).unwrap().clone(),
        )
    };
    let (owner, integrity) = owner_of(&vp(&holder.did, "n-1"));
    assert!(matches!(owner, Outcome::Ok(_)), "{owner:?}");
    assert!(matches!(integrity, Outcome::Ok(_)), "{integrity:?}");
    let (replayed, _) = owner_of(&vp(&holder.did, "n-0"));
    assert!(
        matches!(&replayed, Outcome::Failed(why) if why.code == Code::ChallengeMismatch),
        "{replayed:?}"
    );
    let (borrowed, _) = owner_of(&vp(&stranger.did, "n-1"));
    assert!(
        matches!(&borrowed, Outcome::Failed(why) if why.contains(&stranger.did)),
        "{borrowed:?}"
    );
}

/// Secures a presentation as its signer.
type Secure<'a> = dyn Fn(&Value, &Party) -> Vec<u8> + 'a;

/// VC-COSE and SD-JWT presentations (`vp+cose`, `vp+sd-jwt`) bind their holder as VC-JOSE
/// ones do (VC-JOSE-COSE §3.3 and §3.2): the token's key is the holder's, its `nonce` and `aud`
/// claims are the verifier's challenge and domain, and the holder is the credentials' subject.
#[test]
fn cose_and_sd_jwt_presentations_are_bound_to_their_holder() {
    use edc_signer::{sign_vc_cose, sign_vc_sd_jwt};
    let (issuer, holder, stranger) = (party(), party(), party());
    let enveloped = |subject: &str| enveloped_vc(&issuer, subject);
    let presentation = |subject: &str, nonce: &str| {
        json!({
            "@context": ["https://www.w3.org/ns/credentials/v2"],
            "type": ["VerifiablePresentation"],
            "holder": holder.did,
            "verifiableCredential": [enveloped(subject)],
            "nonce": nonce,
            "aud": "https://verifier.example",
        })
    };
    let cose = |vp: &Value, signer: &Party| sign_vc_cose(vp, &signer.key, &signer.method).unwrap();
    let sd_jwt = |vp: &Value, signer: &Party| {
        sign_vc_sd_jwt(vp, &signer.key, &signer.method)
            .unwrap()
            .into_bytes()
    };
    let verifier = Verifier::builder()
        .challenge("n-1")
        .domain("https://verifier.example")
        .build();
    let owner_of = |bytes: Vec<u8>| {
        verifier
            .verify(&bytes)
            .get(CheckName::Owner)
            .unwrap()
            .clone()
    };
    let forms: [(&str, &Secure); 2] = [("cose", &cose), ("sd-jwt", &sd_jwt)];
    for (form, secure) in forms {
        let bound = owner_of(secure(&presentation(&holder.did, "n-1"), &holder));
        assert!(matches!(bound, Outcome::Ok(_)), "{form}: {bound:?}");
        let replayed = owner_of(secure(&presentation(&holder.did, "n-0"), &holder));
        assert!(
            matches!(&replayed, Outcome::Failed(why) if why.code == Code::ChallengeMismatch),
            "{form}: {replayed:?}"
        );
        let not_theirs = owner_of(secure(&presentation(&stranger.did, "n-1"), &holder));
        assert!(
            matches!(&not_theirs, Outcome::Failed(why) if why.contains(&stranger.did)),
            "{form}: {not_theirs:?}"
        );
        let forged = owner_of(secure(&presentation(&holder.did, "n-1"), &stranger));
        assert!(
            matches!(&forged, Outcome::Failed(why) if why.code == Code::HolderNotSigner),
            "{form}: {forged:?}"
        );
    }
}

#[test]
fn an_sd_jwt_is_bound_to_its_holder_by_a_key_binding_jwt() {
    use edc_signer::{bind_sd_jwt, sign_vc_sd_jwt_for};
    let (issuer, holder, stranger) = (party(), party(), party());
    let credential = json!({
        "@context": ["https://www.w3.org/ns/credentials/v2", "https://www.w3.org/ns/credentials/examples/v2"],
        "type": ["VerifiableCredential"],
        "issuer": issuer.did,
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {"id": holder.did, "name": "Ana"},
    });
    let issued = sign_vc_sd_jwt_for(
        &credential,
        &issuer.key,
        &issuer.method,
        Some(&holder.key.public_key()),
    )
    .unwrap();
    let verifier = Verifier::builder()
        .challenge("n-1")
        .domain("https://verifier.example")
        .build();
    let owner = |token: &str| {
        verifier
            .verify(token.as_bytes())
            .get(CheckName::Owner)
            .unwrap()
            .clone()
    };
    let presented = bind_sd_jwt(
        &issued,
        &holder.key,
        "n-1",
        "https://verifier.example",
        1_700_000_000,
    );
    let report = verifier.verify(presented.as_bytes());
    assert!(
        matches!(report.get(CheckName::Integrity), Some(Outcome::Ok(_))),
        "{:?}",
        report.get(CheckName::Integrity)
    );
    assert!(
        matches!(report.get(CheckName::Owner), Some(Outcome::Ok(_))),
        "{:?}",
        report.get(CheckName::Owner)
    );
    // Replayed with another verifier's nonce.
    let replayed = bind_sd_jwt(
        &issued,
        &holder.key,
        "n-0",
        "https://verifier.example",
        1_700_000_000,
    );
    assert!(
        matches!(owner(&replayed), Outcome::Failed(why) if why.code == Code::ChallengeMismatch && why.contains("nonce"))
    );
    // Bound by someone who does not hold the key the issuer bound.
    let stolen = bind_sd_jwt(
        &issued,
        &stranger.key,
        "n-1",
        "https://verifier.example",
        1_700_000_000,
    );
    assert!(
        matches!(owner(&stolen), Outcome::Failed(why) if why.code == Code::KeyBindingInvalid && why.contains("cnf"))
    );
    // A disclosure withheld after binding: sd_hash no longer covers what is presented.
    let (jwt, rest) = presented.split_once('~').unwrap();
    let tampered = format!("{jwt}~{}", rest.split_once('~').unwrap().1);
    assert!(
        matches!(owner(&tampered), Outcome::Failed(why) if why.code == Code::KeyBindingInvalid && why.contains("sd_hash"))
    );
    // Without a key binding, a verifier that sent a nonce is not satisfied.
    assert!(matches!(owner(&issued), Outcome::Failed(_)));
}
