//! The engine on its own, natively: every problem of a value listed once, at its path, in
//! declaration order; stand-ins never leak into a successful result; requests are strict.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use adultwork_sdk::model::{BookingStatus, CallMethod, MadeBooking};
use adultwork_sdk::requests::CancelMadeBookingRequest;
use adultwork_sdk::{testing, Issue};

const SAMPLE: &str = include_str!("fixtures/made-booking.json");

fn answer(text: &str) -> Result<MadeBooking, Vec<Issue>> {
    testing::value(text, true)
}

fn paths(issues: &[Issue]) -> Vec<&str> {
    issues.iter().map(|i| i.path.as_str()).collect()
}

fn with(field: &str, value: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    let new: serde_json::Value = serde_json::from_str(value).unwrap();
    match field.split_once('.') {
        Some((outer, inner)) => v[outer][inner] = new,
        None => v[field] = new,
    }
    v.to_string()
}

fn without(field: &str) -> String {
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    match field.split_once('.') {
        Some((outer, inner)) => v[outer].as_object_mut().unwrap().shift_remove(inner),
        None => v.as_object_mut().unwrap().shift_remove(field),
    };
    v.to_string()
}

#[test]
fn a_valid_answer_becomes_the_typed_value_and_back() {
    let b = answer(SAMPLE).unwrap();
    assert_eq!(b.booking_id.get(), 1);
    assert_eq!(b.status, BookingStatus::Cancelled);
    assert_eq!(b.method, CallMethod::BookedUserCalls);
    assert_eq!(b.candidate.total.get(), 6);
    // Serialized back, it is the documented shape, field for field (JavaScript has one kind of
    // number, so `8` and `8.0` are the same value).
    let mut out = serde_json::to_value(&b).unwrap();
    let mut input: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    assert_eq!(out["Credits"].as_f64(), input["Credits"].as_f64());
    out["Credits"] = 0.into();
    input["Credits"] = 0.into();
    assert_eq!(out, input);
}

#[test]
fn lists_every_problem_in_declaration_order() {
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    v["Candidate"]["UserID"] = "x".into();
    v["Status"] = "Nope".into();
    v["BookingID"] = 0.into();
    v["Credits"] = (-1).into();
    v.as_object_mut().unwrap().shift_remove("LastUpdated");
    v["AcceptedDate"] = "2018-02-30T00:00:00".into();
    let issues = answer(&v.to_string()).unwrap_err();
    assert_eq!(
        paths(&issues),
        [
            "BookingID",
            "Credits",
            "Status",
            "AcceptedDate",
            "LastUpdated",
            "Candidate.UserID"
        ]
    );
    let by_path = |p: &str| &issues.iter().find(|i| i.path == p).unwrap().message;
    assert_eq!(
        by_path("BookingID"),
        "expected an integer from 1 to 2147483647, got 0"
    );
    assert_eq!(
        by_path("Status"),
        "expected one of \"Pending\", \"Accepted\", \"Rejected\", \"Confirmed\", \"Cancelled\", got a string (\"Nope\")"
    );
    assert_eq!(
        by_path("LastUpdated"),
        "is missing; expected a date-time like \"2018-01-22T21:30:00\""
    );
    assert_eq!(
        by_path("AcceptedDate"),
        "expected a date-time like \"2018-01-22T21:30:00\", got a string (\"2018-02-30T00:00:00\"): that day does not exist in that month"
    );
    assert_eq!(
        by_path("Candidate.UserID"),
        "expected an integer from 1 to 2147483647, got a string (\"x\")"
    );
}

#[test]
fn nullable_fields_must_be_present_in_answers() {
    let issues = answer(&without("SkypeName")).unwrap_err();
    assert_eq!(paths(&issues), ["SkypeName"]);
    assert_eq!(issues[0].message, "is missing; expected a string or null");
    let issues = answer(&with("Comments", "42")).unwrap_err();
    assert_eq!(issues[0].message, "expected a string or null, got 42");
    assert!(answer(&with("Comments", "null")).is_ok());
}

#[test]
fn a_wrong_object_is_one_problem() {
    for bad in ["null", "[]", "\"x\"", "5"] {
        let issues = answer(&with("Candidate", bad)).unwrap_err();
        assert_eq!(paths(&issues), ["Candidate"], "{bad}");
        assert!(
            issues[0].message.starts_with("expected an object, got"),
            "{}",
            issues[0].message
        );
    }
    let issues = answer(&without("Candidate")).unwrap_err();
    assert_eq!(paths(&issues), ["Candidate"]);
    let issues = answer("[1]").unwrap_err();
    assert_eq!(paths(&issues), [""]);
    let issues = answer("{}").unwrap_err();
    assert_eq!(issues.len(), 20);
}

#[test]
fn unknown_keys_are_skipped_in_answers_and_refused_in_requests() {
    let mut v: serde_json::Value = serde_json::from_str(SAMPLE).unwrap();
    v["Extra"] = serde_json::json!({"deep": [1, 2, {"x": null}]});
    assert!(answer(&v.to_string()).is_ok());

    let request = |text: &str| testing::value::<CancelMadeBookingRequest>(text, false);
    assert!(request(r#"{"BookingID":1,"Reason":"x"}"#).is_ok());
    let issues = request(r#"{"bookingId":1,"reason":"x"}"#).unwrap_err();
    assert_eq!(paths(&issues), ["BookingID", "Reason"]);
    assert!(
        issues[0]
            .message
            .contains("(found \"bookingId\": names are case-sensitive)"),
        "{}",
        issues[0].message
    );
    assert!(issues[0]
        .message
        .starts_with("is required; expected an integer"));
    let issues = request(r#"{"BookingID":"12","Reason":" "}"#).unwrap_err();
    assert_eq!(
        issues[0].message,
        "expected an integer from 1 to 2147483647, got a string (\"12\")"
    );
    assert_eq!(
        issues[1].message,
        "expected a string with at least one non-whitespace character, got a string (\" \")"
    );
    let issues = request("\"1001\"").unwrap_err();
    assert_eq!(paths(&issues), [""]);
    assert_eq!(
        issues[0].message,
        "expected an object with BookingID and Reason, got a string (\"1001\")"
    );
}
