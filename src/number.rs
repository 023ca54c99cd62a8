//! Exact facts about a JSON number lexeme, without converting it to a float.
//!
//! The validator must decide "is this an integer in range?" and "is this finite and ≥ 0 once
//! `JSON.parse` reads it?" for any lexeme, including `1e2`, `15.000` and `1e400`. Working on the
//! decimal digits answers both exactly and keeps float parsing code out of the `.wasm`.

/// What a number lexeme denotes, as far as validation cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Num {
    /// An integer that fits an `i64` (`15`, `15.0`, `1.5e1`, `-0`).
    Int(i64),
    /// An integer too large for an `i64` (`1e30`).
    HugeInt {
        /// Whether it is below zero.
        negative: bool,
    },
    /// Not an integer (`1.5`, `1e-3`).
    Fraction {
        /// Whether it is below zero.
        negative: bool,
    },
}

/// Decimal digits of a lexeme with leading and trailing zeros removed; the value is
/// `0.DIGITS × 10^order` (order = number of digits before the decimal point).
struct Decimal<'a> {
    negative: bool,
    int: &'a [u8],
    frac: &'a [u8],
    exp: i64,
}

impl<'a> Decimal<'a> {
    /// Splits a lexeme the JSON reader has already checked.
    fn parse(lexeme: &'a str) -> Self {
        let mut s = lexeme.as_bytes();
        let negative = s.first() == Some(&b'-');
        if negative {
            s = s.get(1..).unwrap_or(&[]);
        }
        let (mantissa, exp) = match s.iter().position(|b| matches!(b, b'e' | b'E')) {
            Some(i) => (
                s.get(..i).unwrap_or(&[]),
                parse_exp(s.get(i + 1..).unwrap_or(&[])),
            ),
            None => (s, 0),
        };
        let (int, frac) = match mantissa.iter().position(|b| *b == b'.') {
            Some(i) => (
                mantissa.get(..i).unwrap_or(&[]),
                mantissa.get(i + 1..).unwrap_or(&[]),
            ),
            None => (mantissa, &[][..]),
        };
        Decimal {
            negative,
            int,
            frac,
            exp,
        }
    }

    /// Significant digits (no leading/trailing zeros) and the decimal order of the value.
    fn significant(&self) -> (Vec<u8>, i64) {
        let mut digits: Vec<u8> = self.int.iter().chain(self.frac).copied().collect();
        let mut order = self.int.len() as i64 + self.exp;
        let lead = digits.iter().take_while(|d| **d == b'0').count();
        digits.drain(..lead);
        order -= lead as i64;
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        (digits, order)
    }
}

/// The value of an ASCII digit. Callers pass checked lexemes, but this is a public path
/// (`Input::number` gets any text), so anything else counts as 0 instead of overflowing.
fn digit(b: u8) -> i64 {
    if b.is_ascii_digit() {
        i64::from(b - b'0')
    } else {
        0
    }
}

/// Exponent digits, saturated far beyond anything that matters (the reader checked the syntax).
fn parse_exp(s: &[u8]) -> i64 {
    let (neg, digits) = match s.first() {
        Some(b'-') => (true, s.get(1..).unwrap_or(&[])),
        Some(b'+') => (false, s.get(1..).unwrap_or(&[])),
        _ => (false, s),
    };
    let mut v: i64 = 0;
    for d in digits {
        v = (v * 10 + digit(*d)).min(1_000_000_000);
    }
    if neg {
        -v
    } else {
        v
    }
}

/// `-?[0-9]{1,18}`: the common case, read without allocating.
fn plain_int(lexeme: &str) -> Option<i64> {
    let (negative, digits) = match lexeme.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, lexeme),
    };
    let v = crate::text::digits(digits)? as i64;
    Some(if negative { -v } else { v })
}

/// Classifies a lexeme the JSON reader accepted.
pub fn classify(lexeme: &str) -> Num {
    if let Some(v) = plain_int(lexeme) {
        return Num::Int(v);
    }
    let dec = Decimal::parse(lexeme);
    let (digits, order) = dec.significant();
    if digits.is_empty() {
        return Num::Int(0);
    }
    if order < digits.len() as i64 {
        return Num::Fraction {
            negative: dec.negative,
        };
    }
    if order > 18 {
        return Num::HugeInt {
            negative: dec.negative,
        };
    }
    let mut v: i64 = 0;
    for i in 0..order {
        let d = digits.get(i as usize).map_or(0, |d| digit(*d));
        v = v * 10 + d;
    }
    Num::Int(if dec.negative { -v } else { v })
}

