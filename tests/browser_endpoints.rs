//! getMadeBookingDetails and rescheduleMadeBooking in a real browser against the emulator:
//! success, each refusal, the exact request on the wire, the wider retry rule of the read,
//! canReschedule, and the read → canCancel → cancel → read workflow.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

async fn details(id: u32, options: &JsValue) -> Result<JsValue, JsValue> {
    let request = js(&format!(r#"{{"BookingID":{id}}}"#));
    settle(sdk::get_made_booking_details(request, options.clone())).await
}

async fn reschedule(id: u32, options: &JsValue) -> Result<JsValue, JsValue> {
    let request = js(&format!(r#"{{"BookingID":{id}}}"#));
    settle(sdk::reschedule_made_booking(request, options.clone())).await
}

fn check_at(
    check: fn(JsValue, Option<JsValue>) -> Result<JsValue, JsValue>,
    booking: &JsValue,
    now_ms: f64,
) -> JsValue {
    let options = js("{}");
    let date = js_sys::Date::new(&JsValue::from_f64(now_ms));
    Reflect::set(&options, &"now".into(), &date).unwrap();
    check(booking.clone(), Some(options)).unwrap()
}

fn ok(verdict: &JsValue) -> bool {
    get(verdict, "ok").as_bool().unwrap()
}

#[wasm_bindgen_test]
async fn details_returns_each_booking_as_the_server_holds_it() {
    reset().await;
    for (id, status) in [
        (1001, "Pending"),
        (1002, "Accepted"),
        (1003, "Confirmed"),
        (1004, "Confirmed"),
        (1005, "Cancelled"),
        (1006, "Rejected"),
        (1007, "Pending"),
        (1008, "Confirmed"),
    ] {
        let b = details(id, &options("test-token")).await.unwrap();
        assert_eq!(num(&b, "BookingID"), f64::from(id));
        assert_eq!(text(&b, "Status"), status);
        assert_eq!(
            text(&b, "SessionDate"),
            text(&booking(id).await, "SessionDate")
        );
    }
    // Nothing changed on the server.
    assert_eq!(text(&booking(1001).await, "Status"), "Pending");
}

#[wasm_bindgen_test]
async fn details_sends_a_get_with_the_query_and_no_body() {
    reset().await;
    details(1003, &options("test-token")).await.unwrap();
    let log = received().await;
    assert_eq!(log.len(), 1);
    let r = &log[0];
    assert_eq!(text(r, "method"), "GET");
    assert_eq!(text(r, "path"), "/v1/PhoneChat/MadeBookingDetails");
    assert_eq!(text(r, "query"), "BookingID=1003");
    assert_eq!(text(r, "body"), "");
    let headers = get(r, "headers");
    assert_eq!(text(&headers, "authorization"), "bearer test-token");
    assert_eq!(text(&headers, "accept"), "application/json");
    assert!(
        get(&headers, "content-type").is_undefined(),
        "a GET has no Content-Type"
    );
}

#[wasm_bindgen_test]
async fn details_refusals_have_their_kinds() {
    reset().await;
    for id in [9999, 2001] {
        let e = expect_kind(details(id, &options("test-token")).await, "NotFound");
        assert_eq!(num(&e, "status"), 404.0);
    }
    expect_kind(details(1001, &options("nope")).await, "Unauthorized");
    expect_kind(details(1001, &options("noscope-token")).await, "Forbidden");
    let e = expect_kind(details(0, &options("test-token")).await, "InvalidRequest");
    assert_eq!(text(&items(&get(&e, "issues"))[0], "path"), "BookingID");
    // A request for one booking answered with another is not accepted.
    let sample = include_str!("fixtures/made-booking.json");
    let body = String::from(js_sys::JSON::stringify(&JsValue::from_str(sample)).unwrap());
    fault(&format!(r#"{{"status":200,"body":{body}}}"#)).await;
    let e = expect_kind(
        details(1003, &options("test-token")).await,
        "InvalidResponse",
    );
    let issue = &items(&get(&e, "issues"))[0];
    assert_eq!(text(issue, "path"), "BookingID");
    assert_eq!(text(issue, "message"), "expected the requested 1003, got 1");
}

#[wasm_bindgen_test]
async fn details_is_retried_after_a_dropped_connection_a_timeout_502_and_504() {
    for (fault_json, extra) in [
        (r#"{"drop":"after-headers","status":200}"#, ""),
        (r#"{"status":502,"body":"bad gateway"}"#, ""),
        (r#"{"status":504,"body":"gateway timeout"}"#, ""),
        (r#"{"delayMs":3000}"#, r#""timeoutMs":300"#),
    ] {
        reset().await;
        fault(fault_json).await;
        let options = if extra.is_empty() {
            options("test-token")
        } else {
            options_with("test-token", extra)
        };
        let b = details(1003, &options).await.unwrap();
        assert_eq!(num(&b, "BookingID"), 1003.0, "{fault_json}");
        assert_eq!(received().await.len(), 2, "{fault_json}: one retry");
    }
    // Within maxRetries only.
    reset().await;
    fault(r#"[{"status":502},{"status":502},{"status":502}]"#).await;
    expect_kind(
        details(1003, &options_with("test-token", r#""maxRetries":1"#)).await,
        "ServerError",
    );
    assert_eq!(received().await.len(), 2);
}

#[wasm_bindgen_test]
async fn reschedule_moves_a_passed_session_5_to_10_minutes_ahead() {
    reset().await;
    let before = booking(1004).await;
    let start = js_sys::Date::now();
    let b = reschedule(1004, &options("test-token")).await.unwrap();
    assert_eq!(num(&b, "BookingID"), 1004.0);
    assert_eq!(text(&b, "Status"), "Confirmed");
    assert_ne!(text(&b, "SessionDate"), text(&before, "SessionDate"));
    for unchanged in ["Duration", "Credits", "Method"] {
        assert_eq!(num(&b, unchanged), num(&before, unchanged), "{unchanged}");
    }
    // The new session (UK wall-clock time) is 5 to 10 minutes from now, read with Intl.
    let minute = 60_000.0;
    let f = sdk::can_reschedule;
    assert!(
        !ok(&check_at(f, &b, start + 4.0 * minute)),
        "before now+5min it has not passed"
    );
    assert!(
        ok(&check_at(f, &b, start + 11.0 * minute)),
        "after now+10min it has passed"
    );
    assert!(
        ok(&sdk::can_cancel(b.clone(), None).unwrap()),
        "cancellable again"
    );
    // The exact request.
    let log = received().await;
    assert_eq!(log.len(), 1);
    assert_eq!(text(&log[0], "method"), "POST");
    assert_eq!(text(&log[0], "path"), "/v1/PhoneChat/RescheduleMadeBooking");
    assert_eq!(text(&log[0], "body"), r#"{"BookingID":1004}"#);
    assert_eq!(
        text(&get(&log[0], "headers"), "content-type"),
        "application/json"
    );
}

#[wasm_bindgen_test]
async fn reschedule_refusals_have_their_kinds() {
    reset().await;
    for (id, said) in [(1001, "has not passed"), (1008, "Not enough credits")] {
        let e = expect_kind(reschedule(id, &options("test-token")).await, "Conflict");
        assert!(text(&e, "serverMessage").contains(said));
    }
    expect_kind(reschedule(9999, &options("test-token")).await, "NotFound");
    assert_eq!(text(&booking(1008).await, "Status"), "Confirmed");
}

#[wasm_bindgen_test]
async fn reschedule_is_not_retried_when_the_server_may_have_acted() {
    for fault_json in [
        r#"{"drop":"after-headers","status":200}"#,
        r#"{"status":502,"body":"bad gateway"}"#,
    ] {
        reset().await;
        fault(fault_json).await;
        assert!(reschedule(1004, &options("test-token")).await.is_err());
        assert_eq!(received().await.len(), 1, "{fault_json} was retried");
    }
    // 503 says the server did not act: retried.
    reset().await;
    fault(r#"{"status":503,"headers":{"Retry-After":"0"}}"#).await;
    reschedule(1004, &options("test-token")).await.unwrap();
    assert_eq!(received().await.len(), 2);
}

#[wasm_bindgen_test]
async fn can_reschedule_a_minute_either_side() {
    let booking = js(r#"{"Status":"Confirmed","SessionDate":"2026-07-10T20:00:00"}"#);
    let summer_20h_london = js_sys::Date::parse("2026-07-10T19:00:00Z");
    let f = sdk::can_reschedule;
    let before = check_at(f, &booking, summer_20h_london - 60_000.0);
    assert!(!ok(&before));
    assert_eq!(text(&before, "reason"), "SessionNotPassed");
    assert!(ok(&check_at(f, &booking, summer_20h_london + 60_000.0)));
    let e = sdk::can_reschedule(js(r#"{"SessionDate":"soon"}"#), None).unwrap_err();
    expect_kind(Err(e), "InvalidRequest");
}

#[wasm_bindgen_test]
async fn read_check_cancel_read() {
    reset().await;
    let client = AdultWorkClient::new(options("test-token")).unwrap();
    let request = js(r#"{"BookingID":1003}"#);
    let before = settle(client.get_made_booking_details(request.clone(), None))
        .await
        .unwrap();
    assert_eq!(text(&before, "Status"), "Confirmed");
    assert!(ok(&sdk::can_cancel(before.clone(), None).unwrap()));
    let cancel = js(r#"{"BookingID":1003,"Reason":"Double-booked"}"#);
    let cancelled = settle(client.cancel_made_booking(cancel, None))
        .await
        .unwrap();
    assert_eq!(text(&cancelled, "Status"), "Cancelled");
    let after = settle(client.get_made_booking_details(request, None))
        .await
        .unwrap();
    assert_eq!(text(&after, "Status"), "Cancelled");
    assert_eq!(text(&after, "CancelledReason"), "Double-booked");
    let verdict = sdk::can_cancel(after, None).unwrap();
    assert_eq!(text(&verdict, "reason"), "AlreadyCancelled");
    let methods: Vec<String> = received().await.iter().map(|r| text(r, "method")).collect();
    assert_eq!(methods, ["GET", "POST", "GET"]);
}
