//! One row of provider data: its number and its cells by column, or why it could not be read.

use std::collections::BTreeMap;

/// One input row: its number as a person counts it (the header is row 1 in a CSV or sheet; the
/// first line is 1 in JSON lines) and its cells by column name.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row number.
    pub number: usize,
    /// Cells by column name (trimmed text; empty cells are absent).
    pub cells: BTreeMap<String, String>,
}

/// A row that could not be read at all, or a cell that could not be converted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    /// The row number (0: the file as a whole).
    pub row: usize,
    /// The column, when one is to blame.
    pub column: Option<String>,
    /// What is wrong and what to do.
    pub message: String,
}

impl std::fmt::Display for RowError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match (&self.column, self.row) {
            (Some(c), r) => write!(f, "row {r}, column `{c}`: {}", self.message),
            (None, 0) => write!(f, "{}", self.message),
            (None, r) => write!(f, "row {r}: {}", self.message),
        }
    }
}

/// Rows (or the errors of rows that cannot be read), one after the other.
pub(crate) type RowIter = Box<dyn Iterator<Item = Result<Row, RowError>> + Send>;

pub(crate) fn row<'a>(
    number: usize,
    headers: &[String],
    cells: impl Iterator<Item = &'a str>,
) -> Row {
    Row {
        number,
        cells: headers
            .iter()
            .zip(cells)
            .filter(|(_, c)| !c.trim().is_empty())
            .map(|(h, c)| (h.clone(), c.trim().to_string()))
            .collect(),
    }
}
