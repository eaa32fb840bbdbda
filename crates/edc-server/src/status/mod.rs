//! Issuer-side status lists: where a credential's status index comes from, how it is revoked,
//! suspended or reinstated, and the signed list credentials verifiers fetch.
//!
//! A *list* is a range of indices (`size` of them) belonging to one issuer. Each credential
//! issued with status gets one index, chosen at random among the list's free ones and never
//! given again; the same index stands in two bitstrings, one per purpose (`revocation`,
//! `suspension`). Revocation is permanent; suspension is lifted by reinstating. Every change is
//! an event in the database (who, when, what). The store is SQLite (embedded, one file) or
//! PostgreSQL (shared by several servers); both allocate in one transaction, so an index is
//! acknowledged only once it is written.

mod bits;
mod list_credential;
mod postgres;
mod sqlite;
mod store;

pub use bits::{encode_bitstring, encode_token_list, Purpose};
pub use list_credential::{
    ListCredentials, ListForm, PublishError, Published, DEFAULT_TTL_SECONDS,
    DEFAULT_VALID_FOR_SECONDS,
};
pub use store::{
    Allocation, Change, EntryState, Event, ListState, StatusStore, StoreError, StoreErrorKind,
    DEFAULT_LIST_SIZE, MIN_BITSTRING_ENTRIES,
};

use std::path::Path;
use std::sync::Arc;

/// Opens the store: PostgreSQL when `database` is a `postgres://` or `postgresql://` URL,
/// else the SQLite file `data_dir/status.sqlite3` (created with its schema).
pub fn open_store(
    database: Option<&str>,
    data_dir: &Path,
) -> Result<Arc<dyn StatusStore>, StoreError> {
    match database {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Ok(Arc::new(postgres::PostgresStore::connect(url)?))
        }
        Some(path) => Ok(Arc::new(sqlite::SqliteStore::open(Path::new(
            path.strip_prefix("sqlite://").unwrap_or(path),
        ))?)),
        None => Ok(Arc::new(sqlite::SqliteStore::open(
            &data_dir.join("status.sqlite3"),
        )?)),
    }
}
