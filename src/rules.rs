//! The API's rule types: IDs, amounts, counts, date-times, texts. Each is a small type whose
//! rule is data in its declaration (`#[describe(...)]`: bounds, or the function that reads its
//! text), so the engine that checks answers and requests, the conversions Rust code builds
//! them with, and serde all apply the same rule and say the same words.
//!
//! Build them with `TryFrom` (every integer type and `f64` for numbers, `&str` and `String`
//! for texts) or `str::parse`; a refusal is an [`Invalid`] that reads like the JavaScript
//! issue: "expected an integer from 1 to 2147483647, got 12.5: not a whole number".
//!
//! Why one file of about 560 lines: each rule type is a few lines of declaration (its rule as
//! data), with the conversions and getters every rule type has made by its macros;
//! about 90 of the lines are tests. The rule mechanism itself is `check::leaves`.

use std::fmt;

use adultwork_sdk_derive::Described;
use serde::{Serialize, Serializer};
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::check::{self, deserialize_by_rule, Moment, Raw, Reading, Refusal, Stamped};
use crate::datetime;
pub use crate::error::Invalid;

/// The largest integer JavaScript represents exactly (`Number.MAX_SAFE_INTEGER`).
pub(crate) const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
/// The largest `int` of the API (.NET `Int32`).
pub(crate) const INT32_MAX: f64 = 2_147_483_647.0;

/// The ID of a booking: an integer from 1 to 2147483647.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(expected = "an integer from 1 to 2147483647", integer(min = 1, max = INT32_MAX))]
pub struct BookingId(pub(crate) u32);

/// The ID of a user: an integer from 1 to 2147483647.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(expected = "an integer from 1 to 2147483647", integer(min = 1, max = INT32_MAX))]
pub struct UserId(pub(crate) u32);

/// A length of time in whole minutes, from 1 to 2147483647.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(
    expected = "a whole number of minutes from 1 to 2147483647",
    integer(min = 1, max = INT32_MAX)
)]
pub struct Minutes(pub(crate) u32);

/// The length of a booked session in whole minutes: at least 5 (up to 2147483647).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(
    expected = "a whole number of minutes, at least 5",
    integer(min = 5, max = INT32_MAX)
)]
pub struct SessionMinutes(pub(crate) u32);

/// A count: an integer from 0 to 2^53 − 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(expected = "a non-negative integer", integer(min = 0, max = MAX_SAFE))]
pub struct Count(pub(crate) u64);

/// A score that may be negative: an integer from −(2^53 − 1) to 2^53 − 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(expected = "an integer", integer(min = -MAX_SAFE, max = MAX_SAFE))]
pub struct Score(pub(crate) i64);

/// An amount of credits: a finite number, 0 or more.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(expected = "a finite number ≥ 0", finite(min = 0))]
pub struct Credits(pub(crate) f64);

/// Credits offered for a booking: a finite number greater than 0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(expected = "a finite number > 0", finite(above = 0))]
pub struct CreditsOffer(pub(crate) Credits);

/// A whole amount is written as an integer (`8`, as servers write it; the same number to
/// JavaScript), anything else as a decimal (`12.5`).
fn amount<S: Serializer>(n: f64, s: S) -> Result<S::Ok, S::Error> {
    if n == n.trunc() && n.abs() <= MAX_SAFE {
        if n < 0.0 {
            s.serialize_i64(n as i64)
        } else {
            s.serialize_u64(n as u64)
        }
    } else {
        s.serialize_f64(n)
    }
}

impl Serialize for Credits {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        amount(self.0, s)
    }
}

impl Serialize for CreditsOffer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

/// An API date-time as the server wrote it, without a time zone: `"2018-01-22T21:30:00"` or
/// `"2018-01-20T12:34:56.789"` (a fraction of 1–7 digits and a `Z` or `±HH:MM` offset are also
/// accepted), a real calendar date and time of day. The SDK keeps the text as it came; read it
/// as UK wall-clock time (or see `canCancel`).
#[derive(Debug, Clone, PartialEq, Eq, Described)]
#[cfg_attr(feature = "js", derive(Tsify), tsify(type = "string"))]
#[describe(expected = "a date-time like \"2018-01-22T21:30:00\"", text = api_date_time)]
pub struct ApiDateTime(pub(crate) Stamped);

fn api_date_time(text: &str) -> Result<Reading, Refusal> {
    datetime::parse(text)
        .map(|time| Reading::Time(None, time))
        .map_err(Some)
}

