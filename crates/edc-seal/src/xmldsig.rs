//! Enveloped XML signatures (XMLDSig, as XAdES uses them in EU trusted lists): every
//! reference's digest over its exclusively canonicalized target, the signature over the
//! canonical `SignedInfo` with the key of the certificate in `KeyInfo`, and a reference that
//! covers the whole document element (so nothing a reader takes from the list is unsigned).

use crate::xml_c14n::exclusive;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use der::{Decode, Encode};
use roxmltree::{Document, Node};
use sha2::Digest;
use x509_cert::Certificate;

const DS: &str = "http://www.w3.org/2000/09/xmldsig#";
const EXC_C14N: &str = "http://www.w3.org/2001/10/xml-exc-c14n#";
const ENVELOPED: &str = "http://www.w3.org/2000/09/xmldsig#enveloped-signature";

/// A verified enveloped signature.
#[derive(Debug, Clone)]
pub(crate) struct VerifiedSignature {
    /// The certificate whose key made it (from `KeyInfo`).
    pub signer: Certificate,
}

fn is_ds(node: &Node, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(DS)
}

fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| is_ds(c, name))
}

fn algorithm<'a>(node: Node<'a, '_>) -> &'a str {
    node.attribute("Algorithm").unwrap_or("")
}

/// The element a same-document reference (`#id`) names, by its `Id`, `ID` or `id` attribute;
/// two elements with the same identifier (a wrapping attack) are refused.
fn by_id<'a, 'i>(document: &'a Document<'i>, id: &str) -> Result<Node<'a, 'i>, String> {
    let mut found = document.descendants().filter(|n| {
        n.is_element()
            && n.attributes()
                .any(|a| matches!(a.name(), "Id" | "ID" | "id") && a.value() == id)
    });
    let first = found
        .next()
        .ok_or_else(|| format!("no element has the identifier `{id}` a reference names"))?;
    if found.next().is_some() {
        return Err(format!("two elements have the identifier `{id}`"));
    }
    Ok(first)
}

fn digest(algorithm: &str, data: &[u8]) -> Result<Vec<u8>, String> {
    Ok(match algorithm {
        "http://www.w3.org/2001/04/xmlenc#sha256" => sha2::Sha256::digest(data).to_vec(),
        "http://www.w3.org/2001/04/xmldsig-more#sha384" => sha2::Sha384::digest(data).to_vec(),
        "http://www.w3.org/2001/04/xmlenc#sha512" => sha2::Sha512::digest(data).to_vec(),
        other => return Err(format!("digest algorithm `{other}` is not accepted")),
    })
}

/// An XMLDSig ECDSA value (r ‖ s) as the DER SEQUENCE of two INTEGERs X.509 uses.
fn ecdsa_der(raw: &[u8]) -> Option<Vec<u8>> {
    if raw.is_empty() || raw.len() % 2 != 0 {
        return None;
    }
    let (r, s) = raw.split_at(raw.len() / 2);
    let r = der::asn1::UintRef::new(r).ok()?;
    let s = der::asn1::UintRef::new(s).ok()?;
    let mut body = r.to_der().ok()?;
    body.extend(s.to_der().ok()?);
    der::asn1::AnyRef::new(der::Tag::Sequence, &body)
        .ok()?
        .to_der()
        .ok()
}

