//! Fault injection: what a queued fault may say, and the socket tricks that carry it out.
//!
//! A fault is posted as JSON to `/__emulator/faults` and waits in a FIFO queue. The next
//! non-`OPTIONS` request to an API path (`/v1/...`) takes the oldest fault whose `path` is
//! absent or equal to the request path (a fault for another path does not block the queue).
//! Fields, all optional:
//!
//! | field         | meaning                                                                |
//! |---------------|------------------------------------------------------------------------|
//! | `path`        | only for requests to exactly this path                                 |
//! | `delayMs`     | wait first (0–600000), watching for the client to hang up              |
//! | `status`      | answer this (200–599) instead of handling the request; state unchanged |
//! | `headers`     | headers of that answer (object of strings)                             |
//! | `contentType` | shorthand for its `Content-Type`                                       |
//! | `body`        | its body, as text                                                      |
//! | `bodyBase64`  | its body, as base64                                                    |
//! | `corpus`      | its body: the bytes of this file of the `--corpus` directory           |
//! | `repeat`      | send the body this many times in a row (1 or more)                     |
//! | `drop`        | `"before-response"` or `"after-headers"`                               |
//!
//! Decisions worth knowing:
//! - `headers`/`contentType`/`body`/`bodyBase64`/`corpus`/`repeat` need `status`; unknown
//!   fields are refused, so a typo fails the test that posted it instead of silently doing
//!   nothing. At most one of `body`, `bodyBase64` and `corpus`.
//! - `corpus` names a file directly inside the `--corpus` directory (no `/`, `\`, `..` or
//!   leading dot) with one of the extensions `json`, `html`, `xml`, `txt` or `bin`, which
//!   gives the `Content-Type` (`application/json; charset=utf-8`, `text/html`,
//!   `application/xml`, `text/plain`, `application/octet-stream`; `contentType` or a
//!   `Content-Type` header overrides it). The file is read when the fault is posted. When
//!   `status` is absent, the number the file name starts with is the status
//!   (`500-ServerError-html-page.html` → 500).
//! - `repeat` builds bodies of many megabytes from a short control request (at most
//!   [`MAX_REPEATED_BODY`] bytes in all).
//! - Fault headers replace the emulator's defaults of the same name (CORS headers included,
//!   so a test can simulate a CORS failure); `Content-Length` and `Transfer-Encoding` may not
//!   be set (framing is the emulator's job; use `drop` to break it).
//! - `drop: "before-response"` reads the request, does *not* handle it, and closes without
//!   sending a byte. (Browsers may silently resend a request whose reused keep-alive
//!   connection closed this way; `after-headers` is the reliable network failure.)
//! - `drop: "after-headers"` produces the response (the `status` one, or by handling the
//!   request normally, so state *does* change, like a server that did the work but whose
//!   answer got lost), sends its head with a `Content-Length` larger than what follows, a few
//!   body bytes, and closes.
//! - While delaying, the socket is peeked without blocking every ~10 ms; if the client has
//!   closed it, the request is abandoned and logged as `client-gone`.

use std::fs;
use std::io::{self, Write};
use std::net::{Shutdown, TcpStream};
use std::path::Path;
use std::thread;
use std::time::{Duration, Instant};

use crate::http::Response;
use crate::json::Json;

/// The longest delay a fault may ask for.
pub const MAX_DELAY_MS: u64 = 600_000;

/// The largest body `repeat` may build (64 MiB; a "10 MB answer" test needs a sixth of it).
pub const MAX_REPEATED_BODY: usize = 64 * 1024 * 1024;

/// The `Content-Type` a corpus file is served with, from its extension.
pub fn corpus_content_type(name: &str) -> Option<&'static str> {
    match name.rsplit_once('.')?.1 {
        "json" => Some("application/json; charset=utf-8"),
        "html" => Some("text/html"),
        "xml" => Some("application/xml"),
        "txt" => Some("text/plain"),
        "bin" => Some("application/octet-stream"),
        _ => None,
    }
}

/// Whether `name` is a plain file name a fault may ask for: no path separators, no `..`, not
/// hidden, and a known extension.
pub fn valid_corpus_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && !name.contains("..")
        && corpus_content_type(name).is_some()
}

/// The files a fault can serve from `dir`, sorted by name.
pub fn corpus_names(dir: &Path) -> io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        if !entry.file_type()?.is_file() {
            continue;
        }
        if let Ok(name) = entry.file_name().into_string() {
            if valid_corpus_name(&name) {
                names.push(name);
            }
        }
    }
    names.sort();
    Ok(names)
}

