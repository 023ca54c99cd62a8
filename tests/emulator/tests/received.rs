//! `DeleteReceivedBooking`: the performer's side, over real sockets.

// Test code: a failed unwrap or panic is how a test reports failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::net::SocketAddr;

use common::*;

const GONE: &str = "The booking does not exist.";
const UNFINISHED: &str = "Only rejected, cancelled or confirmed bookings can be deleted.";

fn delete_received(addr: SocketAddr, token: &str, ids: &str) -> Reply {
    let body = format!(r#"{{"BookingIDs":{}}}"#, Json::from(ids));
    post(addr, DELETE_RECEIVED, token, &body)
}

fn outcome(id: i64, deleted: bool, message: Option<&str>) -> (i64, bool, Option<String>) {
    (id, deleted, message.map(str::to_owned))
}

#[test]
fn the_performer_deletes_finished_received_bookings_and_is_refused_the_others() {
    let addr = start();
    // Pending, Accepted, Confirmed, Cancelled, Rejected; someone else's (booked with 3009),
    // the client's with 3001, unknown; and 1103 again.
    let reply = delete_received(
        addr,
        PERFORMER_TOKEN,
        "1101,1102,1103,1104,1105,2001,1001,999999,1103",
    );
    assert_eq!(
        deletions(&reply),
        [
            outcome(1101, false, Some(UNFINISHED)),
            outcome(1102, false, Some(UNFINISHED)),
            outcome(1103, true, None),
            outcome(1104, true, None),
            outcome(1105, true, None),
            outcome(2001, false, Some(GONE)),
            outcome(1001, false, Some(GONE)),
            outcome(999999, false, Some(GONE)),
        ]
    );
    assert!(reply
        .text()
        .starts_with(r#"[{"BookingID":1101,"Deleted":false,"Message":"Only rejected"#));
    // Deleted ones are gone; refused ones are untouched.
    for id in [1103, 1104, 1105] {
        assert_eq!(stored_status(addr, id), None, "{id}");
    }
    assert_eq!(stored_status(addr, 1101).as_deref(), Some("Pending"));
    assert_eq!(stored_status(addr, 1102).as_deref(), Some("Accepted"));
    assert_eq!(stored_status(addr, 2001).as_deref(), Some("Pending"));
    // A second delete finds nothing.
    assert_eq!(
        deletions(&delete_received(addr, PERFORMER_TOKEN, "1103")),
        [outcome(1103, false, Some(GONE))]
    );
    // A reset brings them back.
    assert_eq!(control(addr, "POST", "/reset", "").status, 204);
    assert_eq!(stored_status(addr, 1103).as_deref(), Some("Confirmed"));
}

#[test]
fn received_means_booked_with_the_caller() {
    let addr = start();
    // The client received nothing: each ID "does not exist" for it, and nothing changes.
    assert_eq!(
        deletions(&delete_received(addr, TOKEN, "1103,1004")),
        [
            outcome(1103, false, Some(GONE)),
            outcome(1004, false, Some(GONE))
        ]
    );
    assert_eq!(stored_status(addr, 1103).as_deref(), Some("Confirmed"));
    // The performer made none of them: DeleteMadeBookings finds nothing for her.
    let reply = post(
        addr,
        DELETE,
        PERFORMER_TOKEN,
        r#"{"BookingIDs":"1103,1004"}"#,
    );
    assert_eq!(
        deletions(&reply),
        [
            outcome(1103, false, Some(GONE)),
            outcome(1004, false, Some(GONE))
        ]
    );
    // 1004 is the client's booking with LateNightLaura: received by the performer. The
    // emulator keeps one copy of a booking, so her delete removes it for the client too.
    assert_eq!(details(addr, 1004).status, 200);
    assert_eq!(
        deletions(&delete_received(addr, PERFORMER_TOKEN, "1004")),
        [outcome(1004, true, None)]
    );
    assert_eq!(details(addr, 1004).status, 404);
}

#[test]
fn a_booking_the_client_makes_with_the_performer_is_received_by_her() {
    let addr = start();
    let create = post(
        addr,
        CREATE,
        TOKEN,
        r#"{"BookUserID":3004,"SessionDate":"2099-06-01 18:30","Duration":30,"Method":2,"Credits":45,"AcceptBy":"2099-06-01 17:00"}"#,
    );
    assert_eq!(create.status, 200, "{}", create.text());
    assert_eq!(
        deletions(&delete_received(addr, PERFORMER_TOKEN, "5001")),
        [outcome(5001, false, Some(UNFINISHED))]
    );
    let cancel = post(addr, CANCEL, TOKEN, r#"{"BookingID":5001,"Reason":"x"}"#);
    assert_eq!(str_field(&cancel.json(), "Status"), "Cancelled");
    assert_eq!(
        deletions(&delete_received(addr, PERFORMER_TOKEN, "5001")),
        [outcome(5001, true, None)]
    );
    assert_eq!(details(addr, 5001).status, 404);
}

#[test]
fn planted_bookings_are_received_by_their_candidate() {
    let addr = start();
    let plant = |id: i64, booking: &str| {
        let path = format!("/bookings/{id}?owner=515151");
        assert_eq!(control(addr, "PUT", &path, booking).status, 204);
    };
    plant(7001, r#"{"Status":"Rejected","Candidate":{"UserID":3004}}"#);
    plant(7002, r#"{"Status":"Done","Candidate":{"UserID":3004}}"#);
    plant(
        7003,
        r#"{"Status":"Rejected","Candidate":{"UserID":"3004"}}"#,
    );
    plant(7004, r#"{"Status":"Rejected","Candidate":null}"#);
    plant(7005, r#"{"Status":"Rejected"}"#);
    assert_eq!(
        deletions(&delete_received(
            addr,
            PERFORMER_TOKEN,
            "7001,7002,7003,7004,7005"
        )),
        [
            outcome(7001, true, None),
            // A Status that is not one of the SDK's is not finished.
            outcome(7002, false, Some(UNFINISHED)),
            // No readable Candidate.UserID: received by nobody.
            outcome(7003, false, Some(GONE)),
            outcome(7004, false, Some(GONE)),
            outcome(7005, false, Some(GONE)),
        ]
    );
}

#[test]
fn the_body_is_read_as_delete_made_bookings_reads_it() {
    let addr = start();
    let problem = |body: &str| {
        let state = model_state_of(&post(addr, DELETE_RECEIVED, PERFORMER_TOKEN, body));
        assert_eq!(state.len(), 1, "{body}: {state:?}");
        (state[0].0.clone(), state[0].1.clone())
    };
    // Every answer is the one DeleteMadeBookings gives the same body.
    for body in [
        r#"{"BookingIDs":[1103,1104]}"#,
        r#"{"BookingIDs":1103}"#,
        r#"{}"#,
        r#"{"BookingIDs":null}"#,
        r#"{"BookingIDs":" "}"#,
        r#"{"bookingIDs":"1103"}"#,
        r#"{"BookingIDs":"1103,"}"#,
        r#"{"BookingIDs":"x,1103,0"}"#,
        r#"{"BookingIDs":"1103;1104"}"#,
        r#"{"BookingIDs":"2147483648"}"#,
        "",
        "[1103]",
        "{oops",
    ] {
        let made = model_state_of(&post(addr, DELETE, TOKEN, body));
        assert_eq!(vec![problem(body)], made, "{body}");
    }
    assert_eq!(
        problem(r#"{"BookingIDs":[1103]}"#),
        (
            "request.BookingIDs".to_owned(),
            vec![
                "The BookingIDs field must be a string of booking IDs separated by commas, \
                  such as \"1001,1002\"; got an array."
                    .to_owned()
            ]
        )
    );
    assert_eq!(
        problem(""),
        (
            "request".to_owned(),
            vec!["A request body is required.".to_owned()]
        )
    );
    // White space around IDs is taken; nothing was deleted by the refusals.
    assert_eq!(stored_status(addr, 1103).as_deref(), Some("Confirmed"));
    assert_eq!(
        deletions(&delete_received(addr, PERFORMER_TOKEN, " 1103 ,\t1104")),
        [outcome(1103, true, None), outcome(1104, true, None)]
    );
}

#[test]
fn tokens_and_methods_are_checked_first() {
    let addr = start();
    // No token, or an unknown one: 401 even with a bad body; no scope: 403.
    for headers in [vec![], vec![("Authorization", "bearer wrong")]] {
        let reply = request(addr, "POST", DELETE_RECEIVED, &headers, "nope");
        assert_eq!(reply.status, 401);
        assert_eq!(reply.header("WWW-Authenticate"), Some("Bearer"));
        assert_eq!(
            reply.text(),
            r#"{"Message":"Authorization has been denied for this request."}"#
        );
    }
    let reply = delete_received(addr, "noscope-token", "1103");
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.message(),
        "The access token does not have the scope account_phonechat_bookings."
    );
    assert_eq!(stored_status(addr, 1103).as_deref(), Some("Confirmed"));
    // Any token starting performer- is the performer.
    assert_eq!(
        deletions(&delete_received(addr, "performer-2", "1103")),
        [outcome(1103, true, None)]
    );
    for method in ["GET", "PUT", "DELETE", "HEAD"] {
        let reply = request(addr, method, DELETE_RECEIVED, &[], "");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("Allow"), Some("POST"));
    }
    // Spelt as documented: singular. The plural is no route.
    let reply = post(
        addr,
        "/v1/PhoneChat/DeleteReceivedBookings",
        PERFORMER_TOKEN,
        r#"{"BookingIDs":"1104"}"#,
    );
    assert_eq!(reply.status, 404);
    assert_eq!(stored_status(addr, 1104).as_deref(), Some("Cancelled"));
}
