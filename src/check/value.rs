//! What the engine makes of a value it checked: the value as its description has it (a record's
//! fields in declaration order, an enum as its index, leaves as their rules read them), from
//! which the Rust value is built (`FromChecked`) and, for JavaScript, the answer handed over
//! (`Shown`, through serde-wasm-bindgen).

use std::borrow::Cow;

#[cfg(all(target_arch = "wasm32", feature = "js"))]
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

#[cfg(all(target_arch = "wasm32", feature = "js"))]
use super::describe::{Description, Kind};
use crate::datetime::DateTime;

/// A checked value. Where a part had a problem it holds a stand-in of the right shape, so that
/// the rest can still be read and checked (the problem is reported; the value is never handed
/// out).
#[derive(Debug, Clone)]
pub enum Value<'a> {
    /// An optional field left out (a request's).
    Absent,
    /// `null` (or `undefined`) where the type allows it.
    Null,
    /// A boolean.
    Bool(bool),
    /// A number (never `-0`: a checked number reads as JavaScript writes it back).
    Number(f64),
    /// A string.
    Text(Cow<'a, str>),
    /// A date-time: its text, and what it was read as.
    Time(Cow<'a, str>, DateTime),
    /// An enum's value, as the index of its name.
    Variant(u32),
    /// A list's items.
    List(Vec<Value<'a>>),
    /// A record's fields, one per described field, in declaration order.
    Record(Vec<Value<'a>>),
    /// An object's keys and values, in order (a map).
    Map(Vec<(Cow<'a, str>, Value<'a>)>),
    /// A JavaScript value kept as it is (a token function, an `AbortSignal`).
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    Js(wasm_bindgen::JsValue),
}

/// A checked value with its description: serializes as the documented JSON value (fields by
/// their wire names, in order; enums by name), the form JavaScript callers receive.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub struct Shown<'v, 'a> {
    /// What it is.
    pub description: &'static Description,
    /// The value.
    pub value: &'v Value<'a>,
}

#[cfg(all(target_arch = "wasm32", feature = "js"))]
impl Serialize for Shown<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let shown = |description, value| Shown { description, value };
        match (&self.description.kind, self.value) {
            (Kind::Nullable(inner), value) => match value {
                Value::Null | Value::Absent => s.serialize_unit(),
                value => shown(inner, value).serialize(s),
            },
            (Kind::Record(record), Value::Record(fields)) => {
                let mut map = s.serialize_map(Some(fields.len()))?;
                for (field, value) in record.fields.iter().zip(fields) {
                    if !matches!(value, Value::Absent) {
                        map.serialize_entry(field.name, &shown(field.ty, value))?;
                    }
                }
                map.end()
            }
            (Kind::Map(map), Value::Map(entries)) => {
                let mut out = s.serialize_map(Some(entries.len()))?;
                for (key, value) in entries {
                    out.serialize_entry(key.as_ref(), &shown(map.value, value))?;
                }
                out.end()
            }
            (Kind::List(list), Value::List(items)) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&shown(list.item, item))?;
                }
                seq.end()
            }
            (Kind::Variants(variants), Value::Variant(index)) => {
                let name = variants.names.get(*index as usize).copied();
                s.serialize_str(name.unwrap_or_default())
            }
            (_, Value::Bool(b)) => s.serialize_bool(*b),
            (_, Value::Number(n)) => s.serialize_f64(*n),
            (_, Value::Text(text) | Value::Time(text, _)) => s.serialize_str(text),
            _ => s.serialize_unit(),
        }
    }
}
