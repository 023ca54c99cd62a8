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

use super::describe::Record;
use super::engine::{Found, Members, Node, Shape, Source, Unreadable};

/// A parsed JSON text.
pub(crate) struct Json<'a> {
    text: &'a str,
    tokens: Vec<Token>,
    canonical: bool,
}

#[derive(Debug, Clone, Copy)]
enum Token {
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

/// The reader of the text into tokens: a loop with its own stack of open containers.
struct Parser<'t> {
    bytes: &'t [u8],
    at: usize,
    tokens: Vec<Token>,
}

/// What the parser expects next.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Next {
    Value,
    /// A key, or the end of an empty object.
    FirstKey,
    /// A value, or the end of an empty array.
    FirstItem,
    /// After a value: a comma, the end of its container, or the end of the text.
    After,
}

impl Parser<'_> {
    fn parse(mut self) -> Result<Vec<Token>, Syntax> {
        // Open containers: the index of their token, and whether it is an object.
        let mut open: Vec<(usize, bool)> = Vec::new();
        let mut next = Next::Value;
        loop {
            self.skip_space();
            let byte = self.bytes.get(self.at).copied();
            match next {
                Next::Value | Next::FirstItem | Next::FirstKey => {
                    match (next, byte) {
                        (Next::FirstItem, Some(b']')) | (Next::FirstKey, Some(b'}')) => {
                            self.at += 1;
                            self.close(&mut open);
                            next = Next::After;
                            continue;
                        }
                        (Next::FirstKey, Some(b'"')) => {
                            self.key()?;
                            next = Next::Value;
                            continue;
                        }
                        (Next::FirstKey, _) => return Err(self.unexpected("a key")),
                        _ => {}
                    }
                    match byte {
                        Some(b'{') => {
                            open.push((self.tokens.len(), true));
                            self.tokens.push(Token::Object { end: 0 });
                            self.at += 1;
                            next = Next::FirstKey;
                        }
                        Some(b'[') => {
                            open.push((self.tokens.len(), false));
                            self.tokens.push(Token::Array { end: 0 });
                            self.at += 1;
                            next = Next::FirstItem;
                        }
                        Some(b'"') => {
                            let (at, len, plain) = self.string()?;
                            self.tokens.push(Token::String { at, len, plain });
                            next = Next::After;
                        }
                        Some(b't') => self.literal("true", Token::Bool(true), &mut next)?,
                        Some(b'f') => self.literal("false", Token::Bool(false), &mut next)?,
                        Some(b'n') => self.literal("null", Token::Null, &mut next)?,
                        Some(b'-' | b'0'..=b'9') => {
                            let n = self.number()?;
                            self.tokens.push(Token::Number(n));
                            next = Next::After;
                        }
                        _ => return Err(self.unexpected("a value")),
                    }
                }
                Next::After => {
                    let Some(&(_, object)) = open.last() else {
                        return match byte {
                            None => Ok(self.tokens),
                            Some(_) => Err(self.unexpected("the end of the text")),
                        };
                    };
                    match (byte, object) {
                        (Some(b','), true) => {
                            self.at += 1;
                            self.skip_space();
                            if self.bytes.get(self.at) != Some(&b'"') {
                                return Err(self.unexpected("a key"));
                            }
                            self.key()?;
                            next = Next::Value;
                        }
                        (Some(b','), false) => {
                            self.at += 1;
                            next = Next::Value;
                        }
                        (Some(b'}'), true) | (Some(b']'), false) => {
                            self.at += 1;
                            self.close(&mut open);
                        }
                        _ if object => return Err(self.unexpected("',' or '}'")),
                        _ => return Err(self.unexpected("',' or ']'")),
                    }
                }
            }
        }
    }

    /// A key and its colon; the value follows.
    fn key(&mut self) -> Result<(), Syntax> {
        let (at, len, plain) = self.string()?;
        self.tokens.push(Token::Key { at, len, plain });
        self.skip_space();
        if self.bytes.get(self.at) != Some(&b':') {
            return Err(self.unexpected("':'"));
        }
        self.at += 1;
        Ok(())
    }

    fn close(&mut self, open: &mut Vec<(usize, bool)>) {
        if let Some((index, _)) = open.pop() {
            let end = self.tokens.len() as u32;
            if let Some(Token::Object { end: e } | Token::Array { end: e }) =
                self.tokens.get_mut(index)
            {
                *e = end;
            }
        }
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn literal(&mut self, word: &str, token: Token, next: &mut Next) -> Result<(), Syntax> {
        if self.bytes.get(self.at..self.at + word.len()) != Some(word.as_bytes()) {
            return Err(self.unexpected("a value"));
        }
        self.at += word.len();
        self.tokens.push(token);
        *next = Next::After;
        Ok(())
    }

    /// A string from its opening quote: the span between the quotes, and whether it has no
    /// escape. The text is valid UTF-8 already, so only quotes, backslashes and control
    /// characters need looking at.
    fn string(&mut self) -> Result<(u32, u32, bool), Syntax> {
        self.at += 1;
        let start = self.at;
        let mut plain = true;
        loop {
            // Runs of ordinary characters are skipped in one scan.
            let rest = self.bytes.get(self.at..).unwrap_or_default();
            let special = rest
                .iter()
                .position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            match special {
                None => {
                    self.at = self.bytes.len();
                    return Err(self.unexpected("the end of a string"));
                }
                Some(offset) => self.at += offset,
            }
            match self.bytes.get(self.at).copied() {
                Some(b'"') => break,
                Some(b'\\') => {
                    plain = false;
                    match self.bytes.get(self.at + 1).copied() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.at += 2
                        }
                        Some(b'u') => {
                            let hex = self.bytes.get(self.at + 2..self.at + 6);
                            if !hex.is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) {
                                self.at += 2;
                                return Err(self.unexpected("4 hexadecimal digits"));
                            }
                            self.at += 6;
                        }
                        _ => {
                            self.at += 1;
                            return Err(self.unexpected("an escape"));
                        }
                    }
                }
                _ => return Err(self.unexpected("a character (a raw control character)")),
            }
        }
        let len = self.at - start;
        self.at += 1;
        Ok((start as u32, len as u32, plain))
    }

    /// A number, checked against the grammar, read as the nearest `f64`.
    fn number(&mut self) -> Result<f64, Syntax> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while p.bytes.get(p.at).is_some_and(u8::is_ascii_digit) {
                p.at += 1;
            }
            p.at - from
        };
        if self.bytes.get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        let whole_start = self.at;
        let whole = digits(self);
        if whole == 0 {
            return Err(self.unexpected("a digit"));
        }
        if whole > 1 && self.bytes.get(whole_start) == Some(&b'0') {
            self.at = whole_start + 1;
            return Err(self.unexpected("'.', 'e' or the end of the number (no leading zeros)"));
        }
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if digits(self) == 0 {
                return Err(self.unexpected("a digit"));
            }
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes.get(self.at) {
                self.at += 1;
            }
            if digits(self) == 0 {
                return Err(self.unexpected("a digit"));
            }
        }
        let bytes = self.bytes.get(start..self.at).unwrap_or_default();
        if whole == bytes.len() - usize::from(bytes.first() == Some(&b'-')) && whole <= 15 {
            // An integer of at most 15 digits: exact in an f64, no rounding to decide.
            let n = bytes
                .iter()
                .filter(|b| b.is_ascii_digit())
                .fold(0u64, |n, b| n * 10 + u64::from(b - b'0')) as f64;
            return Ok(if bytes.first() == Some(&b'-') { -n } else { n });
        }
        let text = std::str::from_utf8(bytes).unwrap_or_default();
        Ok(exact(text).unwrap_or_else(|| nearest(text)))
    }

    fn unexpected(&self, expected: &str) -> Syntax {
        let found = match self.bytes.get(self.at) {
            None => "the end of the text".to_owned(),
            Some(&b) if b.is_ascii_graphic() => format!("'{}'", b as char),
            Some(&b) if b < 0x80 => format!("byte 0x{b:02x}"),
            Some(_) => "a non-ASCII character".to_owned(),
        };
        Syntax {
            message: format!("expected {expected}, found {found} at position {}", self.at),
        }
    }
}