/// `2^1024 − 2^970`: the smallest decimal that `JSON.parse` rounds to `Infinity`.
const OVERFLOW: &[u8] = b"179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";

/// Whether `JSON.parse` reads the lexeme as a finite number (false for `1e309`).
pub fn is_finite(lexeme: &str) -> bool {
    // Without an exponent, fewer than 309 digits before the point is always finite.
    if !lexeme.bytes().any(|b| b == b'e' || b == b'E') && lexeme.len() < OVERFLOW.len() {
        return true;
    }
    let (digits, order) = Decimal::parse(lexeme).significant();
    let limit = OVERFLOW.len() as i64;
    if digits.is_empty() || order < limit {
        return true;
    }
    if order > limit {
        return false;
    }
    // Same order: compare digit strings, padding ours with zeros.
    for (i, o) in OVERFLOW.iter().enumerate() {
        let d = digits.get(i).copied().unwrap_or(b'0');
        if d != *o {
            return d < *o;
        }
    }
    false
}

/// Whether the lexeme denotes a value below zero (`-0` is not).
pub fn is_negative(lexeme: &str) -> bool {
    if !lexeme.starts_with('-') {
        return false;
    }
    let dec = Decimal::parse(lexeme);
    dec.negative && !dec.significant().0.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_in_any_spelling() {
        assert_eq!(classify("15"), Num::Int(15));
        assert_eq!(classify("15.000"), Num::Int(15));
        assert_eq!(classify("1.5e1"), Num::Int(15));
        assert_eq!(classify("150e-1"), Num::Int(15));
        assert_eq!(classify("-0"), Num::Int(0));
        assert_eq!(classify("0.0e5"), Num::Int(0));
        assert_eq!(classify("-2147483648"), Num::Int(-2147483648));
        assert_eq!(classify("9007199254740993"), Num::Int(9007199254740993));
        assert_eq!(
            classify("999999999999999999"),
            Num::Int(999_999_999_999_999_999)
        );
        assert_eq!(classify("1e19"), Num::HugeInt { negative: false });
        assert_eq!(classify("-1e400"), Num::HugeInt { negative: true });
    }

    #[test]
    fn fractions() {
        assert_eq!(classify("1.5"), Num::Fraction { negative: false });
        assert_eq!(classify("-0.001"), Num::Fraction { negative: true });
        assert_eq!(classify("15e-1"), Num::Fraction { negative: false });
        assert_eq!(classify("1e-400"), Num::Fraction { negative: false });
    }

    #[test]
    fn finiteness_matches_f64_parsing() {
        for lexeme in [
            "0",
            "1e308",
            "1.7976931348623157e308",
            "1.7976931348623158e308",
            "1.79769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791e308",
            "1.797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548458177115317644757302700698555713669596228429148198608349364752927190741684443655107043427115596995080930428801779041744977920e308",
            "1.8e308",
            "1e309",
            "-1e309",
            "123.456",
            "1e-400",
        ] {
            let expected = lexeme.parse::<f64>().unwrap().is_finite();
            assert_eq!(is_finite(lexeme), expected, "{lexeme}");
        }
    }

    #[test]
    fn text_that_is_not_a_lexeme_does_not_panic() {
        // Found by the corpus tests through `Input::number`: `d - b'0'` overflowed on bytes
        // below '0' (a quote, a brace, '+', '-') after an 'e' or among the digits.
        for text in [
            "1-2",
            "1+2",
            "e\"{",
            "1e-+",
            "{\"a\":1e\"x\"}",
            " ",
            "--",
            "Infinity",
            "NaN",
        ] {
            let _ = classify(text);
            let _ = is_finite(text);
            let _ = is_negative(text);
        }
    }

    #[test]
    fn sign() {
        assert!(is_negative("-1"));
        assert!(is_negative("-0.5"));
        assert!(!is_negative("-0"));
        assert!(!is_negative("-0.000e9"));
        assert!(!is_negative("3"));
    }
}
