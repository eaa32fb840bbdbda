//! edc for Python (`import edc`): verify, inspect, validate, convert rows, sign and seal, with
//! errors as a small hierarchy carrying stable codes. Verification releases the GIL.

use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList};
use serde_json::Value;

pyo3::create_exception!(
    _edc,
    EdcError,
    PyException,
    "Every error edc raises; `code` is stable, the message is for people."
);
pyo3::create_exception!(
    _edc,
    InvalidInput,
    EdcError,
    "The input or an option cannot be read."
);
pyo3::create_exception!(
    _edc,
    KeyFileError,
    EdcError,
    "A key file cannot be read or used."
);
pyo3::create_exception!(
    _edc,
    SealError,
    EdcError,
    "Sealing failed, or the key store cannot be read."
);
pyo3::create_exception!(
    _edc,
    ConvertError,
    EdcError,
    "A conversion could not run (a bad row is reported, not raised)."
);

/// An error of `kind` with a stable `code` attribute.
fn error<E: pyo3::PyTypeInfo>(py: Python<'_>, code: &str, message: impl Into<String>) -> PyErr {
    let err = PyErr::new::<E, _>(message.into());
    let _ = err.value(py).setattr("code", code);
    err
}

fn json_to_py(py: Python<'_>, value: &Value) -> PyResult<PyObject> {
    Ok(py
        .import("json")?
        .call_method1("loads", (value.to_string(),))?
        .unbind())
}

fn py_to_json(py: Python<'_>, value: &Bound<'_, PyAny>) -> PyResult<Value> {
    let text: String = py
        .import("json")?
        .call_method1("dumps", (value,))?
        .extract()?;
    serde_json::from_str(&text)
        .map_err(|e| error::<InvalidInput>(py, "invalid_option", e.to_string()))
}

/// The validation time: an RFC 3339 string or seconds since 1970.
fn seconds(py: Python<'_>, at: &Bound<'_, PyAny>) -> PyResult<i64> {
    if let Ok(n) = at.extract::<i64>() {
        return Ok(n);
    }
    let text: String = at.extract().map_err(|_| {
        error::<InvalidInput>(
            py,
            "invalid_option",
            "at is an RFC 3339 string or seconds since 1970",
        )
    })?;
    edc_model::DateTime::parse(&text)
        .map(|t| t.unix_seconds())
        .map_err(|e| error::<InvalidInput>(py, "invalid_option", format!("at {text}: {e}")))
}

/// A trust anchor: a file path (PEM or DER), PEM text, or DER bytes.
fn add_anchor(
    py: Python<'_>,
    store: &mut edc_seal::TrustStore,
    anchor: &Bound<'_, PyAny>,
) -> PyResult<()> {
    let added = if let Ok(bytes) = anchor.downcast::<PyBytes>() {
        store.add_der(bytes.as_bytes())
    } else {
        let text: String = anchor.extract()?;
        if text.contains("-----BEGIN") {
            store.add_pem(&text)
        } else {
            let bytes = std::fs::read(&text).map_err(|e| {
                error::<InvalidInput>(py, "unreadable_file", format!("trust anchor {text}: {e}"))
            })?;
            match std::str::from_utf8(&bytes) {
                Ok(pem) if pem.contains("-----BEGIN") => store.add_pem(pem),
                _ => store.add_der(&bytes),
            }
        }
    };
    added.map_err(|e| error::<InvalidInput>(py, "invalid_trust_anchor", e.to_string()))
}

/// Verifies a document (any form edc reads) and returns the report `edc verify --json` prints.
#[pyfunction]
#[pyo3(signature = (data, *, at=None, trust_anchors=None, trusted_dids=None, policy="europass", challenge=None, domain=None, expected_subject=None, status_lists=None, shapes_dir=None))]
#[allow(clippy::too_many_arguments)]
fn verify(
    py: Python<'_>,
    data: &[u8],
    at: Option<Bound<'_, PyAny>>,
    trust_anchors: Option<Bound<'_, PyList>>,
    trusted_dids: Option<Vec<String>>,
    policy: &str,
    challenge: Option<String>,
    domain: Option<String>,
    expected_subject: Option<String>,
    status_lists: Option<Bound<'_, PyDict>>,
    shapes_dir: Option<String>,
) -> PyResult<PyObject> {
    let mut builder = edc_verifier::Verifier::builder();
    if let Some(at) = at {
        builder = builder.at(seconds(py, &at)?);
    }
    if let Some(anchors) = trust_anchors {
        let mut store = edc_seal::TrustStore::new();
        for anchor in anchors.iter() {
            add_anchor(py, &mut store, &anchor)?;
        }
        builder = builder.trust_store(store);
    }
    builder = builder.trusted_dids(trusted_dids.unwrap_or_default());
    builder = builder.policy(edc_verifier::Policy::from_name(policy).ok_or_else(|| {
        error::<InvalidInput>(
            py,
            "invalid_option",
            format!("policy {policy}: give europass, strict or lenient"),
        )
    })?);
    if let Some(c) = challenge {
        builder = builder.challenge(c);
    }
    if let Some(d) = domain {
        builder = builder.domain(d);
    }
    if let Some(s) = expected_subject {
        builder = builder.expected_subject(s);
    }
    if let Some(lists) = status_lists {
        let mut given = edc_verifier::StatusLists::new();
        if let Value::Object(map) = py_to_json(py, lists.as_any())? {
            for (url, list) in map {
                given = given.with_list(url, list);
            }
        }
        builder = builder.status_lists(given);
    }
    if let Some(dir) = shapes_dir {
        builder = builder.shapes_dir(dir);
    }
    let verifier = builder.build();
    let bytes = data.to_vec();
    let report = py.allow_threads(move || verifier.verify(&bytes).to_json());
    json_to_py(py, &report)
}

