//! A JSON text as the engine's [`Source`]: read once into a flat list of tokens, in Wasm, so
//! that checking an answer never crosses into JavaScript per field.
//!
//! The grammar is `JSON.parse`'s exactly (RFC 8259: no comments, trailing commas, single
//! quotes, leading zeros or `+`; white space is space, tab, LF and CR), and so are its readings:
//! a key given twice means its last value, numbers are the nearest `f64`, and an escaped lone
//! surrogate is accepted (it reads as U+FFFD, as a JavaScript string handed to Rust does).
//! Nesting depth is no hazard: the reader keeps its own stack, and the engine only descends
//! where the description does.
//!
//! Why not a crate: serde_json stops at a lone surrogate escape (which `JSON.parse` accepts),
//! recurses with a limit of 128 levels, hands over no byte positions and brings its own number
//! formatting; serde-json-core and struson were measured too (BENCHMARKS.md, "What was
//! tried"). This reader is the part of them the engine needs: tokens with their places.
//!
//! It also tells whether the text already is the documented value, field for field (every
//! record's keys exactly its fields, in order, once; no `-0`; no lone surrogate): then the
//! engine's own `JSON.parse` of the text is exactly the value to hand to JavaScript.

use std::borrow::Cow;

mod reader;

use super::describe::Record;
use super::engine::{Found, Members, Node, Shape, Source, Unreadable};
use reader::{unescape, Parser};

/// A parsed JSON text.
pub(crate) struct Json<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    canonical: bool,
}

#[derive(Debug, Clone, Copy)]
pub(super) enum Token {
    /// `{`: its keys and values follow, up to `end` (the index past its last token).
    Object {
        end: u32,
    },
    /// `[`: its items follow, up to `end`.
    Array {
        end: u32,
    },
    /// A key: the bytes between its quotes; `plain` when it has no escape.
    Key {
        at: u32,
        len: u32,
        plain: bool,
    },
    /// A string, likewise.
    String {
        at: u32,
        len: u32,
        plain: bool,
    },
    Number(f64),
    Bool(bool),
    Null,
}

/// Where and why a text is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Syntax {
    /// What was wrong, as this reader says it.
    pub message: String,
}

impl<'a> Json<'a> {
    /// Reads `text`, or says where it is not JSON.
    pub(crate) fn parse(text: &'a str) -> Result<Json<'a>, Syntax> {
        Parser {
            bytes: text.as_bytes(),
            at: 0,
            tokens: Vec::with_capacity(text.len() / 8),
        }
        .parse()
        .map(|tokens| Json {
            text,
            tokens,
            canonical: true,
        })
    }

    /// Whether every value the engine read was already in its documented form.
    pub(crate) fn canonical(&self) -> bool {
        self.canonical
    }

    fn token(&self, node: Node) -> Option<Token> {
        self.tokens.get(node as usize).copied()
    }

    /// The index past the value at `node`.
    fn after(&self, node: Node) -> Node {
        match self.token(node) {
            Some(Token::Object { end } | Token::Array { end }) => end,
            _ => node + 1,
        }
    }

    fn raw(&self, at: u32, len: u32) -> &'a str {
        self.text
            .get(at as usize..(at + len) as usize)
            .unwrap_or_default()
    }

    /// A string's or key's text, unescaped; `lossy` when a lone surrogate became U+FFFD.
    fn unescaped(&self, at: u32, len: u32, plain: bool) -> (Cow<'a, str>, bool) {
        let raw = self.raw(at, len);
        if plain {
            (Cow::Borrowed(raw), false)
        } else {
            let (text, lossy) = unescape(raw);
            (Cow::Owned(text), lossy)
        }
    }

    fn key(&self, node: Node) -> Cow<'a, str> {
        match self.token(node) {
            Some(Token::Key { at, len, plain }) => self.unescaped(at, len, plain).0,
            _ => Cow::Borrowed(""),
        }
    }
}

