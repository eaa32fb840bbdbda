//! Exclusive XML Canonicalization 1.0 without comments (W3C `xml-exc-c14n#`), the form the EU
//! trusted lists' XAdES signatures digest and sign, over a subtree of a parsed document, with
//! one element (an enveloped signature) left out.
//!
//! The rules: namespace declarations are written where an element or one of its attributes
//! uses them and the nearest written ancestor did not declare the same; declarations come first
//! (sorted by prefix, the default first), then attributes sorted by namespace IRI and local
//! name; empty elements get an end tag; comments are dropped; text and attribute values are
//! escaped as the recommendation says.

use roxmltree::{Node, NodeId, NodeType};
use std::collections::BTreeMap;

/// How deep an element may be nested (roxmltree parses deeper documents; this writer recurses).
const MAX_DEPTH: usize = 256;

/// The canonical form of `apex` and its descendants, without `omit` and its descendants.
/// `source` is the text the document was parsed from (roxmltree keeps no prefixes of its own).
pub(crate) fn exclusive(
    source: &str,
    apex: Node<'_, '_>,
    omit: Option<NodeId>,
) -> Result<String, String> {
    let mut out = String::new();
    let mut writer = Writer {
        source,
        omit,
        out: &mut out,
    };
    if apex.node_type() == NodeType::Root {
        // The whole document: processing instructions around the document element on lines of
        // their own; comments and the XML declaration are not part of it.
        let mut seen_element = false;
        for child in apex.children() {
            match child.node_type() {
                NodeType::Element => {
                    writer.element(child, &BTreeMap::new(), 0)?;
                    seen_element = true;
                }
                NodeType::PI => {
                    if seen_element {
                        writer.out.push('\n');
                    }
                    writer.processing_instruction(child);
                    if !seen_element {
                        writer.out.push('\n');
                    }
                }
                _ => {}
            }
        }
    } else {
        writer.element(apex, &BTreeMap::new(), 0)?;
    }
    Ok(out)
}

struct Writer<'s, 'o> {
    source: &'s str,
    omit: Option<NodeId>,
    out: &'o mut String,
}

/// The prefix of a qualified name as written (`ds:Signature` → `ds`; none → "").
fn prefix_of(qname: &str) -> &str {
    qname.split_once(':').map_or("", |(p, _)| p)
}

impl Writer<'_, '_> {
    /// The element's qualified name as written in the source.
    fn element_qname(&self, node: Node<'_, '_>) -> &str {
        let start = node.range().start + 1;
        let rest = self.source.get(start..).unwrap_or("");
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .unwrap_or(rest.len());
        &rest[..end]
    }

    fn element(
        &mut self,
        node: Node<'_, '_>,
        rendered: &BTreeMap<String, String>,
        depth: usize,
    ) -> Result<(), String> {
        if Some(node.id()) == self.omit {
            return Ok(());
        }
        if depth > MAX_DEPTH {
            return Err(format!("elements nest deeper than {MAX_DEPTH} levels"));
        }
        let qname = self.element_qname(node).to_string();
        let element_prefix = prefix_of(&qname).to_string();
        // Attributes as written: qualified name, namespace, local name, value.
        let mut attributes: Vec<(String, String, String, String)> = node
            .attributes()
            .map(|a| {
                let written = self.source.get(a.range_qname()).unwrap_or(a.name());
                (
                    written.to_string(),
                    a.namespace().unwrap_or("").to_string(),
                    a.name().to_string(),
                    a.value().to_string(),
                )
            })
            .collect();
        // Namespaces visibly used: the element's prefix (or the default namespace), and the
        // prefixes of its attributes (an unprefixed attribute uses no namespace).
        let mut used: BTreeMap<String, String> = BTreeMap::new();
        let element_namespace = if element_prefix.is_empty() {
            node.tag_name().namespace().unwrap_or("").to_string()
        } else {
            node.lookup_namespace_uri(Some(&element_prefix))
                .ok_or_else(|| format!("the prefix `{element_prefix}` is not declared"))?
                .to_string()
        };
        used.insert(element_prefix.clone(), element_namespace);
        for (written, namespace, _, _) in &attributes {
            let prefix = prefix_of(written);
            if !prefix.is_empty() && prefix != "xml" {
                used.insert(prefix.to_string(), namespace.clone());
            }
        }
        let mut declared = rendered.clone();
        self.out.push('<');
        self.out.push_str(&qname);
        for (prefix, namespace) in &used {
            let before = rendered.get(prefix).map(String::as_str).unwrap_or("");
            // The default namespace "" is in force at the top: it needs no declaration there.
            if before == namespace && (rendered.contains_key(prefix) || prefix.is_empty()) {
                continue;
            }
            if prefix.is_empty() {
                self.out.push_str(" xmlns=\"");
            } else {
                self.out.push_str(" xmlns:");
                self.out.push_str(prefix);
                self.out.push_str("=\"");
            }
            escape_attribute(namespace, self.out);
            self.out.push('"');
            declared.insert(prefix.clone(), namespace.clone());
        }
        attributes.sort_by(|a, b| (&a.1, &a.2).cmp(&(&b.1, &b.2)));
        for (written, _, _, value) in &attributes {
            self.out.push(' ');
            self.out.push_str(written);
            self.out.push_str("=\"");
            escape_attribute(value, self.out);
            self.out.push('"');
        }
        self.out.push('>');
        for child in node.children() {
            match child.node_type() {
                NodeType::Element => self.element(child, &declared, depth + 1)?,
                NodeType::Text => escape_text(child.text().unwrap_or(""), self.out),
                NodeType::PI => self.processing_instruction(child),
                _ => {}
            }
        }
        self.out.push_str("</");
        self.out.push_str(&qname);
        self.out.push('>');
        Ok(())
    }

    fn processing_instruction(&mut self, node: Node<'_, '_>) {
        if let Some(pi) = node.pi() {
            self.out.push_str("<?");
            self.out.push_str(pi.target);
            if let Some(value) = pi.value.filter(|v| !v.is_empty()) {
                self.out.push(' ');
                self.out.push_str(value);
            }
            self.out.push_str("?>");
        }
    }
}

fn escape_text(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}

fn escape_attribute(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#x9;"),
            '\n' => out.push_str("&#xA;"),
            '\r' => out.push_str("&#xD;"),
            c => out.push(c),
        }
    }
}
