//! The W3C Verifiable Credentials data-model rules (VC 1.1 and 2.0) that JSON-LD processing
//! alone does not enforce: base context first, required types, identifiers that are URLs, date
//! formats, typed status/schema/evidence entries, language value objects, holders.
//!
//! The rules read a document as an issuer hands it out or a holder presents it. Whether the
//! credential names an issuer at all is the issuer check's business, not the format's (the W3C
//! suite's inputs leave it to the issuer under test).

use edc_context::JsonView;
use edc_model::DateTime;
use serde_json::Value;

/// The VC 2.0 base context.
pub const VC_V2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";
/// The VC 1.1 base context.
pub const VC_V1_CONTEXT: &str = "https://www.w3.org/2018/credentials/v1";

/// One broken rule: where (JSON pointer) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleViolation {
    /// JSON pointer of the offending member.
    pub pointer: String,
    /// What is wrong and what is expected.
    pub message: String,
}

impl std::fmt::Display for RuleViolation {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let at = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{at}: {}", self.message)
    }
}

/// Which data model a document follows, read from its first context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V1,
    V2,
}

struct Rules {
    violations: Vec<RuleViolation>,
}

impl Rules {
    fn violation(&mut self, pointer: &str, message: impl Into<String>) {
        self.violations.push(RuleViolation {
            pointer: pointer.to_string(),
            message: message.into(),
        });
    }
}

/// Checks a credential or presentation (JSON) against the data-model rules; empty when it keeps
/// them all.
pub fn check(document: &Value) -> Vec<RuleViolation> {
    check_view(JsonView::of(document))
}

/// [`check`] through a view (of a document perhaps read folded).
pub fn check_view(document: JsonView<'_>) -> Vec<RuleViolation> {
    let mut rules = Rules {
        violations: Vec::new(),
    };
    check_at(&mut rules, document, "");
    rules.violations
}

fn check_at(rules: &mut Rules, object: JsonView<'_>, at: &str) {
    if !object.is_object() {
        rules.violation(at, "a credential or presentation is a JSON object");
        return;
    }
    let contexts_here = object.get("@context").map(JsonView::cow);
    let Some(version) = contexts(rules, contexts_here.as_deref(), at) else {
        return;
    };
    let type_here = object.get("type").map(JsonView::cow);
    let types = strings(type_here.as_deref());
    let presentation = types.iter().any(|t| t == "VerifiablePresentation");
    match object.get("type") {
        None => rules.violation(at, "`type` is missing"),
        Some(_) if types.is_empty() => rules.violation(
            &format!("{at}/type"),
            "`type` must be a string or an array of strings",
        ),
        Some(_) if !presentation && !types.iter().any(|t| t == "VerifiableCredential") => rules
            .violation(
                &format!("{at}/type"),
                "`type` must include VerifiableCredential (or VerifiablePresentation)",
            ),
        Some(_) => {}
    }
    if let Some(id) = object.get("id") {
        url(rules, &id.cow(), &format!("{at}/id"), "`id`");
    }
    for member in ["name", "description"] {
        if let Some(value) = object.get(member) {
            language_values(rules, &value.cow(), &format!("{at}/{member}"));
        }
    }
    if presentation {
        check_presentation(rules, object, at);
    } else {
        check_credential(rules, object, at, version);
    }
}

/// The `@context` rules; the data model version, or None when the contexts are unusable.
fn contexts(rules: &mut Rules, contexts: Option<&Value>, at: &str) -> Option<Version> {
    let pointer = format!("{at}/@context");
    let items: Vec<&Value> = match contexts {
        None => {
            rules.violation(
                at,
                format!("`@context` is missing; its first item must be {VC_V2_CONTEXT} (VC 2.0) or {VC_V1_CONTEXT} (VC 1.1)"),
            );
            return None;
        }
        Some(Value::Array(items)) => items.iter().collect(),
        Some(single) => vec![single],
    };
    let version = match items.first().and_then(|v| v.as_str()) {
        Some(VC_V2_CONTEXT) => Version::V2,
        Some(VC_V1_CONTEXT) => Version::V1,
        _ => {
            rules.violation(
                &format!("{pointer}/0"),
                format!("the first context must be {VC_V2_CONTEXT} (VC 2.0) or {VC_V1_CONTEXT} (VC 1.1)"),
            );
            return None;
        }
    };
    for (i, item) in items.iter().enumerate().skip(1) {
        let here = format!("{pointer}/{i}");
        match item {
            Value::String(s) if edc_context::is_absolute_iri(s) => {}
            Value::String(s) => rules.violation(&here, format!("`{s}` is not a URL")),
            Value::Object(map) => {
                if map.contains_key("@base") {
                    rules.violation(
                        &format!("{here}/@base"),
                        "an embedded `@base` changes what relative identifiers mean; remove it",
                    );
                }
            }
            other => rules.violation(
                &here,
                format!("a context is a URL or an object, not {other}"),
            ),
        }
    }
    Some(version)
}

