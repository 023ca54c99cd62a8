//! The `MadeBooking` answer of the PhoneChat endpoints as serde types, field for field in the
//! documented order (`/work/shared/spec/CancelMadeBooking.txt`).
//!
//! The seeds ([`crate::seed`]) are built as these structs and serialized once when the state
//! is (re)seeded; the store then keeps each booking as a [`crate::object::JsonObject`], because
//! the control API may plant *any* JSON object, valid or not. The shapes mirror the SDK's own
//! serde model (`#[serde(rename_all = "PascalCase")]`, newtype fields, `Option` for what the
//! API documents as nullable), so a later phase can serialize the SDK's struct here instead.
//!
//! What the JSON looks like is fixed by `tests/golden/seeds-*.jsonl` (the seeds as the
//! emulator has always written them): `Credits` of a whole number is written without a
//! fraction (`8`, not `8.0`), datetimes are UK wall-clock text without an offset.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A booking's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Status {
    /// Made, not yet accepted.
    Pending,
    /// Accepted by the booked user.
    Accepted,
    /// Rejected by the booked user.
    Rejected,
    /// Confirmed by the client.
    Confirmed,
    /// Cancelled by either side.
    Cancelled,
}

/// Credits: a decimal amount. A whole number is written as an integer (`8`), anything else as
/// the shortest decimal that reads back exactly (`12.5`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Credits(pub f64);

/// The largest integer an `f64` holds exactly (2^53).
const EXACT_INTEGER: f64 = 9_007_199_254_740_992.0;

impl Serialize for Credits {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let whole = self.0.fract() == 0.0 && self.0.abs() <= EXACT_INTEGER;
        if whole {
            // Exact: a whole number within ±2^53 converts without loss.
            serializer.serialize_i64(self.0 as i64)
        } else {
            serializer.serialize_f64(self.0)
        }
    }
}

impl<'de> Deserialize<'de> for Credits {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Credits, D::Error> {
        f64::deserialize(deserializer).map(Credits)
    }
}

/// A UK wall-clock datetime as the API writes it (`2018-01-22T21:30:00`, or with `.mmm`),
/// made by [`crate::clock`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct UkDateTime(pub String);

impl UkDateTime {
    /// An instant (ms since the epoch) to whole seconds.
    pub fn seconds(instant_ms: i64) -> UkDateTime {
        UkDateTime(crate::clock::format_uk(instant_ms, false))
    }

    /// An instant (ms since the epoch) with milliseconds.
    pub fn millis(instant_ms: i64) -> UkDateTime {
        UkDateTime(crate::clock::format_uk(instant_ms, true))
    }

    /// Midnight (UK) of the day of an instant.
    pub fn midnight_of(instant_ms: i64) -> UkDateTime {
        UkDateTime(crate::clock::uk_midnight(instant_ms))
    }
}

/// The user a booking was made with (`aws:PhoneChatBookingUser`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct PhoneChatBookingUser {
    /// The user's ID.
    #[serde(rename = "UserID")]
    pub user_id: i64,
    /// The user's nickname.
    pub nickname: String,
    /// The user's phone number, if shared.
    pub phone_number: Option<String>,
    /// The user's Skype name, if shared.
    pub skype_name: Option<String>,
    /// Positive − negative ratings.
    pub total: i64,
    /// Positive ratings.
    pub positive: i64,
    /// Neutral ratings.
    pub neutral: i64,
    /// Negative ratings.
    pub negative: i64,
    /// All ratings.
    pub ratings: i64,
    /// Disputes.
    pub disputes: i64,
}

impl PhoneChatBookingUser {
    /// A user with these ratings; `Total` and `Ratings` are derived from them.
    pub fn rated(
        user_id: i64,
        nickname: &str,
        (phone_number, skype_name): (Option<&str>, Option<&str>),
        (positive, neutral, negative): (i64, i64, i64),
        disputes: i64,
    ) -> PhoneChatBookingUser {
        PhoneChatBookingUser {
            user_id,
            nickname: nickname.to_owned(),
            phone_number: phone_number.map(str::to_owned),
            skype_name: skype_name.map(str::to_owned),
            total: positive - negative,
            positive,
            neutral,
            negative,
            ratings: positive + neutral + negative,
            disputes,
        }
    }
}

/// A PhoneChat booking made by the client (`MadeBooking`), fields in the documented order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MadeBooking {
    /// The booking's ID.
    #[serde(rename = "BookingID")]
    pub booking_id: i64,
    /// Minutes planned.
    pub duration: i64,
    /// Credits offered or agreed.
    pub credits: Credits,
    /// The status.
    pub status: Status,
    /// 1: the client is called; 2: the client calls; 3: Skype.
    pub method: u8,
    /// The client's phone number (methods 1 and 2).
    pub phone_number: Option<String>,
    /// The client's Skype name (method 3).
    pub skype_name: Option<String>,
    /// When the booking was made.
    pub create_date: UkDateTime,
    /// When the session is planned.
    pub session_date: UkDateTime,
    /// Until when the booked user may accept.
    pub accept_by: UkDateTime,
    /// When it was accepted.
    pub accepted_date: Option<UkDateTime>,
    /// When it was confirmed.
    pub confirmed_date: Option<UkDateTime>,
    /// When it was cancelled.
    pub cancelled_date: Option<UkDateTime>,
    /// Why it was cancelled.
    pub cancelled_reason: Option<String>,
    /// Who cancelled it (a nickname).
    pub cancelled_by: Option<String>,
    /// Why it was rejected.
    pub rejected_reason: Option<String>,
    /// When it last changed.
    pub last_updated: UkDateTime,
    /// The client's comments.
    pub comments: String,
    /// What the client needs to do next, if anything.
    pub action_client: Option<String>,
    /// The booked user.
    pub candidate: PhoneChatBookingUser,
}
