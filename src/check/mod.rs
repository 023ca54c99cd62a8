//! Checking untrusted values against the API's types: one engine, every type as data.
//!
//! Every value the SDK does not build itself goes through here: the server's answers (their
//! bytes, read in Wasm by [`json`]) and what JavaScript callers pass as requests and options
//! (their values, read property by property by `js`). Each type's [`Description`] is static
//! data written by `#[derive(Described)]` from the type's one declaration; the [`engine`] walks
//! a value against it, lists every problem with its path (`Candidate.UserID`), and yields the
//! value as the description has it, from which the Rust value is built ([`FromChecked`]).
//!
//! | file | holds |
//! |---|---|
//! | `describe` | the descriptions, and the traits the derive implements |
//! | `engine` | the walk and its sources' interface |
//! | `leaves` | the walk's leaves: rules, list rules, stand-ins |
//! | `messages` | how messages name values and keys |
//! | `json` | a JSON text as a source (answers) |
//! | `js` | a JavaScript value as a source (callers), with the `js` feature in wasm32 |
//! | `value` | the checked value, and its JSON form for JavaScript |

mod describe;
mod engine;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) mod js;
pub(crate) mod json;
mod leaves;
pub(crate) mod messages;
mod value;

use std::borrow::Cow;

#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use describe::Map;
pub(crate) use describe::{
    Count, Described, Description, Field, Fields, FromChecked, JsTest, Kind, List, Moment, Reading,
    Record, Refusal, Rule, Stamped, Test, Variants,
};
pub(crate) use engine::{walk, Mode, Node, Shape, Source};
pub(crate) use leaves::list_problem;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use value::Shown;
pub(crate) use value::Value;

use crate::error::{Invalid, Issue};
use json::Json;
use messages::{js_number, quote};

/// Reads `root` of `source` as a `T`: the value, or every problem. `also` lists keys the root
/// object may have besides `T`'s fields.
pub(crate) fn read<'a, T: Described>(
    source: &mut dyn Source<'a>,
    root: Node,
    mode: Mode,
    also: &[&str],
) -> Result<T, Vec<Issue>> {
    let walked = walk(T::DESCRIPTION, source, root, mode, also);
    if !walked.issues.is_empty() {
        return Err(walked.issues);
    }
    T::from_checked(walked.value).ok_or_else(|| vec![shape_lost::<T>()])
}

/// Reads `root` as a `T` as far as it goes: the value (stand-ins where a part had a problem;
/// `None` when a strict record met an unknown key), and every problem. For rules that read
/// the whole value after its parts (a request's rules across fields, an answer's match with
/// its request).
pub(crate) fn read_partly<'a, T: Described>(
    source: &mut dyn Source<'a>,
    root: Node,
    mode: Mode,
) -> (Option<T>, Vec<Issue>) {
    let walked = walk(T::DESCRIPTION, source, root, mode, &[]);
    let value = if walked.refused {
        None
    } else {
        T::from_checked(walked.value)
    };
    (value, walked.issues)
}

/// The problem of a checked value that did not build: a description out of step with its
/// type, which the tests rule out. Reported, never a panic.
fn shape_lost<T: Described>() -> Issue {
    Issue::new(
        "",
        format!(
            "the checked value does not have the shape of {}",
            T::DESCRIPTION.name
        ),
    )
}

/// An answer's body, read: its text, and the checked value with every problem.
pub(crate) struct Body<'a> {
    /// The body's text (without a byte order mark).
    pub text: &'a str,
    /// The text parsed.
    pub json: Json<'a>,
}

/// Reads a body as a JSON text: strict UTF-8 (one byte order mark dropped, as `TextDecoder`
/// and `response.json()` do), then JSON. The problem, if it is neither, is a root issue that
/// says what the body is.
pub(crate) fn body(bytes: &[u8]) -> Result<Body<'_>, Issue> {
    let text = std::str::from_utf8(bytes)
        .map_err(|_| Issue::new("", "the body is not valid UTF-8; expected a JSON object"))?;
    text_body(text)
}

/// [`body`] for a text already decoded.
pub(crate) fn text_body(text: &str) -> Result<Body<'_>, Issue> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // JavaScript's `trim()`: its white space and line terminators.
    let trimmed =
        text.trim_matches(|c: char| (c.is_whitespace() && c != '\u{85}') || c == '\u{FEFF}');
    if trimmed.is_empty() {
        return Err(Issue::new("", "the body is empty; expected a JSON object"));
    }
    if trimmed.starts_with('<') {
        return Err(Issue::new(
            "",
            "the body is HTML or XML, not JSON; expected a JSON object",
        ));
    }
    match Json::parse(text) {
        Ok(json) => Ok(Body { text, json }),
        Err(syntax) => Err(Issue::new(
            "",
            format!(
                "the body is not valid JSON ({}); expected a JSON object",
                syntax_message(text, syntax.message)
            ),
        )),
    }
}

/// What is wrong with a text that is not JSON: in the browser, as the engine's `JSON.parse`
/// says it (the words developers know from their console); natively, as the reader says it.
#[cfg(target_arch = "wasm32")]
fn syntax_message(text: &str, own: String) -> String {
    json::json_parse_error(text).unwrap_or(own)
}

