//! Reading a document once for a verifier: the model, and — for a sealed credential, whose
//! payload a large Europass credential fills with whole nodes written many times — the payload
//! read folded (`edc_context::FoldedJson`), the model read from that reading through its view,
//! each repeated node read once and shared.

use crate::classes::Credential;
use crate::envelope::{Document, SealedDocument};
use crate::error::ModelError;
use edc_context::{FoldedJson, JsonView};

/// True for a credential (not a presentation, an upload wrapper or an enveloped credential).
fn is_credential(view: JsonView<'_>) -> bool {
    let typed = |wanted: &str| {
        view.get("type")
            .is_some_and(|t| t.each().any(|t| t.is_str(wanted)))
    };
    (typed("VerifiableCredential") || typed("EuropeanDigitalCredential"))
        && !typed("VerifiablePresentation")
        && !typed("EnvelopedVerifiableCredential")
        && view.get("credential").is_none()
}

impl Document {
    /// Reads `bytes` as [`Document::from_slice`] does; a sealed credential's payload is also
    /// returned read folded (the JSON-LD its checks read, through
    /// [`FoldedJson::view`](edc_context::FoldedJson::view)), and its model is read from that
    /// reading, sharing the nodes it repeats. Anything else is read as `from_slice` reads it,
    /// with no folded reading.
    pub fn read_folded(bytes: &[u8]) -> Result<(Document, Option<FoldedJson>), ModelError> {
        // A document too large to read is refused as `from_slice` refuses it, before any tree.
        if crate::envelope::too_many_containers(bytes).is_some() {
            return Document::from_slice(bytes).map(|document| (document, None));
        }
        let text = std::str::from_utf8(bytes).unwrap_or("");
        let sealed = text
            .trim_start_matches('\u{feff}')
            .trim()
            .starts_with('{')
            .then(|| SealedDocument::outer(text.trim_start_matches('\u{feff}').trim()))
            .flatten()
            .filter(|(payload, _)| payload.trim_start().starts_with('{'));
        let Some((payload, signatures)) = sealed else {
            return Document::from_slice(bytes).map(|document| (document, None));
        };
        let Ok(folded) = FoldedJson::parse(payload.trim_start_matches('\u{feff}').trim()) else {
            return Document::from_slice(bytes).map(|document| (document, None));
        };
        if !is_credential(folded.view()) {
            return Document::from_slice(bytes).map(|document| (document, None));
        }
        // Nothing folded (nothing repeated, or a text folding could not read strictly, such as
        // one writing a member twice): the model is read from the text, as `from_slice` reads
        // it, errors and all.
        if folded.copies() == 0 {
            return Document::from_slice(bytes).map(|document| (document, Some(folded)));
        }
        // An error is named from the text, as `from_slice` names it.
        let content = match crate::shared::read::<Credential>(folded.view()) {
            Ok(credential) => Document::Credential(Box::new(credential)),
            Err(_) => return Document::from_slice(bytes).map(|document| (document, None)),
        };
        let document = Document::Sealed(Box::new(SealedDocument {
            payload,
            signatures,
            content: Box::new(content),
        }));
        Ok((document, Some(folded)))
    }
}
