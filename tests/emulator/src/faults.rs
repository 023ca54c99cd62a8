//! Fault injection: what a queued fault may say. How each one is carried out on the hyper
//! connection is in [`crate::exchange`] (breaking the connection) and [`crate::server`] (the
//! order of things).
//!
//! A fault is posted as JSON to `/__emulator/faults` and waits in a FIFO queue. The next
//! non-`OPTIONS` request to an API path (`/v1/...`: every route of [`crate::api`], the
//! `/v1/Groups/...` one and the partly documented ones included, and unknown `/v1` paths)
//! takes the oldest fault whose `path` is absent or equal to the request path (a fault for
//! another path does not block the queue).
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
//! - While delaying, the emulator notices a client that closes the connection at once (hyper
//!   watches the socket of a request in flight and drops its handler), abandons the request and
//!   logs it as `client-gone`.
//! - A fault is parsed and checked (headers, status, corpus file, base64) when it is posted, so
//!   a bad one is a `400` to the test that posted it, never a failure later.

use std::fs;
use std::io;
use std::path::Path;

use base64::engine::general_purpose::{STANDARD_PAD_INDIFFERENT, URL_SAFE_PAD_INDIFFERENT};
use base64::Engine;
use bytes::Bytes;
use http::{HeaderName, HeaderValue, StatusCode};
use serde::Deserialize;
use serde_json::value::RawValue;

use crate::object::{type_name, JsonObject};

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
///
/// A blocking read, on the task of the control request that posted the fault: corpus files
/// are small and tests post faults one at a time.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DropMode {
    /// Close without sending anything.
    BeforeResponse,
    /// Send the head and part of the body, then close.
    AfterHeaders,
}

/// The answer a fault gives instead of the API's.
#[derive(Debug, Clone)]
pub struct Canned {
    /// The status.
    pub status: StatusCode,
    /// Headers in order; they replace the emulator's headers of the same names.
    pub headers: Vec<(HeaderName, HeaderValue)>,
    /// The body.
    pub body: Bytes,
}

/// A queued fault.
#[derive(Debug, Clone)]
pub struct Fault {
    /// The JSON it was posted as (what `GET /__emulator/faults` shows).
    pub raw: Box<RawValue>,
    /// Only for requests to this path.
    pub path: Option<String>,
    /// Wait this long first.
    pub delay_ms: u64,
    /// Answer this instead of handling the request.
    pub response: Option<Canned>,
    /// Break the connection.
    pub drop: Option<DropMode>,
}

/// A fault as posted. Unknown fields are refused, so a typo fails the test that posted it.
#[derive(Debug, Deserialize)]
#[serde(
    deny_unknown_fields,
    rename_all = "camelCase",
    expecting = "a fault object"
)]
struct Spec {
    path: Option<String>,
    delay_ms: Option<u64>,
    status: Option<u16>,
    headers: Option<JsonObject>,
    content_type: Option<String>,
    body: Option<String>,
    body_base64: Option<String>,
    corpus: Option<String>,
    repeat: Option<u64>,
    drop: Option<DropMode>,
}

/// Reads one fault or an array of them (the body of `POST /__emulator/faults`); `corpus` is
/// the `--corpus` directory, if any.
pub fn parse_faults(text: &str, corpus: Option<&Path>) -> Result<Vec<Fault>, String> {
    let raw: Box<RawValue> =
        serde_json::from_str(text).map_err(|e| format!("the body is not valid JSON: {e}"))?;
    if type_name(&raw) != "an array" {
        return parse_fault(raw, corpus).map(|fault| vec![fault]);
    }
    let items: Vec<Box<RawValue>> =
        serde_json::from_str(raw.get()).map_err(|e| format!("the body is not valid JSON: {e}"))?;
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| parse_fault(item, corpus).map_err(|e| format!("fault [{i}]: {e}")))
        .collect()
}

fn header(name: &str, value: &str) -> Result<(HeaderName, HeaderValue), String> {
    let header_name = HeaderName::from_bytes(name.as_bytes())
        .map_err(|_| format!("header name {name:?} is not valid"))?;
    if header_name == http::header::CONTENT_LENGTH || header_name == http::header::TRANSFER_ENCODING
    {
        return Err(format!(
            "header {name:?} cannot be set; use \"drop\" to break the framing"
        ));
    }
    let header_value = HeaderValue::from_str(value).map_err(|_| {
        format!("the value of header {name:?} contains a control character (CR, LF, NUL, ...)")
    })?;
    Ok((header_name, header_value))
}

