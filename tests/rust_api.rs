//! The pure parts a Rust caller meets, natively: the types a Rust program builds and stores
//! with plain serde (outside the SDK's engine a broken rule is an ordinary serde
//! error), and what `{error}` says for the kinds that carry no HTTP answer.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use adultwork_sdk::error::{Cause, Error};
use adultwork_sdk::model::{BookingStatus, MadeBooking};
use adultwork_sdk::requests::{BookingIdRequest, CancelMadeBookingRequest};
use adultwork_sdk::rules::{BookingId, NonBlank};
use adultwork_sdk::Issue;

#[path = "support/now.rs"]
mod now;
use now::now;

const SAMPLE: &str = include_str!("fixtures/made-booking.json");

#[test]
fn requests_built_in_rust_serialize_to_the_documented_wire_shape() {
    let cancel = CancelMadeBookingRequest {
        booking_id: BookingId::try_from(1001).unwrap(),
        reason: NonBlank::try_from("Plans changed \"today\"").unwrap(),
    };
    assert_eq!(
        serde_json::to_string(&cancel).unwrap(),
        r#"{"BookingID":1001,"Reason":"Plans changed \"today\""}"#
    );
    let read = BookingIdRequest {
        booking_id: BookingId::try_from(2_147_483_647).unwrap(),
    };
    assert_eq!(
        serde_json::to_string(&read).unwrap(),
        r#"{"BookingID":2147483647}"#
    );
}

#[test]
fn a_booking_round_trips_through_plain_serde_json() {
    // What a Rust app does to keep a booking (local storage, a server-rendered page).
    let booking: MadeBooking = serde_json::from_str(SAMPLE).unwrap();
    assert_eq!(booking.status, BookingStatus::Cancelled);
    let stored = serde_json::to_string(&booking).unwrap();
    let again: MadeBooking = serde_json::from_str(&stored).unwrap();
    assert_eq!(again, booking);
}

