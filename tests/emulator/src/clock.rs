//! UK wall-clock time, the way the AdultWork API writes datetimes, with [`jiff`].
//!
//! The API sends zone-less strings such as `2018-01-22T21:30:00` or `2018-01-20T12:34:56.789`
//! that are UK local time (`Europe/London`: GMT in winter, BST in summer). This module turns
//! real instants (milliseconds since the Unix epoch) into such strings and back. The time-zone
//! rules come from the IANA database bundled into jiff (`tzdb-bundle-always`), so the emulator
//! behaves the same on a machine without `/usr/share/zoneinfo`.
//!
//! The datetimes the emulator writes are the SDK's own [`ApiDateTime`], built through its
//! constructor (`TryFrom<String>`), so whatever the emulator writes is what the SDK accepts.
//!
//! Reading a wall-clock time back is ambiguous twice a year. Like the SDK (Temporal's
//! "compatible" disambiguation, which is also jiff's default), a reading that happens twice
//! (October) is the earlier instant (BST) and one skipped by the spring change is moved
//! forward by the gap (01:30 on that day reads as 01:30 UTC, i.e. 02:30 BST).

use std::sync::OnceLock;

use adultwork_sdk::rules::{ApiDateTime, Invalid};
use jiff::civil::DateTime;
use jiff::fmt::strtime;
use jiff::tz::TimeZone;
use jiff::Timestamp;

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;
/// Milliseconds in an hour.
pub const HOUR_MS: i64 = 3_600_000;
/// Milliseconds in a minute.
pub const MINUTE_MS: i64 = 60_000;

/// The wall-clock format without an offset; `%.f` reads an optional fraction of 1–9 digits.
const WALL: &str = "%Y-%m-%dT%H:%M:%S%.f";
/// The same with a numeric offset such as `+02:00`.
const WITH_OFFSET: &str = "%Y-%m-%dT%H:%M:%S%.f%:z";

/// `Europe/London`, loaded once from the bundled database.
///
/// An error here means the bundled database lacks the zone: [`crate::Server::start`] checks it
/// so the emulator refuses to start instead of writing wrong times.
pub fn london() -> Result<&'static TimeZone, jiff::Error> {
    static LONDON: OnceLock<Result<TimeZone, jiff::Error>> = OnceLock::new();
    LONDON
        .get_or_init(|| TimeZone::get("Europe/London"))
        .as_ref()
        .map_err(Clone::clone)
}

/// The current instant, in milliseconds since 1970-01-01T00:00:00Z.
pub fn now_ms() -> i64 {
    Timestamp::now().as_millisecond()
}

/// The UK wall-clock reading of an instant (UTC if the zone could not be loaded, which
/// [`crate::Server::start`] rules out); `None` outside jiff's range.
pub fn uk_wall_clock(instant_ms: i64) -> Option<DateTime> {
    let instant = Timestamp::from_millisecond(instant_ms).ok()?;
    let zone = london().cloned().unwrap_or(TimeZone::UTC);
    Some(instant.to_zoned_datetime(zone).datetime())
}

/// The UK wall-clock reading of an instant in a `strtime` format; `""` for an instant outside
/// jiff's range (years −9999 to 9999), which [`ApiDateTime`] then refuses.
fn format_uk(instant_ms: i64, format: &str) -> String {
    uk_wall_clock(instant_ms)
        .and_then(|wall| strtime::format(format, wall).ok())
        .unwrap_or_default()
}

/// An instant as the API writes it, to whole seconds: `2018-01-22T21:30:00` (UK wall clock).
pub fn uk_seconds(instant_ms: i64) -> Result<ApiDateTime, Invalid> {
    ApiDateTime::try_from(format_uk(instant_ms, "%Y-%m-%dT%H:%M:%S"))
}

/// An instant as the API writes it, with milliseconds: `2018-01-20T12:34:56.789`.
pub fn uk_millis(instant_ms: i64) -> Result<ApiDateTime, Invalid> {
    ApiDateTime::try_from(format_uk(instant_ms, "%Y-%m-%dT%H:%M:%S%.3f"))
}

/// Midnight (UK) of the day of an instant, `YYYY-MM-DDT00:00:00` (what `AcceptBy` says for a
/// session on that day).
pub fn uk_midnight(instant_ms: i64) -> Result<ApiDateTime, Invalid> {
    ApiDateTime::try_from(format_uk(instant_ms, "%Y-%m-%dT00:00:00"))
}

