//! A small, strict JSON reader and writer.
//!
//! Why not serde_json: the SDK never needs a JSON *tree*. It needs to check a handful of known
//! fields, skip the rest, and hand the validated fields to JavaScript, which builds the object
//! with its native `JSON.parse`. Keeping values as raw slices of the input (numbers as their
//! lexeme, strings still escaped) means no float parsing or formatting code ships in the `.wasm`,
//! and copying a raw slice into the output can never change its meaning.
//!
//! The reader accepts exactly the grammar of RFC 8259 (which is what `JSON.parse` accepts),
//! never panics, and bounds nesting depth so hostile input cannot exhaust the stack.

use std::borrow::Cow;

/// Deepest nesting the reader follows before it gives up; a `MadeBooking` needs 2.
pub const MAX_DEPTH: u32 = 128;

/// Where and why the text stopped being JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Byte offset into the text.
    pub offset: usize,
    /// What the reader expected at that offset.
    pub expected: &'static str,
}

/// A JSON string token, still escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawStr<'a> {
    /// The token including its quotes, exactly as it appeared in the input.
    pub token: &'a str,
    escaped: bool,
}

impl<'a> RawStr<'a> {
    /// The string's value, unescaped (borrowed when there was nothing to unescape).
    pub fn value(&self) -> Cow<'a, str> {
        let inner = self
            .token
            .get(1..self.token.len().saturating_sub(1))
            .unwrap_or("");
        if self.escaped {
            Cow::Owned(unescape(inner))
        } else {
            Cow::Borrowed(inner)
        }
    }

    /// True when the value equals `s` (fast path: no escapes, compare the raw text).
    #[inline(always)]
    pub fn is(&self, s: &str) -> bool {
        if self.escaped {
            self.value() == s
        } else {
            self.token.get(1..self.token.len().saturating_sub(1)) == Some(s)
        }
    }
}

/// One JSON value as the reader sees it. Arrays and objects met where a scalar was expected
/// are skipped (after being checked for syntax) and only their kind is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar<'a> {
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number, as its lexeme.
    Number(&'a str),
    /// A string token.
    Str(RawStr<'a>),
    /// An array (skipped).
    Array,
    /// An object (skipped).
    Object,
}

impl Scalar<'_> {
    /// How an error message names this kind of value ("a string", "null", …).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Scalar::Null => "null",
            Scalar::Bool(_) => "a boolean",
            Scalar::Number(_) => "a number",
            Scalar::Str(_) => "a string",
            Scalar::Array => "an array",
            Scalar::Object => "an object",
        }
    }
}

/// A cursor over JSON text.
pub struct Reader<'a> {
    text: &'a str,
    pos: usize,
}

type Result<T> = std::result::Result<T, SyntaxError>;

impl<'a> Reader<'a> {
    /// Starts reading `text` at its first byte.
    pub fn new(text: &'a str) -> Self {
        Reader { text, pos: 0 }
    }

