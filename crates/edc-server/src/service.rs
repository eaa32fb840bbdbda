//! The service's state, built once at start and shared by every request: the issuers, the
//! status store and its published lists, one verifier (which reads this server's own lists
//! straight from the store), the API keys, the eSeal and the metrics.

use crate::auth::Keys;
use crate::config::Config;
use crate::issuers::Issuers;
use crate::metrics::Metrics;
use crate::status::{open_store, ListCredentials, StatusStore};
use crate::{ServeError, ServeErrorKind};
use edc_context::{FetchError, FetchErrorKind, SharedFetcher};
use edc_signer::DataIntegrity;
use edc_verifier::{StatusLists, Verifier};
use std::net::SocketAddr;
use std::sync::Arc;

/// What publishes lists: the store, the issuers who sign them, and the signed copies.
pub struct Publisher {
    /// The status store.
    pub store: Arc<dyn StatusStore>,
    /// The issuers.
    pub issuers: Issuers,
    /// The published lists.
    pub lists: ListCredentials,
    /// Data Integrity with the bundled contexts (issuing, signing lists).
    pub integrity: DataIntegrity,
}

impl Publisher {
    /// The issuers, store and lists `config` names, with lists published under `public_url`
    /// (`edc status` uses this without a server). The second value says whether issuer keys
    /// were generated now.
    pub fn open(config: &Config, public_url: &str) -> Result<(Publisher, bool), ServeError> {
        let data_dir = config.data_dir();
        std::fs::create_dir_all(&data_dir).map_err(|e| {
            ServeError::new(
                ServeErrorKind::Config,
                format!(
                    "cannot create the data directory {}: {e}",
                    data_dir.display()
                ),
            )
        })?;
        let (issuers, generated) = Issuers::load(&config.issuer_keys, &data_dir)?;
        let store = open_store(config.database.as_deref(), &data_dir)
            .map_err(|e| ServeError::new(ServeErrorKind::Database, e.to_string()))?;
        let publisher = Publisher {
            store,
            issuers,
            lists: ListCredentials::new(
                public_url,
                config.status.ttl_seconds,
                config.status.valid_for_seconds,
            ),
            integrity: DataIntegrity::default(),
        };
        Ok((publisher, generated))
    }

    /// The body of one of this server's list URLs, as a fetch would get it.
    fn fetch_own(&self, url: &str) -> Option<Result<Vec<u8>, FetchError>> {
        let (list, form) = self.lists.parse_entry_url(url)?;
        Some(
            self.lists
                .publish(&*self.store, &self.issuers, &self.integrity, list, form)
                .map(|p| p.body.into_bytes())
                .map_err(|e| FetchError::new(FetchErrorKind::Status(404), format!("{url}: {e}"))),
        )
    }
}

/// The eSeal the server seals Europass credentials with.
pub struct Seal {
    /// The key.
    pub key: edc_seal::SealingKey,
    /// Its certificate chain (DER), the seal's certificate first.
    pub chain: Vec<Vec<u8>>,
}

/// Everything a request may use.
pub struct Service {
    /// The configuration.
    pub config: Config,
    /// The URL clients reach the server at.
    pub public_url: String,
    /// Issuers, store and lists.
    pub publisher: Arc<Publisher>,
    /// The verifier.
    pub verifier: Verifier,
    /// API keys.
    pub keys: Keys,
    /// Metrics.
    pub metrics: Metrics,
    /// The eSeal, when configured.
    pub seal: Option<Seal>,
    /// True when the issuer keys were generated at this start.
    pub generated_keys: bool,
    /// Permits for blocking work (verification, signing, the database).
    pub(crate) work: Arc<tokio::sync::Semaphore>,
}

