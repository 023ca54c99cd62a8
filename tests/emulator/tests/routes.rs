//! Every API route alike: the `Call` extractor's refusals (token, then body) and the fault
//! machinery (canned statuses with `Retry-After`, delays, dropped connections, `client-gone`,
//! the request log), over real sockets. A route added to the emulator belongs in [`ROUTES`].

// Test code: a failed unwrap or panic is how a test reports failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::io::{BufReader, Read, Write};
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::*;

/// One valid call of a route.
#[derive(Debug, Clone, Copy)]
struct Route {
    method: &'static str,
    path: &'static str,
    query: &'static str,
    token: &'static str,
    body: &'static str,
}

const ROUTES: [Route; 9] = [
    Route {
        method: "GET",
        path: DETAILS,
        query: "BookingID=1001",
        token: TOKEN,
        body: "",
    },
    Route {
        method: "POST",
        path: CANCEL,
        query: "",
        token: TOKEN,
        body: r#"{"BookingID":1001,"Reason":"x"}"#,
    },
    Route {
        method: "POST",
        path: RESCHEDULE,
        query: "",
        token: TOKEN,
        body: r#"{"BookingID":1004}"#,
    },
    Route {
        method: "POST",
        path: CREATE,
        query: "",
        token: TOKEN,
        body: r#"{"BookUserID":3001,"SessionDate":"2099-06-01 18:30","Duration":30,"Method":2,"Credits":30,"AcceptBy":"2099-06-01 17:00"}"#,
    },
    Route {
        method: "POST",
        path: DELETE,
        query: "",
        token: TOKEN,
        body: r#"{"BookingIDs":"1005"}"#,
    },
    Route {
        method: "POST",
        path: DELETE_RECEIVED,
        query: "",
        token: PERFORMER_TOKEN,
        body: r#"{"BookingIDs":"1104"}"#,
    },
    Route {
        method: "GET",
        path: GROUP_DETAILS,
        query: "BookingID=2101&UserID=616161",
        token: MANAGER_TOKEN,
        body: "",
    },
    Route {
        method: "GET",
        path: REQUIREMENTS,
        query: "BookUserID=3004",
        token: TOKEN,
        body: "",
    },
    Route {
        method: "GET",
        path: SETTINGS,
        query: "",
        token: TOKEN,
        body: "",
    },
];

impl Route {
    fn target(&self) -> String {
        match self.query {
            "" => self.path.to_owned(),
            query => format!("{}?{query}", self.path),
        }
    }

    /// The request's bytes with these headers (and `Content-Type: application/json` for a
    /// `POST`) and this body.
    fn bytes(&self, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
        let mut all = headers.to_vec();
        if self.method == "POST" {
            all.push(("Content-Type", "application/json"));
        }
        request_bytes(self.method, &self.target(), &all, body)
    }

    /// The valid call, from a page at [`ORIGIN`].
    fn valid_bytes(&self) -> Vec<u8> {
        let auth = format!("bearer {}", self.token);
        self.bytes(&[("Authorization", &auth), ("Origin", ORIGIN)], self.body)
    }

    fn call(&self, addr: SocketAddr) -> Reply {
        raw(addr, &self.valid_bytes())
    }

    /// Sends the valid call on a connection of its own and leaves the reading to the caller.
    fn send(&self, addr: SocketAddr) -> std::net::TcpStream {
        let mut stream = connect(addr);
        stream.write_all(&self.valid_bytes()).unwrap();
        stream
    }
}

fn reset(addr: SocketAddr) {
    assert_eq!(control(addr, "POST", "/reset", "").status, 204);
}

fn fault(addr: SocketAddr, fault: &str) {
    let reply = control(addr, "POST", "/faults", fault);
    assert_eq!(reply.status, 204, "{fault}: {}", reply.text());
}

/// The one logged request, once its exchange has ended.
fn logged(addr: SocketAddr) -> Json {
    let entries = wait_for_log(addr, |e| {
        e.len() == 1 && str_field(&e[0], "outcome") != "pending"
    });
    entries[0].clone()
}

#[test]
fn every_route_answers_its_valid_call() {
    let addr = start();
    for route in ROUTES {
        let reply = route.call(addr);
        assert_eq!(reply.status, 200, "{route:?}: {}", reply.text());
        assert_eq!(
            reply.header("Content-Type"),
            Some("application/json; charset=utf-8"),
            "{route:?}"
        );
        assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
        reset(addr);
    }
}

