//! The status store: the trait both databases implement, and its values.

/// Indices per list unless configured: 131,072, the Bitstring Status List's minimum length
/// (group privacy: a list that small says little about whom a fetch concerns).
pub const DEFAULT_LIST_SIZE: u32 = 131_072;

/// The shortest bitstring published, whatever a list's size: the same 131,072 entries (16 KiB).
pub const MIN_BITSTRING_ENTRIES: u32 = 131_072;

/// Why a store operation failed.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreErrorKind {
    /// The database could not be opened, reached or written.
    Database,
    /// No such list or index.
    NotFound,
    /// The change is not allowed (a revoked entry cannot be suspended or reinstated).
    Conflict,
    /// The request is malformed (a list size of zero, say).
    Invalid,
}

/// A store operation that failed: its kind and a sentence.
pub type StoreError = edc_error::Error<StoreErrorKind>;

pub(crate) fn db_error(e: impl std::fmt::Display) -> StoreError {
    StoreError::new(StoreErrorKind::Database, format!("status database: {e}"))
}

/// An index given to a credential.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Allocation {
    /// The list's id.
    pub list: String,
    /// The index in the list.
    pub index: u32,
}

/// A change of an entry's status.
#[non_exhaustive]
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Revoke, for good.
    Revoke,
    /// Suspend (reversible).
    Suspend,
    /// Lift a suspension.
    Reinstate,
}

impl Change {
    /// The change named `name`: `revoke`/`revoked`, `suspend`/`suspended`,
    /// `reinstate`/`unsuspend`/`valid`/`active`.
    pub fn from_name(name: &str) -> Option<Change> {
        Some(match name.to_ascii_lowercase().as_str() {
            "revoke" | "revoked" | "revocation" => Change::Revoke,
            "suspend" | "suspended" | "suspension" => Change::Suspend,
            "reinstate" | "reinstated" | "unsuspend" | "valid" | "active" => Change::Reinstate,
            _ => return None,
        })
    }

    /// The name recorded in events.
    pub fn name(self) -> &'static str {
        match self {
            Change::Revoke => "revoke",
            Change::Suspend => "suspend",
            Change::Reinstate => "reinstate",
        }
    }
}

/// An entry's status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryState {
    /// The list.
    pub list: String,
    /// The index.
    pub index: u32,
    /// The credential it was given to, when the issuer named one.
    pub credential_id: Option<String>,
    /// Revoked (for good).
    pub revoked: bool,
    /// Suspended.
    pub suspended: bool,
}

impl EntryState {
    /// `revoked`, `suspended` or `valid`.
    pub fn label(&self) -> &'static str {
        if self.revoked {
            "revoked"
        } else if self.suspended {
            "suspended"
        } else {
            "valid"
        }
    }
}

/// A list's state: what the list credentials are made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListState {
    /// The list's id.
    pub id: String,
    /// The issuer (a DID) whose credentials use it and who signs it.
    pub issuer: String,
    /// How many indices it has.
    pub size: u32,
    /// How many were given.
    pub allocated: u32,
    /// Changed each time an entry's status changes (list credentials are signed again).
    pub version: i64,
    /// Revoked indices.
    pub revoked: Vec<u32>,
    /// Suspended indices.
    pub suspended: Vec<u32>,
}

/// One recorded change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When (RFC 3339, UTC).
    pub at: String,
    /// Who (the name of the API key or `cli`).
    pub actor: String,
    /// `allocate`, `revoke`, `suspend`, `reinstate`, `open-list`.
    pub action: String,
    /// The list.
    pub list: String,
    /// The index, for entry events.
    pub index: Option<u32>,
}

/// Where status lists are kept: SQLite or PostgreSQL. Calls block (a server calls them off
/// its event loop); each change is committed before it returns.
pub trait StatusStore: Send + Sync {
    /// Gives `issuer` a fresh random index (opening a list of `size` indices when the current
    /// one is full), recording `credential_id` with it.
    fn allocate(
        &self,
        issuer: &str,
        size: u32,
        credential_id: Option<&str>,
        actor: &str,
    ) -> Result<Allocation, StoreError>;

    /// Applies `change` to an entry, returning its new state.
    fn set(
        &self,
        list: &str,
        index: u32,
        change: Change,
        actor: &str,
    ) -> Result<EntryState, StoreError>;

    /// An entry's state.
    fn entry(&self, list: &str, index: u32) -> Result<EntryState, StoreError>;

    /// The entries given to the credential `id`.
    fn entries_of(&self, credential_id: &str) -> Result<Vec<EntryState>, StoreError>;

    /// A list's state.
    fn list(&self, list: &str) -> Result<ListState, StoreError>;

    /// Every list's id, oldest first.
    fn lists(&self) -> Result<Vec<String>, StoreError>;

    /// The latest `limit` events, newest first.
    fn events(&self, limit: u32) -> Result<Vec<Event>, StoreError>;

    /// Answers when the database does (for readiness).
    fn ping(&self) -> Result<(), StoreError>;
}

/// Refuses a list of no indices.
pub(crate) fn check_size(size: u32) -> Result<(), StoreError> {
    if size == 0 {
        return Err(StoreError::new(
            StoreErrorKind::Invalid,
            "a status list needs at least one index",
        ));
    }
    Ok(())
}

/// A new list's id: 16 random hex digits (unguessable, so list URLs do not enumerate).
pub(crate) fn new_list_id() -> String {
    let mut bytes = [0u8; 8];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A random index below `size`.
pub(crate) fn random_index(size: u32) -> u32 {
    let mut bytes = [0u8; 8];
    rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut bytes);
    (u64::from_le_bytes(bytes) % u64::from(size)) as u32
}

pub(crate) use crate::clock::now_text;

/// Picks a free index of a list of `size`: random tries first (cheap while the list is
/// sparse), then, from all the taken ones, the first free one after a random start.
pub(crate) fn pick_free(
    size: u32,
    mut taken: impl FnMut(u32) -> Result<bool, StoreError>,
    all_taken: impl FnOnce() -> Result<Vec<u32>, StoreError>,
) -> Result<u32, StoreError> {
    for _ in 0..32 {
        let i = random_index(size);
        if !taken(i)? {
            return Ok(i);
        }
    }
    let taken: std::collections::HashSet<u32> = all_taken()?.into_iter().collect();
    let start = random_index(size);
    (0..size)
        .map(|step| (start + step) % size)
        .find(|i| !taken.contains(i))
        .ok_or_else(|| {
            StoreError::new(
                StoreErrorKind::Conflict,
                "status database: the list has no free index although it is not marked full",
            )
        })
}

/// The state after `change` of an entry now `revoked`/`suspended`, or why it is refused.
pub(crate) fn apply(
    change: Change,
    revoked: bool,
    suspended: bool,
    list: &str,
    index: u32,
) -> Result<(bool, bool), StoreError> {
    match change {
        Change::Revoke => Ok((true, suspended)),
        Change::Suspend | Change::Reinstate if revoked => Err(StoreError::new(
            StoreErrorKind::Conflict,
            format!(
                "{list}/{index} is revoked, and revocation is permanent: it cannot be {}",
                match change {
                    Change::Suspend => "suspended",
                    _ => "reinstated",
                }
            ),
        )),
        Change::Suspend => Ok((false, true)),
        Change::Reinstate => Ok((false, false)),
    }
}
