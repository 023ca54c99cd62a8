//! Descriptions: what a type expects, as static data.
//!
//! `#[derive(Described)]` (the `adultwork-sdk-derive` crate) writes one [`Description`] per
//! type from its declaration: a record's fields by their wire names, a list's items and
//! limits, an enum's names, a leaf's rule with its bounds. The engine ([`super::engine`]) reads
//! these; no type has checking code of its own. The few leaves that only exist in JavaScript
//! (a token function, an `AbortSignal`) and the generic ones (`Option`, `String`, `bool`) are
//! described here by hand.

use super::value::Value;
use crate::datetime::DateTime;

/// What a type expects.
#[derive(Debug)]
pub struct Description {
    /// The Rust type's name, as messages name an answer ("not a valid MadeBooking").
    pub name: &'static str,
    /// Its kind.
    pub kind: Kind,
}

/// The kinds of values the API has.
#[derive(Debug)]
pub enum Kind {
    /// An object with these fields.
    Record(Record),
    /// `null`, or the inner kind (`Option<T>`).
    Nullable(&'static Description),
    /// An array of items, with limits.
    List(List),
    /// One of these strings (an enum of unit variants).
    Variants(Variants),
    /// A leaf with a rule.
    Rule(Rule),
    /// Any string.
    Text,
    /// `true` or `false`.
    Bool,
    /// An object with any keys, each holding a value of one kind (`undefined` ones left out).
    Map(Map),
}

/// An object of any keys.
#[derive(Debug)]
pub struct Map {
    /// What each key holds.
    pub value: &'static Description,
    /// What a valid object looks like, in messages.
    pub expected: &'static str,
}

/// An object's fields.
#[derive(Debug)]
pub struct Record {
    /// The fields, in declaration order, by wire name.
    pub fields: &'static [Field],
    /// Whether keys that are not fields are refused (`deny_unknown_fields`).
    pub strict: bool,
    /// The fields' names as a message lists them: "BookingID and Reason".
    pub listed: &'static str,
}

/// One field of a record.
#[derive(Debug)]
pub struct Field {
    /// Its name on the wire.
    pub name: &'static str,
    /// What it holds.
    pub ty: &'static Description,
}

/// An array.
#[derive(Debug)]
pub struct List {
    /// What each item holds.
    pub item: &'static Description,
    /// What a valid list looks like: "an array of DeleteResult objects".
    pub expected: &'static str,
    /// How many items it may have.
    pub count: Option<Count>,
    /// When the items must differ: what a valid list is then ("distinct booking IDs").
    pub distinct: Option<&'static str>,
}

/// How many items a list may have.
#[derive(Debug)]
pub struct Count {
    /// At least.
    pub min: usize,
    /// At most.
    pub max: usize,
    /// In words: "1 to 100 booking IDs".
    pub expected: &'static str,
}

/// An enum's wire names.
#[derive(Debug)]
pub struct Variants {
    /// The names, in declaration order (a value is read as its index).
    pub names: &'static [&'static str],
    /// "one of \"Pending\", \"Accepted\", …".
    pub expected: &'static str,
}

/// A leaf's rule.
#[derive(Debug)]
pub struct Rule {
    /// What a valid value looks like, in messages: "an integer from 1 to 2147483647".
    pub expected: &'static str,
    /// The test.
    pub test: Test,
}

