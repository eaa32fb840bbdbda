//! Owner: a presentation's holder proof (purpose, challenge, domain), and that the holder is
//! the subject of what it presents; for a bare credential, the subject the caller expects.

use super::signatures::{controller, proofs, Secured};
use super::verification::{Judged, Verification};
use crate::outcome::{Code, Outcome};
use crate::verifier::Verifier;
use crate::Expectations;
use edc_context::JsonView;
use serde_json::{Map, Value};

/// The owner check: a presentation's holder (by proof or token), an SD-JWT's key binding, or
/// a bare credential's expected subject.
pub(super) fn check(v: &Verification) -> Judged {
    let (reading, verifier, json) = (&v.reading, v.verifier, v.json());
    let credentials = reading.credentials();
    let token = reading.token.as_ref();
    let outcome = match (token, reading.jwt_presentation(), &v.token) {
        (Some(t), _, _) if !reading.presentation && t.sd_jwt.is_some() => {
            verifier.sd_jwt_owner(v.expected, t.sd_jwt.as_deref().unwrap_or_default(), json)
        }
        (Some(t), _, Some(integrity)) if reading.presentation => verifier.token_presentation_owner(
            v.expected,
            &t.kid,
            &t.claims,
            &json.cow(),
            &credentials,
            integrity,
        ),
        (None, Some(jwt), Some(integrity)) => {
            verifier.jwt_presentation_owner(v.expected, jwt, &json.cow(), &credentials, integrity)
        }
        _ if reading.presentation => {
            verifier.presentation_owner(v.expected, &json.cow(), &credentials, v.at)
        }
        _ => verifier.credential_owner(v.expected, json),
    };
    (outcome, Vec::new())
}

/// The subject ids of a credential.
fn subject_ids(credential: JsonView<'_>) -> Vec<&str> {
    credential
        .get("credentialSubject")
        .into_iter()
        .flat_map(JsonView::each)
        .filter_map(|s| s.get("id").and_then(JsonView::as_str))
        .collect()
}

fn holder_id(presentation: &Value) -> Option<&str> {
    match presentation.get("holder") {
        Some(Value::String(s)) => Some(s),
        Some(other) => other.get("id").and_then(Value::as_str),
        None => None,
    }
}

impl Verifier {
    /// The owner check of a bare credential.
    pub(crate) fn credential_owner(
        &self,
        expected: &Expectations,
        credential: JsonView,
    ) -> Outcome {
        let Some(subject) = &expected.subject else {
            return Outcome::not_applicable(
                Code::NoHolder,
                "a credential on its own: no holder to check (give an expected subject to check it)",
            );
        };
        let subjects = subject_ids(credential);
        if subjects.contains(&subject.as_str()) {
            Outcome::ok(Code::SubjectMatches, format!("issued to {subject}"))
        } else {
            Outcome::failed(
                Code::SubjectMismatch,
                format!(
                    "issued to {}, not to {subject}",
                    if subjects.is_empty() {
                        "an unnamed subject".to_string()
                    } else {
                        subjects.join(", ")
                    }
                ),
            )
        }
    }

    /// The owner check of an SD-JWT credential: its key-binding JWT, signed with the key the
    /// issuer bound (`cnf`), over these disclosures, with the expected nonce and audience.
    pub(crate) fn sd_jwt_owner(
        &self,
        expected: &Expectations,
        text: &str,
        credential: JsonView,
    ) -> Outcome {
        match edc_signer::verify_sd_jwt_key_binding(text) {
            Err(why) => Outcome::failed(Code::KeyBindingInvalid, format!("the key binding: {why}")),
            Ok(None) if expected.challenge.is_some() || expected.domain.is_some() => {
                Outcome::failed(
                    Code::KeyBindingInvalid,
                    "no key-binding JWT: the presenter did not prove holding the credential's key",
                )
            }
            Ok(None) => self.credential_owner(expected, credential),
            Ok(Some(binding)) => {
                for (member, found, wanted) in [
                    ("nonce", &binding.nonce, &expected.challenge),
                    ("aud", &binding.audience, &expected.domain),
                ] {
                    let Some(wanted) = wanted else { continue };
                    if found.as_deref() != Some(wanted.as_str()) {
                        return Outcome::failed(Code::ChallengeMismatch, format!(
                            "the key binding has {member} {}, not the expected {wanted} (a replayed presentation?)",
                            found.as_ref().map(|f| format!("`{f}`")).unwrap_or_else(|| "none".into())
                        ));
                    }
                }
                if let Some(subject) = &expected.subject {
                    if !subject_ids(credential).contains(&subject.as_str()) {
                        return Outcome::failed(
                            Code::SubjectMismatch,
                            format!("not issued to {subject}"),
                        );
                    }
                }
                Outcome::ok(
                    Code::KeyBindingVerified,
                    "presented by the holder of the key its issuer bound (key-binding JWT verified)",
                )
            }
        }
    }

