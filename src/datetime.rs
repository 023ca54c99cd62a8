//! The API's datetimes: parsing, calendar checks, and turning a zone-less wall-clock time into
//! an instant.
//!
//! AdultWork sends `2018-01-22T21:30:00` or `2018-01-20T12:34:56.789` with no zone. The SDK keeps
//! those strings untouched in the `MadeBooking` it returns; only `canCancel`/`canReschedule`
//! need an instant, and they read the wall-clock time in a caller-chosen IANA zone (default
//! `Europe/London`). The zone's offsets come from a [`Zone`] (the browser's `Intl` in Wasm, a
//! fixed rule set in native tests), so the logic here stays pure.
//!
//! Why one file of about 550 lines: parsing, the civil calendar and the zone arithmetic are
//! read together when a date is in doubt; about 210 of the lines are tests and fixed test
//! zones, and `Intl` (the only part that needs a browser) is the `intl` module.

/// A parsed API datetime.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DateTime {
    /// Milliseconds since 1970-01-01T00:00:00 of the wall-clock reading, as if it were UTC.
    pub wall_ms: i64,
    /// The explicit UTC offset in minutes, when the text carried `Z` or `±HH:MM`.
    pub offset_minutes: Option<i32>,
}

const DAY_MS: i64 = 86_400_000;

/// Days from 1970-01-01 to the given proleptic Gregorian date (Howard Hinnant's algorithm).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days in a month of a year.
pub(crate) fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

fn num(b: &[u8], from: usize, len: usize) -> Option<i64> {
    let digits = b.get(from..from + len)?;
    digits.iter().try_fold(0i64, |acc, d| {
        d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
    })
}

/// Why a string is not an API datetime; the text finishes "expected a date-time like …, but …".
pub(crate) type Problem = &'static str;

/// The fields of `YYYY-MM-DD<sep>HH:MM`, and `:SS` when `seconds`, at the start of `b`:
/// year, month, day, hour, minute, second (0 without seconds); `None` when the shape differs.
fn clock(b: &[u8], sep: u8, seconds: bool) -> Option<[i64; 6]> {
    let at = |i: usize, c: u8| b.get(i) == Some(&c);
    let shape = at(4, b'-') && at(7, b'-') && at(10, sep) && at(13, b':');
    let second = if seconds {
        at(16, b':').then(|| num(b, 17, 2)).flatten()?
    } else {
        0
    };
    shape.then_some(())?;
    Some([
        num(b, 0, 4)?,
        num(b, 5, 2)?,
        num(b, 8, 2)?,
        num(b, 11, 2)?,
        num(b, 14, 2)?,
        second,
    ])
}

