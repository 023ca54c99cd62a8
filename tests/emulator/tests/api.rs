//! The emulated endpoints, over real sockets.

// Test code: a failed unwrap or panic is how a test reports failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use adultwork_emulator::clock::{now_ms, parse_uk};
use adultwork_emulator::object::JsonObject;
use common::*;

fn assert_near_now(text: &str) {
    let at = parse_uk(text).unwrap_or_else(|| panic!("{text:?} is not a datetime"));
    let diff = (now_ms() - at).abs();
    assert!(diff < 5_000, "{text} is {diff} ms away from now");
}

/// The keys of a 400's `ModelState` in order, each with its messages.
fn model_state(reply: &Reply) -> Vec<(String, Vec<String>)> {
    assert_eq!(reply.status, 400, "{}", reply.text());
    let body = reply.json();
    assert_eq!(str_field(&body, "Message"), "The request is invalid.");
    let state: JsonObject = reply
        .object()
        .get_as("ModelState")
        .unwrap_or_else(|| panic!("ModelState is not an object: {body}"));
    state
        .members()
        .map(|(key, messages)| {
            let texts: Vec<String> = serde_json::from_str(messages.get())
                .unwrap_or_else(|_| panic!("messages of {key} are not an array of strings"));
            (key.to_owned(), texts)
        })
        .collect()
}

fn keys(reply: &Reply) -> Vec<String> {
    model_state(reply).into_iter().map(|(k, _)| k).collect()
}

#[test]
fn missing_or_unknown_tokens_get_401_with_www_authenticate() {
    let addr = start();
    let cases: [&[(&str, &str)]; 5] = [
        &[],
        &[("Authorization", "bearer wrong-token")],
        &[("Authorization", "Basic test-token")],
        &[("Authorization", "bearer")],
        &[("Authorization", "test-token")],
    ];
    for headers in cases {
        for (method, path) in [
            ("POST", CANCEL),
            ("GET", DETAILS),
            ("POST", RESCHEDULE),
            ("POST", CREATE),
            ("POST", DELETE),
        ] {
            // Auth comes before the body: even a bad body gets 401.
            let reply = request(
                addr,
                method,
                &format!("{path}?BookingID=1001"),
                headers,
                "nope",
            );
            assert_eq!(reply.status, 401, "{headers:?} {path}");
            assert_eq!(reply.header("WWW-Authenticate"), Some("Bearer"));
            assert_eq!(
                reply.header("Content-Type"),
                Some("application/json; charset=utf-8")
            );
            assert_eq!(
                reply.text(),
                r#"{"Message":"Authorization has been denied for this request."}"#
            );
        }
    }
}