/// What a document is and claims (`edc inspect --json`), verifying nothing.
#[pyfunction]
#[pyo3(signature = (data, *, language="en"))]
fn inspect(py: Python<'_>, data: &[u8], language: &str) -> PyResult<PyObject> {
    let document = edc_model::Document::from_slice(data)
        .map_err(|e| error::<InvalidInput>(py, "unreadable", e.to_string()))?;
    let summary = serde_json::to_value(edc_model::Summary::of(&document, language))
        .map_err(|e| error::<EdcError>(py, "internal", e.to_string()))?;
    json_to_py(py, &summary)
}

/// The format check alone: the data model and the official profile (`shapes_dir`, else edc's
/// essentials).
#[pyfunction]
#[pyo3(signature = (data, *, shapes_dir=None, at=None))]
fn validate(
    py: Python<'_>,
    data: &[u8],
    shapes_dir: Option<String>,
    at: Option<Bound<'_, PyAny>>,
) -> PyResult<PyObject> {
    let mut builder = edc_verifier::Verifier::builder();
    if let Some(dir) = shapes_dir {
        builder = builder.shapes_dir(dir);
    }
    if let Some(at) = at {
        builder = builder.at(seconds(py, &at)?);
    }
    let verifier = builder.build();
    let bytes = data.to_vec();
    let report = py.allow_threads(move || verifier.verify(&bytes));
    let format = report
        .checks
        .iter()
        .find(|c| c.name == edc_verifier::CheckName::Format)
        .ok_or_else(|| error::<EdcError>(py, "internal", "no format check"))?;
    let value = serde_json::json!({
        "conforms": matches!(format.outcome, edc_verifier::Outcome::Ok(_)),
        "code": format.outcome.code().as_str(),
        "reason": format.outcome.reason(),
        "findings": format.findings.iter().map(|f| serde_json::json!({"pointer": f.pointer, "code": f.code.as_str(), "message": f.message})).collect::<Vec<_>>(),
    });
    json_to_py(py, &value)
}

/// Converts rows (dicts, as a provider export gives them) with a mapping file into credentials:
/// `{credentials, errors: [{row, column, message}], produced, skipped, profile}`. Bad rows are
/// reported, the good ones converted.
#[pyfunction]
#[pyo3(signature = (rows, mapping, *, shapes_dir=None))]
fn convert_rows(
    py: Python<'_>,
    rows: Bound<'_, PyList>,
    mapping: &str,
    shapes_dir: Option<String>,
) -> PyResult<PyObject> {
    let rows = py_to_json(py, rows.as_any())?;
    let mapping = edc_convert::Mapping::load(std::path::Path::new(mapping))
        .map_err(|e| error::<ConvertError>(py, "mapping", e.to_string()))?;
    let shapes = match shapes_dir {
        Some(dir) => edc_shacl::ShapesSource::dir(dir),
        None => edc_shacl::ShapesSource::essentials_only(),
    };
    let work = std::env::temp_dir().join(format!("edc-py-{}-{}", std::process::id(), unique()));
    std::fs::create_dir_all(&work).map_err(|e| error::<ConvertError>(py, "io", e.to_string()))?;
    let result = py.allow_threads(|| -> Result<(edc_convert::Summary, String), String> {
        let input = work.join("rows.jsonl");
        let lines: String = rows
            .as_array()
            .map(|rows| rows.iter().map(|r| format!("{r}\n")).collect())
            .unwrap_or_default();
        std::fs::write(&input, lines).map_err(|e| e.to_string())?;
        let output = work.join("out.jsonl");
        let converter = edc_convert::Converter::new(mapping, shapes, edc_convert::Securing::None);
        let summary = converter
            .run(
                &input,
                &edc_convert::Output::JsonLines(output.clone()),
                &|_| {},
            )
            .map_err(|e| e.to_string())?;
        Ok((
            summary,
            std::fs::read_to_string(&output).unwrap_or_default(),
        ))
    });
    let _ = std::fs::remove_dir_all(&work);
    let (summary, text) = result.map_err(|e| error::<ConvertError>(py, "convert", e))?;
    let credentials: Vec<Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or(Value::String(l.to_string())))
        .collect();
    let value = serde_json::json!({
        "credentials": credentials,
        "errors": summary.errors.iter().map(|e| serde_json::json!({"row": e.row, "column": e.column, "message": e.message})).collect::<Vec<_>>(),
        "produced": summary.produced,
        "skipped": summary.skipped,
        "profile": summary.profile,
    });
    json_to_py(py, &value)
}

