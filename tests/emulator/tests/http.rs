//! HTTP plumbing: CORS, preflights, framing, limits, keep-alive, and the binary's CLI with
//! `--static`.

// Test code: a failed unwrap or panic is how a test reports failure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use common::*;

/// Whether the server closed the connection (EOF on the next read).
fn closed(reader: &mut impl Read) -> bool {
    let mut byte = [0u8; 1];
    matches!(reader.read(&mut byte), Ok(0) | Err(_))
}

/// Whether a comma-separated header value lists `token` (case-insensitive).
fn lists(value: Option<&str>, token: &str) -> bool {
    value.is_some_and(|v| v.split(',').any(|t| t.trim().eq_ignore_ascii_case(token)))
}

#[test]
fn preflight_echoes_origin_and_requested_headers() {
    let addr = start();
    let reply = request(
        addr,
        "OPTIONS",
        CANCEL,
        &[
            ("Origin", "http://localhost:5173"),
            ("Access-Control-Request-Method", "POST"),
            (
                "Access-Control-Request-Headers",
                "authorization,content-type,x-extra",
            ),
        ],
        "",
    );
    // tower-http's preflight answer: 200 (any 2xx will do for a browser), no body.
    assert_eq!(reply.status, 200);
    assert!(reply.body.is_empty());
    assert_eq!(
        reply.header("Access-Control-Allow-Origin"),
        Some("http://localhost:5173")
    );
    assert!(lists(reply.header("Vary"), "Origin"), "{reply:?}");
    for method in ["GET", "POST", "PUT", "DELETE", "OPTIONS"] {
        assert!(
            lists(reply.header("Access-Control-Allow-Methods"), method),
            "{method}"
        );
    }
    assert_eq!(
        reply.header("Access-Control-Allow-Headers"),
        Some("authorization,content-type,x-extra")
    );
    assert_eq!(reply.header("Access-Control-Max-Age"), Some("600"));
    assert_eq!(reply.header("Cache-Control"), Some("no-store"));

    // Any path, even unknown or control, and without requested headers.
    for path in ["/anything", "/__emulator/faults", DETAILS] {
        let reply = request(addr, "OPTIONS", path, &[("Origin", "http://app.test")], "");
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(
            reply.header("Access-Control-Allow-Origin"),
            Some("http://app.test")
        );
        assert!(lists(reply.header("Access-Control-Allow-Methods"), "POST"));
    }
    // Chrome's Private Network Access preflight is allowed.
    let reply = request(
        addr,
        "OPTIONS",
        CANCEL,
        &[
            ("Origin", "http://app.test"),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Private-Network", "true"),
        ],
        "",
    );
    assert_eq!(
        reply.header("Access-Control-Allow-Private-Network"),
        Some("true")
    );
    // Preflights to API and other paths are logged; the control one is not.
    let paths: Vec<String> = log(addr)
        .iter()
        .map(|e| str_field(e, "path").to_owned())
        .collect();
    assert_eq!(paths, [CANCEL, "/anything", DETAILS, CANCEL]);
}

#[test]
fn every_response_carries_cors_headers() {
    let addr = start();
    let origin = [("Origin", "http://app.test")];
    let replies = [
        request(addr, "GET", DETAILS, &origin, ""),       // 401
        request(addr, "GET", "/v1/nope", &origin, ""),    // 404 API
        request(addr, "GET", "/index.html", &origin, ""), // 404, no --static
        request(addr, "GET", "/__emulator/requests", &origin, ""), // control
        request(addr, "PATCH", "/__emulator/reset", &origin, ""), // 405 control
        raw(
            addr,
            b"POST /v1/x HTTP/1.1\r\nOrigin: http://app.test\r\n\r\n",
        ), // 411
    ];
    for reply in &replies {
        assert_eq!(
            reply.header("Access-Control-Allow-Origin"),
            Some("http://app.test")
        );
        assert!(lists(reply.header("Vary"), "Origin"), "{reply:?}");
        assert!(
            lists(reply.header("Access-Control-Expose-Headers"), "Retry-After"),
            "{reply:?}"
        );
        assert_eq!(reply.header("Cache-Control"), Some("no-store"));
        assert!(reply.header("Content-Length").is_some());
    }
    // Without an Origin (not a browser), CORS does not apply and no CORS header is sent.
    let plain = request(addr, "GET", "/__emulator/health", &[], "");
    assert_eq!(plain.header("Access-Control-Allow-Origin"), None);
    // What hyper cannot parse, it answers itself, before any handler: a bare 400. Browsers
    // never send such requests, so the missing CORS headers cannot matter to a page.
    let malformed = raw(addr, b"NOT HTTP AT ALL\r\n\r\n");
    assert_eq!(malformed.status, 400);
}

