//! serde_json values as decoder [`Node`]s, so that the native tests (and the fuzz target) run
//! the very decoder the browser runs, with serde_json standing in for the engine's `JSON.parse`.
//! Included with `#[path]` by tests/corpus.rs, tests/decode.rs and the fuzz target.

#![allow(dead_code)]

use adultwork_sdk::decode::{Node, Shape, Unreadable};
use serde::de::{self, Deserializer, Visitor};
use serde_json::Value;

/// A JSON value.
#[derive(Debug, Clone)]
pub struct JsonNode(pub Value);

/// A JSON leaf, visited as `JSON.parse` would hand it over: integers that JavaScript holds
/// exactly as integers, other numbers as floats.
pub struct Leaf(Value);

impl Node for JsonNode {
    type Leaf = Leaf;

    fn shape(&self) -> Shape {
        match &self.0 {
            Value::Null => Shape::Null,
            Value::Bool(b) => Shape::Bool(*b),
            Value::Number(n) => Shape::Number(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(_) => Shape::String,
            Value::Array(_) => Shape::Array,
            Value::Object(_) => Shape::Object,
        }
    }

    fn text(&self) -> Option<String> {
        self.0.as_str().map(str::to_owned)
    }

    fn key_count(&self) -> Option<usize> {
        self.0.as_object().map(|o| o.len())
    }

    fn keys(&self) -> Result<Vec<String>, Unreadable> {
        Ok(self
            .0
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default())
    }

    fn get(&self, key: &str) -> Result<Option<Self>, Unreadable> {
        Ok(self.0.get(key).cloned().map(JsonNode))
    }

    fn items(&self) -> Result<Vec<Self>, Unreadable> {
        Ok(self
            .0
            .as_array()
            .map(|a| a.iter().cloned().map(JsonNode).collect())
            .unwrap_or_default())
    }

    fn into_leaf(self) -> Leaf {
        Leaf(self.0)
    }

    fn missing() -> Self {
        JsonNode(Value::Null)
    }
}

impl<'de> Deserializer<'de> for Leaf {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Number(n) => {
                let f = n.as_f64().unwrap_or(f64::NAN);
                if f == f.trunc() && f.abs() <= 9_007_199_254_740_991.0 {
                    visitor.visit_i64(f as i64)
                } else {
                    visitor.visit_f64(f)
                }
            }
            other => other.deserialize_any(visitor).map_err(de::Error::custom),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// Reads JSON text as the browser does before decoding: `JSON.parse`, here serde_json.
pub fn parse(text: &str) -> Result<JsonNode, serde_json::Error> {
    serde_json::from_str(text).map(JsonNode)
}

/// Why serde_json refused a text that `JSON.parse` may still accept: such a body can only be
/// judged in a browser (tests/browser_validation.rs serves every corpus file to both).
pub fn stricter_than_json_parse(e: &serde_json::Error) -> bool {
    let said = e.to_string();
    // A lone surrogate escape reads as "unexpected end of hex escape" or "lone … surrogate".
    [
        "surrogate",
        "hex escape",
        "number out of range",
        "recursion limit",
    ]
    .iter()
    .any(|reason| said.contains(reason))
}

/// What the browser does with a 2xx body before decoding, with serde_json as `JSON.parse`:
/// the size limit, strict UTF-8 (one byte order mark dropped), then JSON. `Err(None)` when
/// serde_json is stricter than `JSON.parse` about this text.
pub fn parse_body(body: &[u8]) -> Result<JsonNode, Option<adultwork_sdk::Issue>> {
    use adultwork_sdk::{endpoint, Issue};
    if body.len() > endpoint::MAX_BODY_BYTES as usize {
        return Err(Some(endpoint::too_large()));
    }
    let root = |m: &str| Err(Some(Issue::new("", m)));
    let Ok(text) = std::str::from_utf8(body) else {
        return root("the body is not valid UTF-8");
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    match serde_json::from_str(text) {
        Ok(value) => Ok(JsonNode(value)),
        Err(e) if stricter_than_json_parse(&e) => Err(None),
        Err(e) => root(&format!("the body is not valid JSON ({e})")),
    }
}

/// Whether serde_json is stricter than `JSON.parse` about this error body, so that only a
/// browser can say what message it carries.
pub fn error_body_needs_a_browser(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(body);
    let text = text.trim_start_matches('\u{FEFF}').trim();
    text.starts_with(['{', '"'])
        && serde_json::from_str::<Value>(text).is_err_and(|e| stricter_than_json_parse(&e))
}

/// The engine's reading of an error body that looks like JSON, with serde_json.
pub fn parse_error_body(text: &str) -> Option<JsonNode> {
    serde_json::from_str(text).ok().map(JsonNode)
}
