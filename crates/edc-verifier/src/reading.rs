//! Reading once: bytes in, one [`Reading`] out — the envelope's secured message (VC-COSE,
//! SD-JWT), the typed model, the JSON-LD view the checks read, and the presented credentials
//! of a presentation — or why the document cannot be read ([`Unread`]). Every check reads
//! this, and nothing reads the bytes again.

use crate::outcome::{Code, Outcome};
use crate::verifier::Verifier;
use edc_context::{FoldedJson, JsonView};
use edc_model::{CompactJwt, Document};
use serde_json::{Map, Value};

/// JWT/CWT registered claims and SD-JWT members that an envelope adds around a credential.
const ENVELOPE_CLAIMS: [&str; 11] = [
    "iss", "sub", "aud", "exp", "nbf", "iat", "jti", "cnf", "nonce", "_sd_alg", "vct",
];

/// A document as read.
pub(crate) struct Reading {
    /// The typed model of what was secured (the token's payload for COSE and SD-JWT).
    pub document: Document,
    /// The credential's or presentation's JSON-LD form; a sealed credential's is read with its
    /// repeated nodes folded (a large EU credential repeats whole nodes many times), which only
    /// its [`JsonView`](edc_context::JsonView) and the JSON-LD processor see (resolved).
    pub json: FoldedJson,
    /// A seal or token signs the bytes (not a proof over the RDF).
    pub signed_as_bytes: bool,
    /// A VC-COSE message or an SD-JWT that carried the document.
    pub token: Option<Token>,
    /// A presentation's credentials, each read as a document of its own with its JSON-LD.
    pub presented: Vec<(Document, Value)>,
    /// A presentation (plain or as a VC-JOSE token).
    pub presentation: bool,
}

/// A VC-COSE message or SD-JWT that carried the document: the message, its key and what it
/// signed (the integrity check verifies it).
pub(crate) struct Token {
    /// The message: COSE bytes, or the SD-JWT's text.
    pub message: Vec<u8>,
    /// The key that signed (a DID URL names the holder of a presentation).
    pub kid: String,
    /// The SD-JWT's text (for its key binding); None for COSE.
    pub sd_jwt: Option<String>,
    /// The token's claims as signed (`nonce`, `aud`).
    pub claims: Map<String, Value>,
}

/// Why a document was not read: the format check's outcome, the envelope that may still be
/// judged by the integrity check, and why every other check is not made.
pub(crate) struct Unread {
    pub format: Outcome,
    pub envelope: Option<Envelope>,
    pub rest: &'static str,
}

/// What can be judged of a document whose content cannot be read.
pub(crate) enum Envelope {
    /// A VC-COSE message or SD-JWT.
    Token(Token),
    /// Text that may be a compact VC-JOSE token.
    Compact(String),
}

impl Reading {
    /// The credentials whose per-credential checks run: a presentation's, or the document.
    pub fn credentials(&self) -> Vec<JsonView<'_>> {
        if self.presentation {
            self.presented
                .iter()
                .map(|(_, json)| JsonView::of(json))
                .collect()
        } else {
            vec![self.json.view()]
        }
    }

    /// A VC-JOSE presentation's token (`vp+jwt`).
    pub fn jwt_presentation(&self) -> Option<&CompactJwt> {
        match &self.document {
            Document::Jwt(j) if matches!(*j.content, Document::Presentation(_)) => Some(j),
            _ => None,
        }
    }
}

