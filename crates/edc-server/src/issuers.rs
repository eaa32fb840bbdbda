//! The service's issuers: one did:key per configured key (Ed25519 for the eddsa suites, P-256
//! or P-384 for the ecdsa ones), read from key files or generated once under the data
//! directory (mode 0600) and kept.

use edc_did::{did_key, KeyPair, KeyType};
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions, SignError};
use serde_json::Value;
use std::path::{Path, PathBuf};

/// One issuer: a key and the did:key it makes.
pub struct Issuer {
    /// The DID (`did:key:z…`).
    pub did: String,
    /// The verification method (`did:key:z…#z…`).
    pub method: String,
    key: KeyPair,
}

impl std::fmt::Debug for Issuer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Issuer({})", self.did)
    }
}

impl Issuer {
    /// The issuer of `key`.
    pub fn new(key: KeyPair) -> Issuer {
        let (did, method) = did_key(&key.public_key());
        Issuer { did, method, key }
    }

    /// A copy of the key, for a converter that signs many rows with it.
    pub(crate) fn key_copy(&self) -> KeyPair {
        KeyPair::from_key_text(&self.key.to_key_file_text())
            .expect("a key reads back from its own key file")
    }

    /// The key's type.
    pub fn key_type(&self) -> KeyType {
        self.key.key_type()
    }

    /// The Data Integrity suites this key can make, the first the default.
    pub fn suites(&self) -> &'static [Cryptosuite] {
        match self.key.key_type() {
            KeyType::Ed25519 => &[Cryptosuite::EddsaRdfc2022, Cryptosuite::EddsaJcs2022],
            KeyType::P256 | KeyType::P384 => {
                &[Cryptosuite::EcdsaRdfc2019, Cryptosuite::EcdsaJcs2019]
            }
            _ => &[],
        }
    }

    /// `document` with a Data Integrity proof of `suite` (`created` now).
    pub fn prove(
        &self,
        integrity: &DataIntegrity,
        document: &Value,
        suite: Cryptosuite,
        purpose: &str,
    ) -> Result<Value, SignError> {
        let options = ProofOptions::new(suite, self.method.clone())
            .purpose(purpose)
            .created(crate::clock::now_text());
        integrity.sign(document, &self.key, &options)
    }

    /// `document` as a VC-JOSE compact JWS.
    pub fn jose(&self, document: &Value) -> Result<String, SignError> {
        edc_signer::sign_vc_jose(document, &self.key, &self.method)
    }

    /// A compact JWS of `claims` with `typ` (for a Token Status List).
    pub fn jws(&self, typ: &str, claims: &Value) -> String {
        use base64::engine::general_purpose::URL_SAFE_NO_PAD;
        use base64::Engine;
        let header = serde_json::json!({
            "alg": self.key.key_type().jose_algorithm(),
            "kid": self.method,
            "typ": typ,
        });
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let signature = self.key.sign(input.as_bytes());
        format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature))
    }
}

/// The issuers a service signs as.
#[derive(Debug, Default)]
pub struct Issuers {
    all: Vec<Issuer>,
}

/// The key types generated when none is configured: Ed25519 first (the default issuer), then
/// P-256.
pub const GENERATED_KEY_TYPES: [KeyType; 2] = [KeyType::Ed25519, KeyType::P256];

impl Issuers {
    /// Issuers of these keys.
    pub fn new(keys: impl IntoIterator<Item = KeyPair>) -> Issuers {
        Issuers {
            all: keys.into_iter().map(Issuer::new).collect(),
        }
    }

    /// The keys in `files` (secret multikey, JWK or PKCS#8 PEM), or, when there are none, the
    /// keys kept under `data_dir/keys/` (generated there the first time). The second value
    /// says whether keys were generated now.
    pub fn load(files: &[PathBuf], data_dir: &Path) -> Result<(Issuers, bool), crate::ServeError> {
        Self::load_text(files, data_dir).map_err(crate::error::as_kind(crate::ServeErrorKind::Keys))
    }

    fn load_text(files: &[PathBuf], data_dir: &Path) -> Result<(Issuers, bool), String> {
        if !files.is_empty() {
            let keys = files
                .iter()
                .map(|f| read_key(f))
                .collect::<Result<Vec<_>, _>>()?;
            return Ok((Issuers::new(keys), false));
        }
        let dir = data_dir.join("keys");
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mut generated = false;
        let mut keys = Vec::new();
        for key_type in GENERATED_KEY_TYPES {
            let path = dir.join(format!("{}.json", key_type.jwk_curve().to_lowercase()));
            if path.exists() {
                keys.push(read_key(&path)?);
            } else {
                let key = KeyPair::generate(key_type);
                write_secret(&path, &key.to_key_file_text())?;
                keys.push(key);
                generated = true;
            }
        }
        Ok((Issuers::new(keys), generated))
    }

    /// The issuer whose DID is `did`.
    pub fn find(&self, did: &str) -> Option<&Issuer> {
        self.all.iter().find(|i| i.did == did)
    }

    /// The issuer that makes `suite` (the first configured).
    pub fn for_suite(&self, suite: Cryptosuite) -> Option<&Issuer> {
        self.all.iter().find(|i| i.suites().contains(&suite))
    }

    /// The default issuer (the first).
    pub fn first(&self) -> Option<&Issuer> {
        self.all.first()
    }

    /// All of them.
    pub fn all(&self) -> &[Issuer] {
        &self.all
    }
}

fn read_key(path: &Path) -> Result<KeyPair, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the key {}: {e}", path.display()))?;
    let text = zeroize::Zeroizing::new(text);
    KeyPair::from_key_text(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn write_secret(path: &Path, text: &str) -> Result<(), String> {
    edc_did::write_private_file(path, &format!("{text}\n"))
        .map_err(|e| format!("cannot write the key {}: {e}", path.display()))
}