/// Text with at least one character that is not white space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(
    expected = "a string with at least one non-whitespace character",
    text = non_blank
)]
pub struct NonBlank(pub(crate) String);

fn non_blank(text: &str) -> Result<Reading, Refusal> {
    if check::messages::is_blank(text) {
        Err(None)
    } else {
        Ok(Reading::AsIs)
    }
}

/// A phone number as the API takes it: 10 or 11 digits, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(expected = "10 or 11 digits", text = phone_number)]
pub struct PhoneNumber(pub(crate) String);

fn phone_number(text: &str) -> Result<Reading, Refusal> {
    if !text.bytes().all(|b| b.is_ascii_digit()) {
        Err(Some("digits only: no spaces, + or dashes"))
    } else if !(10..=11).contains(&text.len()) {
        Err(None)
    } else {
        Ok(Reading::AsIs)
    }
}

/// A time as booking requests carry it: UK wall-clock time to the minute, written
/// `"YYYY-MM-DD HH:MM"`. From JavaScript it may also be a `Date`, which is written as
/// `Europe/London` wall-clock time (daylight saving included), seconds dropped.
#[derive(Debug, Clone, PartialEq, Eq, Described)]
#[cfg_attr(feature = "js", derive(Tsify), tsify(type = "string | Date"))]
#[describe(
    expected = "a Date or a string like \"2026-12-01 18:30\" (YYYY-MM-DD HH:MM, UK time)",
    moment = booking_time
)]
pub struct BookingTime(pub(crate) Stamped);

fn booking_time(moment: Moment<'_>) -> Result<Reading, Refusal> {
    let minute = |wall_ms| datetime::DateTime {
        wall_ms,
        offset_minutes: None,
    };
    match moment {
        Moment::Text(text) => datetime::parse_minute(text)
            .map(|wall| Reading::Time(None, minute(wall)))
            .map_err(Some),
        Moment::Instant(ms) if ms.is_nan() => Err(None),
        Moment::Instant(ms) => {
            let Some(zone) = datetime::uk_zone() else {
                return Err(Some("UK time is not available here"));
            };
            let text = BookingTime::text_at(ms, &zone)?;
            let wall = datetime::parse_minute(&text).map_err(Some)?;
            Ok(Reading::Time(Some(text), minute(wall)))
        }
    }
}

impl BookingTime {
    /// The UK wall-clock time (in `uk`, the `Europe/London` zone) of the instant `ms`
    /// (milliseconds since the epoch), to the minute.
    pub fn at(ms: f64, uk: &dyn datetime::Zone) -> Result<BookingTime, &'static str> {
        let text = Self::text_at(ms, uk)?;
        check::convert(Raw::Text(&text)).map_err(|_| "its year is outside 1 to 9999")
    }

    fn text_at(ms: f64, uk: &dyn datetime::Zone) -> Result<String, &'static str> {
        if !ms.is_finite() {
            return Err("it is an invalid Date");
        }
        let wall = datetime::wall_clock(ms.floor() as i64, uk)
            .map_err(|_| "UK time could not be read from Intl")?;
        datetime::format_minute(wall).ok_or("its year is outside 1 to 9999")
    }

    /// The text, `"YYYY-MM-DD HH:MM"`.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// The wall-clock reading in milliseconds, to compare two booking times.
    pub fn wall_ms(&self) -> i64 {
        self.0.reading.wall_ms
    }
}

impl ApiDateTime {
    /// The text, exactly as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0.text
    }

    /// What the text was read as (kept from when it was checked).
    pub fn reading(&self) -> datetime::DateTime {
        self.0.reading
    }
}

/// Date-times are their text on the wire and in JavaScript.
impl Serialize for ApiDateTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl Serialize for BookingTime {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// The IDs of a delete: 1 to 100 booking IDs, none twice. On the wire it is the one
/// comma-separated string the API takes (`"1001,1002"`); in TypeScript a `number[]`.
#[derive(Debug, Clone, PartialEq, Eq, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(
    list = "an array of 1 to 100 booking IDs",
    count(min = 1, max = 100, expected = "1 to 100 booking IDs"),
    distinct = "distinct booking IDs"
)]
pub struct BookingIds(pub(crate) Vec<BookingId>);

impl BookingIds {
    /// The most IDs one delete takes.
    pub const MAX: usize = 100;

