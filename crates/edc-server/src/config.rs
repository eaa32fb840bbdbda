//! The service's configuration: an `edc.toml` (every setting has a default) and the command
//! line's overrides.

use serde::Deserialize;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// Everything `edc serve` is told.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Where to listen (default `127.0.0.1:8080`: loopback only).
    pub listen: SocketAddr,
    /// The URL clients reach the server at, used in status list URLs (default
    /// `http://{listen}`).
    pub public_url: Option<String>,
    /// The data directory: the SQLite database and generated keys (default: the user's data
    /// directory, `edc/serve`).
    pub data_dir: Option<PathBuf>,
    /// A `postgres://` URL to keep status lists in PostgreSQL instead of SQLite.
    pub database: Option<String>,
    /// Issuer keys (secret multikey, JWK or PKCS#8 PEM files); none: generated under the data
    /// directory.
    pub issuer_keys: Vec<PathBuf>,
    /// Status lists.
    pub status: StatusConfig,
    /// Verification.
    pub verify: VerifyConfig,
    /// Limits.
    pub limits: Limits,
    /// Who may issue, seal and change status.
    pub auth: AuthConfig,
    /// The Europass eSeal, when the server seals.
    pub seal: Option<SealConfig>,
    /// Mappings `POST /europass/convert` may use, by name (`name = "path/mapping.toml"`).
    pub convert: std::collections::BTreeMap<String, PathBuf>,
}

/// Status list settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StatusConfig {
    /// Indices per list (default 131,072; a smaller list says more about whom a fetch
    /// concerns).
    pub list_size: u32,
    /// Seconds a verifier may use a list before asking again (default 300).
    pub ttl_seconds: u64,
    /// Seconds a signed list is valid (default a day).
    pub valid_for_seconds: u64,
    /// Give every VCDM 2.0 credential issued status entries unless the request says
    /// `"credentialStatus": false` (default true).
    pub by_default: bool,
}

/// How verification answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct VerifyConfig {
    /// The HTTP status of a failed verification: 400 (VC-API; default) or 200 (VCALM: 200
    /// with `verified: false`).
    pub failure_status: u16,
    /// The folder of the EU's SHACL profiles (else the built-in essentials).
    pub shapes_dir: Option<PathBuf>,
    /// X.509 trust anchors (PEM or DER files) for Europass seals.
    pub trust_anchors: Vec<PathBuf>,
    /// DIDs trusted as issuers.
    pub trusted_dids: Vec<String>,
    /// Fetch what is missing (contexts, DID documents, status lists) over https (default
    /// false: offline, but for this server's own lists).
    pub network: bool,
}

/// Request limits.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Limits {
    /// The largest request body, bytes (default 16 MiB; larger: 413).
    pub max_body_bytes: usize,
    /// The longest a request may take, seconds (default 30; fractions allowed; longer: 408).
    pub request_timeout_seconds: f64,
    /// Requests doing work (verifying, signing, the database) at once (default 256); more: 503
    /// at once, after their body was read.
    pub max_concurrent_requests: usize,
}

/// API keys for the endpoints that issue, seal and change status (verification stays open).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AuthConfig {
    /// Files each holding one token (a line); the file name is the token's name in logs and
    /// status events.
    pub token_files: Vec<PathBuf>,
    /// Environment variables each holding one token; the variable's name is its name.
    pub token_env: Vec<String>,
    /// Allow issuing without a token when none is configured (default true only on a
    /// loopback address).
    pub open_when_unconfigured: Option<bool>,
}

/// The Europass eSeal.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SealConfig {
    /// The PKCS#12 key store.
    pub p12: PathBuf,
    /// A file holding its password.
    pub password_file: Option<PathBuf>,
    /// An environment variable holding its password (default `EDC_P12_PASSWORD`).
    pub password_env: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            public_url: None,
            data_dir: None,
            database: None,
            issuer_keys: Vec::new(),
            status: StatusConfig::default(),
            verify: VerifyConfig::default(),
            limits: Limits::default(),
            auth: AuthConfig::default(),
            seal: None,
            convert: Default::default(),
        }
    }
}