impl Service {
    /// The service for `config`, reachable at `bound` (the address the listener got).
    pub fn new(config: Config, bound: SocketAddr) -> Result<Service, ServeError> {
        config.check()?;
        let public_url = config.public_url(bound);
        let (publisher, generated_keys) = Publisher::open(&config, &public_url)?;
        let publisher = Arc::new(publisher);
        let verifier = build_verifier(&config, &publisher)
            .map_err(crate::error::as_kind(ServeErrorKind::Config))?;
        let keys = Keys::load(&config.auth, bound.ip().is_loopback())?;
        let seal = config.seal.as_ref().map(load_seal).transpose()?;
        let work = Arc::new(tokio::sync::Semaphore::new(
            config.limits.max_concurrent_requests,
        ));
        Ok(Service {
            config,
            public_url,
            publisher,
            verifier,
            keys,
            metrics: Metrics::default(),
            work,
            seal,
            generated_keys,
        })
    }
}

/// The verifier: this server's lists from the store, anything else over https only when the
/// configuration allows the network.
fn build_verifier(config: &Config, publisher: &Arc<Publisher>) -> Result<Verifier, String> {
    let network = config
        .verify
        .network
        .then(|| edc_context::HttpFetcher::shared(edc_context::NetworkPolicy::new()));
    let own = Arc::clone(publisher);
    let outside = network.clone();
    let fetcher: SharedFetcher = edc_context::get_only(move |url| {
        if let Some(found) = own.fetch_own(url) {
            return found;
        }
        match &outside {
            Some(f) => f.get(url, "application/vc+ld+json, application/ld+json, application/json"),
            None => Err(FetchError::new(
                FetchErrorKind::Refused,
                format!("{url}: the server is offline (verify.network = false) and this is not one of its own lists"),
            )),
        }
    });
    let mut builder = Verifier::builder()
        .status_lists(StatusLists::new().with_fetcher(fetcher))
        .trusted_dids(config.verify.trusted_dids.iter().cloned());
    if let Some(dir) = &config.verify.shapes_dir {
        builder = builder.shapes_dir(dir);
    }
    if let Some(fetcher) = network {
        builder = builder
            .loader(edc_context::DocumentLoader::new().with_fetcher(fetcher.clone()))
            .resolver(edc_did::Resolver::new().with_fetcher(fetcher));
    }
    if !config.verify.trust_anchors.is_empty() {
        let mut store = edc_seal::TrustStore::new();
        for path in &config.verify.trust_anchors {
            let bytes = std::fs::read(path)
                .map_err(|e| format!("cannot read the trust anchor {}: {e}", path.display()))?;
            let added = match std::str::from_utf8(&bytes) {
                Ok(text) if text.contains("-----BEGIN") => store.add_pem(text),
                _ => store.add_der(&bytes),
            };
            added.map_err(|e| format!("{}: {e}", path.display()))?;
        }
        builder = builder.trust_store(store);
    }
    Ok(builder.build())
}

/// Reads the eSeal's key store (its password from the file or variable the configuration names).
pub fn load_seal(config: &crate::config::SealConfig) -> Result<Seal, ServeError> {
    load_seal_text(config).map_err(crate::error::as_kind(ServeErrorKind::Seal))
}

fn load_seal_text(config: &crate::config::SealConfig) -> Result<Seal, String> {
    let variable = config.password_env.as_deref().unwrap_or("EDC_P12_PASSWORD");
    let password = match &config.password_file {
        Some(path) => std::fs::read_to_string(path)
            .map(|t| t.trim_end_matches(['\r', '\n']).to_string())
            .map_err(|e| format!("cannot read the seal password file {}: {e}", path.display()))?,
        None => std::env::var(variable)
            .map_err(|_| format!("the seal's password: set {variable}, or seal.password_file"))?,
    };
    let password = zeroize::Zeroizing::new(password);
    let der = std::fs::read(&config.p12).map_err(|e| {
        format!(
            "cannot read the seal key store {}: {e}",
            config.p12.display()
        )
    })?;
    let (key, chain) = edc_seal::SealingKey::from_pkcs12(&der, &password)
        .map_err(|e| format!("{}: {e}", config.p12.display()))?;
    Ok(Seal { key, chain })
}
