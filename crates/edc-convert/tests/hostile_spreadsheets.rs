//! Spreadsheets made to exhaust a reader: a tiny XLSX that names a cell at XFD1048576 (a dense
//! range of the sheet's dimension would be 17 billion cells), and an XLSX whose sheet unpacks
//! to far more than its size. The first is read from the cells that are there; the second is
//! refused, before unpacking, with an error that says what to do.

use std::io::Write;
use zip::write::SimpleFileOptions;

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#;
const RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#;
const WORKBOOK: &str = r#"<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
const WORKBOOK_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#;

fn cell(reference: &str, text: &str) -> String {
    format!(r#"<c r="{reference}" t="inlineStr"><is><t>{text}</t></is></c>"#)
}

/// An XLSX whose first sheet has `dimension` and the rows `rows` (XML), padded with `padding`
/// bytes of spaces inside the sheet part.
fn xlsx(name: &str, dimension: &str, rows: &str, padding: usize) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!("edc-{name}-{}.xlsx", std::process::id()));
    let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (part, text) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", RELS),
        ("xl/workbook.xml", WORKBOOK),
        ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
    ] {
        zip.start_file(part, options).unwrap();
        zip.write_all(text.as_bytes()).unwrap();
    }
    zip.start_file(
        "xl/worksheets/sheet1.xml",
        options.large_file(padding > 1 << 30),
    )
    .unwrap();
    zip.write_all(format!(r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="{dimension}"/>"#).as_bytes()).unwrap();
    let spaces = vec![b' '; 1 << 20];
    let mut left = padding;
    while left > 0 {
        let n = left.min(spaces.len());
        zip.write_all(&spaces[..n]).unwrap();
        left -= n;
    }
    zip.write_all(format!("<sheetData>{rows}</sheetData></worksheet>").as_bytes())
        .unwrap();
    zip.finish().unwrap();
    path
}

#[test]
fn a_cell_at_the_last_column_and_row_is_read_without_a_dense_range() {
    let rows = format!(
        r#"<row r="1">{}{}</row><row r="2">{}{}</row><row r="1048576">{}</row>"#,
        cell("A1", "given_name"),
        cell("B1", "family_name"),
        cell("A2", "Ana"),
        cell("B2", "Silva"),
        cell("XFD1048576", "far away")
    );
    let path = xlsx("far-cell", "A1:XFD1048576", &rows, 0);
    assert!(std::fs::metadata(&path).unwrap().len() < 4096);
    let read: Vec<_> = edc_convert::read_rows(&path, 1)
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    // Ana's row only: the far cell has no column name, so it carries nothing.
    assert_eq!(read.len(), 1);
    assert_eq!(read[0].number, 2);
    assert_eq!(read[0].cells["given_name"], "Ana");
    assert_eq!(read[0].cells["family_name"], "Silva");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_sheet_that_unpacks_to_more_than_the_cap_is_refused_before_unpacking() {
    let rows = format!(r#"<row r="1">{}</row>"#, cell("A1", "given_name"));
    let padding = (edc_convert::spreadsheet::MAX_UNPACKED_BYTES + (1 << 20)) as usize;
    let path = xlsx("bomb", "A1", &rows, padding);
    let packed = std::fs::metadata(&path).unwrap().len();
    assert!(packed < 1 << 20, "a bomb: {packed} bytes packed");
    let error = edc_convert::read_rows(&path, 1).err().expect("refused");
    assert!(
        error.contains("unpacks to") && error.contains("CSV"),
        "{error}"
    );
    std::fs::remove_file(&path).unwrap();
}
