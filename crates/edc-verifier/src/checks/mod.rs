//! The checks, as a table: each a function of one [`Verification`] (the reading, the
//! verifier's settings and the validation time) returning its outcome and findings. A new check
//! is a file here and a row in [`TABLE`] (and a [`CheckName`]).

pub(crate) mod accreditation;
mod format;
mod integrity;
mod issuer;
mod legal_identity;
mod micro_credential;
mod owner;
pub(crate) mod signatures;
mod signed_terms;
mod status;
mod validity;
pub(crate) mod verification;

pub(crate) use verification::Verification;

use crate::report::CheckName;
use verification::Judged;

/// A check: what it judges from a verification.
pub(crate) type CheckFn = fn(&Verification) -> Judged;

/// The checks, in the report's order ([`CheckName::ALL`]).
pub(crate) const TABLE: [(CheckName, CheckFn); 8] = [
    (CheckName::Format, format::check),
    (CheckName::Integrity, integrity::check),
    (CheckName::Issuer, issuer::check),
    (CheckName::Owner, owner::check),
    (CheckName::Status, status::check),
    (CheckName::ValidityPeriod, validity::check),
    (CheckName::Accreditation, accreditation::check),
    (CheckName::MicroCredential, micro_credential::check),
];

#[cfg(test)]
mod tests {
    #[test]
    fn the_table_runs_every_check_in_the_reports_order() {
        let names: Vec<_> = super::TABLE.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, crate::CheckName::ALL);
    }
}
