//! What the API answers, declared once: each type derives its description (what the engine
//! checks an answer against, through the rules of its field types), serde (plain serde for
//! Rust users) and tsify (the TypeScript declaration, with these doc comments). The value a
//! caller receives holds exactly the documented fields, in documented order.

use adultwork_sdk_derive::Described;
use serde::{Deserialize, Serialize};
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::rules::{ApiDateTime, BookingId, Count, Credits, Minutes, Score, UserId};

/// The life cycle of a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
pub enum BookingStatus {
    /// Made, waiting for the booked user to accept.
    Pending,
    /// Accepted by the booked user.
    Accepted,
    /// Rejected by the booked user.
    Rejected,
    /// Confirmed by both parties.
    Confirmed,
    /// Cancelled by either party.
    Cancelled,
}

crate::rules::numeric_enum! {
    /// How the call happens: `1` the booked user calls the client, `2` the client calls the
    /// booked user, `3` Skype.
    pub enum CallMethod {
        /// The booked user calls the client (on the client's `PhoneNumber`).
        BookedUserCalls = 1,
        /// The client calls the booked user.
        ClientCalls = 2,
        /// A Skype call (the client's `SkypeName`).
        Skype = 3,
    }
}

/// The user a booking was made with, and their feedback score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify), tsify(missing_as_null))]
#[serde(rename_all = "PascalCase")]
pub struct PhoneChatBookingUser {
    /// The user's ID.
    #[serde(rename = "UserID")]
    pub user_id: UserId,
    /// The user's nickname.
    pub nickname: String,
    /// The booked user's phone number, when the call method needs one.
    pub phone_number: Option<String>,
    /// The booked user's Skype name, when the call method needs one.
    pub skype_name: Option<String>,
    /// Feedback score: `Positive − Negative`. Can be negative.
    pub total: Score,
    /// Positive ratings received.
    pub positive: Count,
    /// Neutral ratings received.
    pub neutral: Count,
    /// Negative ratings received.
    pub negative: Count,
    /// All ratings received.
    pub ratings: Count,
    /// Disputes raised.
    pub disputes: Count,
}

/// A PhoneChat booking the logged-in user made, as every made-booking endpoint returns it.
///
/// Datetimes are the API's wall-clock strings, without a time zone
/// (`"2018-01-22T21:30:00"`, `"2018-01-20T12:34:56.789"`); the SDK checks their format and
/// calendar validity but does not convert them. `canCancel` reads them as UK time by default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify), tsify(missing_as_null))]
#[serde(rename_all = "PascalCase")]
pub struct MadeBooking {
    /// The booking's ID.
    #[serde(rename = "BookingID")]
    pub booking_id: BookingId,
    /// Planned length of the session, in minutes (> 0).
    pub duration: Minutes,
    /// Credits offered by the client, or agreed by both parties once accepted (≥ 0).
    pub credits: Credits,
    /// Where the booking is in its life cycle.
    pub status: BookingStatus,
    /// How the call happens.
    pub method: CallMethod,
    /// The client's phone number; `null` when the call method needs none.
    pub phone_number: Option<String>,
    /// The client's Skype name; `null` when the call method needs none.
    pub skype_name: Option<String>,
    /// When the booking was made.
    pub create_date: ApiDateTime,
    /// When the session is planned.
    pub session_date: ApiDateTime,
    /// Until when the booked user can accept.
    pub accept_by: ApiDateTime,
    /// When the booking was accepted; `null` if never.
    pub accepted_date: Option<ApiDateTime>,
    /// When the booking was confirmed; `null` if never.
    pub confirmed_date: Option<ApiDateTime>,
    /// When the booking was cancelled; `null` if never.
    pub cancelled_date: Option<ApiDateTime>,
    /// Why the booking was cancelled; `null` if it was not.
    pub cancelled_reason: Option<String>,
    /// Nickname of who cancelled; `null` if nobody did.
    pub cancelled_by: Option<String>,
    /// Why the booking was rejected; `null` if it was not.
    pub rejected_reason: Option<String>,
    /// When the booking last changed.
    pub last_updated: ApiDateTime,
    /// The client's comment from when the booking was made.
    pub comments: Option<String>,
    /// What the client needs to do next; `null` when nothing.
    pub action_client: Option<String>,
    /// The booked user.
    pub candidate: PhoneChatBookingUser,
}

/// What happened to one booking of a `deleteMadeBookings` call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify), tsify(missing_as_null))]
#[serde(rename_all = "PascalCase")]
pub struct DeleteResult {
    /// The booking.
    #[serde(rename = "BookingID")]
    pub booking_id: BookingId,
    /// Whether it was deleted.
    pub deleted: bool,
    /// Why it was not deleted; `null` when it was (or the server gave no reason).
    pub message: Option<String>,
}

/// The answer of `deleteMadeBookings`: one result per requested booking, as the server listed
/// them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(transparent)]
#[describe(list = "an array of DeleteResult objects")]
pub struct DeleteResults(pub Vec<DeleteResult>);
