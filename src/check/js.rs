//! A caller's JavaScript value as the engine's [`Source`]: requests, options, bookings passed
//! to the checks, values given to a Standard Schema.
//!
//! A caller's value may be hostile: every read that can run the caller's code (a getter, a
//! Proxy trap) is declared `catch`, so a throw becomes [`Unreadable`] instead of unwinding
//! through the Wasm module; `instanceof` checks are guarded by wasm-bindgen itself. Fields are
//! read in declaration order, each once.

use std::borrow::Cow;
use std::cell::RefCell;

use js_sys::{Array, JsString, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::describe::{JsTest, Record, Refusal};
use super::engine::{Found, Members, Node, Shape, Source, Unreadable};
use super::messages::shape_of;
use super::value::Value;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(catch, js_namespace = Object, js_name = keys)]
    fn own_keys(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = Array, js_name = from)]
    fn array_from(value: &JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(catch, js_namespace = JSON, js_name = parse)]
    fn json_parse_js(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// A caller's value and the values read from it, numbered as the engine's nodes.
pub(crate) struct Js {
    nodes: Vec<JsValue>,
}

impl Js {
    /// A source whose root (node 0) is `value`.
    pub(crate) fn new(value: JsValue) -> Js {
        Js { nodes: vec![value] }
    }

    fn value(&self, node: Node) -> JsValue {
        self.nodes
            .get(node as usize)
            .cloned()
            .unwrap_or(JsValue::UNDEFINED)
    }

    fn add(&mut self, value: JsValue) -> Node {
        self.nodes.push(value);
        (self.nodes.len() - 1) as Node
    }

    fn keys(&self, node: Node) -> Result<Vec<String>, Unreadable> {
        let keys = own_keys(&self.value(node)).map_err(|_| Unreadable)?;
        Ok(keys.iter().filter_map(|k| k.as_string()).collect())
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

impl Source<'static> for Js {
    fn shape(&mut self, node: Node) -> Shape {
        shape_of(&self.value(node))
    }

    fn text(&mut self, node: Node) -> Option<Cow<'static, str>> {
        self.value(node).as_string().map(Cow::Owned)
    }

    fn members(
        &mut self,
        node: Node,
        record: &Record,
        unknown: bool,
        also: &[&str],
    ) -> Result<Members, Unreadable> {
        let object = self.value(node);
        let count = own_keys(&object).map_err(|_| Unreadable)?.length() as usize;
        let mut keys: Option<Vec<String>> = None;
        let mut members = Members::default();
        let mut missing = false;
        for field in record.fields {
            let found = match Reflect::get(&object, &js_name(field.name)) {
                Err(_) => Found::Unreadable,
                Ok(value) if value.is_undefined() => {
                    missing = true;
                    let keys = keys.get_or_insert_with(|| self.keys(node).unwrap_or_default());
                    Found::Missing {
                        near: keys
                            .iter()
                            .find(|k| k.eq_ignore_ascii_case(field.name))
                            .cloned(),
                    }
                }
                Ok(value) => Found::Value(self.add(value)),
            };
            members.found.push(found);
        }
        // Exactly as many keys as fields, all present: nothing unknown to look for.
        if unknown && (missing || count != record.fields.len()) {
            let keys = match keys {
                Some(keys) => keys,
                None => self.keys(node).unwrap_or_default(),
            };
            members.unknown = keys
                .into_iter()
                .filter(|key| {
                    !record.fields.iter().any(|f| f.name == key) && !also.contains(&key.as_str())
                })
                .collect();
        }
        Ok(members)
    }

    fn entries(&mut self, node: Node) -> Result<Vec<(String, Found)>, Unreadable> {
        let object = self.value(node);
        let mut entries = Vec::new();
        for key in self.keys(node)? {
            let found = match Reflect::get(&object, &JsValue::from_str(&key)) {
                Err(_) => Found::Unreadable,
                Ok(value) if value.is_undefined() => Found::Missing { near: None },
                Ok(value) => Found::Value(self.add(value)),
            };
            entries.push((key, found));
        }
        Ok(entries)
    }

    fn items(&mut self, node: Node) -> Result<Vec<Node>, Unreadable> {
        let items = array_from(&self.value(node)).map_err(|_| Unreadable)?;
        Ok(items.iter().map(|item| self.add(item)).collect())
    }

    fn kept(&mut self, node: Node) -> JsValue {
        self.value(node)
    }
}

/// Whether a JavaScript value passes a [`JsTest`]: the value as kept, or why not.
pub(crate) fn accept(test: JsTest, value: JsValue) -> Result<Value<'static>, Refusal> {
    match test {
        JsTest::Token(check) => {
            if let Some(token) = value.as_string() {
                return match check(&token) {
                    None => Ok(Value::Text(Cow::Owned(token))),
                    why => Err(why),
                };
            }
            value
                .dyn_into::<js_sys::Function>()
                .map(|f| Value::Js(f.into()))
                .map_err(|_| None)
        }
        JsTest::Function => value
            .dyn_into::<js_sys::Function>()
            .map(|f| Value::Js(f.into()))
            .map_err(|_| None),
        JsTest::AbortSignal => value
            .dyn_into::<web_sys::AbortSignal>()
            .map(|s| Value::Js(s.into()))
            .map_err(|_| None),
        JsTest::Date => value
            .dyn_ref::<js_sys::Date>()
            .map(js_sys::Date::get_time)
            .filter(|t| t.is_finite())
            .map(Value::Number)
            .ok_or(None),
        JsTest::Json => Ok(Value::Js(value)),
        JsTest::StandardSchema => {
            let validate = Reflect::get(&value, &JsValue::from_str("~standard"))
                .ok()
                .filter(JsValue::is_object)
                .and_then(|standard| Reflect::get(&standard, &JsValue::from_str("validate")).ok());
            match validate {
                Some(validate) if validate.is_function() => Ok(Value::Js(value)),
                _ => Err(Some("it has no `~standard.validate` function")),
            }
        }
    }
}

/// The engine's `JSON.parse` of a text the SDK checked: the value handed to JavaScript.
pub(crate) fn parse(text: &str) -> Result<JsValue, JsValue> {
    json_parse(text)
}

/// The engine's `JSON.parse` of a JavaScript string the SDK checked (a copy of it): the text is
/// not copied out of Wasm again.
pub(crate) fn parse_js(text: &JsValue) -> Result<JsValue, JsValue> {
    json_parse_js(text)
}