    /// The list, or why not: empty, longer than [`BookingIds::MAX`], or an ID twice.
    pub fn new(ids: Vec<BookingId>) -> Result<BookingIds, String> {
        let check::Kind::List(list) = &<Self as check::Described>::DESCRIPTION.kind else {
            return Ok(BookingIds(ids));
        };
        let values: Vec<check::Value<'_>> = ids
            .iter()
            .map(|id| check::Value::Number(f64::from(id.0)))
            .collect();
        match check::list_problem(list, &values) {
            Some(problem) => Err(problem),
            None => Ok(BookingIds(ids)),
        }
    }

    /// The IDs, in the caller's order.
    pub fn ids(&self) -> &[BookingId] {
        &self.0
    }
}

impl Serialize for BookingIds {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        s.serialize_str(&text.join(","))
    }
}

impl<'de> serde::Deserialize<'de> for BookingIds {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let ids = Vec::<BookingId>::deserialize(d)?;
        BookingIds::new(ids).map_err(serde::de::Error::custom)
    }
}

deserialize_by_rule!(
    BookingId,
    UserId,
    Minutes,
    SessionMinutes,
    Count,
    Score,
    Credits,
    CreditsOffer,
    ApiDateTime,
    NonBlank,
    PhoneNumber,
    BookingTime,
);

/// Conversions into number rule types: from every integer type and `f64` (`TryFrom`), and
/// from text (`str::parse`), each checked by the type's rule.
macro_rules! from_numbers {
    ($($ty:ty),* $(,)?) => {$(
        $crate::rules::from_numbers!(@each $ty: u8 u16 u32 u64 u128 usize i8 i16 i32 i64 i128 isize f64);

        impl std::str::FromStr for $ty {
            type Err = $crate::rules::Invalid;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                $crate::check::convert($crate::check::Raw::Text(text))
            }
        }
    )*};
    (@each $ty:ty: $($n:ty)*) => {$(
        impl TryFrom<$n> for $ty {
            type Error = $crate::rules::Invalid;
            fn try_from(n: $n) -> Result<Self, Self::Error> {
                $crate::check::convert($crate::check::Raw::Number(n as f64))
            }
        }
    )*};
}
pub(crate) use from_numbers;

/// Conversions into text rule types: from `&str`, `String` and `str::parse`.
macro_rules! from_text {
    ($($ty:ty),* $(,)?) => {$(
        impl TryFrom<&str> for $ty {
            type Error = $crate::rules::Invalid;
            fn try_from(text: &str) -> Result<Self, Self::Error> {
                $crate::check::convert($crate::check::Raw::Text(text))
            }
        }

        impl TryFrom<String> for $ty {
            type Error = $crate::rules::Invalid;
            fn try_from(text: String) -> Result<Self, Self::Error> {
                Self::try_from(text.as_str())
            }
        }

        impl std::str::FromStr for $ty {
            type Err = $crate::rules::Invalid;
            fn from_str(text: &str) -> Result<Self, Self::Err> {
                Self::try_from(text)
            }
        }
    )*};
}
pub(crate) use from_text;

from_numbers!(
    BookingId,
    UserId,
    Minutes,
    SessionMinutes,
    Count,
    Score,
    Credits,
    CreditsOffer
);
from_text!(ApiDateTime, NonBlank, PhoneNumber, BookingTime);

/// The value of a number rule type.
macro_rules! getters {
    ($($ty:ident -> $inner:ty),* $(,)?) => {$(
        impl $ty {
            /// The number.
            pub fn get(self) -> $inner {
                self.0
            }
        }
    )*};
}
getters!(
    BookingId -> u32,
    UserId -> u32,
    Minutes -> u32,
    SessionMinutes -> u32,
    Count -> u64,
    Score -> i64,
    Credits -> f64,
);

impl CreditsOffer {
    /// The amount.
    pub fn get(self) -> f64 {
        self.0 .0
    }
}

