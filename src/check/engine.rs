//! The engine: one walk of a value against a [`Description`], every problem recorded at its
//! path, the value read as its description has it.
//!
//! The walk asks a [`Source`] about the value (its kind, a record's fields, a list's items), so
//! the same walk reads an answer's JSON (`super::json`, inside Wasm) and a caller's JavaScript
//! value (`super::js`, property by property). It never stops early: a part with a problem is
//! reported once, at its path, and replaced by a stand-in of the right shape, so the parts
//! after it are read too and one walk lists every problem, in declaration order.

use std::borrow::Cow;

use super::describe::{Description, Kind, List, Map, Record};
use super::leaves::{list_problem, stand_in};
use super::messages::{described, quote, unknown_key, UNREADABLE};
use super::value::Value;
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
    /// The keys of the object `node` and what stands at each, in order.
    fn entries(&mut self, node: Node) -> Result<Vec<(String, Found)>, Unreadable>;
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
    Key(String),
    Index(usize),
}

/// A value as the walk meets it: with its kind, when there is one.
pub(super) enum Seen {
    Value(Node, Shape),
    Missing(Option<String>),
    Unreadable,
}

pub(super) struct Walk<'s, 'a, 'k> {
    pub(super) source: &'s mut dyn Source<'a>,
    pub(super) mode: Mode,
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
                Segment::Key(key) => dotted(&mut out, key),
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
    pub(super) fn record(&mut self, message: String) {
        let path = self.path();
        self.record_at(path, message);
    }

    pub(super) fn record_at(&mut self, path: String, message: String) {
        if self.issues.iter().all(|issue| issue.path != path) {
            self.issues.push(Issue::new(path, message));
        }
    }

    /// Records that the value is not what `expected` describes.
    pub(super) fn mismatch(&mut self, expected: &str, seen: &Seen, nullable: bool) {
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

    pub(super) fn text_of(&mut self, node: Node, shape: &Shape) -> Option<Cow<'a, str>> {
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
            Kind::Map(map) => self.map(map, seen, nullable),
        }
    }

    /// An object of any keys; a key holding `undefined` is left out.
    fn map(&mut self, map: &'static Map, seen: Seen, nullable: bool) -> Value<'a> {
        let entries = match &seen {
            Seen::Value(node, Shape::Object) => self.source.entries(*node).ok(),
            _ => None,
        };
        let Some(entries) = entries else {
            let seen = match seen {
                Seen::Value(_, Shape::Object) => Seen::Unreadable,
                other => other,
            };
            self.mismatch(map.expected, &seen, nullable);
            return Value::Map(Vec::new());
        };
        let mut values = Vec::with_capacity(entries.len());
        for (key, found) in entries {
            if matches!(found, Found::Missing { .. }) {
                continue;
            }
            let seen = self.see(found);
            self.path.push(Segment::Key(key.clone()));
            let value = self.check(map.value, seen, false);
            self.path.pop();
            values.push((Cow::Owned(key), value));
        }
        Value::Map(values)
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
            // At the root, the keys of the types read from the same object are known too
            // (`request()`'s options hold the request and the call's options).
            let mut known: Vec<&str> = record.fields.iter().map(|f| f.name).collect();
            if self.path.is_empty() {
                known.extend(self.also.iter().copied());
            }
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
}

fn dotted(out: &mut String, name: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(name);
}
