//! The test-control API: request log, faults, planted bookings, reset.

// Test code: a failed unwrap or panic is how a test reports failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::io::{BufReader, Read, Write};
use std::path::PathBuf;
use std::thread;
use std::time::{Duration, Instant};

use common::*;

fn status_of(addr: std::net::SocketAddr, id: i64) -> String {
    str_field(&details(addr, id).json(), "Status").to_owned()
}

#[test]
fn health() {
    let addr = start();
    let reply = request(addr, "GET", "/__emulator/health", &[("Origin", ORIGIN)], "");
    assert_eq!((reply.status, reply.text().as_str()), (200, "ok"));
    assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert_eq!(control(addr, "GET", "/nothing", "").status, 404);
    assert_eq!(control(addr, "POST", "/health", "").status, 405);
}

#[test]
fn request_log_records_requests_exactly_and_in_order() {
    let addr = start();
    let body = "{\"BookingID\": 1001,\n  \"Reason\": \"Café ☕\"}";
    let auth = format!("bearer {TOKEN}");
    post(addr, CANCEL, TOKEN, body);
    request(
        addr,
        "GET",
        &format!("{DETAILS}?BookingID=1001&x=%20"),
        &[("Authorization", &auth), ("X-Dup", "a"), ("x-dup", "b")],
        "",
    );
    request(
        addr,
        "OPTIONS",
        CANCEL,
        &[
            ("Origin", "http://app.test"),
            ("Access-Control-Request-Method", "POST"),
        ],
        "",
    );
    request(addr, "GET", "/not/api", &[], "");
    control(addr, "GET", "/faults", ""); // control requests are not logged

    let entries = log(addr);
    assert_eq!(entries.len(), 4, "{entries:?}");
    let ids: Vec<i64> = entries
        .iter()
        .map(|e| field(e, "id").as_i64().unwrap())
        .collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");

    let first = &entries[0];
    assert_eq!(str_field(first, "method"), "POST");
    assert_eq!(str_field(first, "path"), CANCEL);
    assert_eq!(str_field(first, "query"), "");
    assert_eq!(str_field(first, "body"), body);
    assert_eq!(str_field(first, "outcome"), "responded");
    let headers = field(first, "headers");
    assert_eq!(str_field(headers, "authorization"), "bearer test-token");
    assert_eq!(str_field(headers, "content-type"), "application/json");
    assert_eq!(str_field(headers, "content-length"), body.len().to_string());

    let second = &entries[1];
    assert_eq!(str_field(second, "path"), DETAILS);
    assert_eq!(str_field(second, "query"), "BookingID=1001&x=%20");
    assert_eq!(str_field(second, "body"), "");
    assert_eq!(str_field(field(second, "headers"), "x-dup"), "a, b");

    assert_eq!(str_field(&entries[2], "method"), "OPTIONS");
    assert_eq!(str_field(&entries[3], "path"), "/not/api");

    assert_eq!(control(addr, "DELETE", "/requests", "").status, 204);
    assert!(log(addr).is_empty());
}

