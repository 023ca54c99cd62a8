//! The one error type of the SDK, before it becomes a JavaScript `AdultWorkError`.
//!
//! Every failure, from a bad option to a malformed server answer, ends here with a [`ErrorKind`]
//! that callers switch on, a plain-words message, and the details the contract promises
//! (`status`, `serverMessage`, `issues`, `retryAfterMs`). Nothing in this module ever sees the
//! access token; the Wasm surface redacts it once more before an error leaves.

use tsify::Tsify;

use crate::json::{self, Reader, Scalar};

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
    let text = String::from_utf8_lossy(body);
    let text = text.trim_start_matches('\u{FEFF}').trim();
    if text.is_empty() {
        return None;
    }
    let found = match text.as_bytes().first() {
        Some(b'{') => message_from_json(text).unwrap_or_else(|| text.to_owned()),
        Some(b'"') => match Reader::new(text).value(0) {
            Ok((Scalar::Str(s), _)) => s.value().into_owned(),
            _ => text.to_owned(),
        },
        Some(b'<') => message_from_markup(text),
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
        if key.is("ModelState") && r.peek_value_start() == Some(b'{') {
            collect_model_state(&mut r, &mut model_state);
            continue;
        }
        let rank = KEYS.iter().position(|k| key.is(k));
        let is_error_object = key.is("error") && r.peek_value_start() == Some(b'{');
        if is_error_object {
            // {"error": {"message": "..."}}
            if let Some(inner) = nested_message(&mut r) {
                best = Some((0, inner));
            }
            continue;
        }
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
        out.push_str(&messages.join(" "));
    }
}

/// The `<title>` of an HTML page, else the text of the markup without tags, scripts or styles.
fn message_from_markup(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    if let (Some(start), Some(end)) = (lower.find("<title>"), lower.find("</title>")) {
        if let Some(title) = text.get(start + 7..end) {
            let title = decode_entities(title.trim());
            if !title.is_empty() {
                return title;
            }
        }
    }
    let mut out = String::with_capacity(text.len().min(4096));
    let mut rest = text;
    let mut rest_lower = lower.as_str();
    while let Some(lt) = rest.find('<') {
        out.push_str(rest.get(..lt).unwrap_or(""));
        out.push(' ');
        let after_lower = rest_lower.get(lt..).unwrap_or("");
        // Drop whole <script> and <style> elements.
        let skip_to = ["script", "style"].iter().find_map(|tag| {
            let open = ["<", tag].concat();
            let close = ["</", tag, ">"].concat();
            after_lower
                .starts_with(&open)
                .then(|| after_lower.find(&close).map(|e| e + close.len()))
                .flatten()
        });
        let consumed = match skip_to {
            Some(n) => lt + n,
            None => match after_lower.find('>') {
                Some(gt) => lt + gt + 1,
                None => rest.len(),
            },
        };
        rest = rest.get(consumed..).unwrap_or("");
        rest_lower = rest_lower.get(consumed..).unwrap_or("");
        if out.len() > 4 * SERVER_MESSAGE_MAX_CHARS {
            break;
        }
    }
    out.push_str(rest);
    decode_entities(&out)
}

fn decode_entities(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace() || c.is_control()) {
        if word.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
        if out.len() > 4 * SERVER_MESSAGE_MAX_CHARS {
            break;
        }
    }
    out
}

/// At most `max` characters of `s`, with an ellipsis when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_owned(),
        Some((cut, _)) => {
            let mut out = s.get(..cut).unwrap_or("").trim_end().to_owned();
            out.push('…');
            out
        }
    }
}
