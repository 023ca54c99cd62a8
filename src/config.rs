//! Client and call options: checked once, before any request, into plain settings.

use crate::error::Issue;
use crate::input::{Given, Input};
use crate::json;

/// Sandbox API origin (the default environment).
pub const SANDBOX_URL: &str = "https://api-sandbox.adultwork.com";
/// Production API origin.
pub const PRODUCTION_URL: &str = "https://api.adultwork.com";
/// Default time limit of one attempt.
pub const DEFAULT_TIMEOUT_MS: u32 = 30_000;
/// Largest accepted `timeoutMs` (10 minutes).
pub const MAX_TIMEOUT_MS: u32 = 600_000;
/// Default number of extra attempts.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Largest accepted `maxRetries`.
pub const MAX_RETRIES: u32 = 10;

/// Keys of `ClientOptions`.
pub const CLIENT_KEYS: &[&str] = &[
    "accessToken",
    "environment",
    "baseUrl",
    "timeoutMs",
    "maxRetries",
];
/// Keys of `RequestOptions`.
pub const CALL_KEYS: &[&str] = &["signal", "timeoutMs"];
/// Keys of the one-shot functions' options (`ClientOptions & RequestOptions`).
pub const ONE_SHOT_KEYS: &[&str] = &[
    "accessToken",
    "environment",
    "baseUrl",
    "timeoutMs",
    "maxRetries",
    "signal",
];

/// Checked client settings. The token itself stays in JavaScript (see the Wasm surface).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Origin plus optional path prefix, without a trailing slash.
    pub base_url: String,
    /// Time limit of each attempt.
    pub timeout_ms: u32,
    /// Extra attempts allowed.
    pub max_retries: u32,
}

/// Checks client options (`keys` says which keys are allowed: [`CLIENT_KEYS`] or
/// [`ONE_SHOT_KEYS`]): the access token must be a non-blank string or a function (the Wasm
/// surface keeps the token itself in JavaScript). Returns the settings, or every issue.
pub fn check_client(given: &Given, keys: &[&str]) -> Result<Settings, Vec<Issue>> {
    if let Given::NotObject(input) = given {
        let mut m = String::from("expected an options object with at least accessToken, got ");
        match input {
            // Most likely the token itself (`cancelMadeBooking(request, token)`): never repeat
            // it, since messages end up in logs.
            Input::Str(_) => m.push_str("a string (pass { accessToken: token }, not the token)"),
            other => other.describe(&mut m),
        }
        return Err(vec![Issue::new("", m)]);
    }
    let mut issues = Vec::new();
    unknown_keys(given, keys, &mut issues);

    match given.get("accessToken") {
        Input::Secret { blank: false } | Input::Function => {}
        Input::Secret { blank: true } => issues.push(Issue::new(
            "accessToken",
            "is empty; expected the user's access token",
        )),
        Input::Undefined => issues.push(Issue::new(
            "accessToken",
            "is required; expected a string or a function returning one",
        )),
        other => {
            let mut m = String::from("expected a string or a function returning one, got ");
            other.describe(&mut m);
            issues.push(Issue::new("accessToken", m));
        }
    }

    let env_url = match given.get("environment") {
        Input::Undefined => SANDBOX_URL,
        Input::Str(s) if s == "sandbox" => SANDBOX_URL,
        Input::Str(s) if s == "production" => PRODUCTION_URL,
        other => {
            let mut m = String::from("expected \"sandbox\" or \"production\", got ");
            other.describe(&mut m);
            issues.push(Issue::new("environment", m));
            SANDBOX_URL
        }
    };
    let base_url = match given.get("baseUrl") {
        Input::Undefined => env_url.to_owned(),
        Input::Str(s) => base_url(s).unwrap_or_else(|problem| {
            issues.push(Issue::new("baseUrl", problem));
            String::new()
        }),
        other => {
            let mut m = String::from("expected a URL string, got ");
            other.describe(&mut m);
            issues.push(Issue::new("baseUrl", m));
            String::new()
        }
    };
    let timeout_ms = timeout(given, &mut issues).unwrap_or(DEFAULT_TIMEOUT_MS);
    let max_retries =
        whole(given, "maxRetries", 0, MAX_RETRIES, &mut issues).unwrap_or(DEFAULT_MAX_RETRIES);
    if issues.is_empty() {
        Ok(Settings {
            base_url,
            timeout_ms,
            max_retries,
        })
    } else {
        Err(issues)
    }
}

