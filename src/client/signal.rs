//! The cancellation and time limit of a call and of each of its attempts, and the waits
//! between attempts.
//!
//! Signals are plain `AbortController`s joined with `AbortSignal.any`, so the SDK never adds a
//! listener to the caller's signal; timers are gloo-timers handles, cleared when dropped, and
//! an event listener (gloo-events) is removed when dropped.

use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::pin::{pin, Pin};
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use gloo_events::EventListener;
use gloo_timers::callback::Timeout;
use gloo_timers::future::TimeoutFuture;
use js_sys::{Array, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, AbortSignal, AddEventListenerOptions};

use crate::error::{Cause, Error};

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
        cause: Cause::of(cause),
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
                cause: Cause::of(reason),
            }
        } else {
            Error::Aborted {
                cause: Cause::of(reason),
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
    pub(crate) async fn until_stopped(
        &self,
        promise: Promise,
        raced: bool,
    ) -> Result<JsValue, JsValue> {
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
