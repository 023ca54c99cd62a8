//! What callers send, declared once: each request type derives serde (how it is read from
//! callers, strictly, and how it goes on the wire) and tsify (its TypeScript declaration).

use serde::{Deserialize, Serialize};
use tsify::Tsify;

use crate::rules::{BookingId, NonBlank};

/// The request of `cancelMadeBooking`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "PascalCase")]
pub struct CancelMadeBookingRequest {
    /// The booking to cancel: an integer from 1 to 2147483647.
    #[serde(rename = "BookingID")]
    pub booking_id: BookingId,
    /// Why it is cancelled; must contain a non-whitespace character.
    pub reason: NonBlank,
}

/// The request of `getMadeBookingDetails` and `rescheduleMadeBooking`: which booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Tsify)]
pub struct BookingIdRequest {
    /// The booking: an integer from 1 to 2147483647.
    #[serde(rename = "BookingID")]
    pub booking_id: BookingId,
}
