//! The made-booking lifecycle in the browser: `createBooking`, `deleteMadeBookings` and
//! `canDelete`, against the emulator (which implements both endpoints) and, where a test needs
//! dates in the past or answers the emulator would not give, against a `fetch` option.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{
    expect_kind, fault, get, items, js, num, options, received, reset, sdk, settle, text,
    with_value, AdultWorkClient,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/lifecycle.js")]
extern "C" {
    fn date(iso: &str) -> JsValue;
    #[wasm_bindgen(js_name = inDays)]
    fn in_days(days: f64) -> JsValue;
    fn set(object: &JsValue, key: &str, value: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = creatingFetch)]
    fn creating_fetch(booking: &JsValue) -> JsValue;
    fn bodies(f: &JsValue) -> Vec<String>;
}

/// A booked user of the emulator with no price per minute.
const USER: u32 = 3001;
const FAR: &str = r#""SessionDate":"2099-06-01 18:30","AcceptBy":"2099-06-01 17:00""#;
const SAMPLE: &str = include_str!("fixtures/made-booking.json");

async fn create(request: JsValue, options: JsValue) -> Result<JsValue, JsValue> {
    settle(sdk::create_booking(request, options)).await
}

async fn delete(request: &str, options: JsValue) -> Result<JsValue, JsValue> {
    settle(sdk::delete_made_bookings(js(request), options)).await
}

