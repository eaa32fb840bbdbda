//! edc's verifier for WebAssembly hosts (browsers, Node, React Native with a wasm runtime).
//!
//! ```js
//! import {verify, Verifier, inspect, toRdf} from 'edc-wasm';
//! const report = verify(bytes, {validationTime: Date.now(), trustAnchors: [pem]});
//! report.verdict; // "verified" | "partially verified" | "could not check" | "failed"
//! report.checks;  // [{check, status, code, reason, findings?}] — the stable codes of `edc verify --json`
//! ```
//!
//! The package does no network I/O: trust anchors, trusted DIDs, status lists, controller
//! documents and the EU's SHACL files come in as values, and a host that wants to fetch passes
//! a synchronous `fetch(url) → string | Uint8Array | null` callback. Single-threaded; the
//! validation time is always the host's (wasm has no clock of its own).

mod host;
mod options;

use edc_model::Document;
use serde_json::{json, Value};
use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** What a verification is given: everything as values; nothing is fetched unless `fetch` is. */
export interface VerifyOptions {
  /** The validation time: milliseconds since 1970 (Date.now()) or an RFC 3339 string. Default: now (the host's clock). */
  validationTime?: number | string;
  /** X.509 trust anchors for Europass seals: PEM text or DER bytes. */
  trustAnchors?: (string | Uint8Array)[];
  /** DIDs trusted as issuers. */
  trustedDids?: string[];
  /** Status list credentials by the URL credentials name them with. */
  statusLists?: Record<string, object>;
  /** DID or controller documents (did:web, https controllers). */
  controllerDocuments?: object[];
  /** Which checks count: "europass" (default), "strict" or "lenient". */
  policy?: "europass" | "strict" | "lenient";
  /** A presentation's expected challenge and domain; a credential's expected subject. */
  challenge?: string;
  domain?: string;
  expectedSubject?: string;
  /** Accreditation documents (ELM Accreditation JSON-LD) the accreditation check may use. */
  accreditations?: object[];
  /** Called for what is not given (contexts, DID documents, status lists): the body, or null. */
  fetch?: (url: string) => string | Uint8Array | null | undefined;
}

/** One check's result, with its stable code. */
export interface Check {
  check: "format" | "integrity" | "issuer" | "owner" | "status" | "validity period" | "accreditation" | "micro-credential elements";
  status: "ok" | "failed" | "skipped" | "not applicable";
  code: string;
  reason: string;
  findings?: { pointer: string; code: string; message: string }[];
}

/** The report `edc verify --json` prints. */
export interface Report {
  verdict: "verified" | "partially verified" | "could not check" | "failed";
  policy: "europass" | "strict" | "lenient";
  checks: Check[];
}

/** What `inspect` says a document is and claims. */
export type Summary = Record<string, unknown> & { kind: string; envelope: string };

/** The format check: data model and SHACL profile. */
export interface Validation {
  conforms: boolean;
  code: string;
  reason: string;
  findings: { pointer: string; code: string; message: string }[];
}
"#;

/// The package's version.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Verifies a document (any form edc reads: a sealed Europass credential, the upload wrapper,
/// JSON-LD with a Data Integrity proof, VC-JOSE, VC-COSE, SD-JWT, a presentation).
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn verify(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] document: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions | undefined")] options: JsValue,
    shapes: Option<Shapes>,
) -> Result<JsValue, JsError> {
    Verifier::new(options, shapes)?.verify(document)
}

/// A verifier made once from its options and used for many documents (its contexts and
/// shapes are kept between calls).
#[wasm_bindgen]
pub struct Verifier {
    inner: edc_verifier::Verifier,
    fetch: Option<js_sys::Function>,
    expected: edc_verifier::Expectations,
    at_given: bool,
}

#[wasm_bindgen]
impl Verifier {
    /// A verifier for `options`; with `shapes`, the official SHACL profiles apply (else edc's
    /// essentials).
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "VerifyOptions | undefined")] options: JsValue,
        shapes: Option<Shapes>,
    ) -> Result<Verifier, JsError> {
        let built = options::build(&options, shapes.map(|s| s.source))?;
        Ok(Verifier {
            inner: built.verifier,
            fetch: built.fetch,
            expected: built.expected,
            at_given: built.at_given,
        })
    }

    /// Verifies one document.
    #[wasm_bindgen(unchecked_return_type = "Report")]
    pub fn verify(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] document: JsValue,
    ) -> Result<JsValue, JsError> {
        let bytes = bytes_of(&document)?;
        // Without a validation time of the caller's, the host's clock now (wasm has none).
        let expected = if self.at_given {
            self.expected.clone()
        } else {
            self.expected.clone().at(options::now_seconds())
        };
        let report = host::with_fetch(self.fetch.as_ref(), || {
            self.inner.verify_expecting(&bytes, &expected)
        });
        to_js(&report.to_json())
    }
}

/// What a document is and what it claims (as `edc inspect --json` prints it), verifying
/// nothing.
#[wasm_bindgen(unchecked_return_type = "Summary")]
pub fn inspect(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] document: JsValue,
    language: Option<String>,
) -> Result<JsValue, JsError> {
    let bytes = bytes_of(&document)?;
    let document = Document::from_slice(&bytes).map_err(|e| JsError::new(&e.to_string()))?;
    let summary = edc_model::Summary::of(&document, language.as_deref().unwrap_or("en"));
    to_js(&serde_json::to_value(&summary).map_err(|e| JsError::new(&e.to_string()))?)
}