/// The value of a number whose digits and power of ten an `f64` holds exactly (at most 15
/// digits, a power of ten up to 10^22): one correctly rounded operation gives the nearest
/// `f64`, as `JSON.parse` does (Clinger's fast path). `None` for any other number.
fn exact(text: &str) -> Option<f64> {
    const POWERS: [f64; 23] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
        1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ];
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (digits, exponent) = match text.split_once(['e', 'E']) {
        Some((digits, exponent)) => (digits, exponent.parse::<i32>().ok()?),
        None => (text, 0),
    };
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let significant = whole.trim_start_matches('0').len() + fraction.len();
    if significant > 15 {
        return None;
    }
    let mut mantissa = 0u64;
    for b in whole.bytes().chain(fraction.bytes()) {
        mantissa = mantissa * 10 + u64::from(b - b'0');
    }
    let scale = exponent - fraction.len() as i32;
    let power = |p: i32| POWERS.get(usize::try_from(p).ok()?).copied();
    let n = mantissa as f64;
    let value = if scale >= 0 {
        n * power(scale)?
    } else {
        n / power(-scale)?
    };
    Some(if negative { -value } else { value })
}

/// The nearest `f64` to a number's text, for the numbers [`exact`] leaves: in the browser by
/// the engine's own `Number()` (Rust's decimal-to-float tables would add about 10 KB to the
/// `.wasm`), natively by Rust's parser; both round correctly.
#[cfg(target_arch = "wasm32")]
fn nearest(text: &str) -> f64 {
    #[wasm_bindgen::prelude::wasm_bindgen]
    extern "C" {
        /// `Number(text)`.
        #[wasm_bindgen(js_name = Number)]
        fn number(text: &str) -> f64;
    }
    number(text)
}

