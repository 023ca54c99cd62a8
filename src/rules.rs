//! Format and range rules, each in a small newtype whose `Deserialize` checks it, so that every
//! type that uses the newtype gets the rule.
//!
//! A rule reads a raw JSON value (a number or a string), checks it and keeps it. When a value
//! breaks the rule inside [`crate::decode`], the problem is recorded at its path and a valid
//! stand-in takes its place, so the reader can go on and list the value's other problems;
//! anywhere else (serde_json in a Rust program) it is an ordinary serde error. The Rust API
//! builds the same newtypes with [`Rule::try_new`].

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Unexpected, Visitor};
use serde::Serialize;
use tsify::Tsify;

use crate::datetime;
use crate::decode;

/// The largest integer JavaScript represents exactly (`Number.MAX_SAFE_INTEGER`).
pub const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
/// The largest `int` of the API (.NET `Int32`).
pub const INT32_MAX: f64 = 2_147_483_647.0;

/// A value that breaks its rule: what was expected, what was given, and why not.
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

/// What a rule refused, handed back with the reason.
#[derive(Debug)]
pub struct Rejected<R> {
    /// The value as it was read.
    pub raw: R,
    /// Why it does not qualify (`None` when "expected …, got …" says it all).
    pub why: Option<&'static str>,
}

impl<R> Rejected<R> {
    /// Refused, with nothing to add.
    pub fn plain(raw: R) -> Self {
        Rejected { raw, why: None }
    }

    /// Refused, because `why`.
    pub fn because(raw: R, why: &'static str) -> Self {
        Rejected {
            raw,
            why: Some(why),
        }
    }
}

/// A format or range rule.
pub trait Rule: Sized {
    /// What the rule reads: a number (`f64`) or a string (`String`).
    type Raw: Raw;
    /// What a valid value looks like, in messages: "an integer from 1 to 2147483647".
    const EXPECTED: &'static str;
    /// The value, if `raw` qualifies.
    fn check(raw: Self::Raw) -> Result<Self, Rejected<Self::Raw>>;
    /// A valid value that stands in for an invalid one while every problem is collected.
    fn stand_in() -> Self;

    /// Builds the value from Rust, or says why not.
    fn try_new(raw: impl Into<Self::Raw>) -> Result<Self, Invalid> {
        Self::check(raw.into()).map_err(|rejected| Invalid {
            expected: Self::EXPECTED,
            got: rejected.raw.show(),
            why: rejected.why,
        })
    }
}

/// The raw JSON forms rules read.
pub trait Raw: Sized {
    /// Asks the deserializer for this form.
    fn read<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        d: D,
        visitor: V,
    ) -> Result<V::Value, D::Error>;
    /// From a number, if this form is a number.
    fn from_number(n: f64) -> Option<Self>;
    /// From a string, if this form is a string.
    fn from_text(s: &str) -> Option<Self>;
    /// From a JavaScript `Date` (milliseconds since the epoch, NaN for an invalid one), if this
    /// form takes one.
    fn from_instant(_ms: f64) -> Option<Self> {
        None
    }
    /// How a message shows the value.
    fn show(&self) -> String;
}

impl Raw for f64 {
    fn read<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        d: D,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_f64(visitor)
    }
    fn from_number(n: f64) -> Option<Self> {
        Some(n)
    }
    fn from_text(_: &str) -> Option<Self> {
        None
    }
    fn show(&self) -> String {
        decode::js_number(*self)
    }
}

impl Raw for String {
    fn read<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        d: D,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_string(visitor)
    }
    fn from_number(_: f64) -> Option<Self> {
        None
    }
    fn from_text(s: &str) -> Option<Self> {
        Some(s.to_owned())
    }
    fn show(&self) -> String {
        format!("a string ({})", decode::quote(self))
    }
}

/// A moment as a caller gives it: text, or a JavaScript `Date`.
#[derive(Debug, Clone, PartialEq)]
pub enum Moment {
    /// Text to be read by the rule.
    Text(String),
    /// A `Date`: milliseconds since the epoch (NaN for an invalid `Date`).
    Instant(f64),
}

impl From<&str> for Moment {
    fn from(text: &str) -> Self {
        Moment::Text(text.to_owned())
    }
}

