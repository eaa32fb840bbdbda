//! Reports: console text, JSON, JUnit XML, Markdown and EARL (JSON-LD).

use crate::runner::{CaseOutcome, SuiteResult};
use serde_json::{json, Value};

/// The report formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReportFormat {
    /// One JSON document.
    Json,
    /// JUnit XML (one testsuite per suite), for CI dashboards.
    Junit,
    /// Markdown, a table per suite.
    Markdown,
    /// W3C EARL assertions (JSON-LD), as the W3C implementation reports use.
    Earl,
}

impl ReportFormat {
    /// Reads `json`, `junit`, `markdown` or `earl`.
    pub fn from_name(name: &str) -> Option<ReportFormat> {
        match name {
            "json" => Some(ReportFormat::Json),
            "junit" => Some(ReportFormat::Junit),
            "markdown" | "md" => Some(ReportFormat::Markdown),
            "earl" => Some(ReportFormat::Earl),
            _ => None,
        }
    }
}

/// The summary line: `N passed, M failed` (and `, K skipped` when suites were skipped).
pub fn summary_line(suites: &[SuiteResult]) -> String {
    let (mut passed, mut failed) = (0, 0);
    for s in suites {
        let (p, f) = s.counts();
        passed += p;
        failed += f;
    }
    let skipped = suites.iter().filter(|s| s.skipped.is_some()).count();
    if skipped > 0 {
        format!("{passed} passed, {failed} failed, {skipped} skipped")
    } else {
        format!("{passed} passed, {failed} failed")
    }
}

/// The console text: per suite its count, per failing case the check, the expected and the
/// actual outcome with the verifier's reason; the summary line last.
pub fn console(suites: &[SuiteResult]) -> String {
    let mut out = String::new();
    for s in suites {
        if let Some(why) = &s.skipped {
            out.push_str(&format!("suite {}: SKIPPED: {why}\n", s.suite));
            continue;
        }
        let (p, f) = s.counts();
        out.push_str(&format!(
            "suite {}: {} cases, {p} passed, {f} failed\n",
            s.suite,
            s.cases.len()
        ));
        for case in &s.cases {
            match &case.outcome {
                CaseOutcome::Passed => {}
                CaseOutcome::Error(e) => out.push_str(&format!("  ✗ {}: {e}\n", case.id)),
                CaseOutcome::Failed(mismatches) => {
                    for m in mismatches {
                        out.push_str(&format!(
                            "  ✗ {}: {} expected {}, got {} ({})\n",
                            case.id, m.check, m.expected, m.actual, m.reason
                        ));
                    }
                }
            }
        }
    }
    out.push_str(&summary_line(suites));
    out.push('\n');
    out
}

fn outcome_json(outcome: &CaseOutcome) -> Value {
    match outcome {
        CaseOutcome::Passed => json!({"result": "passed"}),
        CaseOutcome::Error(e) => json!({"result": "error", "error": e}),
        CaseOutcome::Failed(ms) => json!({
            "result": "failed",
            "mismatches": ms.iter().map(|m| json!({
                "check": m.check, "expected": m.expected, "actual": m.actual, "reason": m.reason
            })).collect::<Vec<_>>()
        }),
    }
}

/// Renders the suites in `format`.
pub fn render(suites: &[SuiteResult], format: ReportFormat) -> String {
    match format {
        ReportFormat::Json => json_report(suites),
        ReportFormat::Junit => junit(suites),
        ReportFormat::Markdown => markdown(suites),
        ReportFormat::Earl => earl(suites),
    }
}

fn json_report(suites: &[SuiteResult]) -> String {
    let value = json!({
        "summary": summary_line(suites),
        "suites": suites.iter().map(|s| {
            let (p, f) = s.counts();
            json!({
                "suite": s.suite,
                "description": s.description,
                "skipped": s.skipped,
                "passed": p,
                "failed": f,
                "cases": s.cases.iter().map(|c| {
                    let mut v = outcome_json(&c.outcome);
                    v["id"] = json!(c.id);
                    v["source"] = json!(c.source);
                    v["verdict"] = json!(c.verdict);
                    v["checks"] = json!(c.checks.iter().map(|k| json!({
                        "check": k.check, "outcome": k.outcome, "reason": k.reason
                    })).collect::<Vec<_>>());
                    v
                }).collect::<Vec<_>>()
            })
        }).collect::<Vec<_>>()
    });
    serde_json::to_string_pretty(&value).expect("JSON serialises")
}