/// The tests a rule can make. Bounds are data; the few tests that are code (a date-time's
/// calendar, a URL's parts) are plain functions of the raw text.
#[derive(Debug)]
pub enum Test {
    /// A number that is a whole number within `min..=max` ("not a whole number" otherwise).
    Integer {
        /// Smallest allowed.
        min: f64,
        /// Largest allowed.
        max: f64,
    },
    /// A finite number, at least `min` (above it when `exclusive`).
    Finite {
        /// The bound.
        min: f64,
        /// Whether the bound itself is refused.
        exclusive: bool,
    },
    /// Exactly one of these numbers.
    OneOf(&'static [f64]),
    /// A string, a finite number or a boolean (a query parameter's value).
    Scalar,
    /// A string this function accepts.
    Text(fn(&str) -> Result<Reading, Refusal>),
    /// A string, or a JavaScript `Date`, this function accepts.
    Moment(fn(Moment<'_>) -> Result<Reading, Refusal>),
    /// A JavaScript value (a token function, an `AbortSignal`): only read in the browser.
    Js(JsTest),
}

/// What a text test made of the text.
#[derive(Debug)]
pub enum Reading {
    /// The text, as it was.
    AsIs,
    /// The text, normalised (a base URL in lower case).
    Normalised(String),
    /// The text, with the date-time it was read as (the text may be new: a `Date` written as
    /// UK wall-clock time).
    Time(Option<String>, DateTime),
}

/// Why a test refused a value, when "expected …, got …" does not say it all.
pub type Refusal = Option<&'static str>;

/// A moment as a caller gives it.
#[derive(Debug, Clone, Copy)]
pub enum Moment<'a> {
    /// Text.
    Text(&'a str),
    /// A JavaScript `Date`: milliseconds since the epoch (NaN for an invalid `Date`).
    Instant(f64),
}

/// The JavaScript values options take.
#[derive(Debug, Clone, Copy)]
pub enum JsTest {
    /// An access token: a function, or a string this test accepts (it must be able to be an
    /// HTTP header value).
    Token(fn(&str) -> Refusal),
    /// A function (`fetch`).
    Function,
    /// An `AbortSignal`.
    AbortSignal,
    /// A valid `Date` (read as its milliseconds).
    Date,
    /// Any value but `undefined`, to be sent as JSON (`JSON.stringify` judges it on the wire).
    Json,
    /// A Standard Schema: an object whose `~standard.validate` is a function.
    StandardSchema,
}

/// A type with a description, and the value the engine checked against it turned into the
/// Rust value (`FromChecked`). Derived (`#[derive(Described)]`) for every API type.
pub trait Described: FromChecked {
    /// The type's description.
    const DESCRIPTION: &'static Description;
}

/// Builds the Rust value from a checked [`Value`]. `None` only when the value does not have
/// the type's shape, which a value the engine checked against the type's description always
/// has (stand-ins included).
pub trait FromChecked: Sized {
    /// The Rust value.
    fn from_checked(value: Value<'_>) -> Option<Self>;
}

/// A checked record's fields, taken in order by a derived [`FromChecked`].
pub struct Fields<'a>(std::vec::IntoIter<Value<'a>>);

impl<'a> Fields<'a> {
    /// The fields of a record.
    pub fn of(value: Value<'a>) -> Option<Self> {
        match value {
            Value::Record(fields) => Some(Fields(fields.into_iter())),
            _ => None,
        }
    }

    /// The next field, as a `T`.
    #[allow(clippy::should_implement_trait)]
    pub fn next<T: FromChecked>(&mut self) -> Option<T> {
        T::from_checked(self.0.next()?)
    }
}

impl FromChecked for String {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Text(text) | Value::Time(text, _) => Some(text.into_owned()),
            _ => None,
        }
    }
}

impl Described for String {
    const DESCRIPTION: &'static Description = &Description {
        name: "string",
        kind: Kind::Text,
    };
}

impl FromChecked for bool {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }
}

impl Described for bool {
    const DESCRIPTION: &'static Description = &Description {
        name: "boolean",
        kind: Kind::Bool,
    };
}

impl<T: FromChecked> FromChecked for Option<T> {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Null | Value::Absent => Some(None),
            other => T::from_checked(other).map(Some),
        }
    }
}

impl<T: Described> Described for Option<T> {
    const DESCRIPTION: &'static Description = &Description {
        name: T::DESCRIPTION.name,
        kind: Kind::Nullable(T::DESCRIPTION),
    };
}

impl<T: FromChecked> FromChecked for Vec<(String, T)> {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Map(entries) => entries
                .into_iter()
                .map(|(key, value)| T::from_checked(value).map(|v| (key.into_owned(), v)))
                .collect(),
            _ => None,
        }
    }
}

impl<T: FromChecked> FromChecked for Vec<T> {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::List(items) => items.into_iter().map(T::from_checked).collect(),
            _ => None,
        }
    }
}

/// Numbers kept in a Rust integer or float: a rule has checked the range.
macro_rules! numbers {
    ($($ty:ty),*) => {$(
        impl FromChecked for $ty {
            fn from_checked(value: Value<'_>) -> Option<Self> {
                match value {
                    Value::Number(n) => Some(n as $ty),
                    _ => None,
                }
            }
        }
    )*};
}
numbers!(u8, u16, u32, u64, i64, f64);

/// A date-time with the text it was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamped {
    /// The text.
    pub text: String,
    /// What it was read as.
    pub reading: DateTime,
}

impl FromChecked for Stamped {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Time(text, reading) => Some(Stamped {
                text: text.into_owned(),
                reading,
            }),
            // A stand-in (never handed out: its value had a problem).
            Value::Text(text) => Some(Stamped {
                text: text.into_owned(),
                reading: DateTime::default(),
            }),
            _ => None,
        }
    }
}
