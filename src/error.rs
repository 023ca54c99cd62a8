//! The one error type of the SDK, before it becomes a JavaScript `AdultWorkError`.
//!
//! Every failure, from a bad option to a malformed server answer, ends here with a [`ErrorKind`]
//! that callers switch on, a plain-words message, and the details the contract promises
//! (`status`, `serverMessage`, `issues`, `retryAfterMs`). Nothing in this module ever sees the
//! access token; the Wasm surface redacts it once more before an error leaves.

use tsify::Tsify;

use crate::json::{self, Reader, Scalar};
use crate::text;

/// What went wrong, as a string union in TypeScript.
///
/// - `InvalidConfig`: the client options are wrong (thrown before any request).
/// - `InvalidRequest`: the request (or an argument) is wrong; nothing was sent.
/// - `BadRequest` (400), `Unauthorized` (401), `Forbidden` (403), `NotFound` (404),
///   `Conflict` (409), `RateLimited` (429), `ServerError` (5xx), `HttpError` (any other
///   non-2xx, including a redirect the SDK refused to follow).
/// - `InvalidResponse`: a 2xx answer that is not what the API documents.
/// - `NetworkError`: no answer arrived (offline, DNS, CORS, connection dropped).
/// - `Timeout`: an attempt took longer than `timeoutMs`.
/// - `Aborted`: the caller's `AbortSignal` fired.
#[derive(Tsify, Debug, Clone, Copy, PartialEq, Eq)]
#[tsify(
    type = "\"InvalidConfig\" | \"InvalidRequest\" | \"BadRequest\" | \"Unauthorized\" | \"Forbidden\" | \"NotFound\" | \"Conflict\" | \"RateLimited\" | \"ServerError\" | \"HttpError\" | \"InvalidResponse\" | \"NetworkError\" | \"Timeout\" | \"Aborted\""
)]
#[allow(missing_docs)]
pub enum ErrorKind {
    InvalidConfig,
    InvalidRequest,
    BadRequest,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    ServerError,
    HttpError,
    InvalidResponse,
    NetworkError,
    Timeout,
    Aborted,
}

impl ErrorKind {
    /// The name JavaScript sees in `error.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorKind::InvalidConfig => "InvalidConfig",
            ErrorKind::InvalidRequest => "InvalidRequest",
            ErrorKind::BadRequest => "BadRequest",
            ErrorKind::Unauthorized => "Unauthorized",
            ErrorKind::Forbidden => "Forbidden",
            ErrorKind::NotFound => "NotFound",
            ErrorKind::Conflict => "Conflict",
            ErrorKind::RateLimited => "RateLimited",
            ErrorKind::ServerError => "ServerError",
            ErrorKind::HttpError => "HttpError",
            ErrorKind::InvalidResponse => "InvalidResponse",
            ErrorKind::NetworkError => "NetworkError",
            ErrorKind::Timeout => "Timeout",
            ErrorKind::Aborted => "Aborted",
        }
    }

    /// The kind for a non-2xx HTTP status.
    pub fn for_status(status: u16) -> ErrorKind {
        match status {
            400 => ErrorKind::BadRequest,
            401 => ErrorKind::Unauthorized,
            403 => ErrorKind::Forbidden,
            404 => ErrorKind::NotFound,
            409 => ErrorKind::Conflict,
            429 => ErrorKind::RateLimited,
            500..=599 => ErrorKind::ServerError,
            _ => ErrorKind::HttpError,
        }
    }
}

/// One problem with a request, an option or a response field.
#[derive(Tsify, Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Where: a field path such as `"Candidate.UserID"` or `"timeoutMs"`; `""` is the value
    /// itself (for example a request that is not an object).
    pub path: String,
    /// What was wrong and what was expected, in plain words.
    pub message: String,
}

impl Issue {
    /// An issue at `path`.
    pub fn new(path: impl Into<String>, message: impl Into<String>) -> Self {
        Issue {
            path: path.into(),
            message: message.into(),
        }
    }
}

/// An SDK failure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    /// What went wrong.
    pub kind: ErrorKind,
    /// A sentence for people.
    pub message: String,
    /// The HTTP status, when a response arrived.
    pub status: Option<u16>,
    /// The server's own message, when it gave one.
    pub server_message: Option<String>,
    /// Every problem found, for the validation kinds.
    pub issues: Vec<Issue>,
    /// How long the server asked the caller to wait (`Retry-After`), in milliseconds.
    pub retry_after_ms: Option<u64>,
}

