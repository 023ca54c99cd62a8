//! What must hold for ANY input. Shared by the native corpus test (tests/corpus.rs) and the
//! fuzz target (fuzz/fuzz_targets/made_booking.rs), which include this file with `#[path]`.
//!
//! - Nothing panics (in Wasm a panic traps the instance): the answer reader, the server
//!   message reader, the request readers (with their rules across fields), the delete answer
//!   reader and every pure parser.
//! - An accepted answer is exactly the documented shape: serialized back, it has the type's
//!   fields in order (as its description declares them) and reads again to the same value.
//!   When the SDK hands JavaScript the engine's `JSON.parse` of the body itself, that parse is
//!   exactly this documented value.
//! - A refused answer lists at least one problem, each with a message and a path that is the
//!   body (`""`) or starts with a documented field.
//! - The SDK's JSON reader takes exactly the texts serde_json takes, except where serde_json is
//!   stricter than `JSON.parse` (a lone surrogate escape, a number beyond `f64`, nesting past
//!   128), which the reader takes, as `JSON.parse` does.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use adultwork_sdk::endpoint::{CancelMadeBooking, DeleteMadeBookings};
use adultwork_sdk::model::{DeleteResults, MadeBooking, PhoneChatBookingUser};
use adultwork_sdk::request::ApiPath;
use adultwork_sdk::requests::{
    CancelMadeBookingRequest, CreateBookingRequest, DeleteMadeBookingsRequest,
};
use adultwork_sdk::testing::{self, server_message, SERVER_MESSAGE_MAX_CHARS};
use adultwork_sdk::Error;
use serde_json::Value;

/// The request the corpus answers: booking 1.
pub fn booking_1() -> CancelMadeBookingRequest {
    testing::value(r#"{"BookingID": 1, "Reason": "x"}"#, false).unwrap()
}

/// The delete request the corpus answers: bookings 1 and 2.
pub fn bookings_1_and_2() -> DeleteMadeBookingsRequest {
    testing::request(r#"{"BookingIDs": [1, 2]}"#).unwrap()
}

/// Reads a 2xx body as the client does.
pub fn read(body: &[u8]) -> Result<MadeBooking, Error> {
    testing::answer::<CancelMadeBooking>(&booking_1(), body)
}

/// The same numbers (JavaScript has one kind: `8` and `8.0` are one value), strings, keys in
/// the same order.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((kx, x), (ky, y))| kx == ky && same(x, y))
        }
        _ => a == b,
    }
}

