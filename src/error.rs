//! The one error type of the SDK.
//!
//! [`Error`] is declared once: its variants are the error kinds callers switch on, its fields
//! the details each kind carries, its `Display` the message. In JavaScript it becomes an
//! `AdultWorkError` whose own properties are the variant serialized with serde (`kind`,
//! `status`, `serverMessage`, `issues`, `retryAfterMs`), and tsify derives the TypeScript union
//! of those shapes from the same declaration. Nothing here ever holds the access token; the
//! client redacts it from whatever a server echoed back ([`Error::redact`]).
//!
//! Why one file of about 770 lines: the error type, its messages, the accessors callers read and
//! the redaction of the token from every message and path are one concern (a new kind touches
//! all of them); about 250 of the lines are its tests.

use std::fmt;

use send_wrapper::SendWrapper;
use serde::Serialize;
#[cfg(feature = "js")]
use tsify::Tsify;

/// A value that breaks its rule: what was expected, what was given, and why not. What the
/// rule types' conversions (`BookingId::try_from(0)`) return; its text is the message the same
/// value gets in an [`Issue`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("expected {expected}, got {got}{}", why.map(|why| format!(": {why}")).unwrap_or_default())]
pub struct Invalid {
    /// What a valid value looks like.
    pub expected: &'static str,
    /// What was given, as a message shows it.
    pub got: String,
    /// Why it does not qualify, when "expected …, got …" does not say it all.
    pub why: Option<&'static str>,
}

impl Invalid {
    /// This problem as an [`Error::InvalidRequest`] about the field at `path` (`"BookingID"`),
    /// the error a call gives for the same value in that field.
    ///
    /// ```no_run
    /// use adultwork_sdk::{rules::BookingId, Error};
    ///
    /// fn booking(id: i64) -> Result<BookingId, Error> {
    ///     BookingId::try_from(id).map_err(|invalid| invalid.at("BookingID"))
    /// }
    /// let error = booking(0).unwrap_err();
    /// assert_eq!(error.kind(), "InvalidRequest");
    /// assert_eq!(error.issues()[0].path, "BookingID");
    /// ```
    pub fn at(self, path: impl Into<String>) -> Error {
        Error::InvalidRequest {
            context: "Invalid request",
            issues: vec![Issue::new(path, self.to_string())],
        }
    }
}

/// `?` on a rule type's conversion: an [`Error::InvalidRequest`] whose one issue is the value
/// itself (path `""`); [`Invalid::at`] names the field.
impl From<Invalid> for Error {
    fn from(invalid: Invalid) -> Self {
        invalid.at("")
    }
}

/// One problem with a request, an option or an answer's field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
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

/// What an HTTP error answer said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct HttpFailure {
    /// The HTTP status.
    pub status: u16,
    /// The server's own message, when it gave one (one line, at most 300 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub server_message: Option<String>,
    /// How long the server asked the caller to wait (`Retry-After`), in milliseconds.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(optional))]
    pub retry_after_ms: Option<u64>,
}

/// The JavaScript value behind a failure (what `fetch` threw, what the token function threw,
/// the signal's reason), kept as the JavaScript error's `cause`.
///
/// Kept in a [`SendWrapper`] so that [`Error`] is `Send + Sync`: a Wasm instance has one
/// thread, the one that made the value.
///
/// Any two `Cause`s compare equal: a JavaScript value has no equality Rust could check
/// (`Object.is` says two equal-looking `TypeError`s differ), so [`Error`]'s `PartialEq`
/// compares everything but the cause.
#[derive(Clone, Default)]
pub struct Cause(Option<SendWrapper<wasm_bindgen::JsValue>>);

impl Cause {
    /// The cause of a failure.
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    pub(crate) fn of(value: wasm_bindgen::JsValue) -> Cause {
        Cause(Some(SendWrapper::new(value)))
    }

    /// The JavaScript value, when there is one.
    pub fn value(&self) -> Option<&wasm_bindgen::JsValue> {
        self.0.as_deref()
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Cause")
    }
}

impl PartialEq for Cause {
    /// Always `true`: see the type's documentation.
    fn eq(&self, _: &Cause) -> bool {
        true
    }
}

impl Eq for Cause {}