/// Nanoseconds since 1970: a scratch directory's name.
fn unique() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or(0)
}

/// Seconds since 1970: a proof's or a seal's time.
fn now_seconds() -> i64 {
    i64::try_from(unique() / 1_000_000_000).unwrap_or(i64::MAX)
}

/// Signs a credential with a Data Integrity proof (eddsa-rdfc-2022 for an Ed25519 key,
/// ecdsa-rdfc-2019 for P-256/P-384, or `suite`), or as VC-JOSE (`suite="vc-jose"`: a string).
#[pyfunction]
#[pyo3(signature = (data, key_file, *, suite=None, set_issuer=false))]
fn sign(
    py: Python<'_>,
    data: &[u8],
    key_file: &str,
    suite: Option<&str>,
    set_issuer: bool,
) -> PyResult<PyObject> {
    let text = std::fs::read_to_string(key_file)
        .map_err(|e| error::<KeyFileError>(py, "unreadable_file", format!("{key_file}: {e}")))?;
    let key = edc_did::KeyPair::from_key_text(&text)
        .map_err(|e| error::<KeyFileError>(py, "key", format!("{key_file}: {e}")))?;
    let document = edc_model::Document::from_slice(data)
        .map_err(|e| error::<InvalidInput>(py, "unreadable", e.to_string()))?;
    let mut json = document.json_ld();
    let (did, method) = edc_did::did_key(&key.public_key());
    let issuer = match json.get("issuer") {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Object(o)) => o.get("id").and_then(Value::as_str).map(str::to_string),
        _ => None,
    };
    if set_issuer {
        match json.get_mut("issuer") {
            Some(Value::Object(o)) => {
                o.insert("id".into(), Value::String(did.clone()));
            }
            _ => json["issuer"] = Value::String(did.clone()),
        }
    } else if issuer.as_deref() != Some(did.as_str()) {
        return Err(error::<InvalidInput>(
            py,
            "issuer_mismatch",
            format!("the credential's issuer is {}, not the key's DID {did}: pass set_issuer=True to issue it as {did}", issuer.unwrap_or_else(|| "missing".into())),
        ));
    }
    if suite == Some("vc-jose") {
        let token = edc_signer::sign_vc_jose(&json, &key, &method)
            .map_err(|e| error::<InvalidInput>(py, "cannot_sign", e.to_string()))?;
        return Ok(token.into_pyobject(py)?.into_any().unbind());
    }
    let suite = match suite {
        Some(name) => edc_signer::Cryptosuite::from_name(name).ok_or_else(|| {
            error::<InvalidInput>(
                py,
                "invalid_option",
                format!("suite {name} is not one edc makes"),
            )
        })?,
        None if key.key_type() == edc_did::KeyType::Ed25519 => {
            edc_signer::Cryptosuite::EddsaRdfc2022
        }
        None => edc_signer::Cryptosuite::EcdsaRdfc2019,
    };
    let created = edc_model::DateTime::from_unix_seconds(now_seconds()).to_string();
    let options = edc_signer::ProofOptions::new(suite, method).created(created);
    let signed = py
        .allow_threads(|| edc_signer::DataIntegrity::default().sign(&json, &key, &options))
        .map_err(|e| error::<InvalidInput>(py, "cannot_sign", e.to_string()))?;
    json_to_py(py, &signed)
}

/// Seals a Europass credential (JAdES baseline-B) with the eSeal in a PKCS#12 key store.
#[pyfunction]
fn seal(py: Python<'_>, data: &[u8], p12_file: &str, password: &str) -> PyResult<PyObject> {
    let der = std::fs::read(p12_file)
        .map_err(|e| error::<SealError>(py, "unreadable_file", format!("{p12_file}: {e}")))?;
    let (key, chain) = edc_seal::SealingKey::from_pkcs12(&der, password)
        .map_err(|e| error::<SealError>(py, "key_store", format!("{p12_file}: {e}")))?;
    let document = edc_model::Document::from_slice(data)
        .map_err(|e| error::<InvalidInput>(py, "unreadable", e.to_string()))?;
    let options = edc_seal::SealOptions {
        algorithm: key.default_algorithm(),
        now: now_seconds(),
        fill_issuer: true,
    };
    let sealed = edc_seal::seal(&document.json_ld(), &key, &chain, options)
        .map_err(|e| error::<SealError>(py, "cannot_seal", e.to_string()))?;
    json_to_py(py, &sealed)
}

/// The module.
#[pymodule]
fn _edc(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("EdcError", py.get_type::<EdcError>())?;
    m.add("InvalidInput", py.get_type::<InvalidInput>())?;
    m.add("KeyFileError", py.get_type::<KeyFileError>())?;
    m.add("SealError", py.get_type::<SealError>())?;
    m.add("ConvertError", py.get_type::<ConvertError>())?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(inspect, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(convert_rows, m)?)?;
    m.add_function(wrap_pyfunction!(sign, m)?)?;
    m.add_function(wrap_pyfunction!(seal, m)?)?;
    Ok(())
}
