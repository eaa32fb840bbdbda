//! Key pairs and public keys, with their Multikey (multibase + multicodec) forms.

use std::fmt;

/// The kinds of key `edc` signs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyType {
    /// Ed25519 (EdDSA).
    Ed25519,
    /// NIST P-256 (ECDSA with SHA-256).
    P256,
    /// NIST P-384 (ECDSA with SHA-384).
    P384,
    /// NIST P-521 (ECDSA with SHA-512, ES512).
    P521,
    /// secp256k1 (ECDSA with SHA-256, ES256K; EBSI).
    Secp256k1,
}

/// Every key type, in a fixed order.
const ALL_TYPES: [KeyType; 5] = [
    KeyType::Ed25519,
    KeyType::P256,
    KeyType::P384,
    KeyType::P521,
    KeyType::Secp256k1,
];

impl KeyType {
    /// The multicodec prefix (varint) of the public key.
    fn public_codec(self) -> [u8; 2] {
        match self {
            KeyType::Ed25519 => [0xed, 0x01],
            KeyType::P256 => [0x80, 0x24],
            KeyType::P384 => [0x81, 0x24],
            KeyType::P521 => [0x82, 0x24],
            KeyType::Secp256k1 => [0xe7, 0x01],
        }
    }

    /// The multicodec prefix (varint) of the secret key.
    pub(crate) fn secret_codec(self) -> [u8; 2] {
        match self {
            KeyType::Ed25519 => [0x80, 0x26],
            KeyType::P256 => [0x86, 0x26],
            KeyType::P384 => [0x87, 0x26],
            KeyType::P521 => [0x88, 0x26],
            KeyType::Secp256k1 => [0x81, 0x26],
        }
    }

    /// The JWK `crv` name.
    pub fn jwk_curve(self) -> &'static str {
        match self {
            KeyType::Ed25519 => "Ed25519",
            KeyType::P256 => "P-256",
            KeyType::P384 => "P-384",
            KeyType::P521 => "P-521",
            KeyType::Secp256k1 => "secp256k1",
        }
    }

    /// The JOSE algorithm name for signatures with this key.
    pub fn jose_algorithm(self) -> &'static str {
        match self {
            KeyType::Ed25519 => "EdDSA",
            KeyType::P256 => "ES256",
            KeyType::P384 => "ES384",
            KeyType::P521 => "ES512",
            KeyType::Secp256k1 => "ES256K",
        }
    }

    fn from_public_codec(prefix: &[u8]) -> Option<KeyType> {
        ALL_TYPES
            .into_iter()
            .find(|t| prefix.starts_with(&t.public_codec()))
    }

    fn from_secret_codec(prefix: &[u8]) -> Option<KeyType> {
        ALL_TYPES
            .into_iter()
            .find(|t| prefix.starts_with(&t.secret_codec()))
    }
}

/// What kind of failure: stable, for programs to branch on.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyErrorKind {
    /// A key (Multikey, JWK, PEM, did:key, did:jwk) that cannot be read or used.
    Key,
    /// A DID or controller document that cannot be had or read.
    Resolution,
    /// A verification method its controller does not authorise for the purpose asked.
    Relationship,
}

/// Errors reading or using keys: a [`KeyErrorKind`] and a sentence.
pub type KeyError = edc_error::Error<KeyErrorKind>;

fn err(message: impl Into<String>) -> KeyError {
    KeyError::new(KeyErrorKind::Key, message)
}

/// Decodes a base58btc multibase string (`z…`).
pub fn decode_multibase(text: &str) -> Result<Vec<u8>, KeyError> {
    let body = text.strip_prefix('z').ok_or_else(|| {
        err(format!(
            "`{text}` is not base58btc multibase (it must start with z)"
        ))
    })?;
    bs58::decode(body)
        .into_vec()
        .map_err(|e| err(format!("`{text}` is not base58btc: {e}")))
}

/// Encodes bytes as base58btc multibase (`z…`).
pub fn encode_multibase(bytes: &[u8]) -> String {
    format!("z{}", bs58::encode(bytes).into_string())
}

/// A public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PublicKey {
    /// Ed25519.
    Ed25519(ed25519_dalek::VerifyingKey),
    /// P-256.
    P256(p256::ecdsa::VerifyingKey),
    /// P-384.
    P384(p384::ecdsa::VerifyingKey),
    /// P-521 (held as a curve point: the crate's verifying key type has no equality).
    P521(p521::PublicKey),
    /// secp256k1.
    Secp256k1(k256::ecdsa::VerifyingKey),
}

