//! The page: header, the verification banner, what was achieved, the micro-credential
//! elements, the checks, the credential's own pages.

use crate::display::{awarding_bodies, page_images, svg_renderings};
use crate::html::{attribute, text};
use edc_model::{ClaimSummary, CredentialSummary, Document, Party, Summary};
use edc_verifier::{Outcome, Report, Verdict};
use std::fmt::Write;

/// A rendered page and what it shows, for callers that label it.
#[derive(Debug, Clone)]
pub struct Rendering {
    /// The HTML document.
    pub html: String,
    /// The title shown (the credential's, in the chosen language, or a stand-in).
    pub title: String,
}

const STYLE: &str = "
:root { color-scheme: light; --ink: #1b1b1b; --muted: #4a4a4a; --line: #c8c8c8; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif; color: var(--ink); background: #fff; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.8rem; margin: 1rem 0 0.5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 0.5rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.1rem; margin: 1rem 0 0.25rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0.5rem 0; }
dt { font-weight: 600; color: var(--muted); }
dd { margin: 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
caption { text-align: left; font-weight: 600; padding: 0.25rem 0; }
.banner { border: 3px solid; border-radius: 6px; padding: 0.75rem 1rem; font-size: 1.05rem; }
.banner strong { display: block; font-size: 1.2rem; }
.verified { border-color: #1e6b30; background: #e6f4ea; color: #0f3d1a; }
.partial { border-color: #8a5a00; background: #fff4d6; color: #4d3200; }
.unchecked { border-color: #555; background: #f0f0f0; color: #1b1b1b; }
.failed { border-color: #a0101a; background: #fde7e9; color: #5c0008; }
.claim { border-left: 4px solid var(--line); padding-left: 0.75rem; margin: 0.75rem 0; }
.as-issued img { max-width: 100%; border: 1px solid var(--line); margin: 0.5rem 0; }
.present { color: #0f3d1a; } .missing { color: #5c0008; }
@media print {
  @page { size: A4; margin: 15mm; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  .claim, table, .banner { break-inside: avoid; }
  .as-issued { break-before: page; }
}
";

/// Renders `document` (any form edc reads) in `language` (two letters; language maps fall back
/// to the credential's primary language, then to any), with `report` as the banner when given
/// (without one, the page says the credential was not verified).
pub fn render_html(document: &Document, report: Option<&Report>, language: &str) -> Rendering {
    let summary = Summary::of(document, language);
    let credential = summary.credential.as_ref();
    let json = document.json_ld();
    // An Open Badges 3.0 or plain VC 2.0 credential names itself and its subject with `name`.
    let named = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Object(m) => m
            .get(language)
            .or_else(|| m.values().next())
            .and_then(|x| x.as_str())
            .map(str::to_string),
        _ => None,
    };
    let title = credential
        .and_then(|c| c.title.clone())
        .or_else(|| named(&json["name"]))
        .or_else(|| named(&json["credentialSubject"]["achievement"]["name"]))
        .unwrap_or_else(|| "Credential".to_string());
    let mut out = String::new();
    let learner = credential
        .and_then(|c| c.learner.as_ref())
        .and_then(|p| p.name.clone());
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"referrer\" content=\"no-referrer\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        attribute(language),
        text(&match &learner {
            Some(l) => format!("{title} — {l}"),
            None => title.clone(),
        })
    );
    banner(&mut out, report);
    let _ = writeln!(out, "<h1>{}</h1>", text(&title));
    match credential {
        Some(c) => {
            parties(&mut out, c, &awarding_bodies(&document.json_ld(), language));
            claims(&mut out, &c.claims);
            micro_credential(&mut out, c);
        }
        None => {
            let _ = writeln!(
                out,
                "<p>This document ({}) carries no credential edc could read.</p>",
                text(summary.envelope)
            );
        }
    }
    if let Some(report) = report {
        checks(&mut out, report);
    }
    as_issued(&mut out, document, language);
    out.push_str("</main>\n</body>\n</html>\n");
    Rendering { html: out, title }
}

fn banner(out: &mut String, report: Option<&Report>) {
    let (class, headline, sentence) = match report.map(Report::verdict) {
        Some(Verdict::Verified) => (
            "verified",
            "Verified",
            "Every check passed: the credential is intact, its issuer is trusted, and it is valid today.".to_string(),
        ),
        Some(Verdict::PartiallyVerified) => (
            "partial",
            "Partially verified",
            "Nothing failed, but some checks could not be made (see the checks below): do not rely on it as verified.".to_string(),
        ),
        Some(Verdict::CouldNotCheck) => (
            "unchecked",
            "Could not check",
            "A check this credential needs could not be made: it is not verified.".to_string(),
        ),
        Some(Verdict::Failed) => (
            "failed",
            "Not valid",
            report
                .and_then(|r| r.checks.iter().find(|c| matches!(c.outcome, Outcome::Failed(_))))
                .map(|c| format!("The {} check failed: {}", c.name.label(), c.outcome.reason()))
                .unwrap_or_else(|| "A check failed.".to_string()),
        ),
        None => (
            "unchecked",
            "Not verified",
            "This page shows what the credential claims; it was not verified.".to_string(),
        ),
    };
    let _ = writeln!(
        out,
        "<div class=\"banner {class}\" role=\"status\"><strong>{headline}</strong>{}</div>",
        text(&sentence)
    );
}

fn party(out: &mut String, label: &str, party: Option<&Party>) {
    let Some(p) = party else { return };
    let mut value = p.name.clone().or_else(|| p.id.clone()).unwrap_or_default();
    if let Some(country) = &p.country {
        value.push_str(&format!(" ({country})"));
    }
    if !value.is_empty() {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", text(label), text(&value));
    }
}

fn parties(out: &mut String, c: &CredentialSummary, bodies: &[String]) {
    out.push_str("<dl>\n");
    party(out, "Awarded to", c.learner.as_ref());
    if let Some(born) = c.learner.as_ref().and_then(|l| l.date_of_birth.as_ref()) {
        let _ = writeln!(out, "<dt>Date of birth</dt><dd>{}</dd>", text(born));
    }
    party(out, "Issued by", c.issuer.as_ref());
    for body in bodies {
        let _ = writeln!(out, "<dt>Awarding body</dt><dd>{}</dd>", text(body));
    }
    for (label, value) in [
        ("Issued", &c.issued),
        ("Valid from", &c.valid_from),
        ("Valid until", &c.valid_until),
    ] {
        if let Some(v) = value {
            let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", text(v));
        }
    }
    out.push_str("</dl>\n");
}

fn claims(out: &mut String, claims: &[ClaimSummary]) {
    if claims.is_empty() {
        return;
    }
    out.push_str("<h2>What was achieved</h2>\n");
    for claim in claims {
        one_claim(out, claim, 3);
    }
}

fn one_claim(out: &mut String, claim: &ClaimSummary, level: usize) {
    let level = level.min(6);
    out.push_str("<section class=\"claim\">\n");
    let _ = writeln!(
        out,
        "<h{level}>{}</h{level}>",
        text(claim.title.as_deref().unwrap_or(claim.class))
    );
    let mut facts = Vec::new();
    if let Some(s) = &claim.specification {
        facts.push(("Specification", s.clone()));
    }
    if let Some(e) = &claim.ects {
        facts.push(("ECTS credits", e.clone()));
    }
    if let Some(v) = &claim.volume_of_learning {
        facts.push(("Volume of learning", v.clone()));
    }
    if let Some(e) = &claim.eqf {
        facts.push(("EQF level", e.clone()));
    }
    if !claim.grades.is_empty() {
        facts.push(("Grade", claim.grades.join(", ")));
    }
    if !facts.is_empty() {
        out.push_str("<dl>\n");
        for (label, value) in facts {
            let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", text(&value));
        }
        out.push_str("</dl>\n");
    }
    if !claim.outcomes.is_empty() {
        out.push_str("<p><strong>Learning outcomes</strong></p>\n<ul>\n");
        for o in &claim.outcomes {
            let _ = writeln!(out, "<li>{}</li>", text(o));
        }
        out.push_str("</ul>\n");
    }
    for part in &claim.parts {
        one_claim(out, part, level + 1);
    }
    out.push_str("</section>\n");
}

fn micro_credential(out: &mut String, c: &CredentialSummary) {
    if c.micro_credential.elements.is_empty() {
        return;
    }
    out.push_str("<h2>Micro-credential elements</h2>\n<table>\n<caption>The elements of the EU's Recommendation on micro-credentials (2022)</caption>\n<thead><tr><th scope=\"col\">Element</th><th scope=\"col\">In this credential</th></tr></thead>\n<tbody>\n");
    for element in &c.micro_credential.elements {
        let present = element.is_present();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td class=\"{}\">{}</td></tr>",
            text(element.element.name()),
            if present { "present" } else { "missing" },
            if present { "present" } else { "missing" }
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn checks(out: &mut String, report: &Report) {
    out.push_str("<h2>Verification</h2>\n<table>\n<caption>The checks the Europass viewer shows</caption>\n<thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Result</th><th scope=\"col\">Why</th></tr></thead>\n<tbody>\n");
    for check in &report.checks {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            text(check.name.label()),
            text(check.outcome.label()),
            text(check.outcome.reason())
        );
    }
    out.push_str("</tbody>\n</table>\n");
}

fn as_issued(out: &mut String, document: &Document, language: &str) {
    let json = document.json_ld();
    let templates = svg_renderings(&json);
    if !templates.is_empty() {
        out.push_str("<section class=\"as-issued\">\n<h2>As its issuer renders it</h2>\n");
        for (i, uri) in templates.iter().enumerate() {
            let _ = writeln!(
                out,
                "<img src=\"{}\" alt=\"The credential rendered with its issuer's template {}\">",
                attribute(uri),
                i + 1
            );
        }
        out.push_str("</section>\n");
    }
    let pages = page_images(&json, language);
    if pages.is_empty() {
        return;
    }
    out.push_str("<section class=\"as-issued\">\n<h2>As issued</h2>\n<p>The pages the issuer put in the credential (its own display; what is above is read from the credential's data).</p>\n");
    for page in &pages {
        let _ = writeln!(
            out,
            "<img src=\"{}\" alt=\"Page {} of the credential as its issuer displays it{}\">",
            attribute(&page.data_uri),
            page.page,
            page.language
                .as_ref()
                .map(|l| format!(" ({})", text(l)))
                .unwrap_or_default()
        );
    }
    out.push_str("</section>\n");
}
