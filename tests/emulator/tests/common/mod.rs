//! Helpers for the integration tests: an in-process emulator per test and raw HTTP over
//! `TcpStream` (no HTTP client library, so the tests see exactly what goes over the wire).

#![allow(dead_code)] // each test file uses a different subset

use std::io::{BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpStream};
use std::thread;
use std::time::{Duration, Instant};

use adultwork_emulator::object::JsonObject;
use adultwork_emulator::{Config, Server};

/// A JSON value as the tests read answers (keys sorted: use [`Reply::object`] for order).
pub type Json = serde_json::Value;

/// Parses a JSON text the test wrote or received.
pub fn parse(text: &str) -> Json {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

/// A fresh emulator on a free port, quiet.
pub fn start() -> SocketAddr {
    let server = Server::start(Config {
        log_requests: false,
        ..Config::default()
    })
    .expect("start the emulator");
    let addr = server.addr();
    // The server lives until the test process ends.
    std::mem::forget(server);
    addr
}

/// A fresh emulator serving faults' bodies from `corpus`, quiet.
pub fn start_with_corpus(corpus: &std::path::Path) -> SocketAddr {
    let server = Server::start(Config {
        log_requests: false,
        corpus_dir: Some(corpus.to_owned()),
        ..Config::default()
    })
    .expect("start the emulator");
    let addr = server.addr();
    std::mem::forget(server);
    addr
}

/// A response as read off the wire.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    /// First value of a header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8(self.body.clone()).expect("UTF-8 body")
    }

    pub fn json(&self) -> Json {
        parse(&self.text())
    }

    /// The body as a JSON object whose members keep their order and exact text.
    pub fn object(&self) -> JsonObject {
        JsonObject::parse(&self.text()).expect("a JSON object")
    }

    /// `Message` of an error body.
    pub fn message(&self) -> String {
        self.json()
            .get("Message")
            .and_then(Json::as_str)
            .expect("a Message")
            .to_owned()
    }
}

/// Reads a status line and headers.
pub fn read_head(reader: &mut impl BufRead) -> (u16, Vec<(String, String)>) {
    let mut line = String::new();
    reader.read_line(&mut line).expect("status line");
    let status = line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {line:?}"));
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).expect("header line");
        let trimmed = line.trim_end_matches(['\r', '\n']);
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':').expect("header colon");
        headers.push((name.to_owned(), value.trim().to_owned()));
    }
    (status, headers)
}

/// Reads one response framed by Content-Length (none: no body).
pub fn read_reply(reader: &mut impl BufRead) -> Reply {
    let (status, headers) = read_head(reader);
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .map_or(0, |(_, v)| {
            v.parse::<usize>().expect("numeric Content-Length")
        });
    let mut body = vec![0; length];
    reader.read_exact(&mut body).expect("body");
    Reply {
        status,
        headers,
        body,
    }
}

pub fn connect(addr: SocketAddr) -> TcpStream {
    let stream = TcpStream::connect(addr).expect("connect");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    stream
}

/// Sends raw bytes on a new connection and reads one response.
pub fn raw(addr: SocketAddr, bytes: &[u8]) -> Reply {
    let mut stream = connect(addr);
    stream.write_all(bytes).unwrap();
    read_reply(&mut BufReader::new(stream))
}

/// The bytes of a request (adds Host, Content-Length and `Connection: close`).
pub fn request_bytes(method: &str, target: &str, headers: &[(&str, &str)], body: &str) -> Vec<u8> {
    let mut text = format!("{method} {target} HTTP/1.1\r\nHost: emulator.test\r\n");
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method == "POST" || method == "PUT" {
        text.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    text.push_str("Connection: close\r\n\r\n");
    text.push_str(body);
    text.into_bytes()
}

pub fn request(
    addr: SocketAddr,
    method: &str,
    target: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> Reply {
    raw(addr, &request_bytes(method, target, headers, body))
}

pub const TOKEN: &str = "test-token";

/// `GET` with a bearer token.
pub fn get(addr: SocketAddr, target: &str, token: &str) -> Reply {
    let auth = format!("bearer {token}");
    request(addr, "GET", target, &[("Authorization", &auth)], "")
}

/// `POST` of a JSON body with a bearer token.
pub fn post(addr: SocketAddr, path: &str, token: &str, body: &str) -> Reply {
    let auth = format!("bearer {token}");
    let headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
    ];
    request(addr, "POST", path, &headers, body)
}

/// The origin of the page the tests pretend to be (browsers send it with every CORS request).
pub const ORIGIN: &str = "http://app.test";

/// `POST` of a JSON body with a bearer token, from a page at [`ORIGIN`].
pub fn post_from_page(addr: SocketAddr, path: &str, token: &str, body: &str) -> Reply {
    let auth = format!("bearer {token}");
    let headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/json"),
        ("Origin", ORIGIN),
    ];
    request(addr, "POST", path, &headers, body)
}

