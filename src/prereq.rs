//! The documented prerequisites of cancelling, rescheduling and deleting, as advisory checks.
//!
//! The server decides; these let a UI disable a button or explain why before a round trip.
//! Each check answers `{ ok: true }`, or `{ ok: false, reason }` with the reason as a string
//! union derived from its enum (`verdict!`).

use serde::{Serialize, Serializer};
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::datetime::{DateTime, Zone, ZoneUnavailable};
use crate::model::BookingStatus;

/// `true` on the wire and in TypeScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Yes;

/// `false` on the wire and in TypeScript.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct No;

impl Serialize for Yes {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(true)
    }
}

impl Serialize for No {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_bool(false)
    }
}

/// Declares the answer type of a prerequisite check: `{ ok: true }`, or `{ ok: false, reason }`
/// with the reason's enum (a concrete type per check, so that its TypeScript declaration names
/// its reasons).
macro_rules! verdict {
    ($(#[doc = $doc:literal])* $name:ident($reason:ty)) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
        #[cfg_attr(feature = "js", derive(Tsify))]
        #[serde(untagged)]
        pub enum $name {
            /// The prerequisites hold (the server still decides).
            Allowed {
                /// Always `true`.
                #[cfg_attr(feature = "js", tsify(type = "true"))]
                ok: Yes,
            },
            /// They do not.
            Refused {
                /// Always `false`.
                #[cfg_attr(feature = "js", tsify(type = "false"))]
                ok: No,
                /// Which prerequisite fails.
                reason: $reason,
            },
        }

        impl From<Option<$reason>> for $name {
            fn from(refusal: Option<$reason>) -> Self {
                match refusal {
                    None => $name::Allowed { ok: Yes },
                    Some(reason) => $name::Refused { ok: No, reason },
                }
            }
        }
    };
}

/// Why a booking cannot be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
pub enum CancelRefusal {
    /// It is already cancelled.
    AlreadyCancelled,
    /// The booked user rejected it.
    Rejected,
    /// It is confirmed and its session has started or passed.
    SessionPassed,
}

/// Why a booking cannot be rescheduled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
pub enum RescheduleRefusal {
    /// Its session has not passed yet.
    SessionNotPassed,
}

/// Why a booking cannot be deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
pub enum DeleteRefusal {
    /// It is still under way: only `Rejected`, `Cancelled` and `Confirmed` bookings can be
    /// deleted.
    NotFinished,
}

verdict! {
    /// Whether a booking can be deleted, per the documented prerequisite (its status is
    /// `Rejected`, `Cancelled` or `Confirmed`; advisory: the server decides).
    DeleteCheck(DeleteRefusal)
}

verdict! {
    /// Whether a booking can be cancelled, per the documented prerequisites (advisory: the
    /// server decides). `reason` says why not.
    CancelCheck(CancelRefusal)
}

verdict! {
    /// Whether a booking can be rescheduled, per the documented prerequisite (its
    /// `SessionDate` has passed; advisory: the server decides, and also checks the client's
    /// credits).
    RescheduleCheck(RescheduleRefusal)
}

/// Whether the session has started: its instant is at or before `now_ms`.
fn session_passed(
    session: &DateTime,
    now_ms: f64,
    zone: &dyn Zone,
) -> Result<bool, ZoneUnavailable> {
    Ok(session.instant_ms(zone)? as f64 <= now_ms)
}

/// "Status must not be Cancelled or Rejected; a Confirmed booking can be cancelled only while
/// its SessionDate has not passed."
pub fn can_cancel(
    status: BookingStatus,
    session: &DateTime,
    now_ms: f64,
    zone: &dyn Zone,
) -> Result<CancelCheck, ZoneUnavailable> {
    let refusal = match status {
        BookingStatus::Cancelled => Some(CancelRefusal::AlreadyCancelled),
        BookingStatus::Rejected => Some(CancelRefusal::Rejected),
        BookingStatus::Confirmed if session_passed(session, now_ms, zone)? => {
            Some(CancelRefusal::SessionPassed)
        }
        _ => None,
    };
    Ok(CancelCheck::from(refusal))
}

/// "A booking can be deleted when its Status is Rejected, Cancelled or Confirmed."
pub fn can_delete(status: BookingStatus) -> DeleteCheck {
    let finished = matches!(
        status,
        BookingStatus::Rejected | BookingStatus::Cancelled | BookingStatus::Confirmed
    );
    DeleteCheck::from((!finished).then_some(DeleteRefusal::NotFinished))
}

/// "A booking can be rescheduled once its SessionDate has passed."
pub fn can_reschedule(
    session: &DateTime,
    now_ms: f64,
    zone: &dyn Zone,
) -> Result<RescheduleCheck, ZoneUnavailable> {
    let passed = session_passed(session, now_ms, zone)?;
    Ok(RescheduleCheck::from(
        (!passed).then_some(RescheduleRefusal::SessionNotPassed),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datetime::{parse, test_zones::London};
    use crate::model::BookingStatus;

    fn utc_ms(s: &str) -> f64 {
        parse(s).unwrap().wall_ms as f64
    }

    fn check(status: BookingStatus, session: &str, now_utc: &str) -> Result<(), CancelRefusal> {
        match can_cancel(status, &parse(session).unwrap(), utc_ms(now_utc), &London).unwrap() {
            CancelCheck::Allowed { .. } => Ok(()),
            CancelCheck::Refused { reason, .. } => Err(reason),
        }
    }

    #[test]
    fn status_rules() {
        let future = "2030-01-01T12:00:00";
        let now = "2026-01-01T12:00:00";
        assert_eq!(check(BookingStatus::Pending, future, now), Ok(()));
        assert_eq!(check(BookingStatus::Accepted, future, now), Ok(()));
        assert_eq!(check(BookingStatus::Confirmed, future, now), Ok(()));
        assert_eq!(
            check(BookingStatus::Cancelled, future, now),
            Err(CancelRefusal::AlreadyCancelled)
        );
        assert_eq!(
            check(BookingStatus::Rejected, future, now),
            Err(CancelRefusal::Rejected)
        );
        // Only a confirmed booking is held to its session date.
        assert_eq!(
            check(BookingStatus::Pending, "2020-01-01T00:00:00", now),
            Ok(())
        );
    }

    #[test]
    fn a_minute_either_side_in_winter_and_summer() {
        let c = BookingStatus::Confirmed;
        // Winter: London = UTC.
        assert_eq!(
            check(c, "2026-01-10T20:00:00", "2026-01-10T19:59:00"),
            Ok(())
        );
        assert_eq!(
            check(c, "2026-01-10T20:00:00", "2026-01-10T20:01:00"),
            Err(CancelRefusal::SessionPassed)
        );
        assert_eq!(
            check(c, "2026-01-10T20:00:00", "2026-01-10T20:00:00"),
            Err(CancelRefusal::SessionPassed)
        );
        // Summer: London = UTC+1, so 20:00 London is 19:00 UTC.
        assert_eq!(
            check(c, "2026-07-10T20:00:00", "2026-07-10T18:59:00"),
            Ok(())
        );
        assert_eq!(
            check(c, "2026-07-10T20:00:00", "2026-07-10T19:01:00"),
            Err(CancelRefusal::SessionPassed)
        );
    }

    #[test]
    fn across_the_clock_changes() {
        let c = BookingStatus::Confirmed;
        // Spring forward, 29 March 2026 01:00 UTC: 03:00 London is 02:00 UTC.
        assert_eq!(
            check(c, "2026-03-29T03:00:00", "2026-03-29T01:59:00"),
            Ok(())
        );
        assert_eq!(
            check(c, "2026-03-29T03:00:00", "2026-03-29T02:01:00"),
            Err(CancelRefusal::SessionPassed)
        );
        // Fall back, 25 October 2026 01:00 UTC: 00:30 London is 23:30 UTC (BST).
        assert_eq!(
            check(c, "2026-10-25T00:30:00", "2026-10-24T23:29:00"),
            Ok(())
        );
        assert_eq!(
            check(c, "2026-10-25T00:30:00", "2026-10-24T23:31:00"),
            Err(CancelRefusal::SessionPassed)
        );
        // 02:30 London on that day is 02:30 UTC (GMT again).
        assert_eq!(
            check(c, "2026-10-25T02:30:00", "2026-10-25T02:29:00"),
            Ok(())
        );
        assert_eq!(
            check(c, "2026-10-25T02:30:00", "2026-10-25T02:31:00"),
            Err(CancelRefusal::SessionPassed)
        );
    }

    #[test]
    fn only_finished_bookings_can_be_deleted() {
        use BookingStatus::*;
        for status in [Rejected, Cancelled, Confirmed] {
            assert_eq!(
                can_delete(status),
                DeleteCheck::Allowed { ok: Yes },
                "{status:?}"
            );
        }
        for status in [Pending, Accepted] {
            assert_eq!(
                can_delete(status),
                DeleteCheck::Refused {
                    ok: No,
                    reason: DeleteRefusal::NotFinished
                },
                "{status:?}"
            );
        }
    }

    #[test]
    fn reschedule_is_the_mirror() {
        let session = parse("2026-01-10T20:00:00").unwrap();
        let at = |now: &str| can_reschedule(&session, utc_ms(now), &London).unwrap();
        assert!(matches!(
            at("2026-01-10T19:59:00"),
            RescheduleCheck::Refused {
                reason: RescheduleRefusal::SessionNotPassed,
                ..
            }
        ));
        assert!(matches!(
            at("2026-01-10T20:01:00"),
            RescheduleCheck::Allowed { .. }
        ));
    }
}