async fn details(id: u32) -> Result<JsValue, JsValue> {
    let request = js(&format!(r#"{{"BookingID":{id}}}"#));
    settle(sdk::get_made_booking_details(
        request,
        options("test-token"),
    ))
    .await
}

/// The bodies of the API requests the emulator received since the reset.
async fn sent() -> Vec<String> {
    received().await.iter().map(|r| text(r, "body")).collect()
}

/// `(path, message)` of an error's issues.
fn issues(error: &JsValue) -> Vec<(String, String)> {
    items(&get(error, "issues"))
        .iter()
        .map(|i| (text(i, "path"), text(i, "message")))
        .collect()
}

fn paths(error: &JsValue) -> Vec<String> {
    issues(error).into_iter().map(|(p, _)| p).collect()
}

#[wasm_bindgen_test]
async fn each_method_sends_only_the_fields_it_uses() {
    reset().await;
    let cases = [
        (
            1,
            r#""PhoneNumber":"07700900123","SkypeName":"me.skype","Comments":"Looking forward""#,
            r#""Method":1,"PhoneNumber":"07700900123","Credits":30,"AcceptBy":"2099-06-01 17:00","Comments":"Looking forward""#,
        ),
        (
            2,
            r#""PhoneNumber":"07700900123","SkypeName":"me.skype","Comments":"""#,
            r#""Method":2,"Credits":30,"AcceptBy":"2099-06-01 17:00""#,
        ),
        (
            3,
            r#""PhoneNumber":"07700900123","SkypeName":"me.skype""#,
            r#""Method":3,"SkypeName":"me.skype","Credits":30,"AcceptBy":"2099-06-01 17:00""#,
        ),
    ];
    for (method, extra, wire) in cases {
        let request = js(&format!(
            r#"{{"BookUserID":{USER},"SessionDate":"2099-06-01 18:30","AcceptBy":"2099-06-01 17:00","Duration":30,"Method":{method},"Credits":30,{extra}}}"#
        ));
        let booking = create(request, options("test-token")).await.unwrap();
        assert_eq!(text(&booking, "Status"), "Pending");
        assert_eq!(num(&booking, "Method"), f64::from(method));
        assert_eq!(num(&get(&booking, "Candidate"), "UserID"), f64::from(USER));
        assert_eq!(text(&booking, "SessionDate"), "2099-06-01T18:30:00");
        assert_eq!(num(&booking, "Duration"), 30.0);
        let phone = get(&booking, "PhoneNumber");
        let skype = get(&booking, "SkypeName");
        assert_eq!(phone.as_string().is_some(), method == 1, "{method}");
        assert_eq!(skype.as_string().is_some(), method == 3, "{method}");
        let body = sent().await.pop().unwrap();
        assert_eq!(
            body,
            format!(
                r#"{{"BookUserID":{USER},"SessionDate":"2099-06-01 18:30","Duration":30,{wire}}}"#
            )
        );
    }
    // The client method is the same call.
    let client = AdultWorkClient::new(options("test-token")).unwrap();
    let request = js(&format!(
        r#"{{"BookUserID":{USER},{FAR},"Duration":5,"Method":2,"Credits":0.5}}"#
    ));
    let booking = settle(client.create_booking(request, None)).await.unwrap();
    assert_eq!(num(&booking, "Credits"), 0.5);
    let log = received().await;
    let last = log.last().unwrap();
    assert_eq!(text(last, "method"), "POST");
    assert_eq!(text(last, "path"), "/v1/PhoneChat/CreateBooking");
    assert_eq!(
        text(&get(last, "headers"), "authorization"),
        "bearer test-token"
    );
    assert_eq!(
        text(&get(last, "headers"), "content-type"),
        "application/json"
    );
}

#[wasm_bindgen_test]
async fn a_date_is_written_as_uk_wall_clock_time_across_bst_and_gmt() {
    let sample = js(SAMPLE);
    let fetch = creating_fetch(&sample);
    let base = js(&format!(
        r#"{{"BookUserID":{USER},"Duration":30,"Method":2,"Credits":30}}"#
    ));
    // (SessionDate, AcceptBy) as instants, and the UK wall-clock times they are.
    let cases = [
        // GMT in winter: UK time is UTC.
        (
            "2026-01-15T18:30:00Z",
            "2026-01-15T12:00:00Z",
            "2026-01-15 18:30",
            "2026-01-15 12:00",
        ),
        // BST in summer: UTC + 1; seconds and milliseconds are dropped.
        (
            "2026-07-01T12:34:56.789Z",
            "2026-07-01T08:00:59Z",
            "2026-07-01 13:34",
            "2026-07-01 09:00",
        ),
        // The clocks go forward on 29 March 2026 at 01:00 UTC: 00:59 GMT, then 02:00 BST.
        (
            "2026-03-29T01:00:00Z",
            "2026-03-29T00:59:00Z",
            "2026-03-29 02:00",
            "2026-03-29 00:59",
        ),
        // They go back on 25 October 2026 at 01:00 UTC: 01:30 BST (00:30 UTC) is earlier
        // than 01:45 GMT (01:45 UTC) though both read 01:xx.
        (
            "2026-10-25T01:45:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-25 01:45",
            "2026-10-25 01:30",
        ),
    ];
    for (session, accept, session_uk, accept_uk) in cases {
        let request = set(
            &set(&base, "SessionDate", &date(session)),
            "AcceptBy",
            &date(accept),
        );
        let options = with_value(&options("test-token"), "fetch", &fetch);
        create(request, options).await.unwrap();
        let body = bodies(&fetch).pop().unwrap();
        assert_eq!(
            body,
            format!(
                r#"{{"BookUserID":{USER},"SessionDate":"{session_uk}","Duration":30,"Method":2,"Credits":30,"AcceptBy":"{accept_uk}"}}"#
            ),
            "{session} / {accept}"
        );
    }
    // Two instants an hour apart that read the same in UK time (the repeated hour) are
    // not "before" one another.
    let request = set(
        &set(&base, "SessionDate", &date("2026-10-25T01:30:00Z")),
        "AcceptBy",
        &date("2026-10-25T00:30:00Z"),
    );
    let options = with_value(&options("test-token"), "fetch", &fetch);
    let e = expect_kind(create(request, options).await, "InvalidRequest");
    assert_eq!(
        issues(&e),
        [(
            "AcceptBy".to_owned(),
            "expected a time before SessionDate (2026-10-25 01:30), got 2026-10-25 01:30"
                .to_owned()
        )]
    );
}

#[wasm_bindgen_test]
async fn an_invalid_create_is_refused_with_every_problem_and_nothing_is_sent() {
    reset().await;
    let valid = js(&format!(
        r#"{{"BookUserID":{USER},{FAR},"Duration":30,"Method":1,"PhoneNumber":"07700900123","Credits":30}}"#
    ));
    let undefined = JsValue::UNDEFINED;
    // One problem at a time: (key, value, path, start of the message).
    let cases: Vec<(&str, JsValue, &str, &str)> = vec![
        ("BookUserID", JsValue::from(0), "BookUserID", "expected an integer from 1 to 2147483647, got 0"),
        ("BookUserID", JsValue::from("3001"), "BookUserID", "expected an integer from 1 to 2147483647, got a string"),
        ("Duration", JsValue::from(4), "Duration", "expected a whole number of minutes, at least 5, got 4"),
        ("Duration", JsValue::from(30.5), "Duration", "expected a whole number of minutes, at least 5, got 30.5: not a whole number"),
        ("Method", JsValue::from(4), "Method", "expected one of 1, 2, 3, got 4"),
        ("PhoneNumber", undefined.clone(), "PhoneNumber", "is required when Method is 1"),
        ("PhoneNumber", JsValue::from("0770 090 0123"), "PhoneNumber", "expected 10 or 11 digits, got a string (\"0770 090 0123\"): digits only"),
        ("PhoneNumber", JsValue::from("077009001"), "PhoneNumber", "expected 10 or 11 digits, got a string (\"077009001\")"),
        ("Credits", JsValue::from(0), "Credits", "expected a finite number > 0, got 0"),
        ("Credits", JsValue::from(f64::INFINITY), "Credits", "expected a finite number > 0, got Infinity: not finite"),
        ("Credits", JsValue::from(f64::NAN), "Credits", "expected a finite number > 0, got NaN"),
        ("SessionDate", JsValue::from("2099-06-01T18:30"), "SessionDate", "expected a Date or a string like"),
        ("SessionDate", JsValue::from("2099-02-29 18:30"), "SessionDate", "expected a Date or a string like \"2026-12-01 18:30\" (YYYY-MM-DD HH:MM, UK time), got a string (\"2099-02-29 18:30\"): that day does not exist in that month"),
        ("SessionDate", date("invalid"), "SessionDate", "expected a Date or a string like \"2026-12-01 18:30\" (YYYY-MM-DD HH:MM, UK time), got an invalid Date"),
        ("SessionDate", JsValue::from(4_000_000_000_000.0), "SessionDate", "expected a Date or a string like \"2026-12-01 18:30\" (YYYY-MM-DD HH:MM, UK time), got 4000000000000"),
        ("AcceptBy", JsValue::from("2099-06-01 18:30"), "AcceptBy", "expected a time before SessionDate (2099-06-01 18:30), got 2099-06-01 18:30"),
        ("AcceptBy", undefined.clone(), "AcceptBy", "is required; expected a Date or a string like"),
        ("Comments", JsValue::from(7), "Comments", "expected a string or null, got 7"),
        ("Extra", JsValue::from(1), "Extra", "is not a known key"),
        ("credits", JsValue::from(1), "credits", "is not a known key; did you mean \"Credits\"?"),
    ];
    for (key, value, path, message) in cases {
        let request = set(&valid, key, &value);
        let e = expect_kind(
            create(request, options("test-token")).await,
            "InvalidRequest",
        );
        let found = issues(&e);
        assert_eq!(found.len(), 1, "{key}: {found:?}");
        assert_eq!(found[0].0, path, "{key}");
        assert!(found[0].1.starts_with(message), "{key}: {}", found[0].1);
        assert!(text(&e, "message").starts_with("Invalid request (1 problem): "));
    }
    // Skype without a name; and everything wrong at once, in declaration order.
    let skype = set(
        &set(&valid, "Method", &JsValue::from(3)),
        "PhoneNumber",
        &undefined,
    );
    let e = expect_kind(create(skype, options("test-token")).await, "InvalidRequest");
    assert_eq!(paths(&e), ["SkypeName"]);
    let all = js(
        r#"{"BookUserID":-1,"SessionDate":"tomorrow","Duration":0,"Method":3,"SkypeName":"  ","Credits":-5,"AcceptBy":"2099-13-01 00:00"}"#,
    );
    let e = expect_kind(create(all, options("test-token")).await, "InvalidRequest");
    assert_eq!(
        paths(&e),
        [
            "BookUserID",
            "SessionDate",
            "Duration",
            "SkypeName",
            "Credits",
            "AcceptBy"
        ]
    );
    assert!(text(&e, "message").starts_with("Invalid request (6 problems): BookUserID: "));
    // Not an object at all; a forgotten await.
    for odd in [JsValue::NULL, JsValue::from("3001"), js("[]")] {
        expect_kind(create(odd, options("test-token")).await, "InvalidRequest");
    }
    assert!(received().await.is_empty(), "nothing was sent");
}

#[wasm_bindgen_test]
async fn the_server_judges_dates_prices_and_who_can_be_booked() {
    reset().await;
    let with = |user: u32, session: &str, accept: &str, extra: &str| {
        js(&format!(
            r#"{{"BookUserID":{user},"SessionDate":"{session}","AcceptBy":"{accept}","Duration":30,"Method":2,"Credits":30{extra}}}"#
        ))
    };
    // A session in the past.
    let e = expect_kind(
        create(
            with(USER, "2020-01-01 12:00", "2020-01-01 11:00", ""),
            options("test-token"),
        )
        .await,
        "BadRequest",
    );
    assert!(
        text(&e, "serverMessage").contains("SessionDate"),
        "{}",
        text(&e, "serverMessage")
    );
    // A price per minute that the credits do not cover (LateNightLaura: 1.5 per minute).
    let e = expect_kind(
        create(
            with(3004, "2099-06-01 18:30", "2099-06-01 17:00", ""),
            options("test-token"),
        )
        .await,
        "BadRequest",
    );
    assert!(
        text(&e, "serverMessage").contains("45"),
        "{}",
        text(&e, "serverMessage")
    );
    let ok = create(
        with(
            3004,
            "2099-06-01 18:30",
            "2099-06-01 17:00",
            r#","Credits":45"#,
        ),
        options("test-token"),
    )
    .await
    .unwrap();
    assert_eq!(num(&ok, "Credits"), 45.0);
    // A user with "DirectChat Only" on.
    let e = expect_kind(
        create(
            with(3006, "2099-06-01 18:30", "2099-06-01 17:00", ""),
            options("test-token"),
        )
        .await,
        "Conflict",
    );
    assert!(
        text(&e, "serverMessage").contains("DirectChat"),
        "{}",
        text(&e, "serverMessage")
    );
}

#[wasm_bindgen_test]
async fn an_unreadable_answer_says_the_booking_may_have_been_created() {
    reset().await;
    fault(r#"{"status":200,"body":"{\"BookingID\":5001,\"Status\":\"Booked\"}","path":"/v1/PhoneChat/CreateBooking"}"#).await;
    let request = js(&format!(
        r#"{{"BookUserID":{USER},{FAR},"Duration":30,"Method":2,"Credits":30}}"#
    ));
    let e = expect_kind(
        create(request, options("test-token")).await,
        "InvalidResponse",
    );
    let message = text(&e, "message");
    assert!(
        message.starts_with("The booking may have been created, but the server's answer is not a valid MadeBooking (read your bookings before trying again)"),
        "{message}"
    );
    assert!(paths(&e).contains(&"Status".to_owned()));
    assert_eq!(received().await.len(), 1, "not retried");
}

#[wasm_bindgen_test]
async fn a_create_is_never_repeated_after_a_dropped_connection_or_a_timeout() {
    reset().await;
    let request = js(&format!(
        r#"{{"BookUserID":{USER},{FAR},"Duration":30,"Method":2,"Credits":30}}"#
    ));
    // The server makes the booking and the answer is lost. (Not "before-response": a browser
    // resends a POST whose reused keep-alive connection closed before any byte, by itself.)
    fault(r#"{"drop":"after-headers","path":"/v1/PhoneChat/CreateBooking"}"#).await;
    let e = expect_kind(
        create(request.clone(), options("test-token")).await,
        "NetworkError",
    );
    assert!(text(&e, "message").contains("/v1/PhoneChat/CreateBooking"));
    assert_eq!(received().await.len(), 1);
    reset().await;
    fault(r#"{"delayMs":3000,"path":"/v1/PhoneChat/CreateBooking"}"#).await;
    let quick = with_value(&options("test-token"), "timeoutMs", &JsValue::from(300));
    expect_kind(create(request.clone(), quick).await, "Timeout");
    assert_eq!(received().await.len(), 1);
    // A 503 means the server did not act: that one is retried.
    reset().await;
    fault(r#"{"status":503,"headers":{"Retry-After":"0"},"body":"busy","path":"/v1/PhoneChat/CreateBooking"}"#).await;
    let booking = create(request, options("test-token")).await.unwrap();
    assert_eq!(text(&booking, "Status"), "Pending");
    assert_eq!(received().await.len(), 2);
}

#[wasm_bindgen_test]
async fn delete_sends_one_string_and_reports_each_booking() {
    reset().await;
    // 1005 Cancelled, 1006 Rejected, 1001 Pending (not finished), 2001 another client's.
    let results = delete(
        r#"{"BookingIDs":[1005,1006,1001,2001]}"#,
        options("test-token"),
    )
    .await
    .unwrap();
    assert_eq!(sent().await, [r#"{"BookingIDs":"1005,1006,1001,2001"}"#]);
    let results = items(&results);
    let ids: Vec<f64> = results.iter().map(|r| num(r, "BookingID")).collect();
    assert_eq!(ids, [1005.0, 1006.0, 1001.0, 2001.0]);
    let deleted: Vec<bool> = results
        .iter()
        .map(|r| get(r, "Deleted").as_bool().unwrap())
        .collect();
    assert_eq!(deleted, [true, true, false, false]);
    assert!(get(&results[0], "Message").is_null());
    assert!(!text(&results[2], "Message").is_empty());
    expect_kind(details(1005).await, "NotFound");
    expect_kind(details(1006).await, "NotFound");
    assert_eq!(text(&details(1001).await.unwrap(), "Status"), "Pending");
    // The client method is the same call.
    let client = AdultWorkClient::new(options("test-token")).unwrap();
    let again = settle(client.delete_made_bookings(js(r#"{"BookingIDs":[1003]}"#), None))
        .await
        .unwrap();
    assert!(get(&items(&again)[0], "Deleted").as_bool().unwrap());
}

#[wasm_bindgen_test]
async fn an_invalid_delete_is_refused_and_nothing_is_sent() {
    reset().await;
    let hundred_and_one: Vec<String> = (1..=101).map(|i| i.to_string()).collect();
    let many = format!(r#"{{"BookingIDs":[{}]}}"#, hundred_and_one.join(","));
    let cases = [
        (
            r#"{"BookingIDs":[]}"#,
            "BookingIDs",
            "expected 1 to 100 booking IDs, got an empty array",
        ),
        (
            many.as_str(),
            "BookingIDs",
            "expected 1 to 100 booking IDs, got 101",
        ),
        (
            r#"{"BookingIDs":[1001,1002,1001]}"#,
            "BookingIDs",
            "expected distinct booking IDs, got 1001 twice (at [0] and [2])",
        ),
        (
            r#"{"BookingIDs":[1001,0]}"#,
            "BookingIDs[1]",
            "expected an integer from 1 to 2147483647, got 0",
        ),
        (
            r#"{"BookingIDs":[1001.5]}"#,
            "BookingIDs[0]",
            "expected an integer from 1 to 2147483647, got 1001.5: not a whole number",
        ),
        (
            r#"{"BookingIDs":"1001,1002"}"#,
            "BookingIDs",
            "expected an array of 1 to 100 booking IDs, got a string (\"1001,1002\")",
        ),
        (
            r#"{"BookingIDs":[1001],"Force":true}"#,
            "Force",
            "is not a known key; expected one of BookingIDs",
        ),
        (
            r#"{}"#,
            "BookingIDs",
            "is required; expected an array of 1 to 100 booking IDs",
        ),
    ];
    for (request, path, message) in cases {
        let e = expect_kind(
            delete(request, options("test-token")).await,
            "InvalidRequest",
        );
        assert_eq!(
            issues(&e),
            [(path.to_owned(), message.to_owned())],
            "{request}"
        );
    }
    let hundred: Vec<String> = (1..=100).map(|i| i.to_string()).collect();
    let full = format!(r#"{{"BookingIDs":[{}]}}"#, hundred.join(","));
    assert!(received().await.is_empty(), "nothing was sent");
    // A hundred are fine (the emulator reports the unknown ones as not deleted).
    let results = delete(&full, options("test-token")).await.unwrap();
    assert_eq!(items(&results).len(), 100);
}

#[wasm_bindgen_test]
async fn a_delete_answer_must_match_the_request() {
    reset().await;
    let path = "/v1/PhoneChat/DeleteMadeBookings";
    let answers = [
        // One missing.
        (
            r#"[{"BookingID":1005,"Deleted":true,"Message":null}]"#,
            vec![(
                "",
                "expected a result for every requested booking, none for 1006",
            )],
        ),
        // One not asked for, one twice.
        (
            r#"[{"BookingID":1005,"Deleted":true,"Message":null},{"BookingID":1005,"Deleted":true,"Message":null},{"BookingID":1006,"Deleted":true,"Message":null},{"BookingID":7,"Deleted":false,"Message":"?"}]"#,
            vec![
                (
                    "[1].BookingID",
                    "expected one result per booking, got 1005 again",
                ),
                ("[3].BookingID", "expected a requested booking, got 7"),
            ],
        ),
        // Not an array; wrong types.
        (
            r#"{"Deleted":true}"#,
            vec![(
                "",
                "expected an array of DeleteResult objects, got an object",
            )],
        ),
        (
            r#"[{"BookingID":1005,"Deleted":"yes","Message":null},{"BookingID":1006,"Deleted":true}]"#,
            vec![
                ("[0].Deleted", "expected a boolean, got a string (\"yes\")"),
                ("[1].Message", "is missing; expected a string or null"),
            ],
        ),
    ];
    for (body, expected) in answers {
        let spec = format!(
            r#"{{"status":200,"headers":{{"Content-Type":"application/json"}},"body":{},"path":"{path}"}}"#,
            serde_json_string(body)
        );
        fault(&spec).await;
        let e = expect_kind(
            delete(r#"{"BookingIDs":[1005,1006]}"#, options("test-token")).await,
            "InvalidResponse",
        );
        let expected: Vec<(String, String)> = expected
            .into_iter()
            .map(|(p, m)| (p.to_owned(), m.to_owned()))
            .collect();
        assert_eq!(issues(&e), expected, "{body}");
        assert!(text(&e, "message").starts_with("The server's answer is not a valid DeleteResults"));
    }
}

/// `JSON.stringify(text)`.
fn serde_json_string(text: &str) -> String {
    js_sys::JSON::stringify(&JsValue::from_str(text))
        .unwrap()
        .as_string()
        .unwrap()
}

#[wasm_bindgen_test]
async fn can_delete_follows_the_status() {
    for (status, ok) in [
        ("Pending", false),
        ("Accepted", false),
        ("Rejected", true),
        ("Cancelled", true),
        ("Confirmed", true),
    ] {
        let booking = set(&js(SAMPLE), "Status", &JsValue::from(status));
        let check = sdk::can_delete(booking).unwrap();
        assert_eq!(get(&check, "ok").as_bool(), Some(ok), "{status}");
        if !ok {
            assert_eq!(text(&check, "reason"), "NotFinished");
        }
    }
    let e = sdk::can_delete(js(r#"{"Status":"Done"}"#)).unwrap_err();
    let e = expect_kind(Err(e), "InvalidRequest");
    assert_eq!(paths(&e), ["Status"]);
}

#[wasm_bindgen_test]
async fn the_whole_lifecycle() {
    reset().await;
    let client = AdultWorkClient::new(options("test-token")).unwrap();
    // Book, with Dates, as a form would send them.
    let request = js(&format!(
        r#"{{"BookUserID":{USER},"Duration":15,"Method":1,"PhoneNumber":"07700900123","Credits":20,"Comments":"First time"}}"#
    ));
    let request = set(
        &set(&request, "SessionDate", &in_days(3.0)),
        "AcceptBy",
        &in_days(2.0),
    );
    let created = settle(client.create_booking(request, None)).await.unwrap();
    let id = num(&created, "BookingID") as u32;
    assert_eq!(text(&created, "Status"), "Pending");
    assert_eq!(text(&created, "Comments"), "First time");
    // Read it back.
    let read =
        settle(client.get_made_booking_details(js(&format!(r#"{{"BookingID":{id}}}"#)), None))
            .await
            .unwrap();
    assert_eq!(text(&read, "SessionDate"), text(&created, "SessionDate"));
    // Not finished: it cannot be deleted yet, and the server agrees.
    assert_eq!(
        get(&sdk::can_delete(read.clone()).unwrap(), "ok").as_bool(),
        Some(false)
    );
    let refused =
        settle(client.delete_made_bookings(js(&format!(r#"{{"BookingIDs":[{id}]}}"#)), None))
            .await
            .unwrap();
    assert_eq!(get(&items(&refused)[0], "Deleted").as_bool(), Some(false));
    // Cancel it.
    assert_eq!(
        get(&sdk::can_cancel(read, None).unwrap(), "ok").as_bool(),
        Some(true)
    );
    let cancelled = settle(client.cancel_made_booking(
        js(&format!(
            r#"{{"BookingID":{id},"Reason":"Changed my mind"}}"#
        )),
        None,
    ))
    .await
    .unwrap();
    assert_eq!(text(&cancelled, "Status"), "Cancelled");
    // Now it can be deleted, and then it is gone.
    assert_eq!(
        get(&sdk::can_delete(cancelled).unwrap(), "ok").as_bool(),
        Some(true)
    );
    let deleted =
        settle(client.delete_made_bookings(js(&format!(r#"{{"BookingIDs":[{id}]}}"#)), None))
            .await
            .unwrap();
    assert_eq!(get(&items(&deleted)[0], "Deleted").as_bool(), Some(true));
    expect_kind(details(id).await, "NotFound");
    let kinds: Vec<String> = received()
        .await
        .iter()
        .map(|r| text(r, "path").rsplit('/').next().unwrap().to_owned())
        .collect();
    assert_eq!(
        kinds,
        [
            "CreateBooking",
            "MadeBookingDetails",
            "DeleteMadeBookings",
            "CancelMadeBooking",
            "DeleteMadeBookings",
            "MadeBookingDetails"
        ]
    );
}