impl Verifier {
    /// Reads `bytes` at the validation time `at`.
    pub(crate) fn reading(&self, bytes: &[u8]) -> Result<Reading, Box<Unread>> {
        let too_large = if bytes.len() > self.max_document_bytes {
            Some(format!(
                "the document is {} bytes, more than the {} this verifier reads (max_document_bytes; `edc --max-input-mib`)",
                bytes.len(),
                self.max_document_bytes
            ))
        } else {
            edc_model::too_many_containers(bytes)
        };
        if let Some(why) = too_large {
            return Err(Box::new(Unread {
                format: Outcome::failed(Code::TooLarge, why),
                envelope: None,
                rest: "could not check: the document is too large",
            }));
        }
        let text = std::str::from_utf8(bytes).unwrap_or("");
        let secured_message =
            edc_model::tokens::looks_like_cose(bytes) || edc_model::tokens::looks_like_sd_jwt(text);
        let (document, folded) = Document::read_folded(bytes).map_err(|e| {
            // A token whose content cannot be read may still be judged as a token.
            Box::new(if secured_message {
                Unread {
                    format: Outcome::failed(
                        Code::Unreadable,
                        format!("the secured message cannot be read: {e}"),
                    ),
                    envelope: Some(Envelope::Token(Token {
                        message: bytes.to_vec(),
                        kid: String::new(),
                        sd_jwt: edc_model::tokens::looks_like_sd_jwt(text)
                            .then(|| text.trim().to_string()),
                        claims: Map::new(),
                    })),
                    rest: "could not check: the secured message cannot be read",
                }
            } else {
                Unread {
                    format: Outcome::failed(
                        Code::Unreadable,
                        format!("the document cannot be read: {e}"),
                    ),
                    envelope: Some(Envelope::Compact(text.to_string())),
                    rest: "could not check: the document cannot be read",
                }
            })
        })?;
        // A VC-COSE message or an SD-JWT: its signature is the integrity; what it carries is
        // the document.
        let (document, token) = match document {
            Document::Cose(cose) => {
                let claims = match serde_json::from_slice::<Value>(&cose.payload) {
                    Ok(Value::Object(claims)) => claims,
                    _ => Map::new(),
                };
                let token = Token {
                    kid: cose.kid.clone().unwrap_or_default(),
                    message: cose.raw,
                    sd_jwt: None,
                    claims,
                };
                (*cose.content, Some(token))
            }
            Document::SdJwt(sd) => {
                let claims = match &sd.claims {
                    Value::Object(claims) => claims.clone(),
                    _ => Map::new(),
                };
                let token = Token {
                    kid: sd.kid.clone().unwrap_or_default(),
                    message: sd.raw.clone().into_bytes(),
                    sd_jwt: Some(sd.raw),
                    claims,
                };
                (*sd.content, Some(token))
            }
            // An enveloped credential or presentation (VC 2.0 §4.13): its data: URL's token is
            // the document (the envelope was checked when read: base context, data: URL).
            Document::Enveloped(e) => (*e.content, None),
            other => (other, None),
        };
        let enveloped =
            token.is_some() || matches!(document, Document::Jwt(_) | Document::Enveloped(_));
        let (json, signed_as_bytes) = match folded {
            // A sealed credential's payload as sealed (the seal, not a proof over the JSON,
            // secures it), read folded.
            Some(folded) => (folded, true),
            None => match sealed_credential(&document) {
                Some(payload) if token.is_none() => (
                    FoldedJson::parse(payload.trim_start_matches('\u{feff}').trim())
                        .unwrap_or_else(|_| FoldedJson::from_value(document.json_ld())),
                    true,
                ),
                _ => (
                    FoldedJson::from_value(self.plain_json(&document, bytes, token.is_some())),
                    enveloped,
                ),
            },
        };
        let presentation = matches!(document, Document::Presentation(_))
            || matches!(&document, Document::Jwt(j) if matches!(*j.content, Document::Presentation(_)));
        let presented = match &document {
            Document::Jwt(j) => presented(&j.content),
            other => presented(other),
        };
        Ok(Reading {
            document,
            json,
            signed_as_bytes,
            token,
            presented,
            presentation,
        })
    }

    /// The JSON-LD of a document that is not a sealed credential: a bare credential's as its
    /// bytes give it (what a proof signed, rather than the model's reading of it); an envelope's
    /// content without the envelope's registered claims (iss, iat, cnf…), which belong to the
    /// envelope, not to the credential's data model.
    fn plain_json(&self, document: &Document, bytes: &[u8], token: bool) -> Value {
        let source = match document {
            Document::Credential(_) if !token => std::str::from_utf8(bytes)
                .ok()
                .and_then(|t| serde_json::from_str(t.trim_start_matches('\u{feff}').trim()).ok()),
            _ => None,
        };
        let mut json = source.unwrap_or_else(|| document.json_ld());
        if token || matches!(document, Document::Jwt(_) | Document::Enveloped(_)) {
            if let Value::Object(map) = &mut json {
                for claim in ENVELOPE_CLAIMS {
                    map.remove(claim);
                }
            }
        }
        json
    }
}

/// The secured credentials a presentation carries (embedded objects, compact tokens,
/// enveloped ones), each as a document of its own with its JSON-LD. They are read again from
/// their JSON: the model keeps an enveloped credential as an embedded one, and only envelope
/// detection tells them apart.
fn presented(document: &Document) -> Vec<(Document, Value)> {
    let Document::Presentation(_) = document else {
        return Vec::new();
    };
    let json = document.to_json();
    let items: Vec<Value> = match json.get("verifiableCredential") {
        Some(Value::Array(items)) => items.clone(),
        Some(one) => vec![one.clone()],
        None => Vec::new(),
    };
    items
        .iter()
        .filter_map(|item| {
            let text = match item {
                Value::String(token) => token.clone(),
                other => other.to_string(),
            };
            Document::from_str(&text).ok()
        })
        .map(|d| {
            let json = d.json_ld();
            (d, json)
        })
        .collect()
}

/// A sealed credential's JSON payload, as sealed.
fn sealed_credential(document: &Document) -> Option<&str> {
    match document {
        Document::Sealed(sealed) if matches!(*sealed.content, Document::Credential(_)) => {
            Some(sealed.payload.as_str())
        }
        _ => None,
    }
}
