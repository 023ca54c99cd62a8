//! What untyped JavaScript callers hand the SDK, as plain Rust data.
//!
//! TypeScript types help typed callers; everyone else passes anything. `runtime.js` describes
//! each argument as JSON text in one crossing ([`Given::from_description`] reads it), and the
//! pure checks here and in [`crate::config`] report every problem with its path. Being plain
//! data, all of it is tested natively.

use crate::error::Issue;
use crate::json::{self, Reader, Scalar};
use crate::number::{self, Num};
use crate::schema::INT32_MAX;

/// One JavaScript value, as far as validation needs to see it.
#[derive(Debug, Clone, PartialEq)]
pub enum Input {
    /// `undefined`, or a key that is not there.
    Undefined,
    /// `null`
    Null,
    /// `true` / `false`
    Bool(bool),
    /// A number, with JavaScript's own spelling of it for messages (`"NaN"`, `"1.5"`).
    Number {
        /// The value when it is a safe integer (every check the SDK makes needs one).
        int: Option<i64>,
        /// `String(value)`.
        text: String,
    },
    /// A string.
    Str(String),
    /// A string the SDK must not copy (the access token); only whether it is blank is known.
    Secret {
        /// Empty or only whitespace.
        blank: bool,
    },
    /// An `AbortSignal`.
    Signal,
    /// A `Date`, as milliseconds since the epoch (`None` for an invalid date).
    Date(Option<i64>),
    /// A function.
    Function,
    /// An array.
    Array,
    /// Any other object.
    Object,
    /// A bigint or a symbol.
    Other(&'static str),
}

impl Input {
    /// A number input from JavaScript's spelling of it (`"12"`, `"1.5"`, `"NaN"`).
    pub fn number(text: &str) -> Self {
        let magnitude = text.strip_prefix('-').unwrap_or(text);
        let integer = !magnitude.is_empty() && magnitude.bytes().all(|b| b.is_ascii_digit());
        let int = match number::classify(text) {
            Num::Int(v) if integer => Some(v),
            _ => None,
        };
        Input::Number {
            int,
            text: text.to_owned(),
        }
    }

    /// Writes how a message names what was received: `a string ("12")`, `NaN`, `null`.
    pub fn describe(&self, m: &mut String) {
        match self {
            Input::Undefined => m.push_str("undefined"),
            Input::Null => m.push_str("null"),
            Input::Bool(b) => m.push_str(if *b { "true" } else { "false" }),
            Input::Number { text, .. } => m.push_str(&crate::error::truncate(text, 24)),
            Input::Str(s) => {
                m.push_str("a string (");
                json::write_str(m, &crate::error::truncate(s, 40));
                m.push(')');
            }
            Input::Secret { .. } => m.push_str("a string"),
            Input::Signal => m.push_str("an AbortSignal"),
            Input::Date(_) => m.push_str("a Date"),
            Input::Function => m.push_str("a function"),
            Input::Array => m.push_str("an array"),
            Input::Object => m.push_str("an object"),
            Input::Other(kind) => m.push_str(kind),
        }
    }
}

/// An argument: either an object with its own enumerable keys, or something else.
#[derive(Debug, Clone, PartialEq)]
pub enum Given {
    /// A plain object: every own key, with its value.
    Object(Vec<(String, Input)>),
    /// Not an object (or an array, a function, `null`, …).
    NotObject(Input),
}

impl Given {
    /// The value under `key` (`Undefined` when absent).
    pub fn get(&self, key: &str) -> &Input {
        match self {
            Given::Object(fields) => fields
                .iter()
                .find(|(k, _)| k == key)
                .map_or(&Input::Undefined, |(_, v)| v),
            Given::NotObject(_) => &Input::Undefined,
        }
    }

    /// The keys not in `known`, for "unknown option" issues.
    pub fn unknown_keys<'a>(&'a self, known: &'a [&str]) -> impl Iterator<Item = &'a str> + 'a {
        let fields: &[(String, Input)] = match self {
            Given::Object(fields) => fields,
            Given::NotObject(_) => &[],
        };
        fields
            .iter()
            .map(|(k, _)| k.as_str())
            .filter(move |k| !known.contains(k))
    }

