//! One HTTP exchange, its time limit and cancellation, and the waits between attempts.
//!
//! The request is built by gloo-net (method, headers, body, `credentials: "omit"`,
//! `redirect: "manual"`, the signal) and sent with the global `fetch`. Signals are plain
//! `AbortController`s joined with `AbortSignal.any`, so the SDK never adds a listener to the
//! caller's signal; timers are gloo-timers handles, cleared when dropped. A body is copied into
//! Wasm memory once, where it is checked in one pass (`crate::check`).

use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use gloo_events::EventListener;
use gloo_net::http::{Method as HttpMethod, RequestBuilder};
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, ArrayBuffer, JsString, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    AbortController, AbortSignal, AddEventListenerOptions, RequestCredentials, RequestMode,
    RequestRedirect, Response, ResponseType,
};

use crate::endpoint::{too_large, Method, MAX_BODY_BYTES};
use crate::error::{Cause, Error, Issue};

/// Error bodies are only read for a message; a few KB is plenty.
const MAX_ERROR_BODY_BYTES: u32 = 64 * 1024;

#[wasm_bindgen]
extern "C" {
    /// The global `fetch` (window or worker); `catch`: it may be missing or throw.
    #[wasm_bindgen(catch, js_name = fetch)]
    fn global_fetch(request: &web_sys::Request) -> Result<Promise, JsValue>;
}

/// The first of two futures to finish.
pub(crate) enum First<A, B> {
    /// The first one.
    A(A),
    /// The second one.
    B(B),
}

/// Runs two futures until one finishes; the other is dropped.
pub(crate) async fn first<A: Future, B: Future>(a: A, b: B) -> First<A::Output, B::Output> {
    let mut a = pin!(a);
    let mut b = pin!(b);
    poll_fn(|cx| {
        if let Poll::Ready(out) = a.as_mut().poll(cx) {
            return Poll::Ready(First::A(out));
        }
        if let Poll::Ready(out) = b.as_mut().poll(cx) {
            return Poll::Ready(First::B(out));
        }
        Poll::Pending
    })
    .await
}

/// A promise that resolves once `signal` aborts, made and listened to in JavaScript alone
/// (it holds no Rust callback, so one that never settles leaks nothing).
fn abort_promise(signal: &AbortSignal) -> Promise {
    Promise::new(&mut |resolve, _reject| {
        if signal.aborted() {
            let _ = resolve.call0(&JsValue::UNDEFINED);
            return;
        }
        let once = AddEventListenerOptions::new();
        once.set_once(true);
        let _ = signal.add_event_listener_with_callback_and_add_event_listener_options(
            "abort", &resolve, &once,
        );
    })
}

/// Finishes once `signal` aborts; dropping it removes its listener.
struct Aborted {
    fired: Rc<Cell<bool>>,
    waker: Rc<Cell<Option<Waker>>>,
    _listener: EventListener,
}

fn aborted(signal: &AbortSignal) -> Aborted {
    let fired = Rc::new(Cell::new(signal.aborted()));
    let waker: Rc<Cell<Option<Waker>>> = Rc::new(Cell::new(None));
    let listener = {
        let (fired, waker) = (fired.clone(), waker.clone());
        EventListener::once(signal, "abort", move |_| {
            fired.set(true);
            if let Some(w) = waker.take() {
                w.wake();
            }
        })
    };
    Aborted {
        fired,
        waker,
        _listener: listener,
    }
}

impl Future for Aborted {
    type Output = ();
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        if self.fired.get() {
            Poll::Ready(())
        } else {
            self.waker.set(Some(cx.waker().clone()));
            Poll::Pending
        }
    }
}

fn controller() -> Result<AbortController, Error> {
    AbortController::new().map_err(|cause| Error::NetworkError {
        method: "",
        url: String::new(),
        detail: Some("AbortController is not available".into()),
        cause: Cause(Some(cause)),
    })
}

/// `AbortSignal.any(signals)`.
fn any(signals: &[&AbortSignal]) -> AbortSignal {
    let list: Array = signals.iter().map(|s| JsValue::from(*s)).collect();
    AbortSignal::any(&list)
}

/// The cancellation of one call: the caller's signal, if any. (Dropping the call in Rust
/// cancels it too: the attempt in flight aborts its `fetch` when dropped, and a wait between
/// attempts clears its timer.)
pub(crate) struct CallSignal {
    caller: Option<AbortSignal>,
}

impl CallSignal {
    pub(crate) fn new(caller: Option<&AbortSignal>) -> CallSignal {
        CallSignal {
            caller: caller.cloned(),
        }
    }

    /// The caller's abort, if it happened: `Aborted` with the signal's reason as its cause,
    /// or `Timeout` when the reason is a `TimeoutError` (`AbortSignal.timeout()`).
    pub(crate) fn caller_abort(&self) -> Option<Error> {
        let caller = self.caller.as_ref().filter(|s| s.aborted())?;
        let reason = caller.reason();
        let name = Reflect::get(&reason, &JsValue::from_str("name"))
            .ok()
            .and_then(|n| n.as_string());
        Some(if name.as_deref() == Some("TimeoutError") {
            Error::Timeout {
                timeout_ms: 0,
                by_signal: true,
                cause: Cause(Some(reason)),
            }
        } else {
            Error::Aborted {
                cause: Cause(Some(reason)),
            }
        })
    }

