//! The SHACL vocabulary this engine reads and writes.

macro_rules! sh {
    ($($name:ident = $local:literal;)*) => {$(
        #[doc = concat!("sh:", $local)]
        pub const $name: &str = concat!("http://www.w3.org/ns/shacl#", $local);
    )*};
}

sh! {
    NODE_SHAPE = "NodeShape";
    PROPERTY_SHAPE = "PropertyShape";
    TARGET_NODE = "targetNode";
    TARGET_CLASS = "targetClass";
    TARGET_SUBJECTS_OF = "targetSubjectsOf";
    TARGET_OBJECTS_OF = "targetObjectsOf";
    PATH = "path";
    INVERSE_PATH = "inversePath";
    ALTERNATIVE_PATH = "alternativePath";
    ZERO_OR_MORE_PATH = "zeroOrMorePath";
    ONE_OR_MORE_PATH = "oneOrMorePath";
    ZERO_OR_ONE_PATH = "zeroOrOnePath";
    SEVERITY = "severity";
    VIOLATION = "Violation";
    DEACTIVATED = "deactivated";
    MESSAGE = "message";
    CLASS = "class";
    DATATYPE = "datatype";
    NODE_KIND = "nodeKind";
    MIN_COUNT = "minCount";
    MAX_COUNT = "maxCount";
    MIN_EXCLUSIVE = "minExclusive";
    MIN_INCLUSIVE = "minInclusive";
    MAX_EXCLUSIVE = "maxExclusive";
    MAX_INCLUSIVE = "maxInclusive";
    MIN_LENGTH = "minLength";
    MAX_LENGTH = "maxLength";
    PATTERN = "pattern";
    FLAGS = "flags";
    LANGUAGE_IN = "languageIn";
    UNIQUE_LANG = "uniqueLang";
    EQUALS = "equals";
    DISJOINT = "disjoint";
    LESS_THAN = "lessThan";
    LESS_THAN_OR_EQUALS = "lessThanOrEquals";
    NOT = "not";
    AND = "and";
    OR = "or";
    XONE = "xone";
    NODE = "node";
    PROPERTY = "property";
    QUALIFIED_VALUE_SHAPE = "qualifiedValueShape";
    QUALIFIED_MIN_COUNT = "qualifiedMinCount";
    QUALIFIED_MAX_COUNT = "qualifiedMaxCount";
    QUALIFIED_VALUE_SHAPES_DISJOINT = "qualifiedValueShapesDisjoint";
    CLOSED = "closed";
    IGNORED_PROPERTIES = "ignoredProperties";
    HAS_VALUE = "hasValue";
    IN = "in";
    IRI = "IRI";
    BLANK_NODE = "BlankNode";
    LITERAL = "Literal";
    BLANK_NODE_OR_IRI = "BlankNodeOrIRI";
    BLANK_NODE_OR_LITERAL = "BlankNodeOrLiteral";
    IRI_OR_LITERAL = "IRIOrLiteral";
}

/// The IRI of a constraint component, from its local name (e.g. `Class` →
/// `sh:ClassConstraintComponent`).
pub fn component(local: &str) -> String {
    format!("http://www.w3.org/ns/shacl#{local}ConstraintComponent")
}

/// rdfs:Class.
pub const RDFS_CLASS: &str = "http://www.w3.org/2000/01/rdf-schema#Class";
/// rdf:langString.
pub const RDF_LANG_STRING: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString";
/// The XML Schema namespace.
pub const XSD: &str = "http://www.w3.org/2001/XMLSchema#";
