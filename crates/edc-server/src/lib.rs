//! `edc serve`: an HTTP service that issues, verifies, seals and revokes credentials.
//!
//! - W3C VC-API: `POST /credentials/issue` (Data Integrity `eddsa-rdfc-2022`, `eddsa-jcs-2022`,
//!   `ecdsa-rdfc-2019`, `ecdsa-jcs-2019`, or VC-JOSE as an `EnvelopedVerifiableCredential`),
//!   `POST /credentials/verify`, `POST /presentations/verify`, `POST /credentials/status`,
//!   `GET /status-lists/{id}`.
//! - Europass: `POST /europass/verify` (the full report with stable codes),
//!   `POST /europass/validate`, `POST /europass/seal`.
//! - Operations: `/healthz`, `/readyz`, `/metrics` (Prometheus), `/openapi.json`.
//!
//! Issuer-side status lists ([`status`]) live in SQLite (one file under the data directory) or
//! PostgreSQL (shared by several servers). The library starts no runtime of its own: the
//! caller runs [`Server::run`] on its tokio runtime; CPU-bound work (verification, signing) and
//! database calls run on that runtime's blocking pool.

pub mod auth;
pub mod clock;
pub mod config;
pub mod error;
pub mod issuers;
pub mod metrics;
pub mod openapi;
pub mod problem;
mod routes;
pub mod service;
pub mod status;

pub use config::Config;
pub use error::{ServeError, ServeErrorKind};
pub use routes::ROUTES;
pub use service::Service;

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

/// A server bound to its address, ready to run.
pub struct Server {
    listener: tokio::net::TcpListener,
    service: Arc<Service>,
}

impl Server {
    /// Binds `config.listen` and builds the service (keys, database, verifier).
    pub async fn bind(config: Config) -> Result<Server, ServeError> {
        let listen = error::as_kind(ServeErrorKind::Listen);
        let listener = tokio::net::TcpListener::bind(config.listen)
            .await
            .map_err(|e| listen(format!("cannot listen on {}: {e}", config.listen)))?;
        let bound = listener
            .local_addr()
            .map_err(|e| listen(format!("cannot read the bound address: {e}")))?;
        let service = tokio::task::spawn_blocking(move || Service::new(config, bound))
            .await
            .map_err(|e| listen(format!("cannot start: {e}")))??;
        Ok(Server {
            listener,
            service: Arc::new(service),
        })
    }

    /// The address it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// The service (issuers, store, public URL).
    pub fn service(&self) -> &Arc<Service> {
        &self.service
    }

    /// Serves until `shutdown` completes, then finishes the requests under way.
    pub async fn run(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServeError> {
        let app = routes::router(self.service);
        axum::serve(self.listener, app)
            .with_graceful_shutdown(shutdown)
            .await
            .map_err(|e| {
                ServeError::new(ServeErrorKind::Listen, format!("the server stopped: {e}"))
            })
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
    }
}