/// Why a booking time of a request cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MinuteError {
    /// Not written `YYYY-MM-DD HH:MM` (exactly: two-digit fields, one space).
    Format,
    /// Written so, but no such date and time of day (`2099-02-29 18:30`, `24:00`, year 0).
    NoSuchDate,
}

/// Reads a booking time as requests carry it: exactly `YYYY-MM-DD HH:MM` (UK wall-clock time
/// to the minute, years 1 to 9999 as .NET's `DateTime`), a real date and time of day. The
/// reading stays a wall-clock time: compare it with [`uk_wall_clock`] of an instant.
pub fn parse_minute(text: &str) -> Result<DateTime, MinuteError> {
    let shape_ok = text.len() == 16
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            10 => b == b' ',
            13 => b == b':',
            _ => b.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(MinuteError::Format);
    }
    // The shape is checked: every field is ASCII digits, so these parse.
    let field = |from: usize, to: usize| text.get(from..to).and_then(|f| f.parse::<i16>().ok());
    let (Some(year), Some(month), Some(day), Some(hour), Some(minute)) = (
        field(0, 4),
        field(5, 7),
        field(8, 10),
        field(11, 13),
        field(14, 16),
    ) else {
        return Err(MinuteError::Format);
    };
    let small = |n: i16| i8::try_from(n).map_err(|_| MinuteError::NoSuchDate);
    if year < 1 {
        return Err(MinuteError::NoSuchDate);
    }
    DateTime::new(
        year,
        small(month)?,
        small(day)?,
        small(hour)?,
        small(minute)?,
        0,
        0,
    )
    .map_err(|_| MinuteError::NoSuchDate)
}

/// A wall-clock reading as the API writes it, to whole seconds: `2099-06-01T18:30:00`.
pub fn api_wall_clock(wall: DateTime) -> Result<ApiDateTime, Invalid> {
    let text = strtime::format("%Y-%m-%dT%H:%M:%S", wall).unwrap_or_default();
    ApiDateTime::try_from(text)
}

