//! AdultWorkClient in a real browser against the emulator: options, token functions and the
//! shared refresh, time limits and AbortSignal, retries, credential safety, canCancel with the
//! engine's time-zone data, and nothing left behind.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use js_sys::{JsString, Reflect, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/client.js")]
extern "C" {
    #[wasm_bindgen(js_name = countingProvider)]
    fn counting_provider(tokens: Vec<JsString>, delay_ms: i32) -> JsValue;
    fn calls(provider: &JsValue) -> u32;
    #[wasm_bindgen(js_name = badProvider)]
    fn bad_provider(kind: &str) -> JsValue;
    fn controller() -> JsValue;
    #[wasm_bindgen(js_name = abortedSignal)]
    fn aborted_signal() -> JsValue;
    #[wasm_bindgen(js_name = abortLater)]
    fn abort_later(controller: &JsValue, ms: u32);
    fn now() -> f64;
    #[wasm_bindgen(js_name = settleAll)]
    async fn settle_all(promises: Vec<JsValue>) -> JsValue;
    #[wasm_bindgen(js_name = setCookie)]
    fn set_cookie(text: &str);
    #[wasm_bindgen(js_name = fetchWithCredentials)]
    async fn fetch_with_credentials(url: &str);
    fn instrument();
    #[wasm_bindgen(js_name = activeTimers)]
    fn active_timers() -> u32;
    #[wasm_bindgen(js_name = countedSignal)]
    fn counted_signal(controller: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = activeListeners)]
    fn active_listeners() -> i32;
}

const REQUEST: &str = r#"{"BookingID":1001,"Reason":"Plans changed"}"#;

fn client(options: &JsValue) -> AdultWorkClient {
    AdultWorkClient::new(options.clone()).unwrap()
}

async fn call(
    client: &AdultWorkClient,
    request: &str,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    settle(client.cancel_made_booking(js(request), Some(options))).await
}

fn signal_options(controller: &JsValue) -> JsValue {
    let o = js("{}");
    Reflect::set(&o, &"signal".into(), &get(controller, "signal")).unwrap();
    o
}

