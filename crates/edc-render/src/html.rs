//! Escaping: every text from the credential goes through [`text`] (element content) or
//! [`attribute`] (a quoted attribute value).

/// Text for element content: `&`, `<`, `>` escaped (and quotes, so it is safe in attributes too).
pub(crate) fn text(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab and newlines say nothing to a reader.
            c if c.is_control() && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// A value for a double-quoted attribute.
pub(crate) fn attribute(raw: &str) -> String {
    text(raw)
}

#[cfg(test)]
mod tests {
    #[test]
    fn markup_stays_text() {
        assert_eq!(
            super::text("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(super::text("a\u{0}b"), "a\u{fffd}b");
    }
}
