//! One HTTP attempt, and the waits between attempts.
//!
//! The browser calls themselves (headers, `fetch` with `credentials: "omit"` and
//! `redirect: "manual"`, the per-attempt `AbortController`, its timer and its link to the
//! caller's signal, reading the body) are one call into `runtime.js`; this module turns what
//! comes back into an [`Answer`] or a typed [`Failure`].

use js_sys::{Array, JsString, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::js::{self, Failure};
use crate::error::{Error, ErrorKind};
use crate::schema::MAX_BODY_BYTES;

/// Error bodies are only read for a message; a few KB is plenty.
const MAX_ERROR_BODY_BYTES: u32 = 64 * 1024;

/// A response, read.
pub struct Answer {
    /// HTTP status (0 for a browser's opaque redirect).
    pub status: u16,
    /// The body bytes (capped).
    pub body: Vec<u8>,
    /// The `Retry-After` header, when the server sent one and CORS exposes it.
    pub retry_after: Option<String>,
    /// Whether the response was a redirect that was not followed.
    pub redirect: bool,
    /// Whether a success body was over the size limit, and so left unread (never copied into
    /// Wasm memory, so a hostile server cannot grow the module's memory).
    pub oversized: bool,
}

/// How an attempt ended, when it produced an answer: the answer and the token it used.
pub type Attempted = (Result<Answer, Failure>, Option<JsString>);

/// The failure for a caller signal that fired.
pub fn aborted() -> Failure {
    Error::new(
        ErrorKind::Aborted,
        "The request was aborted by its AbortSignal",
    )
    .into()
}

fn timed_out(timeout_ms: u32) -> Failure {
    let mut m = String::from("The request took longer than ");
    crate::json::write_int(&mut m, i64::from(timeout_ms));
    m.push_str(" ms (timeoutMs) and was abandoned");
    Error::new(ErrorKind::Timeout, m).into()
}

/// Sends one request and reads its answer. `token` is the token or a promise of it.
pub async fn send(
    method: &str,
    url: &str,
    body: Option<&str>,
    token: &JsValue,
    timeout_ms: u32,
    signal: &JsValue,
) -> Attempted {
    let promise = js::attempt(
        method,
        url,
        body.map(str::to_owned),
        token,
        timeout_ms,
        signal,
        MAX_BODY_BYTES as u32,
        MAX_ERROR_BODY_BYTES,
    );
    match JsFuture::from(promise).await {
        Ok(value) => {
            let parts: Array = value.unchecked_into();
            let token = parts.get(4).dyn_into::<JsString>().ok();
            (Ok(answer(&parts)), token)
        }
        Err(thrown) => (Err(failure(thrown, timeout_ms)), None),
    }
}

fn answer(parts: &Array) -> Answer {
    let status = parts.get(0).as_f64().unwrap_or(0.0) as u16;
    let flags = parts.get(3).as_f64().unwrap_or(0.0) as u8;
    let body = parts
        .get(1)
        .dyn_into::<Uint8Array>()
        .map(|b| b.to_vec())
        .unwrap_or_default();
    Answer {
        status,
        body,
        retry_after: parts.get(2).as_string(),
        redirect: flags == 1,
        oversized: flags == 2,
    }
}

/// Maps runtime.js's `[what, cause]` rejection to a typed failure.
fn failure(thrown: JsValue, timeout_ms: u32) -> Failure {
    let parts: Array = thrown.unchecked_into();
    let what = parts.get(0).as_string().unwrap_or_default();
    let cause = parts.get(1);
    match what.as_str() {
        "Timeout" => timed_out(timeout_ms),
        "Aborted" => aborted(),
        "TokenFailed" => Failure::caused(
            ErrorKind::Unauthorized,
            "The accessToken function threw or rejected, so no token was available (see `cause`)",
            cause,
        ),
        "TokenInvalid" => {
            let mut m = String::from("The accessToken function returned ");
            m.push_str(&cause.as_string().unwrap_or_default());
            m.push_str("; expected a non-empty string");
            Error::new(ErrorKind::InvalidConfig, m).into()
        }
        "TokenHeader" => Failure::caused(
            ErrorKind::InvalidConfig,
            "The access token is not a valid HTTP header value (a line break or a character outside Latin-1)",
            cause,
        ),
        _ => Failure::caused(
            ErrorKind::NetworkError,
            "The request failed without an answer (offline, DNS, CORS, or the connection broke)",
            cause,
        ),
    }
}

/// Waits `ms` milliseconds, or stops early when `signal` fires.
pub async fn sleep(ms: u64, signal: &JsValue) -> Result<(), Failure> {
    let ms = u32::try_from(ms).unwrap_or(u32::MAX);
    JsFuture::from(js::sleep(ms, signal))
        .await
        .map(drop)
        .map_err(|_| aborted())
}