fn provider_options(provider: &JsValue, extra: &str) -> JsValue {
    let base = js(&format!(r#"{{"baseUrl":"{}"{extra}}}"#, emulator_url()));
    with_value(&base, "accessToken", provider)
}

/// Copies booking 1001 to `ids` (Pending, cancellable), so many calls can succeed at once.
async fn plant_copies(ids: std::ops::RangeInclusive<u32>) {
    let template = booking(1001).await;
    for id in ids {
        Reflect::set(&template, &"BookingID".into(), &JsValue::from(id)).unwrap();
        plant(id, &String::from(JSON::stringify(&template).unwrap())).await;
    }
}

fn auth_headers(log: &[JsValue]) -> Vec<String> {
    log.iter()
        .map(|r| text(&get(r, "headers"), "authorization"))
        .collect()
}

// --- options ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn constructor_throws_invalid_config_before_any_request() {
    reset().await;
    for bad in [
        r#"{}"#,
        r#"{"accessToken":""}"#,
        r#"{"accessToken":"t","baseUrl":"http://api.adultwork.com"}"#,
        r#"{"accessToken":"t","baseUrl":"ftp://127.0.0.1"}"#,
        r#"{"accessToken":"t","timeoutMs":0}"#,
        r#"{"accessToken":"t","maxRetries":11}"#,
        r#"{"accessToken":"t","environment":"staging"}"#,
        r#"{"accessToken":"t","timeout":5000}"#,
    ] {
        let error = match AdultWorkClient::new(js(bad)) {
            Ok(_) => panic!("{bad} was accepted"),
            Err(e) => e,
        };
        let error = expect_kind(Err(error), "InvalidConfig");
        assert!(!items(&get(&error, "issues")).is_empty(), "{bad}");
    }
    assert!(received().await.is_empty());
}

#[wasm_bindgen_test]
async fn one_shot_options_list_client_and_call_problems_together() {
    reset().await;
    let options = js(r#"{"accessToken":5,"signal":"not a signal","timeoutMs":0,"retries":1}"#);
    let e = expect_kind(cancel(REQUEST, &options).await, "InvalidConfig");
    let paths: Vec<String> = items(&get(&e, "issues"))
        .iter()
        .map(|i| text(i, "path"))
        .collect();
    assert_eq!(paths, ["retries", "accessToken", "timeoutMs", "signal"]);
    assert!(received().await.is_empty());
}

#[wasm_bindgen_test]
async fn client_shows_its_settings_but_never_its_token() {
    reset().await;
    let secret = "sk-very-secret-token-123";
    let c = client(&options_with(secret, r#""timeoutMs":5000"#));
    let shown = c.to_string_js();
    assert_eq!(shown, format!("AdultWorkClient({})", emulator_url()));
    let json = String::from(JSON::stringify(&c.to_json()).unwrap());
    assert!(json.contains("\"timeoutMs\":5000"));
    assert!(!json.contains(secret) && !shown.contains(secret));
    let debug = format!("{c:?}");
    assert!(
        debug.contains("[redacted]") && !debug.contains(secret),
        "{debug}"
    );
}

#[wasm_bindgen_test]
async fn environment_defaults_to_the_sandbox() {
    let c = client(&js(r#"{"accessToken":"t"}"#));
    assert_eq!(
        c.to_string_js(),
        "AdultWorkClient(https://api-sandbox.adultwork.com)"
    );
    let c = client(&js(r#"{"accessToken":"t","environment":"production"}"#));
    assert_eq!(
        c.to_string_js(),
        "AdultWorkClient(https://api.adultwork.com)"
    );
}

// --- tokens -------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn concurrent_401s_share_one_refresh() {
    reset().await;
    plant_copies(3001..=3020).await;
    // The first token is refused (401), the second is valid.
    let provider = counting_provider(vec!["stale-token".into(), "ok-fresh".into()], 20);
    let c = client(&provider_options(&provider, ""));
    let calls_made: Vec<JsValue> = (3001..=3020)
        .map(|id| {
            let request = format!(r#"{{"BookingID":{id},"Reason":"Refresh test"}}"#);
            c.cancel_made_booking(js(&request), None).into()
        })
        .collect();
    let results = items(&settle_all(calls_made).await);
    for r in &results {
        let parts = items(r);
        assert_eq!(parts[0].as_string().unwrap(), "ok", "{:?}", parts[1]);
        assert_eq!(text(&parts[1], "Status"), "Cancelled");
    }
    assert_eq!(
        calls(&provider),
        2,
        "one call for the first token, one shared refresh"
    );
    let auth = auth_headers(&received().await);
    assert_eq!(auth.len(), 40);
    assert_eq!(
        auth.iter().filter(|a| *a == "bearer stale-token").count(),
        20
    );
    assert_eq!(auth.iter().filter(|a| *a == "bearer ok-fresh").count(), 20);
}

#[wasm_bindgen_test]
async fn a_token_function_is_called_for_each_request() {
    reset().await;
    let sync_provider = counting_provider(vec!["test-token".into()], -1);
    let c = client(&provider_options(&sync_provider, ""));
    for id in [1001, 1002, 1003] {
        let request = format!(r#"{{"BookingID":{id},"Reason":"x"}}"#);
        call(&c, &request, js("{}")).await.unwrap();
    }
    assert_eq!(calls(&sync_provider), 3);
}

#[wasm_bindgen_test]
async fn a_second_401_after_the_refresh_is_final() {
    reset().await;
    let provider = counting_provider(vec!["stale-1".into(), "stale-2".into()], 0);
    let c = client(&provider_options(&provider, ""));
    let e = expect_kind(call(&c, REQUEST, js("{}")).await, "Unauthorized");
    assert_eq!(num(&e, "status"), 401.0);
    assert_eq!(calls(&provider), 2);
    assert_eq!(received().await.len(), 2);
    // A fixed string is never "refreshed".
    reset().await;
    expect_kind(cancel(REQUEST, &options("stale-1")).await, "Unauthorized");
    assert_eq!(received().await.len(), 1);
}

#[wasm_bindgen_test]
async fn misbehaving_token_functions_give_clear_errors() {
    reset().await;
    for (kind, expected) in [
        ("throws", "Unauthorized"),
        ("rejects", "Unauthorized"),
        ("number", "InvalidConfig"),
        ("empty", "InvalidConfig"),
        ("newline", "InvalidConfig"),
    ] {
        let c = client(&provider_options(&bad_provider(kind), ""));
        let e = expect_kind(call(&c, REQUEST, js("{}")).await, expected);
        if expected == "Unauthorized" {
            let cause = get(&e, "cause");
            assert_eq!(text(&cause, "message"), "refresh endpoint down", "{kind}");
        }
    }
    // A function that never settles cannot hang the call.
    let c = client(&provider_options(
        &bad_provider("hangs"),
        r#","timeoutMs":150"#,
    ));
    let start = now();
    expect_kind(call(&c, REQUEST, js("{}")).await, "Timeout");
    assert!(now() - start < 2000.0);
    assert!(received().await.is_empty(), "no request without a token");
}

// --- time limits and abort ----------------------------------------------------------------

async fn outcome_of_last_request() -> String {
    for _ in 0..100 {
        let log = received().await;
        if let Some(last) = log.last() {
            let outcome = text(last, "outcome");
            if outcome != "pending" {
                return outcome;
            }
        }
        wait(20).await;
    }
    panic!("the emulator never finished the request");
}

#[wasm_bindgen_test]
async fn a_slow_answer_times_out_and_the_fetch_is_cancelled() {
    reset().await;
    fault(r#"{"delayMs":5000}"#).await;
    let start = now();
    let e = expect_kind(
        cancel(REQUEST, &options_with("test-token", r#""timeoutMs":200"#)).await,
        "Timeout",
    );
    let elapsed = now() - start;
    assert!((150.0..2000.0).contains(&elapsed), "took {elapsed} ms");
    assert!(text(&e, "message").contains("200 ms"));
    assert_eq!(outcome_of_last_request().await, "client-gone");
    assert_eq!(received().await.len(), 1, "a timed-out POST is not retried");
}

#[wasm_bindgen_test]
async fn a_per_call_time_limit_overrides_the_clients() {
    reset().await;
    fault(r#"{"delayMs":3000}"#).await;
    let c = client(&options_with("test-token", r#""timeoutMs":60000"#));
    expect_kind(
        call(&c, REQUEST, js(r#"{"timeoutMs":150}"#)).await,
        "Timeout",
    );
}

#[wasm_bindgen_test]
async fn an_already_aborted_signal_sends_nothing() {
    reset().await;
    let options = with_value(&options("test-token"), "signal", &aborted_signal());
    expect_kind(cancel(REQUEST, &options).await, "Aborted");
    assert!(received().await.is_empty());
}

#[wasm_bindgen_test]
async fn aborting_during_the_request_cancels_the_fetch() {
    reset().await;
    fault(r#"{"delayMs":5000}"#).await;
    let c = client(&options("test-token"));
    let ctl = controller();
    abort_later(&ctl, 150);
    let start = now();
    expect_kind(call(&c, REQUEST, signal_options(&ctl)).await, "Aborted");
    assert!(now() - start < 2000.0);
    assert_eq!(outcome_of_last_request().await, "client-gone");
    assert_eq!(text(&booking(1001).await, "Status"), "Pending");
}

#[wasm_bindgen_test]
async fn aborting_during_a_retry_wait_stops_at_once() {
    reset().await;
    fault(r#"{"status":503,"headers":{"Retry-After":"30"},"body":"busy"}"#).await;
    let c = client(&options("test-token"));
    let ctl = controller();
    abort_later(&ctl, 200);
    let start = now();
    expect_kind(call(&c, REQUEST, signal_options(&ctl)).await, "Aborted");
    assert!(now() - start < 2000.0);
    assert_eq!(received().await.len(), 1);
}

// --- retries ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn retries_after_429_and_503_then_succeeds() {
    reset().await;
    fault(r#"[{"status":429,"headers":{"Retry-After":"0"},"body":"slow down"},{"status":503,"body":"maintenance"}]"#).await;
    let b = cancel(REQUEST, &options("test-token")).await.unwrap();
    assert_eq!(text(&b, "Status"), "Cancelled");
    assert_eq!(received().await.len(), 3);
}

#[wasm_bindgen_test]
async fn honours_retry_after_as_seconds_and_as_a_date() {
    reset().await;
    fault(r#"{"status":429,"headers":{"Retry-After":"1"}}"#).await;
    let start = now();
    cancel(REQUEST, &options("test-token")).await.unwrap();
    let waited = now() - start;
    assert!((900.0..5000.0).contains(&waited), "waited {waited} ms");

    reset().await;
    let at = js_sys::Date::new(&JsValue::from_f64(js_sys::Date::now() + 2000.0));
    let header = String::from(at.to_utc_string());
    fault(&format!(
        r#"{{"status":503,"headers":{{"Retry-After":"{header}"}}}}"#
    ))
    .await;
    let start = now();
    cancel(REQUEST, &options("test-token")).await.unwrap();
    let waited = now() - start;
    // An HTTP date has one-second resolution.
    assert!((900.0..5000.0).contains(&waited), "waited {waited} ms");
}

#[wasm_bindgen_test]
async fn backs_off_with_jitter_without_retry_after() {
    reset().await;
    fault(r#"[{"status":503},{"status":503}]"#).await;
    let start = now();
    cancel(REQUEST, &options("test-token")).await.unwrap();
    // Full jitter: at most 500 ms, then at most 1000 ms.
    assert!(now() - start < 1500.0 + 1000.0);
    assert_eq!(received().await.len(), 3);
}

#[wasm_bindgen_test]
async fn gives_up_after_max_retries_with_retry_after_ms() {
    reset().await;
    let busy = r#"{"status":429,"headers":{"Retry-After":"0"},"body":"{\"Message\":\"Too many requests\"}"}"#;
    fault(&format!("[{busy},{busy},{busy},{busy}]")).await;
    let e = expect_kind(
        cancel(REQUEST, &options_with("test-token", r#""maxRetries":2"#)).await,
        "RateLimited",
    );
    assert_eq!(num(&e, "status"), 429.0);
    assert_eq!(num(&e, "retryAfterMs"), 0.0);
    assert_eq!(text(&e, "serverMessage"), "Too many requests");
    assert_eq!(received().await.len(), 3);

    reset().await;
    fault(r#"{"status":503,"headers":{"Retry-After":"120"}}"#).await;
    let e = expect_kind(
        cancel(REQUEST, &options_with("test-token", r#""maxRetries":0"#)).await,
        "ServerError",
    );
    assert_eq!(num(&e, "retryAfterMs"), 120_000.0);
    assert_eq!(received().await.len(), 1);
}

#[wasm_bindgen_test]
async fn never_retries_what_the_server_may_have_done() {
    for (fault_json, kind) in [
        (r#"{"drop":"after-headers","status":200}"#, "NetworkError"),
        (r#"{"status":500,"body":"boom"}"#, "ServerError"),
        (r#"{"status":502,"body":"bad gateway"}"#, "ServerError"),
        (r#"{"status":504,"body":"gateway timeout"}"#, "ServerError"),
    ] {
        reset().await;
        fault(fault_json).await;
        expect_kind(cancel(REQUEST, &options("test-token")).await, kind);
        assert_eq!(received().await.len(), 1, "{fault_json} was retried");
    }
}

// --- credential safety --------------------------------------------------------------------

#[wasm_bindgen_test]
async fn sends_no_cookies() {
    reset().await;
    set_cookie("adultwork_session=cookie-secret; path=/");
    // Control: a request WITH credentials does carry the cookie to the emulator's host.
    fetch_with_credentials(&format!("{}/v1/control", emulator_url())).await;
    let control = received().await;
    assert!(text(&get(&control[0], "headers"), "cookie").contains("cookie-secret"));
    reset().await;
    cancel(REQUEST, &options("test-token")).await.unwrap();
    let log = received().await;
    assert!(get(&get(&log[0], "headers"), "cookie").is_undefined());
    set_cookie("adultwork_session=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/");
}

#[wasm_bindgen_test]
async fn the_cors_preflight_is_cached_between_calls() {
    reset().await;
    let c = client(&options("test-token"));
    for id in [1001, 1002, 1003] {
        let request = format!(r#"{{"BookingID":{id},"Reason":"x"}}"#);
        call(&c, &request, js("{}")).await.unwrap();
    }
    let log = items(&all_requests().await);
    let preflights = log
        .iter()
        .filter(|r| text(r, "method") == "OPTIONS")
        .count();
    let posts = log.iter().filter(|r| text(r, "method") == "POST").count();
    assert_eq!(posts, 3);
    // The emulator allows 600 s; at most the first call needs a preflight (none if an earlier
    // test already warmed the browser's cache). A `cache: "no-store"` fetch would need three.
    assert!(
        preflights < posts,
        "{preflights} preflights for {posts} calls: the preflight was never cached"
    );
}

#[wasm_bindgen_test]
async fn does_not_follow_redirects() {
    for status in [301, 302, 307, 308] {
        reset().await;
        let target = format!("{}/v1/PhoneChat/Elsewhere", emulator_url());
        fault(&format!(
            r#"{{"status":{status},"headers":{{"Location":"{target}"}}}}"#
        ))
        .await;
        let e = expect_kind(cancel(REQUEST, &options("test-token")).await, "HttpError");
        assert!(text(&e, "message").contains("redirect"));
        let log = received().await;
        assert_eq!(log.len(), 1, "the redirect target received nothing");
        assert_eq!(text(&log[0], "path"), "/v1/PhoneChat/CancelMadeBooking");
    }
}

#[wasm_bindgen_test]
async fn the_token_never_appears_in_an_error() {
    let token = "tok-Secret-Value-42";
    reset().await;
    fault(&format!(
        r#"{{"status":401,"body":"{{\"Message\":\"Token {token} is not valid for {token}\"}}"}}"#
    ))
    .await;
    let e = expect_kind(cancel(REQUEST, &options(token)).await, "Unauthorized");
    let said = text(&e, "serverMessage");
    assert_eq!(said, "Token [redacted] is not valid for [redacted]");
    assert!(!text(&e, "message").contains(token));

    // Echoed inside a response field, the token is redacted from the issue too.
    reset().await;
    let mut body = String::from(include_str!("fixtures/made-booking.json"));
    body = body.replace("\"Cancelled\"", &format!("\"{token}\""));
    let escaped = String::from(JSON::stringify(&JsValue::from_str(&body)).unwrap());
    fault(&format!(r#"{{"status":200,"body":{escaped}}}"#)).await;
    let e = expect_kind(
        cancel(r#"{"BookingID":1,"Reason":"x"}"#, &options(token)).await,
        "InvalidResponse",
    );
    let issues = items(&get(&e, "issues"));
    assert_eq!(text(&issues[0], "path"), "Status");
    assert!(!text(&issues[0], "message").contains(token));
    assert!(!text(&e, "message").contains(token));
    assert!(text(&e, "message").contains("[redacted]"));
}

// --- canCancel with the engine's time zones -----------------------------------------------

fn check(status: &str, session: &str, now_utc: &str, zone: Option<&str>) -> JsValue {
    let booking = js(&format!(
        r#"{{"Status":"{status}","SessionDate":"{session}"}}"#
    ));
    let date = js_sys::Date::new(&JsValue::from_str(now_utc));
    let mut options = with_value(&js("{}"), "now", &date);
    if let Some(zone) = zone {
        options = with_value(&options, "timeZone", &JsValue::from_str(zone));
    }
    sdk::can_cancel(booking, Some(options)).unwrap()
}

fn verdict(v: &JsValue) -> String {
    if get(v, "ok").as_bool().unwrap() {
        "ok".into()
    } else {
        text(v, "reason")
    }
}

#[wasm_bindgen_test]
fn can_cancel_a_minute_either_side_and_across_clock_changes() {
    let c = "Confirmed";
    let cases = [
        // winter: London = UTC
        ("2026-01-10T20:00:00", "2026-01-10T19:59:00Z", "ok"),
        (
            "2026-01-10T20:00:00",
            "2026-01-10T20:01:00Z",
            "SessionPassed",
        ),
        // summer: London = UTC+1
        ("2026-07-10T20:00:00", "2026-07-10T18:59:00Z", "ok"),
        (
            "2026-07-10T20:00:00",
            "2026-07-10T19:01:00Z",
            "SessionPassed",
        ),
        // clocks go forward 29 March 2026 01:00 UTC: 03:00 London = 02:00 UTC
        ("2026-03-29T03:00:00", "2026-03-29T01:59:00Z", "ok"),
        (
            "2026-03-29T03:00:00",
            "2026-03-29T02:01:00Z",
            "SessionPassed",
        ),
        // clocks go back 25 October 2026 01:00 UTC: 00:30 London = 23:30 UTC the day before
        ("2026-10-25T00:30:00", "2026-10-24T23:29:00Z", "ok"),
        (
            "2026-10-25T00:30:00",
            "2026-10-24T23:31:00Z",
            "SessionPassed",
        ),
        ("2026-10-25T02:30:00", "2026-10-25T02:29:00Z", "ok"),
        (
            "2026-10-25T02:30:00",
            "2026-10-25T02:31:00Z",
            "SessionPassed",
        ),
    ];
    for (session, now_utc, expected) in cases {
        assert_eq!(
            verdict(&check(c, session, now_utc, None)),
            expected,
            "{session} at {now_utc}"
        );
    }
    // Another zone: 20:00 in New York in January is 01:00 UTC the next day.
    let ny = Some("America/New_York");
    assert_eq!(
        verdict(&check(c, "2026-01-10T20:00:00", "2026-01-11T00:59:00Z", ny)),
        "ok"
    );
    assert_eq!(
        verdict(&check(c, "2026-01-10T20:00:00", "2026-01-11T01:01:00Z", ny)),
        "SessionPassed"
    );
    // Status rules.
    let past = "2020-01-01T00:00:00";
    assert_eq!(
        verdict(&check("Pending", past, "2026-01-01T00:00:00Z", None)),
        "ok"
    );
    assert_eq!(
        verdict(&check("Cancelled", past, "2026-01-01T00:00:00Z", None)),
        "AlreadyCancelled"
    );
    assert_eq!(
        verdict(&check("Rejected", past, "2026-01-01T00:00:00Z", None)),
        "Rejected"
    );
}

#[wasm_bindgen_test]
fn can_cancel_rejects_unusable_arguments() {
    let booking = js(r#"{"Status":"Confirmed","SessionDate":"2026-01-10T20:00:00"}"#);
    let bad_zone = js(r#"{"timeZone":"Mars/Olympus_Mons"}"#);
    let e = sdk::can_cancel(booking, Some(bad_zone)).unwrap_err();
    let e = expect_kind(Err(e), "InvalidRequest");
    assert_eq!(text(&items(&get(&e, "issues"))[0], "path"), "timeZone");
    let e = sdk::can_cancel(js(r#"{"Status":"Done"}"#), None).unwrap_err();
    let e = expect_kind(Err(e), "InvalidRequest");
    assert_eq!(items(&get(&e, "issues")).len(), 2);
}

// --- nothing left behind ------------------------------------------------------------------

#[wasm_bindgen_test]
async fn leaves_no_timers_or_listeners_behind() {
    instrument();
    reset().await;
    let c = client(&options_with("test-token", r#""timeoutMs":300"#));
    let ctl = controller();
    let signal = counted_signal(&ctl);
    let with_signal = with_value(&js("{}"), "signal", &signal);
    // success, refusal, invalid request, timeout, retry then success
    call(&c, REQUEST, with_signal.clone()).await.unwrap();
    expect_kind(
        call(
            &c,
            r#"{"BookingID":1005,"Reason":"x"}"#,
            with_signal.clone(),
        )
        .await,
        "Conflict",
    );
    expect_kind(
        call(&c, r#"{"BookingID":0,"Reason":"x"}"#, with_signal.clone()).await,
        "InvalidRequest",
    );
    fault(r#"{"delayMs":2000}"#).await;
    expect_kind(
        call(
            &c,
            r#"{"BookingID":1002,"Reason":"x"}"#,
            with_signal.clone(),
        )
        .await,
        "Timeout",
    );
    fault(r#"{"status":503,"headers":{"Retry-After":"0"}}"#).await;
    call(
        &c,
        r#"{"BookingID":1003,"Reason":"x"}"#,
        with_signal.clone(),
    )
    .await
    .unwrap();
    assert_eq!(active_timers(), 0, "timers left behind");
    assert_eq!(
        active_listeners(),
        0,
        "abort listeners left on the caller's signal"
    );
    // An abort during a retry wait also cleans up.
    fault(r#"{"status":503,"headers":{"Retry-After":"30"}}"#).await;
    abort_later(&ctl, 100);
    expect_kind(
        call(&c, r#"{"BookingID":1007,"Reason":"x"}"#, with_signal).await,
        "Aborted",
    );
    assert_eq!(active_timers(), 0, "timers left behind after abort");
    assert_eq!(active_listeners(), 0, "listeners left behind after abort");
}
