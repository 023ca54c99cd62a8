//! The engine: one walk of a value against a [`Description`], every problem recorded at its
//! path, the value read as its description has it.
//!
//! The walk asks a [`Source`] about the value (its kind, a record's fields, a list's items), so
//! the same walk reads an answer's JSON (`super::json`, inside Wasm) and a caller's JavaScript
//! value (`super::js`, property by property). It never stops early: a part with a problem is
//! reported once, at its path, and replaced by a stand-in of the right shape, so the parts
//! after it are read too and one walk lists every problem, in declaration order.

use std::borrow::Cow;

use super::describe::{
    Count, Description, JsTest, Kind, List, Moment, Reading, Record, Rule, Test,
};
use super::messages::{described, js_number, quote, unknown_key, UNREADABLE};
use super::value::Value;
use crate::datetime::DateTime;
use crate::error::Issue;

/// A value of a [`Source`], as the source numbers them.
pub(crate) type Node = u32;

/// The kind of a value, as far as checking it needs to know.
#[derive(Debug, Clone, PartialEq)]
// `Undefined`, `Date` and `Other` are only met in JavaScript values.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
pub(crate) enum Shape {
    /// `undefined`
    Undefined,
    /// `null`
    Null,
    /// `true` or `false`
    Bool(bool),
    /// A number (any: NaN and infinities included).
    Number(f64),
    /// A string.
    String,
    /// An array.
    Array,
    /// A plain object (or any object that is not one of the others).
    Object,
    /// A JavaScript `Date`: its milliseconds since the epoch (NaN when it is invalid).
    Date(f64),
    /// Anything else, described for messages: "a function", "a bigint", ...
    Other(&'static str),
}

/// Reading a value threw (a getter, or a Proxy trap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Unreadable;

/// What stands at a field.
#[derive(Debug, Clone)]
// `Unreadable` is only met in JavaScript values.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "js")), allow(dead_code))]
pub(crate) enum Found {
    /// A value.
    Value(Node),
    /// Nothing (or `undefined`); `near` is a key that differs only in case.
    Missing {
        /// The key the caller probably meant.
        near: Option<String>,
    },
    /// Reading it threw.
    Unreadable,
}

/// A record's fields as a source found them.
#[derive(Debug, Default)]
pub(crate) struct Members {
    /// One per described field, in order.
    pub found: Vec<Found>,
    /// The keys that are not fields, in order (only asked for strict records).
    pub unknown: Vec<String>,
}

/// Where values come from: a JSON text, or JavaScript values.
pub(crate) trait Source<'a> {
    /// What kind of value `node` is.
    fn shape(&mut self, node: Node) -> Shape;
    /// The value, when it is a string.
    fn text(&mut self, node: Node) -> Option<Cow<'a, str>>;
    /// The fields of `record` in the object `node`; with `unknown`, also its other keys
    /// (except those in `also`).
    fn members(
        &mut self,
        node: Node,
        record: &Record,
        unknown: bool,
        also: &[&str],
    ) -> Result<Members, Unreadable>;
    /// The items of the array `node`.
    fn items(&mut self, node: Node) -> Result<Vec<Node>, Unreadable>;
    /// The JavaScript value itself.
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    fn kept(&mut self, node: Node) -> wasm_bindgen::JsValue;
}

/// What absence means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// A server's answer: every field must be present; `null` is how a value is left empty.
    Answer,
    /// A caller's request or options: an `Option` field may be absent or `undefined`.
    Request,
}

/// The result of a walk.
#[derive(Debug)]
pub(crate) struct Walked<'a> {
    /// The value as read, stand-ins where a part had a problem.
    pub value: Value<'a>,
    /// Every problem, in declaration order, one per path.
    pub issues: Vec<Issue>,
    /// Whether a strict record met a key it does not know (its reading is not to be trusted
    /// any further: rules across its fields are not checked).
    pub refused: bool,
}