// The doc comments of `Error`, `HttpFailure` and `Issue` (and their fields) are also the
// TypeScript declarations' (tsify copies them into the `.d.ts`): what is for Rust callers only
// is said on the `impl` below.
/// Every failure of the SDK. Switch on the variant (in JavaScript: on `error.kind`).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify), tsify(rename = "ErrorDetails"))]
#[serde(tag = "kind", rename_all_fields = "camelCase")]
#[non_exhaustive]
pub enum Error {
    /// The options are wrong (or the access token function returned something that is not a
    /// token); nothing was sent.
    #[error("{}", Listed(.context, .issues))]
    InvalidConfig {
        /// What was being read ("Invalid client options").
        #[serde(skip)]
        context: &'static str,
        /// Every problem, with its path.
        issues: Vec<Issue>,
    },
    /// The request (or an argument) is wrong; nothing was sent.
    #[error("{}", Listed(.context, .issues))]
    InvalidRequest {
        /// What was being read ("Invalid request").
        #[serde(skip)]
        context: &'static str,
        /// Every problem, with its path.
        issues: Vec<Issue>,
    },
    /// HTTP 400: the server found the request malformed.
    #[error("The server rejected the request as malformed{0}")]
    BadRequest(HttpFailure),
    /// HTTP 401 (after one refresh, when the token comes from a function), or the token
    /// function threw: no valid token.
    #[error("{}", unauthorized(.status, .server_message))]
    Unauthorized {
        /// The HTTP status, when a response arrived (absent when the token function threw).
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "js", tsify(optional))]
        status: Option<u16>,
        /// The server's own message, when it gave one.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "js", tsify(optional))]
        server_message: Option<String>,
        /// `Retry-After`, in milliseconds, when the server sent it.
        #[serde(skip_serializing_if = "Option::is_none")]
        #[cfg_attr(feature = "js", tsify(optional))]
        retry_after_ms: Option<u64>,
        /// What the token function threw.
        #[serde(skip)]
        cause: Cause,
    },
    /// HTTP 403: the token may not do this (the `account_phonechat_bookings` scope, or a
    /// booking of another user).
    #[error("The access token is not allowed to do this (check the account_phonechat_bookings scope and the booking's owner){0}")]
    Forbidden(HttpFailure),
    /// HTTP 404: no such booking (for this user) or endpoint.
    #[error("The server found no such booking or endpoint{0}")]
    NotFound(HttpFailure),
    /// HTTP 409: the booking's state does not allow the change.
    #[error("The booking's state does not allow this{0}")]
    Conflict(HttpFailure),
    /// HTTP 429, after the allowed retries.
    #[error("Too many requests: the server asked the client to slow down{0}")]
    RateLimited(HttpFailure),
    /// HTTP 5xx.
    #[error("The server failed to handle the request{0}")]
    ServerError(HttpFailure),
    /// Any other non-2xx status, including a redirect (never followed).
    #[error("{}", other_status(.0))]
    HttpError(HttpFailure),
    /// A 2xx answer that is not what the API documents; every problem is listed.
    #[error("{}", Listed(.context, .issues))]
    InvalidResponse {
        /// What was being read ("The server's answer is not a valid MadeBooking").
        #[serde(skip)]
        context: String,
        /// Every problem, with its path.
        issues: Vec<Issue>,
    },
    /// No answer arrived (offline, DNS, CORS, a dropped connection).
    #[error("The request failed without an answer (offline, DNS, CORS, or the connection broke): {method} {url}{}", detail.as_deref().map(|d| format!(": {d}")).unwrap_or_default())]
    NetworkError {
        /// The request's method.
        #[serde(skip)]
        method: &'static str,
        /// The request's URL.
        #[serde(skip)]
        url: String,
        /// The innermost message of what `fetch` threw.
        #[serde(skip)]
        detail: Option<String>,
        /// What `fetch` threw.
        #[serde(skip)]
        cause: Cause,
    },
    /// An attempt took longer than its time limit (`timeoutMs`), or the caller's signal fired
    /// with a `TimeoutError` (`AbortSignal.timeout()`).
    #[error("{}", if *.by_signal { "The request was stopped by its AbortSignal's time limit (a TimeoutError)".to_owned() } else { format!("The request took longer than {timeout_ms} ms (timeoutMs) and was abandoned") })]
    Timeout {
        /// The time limit, when it was `timeoutMs`.
        #[serde(skip)]
        timeout_ms: u32,
        /// Whether the caller's signal timed out rather than `timeoutMs`.
        #[serde(skip)]
        by_signal: bool,
        /// The signal's reason, when the signal timed out.
        #[serde(skip)]
        cause: Cause,
    },
    /// The caller's `AbortSignal` fired.
    #[error("The request was aborted by its AbortSignal")]
    Aborted {
        /// The signal's reason.
        #[serde(skip)]
        cause: Cause,
    },
}

