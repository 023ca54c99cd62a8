//! What must hold for ANY input. Shared by the native corpus test (tests/corpus.rs) and the
//! fuzz target (fuzz/fuzz_targets/made_booking.rs), which include this file with `#[path]`
//! (next to json_node.rs, which stands in for `JSON.parse`).
//!
//! - Nothing panics (in Wasm a panic traps the instance): the answer decoder, the server
//!   message reader, the request decoders (with their rules across fields), the delete answer
//!   reader and every pure parser.
//! - An accepted answer is exactly the documented shape: serialized back, it has the type's
//!   fields in order (as its serde derive declares them) and decodes again to the same value.
//! - A refused answer lists at least one problem, each with a message and a path that is the
//!   body (`""`) or starts with a documented field.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use adultwork_sdk::decode::{decode, fields_of, Mode};
use adultwork_sdk::endpoint::{read_answer, CancelMadeBooking, DeleteMadeBookings};
use adultwork_sdk::model::{DeleteResults, MadeBooking, PhoneChatBookingUser};
use adultwork_sdk::options::BaseUrl;
use adultwork_sdk::requests::{
    self, CancelMadeBookingRequest, CreateBookingRequest, DeleteMadeBookingsRequest,
};
use adultwork_sdk::rules::Rule;
use adultwork_sdk::server_message::{server_message, SERVER_MESSAGE_MAX_CHARS};
use adultwork_sdk::{datetime, retry, Error};

use super::json_node::{parse_body, parse_error_body, JsonNode};

/// The request the corpus answers: booking 1.
pub fn booking_1() -> CancelMadeBookingRequest {
    decode(
        JsonNode(serde_json::json!({"BookingID": 1, "Reason": "x"})),
        Mode::Request,
    )
    .unwrap()
}

/// The delete request the corpus answers: bookings 1 and 2.
pub fn bookings_1_and_2() -> DeleteMadeBookingsRequest {
    decode(
        JsonNode(serde_json::json!({"BookingIDs": [1, 2]})),
        Mode::Request,
    )
    .unwrap()
}

/// Reads a 2xx body as the client does, natively: `None` when serde_json is stricter than
/// `JSON.parse` about it (then only a browser can judge it).
pub fn read(body: &[u8]) -> Option<Result<MadeBooking, Error>> {
    match parse_body(body) {
        Err(None) => None,
        parsed => Some(read_answer::<CancelMadeBooking, _>(
            &booking_1(),
            parsed.map_err(|issue| issue.unwrap()),
        )),
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
    if keys != fields_of::<MadeBooking>() {
        return Err(format!("keys {keys:?}"));
    }
    let candidate: Vec<&str> = json["Candidate"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    if candidate != fields_of::<PhoneChatBookingUser>() {
        return Err(format!("Candidate keys {candidate:?}"));
    }
    let again: MadeBooking =
        decode(JsonNode(json), Mode::Answer).map_err(|issues| format!("re-read: {issues:?}"))?;
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

/// Runs every input-facing function of the crate on `data` and checks the invariants. Panics
/// (the fuzzer's crash signal) when one does not hold.
pub fn check_everything(data: &[u8]) {
    match read(data) {
        Some(Ok(booking)) => {
            documented_shape(&booking).unwrap_or_else(|e| panic!("accepted, but {e}"));
            assert_eq!(booking.booking_id.get(), 1);
        }
        Some(Err(Error::InvalidResponse { issues, .. })) => {
            assert!(!issues.is_empty());
            let fields = fields_of::<MadeBooking>();
            for issue in &issues {
                assert!(!issue.message.is_empty());
                assert!(
                    issue.path.is_empty() || fields.iter().any(|f| issue.path.starts_with(f)),
                    "odd path {:?}",
                    issue.path
                );
            }
        }
        Some(Err(other)) => panic!("an answer gave {other:?}"),
        None => {}
    }

    // `None` is allowed for more than blank bodies (only control characters, only tags, an
    // empty JSON string); the corpus test pins down which readable bodies give which message.
    if let Some(m) = server_message(data, parse_error_body) {
        assert!(message_is_one_short_line(&m), "bad server message {m:?}");
    }

    if let Ok(JsonNode(value)) = parse_body(data).map_err(drop) {
        let _ = decode::<CancelMadeBookingRequest, _>(JsonNode(value.clone()), Mode::Request);
        let _ = decode::<PhoneChatBookingUser, _>(JsonNode(value.clone()), Mode::Request);
        // The requests as callers' values, with the rules across fields.
        let _ = requests::read::<CreateBookingRequest, _>(JsonNode(value.clone()));
        let _ = requests::read::<DeleteMadeBookingsRequest, _>(JsonNode(value.clone()));
        // The body as DeleteMadeBookings' answer: accepted only as one result per booking.
        match read_answer::<DeleteMadeBookings, _>(&bookings_1_and_2(), Ok(JsonNode(value))) {
            Ok(DeleteResults(results)) => assert_eq!(results.len(), 2),
            Err(Error::InvalidResponse { issues, .. }) => {
                assert!(!issues.is_empty());
                assert!(issues.iter().all(|i| !i.message.is_empty()));
            }
            Err(other) => panic!("a delete answer gave {other:?}"),
        }
    }
    let text = String::from_utf8_lossy(data);
    let _ = datetime::parse(&text);
    let _ = datetime::parse_gmt_offset(&text);
    let _ = datetime::parse_minute(&text);
    let _ = BaseUrl::try_new(text.as_ref());
    let _ = retry::parse_retry_after(&text, 1.7e12);
}
