//! Document envelopes: what a file holds, and the one entry point that tells them apart.
//!
//! | kind | shape |
//! |---|---|
//! | bare credential | `{"@context": …, "type": ["VerifiableCredential", …], …}` |
//! | presentation | `{"type": ["VerifiablePresentation"], "verifiableCredential": …}` |
//! | upload wrapper | `{"credential": {…}, "deliveryDetails": {…}}` (the Europass issuer's upload format) |
//! | JAdES-sealed | `{"payload": "<credential JSON as a string>", "signatures": [{"protected", "header", "signature"}]}` |
//! | compact JWT | `header.payload.signature`, base64url; VC-JOSE (the payload is the credential) or VC-JWT 1.1 (a `vc` claim) |
//! | enveloped credential | `{"type": "EnvelopedVerifiableCredential", "id": "data:application/vc+jwt,…"}` (VC 2.0) |

use crate::classes::{Credential, Node, Presentation};
use crate::error::{from_json_error, from_json_str, ErrorKind, ModelError};
use crate::node::elm_class;
use crate::values::OneOrMany;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Which envelope a document came in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum DocumentKind {
    /// A bare credential.
    Credential,
    /// A verifiable presentation.
    Presentation,
    /// The Europass issuer's upload wrapper.
    UploadWrapper,
    /// A JAdES-sealed file (JWS JSON serialization).
    Sealed,
    /// A compact JWT.
    Jwt,
    /// A VC 2.0 enveloped credential.
    Enveloped,
    /// A VC-COSE message.
    Cose,
    /// An SD-JWT.
    SdJwt,
}

impl DocumentKind {
    /// A short human name.
    pub fn describe(self) -> &'static str {
        match self {
            DocumentKind::Credential => "bare credential (unsigned JSON-LD)",
            DocumentKind::Presentation => "verifiable presentation",
            DocumentKind::UploadWrapper => "Europass upload wrapper {credential, deliveryDetails}",
            DocumentKind::Sealed => "JAdES-sealed document (JWS JSON serialization)",
            DocumentKind::Jwt => "compact JWT",
            DocumentKind::Enveloped => "enveloped verifiable credential (VC 2.0)",
            DocumentKind::Cose => "VC-COSE message (COSE_Sign1)",
            DocumentKind::SdJwt => "SD-JWT",
        }
    }
}

/// A document in any of the envelopes `edc` reads.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Document {
    /// A bare credential.
    Credential(Box<Credential>),
    /// A presentation.
    Presentation(Box<Presentation>),
    /// The Europass upload wrapper.
    UploadWrapper(Box<UploadWrapper>),
    /// A JAdES-sealed file.
    Sealed(Box<SealedDocument>),
    /// A compact JWT.
    Jwt(Box<CompactJwt>),
    /// A VC 2.0 enveloped credential.
    Enveloped(Box<EnvelopedCredential>),
    /// A VC-COSE message (COSE_Sign1).
    Cose(Box<CoseMessage>),
    /// An SD-JWT.
    SdJwt(Box<SdJwtMessage>),
}

/// The most JSON objects and arrays a document may hold (an opening `{` or `[` anywhere,
/// inside strings too, so a sealed payload counts): 50 000. The EU's largest sample, a
/// transcript of records, holds 3 843; a few bytes each, a 16 MB file could otherwise hold
/// millions, and each costs hundreds of bytes in every tree the checks build.
pub const MAX_JSON_CONTAINERS: usize = 50_000;

/// Why `bytes` holds too many JSON objects and arrays to be read, if it does.
pub fn too_many_containers(bytes: &[u8]) -> Option<String> {
    // memchr skips the bytes between matches with SIMD (a byte-by-byte count cost 0.6 ms on the
    // EU transcript, 1.3 MB; this 0.05 ms, measured side by side).
    let count = memchr::memchr2_iter(b'{', b'[', bytes).count();
    (count > MAX_JSON_CONTAINERS).then(|| {
        format!(
            "the document opens {count} JSON objects and arrays, more than the {MAX_JSON_CONTAINERS} edc reads (genuine credentials hold a few thousand)"
        )
    })
}