#[test]
fn the_extractor_refuses_alike_on_every_route() {
    let addr = start();
    let denied = r#"{"Message":"Authorization has been denied for this request."}"#;
    let no_scope =
        r#"{"Message":"The access token does not have the scope account_phonechat_bookings."}"#;
    for route in ROUTES {
        // The token first, whatever the body.
        for headers in [
            vec![],
            vec![("Authorization", "bearer wrong-token")],
            vec![("Authorization", "Basic test-token")],
            vec![("Authorization", "bearer")],
            vec![("Authorization", route.token)],
        ] {
            for body in [route.body, "nope"] {
                let reply = raw(addr, &route.bytes(&headers, body));
                assert_eq!(reply.status, 401, "{route:?} {headers:?}");
                assert_eq!(reply.header("WWW-Authenticate"), Some("Bearer"));
                assert_eq!(reply.text(), denied, "{route:?}");
            }
        }
        for token in ["bearer noscope-token", "Bearer noscope-1"] {
            let reply = raw(addr, &route.bytes(&[("Authorization", token)], "nope"));
            assert_eq!((reply.status, reply.text().as_str()), (403, no_scope));
            assert_eq!(reply.header("WWW-Authenticate"), None);
        }
        // Then the body: a POST's must be one JSON object, key `request`.
        let auth = format!("bearer {}", route.token);
        let with_body = |body: &str| raw(addr, &route.bytes(&[("Authorization", &auth)], body));
        if route.method == "POST" {
            for (body, why) in [
                ("", "A request body is required."),
                (" \r\n\t", "A request body is required."),
                ("\u{feff}", "A request body is required."),
                (
                    "[1]",
                    "The request body must be a JSON object, not an array.",
                ),
                ("null", "The request body must be a JSON object, not null."),
                (
                    "42",
                    "The request body must be a JSON object, not a number.",
                ),
                (
                    "\"x\"",
                    "The request body must be a JSON object, not a string.",
                ),
                (
                    "true",
                    "The request body must be a JSON object, not a boolean.",
                ),
            ] {
                let reply = with_body(body);
                assert_eq!(
                    model_state_of(&reply),
                    [("request".to_owned(), vec![why.to_owned()])],
                    "{route:?} {body:?}"
                );
            }
            let broken = model_state_of(&with_body("{oops"));
            assert_eq!(broken[0].0, "request");
            assert!(broken[0].1[0].starts_with("The request body is not valid JSON: "));
        } else {
            // A GET's body is not read.
            assert_eq!(with_body("nope").status, 200, "{route:?}");
        }
        reset(addr);
    }
}

