//! The conversion pipeline: rows are read, filled in, validated, secured and written one at a
//! time — or, when the caller asks for workers ([`Converter::with_workers`]), by a bounded set
//! of threads (one reader, the workers, this thread writing); memory does not grow with the
//! number of rows either way.

use crate::error::{ConvertError, ConvertErrorKind};
use crate::input::{read_rows, Row, RowError};
use crate::mapping::Mapping;
use crate::template::{fill, Filled};
use crate::validate::Validator;
use edc_did::KeyPair;
use edc_seal::{seal, SealOptions, SealingKey};
use edc_shacl::ShapesSource;
use edc_signer::{Cryptosuite, DataIntegrity, ProofOptions};
use serde_json::{json, Value};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};

/// How each credential is secured.
pub enum Securing {
    /// Left unsigned (e.g. for the Europass issuer, which seals it).
    None,
    /// A Data Integrity proof.
    DataIntegrity {
        /// The signing key.
        key: KeyPair,
        /// The verification method (a DID URL).
        method: String,
        /// The cryptosuite.
        suite: Cryptosuite,
    },
    /// A JWT: EBSI's VC-JWT 1.1, VC-JOSE or SD-JWT (files are written as `.jwt`).
    Jwt {
        /// The signing key.
        key: KeyPair,
        /// The verification method (a DID URL), the JWT's `kid`.
        method: String,
        /// Which form.
        form: JwtForm,
    },
    /// A JAdES eSeal.
    Seal {
        /// The sealing key.
        key: SealingKey,
        /// The certificate chain (DER), seal certificate first.
        chain: Vec<Vec<u8>>,
        /// Time-stamp each seal (baseline T or LTA); a row whose time-stamp fails is reported,
        /// the others go on.
        #[cfg(feature = "tsa")]
        time_stamping: Option<edc_seal::TimeStamping>,
    },
}

/// The JWT forms a converter signs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JwtForm {
    /// VC-JWT 1.1 as EBSI uses it (the credential in the `vc` claim).
    VcJwt,
    /// VC-JOSE (`vc+jwt`, the claims set is the credential; VCDM 2.0).
    VcJose,
    /// SD-JWT (`vc+sd-jwt`, the subject's claims selectively disclosable; VCDM 2.0).
    SdJwt,
}

/// Where the credentials go.
#[derive(Debug, Clone)]
pub enum Output {
    /// One `.jsonld` file per credential in a directory.
    Files(PathBuf),
    /// One credential per line in a file.
    JsonLines(PathBuf),
    /// One Europass upload wrapper `{credential, deliveryDetails}` per file in a directory.
    UploadWrappers(PathBuf),
}

/// What a conversion did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Credentials written.
    pub produced: usize,
    /// Rows refused.
    pub skipped: usize,
    /// Why rows were refused, by row and column.
    pub errors: Vec<RowError>,
    /// The profile the credentials were validated against.
    pub profile: String,
    /// The first files written (at most ten, for file outputs).
    pub first_written: Vec<PathBuf>,
}

/// Converts rows to credentials.
pub struct Converter {
    mapping: Mapping,
    validator: Validator,
    securing: Securing,
    workers: usize,
    integrity: DataIntegrity,
    overwrite: bool,
}

/// One row's result from a worker.
enum Done {
    Credential {
        row: usize,
        filled: Filled,
        secured: Value,
    },
    Refused(Vec<RowError>),
}

impl Converter {
    /// A converter; `shapes` finds the EU's SHACL files (without them the built-in essentials
    /// are applied, and the summary says so).
    pub fn new(mapping: Mapping, shapes: ShapesSource, securing: Securing) -> Self {
        Converter {
            mapping,
            validator: Validator::new(shapes),
            securing,
            workers: 1,
            integrity: DataIntegrity::default(),
            overwrite: false,
        }
    }

    /// Replaces files that exist already (off by default: an existing credential is never
    /// overwritten, its row reports it and the other rows are written).
    pub fn with_overwrite(mut self, overwrite: bool) -> Self {
        self.overwrite = overwrite;
        self
    }