impl PublicKey {
    /// The key type.
    pub fn key_type(&self) -> KeyType {
        match self {
            PublicKey::Ed25519(_) => KeyType::Ed25519,
            PublicKey::P256(_) => KeyType::P256,
            PublicKey::P384(_) => KeyType::P384,
            PublicKey::P521(_) => KeyType::P521,
            PublicKey::Secp256k1(_) => KeyType::Secp256k1,
        }
    }

    /// The raw public key bytes (compressed points for the EC keys).
    pub fn to_bytes(&self) -> Vec<u8> {
        match self {
            PublicKey::Ed25519(k) => k.to_bytes().to_vec(),
            PublicKey::P256(k) => k.to_encoded_point(true).as_bytes().to_vec(),
            PublicKey::P384(k) => k.to_encoded_point(true).as_bytes().to_vec(),
            PublicKey::P521(k) => {
                use p521::elliptic_curve::sec1::ToEncodedPoint;
                k.to_encoded_point(true).as_bytes().to_vec()
            }
            PublicKey::Secp256k1(k) => k.to_encoded_point(true).as_bytes().to_vec(),
        }
    }

    /// The Multikey form (`publicKeyMultibase`), e.g. `z6Mk…` for Ed25519.
    pub fn to_multikey(&self) -> String {
        let mut bytes = self.key_type().public_codec().to_vec();
        bytes.extend(self.to_bytes());
        encode_multibase(&bytes)
    }

    /// Reads a Multikey (`publicKeyMultibase`).
    pub fn from_multikey(text: &str) -> Result<PublicKey, KeyError> {
        let bytes = decode_multibase(text)?;
        let key_type = KeyType::from_public_codec(&bytes).ok_or_else(|| {
            err(format!(
                "`{text}` is not an Ed25519, P-256, P-384, P-521 or secp256k1 public key"
            ))
        })?;
        Self::from_bytes(key_type, &bytes[2..])
    }

    /// Reads raw public key bytes of a type.
    pub fn from_bytes(key_type: KeyType, raw: &[u8]) -> Result<PublicKey, KeyError> {
        match key_type {
            KeyType::Ed25519 => {
                let array: [u8; 32] = raw
                    .try_into()
                    .map_err(|_| err("an Ed25519 public key has 32 bytes"))?;
                ed25519_dalek::VerifyingKey::from_bytes(&array)
                    .map(PublicKey::Ed25519)
                    .map_err(|e| err(format!("invalid Ed25519 public key: {e}")))
            }
            KeyType::P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(raw)
                .map(PublicKey::P256)
                .map_err(|e| err(format!("invalid P-256 public key: {e}"))),
            KeyType::P384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(raw)
                .map(PublicKey::P384)
                .map_err(|e| err(format!("invalid P-384 public key: {e}"))),
            KeyType::P521 => p521::PublicKey::from_sec1_bytes(raw)
                .map(PublicKey::P521)
                .map_err(|e| err(format!("invalid P-521 public key: {e}"))),
            KeyType::Secp256k1 => k256::ecdsa::VerifyingKey::from_sec1_bytes(raw)
                .map(PublicKey::Secp256k1)
                .map_err(|e| err(format!("invalid secp256k1 public key: {e}"))),
        }
    }

    /// Verifies a signature over `message` (ECDSA hashes it with SHA-256, SHA-384 or SHA-512,
    /// by the curve).
    pub fn verify(&self, message: &[u8], signature: &[u8]) -> bool {
        use p256::ecdsa::signature::Verifier as _;
        match self {
            PublicKey::Ed25519(k) => ed25519_dalek::Signature::from_slice(signature)
                .is_ok_and(|s| k.verify_strict(message, &s).is_ok()),
            PublicKey::P256(k) => p256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| k.verify(message, &s).is_ok()),
            PublicKey::P384(k) => p384::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| k.verify(message, &s).is_ok()),
            PublicKey::P521(k) => p521::ecdsa::Signature::from_slice(signature).is_ok_and(|s| {
                p521::ecdsa::VerifyingKey::from_affine(*k.as_affine())
                    .is_ok_and(|key| key.verify(message, &s).is_ok())
            }),
            PublicKey::Secp256k1(k) => k256::ecdsa::Signature::from_slice(signature)
                .is_ok_and(|s| k.verify(message, &s).is_ok()),
        }
    }
}

/// A key pair. Secret material is zeroized when dropped (by the underlying key types) and never
/// printed: `Debug` shows only the public key.
pub enum KeyPair {
    /// Ed25519.
    Ed25519(ed25519_dalek::SigningKey),
    /// P-256.
    P256(p256::ecdsa::SigningKey),
    /// P-384.
    P384(p384::ecdsa::SigningKey),
    /// P-521.
    P521(p521::ecdsa::SigningKey),
    /// secp256k1.
    Secp256k1(k256::ecdsa::SigningKey),
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "KeyPair({})", self.public_key().to_multikey())
    }
}