#[test]
fn tokens_without_the_scope_get_403() {
    let addr = start();
    let requests = [
        (CANCEL, r#"{"BookingID":1001,"Reason":"x"}"#),
        (
            CREATE,
            r#"{"BookUserID":3001,"SessionDate":"2099-06-01 18:30","Duration":30,"Method":2,"Credits":30,"AcceptBy":"2099-06-01 17:00"}"#,
        ),
        (DELETE, r#"{"BookingIDs":"1001,1005"}"#),
    ];
    for token in ["noscope-token", "noscope-anything"] {
        for (path, body) in requests {
            let reply = post(addr, path, token, body);
            assert_eq!(reply.status, 403, "{path}");
            assert_eq!(
                reply.text(),
                r#"{"Message":"The access token does not have the scope account_phonechat_bookings."}"#
            );
        }
    }
    // Nothing was created or deleted.
    assert_eq!(control(addr, "GET", "/bookings/5001", "").status, 404);
    assert_eq!(
        str_field(&details(addr, 1005).json(), "Status"),
        "Cancelled"
    );
    // Nothing changed.
    assert_eq!(str_field(&details(addr, 1001).json(), "Status"), "Pending");
}

#[test]
fn valid_tokens_and_scheme_case() {
    let addr = start();
    for auth in ["bearer test-token", "Bearer ok-1", "BEARER ok-anything"] {
        let reply = request(
            addr,
            "GET",
            &format!("{DETAILS}?BookingID=1001"),
            &[("Authorization", auth)],
            "",
        );
        assert_eq!(reply.status, 200, "{auth}");
    }
}

#[test]
fn cancel_succeeds_and_updates_the_booking() {
    let addr = start();
    let before_reply = details(addr, 1001);
    let before = before_reply.json();
    assert_eq!(str_field(&before, "Status"), "Pending");

    let reply = post(
        addr,
        CANCEL,
        TOKEN,
        r#"{"BookingID":1001,"Reason":"I've had something come up"}"#,
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    let after = reply.json();
    assert_eq!(str_field(&after, "Status"), "Cancelled");
    assert_eq!(
        str_field(&after, "CancelledReason"),
        "I've had something come up"
    );
    assert_eq!(str_field(&after, "CancelledBy"), "BookingClient");
    assert_eq!(field(&after, "ActionClient"), &Json::Null);
    let cancelled = str_field(&after, "CancelledDate");
    assert_eq!(cancelled.len(), 19, "no milliseconds: {cancelled}");
    assert_near_now(cancelled);
    assert_near_now(str_field(&after, "LastUpdated"));

    // Everything else is unchanged, in the same order.
    let (old, new) = (before_reply.object(), reply.object());
    let changed = [
        "Status",
        "CancelledDate",
        "CancelledReason",
        "CancelledBy",
        "LastUpdated",
        "ActionClient",
    ];
    assert_eq!(old.keys(), new.keys());
    for ((key, ov), (_, nv)) in old.members().zip(new.members()) {
        if !changed.contains(&key) {
            assert_eq!(ov.get(), nv.get(), "{key} changed");
        }
    }

    // The same state is behind every endpoint.
    assert_eq!(details(addr, 1001).json(), after);
    let again = post(
        addr,
        CANCEL,
        TOKEN,
        r#"{"BookingID":1001,"Reason":"again"}"#,
    );
    assert_eq!(again.status, 409);
    assert_eq!(again.message(), "The booking is already cancelled.");
}

#[test]
fn pending_accepted_and_upcoming_confirmed_bookings_can_be_cancelled() {
    let addr = start();
    for id in [1002, 1003, 1007] {
        let body = format!(r#"{{"BookingID":{id},"Reason":"Plans changed"}}"#);
        let reply = post(addr, CANCEL, TOKEN, &body);
        assert_eq!(reply.status, 200, "{id}: {}", reply.text());
        assert_eq!(str_field(&reply.json(), "Status"), "Cancelled");
    }
}

#[test]
fn cancel_refusals() {
    let addr = start();
    let cases = [
        (1005, 409, "The booking is already cancelled."),
        (
            1006,
            409,
            "The booking was rejected and cannot be cancelled.",
        ),
        (
            1004,
            409,
            "The session date has passed; the booking can no longer be cancelled.",
        ),
        (
            1008,
            409,
            "The session date has passed; the booking can no longer be cancelled.",
        ),
        (2001, 404, "No PhoneChat booking with ID 2001 was found."),
        (
            999999,
            404,
            "No PhoneChat booking with ID 999999 was found.",
        ),
    ];
    for (id, status, message) in cases {
        let reply = post(
            addr,
            CANCEL,
            TOKEN,
            &format!(r#"{{"BookingID":{id},"Reason":"x"}}"#),
        );
        assert_eq!(
            (reply.status, reply.message().as_str()),
            (status, message),
            "{id}"
        );
    }
    // A refusal changes nothing.
    let booking = details(addr, 1004).json();
    assert_eq!(str_field(&booking, "Status"), "Confirmed");
    assert_eq!(field(&booking, "CancelledDate"), &Json::Null);
}

#[test]
fn cancel_bad_requests() {
    let addr = start();
    let request_key = |body: &str| {
        let reply = post(addr, CANCEL, TOKEN, body);
        let state = model_state(&reply);
        assert_eq!(state.len(), 1, "{body}: {state:?}");
        assert_eq!(state[0].0, "request", "{body}");
        state[0].1[0].clone()
    };
    assert_eq!(request_key(""), "A request body is required.");
    assert!(request_key("{oops").starts_with("The request body is not valid JSON"));
    assert_eq!(
        request_key("[1]"),
        "The request body must be a JSON object, not an array."
    );
    assert_eq!(
        request_key("\"x\""),
        "The request body must be a JSON object, not a string."
    );

    let id_only = ["request.BookingID".to_owned()];
    let reason_only = ["request.Reason".to_owned()];
    for body in [
        r#"{"Reason":"x"}"#,
        r#"{"BookingID":null,"Reason":"x"}"#,
        r#"{"BookingID":"1001","Reason":"x"}"#,
        r#"{"BookingID":0,"Reason":"x"}"#,
        r#"{"BookingID":-3,"Reason":"x"}"#,
        r#"{"BookingID":1.5,"Reason":"x"}"#,
        r#"{"BookingID":3000000000,"Reason":"x"}"#,
    ] {
        assert_eq!(keys(&post(addr, CANCEL, TOKEN, body)), id_only, "{body}");
    }
    for body in [
        r#"{"BookingID":1001}"#,
        r#"{"BookingID":1001,"Reason":null}"#,
        r#"{"BookingID":1001,"Reason":""}"#,
        r#"{"BookingID":1001,"Reason":"  \t "}"#,
        r#"{"BookingID":1001,"Reason":42}"#,
    ] {
        assert_eq!(
            keys(&post(addr, CANCEL, TOKEN, body)),
            reason_only,
            "{body}"
        );
    }
    let both = model_state(&post(addr, CANCEL, TOKEN, "{}"));
    assert_eq!(
        both,
        [
            (
                "request.BookingID".to_owned(),
                vec!["The BookingID field is required.".to_owned()]
            ),
            (
                "request.Reason".to_owned(),
                vec!["The Reason field is required.".to_owned()]
            ),
        ]
    );
    // 400 comes before 404: an unknown ID with a blank reason is a bad request.
    assert_eq!(
        keys(&post(addr, CANCEL, TOKEN, r#"{"BookingID":5,"Reason":""}"#)),
        reason_only
    );
    // An integer spelt 1001.0 is accepted, as .NET would.
    let reply = post(addr, CANCEL, TOKEN, r#"{"BookingID":1001.0,"Reason":"x"}"#);
    assert_eq!(reply.status, 200);
    // So is 1.002e3; and a Reason of only U+FEFF is not blank to .NET (the SDK, following
    // JavaScript's `\s`, refuses to send it, but the server would take it).
    let reply = post(
        addr,
        CANCEL,
        TOKEN,
        r#"{"BookingID":1.002e3,"Reason":"\ufeff"}"#,
    );
    assert_eq!(reply.status, 200);
    assert_eq!(str_field(&reply.json(), "CancelledReason"), "\u{feff}");
}

#[test]
fn details_serves_every_seeded_booking() {
    let addr = start();
    let expected = [
        (1001, "Pending", 1),
        (1002, "Accepted", 2),
        (1003, "Confirmed", 3),
        (1004, "Confirmed", 1),
        (1005, "Cancelled", 2),
        (1006, "Rejected", 1),
        (1007, "Pending", 2),
        (1008, "Confirmed", 3),
    ];
    for (id, status, method) in expected {
        let reply = details(addr, id);
        assert_eq!(reply.status, 200);
        let booking = reply.json();
        assert_eq!(reply.object().keys().len(), 20);
        assert_eq!(field(&booking, "BookingID").as_i64(), Some(id));
        assert_eq!(str_field(&booking, "Status"), status);
        assert_eq!(field(&booking, "Method").as_i64(), Some(method));
        let phone = field(&booking, "PhoneNumber");
        let skype = field(&booking, "SkypeName");
        if method == 3 {
            assert!(phone == &Json::Null && skype.as_str().is_some(), "{id}");
        } else {
            assert!(phone.as_str().is_some() && skype == &Json::Null, "{id}");
        }
        let candidate = field(&booking, "Candidate");
        let total = field(candidate, "Total").as_i64().unwrap();
        let positive = field(candidate, "Positive").as_i64().unwrap();
        let negative = field(candidate, "Negative").as_i64().unwrap();
        assert_eq!(total, positive - negative);
    }
    let special = details(addr, 1007);
    assert!(special
        .text()
        .contains(r#""Comments":"Café ☕ — à bientôt""#));
    assert!(special.text().contains(r#""Credits":12.5,"#));
    assert_eq!(
        field(field(&special.json(), "Candidate"), "Total").as_i64(),
        Some(-3)
    );
    let cancelled = details(addr, 1005).json();
    for key in ["CancelledDate", "CancelledReason", "CancelledBy"] {
        assert!(field(&cancelled, key).as_str().is_some(), "{key}");
    }
    assert!(field(&details(addr, 1006).json(), "RejectedReason")
        .as_str()
        .is_some());
}

#[test]
fn details_refusals() {
    let addr = start();
    let missing = get(addr, DETAILS, TOKEN);
    assert_eq!(keys(&missing), ["BookingID"]);
    for query in [
        "BookingID=",
        "BookingID=abc",
        "BookingID=0",
        "BookingID=1.5",
        "bookingid=1001",
    ] {
        let reply = get(addr, &format!("{DETAILS}?{query}"), TOKEN);
        assert_eq!(keys(&reply), ["BookingID"], "{query}");
    }
    for id in [2001, 424242] {
        let reply = details(addr, id);
        assert_eq!(reply.status, 404);
        assert_eq!(
            reply.message(),
            format!("No PhoneChat booking with ID {id} was found.")
        );
    }
}

#[test]
fn reschedule() {
    let addr = start();
    let before = details(addr, 1004).object();
    let reply = post(addr, RESCHEDULE, TOKEN, r#"{"BookingID":1004}"#);
    assert_eq!(reply.status, 200, "{}", reply.text());
    let after = reply.json();
    let session = parse_uk(str_field(&after, "SessionDate")).unwrap();
    let ahead = session - now_ms();
    assert!(
        (290_000..=600_000).contains(&ahead),
        "session {ahead} ms ahead"
    );
    assert_near_now(str_field(&after, "LastUpdated"));
    let new = reply.object();
    assert_eq!(before.keys(), new.keys());
    for ((key, ov), (_, nv)) in before.members().zip(new.members()) {
        if key != "SessionDate" && key != "LastUpdated" {
            assert_eq!(ov.get(), nv.get(), "{key} changed");
        }
    }
    // Now upcoming again: it can be cancelled but not rescheduled.
    let again = post(addr, RESCHEDULE, TOKEN, r#"{"BookingID":1004}"#);
    assert_eq!(
        (again.status, again.message().as_str()),
        (409, "The session date has not passed yet.")
    );

    let cases = [
        (1001, 409, "The session date has not passed yet."),
        (1008, 409, "Not enough credits to reschedule this booking."),
        (2001, 404, "No PhoneChat booking with ID 2001 was found."),
    ];
    for (id, status, message) in cases {
        let reply = post(addr, RESCHEDULE, TOKEN, &format!(r#"{{"BookingID":{id}}}"#));
        assert_eq!(
            (reply.status, reply.message().as_str()),
            (status, message),
            "{id}"
        );
    }
    assert_eq!(
        keys(&post(addr, RESCHEDULE, TOKEN, "{}")),
        ["request.BookingID"]
    );
    assert_eq!(keys(&post(addr, RESCHEDULE, TOKEN, "null")), ["request"]);
}

#[test]
fn wrong_methods_and_unknown_paths() {
    let addr = start();
    for (method, path, allow) in [
        ("GET", CANCEL, "POST"),
        ("PUT", RESCHEDULE, "POST"),
        ("POST", DETAILS, "GET"),
        ("DELETE", DETAILS, "GET"),
        ("GET", CREATE, "POST"),
        ("PUT", CREATE, "POST"),
        ("GET", DELETE, "POST"),
        ("DELETE", DELETE, "POST"),
    ] {
        // No token needed to learn the method is wrong.
        let reply = request(addr, method, path, &[], "");
        assert_eq!(reply.status, 405, "{method} {path}");
        assert_eq!(reply.header("Allow"), Some(allow));
        assert_eq!(
            reply.message(),
            format!("The requested resource does not support http method '{method}'.")
        );
    }
    let reply = get(addr, "/v1/PhoneChat/NoSuchThing?x=1", TOKEN);
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.message(),
        "No HTTP resource was found that matches the request URI \
         'http://emulator.test/v1/PhoneChat/NoSuchThing?x=1'."
    );
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
}
