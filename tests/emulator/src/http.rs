//! Just enough HTTP/1.1 on `std::net`: reading requests, writing responses.
//!
//! Hand-rolled on purpose: fault injection needs raw control of the socket (close before a
//! byte, close after a truncated body, notice when the client hangs up), which server
//! libraries hide. What is supported:
//!
//! - origin-form targets (`/path?query`; absolute-form is reduced to its path), HTTP/1.0 and
//!   1.1, keep-alive, pipelining (bytes read past one request stay buffered for the next);
//! - head lines ending in CRLF or bare LF; header names are lowercased; the head (request line
//!   plus headers) may be at most [`MAX_HEAD`] bytes → `431`;
//! - bodies by `Content-Length` only: more than [`MAX_BODY`] → `413`, any `Transfer-Encoding`
//!   (chunked) → `411`, a bad or conflicting `Content-Length` → `400`;
//! - `Expect: 100-continue` is answered before the body is read.
//!
//! Anything malformed is a [`HeadError::Malformed`]: the caller answers `400` and closes.
//! Nothing here panics on input.

use std::io::{self, Read, Write};

/// The largest request head accepted.
pub const MAX_HEAD: usize = 64 * 1024;
/// The largest request body accepted.
pub const MAX_BODY: usize = 1024 * 1024;

/// A parsed request.
#[derive(Debug, Clone)]
pub struct Request {
    /// The method, as sent (methods are case-sensitive).
    pub method: String,
    /// The path part of the target, still percent-encoded.
    pub path: String,
    /// The query string without `?` (`""` if none).
    pub query: String,
    /// Whether the request line said HTTP/1.0.
    pub http10: bool,
    /// Headers in arrival order, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The body bytes.
    pub body: Vec<u8>,
}

impl Request {
    /// The first value of a header (`name` in lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// All values of a header joined with `", "`, as HTTP allows for list headers.
    pub fn header_joined(&self, name: &str) -> Option<String> {
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect();
        (!values.is_empty()).then(|| values.join(", "))
    }

    /// Whether a comma-separated header contains `token` (case-insensitive).
    pub fn header_has_token(&self, name: &str, token: &str) -> bool {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .flat_map(|(_, v)| v.split(','))
            .any(|t| t.trim().eq_ignore_ascii_case(token))
    }

    /// Whether the client asked to close the connection after this exchange.
    pub fn wants_close(&self) -> bool {
        if self.header_has_token("connection", "close") {
            return true;
        }
        self.http10 && !self.header_has_token("connection", "keep-alive")
    }

    /// The first value of a query parameter, percent-decoded (`+` is a space).
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query.split('&').find_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_query_component(key) == name).then(|| decode_query_component(value))
        })
    }
}

