//! The embedded store: one SQLite file (WAL, synchronous writes), one connection.

use super::store::{
    apply, check_size, db_error, new_list_id, now_text, pick_free, Allocation, Change, EntryState,
    Event, ListState, StatusStore, StoreError, StoreErrorKind,
};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use std::path::Path;
use std::sync::Mutex;

/// Status lists in a SQLite file.
pub(crate) struct SqliteStore {
    connection: Mutex<Connection>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS status_lists (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    issuer TEXT NOT NULL,
    size INTEGER NOT NULL,
    allocated INTEGER NOT NULL DEFAULT 0,
    open INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 0,
    created TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS status_entries (
    list_id TEXT NOT NULL REFERENCES status_lists(id),
    idx INTEGER NOT NULL,
    credential_id TEXT,
    revoked INTEGER NOT NULL DEFAULT 0,
    suspended INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (list_id, idx)
);
CREATE INDEX IF NOT EXISTS status_entries_credential ON status_entries(credential_id);
CREATE TABLE IF NOT EXISTS status_events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor TEXT NOT NULL,
    action TEXT NOT NULL,
    list_id TEXT NOT NULL,
    idx INTEGER
);
";

impl SqliteStore {
    /// Opens (creating) the file at `path` and its schema.
    pub(crate) fn open(path: &Path) -> Result<SqliteStore, StoreError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .map_err(|e| db_error(format!("cannot create {}: {e}", dir.display())))?;
        }
        let connection = Connection::open(path)
            .map_err(|e| db_error(format!("cannot open {}: {e}", path.display())))?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;",
            )
            .map_err(db_error)?;
        connection.execute_batch(SCHEMA).map_err(db_error)?;
        Ok(SqliteStore {
            connection: Mutex::new(connection),
        })
    }

    fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let mut connection = self
            .connection
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut connection)
    }
}

fn event(
    tx: &rusqlite::Transaction,
    actor: &str,
    action: &str,
    list: &str,
    index: Option<u32>,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO status_events (at, actor, action, list_id, idx) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![now_text(), actor, action, list, index],
    )
    .map_err(db_error)?;
    Ok(())
}

fn not_found(list: &str, index: Option<u32>) -> StoreError {
    StoreError::new(
        StoreErrorKind::NotFound,
        match index {
            Some(i) => format!("no status entry {list}/{i}"),
            None => format!("no status list {list}"),
        },
    )
}

fn read_entry(c: &Connection, list: &str, index: u32) -> Result<EntryState, StoreError> {
    c.query_row(
        "SELECT credential_id, revoked, suspended FROM status_entries WHERE list_id = ?1 AND idx = ?2",
        params![list, index],
        |r| {
            Ok(EntryState {
                list: list.to_string(),
                index,
                credential_id: r.get(0)?,
                revoked: r.get::<_, i64>(1)? != 0,
                suspended: r.get::<_, i64>(2)? != 0,
            })
        },
    )
    .optional()
    .map_err(db_error)?
    .ok_or_else(|| not_found(list, Some(index)))
}

impl StatusStore for SqliteStore {
    fn allocate(
        &self,
        issuer: &str,
        size: u32,
        credential_id: Option<&str>,
        actor: &str,
    ) -> Result<Allocation, StoreError> {
        check_size(size)?;
        self.with(|c| {
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(db_error)?;
            let open: Option<(String, u32, u32)> = tx
                .query_row(
                    "SELECT id, size, allocated FROM status_lists WHERE issuer = ?1 AND open = 1 ORDER BY seq DESC LIMIT 1",
                    params![issuer],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )
                .optional()
                .map_err(db_error)?;
            let (list, list_size) = match open {
                Some((id, s, allocated)) if allocated < s => (id, s),
                other => {
                    if let Some((full, _, _)) = other {
                        tx.execute("UPDATE status_lists SET open = 0 WHERE id = ?1", params![full])
                            .map_err(db_error)?;
                    }
                    let id = new_list_id();
                    tx.execute(
                        "INSERT INTO status_lists (id, seq, issuer, size, created) VALUES (?1, (SELECT COALESCE(MAX(seq), 0) + 1 FROM status_lists), ?2, ?3, ?4)",
                        params![id, issuer, size, now_text()],
                    )
                    .map_err(db_error)?;
                    event(&tx, actor, "open-list", &id, None)?;
                    (id, size)
                }
            };
            let index = pick_free(
                list_size,
                |i| {
                    tx.query_row(
                        "SELECT 1 FROM status_entries WHERE list_id = ?1 AND idx = ?2",
                        params![list, i],
                        |_| Ok(()),
                    )
                    .optional()
                    .map(|found| found.is_some())
                    .map_err(db_error)
                },
                || {
                    let mut statement = tx
                        .prepare("SELECT idx FROM status_entries WHERE list_id = ?1")
                        .map_err(db_error)?;
                    let rows = statement
                        .query_map(params![list], |r| r.get::<_, u32>(0))
                        .map_err(db_error)?;
                    rows.collect::<Result<Vec<u32>, _>>().map_err(db_error)
                },
            )?;
            tx.execute(
                "INSERT INTO status_entries (list_id, idx, credential_id) VALUES (?1, ?2, ?3)",
                params![list, index, credential_id],
            )
            .map_err(db_error)?;
            tx.execute(
                "UPDATE status_lists SET allocated = allocated + 1, open = CASE WHEN allocated + 1 >= size THEN 0 ELSE 1 END WHERE id = ?1",
                params![list],
            )
            .map_err(db_error)?;
            event(&tx, actor, "allocate", &list, Some(index))?;
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
            let tx = c
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(db_error)?;
            let mut entry = read_entry(&tx, list, index)?;
            let (revoked, suspended) = apply(change, entry.revoked, entry.suspended, list, index)?;
            if (revoked, suspended) != (entry.revoked, entry.suspended) {
                tx.execute(
                    "UPDATE status_entries SET revoked = ?3, suspended = ?4 WHERE list_id = ?1 AND idx = ?2",
                    params![list, index, revoked as i64, suspended as i64],
                )
                .map_err(db_error)?;
                tx.execute(
                    "UPDATE status_lists SET version = version + 1 WHERE id = ?1",
                    params![list],
                )
                .map_err(db_error)?;
            }
            event(&tx, actor, change.name(), list, Some(index))?;
            tx.commit().map_err(db_error)?;
            entry.revoked = revoked;
            entry.suspended = suspended;
            Ok(entry)
        })
    }