/// Checks the value `root` of `source` against `description`. `also` lists keys the root
/// object may have besides its fields (one object read as two types).
pub(crate) fn walk<'a>(
    description: &'static Description,
    source: &mut dyn Source<'a>,
    root: Node,
    mode: Mode,
    also: &[&str],
) -> Walked<'a> {
    let mut walk = Walk {
        source,
        mode,
        also,
        issues: Vec::new(),
        path: Vec::new(),
        refused: false,
    };
    let seen = walk.see(Found::Value(root));
    let value = walk.check(description, seen, false);
    Walked {
        value,
        issues: walk.issues,
        refused: walk.refused,
    }
}

/// One segment of a path.
enum Segment {
    Field(&'static str),
    Index(usize),
}

/// A value as the walk meets it: with its kind, when there is one.
enum Seen {
    Value(Node, Shape),
    Missing(Option<String>),
    Unreadable,
}

struct Walk<'s, 'a, 'k> {
    source: &'s mut dyn Source<'a>,
    mode: Mode,
    also: &'k [&'k str],
    issues: Vec<Issue>,
    path: Vec<Segment>,
    refused: bool,
}

impl<'a> Walk<'_, 'a, '_> {
    fn see(&mut self, found: Found) -> Seen {
        match found {
            Found::Value(node) => Seen::Value(node, self.source.shape(node)),
            Found::Missing { near } => Seen::Missing(near),
            Found::Unreadable => Seen::Unreadable,
        }
    }

    fn path(&self) -> String {
        let mut out = String::new();
        for segment in &self.path {
            match segment {
                Segment::Field(name) => dotted(&mut out, name),
                Segment::Index(i) => {
                    out.push('[');
                    out.push_str(&i.to_string());
                    out.push(']');
                }
            }
        }
        out
    }

    /// Records a problem of the value at the current path (one per path: the first found is
    /// the one that explains the rest).
    fn record(&mut self, message: String) {
        let path = self.path();
        self.record_at(path, message);
    }

    fn record_at(&mut self, path: String, message: String) {
        if self.issues.iter().all(|issue| issue.path != path) {
            self.issues.push(Issue::new(path, message));
        }
    }

    /// Records that the value is not what `expected` describes.
    fn mismatch(&mut self, expected: &str, seen: &Seen, nullable: bool) {
        let or_null = if nullable { " or null" } else { "" };
        let message = match seen {
            Seen::Value(node, shape) => {
                let text = self.text_of(*node, shape);
                format!(
                    "expected {expected}{or_null}, got {}",
                    described(shape, text.as_deref())
                )
            }
            Seen::Unreadable => UNREADABLE.to_owned(),
            Seen::Missing(near) => {
                let what = match self.mode {
                    Mode::Answer => "is missing",
                    Mode::Request => "is required",
                };
                match near {
                    Some(near) => format!(
                        "{what}; expected {expected}{or_null} (found {}: names are case-sensitive)",
                        quote(near)
                    ),
                    None => format!("{what}; expected {expected}{or_null}"),
                }
            }
        };
        self.record(message);
    }