/// The whole text of an element: every text node below it, joined. Comments split text
/// nodes, and canonicalization drops them, so a reader of the first text node alone would
/// read less than what was signed.
pub(crate) fn full_text(node: Node) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// Verifies the enveloped signature of the document element of `document`, parsed from `xml`.
/// Err says what is wrong.
pub(crate) fn verify_enveloped(
    xml: &str,
    document: &Document,
) -> Result<VerifiedSignature, String> {
    let root = document.root_element();
    let mut signatures = root.children().filter(|c| is_ds(c, "Signature"));
    let signature = signatures
        .next()
        .ok_or("the list is not signed (no ds:Signature in its document element)")?;
    if signatures.next().is_some() {
        return Err("the list has more than one signature".into());
    }
    let signed_info = child(signature, "SignedInfo").ok_or("the signature has no SignedInfo")?;
    let method = child(signed_info, "CanonicalizationMethod").map(algorithm);
    if method != Some(EXC_C14N) {
        return Err(format!(
            "SignedInfo is canonicalized with `{}`; edc checks exclusive canonicalization ({EXC_C14N})",
            method.unwrap_or("nothing")
        ));
    }
    let mut covers_document = false;
    for reference in signed_info.children().filter(|c| is_ds(c, "Reference")) {
        let uri = reference.attribute("URI").unwrap_or("");
        let target = match uri {
            "" => root,
            id if id.starts_with('#') => by_id(document, &id[1..])?,
            other => return Err(format!("reference `{other}` is not to this document")),
        };
        let mut enveloped = false;
        for transform in child(reference, "Transforms")
            .into_iter()
            .flat_map(|t| t.children().filter(|c| is_ds(c, "Transform")))
        {
            match algorithm(transform) {
                ENVELOPED => enveloped = true,
                EXC_C14N => {}
                other => return Err(format!("transform `{other}` is not accepted")),
            }
        }
        let omit =
            (enveloped && signature.ancestors().any(|a| a == target)).then_some(signature.id());
        let canonical = exclusive(xml, target, omit)?;
        let algorithm = child(reference, "DigestMethod")
            .map(algorithm)
            .unwrap_or("");
        let expected = child(reference, "DigestValue")
            .map(full_text)
            .map(|t| t.split_whitespace().collect::<String>())
            .and_then(|t| STANDARD.decode(t).ok())
            .ok_or("a reference has no readable DigestValue")?;
        if digest(algorithm, canonical.as_bytes())? != expected {
            return Err(format!(
                "the digest of reference `{uri}` does not match: the list was changed after it was signed"
            ));
        }
        covers_document |= target == root && enveloped;
    }
    if !covers_document {
        return Err(
            "no reference of the signature covers the whole list (an enveloped reference to its document element)"
                .into(),
        );
    }
    let signer = child(signature, "KeyInfo")
        .and_then(|k| k.descendants().find(|n| is_ds(n, "X509Certificate")))
        .map(full_text)
        .map(|t| t.split_whitespace().collect::<String>())
        .and_then(|t| STANDARD.decode(t).ok())
        .and_then(|der| Certificate::from_der(&der).ok())
        .ok_or("the signature's KeyInfo carries no readable X509Certificate")?;
    let value = child(signature, "SignatureValue")
        .map(full_text)
        .map(|t| t.split_whitespace().collect::<String>())
        .and_then(|t| STANDARD.decode(t).ok())
        .ok_or("the signature has no readable SignatureValue")?;
    let signed = exclusive(xml, signed_info, None)?;
    let method = child(signed_info, "SignatureMethod")
        .map(algorithm)
        .unwrap_or("");
    let spki = signer
        .tbs_certificate
        .subject_public_key_info
        .to_der()
        .map_err(|e| e.to_string())?;
    use crate::x509::{ecdsa_verify, EcdsaHash};
    use edc_did::rsa::{verify_rsa as rsa_verify, RsaScheme};
    let valid = match method {
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256" => {
            rsa_verify(&spki, RsaScheme::Pkcs1Sha256, signed.as_bytes(), &value)
        }
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha384" => {
            rsa_verify(&spki, RsaScheme::Pkcs1Sha384, signed.as_bytes(), &value)
        }
        "http://www.w3.org/2001/04/xmldsig-more#rsa-sha512" => {
            rsa_verify(&spki, RsaScheme::Pkcs1Sha512, signed.as_bytes(), &value)
        }
        "http://www.w3.org/2007/05/xmldsig-more#sha256-rsa-MGF1" => {
            rsa_verify(&spki, RsaScheme::PssSha256, signed.as_bytes(), &value)
        }
        "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
        | "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
        | "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512" => {
            let hash = match &method[method.len() - 3..] {
                "256" => EcdsaHash::Sha256,
                "384" => EcdsaHash::Sha384,
                _ => EcdsaHash::Sha512,
            };
            ecdsa_der(&value).is_some_and(|der| ecdsa_verify(&spki, hash, signed.as_bytes(), &der))
        }
        other => return Err(format!("signature method `{other}` is not accepted")),
    };
    if !valid {
        return Err(
            "the signature value does not verify with the KeyInfo certificate's key".into(),
        );
    }
    Ok(VerifiedSignature { signer })
}

/// True when `node` lies inside a `ds:Signature` (whose content, the XAdES unsigned properties
/// above all, is not what the list's signature covers).
pub(crate) fn inside_signature(node: &Node) -> bool {
    node.ancestors().any(|a| is_ds(&a, "Signature"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_eu_trusted_lists_signatures_verify() {
        let Some(dir) = edc_testkit::shared_path("europass/trusted-lists") else {
            return;
        };
        for name in ["EU.xml", "BE.xml", "IE.xml"] {
            let xml = std::fs::read_to_string(dir.join(name)).unwrap();
            let document = roxmltree::Document::parse(&xml).unwrap();
            let result = super::verify_enveloped(&xml, &document);
            assert!(result.is_ok(), "{name}: {:?}", result.err());
        }
    }
}
