//! The pure parts of issue 21, natively: the path rule of `request()` (what may follow the base
//! URL, with its reasons, through the type and through the engine), building an `ApiRequest`,
//! `request()` outside WebAssembly, the group manager's form of the details request (its
//! `UserID` rule, path and wire form), and `DeleteReceivedBooking` as the same declaration as
//! `DeleteMadeBookings` on another path. (The browser suites send them: browser_request.rs,
//! browser_schemas.rs, browser_endpoints.rs, browser_rust_api.rs.)
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use adultwork_sdk::endpoint::{
    DeleteMadeBookings, DeleteReceivedBooking, Endpoint, MadeBookingDetails, Method,
};
use adultwork_sdk::request::{ApiPath, ApiRequest};
use adultwork_sdk::requests::{DeleteMadeBookingsRequest, MadeBookingDetailsRequest, Request};
use adultwork_sdk::rules::{BookingId, BookingIds, UserId};
use adultwork_sdk::{testing, AccessToken, AdultWorkClient, ClientOptions, Error, Issue};

#[path = "support/now.rs"]
mod now;
use now::now;

fn client() -> AdultWorkClient {
    AdultWorkClient::new(ClientOptions::new(AccessToken::fixed("t").unwrap()))
}

fn listed(issues: &[Issue]) -> Vec<(&str, &str)> {
    issues
        .iter()
        .map(|i| (i.path.as_str(), i.message.as_str()))
        .collect()
}

// --- the path rule --------------------------------------------------------------------------

const START: &str = "it must start with /v1/ (the client adds its base URL; no scheme or host)";
const CHARS: &str = "it must not contain spaces, control characters or backslashes";
const QUERY: &str = "it must not have a query or a fragment (give query parameters in `query`)";
const EMPTY: &str = "it must not contain an empty segment (//)";
const DOTS: &str = "it must not contain a . or .. segment";

#[test]
fn a_path_below_the_api_is_accepted_as_it_is() {
    for ok in [
        "/v1/PhoneChat/GetSettings",
        "/v1/Groups/PhoneChat/MadeBookingDetails",
        "/v1/",
        "/v1/PhoneChat/Get.Settings",
        "/v1/a.b/c..d/...",
        "/v1/%2e%2ex/x%2e",
        "/v1/PhoneChat/%20",
        "/v1/Ünïcödé/€",
    ] {
        let path = ApiPath::try_from(ok).unwrap_or_else(|e| panic!("{ok}: {e}"));
        assert_eq!(path.as_str(), ok);
        assert_eq!(ok.parse::<ApiPath>().unwrap(), path);
        assert_eq!(
            serde_json::to_string(&path).unwrap(),
            serde_json::to_string(ok).unwrap()
        );
    }
}

