//! "No panic, ever, on input", in real browsers: every hostile answer of tests/corpus served by
//! the emulator, 10 MB answers, and malformed requests and options from untyped JavaScript.
//! Each gives its documented `AdultWorkError` (or a checked `MadeBooking`), never a trap: the
//! whole file runs in ONE module instance, and that instance still cancels a booking at the end.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/emulator.js")]
extern "C" {
    /// The corpus file names the emulator can serve.
    #[wasm_bindgen(js_name = corpus)]
    async fn corpus_names() -> JsValue;
    #[wasm_bindgen(js_name = oddValue)]
    fn odd_value(name: &str) -> JsValue;
}

const EXPECTED_ISSUES: &str = include_str!("corpus/expected-issues.json");
const EXPECTED_MESSAGES: &str = include_str!("corpus/expected-server-messages.json");
const REQUEST_1: &str = r#"{"BookingID":1,"Reason":"x"}"#;

fn strings(value: &JsValue) -> Vec<String> {
    items(value)
        .iter()
        .map(|v| v.as_string().unwrap())
        .collect()
}

fn issue_paths(error: &JsValue) -> Vec<String> {
    items(&get(error, "issues"))
        .iter()
        .map(|i| text(i, "path"))
        .collect()
}

fn key_count(value: &JsValue) -> u32 {
    Object::keys(value.unchecked_ref::<Object>()).length()
}

/// Describes what came back, for failure lists.
fn outcome(result: &Result<JsValue, JsValue>) -> String {
    match result {
        Ok(_) => "a value".to_owned(),
        Err(e) => format!(
            "{} {:?}: {}",
            get(e, "name").as_string().unwrap_or_default(),
            get(e, "kind").as_string(),
            get(e, "message")
                .as_string()
                .unwrap_or_else(|| format!("{e:?}"))
        ),
    }
}

/// Checks one corpus answer's outcome; returns a description of what is wrong, if anything.
fn judge(name: &str, result: &Result<JsValue, JsValue>) -> Option<String> {
    let status: u16 = name.split('-').next()?.parse().ok()?;
    let expected = name.split('-').nth(1)?;
    let issues = js(EXPECTED_ISSUES);
    let messages = js(EXPECTED_MESSAGES);
    match (expected, result) {
        ("ok", Ok(b)) => {
            let candidate = get(b, "Candidate");
            let fine = key_count(b) == 20
                && get(b, "BookingID").as_f64() == Some(1.0)
                && candidate.is_object()
                && key_count(&candidate) == 10;
            (!fine).then(|| format!("{name}: not exactly a MadeBooking of 20 fields: {b:?}"))
        }
        (_, Err(e)) if get(e, "name").as_string().as_deref() == Some("AdultWorkError") => {
            let kind = text(e, "kind");
            if kind != expected {
                return Some(format!("{name}: got {}", outcome(result)));
            }
            if expected == "InvalidResponse" {
                let want = strings(&get(&issues, name));
                let got = issue_paths(e);
                (got != want).then(|| format!("{name}: issue paths {got:?}, expected {want:?}"))
            } else {
                let want = get(&messages, name).as_string();
                let got = get(e, "serverMessage").as_string();
                let status_ok = get(e, "status").as_f64() == Some(f64::from(status));
                (got != want || !status_ok).then(|| {
                    format!(
                        "{name}: status {:?}, serverMessage {got:?}, expected {want:?}",
                        get(e, "status")
                    )
                })
            }
        }
        _ => Some(format!(
            "{name}: expected {expected}, got {}",
            outcome(result)
        )),
    }
}

