//! EU trusted lists (ETSI TS 119 612): the qualified CA services of a national list, with their
//! status, as trust anchors for seals; its qualified time-stamping services as trusted
//! time-stamp authorities.

use crate::x509::TrustStore;
use crate::xmldsig::full_text;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

const TSL: &str = "http://uri.etsi.org/02231/v2#";
const CA_QC: &str = "http://uri.etsi.org/TrstSvc/Svctype/CA/QC";
const TSA_QTST: &str = "http://uri.etsi.org/TrstSvc/Svctype/TSA/QTST";
const GRANTED: &str = "http://uri.etsi.org/TrstSvc/TrustedList/Svcstatus/granted";

/// One service of a trusted list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrustService {
    /// The service's name (first name given).
    pub name: String,
    /// The service type IRI (`…/Svctype/CA/QC`, `…/Svctype/TSA/QTST`, …).
    pub service_type: String,
    /// The current status IRI (`…/Svcstatus/granted`, `…/withdrawn`, …).
    pub status: String,
    /// The service's certificates (DER).
    pub certificates: Vec<Vec<u8>>,
}

impl TrustService {
    /// True for a qualified certificate authority whose status is granted.
    pub fn is_granted_qualified_ca(&self) -> bool {
        self.service_type == CA_QC && self.status == GRANTED
    }

    /// True for a qualified time-stamping service whose status is granted.
    pub fn is_granted_qualified_tsa(&self) -> bool {
        self.service_type == TSA_QTST && self.status == GRANTED
    }
}

/// Reads the services of a trusted list (XML), without checking its signature (see
/// [`TrustStore::add_trusted_list`], which does).
pub fn read_trusted_list(xml: &str) -> Result<Vec<TrustService>, crate::error::SealError> {
    read_trusted_list_text(xml).map_err(|message| {
        crate::error::SealError::new(crate::error::SealErrorKind::TrustedList, message)
    })
}

fn read_trusted_list_text(xml: &str) -> Result<Vec<TrustService>, String> {
    Ok(services(&parse(xml)?))
}

fn parse(xml: &str) -> Result<roxmltree::Document<'_>, String> {
    roxmltree::Document::parse(xml).map_err(|e| format!("the trusted list is not XML: {e}"))
}

/// The services of a parsed trusted list.
fn services(document: &roxmltree::Document) -> Vec<TrustService> {
    let is = |node: &roxmltree::Node, name: &str| {
        node.is_element()
            && node.tag_name().name() == name
            && node.tag_name().namespace() == Some(TSL)
    };
    let mut services = Vec::new();
    // Only what the list's signature covers: nothing inside the ds:Signature (its XAdES
    // unsigned properties, an Object) counts as a service.
    for information in document
        .descendants()
        .filter(|n| is(n, "ServiceInformation") && !crate::xmldsig::inside_signature(n))
    {
        let child_text = |name: &str| {
            information
                .children()
                .find(|c| is(c, name))
                .map(|c| full_text(c).trim().to_string())
                .unwrap_or_default()
        };
        let name = information
            .children()
            .find(|c| is(c, "ServiceName"))
            .and_then(|n| n.children().find(|c| is(c, "Name")))
            .map(|n| full_text(n).trim().to_string())
            .unwrap_or_default();
        let certificates = information
            .descendants()
            .filter(|n| is(n, "X509Certificate"))
            .map(full_text)
            .filter_map(|t| {
                STANDARD
                    .decode(t.split_whitespace().collect::<String>())
                    .ok()
            })
            .collect();
        services.push(TrustService {
            name,
            service_type: child_text("ServiceTypeIdentifier"),
            status: child_text("ServiceStatus"),
            certificates,
        });
    }
    services
}

/// The EU list of trusted lists (LOTL), its signature checked: which certificates may sign
/// each territory's trusted list.
#[derive(Debug, Clone, Default)]
pub struct ListOfTrustedLists {
    /// (territory, certificates that may sign its list, DER).
    pointers: Vec<(String, Vec<Vec<u8>>)>,
    /// (territory, where its list is published).
    locations: Vec<(String, String)>,
}

/// The text of the child elements of `node` named `name` in the TSL namespace, anywhere below.
fn texts_below(node: roxmltree::Node<'_, '_>, name: &str) -> Vec<String> {
    node.descendants()
        .filter(|n| {
            n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(TSL)
        })
        .map(full_text)
        .collect()
}

fn certificate_ders(node: roxmltree::Node<'_, '_>) -> Vec<Vec<u8>> {
    node.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == "X509Certificate")
        .map(full_text)
        .filter_map(|t| {
            STANDARD
                .decode(t.split_whitespace().collect::<String>())
                .ok()
        })
        .collect()
}

/// The text of `SchemeInformation/NAME`.
fn scheme_information(document: &roxmltree::Document, name: &str) -> Option<String> {
    document
        .root_element()
        .children()
        .find(|n| n.tag_name().name() == "SchemeInformation")
        .and_then(|info| {
            info.children()
                .find(|n| n.tag_name().name() == name)
                .map(|n| full_text(n).trim().to_string())
        })
}