    /// The number of worker threads (default 1: no thread is started, rows are converted on
    /// the caller's thread; `edc convert` asks for one per core).
    pub fn with_workers(mut self, workers: usize) -> Self {
        self.workers = workers.max(1);
        self
    }
    /// Time-stamps a fresh seal when the securing asks for it (baseline T or LTA).
    #[cfg(feature = "tsa")]
    fn time_stamp(
        &self,
        mut sealed: Value,
        chain: &[Vec<u8>],
    ) -> Result<Value, edc_seal::SealError> {
        if let Securing::Seal {
            time_stamping: Some(how),
            ..
        } = &self.securing
        {
            edc_seal::LongTerm::new(&mut sealed).time_stamp(chain, how)?;
        }
        Ok(sealed)
    }

    /// Without the `tsa` feature seals are not time-stamped.
    #[cfg(not(feature = "tsa"))]
    fn time_stamp(&self, sealed: Value, _chain: &[Vec<u8>]) -> Result<Value, edc_seal::SealError> {
        Ok(sealed)
    }

    /// Converts one row: fill, validate, secure.
    fn convert(&self, row: &Row, now: i64) -> Done {
        let mut filled = match fill(&self.mapping, row) {
            Ok(f) => f,
            Err(errors) => return Done::Refused(errors),
        };
        // A DID-signed credential's issuer is the DID: the template's issuer id becomes it
        // wherever it appears (the awarding body is usually the same organisation).
        if let Securing::DataIntegrity { method, .. } | Securing::Jwt { method, .. } =
            &self.securing
        {
            let did = method.split('#').next().unwrap_or(method);
            if let Some(old) = filled.credential["issuer"]["id"]
                .as_str()
                .map(str::to_string)
            {
                replace_strings(&mut filled.credential, &old, did);
            }
        }
        // A Data Integrity proof signs the credential with its suite's context: that is the
        // document validated, and its RDF is what the proof signs (converted once).
        if let Securing::DataIntegrity { suite, .. } = &self.securing {
            filled.credential = DataIntegrity::with_suite_context(&filled.credential, *suite);
        }
        let dataset = match self
            .validator
            .check(&filled.credential, row.number, &self.mapping)
        {
            Ok(dataset) => dataset,
            Err(errors) => return Done::Refused(errors),
        };
        let secured = match &self.securing {
            Securing::None => Ok(filled.credential.clone()),
            Securing::DataIntegrity { key, method, suite } => self
                .integrity
                .sign_with_dataset(
                    &filled.credential,
                    &dataset,
                    key,
                    &ProofOptions::new(*suite, method),
                )
                .map_err(|e| e.to_string()),
            Securing::Jwt { key, method, form } => match form {
                JwtForm::VcJwt => edc_signer::sign_vc_jwt(&filled.credential, key, method),
                JwtForm::VcJose => edc_signer::sign_vc_jose(&filled.credential, key, method),
                JwtForm::SdJwt => edc_signer::sign_vc_sd_jwt(&filled.credential, key, method),
            }
            .map(Value::String)
            .map_err(|e| e.to_string()),
            Securing::Seal { key, chain, .. } => seal(
                &filled.credential,
                key,
                chain,
                SealOptions {
                    algorithm: key.default_algorithm(),
                    now,
                    fill_issuer: false,
                },
            )
            .and_then(|sealed| self.time_stamp(sealed, chain))
            .map_err(|e| e.to_string()),
        };
        match secured {
            Ok(secured) => Done::Credential {
                row: row.number,
                filled,
                secured,
            },
            Err(message) => Done::Refused(vec![RowError {
                row: row.number,
                column: None,
                message: format!("could not be signed: {message}"),
            }]),
        }
    }

