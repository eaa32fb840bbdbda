//! JSON-LD processing errors (with the W3C error codes) and findings (what a lenient conversion
//! dropped, and where).

use std::fmt;

/// The JSON-LD 1.1 error codes this processor raises, plus the strict-mode data-loss codes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorCode {
    /// `loading remote context failed`.
    LoadingRemoteContextFailed,
    /// `invalid remote context`.
    InvalidRemoteContext,
    /// `context overflow` (a context includes itself).
    ContextOverflow,
    /// `invalid local context`.
    InvalidLocalContext,
    /// `invalid context entry` (a bad `@version`, `@import`, `@propagate`…).
    InvalidContextEntry,
    /// `invalid context nullification`.
    InvalidContextNullification,
    /// `invalid base IRI`.
    InvalidBaseIri,
    /// `invalid vocab mapping`.
    InvalidVocabMapping,
    /// `invalid default language`.
    InvalidDefaultLanguage,
    /// `invalid term definition`.
    InvalidTermDefinition,
    /// `invalid IRI mapping`.
    InvalidIriMapping,
    /// `invalid type mapping`.
    InvalidTypeMapping,
    /// `invalid container mapping`.
    InvalidContainerMapping,
    /// `invalid reverse property`.
    InvalidReverseProperty,
    /// `invalid keyword alias`.
    InvalidKeywordAlias,
    /// `keyword redefinition`.
    KeywordRedefinition,
    /// `cyclic IRI mapping`.
    CyclicIriMapping,
    /// `protected term redefinition`.
    ProtectedTermRedefinition,
    /// `invalid @id value`.
    InvalidIdValue,
    /// `invalid type value`.
    InvalidTypeValue,
    /// `invalid value object`.
    InvalidValueObject,
    /// `invalid typed value`.
    InvalidTypedValue,
    /// `invalid language-tagged string`.
    InvalidLanguageTaggedString,
    /// `invalid language map value`.
    InvalidLanguageMapValue,
    /// `invalid set or list object`.
    InvalidSetOrListObject,
    /// `invalid reverse property map`.
    InvalidReversePropertyMap,
    /// `colliding keywords`.
    CollidingKeywords,
    /// `invalid language-tagged value`.
    InvalidLanguageTaggedValue,
    /// `invalid base direction`.
    InvalidBaseDirection,
    /// `invalid @index value`.
    InvalidIndexValue,
    /// `invalid @included value`.
    InvalidIncludedValue,
    /// `invalid @nest value`.
    InvalidNestValue,
    /// `invalid @reverse value`.
    InvalidReverseValue,
    /// `invalid reverse property value`.
    InvalidReversePropertyValue,
    /// `invalid value object value`.
    InvalidValueObjectValue,
    /// `processing mode conflict`.
    ProcessingModeConflict,
    /// `recursive context inclusion`.
    RecursiveContextInclusion,
    /// `invalid language mapping`.
    InvalidLanguageMapping,
    /// `invalid scoped context`.
    InvalidScopedContext,
    /// `invalid @prefix value`.
    InvalidPrefixValue,
    /// `invalid @version value`.
    InvalidVersionValue,
    /// `invalid @import value`.
    InvalidImportValue,
    /// `invalid @propagate value`.
    InvalidPropagateValue,
    /// `invalid @protected value`.
    InvalidProtectedValue,
    /// `IRI confused with prefix`.
    IriConfusedWithPrefix,
    /// Strict mode: a member whose key is not a defined term (its value would be dropped).
    UndefinedTerm,
    /// Strict mode: a relative IRI reference where an absolute IRI is needed (the triple would
    /// be dropped).
    RelativeIriReference,
    /// The document expands to more triples than the conversion allows
    /// ([`ToRdfOptions::max_quads`](crate::ToRdfOptions::max_quads)): not a JSON-LD error, a
    /// limit on hostile input.
    TooManyTriples,
}