impl Raw for Moment {
    /// Either form: a `Date` reaches the visitor as a newtype holding its milliseconds
    /// ([`decode`] reads it so; no other deserializer has dates).
    fn read<'de, D: Deserializer<'de>, V: Visitor<'de>>(
        d: D,
        visitor: V,
    ) -> Result<V::Value, D::Error> {
        d.deserialize_any(visitor)
    }
    fn from_number(_: f64) -> Option<Self> {
        None
    }
    fn from_text(s: &str) -> Option<Self> {
        Some(Moment::Text(s.to_owned()))
    }
    fn from_instant(ms: f64) -> Option<Self> {
        Some(Moment::Instant(ms))
    }
    fn show(&self) -> String {
        match self {
            Moment::Text(text) => text.show(),
            Moment::Instant(ms) if ms.is_nan() => "an invalid Date".into(),
            Moment::Instant(_) => "a Date".into(),
        }
    }
}

/// Deserializes a rule's newtype: reads the raw form, checks it, and either keeps it or (while
/// [`decode`] collects) reports it and stands in.
pub fn deserialize<'de, T: Rule, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    T::Raw::read(d, Checking::<T>(PhantomData))
}

struct Checking<T>(PhantomData<T>);

impl<T: Rule> Checking<T> {
    /// A value of the wrong kind: recorded and stood in for while [`decode`] collects (so the
    /// reading goes on), an error anywhere else.
    fn refuse<E: de::Error>(self, got: Unexpected<'_>) -> Result<T, E> {
        let error = E::invalid_type(got, &self);
        if decode::report(&error) {
            Ok(T::stand_in())
        } else {
            Err(error)
        }
    }

    fn accept<E: de::Error>(raw: T::Raw) -> Result<T, E> {
        T::check(raw).or_else(|rejected| {
            let invalid = Invalid {
                expected: T::EXPECTED,
                got: rejected.raw.show(),
                why: rejected.why,
            };
            if decode::report(&invalid) {
                Ok(T::stand_in())
            } else {
                Err(E::custom(invalid))
            }
        })
    }
}

