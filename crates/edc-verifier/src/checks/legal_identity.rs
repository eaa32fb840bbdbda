//! Is the organisation that sealed the credential its issuer? The seal certificate names it by an
//! ETSI EN 319 412-1 (§5.1.4) semantics identifier in `organizationIdentifier`: a 3-letter type
//! (`VAT`, `NTR`, `PSD`, `LEI`) or a 2-letter national scheme followed by `:`, then the 2-letter
//! country, `-`, and the identifier (`NTREE-17207834`, `VATBE-0123456789`, `LEIXG-…`,
//! `EI:SE-1234567890`). The credential names its issuer by `eIDASIdentifier`, `legalIdentifier`
//! or `vatIdentifier` nodes: a `notation` — the same form, or the bare number — and usually a
//! country (`spatial`). They are compared by meaning, not as strings.

use serde_json::Value;

/// An organisation identifier in ETSI EN 319 412-1 form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SemanticsId {
    /// `VAT`, `NTR`, `PSD`, `LEI`, or a national scheme's two letters (written with `:`).
    pub scheme: String,
    /// ISO 3166-1 alpha-2 (`XG` for global LEIs; `EL` for Greece as VAT numbers write it).
    pub country: String,
    /// The identifier within the scheme and country.
    pub value: String,
}

/// Parses `VATBE-0123456789`, `EI:SE-1234567890` and the like; `None` for anything else.
pub(crate) fn parse_semantics_id(text: &str) -> Option<SemanticsId> {
    let text = text.trim();
    let (scheme, rest) = if text.as_bytes().get(2) == Some(&b':') {
        let scheme = &text[..2];
        scheme
            .bytes()
            .all(|b| b.is_ascii_uppercase())
            .then_some((scheme, &text[3..]))?
    } else {
        let scheme = text.get(..3)?;
        matches!(scheme, "VAT" | "NTR" | "PSD" | "LEI").then_some((scheme, &text[3..]))?
    };
    let country = rest.get(..2)?;
    if !country.bytes().all(|b| b.is_ascii_uppercase()) || rest.as_bytes().get(2) != Some(&b'-') {
        return None;
    }
    let value = &rest[3..];
    if value.is_empty() {
        return None;
    }
    Some(SemanticsId {
        scheme: scheme.to_string(),
        country: country.to_string(),
        value: value.to_string(),
    })
}

/// One identifier the credential gives its issuer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ClaimedId {
    /// The notation as written.
    pub notation: String,
    /// The country it names (`spatial`), as ISO 3166-1 alpha-2, if it names one edc knows.
    pub country: Option<String>,
    /// Which member held it (`eIDASIdentifier`, `legalIdentifier`, `vatIdentifier`).
    pub member: &'static str,
}

/// What comparing the sealer with the issuer established.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Identity {
    /// The same legal person; the sentence says by which identifier.
    Same(String),
    /// Provably another legal person.
    Different(String),
    /// The identifiers do not say (other schemes, no country): what is missing.
    CannotTell(String),
}

/// The identifiers the issuer node gives itself.
pub(crate) fn claimed_ids(issuer: &Value) -> Vec<ClaimedId> {
    let mut out = Vec::new();
    for member in ["eIDASIdentifier", "legalIdentifier", "vatIdentifier"] {
        let nodes: Vec<&Value> = match issuer.get(member) {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(node) => vec![node],
            None => Vec::new(),
        };
        for node in nodes {
            let notation = match node {
                Value::String(s) => Some(s.as_str()),
                node => node.get("notation").and_then(Value::as_str),
            };
            let Some(notation) = notation else { continue };
            let country = node
                .get("spatial")
                .and_then(|s| s.get("id").or(Some(s)))
                .and_then(Value::as_str)
                .and_then(country_of);
            out.push(ClaimedId {
                notation: notation.to_string(),
                country,
                member,
            });
        }
    }
    out
}

/// The alpha-2 code of an EU country authority IRI (`…/country/EST`) or of a bare alpha-3 or
/// alpha-2 code.
fn country_of(text: &str) -> Option<String> {
    let code = text.rsplit('/').next().unwrap_or(text).to_ascii_uppercase();
    if code.len() == 2 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        return Some(code);
    }
    edc_model::vocab::country_alpha2(&code).map(str::to_string)
}

/// The same country, Greece's VAT prefix `EL` being `GR`.
fn same_country(a: &str, b: &str) -> bool {
    let norm = |c: &str| {
        if c == "EL" {
            "GR".to_string()
        } else {
            c.to_string()
        }
    };
    norm(a) == norm(b)
}