impl Error {
    /// An error with just a kind and a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            status: None,
            server_message: None,
            issues: Vec::new(),
            retry_after_ms: None,
        }
    }

    /// A validation error listing every issue; `what` introduces them ("Invalid request").
    pub fn invalid(kind: ErrorKind, what: &str, issues: Vec<Issue>) -> Self {
        let mut message = String::from(what);
        message.push_str(if issues.len() == 1 {
            " (1 problem): "
        } else {
            " ("
        });
        if issues.len() != 1 {
            json::write_int(&mut message, issues.len() as i64);
            message.push_str(" problems): ");
        }
        for (i, issue) in issues.iter().enumerate() {
            if i > 0 {
                message.push_str("; ");
            }
            if !issue.path.is_empty() {
                message.push_str(&issue.path);
                message.push_str(": ");
            }
            message.push_str(&issue.message);
        }
        message.push('.');
        Error {
            issues,
            ..Error::new(kind, message)
        }
    }

    /// The error for a non-2xx response.
    pub fn http(status: u16, server_message: Option<String>, retry_after_ms: Option<u64>) -> Self {
        let kind = ErrorKind::for_status(status);
        let mut message = String::from(match kind {
            ErrorKind::BadRequest => "The server rejected the request as malformed",
            ErrorKind::Unauthorized => "The access token was missing, expired or rejected",
            ErrorKind::Forbidden => "The access token is not allowed to do this (check the account_phonechat_bookings scope and the booking's owner)",
            ErrorKind::NotFound => "The server found no such booking or endpoint",
            ErrorKind::Conflict => "The booking's state does not allow this",
            ErrorKind::RateLimited => "Too many requests: the server asked the client to slow down",
            ErrorKind::ServerError => "The server failed to handle the request",
            _ => "The server answered with an unexpected status",
        });
        message.push_str(" (HTTP ");
        json::write_int(&mut message, i64::from(status));
        message.push(')');
        if let Some(said) = &server_message {
            message.push_str(": ");
            message.push_str(said);
        } else {
            message.push('.');
        }
        Error {
            status: Some(status),
            server_message,
            retry_after_ms,
            ..Error::new(kind, message)
        }
    }
}

/// How much of a server's message the SDK keeps.
pub const SERVER_MESSAGE_MAX_CHARS: usize = 300;

/// Reads a human message out of an error body, whatever its shape: JSON with
/// `Message`/`message`/`error_description`/`error`/`title`/`detail`, ASP.NET `ModelState`,
/// plain text, or an HTML/XML page (its `<title>`, else its text). The result is one line of at
/// most [`SERVER_MESSAGE_MAX_CHARS`] characters, or `None` when nothing readable was there.
pub fn server_message(body: &[u8]) -> Option<String> {
    // Keep the valid UTF-8 prefix: a message, not a faithful copy, is the goal.
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(body.get(..e.valid_up_to()).unwrap_or(&[])).unwrap_or(""),
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text).trim();
    let found = match text.as_bytes().first()? {
        b'{' => message_from_json(text).unwrap_or_else(|| text.to_owned()),
        b'"' => match Reader::new(text).value(0) {
            Ok((Scalar::Str(s), _)) => s.value().into_owned(),
            _ => text.to_owned(),
        },
        b'<' => message_from_markup(text),
        _ => text.to_owned(),
    };
    let line = collapse_whitespace(&found);
    if line.is_empty() {
        return None;
    }
    Some(truncate(&line, SERVER_MESSAGE_MAX_CHARS))
}

fn message_from_json(text: &str) -> Option<String> {
    const KEYS: [&str; 7] = [
        "Message",
        "message",
        "error_description",
        "error",
        "title",
        "detail",
        "ExceptionMessage",
    ];
    let mut best: Option<(usize, String)> = None;
    let mut model_state = String::new();
    let mut r = Reader::new(text);
    r.begin_object().ok()?;
    let mut first = true;
    while let Ok(Some(key)) = r.next_key(&mut first) {
        let nested = r.peek_value_start() == Some(b'{');
        if key.is("ModelState") && nested {
            collect_model_state(&mut r, &mut model_state);
            continue;
        }
        if key.is("error") && nested {
            // {"error": {"message": "..."}}
            if let Some(inner) = nested_message(&mut r) {
                best = Some((0, inner));
            }
            continue;
        }
        let rank = KEYS.iter().position(|k| key.is(k));
        let Ok((value, _)) = r.value(1) else { break };
        if let (Some(rank), Scalar::Str(s)) = (rank, value) {
            if best.as_ref().is_none_or(|(b, _)| rank < *b) {
                best = Some((rank, s.value().into_owned()));
            }
        }
    }
    let mut out = best.map(|(_, m)| m).unwrap_or_default();
    if !model_state.is_empty() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&model_state);
    }
    (!out.is_empty()).then_some(out)
}

