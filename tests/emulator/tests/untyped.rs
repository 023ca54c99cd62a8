//! `GetUserBookingRequirements` and `GetSettings`: answers the public documentation gives only
//! in part, over real sockets.

// Test code: a failed unwrap or panic is how a test reports failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::net::SocketAddr;

use adultwork_emulator::object::JsonObject;
use common::*;

fn requirements(addr: SocketAddr, query: &str) -> Reply {
    get(addr, &format!("{REQUIREMENTS}?{query}"), TOKEN)
}

/// `[(Method, Available)]` of a requirements answer, checking its members and their order.
fn methods(reply: &Reply) -> Vec<(i64, bool)> {
    assert_eq!(reply.status, 200, "{}", reply.text());
    let answer = reply.object();
    assert_eq!(answer.keys(), ["PhoneChatPPM", "Methods"]);
    let items: Vec<JsonObject> = answer
        .get_as("Methods")
        .unwrap_or_else(|| panic!("Methods is not an array of objects: {}", reply.text()));
    items
        .iter()
        .map(|item| {
            assert_eq!(item.keys(), ["Method", "Available"]);
            (
                item.get_as("Method").unwrap(),
                item.get_as("Available").unwrap(),
            )
        })
        .collect()
}

#[test]
fn requirements_give_the_price_and_the_methods_of_a_bookable_user() {
    let addr = start();
    let all = vec![(1, true), (2, true), (3, true)];
    // LateNightLaura's price, written as a number.
    let reply = requirements(addr, "BookUserID=3004");
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    assert_eq!(methods(&reply), all);
    assert!(reply
        .text()
        .starts_with(r#"{"PhoneChatPPM":1.5,"Methods":["#));
    // No price: null, and CreateBooking takes any Credits.
    let reply = requirements(addr, "BookUserID=3001");
    assert_eq!(methods(&reply), all);
    assert_eq!(field(&reply.json(), "PhoneChatPPM"), &Json::Null);
    // PremiumPeach takes Skype only.
    let reply = requirements(addr, "BookUserID=3008");
    assert_eq!(methods(&reply), [(1, false), (2, false), (3, true)]);
    // Every bookable user answers; the price agrees with CreateBooking's minimum.
    for user in (3001..=3009).filter(|u| *u != 3006) {
        let reply = requirements(addr, &format!("BookUserID={user}"));
        assert_eq!(methods(&reply).len(), 3, "{user}");
    }
    let create = post(
        addr,
        CREATE,
        TOKEN,
        r#"{"BookUserID":3004,"SessionDate":"2099-06-01 18:30","Duration":10,"Method":2,"Credits":14.5,"AcceptBy":"2099-06-01 17:00"}"#,
    );
    assert_eq!(create.status, 400);
    assert!(create.message().contains("(1.5 credits per minute)"));
    // Any token with the scope may ask; the answer is about the booked user.
    for token in [PERFORMER_TOKEN, MANAGER_TOKEN, MEMBER_TOKEN] {
        let reply = get(addr, &format!("{REQUIREMENTS}?BookUserID=3004"), token);
        assert_eq!(reply.text(), requirements(addr, "BookUserID=3004").text());
    }
}

#[test]
fn requirements_refuse_users_as_create_booking_does() {
    let addr = start();
    // Nobody to book: 404 with CreateBooking's text.
    for user in [9999, 424_242, 717_171, 1001] {
        let reply = requirements(addr, &format!("BookUserID={user}"));
        assert_eq!(reply.status, 404, "{user}");
        assert_eq!(
            reply.text(),
            r#"{"Message":"The user does not exist or does not offer PhoneChat."}"#
        );
    }
    // DirectChat Only: CreateBooking's 409, word for word.
    let reply = requirements(addr, "BookUserID=3006");
    assert_eq!(reply.status, 409);
    let create = post(
        addr,
        CREATE,
        TOKEN,
        r#"{"BookUserID":3006,"SessionDate":"2099-06-01 18:30","Duration":30,"Method":2,"Credits":30,"AcceptBy":"2099-06-01 17:00"}"#,
    );
    assert_eq!((create.status, create.text()), (409, reply.text()));
    assert_eq!(
        reply.message(),
        "BusyBee has DirectChat Only on and cannot be booked for PhoneChat."
    );
    // Missing or not an ID: 400 on BookUserID, as MadeBookingDetails reads BookingID.
    let state = |query: &str| model_state_of(&requirements(addr, query));
    let required = vec![(
        "BookUserID".to_owned(),
        vec!["The BookUserID field is required.".to_owned()],
    )];
    assert_eq!(state(""), required);
    assert_eq!(state("BookUserID="), required);
    assert_eq!(state("bookuserid=3004"), required);
    assert_eq!(state("UserID=3004"), required);
    for bad in ["abc", "0", "-3004", "3004.0", "2147483648", "3004,3001"] {
        assert_eq!(
            state(&format!("BookUserID={bad}")),
            [(
                "BookUserID".to_owned(),
                vec![format!("The value '{bad}' is not valid for BookUserID.")]
            )],
            "{bad}"
        );
    }
    // .NET's int takes a sign; the first of a repeated parameter counts.
    assert_eq!(
        methods(&requirements(addr, "BookUserID=%2B3004&BookUserID=x")).len(),
        3
    );
}

#[test]
fn settings_are_the_callers_own() {
    let addr = start();
    let settings = |token: &str| {
        let reply = get(addr, SETTINGS, token);
        assert_eq!(reply.status, 200, "{token}: {}", reply.text());
        assert_eq!(
            reply.header("Content-Type"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(
            reply.object().keys(),
            [
                "OfferDirectChat",
                "PhoneChatNumber",
                "ShowPhoneChatNumber",
                "PhoneChatPPM"
            ]
        );
        reply.text()
    };
    // The performer: her number shown, and the price GetUserBookingRequirements gives.
    assert_eq!(
        settings(PERFORMER_TOKEN),
        r#"{"OfferDirectChat":false,"PhoneChatNumber":"447700900404","ShowPhoneChatNumber":true,"PhoneChatPPM":1.5}"#
    );
    assert_eq!(settings("performer-x"), settings(PERFORMER_TOKEN));
    // The client and the group's users set no price.
    assert_eq!(
        settings(TOKEN),
        r#"{"OfferDirectChat":false,"PhoneChatNumber":"447700900123","ShowPhoneChatNumber":false,"PhoneChatPPM":0}"#
    );
    assert!(settings(MANAGER_TOKEN).contains(r#""PhoneChatNumber":"447700900717""#));
    assert!(settings(MEMBER_TOKEN).contains(r#""PhoneChatNumber":"447700900616""#));
    // Query parameters are ignored.
    let reply = get(addr, &format!("{SETTINGS}?UserID=3004&x=1"), TOKEN);
    assert_eq!(reply.text(), settings(TOKEN));
}

#[test]
fn tokens_and_methods_come_first() {
    let addr = start();
    for target in [
        SETTINGS.to_owned(),
        format!("{REQUIREMENTS}?BookUserID=3004"),
    ] {
        for headers in [
            vec![],
            vec![("Authorization", "bearer nobody")],
            vec![("Authorization", "Basic test-token")],
        ] {
            let reply = request(addr, "GET", &target, &headers, "");
            assert_eq!(reply.status, 401, "{target} {headers:?}");
            assert_eq!(reply.header("WWW-Authenticate"), Some("Bearer"));
            assert_eq!(
                reply.text(),
                r#"{"Message":"Authorization has been denied for this request."}"#
            );
        }
        let reply = get(addr, &target, "noscope-anything");
        assert_eq!(reply.status, 403, "{target}");
        for method in ["POST", "PUT", "DELETE", "HEAD", "PATCH"] {
            let reply = request(addr, method, &target, &[], "");
            assert_eq!(reply.status, 405, "{method} {target}");
            assert_eq!(reply.header("Allow"), Some("GET"));
        }
    }
    // A bad BookUserID with no token is a 401: the token comes first.
    let reply = request(
        addr,
        "GET",
        &format!("{REQUIREMENTS}?BookUserID=x"),
        &[],
        "",
    );
    assert_eq!(reply.status, 401);
}
