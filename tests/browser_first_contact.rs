//! What a TypeScript user meets first, in a real browser against the emulator: errors that keep
//! their cause (`signal.reason`, what fetch threw), say where (the method and URL) and how long
//! to wait, clean messages, redaction of the token only where it stands whole, a hint for a
//! forgotten `await`, per-call `maxRetries`, and a `fetch` option the SDK calls instead of the
//! global one.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/client.js")]
extern "C" {
    fn controller() -> JsValue;
    #[wasm_bindgen(js_name = timeoutSignal)]
    fn timeout_signal(ms: u32) -> JsValue;
    #[wasm_bindgen(js_name = abortLaterWith)]
    fn abort_later_with(controller: &JsValue, ms: u32, reason: &JsValue);
    #[wasm_bindgen(js_name = reasonObject)]
    fn reason_object(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = recordingFetch)]
    fn recording_fetch() -> JsValue;
    fn recorded(f: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = cannedFetch)]
    fn canned_fetch(status: u16, body: &str) -> JsValue;
    #[wasm_bindgen(js_name = refusingFetch)]
    fn refusing_fetch() -> JsValue;
    #[wasm_bindgen(js_name = deafFetch)]
    fn deaf_fetch(body_never_ends: bool) -> JsValue;
    #[wasm_bindgen(js_name = promiseOf)]
    fn promise_of(value: &JsValue) -> JsValue;
}

const REQUEST: &str = r#"{"BookingID":1001,"Reason":"Plans changed"}"#;

fn with_signal(signal: &JsValue) -> JsValue {
    with_value(&options("test-token"), "signal", signal)
}

