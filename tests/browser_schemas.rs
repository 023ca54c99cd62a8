//! The `schemas` export in a real browser: each object a Standard Schema V1, a valid value
//! handed back as given, and an invalid one's issues exactly what the typed call says for the
//! same input (the same engine: same messages, same paths, rules across fields included), for
//! requests (against the calls, which send nothing) and answers (against the typed call on
//! every corpus answer `JSON.parse` accepts, and on the emulator's delete results), and the
//! answer schemas given to `client.request()`.
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
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/request.js")]
extern "C" {
    fn stringify(value: &JsValue) -> String;
    fn has(value: &JsValue, key: &str) -> bool;
    #[wasm_bindgen(js_name = corpusText)]
    async fn corpus_text(base: &str, name: &str) -> JsValue;
    #[wasm_bindgen(js_name = tryParse)]
    fn try_parse(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = validateNow)]
    fn validate_now(schema: &JsValue, value: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = isPromise)]
    fn is_promise(value: &JsValue) -> bool;
    #[wasm_bindgen(js_name = typeOf)]
    fn type_of(value: &JsValue) -> String;
}

#[wasm_bindgen(module = "/tests/support/emulator.js")]
extern "C" {
    #[wasm_bindgen(js_name = corpus)]
    async fn corpus_names() -> JsValue;
}

const NAMES: [&str; 9] = [
    "CancelMadeBookingRequest",
    "MadeBookingDetailsRequest",
    "BookingIdRequest",
    "CreateBookingRequest",
    "DeleteMadeBookingsRequest",
    "MadeBooking",
    "PhoneChatBookingUser",
    "DeleteResult",
    "DeleteResults",
];

fn schema(name: &str) -> JsValue {
    let schema = get(&sdk::schemas(), name);
    assert!(schema.is_object(), "schemas.{name} is missing");
    schema
}

/// Validates `value` with `schemas[name]`: `Ok(value)` or `Err(issues)` as `(path, message)`,
/// each path written in the SDK's notation from the Standard Schema path.
fn validate(name: &str, value: &JsValue) -> Result<JsValue, Vec<(String, String)>> {
    let result = validate_now(&schema(name), value);
    assert!(!is_promise(&result), "{name}: validate is synchronous");
    let issues = get(&result, "issues");
    if issues.is_undefined() {
        assert!(has(&result, "value"), "{name}: neither value nor issues");
        return Ok(get(&result, "value"));
    }
    assert!(!has(&result, "value"), "{name}: both value and issues");
    let listed = items(&issues)
        .iter()
        .map(|issue| {
            let mut path = String::new();
            let segments = get(issue, "path");
            if !segments.is_undefined() {
                for segment in items(&segments) {
                    match segment.as_f64() {
                        Some(index) => path.push_str(&format!("[{index}]")),
                        None => {
                            if !path.is_empty() {
                                path.push('.');
                            }
                            path.push_str(&segment.as_string().unwrap());
                        }
                    }
                }
            }
            (path, text(issue, "message"))
        })
        .collect();
    Err(listed)
}

/// The `(path, message)` issues of an error a call rejected with, which must be `kind`.
fn call_issues(result: Result<JsValue, JsValue>, kind: &str) -> Vec<(String, String)> {
    let error = expect_kind(result, kind);
    items(&get(&error, "issues"))
        .iter()
        .map(|i| (text(i, "path"), text(i, "message")))
        .collect()
}

fn client() -> AdultWorkClient {
    AdultWorkClient::new(options("test-token")).unwrap()
}

#[wasm_bindgen_test]
fn each_schema_is_a_standard_schema_v1() {
    let all = sdk::schemas();
    let keys: Vec<String> = Object::keys(all.unchecked_ref::<Object>())
        .iter()
        .map(|k| k.as_string().unwrap())
        .collect();
    assert_eq!(keys, NAMES);
    for name in NAMES {
        let standard = get(&schema(name), "~standard");
        assert_eq!(num(&standard, "version"), 1.0, "{name}");
        assert_eq!(text(&standard, "vendor"), "adultwork-sdk", "{name}");
        assert_eq!(type_of(&get(&standard, "validate")), "function", "{name}");
        // Usable detached, as libraries call it (`const { validate } = schema["~standard"]`).
        let validate: js_sys::Function = get(&standard, "validate").unchecked_into();
        let result = validate.call1(&JsValue::UNDEFINED, &js("{}")).unwrap();
        assert!(get(&result, "issues").is_object(), "{name}: {{}} is valid?");
    }
}

