//! How a check ended: a status, a stable code a program branches on, and a sentence for
//! people.

use std::fmt;

/// Declares [`Code`] with its strings once: the enum, [`Code::ALL`] and [`Code::as_str`].
macro_rules! codes {
    ($($(#[$doc:meta])* $name:ident => $text:literal,)*) => {
        /// Why a check ended as it did, as a stable machine code. Serialised as the snake_case
        /// string of [`Code::as_str`] (the `code` member of
        /// [`Report::to_json`](crate::Report::to_json)); a string never changes meaning once
        /// published, and new ones are added as checks learn more.
        #[non_exhaustive]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $($(#[$doc])* $name,)*
        }

        impl Code {
            /// Every code.
            pub const ALL: &'static [Code] = &[$(Code::$name,)*];

            /// The code as serialised: snake_case, stable.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $text,)*
                }
            }
        }
    };
}

codes! {
    // --- reading (any check) ---
    /// The document is larger than the verifier reads, or nests too deep.
    TooLarge => "too_large",
    /// The document (or the message securing it) cannot be read.
    Unreadable => "unreadable",
    /// Could not check: the document was not read (see the format check).
    NotRead => "not_read",
    /// A presentation presents no credential, so a per-credential check does not apply.
    NoCredential => "no_credential",

    // --- format ---
    /// The VC data model's rules hold, every term is defined (no ELM profile applies).
    DataModelKept => "data_model_kept",
    /// The Europass credential conforms to its official SHACL profile.
    Conforms => "conforms",
    /// The Europass credential keeps edc's built-in essentials; its official profile was not
    /// applied (its files were not given).
    ConformsToEssentials => "conforms_to_essentials",
    /// Readable; SHACL findings not counted (lenient policy).
    ConformsLeniently => "conforms_leniently",
    /// A rule of the VC data model is broken.
    DataModelBroken => "data_model_broken",
    /// The JSON-LD processor refused the document (the reason holds the JSON-LD error code).
    JsonLdError => "json_ld_error",
    /// A remote context could not be loaded.
    ContextUnavailable => "context_unavailable",
    /// Terms or types no context defines, under a proof that signs RDF: they would be lost.
    UndefinedTerms => "undefined_terms",
    /// The document violates its SHACL profile.
    ProfileViolated => "profile_violated",
    /// The SHACL profile's files could not be read.
    ProfileUnavailable => "profile_unavailable",

    // --- integrity ---
    /// The seal matches the document.
    SealIntact => "seal_intact",
    /// The seal does not match the document: it was changed after sealing.
    SealBroken => "seal_broken",
    /// The seal is not valid (its structure, algorithm or signed attributes).
    SealInvalid => "seal_invalid",
    /// Every Data Integrity proof verified.
    ProofVerified => "proof_verified",
    /// A Data Integrity proof does not verify or is not valid.
    ProofInvalid => "proof_invalid",
    /// A proof's purpose is not the one expected.
    WrongProofPurpose => "wrong_proof_purpose",
    /// A proof has expired.
    ProofExpired => "proof_expired",
    /// The terms the checks read are not those the proof signed (respelled or aliased).
    SignedTermsDiffer => "signed_terms_differ",
    /// A token's signature verified (VC-JOSE, VC-JWT, VC-COSE, SD-JWT).
    TokenVerified => "token_verified",
    /// A token's signature does not verify or the token is not valid.
    TokenInvalid => "token_invalid",
    /// The signature could not be checked (key, DID or method unavailable).
    SignatureUnverifiable => "signature_unverifiable",
    /// Neither a seal nor a proof secures the document.
    Unsigned => "unsigned",

    // --- issuer ---
    /// The signer is trusted (anchored seal certificate, or a DID on the trusted list).
    IssuerTrusted => "issuer_trusted",
    /// As `IssuerTrusted`, judged as of a trusted time-stamp: the seal certificate has expired
    /// or been revoked since.
    IssuerTrustedAsOfTimestamp => "issuer_trusted_as_of_timestamp",
    /// The signer is not trusted (not anchored, or not on the trusted DID list).
    IssuerUntrusted => "issuer_untrusted",
    /// No trust anchors were given.
    NoTrustAnchors => "no_trust_anchors",
    /// The seal certificate cannot be relied on (its chain, usage, validity or revocation).
    CertificateUnusable => "certificate_unusable",
    /// The credential's issuer is not who sealed or signed it.
    SignerNotIssuer => "signer_not_issuer",
    /// Whether the sealer is the issuer cannot be told from their identifiers.
    IssuerIdentityUnclear => "issuer_identity_unclear",
    /// The token's key is not a DID, so it names no issuer or holder.
    KeyNotDid => "key_not_did",
    /// No valid signature names a signer.
    NoSigner => "no_signer",

    // --- owner ---
    /// A credential on its own, and no expected subject: no holder to check.
    NoHolder => "no_holder",
    /// Issued to the expected subject.
    SubjectMatches => "subject_matches",
    /// Not issued to the expected subject (or the holder).
    SubjectMismatch => "subject_mismatch",
    /// The presentation is signed by its holder, who is the subject of what it presents.
    HolderVerified => "holder_verified",
    /// The presentation has no holder proof.
    HolderProofMissing => "holder_proof_missing",
    /// The holder's proof or token does not verify.
    HolderProofInvalid => "holder_proof_invalid",
    /// The holder's proof or token could not be checked.
    HolderProofUnverifiable => "holder_proof_unverifiable",
    /// The presentation is signed by someone other than its holder.
    HolderNotSigner => "holder_not_signer",
    /// The challenge, nonce, domain or audience is not the one expected (a replay?).
    ChallengeMismatch => "challenge_mismatch",
    /// An SD-JWT's key-binding JWT verified.
    KeyBindingVerified => "key_binding_verified",
    /// An SD-JWT's key binding is missing where it is needed, or invalid.
    KeyBindingInvalid => "key_binding_invalid",

    // --- status ---
    /// The credential has no status entry.
    NoStatus => "no_status",
    /// Every status entry is clear (not revoked, not suspended).
    StatusClear => "status_clear",
    /// Revoked.
    Revoked => "revoked",
    /// Suspended.
    Suspended => "suspended",
    /// A status entry is malformed.
    StatusEntryInvalid => "status_entry_invalid",
    /// A status entry of a type edc does not read.
    StatusTypeUnknown => "status_type_unknown",
    /// The status list could not be had (not given, not cached, network not allowed).
    StatusListUnavailable => "status_list_unavailable",
    /// The status list is not valid (proof, issuer, purpose, encoding, size).
    StatusListInvalid => "status_list_invalid",
    /// The status list's proof could not be checked.
    StatusListUnverifiable => "status_list_unverifiable",
    /// The status list has expired; a fresh one is needed.
    StatusListExpired => "status_list_expired",

    // --- validity period ---
    /// Valid at the validation time.
    Valid => "valid",
    /// Not valid yet.
    NotYetValid => "not_yet_valid",
    /// Expired.
    Expired => "expired",
    /// A validity date is not a date-time.
    InvalidDate => "invalid_date",

    // --- accreditation ---
    /// No accreditation is claimed.
    NoAccreditation => "no_accreditation",
    /// The accreditations are in force and cover what the credential awards.
    Accredited => "accredited",
    /// A referenced accreditation is described nowhere available.
    AccreditationUnknown => "accreditation_unknown",
    /// An accreditation was not in force when the credential was issued.
    AccreditationNotInForce => "accreditation_not_in_force",
    /// An accreditation does not cover the credential's levels, fields, qualifications or
    /// jurisdictions.
    AccreditationOutOfScope => "accreditation_out_of_scope",

    // --- micro-credential elements ---
    /// Not a Europass credential.
    NotEuropass => "not_europass",
    /// Every mandatory micro-credential element is present.
    MicroCredentialComplete => "micro_credential_complete",
    /// A mandatory micro-credential element is missing.
    MicroCredentialIncomplete => "micro_credential_incomplete",

    // --- findings ---
    /// A member no context defines (signed as bytes: the issuer's own data).
    UndefinedTerm => "undefined_term",
    /// A departure from the Open Badges 3.0 data model.
    OpenBadgesDeparture => "open_badges_departure",
}