/// "What (2 problems): a: x; b: y."
struct Listed<'a, C: AsRef<str>>(&'a C, &'a [Issue]);

impl<C: AsRef<str>> fmt::Display for Listed<'_, C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Listed(what, issues) = self;
        let count = issues.len();
        let plural = if count == 1 { "" } else { "s" };
        write!(f, "{} ({count} problem{plural}): ", what.as_ref())?;
        let mut last = "";
        for (i, issue) in issues.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            if !issue.path.is_empty() {
                write!(f, "{}: ", issue.path)?;
            }
            f.write_str(&issue.message)?;
            last = &issue.message;
        }
        if !last.ends_with(['.', '?', '!']) {
            f.write_str(".")?;
        }
        Ok(())
    }
}

/// " (HTTP 409): Already cancelled." or " (HTTP 409)."
impl fmt::Display for HttpFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, " (HTTP {})", self.status)?;
        if self.status == 429 {
            if let Some(ms) = self.retry_after_ms {
                write!(f, "; it asked to wait {}", wait(ms))?;
            }
        }
        match &self.server_message {
            Some(said) => write!(f, ": {said}"),
            None => f.write_str("."),
        }
    }
}

/// A wait in words: "0 s", "2 s", "1.5 s", "2 min" (whole tenths: no float formatting).
fn wait(ms: u64) -> String {
    if ms >= 120_000 && ms % 60_000 == 0 {
        format!("{} min", ms / 60_000)
    } else if ms % 1000 == 0 {
        format!("{} s", ms / 1000)
    } else {
        let tenths = (ms + 50) / 100;
        format!("{}.{} s", tenths / 10, tenths % 10)
    }
}

fn unauthorized(status: &Option<u16>, said: &Option<String>) -> String {
    match status {
        Some(status) => {
            let failure = HttpFailure {
                status: *status,
                server_message: said.clone(),
                retry_after_ms: None,
            };
            format!("The access token was missing, expired or rejected{failure}")
        }
        None => {
            "The accessToken function threw or rejected, so no token was available (see `cause`)"
                .to_owned()
        }
    }
}

fn other_status(failure: &HttpFailure) -> String {
    if (300..400).contains(&failure.status) || failure.status == 0 {
        "The server answered with a redirect, which the SDK does not follow: the access token must not travel to another address".to_owned()
    } else {
        format!("The server answered with an unexpected status{failure}")
    }
}

