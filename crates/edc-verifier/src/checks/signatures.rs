//! Seals, proofs and tokens verified, for the integrity and issuer checks: JAdES seals, Data
//! Integrity proofs, VC-JOSE / VC-JWT / VC-COSE / SD-JWT tokens; who signed, whether they are
//! the credential's issuer, and whether they are trusted.

use super::legal_identity::Identity;
use crate::outcome::{Code, Outcome};
use crate::reading::{Envelope, Token, Unread};
use crate::verifier::Verifier;
use edc_context::JsonView;
use edc_model::{CompactJwt, Document, JwtForm};
use edc_seal::{verify_seal, ChainOutcome, SealCheck, SealLevel};
use edc_signer::{verify_vc_jose, verify_vc_jwt, JwtCheck, ProofCheck};
use serde_json::Value;

/// What the integrity and issuer checks found for one secured credential.
#[derive(Clone)]
pub(crate) struct Secured {
    pub integrity: Outcome,
    pub issuer: Outcome,
}

impl Secured {
    fn unsigned() -> Secured {
        Secured {
            integrity: Outcome::failed(
                Code::Unsigned,
                "the credential carries no seal and no proof",
            ),
            issuer: Outcome::skipped(
                Code::NoSigner,
                "could not check: nobody signed the credential",
            ),
        }
    }

    fn invalid(code: Code, why: String) -> Secured {
        Secured {
            integrity: Outcome::failed(code, why),
            issuer: Outcome::skipped(
                Code::NoSigner,
                "could not check: no valid signature names a signer",
            ),
        }
    }

    fn could_not_check(why: String) -> Secured {
        Secured {
            integrity: Outcome::skipped(
                Code::SignatureUnverifiable,
                format!("could not check: {why}"),
            ),
            issuer: Outcome::skipped(
                Code::NoSigner,
                "could not check: the signature could not be checked",
            ),
        }
    }
}

/// The id of an `issuer` (a string, or an object's `id`).
pub(crate) fn issuer_id(credential: &Value) -> Option<&str> {
    issuer_of(JsonView::of(credential))
}

/// The id of a credential's `issuer` (a string, or an object's `id`), through a view.
pub(crate) fn issuer_of(credential: JsonView<'_>) -> Option<&str> {
    let issuer = credential.get("issuer")?;
    issuer
        .as_str()
        .or_else(|| issuer.get("id").and_then(|id| id.as_str()))
}

/// The proofs of a document, one or many.
pub(crate) fn proofs(document: &Value) -> Vec<&Value> {
    match document.get("proof") {
        None => Vec::new(),
        Some(Value::Array(set)) => set.iter().collect(),
        Some(one) => vec![one],
    }
}

/// The DID a verification method or `kid` belongs to.
pub(crate) fn controller(method: &str) -> &str {
    method.split('#').next().unwrap_or(method)
}

/// The issuer check with every seal after the first judged too: a further seal whose
/// certificate cannot be relied on fails the check, one that is not trusted leaves it
/// unchecked (the document is then at best partially verified).
fn further_seals(first: Outcome, others: &[SealCheck]) -> Outcome {
    let mut outcome = first;
    for (index, check) in others.iter().enumerate() {
        let seal = index + 2;
        if !check.certificate_problems.is_empty() {
            return Outcome::failed(
                Code::CertificateUnusable,
                format!("seal {seal}: {}", check.certificate_problems.join("; ")),
            );
        }
        let (code, why) = match &check.chain_outcome {
            ChainOutcome::Anchored(_) => continue,
            ChainOutcome::NotAnchored(why) => (Code::IssuerUntrusted, why.clone()),
            ChainOutcome::NoTrustStore => {
                (Code::NoTrustAnchors, "no trust anchors were given".into())
            }
        };
        if let Outcome::Ok(_) = outcome {
            outcome = Outcome::skipped(
                code,
                format!(
                    "could not check: seal {seal} was made with a certificate that is not trusted: {why}"
                ),
            );
        }
    }
    outcome
}

impl Verifier {
    /// Integrity and issuer of one secured credential, whatever secures it.
    /// `credential` is the document's JSON-LD, as read once by the caller.
    pub(crate) fn secured(&self, document: &Document, credential: JsonView, at: i64) -> Secured {
        match document {
            Document::Sealed(sealed) => {
                let checks = verify_seal(sealed, at, self.trust.as_ref());
                self.sealed(&checks, credential)
            }
            Document::Jwt(jwt) => self.jwt(jwt),
            Document::Enveloped(e) => self.secured(&e.content, credential, at),
            _ => {
                if credential.get("proof").is_some() {
                    self.data_integrity(&credential.cow(), "assertionMethod", at)
                } else {
                    Secured::unsigned()
                }
            }
        }
    }