impl Code {
    /// Reads a code from its string.
    pub fn from_name(name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|c| c.as_str() == name)
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A check's reason: its stable [`Code`] and a sentence for people. Reads as its sentence
/// (`Deref<Target = str>`, `Display`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reason {
    /// The stable code.
    pub code: Code,
    /// The sentence (English).
    pub text: String,
}

impl Reason {
    /// A reason.
    pub fn new(code: Code, text: impl Into<String>) -> Reason {
        Reason {
            code,
            text: text.into(),
        }
    }

    /// The same reason, its sentence put after `prefix` (e.g. "the presentation's token: ").
    pub(crate) fn prefixed(self, prefix: &str) -> Reason {
        Reason {
            code: self.code,
            text: format!("{prefix}{}", self.text),
        }
    }
}

impl std::ops::Deref for Reason {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

/// How a check ended, with its reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Checked and fine.
    Ok(Reason),
    /// Checked and not fine.
    Failed(Reason),
    /// Could not be checked (data, key, anchor or list unavailable): the reason. Never means
    /// "invalid".
    Skipped(Reason),
    /// Does not apply to this document (no status entry, no holder, no accreditation claimed).
    NotApplicable(Reason),
}

impl Outcome {
    /// Checked and fine.
    pub fn ok(code: Code, text: impl Into<String>) -> Outcome {
        Outcome::Ok(Reason::new(code, text))
    }

    /// Checked and not fine.
    pub fn failed(code: Code, text: impl Into<String>) -> Outcome {
        Outcome::Failed(Reason::new(code, text))
    }

    /// Could not be checked.
    pub fn skipped(code: Code, text: impl Into<String>) -> Outcome {
        Outcome::Skipped(Reason::new(code, text))
    }

    /// Does not apply.
    pub fn not_applicable(code: Code, text: impl Into<String>) -> Outcome {
        Outcome::NotApplicable(Reason::new(code, text))
    }

    /// The reason (code and sentence), whatever the outcome.
    pub fn why(&self) -> &Reason {
        match self {
            Outcome::Ok(r)
            | Outcome::Failed(r)
            | Outcome::Skipped(r)
            | Outcome::NotApplicable(r) => r,
        }
    }

    /// The sentence, whatever the outcome.
    pub fn reason(&self) -> &str {
        &self.why().text
    }

    /// The stable code, whatever the outcome.
    pub fn code(&self) -> Code {
        self.why().code
    }

    /// `ok`, `failed`, `skipped` or `not applicable`.
    pub fn label(&self) -> &'static str {
        match self {
            Outcome::Ok(_) => "ok",
            Outcome::Failed(_) => "failed",
            Outcome::Skipped(_) => "skipped",
            Outcome::NotApplicable(_) => "not applicable",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Code;

    #[test]
    fn every_code_reads_back_from_its_string_and_strings_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for code in Code::ALL {
            assert_eq!(Code::from_name(code.as_str()), Some(*code));
            assert!(seen.insert(code.as_str()), "{code} twice");
            assert!(code
                .as_str()
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_'));
        }
    }
}
