//! Spreadsheets (XLSX, XLS, ODS), read within caps. A 1.5 KB XLSX can name one cell at
//! XFD1048576, and a reader that makes a dense range of the sheet's dimension then asks for
//! 17 billion cells; a few MB of zip can unpack to gigabytes. So the archive's unpacked size is
//! checked before anything is unpacked, an XLSX sheet is read cell by cell (only the cells that
//! are there are kept), and the cells, columns and rows read are capped.

use crate::row::{row, Row, RowError, RowIter};
use calamine::{Data, Reader};
use std::collections::BTreeMap;
use std::path::Path;

/// The most a spreadsheet's parts may unpack to, in all.
pub const MAX_UNPACKED_BYTES: u64 = 64 << 20;
/// The most non-empty cells read from a sheet.
pub const MAX_CELLS: usize = 2_000_000;
/// Columns read (a cell further right has no column name and is ignored).
pub const MAX_COLUMNS: u32 = 1_024;

/// Refuses a zip-based spreadsheet (XLSX, ODS) whose parts unpack to more than
/// [`MAX_UNPACKED_BYTES`], from the sizes its directory declares (the reader does not read past
/// a part's declared size).
fn check_unpacked_size(path: &Path) -> Result<(), String> {
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        return Ok(()); // not a zip (XLS): its own reader judges it
    };
    let mut total: u64 = 0;
    for index in 0..archive.len() {
        let size = archive
            .by_index_raw(index)
            .map(|entry| entry.size())
            .map_err(|e| format!("{}: {e}", path.display()))?;
        total = total.saturating_add(size);
    }
    if total > MAX_UNPACKED_BYTES {
        return Err(format!(
            "{}: the spreadsheet unpacks to {} MiB, more than the {} MiB edc reads (a zip bomb, or a very large export: save it as CSV, which is read as a stream)",
            path.display(),
            total >> 20,
            MAX_UNPACKED_BYTES >> 20
        ));
    }
    Ok(())
}

/// The rows of the first sheet below the header row `header_row` (counted from 1).
pub(crate) fn sheet_rows(path: &Path, header_row: usize) -> Result<(Vec<String>, RowIter), String> {
    check_unpacked_size(path)?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    // The reader chooses its format by the extension too: each is checked for what it does.
    let cells = match extension.as_str() {
        "xlsx" | "xlsm" => xlsx_cells(path)?,
        "ods" => {
            check_ods_expansion(path)?;
            range_cells(path)?
        }
        _ => {
            check_xls_extent(path)?;
            range_cells(path)?
        }
    };
    let header_index = u32::try_from(header_row.saturating_sub(1)).unwrap_or(u32::MAX);
    let Some(header_cells) = cells.get(&header_index) else {
        return Err(format!(
            "{}: the first sheet has no row {header_row} with the column names",
            path.display()
        ));
    };
    let width = header_cells.keys().next_back().map_or(0, |c| c + 1);
    let mut headers = vec![String::new(); width as usize];
    for (column, text) in header_cells {
        headers[*column as usize] = text.trim().to_string();
    }
    let rows: Vec<Result<Row, RowError>> = cells
        .range(header_index.saturating_add(1)..)
        .map(|(index, by_column)| {
            let mut dense = vec![""; width as usize];
            for (column, text) in by_column.range(..width) {
                dense[*column as usize] = text;
            }
            Ok(row(*index as usize + 1, &headers, dense.into_iter()))
        })
        .collect();
    Ok((headers, Box::new(rows.into_iter())))
}

/// Non-empty cells by row, then column (both from 0), as text.
type Cells = BTreeMap<u32, BTreeMap<u32, String>>;

fn keep(
    cells: &mut Cells,
    count: &mut usize,
    position: (u32, u32),
    value: &Data,
    path: &Path,
) -> Result<(), String> {
    let (row, column) = position;
    if matches!(value, Data::Empty) || column >= MAX_COLUMNS {
        return Ok(());
    }
    *count += 1;
    if *count > MAX_CELLS {
        return Err(format!(
            "{}: the first sheet has more than {MAX_CELLS} filled cells, more than edc reads; split it, or save it as CSV",
            path.display()
        ));
    }
    cells
        .entry(row)
        .or_default()
        .insert(column, cell_text(value));
    Ok(())
}

/// An XLSX sheet, cell by cell.
fn xlsx_cells(path: &Path) -> Result<Cells, String> {
    let mut workbook: calamine::Xlsx<_> =
        calamine::open_workbook(path).map_err(|e| {
            format!(
                "{}: not a readable .xlsx workbook ({e}); save it again from Excel or LibreOffice as .xlsx, or export it as CSV",
                path.display()
            )
        })?;
    let name = workbook
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| format!("{}: the workbook has no sheet", path.display()))?;
    let mut reader = workbook
        .worksheet_cells_reader(&name)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let mut cells = Cells::new();
    let mut count = 0;
    while let Some(cell) = reader
        .next_cell()
        .map_err(|e| format!("{}: {e}", path.display()))?
    {
        let value = Data::from(cell.get_value().clone());
        keep(&mut cells, &mut count, cell.get_position(), &value, path)?;
    }
    Ok(cells)
}

