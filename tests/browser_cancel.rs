//! cancelMadeBooking end to end in a real browser against the emulator: each cancellable
//! status, each refused prerequisite, auth failures, and the exact request on the wire.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use js_sys::Object;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn cancels_a_booking_in_each_cancellable_status() {
    reset().await;
    for (id, status_before) in [
        (1001, "Pending"),
        (1002, "Accepted"),
        (1003, "Confirmed"),
        (1007, "Pending"),
    ] {
        assert_eq!(text(&booking(id).await, "Status"), status_before);
        let request = format!(r#"{{"BookingID":{id},"Reason":"Plans changed for {id}"}}"#);
        let b = cancel(&request, &options("test-token")).await.unwrap();
        assert_eq!(num(&b, "BookingID"), f64::from(id));
        assert_eq!(text(&b, "Status"), "Cancelled");
        assert_eq!(
            text(&b, "CancelledReason"),
            format!("Plans changed for {id}")
        );
        assert_eq!(text(&b, "CancelledBy"), "BookingClient");
        assert!(get(&b, "CancelledDate").is_string());
        assert!(get(&b, "ActionClient").is_null());
        // Exactly the 20 documented fields, and the candidate's 10.
        assert_eq!(Object::keys(b.unchecked_ref::<Object>()).length(), 20);
        let candidate = get(&b, "Candidate");
        assert_eq!(
            Object::keys(candidate.unchecked_ref::<Object>()).length(),
            10
        );
        assert!(get(&candidate, "UserID").as_f64().unwrap() > 0.0);
        // The emulator's state agrees.
        assert_eq!(text(&booking(id).await, "Status"), "Cancelled");
    }
    // Non-ASCII text survives the round trip.
    let b = booking(1007).await;
    assert_eq!(text(&b, "Comments"), "Café ☕ — à bientôt");
}

#[wasm_bindgen_test]
async fn refuses_each_documented_prerequisite() {
    reset().await;
    for (id, said) in [
        (1005, "already cancelled"),
        (1006, "rejected"),
        (1004, "session date has passed"),
    ] {
        let request = format!(r#"{{"BookingID":{id},"Reason":"Try anyway"}}"#);
        let error = expect_kind(cancel(&request, &options("test-token")).await, "Conflict");
        assert_eq!(num(&error, "status"), 409.0);
        let server = text(&error, "serverMessage");
        assert!(server.contains(said), "{server}");
        assert!(text(&error, "message").contains(&server));
    }
    // Nothing changed.
    assert_eq!(text(&booking(1004).await, "Status"), "Confirmed");
    assert_eq!(text(&booking(1006).await, "Status"), "Rejected");
}

#[wasm_bindgen_test]
async fn maps_auth_and_missing_bookings_to_their_kinds() {
    reset().await;
    let request = r#"{"BookingID":1001,"Reason":"x"}"#;
    let e = expect_kind(
        cancel(request, &options("not-a-token")).await,
        "Unauthorized",
    );
    assert_eq!(num(&e, "status"), 401.0);
    assert!(!text(&e, "message").contains("not-a-token"));
    let e = expect_kind(
        cancel(request, &options("noscope-token")).await,
        "Forbidden",
    );
    assert_eq!(num(&e, "status"), 403.0);
    for id in [9999, 2001] {
        let request = format!(r#"{{"BookingID":{id},"Reason":"x"}}"#);
        let e = expect_kind(cancel(&request, &options("test-token")).await, "NotFound");
        assert_eq!(num(&e, "status"), 404.0);
    }
    assert_eq!(text(&booking(1001).await, "Status"), "Pending");
}

#[wasm_bindgen_test]
async fn sends_exactly_the_documented_request() {
    reset().await;
    let reason = r#"Plans changed \"suddenly\" — sorry\n"#;
    let request = format!(r#"{{"BookingID":1001,"Reason":"{reason}"}}"#);
    cancel(&request, &options("test-token")).await.unwrap();
    let log = received().await;
    assert_eq!(log.len(), 1, "exactly one request, no retry");
    let r = &log[0];
    assert_eq!(text(r, "method"), "POST");
    assert_eq!(text(r, "path"), "/v1/PhoneChat/CancelMadeBooking");
    assert_eq!(text(r, "query"), "");
    let headers = get(r, "headers");
    assert_eq!(text(&headers, "authorization"), "bearer test-token");
    assert_eq!(text(&headers, "content-type"), "application/json");
    assert_eq!(text(&headers, "accept"), "application/json");
    assert!(
        get(&headers, "cookie").is_undefined(),
        "credentials must be omitted"
    );
    assert_eq!(
        text(r, "body"),
        "{\"BookingID\":1001,\"Reason\":\"Plans changed \\\"suddenly\\\" — sorry\\n\"}"
    );
    // The body is what JSON.stringify would send.
    let expected = js_sys::JSON::stringify(&js(&request)).unwrap();
    assert_eq!(text(r, "body"), String::from(expected));
}

#[wasm_bindgen_test]
async fn errors_are_real_error_subclasses() {
    reset().await;
    let e = expect_kind(
        cancel(r#"{"BookingID":0,"Reason":""}"#, &options("test-token")).await,
        "InvalidRequest",
    );
    let stack = get(&e, "stack");
    assert!(stack.is_string(), "an Error has a stack");
    let issues = items(&get(&e, "issues"));
    assert_eq!(issues.len(), 2);
    assert_eq!(text(&issues[0], "path"), "BookingID");
    assert_eq!(text(&issues[1], "path"), "Reason");
    assert!(received().await.is_empty(), "nothing was sent");
    let _ = JsValue::NULL;
}