    /// A key that equals `name` ignoring case but is spelt differently (`bookingId`).
    pub fn near_miss(&self, name: &str) -> Option<&str> {
        match self {
            Given::Object(fields) => fields
                .iter()
                .map(|(k, _)| k.as_str())
                .find(|k| *k != name && k.eq_ignore_ascii_case(name)),
            Given::NotObject(_) => None,
        }
    }
}

impl Given {
    /// Reads the JSON text that `runtime.js`'s `describe` made of an argument. Anything
    /// unexpected reads as an unreadable value rather than failing.
    pub fn from_description(text: &str) -> Given {
        let mut r = Reader::new(text);
        if r.peek_value_start() != Some(b'{') {
            return Given::NotObject(read_desc(&mut r).unwrap_or(UNREADABLE));
        }
        let mut fields = Vec::new();
        let _ = (|| -> Option<()> {
            r.begin_object().ok()?;
            r.next_key(&mut true).ok()??; // "o"
            r.begin_array().ok()?;
            let mut first = true;
            while r.next_item(&mut first).ok()? {
                r.begin_array().ok()?;
                let mut first_part = true;
                r.next_item(&mut first_part).ok()?;
                let Ok((Scalar::Str(key), _)) = r.value(2) else {
                    return None;
                };
                r.next_item(&mut first_part).ok()?;
                let input = read_desc(&mut r).unwrap_or(UNREADABLE);
                fields.push((key.value().into_owned(), input));
                while r.next_item(&mut first_part).ok()? {
                    r.value(2).ok()?;
                }
            }
            Some(())
        })();
        Given::Object(fields)
    }
}

const UNREADABLE: Input = Input::Other("an unreadable value");

/// Reads one `[tag, …]` description.
fn read_desc<'a>(r: &mut Reader<'a>) -> Option<Input> {
    r.begin_array().ok()?;
    let mut first = true;
    r.next_item(&mut first).ok()?;
    let (Scalar::Str(tag), _) = r.value(3).ok()? else {
        return None;
    };
    let next = |r: &mut Reader<'a>, first: &mut bool| -> Option<Scalar<'a>> {
        if r.next_item(first).ok()? {
            r.value(3).ok().map(|(v, _)| v)
        } else {
            None
        }
    };
    let input = match tag.value().as_ref() {
        "u" => Input::Undefined,
        "l" => Input::Null,
        "b" => Input::Bool(matches!(next(r, &mut first)?, Scalar::Bool(true))),
        "n" => {
            let Scalar::Str(text) = next(r, &mut first)? else {
                return None;
            };
            let text = text.value().into_owned();
            let int = match next(r, &mut first)? {
                Scalar::Number(lexeme) => match number::classify(lexeme) {
                    Num::Int(v) => Some(v),
                    _ => None,
                },
                _ => None,
            };
            Input::Number { int, text }
        }
        "s" => match next(r, &mut first)? {
            Scalar::Str(s) => Input::Str(s.value().into_owned()),
            _ => return None,
        },
        "t" => Input::Secret {
            blank: matches!(next(r, &mut first)?, Scalar::Bool(true)),
        },
        "f" => Input::Function,
        "a" => Input::Array,
        "g" => Input::Signal,
        "o" => Input::Object,
        "d" => Input::Date(match next(r, &mut first)? {
            Scalar::Number(lexeme) => match number::classify(lexeme) {
                Num::Int(v) => Some(v),
                _ => None,
            },
            _ => None,
        }),
        "x" => match next(r, &mut first)? {
            Scalar::Str(s) if s.is("a bigint") => Input::Other("a bigint"),
            Scalar::Str(s) if s.is("a symbol") => Input::Other("a symbol"),
            Scalar::Str(s) if s.is("a value whose getter threw") => {
                Input::Other("a value whose getter threw")
            }
            _ => UNREADABLE,
        },
        _ => return None,
    };
    while r.next_item(&mut first).ok()? {
        r.value(3).ok()?;
    }
    Some(input)
}