/// Decodes `%XX` escapes (invalid ones are kept as they are). Returns raw bytes.
pub fn percent_decode(text: &str) -> Vec<u8> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |j: usize| bytes.get(j).and_then(|c| char::from(*c).to_digit(16));
        if let (b'%', Some(hi), Some(lo)) = (b, hex(i + 1), hex(i + 2)) {
            out.push((hi * 16 + lo) as u8);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

fn decode_query_component(text: &str) -> String {
    String::from_utf8_lossy(&percent_decode(&text.replace('+', " "))).into_owned()
}

/// Why no request could be read.
#[derive(Debug)]
pub enum HeadError {
    /// The connection ended or failed (cleanly between requests, or mid-request): just close.
    Closed,
    /// The head exceeded [`MAX_HEAD`]: answer `431` and close.
    TooLarge,
    /// Not HTTP/1.x as we accept it: answer `400` and close.
    Malformed(&'static str),
}

/// How to read the body of a request whose head is parsed.
#[derive(Debug, PartialEq, Eq)]
pub enum BodyError {
    /// `Transfer-Encoding` was used: `411`.
    LengthRequired,
    /// `Content-Length` above [`MAX_BODY`]: `413`.
    TooLarge,
    /// An unreadable or conflicting `Content-Length`: `400`.
    BadLength,
}

/// Position just past the blank line that ends the head, if the buffer holds one.
fn head_end(buf: &[u8]) -> Option<usize> {
    buf.iter().enumerate().find_map(|(i, &b)| {
        if b != b'\n' {
            return None;
        }
        match (buf.get(i + 1), buf.get(i + 2)) {
            (Some(b'\n'), _) => Some(i + 2),
            (Some(b'\r'), Some(b'\n')) => Some(i + 3),
            _ => None,
        }
    })
}

/// Reads the next request head from `stream`, using and refilling `buf` (which keeps bytes
/// that arrived beyond this head). Returns a [`Request`] with an empty body.
pub fn read_head(stream: &mut impl Read, buf: &mut Vec<u8>) -> Result<Request, HeadError> {
    let mut chunk = [0u8; 8192];
    loop {
        // Blank lines before a request line are ignored (RFC 9112 §2.2).
        let blank = buf
            .iter()
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        buf.drain(..blank);
        if let Some(end) = head_end(buf) {
            if end > MAX_HEAD {
                return Err(HeadError::TooLarge);
            }
            let head: Vec<u8> = buf.drain(..end).collect();
            return parse_head(&head);
        }
        if buf.len() > MAX_HEAD {
            return Err(HeadError::TooLarge);
        }
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => return Err(HeadError::Closed),
            Ok(n) => buf.extend_from_slice(chunk.get(..n).unwrap_or_default()),
        }
    }
}

fn is_token(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn parse_head(head: &[u8]) -> Result<Request, HeadError> {
    let text = String::from_utf8_lossy(head);
    let mut lines = text
        .split('\n')
        .map(|line| line.strip_suffix('\r').unwrap_or(line));
    let request_line = lines.next().unwrap_or_default();
    let mut parts = request_line.split(' ');
    let (Some(method), Some(target), Some(version), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return Err(HeadError::Malformed("bad request line"));
    };
    if !is_token(method) {
        return Err(HeadError::Malformed("bad method"));
    }
    let http10 = match version {
        "HTTP/1.1" => false,
        "HTTP/1.0" => true,
        _ => return Err(HeadError::Malformed("unsupported HTTP version")),
    };
    let target = target.split('#').next().unwrap_or_default();
    let target = match target.find("://") {
        // Absolute-form (what a proxy would get): keep only the path and query.
        Some(at) if !target.starts_with('/') => {
            let rest = target.get(at + 3..).unwrap_or_default();
            match rest.find(['/', '?']) {
                Some(slash) => rest.get(slash..).unwrap_or("/").to_owned(),
                None => "/".to_owned(),
            }
        }
        _ => target.to_owned(),
    };
    let target = if target.starts_with('?') {
        format!("/{target}")
    } else {
        target
    };
    if !(target.starts_with('/') || (target == "*" && method == "OPTIONS")) {
        return Err(HeadError::Malformed("bad request target"));
    }
    if target.bytes().any(|b| b.is_ascii_control()) {
        return Err(HeadError::Malformed(
            "control character in the request target",
        ));
    }
    let (path, query) = target.split_once('?').unwrap_or((&target, ""));

    let mut headers = Vec::new();
    for line in lines {
        if line.is_empty() {
            continue; // the final blank line
        }
        if line.starts_with([' ', '\t']) {
            return Err(HeadError::Malformed("obsolete header line folding"));
        }
        let Some((name, value)) = line.split_once(':') else {
            return Err(HeadError::Malformed("header line without a colon"));
        };
        if !is_token(name) {
            return Err(HeadError::Malformed("bad header name"));
        }
        if value.contains(['\r', '\0']) {
            return Err(HeadError::Malformed("bad header value"));
        }
        headers.push((
            name.to_ascii_lowercase(),
            value.trim_matches([' ', '\t']).to_owned(),
        ));
    }
    Ok(Request {
        method: method.to_owned(),
        path: path.to_owned(),
        query: query.to_owned(),
        http10,
        headers,
        body: Vec::new(),
    })
}

/// The body length a request announces.
pub fn body_length(request: &Request) -> Result<usize, BodyError> {
    if request.header("transfer-encoding").is_some() {
        return Err(BodyError::LengthRequired);
    }
    let mut length: Option<u64> = None;
    for (_, value) in request
        .headers
        .iter()
        .filter(|(n, _)| n == "content-length")
    {
        for item in value.split(',') {
            let item = item.trim();
            if item.is_empty() || !item.bytes().all(|b| b.is_ascii_digit()) {
                return Err(BodyError::BadLength);
            }
            // Too many digits for u64 is certainly too large.
            let n = item.parse::<u64>().unwrap_or(u64::MAX);
            if length.is_some_and(|previous| previous != n) {
                return Err(BodyError::BadLength);
            }
            length = Some(n);
        }
    }
    match length {
        None => Ok(0),
        Some(n) if n > MAX_BODY as u64 => Err(BodyError::TooLarge),
        Some(n) => Ok(n as usize),
    }
}

/// Reads exactly `length` body bytes, first from `buf` (bytes already received).
pub fn read_body(stream: &mut impl Read, buf: &mut Vec<u8>, length: usize) -> io::Result<Vec<u8>> {
    let from_buf = length.min(buf.len());
    let mut body: Vec<u8> = buf.drain(..from_buf).collect();
    if body.len() < length {
        let mut rest = vec![0u8; length - body.len()];
        stream.read_exact(&mut rest)?;
        body.extend_from_slice(&rest);
    }
    Ok(body)
}

/// A response to write.
#[derive(Debug, Clone)]
pub struct Response {
    /// The status code.
    pub status: u16,
    /// Headers in order (`Content-Length` and `Connection` are added when writing).
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Response {
    /// A response without headers or body.
    pub fn new(status: u16) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    /// A response with a body and its content type.
    pub fn with_body(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Response {
        Response::new(status)
            .header("Content-Type", content_type)
            .body(body)
    }

    /// A JSON response.
    pub fn json(status: u16, value: &crate::json::Json) -> Response {
        Response::with_body(status, "application/json; charset=utf-8", value.to_string())
    }

    /// A plain-text response.
    pub fn text(status: u16, text: &str) -> Response {
        Response::with_body(status, "text/plain; charset=utf-8", text)
    }

    /// Adds a header (builder style).
    pub fn header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    /// Replaces the body (builder style).
    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Response {
        self.body = body.into();
        self
    }

    /// Whether a header is present (case-insensitive).
    pub fn has_header(&self, name: &str) -> bool {
        self.headers
            .iter()
            .any(|(n, _)| n.eq_ignore_ascii_case(name))
    }

    /// Adds a header unless one of that name is already there.
    pub fn default_header(&mut self, name: &str, value: &str) {
        if !self.has_header(name) {
            self.headers.push((name.to_owned(), value.to_owned()));
        }
    }

    /// Whether the response itself asks to close the connection.
    pub fn says_close(&self) -> bool {
        self.headers.iter().any(|(n, v)| {
            n.eq_ignore_ascii_case("connection")
                && v.split(',').any(|t| t.trim().eq_ignore_ascii_case("close"))
        })
    }

    /// Whether this status forbids a body (RFC 9110: 1xx, 204, 304).
    fn bodiless(&self) -> bool {
        self.status < 200 || self.status == 204 || self.status == 304
    }

    /// The status line and headers, announcing `content_length` body bytes.
    pub fn head_bytes(&self, content_length: usize, close: bool) -> Vec<u8> {
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        // A 204 or 304 must not carry Content-Length (RFC 9110 §8.6); everything else does.
        if !self.bodiless() {
            head.push_str(&format!("Content-Length: {content_length}\r\n"));
        }
        head.push_str(if close {
            "Connection: close\r\n"
        } else {
            "Connection: keep-alive\r\n"
        });
        head.push_str("\r\n");
        head.into_bytes()
    }

    /// Writes the whole response (no body for `HEAD` or bodiless statuses).
    pub fn write_to(
        &self,
        stream: &mut impl Write,
        head_only: bool,
        close: bool,
    ) -> io::Result<()> {
        let body: &[u8] = if self.bodiless() { &[] } else { &self.body };
        let mut bytes = self.head_bytes(body.len(), close);
        if !head_only {
            bytes.extend_from_slice(body);
        }
        stream.write_all(&bytes)?;
        stream.flush()
    }
}

/// The reason phrase of a status code.
pub fn reason(status: u16) -> &'static str {
    match status {
        100 => "Continue",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        301 => "Moved Permanently",
        302 => "Found",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        409 => "Conflict",
        411 => "Length Required",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head(text: &str) -> Result<Request, HeadError> {
        let mut buf = text.as_bytes().to_vec();
        read_head(&mut io::empty(), &mut buf)
    }

    #[test]
    fn parses_a_request_and_keeps_the_rest_buffered() {
        let mut buf =
            b"\r\nGET /a/b?x=1&y=%41+b HTTP/1.1\r\nHost: h\r\nX-A: 1\r\nx-a:  2 \r\n\r\nNEXT"
                .to_vec();
        let req = read_head(&mut io::empty(), &mut buf).unwrap();
        assert_eq!((req.method.as_str(), req.path.as_str()), ("GET", "/a/b"));
        assert_eq!(req.query, "x=1&y=%41+b");
        assert_eq!(req.query_param("y").as_deref(), Some("A b"));
        assert_eq!(req.header_joined("x-a").as_deref(), Some("1, 2"));
        assert_eq!(buf, b"NEXT");
    }

    #[test]
    fn accepts_bare_lf_and_absolute_form() {
        let req = head("GET http://127.0.0.1:9/v1/x?q HTTP/1.0\nA: b\n\n").unwrap();
        assert_eq!(
            (req.path.as_str(), req.query.as_str(), req.http10),
            ("/v1/x", "q", true)
        );
        assert!(req.wants_close());
    }

    #[test]
    fn rejects_malformed_heads() {
        for bad in [
            "GET / HTTP/2\r\n\r\n",
            "GET /\r\n\r\n",
            "GET  / HTTP/1.1\r\n\r\n",
            "G(T / HTTP/1.1\r\n\r\n",
            "GET x HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
            "GET / HTTP/1.1\r\nA: b\r\n folded\r\n\r\n",
            "GET / HTTP/1.1\r\nBad Name: b\r\n\r\n",
        ] {
            assert!(matches!(head(bad), Err(HeadError::Malformed(_))), "{bad:?}");
        }
        assert!(matches!(head("GET / HTTP/1.1\r\n"), Err(HeadError::Closed)));
        let huge = format!("GET / HTTP/1.1\r\nA: {}\r\n\r\n", "x".repeat(MAX_HEAD));
        assert!(matches!(head(&huge), Err(HeadError::TooLarge)));
    }

    #[test]
    fn body_lengths() {
        let with = |headers: &[(&str, &str)]| {
            let mut req = head("POST / HTTP/1.1\r\n\r\n").unwrap();
            req.headers = headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect();
            body_length(&req)
        };
        assert_eq!(with(&[]), Ok(0));
        assert_eq!(with(&[("content-length", "12")]), Ok(12));
        assert_eq!(with(&[("content-length", "12, 12")]), Ok(12));
        assert_eq!(
            with(&[("content-length", "12"), ("content-length", "13")]),
            Err(BodyError::BadLength)
        );
        assert_eq!(with(&[("content-length", "-1")]), Err(BodyError::BadLength));
        assert_eq!(
            with(&[("content-length", "99999999999999999999999")]),
            Err(BodyError::TooLarge)
        );
        assert_eq!(
            with(&[("content-length", "1048577")]),
            Err(BodyError::TooLarge)
        );
        assert_eq!(
            with(&[("transfer-encoding", "chunked")]),
            Err(BodyError::LengthRequired)
        );
    }
}
