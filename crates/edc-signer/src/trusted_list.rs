//! EU trusted lists (ETSI TS 119 612): the qualified CA services of a national list, with their
//! status, as trust anchors for seals; its qualified time-stamping services as trusted
//! time-stamp authorities.

use crate::x509::TrustStore;
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

/// Reads the services of a trusted list (XML).
pub fn read_trusted_list(xml: &str) -> Result<Vec<TrustService>, String> {
    let document =
        roxmltree::Document::parse(xml).map_err(|e| format!("the trusted list is not XML: {e}"))?;
    let is = |node: &roxmltree::Node, name: &str| {
        node.is_element()
            && node.tag_name().name() == name
            && node.tag_name().namespace() == Some(TSL)
    };
    let mut services = Vec::new();
    for information in document
        .descendants()
        .filter(|n| is(n, "ServiceInformation"))
    {
        let child_text = |name: &str| {
            information
                .children()
                .find(|c| is(c, name))
                .and_then(|c| c.text())
                .map(|t| t.trim().to_string())
                .unwrap_or_default()
        };
        let name = information
            .children()
            .find(|c| is(c, "ServiceName"))
            .and_then(|n| n.children().find(|c| is(c, "Name")))
            .and_then(|n| n.text())
            .unwrap_or_default()
            .trim()
            .to_string();
        let certificates = information
            .descendants()
            .filter(|n| is(n, "X509Certificate"))
            .filter_map(|n| n.text())
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
    Ok(services)
}

impl TrustStore {
    /// Adds the certificates of the granted qualified CA services of a trusted list as anchors,
    /// and those of its granted qualified time-stamping services as trusted time-stamping
    /// units; returns how many CA certificates were added.
    pub fn add_trusted_list(&mut self, xml: &str) -> Result<usize, String> {
        let mut added = 0;
        for service in read_trusted_list(xml)? {
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
