//! Integrity and issuer: JAdES seals, Data Integrity proofs and VC-JOSE / VC-JWT tokens.

use crate::checks::Outcome;
use crate::legal_identity::Identity;
use crate::verifier::Verifier;
use edc_model::{CompactJwt, Document, JwtForm};
use edc_signer::{
    verify_seal, verify_vc_jose, verify_vc_jwt, ChainOutcome, JwtCheck, ProofCheck, SealCheck,
    SealLevel,
};
use serde_json::Value;

/// What the integrity and issuer checks found for one secured credential.
pub(crate) struct Secured {
    pub integrity: Outcome,
    pub issuer: Outcome,
}

impl Secured {
    fn unsigned() -> Secured {
        Secured {
            integrity: Outcome::Failed("the credential carries no seal and no proof".into()),
            issuer: Outcome::Skipped("could not check: nobody signed the credential".into()),
        }
    }

    fn invalid(why: String) -> Secured {
        Secured {
            integrity: Outcome::Failed(why),
            issuer: Outcome::Skipped("could not check: no valid signature names a signer".into()),
        }
    }

    fn could_not_check(why: String) -> Secured {
        Secured {
            integrity: Outcome::Skipped(format!("could not check: {why}")),
            issuer: Outcome::Skipped("could not check: the signature could not be checked".into()),
        }
    }
}

/// The issuer check with every seal after the first judged too: a further seal whose
/// certificate cannot be relied on fails the check, one that is not trusted leaves it
/// unchecked (the document is then at best partially verified).
fn further_seals(first: Outcome, others: &[SealCheck]) -> Outcome {
    let mut outcome = first;
    for (index, check) in others.iter().enumerate() {
        let seal = index + 2;
        if !check.certificate_problems.is_empty() {
            return Outcome::Failed(format!(
                "seal {seal}: {}",
                check.certificate_problems.join("; ")
            ));
        }
        let why = match &check.chain_outcome {
            ChainOutcome::Anchored(_) => continue,
            ChainOutcome::NotAnchored(why) => why.clone(),
            ChainOutcome::NoTrustStore => "no trust anchors were given".into(),
        };
        if let Outcome::Ok(_) = outcome {
            outcome = Outcome::Skipped(format!(
                "could not check: seal {seal} was made with a certificate that is not trusted: {why}"
            ));
        }
    }
    outcome
}

/// The id of an `issuer` (a string, or an object's `id`).
pub(crate) fn issuer_id(credential: &Value) -> Option<&str> {
    match credential.get("issuer") {
        Some(Value::String(s)) => Some(s),
        Some(other) => other.get("id").and_then(Value::as_str),
        None => None,
    }
}

/// The `kid` of an SD-JWT's issuer-signed JWT (empty when it has none).
pub(crate) fn sd_jwt_kid(text: &str) -> String {
    text.split('.')
        .next()
        .and_then(|h| {
            use base64::Engine;
            base64::engine::general_purpose::URL_SAFE_NO_PAD
                .decode(h)
                .ok()
        })
        .and_then(|h| serde_json::from_slice::<Value>(&h).ok())
        .and_then(|h| h.get("kid").and_then(Value::as_str).map(str::to_string))
        .unwrap_or_default()
}

/// The DID a verification method or `kid` belongs to.
pub(crate) fn controller(method: &str) -> &str {
    method.split('#').next().unwrap_or(method)
}

/// The proofs of a document, one or many.
pub(crate) fn proofs(document: &Value) -> Vec<&Value> {
    match document.get("proof") {
        None => Vec::new(),
        Some(Value::Array(set)) => set.iter().collect(),
        Some(one) => vec![one],
    }
}

impl Verifier {
    /// Integrity and issuer of one secured credential, whatever secures it.
    /// `credential` is `document.json_ld()`, computed once by the caller.
    pub(crate) fn secured(&self, document: &Document, credential: &Value, at: i64) -> Secured {
        self.secured_with(document, credential, at, None)
    }

