//! Hostile spreadsheets, written at run time: a tiny XLSX naming a cell at XFD1048576, and an
//! XLSX whose sheet unpacks to far more than its size.

use std::io::Write;
use std::path::{Path, PathBuf};
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

/// An inline-string cell.
pub(crate) fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// Writes `dir/name.xlsx`: one sheet declaring `dimension`, holding `rows` (XML), with
/// `padding` spaces inside the sheet part (they compress to almost nothing).
pub(crate) fn xlsx(
    dir: &Path,
    name: &str,
    dimension: &str,
    rows: &str,
    padding: usize,
) -> Result<PathBuf, String> {
    let path = dir.join(format!("{name}.xlsx"));
    let file = std::fs::File::create(&path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipWriter::new(file);
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let io = |e: std::io::Error| e.to_string();
    for (part, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        zip.start_file(part, options).map_err(|e| e.to_string())?;
        zip.write_all(text.as_bytes()).map_err(io)?;
    }
    zip.start_file("xl/worksheets/sheet1.xml", options)
        .map_err(|e| e.to_string())?;
    zip.write_all(
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/>"#
        )
        .as_bytes(),
    )
    .map_err(io)?;
    let spaces = vec![b' '; 1 << 20];
    let mut left = padding;
    while left > 0 {
        let n = left.min(spaces.len());
        zip.write_all(&spaces[..n]).map_err(io)?;
        left -= n;
    }
    zip.write_all(format!("<sheetData>{rows}</sheetData></worksheet>").as_bytes())
        .map_err(io)?;
    zip.finish().map_err(|e| e.to_string())?;
    Ok(path)
}

/// A 1.5 KB XLSX naming a cell at XFD1048576 is read from the cells that are there: Ana's row.
pub(crate) fn far_cell(dir: &Path) -> Result<(), String> {
    let rows = format!(
        r#"<row r="1">{}{}</row><row r="2">{}{}</row><row r="1048576">{}</row>"#,
        cell("A1", "given_name"),
        cell("B1", "family_name"),
        cell("A2", "Ana"),
        cell("B2", "Silva"),
        cell("XFD1048576", "far away")
    );
    let path = xlsx(dir, "far-cell", "A1:XFD1048576", &rows, 0)?;
    let read: Vec<_> = edc_convert::read_rows(&path, 1)?
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| e.to_string())?;
    // The far cell has no column name, so it carries nothing: one row, Ana's.
    match read.as_slice() {
        [ana]
            if ana.number == 2
                && ana.cells.get("given_name").map(String::as_str) == Some("Ana")
                && ana.cells.get("family_name").map(String::as_str) == Some("Silva") =>
        {
            Ok(())
        }
        other => Err(format!("read {} rows: {other:?}", other.len())),
    }
}

/// An XLSX whose sheet unpacks to more than the cap is refused before it is unpacked.
pub(crate) fn bomb(dir: &Path) -> Result<(), String> {
    let rows = format!(r#"<row r="1">{}</row>"#, cell("A1", "given_name"));
    let padding = (edc_convert::spreadsheet::MAX_UNPACKED_BYTES + (1 << 20)) as usize;
    let path = xlsx(dir, "bomb", "A1", &rows, padding)?;
    let packed = std::fs::metadata(&path).map_err(|e| e.to_string())?.len();
    if packed > 1 << 20 {
        return Err(format!("the bomb is {packed} bytes packed: not a bomb"));
    }
    match edc_convert::read_rows(&path, 1) {
        Err(e) if e.contains("unpacks to") && e.contains("CSV") => Ok(()),
        Err(e) => Err(format!("refused, but with another error: {e}")),
        Ok(_) => Err("read".into()),
    }
}

/// An ODS of a few hundred bytes whose one cell is repeated a billion times across a row,
/// and a billion rows down: refused before the reader expands it.
pub(crate) fn ods_repeats(dir: &Path) -> Result<(), String> {
    let path = dir.join("repeats.ods");
    let file = std::fs::File::create(&path).map_err(|e| e.to_string())?;
    let mut zip = zip::ZipWriter::new(file);
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored)
        .map_err(|e| e.to_string())?;
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .map_err(|e| e.to_string())?;
    zip.start_file("content.xml", stored)
        .map_err(|e| e.to_string())?;
    zip.write_all(concat!(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:spreadsheet><table:table table:name="S">"#,
        r#"<table:table-row><table:table-cell office:value-type="string"><text:p>given_name</text:p></table:table-cell></table:table-row>"#,
        r#"<table:table-row table:number-rows-repeated="1000000000"><table:table-cell table:number-columns-repeated="1000000000" office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>"#,
        r#"</table:table></office:spreadsheet></office:body></office:document-content>"#
    ).as_bytes())
    .map_err(|e| e.to_string())?;
    zip.finish().map_err(|e| e.to_string())?;
    match edc_convert::read_rows(&path, 1) {
        Err(e) if e.contains("repeated cells are expanded") => Ok(()),
        Err(e) => Err(format!("refused, but with another error: {e}")),
        Ok(_) => Err("read".into()),
    }
}
