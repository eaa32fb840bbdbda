//! `edc keygen`, `edc did` and `edc sign`.

use crate::args::{KeyTypeArg, SuiteArg};
use crate::inspect::read_input;
use crate::Outcome;
use anyhow::{bail, Context, Result};
use edc_did::{did_key, KeyPair, KeyType, PublicKey};
use edc_model::Document;
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// Writes a file readable and writable by its owner only (mode 0600 on Unix), refusing to
/// overwrite an existing one.
pub(crate) fn write_private(path: &Path, contents: &str) -> Result<()> {
    edc_did::write_private_file(path, contents)
        .with_context(|| format!("cannot create {} (it must not exist yet)", path.display()))
}

/// Writes a key as Multikey JSON (with its did:key method), readable by its owner only.
pub(crate) fn write_key_file(path: &Path, key: &KeyPair) -> Result<()> {
    write_private(path, &key.to_key_file_text())
}

/// The Data Integrity suite `--suite` names, or the default for the key type
/// (eddsa-rdfc-2022 for Ed25519, ecdsa-rdfc-2019 otherwise).
pub(crate) fn data_integrity_suite(arg: Option<SuiteArg>, key: KeyType) -> Result<Cryptosuite> {
    Ok(match (arg, key) {
        (Some(SuiteArg::EddsaRdfc2022), _) => Cryptosuite::EddsaRdfc2022,
        (Some(SuiteArg::EcdsaRdfc2019), _) => Cryptosuite::EcdsaRdfc2019,
        (Some(SuiteArg::Ed25519Signature2020), _) => Cryptosuite::Ed25519Signature2020,
        (Some(SuiteArg::EddsaJcs2022), _) => Cryptosuite::EddsaJcs2022,
        (Some(SuiteArg::EcdsaJcs2019), _) => Cryptosuite::EcdsaJcs2019,
        (Some(SuiteArg::VcJose | SuiteArg::Jwt | SuiteArg::VcCose | SuiteArg::SdJwt), _) => {
            bail!("vc-jose, jwt, vc-cose and sd-jwt are envelopes, not Data Integrity suites")
        }
        (None, KeyType::Ed25519) => Cryptosuite::EddsaRdfc2022,
        (None, _) => Cryptosuite::EcdsaRdfc2019,
    })
}