impl<'de, T: Rule> Visitor<'de> for Checking<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTED)
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<T, E> {
        match T::Raw::from_number(n) {
            Some(raw) => Self::accept(raw),
            None => self.refuse(Unexpected::Float(n)),
        }
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<T, E> {
        self.visit_f64(n as f64)
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<T, E> {
        self.visit_f64(n as f64)
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<T, E> {
        match T::Raw::from_text(s) {
            Some(raw) => Self::accept(raw),
            None => self.refuse(Unexpected::Str(s)),
        }
    }

    /// A JavaScript `Date`, as [`decode`] hands it over: its milliseconds.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        let ms = <f64 as serde::Deserialize>::deserialize(d)?;
        match T::Raw::from_instant(ms) {
            Some(raw) => Self::accept(raw),
            None => self.refuse(Unexpected::Other("a Date")),
        }
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<T, E> {
        self.refuse(Unexpected::Bool(b))
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        self.refuse(Unexpected::Unit)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        self.refuse(Unexpected::Seq)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<T, A::Error> {
        self.refuse(Unexpected::Map)
    }
}

/// Implements `Deserialize` through the type's [`Rule`].
macro_rules! deserialize_by_rule {
    ($($ty:ty),* $(,)?) => {$(
        impl<'de> serde::Deserialize<'de> for $ty {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                $crate::rules::deserialize(d)
            }
        }
    )*};
}
pub(crate) use deserialize_by_rule;

/// An integer within `min..=max`, or why not.
fn integer_in(n: f64, min: f64, max: f64) -> Result<f64, Rejected<f64>> {
    if n.is_finite() && n != n.trunc() {
        Err(Rejected::because(n, "not a whole number"))
    } else if n.is_nan() || n < min || n > max {
        Err(Rejected::plain(n))
    } else {
        Ok(n)
    }
}

/// The ID of a booking: an integer from 1 to 2147483647.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Tsify)]
pub struct BookingId(pub(crate) u32);

/// The ID of a user: an integer from 1 to 2147483647.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Tsify)]
pub struct UserId(pub(crate) u32);

macro_rules! id_rule {
    ($($ty:ident),*) => {$(
        impl Rule for $ty {
            type Raw = f64;
            const EXPECTED: &'static str = "an integer from 1 to 2147483647";
            fn check(raw: f64) -> Result<Self, Rejected<f64>> {
                integer_in(raw, 1.0, INT32_MAX).map(|n| $ty(n as u32))
            }
            fn stand_in() -> Self {
                $ty(1)
            }
        }

        impl $ty {
            /// The number.
            pub fn get(self) -> u32 {
                self.0
            }
        }

        impl TryFrom<u32> for $ty {
            type Error = Invalid;
            fn try_from(id: u32) -> Result<Self, Invalid> {
                Self::try_new(f64::from(id))
            }
        }

        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }
    )*};
}
id_rule!(BookingId, UserId);

/// A length of time in whole minutes, from 1 to 2147483647.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Tsify)]
pub struct Minutes(pub(crate) u32);

impl Rule for Minutes {
    type Raw = f64;
    const EXPECTED: &'static str = "a whole number of minutes from 1 to 2147483647";
    fn check(raw: f64) -> Result<Self, Rejected<f64>> {
        integer_in(raw, 1.0, INT32_MAX).map(|n| Minutes(n as u32))
    }
    fn stand_in() -> Self {
        Minutes(1)
    }
}

impl Minutes {
    /// The number of minutes.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// An amount of credits: a finite number, 0 or more.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Tsify)]
pub struct Credits(pub(crate) f64);

/// A whole amount is written as an integer (`8`, as servers write it; the same number to
/// JavaScript), anything else as a decimal (`12.5`).
impl Serialize for Credits {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if self.0 == self.0.trunc() && self.0 <= MAX_SAFE {
            s.serialize_u64(self.0 as u64)
        } else {
            s.serialize_f64(self.0)
        }
    }
}

impl Rule for Credits {
    type Raw = f64;
    const EXPECTED: &'static str = "a finite number ≥ 0";
    fn check(raw: f64) -> Result<Self, Rejected<f64>> {
        if !raw.is_finite() {
            Err(Rejected::because(raw, "not finite"))
        } else if raw < 0.0 {
            Err(Rejected::plain(raw))
        } else {
            Ok(Credits(raw))
        }
    }
    fn stand_in() -> Self {
        Credits(0.0)
    }
}

impl Credits {
    /// The amount.
    pub fn get(self) -> f64 {
        self.0
    }
}

/// A count: an integer from 0 to 2^53 − 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Tsify)]
pub struct Count(pub(crate) u64);

impl Rule for Count {
    type Raw = f64;
    const EXPECTED: &'static str = "a non-negative integer";
    fn check(raw: f64) -> Result<Self, Rejected<f64>> {
        integer_in(raw, 0.0, MAX_SAFE).map(|n| Count(n as u64))
    }
    fn stand_in() -> Self {
        Count(0)
    }
}

impl Count {
    /// The count.
    pub fn get(self) -> u64 {
        self.0
    }
}

/// A score that may be negative: an integer from −(2^53 − 1) to 2^53 − 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Tsify)]
pub struct Score(pub(crate) i64);

impl Rule for Score {
    type Raw = f64;
    const EXPECTED: &'static str = "an integer";
    fn check(raw: f64) -> Result<Self, Rejected<f64>> {
        integer_in(raw, -MAX_SAFE, MAX_SAFE).map(|n| Score(n as i64))
    }
    fn stand_in() -> Self {
        Score(0)
    }
}

impl Score {
    /// The score.
    pub fn get(self) -> i64 {
        self.0
    }
}

/// An API date-time as the server wrote it, without a time zone: `"2018-01-22T21:30:00"` or
/// `"2018-01-20T12:34:56.789"` (a fraction of 1–7 digits and a `Z` or `±HH:MM` offset are also
/// accepted), a real calendar date and time of day. The SDK keeps the text as it came; read it
/// as UK wall-clock time (or see `canCancel`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct ApiDateTime(pub(crate) String);

impl Rule for ApiDateTime {
    type Raw = String;
    const EXPECTED: &'static str = "a date-time like \"2018-01-22T21:30:00\"";
    fn check(raw: String) -> Result<Self, Rejected<String>> {
        match datetime::parse(&raw) {
            Ok(_) => Ok(ApiDateTime(raw)),
            Err(why) => Err(Rejected::because(raw, why)),
        }
    }
    fn stand_in() -> Self {
        ApiDateTime("1970-01-01T00:00:00".into())
    }
}

impl ApiDateTime {
    /// The text, exactly as the server sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The parsed reading (always valid: the text was checked when it was read).
    pub fn reading(&self) -> datetime::DateTime {
        datetime::parse(&self.0).unwrap_or(datetime::DateTime {
            wall_ms: 0,
            offset_minutes: None,
        })
    }
}

/// Text with at least one character that is not white space.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct NonBlank(pub(crate) String);

impl Rule for NonBlank {
    type Raw = String;
    const EXPECTED: &'static str = "a string with at least one non-whitespace character";
    fn check(raw: String) -> Result<Self, Rejected<String>> {
        if is_blank(&raw) {
            Err(Rejected::plain(raw))
        } else {
            Ok(NonBlank(raw))
        }
    }
    fn stand_in() -> Self {
        NonBlank("-".into())
    }
}

impl NonBlank {
    /// The text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<&str> for NonBlank {
    type Error = Invalid;
    fn try_from(text: &str) -> Result<Self, Invalid> {
        Self::try_new(text)
    }
}

/// The length of a booked session in whole minutes: at least 5 (up to 2147483647).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Tsify)]
pub struct SessionMinutes(pub(crate) u32);

impl Rule for SessionMinutes {
    type Raw = f64;
    const EXPECTED: &'static str = "a whole number of minutes, at least 5";
    fn check(raw: f64) -> Result<Self, Rejected<f64>> {
        integer_in(raw, 5.0, INT32_MAX).map(|n| SessionMinutes(n as u32))
    }
    fn stand_in() -> Self {
        SessionMinutes(5)
    }
}

impl SessionMinutes {
    /// The number of minutes.
    pub fn get(self) -> u32 {
        self.0
    }
}

/// Credits offered for a booking: a finite number greater than 0.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd, Tsify)]
pub struct CreditsOffer(pub(crate) Credits);

impl Serialize for CreditsOffer {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl Rule for CreditsOffer {
    type Raw = f64;
    const EXPECTED: &'static str = "a finite number > 0";
    fn check(raw: f64) -> Result<Self, Rejected<f64>> {
        if !raw.is_finite() {
            Err(Rejected::because(raw, "not finite"))
        } else if raw <= 0.0 {
            Err(Rejected::plain(raw))
        } else {
            Ok(CreditsOffer(Credits(raw)))
        }
    }
    fn stand_in() -> Self {
        CreditsOffer(Credits(1.0))
    }
}

impl CreditsOffer {
    /// The amount.
    pub fn get(self) -> f64 {
        self.0 .0
    }
}

/// A phone number as the API takes it: 10 or 11 digits, nothing else.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
pub struct PhoneNumber(pub(crate) String);

impl Rule for PhoneNumber {
    type Raw = String;
    const EXPECTED: &'static str = "10 or 11 digits";
    fn check(raw: String) -> Result<Self, Rejected<String>> {
        if !raw.bytes().all(|b| b.is_ascii_digit()) {
            Err(Rejected::because(
                raw,
                "digits only: no spaces, + or dashes",
            ))
        } else if !(10..=11).contains(&raw.len()) {
            Err(Rejected::plain(raw))
        } else {
            Ok(PhoneNumber(raw))
        }
    }
    fn stand_in() -> Self {
        PhoneNumber("0000000000".into())
    }
}

impl PhoneNumber {
    /// The digits.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A time as booking requests carry it: UK wall-clock time to the minute, written
/// `"YYYY-MM-DD HH:MM"`. From JavaScript it may also be a `Date`, which is written as
/// `Europe/London` wall-clock time (daylight saving included), seconds dropped.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Tsify)]
#[tsify(type = "string | Date")]
pub struct BookingTime(pub(crate) String);

impl Rule for BookingTime {
    type Raw = Moment;
    const EXPECTED: &'static str =
        "a Date or a string like \"2026-12-01 18:30\" (YYYY-MM-DD HH:MM, UK time)";
    fn check(raw: Moment) -> Result<Self, Rejected<Moment>> {
        match raw {
            Moment::Text(text) => match datetime::parse_minute(&text) {
                Ok(_) => Ok(BookingTime(text)),
                Err(why) => Err(Rejected::because(Moment::Text(text), why)),
            },
            Moment::Instant(ms) if ms.is_nan() => Err(Rejected::plain(raw)),
            Moment::Instant(ms) => {
                let Some(zone) = datetime::uk_zone() else {
                    return Err(Rejected::because(raw, "UK time is not available here"));
                };
                BookingTime::at(ms, &zone).map_err(|why| Rejected::because(raw, why))
            }
        }
    }
    fn stand_in() -> Self {
        BookingTime("2000-01-01 00:00".into())
    }
}

impl BookingTime {
    /// The UK wall-clock time (in `uk`, the `Europe/London` zone) of the instant `ms`
    /// (milliseconds since the epoch), to the minute.
    pub fn at(ms: f64, uk: &dyn datetime::Zone) -> Result<BookingTime, &'static str> {
        if !ms.is_finite() {
            return Err("it is an invalid Date");
        }
        let wall = datetime::wall_clock(ms.floor() as i64, uk)
            .map_err(|_| "UK time could not be read from Intl")?;
        datetime::format_minute(wall)
            .map(BookingTime)
            .ok_or("its year is outside 1 to 9999")
    }

    /// The text, `"YYYY-MM-DD HH:MM"`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The wall-clock reading in milliseconds, to compare two booking times.
    pub fn wall_ms(&self) -> i64 {
        datetime::parse_minute(&self.0).unwrap_or(0)
    }
}

/// The IDs of a delete: 1 to 100 booking IDs, none twice. On the wire it is the one
/// comma-separated string the API takes (`"1001,1002"`); in TypeScript a `number[]`.
#[derive(Debug, Clone, PartialEq, Eq, Tsify)]
pub struct BookingIds(pub(crate) Vec<BookingId>);

impl BookingIds {
    /// The most IDs one delete takes.
    pub const MAX: usize = 100;

    /// The list, or why not: empty, longer than [`BookingIds::MAX`], or an ID twice.
    pub fn new(ids: Vec<BookingId>) -> Result<BookingIds, String> {
        if ids.is_empty() {
            return Err("expected 1 to 100 booking IDs, got an empty array".into());
        }
        if ids.len() > Self::MAX {
            return Err(format!("expected 1 to 100 booking IDs, got {}", ids.len()));
        }
        for (i, id) in ids.iter().enumerate() {
            if let Some(first) = ids.iter().position(|other| other == id).filter(|&p| p < i) {
                return Err(format!(
                    "expected distinct booking IDs, got {id} twice (at [{first}] and [{i}])"
                ));
            }
        }
        Ok(BookingIds(ids))
    }

    /// The IDs, in the caller's order.
    pub fn ids(&self) -> &[BookingId] {
        &self.0
    }
}

impl Serialize for BookingIds {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let text: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        s.serialize_str(&text.join(","))
    }
}

impl<'de> serde::Deserialize<'de> for BookingIds {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let before = decode::problems_so_far();
        let ids = list::<D, BookingId>(d, "an array of 1 to 100 booking IDs")?;
        if before != decode::problems_so_far() {
            // An ID was wrong (and reported): the stand-ins would only make up duplicates.
            return Ok(BookingIds(ids));
        }
        BookingIds::new(ids).or_else(|message| {
            if decode::report(&message) {
                Ok(BookingIds(vec![BookingId::stand_in()]))
            } else {
                Err(de::Error::custom(message))
            }
        })
    }
}