impl fmt::Display for BookingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl NonBlank {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl PhoneNumber {
    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Declares a Rust enum whose values are numbers on the wire: described as one of its numbers
/// (`#[derive(Described)]`), serialized as the number, and typed in TypeScript as the union of
/// those numbers (`1 | 2 | 3`), all from the one declaration.
macro_rules! numeric_enum {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident {
            $($(#[doc = $vdoc:literal])* $variant:ident = $number:literal),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, adultwork_sdk_derive::Described)]
        #[describe(numbers)]
        #[repr(u8)]
        pub enum $name {
            $($(#[doc = $vdoc])* $variant = $number),+
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_u8(*self as u8)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::check::deserialize(d)
            }
        }

        impl TryFrom<u8> for $name {
            type Error = $crate::rules::Invalid;
            fn try_from(n: u8) -> Result<Self, Self::Error> {
                $crate::check::convert($crate::check::Raw::Number(f64::from(n)))
            }
        }

        #[cfg(feature = "js")]
        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const _: &'static str = concat!(
            "/**\n", $(" *", $doc, "\n",)* " */\nexport type ", stringify!($name), " = ",
            $crate::rules::numeric_enum!(@join " | "; $($number),+), ";\n"
        );
    };
    (@join $sep:literal; $first:literal $(, $rest:literal)*) => {
        concat!(stringify!($first) $(, $sep, stringify!($rest))*)
    };
}
pub(crate) use numeric_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_whole_numbers_in_range() {
        assert_eq!(BookingId::try_from(1).map(BookingId::get), Ok(1));
        assert_eq!(
            BookingId::try_from(2_147_483_647u32).map(BookingId::get),
            Ok(2_147_483_647)
        );
        for bad in [0.0, -1.0, 2_147_483_648.0, f64::NAN, f64::INFINITY, 1e21] {
            assert!(BookingId::try_from(bad).is_err(), "{bad}");
        }
        let e = BookingId::try_from(12.5_f64).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected an integer from 1 to 2147483647, got 12.5: not a whole number"
        );
        assert_eq!(UserId::try_from(7u8).map(UserId::get), Ok(7));
        assert_eq!(BookingId::try_from(-3i64).unwrap_err().got, "-3");
        assert_eq!(
            BookingId::try_from(u64::MAX).unwrap_err().got,
            "18446744073709552000"
        );
        assert_eq!("1001".parse::<BookingId>().map(BookingId::get), Ok(1001));
        assert_eq!(
            "abc".parse::<BookingId>().unwrap_err().to_string(),
            "expected an integer from 1 to 2147483647, got a string (\"abc\")"
        );
    }

    #[test]
    fn counts_scores_and_credits() {
        assert!(Count::try_from(0).is_ok());
        assert!(Count::try_from(MAX_SAFE).is_ok());
        assert!(Count::try_from(MAX_SAFE + 2.0).is_err());
        assert!(Count::try_from(-1).is_err());
        assert_eq!(Score::try_from(-6).map(Score::get), Ok(-6));
        assert!(Score::try_from(-MAX_SAFE - 2.0).is_err());
        assert!(Credits::try_from(0).is_ok());
        assert!(Credits::try_from(12.5).is_ok());
        assert_eq!(
            Credits::try_from(f64::INFINITY).unwrap_err().to_string(),
            "expected a finite number ≥ 0, got Infinity: not finite"
        );
        assert!(Credits::try_from(-0.5).is_err());
        assert!(Minutes::try_from(0).is_err());
        assert_eq!(
            CreditsOffer::try_from(0_u8).unwrap_err().to_string(),
            "expected a finite number > 0, got 0"
        );
    }

    #[test]
    fn date_times_and_text() {
        let time = ApiDateTime::try_from("2018-01-22T21:30:00").unwrap();
        assert_eq!(
            time.reading(),
            datetime::parse("2018-01-22T21:30:00").unwrap()
        );
        let e = ApiDateTime::try_from("2018-02-30T21:30:00").unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected a date-time like \"2018-01-22T21:30:00\", got a string (\"2018-02-30T21:30:00\"): that day does not exist in that month"
        );
        assert!(NonBlank::try_from(" \t\u{3000}\u{feff}").is_err());
        assert_eq!(NonBlank::try_from(" x ").map(|t| t.0), Ok(" x ".to_owned()));
        assert_eq!(
            NonBlank::try_from(String::from("x")).map(|t| t.0),
            Ok("x".to_owned())
        );
        let times =
            ["2026-12-01 18:30", "2026-12-01 17:00"].map(|t| t.parse::<BookingTime>().unwrap());
        assert!(times[1].wall_ms() < times[0].wall_ms());
    }

    #[test]
    fn lists_say_what_is_wrong() {
        let id = |n: u32| BookingId::try_from(n).unwrap();
        assert_eq!(
            BookingIds::new(Vec::new()).unwrap_err(),
            "expected 1 to 100 booking IDs, got an empty array"
        );
        assert_eq!(
            BookingIds::new(vec![id(1), id(2), id(1)]).unwrap_err(),
            "expected distinct booking IDs, got 1 twice (at [0] and [2])"
        );
        assert_eq!(
            BookingIds::new((1..=101).map(id).collect()).unwrap_err(),
            "expected 1 to 100 booking IDs, got 101"
        );
    }
}
