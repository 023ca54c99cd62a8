//! One attempt of a call: a token from the client's provider, one `fetch`, and what came back.
//!
//! The request is built by gloo-net (method, headers, body, `credentials: "omit"`,
//! `redirect: "manual"`, the attempt's signal) and sent with the global `fetch`, or the
//! caller's. A 2xx body is copied into Wasm memory once, where the endpoint checks it in one
//! pass (`crate::check`); another status's body is read for the server's message.

use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use js_sys::{ArrayBuffer, Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{RequestCredentials, RequestMode, RequestRedirect, Response, ResponseType};

use super::call::Body;
use super::options::{AccessToken, Secret};
use super::signal::{AttemptSignal, CallSignal};
use super::token::{Lease, Tokens};
use crate::check::messages::{described, shape_of};
use crate::endpoint::{too_large, Method, MAX_BODY_BYTES};
use crate::error::{Cause, Error, HttpFailure, Issue};
use crate::retry::parse_retry_after;
use crate::server_message::server_message;

/// Error bodies are only read for a message; a few KB is plenty.
const MAX_ERROR_BODY_BYTES: u32 = 64 * 1024;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (window or worker); `catch`: it may be missing or throw.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> Result<Promise, JsValue>;
}

/// What every attempt of a call sends.
pub(crate) struct Attempt<'a> {
    pub method: Method,
    pub url: String,
    pub query: &'a [(String, String)],
    pub body: Option<&'a str>,
    /// The caller's `fetch`, if it gave one.
    pub fetch: Option<&'a Function>,
    pub timeout_ms: u32,
}

/// How an attempt failed: the error, and the wait the server asked for (`Retry-After`).
pub(crate) type Failed = (Error, Option<u64>);

/// One attempt: the token of `lease` (awaited within the attempt's time limit when it comes
/// from a provider), one `fetch`, and its answer: the 2xx body, or why not. Also returns the
/// token it sent, to redact from echoes.
pub(crate) async fn attempt(
    attempt: &Attempt<'_>,
    call: &CallSignal,
    tokens: &Tokens,
    lease: &Lease,
) -> (Result<Body, Failed>, Option<Secret>) {
    let mut signal = match AttemptSignal::new(call, attempt.timeout_ms) {
        Ok(signal) => signal,
        Err(error) => return (Err((error, None)), None),
    };
    let token = match lease {
        Lease::Fixed(secret) => secret.clone(),
        Lease::Pending { promise, .. } => {
            let settled = signal.race(promise.clone()).await;
            if let Some(stopped) = signal.stopped(call, attempt.timeout_ms) {
                return (Err((stopped, None)), None);
            }
            tokens.settled(lease);
            let token = settled
                .map_err(|thrown| Error::Unauthorized {
                    status: None,
                    server_message: None,
                    retry_after_ms: None,
                    cause: Cause::of(thrown),
                })
                .and_then(token_from);
            match token {
                Ok(token) => token,
                Err(error) => return (Err((error, None)), None),
            }
        }
    };
    let outgoing = Outgoing {
        method: attempt.method,
        url: &attempt.url,
        query: attempt.query,
        body: attempt.body,
        token: token.expose(),
        fetch: attempt.fetch,
    };
    let exchanged = exchange(&outgoing, &mut signal).await;
    let stopped = signal.stopped(call, attempt.timeout_ms);
    if !matches!(stopped, Some(Error::Aborted { .. })) {
        // A caller's abort says nothing about the provider's token.
        tokens.settled(lease);
    }
    drop(signal);
    let failed = match exchanged {
        Ok(Answer::Success(body)) => return (Ok(body), Some(token)),
        Ok(Answer::Redirect(status)) => (
            Error::HttpError(HttpFailure {
                status,
                server_message: None,
                retry_after_ms: None,
            }),
            None,
        ),
        Ok(Answer::Failure {
            status,
            body,
            retry_after,
        }) => {
            let retry_after = retry_after
                .as_deref()
                .and_then(|v| parse_retry_after(v, js_sys::Date::now()));
            let said = server_message(&body);
            (Error::http(status, said, retry_after), retry_after)
        }
        Err(Broken::Threw(thrown)) => (
            stopped.unwrap_or_else(|| Error::NetworkError {
                method: attempt.method.as_str(),
                url: attempt.url.clone(),
                detail: innermost_message(&thrown),
                cause: Cause::of(thrown),
            }),
            None,
        ),
        Err(Broken::Error(error)) => (error, None),
    };
    (Err(failed), Some(token))
}

/// A provider's result as a token, or why it is not one.
fn token_from(value: JsValue) -> Result<Secret, Error> {
    let refused = |message: String| Error::InvalidConfig {
        context: "Invalid access token",
        issues: vec![Issue::new("accessToken", message)],
    };
    let Some(token) = value.as_string() else {
        return Err(refused(format!(
            "the function returned {}; expected a non-empty string",
            described(&shape_of(&value), None)
        )));
    };
    match AccessToken::fixed(token) {
        Ok(AccessToken::Fixed(secret)) => Ok(secret),
        Ok(AccessToken::Provider(_)) => Err(refused("the function returned a function".into())),
        Err(invalid) => Err(refused(format!(
            "the function returned {}: {}",
            invalid.got,
            invalid.why.unwrap_or("not a token")
        ))),
    }
}