/// The territory a list is for (`SchemeInformation/SchemeTerritory`).
fn territory(document: &roxmltree::Document) -> Option<String> {
    scheme_information(document, "SchemeTerritory")
}

/// Checks a list's enveloped signature and that it was made with one of `allowed` (DER);
/// returns the list's territory.
fn verified_territory(
    xml: &str,
    document: &roxmltree::Document,
    allowed: &dyn Fn(&str) -> Vec<Vec<u8>>,
) -> Result<String, String> {
    let signed = crate::xmldsig::verify_enveloped(xml, document)
        .map_err(|e| format!("the list's signature: {e}"))?;
    let territory = territory(document).unwrap_or_default();
    // The list was signed when it was issued: its signing certificate must have been valid then.
    let issued = scheme_information(document, "ListIssueDateTime")
        .and_then(|t| edc_model::DateTime::parse(&t).ok())
        .ok_or("the list states no readable ListIssueDateTime")?;
    if !crate::path::valid_at(&signed.signer, issued.unix_seconds()) {
        let validity = &signed.signer.tbs_certificate.validity;
        return Err(format!(
            "the list for `{territory}` was issued on {issued}, when its signing certificate `{}` was not valid ({} to {})",
            signed.signer.tbs_certificate.subject, validity.not_before, validity.not_after
        ));
    }
    let signer = der::Encode::to_der(&signed.signer).map_err(|e| e.to_string())?;
    if !allowed(&territory).contains(&signer) {
        return Err(format!(
            "the list for `{territory}` is signed by `{}`, a certificate you have not said may sign it (give the EU list of trusted lists and its signer, or the list's signer)",
            signed.signer.tbs_certificate.subject
        ));
    }
    Ok(territory)
}

impl ListOfTrustedLists {
    /// Reads the LOTL (`xml`) and checks its signature against `signers`: the certificates (DER)
    /// the EU publishes in the Official Journal for signing it.
    pub fn verify(
        xml: &str,
        signers: &[Vec<u8>],
    ) -> Result<ListOfTrustedLists, crate::error::SealError> {
        Self::verify_text(xml, signers).map_err(|message| {
            crate::error::SealError::new(crate::error::SealErrorKind::TrustedList, message)
        })
    }

    fn verify_text(xml: &str, signers: &[Vec<u8>]) -> Result<ListOfTrustedLists, String> {
        let document = parse(xml)?;
        verified_territory(xml, &document, &|_| signers.to_vec())?;
        let mut pointers = Vec::new();
        let mut locations = Vec::new();
        for pointer in document.descendants().filter(|n| {
            n.is_element()
                && n.tag_name().name() == "OtherTSLPointer"
                && !crate::xmldsig::inside_signature(n)
        }) {
            let Some(territory) = texts_below(pointer, "SchemeTerritory")
                .first()
                .map(|t| t.trim().to_string())
            else {
                continue;
            };
            // Where the territory's list (XML, not the PDF form) is published.
            let xml_location = texts_below(pointer, "TSLLocation")
                .into_iter()
                .map(|t| t.trim().to_string())
                .find(|l| !l.to_ascii_lowercase().ends_with(".pdf"));
            if let Some(location) = xml_location {
                locations.push((territory.clone(), location));
            }
            pointers.push((territory, certificate_ders(pointer)));
        }
        Ok(ListOfTrustedLists {
            pointers,
            locations,
        })
    }

    /// Where each territory's trusted list is published (territory, URL), as the LOTL says.
    pub fn locations(&self) -> &[(String, String)] {
        &self.locations
    }

    /// The certificates (DER) the LOTL says may sign `territory`'s list.
    pub fn signers_of(&self, territory: &str) -> Vec<Vec<u8>> {
        self.pointers
            .iter()
            .filter(|(t, _)| t == territory)
            .flat_map(|(_, certificates)| certificates.iter().cloned())
            .collect()
    }
}

/// Who may sign the trusted lists a store reads: the signers a verified LOTL names for each
/// territory, and certificates the caller trusts for signing lists directly.
#[derive(Debug, Clone, Default)]
pub struct ListSigners {
    /// A verified LOTL.
    pub lotl: Option<ListOfTrustedLists>,
    /// List signing certificates trusted as they are (DER).
    pub direct: Vec<Vec<u8>>,
}

impl ListSigners {
    fn allowed(&self, territory: &str) -> Vec<Vec<u8>> {
        let mut out = self.direct.clone();
        if let Some(lotl) = &self.lotl {
            out.extend(lotl.signers_of(territory));
        }
        out
    }
}

impl TrustStore {
    /// Adds the certificates of the granted qualified CA services of a trusted list as anchors,
    /// and those of its granted qualified time-stamping services as trusted time-stamping
    /// units; returns how many CA certificates were added. The list's XMLDSig (XAdES)
    /// signature must verify, with a certificate `signers` allows for its territory: an
    /// unsigned, changed or otherwise signed list is refused.
    pub fn add_trusted_list(
        &mut self,
        xml: &str,
        signers: &ListSigners,
    ) -> Result<usize, crate::error::SealError> {
        self.add_trusted_list_text(xml, signers).map_err(|message| {
            crate::error::SealError::new(crate::error::SealErrorKind::TrustedList, message)
        })
    }

