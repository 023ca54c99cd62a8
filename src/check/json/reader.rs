//! The JSON reader: a text into a flat list of tokens, checked against `JSON.parse`'s grammar,
//! with its own stack of open containers (no recursion: any depth reads in constant stack).

use super::{Syntax, Token};

/// The reader of the text into tokens: a loop with its own stack of open containers.
pub(super) struct Parser<'t> {
    pub(super) bytes: &'t [u8],
    pub(super) at: usize,
    pub(super) tokens: Vec<Token>,
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
    pub(super) fn parse(mut self) -> Result<Vec<Token>, Syntax> {
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
    // Checked: an exponent near i32::MIN (`1e-2147483648`) must not overflow.
    let scale = exponent.checked_sub(i32::try_from(fraction.len()).ok()?)?;
    let power = |p: i32| POWERS.get(usize::try_from(p).ok()?).copied();
    let n = mantissa as f64;
    let value = if scale >= 0 {
        n * power(scale)?
    } else {
        n / power(scale.checked_neg()?)?
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
pub(super) fn unescape(raw: &str) -> (String, bool) {
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