pub const CANCEL: &str = "/v1/PhoneChat/CancelMadeBooking";
pub const DETAILS: &str = "/v1/PhoneChat/MadeBookingDetails";
pub const RESCHEDULE: &str = "/v1/PhoneChat/RescheduleMadeBooking";
pub const CREATE: &str = "/v1/PhoneChat/CreateBooking";
pub const DELETE: &str = "/v1/PhoneChat/DeleteMadeBookings";

pub fn details(addr: SocketAddr, id: i64) -> Reply {
    get(addr, &format!("{DETAILS}?BookingID={id}"), TOKEN)
}

/// A control request (no auth needed).
pub fn control(addr: SocketAddr, method: &str, path: &str, body: &str) -> Reply {
    request(addr, method, &format!("/__emulator{path}"), &[], body)
}

/// The request log.
pub fn log(addr: SocketAddr) -> Vec<Json> {
    match control(addr, "GET", "/requests", "").json() {
        Json::Array(items) => items,
        other => panic!("log is not an array: {other}"),
    }
}

/// Polls the log until `check` holds (or fails after 3 s).
pub fn wait_for_log(addr: SocketAddr, check: impl Fn(&[Json]) -> bool) -> Vec<Json> {
    let deadline = Instant::now() + Duration::from_secs(3);
    loop {
        let entries = log(addr);
        if check(&entries) {
            return entries;
        }
        assert!(Instant::now() < deadline, "log never matched: {entries:?}");
        thread::sleep(Duration::from_millis(10));
    }
}

pub fn field<'a>(value: &'a Json, key: &str) -> &'a Json {
    value
        .get(key)
        .unwrap_or_else(|| panic!("no {key} in {value}"))
}

pub fn str_field<'a>(value: &'a Json, key: &str) -> &'a str {
    field(value, key)
        .as_str()
        .unwrap_or_else(|| panic!("{key} is not a string in {value}"))
}

pub const DELETE_RECEIVED: &str = "/v1/PhoneChat/DeleteReceivedBooking";

/// The performer's token (3004 LateNightLaura).
pub const PERFORMER_TOKEN: &str = "performer-token";

/// A 400's `ModelState` in order, each key with its messages (checks the status and `Message`).
pub fn model_state_of(reply: &Reply) -> Vec<(String, Vec<String>)> {
    assert_eq!(reply.status, 400, "{}", reply.text());
    assert_eq!(reply.message(), "The request is invalid.");
    let state: JsonObject = reply
        .object()
        .get_as("ModelState")
        .unwrap_or_else(|| panic!("no ModelState: {}", reply.text()));
    state
        .members()
        .map(|(key, messages)| {
            let texts: Vec<String> = serde_json::from_str(messages.get())
                .unwrap_or_else(|_| panic!("messages of {key} are not an array of strings"));
            (key.to_owned(), texts)
        })
        .collect()
}

/// `(BookingID, Deleted, Message)` of a delete's answer, checking that each item has exactly
/// the SDK's `DeleteResult` fields in order.
pub fn deletions(reply: &Reply) -> Vec<(i64, bool, Option<String>)> {
    assert_eq!(reply.status, 200, "{}", reply.text());
    assert_eq!(
        reply.header("Content-Type"),
        Some("application/json; charset=utf-8")
    );
    let Json::Array(items) = reply.json() else {
        panic!("not an array: {}", reply.text());
    };
    items
        .iter()
        .map(|item| {
            let object = JsonObject::parse(&item.to_string()).unwrap();
            assert_eq!(
                object.keys(),
                adultwork_emulator::object::sdk_fields::delete_result()
            );
            (
                field(item, "BookingID").as_i64().unwrap(),
                field(item, "Deleted").as_bool().unwrap(),
                field(item, "Message").as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// The `Status` of a stored booking (any owner), or `None` if there is none with that ID.
pub fn stored_status(addr: SocketAddr, id: i64) -> Option<String> {
    let reply = control(addr, "GET", &format!("/bookings/{id}"), "");
    match reply.status {
        200 => Some(str_field(&reply.json(), "Status").to_owned()),
        404 => None,
        other => panic!("GET /__emulator/bookings/{id}: {other}"),
    }
}

pub const GROUP_DETAILS: &str = "/v1/Groups/PhoneChat/MadeBookingDetails";

/// The group manager's token (717171 GroupManager).
pub const MANAGER_TOKEN: &str = "manager-token";

/// The group member's token (616161 GroupMember).
pub const MEMBER_TOKEN: &str = "member-token";

pub const REQUIREMENTS: &str = "/v1/PhoneChat/GetUserBookingRequirements";
pub const SETTINGS: &str = "/v1/PhoneChat/GetSettings";
