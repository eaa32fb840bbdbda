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
        Err(e)
            if e.kind() == edc_convert::ConvertErrorKind::Input
                && e.message().contains("unpacks to")
                && e.message().contains("CSV") =>
        {
            Ok(())
        }
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
        Err(e)
            if e.kind() == edc_convert::ConvertErrorKind::Input
                && e.message().contains("repeated cells are expanded") =>
        {
            Ok(())
        }
        Err(e) => Err(format!("refused, but with another error: {e}")),
        Ok(_) => Err("read".into()),
    }
}

/// A BIFF8 record.
fn record(kind: u16, data: &[u8]) -> Vec<u8> {
    let mut out = kind.to_le_bytes().to_vec();
    out.extend((data.len() as u16).to_le_bytes());
    out.extend(data);
    out
}

/// A NUMBER cell record at (`row`, `column`).
fn number(row: u16, column: u16) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(column.to_le_bytes());
    data.extend(0u16.to_le_bytes());
    data.extend(1.0f64.to_le_bytes());
    record(0x0203, &data)
}

/// A compound file (version 3, 512-byte sectors) whose one stream, `Workbook`, is `stream`
/// (under 4 096 bytes, so in the mini stream).
fn compound_file(stream: &[u8]) -> Vec<u8> {
    const END: u32 = 0xFFFF_FFFE;
    const FREE: u32 = 0xFFFF_FFFF;
    let mini_sectors = stream.len().div_ceil(64);
    let mini_stream_len = mini_sectors * 64;
    let stream_sectors = mini_stream_len.div_ceil(512);
    let mut header = vec![0u8; 512];
    header[..8].copy_from_slice(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]);
    let put16 = |b: &mut [u8], at: usize, v: u16| b[at..at + 2].copy_from_slice(&v.to_le_bytes());
    let put32 = |b: &mut [u8], at: usize, v: u32| b[at..at + 4].copy_from_slice(&v.to_le_bytes());
    put16(&mut header, 0x18, 0x3E);
    put16(&mut header, 0x1A, 3);
    put16(&mut header, 0x1C, 0xFFFE);
    put16(&mut header, 0x1E, 9);
    put16(&mut header, 0x20, 6);
    put32(&mut header, 0x2C, 1); // one FAT sector (0)
    put32(&mut header, 0x30, 1); // the directory in sector 1
    put32(&mut header, 0x38, 4096);
    put32(&mut header, 0x3C, 2); // the mini FAT in sector 2
    put32(&mut header, 0x40, 1);
    put32(&mut header, 0x44, END);
    for i in 0..109 {
        put32(&mut header, 0x4C + 4 * i, if i == 0 { 0 } else { FREE });
    }
    let mut fat = vec![0u8; 512];
    let mut entries = vec![0xFFFF_FFFD, END, END];
    for i in 0..stream_sectors {
        entries.push(if i + 1 == stream_sectors {
            END
        } else {
            (4 + i) as u32
        });
    }
    for i in 0..128 {
        put32(&mut fat, 4 * i, entries.get(i).copied().unwrap_or(FREE));
    }
    let mut directory = vec![0u8; 512];
    let entry =
        |d: &mut [u8], index: usize, name: &str, kind: u8, start: u32, size: u32, child: u32| {
            let base = index * 128;
            let units: Vec<u16> = name.encode_utf16().chain([0]).collect();
            for (i, u) in units.iter().enumerate() {
                d[base + 2 * i..base + 2 * i + 2].copy_from_slice(&u.to_le_bytes());
            }
            d[base + 0x40..base + 0x42].copy_from_slice(&((units.len() * 2) as u16).to_le_bytes());
            d[base + 0x42] = kind;
            d[base + 0x43] = 1;
            for at in [0x44, 0x48] {
                d[base + at..base + at + 4].copy_from_slice(&FREE.to_le_bytes());
            }
            d[base + 0x4C..base + 0x50].copy_from_slice(&child.to_le_bytes());
            d[base + 0x74..base + 0x78].copy_from_slice(&start.to_le_bytes());
            d[base + 0x78..base + 0x7C].copy_from_slice(&size.to_le_bytes());
        };
    entry(
        &mut directory,
        0,
        "Root Entry",
        5,
        3,
        mini_stream_len as u32,
        1,
    );
    entry(
        &mut directory,
        1,
        "Workbook",
        2,
        0,
        stream.len() as u32,
        FREE,
    );
    for index in 2..4 {
        entry(&mut directory, index, "", 0, FREE, 0, FREE);
    }
    let mut mini_fat = vec![0u8; 512];
    for i in 0..128 {
        let next = if i + 1 < mini_sectors {
            (i + 1) as u32
        } else if i + 1 == mini_sectors {
            END
        } else {
            FREE
        };
        put32(&mut mini_fat, 4 * i, next);
    }
    let mut mini_stream = stream.to_vec();
    mini_stream.resize(stream_sectors * 512, 0);
    [header, fat, directory, mini_fat, mini_stream].concat()
}

/// An XLS of a few hundred bytes whose sheet has a cell at A1 and one at IV65536: the reader
/// would make a dense range of 16.7 million cells (1 GB, measured with an xlwt-made file);
/// refused from the cell records' positions before the reader opens it.
pub(crate) fn xls_far_cell(dir: &Path) -> Result<(), String> {
    let bof = |kind: u16| {
        let mut data = vec![0u8; 16];
        data[..2].copy_from_slice(&0x0600u16.to_le_bytes());
        data[2..4].copy_from_slice(&kind.to_le_bytes());
        record(0x0809, &data)
    };
    let stream = [
        bof(0x0005),
        record(0x000A, &[]),
        bof(0x0010),
        number(0, 0),
        number(65_535, 255),
        record(0x000A, &[]),
    ]
    .concat();
    let path = dir.join("far.xls");
    std::fs::write(&path, compound_file(&stream)).map_err(|e| e.to_string())?;
    match edc_convert::read_rows(&path, 1) {
        Err(e)
            if e.kind() == edc_convert::ConvertErrorKind::Input
                && e.message().contains("16777216 positions") =>
        {
            Ok(())
        }
        Err(e) => Err(format!("refused, but with another error: {e}")),
        Ok(_) => Err("read".into()),
    }
}