/// For Rust callers: [`Error::kind`] is the name JavaScript's `error.kind` gives. `Error` is
/// non-exhaustive (kinds may be added in a minor version, so a `match` keeps a last arm), and
/// so is [`HttpFailure`] (build one with [`Error::http`]). Two errors are equal (`PartialEq`,
/// `Eq`) when their kind and every detail are: everything but the JavaScript `cause`, since
/// any two [`Cause`]s compare equal.
impl Error {
    /// The kind's name, exactly the JavaScript `AdultWorkError`'s `kind`: the variant's name
    /// (`"Conflict"`, `"NetworkError"`, …), which is also its serde tag `kind`.
    ///
    /// ```ignore-wasm32
    /// use adultwork_sdk::Error;
    ///
    /// let error = Error::http(409, Some("The booking is already cancelled.".into()), None);
    /// assert_eq!(error.kind(), "Conflict");
    /// assert_eq!(error.status(), Some(409));
    /// ```
    pub fn kind(&self) -> &'static str {
        // The compiler checks that every variant is here; the unit test `kind_is_the_serde_tag`
        // checks each name against the serde tag, which the JavaScript `kind` is made from.
        match self {
            Error::InvalidConfig { .. } => "InvalidConfig",
            Error::InvalidRequest { .. } => "InvalidRequest",
            Error::BadRequest(_) => "BadRequest",
            Error::Unauthorized { .. } => "Unauthorized",
            Error::Forbidden(_) => "Forbidden",
            Error::NotFound(_) => "NotFound",
            Error::Conflict(_) => "Conflict",
            Error::RateLimited(_) => "RateLimited",
            Error::ServerError(_) => "ServerError",
            Error::HttpError(_) => "HttpError",
            Error::InvalidResponse { .. } => "InvalidResponse",
            Error::NetworkError { .. } => "NetworkError",
            Error::Timeout { .. } => "Timeout",
            Error::Aborted { .. } => "Aborted",
        }
    }

    /// The error for a non-2xx answer.
    pub fn http(status: u16, server_message: Option<String>, retry_after_ms: Option<u64>) -> Self {
        let failure = HttpFailure {
            status,
            server_message,
            retry_after_ms,
        };
        match status {
            400 => Error::BadRequest(failure),
            401 => Error::Unauthorized {
                status: Some(status),
                server_message: failure.server_message,
                retry_after_ms: failure.retry_after_ms,
                cause: Cause::default(),
            },
            403 => Error::Forbidden(failure),
            404 => Error::NotFound(failure),
            409 => Error::Conflict(failure),
            429 => Error::RateLimited(failure),
            500..=599 => Error::ServerError(failure),
            _ => Error::HttpError(failure),
        }
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            Error::Unauthorized { status, .. } => *status,
            other => other.failure().map(|f| f.status),
        }
    }

    /// Every problem found, for the validation kinds.
    pub fn issues(&self) -> &[Issue] {
        match self {
            Error::InvalidConfig { issues, .. }
            | Error::InvalidRequest { issues, .. }
            | Error::InvalidResponse { issues, .. } => issues,
            _ => &[],
        }
    }

    /// The server's own message, when one arrived.
    pub fn server_message(&self) -> Option<&str> {
        match self {
            Error::Unauthorized { server_message, .. } => server_message.as_deref(),
            other => other.failure().and_then(|f| f.server_message.as_deref()),
        }
    }

    /// The HTTP failure of the kinds that carry one (all statuses but `401`).
    fn failure(&self) -> Option<&HttpFailure> {
        match self {
            Error::BadRequest(f)
            | Error::Forbidden(f)
            | Error::NotFound(f)
            | Error::Conflict(f)
            | Error::RateLimited(f)
            | Error::ServerError(f)
            | Error::HttpError(f) => Some(f),
            _ => None,
        }
    }

    /// Replaces `token` wherever a server (or an answer's value) echoed it back as a whole:
    /// in the server's message and in the issues, which quote received values (in their
    /// messages) and received keys (in their paths, which the error's message shows). The SDK's own
    /// words are never touched, and a token too short to be secret is replaced just the same.
    pub fn redact(&mut self, token: &str) {
        let token = token.trim();
        if token.is_empty() {
            return;
        }
        let fix = |text: &mut String| {
            if let Some(clean) = redacted(text, token, token_char) {
                *text = clean;
            }
        };
        // In a path a key stands between `.`s and brackets, even a key with dots in it.
        let fix_path = |path: &mut String| {
            if let Some(clean) = redacted(path, token, |c| c != '.' && token_char(c)) {
                *path = clean;
            }
        };
        match self {
            Error::BadRequest(HttpFailure { server_message, .. })
            | Error::Forbidden(HttpFailure { server_message, .. })
            | Error::NotFound(HttpFailure { server_message, .. })
            | Error::Conflict(HttpFailure { server_message, .. })
            | Error::RateLimited(HttpFailure { server_message, .. })
            | Error::ServerError(HttpFailure { server_message, .. })
            | Error::HttpError(HttpFailure { server_message, .. })
            | Error::Unauthorized { server_message, .. } => {
                if let Some(said) = server_message {
                    fix(said);
                }
            }
            Error::InvalidConfig { issues, .. }
            | Error::InvalidRequest { issues, .. }
            | Error::InvalidResponse { issues, .. } => {
                for issue in issues {
                    fix(&mut issue.message);
                    fix_path(&mut issue.path);
                }
            }
            Error::NetworkError { detail, .. } => {
                if let Some(detail) = detail {
                    fix(detail);
                }
            }
            Error::Timeout { .. } | Error::Aborted { .. } => {}
        }
    }
}

/// Characters a bearer token is made of (RFC 6750's b64token): an occurrence of the token is
/// "whole" when no such character touches it on either side.
fn token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '~' | '+' | '/' | '=')
}