#[test]
fn malformed_requests_get_400_and_the_connection_closes() {
    let addr = start();
    for bad in [
        &b"GET / HTTP/1.1\r\nNo colon here\r\n\r\n"[..],
        b"GET / SPDY/3\r\n\r\n",
        b"GET /x HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        b"\x00\x01\x02\r\n\r\n",
    ] {
        let mut stream = connect(addr);
        stream.write_all(bad).unwrap();
        let mut reader = BufReader::new(stream);
        let reply = read_reply(&mut reader);
        assert_eq!(reply.status, 400, "{bad:?}");
        assert_eq!(reply.header("Connection"), Some("close"));
        assert!(closed(&mut reader));
    }
}

/// What the hand-written parser accepted and refused, now hyper's job, over a real socket.
#[test]
fn requests_are_read_leniently_where_http_allows_and_refused_otherwise() {
    let addr = start();
    // Leading blank lines, bare LF line ends, a repeated header; absolute-form and HTTP/1.0.
    for accepted in [
        &b"\r\n\r\nGET /v1/y?x=1&y=%41+b HTTP/1.1\nHost: h\nX-A: 1\nx-a:  2 \nConnection: close\n\n"[..],
        b"GET http://127.0.0.1:9/v1/abs?q HTTP/1.0\r\nA: b\r\n\r\n",
    ] {
        let mut stream = connect(addr);
        stream.write_all(accepted).unwrap();
        let mut reader = BufReader::new(stream);
        assert_eq!(read_reply(&mut reader).status, 404, "{accepted:?}");
        assert!(closed(&mut reader));
    }
    let entries = log(addr);
    let seen: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (str_field(e, "path"), str_field(e, "query")))
        .collect();
    assert_eq!(seen, [("/v1/y", "x=1&y=%41+b"), ("/v1/abs", "q")]);
    assert_eq!(str_field(field(&entries[0], "headers"), "x-a"), "1, 2");
    // The query is decoded where it is read.
    let reply = get(
        addr,
        &format!("{DETAILS}?BookingID=%31%30%30%31&x=a+b"),
        TOKEN,
    );
    assert_eq!(reply.status, 200);

    for bad in [
        &b"GET / HTTP/2\r\n\r\n"[..],
        b"GET /\r\n\r\n",
        b"GET  / HTTP/1.1\r\n\r\n",
        b"G(T / HTTP/1.1\r\n\r\n",
        b"GET x HTTP/1.1\r\n\r\n",
        b"GET /a\x01b HTTP/1.1\r\n\r\n",
        b"GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",
        b"GET / HTTP/1.1\r\nBad Name: b\r\n\r\n",
        b"POST /v1/x HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
        b"POST /v1/x HTTP/1.1\r\nContent-Length: 12\r\nContent-Length: 13\r\n\r\n",
        // Unlike the hand-written parser (413 and accepted): hyper refuses these lengths.
        b"POST /v1/x HTTP/1.1\r\nContent-Length: 99999999999999999999999\r\n\r\n",
        b"POST /v1/x HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\n{}",
    ] {
        let mut stream = connect(addr);
        stream.write_all(bad).unwrap();
        let mut reader = BufReader::new(stream);
        let reply = read_reply(&mut reader);
        assert_eq!(reply.status, 400, "{bad:?}");
        assert!(closed(&mut reader), "{bad:?}");
    }
    assert_eq!(log(addr).len(), 3, "refused requests are not logged");
}

