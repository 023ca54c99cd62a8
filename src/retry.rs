//! When to try again, and how long to wait first.
//!
//! `CancelMadeBooking` and `RescheduleMadeBooking` change state and are not idempotent. A
//! network error or a timeout leaves the caller not knowing whether the server acted: the
//! cancel may have happened and only the answer was lost. Sending it again could act twice
//! (or fail confusingly), so those are never retried; the caller sees `NetworkError` or
//! `Timeout` and can read the booking to find out. Only `429` and `503` say the server did not
//! act, so only they are retried. Reads (`GET`) are harmless to repeat and are also retried
//! after network errors, timeouts, `502` and `504`.

use crate::datetime::days_from_civil;

/// The longest the SDK waits on a `Retry-After` before trying again.
pub const RETRY_AFTER_CAP_MS: u64 = 60_000;
/// First backoff step, doubled on each attempt.
pub const BACKOFF_BASE_MS: u64 = 500;
/// Largest backoff step.
pub const BACKOFF_CAP_MS: u64 = 20_000;

/// How one attempt ended, for the retry decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A response with this status arrived.
    Status(u16),
    /// The request failed without a response.
    Network,
    /// The attempt ran out of time.
    Timeout,
}

/// Whether an attempt that ended with `outcome` may be repeated, given how the endpoint
/// behaves when repeated.
pub fn retryable(outcome: Outcome, safe_to_repeat: bool) -> bool {
    match outcome {
        Outcome::Status(429 | 503) => true,
        Outcome::Status(502 | 504) | Outcome::Network | Outcome::Timeout => safe_to_repeat,
        Outcome::Status(_) => false,
    }
}

/// Exponential backoff with full jitter: a uniformly random wait in
/// `[0, min(cap, base·2^retry))`. `random` is in `[0, 1)`.
pub fn backoff_ms(retry: u32, random: f64) -> u64 {
    let ceiling = BACKOFF_BASE_MS
        .saturating_mul(1u64 << retry.min(20))
        .min(BACKOFF_CAP_MS);
    (ceiling as f64 * random.clamp(0.0, 1.0)) as u64
}

/// Reads `Retry-After`: delay-seconds, or an HTTP date (IMF-fixdate, RFC 850 or asctime)
/// judged against `now_ms`. Returns the requested wait in milliseconds (not capped).
pub fn parse_retry_after(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Absurdly long values saturate rather than fail: the cap applies anyway.
        let secs = digits(value.get(..value.len().min(12))?)?;
        return Some((secs as u64).saturating_mul(1000));
    }
    let at = http_date_ms(value)?;
    let wait = at - now_ms;
    Some(if wait > 0.0 { wait as u64 } else { 0 })
}

/// A run of ASCII digits (no sign, no spaces) as a number.
fn digits(s: &str) -> Option<i64> {
    let plain = !s.is_empty() && s.len() <= 18 && s.bytes().all(|b| b.is_ascii_digit());
    plain.then(|| s.parse().ok()).flatten()
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// Milliseconds since the epoch of an HTTP date in any of the three formats RFC 9110 allows.
pub fn http_date_ms(value: &str) -> Option<f64> {
    // Tokens without the weekday: "06 Nov 1994 08:49:37 GMT", "06-Nov-94 08:49:37 GMT",
    // or asctime's "Nov  6 08:49:37 1994".
    let after_weekday = value.split_once(' ').map_or(value, |(_, rest)| rest);
    let parts: Vec<&str> = after_weekday
        .split([' ', '-'])
        .filter(|p| !p.is_empty())
        .collect();
    let (day, month, year, time) = match parts.as_slice() {
        [d, m, y, t, "GMT"] => (*d, *m, *y, *t),
        [m, d, t, y] => (*d, *m, *y, *t),
        _ => return None,
    };
    let day = digits(day)?;
    let month = MONTHS.iter().position(|m| m.eq_ignore_ascii_case(month))? as i64 + 1;
    let mut year = digits(year)?;
    if year < 100 {
        // RFC 850's two-digit year: RFC 9110 says to read it as the nearest century.
        year += if year < 70 { 2000 } else { 1900 };
    }
    let mut hms = time.split(':').map(digits);
    let (Some(Some(h)), Some(Some(mi)), Some(Some(s)), None) =
        (hms.next(), hms.next(), hms.next(), hms.next())
    else {
        return None;
    };
    if !(1..=31).contains(&day) || h > 23 || mi > 59 || s > 60 {
        return None;
    }
    let days = days_from_civil(year, month, day);
    Some(((days * 86_400 + h * 3600 + mi * 60 + s) * 1000) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_safe_outcomes_are_retried() {
        for status in [429, 503] {
            assert!(retryable(Outcome::Status(status), false));
            assert!(retryable(Outcome::Status(status), true));
        }
        for outcome in [
            Outcome::Network,
            Outcome::Timeout,
            Outcome::Status(502),
            Outcome::Status(504),
        ] {
            assert!(!retryable(outcome, false), "{outcome:?} retried for a POST");
            assert!(
                retryable(outcome, true),
                "{outcome:?} not retried for a GET"
            );
        }
        for status in [400, 401, 403, 404, 409, 500, 501, 302] {
            assert!(!retryable(Outcome::Status(status), true));
        }
    }

    #[test]
    fn backoff_is_full_jitter_and_capped() {
        assert_eq!(backoff_ms(0, 0.0), 0);
        assert_eq!(backoff_ms(0, 0.999_999), 499);
        assert_eq!(backoff_ms(1, 0.5), 500);
        assert_eq!(backoff_ms(3, 0.5), 2000);
        assert_eq!(backoff_ms(30, 0.5), BACKOFF_CAP_MS / 2);
        assert!(backoff_ms(100, 1.0) <= BACKOFF_CAP_MS);
    }

    #[test]
    fn retry_after_in_seconds_and_dates() {
        assert_eq!(parse_retry_after("0", 0.0), Some(0));
        assert_eq!(parse_retry_after(" 2 ", 0.0), Some(2000));
        assert_eq!(parse_retry_after("3600", 0.0), Some(3_600_000));
        assert_eq!(parse_retry_after("-1", 0.0), None);
        assert_eq!(parse_retry_after("1.5", 0.0), None);
        assert_eq!(parse_retry_after("soon", 0.0), None);
        let now = http_date_ms("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
        assert_eq!(now, 784_111_777_000.0);
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:42 GMT", now),
            Some(5000)
        );
        assert_eq!(
            parse_retry_after("Sunday, 06-Nov-94 08:49:42 GMT", now),
            Some(5000)
        );
        assert_eq!(
            parse_retry_after("Sun Nov  6 08:49:42 1994", now),
            Some(5000)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:30 GMT", now),
            Some(0)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 25:49:30 GMT", now),
            None
        );
    }
}