    fn sealed(&self, checks: &[SealCheck], credential: JsonView) -> Secured {
        let Some(check) = checks.first() else {
            return Secured::invalid(Code::SealInvalid, "the sealed file has no signature".into());
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
            Outcome::failed(
                Code::SealBroken,
                "the seal does not match the document: it was changed after sealing",
            )
        } else if !seal_findings.is_empty() {
            Outcome::failed(
                Code::SealInvalid,
                format!(
                    "the seal is not valid: {}",
                    seal_findings
                        .iter()
                        .map(|f| f.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
            )
        } else if matches!(check.chain_outcome, ChainOutcome::Anchored(_)) {
            Outcome::ok(
                Code::SealIntact,
                format!("sealed by {organisation} on {signed}; not tampered with since"),
            )
        } else {
            // An untrusted certificate's subject is anybody's claim: never present it as the
            // sealer.
            Outcome::ok(Code::SealIntact, format!(
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
            .map(|issuer| super::legal_identity::claimed_ids(&issuer.cow()))
            .unwrap_or_default();
        let identity = match &sealed_by {
            Some(cert) if !claimed.is_empty() => {
                Some(super::legal_identity::compare(cert, &claimed))
            }
            _ => None,
        };
        let issuer = if let Some(Identity::Different(why)) = &identity {
            Outcome::failed(
                Code::SignerNotIssuer,
                format!(
                    "the credential's issuer is not the organisation that sealed it ({}): {why}",
                    sealed_by.as_deref().unwrap_or_default()
                ),
            )
        } else if let Some(Identity::CannotTell(why)) = &identity {
            Outcome::skipped(Code::IssuerIdentityUnclear, format!(
                "could not check that the organisation that sealed it ({}) is the credential's issuer: {why}",
                sealed_by.as_deref().unwrap_or_default()
            ))
        } else if !check.certificate_problems.is_empty() {
            Outcome::failed(
                Code::CertificateUnusable,
                check.certificate_problems.join("; "),
            )
        } else {
            match (&check.chain_outcome, check.level) {
                (ChainOutcome::Anchored(anchor), level) => Outcome::ok(if check.proven_by.is_some() { Code::IssuerTrustedAsOfTimestamp } else { Code::IssuerTrusted }, format!(
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
                            if matches!(check.revocation, edc_seal::Revocation::Revoked { .. }) {
                                "been revoked"
                            } else {
                                "expired"
                            }
                        ),
                        None => String::new(),
                    }
                )),
                (ChainOutcome::NotAnchored(why), _) => {
                    Outcome::skipped(Code::IssuerUntrusted, format!("could not check: {why}"))
                }
                (ChainOutcome::NoTrustStore, _) => {
                    Outcome::skipped(Code::NoTrustAnchors, "could not check: no trust anchors were given")
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
        // Every proof verified; the issuer must have made one of them (a proof set or chain
        // may add others' proofs, e.g. a notary's).
        let issuer_id = issuer_id(document);
        let by_issuer = methods
            .iter()
            .find(|m| Some(controller(m)) == issuer_id)
            .unwrap_or(&methods[0]);
        let issuer = self.did_issuer(issuer_id, by_issuer);
        let legacy = proofs(document)
            .iter()
            .any(|p| p.get("cryptosuite").and_then(Value::as_str) == Some("eddsa-2022"));
        Secured {
            integrity: Outcome::ok(
                Code::ProofVerified,
                format!(
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
                ),
            ),
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
            return Err(Secured::invalid(Code::ProofInvalid, why.clone()));
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
                super::signed_terms::spelled_as_signed(self.integrity.processor(), document)
            {
                return Err(Secured::invalid(Code::SignedTermsDiffer, why));
            }
        }
        for proof in proofs(document) {
            let stated = proof.get("proofPurpose").and_then(Value::as_str);
            if stated != Some(purpose) {
                return Err(Secured::invalid(
                    Code::WrongProofPurpose,
                    format!(
                        "the proof's purpose is {}, not {purpose}",
                        stated.unwrap_or("missing")
                    ),
                ));
            }
            if let Some(expires) = proof.get("expires").and_then(Value::as_str) {
                match edc_model::DateTime::parse(expires) {
                    Ok(t) if t.unix_seconds() < at => {
                        return Err(Secured::invalid(
                            Code::ProofExpired,
                            format!("the proof expired on {expires}"),
                        ))
                    }
                    Ok(_) => {}
                    Err(e) => {
                        return Err(Secured::invalid(
                            Code::ProofInvalid,
                            format!("the proof's expires is not a date-time: {e}"),
                        ))
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

    /// A VC-COSE message's or SD-JWT's signature check.
    pub(crate) fn token_secured(&self, token: &Token) -> Secured {
        let (check, form) = match &token.sd_jwt {
            Some(text) => (edc_signer::verify_vc_sd_jwt(text, &self.jwt_keys), "SD-JWT"),
            None => (
                edc_signer::verify_vc_cose(&token.message, &self.jwt_keys),
                "COSE message",
            ),
        };
        match check {
            JwtCheck::Invalid(why) => {
                Secured::invalid(Code::TokenInvalid, format!("the {form}: {why}"))
            }
            JwtCheck::CouldNotCheck(why) => Secured::could_not_check(why),
            JwtCheck::Verified(claims) => {
                let kid = &token.kid;
                let verified = match form {
                    "SD-JWT" => format!("SD-JWT signature and disclosures verified (key {kid})"),
                    _ => format!("VC-COSE signature verified (key {kid})"),
                };
                Secured {
                    integrity: Outcome::ok(Code::TokenVerified, verified),
                    issuer: self.key_issuer(issuer_id(&claims), kid),
                }
            }
        }
    }

    /// The integrity of a document whose content cannot be read, judged from its envelope: a
    /// token that is itself invalid is Failed; otherwise None (could not check).
    pub(crate) fn unread_integrity(&self, unread: &Unread) -> Option<Outcome> {
        match unread.envelope.as_ref()? {
            Envelope::Token(token) => Some(self.token_secured(token).integrity),
            Envelope::Compact(text) => {
                let text = text.trim();
                if text.starts_with('{') || text.split('.').count() != 3 {
                    return None;
                }
                match edc_signer::verify_vc_jose(text, &self.jwt_keys) {
                    JwtCheck::Invalid(why) => Some(Outcome::failed(
                        Code::TokenInvalid,
                        format!("the VC-JOSE token: {why}"),
                    )),
                    _ => None,
                }
            }
        }
    }

    fn jwt(&self, jwt: &CompactJwt) -> Secured {
        let (check, form) = match jwt.form {
            JwtForm::VcJose => (verify_vc_jose(&jwt.raw, &self.jwt_keys), "VC-JOSE"),
            JwtForm::VcJwt11 => (verify_vc_jwt(&jwt.raw, &self.jwt_keys), "VC-JWT"),
            _ => (
                JwtCheck::CouldNotCheck("a JWT form this verifier does not know".into()),
                "JWT",
            ),
        };
        let kid = jwt
            .header
            .get("kid")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        match check {
            JwtCheck::Invalid(why) => {
                Secured::invalid(Code::TokenInvalid, format!("the {form} token: {why}"))
            }
            JwtCheck::CouldNotCheck(why) => Secured::could_not_check(why),
            JwtCheck::Verified(_) => {
                let credential = jwt.content.json_ld();
                let issuer = issuer_id(&credential)
                    .or_else(|| jwt.claims.get("iss").and_then(Value::as_str));
                let issuer = self.key_issuer(issuer, &kid);
                Secured {
                    integrity: Outcome::ok(
                        Code::TokenVerified,
                        format!("{form} signature verified (key {kid})"),
                    ),
                    issuer,
                }
            }
        }
    }
    /// The issuer check for a DID signer: the DID is the credential's issuer, and trusted.
    pub(crate) fn did_issuer(&self, issuer: Option<&str>, method: &str) -> Outcome {
        let signer = controller(method);
        if issuer != Some(signer) {
            return Outcome::failed(
                Code::SignerNotIssuer,
                format!(
                    "signed by {signer}, but the credential's issuer is {}",
                    issuer.unwrap_or("missing")
                ),
            );
        }
        if self.trusted_dids.iter().any(|d| d == signer) {
            Outcome::ok(
                Code::IssuerTrusted,
                format!("{signer}, on the trusted list"),
            )
        } else {
            Outcome::skipped(
                Code::IssuerUntrusted,
                format!("could not check: {signer} is not on the trusted DID list"),
            )
        }
    }

    /// The issuer check for a token signed by the key `kid`: a DID URL names the issuer; any
    /// other key id does not.
    pub(crate) fn key_issuer(&self, issuer: Option<&str>, kid: &str) -> Outcome {
        if kid.starts_with("did:") {
            self.did_issuer(issuer, kid)
        } else {
            Outcome::skipped(
                Code::KeyNotDid,
                format!(
                    "could not check: the key `{kid}` is not a DID, so it does not name the issuer"
                ),
            )
        }
    }
}
