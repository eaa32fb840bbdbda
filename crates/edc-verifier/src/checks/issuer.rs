//! Issuer: who sealed or signed, whether they are the credential's issuer, and whether they
//! are trusted — judged from the same seal or proof checks as the integrity
//! ([`super::signatures`]).

use super::verification::{combine, Judged, Verification};

/// The issuer check: every credential's.
pub(super) fn check(v: &Verification) -> Judged {
    (combine(v.secured.iter().map(|s| &s.issuer)), Vec::new())
}