    fn entry(&self, list: &str, index: u32) -> Result<EntryState, StoreError> {
        self.with(|c| read_entry(c, list, index))
    }

    fn entries_of(&self, credential_id: &str) -> Result<Vec<EntryState>, StoreError> {
        self.with(|c| {
            let mut statement = c
                .prepare("SELECT list_id, idx, revoked, suspended FROM status_entries WHERE credential_id = ?1")
                .map_err(db_error)?;
            let rows = statement
                .query_map(params![credential_id], |r| {
                    Ok(EntryState {
                        list: r.get(0)?,
                        index: r.get(1)?,
                        credential_id: Some(credential_id.to_string()),
                        revoked: r.get::<_, i64>(2)? != 0,
                        suspended: r.get::<_, i64>(3)? != 0,
                    })
                })
                .map_err(db_error)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(db_error)
        })
    }

    fn list(&self, list: &str) -> Result<ListState, StoreError> {
        self.with(|c| {
            let tx = c.transaction().map_err(db_error)?;
            let (issuer, size, allocated, version) = tx
                .query_row(
                    "SELECT issuer, size, allocated, version FROM status_lists WHERE id = ?1",
                    params![list],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()
                .map_err(db_error)?
                .ok_or_else(|| not_found(list, None))?;
            let indices = |column: &str| -> Result<Vec<u32>, StoreError> {
                let mut statement = tx
                    .prepare(&format!(
                        "SELECT idx FROM status_entries WHERE list_id = ?1 AND {column} = 1 ORDER BY idx"
                    ))
                    .map_err(db_error)?;
                let rows = statement
                    .query_map(params![list], |r| r.get::<_, u32>(0))
                    .map_err(db_error)?;
                rows.collect::<Result<Vec<_>, _>>().map_err(db_error)
            };
            let (revoked, suspended) = (indices("revoked")?, indices("suspended")?);
            Ok(ListState {
                id: list.to_string(),
                issuer,
                size,
                allocated,
                version,
                revoked,
                suspended,
            })
        })
    }

    fn lists(&self) -> Result<Vec<String>, StoreError> {
        self.with(|c| {
            let mut statement = c
                .prepare("SELECT id FROM status_lists ORDER BY seq")
                .map_err(db_error)?;
            let rows = statement
                .query_map([], |r| r.get::<_, String>(0))
                .map_err(db_error)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(db_error)
        })
    }

    fn events(&self, limit: u32) -> Result<Vec<Event>, StoreError> {
        self.with(|c| {
            let mut statement = c
                .prepare("SELECT at, actor, action, list_id, idx FROM status_events ORDER BY id DESC LIMIT ?1")
                .map_err(db_error)?;
            let rows = statement
                .query_map(params![limit], |r| {
                    Ok(Event {
                        at: r.get(0)?,
                        actor: r.get(1)?,
                        action: r.get(2)?,
                        list: r.get(3)?,
                        index: r.get(4)?,
                    })
                })
                .map_err(db_error)?;
            rows.collect::<Result<Vec<_>, _>>().map_err(db_error)
        })
    }

    fn ping(&self) -> Result<(), StoreError> {
        self.with(|c| c.query_row("SELECT 1", [], |_| Ok(())).map_err(db_error))
    }
}
