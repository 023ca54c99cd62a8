//! `GET /v1/Groups/PhoneChat/MadeBookingDetails`: a group manager acting for a member, over
//! real sockets.

// Test code: a failed unwrap or panic is how a test reports failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::net::SocketAddr;

use adultwork_emulator::object::sdk_fields;
use adultwork_sdk::model::MadeBooking;
use common::*;

const MEMBER: i64 = 616_161;

fn group_details(addr: SocketAddr, token: &str, query: &str) -> Reply {
    get(addr, &format!("{GROUP_DETAILS}?{query}"), token)
}

#[test]
fn the_manager_reads_a_members_booking_as_the_member_does() {
    let addr = start();
    for id in [2101, 2102] {
        let reply = group_details(
            addr,
            MANAGER_TOKEN,
            &format!("BookingID={id}&UserID={MEMBER}"),
        );
        assert_eq!(reply.status, 200, "{}", reply.text());
        assert_eq!(
            reply.header("Content-Type"),
            Some("application/json; charset=utf-8")
        );
        // The SDK's MadeBooking, as every details answer.
        assert_eq!(reply.object().keys(), sdk_fields::made_booking());
        let booking: MadeBooking = serde_json::from_str(&reply.text()).unwrap();
        assert_eq!(i64::from(booking.booking_id.get()), id);
        // The member sees the same booking through the plain endpoint.
        let own = get(addr, &format!("{DETAILS}?BookingID={id}"), MEMBER_TOKEN);
        assert_eq!(own.text(), reply.text(), "{id}");
    }
    // Parameters in any order; any token starting manager- is the manager.
    let reply = group_details(
        addr,
        "manager-2",
        &format!("UserID={MEMBER}&BookingID=2101"),
    );
    assert_eq!(str_field(&reply.json(), "Status"), "Pending");
    // The store is shared: what the member changes, the manager sees.
    let cancel = post(
        addr,
        CANCEL,
        MEMBER_TOKEN,
        r#"{"BookingID":2101,"Reason":"Not this week"}"#,
    );
    assert_eq!(cancel.status, 200, "{}", cancel.text());
    assert_eq!(str_field(&cancel.json(), "CancelledBy"), "GroupMember");
    let reply = group_details(
        addr,
        MANAGER_TOKEN,
        &format!("BookingID=2101&UserID={MEMBER}"),
    );
    assert_eq!(reply.text(), cancel.text());
}

#[test]
fn only_the_manager_and_only_for_a_member() {
    let addr = start();
    let query = format!("BookingID=2101&UserID={MEMBER}");
    // Tokens of users who manage no group: 403, whatever the parameters.
    for token in [TOKEN, PERFORMER_TOKEN, MEMBER_TOKEN, "ok-1"] {
        for query in [query.as_str(), "", "BookingID=x"] {
            let reply = group_details(addr, token, query);
            assert_eq!(reply.status, 403, "{token} {query}");
            assert_eq!(
                reply.text(),
                r#"{"Message":"Only the manager of a group can act for its members."}"#
            );
        }
    }
    // Users who are not members of the manager's group: the client, the performer, another
    // client, the manager, a user who does not exist.
    for user in [424_242, 3004, 515_151, 717_171, 999_999] {
        let reply = group_details(
            addr,
            MANAGER_TOKEN,
            &format!("BookingID=1001&UserID={user}"),
        );
        assert_eq!(reply.status, 403, "{user}");
        assert_eq!(
            reply.message(),
            format!("User {user} is not a member of your group.")
        );
    }
    // A booking the member did not make: 404, as MadeBookingDetails says it.
    for id in [1001, 2001, 1101, 999_999] {
        let reply = group_details(
            addr,
            MANAGER_TOKEN,
            &format!("BookingID={id}&UserID={MEMBER}"),
        );
        assert_eq!(reply.status, 404, "{id}");
        assert_eq!(
            reply.message(),
            format!("No PhoneChat booking with ID {id} was found.")
        );
    }
    // The manager made no bookings of their own, and 2101 is not the client's.
    assert_eq!(
        get(addr, &format!("{DETAILS}?BookingID=2101"), MANAGER_TOKEN).status,
        404
    );
    assert_eq!(details(addr, 2101).status, 404);
}

#[test]
fn bad_parameters_are_a_400_listing_each() {
    let addr = start();
    let keys = |query: &str| model_state_of(&group_details(addr, MANAGER_TOKEN, query));
    let required = |name: &str| {
        (
            name.to_owned(),
            vec![format!("The {name} field is required.")],
        )
    };
    let not_valid = |name: &str, text: &str| {
        (
            name.to_owned(),
            vec![format!("The value '{text}' is not valid for {name}.")],
        )
    };
    assert_eq!(keys(""), [required("BookingID"), required("UserID")]);
    assert_eq!(keys("BookingID=2101"), [required("UserID")]);
    assert_eq!(keys("BookingID=2101&UserID="), [required("UserID")]);
    assert_eq!(keys(&format!("UserID={MEMBER}")), [required("BookingID")]);
    // Names are exact.
    assert_eq!(keys("BookingID=2101&userid=616161"), [required("UserID")]);
    for bad in ["abc", "0", "-616161", "616161.0", "2147483648", "%20616161"] {
        assert_eq!(
            keys(&format!("BookingID=2101&UserID={bad}")),
            [not_valid("UserID", &bad.replace("%20", " "))],
            "{bad}"
        );
    }
    assert_eq!(
        keys("BookingID=x&UserID=y"),
        [not_valid("BookingID", "x"), not_valid("UserID", "y")]
    );
    // The parameters are read before membership: a bad BookingID for a non-member is a 400.
    assert_eq!(
        keys("BookingID=0&UserID=424242"),
        [not_valid("BookingID", "0")]
    );
    // .NET's int takes a sign.
    let reply = group_details(addr, MANAGER_TOKEN, "BookingID=%2B2101&UserID=%2B616161");
    assert_eq!(reply.status, 200, "{}", reply.text());
}

#[test]
fn tokens_and_methods_come_first() {
    let addr = start();
    let target = format!("{GROUP_DETAILS}?BookingID=2101&UserID={MEMBER}");
    for headers in [vec![], vec![("Authorization", "bearer manager")]] {
        let reply = request(addr, "GET", &target, &headers, "");
        assert_eq!(reply.status, 401);
        assert_eq!(reply.header("WWW-Authenticate"), Some("Bearer"));
    }
    let reply = get(addr, &target, "noscope-token");
    assert_eq!(reply.status, 403);
    assert_eq!(
        reply.message(),
        "The access token does not have the scope account_phonechat_bookings."
    );
    for method in ["POST", "PUT", "DELETE", "HEAD"] {
        let reply = request(addr, method, &target, &[], "");
        assert_eq!(reply.status, 405, "{method}");
        assert_eq!(reply.header("Allow"), Some("GET"));
    }
    // Spelt exactly: /v1/Groups/PhoneChat/..., no other casing or family.
    for path in [
        "/v1/groups/PhoneChat/MadeBookingDetails",
        "/v1/Groups/PhoneChat/CancelMadeBooking",
        "/v1/Group/PhoneChat/MadeBookingDetails",
    ] {
        let reply = get(
            addr,
            &format!("{path}?BookingID=2101&UserID={MEMBER}"),
            MANAGER_TOKEN,
        );
        assert_eq!(reply.status, 404, "{path}");
    }
}
