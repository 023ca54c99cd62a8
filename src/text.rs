//! Small byte-level string helpers.
//!
//! `str::find(&str)`, `replace`, `join` and `parse` pull core's substring searchers, and with
//! them panic formatting, into the `.wasm` (kilobytes each). The SDK only ever looks for a few
//! ASCII markers, so these simple loops do the job at a fraction of the size.

/// The value of a string of 1 to 18 ASCII digits.
pub fn digits(s: &str) -> Option<u64> {
    if s.is_empty() || s.len() > 18 {
        return None;
    }
    s.bytes().try_fold(0u64, |acc, b| {
        b.is_ascii_digit().then(|| acc * 10 + u64::from(b - b'0'))
    })
}

/// Whether `hay[at..]` starts with `needle`, ignoring ASCII case.
pub fn starts_with_ci(hay: &[u8], at: usize, needle: &[u8]) -> bool {
    hay.get(at..at + needle.len())
        .is_some_and(|part| part.eq_ignore_ascii_case(needle))
}

/// The first position at or after `from` where `needle` starts, ignoring ASCII case.
pub fn find_ci(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    (from..hay.len()).find(|&i| starts_with_ci(hay, i, needle))
}

/// The first position at or after `from` of `byte`.
pub fn find_byte(hay: &[u8], byte: u8, from: usize) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|b| *b == byte)
        .map(|i| i + from)
}

/// `parts` joined by `sep`, appended to `out`.
pub fn join_into<S: AsRef<str>>(out: &mut String, parts: &[S], sep: &str) {
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(part.as_ref());
    }
}

/// The concatenation of `parts`.
pub fn cat(parts: &[&str]) -> String {
    let mut out = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    join_into(&mut out, parts, "");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(digits("0"), Some(0));
        assert_eq!(digits("65535"), Some(65535));
        assert_eq!(digits(""), None);
        assert_eq!(digits("12a"), None);
        assert_eq!(digits("-1"), None);
        assert_eq!(digits("1234567890123456789"), None);
        assert_eq!(find_ci(b"<HTML><Title>x</TITLE>", b"<title>", 0), Some(6));
        assert_eq!(find_ci(b"abc", b"abcd", 0), None);
        assert_eq!(find_byte(b"a>b>c", b'>', 2), Some(3));
        let mut s = String::new();
        join_into(&mut s, &["a", "b", "c"], ", ");
        assert_eq!(s, "a, b, c");
        assert_eq!(cat(&["x", "", "yz"]), "xyz");
    }
}
