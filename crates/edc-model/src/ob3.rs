//! Open Badges 3.0 and CLR 2.0 shape: the members the 1EdTech data model requires of an
//! OpenBadgeCredential (or AchievementCredential), its subject, achievement, alignments,
//! results, evidence and endorsements, and of a ClrCredential — what the 1EdTech validator
//! checks beyond JSON-LD. Each problem comes with its JSON pointer.

use serde_json::Value;

/// One departure from the Open Badges 3.0 / CLR 2.0 data model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShapeProblem {
    /// Where, as a JSON pointer.
    pub pointer: String,
    /// What is wrong.
    pub message: String,
}

fn has_type(node: &Value, wanted: &str) -> bool {
    match node.get("type") {
        Some(Value::Array(items)) => items.iter().any(|t| t == wanted),
        Some(t) => t == wanted,
        None => false,
    }
}

/// True for an Open Badges 3.0 or CLR 2.0 credential.
pub fn is_open_badge(document: &Value) -> bool {
    [
        "OpenBadgeCredential",
        "AchievementCredential",
        "EndorsementCredential",
        "ClrCredential",
    ]
    .iter()
    .any(|t| has_type(document, t))
}

struct Checker {
    problems: Vec<ShapeProblem>,
}

impl Checker {
    fn problem(&mut self, pointer: &str, message: impl Into<String>) {
        self.problems.push(ShapeProblem {
            pointer: pointer.to_string(),
            message: message.into(),
        });
    }

    /// `node` has the string members `names`.
    fn strings(&mut self, node: &Value, pointer: &str, what: &str, names: &[&str]) {
        for name in names {
            if !node.get(*name).is_some_and(Value::is_string) {
                self.problem(
                    &format!("{pointer}/{name}"),
                    format!("{what} needs `{name}` (a string)"),
                );
            }
        }
    }

    fn typed(&mut self, node: &Value, pointer: &str, wanted: &str) {
        if !has_type(node, wanted) {
            self.problem(
                &format!("{pointer}/type"),
                format!("the type must include {wanted}"),
            );
        }
    }

    /// Each item of the array (or single value) at `member`.
    fn each<'v>(node: &'v Value, member: &str, pointer: &str) -> Vec<(String, &'v Value)> {
        match node.get(member) {
            Some(Value::Array(items)) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (format!("{pointer}/{member}/{i}"), v))
                .collect(),
            Some(v) => vec![(format!("{pointer}/{member}"), v)],
            None => Vec::new(),
        }
    }

    fn credential(&mut self, document: &Value, pointer: &str) {
        self.strings(
            document,
            pointer,
            "an Open Badges credential",
            &["id", "validFrom"],
        );
        match document.get("issuer") {
            Some(issuer @ Value::Object(_)) => {
                let here = format!("{pointer}/issuer");
                self.strings(issuer, &here, "the issuer profile", &["id"]);
                self.typed(issuer, &here, "Profile");
            }
            Some(_) => self.problem(
                &format!("{pointer}/issuer"),
                "the issuer must be a Profile object (id, type Profile)",
            ),
            None => self.problem(&format!("{pointer}/issuer"), "the issuer is missing"),
        }
        for (here, endorsement) in Self::each(document, "endorsement", pointer) {
            self.typed(endorsement, &here, "EndorsementCredential");
        }
        if has_type(document, "ClrCredential") {
            let subject = &document["credentialSubject"];
            let here = format!("{pointer}/credentialSubject");
            self.typed(subject, &here, "ClrSubject");
            let credentials = Self::each(subject, "verifiableCredential", &here);
            if credentials.is_empty() {
                self.problem(
                    &format!("{here}/verifiableCredential"),
                    "a CLR holds its achievements' credentials in verifiableCredential",
                );
            }
            for (inner, credential) in credentials {
                if credential.is_object() {
                    self.credential(credential, &inner);
                }
            }
            return;
        }
        if has_type(document, "EndorsementCredential") {
            return;
        }
        let subject = &document["credentialSubject"];
        let here = format!("{pointer}/credentialSubject");
        if !subject.is_object() {
            self.problem(
                &here,
                "the credential subject (AchievementSubject) is missing",
            );
            return;
        }
        self.typed(subject, &here, "AchievementSubject");
        match subject.get("achievement") {
            Some(achievement @ Value::Object(_)) => {
                self.achievement(achievement, &format!("{here}/achievement"))
            }
            _ => self.problem(
                &format!("{here}/achievement"),
                "the subject needs its achievement (an Achievement object)",
            ),
        }
        for (p, identity) in Self::each(subject, "identifier", &here) {
            self.typed(identity, &p, "IdentityObject");
            self.strings(
                identity,
                &p,
                "an identity object",
                &["identityHash", "identityType"],
            );
            match identity.get("hashed") {
                Some(Value::Bool(true)) => {
                    let hash = identity["identityHash"].as_str().unwrap_or("");
                    if !(hash.starts_with("sha256$") || hash.starts_with("md5$")) {
                        self.problem(
                            &format!("{p}/identityHash"),
                            "a hashed identity is written sha256$… (or md5$…)",
                        );
                    }
                }
                Some(Value::Bool(false)) => {}
                _ => self.problem(
                    &format!("{p}/hashed"),
                    "an identity object says whether it is hashed",
                ),
            }
        }
        for (p, result) in Self::each(subject, "result", &here) {
            self.typed(result, &p, "Result");
        }
        for (p, evidence) in Self::each(document, "evidence", pointer) {
            self.typed(evidence, &p, "Evidence");
        }
    }

    fn achievement(&mut self, achievement: &Value, pointer: &str) {
        self.typed(achievement, pointer, "Achievement");
        self.strings(
            achievement,
            pointer,
            "an achievement",
            &["id", "name", "description"],
        );
        let criteria = &achievement["criteria"];
        if !(criteria.get("id").is_some() || criteria.get("narrative").is_some()) {
            self.problem(
                &format!("{pointer}/criteria"),
                "an achievement needs criteria (an id or a narrative)",
            );
        }
        for (p, alignment) in Self::each(achievement, "alignment", pointer) {
            self.typed(alignment, &p, "Alignment");
            self.strings(alignment, &p, "an alignment", &["targetName", "targetUrl"]);
        }
        if let Some(credits) = achievement.get("creditsAvailable") {
            if !credits.is_number() {
                self.problem(
                    &format!("{pointer}/creditsAvailable"),
                    "creditsAvailable is a number",
                );
            }
        }
    }
}