#[wasm_bindgen_test]
async fn every_corpus_answer_gives_its_documented_outcome_in_one_instance() {
    reset().await;
    let names = strings(&corpus_names().await);
    assert!(
        names.len() >= 60,
        "the emulator serves {} corpus files",
        names.len()
    );
    // 429 and 503 are retryable: with no retries allowed, each file is one request.
    let options = options_with("test-token", r#""maxRetries":0"#);
    let mut failures = Vec::new();
    for name in &names {
        fault(&format!(r#"{{"corpus":"{name}"}}"#)).await;
        let result = cancel(REQUEST_1, &options).await;
        failures.extend(judge(name, &result));
    }

    // 10 MB answers, built by the emulator: a valid booking (701 bytes) 15 000 times over
    // (10.5 MB), exactly 10 MiB of "{", and an error page (743 bytes) 15 000 times (11.1 MB).
    for big in [
        r#"{"corpus":"200-ok-minified.json","repeat":15000}"#,
        r#"{"status":200,"body":"{","repeat":10485760}"#,
    ] {
        fault(big).await;
        let e = expect_kind(cancel(REQUEST_1, &options).await, "InvalidResponse");
        assert_eq!(issue_paths(&e), [""]);
        assert!(text(&items(&get(&e, "issues"))[0], "message").contains("larger than 1 MiB"));
    }
    fault(r#"{"corpus":"500-ServerError-yellow-screen.html","repeat":15000}"#).await;
    let e = expect_kind(cancel(REQUEST_1, &options).await, "ServerError");
    assert_eq!(text(&e, "serverMessage"), "Runtime Error");

    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    // One request per answer: nothing was retried, every answer was consumed.
    assert_eq!(received().await.len(), names.len() + 3);
    assert_eq!(items(&pending_faults().await).len(), 0);

    // The same instance still works.
    reset().await;
    let b = cancel(
        r#"{"BookingID":1001,"Reason":"After the corpus"}"#,
        &options_with("test-token", r#""maxRetries":0"#),
    )
    .await
    .unwrap();
    assert_eq!(num(&b, "BookingID"), 1001.0);
    assert_eq!(text(&b, "Status"), "Cancelled");
    assert_eq!(text(&b, "CancelledReason"), "After the corpus");
}

#[wasm_bindgen_test]
async fn the_corpus_outcomes_hold_for_a_client_too() {
    // The same answers through AdultWorkClient: a sample of each kind, same instance.
    reset().await;
    let client = AdultWorkClient::new(options_with("test-token", r#""maxRetries":0"#)).unwrap();
    for name in [
        "200-ok-lone-surrogates.json",
        "200-InvalidResponse-everything-wrong.json",
        "200-ok-deep-nesting-unknown-field.json",
        "200-InvalidResponse-invalid-utf8.bin",
        "409-Conflict-huge-message.json",
        "502-ServerError-script-style-page.html",
        "503-ServerError-empty.txt",
    ] {
        fault(&format!(r#"{{"corpus":"{name}"}}"#)).await;
        let result = settle(client.cancel_made_booking(js(REQUEST_1), None)).await;
        assert_eq!(judge(name, &result), None);
    }
}

/// A request object `{"Reason":"x"}` plus `BookingID` set to an odd JavaScript value.
fn with_booking_id(value: &JsValue) -> JsValue {
    with_value(&js(r#"{"Reason":"x"}"#), "BookingID", value)
}

fn with_reason(value: &JsValue) -> JsValue {
    with_value(&js(r#"{"BookingID":1001}"#), "Reason", value)
}

#[wasm_bindgen_test]
async fn malformed_requests_from_untyped_javascript_list_every_problem_and_send_nothing() {
    reset().await;
    let id = ["BookingID"];
    let reason = ["Reason"];
    let both = ["BookingID", "Reason"];
    let root = [""];
    let cases: Vec<(&str, JsValue, &[&str])> = vec![
        ("an empty object", js("{}"), &both),
        ("BookingID missing", js(r#"{"Reason":"x"}"#), &id),
        ("Reason missing", js(r#"{"BookingID":1001}"#), &reason),
        (
            "BookingID \"12\"",
            js(r#"{"BookingID":"12","Reason":"x"}"#),
            &id,
        ),
        (
            "BookingID 12.5",
            js(r#"{"BookingID":12.5,"Reason":"x"}"#),
            &id,
        ),
        ("BookingID NaN", with_booking_id(&odd_value("NaN")), &id),
        ("BookingID -1", js(r#"{"BookingID":-1,"Reason":"x"}"#), &id),
        ("BookingID 0", js(r#"{"BookingID":0,"Reason":"x"}"#), &id),
        ("BookingID -0", with_booking_id(&odd_value("-0")), &id),
        (
            "BookingID 2147483648",
            js(r#"{"BookingID":2147483648,"Reason":"x"}"#),
            &id,
        ),
        (
            "BookingID 1e21",
            js(r#"{"BookingID":1e21,"Reason":"x"}"#),
            &id,
        ),
        (
            "BookingID Infinity",
            with_booking_id(&odd_value("Infinity")),
            &id,
        ),
        (
            "BookingID -Infinity",
            with_booking_id(&odd_value("-Infinity")),
            &id,
        ),
        (
            "BookingID null",
            js(r#"{"BookingID":null,"Reason":"x"}"#),
            &id,
        ),
        (
            "BookingID undefined",
            with_booking_id(&odd_value("undefined")),
            &id,
        ),
        (
            "BookingID [1001]",
            js(r#"{"BookingID":[1001],"Reason":"x"}"#),
            &id,
        ),
        ("BookingID {}", js(r#"{"BookingID":{},"Reason":"x"}"#), &id),
        (
            "BookingID true",
            js(r#"{"BookingID":true,"Reason":"x"}"#),
            &id,
        ),
        (
            "BookingID 1001n",
            with_booking_id(&odd_value("bigint")),
            &id,
        ),
        (
            "BookingID Symbol()",
            with_booking_id(&odd_value("symbol")),
            &id,
        ),
        (
            "BookingID new Number()",
            with_booking_id(&odd_value("boxed-number")),
            &id,
        ),
        ("BookingID a Date", with_booking_id(&odd_value("date")), &id),
        (
            "BookingID a function",
            with_booking_id(&odd_value("function")),
            &id,
        ),
        (
            "Reason \"\"",
            js(r#"{"BookingID":1001,"Reason":""}"#),
            &reason,
        ),
        (
            "Reason whitespace only",
            js(r#"{"BookingID":1001,"Reason":" \t\n\r\u00a0\u3000\ufeff"}"#),
            &reason,
        ),
        (
            "Reason 42",
            js(r#"{"BookingID":1001,"Reason":42}"#),
            &reason,
        ),
        (
            "Reason null",
            js(r#"{"BookingID":1001,"Reason":null}"#),
            &reason,
        ),
        (
            "Reason [\"x\"]",
            js(r#"{"BookingID":1001,"Reason":["x"]}"#),
            &reason,
        ),
        (
            "Reason {}",
            js(r#"{"BookingID":1001,"Reason":{}}"#),
            &reason,
        ),
        (
            "Reason false",
            js(r#"{"BookingID":1001,"Reason":false}"#),
            &reason,
        ),
        (
            "Reason new String()",
            with_reason(&odd_value("boxed-string")),
            &reason,
        ),
        (
            "Reason Symbol()",
            with_reason(&odd_value("symbol")),
            &reason,
        ),
        (
            "both wrong",
            js(r#"{"BookingID":"1001","Reason":"   "}"#),
            &both,
        ),
        (
            "wrongly cased keys",
            js(r#"{"bookingId":1001,"reason":"x"}"#),
            &both,
        ),
        ("a getter that throws", odd_value("getter-throws"), &id),
        ("a Proxy that lies", odd_value("lying-proxy"), &id),
        (
            "a Proxy whose traps throw",
            odd_value("hostile-proxy"),
            &root,
        ),
        ("a string", js(r#""1001""#), &root),
        ("a number", js("1001"), &root),
        ("true", js("true"), &root),
        ("null", js("null"), &root),
        ("undefined", JsValue::UNDEFINED, &root),
        ("an array", js(r#"[1001,"x"]"#), &root),
        ("a BigInt", odd_value("bigint"), &root),
        ("a Symbol", odd_value("symbol"), &root),
        ("a function", odd_value("function"), &root),
        ("a Date", odd_value("date"), &root),
    ];
    assert!(cases.len() >= 20);
    let options = options("test-token");
    for (what, request, paths) in cases {
        let result = settle(sdk::cancel_made_booking(request, options.clone())).await;
        let e = match &result {
            Err(e) if get(e, "kind").as_string().as_deref() == Some("InvalidRequest") => e,
            _ => panic!("{what}: expected InvalidRequest, got {}", outcome(&result)),
        };
        assert!(e.is_instance_of::<js_sys::Error>(), "{what}");
        assert_eq!(issue_paths(e), paths, "{what}: {}", text(e, "message"));
        let message = text(e, "message");
        assert!(
            message.starts_with("Invalid request ("),
            "{what}: {message}"
        );
        for issue in items(&get(e, "issues")) {
            assert!(!text(&issue, "message").is_empty(), "{what}");
            assert!(
                message.contains(&text(&issue, "message")),
                "{what}: {message}"
            );
        }
        if what == "wrongly cased keys" {
            assert!(message.contains("case-sensitive"), "{message}");
        }
    }
    assert!(
        items(&all_requests().await).is_empty(),
        "nothing may be sent, not even a preflight"
    );
}

#[wasm_bindgen_test]
async fn bad_options_are_invalid_config_and_send_nothing() {
    reset().await;
    let url = emulator_url();
    let valid = || options("test-token");
    let set = |key: &str, value: JsValue| with_value(&valid(), key, &value);
    let cases: Vec<(&str, JsValue, &[&str])> = vec![
        (
            "ftp: baseUrl",
            set("baseUrl", "ftp://127.0.0.1:21".into()),
            &["baseUrl"],
        ),
        (
            "http: to another host",
            set("baseUrl", "http://example.com".into()),
            &["baseUrl"],
        ),
        (
            "http: to a private address",
            set("baseUrl", "http://192.168.1.10".into()),
            &["baseUrl"],
        ),
        ("no host", set("baseUrl", "https://".into()), &["baseUrl"]),
        (
            "user info",
            set("baseUrl", "https://user:pw@api.adultwork.com".into()),
            &["baseUrl"],
        ),
        (
            "javascript: URL",
            set("baseUrl", "javascript:alert(1)".into()),
            &["baseUrl"],
        ),
        (
            "a space in the host",
            set("baseUrl", "https://api adultwork.com".into()),
            &["baseUrl"],
        ),
        (
            "a query",
            set("baseUrl", "https://api.adultwork.com/?x=1".into()),
            &["baseUrl"],
        ),
        ("baseUrl a number", set("baseUrl", 443.into()), &["baseUrl"]),
        ("timeoutMs 0", set("timeoutMs", 0.into()), &["timeoutMs"]),
        (
            "timeoutMs NaN",
            set("timeoutMs", odd_value("NaN")),
            &["timeoutMs"],
        ),
        (
            "timeoutMs \"5\"",
            set("timeoutMs", "5".into()),
            &["timeoutMs"],
        ),
        (
            "timeoutMs 600001",
            set("timeoutMs", 600_001.into()),
            &["timeoutMs"],
        ),
        (
            "maxRetries -1",
            set("maxRetries", (-1).into()),
            &["maxRetries"],
        ),
        (
            "maxRetries 11",
            set("maxRetries", 11.into()),
            &["maxRetries"],
        ),
        (
            "maxRetries 1.5",
            set("maxRetries", 1.5.into()),
            &["maxRetries"],
        ),
        (
            "environment",
            set("environment", "staging".into()),
            &["environment"],
        ),
        ("a misspelt key", set("maxRetry", 0.into()), &["maxRetry"]),
        (
            "another misspelt key",
            set("timeout", 5.into()),
            &["timeout"],
        ),
        ("signal not a signal", set("signal", js("{}")), &["signal"]),
        (
            "accessToken missing",
            js(&format!(r#"{{"baseUrl":"{url}"}}"#)),
            &["accessToken"],
        ),
        (
            "accessToken empty",
            set("accessToken", "".into()),
            &["accessToken"],
        ),
        (
            "accessToken blank",
            set("accessToken", " \t ".into()),
            &["accessToken"],
        ),
        (
            "accessToken a number",
            set("accessToken", 42.into()),
            &["accessToken"],
        ),
        (
            "accessToken null",
            set("accessToken", JsValue::NULL),
            &["accessToken"],
        ),
        (
            "accessToken a Symbol",
            set("accessToken", odd_value("symbol")),
            &["accessToken"],
        ),
        ("options null", JsValue::NULL, &[""]),
        ("options undefined", JsValue::UNDEFINED, &[""]),
        ("options a string", "test-token".into(), &[""]),
        (
            "options a Proxy whose traps throw",
            odd_value("hostile-proxy"),
            &[""],
        ),
        (
            "everything wrong",
            js(
                r#"{"accessToken":42,"environment":"staging","baseUrl":"http://example.com","timeoutMs":0,"maxRetries":11,"retries":1}"#,
            ),
            &[
                "retries",
                "accessToken",
                "environment",
                "baseUrl",
                "timeoutMs",
                "maxRetries",
            ],
        ),
    ];
    assert!(cases.len() >= 8);
    for (what, options, paths) in cases {
        // A valid request: only the options are wrong.
        let result = settle(sdk::cancel_made_booking(
            js(r#"{"BookingID":1001,"Reason":"x"}"#),
            options.clone(),
        ))
        .await;
        let e = match &result {
            Err(e) if get(e, "kind").as_string().as_deref() == Some("InvalidConfig") => e,
            _ => panic!("{what}: expected InvalidConfig, got {}", outcome(&result)),
        };
        assert_eq!(issue_paths(e), paths, "{what}: {}", text(e, "message"));
        let message = text(e, "message");
        assert!(!message.contains("test-token"), "{what}: {message}");
        if what.contains("misspelt") {
            assert!(message.contains("did you mean"), "{what}: {message}");
        }
        // The client constructor throws for them too (for `signal`: not a client option).
        let e = AdultWorkClient::new(options).map(drop).expect_err(what);
        assert_eq!(text(&e, "kind"), "InvalidConfig", "{what}");
    }
    assert!(
        items(&all_requests().await).is_empty(),
        "nothing may be sent"
    );
    // Still one healthy instance.
    let b = cancel(r#"{"BookingID":1002,"Reason":"x"}"#, &options("test-token"))
        .await
        .unwrap();
    assert_eq!(text(&b, "Status"), "Cancelled");
    assert!(Reflect::get(&b, &"Candidate".into()).unwrap().is_object());
}

/// Checks that a call threw (or its promise rejected with) an `AdultWorkError` of `kind`.
fn thrown_kind(what: &str, result: Result<JsValue, JsValue>, kind: &str) {
    match &result {
        Err(e) if get(e, "name").as_string().as_deref() == Some("AdultWorkError") => {
            assert_eq!(text(e, "kind"), kind, "{what}: {}", text(e, "message"));
            assert!(e.is_instance_of::<js_sys::Error>(), "{what}");
        }
        _ => panic!(
            "{what}: expected AdultWorkError {kind}, got {}",
            outcome(&result)
        ),
    }
}

#[wasm_bindgen_test]
async fn every_other_entry_point_refuses_odd_values_with_an_adultwork_error() {
    reset().await;
    let odd: Vec<(&str, JsValue)> = vec![
        ("undefined", JsValue::UNDEFINED),
        ("null", JsValue::NULL),
        ("42", js("42")),
        ("true", js("true")),
        ("{}", js("{}")),
        ("[]", js("[]")),
        ("{length:-1}", js(r#"{"length":-1}"#)),
        ("{length:1e9}", js(r#"{"length":1e9}"#)),
        ("a Symbol", odd_value("symbol")),
        ("a BigInt", odd_value("bigint")),
        ("a function", odd_value("function")),
        ("new String()", odd_value("boxed-string")),
        ("a hostile Proxy", odd_value("hostile-proxy")),
    ];
    // parseMadeBooking takes text: anything else is a bad argument, never a trap. (Before the
    // fix, 42, true, a Symbol and {length:-1} trapped inside wasm-bindgen's string copy.)
    for (what, value) in &odd {
        thrown_kind(
            what,
            sdk::parse_made_booking(value.clone()),
            "InvalidRequest",
        );
    }
    let e = sdk::parse_made_booking(js("{}")).unwrap_err();
    assert!(text(&e, "message").contains("pass the text, not the parsed value"));
    // canCancel and canReschedule throw InvalidRequest for odd bookings and odd options.
    let booking = js(r#"{"Status":"Confirmed","SessionDate":"2030-01-01T00:00:00"}"#);
    for (what, value) in &odd {
        if *what != "undefined" {
            thrown_kind(what, sdk::can_cancel(value.clone(), None), "InvalidRequest");
            thrown_kind(
                what,
                sdk::can_reschedule(value.clone(), None),
                "InvalidRequest",
            );
        }
        // Options may be absent, unknown keys are ignored there, and a String object is an
        // object of index keys: those are fine.
        let fine = [
            "undefined",
            "null",
            "{}",
            "{length:-1}",
            "{length:1e9}",
            "new String()",
        ];
        if !fine.contains(what) {
            let options = Some(value.clone());
            thrown_kind(
                what,
                sdk::can_cancel(booking.clone(), options),
                "InvalidRequest",
            );
        }
    }
    // The other endpoints and the client's methods validate the same way, sending nothing.
    let options = options("test-token");
    let client = AdultWorkClient::new(options.clone()).unwrap();
    for (what, value) in &odd {
        let r = settle(sdk::get_made_booking_details(
            value.clone(),
            options.clone(),
        ));
        thrown_kind(what, r.await, "InvalidRequest");
        let r = settle(sdk::reschedule_made_booking(value.clone(), options.clone()));
        thrown_kind(what, r.await, "InvalidRequest");
        let r = settle(client.cancel_made_booking(value.clone(), None));
        thrown_kind(what, r.await, "InvalidRequest");
        if !matches!(*what, "undefined" | "null" | "{}") {
            // As per-call options, with a valid request: InvalidConfig.
            let request = js(r#"{"BookingID":1001,"Reason":"x"}"#);
            let r = settle(client.cancel_made_booking(request, Some(value.clone())));
            thrown_kind(what, r.await, "InvalidConfig");
        }
        thrown_kind(
            what,
            AdultWorkClient::new(value.clone())
                .map(drop)
                .map(|()| JsValue::NULL),
            "InvalidConfig",
        );
    }
    for field in ["signal", "timeoutMs", "accessToken", "baseUrl"] {
        let bad = with_value(&options, field, &odd_value("hostile-proxy"));
        let r = settle(sdk::cancel_made_booking(js(REQUEST_1), bad));
        thrown_kind(field, r.await, "InvalidConfig");
    }
    let r = settle(sdk::cancel_made_booking(
        with_booking_id(&odd_value("hostile-proxy")),
        options.clone(),
    ));
    thrown_kind("BookingID a hostile Proxy", r.await, "InvalidRequest");
    assert!(
        items(&all_requests().await).is_empty(),
        "nothing may be sent"
    );
    // And the instance is still healthy.
    let b = cancel(r#"{"BookingID":1003,"Reason":"x"}"#, &options)
        .await
        .unwrap();
    assert_eq!(text(&b, "Status"), "Cancelled");
}