    /// The owner check of a presentation whose credentials are `credentials`.
    pub(crate) fn presentation_owner(
        &self,
        expected: &Expectations,
        presentation: &Value,
        credentials: &[JsonView],
        at: i64,
    ) -> Outcome {
        if presentation.get("proof").is_none() {
            return Outcome::failed(
                Code::HolderProofMissing,
                "the presentation has no proof: nobody showed they hold these credentials",
            );
        }
        let signers = match self.proof_signers(presentation, "authentication", at) {
            Ok(signers) => signers,
            Err(Secured { integrity, .. }) => {
                return match integrity {
                    Outcome::Failed(why) => Outcome::failed(
                        Code::HolderProofInvalid,
                        format!("the holder's proof: {why}"),
                    ),
                    other => Outcome::skipped(
                        Code::HolderProofUnverifiable,
                        format!("the holder's proof: {}", other.reason()),
                    ),
                }
            }
        };
        let signer = controller(&signers[0]).to_string();
        let mut bound = Vec::new();
        for proof in proofs(presentation) {
            bound.push((
                "challenge",
                proof
                    .get("challenge")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            ));
            bound.push((
                "domain",
                proof
                    .get("domain")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            ));
        }
        self.bind_holder(expected, presentation, &signer, &bound, credentials)
    }

    /// The owner check of a VC-JOSE presentation (`vp+jwt`): the token's key (`kid`) is the
    /// holder's, `nonce` is the challenge and `aud` the domain.
    pub(crate) fn jwt_presentation_owner(
        &self,
        expected: &Expectations,
        token: &edc_model::CompactJwt,
        presentation: &Value,
        credentials: &[JsonView],
        token_integrity: &Outcome,
    ) -> Outcome {
        let kid = token
            .header
            .get("kid")
            .and_then(Value::as_str)
            .unwrap_or("");
        self.token_presentation_owner(
            expected,
            kid,
            &token.claims,
            presentation,
            credentials,
            token_integrity,
        )
    }

    /// The owner check of a presentation secured as a token (VC-JOSE, VC-COSE or SD-JWT): the
    /// token's key (`kid`, a DID URL) is the holder's, its `nonce` and `aud` claims are the
    /// expected challenge and domain, and the holder is every credential's subject.
    pub(crate) fn token_presentation_owner(
        &self,
        expected: &Expectations,
        kid: &str,
        claims: &Map<String, Value>,
        presentation: &Value,
        credentials: &[JsonView],
        token_integrity: &Outcome,
    ) -> Outcome {
        match token_integrity {
            Outcome::Ok(_) => {}
            Outcome::Failed(why) => {
                return Outcome::failed(
                    Code::HolderProofInvalid,
                    format!("the holder's token: {why}"),
                )
            }
            other => {
                return Outcome::skipped(
                    Code::HolderProofUnverifiable,
                    format!("the holder's token: {}", other.reason()),
                )
            }
        }
        if !kid.starts_with("did:") {
            return Outcome::skipped(
                Code::KeyNotDid,
                format!(
                    "could not check: the token's key `{kid}` is not a DID, so it names no holder"
                ),
            );
        }
        let signer = controller(kid).to_string();
        let audience = match claims.get("aud") {
            Some(Value::String(a)) => Some(a.clone()),
            Some(Value::Array(list)) => expected
                .domain
                .as_ref()
                .filter(|d| list.iter().any(|a| a == d.as_str()))
                .cloned()
                .or_else(|| list.first().and_then(Value::as_str).map(str::to_string)),
            _ => None,
        };
        let bound = vec![
            (
                "challenge",
                claims
                    .get("nonce")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            ),
            ("domain", audience),
        ];
        self.bind_holder(expected, presentation, &signer, &bound, credentials)
    }

    /// The holder is the signer, the proof carries the expected challenge and domain, and the
    /// holder is the subject of every credential presented.
    fn bind_holder(
        &self,
        expected: &Expectations,
        presentation: &Value,
        signer: &str,
        bound: &[(&str, Option<String>)],
        credentials: &[JsonView],
    ) -> Outcome {
        let holder = holder_id(presentation).unwrap_or(signer);
        if holder != signer {
            return Outcome::failed(
                Code::HolderNotSigner,
                format!("the presentation was signed by {signer}, not by its holder {holder}"),
            );
        }
        for (member, found) in bound {
            let wanted = match *member {
                "challenge" => &expected.challenge,
                _ => &expected.domain,
            };
            let Some(wanted) = wanted else { continue };
            if found.as_deref() != Some(wanted.as_str()) {
                return Outcome::failed(Code::ChallengeMismatch, format!(
                    "the holder's proof has {member} {}, not the expected {wanted} (a replayed presentation?)",
                    found
                        .as_ref()
                        .map(|f| format!("`{f}`"))
                        .unwrap_or_else(|| "none".into())
                ));
            }
        }
        for (i, credential) in credentials.iter().enumerate() {
            let subjects = subject_ids(*credential);
            if !subjects.contains(&holder) {
                return Outcome::failed(
                    Code::SubjectMismatch,
                    format!(
                        "credential {} is issued to {}, not to the holder {holder}",
                        i + 1,
                        if subjects.is_empty() {
                            "an unnamed subject".to_string()
                        } else {
                            subjects.join(", ")
                        }
                    ),
                );
            }
        }
        if let Some(subject) = &expected.subject {
            if subject != holder {
                return Outcome::failed(
                    Code::SubjectMismatch,
                    format!("presented by {holder}, not by the expected {subject}"),
                );
            }
        }
        let unchecked: Vec<&str> = [
            ("challenge", &expected.challenge),
            ("domain", &expected.domain),
        ]
        .iter()
        .filter(|(_, e)| e.is_none())
        .map(|(m, _)| *m)
        .collect();
        Outcome::ok(
            Code::HolderVerified,
            format!(
                "presented by its subject {holder}{}",
                if unchecked.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (no expected {} was given: replay not ruled out)",
                        unchecked.join(" or ")
                    )
                }
            ),
        )
    }
}
