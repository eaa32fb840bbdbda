//! JSON read with its repeated node copies folded.
//!
//! Europass documents repeat whole nodes by value: the transcript sample's 1.2 MB payload holds
//! 29 byte-identical copies of one awarding process, each carrying its organisation, its
//! accreditation and their logos. Reading each copy into its own tree, walking it and freeing it
//! costs more than everything else the format check does. [`FoldedJson`] reads such a text once:
//! a later copy of a node object, byte for byte the same text as the first object with the same
//! `id`, becomes a small stand-in that points to the first one. Nothing is lost: the stand-in
//! resolves to the first copy, which is the same JSON value.
//!
//! The type is opaque: its one view is the JSON-LD processor's
//! ([`JsonLdProcessor::to_rdf_folded`](crate::JsonLdProcessor::to_rdf_folded)), which resolves
//! every stand-in itself, and [`FoldedJson::to_value`] gives the JSON as written. No caller
//! ever sees a stand-in. Only objects inside at least three objects are folded (an organisation
//! inside an awarding process inside an achievement), and none inside a `@context`.

use rustc_hash::FxHashMap;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::fmt;

/// The member that marks a stand-in. Its key holds a NUL character, which a JSON text can only
/// write as `\u0000`; a text that does is not folded, so no document can forge a stand-in.
const COPY_OF: &str = "\u{0}copy-of";

/// Objects inside fewer objects than this are never folded.
const FOLD_FROM_DEPTH: usize = 3;

/// Texts nested deeper than this are read as they are (serde_json stops at 128 levels; a folded
/// text must not get past a limit its original would hit).
const MAX_NESTING: usize = 100;

/// A JSON document whose later copies of a node are stand-ins for the first copy, seen only
/// through the JSON-LD processor (which resolves them) or as the JSON as written
/// ([`to_value`](Self::to_value)).
#[derive(Debug)]
pub struct FoldedJson {
    root: Value,
    copies: usize,
    /// The addresses of the arrays and objects with a stand-in somewhere below them (heap
    /// nodes: they stay where they are when the document moves)…
    above_stand_ins: rustc_hash::FxHashSet<usize>,
    /// …and whether the root (which moves with the document) has one.
    root_above: bool,
    /// The addresses of the objects some stand-in stands for (written more than once).
    first_copies: rustc_hash::FxHashSet<usize>,
}

impl Clone for FoldedJson {
    /// A copy, its marks made anew (they are addresses in the tree).
    fn clone(&self) -> FoldedJson {
        FoldedJson::marked(self.root.clone(), self.copies)
    }
}

impl FoldedJson {
    /// Reads `text`, folding the later copies of its nodes. A text that cannot be folded safely
    /// (duplicate keys, escaped keys on the way to a first copy, deep nesting, `\u0000`) is read
    /// as it is; an error is serde_json's for the text as written.
    pub fn parse(text: &str) -> Result<FoldedJson, serde_json::Error> {
        if let Some((folded, copies)) = fold(text) {
            if let Ok(StrictValue(root)) = serde_json::from_str(&folded) {
                return Ok(FoldedJson::marked(root, copies));
            }
        }
        serde_json::from_str(text).map(FoldedJson::from_value)
    }

    /// `root` with its containers above a stand-in marked (by address: marked where it lives).
    fn marked(root: Value, copies: usize) -> FoldedJson {
        let mut above_stand_ins = rustc_hash::FxHashSet::default();
        let root_above = copies > 0 && mark_above_stand_ins(&root, &mut above_stand_ins);
        let mut first_copies = rustc_hash::FxHashSet::default();
        if copies > 0 {
            mark_first_copies(&root, &root, &mut first_copies);
        }
        FoldedJson {
            root,
            copies,
            above_stand_ins,
            root_above,
            first_copies,
        }
    }

    /// A document read some other way: nothing in it is folded.
    pub fn from_value(root: Value) -> FoldedJson {
        FoldedJson {
            root,
            copies: 0,
            above_stand_ins: rustc_hash::FxHashSet::default(),
            root_above: false,
            first_copies: rustc_hash::FxHashSet::default(),
        }
    }