impl<'a> Source<'a> for Json<'a> {
    fn shape(&mut self, node: Node) -> Shape {
        let shape = self.kind(node);
        if matches!(shape, Shape::Number(n) if n == 0.0 && n.is_sign_negative()) {
            // JavaScript keeps `-0`; the documented value is 0.
            self.canonical = false;
        }
        shape
    }

    fn text(&mut self, node: Node) -> Option<Cow<'a, str>> {
        let Some(Token::String { at, len, plain }) = self.token(node) else {
            return None;
        };
        let (text, lossy) = self.unescaped(at, len, plain);
        if lossy {
            self.canonical = false;
        }
        Some(text)
    }

    fn members(
        &mut self,
        node: Node,
        record: &Record,
        unknown: bool,
        also: &[&str],
    ) -> Result<Members, Unreadable> {
        let Some(Token::Object { end }) = self.token(node) else {
            return Err(Unreadable);
        };
        let fields = record.fields;
        let mut slots: Vec<Option<Node>> = vec![None; fields.len()];
        let mut members = Members::default();
        // Whether the keys are exactly the fields, in order, once each.
        let mut in_order = true;
        let mut count = 0usize;
        let mut next = 0usize; // the field a key in order would be
        let mut key = node + 1;
        while key < end {
            let value = key + 1;
            let name = self.key(key);
            let index = if fields.get(next).is_some_and(|f| f.name == name) {
                Some(next)
            } else {
                fields.iter().position(|f| f.name == name)
            };
            match index {
                Some(index) => {
                    in_order &= index == count && slots.get(index).is_some_and(Option::is_none);
                    if let Some(slot) = slots.get_mut(index) {
                        *slot = Some(value);
                    }
                    next = index + 1;
                }
                None => {
                    in_order = false;
                    let known =
                        also.contains(&name.as_ref()) || members.unknown.iter().any(|k| *k == name);
                    if unknown && !known {
                        members.unknown.push(name.into_owned());
                    }
                }
            }
            count += 1;
            key = self.after(value);
        }
        if !in_order || count != fields.len() {
            self.canonical = false;
        }
        members.found = slots
            .into_iter()
            .zip(fields)
            .map(|(slot, field)| match slot {
                Some(value) => Found::Value(value),
                None => Found::Missing {
                    near: self.near(node, end, field.name),
                },
            })
            .collect();
        Ok(members)
    }

    fn items(&mut self, node: Node) -> Result<Vec<Node>, Unreadable> {
        match self.token(node) {
            Some(Token::Array { .. }) => Ok(self.elements(node)),
            _ => Err(Unreadable),
        }
    }

    fn entries(&mut self, node: Node) -> Result<Vec<(String, Found)>, Unreadable> {
        match self.token(node) {
            Some(Token::Object { .. }) => Ok(Json::entries(self, node)
                .into_iter()
                .map(|(key, value)| (key.into_owned(), Found::Value(value)))
                .collect()),
            _ => Err(Unreadable),
        }
    }

    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    fn kept(&mut self, _node: Node) -> wasm_bindgen::JsValue {
        wasm_bindgen::JsValue::UNDEFINED
    }
}

/// What the engine's `JSON.parse` says of a text that is not JSON (`None` if it parses).
#[cfg(target_arch = "wasm32")]
pub(crate) fn json_parse_error(text: &str) -> Option<String> {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
        fn json_parse(text: &str) -> Result<wasm_bindgen::JsValue, wasm_bindgen::JsValue>;
    }
    let thrown = json_parse(text).err()?;
    js_sys::Reflect::get(&thrown, &wasm_bindgen::JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
}

/// Reading a parsed text directly, for what is not checked against a description (an error
/// body's message fields).
impl<'a> Json<'a> {
    /// The root value.
    pub(crate) const ROOT: Node = 0;

    /// The kind of `node`.
    pub(crate) fn kind(&self, node: Node) -> Shape {
        match self.token(node) {
            Some(Token::Object { .. }) => Shape::Object,
            Some(Token::Array { .. }) => Shape::Array,
            Some(Token::String { .. } | Token::Key { .. }) => Shape::String,
            Some(Token::Number(n)) => Shape::Number(n),
            Some(Token::Bool(b)) => Shape::Bool(b),
            Some(Token::Null) | None => Shape::Null,
        }
    }

