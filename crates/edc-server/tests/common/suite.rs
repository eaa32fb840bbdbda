//! A ported W3C test suite's run: each assertion passes or fails with a reason; the run prints
//! its counts beside the published scores and fails on any failure not listed as known (and on
//! a known failure that now passes, so the list stays true).
#![allow(dead_code)]

/// The results of one suite.
pub struct Suite {
    name: &'static str,
    published: &'static str,
    results: Vec<(String, Result<(), String>)>,
    not_applicable: Vec<(String, String)>,
}

impl Suite {
    /// A suite named `name` whose published scores are `published`.
    pub fn new(name: &'static str, published: &'static str) -> Suite {
        Suite {
            name,
            published,
            results: Vec::new(),
            not_applicable: Vec::new(),
        }
    }

    /// Runs one assertion.
    pub fn check(&mut self, title: &str, assertion: impl FnOnce() -> Result<(), String>) {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(assertion))
            .unwrap_or_else(|p| {
                Err(p
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| p.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_else(|| "panicked".into()))
            });
        self.results.push((title.to_string(), result));
    }

    /// Records an assertion about an optional member this implementation does not write (the
    /// suites skip these): neither passed nor failed.
    pub fn not_applicable(&mut self, title: &str, why: &str) {
        self.not_applicable
            .push((title.to_string(), why.to_string()));
    }

    /// Prints the counts and checks the failures against `known` (title prefix, why).
    pub fn finish(self, known: &[(&str, &str)]) {
        let passed = self.results.iter().filter(|(_, r)| r.is_ok()).count();
        let failed = self.results.len() - passed;
        println!(
            "{}: {passed} passed, {failed} failed of {}{} (published: {})",
            self.name,
            self.results.len(),
            if self.not_applicable.is_empty() {
                String::new()
            } else {
                format!(", {} not applicable", self.not_applicable.len())
            },
            self.published
        );
        for (title, why) in &self.not_applicable {
            println!("  not applicable: {title} ({why})");
        }
        let mut unexpected = Vec::new();
        for (title, result) in &self.results {
            let is_known = known.iter().find(|(prefix, _)| title.starts_with(prefix));
            match (result, is_known) {
                (Err(why), Some((_, reason))) => {
                    println!("  known failure: {title}\n    {why}\n    ({reason})")
                }
                (Err(why), None) => unexpected.push(format!("FAILED: {title}\n    {why}")),
                (Ok(()), Some(_)) => unexpected.push(format!(
                    "PASSES NOW (remove it from the known failures): {title}"
                )),
                (Ok(()), None) => {}
            }
        }
        assert!(unexpected.is_empty(), "{}", unexpected.join("\n"));
    }
}

/// One assertion's result.
pub type Outcome = Result<(), String>;

/// Every result, failures joined.
pub fn all(results: impl IntoIterator<Item = Outcome>) -> Outcome {
    let failures: Vec<String> = results.into_iter().filter_map(Result::err).collect();
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("; "))
    }
}

/// `why` unless `condition`.
pub fn ensure(condition: bool, why: impl Into<String>) -> Outcome {
    if condition {
        Ok(())
    } else {
        Err(why.into())
    }
}