#[cfg(not(target_arch = "wasm32"))]
fn syntax_message(_text: &str, own: String) -> String {
    own
}

/// A leaf value given in Rust, for a rule type's conversions.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Raw<'a> {
    /// A number.
    Number(f64),
    /// A string.
    Text(&'a str),
}

/// Builds rule type `T` from `raw`, or says why not, in the words the engine uses.
pub(crate) fn convert<T: Described>(raw: Raw<'_>) -> Result<T, Invalid> {
    let Kind::Rule(rule) = &T::DESCRIPTION.kind else {
        return Err(Invalid {
            expected: "a value with a rule",
            got: T::DESCRIPTION.name.to_owned(),
            why: None,
        });
    };
    let refused = |got: String, why: Refusal| Invalid {
        expected: rule.expected,
        got,
        why,
    };
    let value = match (&rule.test, raw) {
        (Test::Integer { .. } | Test::Finite { .. } | Test::OneOf(_), Raw::Number(n)) => {
            leaves::number(&rule.test, n)
                .map(Value::Number)
                .map_err(|why| refused(js_number(n), why))?
        }
        (Test::Integer { .. } | Test::Finite { .. } | Test::OneOf(_), Raw::Text(text)) => {
            // A number written as text (`"1001".parse::<BookingId>()`).
            let shown = || format!("a string ({})", quote(text));
            let n = text
                .trim()
                .parse::<f64>()
                .map_err(|_| refused(shown(), None))?;
            leaves::number(&rule.test, n)
                .map(Value::Number)
                .map_err(|why| refused(js_number(n), why))?
        }
        (Test::Text(test), Raw::Text(text)) => test(text)
            .map(|reading| leaves::read_as(Cow::Borrowed(text), reading))
            .map_err(|why| refused(format!("a string ({})", quote(text)), why))?,
        (Test::Moment(test), Raw::Text(text)) => test(Moment::Text(text))
            .map(|reading| leaves::read_as(Cow::Borrowed(text), reading))
            .map_err(|why| refused(format!("a string ({})", quote(text)), why))?,
        (_, Raw::Number(n)) => return Err(refused(js_number(n), None)),
        (_, Raw::Text(text)) => return Err(refused(format!("a string ({})", quote(text)), None)),
    };
    T::from_checked(value).ok_or_else(|| refused(T::DESCRIPTION.name.to_owned(), None))
}

/// `Deserialize` for a rule type: its raw value read by serde, then its rule (the first
/// problem is serde's error). For Rust programs that read the API's JSON with serde_json.
pub(crate) fn deserialize<'de, T: Described, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<T, D::Error> {
    use serde::de::Error as _;
    use serde::Deserialize as _;
    let numeric = matches!(
        &T::DESCRIPTION.kind,
        Kind::Rule(Rule {
            test: Test::Integer { .. } | Test::Finite { .. } | Test::OneOf(_),
            ..
        })
    );
    let converted = if numeric {
        convert(Raw::Number(f64::deserialize(d)?))
    } else {
        let text = String::deserialize(d)?;
        convert(Raw::Text(&text))
    };
    converted.map_err(D::Error::custom)
}

/// Implements `Deserialize` through the type's description (see [`deserialize`]).
macro_rules! deserialize_by_rule {
    ($($ty:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::check::deserialize(d)
            }
        }
    )*};
}
pub(crate) use deserialize_by_rule;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::requests::DeleteMadeBookingsRequest;

    /// `(path, message)` of every problem of `json` read as a `T` with `also`.
    fn problems<T: Described + std::fmt::Debug>(
        json: &str,
        also: &[&str],
    ) -> Vec<(String, String)> {
        let mut source = Json::parse(json).unwrap_or_else(|e| panic!("{}", e.message));
        match read::<T>(&mut source, Json::ROOT, Mode::Request, also) {
            Ok(value) => panic!("read {value:?}"),
            Err(issues) => issues.into_iter().map(|i| (i.path, i.message)).collect(),
        }
    }

    #[test]
    fn an_unknown_key_at_the_root_is_matched_against_the_keys_read_with_it_too() {
        let also = ["signal", "timeoutMs", "maxRetries"];
        let hint = |key: &str, meant: &str| {
            vec![(
                key.to_owned(),
                format!("is not a known key; did you mean \"{meant}\"?"),
            )]
        };
        let json = |key: &str| format!(r#"{{"BookingIDs":[1],"{key}":1}}"#);
        assert_eq!(
            problems::<DeleteMadeBookingsRequest>(&json("timeout"), &also),
            hint("timeout", "timeoutMs")
        );
        assert_eq!(
            problems::<DeleteMadeBookingsRequest>(&json("signl"), &also),
            hint("signl", "signal")
        );
        assert_eq!(
            problems::<DeleteMadeBookingsRequest>(&json("BookingIds"), &also),
            hint("BookingIds", "BookingIDs")
        );
        // Without a near key, every key the object may hold is listed.
        assert_eq!(
            problems::<DeleteMadeBookingsRequest>(&json("zzzzzzzz"), &also),
            [(
                "zzzzzzzz".to_owned(),
                "is not a known key; expected one of BookingIDs, signal, timeoutMs, maxRetries"
                    .to_owned()
            )]
        );
    }
}
