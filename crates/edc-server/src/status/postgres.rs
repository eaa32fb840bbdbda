//! The shared store: PostgreSQL, for several servers behind one load balancer. An
//! allocation holds a transaction-scoped advisory lock on its issuer, so two servers never
//! open two lists at once or pick the same index (the primary key would refuse it anyway).

use super::store::{
    apply, check_size, db_error, new_list_id, now_text, pick_free, Allocation, Change, EntryState,
    Event, ListState, StatusStore, StoreError, StoreErrorKind,
};
use postgres::{Client, GenericClient, NoTls};
use std::sync::{Condvar, Mutex};

/// The most connections one server opens.
const POOL_SIZE: usize = 8;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS status_lists (
    id TEXT PRIMARY KEY,
    seq BIGSERIAL,
    issuer TEXT NOT NULL,
    size BIGINT NOT NULL,
    allocated BIGINT NOT NULL DEFAULT 0,
    open BOOLEAN NOT NULL DEFAULT TRUE,
    version BIGINT NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS status_entries (
    list_id TEXT NOT NULL REFERENCES status_lists(id),
    idx BIGINT NOT NULL,
    credential_id TEXT,
    revoked BOOLEAN NOT NULL DEFAULT FALSE,
    suspended BOOLEAN NOT NULL DEFAULT FALSE,
    PRIMARY KEY (list_id, idx)
);
CREATE INDEX IF NOT EXISTS status_entries_credential ON status_entries(credential_id);
CREATE TABLE IF NOT EXISTS status_events (
    id BIGSERIAL PRIMARY KEY,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    list_id TEXT NOT NULL,
    idx BIGINT
);
";

/// Status lists in PostgreSQL, through a small pool of connections.
pub(crate) struct PostgresStore {
    url: String,
    pool: Mutex<Pool>,
    returned: Condvar,
}

struct Pool {
    idle: Vec<Client>,
    open: usize,
}

impl PostgresStore {
    /// Connects and makes the schema (every server may; it is idempotent under a lock).
    pub(crate) fn connect(url: &str) -> Result<PostgresStore, StoreError> {
        let mut client = Client::connect(url, NoTls)
            .map_err(|e| db_error(format!("cannot connect to {}: {e}", redact(url))))?;
        let mut tx = client.transaction().map_err(db_error)?;
        tx.execute("SELECT pg_advisory_xact_lock(7361)", &[])
            .map_err(db_error)?;
        tx.batch_execute(SCHEMA).map_err(db_error)?;
        tx.commit().map_err(db_error)?;
        Ok(PostgresStore {
            url: url.to_string(),
            pool: Mutex::new(Pool {
                idle: vec![client],
                open: 1,
            }),
            returned: Condvar::new(),
        })
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut client = self.take()?;
        let result = f(&mut client);
        // A connection that broke is dropped; the next call opens another.
        let mut pool = self.pool.lock().unwrap_or_else(|p| p.into_inner());
        if client.is_closed() {
            pool.open -= 1;
        } else {
            pool.idle.push(client);
        }
        self.returned.notify_one();
        result
    }

    fn take(&self) -> Result<Client, StoreError> {
        let mut pool = self.pool.lock().unwrap_or_else(|p| p.into_inner());
        loop {
            if let Some(client) = pool.idle.pop() {
                return Ok(client);
            }
            if pool.open < POOL_SIZE {
                pool.open += 1;
                drop(pool);
                return Client::connect(&self.url, NoTls).map_err(|e| {
                    let mut pool = self.pool.lock().unwrap_or_else(|p| p.into_inner());
                    pool.open -= 1;
                    db_error(format!("cannot connect to {}: {e}", redact(&self.url)))
                });
            }
            pool = self.returned.wait(pool).unwrap_or_else(|p| p.into_inner());
        }
    }
}

impl Drop for PostgresStore {
    fn drop(&mut self) {
        let pool = self.pool.get_mut().unwrap_or_else(|p| p.into_inner());
        let clients = std::mem::take(&mut pool.idle);
        if tokio::runtime::Handle::try_current().is_ok() {
            // A client closes its connection by blocking on a runtime of its own, which
            // cannot be done on a thread that drives async tasks (a server dropping its
            // state): close them on a scoped helper thread, joined before returning.
            std::thread::scope(|scope| {
                scope.spawn(move || drop(clients));
            });
        }
    }
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let credentials = &url[scheme + 3..at];
            let user = credentials.split(':').next().unwrap_or("");
            format!("{}{user}:***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

fn event(
    c: &mut impl GenericClient,
    actor: &str,
    action: &str,
    list: &str,
    index: Option<u32>,
) -> Result<(), StoreError> {
    c.execute(
        "INSERT INTO status_events (at, actor, action, list_id, idx) VALUES ($1, $2, $3, $4, $5)",
        &[&now_text(), &actor, &action, &list, &index.map(i64::from)],
    )
    .map_err(db_error)?;
    Ok(())
}

fn read_entry(
    c: &mut impl GenericClient,
    list: &str,
    index: u32,
    lock: bool,
) -> Result<EntryState, StoreError> {
    let query = if lock {
        "SELECT credential_id, revoked, suspended FROM status_entries WHERE list_id = $1 AND idx = $2 FOR UPDATE"
    } else {
        "SELECT credential_id, revoked, suspended FROM status_entries WHERE list_id = $1 AND idx = $2"
    };
    let row = c
        .query_opt(query, &[&list, &i64::from(index)])
        .map_err(db_error)?
        .ok_or_else(|| {
            StoreError::new(
                StoreErrorKind::NotFound,
                format!("no status entry {list}/{index}"),
            )
        })?;
    Ok(EntryState {
        list: list.to_string(),
        index,
        credential_id: row.get(0),
        revoked: row.get(1),
        suspended: row.get(2),
    })
}

fn index_of(value: i64) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

impl StatusStore for PostgresStore {
    fn allocate(
        &self,
        issuer: &str,
        size: u32,
        credential_id: Option<&str>,
        actor: &str,
    ) -> Result<Allocation, StoreError> {
        check_size(size)?;
        self.with(|c| {
            let mut tx = c.transaction().map_err(db_error)?;
            tx.execute("SELECT pg_advisory_xact_lock(hashtext($1))", &[&issuer])
                .map_err(db_error)?;
            let open = tx
                .query_opt(
                    "SELECT id, size, allocated FROM status_lists WHERE issuer = $1 AND open ORDER BY seq DESC LIMIT 1",
                    &[&issuer],
                )
                .map_err(db_error)?
                .map(|r| (r.get::<_, String>(0), r.get::<_, i64>(1), r.get::<_, i64>(2)));
            let (list, list_size) = match open {
                Some((id, s, allocated)) if allocated < s => (id, index_of(s)),
                other => {
                    if let Some((full, _, _)) = other {
                        tx.execute("UPDATE status_lists SET open = FALSE WHERE id = $1", &[&full])
                            .map_err(db_error)?;
                    }
                    let id = new_list_id();
                    tx.execute(
                        "INSERT INTO status_lists (id, issuer, size, created) VALUES ($1, $2, $3, $4)",
                        &[&id, &issuer, &i64::from(size), &now_text()],
                    )
                    .map_err(db_error)?;
                    event(&mut tx, actor, "open-list", &id, None)?;
                    (id, size)
                }
            };
            let index = {
                let tx = std::cell::RefCell::new(&mut tx);
                pick_free(
                    list_size,
                    |i| {
                        tx.borrow_mut()
                            .query_opt(
                                "SELECT 1 FROM status_entries WHERE list_id = $1 AND idx = $2",
                                &[&list, &i64::from(i)],
                            )
                            .map(|found| found.is_some())
                            .map_err(db_error)
                    },
                    || {
                        let rows = tx
                            .borrow_mut()
                            .query("SELECT idx FROM status_entries WHERE list_id = $1", &[&list])
                            .map_err(db_error)?;
                        Ok(rows.iter().map(|r| index_of(r.get(0))).collect())
                    },
                )?
            };
            tx.execute(
                "INSERT INTO status_entries (list_id, idx, credential_id) VALUES ($1, $2, $3)",
                &[&list, &i64::from(index), &credential_id],
            )
            .map_err(db_error)?;
            tx.execute(
                "UPDATE status_lists SET allocated = allocated + 1, open = (allocated + 1 < size) WHERE id = $1",
                &[&list],
            )
            .map_err(db_error)?;
            event(&mut tx, actor, "allocate", &list, Some(index))?;
            tx.commit().map_err(db_error)?;
            Ok(Allocation { list, index })
        })
    }

    fn set(
        &self,
        list: &str,
        index: u32,
        change: Change,
        actor: &str,
    ) -> Result<EntryState, StoreError> {
        self.with(|c| {
            let mut tx = c.transaction().map_err(db_error)?;
            let mut entry = read_entry(&mut tx, list, index, true)?;
            let (revoked, suspended) = apply(change, entry.revoked, entry.suspended, list, index)?;
            if (revoked, suspended) != (entry.revoked, entry.suspended) {
                tx.execute(
                    "UPDATE status_entries SET revoked = $3, suspended = $4 WHERE list_id = $1 AND idx = $2",
                    &[&list, &i64::from(index), &revoked, &suspended],
                )
                .map_err(db_error)?;
                tx.execute(
                    "UPDATE status_lists SET version = version + 1 WHERE id = $1",
                    &[&list],
                )
                .map_err(db_error)?;
            }
            event(&mut tx, actor, change.name(), list, Some(index))?;
            tx.commit().map_err(db_error)?;
            entry.revoked = revoked;
            entry.suspended = suspended;
            Ok(entry)
        })
    }

    fn entry(&self, list: &str, index: u32) -> Result<EntryState, StoreError> {
        self.with(|c| read_entry(c, list, index, false))
    }

    fn entries_of(&self, credential_id: &str) -> Result<Vec<EntryState>, StoreError> {
        self.with(|c| {
            let rows = c
                .query(
                    "SELECT list_id, idx, revoked, suspended FROM status_entries WHERE credential_id = $1",
                    &[&credential_id],
                )
                .map_err(db_error)?;
            Ok(rows
                .iter()
                .map(|r| EntryState {
                    list: r.get(0),
                    index: index_of(r.get(1)),
                    credential_id: Some(credential_id.to_string()),
                    revoked: r.get(2),
                    suspended: r.get(3),
                })
                .collect())
        })
    }

    fn list(&self, list: &str) -> Result<ListState, StoreError> {
        self.with(|c| {
            let mut tx = c
                .build_transaction()
                .isolation_level(postgres::IsolationLevel::RepeatableRead)
                .read_only(true)
                .start()
                .map_err(db_error)?;
            let row = tx
                .query_opt(
                    "SELECT issuer, size, allocated, version FROM status_lists WHERE id = $1",
                    &[&list],
                )
                .map_err(db_error)?
                .ok_or_else(|| {
                    StoreError::new(StoreErrorKind::NotFound, format!("no status list {list}"))
                })?;
            let mut indices = |column: &str| -> Result<Vec<u32>, StoreError> {
                let rows = tx
                    .query(
                        &format!(
                            "SELECT idx FROM status_entries WHERE list_id = $1 AND {column} ORDER BY idx"
                        ),
                        &[&list],
                    )
                    .map_err(db_error)?;
                Ok(rows.iter().map(|r| index_of(r.get(0))).collect())
            };
            let (revoked, suspended) = (indices("revoked")?, indices("suspended")?);
            tx.commit().map_err(db_error)?;
            Ok(ListState {
                id: list.to_string(),
                issuer: row.get(0),
                size: index_of(row.get(1)),
                allocated: index_of(row.get(2)),
                version: row.get(3),
                revoked,
                suspended,
            })
        })
    }

    fn lists(&self) -> Result<Vec<String>, StoreError> {
        self.with(|c| {
            let rows = c
                .query("SELECT id FROM status_lists ORDER BY seq", &[])
                .map_err(db_error)?;
            Ok(rows.iter().map(|r| r.get(0)).collect())
        })
    }

    fn events(&self, limit: u32) -> Result<Vec<Event>, StoreError> {
        self.with(|c| {
            let rows = c
                .query(
                    "SELECT at, actor, action, list_id, idx FROM status_events ORDER BY id DESC LIMIT $1",
                    &[&i64::from(limit)],
                )
                .map_err(db_error)?;
            Ok(rows
                .iter()
                .map(|r| Event {
                    at: r.get(0),
                    actor: r.get(1),
                    action: r.get(2),
                    list: r.get(3),
                    index: r.get::<_, Option<i64>>(4).map(index_of),
                })
                .collect())
        })
    }

    fn ping(&self) -> Result<(), StoreError> {
        self.with(|c| c.simple_query("SELECT 1").map(|_| ()).map_err(db_error))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_database_url_is_shown_without_its_password() {
        assert_eq!(
            super::redact("postgres://edc:s3cret@db.example:5432/edc"),
            "postgres://edc:***@db.example:5432/edc"
        );
        assert_eq!(
            super::redact("postgres://localhost/edc"),
            "postgres://localhost/edc"
        );
    }
}
