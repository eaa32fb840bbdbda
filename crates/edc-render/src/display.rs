//! The credential's own display: the page images of `displayParameter.individualDisplay`
//! (`displayDetail.image`: base64 content and a file type), in the chosen language first.

use serde_json::Value;

/// A page image, ready for `<img src>`: a `data:` URI of an allowed raster type.
pub(crate) struct PageImage {
    pub data_uri: String,
    pub page: usize,
    pub language: Option<String>,
}

fn items(value: &Value) -> Vec<&Value> {
    match value {
        Value::Array(a) => a.iter().collect(),
        Value::Null => Vec::new(),
        other => vec![other],
    }
}

/// The media type of an EU file-type concept (or a plain media type), when it is a raster image.
fn media_type(content_type: &Value) -> Option<&'static str> {
    let id = content_type
        .get("id")
        .and_then(Value::as_str)
        .or_else(|| content_type.as_str())
        .unwrap_or("")
        .to_ascii_uppercase();
    [
        ("JPEG", "image/jpeg"),
        ("JPG", "image/jpeg"),
        ("PNG", "image/png"),
        ("GIF", "image/gif"),
        ("WEBP", "image/webp"),
    ]
    .into_iter()
    .find(|(k, _)| id.ends_with(&format!("/{k}")) || id.ends_with(k))
    .map(|(_, v)| v)
}

fn is_base64(text: &str) -> bool {
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'/' | b'=' | b'\n' | b'\r'))
}

/// The page images of `credential`, those in `language` first.
pub(crate) fn page_images(credential: &Value, language: &str) -> Vec<PageImage> {
    let mut pages = Vec::new();
    for display in items(&credential["displayParameter"]) {
        for individual in items(&display["individualDisplay"]) {
            let lang = individual["language"]["id"]
                .as_str()
                .and_then(|id| id.rsplit('/').next())
                .map(str::to_string);
            for (i, detail) in items(&individual["displayDetail"]).into_iter().enumerate() {
                let image = &detail["image"];
                let (Some(content), Some(media)) =
                    (image["content"].as_str(), media_type(&image["contentType"]))
                else {
                    continue;
                };
                if !is_base64(content) {
                    continue;
                }
                let compact: String = content.chars().filter(|c| !c.is_whitespace()).collect();
                pages.push(PageImage {
                    data_uri: format!("data:{media};base64,{compact}"),
                    page: detail["page"].as_u64().map_or(i + 1, |p| p as usize),
                    language: lang.clone(),
                });
            }
        }
    }
    let wanted = language_code3(language);
    pages.sort_by_key(|p| (p.language.as_deref() != Some(wanted.as_str()), p.page));
    pages
}

/// The EU language authority's three-letter code of a two-letter one (`en` → `ENG`).
fn language_code3(two: &str) -> String {
    let table = [
        ("bg", "BUL"),
        ("cs", "CES"),
        ("da", "DAN"),
        ("de", "DEU"),
        ("el", "ELL"),
        ("en", "ENG"),
        ("es", "SPA"),
        ("et", "EST"),
        ("fi", "FIN"),
        ("fr", "FRA"),
        ("ga", "GLE"),
        ("hr", "HRV"),
        ("hu", "HUN"),
        ("it", "ITA"),
        ("lt", "LIT"),
        ("lv", "LAV"),
        ("mt", "MLT"),
        ("nl", "NLD"),
        ("pl", "POL"),
        ("pt", "POR"),
        ("ro", "RON"),
        ("sk", "SLK"),
        ("sl", "SLV"),
        ("sv", "SWE"),
    ];
    table
        .iter()
        .find(|(k, _)| *k == two)
        .map(|(_, v)| v.to_string())
        .unwrap_or_else(|| two.to_ascii_uppercase())
}

/// The awarding bodies' names (`awardedBy.awardingBody.legalName`, in `language` when there,
/// else the first given), each once, in document order.
pub(crate) fn awarding_bodies(credential: &Value, language: &str) -> Vec<String> {
    fn walk(node: &Value, inside: bool, language: &str, out: &mut Vec<String>) {
        match node {
            Value::Array(items) => items.iter().for_each(|i| walk(i, inside, language, out)),
            Value::Object(map) => {
                if inside {
                    if let Some(name) = map.get("legalName").and_then(|n| in_language(n, language))
                    {
                        if !out.contains(&name) {
                            out.push(name);
                        }
                    }
                }
                for (key, value) in map {
                    walk(value, inside || key == "awardingBody", language, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(credential, false, language, &mut out);
    out
}

/// A language map's value in `language`, else the first one (a string or the first string of
/// a list).
fn in_language(map: &Value, language: &str) -> Option<String> {
    let first = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Array(items) => items.iter().find_map(|i| i.as_str().map(str::to_string)),
        _ => None,
    };
    match map {
        Value::Object(m) => m
            .get(language)
            .and_then(first)
            .or_else(|| m.values().find_map(first)),
        other => first(other),
    }
}

/// The W3C render method's SVG templates given inline (`renderMethod` of type
/// `SvgRenderingTemplate`, or `TemplateRenderMethod` with an SVG render suite), filled: each
/// `{{path.to.value}}` replaced by the credential's value there, XML-escaped. Shown as `data:`
/// images, where an SVG runs nothing. Templates only named by URL are not fetched.
pub(crate) fn svg_renderings(credential: &Value) -> Vec<String> {
    use base64::Engine;
    let mut out = Vec::new();
    for method in items(&credential["renderMethod"]) {
        let kind = method["type"].as_str().unwrap_or("");
        let suite = method["renderSuite"].as_str().unwrap_or("");
        let svg_kind = kind == "SvgRenderingTemplate"
            || (kind == "TemplateRenderMethod" && suite.contains("svg"));
        let Some(template) = method["template"].as_str().filter(|_| svg_kind) else {
            continue;
        };
        let template = template.trim();
        if !template.starts_with("<svg") && !template.starts_with("<?xml") {
            continue;
        }
        let filled = fill(template, credential);
        out.push(format!(
            "data:image/svg+xml;base64,{}",
            base64::engine::general_purpose::STANDARD.encode(filled)
        ));
    }
    out
}

/// `{{a.b.c}}` → the credential's value at that path (strings and numbers), XML-escaped.
fn fill(template: &str, credential: &Value) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else {
            out.push_str(&rest[start..]);
            return out;
        };
        let path = after[..end].trim();
        let mut value = credential;
        for step in path.split('.') {
            value = match value {
                Value::Array(a) => step
                    .parse::<usize>()
                    .ok()
                    .and_then(|i| a.get(i))
                    .unwrap_or(&Value::Null),
                other => &other[step],
            };
        }
        let text = match value {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => String::new(),
        };
        out.push_str(&crate::html::text(&text));
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    out
}