#[test]
fn every_path_that_could_leave_the_api_is_refused_with_its_reason() {
    let cases = [
        // Elsewhere: a scheme, a host, another version, not absolute.
        ("https://evil.example/v1/PhoneChat/GetSettings", START),
        ("http://127.0.0.1:8787/v1/PhoneChat/GetSettings", START),
        ("//evil.example/v1/PhoneChat/GetSettings", START),
        ("///evil.example/v1", START),
        ("/v2/PhoneChat/GetSettings", START),
        ("/V1/PhoneChat/GetSettings", START),
        ("/v1", START),
        ("/v1x/PhoneChat", START),
        ("v1/PhoneChat/GetSettings", START),
        (" /v1/PhoneChat/GetSettings", START),
        ("", START),
        ("javascript:alert(1)//v1/", START),
        // Up and out: dot segments, spelt or percent-encoded, any case.
        ("/v1/..", DOTS),
        ("/v1/../v2/PhoneChat", DOTS),
        ("/v1/PhoneChat/../../__emulator/reset", DOTS),
        ("/v1/%2e%2e/x", DOTS),
        ("/v1/%2E%2E/x", DOTS),
        ("/v1/%2e%2E/x", DOTS),
        ("/v1/.%2e/x", DOTS),
        ("/v1/%2e./x", DOTS),
        ("/v1/./x", DOTS),
        ("/v1/%2e/x", DOTS),
        ("/v1/x/.", DOTS),
        // What a URL parser reads as a separator or the start of something else.
        ("/v1\\..\\x", START),
        ("/v1/x\\y", CHARS),
        ("/v1//evil.example/x", EMPTY),
        ("/v1/x//", EMPTY),
        ("/v1/x?BookingID=1", QUERY),
        ("/v1/x#top", QUERY),
        ("/v1/x?", QUERY),
        // White space and control characters, which URL parsers drop or mangle.
        ("/v1/x y", CHARS),
        ("/v1/x\ty", CHARS),
        ("/v1/x\n", CHARS),
        ("/v1/x\r\n/y", CHARS),
        ("/v1/x\u{0}", CHARS),
        ("/v1/x\u{7f}", CHARS),
        ("/v1/x\u{a0}", CHARS),
        ("/v1/x\u{2028}", CHARS),
    ];
    let mut wrong = Vec::new();
    for (bad, why) in cases {
        match ApiPath::try_from(bad) {
            Ok(_) => wrong.push(format!("{bad:?} was accepted")),
            Err(e) if e.why != Some(why) => wrong.push(format!("{bad:?}: {:?}", e.why)),
            Err(_) => {}
        }
        // Nothing else builds a request with it.
        for method in [Method::Get, Method::Post, Method::Put, Method::Delete] {
            assert!(ApiRequest::new(method, bad).is_err(), "{bad:?}");
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_engine_reads_a_path_with_the_same_rule_and_says_why() {
    let e = testing::value::<ApiPath>(r#""//evil.example/v1/x""#, false).unwrap_err();
    assert_eq!(
        listed(&e),
        [(
            "",
            "expected a path below the API like \"/v1/PhoneChat/GetSettings\", got a string (\"//evil.example/v1/x\"): it must start with /v1/ (the client adds its base URL; no scheme or host)"
        )]
    );
    let e = testing::value::<ApiPath>(r#""/v1/%2e%2e/x""#, false).unwrap_err();
    assert!(e[0].message.ends_with(DOTS), "{}", e[0].message);
    for not_text in ["5", "null", "{}", "[\"/v1/x\"]", "true"] {
        let e = testing::value::<ApiPath>(not_text, false).unwrap_err();
        assert!(
            e[0].message.starts_with(
                "expected a path below the API like \"/v1/PhoneChat/GetSettings\", got "
            ),
            "{not_text}: {}",
            e[0].message
        );
    }
    let path = testing::value::<ApiPath>(r#""/v1/PhoneChat/GetSettings""#, false).unwrap();
    assert_eq!(path.as_str(), "/v1/PhoneChat/GetSettings");
}

// --- building a request ---------------------------------------------------------------------

#[test]
fn a_request_keeps_its_method_path_query_and_body() {
    let a = ApiRequest::get("/v1/PhoneChat/GetUserBookingRequirements")
        .unwrap()
        .query("BookUserID", 3004)
        .query("Flag", true)
        .query("Half", 1.5)
        .query("Text", "a b&c");
    let b = ApiRequest::new(Method::Get, "/v1/PhoneChat/GetUserBookingRequirements")
        .unwrap()
        .query("BookUserID", "3004")
        .query("Flag", "true")
        .query("Half", "1.5")
        .query(String::from("Text"), String::from("a b&c"));
    assert_eq!(a, b, "values are kept as their text");
    // Order matters, as it does on the wire.
    let swapped = ApiRequest::get("/v1/PhoneChat/GetUserBookingRequirements")
        .unwrap()
        .query("Flag", true)
        .query("BookUserID", 3004)
        .query("Half", 1.5)
        .query("Text", "a b&c");
    assert_ne!(a, swapped);
    for (made, method) in [
        (ApiRequest::get("/v1/x"), Method::Get),
        (ApiRequest::post("/v1/x"), Method::Post),
        (ApiRequest::put("/v1/x"), Method::Put),
        (ApiRequest::delete("/v1/x"), Method::Delete),
    ] {
        assert_eq!(made.unwrap(), ApiRequest::new(method, "/v1/x").unwrap());
    }
    assert_ne!(
        ApiRequest::post("/v1/x").unwrap(),
        ApiRequest::put("/v1/x").unwrap()
    );
}

#[test]
fn a_body_is_json_or_the_request_is_invalid() {
    let with_body = ApiRequest::post("/v1/x")
        .unwrap()
        .json(&serde_json::json!({"BookingIDs": "1005,1006"}))
        .unwrap();
    let same = ApiRequest::post("/v1/x")
        .unwrap()
        .json(&std::collections::BTreeMap::from([(
            "BookingIDs",
            "1005,1006",
        )]))
        .unwrap();
    assert_eq!(with_body, same, "the body is its JSON text");
    assert_ne!(with_body, ApiRequest::post("/v1/x").unwrap());
    // serde_json cannot write a map with non-string keys.
    let bad = std::collections::HashMap::from([((1, 2), 3)]);
    let e = ApiRequest::put("/v1/x").unwrap().json(&bad).unwrap_err();
    assert!(matches!(e, Error::InvalidRequest { .. }), "{e:?}");
    assert_eq!(e.issues()[0].path, "body");
    assert!(e.issues()[0]
        .message
        .starts_with("could not be written as JSON ("));
    // A GET carries none.
    let e = ApiRequest::get("/v1/x").unwrap().json(&1).unwrap_err();
    assert_eq!(
        listed(e.issues()),
        [(
            "body",
            "a GET request has no body (give its parameters in `query`)"
        )]
    );
}

#[test]
fn outside_webassembly_request_says_it_cannot_send() {
    let c = client();
    let request = ApiRequest::get("/v1/PhoneChat/GetSettings").unwrap();
    let e = now(c.request::<serde_json::Value>(&request)).unwrap_err();
    assert!(matches!(e, Error::InvalidConfig { .. }), "{e:?}");
    assert!(
        e.to_string().starts_with("No fetch outside WebAssembly"),
        "{e}"
    );
    assert!(e.to_string().contains("wasm32-unknown-unknown"), "{e}");
    let post = ApiRequest::post("/v1/x").unwrap().json(&[1]).unwrap();
    let e = now(c.request_with::<bool>(&post, &Default::default())).unwrap_err();
    assert!(matches!(e, Error::InvalidConfig { .. }), "{e:?}");
    // The future can move between threads, like every call's.
    fn send<T: Send>(_: &T) {}
    let options = Default::default();
    let future = c.request_with::<bool>(&post, &options);
    send(&future);
}

// --- the group manager's form of the details ----------------------------------------------

fn details(json: &str) -> Result<MadeBookingDetailsRequest, Vec<Issue>> {
    testing::request(json)
}

#[test]
fn user_id_is_checked_like_every_id() {
    for (user, got) in [
        ("0", "0"),
        ("-1", "-1"),
        ("1.5", "1.5"),
        ("2147483648", "2147483648"),
        ("1e21", "1e+21"),
    ] {
        let e = details(&format!(r#"{{"BookingID":2101,"UserID":{user}}}"#)).unwrap_err();
        assert_eq!(e.len(), 1, "{user}");
        assert_eq!(e[0].path, "UserID");
        assert!(
            e[0].message.starts_with(&format!(
                "expected an integer from 1 to 2147483647, got {got}"
            )),
            "{user}: {}",
            e[0].message
        );
    }
    for user in [r#""616161""#, "true", "[616161]", "{}"] {
        let e = details(&format!(r#"{{"BookingID":2101,"UserID":{user}}}"#)).unwrap_err();
        assert_eq!(listed(&e)[0].0, "UserID", "{user}");
    }
    // The same words as for a BookingID.
    let as_user = details(r#"{"BookingID":2101,"UserID":0}"#).unwrap_err();
    let as_booking = details(r#"{"BookingID":0}"#).unwrap_err();
    assert_eq!(as_user[0].message, as_booking[0].message);
    // Both wrong: both listed.
    let e = details(r#"{"BookingID":-1,"UserID":-1}"#).unwrap_err();
    let paths: Vec<&str> = e.iter().map(|i| i.path.as_str()).collect();
    assert_eq!(paths, ["BookingID", "UserID"]);
    // Absent or null: the caller's own booking.
    for own in [
        r#"{"BookingID":1001}"#,
        r#"{"BookingID":1001,"UserID":null}"#,
    ] {
        assert_eq!(details(own).unwrap().user_id, None, "{own}");
    }
    assert_eq!(
        details(r#"{"BookingID":2101,"UserID":616161}"#)
            .unwrap()
            .user_id,
        Some(UserId::try_from(616161).unwrap())
    );
}

#[test]
fn with_user_id_the_details_go_to_the_group_path_with_both_ids_in_the_query() {
    let member = details(r#"{"BookingID":2101,"UserID":616161}"#).unwrap();
    let own = details(r#"{"BookingID":2101}"#).unwrap();
    assert_eq!(
        MadeBookingDetails::path(&member),
        "/v1/Groups/PhoneChat/MadeBookingDetails"
    );
    assert_eq!(
        MadeBookingDetails::path(&own),
        "/v1/PhoneChat/MadeBookingDetails"
    );
    assert_eq!(MadeBookingDetails::METHOD, Method::Get);
    assert!(MadeBookingDetails::safe_to_repeat());
    let wire = |r: &MadeBookingDetailsRequest| serde_json::to_string(&*r.on_wire()).unwrap();
    assert_eq!(wire(&member), r#"{"BookingID":2101,"UserID":616161}"#);
    assert_eq!(wire(&own), r#"{"BookingID":2101}"#);
    assert_eq!(
        MadeBookingDetailsRequest::from(BookingId::try_from(2101).unwrap()),
        own
    );
    // Natively the call is checked, then refused for want of fetch.
    let e = now(client().get_made_booking_details(&member)).unwrap_err();
    assert!(matches!(e, Error::InvalidConfig { .. }), "{e:?}");
}

// --- DeleteReceivedBooking --------------------------------------------------------------------

/// Two endpoints declared with the same request and answer types.
fn same_types<A, B>()
where
    A: Endpoint,
    B: Endpoint<Request = A::Request, Answer = A::Answer>,
{
}

fn delete_request(ids: &[u32]) -> DeleteMadeBookingsRequest {
    let ids = ids
        .iter()
        .map(|&n| BookingId::try_from(n).unwrap())
        .collect();
    DeleteMadeBookingsRequest {
        booking_ids: BookingIds::new(ids).unwrap(),
    }
}

#[test]
fn delete_received_booking_is_delete_made_bookings_on_the_singular_path() {
    same_types::<DeleteMadeBookings, DeleteReceivedBooking>();
    assert_eq!(
        DeleteReceivedBooking::PATH,
        "/v1/PhoneChat/DeleteReceivedBooking"
    );
    assert_eq!(
        DeleteReceivedBooking::path(&delete_request(&[1103])),
        "/v1/PhoneChat/DeleteReceivedBooking"
    );
    assert_eq!(DeleteReceivedBooking::METHOD, Method::Post);
    assert!(!DeleteReceivedBooking::safe_to_repeat(), "a change");
    let request = delete_request(&[1101, 1103]);
    assert_eq!(
        serde_json::to_string(&*request.on_wire()).unwrap(),
        r#"{"BookingIDs":"1101,1103"}"#
    );
    let e = now(client().delete_received_bookings(&request)).unwrap_err();
    assert!(matches!(e, Error::InvalidConfig { .. }), "{e:?}");
}

#[test]
fn delete_received_booking_checks_its_answer_as_delete_made_bookings() {
    let request = delete_request(&[1101, 1103]);
    let result = |id: u32, deleted: bool| {
        format!(r#"{{"BookingID":{id},"Deleted":{deleted},"Message":null}}"#)
    };
    let ok = format!("[{},{}]", result(1101, false), result(1103, true));
    let answer = testing::answer::<DeleteReceivedBooking>(&request, ok.as_bytes()).unwrap();
    let outcome: Vec<(u32, bool)> = answer
        .0
        .iter()
        .map(|r| (r.booking_id.get(), r.deleted))
        .collect();
    assert_eq!(outcome, [(1101, false), (1103, true)]);
    let bad = [
        format!("[{}]", result(1101, false)),
        format!("[{},{}]", result(1103, true), result(1103, true)),
        format!(
            "[{},{},{}]",
            result(1101, false),
            result(1103, true),
            result(9, true)
        ),
        "[]".to_owned(),
        format!(
            r#"[{},{{"BookingID":1103,"Deleted":"yes"}}]"#,
            result(1101, false)
        ),
        result(1101, false),
    ];
    for body in &bad {
        let received =
            testing::answer::<DeleteReceivedBooking>(&request, body.as_bytes()).unwrap_err();
        let made = testing::answer::<DeleteMadeBookings>(&request, body.as_bytes()).unwrap_err();
        assert!(matches!(received, Error::InvalidResponse { .. }), "{body}");
        assert!(!received.issues().is_empty(), "{body}");
        assert_eq!(received.issues(), made.issues(), "{body}");
    }
}