fn check_credential(rules: &mut Rules, credential: JsonView<'_>, at: &str, version: Version) {
    match credential.get("issuer") {
        None => {}
        Some(issuer) if issuer.is_object() => {
            if let Some(id) = issuer.get("id") {
                url(
                    rules,
                    &id.cow(),
                    &format!("{at}/issuer/id"),
                    "the issuer's `id`",
                );
            }
            for member in ["name", "description"] {
                if let Some(value) = issuer.get(member) {
                    language_values(rules, &value.cow(), &format!("{at}/issuer/{member}"));
                }
            }
        }
        Some(other) => url(rules, &other.cow(), &format!("{at}/issuer"), "`issuer`"),
    }
    match credential.get("credentialSubject") {
        None => rules.violation(at, "`credentialSubject` is missing"),
        Some(subjects) => each_object(
            rules,
            subjects,
            &format!("{at}/credentialSubject"),
            |rules, subject, here| {
                if subject.entries().next().is_none() {
                    rules.violation(
                        here,
                        "a credential subject makes at least one claim (or has an `id`)",
                    );
                }
                if let Some(id) = subject.get("id") {
                    url(
                        rules,
                        &id.cow(),
                        &format!("{here}/id"),
                        "the subject's `id`",
                    );
                }
            },
        ),
    }
    let (from, until) = match version {
        Version::V2 => ("validFrom", "validUntil"),
        Version::V1 => ("issuanceDate", "expirationDate"),
    };
    let start = date_time(rules, credential, at, from, version);
    let end = date_time(rules, credential, at, until, version);
    if let (Some(start), Some(end)) = (start, end) {
        if end < start {
            rules.violation(
                &format!("{at}/{until}"),
                format!("`{until}` is before `{from}`"),
            );
        }
    }
    if version == Version::V1 && credential.get("issuanceDate").is_none() {
        rules.violation(at, "a VC 1.1 credential needs `issuanceDate`");
    }
    for member in [
        "credentialStatus",
        "credentialSchema",
        "evidence",
        "refreshService",
        "termsOfUse",
        "proof",
    ] {
        let Some(entries) = credential.get(member) else {
            continue;
        };
        each_object(
            rules,
            entries,
            &format!("{at}/{member}"),
            |rules, entry, here| {
                typed_entry(rules, entry, here, member == "credentialSchema");
                if member == "credentialStatus" {
                    bitstring_entry(rules, entry, here);
                }
            },
        );
    }
    if let Some(resources) = credential.get("relatedResource") {
        related_resources(rules, resources, &format!("{at}/relatedResource"));
    }
}

