//! The options object of `verify`/`new Verifier`, read into the verifier's builder.

use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A verifier built from options, and what each call needs beside it.
pub(crate) struct Built {
    pub verifier: edc_verifier::Verifier,
    pub fetch: Option<js_sys::Function>,
    pub expected: edc_verifier::Expectations,
    pub at_given: bool,
}

/// A JavaScript value as JSON (functions and class instances are dropped by `JSON.stringify`).
pub(crate) fn json_of(value: &JsValue) -> Result<Value, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Value::Null);
    }
    let text = js_sys::JSON::stringify(value)
        .map_err(|_| JsError::new("the options cannot be read as JSON"))?
        .as_string()
        .unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("the options: {e}")))
}

/// The host's clock, seconds since 1970.
pub(crate) fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

fn field(options: &JsValue, name: &str) -> Option<JsValue> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

/// Reads the options.
pub(crate) fn build(
    options: &JsValue,
    shapes: Option<std::sync::Arc<edc_shacl::ShapesSource>>,
) -> Result<Built, JsError> {
    let json = json_of(options)?;
    let text = |name: &str| json.get(name).and_then(Value::as_str).map(str::to_string);
    let mut builder = edc_verifier::Verifier::builder();
    let mut expected = edc_verifier::Expectations::new();
    let mut at_given = false;
    match json.get("validationTime") {
        None | Some(Value::Null) => {}
        Some(Value::Number(ms)) => {
            let seconds = ms.as_f64().map(|ms| (ms / 1000.0) as i64).unwrap_or(0);
            builder = builder.at(seconds);
            at_given = true;
        }
        Some(Value::String(t)) => {
            let time = edc_model::DateTime::parse(t)
                .map_err(|e| JsError::new(&format!("validationTime {t}: {e}")))?;
            builder = builder.at(time.unix_seconds());
            at_given = true;
        }
        Some(other) => {
            return Err(JsError::new(&format!(
                "validationTime must be milliseconds since 1970 or an RFC 3339 string, not {other}"
            )))
        }
    }
    if let Some(policy) = text("policy") {
        builder = builder.policy(edc_verifier::Policy::from_name(&policy).ok_or_else(|| {
            JsError::new(&format!(
                "policy {policy}: give europass, strict or lenient"
            ))
        })?);
    }
    if let Some(Value::Array(dids)) = json.get("trustedDids") {
        builder = builder.trusted_dids(dids.iter().filter_map(Value::as_str).map(str::to_string));
    }
    if let Some(c) = text("challenge") {
        expected = expected.challenge(c);
    }
    if let Some(d) = text("domain") {
        expected = expected.domain(d);
    }
    if let Some(s) = text("expectedSubject") {
        expected = expected.subject(s);
    }
    if let Some(anchors) = field(options, "trustAnchors") {
        let mut store = edc_seal::TrustStore::new();
        for (i, anchor) in js_sys::Array::from(&anchors).iter().enumerate() {
            let added = if let Some(pem) = anchor.as_string() {
                store.add_pem(&pem)
            } else if anchor.is_instance_of::<js_sys::Uint8Array>() {
                store.add_der(&js_sys::Uint8Array::new(&anchor).to_vec())
            } else {
                return Err(JsError::new(&format!(
                    "trustAnchors[{i}] must be PEM text or DER bytes (Uint8Array)"
                )));
            };
            added.map_err(|e| JsError::new(&format!("trustAnchors[{i}]: {e}")))?;
        }
        builder = builder.trust_store(store);
    }
    let mut status_lists = edc_verifier::StatusLists::new();
    if let Some(Value::Object(lists)) = json.get("statusLists") {
        for (url, list) in lists {
            status_lists = status_lists.with_list(url.clone(), list.clone());
        }
    }
    let fetch = field(options, "fetch")
        .map(|f| {
            f.dyn_into::<js_sys::Function>().map_err(|_| {
                JsError::new("fetch must be a function (url) => string | Uint8Array | null")
            })
        })
        .transpose()?;
    let mut resolver = edc_did::Resolver::new();
    if let Some(Value::Array(documents)) = json.get("controllerDocuments") {
        for document in documents {
            resolver = resolver.with_document(document.clone());
        }
    }
    if fetch.is_some() {
        let fetcher = crate::host::fetcher();
        status_lists = status_lists.with_fetcher(fetcher.clone());
        resolver = resolver.with_fetcher(fetcher.clone());
        builder = builder.loader(edc_context::DocumentLoader::new().with_fetcher(fetcher));
    }
    builder = builder.status_lists(status_lists).resolver(resolver);
    if let Some(Value::Array(accreditations)) = json.get("accreditations") {
        builder = builder.accreditations(accreditations.iter().cloned());
    }
    if let Some(shapes) = shapes {
        builder = builder.shapes(shapes);
    }
    Ok(Built {
        verifier: builder.build(),
        fetch,
        expected,
        at_given,
    })
}
