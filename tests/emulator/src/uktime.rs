//! UK wall-clock time, the way the AdultWork API writes datetimes.
//!
//! The API sends zone-less strings such as `2018-01-22T21:30:00` or `2018-01-20T12:34:56.789`
//! that are UK local time. This module turns real instants (milliseconds since the Unix epoch,
//! UTC) into such strings and back, with the UK rule in plain std Rust (no tz database): GMT,
//! and BST = UTC+1 from the last Sunday of March 01:00 UTC to the last Sunday of October
//! 01:00 UTC.
//!
//! Reading a wall-clock time back is ambiguous twice a year. Like the SDK (Temporal's
//! "compatible" disambiguation), a reading that happens twice (October) is the earlier instant
//! (BST) and one skipped by the spring change is read with GMT, landing just after the gap.

use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;
/// Milliseconds in an hour.
pub const HOUR_MS: i64 = 3_600_000;
/// Milliseconds in a minute.
pub const MINUTE_MS: i64 = 60_000;

/// The current instant, in milliseconds since 1970-01-01T00:00:00Z.
pub fn now_ms() -> i64 {
    match SystemTime::now().duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `(year, month, day)` of a day number (inverse of [`days_from_civil`]).
pub fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days in a month.
pub fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

/// The day number of the last Sunday of a month.
fn last_sunday(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month, days_in_month(year, month));
    // 1970-01-01 was a Thursday; weekday 0 = Sunday.
    let weekday = (last + 4).rem_euclid(7);
    last - weekday
}

/// The UK offset from UTC (0 or one hour) in effect at an instant.
pub fn uk_offset_ms(instant_ms: i64) -> i64 {
    let (year, _, _) = civil_from_days(instant_ms.div_euclid(DAY_MS));
    let start = last_sunday(year, 3) * DAY_MS + HOUR_MS;
    let end = last_sunday(year, 10) * DAY_MS + HOUR_MS;
    if (start..end).contains(&instant_ms) {
        HOUR_MS
    } else {
        0
    }
}

/// Formats an instant as a UK wall-clock datetime: `YYYY-MM-DDTHH:MM:SS`, plus `.mmm` when
/// `millis` is set.
pub fn format_uk(instant_ms: i64, millis: bool) -> String {
    let wall = instant_ms + uk_offset_ms(instant_ms);
    let (year, month, day) = civil_from_days(wall.div_euclid(DAY_MS));
    let in_day = wall.rem_euclid(DAY_MS);
    let (hour, minute) = (in_day / HOUR_MS, in_day % HOUR_MS / MINUTE_MS);
    let (second, ms) = (in_day % MINUTE_MS / 1000, in_day % 1000);
    let mut text = format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}");
    if millis {
        text.push_str(&format!(".{ms:03}"));
    }
    text
}

fn number(b: &[u8], from: usize, len: usize) -> Option<i64> {
    let digits = b.get(from..from + len)?;
    digits.iter().try_fold(0i64, |acc, d| {
        d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
    })
}

/// Reads an API datetime as an instant: `YYYY-MM-DDTHH:MM:SS` with an optional fraction of
/// 1–9 digits and an optional `Z` or `±HH:MM`. Without an offset it is UK wall-clock time.
/// Returns `None` for anything else (including dates that do not exist).
pub fn parse_uk(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    if !(at(4, b'-') && at(7, b'-') && at(10, b'T') && at(13, b':') && at(16, b':')) {
        return None;
    }
    let (year, month, day) = (number(b, 0, 4)?, number(b, 5, 2)?, number(b, 8, 2)?);
    let (hour, minute, second) = (number(b, 11, 2)?, number(b, 14, 2)?, number(b, 17, 2)?);
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut i = 19;
    let mut ms = 0;
    if at(i, b'.') {
        let digits = b
            .get(i + 1..)?
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=9).contains(&digits) {
            return None;
        }
        let kept = digits.min(3);
        ms = number(b, i + 1, kept)? * [100, 10, 1].get(kept - 1)?;
        i += 1 + digits;
    }
    let wall = days_from_civil(year, month, day) * DAY_MS
        + ((hour * 60 + minute) * 60 + second) * 1000
        + ms;
    match b.get(i) {
        None => Some(wall_to_instant(wall)),
        Some(b'Z') if i + 1 == b.len() => Some(wall),
        Some(sign @ (b'+' | b'-')) if i + 6 == b.len() && at(i + 3, b':') => {
            let (oh, om) = (number(b, i + 1, 2)?, number(b, i + 4, 2)?);
            let offset = (oh * 60 + om) * MINUTE_MS;
            Some(if *sign == b'-' {
                wall + offset
            } else {
                wall - offset
            })
        }
        Some(_) => None,
    }
}