#[test]
fn size_limits_and_length_required() {
    let addr = start();
    let huge_head = format!("GET / HTTP/1.1\r\nX-Big: {}\r\n\r\n", "a".repeat(70_000));
    assert_eq!(raw(addr, huge_head.as_bytes()).status, 431);

    let too_big =
        "POST /v1/PhoneChat/CancelMadeBooking HTTP/1.1\r\nContent-Length: 1048577\r\n\r\n";
    let reply = raw(addr, too_big.as_bytes());
    assert_eq!(reply.status, 413);

    // A body-carrying method with neither a Content-Length nor chunks: 411, as IIS answers it.
    let reply = raw(addr, format!("POST {CANCEL} HTTP/1.1\r\n\r\n").as_bytes());
    assert_eq!(reply.status, 411);
    assert_eq!(
        reply.text(),
        "The request must be chunked or have a content length."
    );
    assert_eq!(reply.header("Connection"), Some("close"));
    // Other methods need neither (fetch sends no Content-Length for a PATCH or DELETE
    // without a body).
    for (bodiless, status) in [
        (&b"GET /__emulator/health HTTP/1.1\r\n\r\n"[..], 200),
        (b"PATCH /__emulator/reset HTTP/1.1\r\n\r\n", 405),
        (b"DELETE /__emulator/faults HTTP/1.1\r\n\r\n", 204),
    ] {
        assert_eq!(raw(addr, bodiless).status, status);
    }

    // Exactly 1 MiB is fine (and gets a 400 because it is not JSON).
    let body = " ".repeat(1024 * 1024 - 1) + "x";
    let auth = format!("bearer {TOKEN}");
    let reply = request(addr, "POST", CANCEL, &[("Authorization", &auth)], &body);
    assert_eq!(reply.status, 400);
    // The 413 and 411 are logged (without a body); the 431 could not be parsed, so it is not.
    let sizes: Vec<usize> = log(addr)
        .iter()
        .map(|e| str_field(e, "body").len())
        .collect();
    assert_eq!(sizes, [0, 0, 1024 * 1024]);
}

/// A body as chunks of `size` bytes (the last one shorter), then the last-chunk and the end.
fn chunked(body: &str, size: usize) -> String {
    let mut text = String::new();
    for piece in body.as_bytes().chunks(size) {
        text.push_str(&format!("{:x}\r\n", piece.len()));
        text.push_str(std::str::from_utf8(piece).unwrap());
        text.push_str("\r\n");
    }
    text + "0\r\n\r\n"
}