fn nested_message(r: &mut Reader<'_>) -> Option<String> {
    r.begin_object().ok()?;
    let mut first = true;
    let mut found = None;
    while let Ok(Some(key)) = r.next_key(&mut first) {
        let (value, _) = r.value(2).ok()?;
        if let (true, Scalar::Str(s)) = (key.is("message") || key.is("Message"), value) {
            found = Some(s.value().into_owned());
        }
    }
    found
}

/// `"ModelState": {"request.BookingID": ["The BookingID field is required."]}` becomes
/// `request.BookingID: The BookingID field is required.`
fn collect_model_state(r: &mut Reader<'_>, out: &mut String) {
    if r.begin_object().is_err() {
        return;
    }
    let mut first = true;
    while let Ok(Some(key)) = r.next_key(&mut first) {
        let mut messages: Vec<String> = Vec::new();
        if r.peek_value_start() == Some(b'[') && r.begin_array().is_ok() {
            let mut first_item = true;
            while let Ok(true) = r.next_item(&mut first_item) {
                match r.value(3) {
                    Ok((Scalar::Str(s), _)) => messages.push(s.value().into_owned()),
                    Ok(_) => {}
                    Err(_) => return,
                }
            }
        } else {
            match r.value(2) {
                Ok((Scalar::Str(s), _)) => messages.push(s.value().into_owned()),
                Ok(_) => continue,
                Err(_) => return,
            }
        }
        if !out.is_empty() {
            out.push_str("; ");
        }
        out.push_str(&key.value());
        out.push_str(": ");
        text::join_into(out, &messages, " ");
    }
}

/// The `<title>` of an HTML page, else the text of the markup without tags, scripts or styles.
fn message_from_markup(markup: &str) -> String {
    let b = markup.as_bytes();
    if let Some(start) = text::find_ci(b, b"<title>", 0) {
        let end = text::find_ci(b, b"</title>", start).unwrap_or(b.len());
        let title = decode_entities(markup.get(start + 7..end).unwrap_or("").trim());
        if !title.is_empty() {
            return title;
        }
    }
    let mut out = String::new();
    let mut i = 0;
    while i < b.len() && out.len() <= 4 * SERVER_MESSAGE_MAX_CHARS {
        if b.get(i) != Some(&b'<') {
            let next = text::find_byte(b, b'<', i).unwrap_or(b.len());
            out.push_str(markup.get(i..next).unwrap_or(""));
            i = next;
            continue;
        }
        // Skip a tag, or a whole <script>/<style> element.
        let element_end = |name: &[u8], close: &[u8]| {
            text::starts_with_ci(b, i, name)
                .then(|| text::find_ci(b, close, i).map(|e| e + close.len()))
                .flatten()
        };
        i = element_end(b"<script", b"</script>")
            .or_else(|| element_end(b"<style", b"</style>"))
            .or_else(|| text::find_byte(b, b'>', i).map(|e| e + 1))
            .unwrap_or(b.len());
        out.push(' ');
    }
    decode_entities(&out)
}

/// Decodes the handful of entities error pages use; anything else stays as written.
fn decode_entities(s: &str) -> String {
    const ENTITIES: [(&str, char); 6] = [
        ("&lt;", '<'),
        ("&gt;", '>'),
        ("&quot;", '"'),
        ("&#39;", '\''),
        ("&nbsp;", ' '),
        ("&amp;", '&'),
    ];
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let entity = (c == '&')
            .then(|| {
                ENTITIES
                    .iter()
                    .find(|(e, _)| rest.as_bytes().starts_with(e.as_bytes()))
            })
            .flatten();
        match entity {
            Some((e, decoded)) => {
                out.push(*decoded);
                rest = rest.get(e.len()..).unwrap_or("");
            }
            None => {
                out.push(c);
                rest = rest.get(c.len_utf8()..).unwrap_or("");
            }
        }
    }
    out
}

/// One line: runs of white space and control characters become one space.
fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len().min(8 * SERVER_MESSAGE_MAX_CHARS));
    let mut gap = false;
    for c in s.chars() {
        if c.is_whitespace() || c.is_control() {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push(' ');
            gap = false;
        }
        out.push(c);
        if out.len() > 4 * SERVER_MESSAGE_MAX_CHARS {
            break;
        }
    }
    out
}