/// The kinds of request parameters the API takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamKind {
    /// An ID: an integer from 1 to 2147483647.
    Id,
    /// Free text with at least one non-whitespace character.
    Text,
}

/// One documented request parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Param {
    /// The name, exactly as the API spells it.
    pub name: &'static str,
    /// Its rule.
    pub kind: ParamKind,
}

/// A checked parameter value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// An ID.
    Id(u32),
    /// Text.
    Text(String),
}

/// JavaScript's `\s`: Unicode white space plus the byte order mark.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
}

fn expectation(kind: ParamKind) -> &'static str {
    match kind {
        ParamKind::Id => "an integer from 1 to 2147483647",
        ParamKind::Text => "a string with at least one non-whitespace character",
    }
}

/// Checks a request object against its parameters; returns the values in parameter order,
/// or every issue.
pub fn check_params(params: &[Param], given: &Given) -> Result<Vec<Value>, Vec<Issue>> {
    if let Given::NotObject(input) = given {
        let mut m = String::from("expected an object with ");
        for (i, p) in params.iter().enumerate() {
            m.push_str(if i == 0 { "" } else { " and " });
            m.push_str(p.name);
        }
        m.push_str(", got ");
        input.describe(&mut m);
        return Err(vec![Issue::new("", m)]);
    }
    let mut values = Vec::with_capacity(params.len());
    let mut issues = Vec::new();
    for p in params {
        match check_param(p, given) {
            Ok(v) => values.push(v),
            Err(m) => issues.push(Issue::new(p.name, m)),
        }
    }
    if issues.is_empty() {
        Ok(values)
    } else {
        Err(issues)
    }
}

