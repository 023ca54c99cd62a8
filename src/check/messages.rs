//! How the engine's messages name what they found: numbers as JavaScript writes them, strings
//! quoted and cut, the key that was probably meant.

use super::engine::Shape;
use wasm_bindgen::{JsCast, JsValue};

/// The message of a value whose reading threw (a getter, or a Proxy trap).
pub(crate) const UNREADABLE: &str = "could not be read (a getter or a Proxy trap threw)";

/// A number as JavaScript's `String(n)` writes it (`12`, `12.5`, `NaN`, `-Infinity`, `1e+21`):
/// in the browser by the engine itself (Rust's float formatting would add about 6 KB to the
/// `.wasm`), natively by the same rules in Rust.
#[cfg(target_arch = "wasm32")]
pub(crate) fn js_number(n: f64) -> String {
    js_sys::Number::from(n)
        .to_string_with_radix(10)
        .ok()
        .and_then(|text| text.as_string())
        .unwrap_or_default()
}

/// A number as JavaScript's `String(n)` writes it (`12`, `12.5`, `NaN`, `-Infinity`, `1e+21`).
#[cfg(not(target_arch = "wasm32"))]
pub(crate) fn js_number(n: f64) -> String {
    if n == 0.0 {
        "0".into()
    } else if n.is_nan() {
        "NaN".into()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if n.abs() >= 1e21 || n.abs() < 1e-6 {
        let text = format!("{n:e}");
        match text.split_once('e') {
            Some((mantissa, exp)) if !exp.starts_with('-') => format!("{mantissa}e+{exp}"),
            _ => text,
        }
    } else {
        format!("{n}")
    }
}

/// At most `max` characters of `s`, ending in an ellipsis when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    let keep = max.saturating_sub(1);
    let mut cut = s.len();
    for (n, (at, _)) in s.char_indices().enumerate() {
        if n == keep {
            cut = at;
        }
        if n == max {
            let mut out = s.get(..cut).unwrap_or("").trim_end().to_owned();
            out.push('…');
            return out;
        }
    }
    s.to_owned()
}

/// A string as a message shows it: quoted, escaped, and cut to 40 characters. (Escaped by
/// hand: `{:?}` would bring Unicode printability tables, about 10 KB, into the `.wasm`.)
pub(crate) fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(48) + 2);
    out.push('"');
    for c in truncate(s, 40).chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The kind of a JavaScript value, as messages name it.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn shape_of(v: &JsValue) -> Shape {
    if v.is_string() {
        Shape::String
    } else if let Some(n) = v.as_f64() {
        Shape::Number(n)
    } else if v.is_null() {
        Shape::Null
    } else if v.is_undefined() {
        Shape::Undefined
    } else if let Some(b) = v.as_bool() {
        Shape::Bool(b)
    } else if v.is_function() {
        Shape::Other("a function")
    } else if v.is_bigint() {
        Shape::Other("a bigint")
    } else if v.is_symbol() {
        Shape::Other("a symbol")
    } else if js_sys::Array::is_array(v) {
        Shape::Array
    } else if let Some(date) = v.dyn_ref::<js_sys::Date>() {
        Shape::Date(date.get_time())
    } else if v.is_instance_of::<web_sys::AbortSignal>() {
        Shape::Other("an AbortSignal")
    } else if v.is_instance_of::<js_sys::Promise>() {
        Shape::Other("a Promise (did you forget `await`?)")
    } else {
        Shape::Object
    }
}

/// How a message names a received value: `a string ("12")`, `12.5`, `null`, `an array`.
pub(crate) fn described(shape: &Shape, text: Option<&str>) -> String {
    match shape {
        Shape::Undefined => "undefined".into(),
        Shape::Null => "null".into(),
        Shape::Bool(b) => b.to_string(),
        Shape::Number(n) => js_number(*n),
        Shape::String => format!("a string ({})", quote(text.unwrap_or_default())),
        Shape::Array => "an array".into(),
        Shape::Object => "an object".into(),
        Shape::Date(ms) if ms.is_nan() => "an invalid Date".into(),
        Shape::Date(_) => "a Date".into(),
        Shape::Other(what) => (*what).into(),
    }
}

/// The message for a key that is not one of `known`, with the key that was probably meant.
pub(crate) fn unknown_key(key: &str, known: &[&str]) -> String {
    match did_you_mean(key, known) {
        Some(meant) => format!("is not a known key; did you mean \"{meant}\"?"),
        None => format!("is not a known key; expected one of {}", known.join(", ")),
    }
}

/// The known key `key` was probably meant to be: the same but for case, one it begins
/// (`timeout` → `timeoutMs`), or the nearest within about one edit per three characters
/// (`maxRetry` → `maxRetries`, `acessToken` → `accessToken`).
pub(crate) fn did_you_mean<'a>(key: &str, known: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = known.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        return Some(same);
    }
    if key.len() < 4 {
        return None;
    }
    if let Some(longer) = known.iter().find(|k| k.starts_with(key)) {
        return Some(longer);
    }
    let limit = 1 + key.len() / 3;
    known
        .iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance ignoring ASCII case, in one row.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().map(|c| c.to_ascii_lowercase()).enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let Some(slot) = row.get_mut(j + 1) else {
                break;
            };
            let value = (diagonal + usize::from(ca != *cb))
                .min(slot.saturating_add(1))
                .min(left + 1);
            diagonal = *slot;
            *slot = value;
            left = value;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

/// JavaScript's `\s`: Unicode white space plus the byte order mark.
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_at_the_key_that_was_meant() {
        let known = [
            "accessToken",
            "environment",
            "baseUrl",
            "timeoutMs",
            "maxRetries",
        ];
        for (typo, meant) in [
            ("maxRetry", Some("maxRetries")),
            ("maxretries", Some("maxRetries")),
            ("max_retries", Some("maxRetries")),
            ("timeout", Some("timeoutMs")),
            ("timeoutMS", Some("timeoutMs")),
            ("timoutMs", Some("timeoutMs")),
            ("baseURL", Some("baseUrl")),
            ("baseUri", Some("baseUrl")),
            ("acessToken", Some("accessToken")),
            ("retries", Some("maxRetries")),
            ("token", None),
            ("env", None),
            ("signal", None),
            ("url", None),
        ] {
            assert_eq!(did_you_mean(typo, &known), meant, "{typo}");
        }
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("ABC", "abc"), 0);
    }

    #[test]
    fn numbers_read_as_javascript_writes_them() {
        for (n, text) in [
            (12.0, "12"),
            (-0.0, "0"),
            (12.5, "12.5"),
            (f64::NAN, "NaN"),
            (f64::INFINITY, "Infinity"),
            (f64::NEG_INFINITY, "-Infinity"),
            (1e21, "1e+21"),
            (2147483648.0, "2147483648"),
            (1.5e-7, "1.5e-7"),
            (18446744073709551616.0, "18446744073709552000"),
            (123456789012.0, "123456789012"),
        ] {
            assert_eq!(js_number(n), text);
        }
    }

    #[test]
    fn truncates_on_characters() {
        assert_eq!(truncate("abc", 5), "abc");
        assert_eq!(truncate("ééééééé", 4), "ééé…");
        assert_eq!(truncate("abcd", 4), "abcd");
        assert_eq!(truncate("ab  cdef", 4), "ab…");
        assert_eq!(truncate("abc", 0), "…");
        assert_eq!(truncate("", 0), "");
        assert_eq!(quote("a\"b\n"), "\"a\\\"b\\n\"");
    }
}
