//! getMadeBookingDetails and rescheduleMadeBooking in a real browser against the emulator:
//! success, each refusal, the exact request on the wire, the wider retry rule of the read,
//! canReschedule, and the read → canCancel → cancel → read workflow; the group manager's form
//! of getMadeBookingDetails (`UserID`), and deleteReceivedBookings, the performer's delete.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use js_sys::{Reflect, JSON};
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

// --- the group manager's details -------------------------------------------------------------

async fn details_as(request: &str, options: &JsValue) -> Result<JsValue, JsValue> {
    settle(sdk::get_made_booking_details(js(request), options.clone())).await
}

fn log_line(r: &JsValue) -> String {
    format!(
        "{} {}?{}",
        text(r, "method"),
        text(r, "path"),
        text(r, "query")
    )
}

#[wasm_bindgen_test]
async fn a_group_manager_reads_a_members_booking_with_user_id() {
    reset().await;
    let manager = AdultWorkClient::new(options("manager-token")).unwrap();
    let request = js(r#"{"BookingID":2101,"UserID":616161}"#);
    let b = settle(manager.get_made_booking_details(request, None))
        .await
        .unwrap();
    assert_eq!(num(&b, "BookingID"), 2101.0);
    assert_eq!(text(&b, "Status"), "Pending");
    assert_eq!(text(&get(&b, "Candidate"), "Nickname"), "VelvetVoice");
    // The very booking the member reads as their own.
    let own = details_as(r#"{"BookingID":2101}"#, &options("member-token"))
        .await
        .unwrap();
    assert_eq!(JSON::stringify(&b).unwrap(), JSON::stringify(&own).unwrap());
    let b = details_as(
        r#"{"BookingID":2102,"UserID":616161}"#,
        &options("manager-token"),
    )
    .await
    .unwrap();
    assert_eq!(text(&b, "Status"), "Cancelled");
    let lines: Vec<String> = received().await.iter().map(log_line).collect();
    assert_eq!(
        lines,
        [
            "GET /v1/Groups/PhoneChat/MadeBookingDetails?BookingID=2101&UserID=616161",
            "GET /v1/PhoneChat/MadeBookingDetails?BookingID=2101",
            "GET /v1/Groups/PhoneChat/MadeBookingDetails?BookingID=2102&UserID=616161",
        ]
    );
    let r = &received().await[0];
    assert_eq!(text(r, "body"), "");
    assert_eq!(
        text(&get(r, "headers"), "authorization"),
        "bearer manager-token"
    );
}

#[wasm_bindgen_test]
async fn without_user_id_the_details_are_the_callers_own() {
    reset().await;
    let manager = options("manager-token");
    // The manager did not make 2101: on the caller's own path it does not exist.
    for request in [
        r#"{"BookingID":2101}"#,
        r#"{"BookingID":2101,"UserID":null}"#,
    ] {
        expect_kind(details_as(request, &manager).await, "NotFound");
    }
    let undefined_user = with_value(&js(r#"{"BookingID":2101}"#), "UserID", &JsValue::UNDEFINED);
    expect_kind(
        settle(sdk::get_made_booking_details(
            undefined_user,
            manager.clone(),
        ))
        .await,
        "NotFound",
    );
    let lines: Vec<String> = received().await.iter().map(log_line).collect();
    assert_eq!(
        lines,
        ["GET /v1/PhoneChat/MadeBookingDetails?BookingID=2101"; 3]
    );
}

#[wasm_bindgen_test]
async fn the_group_form_has_the_servers_refusals() {
    reset().await;
    let e = expect_kind(
        details_as(
            r#"{"BookingID":2101,"UserID":424242}"#,
            &options("manager-token"),
        )
        .await,
        "Forbidden",
    );
    assert_eq!(
        text(&e, "serverMessage"),
        "User 424242 is not a member of your group."
    );
    for token in ["test-token", "member-token", "performer-token"] {
        let e = expect_kind(
            details_as(r#"{"BookingID":2101,"UserID":616161}"#, &options(token)).await,
            "Forbidden",
        );
        assert_eq!(
            text(&e, "serverMessage"),
            "Only the manager of a group can act for its members.",
            "{token}"
        );
    }
    // A booking the member did not make.
    expect_kind(
        details_as(
            r#"{"BookingID":1001,"UserID":616161}"#,
            &options("manager-token"),
        )
        .await,
        "NotFound",
    );
    // The answer must be the booking asked for, on this path too.
    let sample = include_str!("fixtures/made-booking.json");
    let body = String::from(JSON::stringify(&JsValue::from_str(sample)).unwrap());
    fault(&format!(r#"{{"status":200,"body":{body}}}"#)).await;
    let e = expect_kind(
        details_as(
            r#"{"BookingID":2101,"UserID":616161}"#,
            &options("manager-token"),
        )
        .await,
        "InvalidResponse",
    );
    assert_eq!(text(&items(&get(&e, "issues"))[0], "path"), "BookingID");
}

#[wasm_bindgen_test]
async fn the_user_id_is_validated_like_every_id_and_nothing_is_sent() {
    reset().await;
    let as_booking = expect_kind(
        details_as(r#"{"BookingID":0}"#, &options("manager-token")).await,
        "InvalidRequest",
    );
    let booking_message = text(&items(&get(&as_booking, "issues"))[0], "message");
    for (user, got) in [
        ("0", "0"),
        ("-1", "-1"),
        ("1.5", "1.5"),
        (r#""616161""#, r#"a string ("616161")"#),
        ("2147483648", "2147483648"),
    ] {
        let request = format!(r#"{{"BookingID":2101,"UserID":{user}}}"#);
        let e = expect_kind(
            details_as(&request, &options("manager-token")).await,
            "InvalidRequest",
        );
        let issues = items(&get(&e, "issues"));
        assert_eq!(issues.len(), 1, "{user}");
        assert_eq!(text(&issues[0], "path"), "UserID", "{user}");
        let message = text(&issues[0], "message");
        assert!(
            message.starts_with("expected an integer from 1 to 2147483647")
                && message.contains(&format!(", got {got}")),
            "{user}: {message}"
        );
        if user == "0" {
            assert_eq!(
                message, booking_message,
                "UserID and BookingID say it alike"
            );
        }
    }
    // Both IDs wrong: both listed.
    let e = expect_kind(
        details_as(r#"{"BookingID":-5,"UserID":-5}"#, &options("manager-token")).await,
        "InvalidRequest",
    );
    let paths: Vec<String> = items(&get(&e, "issues"))
        .iter()
        .map(|i| text(i, "path"))
        .collect();
    assert_eq!(paths, ["BookingID", "UserID"]);
    assert!(
        items(&all_requests().await).is_empty(),
        "something was sent"
    );
}

#[wasm_bindgen_test]
async fn the_group_form_is_retried_like_every_read() {
    reset().await;
    fault(r#"{"drop":"after-headers","status":200}"#).await;
    let b = details_as(
        r#"{"BookingID":2101,"UserID":616161}"#,
        &options("manager-token"),
    )
    .await
    .unwrap();
    assert_eq!(num(&b, "BookingID"), 2101.0);
    let lines: Vec<String> = received().await.iter().map(log_line).collect();
    assert_eq!(
        lines,
        ["GET /v1/Groups/PhoneChat/MadeBookingDetails?BookingID=2101&UserID=616161"; 2]
    );
}

// --- deleteReceivedBookings ---------------------------------------------------------------------

const REFUSED: &str = "Only rejected, cancelled or confirmed bookings can be deleted.";
const MISSING: &str = "The booking does not exist.";

async fn delete_received(ids: &str, token: &str) -> Result<JsValue, JsValue> {
    let request = js(&format!(r#"{{"BookingIDs":[{ids}]}}"#));
    settle(sdk::delete_received_bookings(request, options(token))).await
}

/// `(BookingID, Deleted, Message)` of each result.
fn outcomes(results: &JsValue) -> Vec<(u32, bool, Option<String>)> {
    items(results)
        .iter()
        .map(|r| {
            (
                num(r, "BookingID") as u32,
                get(r, "Deleted").as_bool().unwrap(),
                get(r, "Message").as_string(),
            )
        })
        .collect()
}

#[wasm_bindgen_test]
async fn the_performer_deletes_finished_received_bookings_and_is_refused_the_rest() {
    reset().await;
    let performer = AdultWorkClient::new(options("performer-token")).unwrap();
    let request = js(r#"{"BookingIDs":[1101,1102,1103,1104,1105]}"#);
    let results = settle(performer.delete_received_bookings(request, None))
        .await
        .unwrap();
    let refused = Some(REFUSED.to_owned());
    assert_eq!(
        outcomes(&results),
        [
            (1101, false, refused.clone()),
            (1102, false, refused.clone()),
            (1103, true, None),
            (1104, true, None),
            (1105, true, None),
        ]
    );
    let log = received().await;
    assert_eq!(log.len(), 1);
    assert_eq!(text(&log[0], "method"), "POST");
    assert_eq!(text(&log[0], "path"), "/v1/PhoneChat/DeleteReceivedBooking");
    assert_eq!(text(&log[0], "query"), "");
    assert_eq!(
        text(&log[0], "body"),
        r#"{"BookingIDs":"1101,1102,1103,1104,1105"}"#
    );
    let headers = get(&log[0], "headers");
    assert_eq!(text(&headers, "content-type"), "application/json");
    assert_eq!(text(&headers, "authorization"), "bearer performer-token");
    // Gone for good; the refused ones are untouched.
    let again = delete_received("1103,1101", "performer-token")
        .await
        .unwrap();
    assert_eq!(
        outcomes(&again),
        [
            (1103, false, Some(MISSING.to_owned())),
            (1101, false, refused)
        ]
    );
    assert_eq!(text(&booking(1101).await, "Status"), "Pending");
    assert_eq!(text(&booking(1102).await, "Status"), "Accepted");
}

#[wasm_bindgen_test]
async fn received_bookings_are_the_performers_not_the_clients() {
    reset().await;
    // The client's own finished booking is not one the performer received, and the
    // performer's received bookings are not the client's: the two deletes are two endpoints.
    let results = delete_received("1005,1103", "performer-token")
        .await
        .unwrap();
    assert_eq!(
        outcomes(&results),
        [(1005, false, Some(MISSING.to_owned())), (1103, true, None)]
    );
    let results = delete_received("1104,1005", "test-token").await.unwrap();
    assert_eq!(
        outcomes(&results),
        [
            (1104, false, Some(MISSING.to_owned())),
            (1005, false, Some(MISSING.to_owned()))
        ]
    );
    assert_eq!(text(&booking(1005).await, "Status"), "Cancelled");
    let paths: Vec<String> = received().await.iter().map(|r| text(r, "path")).collect();
    assert_eq!(paths, ["/v1/PhoneChat/DeleteReceivedBooking"; 2]);
}

#[wasm_bindgen_test]
async fn each_requested_id_must_come_back_exactly_once() {
    let cases = [
        // 1104 twice, 1105 missing.
        r#"[{"BookingID":1104,"Deleted":true,"Message":null},{"BookingID":1104,"Deleted":true,"Message":null}]"#,
        // 1105 missing.
        r#"[{"BookingID":1104,"Deleted":true,"Message":null}]"#,
        // One not asked for.
        r#"[{"BookingID":1104,"Deleted":true,"Message":null},{"BookingID":1105,"Deleted":true,"Message":null},{"BookingID":9,"Deleted":true,"Message":null}]"#,
    ];
    for answer in cases {
        let body = String::from(JSON::stringify(&JsValue::from_str(answer)).unwrap());
        let fault_json = format!(r#"{{"status":200,"body":{body}}}"#);
        let mut seen = Vec::new();
        for made in [false, true] {
            reset().await;
            fault(&fault_json).await;
            let request = js(r#"{"BookingIDs":[1104,1105]}"#);
            let result = if made {
                settle(sdk::delete_made_bookings(request, options("test-token"))).await
            } else {
                settle(sdk::delete_received_bookings(
                    request,
                    options("performer-token"),
                ))
                .await
            };
            let e = expect_kind(result, "InvalidResponse");
            seen.push(String::from(JSON::stringify(&get(&e, "issues")).unwrap()));
        }
        assert_eq!(
            seen[0], seen[1],
            "{answer}: the two deletes check differently"
        );
    }
}

#[wasm_bindgen_test]
async fn delete_received_bookings_is_retried_like_every_change() {
    reset().await;
    fault(r#"{"drop":"after-headers","status":200}"#).await;
    expect_kind(
        delete_received("1103", "performer-token").await,
        "NetworkError",
    );
    assert_eq!(received().await.len(), 1, "a lost answer is not repeated");
    reset().await;
    fault(r#"{"status":503,"headers":{"Retry-After":"0"}}"#).await;
    let results = delete_received("1103", "performer-token").await.unwrap();
    assert_eq!(outcomes(&results), [(1103, true, None)]);
    assert_eq!(received().await.len(), 2);
}

#[wasm_bindgen_test]
async fn delete_received_bookings_validates_its_request_as_delete_made_bookings() {
    reset().await;
    let hundred_and_one: Vec<String> = (1..=101).map(|n| n.to_string()).collect();
    let bad = [
        r#"{"BookingIDs":[]}"#.to_owned(),
        r#"{"BookingIDs":[1103,1103]}"#.to_owned(),
        r#"{"BookingIDs":[0,1.5,"1104",-1]}"#.to_owned(),
        r#"{"BookingIDs":"1103,1104"}"#.to_owned(),
        format!(r#"{{"BookingIDs":[{}]}}"#, hundred_and_one.join(",")),
        r#"{}"#.to_owned(),
        r#"{"BookingIDs":[1103],"UserID":3004}"#.to_owned(),
    ];
    for request in &bad {
        let made = expect_kind(
            settle(sdk::delete_made_bookings(
                js(request),
                options("performer-token"),
            ))
            .await,
            "InvalidRequest",
        );
        let received_ = expect_kind(
            settle(sdk::delete_received_bookings(
                js(request),
                options("performer-token"),
            ))
            .await,
            "InvalidRequest",
        );
        let made = String::from(JSON::stringify(&get(&made, "issues")).unwrap());
        let received_ = String::from(JSON::stringify(&get(&received_, "issues")).unwrap());
        assert!(made.len() > 2, "{request}: no issues");
        assert_eq!(made, received_, "{request}");
    }
    assert!(
        items(&all_requests().await).is_empty(),
        "something was sent"
    );
}
