//! JSON pointers built as a walk descends, written out only when a finding or an error needs one.

/// A JSON pointer as a chain of steps from the root.
#[derive(Clone, Copy)]
pub(crate) enum Ptr<'a> {
    Root,
    Key(&'a Ptr<'a>, &'a str),
    Index(&'a Ptr<'a>, usize),
}

impl std::fmt::Display for Ptr<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str(&self.render())
    }
}

impl From<Ptr<'_>> for String {
    fn from(p: Ptr<'_>) -> String {
        p.render()
    }
}

impl From<&Ptr<'_>> for String {
    fn from(p: &Ptr<'_>) -> String {
        p.render()
    }
}

/// The items of `value` with their pointers: each element of an array, or the value itself.
pub(crate) fn each<'a, 'v>(
    value: &'v serde_json::Value,
    here: &'a Ptr<'a>,
) -> Vec<(Ptr<'a>, &'v serde_json::Value)> {
    match value {
        serde_json::Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, v)| (Ptr::Index(here, i), v))
            .collect(),
        other => vec![(*here, other)],
    }
}

impl Ptr<'_> {
    /// The pointer as RFC 6901 text (`/a/0/b~1c`).
    pub(crate) fn render(&self) -> String {
        match self {
            Ptr::Root => String::new(),
            Ptr::Key(parent, key) => {
                let mut out = parent.render();
                out.push('/');
                out.push_str(&key.replace('~', "~0").replace('/', "~1"));
                out
            }
            Ptr::Index(parent, i) => format!("{}/{i}", parent.render()),
        }
    }
}