impl Document {
    /// Reads a document from bytes, detecting its envelope. The error names the JSON pointer (and
    /// line and column) of what is wrong, or, when the document is none of the known envelopes,
    /// says what it looked for.
    pub fn from_slice(bytes: &[u8]) -> Result<Document, ModelError> {
        if crate::tokens::looks_like_cose(bytes) {
            return CoseMessage::parse(bytes).map(|c| Document::Cose(Box::new(c)));
        }
        let text = std::str::from_utf8(bytes).map_err(|e| {
            ModelError::new(
                ErrorKind::Syntax,
                "",
                format!(
                    "the file is not UTF-8 text (invalid byte at offset {})",
                    e.valid_up_to()
                ),
            )
        })?;
        Document::from_str(text)
    }

    /// Reads a document from text; see [`Document::from_slice`].
    #[allow(clippy::should_implement_trait)]
    pub fn from_str(text: &str) -> Result<Document, ModelError> {
        if let Some(why) = too_many_containers(text.as_bytes()) {
            return Err(ModelError::new(ErrorKind::TooLarge, "", why));
        }
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        if crate::tokens::looks_like_cose(trimmed.as_bytes()) {
            return CoseMessage::parse(trimmed.as_bytes()).map(|c| Document::Cose(Box::new(c)));
        }
        if crate::tokens::looks_like_sd_jwt(trimmed) {
            return SdJwtMessage::parse(trimmed).map(|s| Document::SdJwt(Box::new(s)));
        }
        if !trimmed.starts_with('{') && looks_like_compact_jws(trimmed) {
            return CompactJwt::parse(trimmed).map(|j| Document::Jwt(Box::new(j)));
        }
        let TopLevel { members, payload } = from_json_str(trimmed)?;
        let has_payload = payload.is_some();
        let has = |k: &str| members.contains_key(k) || (k == "payload" && has_payload);
        if has("payload") && has("signatures") {
            // The outer object is read once; only an unusual one is read again, to name its error.
            return match (payload, members.get("signatures"), members.len()) {
                (Some(Value::String(payload)), Some(signatures), 1) => {
                    serde_json::from_str::<Vec<JwsSignature>>(signatures.get())
                        .ok()
                        .map(|signatures| SealedDocument::from_parts(payload, signatures))
                }
                _ => None,
            }
            .unwrap_or_else(|| SealedDocument::parse(trimmed))
            .map(|s| Document::Sealed(Box::new(s)));
        }
        if has("credential") && !has("type") {
            let wrapper: UploadWrapper = from_json_str(trimmed)?;
            return Ok(Document::UploadWrapper(Box::new(wrapper)));
        }
        let types: Vec<String> = match members.get("type") {
            Some(raw) => from_json_str::<OneOrMany<String>>(raw.get())
                .map_err(|e| e.nested("/type", "the type member"))?
                .iter()
                .cloned()
                .collect(),
            None => Vec::new(),
        };
        let is = |t: &str| types.iter().any(|x| x == t);
        if is("EnvelopedVerifiableCredential") || is("EnvelopedVerifiablePresentation") {
            return EnvelopedCredential::parse(trimmed).map(|e| Document::Enveloped(Box::new(e)));
        }
        if is("VerifiablePresentation") {
            let p: Presentation = from_json_str(trimmed)?;
            return Ok(Document::Presentation(Box::new(p)));
        }
        if is("VerifiableCredential") || is("EuropeanDigitalCredential") {
            let c: Credential = from_json_str(trimmed)?;
            return Ok(Document::Credential(Box::new(c)));
        }
        let mut keys: Vec<&str> = members.keys().map(String::as_str).collect();
        if has_payload {
            keys.push("payload");
            keys.sort_unstable();
        }
        keys.truncate(12);
        Err(ModelError::new(
            ErrorKind::UnknownDocument,
            "",
            format!(
                "not a credential document: expected a credential (`type` with VerifiableCredential), a presentation, \
                 an upload wrapper {{credential, deliveryDetails}}, a JAdES-sealed file {{payload, signatures}}, a compact JWT \
                 or an EnvelopedVerifiableCredential; found an object with members [{}]{}",
                keys.join(", "),
                if types.is_empty() { String::new() } else { format!(" and type {types:?}") }
            ),
        ))
    }

