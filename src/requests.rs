//! What callers send, declared once: each request type derives its description (how the
//! engine reads it from JavaScript callers, strictly), serde (how it goes on the wire, and
//! plain serde for Rust users) and tsify (its TypeScript declaration). Rules of one field live
//! in the field's type ([`crate::rules`]); rules that tie fields together, and what the wire
//! leaves out, live in the type's [`Request`] implementation.

use std::borrow::Cow;

use adultwork_sdk_derive::Described;
use serde::{Deserialize, Serialize};
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::check::{self, Described, Mode, Node, Source};
use crate::error::Issue;
use crate::model::CallMethod;
use crate::rules::{
    BookingId, BookingIds, BookingTime, CreditsOffer, NonBlank, PhoneNumber, SessionMinutes, UserId,
};

/// A problem that involves more than one field: reported at `issue.path`, unless one of the
/// fields it reads (`reads`) already has a problem of its own (then this one may be only its echo).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// What is wrong, and where.
    pub issue: Issue,
    /// The other fields the rule reads.
    pub reads: &'static [&'static str],
}

/// A request of an endpoint: what it is read from (its description) and sent as (serde), plus its rules across
/// fields and its form on the wire. Both default to none / itself.
pub trait Request: Serialize + Described + Clone {
    /// Every problem that involves more than one field.
    fn problems(&self) -> Vec<Problem> {
        Vec::new()
    }

    /// The request as it goes on the wire (fields the server does not use left out).
    fn on_wire(&self) -> Cow<'_, Self> {
        Cow::Borrowed(self)
    }
}

/// Reads a caller's request, every problem listed with its path: each field's own first, then
/// those across fields (each unless a field it reads was already wrong).
pub(crate) fn read<'a, R: Request>(
    source: &mut dyn Source<'a>,
    root: Node,
) -> Result<R, Vec<Issue>> {
    let (request, mut issues) = check::read_partly::<R>(source, root, Mode::Request);
    if let Some(request) = &request {
        checked(request, &mut issues);
    }
    match request {
        Some(request) if issues.is_empty() => Ok(request),
        _ => Err(issues),
    }
}

/// Adds `request`'s problems across fields to `issues` (the problems of its fields).
pub(crate) fn checked<R: Request>(request: &R, issues: &mut Vec<Issue>) {
    for problem in request.problems() {
        let clear = {
            let mut paths = problem.reads.iter().copied();
            let path = problem.issue.path.as_str();
            let clear = |path: &str| issues.iter().all(|known| known.path != path);
            clear(path) && paths.all(clear)
        };
        if clear {
            issues.push(problem.issue);
        }
    }
}

/// The request of `cancelMadeBooking`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "PascalCase")]
pub struct CancelMadeBookingRequest {
    /// The booking to cancel: an integer from 1 to 2147483647.
    #[serde(rename = "BookingID")]
    pub booking_id: BookingId,
    /// Why it is cancelled; must contain a non-whitespace character.
    pub reason: NonBlank,
}

impl Request for CancelMadeBookingRequest {}

/// The request of `getMadeBookingDetails`: which booking, and, for a group manager acting for a
/// member of the group, which member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
pub struct MadeBookingDetailsRequest {
    /// The booking: an integer from 1 to 2147483647.
    #[serde(rename = "BookingID")]
    pub booking_id: BookingId,
    /// For a group manager: the member of the group whose booking it is, an integer from 1 to
    /// 2147483647. The call then goes to `GET /v1/Groups/PhoneChat/MadeBookingDetails`.
    #[serde(rename = "UserID", default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(type = "UserId | undefined"))]
    pub user_id: Option<UserId>,
}

impl Request for MadeBookingDetailsRequest {}

impl From<BookingId> for MadeBookingDetailsRequest {
    /// The booking, read as the logged-in user's own.
    fn from(booking_id: BookingId) -> Self {
        MadeBookingDetailsRequest {
            booking_id,
            user_id: None,
        }
    }
}

