//! The Rust API in a real browser against the emulator, as a Rust frontend uses it: clients
//! built from checked Rust types, `AccessToken::provider` with a Rust future, typed requests,
//! `MadeBooking` answers and `Error` variants to match on; cancellation by dropping the future
//! and by an `AbortSignal` in `RequestOptions`. Nothing here goes through the npm package's
//! JavaScript surface (`common::sdk`): JavaScript is only used to steer and inspect the
//! emulator (`common`) and to count timers (tests/support/client.js).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::pin::pin;
use std::rc::Rc;
use std::task::Poll;

use adultwork_sdk::client::{IntlZone, Signal};
use adultwork_sdk::endpoint::{CancelMadeBooking, MadeBookingDetails};
use adultwork_sdk::error::Issue;
use adultwork_sdk::model::{BookingStatus, MadeBooking};
use adultwork_sdk::options::{BaseUrl, Environment, MaxRetries, TimeoutMs};
use adultwork_sdk::prereq::{self, CancelCheck, CancelRefusal, RescheduleCheck};
use adultwork_sdk::requests::{
    BookingIdRequest, CancelMadeBookingRequest, MadeBookingDetailsRequest,
};
use adultwork_sdk::rules::{BookingId, NonBlank};
use adultwork_sdk::TokenError;
use adultwork_sdk::{AccessToken, AdultWorkClient, ClientOptions, Error, RequestOptions};
use common::{booking as stored, emulator_url, fault, get, received, reset, text, wait};
use gloo_timers::future::TimeoutFuture;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::AbortController;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/client.js")]
extern "C" {
    fn instrument();
    #[wasm_bindgen(js_name = activeTimers)]
    fn active_timers() -> u32;
    fn now() -> f64;
}

// --- building blocks, all Rust ------------------------------------------------------------

fn id(n: u32) -> BookingId {
    BookingId::try_from(n).unwrap()
}

fn cancel_request(n: u32, reason: &str) -> CancelMadeBookingRequest {
    CancelMadeBookingRequest {
        booking_id: id(n),
        reason: NonBlank::try_from(reason).unwrap(),
    }
}

fn by_id(n: u32) -> BookingIdRequest {
    BookingIdRequest { booking_id: id(n) }
}

fn details_of(n: u32) -> MadeBookingDetailsRequest {
    MadeBookingDetailsRequest::from(id(n))
}

/// Options for the emulator of this browser.
fn options(token: AccessToken) -> ClientOptions {
    let mut options = ClientOptions::new(token);
    options.base_url = Some(emulator_url().parse::<BaseUrl>().unwrap());
    options
}

fn client(token: &str) -> AdultWorkClient {
    AdultWorkClient::new(options(AccessToken::fixed(token).unwrap()))
}

fn call_options(timeout_ms: Option<u32>, max_retries: Option<u32>) -> RequestOptions {
    RequestOptions {
        signal: None,
        timeout_ms: timeout_ms.map(|ms| TimeoutMs::try_from(ms).unwrap()),
        max_retries: max_retries.map(|n| MaxRetries::try_from(n).unwrap()),
    }
}

fn with_signal(signal: web_sys::AbortSignal) -> RequestOptions {
    RequestOptions {
        signal: Some(Signal::from(signal)),
        ..RequestOptions::default()
    }
}

/// The kind of an error, as a Rust caller reads it (the JavaScript `kind`).
fn kind(error: &Error) -> &'static str {
    error.kind()
}

/// The error of a call that must fail with `expected`.
fn failed<T: std::fmt::Debug>(result: Result<T, Error>, expected: &str) -> Error {
    match result {
        Ok(value) => panic!("expected {expected}, got {value:?}"),
        Err(error) => {
            assert_eq!(kind(&error), expected, "{error}");
            error
        }
    }
}

fn paths(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.path.as_str()).collect()
}

/// A Rust token provider returning `tokens[i]` (the last one repeated) after `delay_ms`,
/// and the count of its calls.
fn counting_provider(
    tokens: &'static [&'static str],
    delay_ms: u32,
) -> (AccessToken, Rc<Cell<usize>>) {
    let calls = Rc::new(Cell::new(0));
    let counter = calls.clone();
    let provider = AccessToken::provider(move || {
        let n = counter.get();
        counter.set(n + 1);
        let token = tokens[n.min(tokens.len() - 1)].to_owned();
        async move {
            TimeoutFuture::new(delay_ms).await;
            Ok::<_, TokenError>(token)
        }
    });
    (provider, calls)
}