/// The wall-clock milliseconds of a date and time of day, when the calendar has them.
fn wall_ms([year, month, day, hour, minute, second]: [i64; 6]) -> Result<i64, Problem> {
    if year == 0 || !(1..=12).contains(&month) {
        return Err("that month does not exist");
    }
    if day == 0 || day > days_in_month(year, month) {
        return Err("that day does not exist in that month");
    }
    if hour > 23 || minute > 59 || second > 59 {
        return Err("that time of day does not exist");
    }
    Ok(days_from_civil(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000)
}

/// Parses `YYYY-MM-DDTHH:MM:SS`, an optional fraction of 1–7 digits, and an optional `Z` or
/// `±HH:MM`, and checks that the date exists in the calendar.
pub(crate) fn parse(s: &str) -> Result<DateTime, Problem> {
    let b = s.as_bytes();
    let sep = |i: usize, c: u8| b.get(i) == Some(&c);
    let fields = clock(b, b'T', true).ok_or("it does not have the form YYYY-MM-DDTHH:MM:SS")?;
    let mut i = 19;
    let mut millis = 0;
    if sep(i, b'.') {
        let digits = b
            .get(i + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if !(1..=7).contains(&digits) {
            return Err("its fraction of a second must have 1 to 7 digits");
        }
        // Milliseconds from the first three digits ("7" → 700, "789123" → 789).
        let ms_digits = digits.min(3);
        let scale = match ms_digits {
            1 => 100,
            2 => 10,
            _ => 1,
        };
        millis = num(b, i + 1, ms_digits).unwrap_or(0) * scale;
        i += 1 + digits;
    }
    let offset_minutes = match b.get(i) {
        None => None,
        Some(b'Z') => {
            i += 1;
            Some(0)
        }
        Some(sign @ (b'+' | b'-')) => {
            let (Some(oh), Some(om)) = (num(b, i + 1, 2), num(b, i + 4, 2)) else {
                return Err("its UTC offset must look like +01:00");
            };
            if !sep(i + 3, b':') || oh > 23 || om > 59 {
                return Err("its UTC offset must look like +01:00");
            }
            i += 6;
            let minutes = (oh * 60 + om) as i32;
            Some(if *sign == b'-' { -minutes } else { minutes })
        }
        Some(_) => return Err("it has unexpected text after the time"),
    };
    if i != b.len() {
        return Err("it has unexpected text after the time");
    }
    Ok(DateTime {
        wall_ms: wall_ms(fields)? + millis,
        offset_minutes,
    })
}

/// UTC offsets of a time zone.
pub trait Zone {
    /// The offset (local minus UTC) in milliseconds in effect at `instant_ms`.
    fn offset_ms(&self, instant_ms: i64) -> Option<i64>;
}

/// Why an instant could not be found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ZoneUnavailable;

impl DateTime {
    /// The instant this datetime denotes: its own offset when it has one, else its wall-clock
    /// reading in `zone`. A reading that happens twice (clocks going back) is the earlier
    /// instant; one skipped by clocks going forward is read with the offset before the change,
    /// so it lands just after the gap (the rule of `Temporal`'s "compatible" disambiguation).
    pub fn instant_ms(&self, zone: &dyn Zone) -> Result<i64, ZoneUnavailable> {
        if let Some(minutes) = self.offset_minutes {
            return Ok(self.wall_ms - i64::from(minutes) * 60_000);
        }
        let wall = self.wall_ms;
        let before = zone.offset_ms(wall - DAY_MS).ok_or(ZoneUnavailable)?;
        let after = zone.offset_ms(wall + DAY_MS).ok_or(ZoneUnavailable)?;
        let mut valid = Vec::with_capacity(2);
        for offset in [before, after] {
            let candidate = wall - offset;
            if zone.offset_ms(candidate).ok_or(ZoneUnavailable)? == offset {
                valid.push(candidate);
            }
        }
        Ok(valid.into_iter().min().unwrap_or(wall - before))
    }
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (the inverse of
/// [`days_from_civil`]).
pub(crate) fn civil_from_days(days: i64) -> (i64, i64, i64) {
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

/// Reads a booking time as requests carry it, `YYYY-MM-DD HH:MM` (a real calendar date and
/// time of day), into its wall-clock reading in milliseconds.
pub(crate) fn parse_minute(s: &str) -> Result<i64, Problem> {
    let b = s.as_bytes();
    match clock(b, b' ', false) {
        Some(fields) if b.len() == 16 => wall_ms(fields),
        _ => Err("it does not have the form YYYY-MM-DD HH:MM"),
    }
}

/// Writes a wall-clock reading as `YYYY-MM-DD HH:MM` (seconds dropped); `None` outside the
/// years 1 to 9999.
pub(crate) fn format_minute(wall_ms: i64) -> Option<String> {
    let (year, month, day) = civil_from_days(wall_ms.div_euclid(DAY_MS));
    let minute_of_day = wall_ms.rem_euclid(DAY_MS) / 60_000;
    (1..=9999).contains(&year).then(|| {
        format!(
            "{year:04}-{month:02}-{day:02} {:02}:{:02}",
            minute_of_day / 60,
            minute_of_day % 60
        )
    })
}

/// The wall-clock reading in `zone` of an instant (milliseconds since the epoch).
pub(crate) fn wall_clock(instant_ms: i64, zone: &dyn Zone) -> Result<i64, ZoneUnavailable> {
    Ok(instant_ms + zone.offset_ms(instant_ms).ok_or(ZoneUnavailable)?)
}

pub use intl::IntlZone;

/// Time-zone offsets from the JavaScript engine's `Intl` (full IANA data in every browser and in
/// Node), so the `.wasm` carries no time-zone database.
mod intl {
    use js_sys::{Date, Function, Object, Reflect};
    use wasm_bindgen::prelude::*;

    use super::{parse_gmt_offset, Zone};

    #[wasm_bindgen(js_namespace = Intl)]
    extern "C" {
        #[wasm_bindgen(js_name = DateTimeFormat)]
        type DateTimeFormat;
        // `catch`: the constructor throws a RangeError for a zone the engine does not know.
        #[wasm_bindgen(constructor, js_class = "DateTimeFormat", catch)]
        fn new(locales: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;
        #[wasm_bindgen(method, getter)]
        fn format(this: &DateTimeFormat) -> Function;
    }

    /// An IANA zone, through `Intl.DateTimeFormat`: the [`Zone`] to read the API's zone-less
    /// datetimes with, for [`crate::prereq::can_cancel`] and [`crate::prereq::can_reschedule`].
    /// The API's datetimes are UK wall-clock time, so `"Europe/London"` is the zone to use.
    ///
    /// # Example
    ///
    /// ```no_run
    /// use adultwork_sdk::client::IntlZone;
    /// use adultwork_sdk::model::MadeBooking;
    /// use adultwork_sdk::prereq::{can_cancel, CancelCheck};
    ///
    /// fn may_cancel(booking: &MadeBooking) -> bool {
    ///     let Some(london) = IntlZone::new("Europe/London") else { return true };
    ///     let now_ms = js_sys::Date::now();
    ///     // Advisory: the server decides. An unknown offset leaves the decision to it.
    ///     match can_cancel(booking.status, &booking.session_date.reading(), now_ms, &london) {
    ///         Ok(CancelCheck::Refused { .. }) => false,
    ///         Ok(CancelCheck::Allowed { .. }) | Err(_) => true,
    ///     }
    /// }
    /// ```
    pub struct IntlZone {
        format: Function,
    }

    impl IntlZone {
        /// The zone named `name`, or `None` when the engine does not know it (and always
        /// outside WebAssembly, where there is no `Intl`).
        pub fn new(name: &str) -> Option<IntlZone> {
            if cfg!(not(target_arch = "wasm32")) {
                return None;
            }
            let options = Object::new();
            let set = |k: &str, v: &str| {
                Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v))
            };
            set("timeZone", name).ok()?;
            // "GMT+01:00" / "GMT": the offset itself, with no local-time arithmetic to redo.
            set("timeZoneName", "longOffset").ok()?;
            let format = DateTimeFormat::new("en-US", &options).ok()?.format();
            Some(IntlZone { format })
        }
    }

    impl Zone for IntlZone {
        fn offset_ms(&self, instant_ms: i64) -> Option<i64> {
            let date = Date::new(&JsValue::from_f64(instant_ms as f64));
            let text = self
                .format
                .call1(&JsValue::UNDEFINED, &date)
                .ok()?
                .as_string()?;
            parse_gmt_offset(&text)
        }
    }
}

/// UK time (`Europe/London`), where the API's wall-clock times are: from the engine's `Intl`
/// in Wasm. Native code has no such source, and needs none: a JavaScript `Date` (the only
/// instant a caller hands over) never reaches it.
pub(crate) fn uk_zone() -> Option<impl Zone> {
    IntlZone::new("Europe/London")
}

/// Reads the offset at the end of `Intl` text such as "1/2/2026, GMT+01:00", "…GMT-05:30" or
/// "…GMT" (zero), in milliseconds.
pub(crate) fn parse_gmt_offset(text: &str) -> Option<i64> {
    let b = text.as_bytes();
    let at = (0..b.len())
        .rev()
        .find(|&i| b.get(i..i + 3) == Some(b"GMT"))?;
    let rest = b.get(at + 3..)?;
    let Some(first) = rest.first() else {
        return Some(0);
    };
    let sign = match first {
        b'+' => 1,
        // ASCII '-', or the first byte of U+2212 MINUS SIGN, which some engines print.
        b'-' | 0xE2 => -1,
        _ => return None,
    };
    let digits: Vec<i64> = rest
        .iter()
        .filter(|c| c.is_ascii_digit())
        .map(|c| i64::from(c - b'0'))
        .collect();
    let (h, m) = match digits.as_slice() {
        [h] => (*h, 0),
        [h1, h2] => (h1 * 10 + h2, 0),
        [h1, h2, m1, m2] => (h1 * 10 + h2, m1 * 10 + m2),
        _ => return None,
    };
    Some(sign * (h * 60 + m) * 60_000)
}

/// Native tests' stand-in for `Intl`: fixed offsets, or the UK rule (GMT, BST from the last
/// Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC).
#[cfg(test)]
pub mod test_zones {
    use super::*;

    /// A zone with one fixed offset.
    pub struct Fixed(pub i64);
    impl Zone for Fixed {
        fn offset_ms(&self, _: i64) -> Option<i64> {
            Some(self.0)
        }
    }

    /// Europe/London since 1996.
    pub struct London;
    fn last_sunday_1am_utc(year: i64, month: i64) -> i64 {
        let last = days_from_civil(year, month, days_in_month(year, month));
        let weekday = (last + 4).rem_euclid(7); // 1970-01-01 was a Thursday (4)
        (last - weekday) * DAY_MS + 3_600_000
    }
    impl Zone for London {
        fn offset_ms(&self, instant: i64) -> Option<i64> {
            let days = instant.div_euclid(DAY_MS);
            let year = 1970 + days * 400 / 146_097; // close enough; corrected below
            let year = (year - 1..=year + 1)
                .find(|y| days < days_from_civil(y + 1, 1, 1))
                .unwrap_or(year);
            let start = last_sunday_1am_utc(year, 3);
            let end = last_sunday_1am_utc(year, 10);
            Some(if (start..end).contains(&instant) {
                3_600_000
            } else {
                0
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_zones::*;
    use super::*;

    fn utc(s: &str) -> i64 {
        parse(s).unwrap().instant_ms(&Fixed(0)).unwrap()
    }

    #[test]
    fn parses_the_documented_forms() {
        assert_eq!(parse("1970-01-01T00:00:00").unwrap().wall_ms, 0);
        assert_eq!(
            parse("2018-01-22T21:30:00").unwrap().wall_ms,
            1_516_656_600_000
        );
        assert_eq!(
            parse("2018-01-20T12:34:56.789").unwrap().wall_ms % 1000,
            789
        );
        assert_eq!(parse("2018-01-20T12:34:56.7").unwrap().wall_ms % 1000, 700);
        assert_eq!(
            parse("2018-01-20T12:34:56.1234567").unwrap().wall_ms % 1000,
            123
        );
        let z = parse("2018-01-20T12:34:56Z").unwrap();
        assert_eq!(z.offset_minutes, Some(0));
        let plus = parse("2018-01-20T12:34:56.5+05:30").unwrap();
        assert_eq!(plus.offset_minutes, Some(330));
        assert_eq!(
            parse("2018-01-20T12:34:56-08:00").unwrap().offset_minutes,
            Some(-480)
        );
    }

    #[test]
    fn rejects_malformed_and_impossible_dates() {
        for bad in [
            "",
            "2018-01-22",
            "2018-01-22 21:30:00",
            "2018-1-22T21:30:00",
            "2018-01-22T21:30",
            "2018-01-22T21:30:00.",
            "2018-01-22T21:30:00.12345678",
            "2018-01-22T21:30:00+0100",
            "2018-01-22T21:30:00+01",
            "2018-01-22T21:30:00z",
            "2018-01-22T21:30:00Zjunk",
            "2018-13-01T00:00:00",
            "2018-00-01T00:00:00",
            "2018-02-29T00:00:00",
            "2018-04-31T00:00:00",
            "0000-01-01T00:00:00",
            "2018-01-22T24:00:00",
            "2018-01-22T23:60:00",
            "2018-01-22T23:59:60",
            "2018-01-22T21:30:00+24:00",
            "２０１８-01-22T21:30:00",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert!(parse("2020-02-29T00:00:00").is_ok());
        assert!(parse("2000-02-29T00:00:00").is_ok());
        assert!(parse("1900-02-29T00:00:00").is_err());
    }

    #[test]
    fn reads_intl_offsets() {
        assert_eq!(parse_gmt_offset("1/2/2026, GMT"), Some(0));
        assert_eq!(parse_gmt_offset("7/2/2026, GMT+01:00"), Some(3_600_000));
        assert_eq!(parse_gmt_offset("7/2/2026, GMT-05:30"), Some(-19_800_000));
        assert_eq!(
            parse_gmt_offset("7/2/2026, GMT\u{2212}03:00"),
            Some(-10_800_000)
        );
        assert_eq!(parse_gmt_offset("7/2/2026, GMT+5"), Some(18_000_000));
        assert_eq!(parse_gmt_offset("7/2/2026, UTC"), None);
    }

    #[test]
    fn civil_days_match_known_dates() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }

    #[test]
    fn london_wall_clock_across_daylight_saving() {
        // 2026: BST starts 29 March 01:00 UTC, ends 25 October 01:00 UTC.
        let at = |s: &str| parse(s).unwrap().instant_ms(&London).unwrap();
        assert_eq!(at("2026-01-15T12:00:00"), utc("2026-01-15T12:00:00Z"));
        assert_eq!(at("2026-07-15T12:00:00"), utc("2026-07-15T11:00:00Z"));
        // Skipped hour: 01:30 does not exist; read with the offset before the change.
        assert_eq!(at("2026-03-29T01:30:00"), utc("2026-03-29T01:30:00Z"));
        assert_eq!(at("2026-03-29T00:59:00"), utc("2026-03-29T00:59:00Z"));
        assert_eq!(at("2026-03-29T02:00:00"), utc("2026-03-29T01:00:00Z"));
        // Repeated hour: 01:30 happens twice; the earlier (BST) one is meant.
        assert_eq!(at("2026-10-25T01:30:00"), utc("2026-10-25T00:30:00Z"));
        assert_eq!(at("2026-10-25T02:00:00"), utc("2026-10-25T02:00:00Z"));
        // An explicit offset wins over the zone.
        assert_eq!(at("2026-07-15T12:00:00Z"), utc("2026-07-15T12:00:00Z"));
    }

    #[test]
    fn civil_dates_round_trip() {
        for days in [-800_000, -1, 0, 1, 11_017, 20_000, 2_932_896] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days, "{days}");
        }
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
    }

    #[test]
    fn booking_minutes_read_and_write() {
        let wall = parse_minute("2026-12-01 18:30").unwrap();
        assert_eq!(wall, utc("2026-12-01T18:30:00Z"));
        assert_eq!(format_minute(wall).as_deref(), Some("2026-12-01 18:30"));
        assert_eq!(
            format_minute(wall + 59_999).as_deref(),
            Some("2026-12-01 18:30")
        );
        assert_eq!(
            format_minute(utc("9999-12-31T23:59:00Z")).as_deref(),
            Some("9999-12-31 23:59")
        );
        assert_eq!(format_minute(utc("9999-12-31T23:59:00Z") + 60_000), None);
        let bad = |s: &str| parse_minute(s).unwrap_err();
        assert_eq!(
            bad("2026-12-01T18:30"),
            "it does not have the form YYYY-MM-DD HH:MM"
        );
        assert_eq!(
            bad("2026-12-01 18:30:00"),
            "it does not have the form YYYY-MM-DD HH:MM"
        );
        assert_eq!(
            bad("2026-12-1 18:30"),
            "it does not have the form YYYY-MM-DD HH:MM"
        );
        assert_eq!(
            bad("2026-02-29 18:30"),
            "that day does not exist in that month"
        );
        assert_eq!(bad("2026-13-01 18:30"), "that month does not exist");
        assert_eq!(bad("2026-12-01 24:00"), "that time of day does not exist");
        assert!(parse_minute("2028-02-29 00:00").is_ok());
    }

    #[test]
    fn an_instant_in_uk_time_across_daylight_saving() {
        let cases = [
            ("2026-01-15T12:00:00Z", "2026-01-15 12:00"),
            ("2026-07-15T12:00:00Z", "2026-07-15 13:00"),
            // The last minute of GMT and the first of BST (29 March 2026, 01:00 UTC).
            ("2026-03-29T00:59:00Z", "2026-03-29 00:59"),
            ("2026-03-29T01:00:00Z", "2026-03-29 02:00"),
            // Back to GMT (25 October 2026, 01:00 UTC): 01:xx happens twice.
            ("2026-10-25T00:30:00Z", "2026-10-25 01:30"),
            ("2026-10-25T01:30:00Z", "2026-10-25 01:30"),
        ];
        for (instant, uk) in cases {
            let wall = wall_clock(utc(instant), &London).unwrap();
            assert_eq!(format_minute(wall).as_deref(), Some(uk), "{instant}");
        }
        struct Unknown;
        impl Zone for Unknown {
            fn offset_ms(&self, _: i64) -> Option<i64> {
                None
            }
        }
        assert!(wall_clock(0, &Unknown).is_err());
    }
}