/// The most cells an XLS or ODS sheet may spread over (the reader makes a dense range of them,
/// for an ODS once its repeated rows and columns are expanded).
const MAX_DENSE_RANGE: u64 = 2_000_000;

/// Refuses an ODS whose repeated rows or columns (`table:number-rows-repeated`,
/// `table:number-columns-repeated`) would expand to more than [`MAX_DENSE_RANGE`] cells: a few
/// bytes can ask for a billion. A conservative scan of `content.xml`'s tags: a row counts its
/// cells' repeats when it holds any value, and the sheet's height runs to its last such row.
fn check_ods_expansion(path: &Path) -> Result<(), String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let Ok(mut archive) = zip::ZipArchive::new(file) else {
        return Ok(());
    };
    let Ok(mut part) = archive.by_name("content.xml") else {
        return Ok(());
    };
    let mut xml = String::new();
    part.by_ref()
        .take(MAX_UNPACKED_BYTES)
        .read_to_string(&mut xml)
        .map_err(|e| format!("{}: content.xml: {e}", path.display()))?;
    let repeats = |tag: &str, name: &str| -> u64 {
        tag.find(name)
            .and_then(|i| tag[i + name.len()..].split('"').nth(1))
            .and_then(|n| n.parse().ok())
            .unwrap_or(1)
    };
    let (mut height, mut filled_height, mut width) = (0u64, 0u64, 0u64);
    let (mut row_repeats, mut row_cells, mut row_filled) = (1u64, 0u64, false);
    for chunk in xml.split('<').skip(1) {
        let tag = chunk.split('>').next().unwrap_or("");
        if tag.starts_with("table:table-row") && !tag.starts_with("table:table-rows") {
            row_repeats = repeats(tag, "table:number-rows-repeated=");
            (row_cells, row_filled) = (0, false);
            if tag.ends_with('/') {
                height = height.saturating_add(row_repeats);
            }
        } else if tag.starts_with("table:table-cell") || tag.starts_with("table:covered-table-cell")
        {
            row_cells = row_cells.saturating_add(repeats(tag, "table:number-columns-repeated="));
            row_filled |= !tag.ends_with('/') || tag.contains("office:value");
        } else if tag.starts_with("/table:table-row") {
            height = height.saturating_add(row_repeats);
            if row_filled {
                filled_height = height;
                width = width.max(row_cells);
            }
        } else if tag.starts_with("/table:table") && !tag.starts_with("/table:table-") {
            break; // the first sheet only
        }
    }
    if filled_height.saturating_mul(width) > MAX_DENSE_RANGE {
        return Err(format!(
            "{}: the first sheet spreads over {filled_height} rows by {width} columns once its repeated cells are expanded, more than the {MAX_DENSE_RANGE} cells edc reads from an ODS; remove the repeated empty cells, or save it as CSV",
            path.display()
        ));
    }
    Ok(())
}

/// Refuses an XLS whose sheets' dense ranges (sized by their furthest cells) would hold more
/// than [`MAX_DENSE_RANGE`] cells in all.
fn check_xls_extent(path: &Path) -> Result<(), String> {
    use std::io::Read;
    let file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(MAX_UNPACKED_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_UNPACKED_BYTES {
        return Err(format!(
            "{}: the file is larger than {} MiB, more than edc reads from a spreadsheet; save it as CSV",
            path.display(),
            MAX_UNPACKED_BYTES >> 20
        ));
    }
    match crate::biff::dense_cells(&bytes) {
        Some(cells) if cells > MAX_DENSE_RANGE => Err(format!(
            "{}: its cells spread over {cells} positions (from the first to the furthest), more than the {MAX_DENSE_RANGE} edc reads from an XLS; delete the stray far-away cells, or save it as CSV",
            path.display()
        )),
        _ => Ok(()),
    }
}

/// An XLS or ODS sheet, through the reader's range (its extent checked by the caller).
fn range_cells(path: &Path) -> Result<Cells, String> {
    let mut workbook =
        calamine::open_workbook_auto(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let range = workbook
        .worksheet_range_at(0)
        .ok_or_else(|| format!("{}: the workbook has no sheet", path.display()))?
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let mut cells = Cells::new();
    let mut count = 0;
    for (i, row_cells) in range.rows().enumerate() {
        for (j, value) in row_cells.iter().enumerate() {
            let position = (first_row + i as u32, first_column + j as u32);
            keep(&mut cells, &mut count, position, value, path)?;
        }
    }
    Ok(cells)
}

/// A spreadsheet cell as text: whole numbers without `.0`, dates as their serial number
/// (the `date` column type reads those).
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::DateTime(d) => format!("{}", d.as_f64()),
        other => other.to_string(),
    }
}