/// Checked per-call options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CallSettings {
    /// Overrides the client's time limit.
    pub timeout_ms: Option<u32>,
    /// Whether a signal was given.
    pub has_signal: bool,
}

/// Checks per-call options (`undefined` is fine) against `keys`.
pub fn check_call(given: &Given, keys: &[&str]) -> Result<CallSettings, Vec<Issue>> {
    match given {
        Given::NotObject(Input::Undefined | Input::Null) => {
            return Ok(CallSettings {
                timeout_ms: None,
                has_signal: false,
            })
        }
        Given::NotObject(input) => {
            let mut m = String::from("expected an options object, got ");
            match input {
                Input::Str(_) => m.push_str("a string"), // perhaps a token: not repeated
                other => other.describe(&mut m),
            }
            return Err(vec![Issue::new("", m)]);
        }
        Given::Object(_) => {}
    }
    let mut issues = Vec::new();
    unknown_keys(given, keys, &mut issues);
    let has_signal = match given.get("signal") {
        Input::Undefined => false,
        Input::Signal => true,
        other => {
            let mut m = String::from("expected an AbortSignal, got ");
            other.describe(&mut m);
            issues.push(Issue::new("signal", m));
            false
        }
    };
    let timeout_ms = timeout(given, &mut issues);
    if issues.is_empty() {
        Ok(CallSettings {
            timeout_ms,
            has_signal,
        })
    } else {
        Err(issues)
    }
}

fn unknown_keys(given: &Given, keys: &[&str], issues: &mut Vec<Issue>) {
    for key in given.unknown_keys(keys) {
        let mut m = String::from("is not an option");
        if let Some(hint) = hint(key, keys) {
            m.push_str("; did you mean ");
            m.push_str(hint);
            m.push('?');
        } else {
            m.push_str("; expected one of ");
            crate::text::join_into(&mut m, keys, ", ");
        }
        issues.push(Issue::new(key, m));
    }
}