    /// A problem of the whole file, seen in its header row: a column the mapping requires
    /// (with no default) that the header does not have (renamed?), or a single column whose
    /// name holds another delimiter.
    fn file_wide_problem(&self, input: &Path, columns: Option<&[String]>) -> Result<(), String> {
        let Some(columns) = columns else {
            return Ok(());
        };
        if let [only] = columns {
            if let Some(delimiter) = ['|', ';', '\t'].into_iter().find(|d| only.contains(*d)) {
                return Err(format!(
                    "{}: the header is one column `{only}`: the file seems delimited by `{}`, not by commas; save it as CSV with commas (or as .xlsx)",
                    input.display(),
                    delimiter.escape_default()
                ));
            }
        }
        let missing: Vec<&str> = self
            .mapping
            .columns
            .iter()
            .filter(|(name, spec)| {
                spec.required && spec.default.is_none() && !columns.contains(name)
            })
            .map(|(name, _)| name.as_str())
            .collect();
        if !missing.is_empty() {
            let shown: Vec<&str> = columns.iter().take(20).map(String::as_str).collect();
            return Err(format!(
                "{}: the header has no column {} that the mapping requires (its columns: {}); rename the header, or change the mapping {}",
                input.display(),
                missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "),
                shown.join(", "),
                self.mapping.source.display()
            ));
        }
        Ok(())
    }

    /// Converts every row of `input` into `output`; `progress` is called with the number of
    /// rows done so far. Rows with errors are reported and skipped; the others are written.
    pub fn run(
        &self,
        input: &Path,
        output: &Output,
        progress: &(dyn Fn(usize) + Sync),
    ) -> Result<Summary, ConvertError> {
        use ConvertErrorKind::{Input, Options};
        if matches!(output, Output::UploadWrappers(_))
            && matches!(self.securing, Securing::Jwt { .. })
        {
            return Err(ConvertError::new(
                Options,
                "an upload wrapper carries a JSON credential, not a JWT: choose one or the other",
            ));
        }
        let rows = read_rows(input, self.mapping.header_row)?;
        // File-wide problems are said once, before any row: a column the mapping requires that
        // the header lacks (renamed?), or a file cut by another delimiter.
        self.file_wide_problem(input, rows.columns())
            .map_err(|m| ConvertError::new(Input, m))?;
        let mut sink = Sink::open(output, self.overwrite)
            .map_err(|m| ConvertError::new(ConvertErrorKind::Output, m))?;
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_secs() as i64)
            .unwrap_or(0);
        let bound = self.workers * 4;
        let mut summary = Summary {
            profile: self.validator.describe(&self.mapping.template),
            ..Summary::default()
        };
        let mut count = 0;
        let mut record = |done: Done| {
            count += 1;
            match done {
                Done::Refused(errors) => {
                    summary.skipped += 1;
                    summary.errors.extend(errors);
                }
                Done::Credential {
                    row,
                    filled,
                    secured,
                } => match sink.write(row, &filled, &secured) {
                    Ok(path) => {
                        summary.produced += 1;
                        if summary.first_written.len() < 10 {
                            summary.first_written.extend(path);
                        }
                    }
                    Err(e) => {
                        summary.skipped += 1;
                        summary.errors.push(e);
                    }
                },
            }
            progress(count);
        };
        if self.workers == 1 {
            for row in rows {
                record(match row {
                    Ok(row) => self.convert(&row, now),
                    Err(e) => Done::Refused(vec![e]),
                });
            }
        } else {
            std::thread::scope(|scope| {
                let (row_tx, row_rx) = sync_channel::<Result<Row, RowError>>(bound);
                let (done_tx, done_rx) = sync_channel::<Done>(bound);
                scope.spawn(move || {
                    for row in rows {
                        if row_tx.send(row).is_err() {
                            break;
                        }
                    }
                });
                let shared: Arc<Mutex<Receiver<Result<Row, RowError>>>> =
                    Arc::new(Mutex::new(row_rx));
                for _ in 0..self.workers {
                    let rx = shared.clone();
                    let tx = done_tx.clone();
                    scope.spawn(move || loop {
                        let next = rx.lock().map(|r| r.recv());
                        let Ok(Ok(row)) = next else { break };
                        let done = match row {
                            Ok(row) => self.convert(&row, now),
                            Err(e) => Done::Refused(vec![e]),
                        };
                        if tx.send(done).is_err() {
                            break;
                        }
                    });
                }
                drop(done_tx);
                done_rx.into_iter().for_each(&mut record);
            });
        }
        sink.finish()
            .map_err(|m| ConvertError::new(ConvertErrorKind::Output, m))?;
        summary.errors.sort_by_key(|e| e.row);
        Ok(summary)
    }
}