/// Reads the corpus file `name` of `dir` (see the module documentation for what is allowed).
fn read_corpus_file(dir: Option<&Path>, name: &str) -> Result<Vec<u8>, String> {
    let dir = dir.ok_or("\"corpus\" needs the emulator to be started with --corpus DIR")?;
    if !valid_corpus_name(name) {
        return Err(format!(
            "\"corpus\": {name:?} is not a file name of the corpus (no '/', '\\', '..' or \
             leading '.'; extension json, html, xml, txt or bin)"
        ));
    }
    let path = dir.join(name);
    // Not following symlinks: only files really inside the directory are served.
    match fs::symlink_metadata(&path) {
        Ok(meta) if meta.is_file() => {
            fs::read(&path).map_err(|e| format!("\"corpus\": cannot read {name:?}: {e}"))
        }
        _ => Err(format!("\"corpus\": no file {name:?} in the corpus")),
    }
}

/// How a fault breaks the connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropMode {
    /// Close without sending anything.
    BeforeResponse,
    /// Send the head and part of the body, then close.
    AfterHeaders,
}

/// A queued fault.
#[derive(Debug, Clone)]
pub struct Fault {
    /// The JSON it was posted as (what `GET /__emulator/faults` shows).
    pub raw: Json,
    /// Only for requests to this path.
    pub path: Option<String>,
    /// Wait this long first.
    pub delay_ms: u64,
    /// Answer this instead of handling the request.
    pub response: Option<Response>,
    /// Break the connection.
    pub drop: Option<DropMode>,
}

/// Reads one fault or an array of them; `corpus` is the `--corpus` directory, if any.
pub fn parse_faults(value: &Json, corpus: Option<&Path>) -> Result<Vec<Fault>, String> {
    match value {
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| parse_fault(item, corpus).map_err(|e| format!("fault [{i}]: {e}")))
            .collect(),
        other => parse_fault(other, corpus).map(|fault| vec![fault]),
    }
}

fn string_field<'a>(name: &str, value: &'a Json) -> Result<&'a str, String> {
    value
        .as_str()
        .ok_or_else(|| format!("\"{name}\" must be a string, not {}", value.type_name()))
}

fn valid_header(name: &str, value: &str) -> Result<(), String> {
    let token = !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
    if !token {
        return Err(format!("header name {name:?} is not valid"));
    }
    if ["content-length", "transfer-encoding"].contains(&name.to_ascii_lowercase().as_str()) {
        return Err(format!(
            "header {name:?} cannot be set; use \"drop\" to break the framing"
        ));
    }
    if value.contains(['\r', '\n', '\0']) {
        return Err(format!(
            "the value of header {name:?} contains CR, LF or NUL"
        ));
    }
    Ok(())
}