    /// Waits `ms`, or stops with the caller's abort.
    pub(crate) async fn sleep(&self, ms: u64) -> Result<(), Error> {
        let ms = u32::try_from(ms).unwrap_or(u32::MAX);
        let Some(caller) = &self.caller else {
            TimeoutFuture::new(ms).await;
            return Ok(());
        };
        // Listened to through a signal that follows the caller's, never on the caller's own.
        if let First::B(_) = first(TimeoutFuture::new(ms), aborted(&any(&[caller]))).await {
            return Err(self.caller_abort().unwrap_or(Error::Aborted {
                cause: Cause::default(),
            }));
        }
        Ok(())
    }
}

/// The cancellation and time limit of one attempt. Dropping it clears the timer and, unless
/// the exchange ended cleanly, cancels the `fetch` and any unread body.
pub(crate) struct AttemptSignal {
    own: AbortController,
    /// Fires when the call is cancelled or the time limit passes.
    pub signal: AbortSignal,
    timed_out: Rc<Cell<bool>>,
    _timer: Timeout,
    clean: bool,
}

impl AttemptSignal {
    pub(crate) fn new(call: &CallSignal, timeout_ms: u32) -> Result<AttemptSignal, Error> {
        let own = controller()?;
        let signal = match &call.caller {
            Some(caller) => any(&[caller, &own.signal()]),
            None => own.signal(),
        };
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let own = own.clone();
            let timed_out = timed_out.clone();
            Timeout::new(timeout_ms, move || {
                timed_out.set(true);
                own.abort();
            })
        };
        Ok(AttemptSignal {
            own,
            signal,
            timed_out,
            _timer: timer,
            clean: false,
        })
    }

    /// Why the attempt was stopped, if it was: the time limit, or the caller.
    pub(crate) fn stopped(&self, call: &CallSignal, timeout_ms: u32) -> Option<Error> {
        if self.timed_out.get() {
            Some(Error::Timeout {
                timeout_ms,
                by_signal: false,
                cause: Cause::default(),
            })
        } else if self.signal.aborted() {
            Some(call.caller_abort().unwrap_or(Error::Aborted {
                cause: Cause::default(),
            }))
        } else {
            None
        }
    }

    /// Waits for `promise` or for the attempt to be stopped, whichever comes first. Raced in
    /// JavaScript, so the awaited promise always settles (the attempt's timer sees to it) and
    /// no Rust callback waits forever on a token function that never answers.
    pub(crate) async fn race(&self, promise: Promise) -> Result<JsValue, JsValue> {
        let both: Array = [JsValue::from(promise), abort_promise(&self.signal).into()]
            .into_iter()
            .collect();
        JsFuture::from(Promise::race(&both)).await
    }

    /// Like [`race`](Self::race), but a stop is an error: the signal's reason, as `fetch`
    /// rejects with it. Used for `fetch` and its body, so that a caller's `fetch` that
    /// ignores the signal still stops at the time limit. The engine's own `fetch` (`raced:
    /// false`) honours the signal itself, for the response and its body, so its promises are
    /// awaited as they are: racing them costs a promise and a listener per step of every call.
    async fn until_stopped(&self, promise: Promise, raced: bool) -> Result<JsValue, JsValue> {
        let settled = if raced {
            self.race(promise).await
        } else {
            JsFuture::from(promise).await
        };
        if self.signal.aborted() {
            return Err(self.signal.reason());
        }
        settled
    }

    /// The exchange ended with its body read: nothing to cancel.
    pub(crate) fn clean(&mut self) {
        self.clean = true;
    }
}

impl Drop for AttemptSignal {
    fn drop(&mut self) {
        if !self.clean {
            self.own.abort();
        }
    }
}

/// What came back from one exchange.
pub(crate) enum Answer {
    /// A 2xx answer: its body, or why it was not read (too large).
    Success(Result<Vec<u8>, Issue>),
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
pub(crate) struct Outgoing<'a> {
    pub method: Method,
    pub url: &'a str,
    pub query: &'a [(String, String)],
    pub body: Option<&'a JsString>,
    pub token: &'a str,
    /// The caller's `fetch`, if it gave one.
    pub fetch: Option<&'a js_sys::Function>,
}

/// What a failed exchange threw, or the failure to build its request.
pub(crate) enum Broken {
    /// `fetch` or the body read rejected with this.
    Threw(JsValue),
    /// Not sendable, or the answer was not a `Response`.
    Error(Error),
}

/// Sends `request` and reads the answer, cancelled by `attempt`.
pub(crate) async fn exchange(
    request: &Outgoing<'_>,
    attempt: &mut AttemptSignal,
) -> Result<Answer, Broken> {
    let network = |detail: String| Error::NetworkError {
        method: request.method.as_str(),
        url: request.url.to_owned(),
        detail: Some(detail),
        cause: Cause::default(),
    };
    let method = match request.method {
        Method::Get => HttpMethod::GET,
        Method::Post => HttpMethod::POST,
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
            builder.body(JsValue::from(body))
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
pub(crate) fn innermost_message(thrown: &JsValue) -> Option<String> {
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
