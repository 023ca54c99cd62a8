//! JavaScript values as [`Node`]s: what callers pass, and what `JSON.parse` made of an answer.
//!
//! A caller's value may be hostile: every read that can run the caller's code (a getter, a
//! Proxy trap) is then declared `catch`, so a throw becomes [`Unreadable`] instead of
//! unwinding through the Wasm module; `instanceof` checks are guarded by wasm-bindgen itself.
//! What `JSON.parse` made holds plain data only, so it is read with plain property access,
//! which is much faster than a `try`/`catch` per read.

use std::cell::{Cell, RefCell};
use std::fmt;

use js_sys::{Array, JsString, Reflect};
use serde::de::{Deserializer, Visitor};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::{Node, Shape, Stop, Unreadable};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = isArray)]
    fn is_array(value: &JsValue) -> Result<bool, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<Array, JsValue>;
    /// Any object, read by plain property access (`object[key]`).
    type Plain;
    #[wasm_bindgen(method, indexing_getter)]
    fn get(this: &Plain, key: &JsString) -> JsValue;
}

/// A JavaScript value, and whether it is plain data (`JSON.parse`'s output).
#[derive(Debug, Clone)]
pub struct Js {
    value: JsValue,
    json: bool,
}

impl Js {
    /// A value a caller passed: read defensively.
    pub fn from_caller(value: JsValue) -> Self {
        Js { value, json: false }
    }

    /// What `JSON.parse` returned: plain data.
    pub fn from_json(value: JsValue) -> Self {
        Js { value, json: true }
    }

    fn child(&self, value: JsValue) -> Self {
        Js {
            value,
            json: self.json,
        }
    }
}

thread_local! {
    /// Field names as JavaScript strings, made once (they are `'static`, keyed by address).
    static NAMES: RefCell<Vec<(usize, JsString)>> = const { RefCell::new(Vec::new()) };
}

fn js_name(name: &'static str) -> JsString {
    let key = name.as_ptr() as usize;
    NAMES.with(|names| {
        let Ok(mut names) = names.try_borrow_mut() else {
            return JsString::from(name);
        };
        if let Some((_, js)) = names.iter().find(|(k, _)| *k == key) {
            return js.clone();
        }
        let js = JsString::from(name);
        names.push((key, js.clone()));
        js
    })
}

impl Node for Js {
    type Leaf = Kept;

    fn shape(&self) -> Shape {
        let v = &self.value;
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
        } else if self.json {
            if Array::is_array(v) {
                Shape::Array
            } else {
                Shape::Object
            }
        } else if v.is_function() {
            Shape::Other("a function")
        } else if v.is_bigint() {
            Shape::Other("a bigint")
        } else if v.is_symbol() {
            Shape::Other("a symbol")
        } else if is_array(v).unwrap_or(false) {
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

    fn text(&self) -> Option<String> {
        self.value.as_string()
    }

    fn key_count(&self) -> Option<usize> {
        own_keys(&self.value)
            .ok()
            .map(|keys| keys.length() as usize)
    }

    fn keys(&self) -> Result<Vec<String>, Unreadable> {
        let keys = own_keys(&self.value).map_err(|_| Unreadable)?;
        Ok(keys.iter().filter_map(|k| k.as_string()).collect())
    }

    fn get(&self, key: &str) -> Result<Option<Self>, Unreadable> {
        let value = Reflect::get(&self.value, &JsValue::from_str(key)).map_err(|_| Unreadable)?;
        Ok((!value.is_undefined()).then(|| self.child(value)))
    }

    fn field(&self, name: &'static str) -> Result<Option<Self>, Unreadable> {
        let key = js_name(name);
        let value = if self.json {
            self.value.unchecked_ref::<Plain>().get(&key)
        } else {
            Reflect::get(&self.value, &key).map_err(|_| Unreadable)?
        };
        Ok((!value.is_undefined()).then(|| self.child(value)))
    }

    fn items(&self) -> Result<Vec<Self>, Unreadable> {
        let items = array_from(&self.value).map_err(|_| Unreadable)?;
        Ok(items.iter().map(|item| self.child(item)).collect())
    }

    fn into_leaf(self) -> Self::Leaf {
        Kept(self.value)
    }

    fn missing() -> Self {
        Js::from_caller(JsValue::UNDEFINED)
    }
}

// --- values kept as they are ----------------------------------------------------------------
//
// A token function, an `AbortSignal`, a `Date`: values serde has no words for. [`value`] asks
// the reader for a tuple struct of a reserved name; the reader hands the node's [`Kept`]
// deserializer over, which leaves the JavaScript value in [`KEPT`] for [`value`] to take.
// (serde-wasm-bindgen's `preserve` does the same through its own deserializer, which brings
// its whole number and error machinery, float formatting included, into the `.wasm`:
// about 13 KB raw, 5.5 KB gzip.)

/// The reserved name.
const KEEP: &str = "adultwork_sdk::decode::js::Kept";

thread_local! {
    /// The value [`Kept`] hands to [`value`].
    static KEPT: Cell<Option<JsValue>> = const { Cell::new(None) };
}

/// The deserializer of a JavaScript value as it is: it only answers [`value`].
pub struct Kept(JsValue);

impl<'de> Deserializer<'de> for Kept {
    type Error = Stop;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Stop> {
        KEPT.with(|kept| kept.set(Some(self.0)));
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Reads the JavaScript value a [`super::Reader`] over [`Js`] is at, as it is (`undefined`
/// when it is missing). Any other deserializer refuses.
pub fn value<'de, D: Deserializer<'de>>(d: D) -> Result<JsValue, D::Error> {
    struct Take;
    impl<'de> Visitor<'de> for Take {
        type Value = JsValue;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JavaScript value")
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<JsValue, E> {
            KEPT.with(Cell::take)
                .ok_or_else(|| E::custom("expected a JavaScript value"))
        }
    }
    KEPT.with(|kept| kept.set(None));
    d.deserialize_tuple_struct(KEEP, 0, Take)
}
