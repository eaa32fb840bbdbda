//! The `attacks` suite: inputs an attacker would make, built at run time. Each forgery case
//! states which check must refuse it and the verdict it must get (never "verified"); each
//! refusal case states the error a hostile input must end in (instead of a crash, an
//! exhausted machine, or a yes). The expectations come from the specifications' rules
//! (RFC 5280, RFC 3161, JSON-LD, RFC 8725, ETSI TS 119 612), not from a run of edc.

mod documents;
mod forgeries;
mod refusals;
mod spreadsheets;

use crate::runner::SuiteResult;

/// Builds and runs the attacks suite.
pub fn run_attacks() -> SuiteResult {
    let mut suite = SuiteResult {
        suite: "attacks".into(),
        description: "forgeries and hostile inputs made at run time: each must be refused".into(),
        skipped: None,
        cases: Vec::new(),
    };
    match forgeries::run() {
        Ok(cases) => suite.cases.extend(cases),
        Err(e) => suite.skipped = Some(format!("the forgeries could not be made: {e}")),
    }
    suite.cases.extend(refusals::run());
    suite
}
