//! Input rows from CSV, XLSX/XLS/ODS (first sheet) or JSON lines, read one at a time.

use crate::row::{row, RowIter};
pub use crate::row::{Row, RowError};
use std::path::Path;

/// The kinds of input file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputFormat {
    /// Comma- (or semicolon-) separated values with a header row.
    Csv,
    /// A spreadsheet (XLSX, XLS, ODS): the first sheet, a header row.
    Spreadsheet,
    /// One JSON object per line.
    JsonLines,
}

impl InputFormat {
    /// The format a file name suggests.
    pub fn of(path: &Path) -> Option<InputFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "csv" | "tsv" | "txt" => Some(InputFormat::Csv),
            "xlsx" | "xlsm" | "xls" | "ods" => Some(InputFormat::Spreadsheet),
            "jsonl" | "ndjson" => Some(InputFormat::JsonLines),
            _ => None,
        }
    }
}

/// Rows, or errors for rows that cannot be read, from `path`; the column names are on row
/// `header_row` (1 for the first; rows above it are titles and notes, and are skipped).
pub fn read_rows(path: &Path, header_row: usize) -> Result<Rows, crate::ConvertError> {
    read_rows_text(path, header_row)
        .map_err(|message| crate::ConvertError::new(crate::ConvertErrorKind::Input, message))
}

fn read_rows_text(path: &Path, header_row: usize) -> Result<Rows, String> {
    let header_row = header_row.max(1);
    let format = InputFormat::of(path).ok_or_else(|| {
        format!(
            "{}: unknown input type; use .csv, .xlsx/.xls/.ods or .jsonl",
            path.display()
        )
    })?;
    match format {
        InputFormat::Csv => csv_rows(path, header_row),
        InputFormat::Spreadsheet => {
            let (columns, rows) = crate::spreadsheet::sheet_rows(path, header_row)?;
            Ok(Rows {
                columns: Some(columns),
                rows,
            })
        }
        InputFormat::JsonLines => Ok(Rows {
            columns: None,
            rows: json_lines(path)?,
        }),
    }
}

/// The rows of an export, and its column names (from its header row; none for JSON lines).
pub struct Rows {
    columns: Option<Vec<String>>,
    rows: RowIter,
}

impl Rows {
    /// The column names of the header row (`None` for JSON lines, where each line names its
    /// own members).
    pub fn columns(&self) -> Option<&[String]> {
        self.columns.as_deref()
    }
}

impl Iterator for Rows {
    type Item = Result<Row, RowError>;

    fn next(&mut self) -> Option<Self::Item> {
        self.rows.next()
    }
}

fn csv_rows(path: &Path, header_row: usize) -> Result<Rows, String> {
    // The delimiter is the one the header line uses most: `,`, `;` or a tab (only the lines up
    // to the header are read for it).
    use std::io::{BufRead, Read};
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut header_line = Vec::new();
    let mut lines = std::io::BufReader::new(file).take(HEADER_SCAN_BYTES);
    for _ in 0..header_row {
        header_line.clear();
        lines
            .read_until(b'\n', &mut header_line)
            .map_err(|e| format!("{}: {e}", path.display()))?;
    }
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header_line.iter().filter(|b| *b == d).count())
        .unwrap_or(b',');
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut records = reader.into_records();
    let mut headers: Vec<String> = Vec::new();
    for _ in 0..header_row {
        let record = records
            .next()
            .ok_or_else(|| {
                format!(
                    "{}: there is no row {header_row} with the column names",
                    path.display()
                )
            })?
            .map_err(|e| format!("{}: the header row: {e}", path.display()))?;
        headers = record
            .iter()
            .map(|h| h.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
    }
    let columns = headers.clone();
    // Rows are numbered as a spreadsheet would show the file (a quoted cell spanning lines
    // still counts as one row).
    let iter = records.enumerate().map(move |(i, record)| {
        let number = header_row + 1 + i;
        let record = record.map_err(|e| RowError {
            row: number,
            column: None,
            message: format!("cannot be read: {e}"),
        })?;
        Ok(row(number, &headers, record.iter()))
    });
    Ok(Rows {
        columns: Some(columns),
        rows: Box::new(iter),
    })
}

/// The most read of a CSV file to find its header line's delimiter.
const HEADER_SCAN_BYTES: u64 = 1 << 20;

fn json_lines(path: &Path) -> Result<RowIter, String> {
    use std::io::BufRead;
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let iter = std::io::BufReader::new(file)
        .lines()
        .enumerate()
        .filter(|(_, line)| line.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(|(i, line)| {
            let number = i + 1;
            let line = line.map_err(|e| RowError {
                row: number,
                column: None,
                message: format!("cannot be read: {e}"),
            })?;
            let value: serde_json::Value = serde_json::from_str(&line).map_err(|e| RowError {
                row: number,
                column: None,
                message: format!("not JSON at column {}: {e}", e.column()),
            })?;
            let object = value.as_object().ok_or_else(|| RowError {
                row: number,
                column: None,
                message: "a line must be a JSON object of column → value".into(),
            })?;
            let cells = object
                .iter()
                .filter_map(|(k, v)| {
                    let text = match v {
                        serde_json::Value::String(s) => s.trim().to_string(),
                        serde_json::Value::Null => return None,
                        other => other.to_string(),
                    };
                    (!text.is_empty()).then(|| (k.clone(), text))
                })
                .collect();
            Ok(Row { number, cells })
        });
    Ok(Box::new(iter))
}