    /// Reads text the caller already knows to be a credential (its `type` names
    /// VerifiableCredential or EuropeanDigitalCredential, and it is no other envelope) in one
    /// pass, where [`Document::from_str`] first reads the top-level members to tell the
    /// envelope. Errors are named as [`Document::from_str`] names them.
    pub fn credential_from_str(text: &str) -> Result<Document, ModelError> {
        let trimmed = text.trim_start_matches('\u{feff}').trim();
        let credential: Credential = from_json_str(trimmed)?;
        Ok(Document::Credential(Box::new(credential)))
    }

    /// Which envelope this is.
    pub fn kind(&self) -> DocumentKind {
        match self {
            Document::Credential(_) => DocumentKind::Credential,
            Document::Presentation(_) => DocumentKind::Presentation,
            Document::UploadWrapper(_) => DocumentKind::UploadWrapper,
            Document::Sealed(_) => DocumentKind::Sealed,
            Document::Jwt(_) => DocumentKind::Jwt,
            Document::Enveloped(_) => DocumentKind::Enveloped,
            Document::Cose(_) => DocumentKind::Cose,
            Document::SdJwt(_) => DocumentKind::SdJwt,
        }
    }

    /// The credential inside, whatever the envelope (for a presentation, its first embedded
    /// credential).
    pub fn credential(&self) -> Option<&Credential> {
        match self {
            Document::Credential(c) => Some(c),
            Document::UploadWrapper(w) => Some(&w.credential),
            Document::Presentation(p) => {
                p.verifiable_credential
                    .as_ref()?
                    .iter()
                    .find_map(|c| match c {
                        crate::classes::PresentedCredential::Embedded(c) => Some(&**c),
                        crate::classes::PresentedCredential::Compact(_) => None,
                    })
            }
            Document::Sealed(s) => s.content.credential(),
            Document::Jwt(j) => j.content.credential(),
            Document::Enveloped(e) => e.content.credential(),
            Document::Cose(c) => c.content.credential(),
            Document::SdJwt(s) => s.content.credential(),
        }
    }

    /// The JSON-LD document inside the envelope, the one whose RDF is signed or validated: a
    /// sealed file's payload, a JWT's credential (the claims set, or its `vc`/`vp` claim), an
    /// upload wrapper's credential — given the VC 1.1 and EDC contexts when it has none, as the
    /// Europass issuer does — or the document itself.
    pub fn json_ld(&self) -> Value {
        match self {
            Document::Sealed(s) => s.content.json_ld(),
            Document::Jwt(j) => j.content.json_ld(),
            Document::Enveloped(e) => e.content.json_ld(),
            Document::Cose(c) => c.content.json_ld(),
            Document::SdJwt(s) => s.content.json_ld(),
            Document::UploadWrapper(w) => {
                let mut credential =
                    serde_json::to_value(&w.credential).expect("the model serialises to JSON");
                if credential.get("@context").is_none() {
                    credential["@context"] = Value::Array(vec![
                        Value::String(crate::classes::VC_V1_CONTEXT.into()),
                        Value::String(crate::classes::EDC_AP_CONTEXT.into()),
                    ]);
                }
                credential
            }
            Document::Credential(_) | Document::Presentation(_) => self.to_json(),
        }
    }

    /// The document as JSON, in its envelope (a JWT as a JSON string).
    pub fn to_json(&self) -> Value {
        let value = match self {
            Document::Credential(c) => serde_json::to_value(c),
            Document::Presentation(p) => serde_json::to_value(p),
            Document::UploadWrapper(w) => serde_json::to_value(w),
            Document::Sealed(s) => serde_json::to_value(s),
            Document::Jwt(j) => Ok(Value::String(j.raw.clone())),
            Document::Enveloped(e) => Ok(Value::Object(e.envelope.clone())),
            Document::Cose(c) => Ok(Value::String(
                base64::engine::general_purpose::STANDARD.encode(&c.raw),
            )),
            Document::SdJwt(s) => Ok(Value::String(s.raw.clone())),
        };
        value.expect("the model serialises to JSON")
    }
}

fn looks_like_compact_jws(text: &str) -> bool {
    let parts: Vec<&str> = text.split('.').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            p.bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'~')
        })
}