    // The hot helpers are forced inline: the crate is built for size (`opt-level = "z"`),
    // which would otherwise make every byte of whitespace a function call.
    #[inline(always)]
    fn bytes(&self) -> &'a [u8] {
        self.text.as_bytes()
    }

    #[inline(always)]
    fn peek(&self) -> Option<u8> {
        self.bytes().get(self.pos).copied()
    }

    fn err<T>(&self, expected: &'static str) -> Result<T> {
        Err(SyntaxError {
            offset: self.pos,
            expected,
        })
    }

    #[inline(always)]
    fn ws(&mut self) {
        // A plain loop: at opt-level "z" an iterator adaptor with a closure costs a call per byte.
        let bytes = self.bytes();
        let mut i = self.pos;
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = bytes.get(i) {
            i += 1;
        }
        self.pos = i;
    }

    #[inline(always)]
    fn eat(&mut self, byte: u8, expected: &'static str) -> Result<()> {
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            self.err(expected)
        }
    }

    /// The first non-whitespace byte, without consuming it.
    pub fn peek_value_start(&mut self) -> Option<u8> {
        self.ws();
        self.peek()
    }

    /// Consumes the `{` that opens an object.
    pub fn begin_object(&mut self) -> Result<()> {
        self.ws();
        self.eat(b'{', "'{'")
    }

    /// Moves to the next key of the current object, or returns `None` at its closing `}`.
    /// `first` must start as `true` for each object.
    pub fn next_key(&mut self, first: &mut bool) -> Result<Option<RawStr<'a>>> {
        self.ws();
        if *first {
            *first = false;
            if self.peek() == Some(b'}') {
                self.pos += 1;
                return Ok(None);
            }
        } else {
            match self.peek() {
                Some(b',') => {
                    self.pos += 1;
                    self.ws();
                }
                Some(b'}') => {
                    self.pos += 1;
                    return Ok(None);
                }
                _ => return self.err("',' or '}'"),
            }
        }
        if self.peek() != Some(b'"') {
            return self.err("a string key");
        }
        let key = self.string()?;
        self.ws();
        self.eat(b':', "':'")?;
        Ok(Some(key))
    }

    /// Consumes the `[` that opens an array.
    pub fn begin_array(&mut self) -> Result<()> {
        self.ws();
        self.eat(b'[', "'['")
    }

    /// Moves to the next item of the current array (true), or past its closing `]` (false).
    /// `first` must start as `true` for each array.
    pub fn next_item(&mut self, first: &mut bool) -> Result<bool> {
        self.ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
            return Ok(false);
        }
        if *first {
            *first = false;
        } else {
            self.eat(b',', "',' or ']'")?;
        }
        Ok(true)
    }

    /// Reads one value. Arrays and objects are skipped; `depth` is the current nesting.
    /// Returns the value and its exact text.
    pub fn value(&mut self, depth: u32) -> Result<(Scalar<'a>, &'a str)> {
        self.ws();
        let start = self.pos;
        let scalar = match self.peek() {
            Some(b'n') => self.literal("null", Scalar::Null)?,
            Some(b't') => self.literal("true", Scalar::Bool(true))?,
            Some(b'f') => self.literal("false", Scalar::Bool(false))?,
            Some(b'"') => Scalar::Str(self.string()?),
            Some(b'-' | b'0'..=b'9') => Scalar::Number(self.number()?),
            Some(b'[') => {
                self.skip_array(depth + 1)?;
                Scalar::Array
            }
            Some(b'{') => {
                self.skip_object(depth + 1)?;
                Scalar::Object
            }
            _ => return self.err("a JSON value"),
        };
        let raw = self.text.get(start..self.pos).unwrap_or("");
        Ok((scalar, raw))
    }

    /// Checks that only whitespace is left.
    pub fn end(&mut self) -> Result<()> {
        self.ws();
        if self.pos == self.text.len() {
            Ok(())
        } else {
            self.err("the end of the text")
        }
    }

    fn literal(&mut self, word: &'static str, value: Scalar<'a>) -> Result<Scalar<'a>> {
        if self
            .bytes()
            .get(self.pos..)
            .is_some_and(|rest| rest.starts_with(word.as_bytes()))
        {
            self.pos += word.len();
            Ok(value)
        } else {
            self.err(word)
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    fn number(&mut self) -> Result<&'a str> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return self.err("a digit"),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.err("a digit after '.'");
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.err("a digit in the exponent");
            }
        }
        Ok(self.text.get(start..self.pos).unwrap_or(""))
    }

    fn string(&mut self) -> Result<RawStr<'a>> {
        let start = self.pos;
        self.eat(b'"', "'\"'")?;
        let mut escaped = false;
        loop {
            // Skip ordinary bytes in one plain loop; stop at a quote, a backslash, a control
            // byte or the end.
            let bytes = self.bytes();
            let mut i = self.pos;
            while let Some(&b) = bytes.get(i) {
                if b == b'"' || b == b'\\' || b < 0x20 {
                    break;
                }
                i += 1;
            }
            self.pos = i;
            match self.peek() {
                None => return self.err("a closing '\"'"),
                Some(b'"') => {
                    self.pos += 1;
                    break;
                }
                Some(b'\\') => {
                    escaped = true;
                    self.pos += 1;
                    match self.peek() {
                        Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                            self.pos += 1
                        }
                        Some(b'u') => {
                            self.pos += 1;
                            for _ in 0..4 {
                                match self.peek() {
                                    Some(b) if b.is_ascii_hexdigit() => self.pos += 1,
                                    _ => return self.err("four hex digits after \\u"),
                                }
                            }
                        }
                        _ => return self.err("a valid escape"),
                    }
                }
                _ => return self.err("no control characters inside a string"),
            }
        }
        Ok(RawStr {
            token: self.text.get(start..self.pos).unwrap_or("\"\""),
            escaped,
        })
    }

    fn enter(&self, depth: u32) -> Result<()> {
        if depth > MAX_DEPTH {
            self.err("less deeply nested values")
        } else {
            Ok(())
        }
    }

    fn skip_array(&mut self, depth: u32) -> Result<()> {
        self.enter(depth)?;
        self.begin_array()?;
        let mut first = true;
        while self.next_item(&mut first)? {
            self.value(depth)?;
        }
        Ok(())
    }

    /// Skips an object after checking it.
    fn skip_object(&mut self, depth: u32) -> Result<()> {
        self.enter(depth)?;
        self.begin_object()?;
        let mut first = true;
        while self.next_key(&mut first)?.is_some() {
            self.value(depth)?;
        }
        Ok(())
    }
}