    fn text_of(&mut self, node: Node, shape: &Shape) -> Option<Cow<'a, str>> {
        match shape {
            Shape::String => self.source.text(node),
            _ => None,
        }
    }

    fn check(
        &mut self,
        description: &'static Description,
        seen: Seen,
        nullable: bool,
    ) -> Value<'a> {
        match &description.kind {
            Kind::Nullable(inner) => match seen {
                Seen::Value(_, Shape::Null | Shape::Undefined) => Value::Null,
                Seen::Missing(_) if self.mode == Mode::Request => Value::Absent,
                seen => self.check(inner, seen, true),
            },
            Kind::Record(record) => self.record_of(description, record, seen, nullable),
            Kind::List(list) => self.list(list, seen, nullable),
            Kind::Variants(variants) => {
                if let Seen::Value(node, Shape::String) = &seen {
                    let text = self.source.text(*node);
                    let index = text.and_then(|t| variants.names.iter().position(|n| *n == t));
                    if let Some(index) = index {
                        return Value::Variant(index as u32);
                    }
                }
                self.mismatch(variants.expected, &seen, nullable);
                Value::Variant(0)
            }
            Kind::Text => match seen {
                Seen::Value(node, Shape::String) => {
                    Value::Text(self.source.text(node).unwrap_or_default())
                }
                seen => {
                    self.mismatch("a string", &seen, nullable);
                    Value::Text(Cow::Borrowed(""))
                }
            },
            Kind::Bool => match seen {
                Seen::Value(_, Shape::Bool(b)) => Value::Bool(b),
                seen => {
                    self.mismatch("a boolean", &seen, nullable);
                    Value::Bool(false)
                }
            },
            Kind::Rule(rule) => self.rule(rule, seen, nullable),
        }
    }

    fn record_of(
        &mut self,
        description: &'static Description,
        record: &'static Record,
        seen: Seen,
        nullable: bool,
    ) -> Value<'a> {
        let members = match &seen {
            Seen::Value(node, Shape::Object) => {
                let also = if self.path.is_empty() { self.also } else { &[] };
                self.source.members(*node, record, record.strict, also).ok()
            }
            _ => None,
        };
        let Some(members) = members else {
            let seen = match seen {
                Seen::Value(_, Shape::Object) => Seen::Unreadable,
                other => other,
            };
            let expected = if self.path.is_empty() {
                format!("an object with {}", record.listed)
            } else {
                "an object".to_owned()
            };
            self.mismatch(&expected, &seen, nullable);
            return stand_in(description);
        };
        if record.strict && !members.unknown.is_empty() {
            // Keys the type does not know come first: they usually explain the rest (a field
            // misspelt is also a field missing).
            self.refused = true;
            let known: Vec<&str> = record.fields.iter().map(|f| f.name).collect();
            let prefix = self.path();
            for key in &members.unknown {
                let mut path = prefix.clone();
                dotted(&mut path, key);
                self.record_at(path, unknown_key(key, &known));
            }
        }
        let mut values = Vec::with_capacity(record.fields.len());
        for (field, found) in record.fields.iter().zip(members.found) {
            let seen = self.see(found);
            self.path.push(Segment::Field(field.name));
            values.push(self.check(field.ty, seen, false));
            self.path.pop();
        }
        Value::Record(values)
    }

    fn list(&mut self, list: &'static List, seen: Seen, nullable: bool) -> Value<'a> {
        let items = match &seen {
            Seen::Value(node, Shape::Array) => self.source.items(*node).ok(),
            _ => None,
        };
        let Some(items) = items else {
            // An array whose items could not be read is still called an array.
            self.mismatch(list.expected, &seen, nullable);
            return Value::List(Vec::new());
        };
        let before = self.issues.len();
        let mut values = Vec::with_capacity(items.len());
        for (index, item) in items.into_iter().enumerate() {
            let seen = self.see(Found::Value(item));
            self.path.push(Segment::Index(index));
            values.push(self.check(list.item, seen, false));
            self.path.pop();
        }
        // A wrong item is its own problem: the stand-ins would only make up duplicates.
        if self.issues.len() == before {
            if let Some(message) = list_problem(list, &values) {
                self.record(message);
            }
        }
        Value::List(values)
    }

    fn rule(&mut self, rule: &'static Rule, seen: Seen, nullable: bool) -> Value<'a> {
        let refused = |got: String, why: Option<&'static str>| match why {
            Some(why) => format!("expected {}, got {got}: {why}", rule.expected),
            None => format!("expected {}, got {got}", rule.expected),
        };
        match &rule.test {
            Test::Integer { .. } | Test::Finite { .. } | Test::OneOf(_) => match seen {
                Seen::Value(_, Shape::Number(n)) => match number(&rule.test, n) {
                    Ok(n) => Value::Number(n),
                    Err(why) => {
                        self.record(refused(js_number(n), why));
                        stand_in_rule(rule)
                    }
                },
                seen => {
                    self.mismatch(rule.expected, &seen, nullable);
                    stand_in_rule(rule)
                }
            },
            Test::Text(test) => match seen {
                Seen::Value(node, Shape::String) => {
                    let text = self.source.text(node).unwrap_or_default();
                    match test(&text) {
                        Ok(reading) => read_as(text, reading),
                        Err(why) => {
                            self.record(refused(format!("a string ({})", quote(&text)), why));
                            stand_in_rule(rule)
                        }
                    }
                }
                seen => {
                    self.mismatch(rule.expected, &seen, nullable);
                    stand_in_rule(rule)
                }
            },
            Test::Moment(test) => self.moment(rule, *test, seen, nullable),
            Test::Js(test) => self.js(rule, *test, seen, nullable),
        }
    }

    /// A string or a `Date`; any other value is named as serde names it ("null" for
    /// `undefined` too), without "or null".
    fn moment(
        &mut self,
        rule: &'static Rule,
        test: fn(Moment<'_>) -> Result<Reading, Option<&'static str>>,
        seen: Seen,
        nullable: bool,
    ) -> Value<'a> {
        let refuse = |got: &str, why: Option<&'static str>| match why {
            Some(why) => format!("expected {}, got {got}: {why}", rule.expected),
            None => format!("expected {}, got {got}", rule.expected),
        };
        let (node, shape) = match seen {
            Seen::Value(node, shape) => (node, shape),
            seen => {
                self.mismatch(rule.expected, &seen, nullable);
                return stand_in_rule(rule);
            }
        };
        let got = match &shape {
            Shape::String => {
                let text = self.source.text(node).unwrap_or_default();
                match test(Moment::Text(&text)) {
                    Ok(reading) => return read_as(text, reading),
                    Err(why) => {
                        let message = refuse(&format!("a string ({})", quote(&text)), why);
                        self.record(message);
                        return stand_in_rule(rule);
                    }
                }
            }
            Shape::Date(ms) => match test(Moment::Instant(*ms)) {
                Ok(reading) => return read_as(Cow::Borrowed(""), reading),
                Err(why) => {
                    let got = if ms.is_nan() {
                        "an invalid Date"
                    } else {
                        "a Date"
                    };
                    self.record(refuse(got, why));
                    return stand_in_rule(rule);
                }
            },
            Shape::Number(n) => js_number(*n),
            Shape::Null | Shape::Undefined => "null".to_owned(),
            Shape::Bool(b) => b.to_string(),
            Shape::Array => "an array".to_owned(),
            Shape::Object => "an object".to_owned(),
            Shape::Other(_) => {
                self.mismatch(rule.expected, &Seen::Value(node, shape), nullable);
                return stand_in_rule(rule);
            }
        };
        self.record(refuse(&got, None));
        stand_in_rule(rule)
    }

    /// A JavaScript value (only callers' values have them). A string is never quoted back:
    /// only a token is read this way as a string.
    fn js(&mut self, rule: &'static Rule, test: JsTest, seen: Seen, nullable: bool) -> Value<'a> {
        let (node, shape) = match seen {
            Seen::Value(node, shape) => (node, shape),
            Seen::Missing(_) => {
                self.record(format!("is required; expected {}", rule.expected));
                return Value::Absent;
            }
            Seen::Unreadable => {
                self.record(UNREADABLE.to_owned());
                return Value::Absent;
            }
        };
        self.js_value(rule, test, node, shape, nullable)
    }

    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    fn js_value(
        &mut self,
        rule: &'static Rule,
        test: JsTest,
        node: Node,
        shape: Shape,
        _nullable: bool,
    ) -> Value<'a> {
        let value = self.source.kept(node);
        match super::js::accept(test, value) {
            Ok(accepted) => accepted,
            Err(why) => {
                let got = if shape == Shape::String && !matches!(test, JsTest::Date) {
                    "a string".to_owned()
                } else {
                    let text = self.text_of(node, &shape);
                    described(&shape, text.as_deref())
                };
                let message = match why {
                    Some(why) => format!("expected {}, got {got}: {why}", rule.expected),
                    None => format!("expected {}, got {got}", rule.expected),
                };
                self.record(message);
                Value::Absent
            }
        }
    }

    /// Without the JavaScript surface there are no JavaScript values to read: whatever stands
    /// there is the wrong kind.
    #[cfg(not(all(target_arch = "wasm32", feature = "js")))]
    fn js_value(
        &mut self,
        rule: &'static Rule,
        _test: JsTest,
        node: Node,
        shape: Shape,
        nullable: bool,
    ) -> Value<'a> {
        self.mismatch(rule.expected, &Seen::Value(node, shape), nullable);
        Value::Absent
    }
}

