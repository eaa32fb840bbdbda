//! A credential is attacker-controlled: markup in any field it renders must stay text, and the
//! page must forbid scripts and requests.

use edc_model::Document;
use serde_json::json;

const PAYLOADS: [&str; 5] = [
    "<script>alert(1)</script>",
    "\"><img src=x onerror=alert(2)>",
    "</style><style>body{display:none}</style>",
    "<a href=\"javascript:alert(3)\">click</a>",
    "<svg onload=alert(4)>",
];

fn hostile(payload: &str) -> serde_json::Value {
    json!({
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiableCredential"],
        "name": payload,
        "issuer": {"id": "did:example:issuer", "name": payload},
        "validFrom": "2024-01-01T00:00:00Z",
        "credentialSubject": {
            "id": "did:example:learner",
            "name": payload,
            "achievement": {"name": payload, "description": payload}
        }
    })
}

/// Every tag in the page is one the renderer writes (nothing the credential wrote became a tag),
/// and no attribute is an event handler or a script URL.
fn assert_only_our_tags(page: &str, payload: &str) {
    const OURS: [&str; 28] = [
        "!doctype", "html", "head", "meta", "title", "style", "body", "main", "div", "strong",
        "h1", "h2", "h3", "h4", "h5", "h6", "dl", "dt", "dd", "section", "p", "ul", "li", "table",
        "caption", "thead", "tbody", "tr",
    ];
    const CELLS: [&str; 3] = ["th", "td", "img"];
    for (i, _) in page.match_indices('<') {
        let rest = &page[i + 1..];
        let name: String = rest
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '!')
            .collect::<String>()
            .to_ascii_lowercase();
        assert!(
            OURS.contains(&name.as_str()) || CELLS.contains(&name.as_str()),
            "a <{name}> tag for {payload}"
        );
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())].to_ascii_lowercase();
        assert!(
            !tag.contains(" on") && !tag.contains("javascript:"),
            "<{tag}> for {payload}"
        );
    }
}

/// An EU sample with `payload` in place of its learner's name, its title and its awarding body.
fn hostile_eu(payload: &str) -> Option<Vec<u8>> {
    let shared = edc_testkit::shared_dir()?;
    let text = std::fs::read_to_string(
        shared.join("europass/samples/elm-support-2024/AA-Annex1-MC-unsigned.json"),
    )
    .ok()?;
    let escaped = serde_json::to_string(payload).unwrap();
    let escaped = &escaped[1..escaped.len() - 1];
    Some(
        text.replace("Ana", escaped)
            .replace("Micro-Credential", escaped)
            .replace("ORGANIZACION TEST", escaped)
            .into_bytes(),
    )
}

#[test]
fn no_markup_from_the_credential_becomes_markup() {
    for payload in PAYLOADS {
        let Some(bytes) = hostile_eu(payload) else {
            return;
        };
        let document = Document::from_slice(&bytes).unwrap();
        let page = edc_render::render_html(&document, None, "en").html;
        assert_only_our_tags(&page, payload);
        assert!(
            page.contains("default-src 'none'"),
            "the CSP forbids scripts and requests"
        );
        // The text is there, escaped, for people to read: in the title, the learner, the issuer.
        let shown = edc_render::render_html(&document, None, "en");
        assert!(
            shown.html.matches("&lt;").count() >= 3,
            "{payload} is not shown escaped"
        );
    }
}

#[test]
fn an_unverified_or_failed_credential_never_gets_the_green_banner() {
    let document = Document::from_slice(hostile("Ada").to_string().as_bytes()).unwrap();
    let page = edc_render::render_html(&document, None, "en").html;
    assert!(!page.contains("class=\"banner verified\""));
    assert!(page.contains("Not verified"));
    let report = edc_verifier::Verifier::builder()
        .build()
        .verify(hostile("Ada").to_string().as_bytes());
    assert_ne!(report.verdict(), edc_verifier::Verdict::Verified);
    let page = edc_render::render_html(&document, Some(&report), "en").html;
    assert!(
        !page.contains("class=\"banner verified\""),
        "an unsigned credential shown as verified"
    );
}

#[test]
fn only_raster_data_images_are_shown() {
    let mut credential = hostile("Ada");
    credential["displayParameter"] = json!({
        "individualDisplay": [{
            "language": {"id": "http://publications.europa.eu/resource/authority/language/ENG"},
            "displayDetail": [
                {"page": 1, "image": {"content": "iVBORw0KGgo=", "contentType": {"id": "http://publications.europa.eu/resource/authority/file-type/PNG"}}},
                {"page": 2, "image": {"content": "PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+", "contentType": {"id": "http://publications.europa.eu/resource/authority/file-type/SVG"}}},
                {"page": 3, "image": {"content": "\"><script>x</script>", "contentType": {"id": "http://publications.europa.eu/resource/authority/file-type/PNG"}}}
            ]
        }]
    });
    let document = Document::from_slice(credential.to_string().as_bytes()).unwrap();
    let page = edc_render::render_html(&document, None, "en").html;
    assert_eq!(page.matches("<img ").count(), 1, "only the PNG: {page}");
    assert!(page.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""));
    assert!(!page.contains("image/svg"));
}

#[test]
fn an_svg_render_method_is_filled_escaped_and_shown_as_an_image() {
    let mut credential = hostile("<b>Ada</b>");
    credential["renderMethod"] = json!({
        "type": "SvgRenderingTemplate",
        "template": "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>{{credentialSubject.name}}</text></svg>"
    });
    let document = Document::from_slice(credential.to_string().as_bytes()).unwrap();
    let page = edc_render::render_html(&document, None, "en").html;
    let start = page
        .find("data:image/svg+xml;base64,")
        .expect("the template is shown")
        + 26;
    let end = start + page[start..].find('"').unwrap();
    use base64::Engine;
    let svg = String::from_utf8(
        base64::engine::general_purpose::STANDARD
            .decode(&page[start..end])
            .unwrap(),
    )
    .unwrap();
    assert!(svg.contains("<text>&lt;b&gt;Ada&lt;/b&gt;</text>"), "{svg}");
    // The subject's name (OB 3.0 / VC 2.0 `name`) is the page's learner, escaped.
    assert!(page.contains("<title>&lt;b&gt;Ada&lt;/b&gt;"), "{page}");
}