#[cfg(not(target_arch = "wasm32"))]
fn nearest(text: &str) -> f64 {
    text.parse::<f64>().unwrap_or(f64::NAN)
}

/// A string's text with its escapes read; `true` when a lone surrogate became U+FFFD.
fn unescape(raw: &str) -> (String, bool) {
    let mut out = String::with_capacity(raw.len());
    let mut lossy = false;
    let mut rest = raw;
    while let Some(at) = rest.find('\\') {
        out.push_str(rest.get(..at).unwrap_or_default());
        rest = rest.get(at..).unwrap_or_default();
        let mut chars = rest.chars();
        chars.next();
        let escape = chars.next();
        rest = rest.get(2..).unwrap_or_default();
        match escape {
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('u') => {
                let unit = hex4(rest);
                rest = rest.get(4..).unwrap_or_default();
                if (0xD800..0xDC00).contains(&unit) {
                    // A high surrogate: a pair when a low one follows as the next escape.
                    let low = rest
                        .strip_prefix("\\u")
                        .map(hex4)
                        .filter(|low| (0xDC00..0xE000).contains(low));
                    if let Some(low) = low {
                        rest = rest.get(6..).unwrap_or_default();
                        let c = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
                        out.push(char::from_u32(c).unwrap_or('\u{FFFD}'));
                    } else {
                        out.push('\u{FFFD}');
                        lossy = true;
                    }
                } else if let Some(c) = char::from_u32(unit) {
                    out.push(c);
                } else {
                    // A lone low surrogate.
                    out.push('\u{FFFD}');
                    lossy = true;
                }
            }
            Some(c) => out.push(c),
            None => {}
        }
    }
    out.push_str(rest);
    (out, lossy)
}

fn hex4(s: &str) -> u32 {
    s.get(..4)
        .and_then(|h| u32::from_str_radix(h, 16).ok())
        .unwrap_or(0xFFFD)
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
