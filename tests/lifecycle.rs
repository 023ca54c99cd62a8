//! The create and delete requests and answers, natively: every rule of `CreateBookingRequest`
//! and `DeleteMadeBookingsRequest` with its path, the exact wire body, and the checks of the
//! answers against the request. (JavaScript `Date`s and the engine's UK time are covered by
//! tests/browser_lifecycle.rs.)
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use adultwork_sdk::endpoint::{CreateBooking, DeleteMadeBookings};
use adultwork_sdk::model::CallMethod;
use adultwork_sdk::requests::{CreateBookingRequest, DeleteMadeBookingsRequest, Request};
use adultwork_sdk::{testing, Issue};

const SAMPLE: &str = include_str!("fixtures/made-booking.json");

fn create(json: &str) -> Result<CreateBookingRequest, Vec<Issue>> {
    testing::request(json)
}

fn delete(json: &str) -> Result<DeleteMadeBookingsRequest, Vec<Issue>> {
    testing::request(json)
}

/// `(path, message)` of every issue.
fn listed(issues: &[Issue]) -> Vec<(&str, &str)> {
    issues
        .iter()
        .map(|i| (i.path.as_str(), i.message.as_str()))
        .collect()
}

fn wire<R: Request>(request: &R) -> String {
    serde_json::to_string(&*request.on_wire()).unwrap()
}

const BASE: &str = r#""BookUserID":2001,"SessionDate":"2026-12-01 18:30","Duration":30,"Credits":30,"AcceptBy":"2026-12-01 17:00""#;

#[test]
fn the_wire_carries_only_what_the_method_uses() {
    let by_phone = create(&format!(
        r#"{{{BASE},"Method":1,"PhoneNumber":"07700900123","SkypeName":"me","Comments":"hi"}}"#
    ))
    .unwrap();
    assert_eq!(by_phone.method, CallMethod::BookedUserCalls);
    assert_eq!(
        wire(&by_phone),
        r#"{"BookUserID":2001,"SessionDate":"2026-12-01 18:30","Duration":30,"Method":1,"PhoneNumber":"07700900123","Credits":30,"AcceptBy":"2026-12-01 17:00","Comments":"hi"}"#
    );
    let calling = create(&format!(
        r#"{{{BASE},"Method":2,"PhoneNumber":"07700900123","SkypeName":"me","Comments":""}}"#
    ))
    .unwrap();
    assert_eq!(
        wire(&calling),
        r#"{"BookUserID":2001,"SessionDate":"2026-12-01 18:30","Duration":30,"Method":2,"Credits":30,"AcceptBy":"2026-12-01 17:00"}"#
    );
    let skype = create(&format!(
        r#"{{{BASE},"Method":3,"SkypeName":"me","Credits":12.5}}"#
    ));
    // A key twice is the JSON parser's business: the last one wins, as in JSON.parse.
    assert_eq!(
        wire(&skype.unwrap()),
        r#"{"BookUserID":2001,"SessionDate":"2026-12-01 18:30","Duration":30,"Method":3,"SkypeName":"me","Credits":12.5,"AcceptBy":"2026-12-01 17:00"}"#
    );
}

#[test]
fn every_problem_of_a_create_at_once() {
    let issues = create(
        r#"{"BookUserID":0,"SessionDate":"2026-12-01T18:30","Duration":4,"Method":4,
            "PhoneNumber":"+447700900123","SkypeName":" ","Credits":0,"AcceptBy":"2026-02-30 17:00",
            "Comments":7,"Extra":1}"#,
    )
    .unwrap_err();
    assert_eq!(
        listed(&issues),
        [
            ("Extra", "is not a known key; expected one of BookUserID, SessionDate, Duration, Method, PhoneNumber, SkypeName, Credits, AcceptBy, Comments"),
            ("BookUserID", "expected an integer from 1 to 2147483647, got 0"),
            ("SessionDate", "expected a Date or a string like \"2026-12-01 18:30\" (YYYY-MM-DD HH:MM, UK time), got a string (\"2026-12-01T18:30\"): it does not have the form YYYY-MM-DD HH:MM"),
            ("Duration", "expected a whole number of minutes, at least 5, got 4"),
            ("Method", "expected one of 1, 2, 3, got 4"),
            ("PhoneNumber", "expected 10 or 11 digits, got a string (\"+447700900123\"): digits only: no spaces, + or dashes"),
            ("SkypeName", "expected a string with at least one non-whitespace character, got a string (\" \")"),
            ("Credits", "expected a finite number > 0, got 0"),
            ("AcceptBy", "expected a Date or a string like \"2026-12-01 18:30\" (YYYY-MM-DD HH:MM, UK time), got a string (\"2026-02-30 17:00\"): that day does not exist in that month"),
            ("Comments", "expected a string or null, got 7"),
        ]
    );
}