impl KeyPair {
    /// A new random key pair.
    pub fn generate(key_type: KeyType) -> KeyPair {
        let mut rng = rand_core::OsRng;
        match key_type {
            KeyType::Ed25519 => KeyPair::Ed25519(ed25519_dalek::SigningKey::generate(&mut rng)),
            KeyType::P256 => KeyPair::P256(p256::ecdsa::SigningKey::random(&mut rng)),
            KeyType::P384 => KeyPair::P384(p384::ecdsa::SigningKey::random(&mut rng)),
            KeyType::P521 => KeyPair::P521(p521::ecdsa::SigningKey::random(&mut rng)),
            KeyType::Secp256k1 => KeyPair::Secp256k1(k256::ecdsa::SigningKey::random(&mut rng)),
        }
    }

    /// The key type.
    pub fn key_type(&self) -> KeyType {
        self.public_key().key_type()
    }

    /// The public key.
    pub fn public_key(&self) -> PublicKey {
        match self {
            KeyPair::Ed25519(k) => PublicKey::Ed25519(k.verifying_key()),
            KeyPair::P256(k) => PublicKey::P256(*k.verifying_key()),
            KeyPair::P384(k) => PublicKey::P384(*k.verifying_key()),
            KeyPair::P521(k) => PublicKey::P521(
                p521::PublicKey::from_affine(*p521::ecdsa::VerifyingKey::from(k).as_affine())
                    .expect("a signing key's public point is on the curve"),
            ),
            KeyPair::Secp256k1(k) => PublicKey::Secp256k1(*k.verifying_key()),
        }
    }

    /// Reads a secret key in Multikey form (`secretKeyMultibase`, e.g. `z3u2…` for Ed25519).
    /// For Ed25519 both the 32-byte seed and the 64-byte seed-plus-public-key forms are read.
    pub fn from_secret_multikey(text: &str) -> Result<KeyPair, KeyError> {
        // The value is a secret: an error never quotes it.
        let bytes = zeroize::Zeroizing::new(decode_multibase(text).map_err(|_| {
            err("secretKeyMultibase is not base58btc multibase (`z…`); its value is not shown")
        })?);
        let key_type = KeyType::from_secret_codec(&bytes).ok_or_else(|| {
            err("not an Ed25519, P-256, P-384, P-521 or secp256k1 secret key in Multikey form")
        })?;
        let raw = &bytes[2..];
        match key_type {
            KeyType::Ed25519 => {
                let seed: [u8; 32] = raw
                    .get(..32)
                    .filter(|_| raw.len() == 32 || raw.len() == 64)
                    .and_then(|s| s.try_into().ok())
                    .ok_or_else(|| {
                        err("an Ed25519 secret key has 32 bytes (or 64 with the public key)")
                    })?;
                let key = ed25519_dalek::SigningKey::from_bytes(&seed);
                if raw.len() == 64 && raw[32..] != key.verifying_key().to_bytes() {
                    return Err(err(
                        "the 64-byte Ed25519 secret key's public half does not match its seed",
                    ));
                }
                Ok(KeyPair::Ed25519(key))
            }
            KeyType::P256 => p256::ecdsa::SigningKey::from_slice(raw)
                .map(KeyPair::P256)
                .map_err(|e| err(format!("invalid P-256 secret key: {e}"))),
            KeyType::P384 => p384::ecdsa::SigningKey::from_slice(raw)
                .map(KeyPair::P384)
                .map_err(|e| err(format!("invalid P-384 secret key: {e}"))),
            KeyType::P521 => p521::ecdsa::SigningKey::from_slice(raw)
                .map(KeyPair::P521)
                .map_err(|e| err(format!("invalid P-521 secret key: {e}"))),
            KeyType::Secp256k1 => k256::ecdsa::SigningKey::from_slice(raw)
                .map(KeyPair::Secp256k1)
                .map_err(|e| err(format!("invalid secp256k1 secret key: {e}"))),
        }
    }

