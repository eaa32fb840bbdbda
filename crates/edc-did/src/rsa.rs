//! RSA signatures (PKCS#1 v1.5 and PSS) verified with a SubjectPublicKeyInfo: what JAdES seals,
//! RFC 3161 time-stamps, certificate chains and RS/PS-signed JWTs need.

use sha2::Digest;
use x509_cert::der::Decode;

/// The RSA signature schemes edc verifies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RsaScheme {
    /// PKCS#1 v1.5 with SHA-256.
    Pkcs1Sha256,
    /// PKCS#1 v1.5 with SHA-384.
    Pkcs1Sha384,
    /// PKCS#1 v1.5 with SHA-512.
    Pkcs1Sha512,
    /// PSS with SHA-256 (and MGF1-SHA-256, salt of the hash's length).
    PssSha256,
    /// PSS with SHA-384.
    PssSha384,
    /// PSS with SHA-512.
    PssSha512,
}

/// Verifies an RSA signature over `message` with the key of a SubjectPublicKeyInfo (DER).
/// ring does the work (its RSA is several times faster than the pure-Rust crate's); keys
/// ring refuses (shorter than 2048 bits) and signatures it rejects are checked again with the
/// `rsa` crate, so nothing valid is refused.
pub fn verify_rsa(spki: &[u8], scheme: RsaScheme, message: &[u8], signature: &[u8]) -> bool {
    use ring::signature as ring_sig;
    let raw = x509_cert::spki::SubjectPublicKeyInfoRef::from_der(spki)
        .ok()
        .and_then(|info| info.subject_public_key.as_bytes().map(<[u8]>::to_vec));
    if let Some(raw) = raw {
        let algorithm: &dyn ring_sig::VerificationAlgorithm = match scheme {
            RsaScheme::Pkcs1Sha256 => &ring_sig::RSA_PKCS1_2048_8192_SHA256,
            RsaScheme::Pkcs1Sha384 => &ring_sig::RSA_PKCS1_2048_8192_SHA384,
            RsaScheme::Pkcs1Sha512 => &ring_sig::RSA_PKCS1_2048_8192_SHA512,
            RsaScheme::PssSha256 => &ring_sig::RSA_PSS_2048_8192_SHA256,
            RsaScheme::PssSha384 => &ring_sig::RSA_PSS_2048_8192_SHA384,
            RsaScheme::PssSha512 => &ring_sig::RSA_PSS_2048_8192_SHA512,
        };
        if ring_sig::UnparsedPublicKey::new(algorithm, &raw)
            .verify(message, signature)
            .is_ok()
        {
            return true;
        }
    }
    use rsa::pkcs8::DecodePublicKey;
    let Ok(key) = rsa::RsaPublicKey::from_public_key_der(spki) else {
        return false;
    };
    match scheme {
        RsaScheme::Pkcs1Sha256 => key.verify(
            rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            &sha2::Sha256::digest(message),
            signature,
        ),
        RsaScheme::Pkcs1Sha384 => key.verify(
            rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
            &sha2::Sha384::digest(message),
            signature,
        ),
        RsaScheme::Pkcs1Sha512 => key.verify(
            rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
            &sha2::Sha512::digest(message),
            signature,
        ),
        RsaScheme::PssSha256 => key.verify(
            rsa::Pss::new::<sha2::Sha256>(),
            &sha2::Sha256::digest(message),
            signature,
        ),
        RsaScheme::PssSha384 => key.verify(
            rsa::Pss::new::<sha2::Sha384>(),
            &sha2::Sha384::digest(message),
            signature,
        ),
        RsaScheme::PssSha512 => key.verify(
            rsa::Pss::new::<sha2::Sha512>(),
            &sha2::Sha512::digest(message),
            signature,
        ),
    }
    .is_ok()
}