/// Checks an accepted answer: the documented fields in order, and a fixed point.
pub fn documented_shape(booking: &MadeBooking) -> Result<(), String> {
    let json = serde_json::to_value(booking).map_err(|e| e.to_string())?;
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    if keys != testing::fields::<MadeBooking>() {
        return Err(format!("keys {keys:?}"));
    }
    let candidate: Vec<&str> = json["Candidate"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    if candidate != testing::fields::<PhoneChatBookingUser>() {
        return Err(format!("Candidate keys {candidate:?}"));
    }
    let again: MadeBooking =
        testing::value(&json.to_string(), true).map_err(|issues| format!("re-read: {issues:?}"))?;
    if &again != booking {
        return Err("not a fixed point".into());
    }
    Ok(())
}

/// Whether a server message keeps its promise: one line of at most 300 characters.
pub fn message_is_one_short_line(m: &str) -> bool {
    !m.is_empty()
        && m.chars().count() <= SERVER_MESSAGE_MAX_CHARS
        && !m
            .chars()
            .any(|c| c.is_control() || c == '\u{2028}' || c == '\u{2029}')
        && m.trim() == m
}

/// Where serde_json refuses what `JSON.parse` takes.
pub fn stricter_than_json_parse(e: &serde_json::Error) -> bool {
    let said = e.to_string();
    [
        "surrogate",
        "hex escape",
        "number out of range",
        "recursion limit",
    ]
    .iter()
    .any(|reason| said.contains(reason))
}

/// Runs every input-facing function of the crate on `data` and checks the invariants. Panics
/// (the fuzzer's crash signal) when one does not hold.
pub fn check_everything(data: &[u8]) {
    match testing::read::<CancelMadeBooking>(&booking_1(), data) {
        Ok((booking, handed_as_parsed)) => {
            documented_shape(&booking).unwrap_or_else(|e| panic!("accepted, but {e}"));
            assert_eq!(booking.booking_id.get(), 1);
            if handed_as_parsed {
                // JavaScript gets the engine's JSON.parse of the body: it must be exactly the
                // documented value.
                let text = std::str::from_utf8(data).unwrap();
                let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
                let parsed: Value = serde_json::from_str(text).unwrap();
                let documented = serde_json::to_value(&booking).unwrap();
                assert!(
                    same(&parsed, &documented),
                    "handed over as parsed, but {parsed} is not {documented}"
                );
            }
        }
        Err(Error::InvalidResponse { issues, .. }) => {
            assert!(!issues.is_empty());
            let fields = testing::fields::<MadeBooking>();
            for issue in &issues {
                assert!(!issue.message.is_empty());
                assert!(
                    issue.path.is_empty() || fields.iter().any(|f| issue.path.starts_with(f)),
                    "odd path {:?}",
                    issue.path
                );
            }
        }
        Err(other) => panic!("an answer gave {other:?}"),
    }

    // `None` is allowed for more than blank bodies (only control characters, only tags, an
    // empty JSON string); the corpus test pins down which readable bodies give which message.
    if let Some(m) = server_message(data) {
        assert!(message_is_one_short_line(&m), "bad server message {m:?}");
    }

    if let Ok(text) = std::str::from_utf8(data) {
        // The reader's grammar is serde_json's, but where serde_json is stricter than JSON.parse.
        let ours = testing::is_json(text);
        match serde_json::from_str::<Value>(text) {
            Ok(_) => assert!(ours, "serde_json takes {text:?}, the SDK's reader does not"),
            Err(e) if stricter_than_json_parse(&e) => {}
            Err(e) => assert!(
                !ours,
                "the SDK's reader takes {text:?}, serde_json does not: {e}"
            ),
        }
        if ours {
            let _ = testing::value::<CancelMadeBookingRequest>(text, false);
            let _ = testing::value::<PhoneChatBookingUser>(text, false);
            // The requests as callers' values, with the rules across fields.
            let _ = testing::request::<CreateBookingRequest>(text);
            let _ = testing::request::<DeleteMadeBookingsRequest>(text);
        }
        // The body as DeleteMadeBookings' answer: accepted only as one result per booking.
        match testing::answer::<DeleteMadeBookings>(&bookings_1_and_2(), data) {
            Ok(DeleteResults(results)) => assert_eq!(results.len(), 2),
            Err(Error::InvalidResponse { issues, .. }) => {
                assert!(!issues.is_empty());
                assert!(issues.iter().all(|i| !i.message.is_empty()));
            }
            Err(other) => panic!("a delete answer gave {other:?}"),
        }
    }
    testing::parse_everything(&String::from_utf8_lossy(data));
    api_path_stays_below_the_api(&String::from_utf8_lossy(data));
}

/// A path `request()` accepts never leaves the API: it starts `/v1/`, and nothing in it can
/// make a URL parser change the host or climb above `/v1/` (`//`, `\`, `.`/`..` segments,
/// `%2e` spelt in any case, a query or fragment, whitespace or control characters).
fn api_path_stays_below_the_api(text: &str) {
    let Ok(path) = ApiPath::try_from(text) else {
        return;
    };
    let path = path.as_str();
    assert!(path.starts_with("/v1/"), "{path:?}");
    assert!(!path.contains("//") && !path.contains('\\'), "{path:?}");
    assert!(!path.contains(['?', '#']), "{path:?}");
    assert!(
        !path.chars().any(|c| c.is_whitespace() || c.is_control()),
        "{path:?}"
    );
    for segment in path.split('/') {
        let plain = segment.to_ascii_lowercase().replace("%2e", ".");
        assert!(plain != "." && plain != "..", "{path:?}");
    }
}