#[test]
fn outside_the_engine_a_broken_rule_is_an_ordinary_serde_error() {
    let mut value: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    value["BookingID"] = 0.into();
    let e = serde_json::from_value::<MadeBooking>(value).unwrap_err();
    assert!(
        e.to_string()
            .contains("expected an integer from 1 to 2147483647, got 0"),
        "{e}"
    );
    let e = serde_json::from_str::<CancelMadeBookingRequest>(r#"{"BookingID":1,"Reason":" "}"#)
        .unwrap_err();
    assert!(e.to_string().contains("non-whitespace"), "{e}");
    let e = serde_json::from_str::<MadeBooking>(&SAMPLE.replace("\"Cancelled\"", "\"Done\""))
        .unwrap_err();
    assert!(e.to_string().contains("Done"), "{e}");
}

#[test]
fn errors_without_an_answer_say_what_happened_and_carry_no_http_details() {
    let cases = [
        (
            Error::Timeout {
                timeout_ms: 200,
                by_signal: false,
                cause: Cause::default(),
            },
            "The request took longer than 200 ms (timeoutMs) and was abandoned",
        ),
        (
            Error::Timeout {
                timeout_ms: 0,
                by_signal: true,
                cause: Cause::default(),
            },
            "The request was stopped by its AbortSignal's time limit (a TimeoutError)",
        ),
        (
            Error::Aborted {
                cause: Cause::default(),
            },
            "The request was aborted by its AbortSignal",
        ),
        (
            Error::NetworkError {
                method: "POST",
                url: "https://api.adultwork.com/v1/PhoneChat/CancelMadeBooking".into(),
                detail: Some("connect ECONNREFUSED".into()),
                cause: Cause::default(),
            },
            "The request failed without an answer (offline, DNS, CORS, or the connection broke): POST https://api.adultwork.com/v1/PhoneChat/CancelMadeBooking: connect ECONNREFUSED",
        ),
        (
            Error::NetworkError {
                method: "GET",
                url: "https://api.adultwork.com/v1/PhoneChat/MadeBookingDetails".into(),
                detail: None,
                cause: Cause::default(),
            },
            "The request failed without an answer (offline, DNS, CORS, or the connection broke): GET https://api.adultwork.com/v1/PhoneChat/MadeBookingDetails",
        ),
        (
            Error::Unauthorized {
                status: None,
                server_message: None,
                retry_after_ms: None,
                cause: Cause::default(),
            },
            "The accessToken function threw or rejected, so no token was available (see `cause`)",
        ),
    ];
    for (error, message) in cases {
        assert_eq!(error.to_string(), message);
        assert_eq!(error.status(), None, "{error:?}");
        assert_eq!(error.server_message(), None, "{error:?}");
        assert!(error.issues().is_empty(), "{error:?}");
    }
    let e = Error::InvalidResponse {
        context: "The server's answer is not a valid MadeBooking".into(),
        issues: vec![Issue::new("Status", "expected one of …")],
    };
    assert_eq!(e.status(), None);
    assert_eq!(e.issues().len(), 1);
}

#[test]
fn the_client_its_options_errors_and_futures_are_send_and_sync() {
    use adultwork_sdk::{AccessToken, AdultWorkClient, ClientOptions, RequestOptions};
    fn send_sync<T: Send + Sync>() {}
    fn send<T: Send>(_: &T) {}
    send_sync::<AdultWorkClient>();
    send_sync::<ClientOptions>();
    send_sync::<RequestOptions>();
    send_sync::<Error>();
    let client = AdultWorkClient::new(ClientOptions::new(AccessToken::fixed("t").unwrap()));
    let request = CancelMadeBookingRequest {
        booking_id: BookingId::try_from(1001).unwrap(),
        reason: NonBlank::try_from("x").unwrap(),
    };
    let call = client.cancel_made_booking(&request);
    send(&call);
    drop(call);
    let shared = std::sync::Arc::new(client);
    let clone = std::sync::Arc::clone(&shared);
    assert_eq!(
        clone.settings().base_url,
        "https://api-sandbox.adultwork.com"
    );
}

#[test]
fn outside_webassembly_a_call_checks_its_request_then_says_it_cannot_send() {
    use adultwork_sdk::model::CallMethod;
    use adultwork_sdk::requests::CreateBookingRequest;
    use adultwork_sdk::rules::{BookingTime, CreditsOffer, SessionMinutes, UserId};
    use adultwork_sdk::{AccessToken, AdultWorkClient, ClientOptions};

    let client = AdultWorkClient::new(ClientOptions::new(AccessToken::fixed("t").unwrap()));
    let mut request = CreateBookingRequest {
        book_user_id: UserId::try_from(2001).unwrap(),
        session_date: "2026-12-01 18:30".parse::<BookingTime>().unwrap(),
        duration: SessionMinutes::try_from(30).unwrap(),
        method: CallMethod::BookedUserCalls,
        phone_number: None,
        skype_name: None,
        credits: CreditsOffer::try_from(30).unwrap(),
        accept_by: "2026-12-01 19:00".parse::<BookingTime>().unwrap(),
        comments: None,
    };
    // The rules across fields hold natively too: every problem, nothing sent.
    let e = now(client.create_booking(&request)).unwrap_err();
    assert!(matches!(e, Error::InvalidRequest { .. }), "{e:?}");
    let paths: Vec<&str> = e.issues().iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["PhoneNumber", "AcceptBy"]);
    // A valid request gets as far as the transport, which only WebAssembly has.
    request.method = CallMethod::ClientCalls;
    request.accept_by = "2026-12-01 17:00".parse::<BookingTime>().unwrap();
    let e = now(client.create_booking(&request)).unwrap_err();
    assert!(matches!(e, Error::InvalidConfig { .. }), "{e:?}");
    assert!(e.to_string().contains("wasm32-unknown-unknown"), "{e}");
}

#[test]
fn a_rule_type_conversion_becomes_an_invalid_request_with_question_mark() {
    fn with_question_mark(id: i64) -> Result<BookingId, Error> {
        Ok(BookingId::try_from(id)?)
    }
    fn with_a_field(text: &str) -> Result<NonBlank, Error> {
        NonBlank::try_from(text).map_err(|invalid| invalid.at("Reason"))
    }
    assert_eq!(with_question_mark(1001).map(|id| id.get()), Ok(1001));
    let error = with_question_mark(0).unwrap_err();
    assert_eq!(error.kind(), "InvalidRequest");
    assert_eq!(
        error.issues(),
        [Issue::new(
            "",
            "expected an integer from 1 to 2147483647, got 0"
        )]
    );
    let error = with_a_field("  ").unwrap_err();
    assert_eq!(error.issues().len(), 1);
    assert_eq!(error.issues()[0].path, "Reason");
    assert!(
        error.issues()[0].message.starts_with("expected "),
        "{error}"
    );
}