/// Reads an array of `T`, saying what it expects as JavaScript names it ("an array of …",
/// where serde's own `Vec` says "a sequence").
pub fn list<'de, D: Deserializer<'de>, T: serde::Deserialize<'de>>(
    d: D,
    expecting: &'static str,
) -> Result<Vec<T>, D::Error> {
    struct List<T>(&'static str, PhantomData<T>);
    impl<'de, T: serde::Deserialize<'de>> Visitor<'de> for List<T> {
        type Value = Vec<T>;
        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str(self.0)
        }
        fn visit_seq<A: de::SeqAccess<'de>>(self, mut items: A) -> Result<Vec<T>, A::Error> {
            let mut out = Vec::with_capacity(items.size_hint().unwrap_or(0).min(100));
            while let Some(item) = items.next_element()? {
                out.push(item);
            }
            Ok(out)
        }
    }
    d.deserialize_seq(List(expecting, PhantomData))
}

/// JavaScript's `\s`: Unicode white space plus the byte order mark.
pub fn is_blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || c == '\u{FEFF}')
}

deserialize_by_rule!(
    BookingId,
    UserId,
    Minutes,
    Credits,
    Count,
    Score,
    ApiDateTime,
    NonBlank,
    SessionMinutes,
    CreditsOffer,
    PhoneNumber,
    BookingTime
);