/// The known key `key` was probably meant to be: the same but for case, one it begins
/// (`timeout` → `timeoutMs`), or the nearest within a few edits, about one per three
/// characters (`maxRetry` → `maxRetries`, `acessToken` → `accessToken`).
fn hint<'a>(key: &str, keys: &[&'a str]) -> Option<&'a str> {
    if let Some(same) = keys.iter().find(|k| k.eq_ignore_ascii_case(key)) {
        return Some(same);
    }
    if key.len() < 4 {
        return None;
    }
    if let Some(longer) = keys.iter().find(|k| k.starts_with(key)) {
        return Some(longer);
    }
    let limit = 1 + key.len() / 3;
    keys.iter()
        .map(|k| (edit_distance(key, k), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance ignoring ASCII case, in one row (keys are short; a long unknown key
/// costs its length times the known key's, nothing more).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<u8> = b.bytes().map(|c| c.to_ascii_lowercase()).collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.bytes().map(|c| c.to_ascii_lowercase()).enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let Some(slot) = row.get_mut(j + 1) else {
                break;
            };
            let value = (diagonal + usize::from(ca != *cb))
                .min(slot.saturating_add(1))
                .min(left + 1);
            diagonal = *slot;
            *slot = value;
            left = value;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or(0)
}

fn timeout(given: &Given, issues: &mut Vec<Issue>) -> Option<u32> {
    whole(given, "timeoutMs", 1, MAX_TIMEOUT_MS, issues)
}

/// An optional whole number within `min..=max`.
fn whole(given: &Given, key: &str, min: u32, max: u32, issues: &mut Vec<Issue>) -> Option<u32> {
    match given.get(key) {
        Input::Undefined => None,
        Input::Number { int: Some(v), .. } if (i64::from(min)..=i64::from(max)).contains(v) => {
            u32::try_from(*v).ok()
        }
        other => {
            let mut m = String::from("expected a whole number from ");
            json::write_int(&mut m, i64::from(min));
            m.push_str(" to ");
            json::write_int(&mut m, i64::from(max));
            m.push_str(", got ");
            other.describe(&mut m);
            issues.push(Issue::new(key, m));
            None
        }
    }
}

/// Checks a `baseUrl` and returns it normalised (lower-case scheme and host, no trailing
/// slash). Deliberately strict: `https:` anywhere, `http:` only for loopback, no user info,
/// query or fragment, and only plain host names, IPv4 addresses or `[::1]`-style literals.
pub fn base_url(url: &str) -> Result<String, &'static str> {
    let lower = url.to_ascii_lowercase();
    let (https, rest_at) = if lower.starts_with("https://") {
        (true, 8)
    } else if lower.starts_with("http://") {
        (false, 7)
    } else {
        return Err("must start with https:// (or http:// for localhost)");
    };
    let rest = lower.get(rest_at..).unwrap_or("");
    if rest.bytes().any(|b| b == b'?' || b == b'#') {
        return Err("must not have a query or a fragment");
    }
    if rest
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err("must not contain spaces, control characters or backslashes");
    }
    let slash = rest.bytes().position(|b| b == b'/').unwrap_or(rest.len());
    let authority = rest.get(..slash).unwrap_or("");
    if authority.bytes().any(|b| b == b'@') {
        return Err("must not contain a user name or password");
    }
    let colon = authority.bytes().rposition(|b| b == b':');
    let (host, port) = match colon {
        Some(i) if !authority.ends_with(']') => (
            authority.get(..i).unwrap_or(""),
            Some(authority.get(i + 1..).unwrap_or("")),
        ),
        _ => (authority, None),
    };
    let valid_host = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
    } else {
        let bytes = host.as_bytes();
        let edge = |b: Option<&u8>| matches!(b, Some(b'.' | b'-'));
        !bytes.is_empty()
            && !edge(bytes.first())
            && !edge(bytes.last())
            && bytes
                .iter()
                .all(|b| b.is_ascii_alphanumeric() || *b == b'-' || *b == b'.')
    };
    if !valid_host {
        return Err("must have a valid host name");
    }
    if let Some(port) = port {
        if !crate::text::digits(port).is_some_and(|p| (1..=65535).contains(&p)) {
            return Err("must have a port from 1 to 65535");
        }
    }
    if !https && !matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
        return Err(
            "must use https:// (plain http:// is allowed only for localhost, 127.0.0.1 and [::1])",
        );
    }
    // Keep the path's original case; only the scheme and host are case-insensitive.
    let mut path = url.get(rest_at + authority.len()..).unwrap_or("");
    while let Some(shorter) = path.strip_suffix('/') {
        path = shorter;
    }
    let mut out = String::with_capacity(url.len());
    out.push_str(lower.get(..rest_at + authority.len()).unwrap_or(""));
    out.push_str(path);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn obj(fields: Vec<(&str, Input)>) -> Given {
        Given::Object(fields.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }
    fn token() -> (&'static str, Input) {
        ("accessToken", Input::Secret { blank: false })
    }

    #[test]
    fn defaults() {
        let s = check_client(&obj(vec![token()]), CLIENT_KEYS).unwrap();
        assert_eq!(s.base_url, SANDBOX_URL);
        assert_eq!(s.timeout_ms, 30_000);
        assert_eq!(s.max_retries, 2);
    }

    #[test]
    fn environment_and_base_url() {
        let prod = obj(vec![
            token(),
            ("environment", Input::Str("production".into())),
        ]);
        assert_eq!(
            check_client(&prod, CLIENT_KEYS).unwrap().base_url,
            PRODUCTION_URL
        );
        let both = obj(vec![
            token(),
            ("environment", Input::Str("production".into())),
            ("baseUrl", Input::Str("http://127.0.0.1:8080/".into())),
        ]);
        assert_eq!(
            check_client(&both, CLIENT_KEYS).unwrap().base_url,
            "http://127.0.0.1:8080"
        );
    }

    #[test]
    fn lists_every_bad_option() {
        let given = obj(vec![
            ("accessToken", Input::Secret { blank: true }),
            ("environment", Input::Str("staging".into())),
            ("baseUrl", Input::Str("http://example.com".into())),
            ("timeoutMs", Input::number("0.5")),
            ("maxRetries", Input::number("-1")),
            ("timeout", Input::number("5")),
        ]);
        let issues = check_client(&given, CLIENT_KEYS).unwrap_err();
        let paths: Vec<&str> = issues.iter().map(|i| i.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "timeout",
                "accessToken",
                "environment",
                "baseUrl",
                "timeoutMs",
                "maxRetries"
            ]
        );
        assert!(issues[0].message.contains("did you mean timeoutMs?"));
    }

    #[test]
    fn a_token_passed_as_the_options_is_not_repeated() {
        let given = Given::NotObject(Input::Str("eyJhbGciOi.secret".into()));
        let issues = check_client(&given, ONE_SHOT_KEYS).unwrap_err();
        assert_eq!(issues[0].path, "");
        assert!(
            !issues[0].message.contains("secret"),
            "{}",
            issues[0].message
        );
        assert!(issues[0].message.contains("not the token"));
        let issues = check_call(&given, CALL_KEYS).unwrap_err();
        assert!(
            !issues[0].message.contains("secret"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn hints_at_the_key_that_was_meant() {
        for (typo, meant) in [
            ("maxRetry", Some("maxRetries")),
            ("maxretries", Some("maxRetries")),
            ("max_retries", Some("maxRetries")),
            ("timeout", Some("timeoutMs")),
            ("timeoutMS", Some("timeoutMs")),
            ("timoutMs", Some("timeoutMs")),
            ("baseURL", Some("baseUrl")),
            ("baseUri", Some("baseUrl")),
            ("acessToken", Some("accessToken")),
            ("retries", Some("maxRetries")),
            ("token", None),
            ("env", None),
            ("signal", None),
            ("url", None),
        ] {
            assert_eq!(hint(typo, CLIENT_KEYS), meant, "{typo}");
        }
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("abc", ""), 3);
        assert_eq!(edit_distance("ABC", "abc"), 0);
    }

    #[test]
    fn token_forms() {
        let f = obj(vec![("accessToken", Input::Function)]);
        assert!(
            check_client(&f, CLIENT_KEYS).is_ok(),
            "a token function is accepted"
        );
        for bad in [
            Input::Undefined,
            Input::Null,
            Input::number("1"),
            Input::Object,
        ] {
            let issues = check_client(&obj(vec![("accessToken", bad)]), CLIENT_KEYS).unwrap_err();
            assert_eq!(issues[0].path, "accessToken");
        }
        assert!(check_client(&Given::NotObject(Input::Undefined), CLIENT_KEYS).is_err());
    }

    #[test]
    fn base_url_rules() {
        let ok = [
            ("https://api.adultwork.com", "https://api.adultwork.com"),
            ("HTTPS://API.AdultWork.com/", "https://api.adultwork.com"),
            (
                "https://proxy.example.com/AdultWork/",
                "https://proxy.example.com/AdultWork",
            ),
            ("http://localhost:3000", "http://localhost:3000"),
            ("http://127.0.0.1:8080/", "http://127.0.0.1:8080"),
            ("http://[::1]:9000", "http://[::1]:9000"),
            ("https://[2001:db8::1]", "https://[2001:db8::1]"),
        ];
        for (input, expected) in ok {
            assert_eq!(base_url(input).as_deref(), Ok(expected), "{input}");
        }
        for bad in [
            "",
            "api.adultwork.com",
            "ftp://api.adultwork.com",
            "http://api.adultwork.com",
            "http://localhost.evil.com",
            "http://127.0.0.2",
            "https://user:pass@api.adultwork.com",
            "https://api.adultwork.com?x=1",
            "https://api.adultwork.com#x",
            "https://",
            "https://:443",
            "https://api.adultwork.com:0",
            "https://api.adultwork.com:99999",
            "https://api.adultwork.com:12ab",
            "https://api adultwork.com",
            "https://api.adultwork.com\\@evil.com",
            "https://-bad.com",
            "https://ünïcode.com",
        ] {
            assert!(base_url(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn call_options() {
        let none = check_call(&Given::NotObject(Input::Undefined), CALL_KEYS).unwrap();
        assert_eq!(none.timeout_ms, None);
        let some = obj(vec![
            ("signal", Input::Signal),
            ("timeoutMs", Input::number("50")),
        ]);
        let s = check_call(&some, CALL_KEYS).unwrap();
        assert!(s.has_signal);
        assert_eq!(s.timeout_ms, Some(50));
        let bad = obj(vec![
            ("signal", Input::Object),
            ("timeoutMs", Input::Str("5".into())),
        ]);
        assert_eq!(check_call(&bad, CALL_KEYS).unwrap_err().len(), 2);
        let unknown = obj(vec![("accessToken", Input::Secret { blank: false })]);
        assert_eq!(
            check_call(&unknown, CALL_KEYS).unwrap_err()[0].path,
            "accessToken"
        );
    }
}