/// Runs all `futures` at once, in the one thread a page has; their outputs in order.
async fn join_all<F: Future>(futures: Vec<F>) -> Vec<F::Output> {
    let mut futures: Vec<_> = futures.into_iter().map(Box::pin).collect();
    let mut outputs: Vec<Option<F::Output>> = futures.iter().map(|_| None).collect();
    poll_fn(|cx| {
        let mut pending = false;
        for (future, output) in futures.iter_mut().zip(outputs.iter_mut()) {
            if output.is_none() {
                match future.as_mut().poll(cx) {
                    Poll::Ready(value) => *output = Some(value),
                    Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            Poll::Pending
        } else {
            Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().map(Option::unwrap).collect()
}

/// Runs `a` and `b` at once until both finish.
async fn both<A: Future, B: Future>(a: A, b: B) -> (A::Output, B::Output) {
    let (mut a, mut b) = (pin!(a), pin!(b));
    let (mut out_a, mut out_b) = (None, None);
    poll_fn(|cx| {
        if out_a.is_none() {
            if let Poll::Ready(v) = a.as_mut().poll(cx) {
                out_a = Some(v);
            }
        }
        if out_b.is_none() {
            if let Poll::Ready(v) = b.as_mut().poll(cx) {
                out_b = Some(v);
            }
        }
        if out_a.is_some() && out_b.is_some() {
            Poll::Ready(())
        } else {
            Poll::Pending
        }
    })
    .await;
    (out_a.unwrap(), out_b.unwrap())
}

/// Polls `call` until `until` finishes, then drops it (as a UI does with a call it no longer
/// needs): `Some(output)` if the call finished first.
async fn drop_when<F: Future, G: Future>(call: F, until: G) -> Option<F::Output> {
    let mut call = pin!(call);
    let mut until = pin!(until);
    poll_fn(|cx| {
        if let Poll::Ready(out) = call.as_mut().poll(cx) {
            return Poll::Ready(Some(out));
        }
        if until.as_mut().poll(cx).is_ready() {
            return Poll::Ready(None);
        }
        Poll::Pending
    })
    .await
}

/// The outcome the emulator logged for the last API request, once it is `wanted` (within 2 s).
async fn last_outcome_becomes(wanted: &str) -> String {
    let mut outcome = String::new();
    for _ in 0..100 {
        if let Some(last) = received().await.last() {
            outcome = text(last, "outcome");
            if outcome == wanted {
                break;
            }
        }
        wait(20).await;
    }
    outcome
}

/// Waits until the emulator holds a request (a `delayMs` fault) it has not answered.
async fn request_is_held() {
    assert_eq!(last_outcome_becomes("pending").await, "pending");
}

fn auth_headers(log: &[JsValue]) -> Vec<String> {
    log.iter()
        .map(|r| text(&get(r, "headers"), "authorization"))
        .collect()
}

// --- each endpoint ------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn cancel_made_booking_returns_the_typed_cancelled_booking() {
    reset().await;
    let reason = "Plans changed — sorry";
    let booking: MadeBooking = client("test-token")
        .cancel_made_booking(&cancel_request(1001, reason))
        .await
        .unwrap();
    assert_eq!(booking.booking_id, id(1001));
    assert_eq!(booking.status, BookingStatus::Cancelled);
    assert_eq!(booking.cancelled_reason.as_deref(), Some(reason));
    assert!(booking.cancelled_date.is_some());
    assert_eq!(booking.candidate.nickname, "VelvetVoice");
    // Exactly one request, the documented one.
    let log = received().await;
    assert_eq!(log.len(), 1);
    assert_eq!(text(&log[0], "method"), "POST");
    assert_eq!(text(&log[0], "path"), "/v1/PhoneChat/CancelMadeBooking");
    assert_eq!(
        text(&log[0], "body"),
        format!(r#"{{"BookingID":1001,"Reason":"{reason}"}}"#)
    );
    assert_eq!(auth_headers(&log), ["bearer test-token"]);
    assert_eq!(text(&stored(1001).await, "Status"), "Cancelled");
}

#[wasm_bindgen_test]
async fn get_made_booking_details_reads_without_changing_anything() {
    reset().await;
    let c = client("test-token");
    for (n, status) in [
        (1001, BookingStatus::Pending),
        (1002, BookingStatus::Accepted),
        (1003, BookingStatus::Confirmed),
        (1005, BookingStatus::Cancelled),
        (1006, BookingStatus::Rejected),
    ] {
        let b = c.get_made_booking_details(&details_of(n)).await.unwrap();
        assert_eq!((b.booking_id, b.status), (id(n), status));
        assert_eq!(
            b.session_date.as_str(),
            text(&stored(n).await, "SessionDate")
        );
    }
    let log = received().await;
    assert_eq!(text(&log[0], "method"), "GET");
    assert_eq!(text(&log[0], "query"), "BookingID=1001");
    assert_eq!(text(&stored(1001).await, "Status"), "Pending");
}

#[wasm_bindgen_test]
async fn reschedule_made_booking_moves_a_passed_session_and_can_cancel_agrees() {
    reset().await;
    let c = client("test-token");
    let london = IntlZone::new("Europe/London").unwrap();
    let before = c.get_made_booking_details(&details_of(1004)).await.unwrap();
    // The documented prerequisites, read with the engine's time-zone data.
    let session = before.session_date.reading();
    let now_ms = js_sys::Date::now();
    assert!(matches!(
        prereq::can_cancel(before.status, &session, now_ms, &london).unwrap(),
        CancelCheck::Refused {
            reason: CancelRefusal::SessionPassed,
            ..
        }
    ));
    assert!(matches!(
        prereq::can_reschedule(&session, now_ms, &london).unwrap(),
        RescheduleCheck::Allowed { .. }
    ));

    let after = c.reschedule_made_booking(&by_id(1004)).await.unwrap();
    assert_eq!(after.booking_id, id(1004));
    assert_eq!(after.status, BookingStatus::Confirmed);
    assert_ne!(after.session_date, before.session_date);
    assert_eq!(after.candidate, before.candidate);
    // The new session is 5–10 minutes ahead, so cancelling is allowed again.
    let session = after.session_date.reading();
    let ahead_ms = session.instant_ms(&london).unwrap() as f64 - js_sys::Date::now();
    assert!(
        (4.0 * 60_000.0..=10.0 * 60_000.0).contains(&ahead_ms),
        "{ahead_ms} ms ahead"
    );
    assert!(matches!(
        prereq::can_cancel(after.status, &session, js_sys::Date::now(), &london).unwrap(),
        CancelCheck::Allowed { .. }
    ));
    assert_eq!(IntlZone::new("Mars/Olympus_Mons").map(|_| ()), None);
}

#[wasm_bindgen_test]
async fn send_runs_any_endpoint_with_options_of_one_call() {
    reset().await;
    let c = client("test-token");
    let b = c
        .send::<MadeBookingDetails>(&details_of(1007), &call_options(Some(5_000), Some(0)))
        .await
        .unwrap();
    assert_eq!(b.credits.get(), 12.5);
    assert!(b.candidate.total.get() < 0);
    let b = c
        .send::<CancelMadeBooking>(&cancel_request(1007, "x"), &RequestOptions::default())
        .await
        .unwrap();
    assert_eq!(b.status, BookingStatus::Cancelled);
}

// --- what the types refuse before any call --------------------------------------------------

#[wasm_bindgen_test]
async fn invalid_values_are_refused_when_built_so_no_invalid_request_is_sent() {
    // The Rust API's InvalidRequest and InvalidConfig are the types' own refusals: a request
    // or options value cannot hold an invalid field, so nothing invalid reaches `send`.
    let e = BookingId::try_from(0u32).unwrap_err();
    assert_eq!(
        e.to_string(),
        "expected an integer from 1 to 2147483647, got 0"
    );
    assert!(BookingId::try_from(12.5).is_err());
    assert!(BookingId::try_from(2_147_483_648.0).is_err());
    let e = NonBlank::try_from(" \t").unwrap_err();
    assert_eq!(
        e.expected,
        "a string with at least one non-whitespace character"
    );

    let e = "http://api.adultwork.com".parse::<BaseUrl>().unwrap_err();
    assert!(e.to_string().contains("https://"), "{e}");
    assert!(TimeoutMs::try_from(0).is_err());
    assert!(TimeoutMs::try_from(600_001).is_err());
    assert!(MaxRetries::try_from(11).is_err());
    assert_eq!(AccessToken::fixed("").unwrap_err().why, Some("it is blank"));
    assert!(AccessToken::fixed("abc\ndef").is_err());
    assert!(AccessToken::fixed("ünï\u{1F600}").is_err());

    // Defaults, and the environment: nothing is sent to build a client.
    reset().await;
    let sandbox = AdultWorkClient::new(ClientOptions::new(AccessToken::fixed("t").unwrap()));
    assert_eq!(
        sandbox.settings().base_url,
        "https://api-sandbox.adultwork.com"
    );
    assert_eq!(
        (
            sandbox.settings().timeout_ms,
            sandbox.settings().max_retries
        ),
        (30_000, 2)
    );
    let mut o = ClientOptions::new(AccessToken::fixed("t").unwrap());
    o.environment = Some(Environment::Production);
    assert_eq!(
        AdultWorkClient::new(o).settings().base_url,
        "https://api.adultwork.com"
    );
    assert!(received().await.is_empty());
}

// --- every error kind the emulator can produce ----------------------------------------------

#[wasm_bindgen_test]
async fn http_refusals_map_to_their_variants_with_the_servers_message() {
    reset().await;
    let c = client("test-token");
    let e = failed(
        c.get_made_booking_details(&details_of(2001)).await,
        "NotFound",
    );
    assert_eq!(e.status(), Some(404));
    failed(
        c.get_made_booking_details(&details_of(99_999)).await,
        "NotFound",
    );

    let e = failed(
        c.cancel_made_booking(&cancel_request(1005, "again")).await,
        "Conflict",
    );
    assert!(matches!(&e, Error::Conflict(f) if f.status == 409));
    assert_eq!(
        e.server_message(),
        Some("The booking is already cancelled.")
    );
    let e = failed(c.reschedule_made_booking(&by_id(1001)).await, "Conflict");
    assert_eq!(
        e.server_message(),
        Some("The session date has not passed yet.")
    );

    let e = failed(
        client("expired-token")
            .get_made_booking_details(&details_of(1001))
            .await,
        "Unauthorized",
    );
    assert!(matches!(
        e,
        Error::Unauthorized {
            status: Some(401),
            ..
        }
    ));
    assert_eq!(
        e.server_message(),
        Some("Authorization has been denied for this request.")
    );
    let e = failed(
        client("noscope-token")
            .get_made_booking_details(&details_of(1001))
            .await,
        "Forbidden",
    );
    assert_eq!(e.status(), Some(403));

    fault(r#"{"corpus":"400-BadRequest-model-state.json"}"#).await;
    let e = failed(
        c.cancel_made_booking(&cancel_request(1001, "x")).await,
        "BadRequest",
    );
    assert_eq!(
        e.server_message(),
        Some("The request is invalid. request.BookingID: The BookingID field is required.; request.Reason: The Reason field is required. The Reason must not be blank.")
    );

    fault(r#"{"status":418,"body":"I'm a teapot"}"#).await;
    let e = failed(
        c.get_made_booking_details(&details_of(1001)).await,
        "HttpError",
    );
    assert_eq!(e.status(), Some(418));
    let target = format!("{}/v1/PhoneChat/Elsewhere", emulator_url());
    fault(&format!(
        r#"{{"status":302,"headers":{{"Location":"{target}"}}}}"#
    ))
    .await;
    let e = failed(
        c.get_made_booking_details(&details_of(1001)).await,
        "HttpError",
    );
    assert!(e.to_string().contains("redirect"), "{e}");

    // The bookings were not touched.
    assert_eq!(text(&stored(1001).await, "Status"), "Pending");
}

#[wasm_bindgen_test]
async fn rate_limits_and_server_errors_after_the_retries() {
    reset().await;
    let c = client("test-token");
    let busy = r#"{"status":429,"headers":{"Retry-After":"0"},"body":"{\"Message\":\"Too many requests\"}"}"#;
    fault(&format!("[{busy},{busy},{busy}]")).await;
    let e = failed(
        c.get_made_booking_details(&details_of(1001)).await,
        "RateLimited",
    );
    match &e {
        Error::RateLimited(f) => {
            assert_eq!(f.retry_after_ms, Some(0));
            assert_eq!(f.server_message.as_deref(), Some("Too many requests"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(received().await.len(), 3, "the first try and 2 retries");

    reset().await;
    fault(r#"{"status":503,"headers":{"Retry-After":"120"}}"#).await;
    let e = failed(
        c.send::<MadeBookingDetails>(&details_of(1001), &call_options(None, Some(0)))
            .await,
        "ServerError",
    );
    assert!(matches!(&e, Error::ServerError(f) if f.retry_after_ms == Some(120_000)));
    assert_eq!(received().await.len(), 1, "maxRetries 0 of this call");

    reset().await;
    fault(r#"{"status":500,"body":"{\"Message\":\"An error has occurred.\"}"}"#).await;
    let e = failed(
        c.cancel_made_booking(&cancel_request(1001, "x")).await,
        "ServerError",
    );
    assert_eq!(e.server_message(), Some("An error has occurred."));
    assert_eq!(
        received().await.len(),
        1,
        "a change is not retried after a 500"
    );
}

#[wasm_bindgen_test]
async fn an_answer_that_is_not_a_made_booking_lists_every_problem() {
    reset().await;
    fault(r#"{"corpus":"200-InvalidResponse-dates-malformed-many.json"}"#).await;
    let e = failed(
        client("test-token")
            .get_made_booking_details(&details_of(1))
            .await,
        "InvalidResponse",
    );
    assert_eq!(
        paths(e.issues()),
        [
            "CreateDate",
            "SessionDate",
            "AcceptBy",
            "AcceptedDate",
            "ConfirmedDate",
            "CancelledDate",
            "LastUpdated"
        ]
    );
    assert!(e
        .to_string()
        .starts_with("The server's answer is not a valid MadeBooking (7 problems)"));

    // A valid booking, but not the one asked for.
    reset().await;
    fault(r#"{"corpus":"200-ok-documented-sample.json"}"#).await;
    let e = failed(
        client("test-token")
            .get_made_booking_details(&details_of(1001))
            .await,
        "InvalidResponse",
    );
    assert_eq!(paths(e.issues()), ["BookingID"]);
}

#[wasm_bindgen_test]
async fn a_broken_connection_is_a_network_error_and_a_change_is_not_repeated() {
    reset().await;
    fault(r#"{"drop":"after-headers","status":200}"#).await;
    let e = failed(
        client("test-token")
            .cancel_made_booking(&cancel_request(1001, "x"))
            .await,
        "NetworkError",
    );
    match &e {
        Error::NetworkError { method, url, .. } => {
            assert_eq!(*method, "POST");
            assert_eq!(
                *url,
                format!("{}/v1/PhoneChat/CancelMadeBooking", emulator_url())
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(received().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out_and_the_fetch_is_cancelled() {
    reset().await;
    fault(r#"{"delayMs":5000}"#).await;
    let start = now();
    let e = failed(
        client("test-token")
            .send::<CancelMadeBooking>(&cancel_request(1001, "x"), &call_options(Some(200), None))
            .await,
        "Timeout",
    );
    let elapsed = now() - start;
    assert!((150.0..2000.0).contains(&elapsed), "took {elapsed} ms");
    assert!(matches!(
        e,
        Error::Timeout {
            timeout_ms: 200,
            by_signal: false,
            ..
        }
    ));
    assert_eq!(last_outcome_becomes("client-gone").await, "client-gone");
    assert_eq!(
        received().await.len(),
        1,
        "a timed-out change is not retried"
    );
}

// --- cancellation ---------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn dropping_the_future_aborts_the_fetch_and_leaves_no_timer() {
    instrument();
    reset().await;
    fault(r#"{"delayMs":10000}"#).await;
    let c = client("test-token");
    let request = cancel_request(1001, "never sent to completion");
    let start = now();
    let held = async {
        request_is_held().await;
        // The attempt's time limit is running (so the check after the drop means something).
        assert!(active_timers() >= 1, "no timer while the call runs");
    };
    let finished = drop_when(c.cancel_made_booking(&request), held).await;
    assert!(finished.is_none(), "the call finished: {finished:?}");
    // The call's time-limit timer went with it.
    assert_eq!(active_timers(), 0, "a timer outlived the dropped call");
    // The browser closed the connection: the emulator saw the client go, before its delay.
    assert_eq!(last_outcome_becomes("client-gone").await, "client-gone");
    assert!(now() - start < 5000.0);
    assert_eq!(text(&stored(1001).await, "Status"), "Pending");
    assert_eq!(received().await.len(), 1);
    // The client is as good as before.
    let b = c.cancel_made_booking(&request).await.unwrap();
    assert_eq!(b.status, BookingStatus::Cancelled);
    assert_eq!(active_timers(), 0);
}

#[wasm_bindgen_test]
async fn dropping_the_future_during_a_retry_wait_clears_its_timer() {
    instrument();
    reset().await;
    fault(r#"{"status":503,"headers":{"Retry-After":"30"}}"#).await;
    let c = client("test-token");
    let request = details_of(1001);
    // Once the 503 has been answered, the call waits 30 s before its retry.
    let answered = async {
        assert_eq!(last_outcome_becomes("responded").await, "responded");
        wait(50).await;
        assert!(active_timers() >= 1, "no retry wait is running");
    };
    let finished = drop_when(c.get_made_booking_details(&request), answered).await;
    assert!(finished.is_none(), "{finished:?}");
    assert_eq!(
        active_timers(),
        0,
        "the retry wait's timer outlived the call"
    );
    assert_eq!(received().await.len(), 1);
}

#[wasm_bindgen_test]
async fn an_abort_signal_cancels_the_call_and_the_fetch() {
    reset().await;
    fault(r#"{"delayMs":10000}"#).await;
    let c = client("test-token");
    let controller = AbortController::new().unwrap();
    let options = with_signal(controller.signal());
    let request = cancel_request(1001, "x");
    let abort = async {
        request_is_held().await;
        controller.abort_with_reason(&JsValue::from_str("the user left the page"));
    };
    let start = now();
    let (result, ()) = both(c.send::<CancelMadeBooking>(&request, &options), abort).await;
    let e = failed(result, "Aborted");
    assert!(now() - start < 5000.0);
    match &e {
        Error::Aborted { cause } => {
            assert_eq!(
                cause.value().and_then(JsValue::as_string).as_deref(),
                Some("the user left the page")
            );
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(last_outcome_becomes("client-gone").await, "client-gone");
    assert_eq!(text(&stored(1001).await, "Status"), "Pending");

    // An aborted signal sends nothing at all.
    reset().await;
    let e = failed(
        c.send::<CancelMadeBooking>(&request, &options).await,
        "Aborted",
    );
    assert!(e.to_string().contains("aborted"), "{e}");
    assert!(received().await.is_empty());

    // A signal that times out is a Timeout.
    reset().await;
    fault(r#"{"delayMs":10000}"#).await;
    let timing_out = with_signal(web_sys::AbortSignal::timeout_with_u32(200));
    let e = failed(
        c.send::<MadeBookingDetails>(&details_of(1001), &timing_out)
            .await,
        "Timeout",
    );
    assert!(matches!(
        e,
        Error::Timeout {
            by_signal: true,
            ..
        }
    ));
}

// --- token providers ------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn concurrent_401s_share_one_refresh_of_a_rust_provider() {
    reset().await;
    // The first token is refused (401), the second is valid.
    let (token, calls) = counting_provider(&["stale-token", "ok-fresh"], 20);
    let c = AdultWorkClient::new(options(token));
    let requests: Vec<MadeBookingDetailsRequest> = (1001..=1008).map(details_of).collect();
    let results = join_all(
        requests
            .iter()
            .map(|r| c.get_made_booking_details(r))
            .collect(),
    )
    .await;
    for (result, request) in results.iter().zip(&requests) {
        let b = result.as_ref().unwrap();
        assert_eq!(b.booking_id, request.booking_id);
    }
    assert_eq!(
        calls.get(),
        2,
        "one call for the first token, one shared refresh"
    );
    let auth = auth_headers(&received().await);
    assert_eq!(auth.len(), 16);
    assert_eq!(
        auth.iter().filter(|a| *a == "bearer stale-token").count(),
        8
    );
    assert_eq!(auth.iter().filter(|a| *a == "bearer ok-fresh").count(), 8);

    // Later calls ask the provider again (the refreshed token is not cached by the SDK).
    c.get_made_booking_details(&details_of(1001)).await.unwrap();
    assert_eq!(calls.get(), 3);
}

#[wasm_bindgen_test]
async fn a_second_401_after_the_refresh_is_final() {
    reset().await;
    let (token, calls) = counting_provider(&["stale-1", "stale-2"], 0);
    let c = AdultWorkClient::new(options(token));
    let e = failed(
        c.get_made_booking_details(&details_of(1001)).await,
        "Unauthorized",
    );
    assert_eq!(e.status(), Some(401));
    assert_eq!(calls.get(), 2);
    assert_eq!(received().await.len(), 2);
}

#[wasm_bindgen_test]
async fn a_provider_that_fails_or_gives_no_token_sends_nothing() {
    reset().await;
    let failing = AccessToken::provider(|| async {
        Err::<String, _>(TokenError("refresh endpoint down".into()))
    });
    let e = failed(
        AdultWorkClient::new(options(failing))
            .get_made_booking_details(&details_of(1001))
            .await,
        "Unauthorized",
    );
    match &e {
        Error::Unauthorized { status, cause, .. } => {
            assert_eq!(*status, None);
            let thrown = cause.value().unwrap().dyn_ref::<js_sys::Error>().unwrap();
            assert_eq!(String::from(thrown.message()), "refresh endpoint down");
        }
        other => panic!("{other:?}"),
    }

    let blank = AccessToken::provider(|| async { Ok::<_, TokenError>("  ".to_owned()) });
    let e = failed(
        AdultWorkClient::new(options(blank))
            .get_made_booking_details(&details_of(1001))
            .await,
        "InvalidConfig",
    );
    assert_eq!(paths(e.issues()), ["accessToken"]);

    // One that never answers is bounded by the call's time limit.
    let mut hanging = options(AccessToken::provider(std::future::pending));
    hanging.timeout_ms = Some(TimeoutMs::try_from(150).unwrap());
    let start = now();
    failed(
        AdultWorkClient::new(hanging)
            .get_made_booking_details(&details_of(1001))
            .await,
        "Timeout",
    );
    assert!(now() - start < 2000.0);
    assert!(received().await.is_empty(), "no request without a token");
}

#[wasm_bindgen_test]
async fn the_token_never_appears_in_errors_or_debug_output() {
    let secret = "tok-Secret-Value-42";
    reset().await;
    fault(&format!(
        r#"{{"status":401,"body":"{{\"Message\":\"Token {secret} is not valid for {secret}\"}}"}}"#
    ))
    .await;
    let c = client(secret);
    let e = failed(
        c.get_made_booking_details(&details_of(1001)).await,
        "Unauthorized",
    );
    assert_eq!(
        e.server_message(),
        Some("Token [redacted] is not valid for [redacted]")
    );
    let token = AccessToken::fixed(secret).unwrap();
    for shown in [
        e.to_string(),
        format!("{e:?}"),
        format!("{c:?}"),
        format!("{token:?}"),
        format!("{:?}", options(token.clone())),
    ] {
        assert!(!shown.contains(secret), "{shown}");
    }
    assert!(format!("{c:?}").contains("[redacted]"));
}

#[wasm_bindgen_test]
async fn create_and_delete_with_rust_types() {
    use adultwork_sdk::model::CallMethod;
    use adultwork_sdk::prereq::{can_delete, DeleteCheck};
    use adultwork_sdk::requests::{CreateBookingRequest, DeleteMadeBookingsRequest};
    use adultwork_sdk::rules::{
        BookingIds, BookingTime, CreditsOffer, PhoneNumber, SessionMinutes, UserId,
    };
    reset().await;
    let c = client("test-token");
    let request = CreateBookingRequest {
        book_user_id: UserId::try_from(3001).unwrap(),
        session_date: BookingTime::try_from("2099-06-01 18:30").unwrap(),
        duration: SessionMinutes::try_from(30.0).unwrap(),
        method: CallMethod::Skype,
        // Not used by Skype: left off the wire.
        phone_number: Some(PhoneNumber::try_from("07700900123").unwrap()),
        skype_name: Some(NonBlank::try_from("me.skype").unwrap()),
        credits: CreditsOffer::try_from(30.0).unwrap(),
        accept_by: BookingTime::try_from("2099-06-01 17:00").unwrap(),
        comments: None,
    };
    let booking = c.create_booking(&request).await.unwrap();
    assert_eq!(booking.status, BookingStatus::Pending);
    assert_eq!(booking.candidate.user_id.get(), 3001);
    assert_eq!(booking.skype_name.as_deref(), Some("me.skype"));
    assert_eq!(
        text(received().await.last().unwrap(), "body"),
        r#"{"BookUserID":3001,"SessionDate":"2099-06-01 18:30","Duration":30,"Method":3,"SkypeName":"me.skype","Credits":30,"AcceptBy":"2099-06-01 17:00"}"#
    );
    // Rules across fields hold for Rust-built requests too: nothing is sent.
    let mut late = request.clone();
    late.accept_by = BookingTime::try_from("2099-06-01 19:00").unwrap();
    late.skype_name = None;
    let e = failed(c.create_booking(&late).await, "InvalidRequest");
    assert_eq!(paths(e.issues()), ["SkypeName", "AcceptBy"]);
    assert_eq!(received().await.len(), 1);
    // Not finished yet; cancelled, it can be deleted.
    assert!(matches!(
        can_delete(booking.status),
        DeleteCheck::Refused { .. }
    ));
    let cancelled = c
        .cancel_made_booking(&cancel_request(booking.booking_id.get(), "Plans changed"))
        .await
        .unwrap();
    assert!(matches!(
        can_delete(cancelled.status),
        DeleteCheck::Allowed { .. }
    ));
    let ids = BookingIds::new(vec![booking.booking_id, id(1001)]).unwrap();
    let results = c
        .delete_made_bookings(&DeleteMadeBookingsRequest { booking_ids: ids })
        .await
        .unwrap();
    let outcome: Vec<(u32, bool)> = results
        .0
        .iter()
        .map(|r| (r.booking_id.get(), r.deleted))
        .collect();
    assert_eq!(outcome, [(booking.booking_id.get(), true), (1001, false)]);
    assert!(results.0[1].message.is_some());
    failed(
        c.get_made_booking_details(&details_of(booking.booking_id.get()))
            .await,
        "NotFound",
    );
    assert!(BookingIds::new(vec![id(1), id(1)]).is_err());
    assert!(BookingIds::new(Vec::new()).is_err());
}

// --- request(): endpoints the SDK has no type for -------------------------------------------

mod untyped {
    use std::collections::HashMap;

    use adultwork_sdk::model::DeleteResult;
    use adultwork_sdk::request::ApiRequest;
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Offer {
        method: u8,
        available: bool,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "PascalCase")]
    struct Requirements {
        #[serde(rename = "PhoneChatPPM")]
        ppm: Option<f64>,
        methods: Vec<Offer>,
    }

    const REQUIREMENTS: &str = "/v1/PhoneChat/GetUserBookingRequirements";

    fn requirements_of(user: u32) -> ApiRequest {
        ApiRequest::get(REQUIREMENTS)
            .unwrap()
            .query("BookUserID", user)
    }

    /// A fault answering `200` with this JSON text.
    async fn answer_once(json: &str) {
        let body = js_sys::JSON::stringify(&JsValue::from_str(json)).unwrap();
        fault(&format!(
            r#"{{"status":200,"contentType":"application/json","body":{}}}"#,
            String::from(body)
        ))
        .await;
    }

    #[wasm_bindgen_test]
    async fn request_reads_an_answer_as_the_callers_type() {
        reset().await;
        let c = client("test-token");
        let laura: Requirements = c.request(&requirements_of(3004)).await.unwrap();
        assert_eq!(laura.ppm, Some(1.5));
        assert_eq!(
            laura.methods,
            [1, 2, 3].map(|method| Offer {
                method,
                available: true
            })
        );
        let velvet: Requirements = c.request(&requirements_of(3001)).await.unwrap();
        assert_eq!(velvet.ppm, None);
        let peach: Requirements = c.request(&requirements_of(3008)).await.unwrap();
        let available: Vec<bool> = peach.methods.iter().map(|m| m.available).collect();
        assert_eq!(available, [false, false, true]);
        // Any JSON, as serde_json's Value; another token, another user's settings.
        let settings: serde_json::Value = client("performer-token")
            .request(&ApiRequest::get("/v1/PhoneChat/GetSettings").unwrap())
            .await
            .unwrap();
        assert_eq!(settings["PhoneChatNumber"], "447700900404");
        // The query, encoded, in order.
        let odd = requirements_of(3004)
            .query("text", "a b&c=d/é")
            .query("yes", true)
            .query("half", 1.5);
        let _: Requirements = c.request(&odd).await.unwrap();
        let log = received().await;
        assert_eq!(text(&log[0], "method"), "GET");
        assert_eq!(text(&log[0], "path"), REQUIREMENTS);
        assert_eq!(text(&log[0], "query"), "BookUserID=3004");
        assert_eq!(
            text(log.last().unwrap(), "query"),
            "BookUserID=3004&text=a+b%26c%3Dd%2F%C3%A9&yes=true&half=1.5"
        );
        assert!(get(&get(&log[0], "headers"), "content-type").is_undefined());
    }

    #[wasm_bindgen_test]
    async fn request_posts_a_json_body() {
        reset().await;
        let request = ApiRequest::post("/v1/PhoneChat/DeleteMadeBookings")
            .unwrap()
            .json(&serde_json::json!({"BookingIDs": "1005,1001"}))
            .unwrap();
        let results: Vec<DeleteResult> = client("test-token").request(&request).await.unwrap();
        let outcome: Vec<(u32, bool)> = results
            .iter()
            .map(|r| (r.booking_id.get(), r.deleted))
            .collect();
        assert_eq!(outcome, [(1005, true), (1001, false)]);
        let log = received().await;
        assert_eq!(log.len(), 1);
        assert_eq!(text(&log[0], "method"), "POST");
        assert_eq!(text(&log[0], "body"), r#"{"BookingIDs":"1005,1001"}"#);
        assert_eq!(
            text(&get(&log[0], "headers"), "content-type"),
            "application/json"
        );
        // PUT and DELETE carry their bodies too.
        for (request, method) in [
            (ApiRequest::put("/v1/PhoneChat/Anything"), "PUT"),
            (ApiRequest::delete("/v1/PhoneChat/Anything"), "DELETE"),
        ] {
            reset().await;
            answer_once("{}").await;
            let request = request.unwrap().json(&[1, 2]).unwrap();
            let _: serde_json::Value = client("test-token").request(&request).await.unwrap();
            let log = received().await;
            assert_eq!(text(&log[0], "method"), method);
            assert_eq!(text(&log[0], "body"), "[1,2]");
        }
    }

    #[wasm_bindgen_test]
    async fn an_answer_that_is_not_the_type_is_an_invalid_response_at_its_path() {
        reset().await;
        let c = client("test-token");
        answer_once(r#"{"PhoneChatPPM":1.5,"Methods":[{"Method":1,"Available":true},{"Method":2,"Available":"yes"}]}"#).await;
        let e = failed(
            c.request::<Requirements>(&requirements_of(3004)).await,
            "InvalidResponse",
        );
        assert_eq!(paths(e.issues()), ["Methods[1].Available"]);
        assert!(
            e.to_string()
                .starts_with("The server's answer is not a valid Requirements"),
            "{e}"
        );
        fault(r#"{"status":200,"contentType":"text/html","body":"<html>busy</html>"}"#).await;
        let e = failed(
            c.request::<Requirements>(&requirements_of(3004)).await,
            "InvalidResponse",
        );
        assert_eq!(paths(e.issues()), [""]);
        // The HTTP kinds are the typed calls'.
        let e = failed(
            c.request::<Requirements>(&requirements_of(3006)).await,
            "Conflict",
        );
        assert!(e.server_message().unwrap().contains("DirectChat Only"));
    }

    #[wasm_bindgen_test]
    async fn request_retries_by_method_like_the_typed_calls() {
        let c = client("test-token");
        // A read: again after a lost answer.
        reset().await;
        fault(r#"{"drop":"after-headers","status":200}"#).await;
        let _: Requirements = c.request(&requirements_of(3004)).await.unwrap();
        assert_eq!(received().await.len(), 2);
        // A change: not again after a lost answer, again after a 503.
        let post = ApiRequest::post("/v1/PhoneChat/Anything")
            .unwrap()
            .json(&1)
            .unwrap();
        reset().await;
        fault(r#"{"drop":"after-headers","status":200}"#).await;
        failed(c.request::<serde_json::Value>(&post).await, "NetworkError");
        assert_eq!(received().await.len(), 1);
        reset().await;
        fault(r#"{"status":503,"headers":{"Retry-After":"0"}}"#).await;
        answer_once("true").await;
        let answer: bool = c.request(&post).await.unwrap();
        assert!(answer);
        assert_eq!(received().await.len(), 2);
        // The call's own options.
        reset().await;
        fault(r#"{"status":503,"headers":{"Retry-After":"0"}}"#).await;
        failed(
            c.request_with::<Requirements>(&requirements_of(3004), &call_options(None, Some(0)))
                .await,
            "ServerError",
        );
        assert_eq!(received().await.len(), 1);
        reset().await;
        fault(r#"{"delayMs":3000}"#).await;
        let e = failed(
            c.request_with::<bool>(&post, &call_options(Some(200), None))
                .await,
            "Timeout",
        );
        assert!(matches!(
            e,
            Error::Timeout {
                timeout_ms: 200,
                ..
            }
        ));
        assert_eq!(received().await.len(), 1);
        // An aborted signal: nothing sent.
        reset().await;
        let controller = AbortController::new().unwrap();
        controller.abort();
        failed(
            c.request_with::<bool>(&post, &with_signal(controller.signal()))
                .await,
            "Aborted",
        );
        assert!(received().await.is_empty());
        // A redirect is not followed.
        let target = format!("{}/v1/PhoneChat/GetSettings", emulator_url());
        fault(&format!(
            r#"{{"status":302,"headers":{{"Location":"{target}"}}}}"#
        ))
        .await;
        failed(c.request::<bool>(&post).await, "HttpError");
        let log = received().await;
        assert_eq!(log.len(), 1);
        assert_eq!(text(&log[0], "path"), "/v1/PhoneChat/Anything");
    }

    #[wasm_bindgen_test]
    async fn the_token_is_redacted_from_what_an_answer_echoes() {
        let secret = "tok-Secret-Value-42";
        let c = client(secret);
        reset().await;
        // In a value serde quotes in its message.
        answer_once(&format!(r#"{{"PhoneChatPPM":"{secret}","Methods":[]}}"#)).await;
        let e = failed(
            c.request::<Requirements>(&requirements_of(3004)).await,
            "InvalidResponse",
        );
        assert!(e.issues()[0].message.contains("[redacted]"), "{e}");
        // In a key serde reports in its path.
        answer_once(&format!(r#"{{"{secret}":"x"}}"#)).await;
        let e = failed(
            c.request::<HashMap<String, u8>>(&requirements_of(3004))
                .await,
            "InvalidResponse",
        );
        for shown in [e.to_string(), format!("{e:?}"), e.issues()[0].path.clone()] {
            assert!(!shown.contains(secret), "{shown}");
        }
        assert!(
            e.to_string().starts_with(
                "The server's answer is not a valid HashMap<String, u8> (1 problem): [redacted]: "
            ),
            "{e}"
        );
        // In an error's message.
        fault(&format!(
            r#"{{"status":404,"body":"{{\"Message\":\"No {secret} here\"}}"}}"#
        ))
        .await;
        let e = failed(
            c.request::<Requirements>(&requirements_of(3004)).await,
            "NotFound",
        );
        assert_eq!(e.server_message(), Some("No [redacted] here"));
    }

    #[wasm_bindgen_test]
    async fn a_group_manager_reads_a_members_booking_in_rust() {
        use adultwork_sdk::rules::UserId;
        reset().await;
        let request = MadeBookingDetailsRequest {
            booking_id: id(2101),
            user_id: Some(UserId::try_from(616161).unwrap()),
        };
        let b = client("manager-token")
            .get_made_booking_details(&request)
            .await
            .unwrap();
        assert_eq!((b.booking_id, b.status), (id(2101), BookingStatus::Pending));
        let log = received().await;
        assert_eq!(
            text(&log[0], "path"),
            "/v1/Groups/PhoneChat/MadeBookingDetails"
        );
        assert_eq!(text(&log[0], "query"), "BookingID=2101&UserID=616161");
        let e = failed(
            client("manager-token")
                .get_made_booking_details(&details_of(2101))
                .await,
            "NotFound",
        );
        assert_eq!(e.status(), Some(404));
        assert_eq!(
            text(received().await.last().unwrap(), "path"),
            "/v1/PhoneChat/MadeBookingDetails"
        );
    }

    #[wasm_bindgen_test]
    async fn delete_received_bookings_in_rust() {
        use adultwork_sdk::requests::DeleteMadeBookingsRequest;
        use adultwork_sdk::rules::BookingIds;
        reset().await;
        let ids = BookingIds::new(vec![id(1101), id(1103), id(1105)]).unwrap();
        let results = client("performer-token")
            .delete_received_bookings(&DeleteMadeBookingsRequest { booking_ids: ids })
            .await
            .unwrap();
        let outcome: Vec<(u32, bool)> = results
            .0
            .iter()
            .map(|r| (r.booking_id.get(), r.deleted))
            .collect();
        assert_eq!(outcome, [(1101, false), (1103, true), (1105, true)]);
        assert_eq!(
            results.0[0].message.as_deref(),
            Some("Only rejected, cancelled or confirmed bookings can be deleted.")
        );
        let log = received().await;
        assert_eq!(text(&log[0], "path"), "/v1/PhoneChat/DeleteReceivedBooking");
        assert_eq!(text(&log[0], "body"), r#"{"BookingIDs":"1101,1103,1105"}"#);
    }
}