/// The request of `rescheduleMadeBooking`: which booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
pub struct BookingIdRequest {
    /// The booking: an integer from 1 to 2147483647.
    #[serde(rename = "BookingID")]
    pub booking_id: BookingId,
}

impl Request for BookingIdRequest {}

/// The request of `createBooking`: a PhoneChat session to book with another user.
///
/// Times are UK wall-clock times to the minute: `"YYYY-MM-DD HH:MM"`, or a `Date` (written as
/// `Europe/London` time). That they lie in the future, and that `Credits` covers the booked
/// user's price per minute, are the server's to judge.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "PascalCase", deny_unknown_fields)]
pub struct CreateBookingRequest {
    /// The user to book: an integer from 1 to 2147483647.
    #[serde(rename = "BookUserID")]
    pub book_user_id: UserId,
    /// When the session starts (UK time).
    pub session_date: BookingTime,
    /// How long the session lasts, in whole minutes: at least 5.
    pub duration: SessionMinutes,
    /// How the call happens: `1` the booked user calls you (on `PhoneNumber`), `2` you call
    /// the booked user, `3` Skype (`SkypeName`).
    pub method: CallMethod,
    /// Your phone number, 10 or 11 digits: required when `Method` is 1, not sent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(type = "PhoneNumber | undefined"))]
    pub phone_number: Option<PhoneNumber>,
    /// Your Skype name: required when `Method` is 3, not sent otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(type = "NonBlank | undefined"))]
    pub skype_name: Option<NonBlank>,
    /// The credits you offer: a finite number > 0 (at least the booked user's price per
    /// minute × `Duration`, if they set one; the server checks that).
    pub credits: CreditsOffer,
    /// Until when the booked user can accept (UK time); must be before `SessionDate`.
    pub accept_by: BookingTime,
    /// A message to the booked user (one who answers by SMS may not see it). Not sent when
    /// empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "js", tsify(type = "string | undefined"))]
    pub comments: Option<String>,
}

impl Request for CreateBookingRequest {
    fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut problem = |path: &str, message: &str, reads| {
            problems.push(Problem {
                issue: Issue::new(path, message),
                reads,
            });
        };
        if self.method == CallMethod::BookedUserCalls && self.phone_number.is_none() {
            problem(
                "PhoneNumber",
                "is required when Method is 1 (the booked user calls you); expected 10 or 11 digits",
                &["Method"],
            );
        }
        if self.method == CallMethod::Skype && self.skype_name.is_none() {
            problem(
                "SkypeName",
                "is required when Method is 3 (Skype); expected a string with at least one non-whitespace character",
                &["Method"],
            );
        }
        if self.accept_by.wall_ms() >= self.session_date.wall_ms() {
            let message = format!(
                "expected a time before SessionDate ({}), got {}",
                self.session_date.as_str(),
                self.accept_by.as_str()
            );
            problem("AcceptBy", &message, &["SessionDate"]);
        }
        problems
    }

    fn on_wire(&self) -> Cow<'_, Self> {
        let phone = self.method == CallMethod::BookedUserCalls;
        let skype = self.method == CallMethod::Skype;
        let empty = self.comments.as_deref() == Some("");
        if (phone || self.phone_number.is_none()) && (skype || self.skype_name.is_none()) && !empty
        {
            return Cow::Borrowed(self);
        }
        let mut wire = self.clone();
        wire.phone_number = wire.phone_number.filter(|_| phone);
        wire.skype_name = wire.skype_name.filter(|_| skype);
        wire.comments = wire.comments.filter(|c| !c.is_empty());
        Cow::Owned(wire)
    }
}

/// The request of `deleteMadeBookings` and `deleteReceivedBookings`: which bookings to delete.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(deny_unknown_fields)]
pub struct DeleteMadeBookingsRequest {
    /// 1 to 100 distinct booking IDs, each an integer from 1 to 2147483647 (sent as the one
    /// comma-separated string the API takes).
    #[serde(rename = "BookingIDs")]
    pub booking_ids: BookingIds,
}

impl Request for DeleteMadeBookingsRequest {}