/// Runs `keygen`.
pub fn keygen(args: &crate::args::KeygenArgs) -> Result<Outcome> {
    let (key_type, out, json_output, jwk) = (args.key_type, args.out.clone(), args.json, args.jwk);
    let (key_type, name) = match key_type {
        KeyTypeArg::Ed25519 => (KeyType::Ed25519, "ed25519"),
        KeyTypeArg::P256 => (KeyType::P256, "p256"),
        KeyTypeArg::P384 => (KeyType::P384, "p384"),
        KeyTypeArg::P521 => (KeyType::P521, "p521"),
        KeyTypeArg::Secp256k1 => (KeyType::Secp256k1, "secp256k1"),
    };
    let key = KeyPair::generate(key_type);
    let (did, method) = did_key(&key.public_key());
    let path = out.unwrap_or_else(|| PathBuf::from(format!("key-{name}.json")));
    if path.exists() {
        bail!(
            "{} exists; edc does not overwrite a key (choose another --out)",
            path.display()
        );
    }
    if jwk {
        write_private(&path, &key.to_private_jwk())?;
    } else {
        write_key_file(&path, &key)?;
    }
    if json_output {
        let report = json!({"file": path.display().to_string(), "did": did, "verificationMethod": method,
                            "publicKeyMultibase": key.public_key().to_multikey()});
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else {
        println!("wrote {} (secret key, mode 0600)", path.display());
        println!("did:                {did}");
        println!("verificationMethod: {method}");
    }
    Ok(Outcome::Ok)
}

/// Reads a key file: a Multikey JSON with `secretKeyMultibase` (as `keygen` writes), a private
/// JWK, or a PKCS#8 PEM private key.
pub(crate) fn read_key(path: &Path) -> Result<KeyPair> {
    let text = crate::secrets::read_secret_text(path)?;
    let text = crate::secrets::decrypt_key_pem(&text, path)?;
    KeyPair::from_key_text(&text).with_context(|| format!("{} is not a usable key", path.display()))
}

/// The DID document of a did:key (Multikey verification method).
fn did_document(public: &PublicKey) -> Value {
    let (did, method) = did_key(public);
    json!({
        "@context": ["https://www.w3.org/ns/did/v1", "https://w3id.org/security/multikey/v1"],
        "id": did,
        "verificationMethod": [{"id": method, "type": "Multikey", "controller": did,
                                "publicKeyMultibase": public.to_multikey()}],
        "authentication": [method], "assertionMethod": [method],
        "capabilityInvocation": [method], "capabilityDelegation": [method],
    })
}

/// Runs `did`.
pub fn did(args: &crate::args::DidArgs) -> Result<Outcome> {
    let (key_or_did, jwk) = (args.key_or_did.as_str(), args.jwk);
    let public = if key_or_did.starts_with("did:") {
        edc_did::resolve_verification_method(key_or_did)?
    } else {
        read_key(Path::new(key_or_did))?.public_key()
    };
    let value = if jwk {
        public.to_jwk()
    } else {
        did_document(&public)
    };
    crate::output::write_out(
        &mut std::io::stdout().lock(),
        &format!("{}\n", serde_json::to_string_pretty(&value)?),
    )
}

/// Runs `sign`.
pub fn sign(args: &crate::args::SignOpts) -> Result<Outcome> {
    let key = read_key(&args.key)?;
    let document = Document::from_slice(&read_input(&args.file)?)
        .with_context(|| crate::inspect::unreadable(&args.file))?;
    let (did, method) = did_key(&key.public_key());
    let mut json = document.json_ld();
    settle_issuer(&mut json, &did, args.set_issuer, &args.file)?;
    let document = Document::from_slice(serde_json::to_string(&json)?.as_bytes())
        .with_context(|| format!("{} with its issuer set", args.file.display()))?;
    match args.suite {
        Some(SuiteArg::VcJose) => {
            let token = edc_signer::sign_vc_jose(&document.json_ld(), &key, &method)
                .map_err(anyhow::Error::msg)?;
            return write_output_as(&args.out, &token, args.force, args.json);
        }
        Some(SuiteArg::Jwt) => {
            let token = edc_signer::sign_vc_jwt(&document.json_ld(), &key, &method)
                .map_err(anyhow::Error::msg)?;
            return write_output_as(&args.out, &token, args.force, args.json);
        }
        Some(SuiteArg::VcCose) => {
            use base64::Engine;
            let message = edc_signer::sign_vc_cose(&document.json_ld(), &key, &method)
                .map_err(anyhow::Error::msg)?;
            let text = base64::engine::general_purpose::STANDARD.encode(message);
            return write_output_as(&args.out, &text, args.force, args.json);
        }
        Some(SuiteArg::SdJwt) => {
            let token = edc_signer::sign_vc_sd_jwt(&document.json_ld(), &key, &method)
                .map_err(anyhow::Error::msg)?;
            return write_output_as(&args.out, &token, args.force, args.json);
        }
        _ => {}
    }
    let suite = data_integrity_suite(args.suite, key.key_type())?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let created = edc_model::DateTime::from_unix_seconds(i64::try_from(now)?).to_string();
    let mut options = ProofOptions::new(suite, method)
        .purpose(&args.purpose)
        .created(created);
    if let Some(c) = &args.challenge {
        options = options.challenge(c);
    }
    if let Some(d) = &args.domain {
        options = options.domain(d);
    }
    let signed = match DataIntegrity::default().sign(&document.json_ld(), &key, &options) {
        Ok(signed) => signed,
        Err(e) => bail!("{}: cannot sign: {e}", args.file.display()),
    };
    write_output_as(
        &args.out,
        &serde_json::to_string_pretty(&signed)?,
        args.force,
        args.json,
    )
}

/// Writes to the named file, or standard output.
/// Writes a signed or sealed result to `out` (never over an existing file unless `force`), or
/// to standard output.
fn write_output(out: &Option<PathBuf>, text: &str, force: bool) -> Result<Outcome> {
    write_output_as(out, text, force, false)
}

/// [`write_output`]; with `json`, a report `{written, document}` on standard output (the
/// document as JSON, or a token as a string).
fn write_output_as(out: &Option<PathBuf>, text: &str, force: bool, json: bool) -> Result<Outcome> {
    if json {
        if let Some(path) = out {
            write_output_as(&Some(path.clone()), text, force, false)?;
        }
        let document =
            serde_json::from_str::<Value>(text).unwrap_or_else(|_| Value::String(text.to_string()));
        let report = json!({
            "written": out.as_ref().map(|p| p.display().to_string()),
            "document": if out.is_some() { Value::Null } else { document },
        });
        return crate::output::write_out(
            &mut std::io::stdout().lock(),
            &format!("{}\n", serde_json::to_string_pretty(&report)?),
        );
    }
    match out {
        Some(path) => {
            if path.exists() && !force {
                bail!(
                    "{} exists; edc does not overwrite it (give another --out, or --force)",
                    path.display()
                );
            }
            std::fs::write(path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(Outcome::Ok)
        }
        None => crate::output::write_out(&mut std::io::stdout().lock(), &format!("{text}\n")),
    }
}

/// The issuer a signature with `did` makes sense for: `--set-issuer` makes it the DID; a missing
/// issuer, or one that names another party, is refused with the fix.
fn settle_issuer(
    document: &mut serde_json::Value,
    did: &str,
    set: bool,
    file: &Path,
) -> Result<()> {
    use serde_json::Value;
    let types = &document["type"];
    let presentation = types == "VerifiablePresentation"
        || types
            .as_array()
            .is_some_and(|t| t.iter().any(|x| x == "VerifiablePresentation"));
    if presentation {
        return Ok(());
    }
    let current = match document.get("issuer") {
        Some(Value::String(id)) => Some(id.clone()),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    if set {
        match document.get_mut("issuer") {
            Some(Value::Object(o)) => {
                o.insert("id".into(), Value::String(did.to_string()));
            }
            _ => document["issuer"] = Value::String(did.to_string()),
        }
        return Ok(());
    }
    match current {
        None => bail!(
            "{} has no issuer: a signature by {did} would name nobody a verifier can check it against; give --set-issuer to issue it as {did}",
            file.display()
        ),
        Some(id) if id != did => bail!(
            "{}'s issuer is {id}, not the key's DID {did}: no verifier would accept the signature as the issuer's; give --set-issuer to issue it as {did}, or sign with the issuer's key",
            file.display()
        ),
        Some(_) => Ok(()),
    }
}

/// Where the seal's key and certificate chain come from.
pub struct SealKey {
    /// PKCS#8 PEM key.
    pub key: Option<PathBuf>,
    /// PEM chain.
    pub cert: Option<PathBuf>,
    /// PKCS#12 key store.
    pub p12: Option<PathBuf>,
    /// File holding the PKCS#12 password.
    pub password_file: Option<PathBuf>,
    /// Environment variable holding the PKCS#12 password.
    pub password_env: Option<String>,
}

const PASSWORD_VARIABLE: &str = "EDC_P12_PASSWORD";

impl SealKey {
    fn password(&self) -> Result<String> {
        if let Some(file) = &self.password_file {
            let text = crate::secrets::read_secret_text(file)
                .with_context(|| format!("the password file {}", file.display()))?;
            return Ok(text.lines().next().unwrap_or("").to_string());
        }
        let variable = self.password_env.as_deref().unwrap_or(PASSWORD_VARIABLE);
        std::env::var(variable).with_context(|| {
            format!(
                "the PKCS#12 password is not set: put it in ${variable}, or name a file with \
                 --password-file"
            )
        })
    }

    pub(crate) fn load(&self) -> Result<(edc_seal::SealingKey, Vec<Vec<u8>>)> {
        use edc_seal::SealingKey;
        if let Some(p12) = &self.p12 {
            let der = crate::secrets::read_secret(p12)?;
            return SealingKey::from_pkcs12(&der, &self.password()?)
                .map_err(anyhow::Error::msg)
                .with_context(|| format!("{}", p12.display()));
        }
        let (Some(key), Some(cert)) = (&self.key, &self.cert) else {
            bail!("give --key and --cert, or --p12");
        };
        let key_text = crate::secrets::read_secret_text(key)?;
        let key_text = crate::secrets::decrypt_key_pem(&key_text, key)?;
        let key_path = key;
        let key = SealingKey::from_pkcs8_pem(&key_text).map_err(anyhow::Error::msg)?;
        let chain_text = std::fs::read_to_string(cert)
            .with_context(|| format!("cannot read {}", cert.display()))?;
        let chain = edc_seal::pem_chain(&chain_text).map_err(anyhow::Error::msg)?;
        if !chain.first().is_some_and(|c| key.matches_certificate(c)) {
            bail!(
                "the private key {} does not belong to the certificate {} (its first certificate certifies another key): a seal made with it could not be verified; give the key the certificate was issued for",
                key_path.display(),
                cert.display()
            );
        }
        Ok((key, chain))
    }
}

/// Runs `seal`.
pub fn seal(args: &crate::args::SealArgs) -> Result<Outcome> {
    let (file, out) = (&args.file, &args.out);
    let source = SealKey {
        key: args.key.clone(),
        cert: args.cert.clone(),
        p12: args.p12.clone(),
        password_file: args.password_file.clone(),
        password_env: args.password_env.clone(),
    };
    use crate::args::SealAlgArg;
    use edc_seal::{SealAlgorithm, SealOptions};
    let document = Document::from_slice(&read_input(file)?)
        .with_context(|| crate::inspect::unreadable(file))?;
    let (key, chain) = source.load()?;
    let algorithm = match args.alg {
        None => key.default_algorithm(),
        Some(SealAlgArg::Rs256) => SealAlgorithm::Rs256,
        Some(SealAlgArg::Ps256) => SealAlgorithm::Ps256,
        Some(SealAlgArg::Es256) => SealAlgorithm::Es256,
        Some(SealAlgArg::Es384) => SealAlgorithm::Es384,
        Some(SealAlgArg::Es512) => SealAlgorithm::Es512,
    };
    let now = i64::try_from(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)?
            .as_secs(),
    )?;
    let options = SealOptions {
        algorithm,
        now,
        fill_issuer: !args.no_fill_issuer,
    };
    let mut sealed =
        edc_seal::seal(&document.json_ld(), &key, &chain, options).map_err(anyhow::Error::msg)?;
    if let Some(how) = args.stamp.time_stamping()? {
        edc_seal::LongTerm::new(&mut sealed).time_stamp(&chain, &how)?;
    }
    write_output_as(
        out,
        &serde_json::to_string_pretty(&sealed)?,
        args.force,
        args.json,
    )
}

impl crate::args::TimeStampOpts {
    /// The time-stamping the options ask for, if any.
    pub(crate) fn time_stamping(&self) -> Result<Option<edc_seal::TimeStamping>> {
        let Some(url) = &self.tsa else {
            return Ok(None);
        };
        let mut policy = edc_context::NetworkPolicy::new().allow_plain_http();
        if self.tsa_allow_local {
            policy = policy.dangerous().allow_local_addresses();
        }
        let read_all = |files: &[PathBuf]| -> Result<Vec<Vec<u8>>> {
            files
                .iter()
                .map(|f| std::fs::read(f).with_context(|| format!("cannot read {}", f.display())))
                .collect()
        };
        let lta = if self.lta {
            Some(edc_seal::RevocationData {
                crls: read_all(&self.crl)?,
                ocsp_responses: read_all(&self.ocsp)?,
                fetch: self.fetch_revocation,
            })
        } else {
            None
        };
        Ok(Some(edc_seal::TimeStamping {
            url: url.clone(),
            fetcher: edc_context::HttpFetcher::shared(policy),
            lta,
        }))
    }
}

/// Runs `present`: a presentation of `credentials` held by the key's DID, proved with it.
pub fn present(args: &crate::args::PresentArgs) -> Result<Outcome> {
    let (credentials, key, out, force) = (&args.credentials, &args.key, &args.out, args.force);
    let (challenge, domain) = (args.challenge.as_deref(), args.domain.as_deref());
    const V1: &str = "https://www.w3.org/2018/credentials/v1";
    const V2: &str = "https://www.w3.org/ns/credentials/v2";
    let key = read_key(key)?;
    let (did, method) = did_key(&key.public_key());
    let mut embedded = Vec::new();
    let mut all_v1 = true;
    for path in credentials {
        let text = String::from_utf8(read_input(path)?)
            .map_err(|_| anyhow::anyhow!("{} is not UTF-8 text", path.display()))?;
        let trimmed = text.trim();
        if trimmed.starts_with('{') {
            let value: Value = serde_json::from_str(trimmed)
                .with_context(|| format!("{} is not JSON", path.display()))?;
            let first_context = match &value["@context"] {
                Value::Array(items) => items.first().cloned().unwrap_or(Value::Null),
                other => other.clone(),
            };
            all_v1 &= first_context == V1;
            embedded.push(value);
        } else {
            // A JWT (VC-JOSE or VC-JWT): enveloped as VC 2.0 says.
            all_v1 = false;
            embedded.push(json!({
                "@context": V2,
                "id": format!("data:application/vc+jwt,{trimmed}"),
                "type": "EnvelopedVerifiableCredential",
            }));
        }
    }
    let presentation = json!({
        "@context": [if all_v1 { V1 } else { V2 }],
        "type": ["VerifiablePresentation"],
        "holder": did,
        "verifiableCredential": embedded,
    });
    let suite = data_integrity_suite(None, key.key_type())?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs();
    let created = edc_model::DateTime::from_unix_seconds(i64::try_from(now)?).to_string();
    let mut options = ProofOptions::new(suite, method)
        .purpose("authentication")
        .created(created);
    if let Some(c) = challenge {
        options = options.challenge(c);
    }
    if let Some(d) = domain {
        options = options.domain(d);
    }
    let signed = DataIntegrity::default()
        .sign(&presentation, &key, &options)
        .map_err(|e| anyhow::anyhow!("cannot prove the presentation: {e}"))?;
    write_output(out, &serde_json::to_string_pretty(&signed)?, force)
}