/// At most `max` characters of `s`, the last one an ellipsis when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().nth(max).is_none() {
        return s.to_owned();
    }
    let cut = s
        .char_indices()
        .nth(max.saturating_sub(1))
        .map_or(s.len(), |(i, _)| i);
    let mut out = s.get(..cut).unwrap_or("").trim_end().to_owned();
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(body: &str) -> Option<String> {
        server_message(body.as_bytes())
    }

    #[test]
    fn reads_messages_from_every_shape_of_error_body() {
        assert_eq!(
            said(r#"{"Message":"Booking not found."}"#).as_deref(),
            Some("Booking not found.")
        );
        assert_eq!(
            said(r#"{"error":"invalid_token","error_description":"The token expired"}"#).as_deref(),
            Some("The token expired")
        );
        assert_eq!(
            said(r#"{"error":{"code":7,"message":"Nope"}}"#).as_deref(),
            Some("Nope")
        );
        assert_eq!(
            said(r#"{"Message":"The request is invalid.","ModelState":{"request.BookingID":["Required.","Must be positive."],"request.Reason":["Required."]}}"#).as_deref(),
            Some("The request is invalid. request.BookingID: Required. Must be positive.; request.Reason: Required.")
        );
        assert_eq!(said("  plain\n text  ").as_deref(), Some("plain text"));
        assert_eq!(said(r#""just a string""#).as_deref(), Some("just a string"));
        assert_eq!(said("").as_deref(), None);
        assert_eq!(said(" \n\t ").as_deref(), None);
        assert_eq!(said("{}").as_deref(), Some("{}"));
    }

    #[test]
    fn reads_html_and_xml_pages() {
        let page = "<!DOCTYPE html><html><head><TITLE>503 Service Unavailable &amp; more</TITLE>\
                    <style>body{}</style></head><body><h1>Down</h1></body></html>";
        assert_eq!(
            said(page).as_deref(),
            Some("503 Service Unavailable & more")
        );
        let no_title =
            "<html><head><script>var x = '<b>';</script></head><body><h1>Server Error</h1>\
                        <p>Try &lt;later&gt;.</p></body></html>";
        assert_eq!(said(no_title).as_deref(), Some("Server Error Try <later>."));
        let xml = "<Error><Message>Booking not found</Message></Error>";
        assert_eq!(said(xml).as_deref(), Some("Booking not found"));
    }

    #[test]
    fn keeps_messages_short_and_on_one_line() {
        let long = "word ".repeat(500);
        let m = said(&long).unwrap();
        assert!(m.chars().count() <= SERVER_MESSAGE_MAX_CHARS);
        assert!(m.ends_with('…'));
        let mut bad = b"Broken \xff\xfe bytes".to_vec();
        bad.extend_from_slice(b" after");
        assert_eq!(server_message(&bad).as_deref(), Some("Broken"));
    }

    #[test]
    fn truncates_to_the_limit_with_an_ellipsis() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(truncate("é€😀x", 3), "é€…");
        assert_eq!(truncate("", 0), "");
    }

    #[test]
    fn maps_statuses() {
        for (status, kind) in [
            (400, ErrorKind::BadRequest),
            (401, ErrorKind::Unauthorized),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (409, ErrorKind::Conflict),
            (429, ErrorKind::RateLimited),
            (500, ErrorKind::ServerError),
            (503, ErrorKind::ServerError),
            (599, ErrorKind::ServerError),
            (302, ErrorKind::HttpError),
            (418, ErrorKind::HttpError),
        ] {
            assert_eq!(ErrorKind::for_status(status), kind);
        }
    }

    #[test]
    fn lists_every_issue_in_the_message() {
        let e = Error::invalid(
            ErrorKind::InvalidRequest,
            "Invalid request",
            vec![Issue::new("BookingID", "bad"), Issue::new("", "worse")],
        );
        assert_eq!(
            e.message,
            "Invalid request (2 problems): BookingID: bad; worse."
        );
        let one = Error::invalid(
            ErrorKind::InvalidRequest,
            "Invalid request",
            vec![Issue::new("x", "y")],
        );
        assert_eq!(one.message, "Invalid request (1 problem): x: y.");
        let http = Error::http(409, Some("Already cancelled.".into()), None);
        assert_eq!(http.kind, ErrorKind::Conflict);
        assert!(http.message.ends_with("(HTTP 409): Already cancelled."));
    }
}