fn parse_fault(value: &Json, corpus: Option<&Path>) -> Result<Fault, String> {
    let Json::Object(pairs) = value else {
        return Err(format!(
            "a fault must be an object, not {}",
            value.type_name()
        ));
    };
    let mut fault = Fault {
        raw: value.clone(),
        path: None,
        delay_ms: 0,
        response: None,
        drop: None,
    };
    let mut status = None;
    let mut headers: Vec<(String, String)> = Vec::new();
    let mut content_type = None;
    let mut body: Option<Vec<u8>> = None;
    // From a corpus file's name: its status and its Content-Type.
    let mut corpus_defaults: Option<(Option<u16>, &'static str)> = None;
    let mut repeat: Option<usize> = None;
    for (name, field) in pairs {
        match name.as_str() {
            "path" => fault.path = Some(string_field(name, field)?.to_owned()),
            "delayMs" => {
                fault.delay_ms = field
                    .as_i64()
                    .and_then(|n| u64::try_from(n).ok())
                    .filter(|n| *n <= MAX_DELAY_MS)
                    .ok_or_else(|| format!("\"delayMs\" must be an integer 0–{MAX_DELAY_MS}"))?;
            }
            "status" => {
                status = Some(
                    field
                        .as_i64()
                        .and_then(|n| u16::try_from(n).ok())
                        .filter(|n| (200..=599).contains(n))
                        .ok_or("\"status\" must be an integer 200–599")?,
                );
            }
            "headers" => {
                let Json::Object(items) = field else {
                    return Err("\"headers\" must be an object of strings".to_owned());
                };
                for (header, header_value) in items {
                    let header_value = string_field(header, header_value)?;
                    valid_header(header, header_value)?;
                    headers.push((header.clone(), header_value.to_owned()));
                }
            }
            "contentType" => {
                let text = string_field(name, field)?;
                valid_header("Content-Type", text)?;
                content_type = Some(text.to_owned());
            }
            "body" | "bodyBase64" | "corpus" if body.is_some() => {
                return Err("give only one of \"body\", \"bodyBase64\" and \"corpus\"".to_owned());
            }
            "corpus" => {
                let file = string_field(name, field)?;
                body = Some(read_corpus_file(corpus, file)?);
                let status = file
                    .split('-')
                    .next()
                    .and_then(|n| n.parse::<u16>().ok())
                    .filter(|n| (200..=599).contains(n));
                corpus_defaults = corpus_content_type(file).map(|t| (status, t));
            }
            "repeat" => {
                repeat = Some(
                    field
                        .as_i64()
                        .and_then(|n| usize::try_from(n).ok())
                        .filter(|n| *n >= 1)
                        .ok_or("\"repeat\" must be a whole number, 1 or more")?,
                );
            }
            "body" => body = Some(string_field(name, field)?.as_bytes().to_vec()),
            "bodyBase64" => {
                let text = string_field(name, field)?;
                body = Some(base64_decode(text).ok_or("\"bodyBase64\" is not valid base64")?);
            }
            "drop" => {
                fault.drop = Some(match field.as_str() {
                    Some("before-response") => DropMode::BeforeResponse,
                    Some("after-headers") => DropMode::AfterHeaders,
                    _ => {
                        return Err(
                            "\"drop\" must be \"before-response\" or \"after-headers\"".to_owned()
                        )
                    }
                });
            }
            other => return Err(format!("unknown fault field {other:?}")),
        }
    }
    if let Some((file_status, file_type)) = corpus_defaults {
        status = status.or(file_status);
        let typed = headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case("content-type"));
        if content_type.is_none() && !typed {
            content_type = Some(file_type.to_owned());
        }
    }
    if let Some(times) = repeat {
        let once = body.as_deref().ok_or("\"repeat\" needs a body to repeat")?;
        if once.len().saturating_mul(times) > MAX_REPEATED_BODY {
            return Err(format!(
                "\"repeat\" would make a body of more than {MAX_REPEATED_BODY} bytes"
            ));
        }
        body = Some(once.repeat(times));
    }
    match status {
        Some(status) => {
            let mut response = Response::new(status);
            response.headers = headers;
            if let Some(content_type) = content_type {
                response
                    .headers
                    .retain(|(n, _)| !n.eq_ignore_ascii_case("content-type"));
                response
                    .headers
                    .push(("Content-Type".to_owned(), content_type));
            }
            response.body = body.unwrap_or_default();
            fault.response = Some(response);
        }
        None if !headers.is_empty() || content_type.is_some() || body.is_some() => {
            return Err(
                "\"headers\", \"contentType\", \"body\", \"bodyBase64\", \"corpus\" \
                        and \"repeat\" need a \"status\""
                    .to_owned(),
            );
        }
        None => {}
    }
    Ok(fault)
}

/// Decodes standard or URL-safe base64, padding optional, whitespace ignored.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut acc: u32 = 0;
    let mut bits = 0;
    let mut padding = 0;
    for c in text.bytes().filter(|c| !c.is_ascii_whitespace()) {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' | b'-' => 62,
            b'/' | b'_' => 63,
            b'=' => {
                padding += 1;
                continue;
            }
            _ => return None,
        };
        if padding > 0 {
            return None; // data after padding
        }
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    // Leftover bits must be zero padding of a final partial group (2 or 4 bits), never 6.
    (bits != 6 && padding <= 2).then_some(out)
}

/// Whether the peer has closed the connection (a non-blocking peek sees end-of-file or an
/// error). Data waiting to be read (say, a pipelined request) means it is still there.
pub fn peer_gone(stream: &TcpStream) -> bool {
    if stream.set_nonblocking(true).is_err() {
        return true;
    }
    let mut byte = [0u8; 1];
    let result = stream.peek(&mut byte);
    let restored = stream.set_nonblocking(false).is_ok();
    match result {
        Ok(0) => true,
        Ok(_) => !restored,
        Err(e)
            if matches!(
                e.kind(),
                io::ErrorKind::WouldBlock | io::ErrorKind::Interrupted
            ) =>
        {
            !restored
        }
        Err(_) => true,
    }
}