#[test]
fn a_status_fault_answers_once_instead_of_the_api() {
    let addr = start();
    let fault = r#"{"status":503,"headers":{"Retry-After":"3","X-Fault":"yes"},"contentType":"application/json","body":"{\"Message\":\"busy\"}"}"#;
    assert_eq!(control(addr, "POST", "/faults", fault).status, 204);
    let pending = control(addr, "GET", "/faults", "");
    assert_eq!(pending.json(), Json::Array(vec![parse(fault)]));

    // Control requests and preflights do not consume it.
    control(addr, "GET", "/health", "");
    request(
        addr,
        "OPTIONS",
        CANCEL,
        &[("Origin", "http://app.test")],
        "",
    );

    let reply = post_from_page(addr, CANCEL, TOKEN, r#"{"BookingID":1001,"Reason":"x"}"#);
    assert_eq!(reply.status, 503);
    assert_eq!(reply.text(), r#"{"Message":"busy"}"#);
    assert_eq!(reply.header("Retry-After"), Some("3"));
    assert_eq!(reply.header("X-Fault"), Some("yes"));
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    assert!(reply
        .header("Access-Control-Expose-Headers")
        .is_some_and(|h| h.eq_ignore_ascii_case("Retry-After")));
    assert_eq!(
        status_of(addr, 1001),
        "Pending",
        "a status fault changes nothing"
    );
    assert_eq!(control(addr, "GET", "/faults", "").text(), "[]");

    let reply = post(addr, CANCEL, TOKEN, r#"{"BookingID":1001,"Reason":"x"}"#);
    assert_eq!(reply.status, 200);

    // A fault's headers replace the CORS headers of the same name: CORS can be broken.
    let fault = r#"{"status":200,"headers":{"Access-Control-Allow-Origin":"http://elsewhere.test","Vary":"X"}}"#;
    assert_eq!(control(addr, "POST", "/faults", fault).status, 204);
    let reply = post_from_page(addr, CANCEL, TOKEN, r#"{"BookingID":1001,"Reason":"x"}"#);
    assert_eq!(
        reply.header("Access-Control-Allow-Origin"),
        Some("http://elsewhere.test")
    );
    let varies: Vec<&str> = reply
        .headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case("Vary"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(varies, ["X"]);
}

#[test]
fn faults_are_fifo_and_may_be_limited_to_a_path() {
    let addr = start();
    let faults = format!(
        r#"[{{"path":"{DETAILS}","status":500}},{{"status":502,"bodyBase64":"AAEC/w=="}},{{"status":504}}]"#
    );
    assert_eq!(control(addr, "POST", "/faults", &faults).status, 204);
    // The cancel skips the details-only fault and takes the next one.
    let reply = post(addr, CANCEL, TOKEN, r#"{"BookingID":1001,"Reason":"x"}"#);
    assert_eq!(
        (reply.status, reply.body.as_slice()),
        (502, &[0, 1, 2, 255][..])
    );
    assert_eq!(details(addr, 1001).status, 500);
    // Unknown /v1 paths are API paths too.
    assert_eq!(get(addr, "/v1/Unknown", TOKEN).status, 504);
    assert_eq!(details(addr, 1001).status, 200);
}

#[test]
fn bad_faults_are_refused() {
    let addr = start();
    for bad in [
        "nope",
        r#"{"stauts":500}"#,
        r#"{"status":1000}"#,
        r#"{"body":"needs a status"}"#,
        r#"{"drop":"maybe"}"#,
        r#"[{"status":500},{"delayMs":"soon"}]"#,
    ] {
        let reply = control(addr, "POST", "/faults", bad);
        assert_eq!(reply.status, 400, "{bad}");
        assert!(str_field(&reply.json(), "error").len() > 5);
    }
    assert_eq!(control(addr, "GET", "/faults", "").text(), "[]");
}

#[test]
fn after_headers_drop_truncates_the_body_and_closes() {
    let addr = start();
    control(addr, "POST", "/faults", r#"{"drop":"after-headers"}"#);
    let mut stream = connect(addr);
    let body = r#"{"BookingID":1001,"Reason":"lost answer"}"#;
    let auth = format!("bearer {TOKEN}");
    stream
        .write_all(&request_bytes(
            "POST",
            CANCEL,
            &[("Authorization", &auth)],
            body,
        ))
        .unwrap();
    let mut reader = BufReader::new(stream);
    let (status, headers) = read_head(&mut reader);
    assert_eq!(status, 200);
    let announced: usize = headers
        .iter()
        .find(|(n, _)| n == "Content-Length")
        .unwrap()
        .1
        .parse()
        .unwrap();
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap(); // ends: the server closed
    assert!(
        !rest.is_empty() && rest.len() < announced,
        "{} of {announced}",
        rest.len()
    );
    assert!(rest.starts_with(b"{\"Booki"));

    let entries = wait_for_log(addr, |e| {
        e.len() == 1 && str_field(&e[0], "outcome") != "pending"
    });
    assert_eq!(str_field(&entries[0], "outcome"), "dropped");
    // The request was handled; only the answer was lost.
    assert_eq!(status_of(addr, 1001), "Cancelled");

    // With a status, that response is the one cut short.
    control(
        addr,
        "POST",
        "/faults",
        r#"{"status":503,"body":"0123456789abcdefghij","drop":"after-headers"}"#,
    );
    let mut stream = connect(addr);
    stream
        .write_all(&request_bytes("GET", DETAILS, &[], ""))
        .unwrap();
    let mut reader = BufReader::new(stream);
    let (status, _) = read_head(&mut reader);
    let mut rest = Vec::new();
    reader.read_to_end(&mut rest).unwrap();
    assert_eq!((status, rest.as_slice()), (503, &b"01234567"[..]));
}

#[test]
fn before_response_drop_closes_without_a_byte() {
    let addr = start();
    control(addr, "POST", "/faults", r#"{"drop":"before-response"}"#);
    let mut stream = connect(addr);
    let auth = format!("bearer {TOKEN}");
    stream
        .write_all(&request_bytes(
            "POST",
            CANCEL,
            &[("Authorization", &auth)],
            r#"{"BookingID":1001,"Reason":"x"}"#,
        ))
        .unwrap();
    let mut received = Vec::new();
    let _ = stream.read_to_end(&mut received);
    assert!(received.is_empty());
    let entries = wait_for_log(addr, |e| {
        e.len() == 1 && str_field(&e[0], "outcome") != "pending"
    });
    assert_eq!(str_field(&entries[0], "outcome"), "dropped");
    assert_eq!(
        status_of(addr, 1001),
        "Pending",
        "the request was not handled"
    );
}

#[test]
fn a_delay_then_the_normal_answer() {
    let addr = start();
    control(addr, "POST", "/faults", r#"{"delayMs":300}"#);
    let started = Instant::now();
    let reply = details(addr, 1001);
    assert_eq!(reply.status, 200);
    assert!(started.elapsed() >= Duration::from_millis(300));
}

#[test]
fn a_client_that_hangs_up_during_a_delay_is_noticed() {
    let addr = start();
    control(addr, "POST", "/faults", r#"{"delayMs":20000,"status":500}"#);
    let mut stream = connect(addr);
    let auth = format!("bearer {TOKEN}");
    stream
        .write_all(&request_bytes(
            "POST",
            CANCEL,
            &[("Authorization", &auth)],
            r#"{"BookingID":1001,"Reason":"x"}"#,
        ))
        .unwrap();
    let pending = wait_for_log(addr, |e| e.len() == 1);
    assert_eq!(str_field(&pending[0], "outcome"), "pending");
    let hung_up = Instant::now();
    drop(stream);
    wait_for_log(addr, |e| str_field(&e[0], "outcome") == "client-gone");
    assert!(hung_up.elapsed() < Duration::from_secs(2));
    assert_eq!(status_of(addr, 1001), "Pending");
    assert_eq!(control(addr, "GET", "/faults", "").text(), "[]");
}

#[test]
fn a_client_that_leaves_in_the_middle_of_a_large_answer_is_noticed() {
    let addr = start();
    // 32 MiB: far more than the socket buffers hold while the client reads nothing.
    let fault = r#"{"status":200,"body":"0123456789abcdef","repeat":2097152}"#;
    assert_eq!(control(addr, "POST", "/faults", fault).status, 204);
    let mut stream = connect(addr);
    stream
        .write_all(&request_bytes("GET", DETAILS, &[], ""))
        .unwrap();
    let mut reader = BufReader::new(stream);
    let (status, _) = read_head(&mut reader);
    assert_eq!(status, 200);
    let mut some = [0u8; 1024];
    reader.read_exact(&mut some).unwrap();
    drop(reader);
    let entries = wait_for_log(addr, |e| {
        e.len() == 1 && str_field(&e[0], "outcome") != "pending"
    });
    assert_eq!(str_field(&entries[0], "outcome"), "client-gone");
}

#[test]
fn planted_bookings_are_stored_and_served_as_is() {
    let addr = start();
    let raw = r#"{"BookingID":5000,"Status":"Confirmed","SessionDate":"2001-02-03T04:05:06","Credits":8.0000,"Extra":[1e2,{"b":1,"a":2}],"Status":"Confirmed"}"#;
    assert_eq!(control(addr, "PUT", "/bookings/5000", raw).status, 204);
    assert_eq!(control(addr, "GET", "/bookings/5000", "").text(), raw);
    assert_eq!(details(addr, 5000).text(), raw);

    let reply = post(addr, CANCEL, TOKEN, r#"{"BookingID":5000,"Reason":"x"}"#);
    assert_eq!(reply.status, 409, "its session has passed");
    let reply = post(addr, RESCHEDULE, TOKEN, r#"{"BookingID":5000}"#);
    assert_eq!(reply.status, 200);
    let text = reply.text();
    assert!(
        text.starts_with(r#"{"BookingID":5000,"Status":"Confirmed","SessionDate":"20"#),
        "{text}"
    );
    assert!(
        text.contains(
            r#""Credits":8.0000,"Extra":[1e2,{"b":1,"a":2}],"Status":"Confirmed","LastUpdated":"#
        ),
        "{text}"
    );

    // Planted for someone else: invisible to the API, visible to the control API.
    control(
        addr,
        "PUT",
        "/bookings/5001?owner=1",
        r#"{"Status":"Pending"}"#,
    );
    assert_eq!(details(addr, 5001).status, 404);
    assert_eq!(control(addr, "GET", "/bookings/5001", "").status, 200);
    assert_eq!(control(addr, "GET", "/bookings/2001", "").status, 200);

    assert_eq!(control(addr, "PUT", "/bookings/5002", "[1]").status, 400);
    assert_eq!(control(addr, "PUT", "/bookings/x", "{}").status, 400);
    assert_eq!(control(addr, "GET", "/bookings/5002", "").status, 404);
    assert_eq!(control(addr, "DELETE", "/bookings/5000", "").status, 204);
    assert_eq!(details(addr, 5000).status, 404);
}

#[test]
fn reset_restores_bookings_and_clears_log_and_faults() {
    let addr = start();
    post(addr, CANCEL, TOKEN, r#"{"BookingID":1001,"Reason":"x"}"#);
    control(addr, "PUT", "/bookings/1002", r#"{"planted":true}"#);
    assert_eq!(status_of(addr, 1001), "Cancelled");
    control(addr, "POST", "/faults", r#"{"status":500}"#);
    let before_reset = log(addr);
    assert!(!before_reset.is_empty());

    assert_eq!(control(addr, "POST", "/reset", "").status, 204);
    assert!(log(addr).is_empty());
    assert_eq!(control(addr, "GET", "/faults", "").text(), "[]");
    assert_eq!(status_of(addr, 1001), "Pending");
    assert_eq!(status_of(addr, 1002), "Accepted");
    // Log IDs are never reused.
    let last = field(before_reset.last().unwrap(), "id").as_i64().unwrap();
    let entries = log(addr);
    assert!(field(&entries[0], "id").as_i64().unwrap() > last);
}

#[test]
fn concurrent_clients_share_one_state() {
    let addr = start();
    let handles: Vec<_> = (0..8)
        .map(|_| {
            thread::spawn(move || {
                post(addr, CANCEL, TOKEN, r#"{"BookingID":1007,"Reason":"race"}"#).status
            })
        })
        .collect();
    let mut statuses: Vec<u16> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409, 409, 409, 409, 409, 409, 409]);
}

/// A corpus directory of this test process, with a file of each extension and some that must
/// never be served.
fn corpus_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "adultwork-emulator-corpus-{tag}-{}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(dir.join("sub.json")).unwrap();
    fs::write(dir.join("200-ok-sample.json"), "{\"BookingID\":1}\n").unwrap();
    fs::write(dir.join("500-ServerError-page.html"), "<title>Boom</title>").unwrap();
    fs::write(dir.join("503-ServerError-error.xml"), "<Error/>").unwrap();
    fs::write(dir.join("404-NotFound-text.txt"), "Not here").unwrap();
    fs::write(
        dir.join("200-InvalidResponse-bytes.bin"),
        [0xff, 0x00, 0xfe],
    )
    .unwrap();
    fs::write(dir.join("notes.md"), "not a body").unwrap();
    fs::write(dir.join(".hidden.json"), "{}").unwrap();
    fs::write(
        dir.parent()
            .unwrap()
            .join(format!("adultwork-outside-{tag}.json")),
        "secret",
    )
    .unwrap();
    dir
}

#[test]
fn corpus_faults_serve_a_file_with_its_content_type_and_status() {
    let dir = corpus_dir("serve");
    let addr = start_with_corpus(&dir);
    let listing = control(addr, "GET", "/corpus", "");
    assert_eq!(listing.status, 200);
    assert_eq!(
        listing.text(),
        r#"["200-InvalidResponse-bytes.bin","200-ok-sample.json","404-NotFound-text.txt","500-ServerError-page.html","503-ServerError-error.xml"]"#
    );
    assert_eq!(control(addr, "POST", "/corpus", "").status, 405);

    let cases: [(&str, u16, &str, &[u8]); 5] = [
        (
            "200-ok-sample.json",
            200,
            "application/json; charset=utf-8",
            b"{\"BookingID\":1}\n",
        ),
        (
            "500-ServerError-page.html",
            500,
            "text/html",
            b"<title>Boom</title>",
        ),
        (
            "503-ServerError-error.xml",
            503,
            "application/xml",
            b"<Error/>",
        ),
        ("404-NotFound-text.txt", 404, "text/plain", b"Not here"),
        (
            "200-InvalidResponse-bytes.bin",
            200,
            "application/octet-stream",
            &[0xff, 0x00, 0xfe],
        ),
    ];
    for (name, status, content_type, body) in cases {
        let fault = format!(r#"{{"corpus":"{name}"}}"#);
        assert_eq!(
            control(addr, "POST", "/faults", &fault).status,
            204,
            "{name}"
        );
        let reply = post_from_page(addr, CANCEL, TOKEN, r#"{"BookingID":1,"Reason":"x"}"#);
        assert_eq!(reply.status, status, "{name}");
        assert_eq!(reply.header("Content-Type"), Some(content_type), "{name}");
        assert_eq!(reply.body, body, "{name}");
        assert_eq!(reply.header("Access-Control-Allow-Origin"), Some(ORIGIN));
    }

    // An explicit status and content type win over the name's; headers stay possible.
    let fault = r#"{"corpus":"404-NotFound-text.txt","status":200,"contentType":"application/json","headers":{"Retry-After":"1"}}"#;
    control(addr, "POST", "/faults", fault);
    let reply = post(addr, CANCEL, TOKEN, r#"{"BookingID":1,"Reason":"x"}"#);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("Content-Type"), Some("application/json"));
    assert_eq!(reply.header("Retry-After"), Some("1"));
    assert_eq!(reply.text(), "Not here");
    // The file is read when the fault is posted; the listing shows it as posted.
    control(
        addr,
        "POST",
        "/faults",
        r#"{"corpus":"404-NotFound-text.txt"}"#,
    );
    assert_eq!(
        control(addr, "GET", "/faults", "").text(),
        r#"[{"corpus":"404-NotFound-text.txt"}]"#
    );
    assert_eq!(details(addr, 1001).status, 404);
    assert_eq!(details(addr, 1001).status, 200, "a fault answers once");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn corpus_faults_refuse_paths_and_unknown_files() {
    let dir = corpus_dir("refuse");
    let addr = start_with_corpus(&dir);
    for name in [
        "../adultwork-outside-refuse.json",
        "..",
        "sub.json/../200-ok-sample.json",
        "/etc/passwd",
        "sub.json",
        "missing.json",
        ".hidden.json",
        "notes.md",
        "",
        "200-ok-sample.json\\u0000",
        "a\\\\200-ok-sample.json", // a\200-ok-sample.json once the JSON is read
    ] {
        let fault = format!(r#"{{"corpus":"{name}"}}"#);
        let reply = control(addr, "POST", "/faults", &fault);
        assert_eq!(reply.status, 400, "{name:?}");
        assert!(
            str_field(&reply.json(), "error").contains("corpus"),
            "{name:?}"
        );
    }
    for bad in [
        r#"{"corpus":1}"#,
        r#"{"corpus":"200-ok-sample.json","body":"x"}"#,
        r#"{"bodyBase64":"eA==","corpus":"200-ok-sample.json"}"#,
    ] {
        assert_eq!(control(addr, "POST", "/faults", bad).status, 400, "{bad}");
    }
    assert_eq!(control(addr, "GET", "/faults", "").text(), "[]");

    // Without --corpus: no listing, and corpus faults are refused.
    let plain = start();
    assert_eq!(control(plain, "GET", "/corpus", "").status, 404);
    let reply = control(
        plain,
        "POST",
        "/faults",
        r#"{"corpus":"200-ok-sample.json"}"#,
    );
    assert_eq!(reply.status, 400);
    assert!(str_field(&reply.json(), "error").contains("--corpus"));
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn repeat_sends_a_body_many_times_over() {
    let dir = corpus_dir("repeat");
    let addr = start_with_corpus(&dir);
    // 10 MiB from a 21-byte control request.
    let fault = r#"{"status":200,"body":"0123456789abcdef","repeat":655360}"#;
    assert_eq!(control(addr, "POST", "/faults", fault).status, 204);
    let reply = post(addr, CANCEL, TOKEN, r#"{"BookingID":1,"Reason":"x"}"#);
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body.len(), 10 * 1024 * 1024);
    assert_eq!(
        reply.header("Content-Length"),
        Some((10 * 1024 * 1024).to_string().as_str())
    );
    assert!(reply.body.chunks(16).all(|c| c == b"0123456789abcdef"));

    control(
        addr,
        "POST",
        "/faults",
        r#"{"corpus":"500-ServerError-page.html","repeat":3}"#,
    );
    let reply = post(addr, CANCEL, TOKEN, r#"{"BookingID":1,"Reason":"x"}"#);
    assert_eq!(reply.status, 500);
    assert_eq!(reply.header("Content-Type"), Some("text/html"));
    assert_eq!(reply.text(), "<title>Boom</title>".repeat(3));

    for bad in [
        r#"{"status":200,"body":"x","repeat":0}"#,
        r#"{"status":200,"repeat":2}"#,
        r#"{"status":200,"body":"x","repeat":"2"}"#,
        r#"{"status":200,"body":"0123456789abcdef","repeat":100000000}"#,
    ] {
        assert_eq!(control(addr, "POST", "/faults", bad).status, 400, "{bad}");
    }
    let _ = fs::remove_dir_all(&dir);
}