/// The instant of a UK wall-clock reading (see the module notes on ambiguous readings).
pub fn wall_to_instant(wall_ms: i64) -> i64 {
    let bst = wall_ms - HOUR_MS;
    if uk_offset_ms(bst) == HOUR_MS {
        bst
    } else {
        wall_ms
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i64, mo: i64, d: i64, h: i64, mi: i64) -> i64 {
        days_from_civil(y, mo, d) * DAY_MS + h * HOUR_MS + mi * MINUTE_MS
    }

    #[test]
    fn civil_round_trip() {
        for days in [-800_000, -1, 0, 1, 10_957, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn bst_boundaries() {
        // 2026: BST from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(uk_offset_ms(utc(2026, 3, 29, 0, 59)), 0);
        assert_eq!(uk_offset_ms(utc(2026, 3, 29, 1, 0)), HOUR_MS);
        assert_eq!(uk_offset_ms(utc(2026, 10, 25, 0, 59)), HOUR_MS);
        assert_eq!(uk_offset_ms(utc(2026, 10, 25, 1, 0)), 0);
        assert_eq!(uk_offset_ms(utc(2026, 1, 15, 12, 0)), 0);
        assert_eq!(uk_offset_ms(utc(2026, 7, 15, 12, 0)), HOUR_MS);
    }

    #[test]
    fn formats_wall_clock() {
        assert_eq!(
            format_uk(utc(2026, 7, 1, 12, 30) + 5_123, true),
            "2026-07-01T13:30:05.123"
        );
        assert_eq!(
            format_uk(utc(2026, 1, 22, 21, 30), false),
            "2026-01-22T21:30:00"
        );
        assert_eq!(
            format_uk(utc(2026, 12, 31, 23, 59), false),
            "2026-12-31T23:59:00"
        );
    }

    #[test]
    fn parses_back() {
        let t = utc(2026, 7, 1, 12, 30) + 5_123;
        assert_eq!(parse_uk(&format_uk(t, true)), Some(t));
        assert_eq!(parse_uk("2026-07-01T12:30:05.1234567Z"), Some(t));
        assert_eq!(parse_uk("2026-07-01T14:30:05.123+02:00"), Some(t));
        assert_eq!(parse_uk("2026-02-30T00:00:00"), None);
        assert_eq!(parse_uk("2026-07-01 12:30:05"), None);
        assert_eq!(parse_uk("2026-07-01T12:30:05x"), None);
        assert_eq!(parse_uk("é"), None);
    }

    #[test]
    fn ambiguous_and_skipped_readings() {
        // 01:30 happens twice on 25 Oct 2026: the earlier (BST) instant is 00:30 UTC.
        assert_eq!(
            parse_uk("2026-10-25T01:30:00"),
            Some(utc(2026, 10, 25, 0, 30))
        );
        // 01:30 does not exist on 29 Mar 2026: read with GMT, it is 01:30 UTC (02:30 BST).
        assert_eq!(
            parse_uk("2026-03-29T01:30:00"),
            Some(utc(2026, 3, 29, 1, 30))
        );
    }
}
