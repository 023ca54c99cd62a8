//! The documented prerequisites of cancelling and rescheduling, as advisory checks.
//!
//! The server decides; these let a UI disable a button or explain why before a round trip.

use crate::datetime::{self, DateTime, Zone, ZoneUnavailable};
use crate::error::Issue;
use crate::input::{Given, Input};
use crate::model::BookingStatus;

/// What the checks need from a booking.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BookingFacts {
    /// Its status.
    pub status: BookingStatus,
    /// Its session date.
    pub session: DateTime,
}

/// Reads `Status` and `SessionDate` from a booking object.
pub fn booking_facts(booking: &Given) -> Result<BookingFacts, Vec<Issue>> {
    if let Given::NotObject(input) = booking {
        let mut m = String::from("expected a MadeBooking object, got ");
        input.describe(&mut m);
        return Err(vec![Issue::new("", m)]);
    }
    let mut issues = Vec::new();
    let status = match booking.get("Status") {
        Input::Str(s) => BookingStatus::from_name(s),
        _ => None,
    };
    if status.is_none() {
        let mut m = String::from(
            "expected one of \"Pending\", \"Accepted\", \"Rejected\", \"Confirmed\", \"Cancelled\", got ",
        );
        booking.get("Status").describe(&mut m);
        issues.push(Issue::new("Status", m));
    }
    let session = match booking.get("SessionDate") {
        Input::Str(s) => datetime::parse(s).map_err(|problem| {
            let mut m = String::from("expected a date-time like \"2018-01-22T21:30:00\": ");
            m.push_str(problem);
            m
        }),
        other => {
            let mut m = String::from("expected a date-time string, got ");
            other.describe(&mut m);
            Err(m)
        }
    };
    let session = session
        .map_err(|m| issues.push(Issue::new("SessionDate", m)))
        .ok();
    match (status, session) {
        (Some(status), Some(session)) => Ok(BookingFacts { status, session }),
        _ => Err(issues),
    }
}

/// Reads `{ now?: Date, timeZone?: string }`: the moment (None for "now") and the zone name.
pub fn check_options(options: &Given) -> Result<(Option<f64>, String), Vec<Issue>> {
    let mut issues = Vec::new();
    if let Given::NotObject(input) = options {
        if !matches!(input, Input::Undefined | Input::Null) {
            let mut m = String::from("expected an options object, got ");
            input.describe(&mut m);
            return Err(vec![Issue::new("", m)]);
        }
    }
    let now = match options.get("now") {
        Input::Undefined => None,
        Input::Date(Some(ms)) => Some(*ms as f64),
        other => {
            let mut m = String::from("expected a valid Date, got ");
            other.describe(&mut m);
            issues.push(Issue::new("now", m));
            None
        }
    };
    let zone = match options.get("timeZone") {
        Input::Undefined => String::from("Europe/London"),
        Input::Str(s) if !s.is_empty() => s.clone(),
        other => {
            let mut m =
                String::from("expected an IANA time zone name like \"Europe/London\", got ");
            other.describe(&mut m);
            issues.push(Issue::new("timeZone", m));
            String::new()
        }
    };
    if issues.is_empty() {
        Ok((now, zone))
    } else {
        Err(issues)
    }
}

/// Why a booking cannot be cancelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CancelRefusal {
    /// It is already cancelled.
    AlreadyCancelled,
    /// The booked user rejected it.
    Rejected,
    /// It is confirmed and its session has started or passed.
    SessionPassed,
}

impl CancelRefusal {
    /// The reason's name in `CancelCheck`.
    pub fn as_str(self) -> &'static str {
        match self {
            CancelRefusal::AlreadyCancelled => "AlreadyCancelled",
            CancelRefusal::Rejected => "Rejected",
            CancelRefusal::SessionPassed => "SessionPassed",
        }
    }
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
) -> Result<Result<(), CancelRefusal>, ZoneUnavailable> {
    Ok(match status {
        BookingStatus::Cancelled => Err(CancelRefusal::AlreadyCancelled),
        BookingStatus::Rejected => Err(CancelRefusal::Rejected),
        BookingStatus::Confirmed if session_passed(session, now_ms, zone)? => {
            Err(CancelRefusal::SessionPassed)
        }
        _ => Ok(()),
    })
}

/// "A booking can be rescheduled once its SessionDate has passed." Returns false while the
/// session is still ahead.
pub fn can_reschedule(
    session: &DateTime,
    now_ms: f64,
    zone: &dyn Zone,
) -> Result<bool, ZoneUnavailable> {
    session_passed(session, now_ms, zone)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::datetime::{parse, test_zones::London};

    fn utc_ms(s: &str) -> f64 {
        parse(s).unwrap().wall_ms as f64
    }

    fn check(status: BookingStatus, session: &str, now_utc: &str) -> Result<(), CancelRefusal> {
        can_cancel(status, &parse(session).unwrap(), utc_ms(now_utc), &London).unwrap()
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
    fn reads_facts_from_a_booking_object() {
        let booking = Given::Object(vec![
            ("Status".into(), Input::Str("Confirmed".into())),
            (
                "SessionDate".into(),
                Input::Str("2026-01-10T20:00:00".into()),
            ),
        ]);
        let facts = booking_facts(&booking).unwrap();
        assert_eq!(facts.status, BookingStatus::Confirmed);
        let bad = Given::Object(vec![
            ("Status".into(), Input::Str("confirmed".into())),
            (
                "SessionDate".into(),
                Input::Str("2026-02-30T20:00:00".into()),
            ),
        ]);
        let issues = booking_facts(&bad).unwrap_err();
        assert_eq!(issues.len(), 2);
        assert_eq!(issues[0].path, "Status");
        assert_eq!(issues[1].path, "SessionDate");
        assert_eq!(
            booking_facts(&Given::NotObject(Input::Null))
                .unwrap_err()
                .len(),
            1
        );
    }

    #[test]
    fn reads_options() {
        assert_eq!(
            check_options(&Given::NotObject(Input::Undefined)).unwrap(),
            (None, "Europe/London".to_owned())
        );
        let given = Given::Object(vec![
            ("now".into(), Input::Date(Some(5))),
            ("timeZone".into(), Input::Str("America/New_York".into())),
        ]);
        assert_eq!(
            check_options(&given).unwrap(),
            (Some(5.0), "America/New_York".to_owned())
        );
        let bad = Given::Object(vec![
            ("now".into(), Input::Date(None)),
            ("timeZone".into(), Input::number("1")),
        ]);
        assert_eq!(check_options(&bad).unwrap_err().len(), 2);
    }

    #[test]
    fn reschedule_is_the_mirror() {
        let session = parse("2026-01-10T20:00:00").unwrap();
        assert!(!can_reschedule(&session, utc_ms("2026-01-10T19:59:00"), &London).unwrap());
        assert!(can_reschedule(&session, utc_ms("2026-01-10T20:01:00"), &London).unwrap());
    }
}
