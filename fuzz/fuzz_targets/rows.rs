//! Provider rows: the input's first byte chooses CSV, XLSX, ODS, XLS or JSON lines; the rest is
//! the file.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((kind, file)) = data.split_first() else {
        return;
    };
    let extension = ["csv", "xlsx", "ods", "xls", "jsonl"][*kind as usize % 5];
    let path = std::env::temp_dir().join(format!(
        "edc-fuzz-rows-{}.{extension}",
        std::process::id()
    ));
    if std::fs::write(&path, file).is_err() {
        return;
    }
    if let Ok(rows) = edc_convert::read_rows(&path, 1 + (*kind as usize / 5) % 3) {
        for row in rows.take(10_000) {
            let _ = row;
        }
    }
});