    /// The document, seen through a view that reads every stand-in as its first copy.
    pub fn view(&self) -> crate::JsonView<'_> {
        crate::JsonView::folded(self, &self.root)
    }

    /// Whether `value` (a value of this document) is written more than once.
    pub(crate) fn is_first_copy(&self, value: &Value) -> bool {
        self.copies > 0
            && self
                .first_copies
                .contains(&(value as *const Value as usize))
    }

    /// Whether a stand-in lies somewhere below `value` (a value of this document).
    pub(crate) fn folds_below(&self, value: &Value) -> bool {
        if std::ptr::eq(value, &self.root) {
            return self.root_above;
        }
        self.copies > 0
            && self
                .above_stand_ins
                .contains(&(value as *const Value as usize))
    }

    /// The document's top-level value, stand-ins and all: for this crate's expansion, which
    /// resolves them.
    pub(crate) fn root(&self) -> &Value {
        &self.root
    }

    /// How many copies were folded.
    pub fn copies(&self) -> usize {
        self.copies
    }

    /// `value`, or the first copy when `value` is a stand-in for it.
    pub(crate) fn resolve<'a>(&'a self, value: &'a Value) -> &'a Value {
        if self.copies == 0 {
            return value;
        }
        match value {
            Value::Object(map) => match stand_in_target(map) {
                Some(pointer) => lookup(&self.root, pointer).unwrap_or(value),
                None => value,
            },
            _ => value,
        }
    }

    /// The object `map`, or the first copy's object when `map` is a stand-in for it.
    pub(crate) fn resolve_map<'a>(&'a self, map: &'a Map<String, Value>) -> &'a Map<String, Value> {
        self.first_copy(map).unwrap_or(map)
    }

    /// The first copy's object when `map` is a stand-in for it; None for any other object.
    pub(crate) fn first_copy<'a>(
        &'a self,
        map: &'a Map<String, Value>,
    ) -> Option<&'a Map<String, Value>> {
        if self.copies == 0 {
            return None;
        }
        match stand_in_target(map).and_then(|p| lookup(&self.root, p)) {
            Some(Value::Object(first)) => Some(first),
            _ => None,
        }
    }

    /// The document as written (every stand-in replaced by its first copy).
    pub fn to_value(&self) -> Value {
        self.unfold(&self.root)
    }

    /// `value` with every stand-in inside it replaced by its first copy: the JSON as written.
    pub(crate) fn unfold(&self, value: &Value) -> Value {
        match self.resolve(value) {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.unfold(v)))
                    .collect(),
            ),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.unfold(v)).collect()),
            other => other.clone(),
        }
    }
}

/// Marks every array and object with a stand-in below it; true when `value` is or holds one.
fn mark_above_stand_ins(value: &Value, marked: &mut rustc_hash::FxHashSet<usize>) -> bool {
    let below = match value {
        Value::Object(map) if stand_in_target(map).is_some() => return true,
        Value::Object(map) => map
            .values()
            .fold(false, |any, v| mark_above_stand_ins(v, marked) | any),
        Value::Array(items) => items
            .iter()
            .fold(false, |any, v| mark_above_stand_ins(v, marked) | any),
        _ => false,
    };
    if below {
        marked.insert(value as *const Value as usize);
    }
    below
}

/// Marks the address of every object a stand-in below `value` stands for.
fn mark_first_copies(root: &Value, value: &Value, marked: &mut rustc_hash::FxHashSet<usize>) {
    match value {
        Value::Object(map) => match stand_in_target(map).and_then(|p| lookup(root, p)) {
            Some(first) => {
                marked.insert(first as *const Value as usize);
            }
            None => map
                .values()
                .for_each(|v| mark_first_copies(root, v, marked)),
        },
        Value::Array(items) => items
            .iter()
            .for_each(|v| mark_first_copies(root, v, marked)),
        _ => {}
    }
}

/// The first copy's JSON pointer, when `map` is a stand-in.
fn stand_in_target(map: &Map<String, Value>) -> Option<&str> {
    if map.len() != 2 {
        return None;
    }
    map.get(COPY_OF).and_then(Value::as_str)
}

