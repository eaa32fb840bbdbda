//! Errors that name the place: the JSON pointer of the offending value, and the line and column.

use std::fmt;

/// What went wrong, broadly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The bytes are not JSON (or not a well-formed JWT): truncated, stray characters, bad UTF-8.
    Syntax,
    /// The JSON is well formed but a value has the wrong shape for the model.
    Data,
    /// The document is none of the envelopes `edc` understands.
    UnknownDocument,
    /// An envelope is malformed (a sealed file without signatures, a JWT whose parts do not decode…).
    Envelope,
    /// The document is larger than edc reads (see [`MAX_JSON_CONTAINERS`](crate::MAX_JSON_CONTAINERS)).
    TooLarge,
}

/// An error reading a document into the model.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelError {
    kind: ErrorKind,
    pointer: String,
    position: Option<(usize, usize)>,
    message: String,
    context: Option<String>,
}

impl ModelError {
    pub(crate) fn new(
        kind: ErrorKind,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        ModelError {
            kind,
            pointer: pointer.into(),
            position: None,
            message: message.into(),
            context: None,
        }
    }

    pub(crate) fn at_position(mut self, line: usize, column: usize) -> Self {
        if line > 0 {
            self.position = Some((line, column));
        }
        self
    }

    /// Places an error found inside an embedded document (a sealed payload, a JWT's claims)
    /// under the pointer of the member that holds it.
    pub(crate) fn nested(mut self, outer_pointer: &str, what: &str) -> Self {
        self.pointer = format!("{outer_pointer}{}", self.pointer);
        if self.context.is_none() {
            self.context = Some(what.to_string());
        }
        self
    }

    /// The kind of error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The JSON pointer (RFC 6901) of the offending value; empty for the document root.
    pub fn pointer(&self) -> &str {
        &self.pointer
    }

    /// Line and column (1-based) in the text that was being read, when known. For an error inside
    /// a sealed payload they count within the payload string.
    pub fn position(&self) -> Option<(usize, usize)> {
        self.position
    }

    /// What is wrong, without the place.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let place = if self.pointer.is_empty() {
            "at the document root".to_string()
        } else {
            format!("at {}", self.pointer)
        };
        write!(f, "{place}")?;
        if let Some((line, column)) = self.position {
            write!(f, " (line {line}, column {column}")?;
            if let Some(context) = &self.context {
                write!(f, " of {context}")?;
            }
            write!(f, ")")?;
        } else if let Some(context) = &self.context {
            write!(f, " (in {context})")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for ModelError {}

/// Turns a serde path into a JSON pointer.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } => {
                pointer.push('/');
                pointer.push_str(&crate::node::pointer_token(key));
            }
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
}

/// Reads `text` as JSON into `T`, naming the pointer, line and column of any error.
pub(crate) fn from_json_str<'a, T: serde::Deserialize<'a>>(text: &'a str) -> Result<T, ModelError> {
    // Fast path: most documents are fine, and tracking the path costs about half the time.
    // Only when reading fails is the document read again to name the place.
    if let Ok(value) = serde_json::from_str(text) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let value: T = serde_path_to_error::deserialize(&mut deserializer).map_err(from_path_error)?;
    deserializer
        .end()
        .map_err(|e| from_json_error(&e, String::new()))?;
    Ok(value)
}

fn from_path_error(error: serde_path_to_error::Error<serde_json::Error>) -> ModelError {
    let pointer = pointer_of(error.path());
    from_json_error(error.inner(), pointer)
}

pub(crate) fn from_json_error(error: &serde_json::Error, pointer: String) -> ModelError {
    use serde_json::error::Category;
    let kind = match error.classify() {
        Category::Data => ErrorKind::Data,
        Category::Syntax | Category::Eof | Category::Io => ErrorKind::Syntax,
    };
    let mut message = error.to_string();
    // serde_json appends the position; we report it separately.
    if let Some(cut) = message.rfind(" at line ") {
        message.truncate(cut);
    }
    if error.classify() == Category::Eof {
        message.push_str(": the file ends early (truncated?)");
    }
    ModelError::new(kind, pointer, message).at_position(error.line(), error.column())
}

/// For callers that report errors as text.
impl From<ModelError> for String {
    fn from(error: ModelError) -> String {
        error.to_string()
    }
}