#[wasm_bindgen_test]
fn a_valid_value_is_handed_back_as_given() {
    let date = js_sys::Date::new(&JsValue::from_str("2099-06-01T17:30:00Z"));
    let create = with_value(
        &js(
            r#"{"BookUserID":3001,"Duration":30,"Method":3,"SkypeName":"me","Credits":30,"AcceptBy":"2099-06-01 17:00","Comments":""}"#,
        ),
        "SessionDate",
        &date,
    );
    let booking = js(include_str!("fixtures/made-booking.json"));
    let valid = [
        (
            "CancelMadeBookingRequest",
            js(r#"{"BookingID":1001,"Reason":"Plans changed"}"#),
        ),
        ("MadeBookingDetailsRequest", js(r#"{"BookingID":1001}"#)),
        (
            "MadeBookingDetailsRequest",
            js(r#"{"BookingID":2101,"UserID":616161}"#),
        ),
        ("BookingIdRequest", js(r#"{"BookingID":2147483647}"#)),
        ("CreateBookingRequest", create),
        ("DeleteMadeBookingsRequest", js(r#"{"BookingIDs":[1,2,3]}"#)),
        ("MadeBooking", booking.clone()),
        ("PhoneChatBookingUser", get(&booking, "Candidate")),
        (
            "DeleteResult",
            js(r#"{"BookingID":1,"Deleted":false,"Message":"No."}"#),
        ),
        (
            "DeleteResults",
            js(r#"[{"BookingID":1,"Deleted":true,"Message":null}]"#),
        ),
    ];
    for (name, value) in valid {
        let before = stringify(&value);
        let out = validate(name, &value).unwrap_or_else(|i| panic!("{name}: {i:?}"));
        assert!(Object::is(&out, &value), "{name}: not the value given");
        assert_eq!(stringify(&value), before, "{name}: the value was changed");
    }
}

/// Each request schema refuses exactly what its call refuses, with the same issues.
#[wasm_bindgen_test]
async fn request_schemas_say_what_the_calls_say() {
    reset().await;
    let c = client();
    let cancel = [
        "{}",
        r#"{"BookingID":0,"Reason":" "}"#,
        r#"{"BookingID":"1001","Reason":5,"Extra":1}"#,
        r#"{"bookingID":1001,"Reason":"x"}"#,
        "[]",
        "null",
    ];
    for bad in cancel {
        let from_call = call_issues(
            settle(c.cancel_made_booking(js(bad), None)).await,
            "InvalidRequest",
        );
        assert_eq!(
            validate("CancelMadeBookingRequest", &js(bad)),
            Err(from_call),
            "{bad}"
        );
    }
    for bad in [
        r#"{"BookingID":1.5}"#,
        r#"{"BookingID":2147483648,"UserID":-1}"#,
    ] {
        let from_call = call_issues(
            settle(c.reschedule_made_booking(js(bad), None)).await,
            "InvalidRequest",
        );
        assert_eq!(
            validate("BookingIdRequest", &js(bad)),
            Err(from_call),
            "{bad}"
        );
    }
    let base = r#""BookUserID":3001,"SessionDate":"2099-06-01 18:30","Duration":30,"Credits":30,"AcceptBy":"2099-06-01 17:00""#;
    let create = [
        // Rules across fields: the number for Method 1, the Skype name for 3, AcceptBy first.
        format!(r#"{{{base},"Method":1}}"#),
        format!(r#"{{{base},"Method":3,"SkypeName":"  "}}"#),
        format!(r#"{{{base},"Method":2,"AcceptBy":"2099-06-01 19:00"}}"#),
        // Fields' own rules, every one at once.
        r#"{"BookUserID":0,"SessionDate":"1/6/2099","Duration":4,"Method":4,"Credits":0,"AcceptBy":"2099-02-30 10:00","Comments":5,"Extra":true}"#.to_owned(),
        r#"{"BookUserID":"3001","SessionDate":"2099-06-01T18:30","Duration":30.5,"Method":1,"PhoneNumber":"0770","Credits":1e400}"#.to_owned(),
        "{}".to_owned(),
    ];
    for bad in &create {
        let from_call = call_issues(
            settle(c.create_booking(js(bad), None)).await,
            "InvalidRequest",
        );
        assert!(!from_call.is_empty());
        assert_eq!(
            validate("CreateBookingRequest", &js(bad)),
            Err(from_call),
            "{bad}"
        );
    }
    // An invalid Date object, as a form's empty date input makes.
    let invalid_date = with_value(
        &js(&format!(r#"{{{base},"Method":2}}"#)),
        "SessionDate",
        &js_sys::Date::new(&JsValue::from_str("not a date")),
    );
    let from_call = call_issues(
        settle(c.create_booking(invalid_date.clone(), None)).await,
        "InvalidRequest",
    );
    assert_eq!(from_call[0].0, "SessionDate");
    assert_eq!(
        validate("CreateBookingRequest", &invalid_date),
        Err(from_call)
    );
    let ids_101: Vec<String> = (1..=101).map(|n| n.to_string()).collect();
    let delete = [
        r#"{"BookingIDs":[]}"#.to_owned(),
        r#"{"BookingIDs":[1005,1005]}"#.to_owned(),
        r#"{"BookingIDs":[0,-1,1.5,"7"]}"#.to_owned(),
        r#"{"BookingIDs":"1005,1006"}"#.to_owned(),
        format!(r#"{{"BookingIDs":[{}]}}"#, ids_101.join(",")),
        r#"{"BookingIds":[1005]}"#.to_owned(),
    ];
    for bad in &delete {
        let made = call_issues(
            settle(c.delete_made_bookings(js(bad), None)).await,
            "InvalidRequest",
        );
        let received = call_issues(
            settle(c.delete_received_bookings(js(bad), None)).await,
            "InvalidRequest",
        );
        assert_eq!(made, received, "{bad}: the two deletes differ");
        assert_eq!(
            validate("DeleteMadeBookingsRequest", &js(bad)),
            Err(made),
            "{bad}"
        );
    }
    assert!(received().await.is_empty(), "a call sent something");
}

/// The group manager's `UserID` is checked like every ID, by the schema and the call alike.
#[wasm_bindgen_test]
async fn the_user_id_of_the_details_request_is_checked_like_every_id() {
    reset().await;
    let c = client();
    for user in [
        "0",
        "-1",
        "1.5",
        r#""616161""#,
        "2147483648",
        "true",
        "[616161]",
    ] {
        let bad = format!(r#"{{"BookingID":2101,"UserID":{user}}}"#);
        let from_call = call_issues(
            settle(c.get_made_booking_details(js(&bad), None)).await,
            "InvalidRequest",
        );
        let paths: Vec<&str> = from_call.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(paths, ["UserID"], "{user}");
        assert_eq!(
            validate("MadeBookingDetailsRequest", &js(&bad)),
            Err(from_call),
            "{user}"
        );
    }
    // The same words as for a BookingID.
    let as_user = validate(
        "MadeBookingDetailsRequest",
        &js(r#"{"BookingID":2101,"UserID":0}"#),
    )
    .unwrap_err();
    let as_booking = validate("MadeBookingDetailsRequest", &js(r#"{"BookingID":0}"#)).unwrap_err();
    assert_eq!(as_user[0].1, as_booking[0].1);
    assert!(received().await.is_empty());
}

/// Standard Schema paths are arrays of keys and numbers, as libraries read them.
#[wasm_bindgen_test]
fn issue_paths_are_keys_and_numbers() {
    let result = validate_now(
        &schema("DeleteResults"),
        &js(
            r#"[{"BookingID":1,"Deleted":true,"Message":null},{"BookingID":0,"Deleted":"yes","Message":null}]"#,
        ),
    );
    let issues = items(&get(&result, "issues"));
    assert_eq!(issues.len(), 2);
    for (issue, key) in issues.iter().zip(["BookingID", "Deleted"]) {
        let path = items(&get(issue, "path"));
        assert_eq!(path.len(), 2);
        assert_eq!(type_of(&path[0]), "number");
        assert_eq!(path[0].as_f64(), Some(1.0));
        assert_eq!(path[1].as_string().as_deref(), Some(key));
    }
    // A problem of the whole value has no path.
    let result = validate_now(&schema("MadeBooking"), &js("[]"));
    let issue = &items(&get(&result, "issues"))[0];
    assert!(!has(issue, "path") || items(&get(issue, "path")).is_empty());
    // A nested field of the booking.
    let mut booking = js(include_str!("fixtures/made-booking.json"));
    let candidate = with_value(
        &get(&booking, "Candidate"),
        "UserID",
        &JsValue::from_str("1"),
    );
    booking = with_value(&booking, "Candidate", &candidate);
    let paths: Vec<String> = validate("MadeBooking", &booking)
        .unwrap_err()
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    assert_eq!(paths, ["Candidate.UserID"]);
}

/// `schemas.MadeBooking` on every 2xx answer of the hostile corpus that `JSON.parse` accepts
/// gives exactly the typed call's issues (less the match with the requested booking, which
/// only a call can check).
#[wasm_bindgen_test]
async fn the_made_booking_schema_says_what_the_typed_call_says_on_the_corpus() {
    reset().await;
    let c = client();
    let names: Vec<String> = items(&corpus_names().await)
        .iter()
        .map(|n| n.as_string().unwrap())
        .filter(|n| n.starts_with('2'))
        .collect();
    let (mut compared, mut valid, mut invalid) = (0, 0, 0);
    let mut differences = Vec::new();
    for name in &names {
        let text = corpus_text(&emulator_url(), name)
            .await
            .as_string()
            .unwrap();
        let parsed = try_parse(&text);
        if parsed.is_undefined() {
            continue; // not JSON to an app either: nothing to give a schema
        }
        fault(&format!(r#"{{"corpus":"{name}"}}"#)).await;
        let typed = settle(c.get_made_booking_details(js(r#"{"BookingID":1}"#), None)).await;
        let expected: Result<(), Vec<(String, String)>> = match typed {
            Ok(_) => Ok(()),
            Err(e) => {
                let issues: Vec<(String, String)> = call_issues(Err(e), "InvalidResponse")
                    .into_iter()
                    .filter(|(_, m)| !m.starts_with("expected the requested"))
                    .collect();
                if issues.is_empty() {
                    Ok(())
                } else {
                    Err(issues)
                }
            }
        };
        if let Err(issues) = &expected {
            if issues
                .iter()
                .any(|(p, m)| p.is_empty() && m.contains("UTF-8"))
            {
                // Bytes that are not UTF-8: an app's `response.text()` has already replaced
                // them, so its value is not the body the call refused.
                continue;
            }
        }
        let by_schema = validate("MadeBooking", &get(&parsed, "value")).map(|_| ());
        match &by_schema {
            Ok(()) => valid += 1,
            Err(_) => invalid += 1,
        }
        if by_schema != expected {
            differences.push(format!(
                "{name}:\n  schema {by_schema:?}\n  call   {expected:?}"
            ));
        }
        compared += 1;
    }
    assert!(differences.is_empty(), "{}", differences.join("\n"));
    assert!(
        compared >= 80,
        "only {compared} of {} compared",
        names.len()
    );
    assert!(
        valid >= 20 && invalid >= 40,
        "{valid} valid, {invalid} invalid"
    );
}

#[wasm_bindgen_test]
async fn answer_schemas_check_request_answers_with_the_typed_calls_issues() {
    reset().await;
    let c = client();
    // The SDK's schema as request()'s: a real answer passes, handed over as parsed.
    let details = js(
        r#"{"method":"GET","path":"/v1/PhoneChat/MadeBookingDetails","query":{"BookingID":1007}}"#,
    );
    let init = with_value(&details, "schema", &schema("MadeBooking"));
    let b = settle(c.request(init.clone())).await.unwrap();
    assert_eq!(num(&b, "BookingID"), 1007.0);
    assert_eq!(num(&b, "Credits"), 12.5);
    // A bad answer: the same issues as the typed call, paths through the Standard Schema
    // form and back.
    for name in [
        "200-InvalidResponse-dates-malformed-many.json",
        "200-InvalidResponse-wrong-types-every-candidate-field.json",
        "200-InvalidResponse-missing-fields.json",
    ] {
        fault(&format!(r#"{{"corpus":"{name}"}}"#)).await;
        let by_schema = call_issues(settle(c.request(init.clone())).await, "InvalidResponse");
        fault(&format!(r#"{{"corpus":"{name}"}}"#)).await;
        let typed = call_issues(
            settle(c.get_made_booking_details(js(r#"{"BookingID":1}"#), None)).await,
            "InvalidResponse",
        );
        assert_eq!(by_schema, typed, "{name}");
    }

    // Delete results: the emulator's real answer passes.
    let delete = js(
        r#"{"method":"POST","path":"/v1/PhoneChat/DeleteMadeBookings","body":{"BookingIDs":"1005,1001"}}"#,
    );
    let init = with_value(&delete, "schema", &schema("DeleteResults"));
    let results = items(&settle(c.request(init.clone())).await.unwrap());
    assert_eq!(results.len(), 2);
    // A bad one: the issues of deleteMadeBookings for the same answer.
    let bad =
        r#"[{"BookingID":1003,"Deleted":"yes","Message":null},{"BookingID":1006,"Deleted":false}]"#;
    let body = stringify(&JsValue::from_str(bad));
    let answer = format!(r#"{{"status":200,"contentType":"application/json","body":{body}}}"#);
    fault(&answer).await;
    let by_schema = call_issues(settle(c.request(init)).await, "InvalidResponse");
    fault(&answer).await;
    let typed = call_issues(
        settle(c.delete_made_bookings(js(r#"{"BookingIDs":[1003,1006]}"#), None)).await,
        "InvalidResponse",
    );
    assert_eq!(
        by_schema
            .iter()
            .map(|(p, _)| p.as_str())
            .collect::<Vec<_>>(),
        ["[0].Deleted", "[1].Message"]
    );
    assert_eq!(by_schema, typed);
}
