//! `CreateBooking` and `DeleteMadeBookings`, over real sockets.

// Test code: a failed unwrap or panic is how a test reports failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::net::SocketAddr;

use adultwork_emulator::clock::{now_ms, parse_uk};
use adultwork_emulator::object::sdk_fields;
use adultwork_emulator::object::JsonObject;
use adultwork_sdk::model::MadeBooking;
use common::*;

/// A valid create for `user`, Method 2, with these members replacing or adding to the rest
/// (`null` removes one).
fn create_body(user: u32, changes: &str) -> String {
    let mut body: serde_json::Map<String, Json> = serde_json::from_str(&format!(
        r#"{{"BookUserID":{user},"SessionDate":"2099-06-01 18:30","Duration":30,"Method":2,"Credits":30,"AcceptBy":"2099-06-01 17:00"}}"#
    ))
    .unwrap();
    let changes: serde_json::Map<String, Json> = serde_json::from_str(changes).unwrap();
    for (key, value) in changes {
        if value.is_null() {
            body.remove(&key);
        } else {
            body.insert(key, value);
        }
    }
    Json::Object(body).to_string()
}

fn create(addr: SocketAddr, body: &str) -> Reply {
    post(addr, CREATE, TOKEN, body)
}

fn delete(addr: SocketAddr, ids: &str) -> Reply {
    post(
        addr,
        DELETE,
        TOKEN,
        &format!(r#"{{"BookingIDs":{}}}"#, Json::from(ids)),
    )
}

/// A 400's `ModelState`, in order.
fn model_state(reply: &Reply) -> Vec<(String, Vec<String>)> {
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert_eq!(reply.message(), "The request is invalid.");
    let state: JsonObject = reply
        .object()
        .get_as("ModelState")
        .unwrap_or_else(|| panic!("no ModelState: {}", reply.text()));
    state
        .members()
        .map(|(key, messages)| {
            (
                key.to_owned(),
                serde_json::from_str(messages.get()).unwrap(),
            )
        })
        .collect()
}

fn keys(reply: &Reply) -> Vec<String> {
    model_state(reply).into_iter().map(|(k, _)| k).collect()
}

/// The only message of a 400 with one `ModelState` key, checking the key.
fn only_problem(reply: &Reply, key: &str) -> String {
    let state = model_state(reply);
    assert_eq!(state.len(), 1, "{state:?}");
    assert_eq!(state[0].0, key, "{state:?}");
    assert_eq!(state[0].1.len(), 1, "{state:?}");
    state[0].1[0].clone()
}

fn assert_near_now(text: &str) {
    assert_eq!(text.len(), 19, "to the second: {text}");
    let at = parse_uk(text).unwrap_or_else(|| panic!("{text:?} is not a datetime"));
    let diff = (now_ms() - at).abs();
    assert!(diff < 5_000, "{text} is {diff} ms away from now");
}

/// `(BookingID, Deleted, Message)` of a delete's answer.
fn results(reply: &Reply) -> Vec<(i64, bool, Option<String>)> {
    assert_eq!(reply.status, 200, "{}", reply.text());
    let Json::Array(items) = reply.json() else {
        panic!("not an array: {}", reply.text());
    };
    items
        .iter()
        .map(|item| {
            let object = JsonObject::parse(&item.to_string()).unwrap();
            assert_eq!(object.keys(), sdk_fields::delete_result());
            (
                field(item, "BookingID").as_i64().unwrap(),
                field(item, "Deleted").as_bool().unwrap(),
                field(item, "Message").as_str().map(str::to_owned),
            )
        })
        .collect()
}

#[test]
fn a_created_booking_is_pending_with_what_was_asked() {
    let addr = start();
    let cases = [
        (
            1,
            r#"{"Method":1,"PhoneNumber":"07700900123","SkypeName":"me.skype","Comments":"Looking forward"}"#,
        ),
        (2, r#"{"PhoneNumber":"not read","SkypeName":"me.skype"}"#),
        (3, r#"{"Method":3,"SkypeName":"me.skype","PhoneNumber":7}"#),
    ];
    for (n, (method, changes)) in cases.into_iter().enumerate() {
        let reply = create(addr, &create_body(3001, changes));
        assert_eq!(reply.status, 200, "{}", reply.text());
        assert_eq!(
            reply.header("Content-Type"),
            Some("application/json; charset=utf-8")
        );
        let booking = reply.json();
        // The SDK's struct, every field in its order, and values its rules accept.
        assert_eq!(reply.object().keys(), sdk_fields::made_booking());
        let read: MadeBooking = serde_json::from_str(&reply.text()).unwrap();
        assert_eq!(read.candidate.user_id.get(), 3001);
        assert_eq!(field(&booking, "BookingID").as_i64(), Some(5001 + n as i64));
        assert_eq!(str_field(&booking, "Status"), "Pending");
        assert_eq!(field(&booking, "Method").as_i64(), Some(method));
        assert_eq!(field(&booking, "Duration").as_i64(), Some(30));
        assert_eq!(field(&booking, "Credits").as_i64(), Some(30));
        assert_eq!(str_field(&booking, "SessionDate"), "2099-06-01T18:30:00");
        assert_eq!(str_field(&booking, "AcceptBy"), "2099-06-01T17:00:00");
        assert_near_now(str_field(&booking, "CreateDate"));
        assert_eq!(
            str_field(&booking, "LastUpdated"),
            str_field(&booking, "CreateDate")
        );
        let phone = if method == 1 {
            Json::from("07700900123")
        } else {
            Json::Null
        };
        let skype = if method == 3 {
            Json::from("me.skype")
        } else {
            Json::Null
        };
        assert_eq!(field(&booking, "PhoneNumber"), &phone, "{method}");
        assert_eq!(field(&booking, "SkypeName"), &skype, "{method}");
        let comments = if method == 1 {
            Json::from("Looking forward")
        } else {
            Json::Null
        };
        assert_eq!(field(&booking, "Comments"), &comments);
        for key in [
            "AcceptedDate",
            "ConfirmedDate",
            "CancelledDate",
            "CancelledReason",
            "CancelledBy",
            "RejectedReason",
            "ActionClient",
        ] {
            assert_eq!(field(&booking, key), &Json::Null, "{key}");
        }
        // The booked user, as every booking made with them shows them.
        assert_eq!(
            field(&booking, "Candidate"),
            field(&details(addr, 1001).json(), "Candidate")
        );
        // Stored for the client: the other endpoints see it.
        assert_eq!(
            details(addr, 5001 + n as i64).text(),
            reply.text(),
            "details of the new booking"
        );
    }
    // Integers may be written 30.0, as .NET reads them; unknown members are ignored.
    let reply = create(
        addr,
        &create_body(
            3001,
            r#"{"BookUserID":3001.0,"Duration":5.0,"Method":2.0,"Credits":0.5,"Extra":true}"#,
        ),
    );
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(field(&reply.json(), "Credits").as_f64(), Some(0.5));
    assert_eq!(field(&reply.json(), "Duration").as_i64(), Some(5));
}

#[test]
fn a_created_booking_lives_like_the_others_and_ids_restart_on_reset() {
    let addr = start();
    let reply = create(addr, &create_body(3002, "{}"));
    assert_eq!(field(&reply.json(), "BookingID").as_i64(), Some(5001));
    // Not passed: no reschedule; pending: no delete; then cancel, and delete.
    let again = post(addr, RESCHEDULE, TOKEN, r#"{"BookingID":5001}"#);
    assert_eq!(again.status, 409);
    assert_eq!(
        results(&delete(addr, "5001")),
        [(
            5001,
            false,
            Some("Only rejected, cancelled or confirmed bookings can be deleted.".into())
        )]
    );
    let cancelled = post(addr, CANCEL, TOKEN, r#"{"BookingID":5001,"Reason":"x"}"#);
    assert_eq!(str_field(&cancelled.json(), "Status"), "Cancelled");
    assert_eq!(results(&delete(addr, "5001")), [(5001, true, None)]);
    assert_eq!(details(addr, 5001).status, 404);
    // A deleted ID is not given out again; a planted one is skipped.
    assert_eq!(
        control(addr, "PUT", "/bookings/5003", r#"{"BookingID":5003}"#).status,
        204
    );
    let ids: Vec<i64> = (0..2)
        .map(|_| {
            let reply = create(addr, &create_body(3001, "{}"));
            field(&reply.json(), "BookingID").as_i64().unwrap()
        })
        .collect();
    assert_eq!(ids, [5002, 5004]);
    assert_eq!(control(addr, "POST", "/reset", "").status, 204);
    assert_eq!(details(addr, 5002).status, 404, "reset forgets them");
    let reply = create(addr, &create_body(3001, "{}"));
    assert_eq!(field(&reply.json(), "BookingID").as_i64(), Some(5001));
}

#[test]
fn create_lists_every_problem_with_the_model() {
    let addr = start();
    let problem = |changes: &str, key: &str| {
        let reply = create(addr, &create_body(3001, changes));
        only_problem(&reply, &format!("request.{key}"))
    };
    let cases = [
        (r#"{"BookUserID":null}"#, "BookUserID", "The BookUserID field is required."),
        (r#"{"BookUserID":0}"#, "BookUserID", "The BookUserID field must be an integer from 1 to 2147483647; got 0."),
        (r#"{"BookUserID":2147483648}"#, "BookUserID", "The BookUserID field must be an integer from 1 to 2147483647; got 2147483648."),
        (r#"{"BookUserID":"3001"}"#, "BookUserID", "The BookUserID field must be an integer from 1 to 2147483647; got \"3001\"."),
        (r#"{"BookUserID":3001.5}"#, "BookUserID", "The BookUserID field must be an integer from 1 to 2147483647; got 3001.5."),
        (r#"{"SessionDate":null}"#, "SessionDate", "The SessionDate field is required."),
        (r#"{"SessionDate":"2099-06-01T18:30"}"#, "SessionDate", "The SessionDate field must be a UK date and time written YYYY-MM-DD HH:MM; got \"2099-06-01T18:30\"."),
        (r#"{"SessionDate":"2099-06-01 18:30:00"}"#, "SessionDate", "The SessionDate field must be a UK date and time written YYYY-MM-DD HH:MM; got \"2099-06-01 18:30:00\"."),
        (r#"{"SessionDate":"2099-02-29 18:30"}"#, "SessionDate", "The SessionDate field must be a UK date and time written YYYY-MM-DD HH:MM; got \"2099-02-29 18:30\", which is not a real date and time."),
        (r#"{"SessionDate":4000000000000}"#, "SessionDate", "The SessionDate field must be a UK date and time written YYYY-MM-DD HH:MM; got 4000000000000."),
        (r#"{"Duration":null}"#, "Duration", "The Duration field is required."),
        (r#"{"Duration":4}"#, "Duration", "The Duration field must be a whole number of minutes, at least 5; got 4."),
        (r#"{"Duration":30.5}"#, "Duration", "The Duration field must be a whole number of minutes, at least 5; got 30.5."),
        (r#"{"Method":null}"#, "Method", "The Method field is required."),
        (r#"{"Method":4}"#, "Method", "The Method field must be 1 (the booked user calls the client), 2 (the client calls the booked user) or 3 (Skype); got 4."),
        (r#"{"Method":"2"}"#, "Method", "The Method field must be 1 (the booked user calls the client), 2 (the client calls the booked user) or 3 (Skype); got \"2\"."),
        (r#"{"Method":1}"#, "PhoneNumber", "The PhoneNumber field is required when Method is 1."),
        (r#"{"Method":1,"PhoneNumber":"0770 090 0123"}"#, "PhoneNumber", "The PhoneNumber field must be 10 or 11 digits (no spaces, + or dashes); got \"0770 090 0123\"."),
        (r#"{"Method":1,"PhoneNumber":"077009001"}"#, "PhoneNumber", "The PhoneNumber field must be 10 or 11 digits (no spaces, + or dashes); got \"077009001\"."),
        (r#"{"Method":1,"PhoneNumber":"077009001234"}"#, "PhoneNumber", "The PhoneNumber field must be 10 or 11 digits (no spaces, + or dashes); got \"077009001234\"."),
        (r#"{"Method":1,"PhoneNumber":7700900123}"#, "PhoneNumber", "The PhoneNumber field must be 10 or 11 digits (no spaces, + or dashes); got 7700900123."),
        (r#"{"Method":3}"#, "SkypeName", "The SkypeName field is required when Method is 3."),
        (r#"{"Method":3,"SkypeName":" \t"}"#, "SkypeName", "The SkypeName field is required when Method is 3."),
        (r#"{"Method":3,"SkypeName":["me"]}"#, "SkypeName", "The SkypeName field must be a string; got an array."),
        (r#"{"Credits":null}"#, "Credits", "The Credits field is required."),
        (r#"{"Credits":0}"#, "Credits", "The Credits field must be a number greater than 0; got 0."),
        (r#"{"Credits":-5}"#, "Credits", "The Credits field must be a number greater than 0; got -5."),
        (r#"{"Credits":"30"}"#, "Credits", "The Credits field must be a number greater than 0; got \"30\"."),
        (r#"{"Credits":1e30}"#, "Credits", "The Credits field must be a number greater than 0; got 1e+30."),
        (r#"{"AcceptBy":null}"#, "AcceptBy", "The AcceptBy field is required."),
        (r#"{"AcceptBy":"2099-6-1 17:00"}"#, "AcceptBy", "The AcceptBy field must be a UK date and time written YYYY-MM-DD HH:MM; got \"2099-6-1 17:00\"."),
        (r#"{"Comments":7}"#, "Comments", "The Comments field must be a string; got 7."),
        // Names are exact.
        (r#"{"Credits":null,"credits":30}"#, "Credits", "The Credits field is required."),
    ];
    for (changes, key, message) in cases {
        assert_eq!(problem(changes, key), message, "{changes}");
    }
    // Everything at once, in the documented order, each field once.
    let all = r#"{"BookUserID":-1,"SessionDate":"tomorrow","Duration":0,"Method":3,"SkypeName":"  ","Credits":-5,"AcceptBy":"2099-13-01 00:00","Comments":false}"#;
    assert_eq!(
        keys(&create(addr, all)),
        [
            "request.BookUserID",
            "request.SessionDate",
            "request.Duration",
            "request.SkypeName",
            "request.Credits",
            "request.AcceptBy",
            "request.Comments"
        ]
    );
    // An unreadable Method: PhoneNumber and SkypeName are not judged.
    let reply = create(
        addr,
        &create_body(3001, r#"{"Method":0,"PhoneNumber":"x"}"#),
    );
    assert_eq!(keys(&reply), ["request.Method"]);
    // Not an object.
    for (body, text) in [
        ("", "A request body is required."),
        (
            "[]",
            "The request body must be a JSON object, not an array.",
        ),
        ("null", "The request body must be a JSON object, not null."),
    ] {
        assert_eq!(only_problem(&create(addr, body), "request"), text, "{body}");
    }
    // The model comes before what the server knows: a bad Duration hides the past session.
    let reply = create(
        addr,
        &create_body(
            9999,
            r#"{"Duration":1,"SessionDate":"2020-01-01 12:00","AcceptBy":"2020-01-01 11:00"}"#,
        ),
    );
    assert_eq!(keys(&reply), ["request.Duration"]);
    // Nothing was created.
    assert_eq!(control(addr, "GET", "/bookings/5001", "").status, 404);
}

#[test]
fn create_judges_the_clock_and_the_user() {
    let addr = start();
    // A session in the past: the message names the field.
    let past = create(
        addr,
        &create_body(
            3001,
            r#"{"SessionDate":"2020-01-01 12:00","AcceptBy":"2020-01-01 11:00"}"#,
        ),
    );
    let state = model_state(&past);
    assert_eq!(
        state.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>(),
        ["request.SessionDate", "request.AcceptBy"]
    );
    assert!(state[0].1[0].starts_with("SessionDate must be in the future (UK time is now "));
    assert!(state[0].1[0].ends_with("); got 2020-01-01 12:00."));
    assert!(state[1].1[0].starts_with("AcceptBy must be in the future"));
    // AcceptBy not before SessionDate (equal, or after).
    for accept in ["2099-06-01 18:30", "2099-06-01 18:31"] {
        let reply = create(
            addr,
            &create_body(3001, &format!(r#"{{"AcceptBy":"{accept}"}}"#)),
        );
        assert_eq!(
            only_problem(&reply, "request.AcceptBy"),
            format!("AcceptBy must be before SessionDate (2099-06-01 18:30); got {accept}.")
        );
    }
    // Only AcceptBy passed.
    let reply = create(
        addr,
        &create_body(3001, r#"{"AcceptBy":"2020-01-01 11:00"}"#),
    );
    assert!(only_problem(&reply, "request.AcceptBy").starts_with("AcceptBy must be in the future"));
    // Nobody to book: unknown, not a PhoneChat user (the client itself).
    for user in [9999, 424_242, 1001] {
        let reply = create(addr, &create_body(user, "{}"));
        assert_eq!(
            only_problem(&reply, "request.BookUserID"),
            "The user does not exist or does not offer PhoneChat.",
            "{user}"
        );
    }
    // Listed together, in field order.
    let reply = create(
        addr,
        &create_body(9999, r#"{"SessionDate":"2020-01-01 12:00"}"#),
    );
    assert_eq!(
        keys(&reply),
        [
            "request.BookUserID",
            "request.SessionDate",
            "request.AcceptBy"
        ]
    );
    assert_eq!(control(addr, "GET", "/bookings/5001", "").status, 404);
}

#[test]
fn create_takes_the_price_per_minute_and_refuses_direct_chat_only() {
    let addr = start();
    // LateNightLaura: 1.5 credits per minute, so 30 minutes take at least 45.
    for credits in ["30", "44.99"] {
        let reply = create(
            addr,
            &create_body(3004, &format!(r#"{{"Credits":{credits}}}"#)),
        );
        assert_eq!(reply.status, 400, "{credits}");
        assert_eq!(
            reply.text(),
            r#"{"Message":"Credits must be at least 45 for 30 minutes with LateNightLaura (1.5 credits per minute)."}"#
        );
    }
    let reply = create(addr, &create_body(3004, r#"{"Credits":7,"Duration":5}"#));
    assert_eq!(
        reply.message(),
        "Credits must be at least 7.5 for 5 minutes with LateNightLaura (1.5 credits per minute)."
    );
    // The clock comes first: a past session with too few credits is about the session.
    let reply = create(
        addr,
        &create_body(
            3004,
            r#"{"SessionDate":"2020-01-01 12:00","AcceptBy":"2020-01-01 11:00"}"#,
        ),
    );
    assert_eq!(keys(&reply), ["request.SessionDate", "request.AcceptBy"]);
    let reply = create(addr, &create_body(3004, r#"{"Credits":45}"#));
    assert_eq!(reply.status, 200, "{}", reply.text());
    let booking = reply.json();
    assert_eq!(field(&booking, "Credits").as_i64(), Some(45));
    assert_eq!(field(&booking, "BookingID").as_i64(), Some(5001));
    assert_eq!(
        str_field(field(&booking, "Candidate"), "Nickname"),
        "LateNightLaura"
    );
    // BusyBee has DirectChat Only on, whatever the offer.
    let reply = create(addr, &create_body(3006, r#"{"Credits":1000}"#));
    assert_eq!(reply.status, 409);
    assert_eq!(
        reply.text(),
        r#"{"Message":"BusyBee has DirectChat Only on and cannot be booked for PhoneChat."}"#
    );
    // A refused create takes no ID.
    let reply = create(addr, &create_body(3001, "{}"));
    assert_eq!(field(&reply.json(), "BookingID").as_i64(), Some(5002));
}

#[test]
fn create_goes_through_the_fault_queue() {
    let addr = start();
    let fault = format!(r#"{{"status":503,"body":"busy","path":"{CREATE}"}}"#);
    assert_eq!(control(addr, "POST", "/faults", &fault).status, 204);
    let reply = create(addr, &create_body(3001, "{}"));
    assert_eq!((reply.status, reply.text().as_str()), (503, "busy"));
    assert_eq!(control(addr, "GET", "/bookings/5001", "").status, 404);
    let reply = create(addr, &create_body(3001, "{}"));
    assert_eq!(field(&reply.json(), "BookingID").as_i64(), Some(5001));
    // A lost answer: the booking was made all the same.
    let fault = format!(r#"{{"drop":"after-headers","path":"{CREATE}"}}"#);
    assert_eq!(control(addr, "POST", "/faults", &fault).status, 204);
    let mut stream = connect(addr);
    std::io::Write::write_all(
        &mut stream,
        &request_bytes(
            "POST",
            CREATE,
            &[("Authorization", "bearer test-token")],
            &create_body(3001, "{}"),
        ),
    )
    .unwrap();
    let mut reader = std::io::BufReader::new(stream);
    let (status, _) = read_head(&mut reader);
    assert_eq!(status, 200);
    wait_for_log(addr, |entries| {
        entries
            .last()
            .is_some_and(|e| str_field(e, "outcome") == "dropped")
    });
    assert_eq!(control(addr, "GET", "/bookings/5002", "").status, 200);
}

#[test]
fn delete_reports_each_booking_in_request_order() {
    let addr = start();
    // Cancelled, Rejected, Pending, another client's, Confirmed, unknown, and 1005 again.
    let reply = delete(addr, "1005,1006,1001,2001,1003,999999,1005");
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    let gone = Some("The booking does not exist.".to_owned());
    let unfinished =
        Some("Only rejected, cancelled or confirmed bookings can be deleted.".to_owned());
    assert_eq!(
        results(&reply),
        [
            (1005, true, None),
            (1006, true, None),
            (1001, false, unfinished.clone()),
            (2001, false, gone.clone()),
            (1003, true, None),
            (999999, false, gone.clone()),
        ]
    );
    assert_eq!(
        reply.text().split("},{").next().unwrap(),
        r#"[{"BookingID":1005,"Deleted":true,"Message":null"#
    );
    for id in [1005, 1006, 1003] {
        assert_eq!(details(addr, id).status, 404, "{id}");
        let cancel = post(
            addr,
            CANCEL,
            TOKEN,
            &format!(r#"{{"BookingID":{id},"Reason":"x"}}"#),
        );
        assert_eq!(cancel.status, 404, "{id}");
    }
    assert_eq!(str_field(&details(addr, 1001).json(), "Status"), "Pending");
    assert_eq!(control(addr, "GET", "/bookings/2001", "").status, 200);
    // Deleted is gone; Accepted is not finished; a passed Confirmed one can go.
    assert_eq!(
        results(&delete(addr, "1005,1002,1004")),
        [
            (1005, false, gone),
            (1002, false, unfinished.clone()),
            (1004, true, None)
        ]
    );
    // A planted booking whose Status is not one of the SDK's is not finished.
    control(addr, "PUT", "/bookings/7000", r#"{"Status":"Done"}"#);
    assert_eq!(results(&delete(addr, "7000")), [(7000, false, unfinished)]);
}

#[test]
fn delete_takes_white_space_around_ids_and_a_hundred_ids() {
    let addr = start();
    assert_eq!(
        results(&delete(addr, " 1005 ,\t1006")),
        [(1005, true, None), (1006, true, None)]
    );
    let hundred: Vec<String> = (1..=100).map(|i| i.to_string()).collect();
    let answer = results(&delete(addr, &hundred.join(",")));
    assert_eq!(answer.len(), 100);
    assert!(answer
        .iter()
        .enumerate()
        .all(|(i, (id, deleted, _))| *id == i as i64 + 1 && !deleted));
}

#[test]
fn delete_takes_one_string_of_ids_and_nothing_else() {
    let addr = start();
    let problem = |body: &str| only_problem(&post(addr, DELETE, TOKEN, body), "request.BookingIDs");
    let must_be_a_string = |got: &str| {
        format!(
            "The BookingIDs field must be a string of booking IDs separated by commas, such as \"1001,1002\"; got {got}."
        )
    };
    let not_an_id = |item: &str| {
        format!(
            "The BookingIDs field must list integers from 1 to 2147483647 separated by commas; {item} is not one."
        )
    };
    let required = "The BookingIDs field is required.".to_owned();
    let cases = [
        // What an SDK that forgot to join the IDs would send.
        (
            r#"{"BookingIDs":[1005,1006]}"#,
            must_be_a_string("an array"),
        ),
        (r#"{"BookingIDs":["1005"]}"#, must_be_a_string("an array")),
        (r#"{"BookingIDs":1005}"#, must_be_a_string("1005")),
        (
            r#"{"BookingIDs":{"0":1005}}"#,
            must_be_a_string("an object"),
        ),
        (r#"{}"#, required.clone()),
        (r#"{"BookingIDs":null}"#, required.clone()),
        (r#"{"BookingIDs":""}"#, required.clone()),
        (r#"{"BookingIDs":" \t"}"#, required.clone()),
        (r#"{"bookingIDs":"1005"}"#, required),
        (r#"{"BookingIDs":"1005,"}"#, not_an_id("\"\"")),
        (r#"{"BookingIDs":"1005,,1006"}"#, not_an_id("\"\"")),
        (r#"{"BookingIDs":"1005;1006"}"#, not_an_id("\"1005;1006\"")),
        (r#"{"BookingIDs":"1005 1006"}"#, not_an_id("\"1005 1006\"")),
        (r#"{"BookingIDs":"[1005]"}"#, not_an_id("\"[1005]\"")),
        (r#"{"BookingIDs":"1005,0"}"#, not_an_id("\"0\"")),
        (r#"{"BookingIDs":"-1005"}"#, not_an_id("\"-1005\"")),
        (r#"{"BookingIDs":"+1005"}"#, not_an_id("\"+1005\"")),
        (r#"{"BookingIDs":"1005.0"}"#, not_an_id("\"1005.0\"")),
        (
            r#"{"BookingIDs":"2147483648"}"#,
            not_an_id("\"2147483648\""),
        ),
    ];
    for (body, message) in cases {
        assert_eq!(problem(body), message, "{body}");
    }
    // Every bad item is listed.
    let state = model_state(&post(addr, DELETE, TOKEN, r#"{"BookingIDs":"x,1005,0"}"#));
    assert_eq!(state.len(), 1);
    assert_eq!(state[0].1, [not_an_id("\"x\""), not_an_id("\"0\"")]);
    assert_eq!(
        only_problem(&post(addr, DELETE, TOKEN, "[1005]"), "request"),
        "The request body must be a JSON object, not an array."
    );
    // A refused delete deletes nothing.
    assert_eq!(
        str_field(&details(addr, 1005).json(), "Status"),
        "Cancelled"
    );
}