/// A body sent with `Transfer-Encoding: chunked` is a valid HTTP/1.1 request: Node's `fetch`
/// sends a streamed `Request` body that way (Next.js route handlers forward theirs so), and
/// IIS, which serves the real API, accepts it. The hand-written server of phase 1 could not
/// decode chunks and answered 411; hyper decodes them, so they are answered like any body.
#[test]
fn chunked_bodies_are_read_like_any_other() {
    let addr = start();
    let auth = format!("Authorization: bearer {TOKEN}\r\n");
    let body = r#"{"BookingID":1001,"Reason":"sent in chunks ☕"}"#;
    // Two requests on one connection: the chunked one keeps it alive.
    let first = format!(
        "POST {CANCEL} HTTP/1.1\r\nHost: x\r\n{auth}Content-Type: application/json\r\n\
         Transfer-Encoding: chunked\r\n\r\n{}",
        chunked(body, 7)
    );
    let second = format!(
        "GET {DETAILS}?BookingID=1001 HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n"
    );
    let mut stream = connect(addr);
    stream
        .write_all(format!("{first}{second}").as_bytes())
        .unwrap();
    let mut reader = BufReader::new(stream);
    let cancelled = read_reply(&mut reader);
    assert_eq!(cancelled.status, 200, "{}", cancelled.text());
    assert_eq!(cancelled.header("Connection"), Some("keep-alive"));
    assert_eq!(
        str_field(&cancelled.json(), "CancelledReason"),
        "sent in chunks ☕"
    );
    let details = read_reply(&mut reader);
    assert_eq!(str_field(&details.json(), "Status"), "Cancelled");
    assert!(closed(&mut reader));
    // The log shows the body as decoded.
    assert_eq!(str_field(&log(addr)[0], "body"), body);

    // With Expect: 100-continue too.
    let mut stream = connect(addr);
    let head = format!(
        "POST {RESCHEDULE} HTTP/1.1\r\n{auth}Expect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert_eq!(line, "HTTP/1.1 100 Continue\r\n");
    reader.read_line(&mut line).unwrap();
    stream
        .write_all(chunked(r#"{"BookingID":1004}"#, 5).as_bytes())
        .unwrap();
    assert_eq!(read_reply(&mut reader).status, 200);

    // The same limit as with a Content-Length: more than 1 MiB of chunks is a 413, and closes.
    let huge = format!(
        "POST {CANCEL} HTTP/1.1\r\n{auth}Transfer-Encoding: chunked\r\n\r\n{}",
        chunked(&" ".repeat(1024 * 1024 + 1), 64 * 1024)
    );
    let mut stream = connect(addr);
    stream.write_all(huge.as_bytes()).unwrap();
    let mut reader = BufReader::new(stream);
    let reply = read_reply(&mut reader);
    assert_eq!(reply.status, 413);
    assert_eq!(reply.header("Connection"), Some("close"));
    assert!(closed(&mut reader));
    // Exactly 1 MiB of chunks is read (a 400: only white space).
    let full = format!(
        "POST {CANCEL} HTTP/1.1\r\n{auth}Transfer-Encoding: chunked\r\n\r\n{}",
        chunked(&" ".repeat(1024 * 1024), 64 * 1024)
    );
    assert_eq!(raw(addr, full.as_bytes()).status, 400);

    // Chunks that cannot be decoded: 400, and the connection closes.
    for bad in ["zz\r\n{}\r\n0\r\n\r\n", "2\r\n{}XX0\r\n\r\n"] {
        let request =
            format!("POST {CANCEL} HTTP/1.1\r\n{auth}Transfer-Encoding: chunked\r\n\r\n{bad}");
        let mut stream = connect(addr);
        stream.write_all(request.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream);
        let reply = read_reply(&mut reader);
        assert_eq!(reply.status, 400, "{bad:?}");
        assert_eq!(reply.text(), "the chunked body is malformed");
        assert!(closed(&mut reader), "{bad:?}");
    }
    // hyper refuses a transfer coding other than chunked, and one on HTTP/1.0 (400, unlogged).
    for bad in [
        format!("POST {CANCEL} HTTP/1.1\r\nTransfer-Encoding: gzip\r\n\r\n"),
        format!("POST {CANCEL} HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
    ] {
        assert_eq!(raw(addr, bad.as_bytes()).status, 400, "{bad:?}");
    }
    // Logged: each answered request; the 413 and the malformed ones without a body.
    let sizes: Vec<usize> = log(addr)
        .iter()
        .map(|e| str_field(e, "body").len())
        .collect();
    assert_eq!(sizes, [body.len(), 0, 18, 0, 1024 * 1024, 0, 0]);
}

#[test]
fn keep_alive_pipelining_and_connection_close() {
    let addr = start();
    let mut stream = connect(addr);
    let auth = format!("Authorization: bearer {TOKEN}\r\n");
    let one = format!("GET {DETAILS}?BookingID=1001 HTTP/1.1\r\nHost: x\r\n{auth}\r\n");
    let two = format!(
        "POST {CANCEL} HTTP/1.1\r\nHost: x\r\n{auth}Content-Length: 32\r\n\r\n{{\"BookingID\":1001,\"Reason\":\"ka\"}}"
    );
    let three = format!(
        "GET {DETAILS}?BookingID=1001 HTTP/1.1\r\nHost: x\r\n{auth}Connection: close\r\n\r\n"
    );
    // All three in one write: the server must keep the bytes after each request.
    stream
        .write_all(format!("{one}{two}{three}").as_bytes())
        .unwrap();
    let mut reader = BufReader::new(stream);
    let first = read_reply(&mut reader);
    assert_eq!(first.header("Connection"), Some("keep-alive"));
    assert_eq!(str_field(&first.json(), "Status"), "Pending");
    let second = read_reply(&mut reader);
    assert_eq!(second.status, 200, "{}", second.text());
    let third = read_reply(&mut reader);
    assert_eq!(str_field(&third.json(), "Status"), "Cancelled");
    assert_eq!(third.header("Connection"), Some("close"));
    assert!(closed(&mut reader));
}

#[test]
fn http10_closes_and_expect_continue_is_answered() {
    let addr = start();
    let mut stream = connect(addr);
    stream
        .write_all(b"GET /__emulator/health HTTP/1.0\r\n\r\n")
        .unwrap();
    let mut reader = BufReader::new(stream);
    assert_eq!(read_reply(&mut reader).status, 200);
    assert!(closed(&mut reader));

    let mut stream = connect(addr);
    let body = r#"{"BookingID":1001,"Reason":"x"}"#;
    let head = format!(
        "POST {CANCEL} HTTP/1.1\r\nAuthorization: bearer {TOKEN}\r\nExpect: 100-continue\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut line = String::new();
    reader.read_line(&mut line).unwrap();
    assert_eq!(line, "HTTP/1.1 100 Continue\r\n");
    reader.read_line(&mut line).unwrap();
    stream.write_all(body.as_bytes()).unwrap();
    assert_eq!(read_reply(&mut reader).status, 200);
}

/// The built binary, killed when dropped. A thread collects its stderr.
struct Binary {
    child: Child,
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
}

impl Binary {
    fn start(args: &[&str]) -> Binary {
        let mut child = Command::new(env!("CARGO_BIN_EXE_adultwork-emulator"))
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn the emulator binary");
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line
            .strip_suffix('\n')
            .and_then(|l| l.strip_prefix("listening on http://127.0.0.1:"))
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"));
        let port: u16 = url.parse().unwrap();
        assert_ne!(port, 0);
        let stderr = Arc::new(Mutex::new(String::new()));
        let pipe = child.stderr.take().unwrap();
        let sink = Arc::clone(&stderr);
        thread::spawn(move || {
            for line in BufReader::new(pipe).lines().map_while(Result::ok) {
                let mut text = sink.lock().unwrap();
                text.push_str(&line);
                text.push('\n');
            }
        });
        Binary {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            stderr,
        }
    }

    /// Waits (up to 3 s) until stderr contains `needle`, and returns all of it.
    fn stderr_with(&self, needle: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(3);
        loop {
            let text = self.stderr.lock().unwrap().clone();
            if text.contains(needle) || Instant::now() > deadline {
                return text;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Binary {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_binary_serves_static_files_and_never_logs_secrets() {
    let root =
        std::env::temp_dir().join(format!("adultwork-emulator-static-{}", std::process::id()));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(root.join("app/pkg")).unwrap();
    fs::write(root.join("index.html"), "<h1>demo</h1>").unwrap();
    fs::write(root.join("app/index.html"), "<h1>app</h1>").unwrap();
    fs::write(root.join("app/pkg/sdk.mjs"), "export {}").unwrap();
    fs::write(root.join("app/pkg/sdk_bg.wasm"), b"\0asm\x01\0\0\0").unwrap();
    fs::write(root.join("app/pkg/sdk.js.map"), "{}").unwrap();
    fs::write(
        root.parent().unwrap().join("adultwork-emulator-secret.txt"),
        "secret",
    )
    .unwrap();

    let binary = Binary::start(&["--port", "0", "--static", root.to_str().unwrap()]);
    let addr = binary.addr;
    let cases = [
        ("/", 200, "text/html; charset=utf-8"),
        ("/index.html", 200, "text/html; charset=utf-8"),
        ("/app/", 200, "text/html; charset=utf-8"),
        ("/app/pkg/sdk.mjs", 200, "text/javascript; charset=utf-8"),
        ("/app/pkg/sdk_bg.wasm", 200, "application/wasm"),
        (
            "/app/pkg/sdk.js.map",
            200,
            "application/json; charset=utf-8",
        ),
        ("/missing.js", 404, "text/plain; charset=utf-8"),
        (
            "/../adultwork-emulator-secret.txt",
            404,
            "text/plain; charset=utf-8",
        ),
        (
            "/%2e%2e/adultwork-emulator-secret.txt",
            404,
            "text/plain; charset=utf-8",
        ),
        (
            "/app/..%2f..%2fadultwork-emulator-secret.txt",
            404,
            "text/plain; charset=utf-8",
        ),
        (
            "/..\\adultwork-emulator-secret.txt",
            404,
            "text/plain; charset=utf-8",
        ),
    ];
    for (path, status, content_type) in cases {
        let reply = request(addr, "GET", path, &[], "");
        assert_eq!(reply.status, status, "{path}");
        assert_eq!(reply.header("Content-Type"), Some(content_type), "{path}");
    }
    assert_eq!(
        request(addr, "GET", "/app/", &[], "").text(),
        "<h1>app</h1>"
    );
    let redirect = request(addr, "GET", "/app?x=1", &[], "");
    assert_eq!(
        (redirect.status, redirect.header("Location")),
        (301, Some("/app/?x=1"))
    );
    assert_eq!(request(addr, "POST", "/index.html", &[], "").status, 405);
    let mut stream = connect(addr);
    stream
        .write_all(&request_bytes("HEAD", "/index.html", &[], ""))
        .unwrap();
    let mut reader = BufReader::new(stream);
    let (status, headers) = read_head(&mut reader);
    assert_eq!(status, 200);
    assert!(headers.contains(&("Content-Length".to_owned(), "13".to_owned())));
    assert!(closed(&mut reader), "a HEAD response has no body");

    // The API still answers under /v1; its token must not reach stderr.
    let secret = "ok-SECRET-VALUE-42";
    assert_eq!(
        get(addr, &format!("{DETAILS}?BookingID=1001"), secret).status,
        200
    );
    let line = "GET /v1/PhoneChat/MadeBookingDetails -> 200";
    let stderr = binary.stderr_with(line);
    assert!(stderr.contains(line), "{stderr}");
    assert!(!stderr.contains("SECRET"), "{stderr}");
    assert!(!stderr.contains("BookingID=1001"), "{stderr}");
    let _ = fs::remove_dir_all(&root);
}

#[test]
fn the_binary_rejects_bad_arguments() {
    let output = Command::new(env!("CARGO_BIN_EXE_adultwork-emulator"))
        .args(["--port", "nope"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr).to_lowercase();
    assert!(stderr.contains("usage:"), "{stderr}");
    assert!(stderr.contains("--port"), "{stderr}");
}

#[test]
fn the_binary_serves_a_corpus_and_refuses_a_missing_one() {
    let output = Command::new(env!("CARGO_BIN_EXE_adultwork-emulator"))
        .args(["--port", "0", "--corpus", "/nonexistent/adultwork-corpus"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("--corpus /nonexistent"));

    let root = std::env::temp_dir().join(format!(
        "adultwork-emulator-corpus-bin-{}",
        std::process::id()
    ));
    let _ = fs::remove_dir_all(&root);
    fs::create_dir_all(&root).unwrap();
    fs::write(root.join("502-ServerError-gateway.html"), "<h1>Bad</h1>").unwrap();
    let binary = Binary::start(&["--port", "0", "--quiet", "--corpus", root.to_str().unwrap()]);
    let addr = binary.addr;
    assert_eq!(
        control(addr, "GET", "/corpus", "").text(),
        r#"["502-ServerError-gateway.html"]"#
    );
    let fault = r#"{"corpus":"502-ServerError-gateway.html"}"#;
    assert_eq!(control(addr, "POST", "/faults", fault).status, 204);
    let reply = get(addr, &format!("{DETAILS}?BookingID=1001"), TOKEN);
    assert_eq!((reply.status, reply.text().as_str()), (502, "<h1>Bad</h1>"));
    let _ = fs::remove_dir_all(&root);
}