/// The value at `pointer` (as [`Value::pointer`], without its allocations: stand-ins are
/// resolved often).
fn lookup<'a>(root: &'a Value, pointer: &str) -> Option<&'a Value> {
    let mut here = root;
    for segment in pointer.strip_prefix('/')?.split('/') {
        here = match here {
            Value::Object(map) if segment.contains('~') => {
                map.get(&segment.replace("~1", "/").replace("~0", "~"))?
            }
            Value::Object(map) => map.get(segment)?,
            Value::Array(items) => items.get(segment.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(here)
}

/// A container open while scanning.
struct Frame {
    object: bool,
    /// Inside a `@context` value: not folded, and no first copy for others.
    quiet: bool,
    /// Objects: the member key being read (raw text), whether the next string is a key, where
    /// the object starts, and its `id` (raw text) when that is its first member.
    key: (usize, usize),
    expect_key: bool,
    start: usize,
    id: Option<(usize, usize)>,
    /// Arrays: the index of the item being read.
    index: usize,
}

/// Where a JSON string starting at `at` (its opening quote) ends (after its closing quote).
fn string_end(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        i += memchr::memchr2(b'"', b'\\', bytes.get(i..)?)?;
        if bytes[i] == b'\\' {
            i += 2;
        } else {
            return Some(i + 1);
        }
    }
}

fn skip_space(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() && matches!(bytes[i], b' ' | b'\t' | b'\n' | b'\r') {
        i += 1;
    }
    i
}

/// The raw `id` of the object opening at `at`, when `"id"` with a string value is its first
/// member (the content between the quotes).
fn leading_id(bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let i = skip_space(bytes, at + 1);
    if !bytes[i..].starts_with(b"\"id\"") {
        return None;
    }
    let i = skip_space(bytes, i + 4);
    if bytes.get(i) != Some(&b':') {
        return None;
    }
    let i = skip_space(bytes, i + 1);
    if bytes.get(i) != Some(&b'"') {
        return None;
    }
    let end = string_end(bytes, i)?;
    Some((i + 1, end - 1))
}

/// The JSON pointer of the value being read in the innermost frame of `frames`; None when a
/// key on the way is written with escapes.
fn pointer(text: &str, frames: &[Frame]) -> Option<String> {
    let mut out = String::new();
    for frame in frames {
        out.push('/');
        if frame.object {
            let key = &text[frame.key.0..frame.key.1];
            match memchr::memchr3(b'\\', b'~', b'/', key.as_bytes()) {
                None => out.push_str(key),
                Some(_) if key.contains('\\') => return None,
                Some(_) => out.push_str(&key.replace('~', "~0").replace('/', "~1")),
            }
        } else {
            use std::fmt::Write;
            let _ = write!(out, "{}", frame.index);
        }
    }
    Some(out)
}

/// The folded text and how many copies it folds; None when there is nothing to fold or the text
/// cannot be folded safely.
fn fold(text: &str) -> Option<(String, usize)> {
    let bytes = text.as_bytes();
    if memchr::memmem::find(bytes, b"\\u0000").is_some() {
        return None;
    }
    // First copies: raw id → (its text's span, its pointer).
    let mut firsts: FxHashMap<&str, (usize, usize, String)> = FxHashMap::default();
    let mut frames: Vec<Frame> = Vec::new();
    let mut objects = 0;
    let (mut out, mut copies, mut written) = (String::with_capacity(text.len()), 0, 0);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let end = string_end(bytes, i)?;
                if let Some(frame) = frames.last_mut().filter(|f| f.object && f.expect_key) {
                    frame.key = (i + 1, end - 1);
                    frame.expect_key = false;
                }
                i = end;
                continue;
            }
            open @ (b'{' | b'[') => {
                if frames.len() >= MAX_NESTING {
                    return None;
                }
                let quiet = frames.last().is_some_and(|f| {
                    f.quiet || (f.object && &text[f.key.0..f.key.1] == "@context")
                });
                let id = if open == b'{' {
                    leading_id(bytes, i)
                } else {
                    None
                };
                if let (Some((from, to)), false, true) = (id, quiet, objects >= FOLD_FROM_DEPTH) {
                    if let Some((start, end, first)) = firsts.get(&text[from..to]) {
                        let len = end - start;
                        if bytes[i..].starts_with(&bytes[*start..*end]) {
                            out.push_str(&text[written..i]);
                            out.push_str("{\"id\":\"");
                            out.push_str(&text[from..to]);
                            out.push_str("\",\"\\u0000copy-of\":\"");
                            out.push_str(first);
                            out.push_str("\"}");
                            copies += 1;
                            i += len;
                            written = i;
                            continue;
                        }
                    }
                }
                frames.push(Frame {
                    object: open == b'{',
                    quiet,
                    key: (i, i),
                    expect_key: true,
                    start: i,
                    id,
                    index: 0,
                });
                objects += usize::from(open == b'{');
            }
            b'}' | b']' => {
                let frame = frames.pop()?;
                if frame.object {
                    objects -= 1;
                    if let (Some((from, to)), false) = (frame.id, frame.quiet) {
                        let id = &text[from..to];
                        if !firsts.contains_key(id) {
                            if let Some(at) = pointer(text, &frames) {
                                firsts.insert(id, (frame.start, i + 1, at));
                            }
                        }
                    }
                }
            }
            b',' => {
                if let Some(frame) = frames.last_mut() {
                    if frame.object {
                        frame.expect_key = true;
                    } else {
                        frame.index += 1;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    if copies == 0 || !frames.is_empty() {
        return None;
    }
    out.push_str(&text[written..]);
    Some((out, copies))
}

/// A JSON value read like serde_json's, except that an object with a key written twice is an
/// error (the folded text's pointers must name one value each).
struct StrictValue(Value);

impl<'de> Deserialize<'de> for StrictValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(StrictValue)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(StrictValue(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            let StrictValue(value) = access.next_value()?;
            if map.insert(key, value).is_some() {
                return Err(de::Error::custom("a key written twice"));
            }
        }
        Ok(Value::Object(map))
    }
}

#[cfg(test)]
mod tests;
