//! IRI helpers: absolute-IRI tests, RFC 3986 reference resolution, keyword tests.

/// True for `@`-keywords JSON-LD 1.1 defines.
pub fn is_keyword(s: &str) -> bool {
    matches!(
        s,
        "@base"
            | "@container"
            | "@context"
            | "@direction"
            | "@graph"
            | "@id"
            | "@import"
            | "@included"
            | "@index"
            | "@json"
            | "@language"
            | "@list"
            | "@nest"
            | "@none"
            | "@prefix"
            | "@propagate"
            | "@protected"
            | "@reverse"
            | "@set"
            | "@type"
            | "@value"
            | "@version"
            | "@vocab"
    )
}

/// True for strings of the form `@` followed by letters only, which JSON-LD reserves.
pub fn looks_like_keyword(s: &str) -> bool {
    s.len() > 1 && s.starts_with('@') && s[1..].bytes().all(|b| b.is_ascii_alphabetic())
}

/// The scheme of an absolute IRI (`http` in `http://…`), if it has one.
pub fn scheme(s: &str) -> Option<&str> {
    let colon = s.find(':')?;
    let scheme = &s[..colon];
    let mut bytes = scheme.bytes();
    let first = bytes.next()?;
    (first.is_ascii_alphabetic()
        && bytes.all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.'))
    .then_some(scheme)
}

/// True for an absolute IRI (it has a scheme) without spaces or the characters N-Quads cannot
/// carry in an IRI.
pub fn is_absolute(s: &str) -> bool {
    let bytes = s.as_bytes();
    // The scheme: a letter, then letters, digits, `+`, `-` or `.`, up to the first colon.
    let Some(colon) = bytes.iter().position(|&b| !is_scheme_byte(b)) else {
        return false;
    };
    if colon == 0 || bytes[colon] != b':' || !bytes[0].is_ascii_alphabetic() {
        return false;
    }
    // The rest: no byte IRIs and N-Quads forbid, at most one `#`.
    let mut fragments = 0;
    let mut non_ascii = false;
    for &b in &bytes[colon + 1..] {
        match IRI_BYTE[usize::from(b)] {
            ALLOWED => {}
            HASH => fragments += 1,
            HIGH => non_ascii = true,
            _ => return false,
        }
    }
    fragments <= 1 && (!non_ascii || !s.contains(char::is_whitespace))
}

fn is_scheme_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.'
}

const ALLOWED: u8 = 0;
const FORBIDDEN: u8 = 1;
const HASH: u8 = 2;
const HIGH: u8 = 3;

/// What each byte is in an IRI: control characters, space, DEL and `<>"{}|^`\`` are forbidden
/// (neither IRIs nor N-Quads allow them), `#` may appear once, bytes of other characters are
/// checked for whitespace.
static IRI_BYTE: [u8; 256] = {
    let mut table = [ALLOWED; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b < 0x21 || b == 0x7f {
            FORBIDDEN
        } else if b >= 0x80 {
            HIGH
        } else {
            ALLOWED
        };
        b += 1;
    }
    let forbidden = b"<>\"{}|^`\\";
    let mut i = 0;
    while i < forbidden.len() {
        table[forbidden[i] as usize] = FORBIDDEN;
        i += 1;
    }
    table[b'#' as usize] = HASH;
    table
};

/// True for a blank node identifier (`_:label`).
pub fn is_blank(s: &str) -> bool {
    s.starts_with("_:")
}

/// True when the last character makes an IRI usable as a prefix (a gen-delim).
pub fn ends_with_gen_delim(s: &str) -> bool {
    matches!(
        s.chars().last(),
        Some(':' | '/' | '?' | '#' | '[' | ']' | '@')
    )
}

struct Parts<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