impl ErrorCode {
    /// The code as the JSON-LD specification writes it.
    pub fn as_str(self) -> &'static str {
        use ErrorCode::*;
        match self {
            LoadingRemoteContextFailed => "loading remote context failed",
            InvalidRemoteContext => "invalid remote context",
            ContextOverflow => "context overflow",
            InvalidLocalContext => "invalid local context",
            InvalidContextEntry => "invalid context entry",
            InvalidContextNullification => "invalid context nullification",
            InvalidBaseIri => "invalid base IRI",
            InvalidVocabMapping => "invalid vocab mapping",
            InvalidDefaultLanguage => "invalid default language",
            InvalidTermDefinition => "invalid term definition",
            InvalidIriMapping => "invalid IRI mapping",
            InvalidTypeMapping => "invalid type mapping",
            InvalidContainerMapping => "invalid container mapping",
            InvalidReverseProperty => "invalid reverse property",
            InvalidKeywordAlias => "invalid keyword alias",
            KeywordRedefinition => "keyword redefinition",
            CyclicIriMapping => "cyclic IRI mapping",
            ProtectedTermRedefinition => "protected term redefinition",
            InvalidIdValue => "invalid @id value",
            InvalidTypeValue => "invalid type value",
            InvalidValueObject => "invalid value object",
            InvalidTypedValue => "invalid typed value",
            InvalidLanguageTaggedString => "invalid language-tagged string",
            InvalidLanguageMapValue => "invalid language map value",
            InvalidSetOrListObject => "invalid set or list object",
            InvalidReversePropertyMap => "invalid reverse property map",
            CollidingKeywords => "colliding keywords",
            InvalidLanguageTaggedValue => "invalid language-tagged value",
            InvalidBaseDirection => "invalid base direction",
            InvalidIndexValue => "invalid @index value",
            InvalidIncludedValue => "invalid @included value",
            InvalidNestValue => "invalid @nest value",
            InvalidReverseValue => "invalid @reverse value",
            InvalidReversePropertyValue => "invalid reverse property value",
            InvalidValueObjectValue => "invalid value object value",
            ProcessingModeConflict => "processing mode conflict",
            RecursiveContextInclusion => "recursive context inclusion",
            InvalidLanguageMapping => "invalid language mapping",
            InvalidScopedContext => "invalid scoped context",
            InvalidPrefixValue => "invalid @prefix value",
            InvalidVersionValue => "invalid @version value",
            InvalidImportValue => "invalid @import value",
            InvalidPropagateValue => "invalid @propagate value",
            InvalidProtectedValue => "invalid @protected value",
            IriConfusedWithPrefix => "IRI confused with prefix",
            UndefinedTerm => "undefined term",
            RelativeIriReference => "relative IRI reference",
            TooManyTriples => "too many triples",
        }
    }
}

/// A JSON-LD processing error: its code, where it happened (JSON pointer) and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonLdError {
    code: ErrorCode,
    pointer: String,
    message: String,
}

impl JsonLdError {
    pub(crate) fn new(
        code: ErrorCode,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        JsonLdError {
            code,
            pointer: pointer.into(),
            message: message.into(),
        }
    }

    /// The error code.
    pub fn code(&self) -> ErrorCode {
        self.code
    }

    /// The JSON pointer of the offending member or value (empty for the document root).
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// What is wrong and what to do.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for JsonLdError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let place = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{} at {place}: {}", self.code.as_str(), self.message)
    }
}

impl std::error::Error for JsonLdError {}

/// What kind of data a lenient conversion dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum FindingKind {
    /// A member whose key is not a defined term: the member and everything under it.
    UndefinedTerm,
    /// A value or node identifier that is a relative IRI reference: the triple.
    RelativeIriReference,
    /// A property that expands to a blank node: the triple (not expressible in RDF).
    BlankNodePredicate,
    /// A type that does not expand to an absolute IRI: the `rdf:type` triple.
    UndefinedType,
}

/// One thing the conversion dropped, as JSON-LD 1.1 requires, reported instead of lost silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// What was dropped.
    pub kind: FindingKind,
    /// The JSON pointer of the member or value.
    pub pointer: String,
    /// The term or value concerned.
    pub value: String,
    /// A defined term that looks like the one used (for typos and look-alike letters).
    pub suggestion: Option<String>,
    /// A sentence for people.
    pub message: String,
}

impl Finding {
    pub(crate) fn to_error(&self) -> JsonLdError {
        let code = match self.kind {
            FindingKind::UndefinedTerm
            | FindingKind::UndefinedType
            | FindingKind::BlankNodePredicate => ErrorCode::UndefinedTerm,
            FindingKind::RelativeIriReference => ErrorCode::RelativeIriReference,
        };
        JsonLdError::new(code, self.pointer.clone(), self.message.clone())
    }
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{}: {}", self.pointer, self.message)
    }
}