    /// The string at `node`.
    pub(crate) fn string(&self, node: Node) -> Option<Cow<'a, str>> {
        match self.token(node) {
            Some(Token::String { at, len, plain }) => Some(self.unescaped(at, len, plain).0),
            _ => None,
        }
    }

    /// The object's keys and values as `JSON.parse` makes them: each key once, in the order of
    /// its first appearance, with its last value.
    pub(crate) fn entries(&self, node: Node) -> Vec<(Cow<'a, str>, Node)> {
        let mut entries: Vec<(Cow<'a, str>, Node)> = Vec::new();
        let Some(Token::Object { end }) = self.token(node) else {
            return entries;
        };
        let mut key = node + 1;
        while key < end {
            let name = self.key(key);
            match entries.iter_mut().find(|(k, _)| *k == name) {
                Some(entry) => entry.1 = key + 1,
                None => entries.push((name, key + 1)),
            }
            key = self.after(key + 1);
        }
        entries
    }

    /// The value of `key` in the object `node`.
    pub(crate) fn get(&self, node: Node, key: &str) -> Option<Node> {
        self.entries(node)
            .into_iter()
            .find(|(k, _)| k == key)
            .map(|(_, value)| value)
    }

    /// The items of the array `node`.
    pub(crate) fn elements(&self, node: Node) -> Vec<Node> {
        let mut items = Vec::new();
        if let Some(Token::Array { end }) = self.token(node) {
            let mut item = node + 1;
            while item < end {
                items.push(item);
                item = self.after(item);
            }
        }
        items
    }
}

impl Json<'_> {
    /// The first key of the object that is `name` but for ASCII case.
    fn near(&self, node: Node, end: Node, name: &str) -> Option<String> {
        let mut key = node + 1;
        while key < end {
            let text = self.key(key);
            if text.eq_ignore_ascii_case(name) {
                return Some(text.into_owned());
            }
            key = self.after(key + 1);
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Result<usize, Syntax> {
        Json::parse(text).map(|j| j.tokens.len())
    }

    #[test]
    fn takes_what_json_parse_takes() {
        for ok in [
            "{}",
            "[]",
            " {\"a\" : [1, -0, 1.5e3, 2E-2, true, false, null, \"x\\u00e9\\n\"] } ",
            "\"\\ud800\"",
            "0",
            "-12.5",
            "[[[[]]]]",
        ] {
            assert!(tokens(ok).is_ok(), "{ok}");
        }
        for bad in [
            "",
            " ",
            "{",
            "}",
            "[1,]",
            "{\"a\":1,}",
            "{'a':1}",
            "01",
            "+1",
            ".5",
            "1.",
            "1e",
            "-",
            "tru",
            "nul",
            "[1 2]",
            "{\"a\" 1}",
            "{\"a\":1}{}",
            "\"\\x\"",
            "\"\\u12\"",
            "\"a\u{1}\"",
            "/* */ 1",
            "NaN",
            "[1]]",
            "{\"a\":}",
        ] {
            assert!(tokens(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn reads_numbers_and_strings_as_javascript_does() {
        let mut json =
            Json::parse("[9007199254740993, 1e400, 0.1, -0, 12345678901234567890]").unwrap();
        let items = json.items(0).unwrap();
        let numbers: Vec<Shape> = items.iter().map(|&i| json.shape(i)).collect();
        assert_eq!(
            numbers,
            [
                Shape::Number(9007199254740992.0),
                Shape::Number(f64::INFINITY),
                Shape::Number(0.1),
                Shape::Number(-0.0),
                Shape::Number(12345678901234567000.0),
            ]
        );
        assert!(!json.canonical(), "-0 is not the documented 0");
        assert_eq!(
            unescape("a\\\"b\\u00e9\\ud83d\\ude00\\ud800x\\udc00"),
            ("a\"bé😀\u{FFFD}x\u{FFFD}".to_owned(), true)
        );
    }

    #[test]
    fn deep_nesting_needs_no_stack() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(tokens(&deep), Ok(100_000));
    }
}