fn split(s: &str) -> Parts<'_> {
    let (rest, fragment) = match s.find('#') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s, None),
    };
    let (rest, query) = match rest.find('?') {
        Some(i) => (&rest[..i], Some(&rest[i + 1..])),
        None => (rest, None),
    };
    let (scheme_part, rest) = match scheme(rest) {
        Some(sc) => (Some(sc), &rest[sc.len() + 1..]),
        None => (None, rest),
    };
    let (authority, path) = if let Some(after) = rest.strip_prefix("//") {
        match after.find('/') {
            Some(i) => (Some(&after[..i]), &after[i..]),
            None => (Some(after), ""),
        }
    } else {
        (None, rest)
    };
    Parts {
        scheme: scheme_part,
        authority,
        path,
        query,
        fragment,
    }
}

fn remove_dot_segments(path: &str) -> String {
    let mut output: Vec<&str> = Vec::new();
    let absolute = path.starts_with('/');
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    let mut trailing_slash = false;
    for (i, seg) in segments.iter().enumerate() {
        if i == 0 && absolute {
            continue;
        }
        match *seg {
            "." => trailing_slash = i == last,
            ".." => {
                output.pop();
                trailing_slash = i == last;
            }
            s => {
                output.push(s);
                trailing_slash = false;
            }
        }
    }
    let mut result = String::new();
    if absolute {
        result.push('/');
    }
    result.push_str(&output.join("/"));
    if trailing_slash && !result.ends_with('/') {
        result.push('/');
    }
    result
}

fn merge(base: &Parts<'_>, reference_path: &str) -> String {
    if base.authority.is_some() && base.path.is_empty() {
        return format!("/{reference_path}");
    }
    match base.path.rfind('/') {
        Some(i) => format!("{}{}", &base.path[..=i], reference_path),
        None => reference_path.to_string(),
    }
}

/// Resolves `reference` against `base` (RFC 3986 section 5.2).
pub fn resolve(base: &str, reference: &str) -> String {
    let r = split(reference);
    let b = split(base);
    let (scheme, authority, path, query);
    if r.scheme.is_some() {
        scheme = r.scheme;
        authority = r.authority;
        path = remove_dot_segments(r.path);
        query = r.query;
    } else {
        if r.authority.is_some() {
            authority = r.authority;
            path = remove_dot_segments(r.path);
            query = r.query;
        } else {
            if r.path.is_empty() {
                path = b.path.to_string();
                query = r.query.or(b.query);
            } else {
                path = if r.path.starts_with('/') {
                    remove_dot_segments(r.path)
                } else {
                    remove_dot_segments(&merge(&b, r.path))
                };
                query = r.query;
            }
            authority = b.authority;
        }
        scheme = b.scheme;
    }
    let mut out = String::new();
    if let Some(s) = scheme {
        out.push_str(s);
        out.push(':');
    }
    if let Some(a) = authority {
        out.push_str("//");
        out.push_str(a);
    }
    out.push_str(&path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = r.fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3986_examples() {
        // RFC 3986 section 5.4.1 normal examples.
        let base = "http://a/b/c/d;p?q";
        for (r, expected) in [
            ("g", "http://a/b/c/g"),
            ("./g", "http://a/b/c/g"),
            ("g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("g?y", "http://a/b/c/g?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("", "http://a/b/c/d;p?q"),
            (".", "http://a/b/c/"),
            ("..", "http://a/b/"),
            ("../g", "http://a/b/g"),
            ("../..", "http://a/"),
            ("../../g", "http://a/g"),
        ] {
            assert_eq!(resolve(base, r), expected, "{r}");
        }
    }

    #[test]
    fn absolute_iris() {
        assert!(is_absolute("urn:epass:person:1"));
        assert!(is_absolute("http://data.europa.eu/snb/model/elm/Person"));
        assert!(!is_absolute("2024-05-28T11:52:16+02:00"));
        assert!(!is_absolute("Person"));
        assert!(!is_absolute("http://example.org/a b"));
        assert!(!is_absolute("http://example.org/a<b>c/d/e/f/g"));
        assert!(!is_absolute("http://example.org/\u{7f}"));
        assert!(!is_absolute("http://example.org/a\u{a0}b"));
        assert!(is_absolute("http://example.org/é/ü/ab"));
    }
}
