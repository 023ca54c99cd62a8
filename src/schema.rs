//! Response validation: one mechanism, driven by a schema table per response type.
//!
//! [`check`] walks the JSON text once. Known fields are checked against their [`Field`] rule,
//! unknown ones are skipped, every problem is collected with its path, and when nothing is
//! wrong the result is the *canonical* JSON of the known fields only (in documented order,
//! each value copied verbatim from the input). JavaScript turns that into the returned object
//! with one native `JSON.parse`, so what the caller receives is exactly what was checked.

use std::borrow::Cow;

use crate::datetime;
use crate::error::Issue;
use crate::json::{self, Reader, Scalar, SyntaxError};
use crate::number::{self, Num};

/// The largest integer JavaScript represents exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE: i64 = 9_007_199_254_740_991;
/// The largest `int` of the API (.NET `Int32`).
pub const INT32_MAX: i64 = 2_147_483_647;

/// How a field's value is checked.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// An integer within `min..=max` (any JSON spelling that denotes one: `15`, `15.0`).
    Int {
        /// Smallest allowed value.
        min: i64,
        /// Largest allowed value.
        max: i64,
    },
    /// A finite number ≥ 0.
    NonNegative,
    /// Any string.
    Text,
    /// One string from a fixed set.
    OneOf(&'static [&'static str]),
    /// An API datetime (see [`crate::datetime::parse`]).
    DateTime,
    /// A nested object with its own fields.
    Object(&'static [Field]),
}

/// One documented field of a response object.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    /// The JSON name, exactly as the API spells it.
    pub name: &'static str,
    /// The rule for its value.
    pub kind: Kind,
    /// Whether `null` is allowed.
    pub nullable: bool,
}

/// The outcome of checking a response.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Checked {
    /// Canonical JSON of the known fields; meaningful only when `issues` is empty.
    pub json: String,
    /// The valid top-level integer fields and their values (for checks such as "the
    /// returned `BookingID` is the one requested"), even when other fields have issues.
    pub ints: Vec<(&'static str, i64)>,
    /// Every problem found, in schema order.
    pub issues: Vec<Issue>,
}

impl Checked {
    /// The value of a top-level integer field.
    pub fn int(&self, name: &str) -> Option<i64> {
        self.ints.iter().find(|(n, _)| *n == name).map(|(_, v)| *v)
    }
}

/// The most bytes of response body the SDK reads; a `MadeBooking` is about 1 KB.
pub const MAX_BODY_BYTES: usize = 1 << 20;

/// The issue for a body over [`MAX_BODY_BYTES`].
pub const TOO_LARGE: &str = "the body is larger than 1 MiB; expected a JSON object of about 1 KB";

/// Checks a response body against `fields`.
pub fn check(body: &[u8], fields: &'static [Field]) -> Checked {
    let root = |m: &str| Checked {
        issues: vec![Issue::new("", m)],
        ..Checked::default()
    };
    if body.len() > MAX_BODY_BYTES {
        return root(TOO_LARGE);
    }
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            let mut m = String::from("the body is not valid UTF-8 (at byte ");
            json::write_int(&mut m, e.valid_up_to() as i64);
            m.push(')');
            return root(&m);
        }
    };
    // Browsers' `response.json()` skips a UTF-8 byte order mark; so do we.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut r = Reader::new(text);
    match r.peek_value_start() {
        None => return root("the body is empty; expected a JSON object"),
        Some(b'{') => {}
        Some(b'<') => return root("the body is HTML or XML, not JSON; expected a JSON object"),
        Some(_) => {
            return match r.value(0) {
                Ok((v, _)) if r.end().is_ok() => {
                    let mut m = String::from("expected a JSON object, got ");
                    m.push_str(v.kind_name());
                    root(&m)
                }
                _ => root("the body is not JSON; expected a JSON object"),
            }
        }
    }
    let mut issues = Vec::new();
    let mut out = String::with_capacity(text.len());
    let mut ints = Vec::new();
    let parsed = object(
        &mut r,
        fields,
        "",
        0,
        &mut issues,
        &mut out,
        Some(&mut ints),
    )
    .and_then(|()| r.end());
    if let Err(e) = parsed {
        return root(&syntax_issue(&e));
    }
    Checked {
        json: out,
        ints,
        issues,
    }
}

fn syntax_issue(e: &SyntaxError) -> String {
    let mut m = String::from("the body is not valid JSON: expected ");
    m.push_str(e.expected);
    m.push_str(" at byte ");
    json::write_int(&mut m, e.offset as i64);
    m
}

enum Slot<'a> {
    Missing,
    Good(Cow<'a, str>),
    Bad(Vec<Issue>),
}

fn child_path(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        crate::text::cat(&[prefix, ".", name])
    }
}