/// Decodes the escapes of a string token's inside. The reader has already checked the syntax;
/// a lone surrogate becomes U+FFFD, as it must in a Rust string.
fn unescape(inner: &str) -> String {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let decoded = match chars.next() {
            Some('b') => '\u{8}',
            Some('f') => '\u{c}',
            Some('n') => '\n',
            Some('r') => '\r',
            Some('t') => '\t',
            Some('u') => {
                let hi = hex4(&mut chars);
                if (0xD800..0xDC00).contains(&hi) {
                    let mut ahead = chars.clone();
                    if ahead.next() == Some('\\') && ahead.next() == Some('u') {
                        let lo = hex4(&mut ahead);
                        if (0xDC00..0xE000).contains(&lo) {
                            chars = ahead;
                            let code = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                            out.push(char::from_u32(code).unwrap_or('\u{FFFD}'));
                            continue;
                        }
                    }
                }
                char::from_u32(hi).unwrap_or('\u{FFFD}')
            }
            Some(other) => other, // '"', '\\', '/'
            None => break,
        };
        out.push(decoded);
    }
    out
}

fn hex4(chars: &mut std::str::Chars<'_>) -> u32 {
    let mut v = 0;
    for _ in 0..4 {
        v = v * 16 + chars.next().and_then(|c| c.to_digit(16)).unwrap_or(0);
    }
    v
}

