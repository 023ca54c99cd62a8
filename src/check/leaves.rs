//! The leaves of the walk: a value against its rule (numbers with their bounds, texts and
//! moments through their tests, JavaScript values), the rule of a whole list, and the
//! stand-ins that take a wrong value's place.

use std::borrow::Cow;

use super::describe::{Count, Description, JsTest, Kind, List, Moment, Reading, Rule, Test};
use super::engine::{Node, Seen, Shape, Walk};
#[cfg(all(target_arch = "wasm32", feature = "js"))]
use super::messages::described;
use super::messages::{js_number, quote, UNREADABLE};
use super::value::Value;
use crate::datetime::DateTime;

impl<'a> Walk<'_, 'a, '_> {
    pub(super) fn rule(&mut self, rule: &'static Rule, seen: Seen, nullable: bool) -> Value<'a> {
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
            Test::Scalar => match seen {
                Seen::Value(node, Shape::String) => {
                    Value::Text(self.source.text(node).unwrap_or_default())
                }
                Seen::Value(_, Shape::Number(n)) if n.is_finite() => Value::Number(n + 0.0),
                Seen::Value(_, Shape::Bool(b)) => Value::Bool(b),
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
        Kind::Map(_) => Value::Map(Vec::new()),
    }
}

fn stand_in_rule(rule: &Rule) -> Value<'static> {
    match rule.test {
        Test::Integer { min, .. } => Value::Number(min),
        Test::Finite { min, exclusive } => Value::Number(if exclusive { min + 1.0 } else { min }),
        Test::OneOf(numbers) => Value::Number(numbers.first().copied().unwrap_or(0.0)),
        Test::Text(_) | Test::Scalar => Value::Text(Cow::Borrowed("")),
        Test::Moment(_) => Value::Time(Cow::Borrowed(""), DateTime::default()),
        Test::Js(_) => Value::Absent,
    }
}
