//! Human-readable rendering of a document summary.

use edc_model::{ClaimSummary, CredentialSummary, Obligation, Party, Summary};
use std::fmt::Write;

/// Renders a summary as the text `edc inspect` prints.
pub fn render(file: &str, summary: &Summary) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "{file}: {}", summary.envelope);
    for (i, s) in summary.signatures.iter().enumerate() {
        let _ = write!(out, "  signature {}: ", i + 1);
        match &s.unreadable {
            Some(why) => {
                let _ = writeln!(out, "unreadable protected header: {why}");
            }
            None => {
                let _ = writeln!(
                    out,
                    "{}, sigT {} (the signer's own claim; nothing is verified here: `edc verify` checks seals){}",
                    s.alg.as_deref().unwrap_or("no alg"),
                    s.signing_time.as_deref().unwrap_or("an unstated time"),
                    if s.unsigned_properties.is_empty() {
                        String::new()
                    } else {
                        format!(
                            "; unsigned properties: {}",
                            s.unsigned_properties.join(", ")
                        )
                    }
                );
            }
        }
    }
    if let Some(holder) = &summary.holder {
        let _ = writeln!(out, "  holder: {holder}");
    }
    match &summary.credential {
        Some(c) => credential(&mut out, c),
        None => {
            let _ = writeln!(out, "  (no credential inside)");
        }
    }
    out
}

fn party(p: &Option<Party>) -> String {
    let Some(p) = p else { return "—".into() };
    let mut s = p.name.clone().unwrap_or_else(|| "(no name)".into());
    if let Some(id) = &p.id {
        let _ = write!(s, " <{id}>");
    }
    if let Some(dob) = &p.date_of_birth {
        let _ = write!(s, ", born {dob}");
    }
    if let Some(eidas) = &p.eidas_identifier {
        let _ = write!(s, ", eIDAS {eidas}");
    }
    if let Some(country) = &p.country {
        let _ = write!(s, ", {country}");
    }
    s
}

fn credential(out: &mut String, c: &CredentialSummary) {
    let or_dash = |v: &Option<String>| v.clone().unwrap_or_else(|| "—".into());
    let _ = writeln!(out, "\nCredential   {}", or_dash(&c.id));
    let _ = writeln!(out, "  type       {}", c.types.join(", "));
    let _ = writeln!(out, "  title      {}", or_dash(&c.title));
    let _ = writeln!(out, "  learner    {}", party(&c.learner));
    let _ = writeln!(out, "  issuer     {}", party(&c.issuer));
    let _ = writeln!(out, "  issued     {}", or_dash(&c.issued));
    let _ = writeln!(
        out,
        "  valid      from {} until {}",
        or_dash(&c.valid_from),
        c.valid_until.clone().unwrap_or_else(|| "(no end)".into())
    );
    if !c.profiles.is_empty() {
        let _ = writeln!(out, "  profile    {}", c.profiles.join(", "));
    }
    if !c.schemas.is_empty() {
        let _ = writeln!(out, "  schema     {}", c.schemas.join(", "));
    }
    if !c.claims.is_empty() {
        let _ = writeln!(out, "\nClaims");
        for (i, claim) in c.claims.iter().enumerate() {
            claim_lines(out, claim, &format!("{}.", i + 1), 2);
        }
    }
    let _ = writeln!(
        out,
        "\nMicro-credential elements (EU Recommendation 2022, Annex I)"
    );
    for status in &c.micro_credential.elements {
        let mark = match (status.is_present(), status.element.obligation()) {
            (true, _) => "✓",
            (false, Obligation::Mandatory) => "✗",
            (false, Obligation::Optional) => "–",
        };
        let place = match status.paths.as_slice() {
            [] => "missing".to_string(),
            [one] => one.clone(),
            [first, rest @ ..] => format!("{first} (+{} more)", rest.len()),
        };
        let _ = writeln!(
            out,
            "  {mark} {:>2} {:<58} {place}",
            status.element.number(),
            status.element.name()
        );
    }
    let missing = c.micro_credential.missing_mandatory();
    let _ = writeln!(
        out,
        "  {} of 11 mandatory elements present",
        11 - missing.len()
    );
    if !c.unknown_members.is_empty() {
        let _ = writeln!(
            out,
            "\nMembers the ELM model does not define (kept as written):"
        );
        for p in &c.unknown_members {
            let _ = writeln!(out, "  {p}");
        }
    }
}

fn claim_lines(out: &mut String, claim: &ClaimSummary, label: &str, indent: usize) {
    let pad = " ".repeat(indent);
    let _ = writeln!(
        out,
        "{pad}{label} {} \u{201c}{}\u{201d}",
        claim.class,
        claim.title.as_deref().unwrap_or("untitled")
    );
    let pad = " ".repeat(indent + label.len() + 1);
    let mut facts = Vec::new();
    if let Some(spec) = &claim.specification {
        facts.push(spec.clone());
    }
    if let Some(ects) = &claim.ects {
        facts.push(format!("{ects} ECTS"));
    }
    if let Some(volume) = &claim.volume_of_learning {
        facts.push(format!("workload {volume}"));
    }
    if let Some(eqf) = &claim.eqf {
        facts.push(format!("EQF {eqf}"));
    }
    if !claim.grades.is_empty() {
        facts.push(format!("grade {}", claim.grades.join(", ")));
    }
    if !facts.is_empty() {
        let _ = writeln!(out, "{pad}{}", facts.join(" · "));
    }
    for outcome in &claim.outcomes {
        let _ = writeln!(out, "{pad}- {outcome}");
    }
    for (i, part) in claim.parts.iter().enumerate() {
        claim_lines(out, part, &format!("{label}{}.", i + 1), indent + 2);
    }
}