/// The format check alone: the data model, and the official SHACL profile when `shapes` is
/// given (else edc's essentials).
#[wasm_bindgen(unchecked_return_type = "Validation")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] document: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions | undefined")] options: JsValue,
    shapes: Option<Shapes>,
) -> Result<JsValue, JsError> {
    let report = Verifier::new(options, shapes)?.verify(document)?;
    let report: Value = serde_json::from_str(
        &js_sys::JSON::stringify(&report)
            .map_err(|_| JsError::new("the report is not JSON"))?
            .as_string()
            .unwrap_or_default(),
    )
    .map_err(|e| JsError::new(&e.to_string()))?;
    let format = report["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["check"] == "format"))
        .cloned()
        .unwrap_or(Value::Null);
    to_js(&json!({
        "conforms": format["status"] == "ok",
        "code": format["code"],
        "reason": format["reason"],
        "findings": format.get("findings").cloned().unwrap_or(json!([])),
    }))
}

/// The document's RDF as N-Quads (JSON-LD 1.1, the contexts edc bundles), or with
/// `canonical`, its RDFC-1.0 canonical form.
#[wasm_bindgen(js_name = toRdf)]
pub fn to_rdf(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] document: JsValue,
    canonical: Option<bool>,
) -> Result<String, JsError> {
    let bytes = bytes_of(&document)?;
    let json = match Document::from_slice(&bytes) {
        Ok(document) => document.json_ld(),
        Err(_) => serde_json::from_slice(&bytes)
            .map_err(|e| JsError::new(&format!("not JSON-LD: {e}")))?,
    };
    let rdf = edc_context::JsonLdProcessor::default()
        .to_rdf(&json, &edc_context::ToRdfOptions::default())
        .map_err(|e| JsError::new(&e.to_string()))?;
    if canonical.unwrap_or(false) {
        edc_context::canonicalize(&rdf.dataset, edc_context::CanonOptions::default())
            .map(|c| c.nquads)
            .map_err(|e| JsError::new(&e.to_string()))
    } else {
        Ok(rdf.dataset.to_nquads())
    }
}

/// The EU's SHACL files, read once and given to verifiers (`new Shapes({"edc-ap-shapes.ttl": text, …})`;
/// `shapes.clone()` to give the same files to several verifiers).
#[wasm_bindgen]
#[derive(Clone)]
pub struct Shapes {
    pub(crate) source: std::sync::Arc<edc_shacl::ShapesSource>,
}

#[wasm_bindgen]
impl Shapes {
    /// The same files, for another verifier (a handle: nothing is copied).
    #[allow(clippy::should_implement_trait)]
    #[wasm_bindgen(js_name = clone)]
    pub fn clone_handle(&self) -> Shapes {
        self.clone()
    }

    /// The files by name (as the EU publishes them), as Turtle text.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "Record<string, string>")] files: JsValue,
    ) -> Result<Shapes, JsError> {
        let files: std::collections::HashMap<String, String> =
            serde_json::from_value(options::json_of(&files)?).map_err(|e| {
                JsError::new(&format!("Shapes takes {{file name: Turtle text}}: {e}"))
            })?;
        Ok(Shapes {
            source: std::sync::Arc::new(edc_shacl::ShapesSource::texts(files)),
        })
    }
}

/// The bytes of a `Uint8Array` or a string.
fn bytes_of(value: &JsValue) -> Result<Vec<u8>, JsError> {
    if let Some(text) = value.as_string() {
        return Ok(text.into_bytes());
    }
    if value.is_instance_of::<js_sys::Uint8Array>() {
        return Ok(js_sys::Uint8Array::new(value).to_vec());
    }
    Err(JsError::new(
        "give the document as a Uint8Array or a string",
    ))
}

fn to_js(value: &Value) -> Result<JsValue, JsError> {
    js_sys::JSON::parse(&value.to_string())
        .map_err(|_| JsError::new("cannot hand the result to JavaScript"))
}

/// The document as a self-contained HTML page (no script, no request), with the verification
/// `options` ask for as its banner (only a Verified verdict is green).
#[cfg(feature = "render")]
#[wasm_bindgen]
pub fn render(
    #[wasm_bindgen(unchecked_param_type = "Uint8Array | string")] document: JsValue,
    #[wasm_bindgen(unchecked_param_type = "VerifyOptions | undefined")] options: JsValue,
    language: Option<String>,
) -> Result<String, JsError> {
    let bytes = bytes_of(&document)?;
    let parsed = Document::from_slice(&bytes).map_err(|e| JsError::new(&e.to_string()))?;
    let verifier = Verifier::new(options, None)?;
    let expected = if verifier.at_given {
        verifier.expected.clone()
    } else {
        verifier.expected.clone().at(options::now_seconds())
    };
    let report = host::with_fetch(verifier.fetch.as_ref(), || {
        verifier.inner.verify_expecting(&bytes, &expected)
    });
    Ok(edc_render::render_html(&parsed, Some(&report), language.as_deref().unwrap_or("en")).html)
}
