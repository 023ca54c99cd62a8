//! The rules of the client and call options: where requests go, how long an attempt may take,
//! how many times to try. Each is a small newtype whose `Deserialize` checks it; the option
//! structs that hold them (with the token, the signal and the fetch function, which only exist
//! in JavaScript) are in `client::options`.

use adultwork_sdk_derive::Described;
use serde::{Deserialize, Serialize};
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::check::{deserialize_by_rule, Reading, Refusal};
use crate::rules::{from_numbers, from_text};

/// Which AdultWork deployment to call.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Environment {
    /// `https://api-sandbox.adultwork.com` (the default).
    #[default]
    Sandbox,
    /// `https://api.adultwork.com`.
    Production,
}

impl Environment {
    /// The deployment's origin.
    pub fn base_url(self) -> &'static str {
        match self {
            Environment::Sandbox => "https://api-sandbox.adultwork.com",
            Environment::Production => "https://api.adultwork.com",
        }
    }
}

/// Where requests go, overriding the environment (a proxy, a local emulator): `https:`, or
/// `http:` only for `localhost`, `127.0.0.1` and `[::1]`; no user name, query or fragment.
/// Kept normalised: lower-case scheme and host, no trailing slash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(
    expected = "an https:// URL (http:// only for localhost, 127.0.0.1 and [::1])",
    text = base_url
)]
pub struct BaseUrl(String);

fn base_url(text: &str) -> Result<Reading, Refusal> {
    normalise(text).map(Reading::Normalised).map_err(Some)
}

impl BaseUrl {
    /// The URL, normalised.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The time limit of each attempt, in milliseconds: a whole number from 1 to 600000
/// (default 30000).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(
    expected = "a whole number from 1 to 600000",
    integer(min = 1, max = 600_000)
)]
pub struct TimeoutMs(u32);

impl TimeoutMs {
    /// 30 seconds.
    pub const DEFAULT: TimeoutMs = TimeoutMs(30_000);

    /// The milliseconds.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// How many extra attempts a call may make after a `429` or `503` (and, for reads, after
/// network errors, timeouts, `502` and `504`): a whole number from 0 to 10 (default 2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(expected = "a whole number from 0 to 10", integer(min = 0, max = 10))]
pub struct MaxRetries(u32);

impl MaxRetries {
    /// Two extra attempts.
    pub const DEFAULT: MaxRetries = MaxRetries(2);

    /// The number of extra attempts.
    pub fn get(self) -> u32 {
        self.0
    }
}

deserialize_by_rule!(BaseUrl, TimeoutMs, MaxRetries);
from_numbers!(TimeoutMs, MaxRetries);
from_text!(BaseUrl);

/// Checks a base URL and returns it normalised (lower-case scheme and host, no trailing
/// slash). Deliberately strict: `https:` anywhere, `http:` only for loopback, no user info,
/// query or fragment, and only plain host names, IPv4 addresses or `[::1]`-style literals.
fn normalise(url: &str) -> Result<String, &'static str> {
    let lower = url.to_ascii_lowercase();
    let (https, rest_at) = if lower.starts_with("https://") {
        (true, 8)
    } else if lower.starts_with("http://") {
        (false, 7)
    } else {
        return Err("it must start with https:// (or http:// for localhost)");
    };
    let rest = lower.get(rest_at..).unwrap_or("");
    if rest.contains(['?', '#']) {
        return Err("it must not have a query or a fragment");
    }
    if rest
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err("it must not contain spaces, control characters or backslashes");
    }
    let authority = rest.split('/').next().unwrap_or("");
    if authority.contains('@') {
        return Err("it must not contain a user name or password");
    }
    let (host, port) = match authority.rfind(':') {
        Some(i) if !authority.ends_with(']') => (
            authority.get(..i).unwrap_or(""),
            Some(authority.get(i + 1..).unwrap_or("")),
        ),
        _ => (authority, None),
    };
    let valid_host = if let Some(inner) = host.strip_prefix('[').and_then(|h| h.strip_suffix(']')) {
        !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_hexdigit() || b == b':')
    } else {
        !host.is_empty()
            && !host.starts_with(['.', '-'])
            && !host.ends_with(['.', '-'])
            && host
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    };
    if !valid_host {
        return Err("it must have a valid host name");
    }
    if let Some(port) = port {
        let valid = !port.is_empty()
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p));
        if !valid {
            return Err("it must have a port from 1 to 65535");
        }
    }
    if !https && !matches!(host, "localhost" | "127.0.0.1" | "[::1]") {
        return Err(
            "it must use https:// (plain http:// is allowed only for localhost, 127.0.0.1 and [::1])",
        );
    }
    // Keep the path's original case; only the scheme and host are case-insensitive.
    let path = url
        .get(rest_at + authority.len()..)
        .unwrap_or("")
        .trim_end_matches('/');
    let mut out = String::with_capacity(url.len());
    out.push_str(lower.get(..rest_at + authority.len()).unwrap_or(""));
    out.push_str(path);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

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
            assert_eq!(
                BaseUrl::try_from(input).map(|u| u.0).as_deref(),
                Ok(expected),
                "{input}"
            );
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
            "javascript:alert(1)",
        ] {
            assert!(BaseUrl::try_from(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn limits() {
        assert_eq!(TimeoutMs::try_from(1).map(TimeoutMs::get), Ok(1));
        assert!(TimeoutMs::try_from(0).is_err());
        assert!(TimeoutMs::try_from(600_001.0).is_err());
        assert!(TimeoutMs::try_from(0.5).is_err());
        assert!(MaxRetries::try_from(0).is_ok());
        assert!(MaxRetries::try_from(11).is_err());
        assert!(MaxRetries::try_from(1.5).is_err());
        assert_eq!(
            Environment::default().base_url(),
            "https://api-sandbox.adultwork.com"
        );
    }
}
