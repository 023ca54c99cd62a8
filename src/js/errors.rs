//! How an [`Error`] reaches JavaScript: an `AdultWorkError` (`pkg-template/errors.js`, a real
//! `Error` subclass, which a Wasm module cannot declare) whose own properties are the variant
//! serialized by serde-wasm-bindgen (`kind`, `status`, `serverMessage`, `issues`,
//! `retryAfterMs`), plus `cause` when there is one.

use js_sys::Reflect;
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::error::Error;

#[wasm_bindgen(module = "/pkg-template/errors.js")]
extern "C" {
    /// The SDK's error class (a real `Error` subclass, which a Wasm module cannot declare).
    #[wasm_bindgen(js_name = AdultWorkError)]
    type JsAdultWorkError;
    #[wasm_bindgen(constructor, js_class = "AdultWorkError")]
    fn new(kind: &JsValue, message: &str, details: &JsValue) -> JsAdultWorkError;
}

/// The `AdultWorkError` for `error`: its own properties are the variant serialized (`kind`,
/// `status`, `serverMessage`, `issues`, `retryAfterMs`), plus `cause` when there is one.
pub(crate) fn to_js(error: Error) -> JsValue {
    to_js_caused(error, None)
}

/// [`to_js`], with `cause` as the error's `cause` when the variant carries none of its own
/// (what a `request()` schema threw, for `InvalidResponse`).
pub(crate) fn to_js_caused(error: Error, cause: Option<JsValue>) -> JsValue {
    let details = error
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| js_sys::Object::new().into());
    let kind = Reflect::get(&details, &JsValue::from_str("kind")).unwrap_or(JsValue::UNDEFINED);
    let cause = match &error {
        Error::Unauthorized { cause, .. }
        | Error::NetworkError { cause, .. }
        | Error::Timeout { cause, .. }
        | Error::Aborted { cause } => cause.value().cloned(),
        _ => cause,
    };
    if let Some(cause) = cause {
        let _ = Reflect::set(&details, &JsValue::from_str("cause"), &cause);
    }
    JsAdultWorkError::new(&kind, &error.to_string(), &details).into()
}

/// `error` with `token` (if any) redacted.
pub(crate) fn redacted_str(mut error: Error, token: Option<&str>) -> Error {
    if let Some(token) = token {
        error.redact(token);
    }
    error
}