#[test]
fn rules_across_fields() {
    let issues = create(&format!(r#"{{{BASE},"Method":1}}"#)).unwrap_err();
    assert_eq!(
        listed(&issues),
        [(
            "PhoneNumber",
            "is required when Method is 1 (the booked user calls you); expected 10 or 11 digits"
        )]
    );
    let issues = create(&format!(r#"{{{BASE},"Method":3,"SkypeName":null}}"#)).unwrap_err();
    assert_eq!(issues[0].path, "SkypeName");
    assert!(create(&format!(r#"{{{BASE},"Method":2}}"#)).is_ok());
    // AcceptBy must be strictly before SessionDate.
    let late = r#"{"BookUserID":1,"SessionDate":"2026-12-01 18:30","Duration":5,"Method":2,"Credits":1,"AcceptBy":"2026-12-01 18:30"}"#;
    assert_eq!(
        listed(&create(late).unwrap_err()),
        [(
            "AcceptBy",
            "expected a time before SessionDate (2026-12-01 18:30), got 2026-12-01 18:30"
        )]
    );
    // A field's own problem is not echoed by a rule that reads it.
    let both = r#"{"BookUserID":1,"SessionDate":"soon","Duration":5,"Method":"1","Credits":1,"AcceptBy":"2026-12-01 18:30"}"#;
    assert_eq!(paths(&create(both).unwrap_err()), ["SessionDate", "Method"]);
}

fn paths(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.path.as_str()).collect()
}

#[test]
fn delete_ids_go_as_one_string() {
    let request = delete(r#"{"BookingIDs":[1003,1001,1002]}"#).unwrap();
    assert_eq!(wire(&request), r#"{"BookingIDs":"1003,1001,1002"}"#);
    let hundred: Vec<String> = (1..=100).map(|i| i.to_string()).collect();
    assert!(delete(&format!(r#"{{"BookingIDs":[{}]}}"#, hundred.join(","))).is_ok());
}

#[test]
fn delete_ids_are_checked() {
    let one = |json: &str| {
        listed(&delete(json).unwrap_err())
            .into_iter()
            .map(|(p, m)| format!("{p}: {m}"))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        one(r#"{"BookingIDs":[]}"#),
        ["BookingIDs: expected 1 to 100 booking IDs, got an empty array"]
    );
    let many: Vec<String> = (1..=101).map(|i| i.to_string()).collect();
    assert_eq!(
        one(&format!(r#"{{"BookingIDs":[{}]}}"#, many.join(","))),
        ["BookingIDs: expected 1 to 100 booking IDs, got 101"]
    );
    assert_eq!(
        one(r#"{"BookingIDs":[1,2,1]}"#),
        ["BookingIDs: expected distinct booking IDs, got 1 twice (at [0] and [2])"]
    );
    assert_eq!(
        one(r#"{"BookingIDs":[1,2.5,0,"3"]}"#),
        [
            "BookingIDs[1]: expected an integer from 1 to 2147483647, got 2.5: not a whole number",
            "BookingIDs[2]: expected an integer from 1 to 2147483647, got 0",
            "BookingIDs[3]: expected an integer from 1 to 2147483647, got a string (\"3\")",
        ]
    );
    assert_eq!(
        one(r#"{"BookingIDs":"1,2"}"#),
        ["BookingIDs: expected an array of 1 to 100 booking IDs, got a string (\"1,2\")"]
    );
    assert_eq!(
        one(r#"{"BookingIds":[1]}"#)[0],
        "BookingIds: is not a known key; did you mean \"BookingIDs\"?"
    );
}

#[test]
fn a_created_booking_must_be_with_the_booked_user() {
    let request = create(&format!(r#"{{{BASE},"Method":2}}"#)).unwrap();
    // The booked user is the sample's candidate, then another user.
    let sample: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    let candidate = sample["Candidate"]["UserID"].as_u64().unwrap();
    let mut request = request;
    request.book_user_id = adultwork_sdk::rules::UserId::try_from(candidate as u32).unwrap();
    assert!(testing::answer::<CreateBooking>(&request, SAMPLE.as_bytes()).is_ok());
    request.book_user_id = adultwork_sdk::rules::UserId::try_from(candidate as u32 + 1).unwrap();
    let e = testing::answer::<CreateBooking>(&request, SAMPLE.as_bytes()).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "The booking may have been created, but the server's answer is not a valid MadeBooking (read your bookings before trying again) (1 problem): Candidate.UserID: expected the booked user {} (BookUserID), got {candidate}.",
            candidate + 1
        )
    );
}

#[test]
fn delete_results_match_the_request() {
    let request = delete(r#"{"BookingIDs":[1,2,3]}"#).unwrap();
    let answer = |json: &str| testing::answer::<DeleteMadeBookings>(&request, json.as_bytes());
    let ok = answer(
        r#"[{"BookingID":2,"Deleted":true,"Message":null},{"BookingID":1,"Deleted":false,"Message":"Booking is not finished"},{"BookingID":3,"Deleted":true,"Message":""}]"#,
    )
    .unwrap();
    assert_eq!(ok.0.len(), 3);
    assert!(!ok.0[1].deleted);
    assert_eq!(ok.0[1].message.as_deref(), Some("Booking is not finished"));
    let e = answer(
        r#"[{"BookingID":2,"Deleted":true,"Message":null},{"BookingID":2,"Deleted":true,"Message":null},{"BookingID":9,"Deleted":"yes"}]"#,
    )
    .unwrap_err();
    assert_eq!(
        listed(e.issues()),
        [
            ("[2].Deleted", "expected a boolean, got a string (\"yes\")"),
            ("[2].Message", "is missing; expected a string or null"),
            (
                "[1].BookingID",
                "expected one result per booking, got 2 again"
            ),
            ("[2].BookingID", "expected a requested booking, got 9"),
            (
                "",
                "expected a result for every requested booking, none for 1, 3"
            ),
        ]
    );
    let e = answer(r#"{"BookingID":1}"#).unwrap_err();
    assert_eq!(
        listed(e.issues()),
        [(
            "",
            "expected an array of DeleteResult objects, got an object"
        )]
    );
}