#[wasm_bindgen_test]
async fn aborted_keeps_the_signals_reason_as_its_cause() {
    reset().await;
    fault(r#"{"delayMs":5000}"#).await;
    let ctl = controller();
    let reason = reason_object("user navigated away");
    abort_later_with(&ctl, 100, &reason);
    let e = expect_kind(
        cancel_js(REQUEST, with_signal(&get(&ctl, "signal"))).await,
        "Aborted",
    );
    let cause = get(&e, "cause");
    assert!(
        js_sys::Object::is(&cause, &reason),
        "cause is the reason object"
    );
}

#[wasm_bindgen_test]
async fn a_timeout_error_reason_is_a_timeout() {
    reset().await;
    fault(r#"{"delayMs":5000}"#).await;
    let e = expect_kind(
        cancel_js(REQUEST, with_signal(&timeout_signal(100))).await,
        "Timeout",
    );
    assert_eq!(text(&get(&e, "cause"), "name"), "TimeoutError");
    assert!(text(&e, "message").contains("TimeoutError"));
}

#[wasm_bindgen_test]
async fn a_network_error_names_the_request_and_the_innermost_reason() {
    reset().await;
    let options = with_value(&options("test-token"), "fetch", &refusing_fetch());
    let e = expect_kind(cancel_js(REQUEST, options).await, "NetworkError");
    let message = text(&e, "message");
    let url = format!("POST {}/v1/PhoneChat/CancelMadeBooking", emulator_url());
    assert!(message.contains(&url), "{message}");
    assert!(message.contains("ECONNREFUSED"), "{message}");
    assert!(!message.contains("test-token"));
    assert_eq!(text(&get(&e, "cause"), "message"), "fetch failed");
}

#[wasm_bindgen_test]
async fn rate_limited_says_how_long_to_wait() {
    reset().await;
    fault(r#"{"status":429,"headers":{"Retry-After":"7"}}"#).await;
    let options = with_value(&options("test-token"), "maxRetries", &JsValue::from(0));
    let e = expect_kind(cancel_js(REQUEST, options).await, "RateLimited");
    assert_eq!(num(&e, "retryAfterMs"), 7000.0);
    assert!(
        text(&e, "message").contains("it asked to wait 7 s"),
        "{}",
        text(&e, "message")
    );
}

#[wasm_bindgen_test]
async fn per_call_max_retries_overrides_the_clients() {
    reset().await;
    fault(r#"[{"status":503,"headers":{"Retry-After":"0"}},{"status":503,"headers":{"Retry-After":"0"}}]"#)
        .await;
    let client = AdultWorkClient::new(options_with("test-token", r#""maxRetries":5"#)).unwrap();
    let e = expect_kind(
        settle(client.cancel_made_booking(js(REQUEST), Some(js(r#"{"maxRetries":0}"#)))).await,
        "ServerError",
    );
    assert_eq!(num(&e, "status"), 503.0);
    assert_eq!(received().await.len(), 1, "no retry with maxRetries 0");
}

#[wasm_bindgen_test]
async fn a_did_you_mean_message_ends_cleanly() {
    let e = AdultWorkClient::new(js(r#"{"accessToken":"t","maxRetry":1}"#)).unwrap_err();
    let e = expect_kind(Err(e), "InvalidConfig");
    let message = text(&e, "message");
    assert!(
        message.contains("did you mean \"maxRetries\"?"),
        "{message}"
    );
    assert!(!message.contains("?."), "{message}");
}

#[wasm_bindgen_test]
async fn a_token_that_is_an_ordinary_word_does_not_blank_the_sdks_own_words() {
    reset().await;
    fault(r#"{"status":401,"body":"{\"Message\":\"Token expired\"}"}"#).await;
    let e = expect_kind(cancel_js(REQUEST, options("expired")).await, "Unauthorized");
    let message = text(&e, "message");
    assert!(
        message.starts_with("The access token was missing, expired or rejected"),
        "{message}"
    );
    assert_eq!(text(&e, "serverMessage"), "Token [redacted]");
}

#[wasm_bindgen_test]
fn a_promise_instead_of_a_booking_asks_about_await() {
    let booking = js(r#"{"Status":"Confirmed","SessionDate":"2030-01-01T00:00:00"}"#);
    let e = sdk::can_cancel(promise_of(&booking), None).unwrap_err();
    let e = expect_kind(Err(e), "InvalidRequest");
    assert!(
        text(&e, "message").contains("did you forget `await`?"),
        "{}",
        text(&e, "message")
    );
}

#[wasm_bindgen_test]
async fn a_fetch_option_is_called_instead_of_the_global_one() {
    reset().await;
    let recorder = recording_fetch();
    let options = with_value(&options("test-token"), "fetch", &recorder);
    let b = cancel_js(REQUEST, options.clone()).await.unwrap();
    assert_eq!(text(&b, "Status"), "Cancelled");
    let calls = items(&recorded(&recorder));
    assert_eq!(calls.len(), 1);
    let call = &calls[0];
    assert_eq!(
        text(call, "url"),
        format!("{}/v1/PhoneChat/CancelMadeBooking", emulator_url())
    );
    assert_eq!(text(call, "method"), "POST");
    assert_eq!(text(call, "authorization"), "bearer test-token");
    assert_eq!(
        text(call, "body"),
        r#"{"BookingID":1001,"Reason":"Plans changed"}"#
    );
    assert!(get(call, "argumentIsRequest").as_bool().unwrap());
    // The emulator saw the same one request.
    assert_eq!(received().await.len(), 1);

    // A client too.
    let client = AdultWorkClient::new(options).unwrap();
    let request = js(r#"{"BookingID":1003}"#);
    settle(client.get_made_booking_details(request, None))
        .await
        .unwrap();
    assert_eq!(items(&recorded(&recorder)).len(), 2);
}

#[wasm_bindgen_test]
async fn a_fetch_option_can_answer_without_a_network() {
    reset().await;
    let sample = include_str!("fixtures/made-booking.json");
    let ok = with_value(&options("test-token"), "fetch", &canned_fetch(200, sample));
    let b = cancel_js(r#"{"BookingID":1,"Reason":"x"}"#, ok)
        .await
        .unwrap();
    assert_eq!(num(&b, "BookingID"), 1.0);
    let conflict = with_value(
        &options("test-token"),
        "fetch",
        &canned_fetch(409, r#"{"Message":"The booking is already cancelled."}"#),
    );
    let e = expect_kind(cancel_js(REQUEST, conflict).await, "Conflict");
    assert_eq!(
        text(&e, "serverMessage"),
        "The booking is already cancelled."
    );
    assert!(received().await.is_empty(), "nothing reached the emulator");
    let bad = with_value(&options("test-token"), "fetch", &JsValue::from_str("nope"));
    let e = expect_kind(cancel_js(REQUEST, bad).await, "InvalidConfig");
    assert_eq!(text(&items(&get(&e, "issues"))[0], "path"), "fetch");
}

/// `cancelMadeBooking(JSON.parse(request), options)` as JavaScript calls it.
async fn cancel_js(request: &str, options: JsValue) -> Result<JsValue, JsValue> {
    settle(sdk::cancel_made_booking(js(request), options)).await
}

#[wasm_bindgen_test]
async fn a_fetch_option_that_ignores_the_signal_still_times_out() {
    for body_never_ends in [false, true] {
        let options = with_value(
            &options("test-token"),
            "fetch",
            &deaf_fetch(body_never_ends),
        );
        let options = with_value(&options, "timeoutMs", &JsValue::from(100));
        let options = with_value(&options, "maxRetries", &JsValue::from(0));
        let e = expect_kind(cancel_js(REQUEST, options).await, "Timeout");
        let message = text(&e, "message");
        assert!(
            message.contains("100 ms"),
            "body never ends: {body_never_ends}: {message}"
        );
    }
}