/// The Europass issuer's upload format: a credential and how to deliver it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UploadWrapper {
    /// The credential (usually without `@context`, which the issuer adds).
    pub credential: Credential,
    /// Delivery: addresses and display.
    #[serde(
        rename = "deliveryDetails",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub delivery_details: Option<DeliveryDetails>,
}

elm_class! {
    /// Where and how the Europass issuer delivers a credential.
    DeliveryDetails = "DeliveryDetails" {
        /// E-mail addresses to deliver to.
        delivery_address: "deliveryAddress" => OneOrMany<String>,
        /// How the credential is rendered (template, labels, background).
        display_details: "displayDetails" => DisplayDetails,
    }
}

/// The rendering part of the delivery details.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DisplayDetails {
    /// An HTML template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub template: Option<String>,
    /// Labels used by the template.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labels: Option<Value>,
    /// The background image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<Value>,
}

impl crate::node::UnknownMembers for DisplayDetails {}

/// A JWS signature entry of a JAdES-sealed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JwsSignature {
    /// The protected header, base64url-encoded JSON, exactly as stored.
    pub protected: String,
    /// The unprotected header (JAdES puts `etsiU` here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub header: Option<Map<String, Value>>,
    /// The signature, base64url, exactly as stored.
    pub signature: String,
}

impl JwsSignature {
    /// The protected header, decoded.
    pub fn protected_header(&self) -> Result<Map<String, Value>, ModelError> {
        decode_json_part(&self.protected, "the protected header")
    }
}

/// A sealed document: the JWS JSON serialization JAdES uses, with the payload kept exactly as
/// stored (the signature covers those bytes).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SealedDocument {
    /// The payload string as stored (with `b64: false`, the credential's JSON text).
    pub payload: String,
    /// The signatures.
    pub signatures: Vec<JwsSignature>,
    /// The document held by the payload.
    #[serde(skip)]
    pub content: Box<Document>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SealedRaw {
    payload: String,
    signatures: Vec<JwsSignature>,
}

/// The members of a top-level object, read in one pass: `payload` (a sealed file's credential
/// text, unescaped once) as a value, the others as raw JSON to read when needed.
struct TopLevel<'a> {
    members: BTreeMap<String, &'a RawValue>,
    payload: Option<Value>,
}

impl<'de> Deserialize<'de> for TopLevel<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Members;
        impl<'de> serde::de::Visitor<'de> for Members {
            type Value = TopLevel<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> Result<Self::Value, A::Error> {
                let mut top = TopLevel {
                    members: BTreeMap::new(),
                    payload: None,
                };
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    if key == "payload" {
                        top.payload = Some(map.next_value()?);
                    } else {
                        top.members.insert(key.into_owned(), map.next_value()?);
                    }
                }
                Ok(top)
            }
        }
        deserializer.deserialize_map(Members)
    }
}

impl SealedDocument {
    fn parse(text: &str) -> Result<Self, ModelError> {
        let raw: SealedRaw = from_json_str(text)?;
        Self::from_parts(raw.payload, raw.signatures)
    }

    /// A sealed file's outer object written as Europass writes it (exactly `payload`, a JSON
    /// string, and `signatures`), its payload not read yet; None for anything else.
    pub(crate) fn outer(text: &str) -> Option<(String, Vec<JwsSignature>)> {
        let TopLevel { members, payload } = from_json_str(text).ok()?;
        match (payload, members.get("signatures"), members.len()) {
            (Some(Value::String(payload)), Some(signatures), 1) => {
                let signatures: Vec<JwsSignature> = serde_json::from_str(signatures.get()).ok()?;
                (!signatures.is_empty()).then_some((payload, signatures))
            }
            _ => None,
        }
    }