/// An identifier's digits and letters only, upper case (`BE 0123.456.789` = `BE0123456789`).
fn normalise(value: &str) -> String {
    value
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// Compares the certificate's `organizationIdentifier` with what the credential claims.
pub(crate) fn compare(certificate: &str, claimed: &[ClaimedId]) -> Identity {
    if claimed.is_empty() {
        return Identity::CannotTell("the issuer gives no identifier".into());
    }
    let Some(sealer) = parse_semantics_id(certificate) else {
        // Not in ETSI form: only the same text can say it is the same.
        return match claimed
            .iter()
            .find(|c| normalise(&c.notation) == normalise(certificate))
        {
            Some(c) => Identity::Same(format!("{} {} names it", c.member, c.notation)),
            None => Identity::CannotTell(format!(
                "the seal certificate's organizationIdentifier {certificate} is not an ETSI EN 319 412-1 identifier, and no identifier of the issuer is written the same way"
            )),
        };
    };
    let mut cannot_tell = Vec::new();
    let mut different = Vec::new();
    for claim in claimed {
        match compare_one(&sealer, claim) {
            Identity::Same(why) => return Identity::Same(why),
            Identity::Different(why) => different.push(why),
            Identity::CannotTell(why) => cannot_tell.push(why),
        }
    }
    if !cannot_tell.is_empty() {
        return Identity::CannotTell(cannot_tell.join("; "));
    }
    Identity::Different(different.join("; "))
}

fn compare_one(sealer: &SemanticsId, claim: &ClaimedId) -> Identity {
    let who = format!("{} {}", claim.member, claim.notation);
    let value = normalise(&sealer.value);
    if let Some(written) = parse_semantics_id(&claim.notation) {
        let same = written.scheme == sealer.scheme
            && same_country(&written.country, &sealer.country)
            && normalise(&written.value) == value;
        if same {
            return Identity::Same(format!("{who} is the seal's organisation"));
        }
        if written.scheme == sealer.scheme {
            return Identity::Different(format!(
                "{who} is another {} identifier than the seal's ({}{}-{})",
                sealer.scheme, sealer.scheme, sealer.country, sealer.value
            ));
        }
        return Identity::CannotTell(format!(
            "{who} is a {} identifier and the seal's is a {} one",
            written.scheme, sealer.scheme
        ));
    }
    // A bare notation: the identifier alone (a VAT number may start with its country code).
    let notation = normalise(&claim.notation);
    let bare = notation
        .strip_prefix(sealer.country.as_str())
        .filter(|_| sealer.scheme == "VAT")
        .unwrap_or(&notation);
    match (&claim.country, bare == value || notation == value) {
        (Some(country), true) if same_country(country, &sealer.country) => Identity::Same(format!(
            "{who} in {country} is the seal's organisation ({}{}-{})",
            sealer.scheme, sealer.country, sealer.value
        )),
        (Some(country), _) if !same_country(country, &sealer.country) && claim.member == "eIDASIdentifier" => {
            Identity::Different(format!(
                "{who} is registered in {country}, the seal's organisation in {}",
                sealer.country
            ))
        }
        (None, true) => Identity::CannotTell(format!(
            "{who} has the seal's number but names no country (spatial) to say it is the same registration as {}{}-{}",
            sealer.scheme, sealer.country, sealer.value
        )),
        _ => Identity::CannotTell(format!(
            "{who} does not say in which scheme it is written, and is not the number of the seal's {} identifier",
            sealer.scheme
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(scheme: &str, country: &str, value: &str) -> Option<SemanticsId> {
        Some(SemanticsId {
            scheme: scheme.into(),
            country: country.into(),
            value: value.into(),
        })
    }

    /// Every form of ETSI EN 319 412-1 §5.1.4 for legal persons, and what is not one.
    #[test]
    fn parses_the_standard_forms() {
        assert_eq!(
            parse_semantics_id("VATBE-0123456789"),
            id("VAT", "BE", "0123456789")
        );
        assert_eq!(
            parse_semantics_id("NTREE-17207834"),
            id("NTR", "EE", "17207834")
        );
        assert_eq!(
            parse_semantics_id("PSDBE-NBB-1234.567.890"),
            id("PSD", "BE", "NBB-1234.567.890")
        );
        assert_eq!(
            parse_semantics_id("LEIXG-5493001KJTIIGC8Y1R12"),
            id("LEI", "XG", "5493001KJTIIGC8Y1R12")
        );
        assert_eq!(
            parse_semantics_id("VATEL-123456789"),
            id("VAT", "EL", "123456789")
        );
        // A national scheme: two letters and a colon.
        assert_eq!(
            parse_semantics_id("EI:SE-1234567890"),
            id("EI", "SE", "1234567890")
        );
        for not_one in [
            "17207834",
            "VAT-BE0123456789",
            "XYZBE-1",
            "VATBE0123456789",
            "VATbe-1",
            "NTREE-",
            "e1:SE-1",
            "",
            "NT",
        ] {
            assert_eq!(parse_semantics_id(not_one), None, "{not_one}");
        }
    }

    fn claim(notation: &str, country: Option<&str>, member: &'static str) -> ClaimedId {
        ClaimedId {
            notation: notation.into(),
            country: country.map(str::to_string),
            member,
        }
    }

    #[test]
    fn same_legal_person_by_meaning() {
        let eidas = "eIDASIdentifier";
        // The production case: a bare number and the country.
        assert!(matches!(
            compare("NTREE-17207834", &[claim("17207834", Some("EE"), eidas)]),
            Identity::Same(_)
        ));
        // Written the same way, or with spaces and dots.
        assert!(matches!(
            compare(
                "VATBE-0123456789",
                &[claim("VATBE-0123.456.789", None, eidas)]
            ),
            Identity::Same(_)
        ));
        // A VAT number with its country prefix.
        assert!(matches!(
            compare(
                "VATSE-202100287401",
                &[claim("SE202100287401", Some("SE"), "vatIdentifier")]
            ),
            Identity::Same(_)
        ));
        // Greece writes EL in VAT numbers.
        assert!(matches!(
            compare("VATEL-094019245", &[claim("094019245", Some("GR"), eidas)]),
            Identity::Same(_)
        ));
        // One identifier of several is enough.
        assert!(matches!(
            compare(
                "NTREE-17207834",
                &[
                    claim("EE100000000", Some("EE"), "vatIdentifier"),
                    claim("17207834", Some("EE"), "legalIdentifier")
                ]
            ),
            Identity::Same(_)
        ));
        // A national scheme.
        assert!(matches!(
            compare(
                "EI:SE-1234567890",
                &[claim("EI:SE-1234567890", None, eidas)]
            ),
            Identity::Same(_)
        ));
    }

    #[test]
    fn provably_another_legal_person() {
        let eidas = "eIDASIdentifier";
        assert!(matches!(
            compare("NTREE-17207834", &[claim("NTREE-99999999", None, eidas)]),
            Identity::Different(_)
        ));
        assert!(matches!(
            compare("NTREE-17207834", &[claim("NTRLV-17207834", None, eidas)]),
            Identity::Different(_)
        ));
        // The same number registered in another country.
        assert!(matches!(
            compare("NTREE-17207834", &[claim("17207834", Some("LV"), eidas)]),
            Identity::Different(_)
        ));
    }

    #[test]
    fn cannot_tell_says_why() {
        let eidas = "eIDASIdentifier";
        // Another scheme: a VAT number against a trade-register number.
        let Identity::CannotTell(why) =
            compare("NTREE-17207834", &[claim("VATEE-100000000", None, eidas)])
        else {
            panic!("another scheme")
        };
        assert!(
            why.contains("VAT identifier and the seal's is a NTR one"),
            "{why}"
        );
        // The number, but no country.
        let Identity::CannotTell(why) =
            compare("NTREE-17207834", &[claim("17207834", None, eidas)])
        else {
            panic!("no country")
        };
        assert!(why.contains("names no country"), "{why}");
        // A bare number that is not the seal's, in the same country: maybe another scheme.
        assert!(matches!(
            compare("NTREE-17207834", &[claim("55555555", Some("EE"), eidas)]),
            Identity::CannotTell(_)
        ));
        // A certificate identifier not in ETSI form.
        assert!(matches!(
            compare("17207834-EE", &[claim("17207834", Some("EE"), eidas)]),
            Identity::CannotTell(_)
        ));
        assert!(matches!(
            compare("ORG-1", &[claim("org 1", None, eidas)]),
            Identity::Same(_)
        ));
    }

    #[test]
    fn reads_the_issuer_nodes() {
        let issuer = serde_json::json!({
            "eIDASIdentifier": {"notation": "17207834", "spatial": {"id": "http://publications.europa.eu/resource/authority/country/EST"}},
            "vatIdentifier": [{"notation": "SE202100287401", "spatial": {"id": "http://publications.europa.eu/resource/authority/country/SWE"}}],
            "legalIdentifier": "NTREE-1"
        });
        let ids = claimed_ids(&issuer);
        assert_eq!(ids.len(), 3);
        assert_eq!(ids[0], claim("17207834", Some("EE"), "eIDASIdentifier"));
        assert_eq!(ids[1], claim("NTREE-1", None, "legalIdentifier"));
        assert_eq!(ids[2], claim("SE202100287401", Some("SE"), "vatIdentifier"));
    }
}