fn dotted(out: &mut String, name: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(name);
}

/// The value of text a test read.
pub(crate) fn read_as(text: Cow<'_, str>, reading: Reading) -> Value<'_> {
    match reading {
        Reading::AsIs => Value::Text(text),
        Reading::Normalised(text) => Value::Text(Cow::Owned(text)),
        Reading::Time(None, time) => Value::Time(text, time),
        Reading::Time(Some(text), time) => Value::Time(Cow::Owned(text), time),
    }
}

/// A number test: the number (`-0` read as `0`, as JavaScript writes it back), or why not.
pub(crate) fn number(test: &Test, n: f64) -> Result<f64, Option<&'static str>> {
    let accepted = match *test {
        Test::Integer { min, max } => {
            if n.is_finite() && n != n.trunc() {
                return Err(Some("not a whole number"));
            }
            !n.is_nan() && n >= min && n <= max
        }
        Test::Finite { min, exclusive } => {
            if !n.is_finite() {
                return Err(Some("not finite"));
            }
            if exclusive {
                n > min
            } else {
                n >= min
            }
        }
        Test::OneOf(numbers) => numbers.contains(&n),
        _ => false,
    };
    if accepted {
        Ok(n + 0.0)
    } else {
        Err(None)
    }
}

/// Why a list's items break its rule (how many, or one twice), if they do.
pub(crate) fn list_problem(list: &List, items: &[Value<'_>]) -> Option<String> {
    if let Some(Count { min, max, expected }) = &list.count {
        if items.len() < *min || items.len() > *max {
            return Some(if items.is_empty() {
                format!("expected {expected}, got an empty array")
            } else {
                format!("expected {expected}, got {}", items.len())
            });
        }
    }
    let distinct = list.distinct?;
    for (i, item) in items.iter().enumerate() {
        let Value::Number(n) = item else { continue };
        let first = items
            .iter()
            .take(i)
            .position(|other| matches!(other, Value::Number(m) if m == n));
        if let Some(first) = first {
            return Some(format!(
                "expected {distinct}, got {} twice (at [{first}] and [{i}])",
                js_number(*n)
            ));
        }
    }
    None
}

/// A valid value of the right shape, standing in for one that had a problem.
pub(crate) fn stand_in(description: &'static Description) -> Value<'static> {
    match &description.kind {
        Kind::Record(record) => {
            Value::Record(record.fields.iter().map(|f| stand_in(f.ty)).collect())
        }
        Kind::Nullable(_) => Value::Null,
        Kind::List(_) => Value::List(Vec::new()),
        Kind::Variants(_) => Value::Variant(0),
        Kind::Rule(rule) => stand_in_rule(rule),
        Kind::Text => Value::Text(Cow::Borrowed("")),
        Kind::Bool => Value::Bool(false),
    }
}

fn stand_in_rule(rule: &Rule) -> Value<'static> {
    match rule.test {
        Test::Integer { min, .. } => Value::Number(min),
        Test::Finite { min, exclusive } => Value::Number(if exclusive { min + 1.0 } else { min }),
        Test::OneOf(numbers) => Value::Number(numbers.first().copied().unwrap_or(0.0)),
        Test::Text(_) => Value::Text(Cow::Borrowed("")),
        Test::Moment(_) => Value::Time(Cow::Borrowed(""), DateTime::default()),
        Test::Js(_) => Value::Absent,
    }
}