/// Bitstring Status List §2.1: a `BitstringStatusListEntry` has a string `statusPurpose`, a
/// `statusListIndex` that is a base-10 integer ≥ 0 written as a string, a
/// `statusListCredential` URL, and, if present, a `statusSize` integer above zero (above one:
/// with `statusMessage`, objects with `status` and `message` strings).
fn bitstring_entry(rules: &mut Rules, entry: JsonView<'_>, here: &str) {
    if entry.get("type").and_then(JsonView::as_str) != Some("BitstringStatusListEntry") {
        return;
    }
    if entry
        .get("statusPurpose")
        .is_none_or(|p| p.as_str().is_none())
    {
        rules.violation(
            here,
            "a BitstringStatusListEntry needs a `statusPurpose` string",
        );
    }
    match entry.get("statusListIndex").and_then(JsonView::as_str) {
        Some(i)
            if !i.is_empty()
                && i.bytes().all(|b| b.is_ascii_digit())
                && (i == "0" || !i.starts_with('0')) => {}
        _ => rules.violation(
            &format!("{here}/statusListIndex"),
            "`statusListIndex` is a whole number ≥ 0 written as a base-10 string (\"94567\")",
        ),
    }
    match entry.get("statusListCredential") {
        Some(url_value) => url(
            rules,
            &url_value.cow(),
            &format!("{here}/statusListCredential"),
            "`statusListCredential`",
        ),
        None => rules.violation(
            here,
            "a BitstringStatusListEntry needs a `statusListCredential` URL",
        ),
    }
    let size = entry.get("statusSize").map(|s| s.cow().as_u64());
    if let Some(size) = size {
        if size.is_none_or(|s| s == 0) {
            rules.violation(
                &format!("{here}/statusSize"),
                "`statusSize` is an integer above zero",
            );
        }
    }
    match entry.get("statusMessage") {
        None if size.flatten().is_some_and(|s| s > 1) => rules.violation(
            here,
            "a `statusSize` above 1 needs `statusMessage` (what each value means)",
        ),
        None => {}
        Some(messages) if !messages.is_array() => rules.violation(
            &format!("{here}/statusMessage"),
            "`statusMessage` is an array",
        ),
        Some(messages) => {
            for (i, m) in messages.items().enumerate() {
                let ok = m.get("status").is_some_and(|s| s.as_str().is_some())
                    && m.get("message").is_some_and(|s| s.as_str().is_some());
                if !ok {
                    rules.violation(
                        &format!("{here}/statusMessage/{i}"),
                        "each status message has `status` and `message` strings",
                    );
                }
            }
        }
    }
}

/// VC 2.0 §5.3: each related resource is an object with an `id` (a URL, unique among them)
/// and a `digestSRI` or `digestMultibase`.
fn related_resources(rules: &mut Rules, resources: JsonView<'_>, here: &str) {
    let mut seen: Vec<String> = Vec::new();
    each_object(rules, resources, here, |rules, resource, at| {
        match resource.get("id") {
            None => rules.violation(at, "a related resource needs an `id` (its URL)"),
            Some(id) => {
                let id = id.cow();
                url(
                    rules,
                    &id,
                    &format!("{at}/id"),
                    "the related resource's `id`",
                );
                if let Some(text) = id.as_str() {
                    if seen.iter().any(|s| s == text) {
                        rules.violation(
                            &format!("{at}/id"),
                            format!("the related resource {text} is listed twice"),
                        );
                    }
                    seen.push(text.to_string());
                }
            }
        }
        if resource.get("digestSRI").is_none() && resource.get("digestMultibase").is_none() {
            rules.violation(
                at,
                "a related resource needs a `digestSRI` or a `digestMultibase`",
            );
        }
    });
}

/// A status, schema, evidence, refresh, terms-of-use or proof entry: a `type` (strings), an
/// `id` that is one URL (required for schemas).
fn typed_entry(rules: &mut Rules, entry: JsonView<'_>, here: &str, id_required: bool) {
    match entry.get("type") {
        None => rules.violation(here, "the entry has no `type`"),
        Some(t) if strings(Some(&t.cow())).is_empty() => rules.violation(
            &format!("{here}/type"),
            "`type` must be a string or an array of strings",
        ),
        Some(_) => {}
    }
    match entry.get("id") {
        Some(id) => url(rules, &id.cow(), &format!("{here}/id"), "the entry's `id`"),
        None if id_required => rules.violation(here, "the entry has no `id`"),
        None => {}
    }
}