fn check_param(p: &Param, given: &Given) -> Result<Value, String> {
    let input = given.get(p.name);
    let fail = |detail: &str| {
        let mut m = String::from("expected ");
        m.push_str(expectation(p.kind));
        m.push_str(", got ");
        input.describe(&mut m);
        m.push_str(detail);
        Err(m)
    };
    match (p.kind, input) {
        (_, Input::Undefined) => {
            let mut m = String::from("is required; expected ");
            m.push_str(expectation(p.kind));
            if let Some(near) = given.near_miss(p.name) {
                m.push_str(" (found \"");
                m.push_str(near);
                m.push_str("\": names are case-sensitive)");
            }
            Err(m)
        }
        (ParamKind::Id, Input::Number { int: Some(v), .. }) if (1..=INT32_MAX).contains(v) => {
            Ok(Value::Id(u32::try_from(*v).unwrap_or(0)))
        }
        (ParamKind::Text, Input::Str(s)) => {
            if is_blank(s) {
                Err("must contain at least one non-whitespace character".into())
            } else {
                Ok(Value::Text(s.clone()))
            }
        }
        _ => fail(""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CANCEL: &[Param] = &[
        Param {
            name: "BookingID",
            kind: ParamKind::Id,
        },
        Param {
            name: "Reason",
            kind: ParamKind::Text,
        },
    ];

    fn obj(fields: &[(&str, Input)]) -> Given {
        Given::Object(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), v.clone()))
                .collect(),
        )
    }

    fn n(text: &str) -> Input {
        Input::number(text)
    }

    #[test]
    fn accepts_a_valid_request() {
        let given = obj(&[
            ("BookingID", n("12")),
            ("Reason", Input::Str("busy".into())),
            ("Extra", Input::Null),
        ]);
        assert_eq!(
            check_params(CANCEL, &given).unwrap(),
            vec![Value::Id(12), Value::Text("busy".into())]
        );
    }

    #[test]
    fn lists_every_problem_with_its_path() {
        let given = obj(&[
            ("bookingId", n("1")),
            ("Reason", Input::Str(" \t\n\u{FEFF}\u{3000}".into())),
        ]);
        let issues = check_params(CANCEL, &given).unwrap_err();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].path, "BookingID");
        assert!(issues[0].message.contains("is required"));
        assert!(issues[0].message.contains("\"bookingId\""));
        assert_eq!(issues[1].path, "Reason");
        assert!(issues[1].message.contains("non-whitespace"));
    }

    #[test]
    fn rejects_every_kind_of_bad_id() {
        let bad = [
            Input::Str("12".into()),
            n("12.5"),
            n("NaN"),
            n("Infinity"),
            n("0"),
            n("-1"),
            n("2147483648"),
            n("1e+21"),
            Input::Null,
            Input::Bool(true),
            Input::Array,
            Input::Object,
            Input::Other("a bigint"),
        ];
        for input in bad {
            let given = obj(&[
                ("BookingID", input.clone()),
                ("Reason", Input::Str("x".into())),
            ]);
            let issues = check_params(CANCEL, &given).unwrap_err();
            assert_eq!(issues.len(), 1, "{input:?}");
            assert_eq!(issues[0].path, "BookingID");
        }
        let ok = obj(&[
            ("BookingID", n("2147483647")),
            ("Reason", Input::Str("x".into())),
        ]);
        assert!(check_params(CANCEL, &ok).is_ok());
    }

    #[test]
    fn only_integer_spellings_carry_an_integer() {
        assert_eq!(
            n("-12"),
            Input::Number {
                int: Some(-12),
                text: "-12".into()
            }
        );
        for text in [
            "1-2",
            "-",
            "",
            "1e3",
            "12.0",
            "+1",
            "Infinity",
            "{\"a\":1e\"x\"}",
        ] {
            assert!(
                matches!(n(text), Input::Number { int: None, .. }),
                "{text:?}"
            );
        }
    }

    #[test]
    fn says_what_was_received() {
        let given = obj(&[("BookingID", Input::Str("12".into())), ("Reason", n("3"))]);
        let issues = check_params(CANCEL, &given).unwrap_err();
        assert_eq!(
            issues[0].message,
            "expected an integer from 1 to 2147483647, got a string (\"12\")"
        );
        assert_eq!(
            issues[1].message,
            "expected a string with at least one non-whitespace character, got 3"
        );
    }

    #[test]
    fn reads_runtime_descriptions() {
        let text = r#"{"o":[["BookingID",["n","12",12]],["Reason",["s","caf\u00e9 \"x\""]],["accessToken",["t",false]],["f",["f"]],["x",["n","1.5",null]],["d",["d",1700000000000]],["s",["g"]],["big",["x","a bigint"]],["later",["z"]]]}"#;
        let given = Given::from_description(text);
        assert_eq!(
            given.get("BookingID"),
            &Input::Number {
                int: Some(12),
                text: "12".into()
            }
        );
        assert_eq!(given.get("Reason"), &Input::Str("café \"x\"".into()));
        assert_eq!(given.get("accessToken"), &Input::Secret { blank: false });
        assert_eq!(given.get("f"), &Input::Function);
        assert_eq!(
            given.get("x"),
            &Input::Number {
                int: None,
                text: "1.5".into()
            }
        );
        assert_eq!(given.get("d"), &Input::Date(Some(1_700_000_000_000)));
        assert_eq!(given.get("s"), &Input::Signal);
        assert_eq!(given.get("big"), &Input::Other("a bigint"));
        assert_eq!(given.get("later"), &Input::Other("an unreadable value"));
        assert_eq!(given.get("absent"), &Input::Undefined);
        assert_eq!(
            Given::from_description(r#"["l"]"#),
            Given::NotObject(Input::Null)
        );
        assert_eq!(
            Given::from_description(r#"["a"]"#),
            Given::NotObject(Input::Array)
        );
        assert_eq!(
            Given::from_description("garbage"),
            Given::NotObject(Input::Other("an unreadable value"))
        );
    }

    #[test]
    fn a_non_object_is_one_root_issue() {
        for input in [
            Input::Null,
            Input::Undefined,
            Input::Array,
            Input::Str("x".into()),
        ] {
            let issues = check_params(CANCEL, &Given::NotObject(input)).unwrap_err();
            assert_eq!(issues.len(), 1);
            assert_eq!(issues[0].path, "");
            assert!(issues[0]
                .message
                .starts_with("expected an object with BookingID and Reason"));
        }
    }
}
