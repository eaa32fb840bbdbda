//! What both directions share: the result, the contexts, and the ELM terms kept in Open Badges.

/// The result of a conversion: the converted credential (unsigned) and what did not carry over.
#[derive(Debug, Clone)]
pub struct Conversion {
    /// The converted credential, unsigned.
    pub credential: serde_json::Value,
    /// What the source holds that the target cannot carry, one sentence each.
    pub not_carried: Vec<String>,
}

/// The OB 3.0 context this conversion writes.
pub const OB3_CONTEXT: &str = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json";
/// The VC 2.0 context.
pub const VC2_CONTEXT: &str = "https://www.w3.org/ns/credentials/v2";

/// The alignment type this conversion gives learning outcomes.
pub(crate) const OUTCOME_TYPE: &str = "ext:LearningOutcome";
/// The EQF levels' IRI prefix.
pub(crate) const EQF_PREFIX: &str = "http://data.europa.eu/snb/eqf/";