/// Reads an API datetime as an instant: `YYYY-MM-DDTHH:MM:SS` with an optional fraction of
/// 1–9 digits and an optional `Z` or `±HH:MM`. Without an offset it is UK wall-clock time.
/// Returns `None` for anything else (including dates that do not exist).
pub fn parse_uk(text: &str) -> Option<i64> {
    if let Some(utc) = text.strip_suffix('Z') {
        let wall = strtime::parse(WALL, utc).ok()?.to_datetime().ok()?;
        let instant = wall.to_zoned_datetime(TimeZone::UTC).ok()?.timestamp();
        return Some(instant.as_millisecond());
    }
    if let Ok(parsed) = strtime::parse(WITH_OFFSET, text) {
        return parsed.to_timestamp().ok().map(Timestamp::as_millisecond);
    }
    let wall = strtime::parse(WALL, text).ok()?.to_datetime().ok()?;
    let zone = london().ok()?.clone();
    let instant = wall.to_zoned_datetime(zone).ok()?.timestamp();
    Some(instant.as_millisecond())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Milliseconds of a UTC date and time, via jiff (independent of the code under test).
    fn utc(y: i16, mo: i8, d: i8, h: i8, mi: i8) -> i64 {
        jiff::civil::date(y, mo, d)
            .at(h, mi, 0, 0)
            .to_zoned_datetime(TimeZone::UTC)
            .unwrap()
            .timestamp()
            .as_millisecond()
    }

    /// The text of a datetime the emulator writes, to whole seconds.
    fn seconds(instant_ms: i64) -> String {
        uk_seconds(instant_ms).unwrap().as_str().to_owned()
    }

    /// The same with milliseconds.
    fn millis(instant_ms: i64) -> String {
        uk_millis(instant_ms).unwrap().as_str().to_owned()
    }

    #[test]
    fn bst_boundaries() {
        // 2026: BST from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(seconds(utc(2026, 3, 29, 0, 59)), "2026-03-29T00:59:00");
        assert_eq!(seconds(utc(2026, 3, 29, 1, 0)), "2026-03-29T02:00:00");
        assert_eq!(seconds(utc(2026, 10, 25, 0, 59)), "2026-10-25T01:59:00");
        assert_eq!(seconds(utc(2026, 10, 25, 1, 0)), "2026-10-25T01:00:00");
        assert_eq!(seconds(utc(2026, 1, 15, 12, 0)), "2026-01-15T12:00:00");
        assert_eq!(seconds(utc(2026, 7, 15, 12, 0)), "2026-07-15T13:00:00");
    }

    #[test]
    fn formats_wall_clock() {
        assert_eq!(
            millis(utc(2026, 7, 1, 12, 30) + 5_123),
            "2026-07-01T13:30:05.123"
        );
        assert_eq!(millis(utc(2026, 7, 1, 12, 30)), "2026-07-01T13:30:00.000");
        assert_eq!(seconds(utc(2026, 1, 22, 21, 30)), "2026-01-22T21:30:00");
        assert_eq!(seconds(utc(2026, 12, 31, 23, 59)), "2026-12-31T23:59:00");
        assert_eq!(
            uk_midnight(utc(2026, 7, 1, 23, 30)).unwrap().as_str(),
            "2026-07-02T00:00:00"
        );
        // Outside jiff's range there is no text, and the SDK's constructor says why.
        let e = uk_millis(i64::MAX).unwrap_err();
        assert_eq!(e.got, "a string (\"\")");
    }

    #[test]
    fn parses_back() {
        let t = utc(2026, 7, 1, 12, 30) + 5_123;
        assert_eq!(parse_uk(&millis(t)), Some(t));
        assert_eq!(parse_uk("2026-07-01T12:30:05.1234567Z"), Some(t));
        assert_eq!(parse_uk("2026-07-01T14:30:05.123+02:00"), Some(t));
        assert_eq!(parse_uk("2026-02-30T00:00:00"), None);
        assert_eq!(parse_uk("2026-07-01 12:30:05"), None);
        assert_eq!(parse_uk("2026-07-01T12:30"), None);
        assert_eq!(parse_uk("2026-07-01T12:30:05x"), None);
        assert_eq!(parse_uk("2026-07-01T12:30:05."), None);
        assert_eq!(parse_uk(""), None);
        assert_eq!(parse_uk("é"), None);
    }

    #[test]
    fn reads_booking_times_exactly() {
        let wall = parse_minute("2099-06-01 18:30").unwrap();
        assert_eq!(wall, jiff::civil::date(2099, 6, 1).at(18, 30, 0, 0));
        assert_eq!(
            api_wall_clock(wall).unwrap().as_str(),
            "2099-06-01T18:30:00"
        );
        assert!(parse_minute("0001-01-01 00:00").is_ok());
        assert!(parse_minute("9999-12-31 23:59").is_ok());
        // The skipped hour of the spring change is a wall-clock time all the same.
        assert!(parse_minute("2026-03-29 01:30").is_ok());
        for bad in [
            "2099-06-01T18:30",
            "2099-06-01 18:30:00",
            "2099-6-01 18:30",
            "2099-06-01  8:30",
            "2099-06-01 18.30",
            " 2099-06-01 18:30",
            "2099-06-01 18:30 ",
            "+099-06-01 18:30",
            "２099-06-01 18:30",
            "",
        ] {
            assert_eq!(parse_minute(bad), Err(MinuteError::Format), "{bad:?}");
        }
        for impossible in [
            "2099-02-29 18:30",
            "2099-13-01 00:00",
            "2099-00-10 00:00",
            "2099-04-31 00:00",
            "2099-06-01 24:00",
            "2099-06-01 12:60",
            "0000-01-01 00:00",
        ] {
            assert_eq!(
                parse_minute(impossible),
                Err(MinuteError::NoSuchDate),
                "{impossible:?}"
            );
        }
        assert!(parse_minute("2096-02-29 18:30").is_ok());
    }

    #[test]
    fn ambiguous_and_skipped_readings() {
        // 01:30 happens twice on 25 Oct 2026: the earlier (BST) instant is 00:30 UTC.
        assert_eq!(
            parse_uk("2026-10-25T01:30:00"),
            Some(utc(2026, 10, 25, 0, 30))
        );
        // 01:30 does not exist on 29 Mar 2026: moved forward by the gap, it is 01:30 UTC.
        assert_eq!(
            parse_uk("2026-03-29T01:30:00"),
            Some(utc(2026, 3, 29, 1, 30))
        );
    }
}