/// Sleeps `delay_ms` in steps of ~10 ms, checking the peer between steps. Returns `true` as
/// soon as the client is gone.
pub fn delay_watching(stream: &TcpStream, delay_ms: u64) -> bool {
    let deadline = Instant::now() + Duration::from_millis(delay_ms);
    loop {
        if peer_gone(stream) {
            return true;
        }
        let now = Instant::now();
        if now >= deadline {
            return false;
        }
        thread::sleep((deadline - now).min(Duration::from_millis(10)));
    }
}

/// Closes the connection without sending anything.
pub fn drop_before_response(stream: &TcpStream) {
    let _ = stream.shutdown(Shutdown::Both);
}

/// Sends `response`'s head announcing more body than follows, a few body bytes, then closes.
pub fn drop_after_headers(stream: &mut TcpStream, response: &Response) {
    let body = &response.body;
    let announced = body.len().max(16);
    let sent = body.len().min(8);
    let mut bytes = response.head_bytes(announced, true);
    bytes.extend_from_slice(body.get(..sent).unwrap_or_default());
    let _ = stream.write_all(&bytes);
    let _ = stream.flush();
    let _ = stream.shutdown(Shutdown::Both);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::json::parse;

    #[test]
    fn base64() {
        assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64_decode("aGVsbG8").unwrap(), b"hello");
        assert_eq!(base64_decode("").unwrap(), b"");
        assert_eq!(base64_decode("/w==").unwrap(), [255]);
        assert!(base64_decode("a").is_none());
        assert!(base64_decode("aGVs!").is_none());
        assert!(base64_decode("aG==VsbG8").is_none());
    }

    #[test]
    fn corpus_names_and_types() {
        for (name, ok) in [
            ("200-ok-x.json", true),
            ("500-ServerError-page.html", true),
            ("a.xml", true),
            ("a.txt", true),
            ("a.bin", true),
            ("a.js", false),
            ("noext", false),
            ("", false),
            (".hidden.json", false),
            ("../200-ok-x.json", false),
            ("..json", false),
            ("a/b.json", false),
            ("a\\b.json", false),
            ("a\0.json", false),
        ] {
            assert_eq!(valid_corpus_name(name), ok, "{name:?}");
        }
        assert_eq!(
            corpus_content_type("x.json"),
            Some("application/json; charset=utf-8")
        );
        assert_eq!(
            corpus_content_type("x.bin"),
            Some("application/octet-stream")
        );
    }

    #[test]
    fn repeat_multiplies_the_body() {
        let faults = parse_faults(
            &parse(r#"{"status":200,"body":"ab","repeat":3}"#).unwrap(),
            None,
        )
        .unwrap();
        let response = faults[0].response.as_ref().unwrap();
        assert_eq!(response.body, b"ababab");
    }

    #[test]
    fn parses_faults_and_refuses_mistakes() {
        let faults = parse_faults(&parse(r#"[{"status":503,"headers":{"Retry-After":"1"},"body":"x"},{"delayMs":5,"path":"/v1/a"}]"#).unwrap(), None).unwrap();
        assert_eq!(faults.len(), 2);
        let response = faults[0].response.as_ref().unwrap();
        assert_eq!(
            (response.status, response.body.as_slice()),
            (503, &b"x"[..])
        );
        assert_eq!(faults[1].path.as_deref(), Some("/v1/a"));
        for bad in [
            r#"{"corpus":"200-ok-x.json"}"#,
            r#"{"status":200,"repeat":2}"#,
            r#"{"body":"x","repeat":2}"#,
            r#"{"status":200,"body":"x","repeat":0}"#,
            r#"{"status":200,"body":"x","repeat":-1}"#,
            r#"{"status":200,"body":"x","repeat":1.5}"#,
            r#"{"status":200,"body":"xy","repeat":33554433}"#,
            r#"{"stauts":500}"#,
            r#"{"status":99}"#,
            r#"{"status":"500"}"#,
            r#"{"body":"no status"}"#,
            r#"{"status":500,"body":"a","bodyBase64":"YQ=="}"#,
            r#"{"status":500,"headers":{"Content-Length":"5"}}"#,
            r#"{"status":500,"headers":{"X":"a\r\nb"}}"#,
            r#"{"drop":"sometimes"}"#,
            r#"{"delayMs":-1}"#,
            r#"[1]"#,
        ] {
            assert!(parse_faults(&parse(bad).unwrap(), None).is_err(), "{bad}");
        }
    }
}