#[test]
fn a_status_fault_answers_instead_of_every_route_with_retry_after() {
    let addr = start();
    for route in ROUTES {
        fault(
            addr,
            &format!(
                r#"{{"path":"{}","status":503,"headers":{{"Retry-After":"2"}},"contentType":"application/json","body":"{{\"Message\":\"busy\"}}"}}"#,
                route.path
            ),
        );
        let reply = route.call(addr);
        assert_eq!(
            (reply.status, reply.text().as_str()),
            (503, r#"{"Message":"busy"}"#),
            "{route:?}"
        );
        assert_eq!(reply.header("Retry-After"), Some("2"));
        assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
        assert!(reply
            .header("Access-Control-Expose-Headers")
            .is_some_and(|h| h.eq_ignore_ascii_case("Retry-After")));
        // Once: the retry gets the real answer (the canned one changed nothing).
        let again = route.call(addr);
        assert_eq!(again.status, 200, "{route:?}: {}", again.text());
        // Both are in the log, with what was sent.
        let entries = log(addr);
        assert_eq!(entries.len(), 2, "{route:?}");
        for entry in &entries {
            assert_eq!(str_field(entry, "method"), route.method);
            assert_eq!(str_field(entry, "path"), route.path);
            assert_eq!(str_field(entry, "query"), route.query);
            assert_eq!(str_field(entry, "body"), route.body);
            assert_eq!(str_field(entry, "outcome"), "responded");
            let headers = field(entry, "headers");
            assert_eq!(
                str_field(headers, "authorization"),
                format!("bearer {}", route.token)
            );
        }
        // A fault for another path leaves the route alone.
        fault(addr, r#"{"path":"/v1/PhoneChat/Other","status":500}"#);
        assert_ne!(route.call(addr).status, 500, "{route:?}");
        reset(addr);
    }
}

#[test]
fn a_delay_holds_every_route_then_answers() {
    let addr = start();
    for route in ROUTES {
        fault(addr, r#"{"delayMs":250}"#);
        let started = Instant::now();
        let reply = route.call(addr);
        assert_eq!(reply.status, 200, "{route:?}: {}", reply.text());
        assert!(started.elapsed() >= Duration::from_millis(250), "{route:?}");
        reset(addr);
    }
}

#[test]
fn dropped_connections_on_every_route() {
    let addr = start();
    for route in ROUTES {
        // After the headers: the route handled the call, the answer breaks off.
        fault(addr, r#"{"drop":"after-headers"}"#);
        let mut reader = BufReader::new(route.send(addr));
        let (status, headers) = read_head(&mut reader);
        assert_eq!(status, 200, "{route:?}");
        let announced: usize = headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case("Content-Length"))
            .unwrap()
            .1
            .parse()
            .unwrap();
        let mut rest = Vec::new();
        reader.read_to_end(&mut rest).unwrap();
        assert!(rest.len() < announced, "{route:?}");
        assert_eq!(str_field(&logged(addr), "outcome"), "dropped", "{route:?}");
        reset(addr);

        // Before the response: not a byte.
        fault(addr, r#"{"drop":"before-response"}"#);
        let mut stream = route.send(addr);
        let mut received = Vec::new();
        let _ = stream.read_to_end(&mut received);
        assert!(received.is_empty(), "{route:?}");
        assert_eq!(str_field(&logged(addr), "outcome"), "dropped", "{route:?}");
        reset(addr);
    }
}

#[test]
fn a_client_that_leaves_during_a_delay_is_client_gone_on_every_route() {
    let addr = start();
    for route in ROUTES {
        fault(addr, r#"{"delayMs":20000}"#);
        let stream = route.send(addr);
        let pending = wait_for_log(addr, |e| e.len() == 1);
        assert_eq!(str_field(&pending[0], "outcome"), "pending");
        let left = Instant::now();
        drop(stream);
        assert_eq!(
            str_field(&logged(addr), "outcome"),
            "client-gone",
            "{route:?}"
        );
        assert!(left.elapsed() < Duration::from_secs(2), "{route:?}");
        reset(addr);
    }
}

#[test]
fn faults_on_delete_received_booking_change_the_bookings_as_on_the_others() {
    let addr = start();
    let route = ROUTES[5];
    assert_eq!(route.path, DELETE_RECEIVED);
    // A canned status: nothing deleted.
    fault(addr, r#"{"status":500}"#);
    assert_eq!(route.call(addr).status, 500);
    assert_eq!(stored_status(addr, 1104).as_deref(), Some("Cancelled"));
    // The client leaves during a delay: the call is never handled.
    fault(addr, r#"{"delayMs":20000}"#);
    let stream = route.send(addr);
    wait_for_log(addr, |e| e.len() == 2);
    drop(stream);
    wait_for_log(addr, |e| str_field(&e[1], "outcome") == "client-gone");
    assert_eq!(stored_status(addr, 1104).as_deref(), Some("Cancelled"));
    // Dropped before the response: not handled either.
    fault(addr, r#"{"drop":"before-response"}"#);
    let mut stream = route.send(addr);
    let _ = stream.read_to_end(&mut Vec::new());
    assert_eq!(stored_status(addr, 1104).as_deref(), Some("Cancelled"));
    // Dropped after the headers: handled, the answer lost.
    fault(addr, r#"{"drop":"after-headers"}"#);
    let mut stream = route.send(addr);
    let _ = stream.read_to_end(&mut Vec::new());
    wait_for_log(addr, |e| {
        e.len() == 4 && str_field(&e[3], "outcome") == "dropped"
    });
    assert_eq!(stored_status(addr, 1104), None);
    // So a retry finds it gone.
    assert_eq!(
        deletions(&route.call(addr)),
        [(1104, false, Some("The booking does not exist.".to_owned()))]
    );
}