/// What came back from one exchange.
enum Answer {
    /// A 2xx answer: its body, or why it was not read (too large).
    Success(Body),
    /// A redirect, not followed (status 0 for a browser's opaque redirect).
    Redirect(u16),
    /// Another status, with the start of its body and its `Retry-After`.
    Failure {
        /// The HTTP status.
        status: u16,
        /// The first bytes of the body.
        body: Vec<u8>,
        /// The `Retry-After` header, when the server sent it and CORS exposes it.
        retry_after: Option<String>,
    },
}

/// A request ready to go.
struct Outgoing<'a> {
    pub method: Method,
    pub url: &'a str,
    pub query: &'a [(String, String)],
    pub body: Option<&'a str>,
    pub token: &'a str,
    /// The caller's `fetch`, if it gave one.
    pub fetch: Option<&'a js_sys::Function>,
}

/// What a failed exchange threw, or the failure to build its request.
enum Broken {
    /// `fetch` or the body read rejected with this.
    Threw(JsValue),
    /// Not sendable, or the answer was not a `Response`.
    Error(Error),
}

/// Sends `request` and reads the answer, cancelled by `attempt`.
async fn exchange(request: &Outgoing<'_>, attempt: &mut AttemptSignal) -> Result<Answer, Broken> {
    let network = |detail: String| Error::NetworkError {
        method: request.method.as_str(),
        url: request.url.to_owned(),
        detail: Some(detail),
        cause: Cause::default(),
    };
    let method = match request.method {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
        Method::Put => HttpMethod::PUT,
        Method::Delete => HttpMethod::DELETE,
    };
    let mut builder = RequestBuilder::new(request.url)
        .method(method)
        .query(request.query.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .header("Accept", "application/json")
        .header("Authorization", &format!("bearer {}", request.token))
        .credentials(RequestCredentials::Omit)
        .redirect(RequestRedirect::Manual)
        .mode(RequestMode::Cors)
        .abort_signal(Some(&attempt.signal));
    // No `cache` option: `no-store` would also make browsers skip their CORS-preflight
    // cache, doubling every call's round trips. The API's own headers govern caching.
    let built = match request.body {
        Some(body) => {
            builder = builder.header("Content-Type", "application/json");
            builder.body(JsValue::from_str(body))
        }
        None => builder.build(),
    };
    let built = built.map_err(|e| Broken::Error(network(e.to_string())))?;
    let built = web_sys::Request::from(built);
    let sent = match request.fetch {
        // Whatever the caller's function returns (a promise or not) is awaited as a promise.
        Some(fetch) => fetch
            .call1(&JsValue::UNDEFINED, &built)
            .map(|r| Promise::resolve(&r)),
        None => global_fetch(&built),
    }
    .map_err(Broken::Threw)?;
    let raced = request.fetch.is_some();
    let response = attempt
        .until_stopped(sent, raced)
        .await
        .map_err(Broken::Threw)?;
    let response: Response = response.dyn_into().map_err(|_| {
        Broken::Error(network(
            "fetch resolved to something that is not a Response".into(),
        ))
    })?;
    let status = response.status();
    if response.type_() == ResponseType::Opaqueredirect || (300..400).contains(&status) {
        return Ok(Answer::Redirect(status));
    }
    let header = |name: &str| response.headers().get(name).ok().flatten();
    if (200..300).contains(&status) {
        let declared = header("Content-Length").and_then(|v| v.trim().parse::<u64>().ok());
        if declared.is_some_and(|n| n > u64::from(MAX_BODY_BYTES)) {
            return Ok(Answer::Success(Err(too_large())));
        }
        let buffer = read(&response, attempt, raced).await?;
        attempt.clean();
        if buffer.byte_length() > MAX_BODY_BYTES {
            return Ok(Answer::Success(Err(too_large())));
        }
        return Ok(Answer::Success(Ok(Uint8Array::new(&buffer).to_vec())));
    }
    let retry_after = header("Retry-After");
    let buffer = read(&response, attempt, raced).await?;
    attempt.clean();
    let end = buffer.byte_length().min(MAX_ERROR_BODY_BYTES);
    let body = Uint8Array::new_with_byte_offset_and_length(&buffer, 0, end).to_vec();
    Ok(Answer::Failure {
        status,
        body,
        retry_after,
    })
}

async fn read(
    response: &Response,
    attempt: &AttemptSignal,
    raced: bool,
) -> Result<ArrayBuffer, Broken> {
    let promise = response.array_buffer().map_err(Broken::Threw)?;
    let buffer = attempt
        .until_stopped(promise, raced)
        .await
        .map_err(Broken::Threw)?;
    Ok(buffer.unchecked_into())
}

/// What a rejected `fetch` says, innermost first: Node puts the real reason (`ECONNREFUSED`)
/// in `cause.cause`.
fn innermost_message(thrown: &JsValue) -> Option<String> {
    let mut message = None;
    let mut current = thrown.clone();
    for _ in 0..4 {
        if let Some(m) = Reflect::get(&current, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .filter(|m| !m.is_empty())
        {
            message = Some(m);
        }
        match Reflect::get(&current, &JsValue::from_str("cause")) {
            Ok(cause) if cause.is_object() => current = cause,
            _ => break,
        }
    }
    message
}