/// What departs from the Open Badges 3.0 / CLR 2.0 data model in `document` (empty for a
/// document that is not an Open Badges credential).
pub fn shape_problems(document: &Value) -> Vec<ShapeProblem> {
    if !is_open_badge(document) {
        return Vec::new();
    }
    let mut checker = Checker {
        problems: Vec::new(),
    };
    checker.credential(document, "");
    checker.problems
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_complete_badge_has_no_problem_and_each_gap_is_named() {
        let badge = json!({
            "id": "urn:uuid:1", "type": ["VerifiableCredential", "OpenBadgeCredential"],
            "issuer": {"id": "https://example.edu/issuers/1", "type": ["Profile"]},
            "validFrom": "2024-01-01T00:00:00Z",
            "credentialSubject": {"type": ["AchievementSubject"],
                "identifier": [{"type": "IdentityObject", "hashed": true, "identityHash": "sha256$abc", "identityType": "emailAddress"}],
                "achievement": {"id": "urn:a:1", "type": ["Achievement"], "name": "N", "description": "D",
                    "criteria": {"narrative": "Do it"},
                    "alignment": [{"type": ["Alignment"], "targetName": "EQF level 5", "targetUrl": "http://data.europa.eu/snb/eqf/5"}]}}
        });
        assert_eq!(shape_problems(&badge), Vec::new());
        let mut broken = badge.clone();
        broken["credentialSubject"]["achievement"]["criteria"] = json!({});
        broken["credentialSubject"]["identifier"][0]["identityHash"] = json!("plain@example.org");
        broken["credentialSubject"]["achievement"]["alignment"][0]
            .as_object_mut()
            .unwrap()
            .remove("targetUrl");
        broken["issuer"] = json!("https://example.edu/issuers/1");
        let pointers: Vec<String> = shape_problems(&broken)
            .into_iter()
            .map(|p| p.pointer)
            .collect();
        assert_eq!(
            pointers,
            [
                "/issuer",
                "/credentialSubject/achievement/criteria",
                "/credentialSubject/achievement/alignment/0/targetUrl",
                "/credentialSubject/identifier/0/identityHash",
            ]
        );
        assert!(shape_problems(&json!({"type": ["VerifiableCredential"]})).is_empty());
    }
}