    fn add_trusted_list_text(&mut self, xml: &str, signers: &ListSigners) -> Result<usize, String> {
        let document = parse(xml)?;
        verified_territory(xml, &document, &|territory| signers.allowed(territory))?;
        let mut added = 0;
        for service in services(&document) {
            for der in &service.certificates {
                if service.is_granted_qualified_ca() {
                    self.add_der(der)?;
                    added += 1;
                } else if service.is_granted_qualified_tsa() {
                    self.add_time_stamping_der(der)?;
                }
            }
        }
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::{ListSigners, TrustStore};
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;
    use sha2::Digest;

    /// A one-service list for territory XX issued at `issued`, signed (enveloped, exclusive
    /// canonicalization, RSA-SHA256) with `key.pem`/`cert.pem` in `dir` by OpenSSL.
    fn signed_list(dir: &std::path::Path, issued: &str) -> String {
        let cert_pem = std::fs::read_to_string(dir.join("cert.pem")).unwrap();
        let cert_b64: String = cert_pem
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let body = format!(
            r#"<SchemeInformation><ListIssueDateTime>{issued}</ListIssueDateTime><SchemeTerritory>XX</SchemeTerritory></SchemeInformation>"#
        );
        let open = r#"<TrustServiceStatusList xmlns="http://uri.etsi.org/02231/v2#" Id="tsl">"#;
        let unsigned = format!("{open}{body}</TrustServiceStatusList>");
        let parsed = roxmltree::Document::parse(&unsigned).unwrap();
        let canonical = crate::xml_c14n::exclusive(&unsigned, parsed.root_element(), None).unwrap();
        let digest = STANDARD.encode(sha2::Sha256::digest(canonical.as_bytes()));
        let signed_info = format!(
            r##"<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#"><ds:CanonicalizationMethod Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:CanonicalizationMethod><ds:SignatureMethod Algorithm="http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"></ds:SignatureMethod><ds:Reference URI=""><ds:Transforms><ds:Transform Algorithm="http://www.w3.org/2000/09/xmldsig#enveloped-signature"></ds:Transform><ds:Transform Algorithm="http://www.w3.org/2001/10/xml-exc-c14n#"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm="http://www.w3.org/2001/04/xmlenc#sha256"></ds:DigestMethod><ds:DigestValue>{digest}</ds:DigestValue></ds:Reference></ds:SignedInfo>"##
        );
        // Written already in canonical form, so what OpenSSL signs is what a verifier rebuilds.
        std::fs::write(dir.join("signed-info.xml"), &signed_info).unwrap();
        assert!(edc_testkit::pki::openssl(
            dir,
            &[
                "dgst",
                "-sha256",
                "-sign",
                "key.pem",
                "-out",
                "sig.bin",
                "signed-info.xml"
            ]
        ));
        let value = STANDARD.encode(std::fs::read(dir.join("sig.bin")).unwrap());
        let signed_info = signed_info.replacen(
            r#"<ds:SignedInfo xmlns:ds="http://www.w3.org/2000/09/xmldsig#">"#,
            "<ds:SignedInfo>",
            1,
        );
        format!(
            r#"{open}{body}<ds:Signature xmlns:ds="http://www.w3.org/2000/09/xmldsig#">{signed_info}<ds:SignatureValue>{value}</ds:SignatureValue><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert_b64}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></ds:Signature></TrustServiceStatusList>"#
        )
    }

    #[test]
    fn a_list_issued_when_its_signing_certificate_was_not_valid_is_refused() {
        if !edc_testkit::pki::pki_available() {
            return;
        }
        let dir = std::env::temp_dir().join(format!("edc-tl-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // A certificate valid from now, for 30 days.
        assert!(edc_testkit::pki::openssl(
            &dir,
            &[
                "req",
                "-x509",
                "-newkey",
                "rsa:2048",
                "-nodes",
                "-keyout",
                "key.pem",
                "-out",
                "cert.pem",
                "-days",
                "30",
                "-subj",
                "/CN=XX list signer"
            ]
        ));
        let der = {
            let pem = std::fs::read_to_string(dir.join("cert.pem")).unwrap();
            crate::seal::pem_chain(&pem).unwrap().remove(0)
        };
        let signers = ListSigners {
            lotl: None,
            direct: vec![der],
        };
        let now = edc_model::DateTime::from_unix_seconds(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_secs() as i64,
        )
        .to_string();
        // Issued now: the signature verifies and the list counts.
        let current = signed_list(&dir, &now);
        assert_eq!(
            TrustStore::new().add_trusted_list(&current, &signers),
            Ok(0)
        );
        // Issued in 2020, before the certificate existed: refused.
        let backdated = signed_list(&dir, "2020-01-01T00:00:00Z");
        let why = TrustStore::new()
            .add_trusted_list(&backdated, &signers)
            .unwrap_err();
        assert!(why.message().contains("was not valid"), "{why}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