impl Default for StatusConfig {
    fn default() -> Self {
        StatusConfig {
            list_size: crate::status::DEFAULT_LIST_SIZE,
            ttl_seconds: crate::status::DEFAULT_TTL_SECONDS,
            valid_for_seconds: crate::status::DEFAULT_VALID_FOR_SECONDS,
            by_default: true,
        }
    }
}

impl Default for VerifyConfig {
    fn default() -> Self {
        VerifyConfig {
            failure_status: 400,
            shapes_dir: None,
            trust_anchors: Vec::new(),
            trusted_dids: Vec::new(),
            network: false,
        }
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 16 << 20,
            request_timeout_seconds: 30.0,
            max_concurrent_requests: 256,
        }
    }
}

impl Config {
    /// Reads `path` (TOML); a missing setting takes its default, an unknown one is an error
    /// naming it.
    pub fn read(path: &Path) -> Result<Config, crate::ServeError> {
        Self::read_text(path).map_err(crate::error::as_kind(crate::ServeErrorKind::Config))
    }

    fn read_text(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let config: Config =
            toml::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
        config
            .check_text()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        Ok(config)
    }

    /// Refuses settings that cannot work.
    pub fn check(&self) -> Result<(), crate::ServeError> {
        self.check_text()
            .map_err(crate::error::as_kind(crate::ServeErrorKind::Config))
    }

    fn check_text(&self) -> Result<(), String> {
        if self.status.list_size == 0 {
            return Err("status.list_size must be at least 1".into());
        }
        if ![200, 400, 422].contains(&self.verify.failure_status) {
            return Err(format!(
                "verify.failure_status is {}: give 400 (VC-API), 422 or 200 (VCALM)",
                self.verify.failure_status
            ));
        }
        if !(self.limits.request_timeout_seconds > 0.0 && self.limits.request_timeout_seconds < 1e9)
        {
            return Err(format!(
                "limits.request_timeout_seconds is {}: give a number of seconds above zero",
                self.limits.request_timeout_seconds
            ));
        }
        if self.limits.max_concurrent_requests == 0 || self.limits.max_body_bytes == 0 {
            return Err("limits must be above zero".into());
        }
        Ok(())
    }

    /// The public URL: the configured one, or `http://{listen}`.
    pub fn public_url(&self, bound: SocketAddr) -> String {
        self.public_url
            .clone()
            .unwrap_or_else(|| format!("http://{bound}"))
            .trim_end_matches('/')
            .to_string()
    }

    /// The data directory: the configured one, or the user's data directory's `edc/serve`
    /// (`$XDG_DATA_HOME`, `~/.local/share`), or `./edc-data`.
    pub fn data_dir(&self) -> PathBuf {
        if let Some(dir) = &self.data_dir {
            return dir.clone();
        }
        std::env::var_os("XDG_DATA_HOME")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
            .map(|d| d.join("edc").join("serve"))
            .unwrap_or_else(|| PathBuf::from("edc-data"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_setting_is_named() {
        let err = toml::from_str::<Config>("listen = \"127.0.0.1:1\"\nlisten_port = 3\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("listen_port"), "{err}");
    }

    #[test]
    fn defaults_listen_on_loopback() {
        let config: Config = toml::from_str("").unwrap();
        assert!(config.listen.ip().is_loopback());
        assert_eq!(config.verify.failure_status, 400);
        assert_eq!(config.status.list_size, 131_072);
    }
}

#[cfg(test)]
mod example {
    #[test]
    fn the_example_configuration_reads() {
        let path =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/serve/edc.toml");
        let config = super::Config::read(&path).unwrap();
        assert_eq!(config.status.list_size, 131_072);
        assert_eq!(config.limits.max_concurrent_requests, 256);
    }
}