/// `text` with every whole occurrence of `token` (no character of `touches` on either side)
/// replaced by `[redacted]`, or `None` when it has none.
fn redacted(text: &str, token: &str, touches: impl Fn(char) -> bool) -> Option<String> {
    let mut out = String::new();
    let mut rest = text;
    let mut changed = false;
    while let Some(at) = rest.find(token) {
        let before = rest.get(..at).unwrap_or("");
        let after = rest.get(at + token.len()..).unwrap_or("");
        let whole = !before.chars().next_back().is_some_and(&touches)
            && !after.chars().next().is_some_and(&touches);
        out.push_str(before);
        if whole {
            out.push_str("[redacted]");
            changed = true;
        } else {
            out.push_str(token);
        }
        rest = after;
    }
    out.push_str(rest);
    changed.then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_every_issue_in_the_message() {
        let e = Error::InvalidRequest {
            context: "Invalid request",
            issues: vec![Issue::new("BookingID", "bad"), Issue::new("", "worse")],
        };
        assert_eq!(
            e.to_string(),
            "Invalid request (2 problems): BookingID: bad; worse."
        );
        let hint = Error::InvalidConfig {
            context: "Invalid options",
            issues: vec![Issue::new("maxRetry", "did you mean \"maxRetries\"?")],
        };
        assert_eq!(
            hint.to_string(),
            "Invalid options (1 problem): maxRetry: did you mean \"maxRetries\"?"
        );
    }

    #[test]
    fn maps_statuses_and_says_what_the_server_said() {
        for (status, kind) in [
            (400, "BadRequest"),
            (401, "Unauthorized"),
            (403, "Forbidden"),
            (404, "NotFound"),
            (409, "Conflict"),
            (429, "RateLimited"),
            (500, "ServerError"),
            (503, "ServerError"),
            (599, "ServerError"),
            (302, "HttpError"),
            (418, "HttpError"),
        ] {
            let e = Error::http(status, None, None);
            assert!(format!("{e:?}").starts_with(kind), "{status}: {e:?}");
            assert_eq!(e.status(), Some(status));
        }
        let e = Error::http(409, Some("Already cancelled.".into()), None);
        assert!(e.to_string().ends_with("(HTTP 409): Already cancelled."));
        let e = Error::http(429, None, Some(2000));
        assert_eq!(
            e.to_string(),
            "Too many requests: the server asked the client to slow down (HTTP 429); it asked to wait 2 s."
        );
        assert_eq!(wait(1500), "1.5 s");
        assert_eq!(wait(120_000), "2 min");
        assert!(Error::http(302, None, None)
            .to_string()
            .contains("redirect"));
    }

    /// One error of every kind (`every_kind_is_listed` checks that against the declaration).
    fn one_of_each() -> Vec<Error> {
        let issues = || vec![Issue::new("BookingID", "bad")];
        vec![
            Error::InvalidConfig {
                context: "Invalid client options",
                issues: issues(),
            },
            Error::InvalidRequest {
                context: "Invalid request",
                issues: issues(),
            },
            Error::http(400, None, None),
            Error::http(401, Some("expired".into()), None),
            Error::Unauthorized {
                status: None,
                server_message: None,
                retry_after_ms: None,
                cause: Cause::default(),
            },
            Error::http(403, None, None),
            Error::http(404, None, None),
            Error::http(409, Some("Already cancelled.".into()), None),
            Error::http(429, None, Some(2000)),
            Error::http(503, None, None),
            Error::http(302, None, None),
            Error::InvalidResponse {
                context: "The server's answer is not a valid MadeBooking".into(),
                issues: issues(),
            },
            Error::NetworkError {
                method: "POST",
                url: "https://api.adultwork.com/v1/PhoneChat/CancelMadeBooking".into(),
                detail: Some("connect ECONNREFUSED".into()),
                cause: Cause::default(),
            },
            Error::Timeout {
                timeout_ms: 200,
                by_signal: false,
                cause: Cause::default(),
            },
            Error::Aborted {
                cause: Cause::default(),
            },
        ]
    }

    #[test]
    fn kind_is_the_serde_tag() {
        // The JavaScript `kind` is the serde tag (`js::error_value` reads it from the
        // serialized variant), so `kind()` must give exactly that string for every variant.
        for error in one_of_each() {
            let tagged = serde_json::to_value(&error).unwrap();
            assert_eq!(
                tagged.get("kind").and_then(|k| k.as_str()),
                Some(error.kind()),
                "{error:?}"
            );
            // And the variant's name as Debug prints it.
            assert!(format!("{error:?}").starts_with(error.kind()), "{error:?}");
        }
    }

    #[cfg(feature = "js")]
    #[test]
    fn every_kind_is_listed() {
        let mut kinds: Vec<&str> = one_of_each().iter().map(Error::kind).collect();
        kinds.dedup();
        // The kinds of the TypeScript union tsify derives from the declaration (what the
        // `.d.ts` ships): `one_of_each` must cover every variant, so the tests above see them.
        let declared: Vec<&str> = <Error as Tsify>::DECL
            .split("kind: \"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .collect();
        assert_eq!(kinds, declared, "{}", <Error as Tsify>::DECL);
        assert_eq!(
            kinds,
            [
                "InvalidConfig",
                "InvalidRequest",
                "BadRequest",
                "Unauthorized",
                "Forbidden",
                "NotFound",
                "Conflict",
                "RateLimited",
                "ServerError",
                "HttpError",
                "InvalidResponse",
                "NetworkError",
                "Timeout",
                "Aborted",
            ]
        );
    }

    #[test]
    fn errors_compare_every_detail_but_the_cause() {
        let all = one_of_each();
        for (i, a) in all.iter().enumerate() {
            for (j, b) in all.iter().enumerate() {
                assert_eq!(a == b, i == j, "{a:?} vs {b:?}");
            }
        }
        // The same kind with another detail differs.
        assert_ne!(
            Error::http(409, Some("Already cancelled.".into()), None),
            Error::http(409, Some("Already confirmed.".into()), None)
        );
        assert_ne!(
            Error::http(503, None, None),
            Error::http(503, None, Some(1000))
        );
        let timeout = |ms| Error::Timeout {
            timeout_ms: ms,
            by_signal: false,
            cause: Cause::default(),
        };
        assert_ne!(timeout(200), timeout(300));
        assert_eq!(timeout(200), timeout(200).clone());
        let invalid = |path: &str| Error::InvalidRequest {
            context: "Invalid request",
            issues: vec![Issue::new(path, "bad")],
        };
        assert_ne!(invalid("BookingID"), invalid("Reason"));
        // The cause is not compared.
        assert_eq!(Cause::default(), Cause::default());
    }

    #[test]
    fn redacts_the_token_only_where_it_stands_whole() {
        let mut e = Error::http(
            401,
            Some("Token tok-Secret-42 is not valid for tok-Secret-42x or xtok-Secret-42".into()),
            None,
        );
        e.redact("tok-Secret-42");
        assert_eq!(
            e.server_message(),
            Some("Token [redacted] is not valid for tok-Secret-42x or xtok-Secret-42")
        );
        // The SDK's own words stay, even when the token is one of them.
        let mut e = Error::http(401, Some("expired".into()), None);
        e.redact("expired");
        assert_eq!(
            e.to_string(),
            "The access token was missing, expired or rejected (HTTP 401): [redacted]"
        );
        // Short tokens are never echoed either.
        let mut e = Error::InvalidResponse {
            context: "x".into(),
            issues: vec![Issue::new("Status", "got a string (\"ab\")")],
        };
        e.redact("ab");
        assert_eq!(e.issues()[0].message, "got a string (\"[redacted]\")");
    }

    #[test]
    fn redacts_the_token_from_issue_paths_where_it_is_a_key() {
        let token = "tok.Secret-42";
        let mut e = Error::InvalidResponse {
            context: "x".into(),
            issues: [
                token.to_owned(),
                format!("Settings.{token}"),
                format!("Settings.{token}.Value"),
                format!("[0].{token}[1]"),
                format!("Settings.{token}x"),
                format!("x{token}"),
            ]
            .into_iter()
            .map(|path| Issue::new(path, "bad"))
            .collect(),
        };
        e.redact(token);
        let paths: Vec<&str> = e.issues().iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "[redacted]",
                "Settings.[redacted]",
                "Settings.[redacted].Value",
                "[0].[redacted][1]",
                "Settings.tok.Secret-42x",
                "xtok.Secret-42"
            ]
        );
        // What the message shows: only the two that were not the token.
        assert_eq!(e.to_string().matches(token).count(), 2);
    }
}