fn check_presentation(rules: &mut Rules, presentation: JsonView<'_>, at: &str) {
    match presentation.get("holder") {
        None => {}
        Some(holder) if holder.is_object() => match holder.get("id") {
            Some(id) => url(
                rules,
                &id.cow(),
                &format!("{at}/holder/id"),
                "the holder's `id`",
            ),
            None => rules.violation(&format!("{at}/holder"), "a holder object needs an `id` URL"),
        },
        Some(other) => url(rules, &other.cow(), &format!("{at}/holder"), "`holder`"),
    }
    let Some(credentials) = presentation.get("verifiableCredential") else {
        return;
    };
    for (i, item) in credentials.each().enumerate() {
        let here = format!("{at}/verifiableCredential/{i}");
        if !item.is_object() {
            rules.violation(
                &here,
                "a presented credential is an object (a secured credential, or an EnvelopedVerifiableCredential)",
            );
            continue;
        };
        let type_here = item.get("type").map(JsonView::cow);
        let types = strings(type_here.as_deref());
        if types.iter().any(|t| t == "EnvelopedVerifiableCredential") {
            match item.get("id").and_then(JsonView::as_str) {
                Some(id) if id.starts_with("data:") => {}
                _ => rules.violation(
                    &format!("{here}/id"),
                    "an enveloped credential's `id` is a data: URL carrying the secured credential",
                ),
            }
        } else {
            check_at(rules, item, &here);
        }
    }
}

/// A value that must be a single URL.
fn url(rules: &mut Rules, value: &Value, here: &str, what: &str) {
    match value {
        Value::String(s) if edc_context::is_absolute_iri(s) => {}
        Value::String(s) => rules.violation(here, format!("{what} `{s}` is not a URL")),
        Value::Array(_) => rules.violation(here, format!("{what} must be one URL, not several")),
        other => rules.violation(here, format!("{what} must be a URL, not {other}")),
    }
}

/// A string, a language value object (`@value`, `@language`, `@direction` only), or an array of
/// those. Objects without `@value` (language maps of other contexts) are JSON-LD's business.
fn language_values(rules: &mut Rules, value: &Value, here: &str) {
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                language_values(rules, item, &format!("{here}/{i}"));
            }
        }
        Value::Object(map) if map.contains_key("@value") => {
            for key in map.keys() {
                if !matches!(key.as_str(), "@value" | "@language" | "@direction") {
                    rules.violation(
                        &format!("{here}/{key}"),
                        format!("a language value has only @value, @language and @direction; remove `{key}`"),
                    );
                }
            }
        }
        _ => {}
    }
}

/// A date-time member: VC 2.0 wants `xsd:dateTimeStamp` (with a time zone), VC 1.1 an
/// `xsd:dateTime`. Returns the instant when it is valid.
fn date_time(
    rules: &mut Rules,
    credential: JsonView<'_>,
    at: &str,
    member: &str,
    version: Version,
) -> Option<i64> {
    let value = credential.get(member)?;
    let here = format!("{at}/{member}");
    let Some(text) = value.as_str() else {
        rules.violation(&here, format!("`{member}` must be a date-time string"));
        return None;
    };
    match DateTime::parse(text) {
        Ok(_) if !text.contains('T') => {
            rules.violation(
                &here,
                format!("`{text}` is a date; `{member}` needs a date-time (YYYY-MM-DDThh:mm:ssZ)"),
            );
            None
        }
        Ok(d) if version == Version::V2 && !d.has_timezone() => {
            rules.violation(
                &here,
                format!("`{text}` has no time zone; VC 2.0 needs one (Z or ±hh:mm)"),
            );
            None
        }
        Ok(d) => Some(d.unix_seconds()),
        Err(e) => {
            rules.violation(&here, format!("`{text}` is not a date-time: {e}"));
            None
        }
    }
}

/// Calls `f` on each object of a one-or-many member; reports members that are not objects.
fn each_object<'a>(
    rules: &mut Rules,
    value: JsonView<'a>,
    here: &str,
    mut f: impl FnMut(&mut Rules, JsonView<'a>, &str),
) {
    if value.is_object() {
        f(rules, value, here);
    } else if value.is_array() && value.items().next().is_some() {
        for (i, item) in value.items().enumerate() {
            let at = format!("{here}/{i}");
            if item.is_object() {
                f(rules, item, &at);
            } else {
                rules.violation(&at, "expected an object");
            }
        }
    } else if value.is_array() {
        rules.violation(here, "must not be empty");
    } else {
        rules.violation(here, format!("expected an object, not {value}"));
    }
}

/// The strings of a string-or-array member (empty when it is neither).
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => {
            let strings: Vec<String> = items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            if strings.len() == items.len() {
                strings
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}