fn parse_fault(raw: Box<RawValue>, corpus: Option<&Path>) -> Result<Fault, String> {
    let spec: Spec = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
    let delay_ms = spec.delay_ms.unwrap_or(0);
    if delay_ms > MAX_DELAY_MS {
        return Err(format!("\"delayMs\" must be an integer 0–{MAX_DELAY_MS}"));
    }
    let mut status = match spec.status {
        Some(code) if (200..=599).contains(&code) => StatusCode::from_u16(code).ok(),
        Some(_) => return Err("\"status\" must be an integer 200–599".to_owned()),
        None => None,
    };
    let mut headers = Vec::new();
    for (name, value) in spec.headers.iter().flat_map(JsonObject::members) {
        let value: String = serde_json::from_str(value.get())
            .map_err(|_| format!("the value of header {name:?} must be a string"))?;
        headers.push(header(name, &value)?);
    }
    let given = [&spec.body, &spec.body_base64, &spec.corpus];
    if given.iter().filter(|b| b.is_some()).count() > 1 {
        return Err("give only one of \"body\", \"bodyBase64\" and \"corpus\"".to_owned());
    }
    let mut content_type = spec.content_type;
    let mut body: Option<Vec<u8>> = spec.body.map(String::into_bytes);
    if let Some(text) = &spec.body_base64 {
        body = Some(base64_decode(text).ok_or("\"bodyBase64\" is not valid base64")?);
    }
    if let Some(file) = &spec.corpus {
        body = Some(read_corpus_file(corpus, file)?);
        // The number the name starts with is the status; the extension gives the type.
        let file_status = file
            .split('-')
            .next()
            .and_then(|n| n.parse::<u16>().ok())
            .filter(|n| (200..=599).contains(n))
            .and_then(|n| StatusCode::from_u16(n).ok());
        status = status.or(file_status);
        let typed = headers.iter().any(|(n, _)| n == http::header::CONTENT_TYPE);
        if content_type.is_none() && !typed {
            content_type = corpus_content_type(file).map(str::to_owned);
        }
    }
    if let Some(times) = spec.repeat {
        let once = body.as_deref().ok_or("\"repeat\" needs a body to repeat")?;
        let times = usize::try_from(times)
            .ok()
            .filter(|n| *n >= 1)
            .ok_or("\"repeat\" must be a whole number, 1 or more")?;
        if once.len().saturating_mul(times) > MAX_REPEATED_BODY {
            return Err(format!(
                "\"repeat\" would make a body of more than {MAX_REPEATED_BODY} bytes"
            ));
        }
        body = Some(once.repeat(times));
    }
    if let Some(text) = content_type {
        headers.retain(|(n, _)| n != http::header::CONTENT_TYPE);
        headers.push(header("Content-Type", &text)?);
    }
    let response = match status {
        Some(status) => Some(Canned {
            status,
            headers,
            body: Bytes::from(body.unwrap_or_default()),
        }),
        None if !headers.is_empty() || body.is_some() => {
            return Err(
                "\"headers\", \"contentType\", \"body\", \"bodyBase64\", \"corpus\" \
                 and \"repeat\" need a \"status\""
                    .to_owned(),
            );
        }
        None => None,
    };
    Ok(Fault {
        raw,
        path: spec.path,
        delay_ms,
        response,
        drop: spec.drop,
    })
}

/// Decodes standard or URL-safe base64, padding optional, whitespace ignored.
pub fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let compact: String = text.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    STANDARD_PAD_INDIFFERENT
        .decode(&compact)
        .or_else(|_| URL_SAFE_PAD_INDIFFERENT.decode(&compact))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64() {
        assert_eq!(base64_decode("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64_decode("aGVsbG8").unwrap(), b"hello");
        assert_eq!(base64_decode("aGVs bG8=\n").unwrap(), b"hello");
        assert_eq!(base64_decode("").unwrap(), b"");
        assert_eq!(base64_decode("/w==").unwrap(), [255]);
        assert_eq!(base64_decode("_w").unwrap(), [255]);
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
        let faults = parse_faults(r#"{"status":200,"body":"ab","repeat":3}"#, None).unwrap();
        let response = faults[0].response.as_ref().unwrap();
        assert_eq!(response.body, &b"ababab"[..]);
    }

    #[test]
    fn parses_faults_and_refuses_mistakes() {
        let faults = parse_faults(
            r#"[{"status":503,"headers":{"Retry-After":"1"},"body":"x"},{"delayMs":5,"path":"/v1/a"}]"#,
            None,
        )
        .unwrap();
        assert_eq!(faults.len(), 2);
        let response = faults[0].response.as_ref().unwrap();
        assert_eq!(
            (response.status.as_u16(), &response.body[..]),
            (503, &b"x"[..])
        );
        assert_eq!(
            faults[0].raw.get(),
            r#"{"status":503,"headers":{"Retry-After":"1"},"body":"x"}"#
        );
        assert_eq!(faults[1].path.as_deref(), Some("/v1/a"));
        assert_eq!(faults[1].delay_ms, 5);
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
            r#"{"status":500,"headers":{"X":1}}"#,
            r#"{"status":500,"headers":{"Bad Name":"x"}}"#,
            r#"{"drop":"sometimes"}"#,
            r#"{"delayMs":-1}"#,
            r#"{"delayMs":600001}"#,
            r#"[1]"#,
            r#"nope"#,
        ] {
            assert!(parse_faults(bad, None).is_err(), "{bad}");
        }
    }
}