    fn from_parts(payload: String, signatures: Vec<JwsSignature>) -> Result<Self, ModelError> {
        let raw = SealedRaw {
            payload,
            signatures,
        };
        if raw.signatures.is_empty() {
            return Err(ModelError::new(
                ErrorKind::Envelope,
                "/signatures",
                "a sealed document needs at least one signature",
            ));
        }
        // With `b64: false` (JAdES, RFC 7797) the payload is the JSON itself; otherwise base64url.
        let content = if raw.payload.trim_start().starts_with('{') {
            Document::from_str(&raw.payload)
        } else {
            let bytes = URL_SAFE_NO_PAD
                .decode(raw.payload.trim_end_matches('='))
                .map_err(|e| {
                    ModelError::new(
                        ErrorKind::Envelope,
                        "/payload",
                        format!("the payload is neither JSON nor base64url: {e}"),
                    )
                })?;
            Document::from_slice(&bytes)
        }
        .map_err(|e| e.nested("/payload", "the payload string"))?;
        Ok(SealedDocument {
            payload: raw.payload,
            signatures: raw.signatures,
            content: Box::new(content),
        })
    }
}

/// How a JWT carries its credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum JwtForm {
    /// VC-JOSE-COSE: the claims set is the credential or presentation itself (VCDM 2.0).
    VcJose,
    /// VC-JWT 1.1 (and EBSI): the credential is the `vc` claim (or the presentation the `vp` claim).
    VcJwt11,
}

/// A compact JWT (`header.payload.signature`).
#[derive(Debug, Clone, PartialEq)]
pub struct CompactJwt {
    /// The token as read.
    pub raw: String,
    /// The decoded header.
    pub header: Map<String, Value>,
    /// The decoded claims set.
    pub claims: Map<String, Value>,
    /// Which form it takes.
    pub form: JwtForm,
    /// The credential or presentation it carries.
    pub content: Box<Document>,
}

impl CompactJwt {
    /// Parses a compact JWT.
    pub fn parse(token: &str) -> Result<Self, ModelError> {
        let parts: Vec<&str> = token.split('.').collect();
        if parts.len() != 3 {
            return Err(ModelError::new(
                ErrorKind::Envelope,
                "",
                format!("a compact JWT has 3 parts separated by dots; this one has {} (SD-JWT is not read yet)", parts.len()),
            ));
        }
        let header = decode_json_part(parts[0], "the JWT header")?;
        let claims_text = decode_part(parts[1], "the JWT payload")?;
        let claims: Map<String, Value> =
            from_json_str(&claims_text).map_err(|e| e.nested("", "the JWT payload"))?;
        let (form, inner_pointer) = if claims.contains_key("vc") {
            (JwtForm::VcJwt11, Some("/vc"))
        } else if claims.contains_key("vp") {
            (JwtForm::VcJwt11, Some("/vp"))
        } else {
            (JwtForm::VcJose, None)
        };
        let content = match inner_pointer {
            Some(p) => {
                let inner = serde_json::to_string(&claims[&p[1..]]).expect("JSON value serialises");
                Document::from_str(&inner).map_err(|e| e.nested(p, "the JWT payload"))?
            }
            None => {
                Document::from_str(&claims_text).map_err(|e| e.nested("", "the JWT payload"))?
            }
        };
        Ok(CompactJwt {
            raw: token.to_string(),
            header,
            claims,
            form,
            content: Box::new(content),
        })
    }
}

fn decode_part(part: &str, what: &str) -> Result<String, ModelError> {
    let bytes = URL_SAFE_NO_PAD.decode(part).map_err(|e| {
        ModelError::new(
            ErrorKind::Envelope,
            "",
            format!("{what} is not base64url: {e}"),
        )
    })?;
    String::from_utf8(bytes)
        .map_err(|_| ModelError::new(ErrorKind::Envelope, "", format!("{what} is not UTF-8 text")))
}

fn decode_json_part(part: &str, what: &str) -> Result<Map<String, Value>, ModelError> {
    let text = decode_part(part, what)?;
    serde_json::from_str(&text).map_err(|e| from_json_error(&e, String::new()).nested("", what))
}

/// A VC 2.0 enveloped credential: the credential travels as a `data:` URL in `id`.
#[derive(Debug, Clone, PartialEq)]
pub struct EnvelopedCredential {
    /// The envelope object as written.
    pub envelope: Map<String, Value>,
    /// The media type of the data URL (`application/vc+jwt`, …).
    pub media_type: String,
    /// What the envelope holds.
    pub content: Box<Document>,
}

