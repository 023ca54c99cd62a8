//! When to try again, and how long to wait first.
//!
//! `CancelMadeBooking` and `RescheduleMadeBooking` change state and are not idempotent. A
//! network error or a timeout leaves the caller not knowing whether the server acted: the
//! cancel may have happened and only the answer was lost. Sending it again could act twice
//! (or fail confusingly), so those are never retried; the caller sees `NetworkError` or
//! `Timeout` and can read the booking to find out. Only `429` and `503` say the server did not
//! act, so only they are retried. Reads (`GET`) are harmless to repeat and are also retried
//! after network errors, timeouts, `502` and `504`.

// Natively no call is sent, so only the tests run the policy.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::time::UNIX_EPOCH;

use crate::error::Error;

/// The longest the SDK waits on a `Retry-After` before trying again.
pub(crate) const RETRY_AFTER_CAP_MS: u64 = 60_000;
/// First backoff step, doubled on each attempt.
pub(crate) const BACKOFF_BASE_MS: u64 = 500;
/// Largest backoff step.
pub(crate) const BACKOFF_CAP_MS: u64 = 20_000;

/// How one attempt ended, for the retry decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// A response with this status arrived.
    Status(u16),
    /// The request failed without a response.
    Network,
    /// The attempt ran out of time.
    Timeout,
}

/// Whether an attempt that ended with `outcome` may be repeated, given how the endpoint
/// behaves when repeated.
pub(crate) fn retryable(outcome: Outcome, safe_to_repeat: bool) -> bool {
    match outcome {
        Outcome::Status(429 | 503) => true,
        Outcome::Status(502 | 504) | Outcome::Network | Outcome::Timeout => safe_to_repeat,
        Outcome::Status(_) => false,
    }
}

/// What the policy makes of an attempt that failed.
#[derive(Debug, Clone)]
pub(crate) enum Decision {
    /// Ask the token provider again (its token was refused with a `401`) and try at once.
    Refresh,
    /// Wait this long, then try again.
    Retry {
        /// Milliseconds.
        wait_ms: u64,
    },
    /// Give up: this is the call's error.
    Fail(Error),
}

/// The retry policy of one call: how many attempts are left, and whether the token was
/// refreshed already.
#[derive(Debug, Clone)]
pub(crate) struct Policy {
    retries: u32,
    max_retries: u32,
    safe_to_repeat: bool,
    /// Whether a `401` can be answered by asking the token provider again, once.
    refreshable: bool,
}

impl Policy {
    /// The policy of a call that may repeat `max_retries` times.
    pub(crate) fn new(max_retries: u32, safe_to_repeat: bool, refreshable: bool) -> Policy {
        Policy {
            retries: 0,
            max_retries,
            safe_to_repeat,
            refreshable,
        }
    }

    /// What to do after an attempt failed with `error` (`retry_after_ms`: what the server
    /// asked for). `random` is in `[0, 1)`, for the backoff's jitter.
    pub(crate) fn decide(
        &mut self,
        error: Error,
        retry_after_ms: Option<u64>,
        random: f64,
    ) -> Decision {
        if self.refreshable
            && matches!(
                error,
                Error::Unauthorized {
                    status: Some(401),
                    ..
                }
            )
        {
            // One refresh per call, shared with every call that meets a 401 for the same token.
            self.refreshable = false;
            return Decision::Refresh;
        }
        let outcome = match &error {
            Error::NetworkError { .. } => Outcome::Network,
            Error::Timeout {
                by_signal: false, ..
            } => Outcome::Timeout,
            other => match other.status() {
                Some(status) => Outcome::Status(status),
                None => return Decision::Fail(error),
            },
        };
        if self.retries >= self.max_retries || !retryable(outcome, self.safe_to_repeat) {
            return Decision::Fail(error);
        }
        let wait_ms = match retry_after_ms {
            Some(ms) => ms.min(RETRY_AFTER_CAP_MS),
            None => backoff_ms(self.retries, random),
        };
        self.retries += 1;
        Decision::Retry { wait_ms }
    }
}

/// Exponential backoff with full jitter: a uniformly random wait in
/// `[0, min(cap, base·2^retry))`. `random` is in `[0, 1)`.
pub(crate) fn backoff_ms(retry: u32, random: f64) -> u64 {
    let ceiling = BACKOFF_BASE_MS
        .saturating_mul(1u64 << retry.min(20))
        .min(BACKOFF_CAP_MS);
    (ceiling as f64 * random.clamp(0.0, 1.0)) as u64
}

/// Reads `Retry-After`: delay-seconds, or an HTTP date (IMF-fixdate, RFC 850 or asctime, read
/// by the `httpdate` crate) judged against `now_ms`. Returns the requested wait in
/// milliseconds (not capped).
pub(crate) fn parse_retry_after(value: &str, now_ms: f64) -> Option<u64> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // Absurdly long values saturate rather than fail: the cap applies anyway.
        let digits = value.get(..value.len().min(12))?;
        let secs: u64 = digits.parse().ok()?;
        return Some(secs.saturating_mul(1000));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    let at_ms = at.duration_since(UNIX_EPOCH).ok()?.as_millis() as f64;
    let wait = at_ms - now_ms;
    Some(if wait > 0.0 { wait as u64 } else { 0 })
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
        let now = 784_111_777_000.0; // Sun, 06 Nov 1994 08:49:37 GMT
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
        // A weekday that is not the date's: not a date.
        assert_eq!(
            parse_retry_after("Mon, 06 Nov 1994 08:49:42 GMT", now),
            None
        );
    }

    #[test]
    fn the_policy_retries_what_is_safe_and_refreshes_once() {
        let mut read = Policy::new(2, true, true);
        let e401 = || Error::http(401, None, None);
        assert!(matches!(read.decide(e401(), None, 0.5), Decision::Refresh));
        assert!(matches!(read.decide(e401(), None, 0.5), Decision::Fail(_)));
        assert!(matches!(
            read.decide(Error::http(503, None, Some(90_000)), Some(90_000), 0.5),
            Decision::Retry {
                wait_ms: RETRY_AFTER_CAP_MS
            }
        ));
        assert!(matches!(
            read.decide(Error::http(502, None, None), None, 0.5),
            Decision::Retry { wait_ms: 500 }
        ));
        // Two retries were allowed.
        assert!(matches!(
            read.decide(Error::http(503, None, None), None, 0.5),
            Decision::Fail(_)
        ));
        let mut write = Policy::new(2, false, false);
        assert!(matches!(
            write.decide(Error::http(502, None, None), None, 0.5),
            Decision::Fail(_)
        ));
        assert!(matches!(write.decide(e401(), None, 0.5), Decision::Fail(_)));
        assert!(matches!(
            write.decide(Error::http(429, None, Some(0)), Some(0), 0.5),
            Decision::Retry { wait_ms: 0 }
        ));
    }
}