/// Replaces every string value equal to `from` with `to`.
fn replace_strings(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::String(s) if s == from => *s = to.to_string(),
        Value::Array(items) => items.iter_mut().for_each(|v| replace_strings(v, from, to)),
        Value::Object(map) => map.values_mut().for_each(|v| replace_strings(v, from, to)),
        _ => {}
    }
}

/// Where finished credentials are written.
struct Sink {
    output: Output,
    lines: Option<std::io::BufWriter<std::fs::File>>,
    names: HashSet<String>,
    overwrite: bool,
}

/// A file name from a pattern's value or the credential id: letters, digits, `.`, `-`, `_`.
fn file_stem(filled: &Filled, row: usize) -> String {
    let base = filled.file_name.clone().or_else(|| {
        filled.credential["id"]
            .as_str()
            .map(|id| id.rsplit([':', '/']).next().unwrap_or(id).to_string())
    });
    let clean = edc_context::safe_file_stem(&base.unwrap_or_else(|| format!("row-{row}")));
    if clean.is_empty() || clean.starts_with('.') {
        format!("row-{row}")
    } else {
        clean
    }
}

impl Sink {
    fn open(output: &Output, overwrite: bool) -> Result<Sink, String> {
        if let Output::JsonLines(path) = output {
            if path.exists() && !overwrite {
                return Err(format!(
                    "{} exists; edc does not overwrite it (give another file, or --overwrite)",
                    path.display()
                ));
            }
        }
        let lines = match output {
            Output::Files(dir) | Output::UploadWrappers(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                None
            }
            Output::JsonLines(path) => Some(std::io::BufWriter::new(
                std::fs::File::create(path)
                    .map_err(|e| format!("cannot create {}: {e}", path.display()))?,
            )),
        };
        Ok(Sink {
            output: output.clone(),
            lines,
            names: HashSet::new(),
            overwrite,
        })
    }

    fn write(
        &mut self,
        row: usize,
        filled: &Filled,
        secured: &Value,
    ) -> Result<Option<PathBuf>, RowError> {
        let error = |message: String| RowError {
            row,
            column: None,
            message,
        };
        match &self.output {
            Output::JsonLines(_) => {
                let out = self.lines.as_mut().expect("opened for lines");
                serde_json::to_writer(&mut *out, secured).map_err(|e| error(e.to_string()))?;
                out.write_all(b"\n").map_err(|e| error(e.to_string()))?;
                Ok(None)
            }
            Output::Files(dir) | Output::UploadWrappers(dir) => {
                let stem = file_stem(filled, row);
                if !self.names.insert(stem.clone()) {
                    return Err(error(format!(
                        "the file name `{stem}` is already used by another row; make the file_name column unique"
                    )));
                }
                let document = match &self.output {
                    Output::UploadWrappers(_) => {
                        let mut wrapper = json!({"credential": secured});
                        if let Some(address) = &filled.delivery_address {
                            wrapper["deliveryDetails"] = json!({"deliveryAddress": [address]});
                        }
                        wrapper
                    }
                    _ => secured.clone(),
                };
                let (path, bytes) = match &document {
                    // A token (JWT, SD-JWT) is written as it is.
                    Value::String(token) => {
                        (dir.join(format!("{stem}.jwt")), token.clone().into_bytes())
                    }
                    _ => (
                        dir.join(format!("{stem}.jsonld")),
                        serde_json::to_vec_pretty(&document).map_err(|e| error(e.to_string()))?,
                    ),
                };
                if path.exists() && !self.overwrite {
                    return Err(error(format!(
                        "{} exists (written before?); edc does not overwrite it: give another --out, or --overwrite",
                        path.display()
                    )));
                }
                std::fs::write(&path, bytes)
                    .map_err(|e| error(format!("cannot write {}: {e}", path.display())))?;
                Ok(Some(path))
            }
        }
    }

    fn finish(&mut self) -> Result<(), String> {
        if let Some(out) = self.lines.as_mut() {
            out.flush().map_err(|e| e.to_string())?;
        }
        Ok(())
    }
}