    /// The secret key in Multikey form. Handle with care: it is the secret.
    pub fn to_secret_multikey(&self) -> zeroize::Zeroizing<String> {
        let mut bytes = zeroize::Zeroizing::new(self.key_type().secret_codec().to_vec());
        match self {
            KeyPair::Ed25519(k) => bytes.extend_from_slice(k.as_bytes()),
            KeyPair::P256(k) => bytes.extend_from_slice(&k.to_bytes()),
            KeyPair::P384(k) => bytes.extend_from_slice(&k.to_bytes()),
            KeyPair::P521(k) => bytes.extend_from_slice(&k.to_bytes()),
            KeyPair::Secp256k1(k) => bytes.extend_from_slice(&k.to_bytes()),
        }
        zeroize::Zeroizing::new(encode_multibase(&bytes))
    }

    /// Signs `message`: Ed25519 signs it as is; ECDSA (RFC 6979, deterministic, except P-521
    /// whose signatures are randomized) hashes it with
    /// SHA-256 (P-256, secp256k1), SHA-384 (P-384) or SHA-512 (P-521). Returns the raw
    /// signature (64, 96 or 132 bytes).
    pub fn sign(&self, message: &[u8]) -> Vec<u8> {
        use p256::ecdsa::signature::Signer as _;
        match self {
            KeyPair::Ed25519(k) => k.sign(message).to_bytes().to_vec(),
            KeyPair::P256(k) => {
                let s: p256::ecdsa::Signature = k.sign(message);
                s.to_bytes().to_vec()
            }
            KeyPair::P384(k) => {
                let s: p384::ecdsa::Signature = k.sign(message);
                s.to_bytes().to_vec()
            }
            KeyPair::P521(k) => {
                let s: p521::ecdsa::Signature = k.sign(message);
                s.to_bytes().to_vec()
            }
            KeyPair::Secp256k1(k) => {
                let s: k256::ecdsa::Signature = k.sign(message);
                s.to_bytes().to_vec()
            }
        }
    }
}

/// The multicodec prefix of a secret key type.
pub(crate) fn secret_codec(key_type: KeyType) -> [u8; 2] {
    key_type.secret_codec()
}

impl KeyPair {
    /// Reads a PKCS#8 private key in PEM form (`-----BEGIN PRIVATE KEY-----`), of any supported
    /// type.
    pub fn from_pkcs8_pem(pem: &str) -> Result<KeyPair, KeyError> {
        use ed25519_dalek::pkcs8::DecodePrivateKey;
        if let Ok(k) = ed25519_dalek::SigningKey::from_pkcs8_pem(pem) {
            return Ok(KeyPair::Ed25519(k));
        }
        if let Ok(k) = p256::ecdsa::SigningKey::from_pkcs8_pem(pem) {
            return Ok(KeyPair::P256(k));
        }
        if let Ok(k) = p384::ecdsa::SigningKey::from_pkcs8_pem(pem) {
            return Ok(KeyPair::P384(k));
        }
        if let Ok(k) = p521::SecretKey::from_pkcs8_pem(pem) {
            return p521::ecdsa::SigningKey::from_bytes(&k.to_bytes())
                .map(KeyPair::P521)
                .map_err(|e| err(format!("invalid P-521 secret key: {e}")));
        }
        if let Ok(k) = k256::ecdsa::SigningKey::from_pkcs8_pem(pem) {
            return Ok(KeyPair::Secp256k1(k));
        }
        Err(err(
            "not a PKCS#8 PEM private key of type Ed25519, P-256, P-384, P-521 or secp256k1",
        ))
    }

    /// The private key as PKCS#8 PEM. Handle with care: it is the secret.
    pub fn to_pkcs8_pem(&self) -> Result<zeroize::Zeroizing<String>, KeyError> {
        use ed25519_dalek::pkcs8::EncodePrivateKey;
        let line_ending = ed25519_dalek::pkcs8::spki::der::pem::LineEnding::LF;
        let pem = match self {
            // PKCS#8 v1 (RFC 8410, no public key inside): what OpenSSL 3.0 and most tools read.
            KeyPair::Ed25519(k) => ed25519_dalek::pkcs8::KeypairBytes {
                secret_key: k.to_bytes(),
                public_key: None,
            }
            .to_pkcs8_pem(line_ending),
            KeyPair::P256(k) => k.to_pkcs8_pem(line_ending),
            KeyPair::P384(k) => k.to_pkcs8_pem(line_ending),
            KeyPair::P521(k) => p521::SecretKey::from_bytes(&k.to_bytes())
                .map_err(|e| err(format!("invalid P-521 secret key: {e}")))?
                .to_pkcs8_pem(line_ending),
            KeyPair::Secp256k1(k) => k.to_pkcs8_pem(line_ending),
        }
        .map_err(|e| err(format!("cannot write PKCS#8: {e}")))?;
        Ok(zeroize::Zeroizing::new(pem.to_string()))
    }
}