/// Declares a Rust enum whose values are numbers on the wire: serialized as the number, read
/// through a [`Rule`] that accepts exactly the declared numbers, and typed in TypeScript as the
/// union of those numbers (`1 | 2 | 3`), all from the one declaration.
macro_rules! numeric_enum {
    (
        $(#[doc = $doc:literal])*
        pub enum $name:ident {
            $($(#[doc = $vdoc:literal])* $variant:ident = $number:literal),+ $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum $name {
            $($(#[doc = $vdoc])* $variant = $number),+
        }

        impl $name {
            const ALL: &'static [$name] = &[$($name::$variant),+];
        }

        impl $crate::rules::Rule for $name {
            type Raw = f64;
            const EXPECTED: &'static str =
                concat!("one of ", $crate::rules::numeric_enum!(@join ", "; $($number),+));
            fn check(raw: f64) -> Result<Self, $crate::rules::Rejected<f64>> {
                Self::ALL
                    .iter()
                    .copied()
                    .find(|v| f64::from(*v as u8) == raw)
                    .ok_or($crate::rules::Rejected::plain(raw))
            }
            fn stand_in() -> Self {
                $crate::rules::numeric_enum!(@first $($name::$variant),+)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_u8(*self as u8)
            }
        }

        $crate::rules::deserialize_by_rule!($name);

        #[wasm_bindgen::prelude::wasm_bindgen(typescript_custom_section)]
        const _: &'static str = concat!(
            "/**\n", $(" *", $doc, "\n",)* " */\nexport type ", stringify!($name), " = ",
            $crate::rules::numeric_enum!(@join " | "; $($number),+), ";\n"
        );
    };
    (@join $sep:literal; $first:literal $(, $rest:literal)*) => {
        concat!(stringify!($first) $(, $sep, stringify!($rest))*)
    };
    (@first $first:path $(, $rest:path)*) => {
        $first
    };
}
pub(crate) use numeric_enum;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_whole_numbers_in_range() {
        assert_eq!(BookingId::try_new(1.0).map(BookingId::get), Ok(1));
        assert_eq!(
            BookingId::try_new(2_147_483_647.0).map(BookingId::get),
            Ok(2_147_483_647)
        );
        for bad in [0.0, -1.0, 2_147_483_648.0, f64::NAN, f64::INFINITY, 1e21] {
            assert!(BookingId::try_new(bad).is_err(), "{bad}");
        }
        let e = BookingId::try_new(12.5).unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected an integer from 1 to 2147483647, got 12.5: not a whole number"
        );
        assert_eq!(UserId::try_from(7).map(UserId::get), Ok(7));
    }

    #[test]
    fn counts_scores_and_credits() {
        assert!(Count::try_new(0.0).is_ok());
        assert!(Count::try_new(MAX_SAFE).is_ok());
        assert!(Count::try_new(MAX_SAFE + 2.0).is_err());
        assert!(Count::try_new(-1.0).is_err());
        assert_eq!(Score::try_new(-6.0).map(Score::get), Ok(-6));
        assert!(Score::try_new(-MAX_SAFE - 2.0).is_err());
        assert!(Credits::try_new(0.0).is_ok());
        assert!(Credits::try_new(12.5).is_ok());
        assert_eq!(
            Credits::try_new(f64::INFINITY).unwrap_err().to_string(),
            "expected a finite number ≥ 0, got Infinity: not finite"
        );
        assert!(Credits::try_new(-0.5).is_err());
        assert!(Minutes::try_new(0.0).is_err());
    }

    #[test]
    fn date_times_and_text() {
        assert!(ApiDateTime::try_new("2018-01-22T21:30:00").is_ok());
        let e = ApiDateTime::try_new("2018-02-30T21:30:00").unwrap_err();
        assert_eq!(
            e.to_string(),
            "expected a date-time like \"2018-01-22T21:30:00\", got a string (\"2018-02-30T21:30:00\"): that day does not exist in that month"
        );
        assert!(NonBlank::try_new(" \t\u{3000}\u{feff}").is_err());
        assert_eq!(NonBlank::try_from(" x ").map(|t| t.0), Ok(" x ".to_owned()));
    }
}