    /// [`Verifier::secured`], with a sealed document's seal checks made beforehand (on another
    /// thread, while the format was checked).
    pub(crate) fn secured_with(
        &self,
        document: &Document,
        credential: &Value,
        at: i64,
        seal: Option<Vec<SealCheck>>,
    ) -> Secured {
        match document {
            Document::Sealed(sealed) => {
                let checks = seal.unwrap_or_else(|| verify_seal(sealed, at, self.trust.as_ref()));
                self.sealed(&checks, credential)
            }
            Document::Jwt(jwt) => self.jwt(jwt),
            Document::Enveloped(e) => self.secured(&e.content, credential, at),
            _ => {
                if credential.get("proof").is_some() {
                    self.data_integrity(credential, "assertionMethod", at)
                } else {
                    Secured::unsigned()
                }
            }
        }
    }

    fn sealed(&self, checks: &[SealCheck], credential: &Value) -> Secured {
        let Some(check) = checks.first() else {
            return Secured::invalid("the sealed file has no signature".into());
        };
        let organisation = check
            .certificate
            .as_ref()
            .and_then(|c| c.organization.clone())
            .unwrap_or_else(|| "an unnamed organisation".into());
        // The day, as the Europass viewer says it ("Sealed by … on 2024-05-28").
        let signed = check
            .signing_time
            .as_deref()
            .map(|t| t.split('T').next().unwrap_or(t).to_string())
            .unwrap_or_else(|| "an unknown date".into());
        let seal_findings: Vec<&String> = checks.iter().flat_map(|c| c.findings.iter()).collect();
        let integrity = if !checks.iter().all(|c| c.signature_valid) {
            Outcome::Failed(
                "the seal does not match the document: it was changed after sealing".into(),
            )
        } else if !seal_findings.is_empty() {
            Outcome::Failed(format!(
                "the seal is not valid: {}",
                seal_findings
                    .iter()
                    .map(|f| f.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
        } else if matches!(check.chain_outcome, ChainOutcome::Anchored(_)) {
            Outcome::Ok(format!(
                "sealed by {organisation} on {signed}; not tampered with since"
            ))
        } else {
            // An untrusted certificate's subject is anybody's claim: never present it as the
            // sealer.
            Outcome::Ok(format!(
                "the seal matches the document; it was made with a certificate naming {organisation}, which is not trusted (see the issuer check)"
            ))
        };
        // The organisation that sealed must be the credential's issuer: the certificate's
        // organizationIdentifier against the issuer's eIDASIdentifier notation.
        let sealed_by = check
            .certificate
            .as_ref()
            .and_then(|c| c.organization_identifier.clone());
        let claimed = credential
            .get("issuer")
            .map(crate::legal_identity::claimed_ids)
            .unwrap_or_default();
        let identity = match &sealed_by {
            Some(cert) if !claimed.is_empty() => {
                Some(crate::legal_identity::compare(cert, &claimed))
            }
            _ => None,
        };
        let issuer = if let Some(Identity::Different(why)) = &identity {
            Outcome::Failed(format!(
                "the credential's issuer is not the organisation that sealed it ({}): {why}",
                sealed_by.as_deref().unwrap_or_default()
            ))
        } else if let Some(Identity::CannotTell(why)) = &identity {
            Outcome::Skipped(format!(
                "could not check that the organisation that sealed it ({}) is the credential's issuer: {why}",
                sealed_by.as_deref().unwrap_or_default()
            ))
        } else if !check.certificate_problems.is_empty() {
            Outcome::Failed(check.certificate_problems.join("; "))
        } else {
            match (&check.chain_outcome, check.level) {
                (ChainOutcome::Anchored(anchor), level) => Outcome::Ok(format!(
                    "{organisation}{}, {} seal, certified by {anchor}{}",
                    match (&sealed_by, &identity) {
                        (Some(id), Some(Identity::Same(how))) => {
                            format!(" ({id}, the credential's issuer: {how})")
                        }
                        _ => String::new(),
                    },
                    match level {
                        SealLevel::Qualified => "qualified",
                        SealLevel::Advanced => "advanced",
                        SealLevel::NotRecognised => "unrecognised",
                    },
                    match &check.proven_by {
                        Some(tsa) => format!(
                            "; judged as of {}, when {tsa} time-stamped the seal (the certificate has {} since)",
                            edc_model::DateTime::from_unix_seconds(check.validated_at),
                            if matches!(check.revocation, edc_signer::Revocation::Revoked { .. }) {
                                "been revoked"
                            } else {
                                "expired"
                            }
                        ),
                        None => String::new(),
                    }
                )),
                (ChainOutcome::NotAnchored(why), _) => {
                    Outcome::Skipped(format!("could not check: {why}"))
                }
                (ChainOutcome::NoTrustStore, _) => {
                    Outcome::Skipped("could not check: no trust anchors were given".into())
                }
            }
        };
        Secured {
            integrity,
            issuer: further_seals(issuer, &checks[1..]),
        }
    }

    /// Every Data Integrity proof of `document` verifies, with the expected purpose, and has not
    /// expired at `at`; the signer is the issuer, and trusted.
    pub(crate) fn data_integrity(&self, document: &Value, purpose: &str, at: i64) -> Secured {
        let methods = match self.proof_signers(document, purpose, at) {
            Ok(methods) => methods,
            Err(failure) => return failure,
        };
        let issuer = self.did_issuer(issuer_id(document), &methods[0]);
        let legacy = proofs(document)
            .iter()
            .any(|p| p.get("cryptosuite").and_then(Value::as_str) == Some("eddsa-2022"));
        Secured {
            integrity: Outcome::Ok(format!(
                "{} proof(s) verified ({}){}",
                methods.len(),
                methods
                    .iter()
                    .map(|m| controller(m))
                    .collect::<Vec<_>>()
                    .join(", "),
                if legacy {
                    "; warning: cryptosuite `eddsa-2022` is the name before the standard, read as eddsa-rdfc-2022 (issuers should write eddsa-rdfc-2022)"
                } else {
                    ""
                }
            )),
            issuer,
        }
    }

    /// The verification methods of `document`'s proofs when all verify with `purpose`.
    pub(crate) fn proof_signers(
        &self,
        document: &Value,
        purpose: &str,
        at: i64,
    ) -> Result<Vec<String>, Secured> {
        let results = self.integrity.verify(document);
        if results.is_empty() {
            return Err(Secured::unsigned());
        }
        if let Some(ProofCheck::Invalid(why)) =
            results.iter().find(|r| matches!(r, ProofCheck::Invalid(_)))
        {
            return Err(Secured::invalid(why.clone()));
        }
        if let Some(ProofCheck::CouldNotCheck(why)) = results
            .iter()
            .find(|r| matches!(r, ProofCheck::CouldNotCheck(_)))
        {
            return Err(Secured::could_not_check(why.clone()));
        }
        // A proof over RDF signs the dataset: what the checks read from keys must be it.
        let over_rdf = proofs(document).iter().any(|p| {
            !p.get("cryptosuite")
                .and_then(Value::as_str)
                .is_some_and(|suite| suite.ends_with("-jcs-2022") || suite.ends_with("-jcs-2019"))
        });
        if over_rdf {
            if let Err(why) =
                crate::signed_terms::spelled_as_signed(self.integrity.processor(), document)
            {
                return Err(Secured::invalid(why));
            }
        }
        for proof in proofs(document) {
            let stated = proof.get("proofPurpose").and_then(Value::as_str);
            if stated != Some(purpose) {
                return Err(Secured::invalid(format!(
                    "the proof's purpose is {}, not {purpose}",
                    stated.unwrap_or("missing")
                )));
            }
            if let Some(expires) = proof.get("expires").and_then(Value::as_str) {
                match edc_model::DateTime::parse(expires) {
                    Ok(t) if t.unix_seconds() < at => {
                        return Err(Secured::invalid(format!("the proof expired on {expires}")))
                    }
                    Ok(_) => {}
                    Err(e) => {
                        return Err(Secured::invalid(format!(
                            "the proof's expires is not a date-time: {e}"
                        )))
                    }
                }
            }
        }
        Ok(results
            .into_iter()
            .filter_map(|r| match r {
                ProofCheck::Verified {
                    verification_method,
                    ..
                } => Some(verification_method),
                _ => None,
            })
            .collect())
    }

    /// The issuer check for a DID signer: the DID is the credential's issuer, and trusted.
    fn did_issuer(&self, issuer: Option<&str>, method: &str) -> Outcome {
        let signer = controller(method);
        if issuer != Some(signer) {
            return Outcome::Failed(format!(
                "signed by {signer}, but the credential's issuer is {}",
                issuer.unwrap_or("missing")
            ));
        }
        if self.trusted_dids.iter().any(|d| d == signer) {
            Outcome::Ok(format!("{signer}, on the trusted list"))
        } else {
            Outcome::Skipped(format!(
                "could not check: {signer} is not on the trusted DID list"
            ))
        }
    }

    /// The issuer check for a token signed by the key `kid`: a DID URL names the issuer; any
    /// other key id does not.
    fn key_issuer(&self, issuer: Option<&str>, kid: &str) -> Outcome {
        if kid.starts_with("did:") {
            self.did_issuer(issuer, kid)
        } else {
            Outcome::Skipped(format!(
                "could not check: the key `{kid}` is not a DID, so it does not name the issuer"
            ))
        }
    }

    /// A VC-COSE message: its signature check, and the payload to verify further (or why the
    /// message cannot be read).
    pub(crate) fn cose(&self, bytes: &[u8]) -> (Secured, Result<Vec<u8>, String>) {
        let payload = edc_signer::cose_payload(bytes);
        let secured = match edc_signer::verify_vc_cose(bytes, &self.jwt_keys) {
            JwtCheck::Invalid(why) => Secured::invalid(format!("the COSE message: {why}")),
            JwtCheck::CouldNotCheck(why) => Secured::could_not_check(why),
            JwtCheck::Verified(claims) => {
                let kid = edc_signer::cose_kid(bytes).unwrap_or_default();
                let issuer = self.key_issuer(issuer_id(&claims), &kid);
                Secured {
                    integrity: Outcome::Ok(format!("VC-COSE signature verified (key {kid})")),
                    issuer,
                }
            }
        };
        (secured, payload)
    }

    /// An SD-JWT credential or presentation: its signature and disclosures, and the claims
    /// with what was disclosed in place (or why they cannot be read).
    pub(crate) fn sd_jwt(&self, text: &str) -> (Secured, Result<Vec<u8>, String>) {
        let kid = sd_jwt_kid(text);
        let (secured, claims) = match edc_signer::verify_vc_sd_jwt(text, &self.jwt_keys) {
            JwtCheck::Invalid(why) => (
                Secured::invalid(format!("the SD-JWT: {why}")),
                edc_signer::sd_jwt_claims_unverified(text),
            ),
            JwtCheck::CouldNotCheck(why) => (
                Secured::could_not_check(why),
                edc_signer::sd_jwt_claims_unverified(text),
            ),
            JwtCheck::Verified(claims) => {
                let issuer = self.key_issuer(issuer_id(&claims), &kid);
                (
                    Secured {
                        integrity: Outcome::Ok(format!(
                            "SD-JWT signature and disclosures verified (key {kid})"
                        )),
                        issuer,
                    },
                    Ok(claims),
                )
            }
        };
        (secured, claims.map(|c| c.to_string().into_bytes()))
    }

    fn jwt(&self, jwt: &CompactJwt) -> Secured {
        let (check, form) = match jwt.form {
            JwtForm::VcJose => (verify_vc_jose(&jwt.raw, &self.jwt_keys), "VC-JOSE"),
            JwtForm::VcJwt11 => (verify_vc_jwt(&jwt.raw, &self.jwt_keys), "VC-JWT"),
        };
        let kid = jwt
            .header
            .get("kid")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        match check {
            JwtCheck::Invalid(why) => Secured::invalid(format!("the {form} token: {why}")),
            JwtCheck::CouldNotCheck(why) => Secured::could_not_check(why),
            JwtCheck::Verified(_) => {
                let credential = jwt.content.json_ld();
                let issuer = issuer_id(&credential)
                    .or_else(|| jwt.claims.get("iss").and_then(Value::as_str));
                let issuer = self.key_issuer(issuer, &kid);
                Secured {
                    integrity: Outcome::Ok(format!("{form} signature verified (key {kid})")),
                    issuer,
                }
            }
        }
    }
}