/// Appends `s` to `out` as a JSON string token, escaped exactly as `JSON.stringify` does.
pub fn write_str(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let b = c as usize;
                out.push_str("\\u00");
                out.push(char::from(HEX.get(b >> 4).copied().unwrap_or(b'0')));
                out.push(char::from(HEX.get(b & 15).copied().unwrap_or(b'0')));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Appends the decimal form of `n` (no `core::fmt`, which costs kilobytes in the `.wasm`).
pub fn write_int(out: &mut String, n: i64) {
    if n < 0 {
        out.push('-');
    }
    let mut v = n.unsigned_abs();
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        if let Some(slot) = buf.get_mut(i) {
            *slot = b'0' + (v % 10) as u8;
        }
        v /= 10;
        if v == 0 || i == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(buf.get(i..).unwrap_or(&[])).unwrap_or("0"));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn skip_all(text: &str) -> Result<()> {
        let mut r = Reader::new(text);
        r.value(0)?;
        r.end()
    }

    #[test]
    fn accepts_exactly_what_serde_json_accepts() {
        let cases = [
            "null",
            "true",
            " false ",
            "0",
            "-0",
            "1.5e10",
            "1E-2",
            "-12.25",
            "\"a\\u00e9\\n\\\"\"",
            "[]",
            "[1,[2,{}],\"x\"]",
            "{}",
            "{\"a\":{\"b\":[null]}}",
            "01",
            "1.",
            ".5",
            "+1",
            "1e",
            "--1",
            "\"\\x\"",
            "\"\\u12g4\"",
            "\"a\nb\"",
            "[1,]",
            "{\"a\":1,}",
            "{,}",
            "{\"a\"}",
            "{\"a\":}",
            "[1 2]",
            "tru",
            "nul",
            "\"unterminated",
            "",
            "   ",
            "{} {}",
            "NaN",
            "Infinity",
            "[\"\u{1F600}\"]",
        ];
        for case in cases {
            let ours = skip_all(case).is_ok();
            let theirs = serde_json::from_str::<serde_json::Value>(case).is_ok();
            assert_eq!(ours, theirs, "disagreement on {case:?}");
        }
    }

    #[test]
    fn unescapes_like_serde_json() {
        for token in [
            r#""plain""#,
            r#""tab\there""#,
            r#""\u00e9\u20ac""#,
            r#""\ud83d\ude00 pair""#,
            r#""\/\\\"\b\f\n\r""#,
        ] {
            let mut r = Reader::new(token);
            let (scalar, raw) = r.value(0).unwrap();
            assert_eq!(raw, token);
            let Scalar::Str(s) = scalar else {
                panic!("not a string")
            };
            let expected: String = serde_json::from_str(token).unwrap();
            assert_eq!(s.value(), expected);
            assert!(s.is(&expected));
        }
    }

    #[test]
    fn lone_surrogates_become_replacement_characters() {
        let mut r = Reader::new(r#""a\ud800b""#);
        let (Scalar::Str(s), _) = r.value(0).unwrap() else {
            panic!()
        };
        assert_eq!(s.value(), "a\u{FFFD}b");
    }

    #[test]
    fn depth_is_bounded_without_recursion_blowup() {
        let deep = "[".repeat(100_000);
        let err = skip_all(&deep).unwrap_err();
        assert_eq!(err.expected, "less deeply nested values");
        let ok = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert!(skip_all(&ok).is_ok());
    }

    #[test]
    fn writes_strings_like_json_stringify() {
        for s in [
            "",
            "plain",
            "quote\" back\\",
            "ctl\u{1}\u{1f}\u{7f}",
            "é € 😀",
            "\n\r\t\u{8}\u{c}",
        ] {
            let mut out = String::new();
            write_str(&mut out, s);
            assert_eq!(out, serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn writes_integers() {
        for n in [0, 7, -7, 2147483647, i64::MIN, i64::MAX] {
            let mut out = String::new();
            write_int(&mut out, n);
            assert_eq!(out, n.to_string());
        }
    }

    #[test]
    fn walks_object_keys() {
        let mut r = Reader::new(r#" { "a" : 1 , "b":[2], "c":{"d":3} } "#);
        r.begin_object().unwrap();
        let mut first = true;
        let mut seen = Vec::new();
        while let Some(key) = r.next_key(&mut first).unwrap() {
            let (v, raw) = r.value(1).unwrap();
            seen.push((key.value().into_owned(), v.kind_name(), raw.to_owned()));
        }
        r.end().unwrap();
        assert_eq!(
            seen,
            vec![
                ("a".into(), "a number", "1".into()),
                ("b".into(), "an array", "[2]".into()),
                ("c".into(), "an object", "{\"d\":3}".into()),
            ]
        );
    }
}
