//! The seam with the hand-written JavaScript (`pkg-template/runtime.js` and `errors.js`):
//! reading arguments, and turning an [`Error`] into a real `AdultWorkError`.

use js_sys::{JsString, Promise};
use wasm_bindgen::prelude::*;

use crate::error::{Error, ErrorKind};
use crate::input::Given;
use crate::json;

#[wasm_bindgen(module = "/pkg-template/errors.js")]
extern "C" {
    #[wasm_bindgen(js_name = fromWasm)]
    fn from_wasm(
        kind: &str,
        message: &str,
        details: &str,
        cause: &JsValue,
        secret: Option<&JsString>,
    ) -> JsValue;
}

#[wasm_bindgen(module = "/pkg-template/runtime.js")]
extern "C" {
    fn describe(value: &JsValue, known: Vec<JsString>) -> String;
    /// Calls the caller's token function; always a promise.
    pub fn invoke(provider: &js_sys::Function) -> Promise;
    /// One HTTP attempt (see runtime.js).
    #[allow(clippy::too_many_arguments)]
    pub fn attempt(
        method: &str,
        url: &str,
        body: Option<String>,
        token: &JsValue,
        timeout_ms: u32,
        signal: &JsValue,
        max_bytes: u32,
        max_error_bytes: u32,
    ) -> Promise;
    /// Waits, or rejects with "Aborted" when the signal fires.
    pub fn sleep(ms: u32, signal: &JsValue) -> Promise;
    /// A string's UTF-8 bytes (a `Uint8Array` is passed through), or `undefined`.
    pub fn utf8(value: &JsValue) -> JsValue;
    /// The `AbortSignal` in a call's options, or `undefined`.
    #[wasm_bindgen(js_name = signalOf)]
    pub fn signal_of(options: &JsValue) -> JsValue;
}

/// Reads an argument into plain data in one crossing. `known` keys are read even when they
/// live on a prototype (getters).
pub fn given(value: &JsValue, known: &[&str]) -> Given {
    let known = known.iter().map(|k| JsString::from(*k)).collect();
    Given::from_description(&describe(value, known))
}

/// An [`Error`] plus the JavaScript value that caused it, if any (set as `error.cause`).
pub struct Failure {
    /// The SDK error.
    pub error: Error,
    /// The underlying JavaScript error (a `fetch` TypeError, what a token function threw).
    pub cause: JsValue,
}

impl From<Error> for Failure {
    fn from(error: Error) -> Self {
        Failure {
            error,
            cause: JsValue::UNDEFINED,
        }
    }
}

impl Failure {
    /// A failure of `kind` caused by `cause`.
    pub fn caused(kind: ErrorKind, message: &str, cause: JsValue) -> Self {
        Failure {
            error: Error::new(kind, message),
            cause,
        }
    }
}

/// Builds the `AdultWorkError` for `failure`. `secret` is the access token of the call, if one
/// was in use; `errors.js` redacts it from anything a server echoed back.
pub fn to_js_error(failure: Failure, secret: Option<&JsString>) -> JsValue {
    let Failure { error, cause } = failure;
    let mut details = String::from("{");
    let field = |out: &mut String, name: &str| {
        if out.len() > 1 {
            out.push(',');
        }
        json::write_str(out, name);
        out.push(':');
    };
    if let Some(status) = error.status {
        field(&mut details, "status");
        json::write_int(&mut details, i64::from(status));
    }
    if let Some(said) = &error.server_message {
        field(&mut details, "serverMessage");
        json::write_str(&mut details, said);
    }
    if !error.issues.is_empty() {
        field(&mut details, "issues");
        for (i, issue) in error.issues.iter().enumerate() {
            details.push_str(if i == 0 { "[{\"path\":" } else { ",{\"path\":" });
            json::write_str(&mut details, &issue.path);
            details.push_str(",\"message\":");
            json::write_str(&mut details, &issue.message);
            details.push('}');
        }
        details.push(']');
    }
    if let Some(ms) = error.retry_after_ms {
        field(&mut details, "retryAfterMs");
        json::write_int(&mut details, i64::try_from(ms).unwrap_or(i64::MAX));
    }
    details.push('}');
    from_wasm(
        error.kind.as_str(),
        &error.message,
        &details,
        &cause,
        secret,
    )
}