/// Reads one object (the reader is at its `{`), filling `issues` in schema order and, when
/// none were found, appending the canonical JSON to `out`.
fn object<'a>(
    r: &mut Reader<'a>,
    fields: &'static [Field],
    prefix: &str,
    depth: u32,
    issues: &mut Vec<Issue>,
    out: &mut String,
    mut ints: Option<&mut Vec<(&'static str, i64)>>,
) -> Result<(), SyntaxError> {
    r.begin_object()?;
    let mut slots: Vec<Slot<'a>> = fields.iter().map(|_| Slot::Missing).collect();
    let mut first = true;
    // Servers send fields in their documented order: try the next one before searching.
    let mut expected = 0;
    while let Some(key) = r.next_key(&mut first)? {
        let in_order = fields
            .get(expected)
            .filter(|f| key.is(f.name))
            .map(|_| expected);
        let Some(index) = in_order.or_else(|| fields.iter().position(|f| key.is(f.name))) else {
            r.value(depth + 1)?; // unknown field: checked for syntax, then ignored
            continue;
        };
        expected = index + 1;
        let (Some(field), Some(slot)) = (fields.get(index), slots.get_mut(index)) else {
            continue;
        };
        // Paths are only built for issues: a valid answer allocates none.
        let path = || child_path(prefix, field.name);
        if !matches!(slot, Slot::Missing) {
            r.value(depth + 1)?;
            *slot = Slot::Bad(vec![Issue::new(
                path(),
                "appears more than once; expected exactly one value",
            )]);
            continue;
        }
        *slot = match (field.kind, r.peek_value_start()) {
            (Kind::Object(inner), Some(b'{')) => {
                let mut nested_issues = Vec::new();
                let mut nested = String::new();
                object(
                    r,
                    inner,
                    &path(),
                    depth + 1,
                    &mut nested_issues,
                    &mut nested,
                    None,
                )?;
                if nested_issues.is_empty() {
                    Slot::Good(Cow::Owned(nested))
                } else {
                    Slot::Bad(nested_issues)
                }
            }
            _ => {
                let (value, raw) = r.value(depth + 1)?;
                match scalar(field, value) {
                    Ok(int) => {
                        if let (Some(ints), Some(v)) = (ints.as_deref_mut(), int) {
                            ints.push((field.name, v));
                        }
                        Slot::Good(Cow::Borrowed(raw))
                    }
                    Err(message) => Slot::Bad(vec![Issue::new(path(), message)]),
                }
            }
        };
    }
    let start_issues = issues.len();
    for (field, slot) in fields.iter().zip(&mut slots) {
        match slot {
            Slot::Missing => {
                let mut m = String::from("is missing; expected ");
                expectation(field, &mut m);
                issues.push(Issue::new(child_path(prefix, field.name), m));
            }
            Slot::Bad(found) => issues.append(found),
            Slot::Good(_) => {}
        }
    }
    if issues.len() == start_issues {
        out.push('{');
        for (i, (field, slot)) in fields.iter().zip(&slots).enumerate() {
            if let Slot::Good(raw) = slot {
                if i > 0 {
                    out.push(',');
                }
                out.push('"');
                out.push_str(field.name);
                out.push_str("\":");
                out.push_str(raw);
            }
        }
        out.push('}');
    }
    Ok(())
}

/// Writes what a field expects ("an integer from 1 to 3", "a string or null").
fn expectation(field: &Field, m: &mut String) {
    match field.kind {
        Kind::Int { min: 0, max } if max == MAX_SAFE => m.push_str("a non-negative integer"),
        Kind::Int { min, max } if min == -MAX_SAFE && max == MAX_SAFE => m.push_str("an integer"),
        Kind::Int { min, max } => {
            m.push_str("an integer from ");
            json::write_int(m, min);
            m.push_str(" to ");
            json::write_int(m, max);
        }
        Kind::NonNegative => m.push_str("a finite number ≥ 0"),
        Kind::Text => m.push_str("a string"),
        Kind::OneOf(options) => {
            m.push_str("one of ");
            for (i, o) in options.iter().enumerate() {
                if i > 0 {
                    m.push_str(", ");
                }
                json::write_str(m, o);
            }
        }
        Kind::DateTime => m.push_str("a date-time like \"2018-01-22T21:30:00\""),
        Kind::Object(_) => m.push_str("an object"),
    }
    if field.nullable {
        m.push_str(" or null");
    }
}

/// Shows a received value in a message: short, quoted when a string.
fn show(value: &Scalar<'_>, m: &mut String) {
    match value {
        Scalar::Number(lexeme) => m.push_str(&crate::error::truncate(lexeme, 24)),
        Scalar::Str(s) => json::write_str(m, &crate::error::truncate(&s.value(), 40)),
        other => m.push_str(other.kind_name()),
    }
}

/// Checks one scalar; on success returns the integer value for `Int` fields.
fn scalar(field: &Field, value: Scalar<'_>) -> Result<Option<i64>, String> {
    let fail = |detail: Option<&str>| {
        let mut m = String::from("expected ");
        expectation(field, &mut m);
        m.push_str(", got ");
        show(&value, &mut m);
        if let Some(d) = detail {
            m.push_str(d);
        }
        Err(m)
    };
    match (field.kind, value) {
        (_, Scalar::Null) if field.nullable => Ok(None),
        (Kind::Int { min, max }, Scalar::Number(lexeme)) => match number::classify(lexeme) {
            Num::Int(v) if (min..=max).contains(&v) => Ok(Some(v)),
            Num::Fraction { .. } => fail(Some(" (not a whole number)")),
            _ => fail(None),
        },
        (Kind::NonNegative, Scalar::Number(lexeme)) => {
            if !number::is_finite(lexeme) {
                fail(Some(" (not finite)"))
            } else if number::is_negative(lexeme) {
                fail(None)
            } else {
                Ok(None)
            }
        }
        (Kind::Text, Scalar::Str(_)) => Ok(None),
        (Kind::OneOf(options), Scalar::Str(s)) => {
            if options.iter().any(|o| s.is(o)) {
                Ok(None)
            } else {
                fail(None)
            }
        }
        (Kind::DateTime, Scalar::Str(s)) => match datetime::parse(&s.value()) {
            Ok(_) => Ok(None),
            Err(problem) => {
                let mut d = String::from(": ");
                d.push_str(problem);
                fail(Some(&d))
            }
        },
        _ => fail(None),
    }
}