impl EnvelopedCredential {
    fn parse(text: &str) -> Result<Self, ModelError> {
        let envelope: Node = from_json_str(text)?;
        // VC 2.0, 4.13: the envelope's @context defines id, type and the envelope's type: the
        // base context must be there.
        let members: serde_json::Map<String, serde_json::Value> =
            serde_json::from_str(text).map_err(|e| from_json_error(&e, String::new()))?;
        let base = "https://www.w3.org/ns/credentials/v2";
        let has_base = match members.get("@context") {
            Some(serde_json::Value::String(c)) => c == base,
            Some(serde_json::Value::Array(items)) => items.iter().any(|c| c == base),
            _ => false,
        };
        if !has_base {
            return Err(ModelError::new(
                ErrorKind::Envelope,
                "/@context",
                format!("an enveloped credential or presentation's @context must include {base} (it defines id, type and the envelope's type)"),
            ));
        }
        let id = envelope.id.clone().ok_or_else(|| {
            ModelError::new(ErrorKind::Envelope, "/id", "an enveloped credential carries its credential in `id` as a data: URL; `id` is missing")
        })?;
        let rest = id.strip_prefix("data:").ok_or_else(|| {
            ModelError::new(
                ErrorKind::Envelope,
                "/id",
                "`id` of an enveloped credential must be a data: URL",
            )
        })?;
        let (media_type, data) = rest.split_once(',').ok_or_else(|| {
            ModelError::new(
                ErrorKind::Envelope,
                "/id",
                "the data: URL has no comma before its data",
            )
        })?;
        let content = match media_type {
            "application/vc+jwt" | "application/vp+jwt" | "application/jwt" => {
                Document::Jwt(Box::new(
                    CompactJwt::parse(data).map_err(|e| e.nested("/id", "the data: URL's JWT"))?,
                ))
            }
            other => {
                return Err(ModelError::new(
                    ErrorKind::Envelope,
                    "/id",
                    format!(
                        "enveloped media type `{other}` is not read yet (application/vc+jwt is)"
                    ),
                ))
            }
        };
        let envelope =
            serde_json::from_str(text).map_err(|e| from_json_error(&e, String::new()))?;
        Ok(EnvelopedCredential {
            envelope,
            media_type: media_type.to_string(),
            content: Box::new(content),
        })
    }
}

/// A VC-COSE message: the `COSE_Sign1` as given, its key id, and the document it carries.
#[derive(Debug, Clone, PartialEq)]
pub struct CoseMessage {
    /// The message as given (CBOR, or base64 text of it).
    pub raw: Vec<u8>,
    /// The protected header's `kid`.
    pub kid: Option<String>,
    /// The payload, as bytes.
    pub payload: Vec<u8>,
    /// The payload read as a document.
    pub content: Box<Document>,
}

impl CoseMessage {
    /// Reads a COSE_Sign1 and the document it carries, verifying nothing.
    pub fn parse(input: &[u8]) -> Result<CoseMessage, ModelError> {
        let (kid, payload) = crate::tokens::read_cose(input)?;
        let content = Document::from_slice(&payload)
            .map_err(|e| e.nested("/payload", "the COSE_Sign1 payload"))?;
        Ok(CoseMessage {
            raw: input.to_vec(),
            kid,
            payload,
            content: Box::new(content),
        })
    }
}

/// An SD-JWT: the text as given, its issuer JWT's key id, and the document its claims make
/// once the disclosures are in place (undisclosed claims absent).
#[derive(Debug, Clone, PartialEq)]
pub struct SdJwtMessage {
    /// The SD-JWT as given (`jwt~disclosure~…~[kb-jwt]`).
    pub raw: String,
    /// The issuer JWT header's `kid`.
    pub kid: Option<String>,
    /// The claims with what was disclosed in place.
    pub claims: Value,
    /// The claims read as a document.
    pub content: Box<Document>,
}

impl SdJwtMessage {
    /// Reads an SD-JWT and the document its disclosed claims make, verifying no signature.
    pub fn parse(text: &str) -> Result<SdJwtMessage, ModelError> {
        let (kid, claims) = crate::tokens::read_sd_jwt(text)?;
        let content = Document::from_str(&claims.to_string())
            .map_err(|e| e.nested("", "the SD-JWT's claims"))?;
        Ok(SdJwtMessage {
            raw: text.trim().to_string(),
            kid,
            claims,
            content: Box::new(content),
        })
    }
}