/// Escapes text for XML attributes and content.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn junit(suites: &[SuiteResult]) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"edc conformance\">\n",
    );
    for s in suites {
        let (_, f) = s.counts();
        let skipped = usize::from(s.skipped.is_some());
        out.push_str(&format!(
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{f}\" errors=\"0\" skipped=\"{skipped}\">\n",
            xml(&s.suite),
            s.cases.len().max(skipped)
        ));
        if let Some(why) = &s.skipped {
            out.push_str(&format!(
                "    <testcase classname=\"{0}\" name=\"{0}\"><skipped message=\"{1}\"/></testcase>\n",
                xml(&s.suite),
                xml(why)
            ));
        }
        for c in &s.cases {
            out.push_str(&format!(
                "    <testcase classname=\"{}\" name=\"{}\"",
                xml(&s.suite),
                xml(&c.id)
            ));
            match &c.outcome {
                CaseOutcome::Passed => out.push_str("/>\n"),
                CaseOutcome::Error(e) => {
                    out.push_str(&format!("><failure message=\"{}\"/></testcase>\n", xml(e)))
                }
                CaseOutcome::Failed(ms) => {
                    let text: Vec<String> = ms
                        .iter()
                        .map(|m| {
                            format!(
                                "{}: expected {}, got {} ({})",
                                m.check, m.expected, m.actual, m.reason
                            )
                        })
                        .collect();
                    out.push_str(&format!(
                        "><failure message=\"{}\">{}</failure></testcase>\n",
                        xml(&text[0]),
                        xml(&text.join("\n"))
                    ));
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Escapes text for a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn markdown(suites: &[SuiteResult]) -> String {
    let mut out = String::from("# edc conformance report\n\n");
    out.push_str(&format!("**{}**\n\n", summary_line(suites)));
    for s in suites {
        out.push_str(&format!("## {}\n\n{}\n\n", s.suite, s.description));
        if let Some(why) = &s.skipped {
            out.push_str(&format!("Skipped: {why}\n\n"));
            continue;
        }
        let (p, f) = s.counts();
        out.push_str(&format!(
            "{} cases: {p} passed, {f} failed.\n\n",
            s.cases.len()
        ));
        out.push_str("| case | result | verdict | details |\n|---|---|---|---|\n");
        for c in &s.cases {
            let (result, details) = match &c.outcome {
                CaseOutcome::Passed => ("✓ passed", c.source.clone()),
                CaseOutcome::Error(e) => ("✗ error", e.clone()),
                CaseOutcome::Failed(ms) => (
                    "✗ failed",
                    ms.iter()
                        .map(|m| {
                            format!(
                                "{}: expected {}, got {} ({})",
                                m.check, m.expected, m.actual, m.reason
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                ),
            };
            out.push_str(&format!(
                "| {} | {result} | {} | {} |\n",
                cell(&c.id),
                c.verdict.as_deref().unwrap_or("–"),
                cell(&details)
            ));
        }
        out.push('\n');
    }
    out
}

fn earl(suites: &[SuiteResult]) -> String {
    let subject = "https://github.com/edc-rs/edc";
    let mut assertions = Vec::new();
    for s in suites {
        for c in &s.cases {
            let outcome = match c.outcome {
                CaseOutcome::Passed => "earl:passed",
                _ => "earl:failed",
            };
            assertions.push(json!({
                "@type": "earl:Assertion",
                "earl:assertedBy": subject,
                "earl:subject": subject,
                "earl:test": format!("urn:edc:conformance:{}:{}", s.suite, c.id),
                "earl:mode": "earl:automatic",
                "earl:result": {"@type": "earl:TestResult", "earl:outcome": {"@id": outcome}},
            }));
        }
    }
    let value = json!({
        "@context": {"earl": "http://www.w3.org/ns/earl#", "doap": "http://usefulinc.com/ns/doap#"},
        "@id": subject,
        "@type": ["earl:TestSubject", "doap:Project", "earl:Software"],
        "doap:name": "edc",
        "@graph": assertions,
    });
    serde_json::to_string_pretty(&value).expect("JSON serialises")
}
