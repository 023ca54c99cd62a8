//! The bookings the emulator starts with (and gets back on reset).
//!
//! One booking per interesting case, all made by the client user except 2001. Dates are
//! relative to the moment of seeding, so "upcoming" stays upcoming whenever the tests run:
//!
//! | ID   | Status    | Method | Session      | Notes                                            |
//! |------|-----------|--------|--------------|--------------------------------------------------|
//! | 1001 | Pending   | 1      | now + 2 days | client PhoneNumber, SkypeName null               |
//! | 1002 | Accepted  | 2      | now + 3 days | AcceptedDate set                                 |
//! | 1003 | Confirmed | 3      | now + 1 day  | SkypeName, PhoneNumber null; Accepted+Confirmed  |
//! | 1004 | Confirmed | 1      | now − 1 day  | cancel refused (passed), reschedule allowed      |
//! | 1005 | Cancelled | 2      | now + 4 days | CancelledDate/Reason/By set                      |
//! | 1006 | Rejected  | 1      | now + 5 days | RejectedReason set                               |
//! | 1007 | Pending   | 2      | now + 6 days | non-ASCII Comments, Credits 12.5, Total negative |
//! | 1008 | Confirmed | 3      | now − 2 h    | Credits 500: reschedule refused (balance 100)    |
//! | 2001 | Pending   | 1      | now + 2 days | owned by another client: 404 everywhere          |
//!
//! Session dates are whole minutes; `AcceptBy` is midnight of the session day.

use std::collections::BTreeMap;

use crate::json::Json;
use crate::state::{StoredBooking, CLIENT_USER_ID, OTHER_CLIENT_USER_ID};
use crate::uktime::{format_uk, DAY_MS, HOUR_MS, MINUTE_MS};

/// The booked user of a seed.
struct Candidate {
    user_id: i64,
    nickname: &'static str,
    phone: Option<&'static str>,
    skype: Option<&'static str>,
    positive: i64,
    neutral: i64,
    negative: i64,
    disputes: i64,
}

impl Candidate {
    fn to_json(&self) -> Json {
        Json::object([
            ("UserID", Json::int(self.user_id)),
            ("Nickname", Json::str(self.nickname)),
            ("PhoneNumber", Json::opt_str(self.phone)),
            ("SkypeName", Json::opt_str(self.skype)),
            ("Total", Json::int(self.positive - self.negative)),
            ("Positive", Json::int(self.positive)),
            ("Neutral", Json::int(self.neutral)),
            ("Negative", Json::int(self.negative)),
            (
                "Ratings",
                Json::int(self.positive + self.neutral + self.negative),
            ),
            ("Disputes", Json::int(self.disputes)),
        ])
    }
}

/// A seed booking; instants are absolute milliseconds.
struct Seed {
    id: i64,
    owner: i64,
    duration: i64,
    credits: f64,
    status: &'static str,
    method: i64,
    phone: Option<&'static str>,
    skype: Option<&'static str>,
    created: i64,
    session: i64,
    accepted: Option<i64>,
    confirmed: Option<i64>,
    /// When, why and by whom it was cancelled.
    cancelled: Option<(i64, &'static str, &'static str)>,
    rejected_reason: Option<&'static str>,
    last_updated: i64,
    comments: &'static str,
    action: Option<&'static str>,
    candidate: Candidate,
}

fn with_ms(instant: Option<i64>) -> Json {
    instant.map_or(Json::Null, |t| Json::str(format_uk(t, true)))
}

impl Seed {
    /// The `MadeBooking` object, fields in the documented order.
    fn to_json(&self) -> Json {
        let session = format_uk(self.session, false);
        let accept_by = format!("{}T00:00:00", session.get(..10).unwrap_or_default());
        Json::object([
            ("BookingID", Json::int(self.id)),
            ("Duration", Json::int(self.duration)),
            ("Credits", Json::num(self.credits)),
            ("Status", Json::str(self.status)),
            ("Method", Json::int(self.method)),
            ("PhoneNumber", Json::opt_str(self.phone)),
            ("SkypeName", Json::opt_str(self.skype)),
            ("CreateDate", with_ms(Some(self.created))),
            ("SessionDate", Json::str(session)),
            ("AcceptBy", Json::str(accept_by)),
            ("AcceptedDate", with_ms(self.accepted)),
            ("ConfirmedDate", with_ms(self.confirmed)),
            (
                "CancelledDate",
                self.cancelled
                    .map_or(Json::Null, |(t, _, _)| Json::str(format_uk(t, false))),
            ),
            (
                "CancelledReason",
                Json::opt_str(self.cancelled.map(|(_, reason, _)| reason)),
            ),
            (
                "CancelledBy",
                Json::opt_str(self.cancelled.map(|(_, _, by)| by)),
            ),
            ("RejectedReason", Json::opt_str(self.rejected_reason)),
            ("LastUpdated", with_ms(Some(self.last_updated))),
            ("Comments", Json::str(self.comments)),
            ("ActionClient", Json::opt_str(self.action)),
            ("Candidate", self.candidate.to_json()),
        ])
    }
}

/// The seeded bookings, relative to `now`.
pub fn bookings(now: i64) -> BTreeMap<i64, StoredBooking> {
    let day = DAY_MS;
    let minute_floor = |t: i64| t - t.rem_euclid(MINUTE_MS);
    let client_phone = Some("447700900123");
    let client_skype = Some("booking.client");
    let reschedule = Some("Please reschedule the booking: its session time has passed.");
    let seeds = [
        Seed {
            id: 1001,
            owner: CLIENT_USER_ID,
            duration: 15,
            credits: 8.0,
            status: "Pending",
            method: 1,
            phone: client_phone,
            skype: None,
            created: now - day,
            session: minute_floor(now + 2 * day),
            accepted: None,
            confirmed: None,
            cancelled: None,
            rejected_reason: None,
            last_updated: now - day,
            comments: "Hi, I had a great time last weekend, I want to do it again!",
            action: None,
            candidate: Candidate {
                user_id: 3001,
                nickname: "VelvetVoice",
                phone: None,
                skype: None,
                positive: 7,
                neutral: 0,
                negative: 1,
                disputes: 0,
            },
        },
        Seed {
            id: 1002,
            owner: CLIENT_USER_ID,
            duration: 30,
            credits: 20.0,
            status: "Accepted",
            method: 2,
            phone: client_phone,
            skype: None,
            created: now - 2 * day,
            session: minute_floor(now + 3 * day),
            accepted: Some(now - day),
            confirmed: None,
            cancelled: None,
            rejected_reason: None,
            last_updated: now - day,
            comments: "I'll call you at the agreed time.",
            action: Some("Please confirm the booking."),
            candidate: Candidate {
                user_id: 3002,
                nickname: "MidnightCaller",
                phone: Some("447700900202"),
                skype: None,
                positive: 15,
                neutral: 2,
                negative: 0,
                disputes: 1,
            },
        },
        Seed {
            id: 1003,
            owner: CLIENT_USER_ID,
            duration: 20,
            credits: 16.0,
            status: "Confirmed",
            method: 3,
            phone: None,
            skype: client_skype,
            created: now - 3 * day,
            session: minute_floor(now + day),
            accepted: Some(now - 2 * day),
            confirmed: Some(now - day),
            cancelled: None,
            rejected_reason: None,
            last_updated: now - day,
            comments: "Skype is easiest for me.",
            action: None,
            candidate: Candidate {
                user_id: 3003,
                nickname: "SkypeSiren",
                phone: None,
                skype: Some("skype.siren"),
                positive: 3,
                neutral: 1,
                negative: 0,
                disputes: 0,
            },
        },
        Seed {
            id: 1004,
            owner: CLIENT_USER_ID,
            duration: 10,
            credits: 6.0,
            status: "Confirmed",
            method: 1,
            phone: client_phone,
            skype: None,
            created: now - 5 * day,
            session: minute_floor(now - day),
            accepted: Some(now - 4 * day),
            confirmed: Some(now - 3 * day),
            cancelled: None,
            rejected_reason: None,
            last_updated: now - 3 * day,
            comments: "Short one, please.",
            action: reschedule,
            candidate: Candidate {
                user_id: 3004,
                nickname: "LateNightLaura",
                phone: None,
                skype: None,
                positive: 42,
                neutral: 3,
                negative: 2,
                disputes: 0,
            },
        },
        Seed {
            id: 1005,
            owner: CLIENT_USER_ID,
            duration: 15,
            credits: 10.0,
            status: "Cancelled",
            method: 2,
            phone: client_phone,
            skype: None,
            created: now - 4 * day,
            session: minute_floor(now + 4 * day),
            accepted: None,
            confirmed: None,
            cancelled: Some((now - 2 * day, "I've had something come up", "SilkAndSmoke")),
            rejected_reason: None,
            last_updated: now - 2 * day,
            comments: "Evening works best.",
            action: None,
            candidate: Candidate {
                user_id: 3005,
                nickname: "SilkAndSmoke",
                phone: None,
                skype: None,
                positive: 0,
                neutral: 0,
                negative: 0,
                disputes: 0,
            },
        },
        Seed {
            id: 1006,
            owner: CLIENT_USER_ID,
            duration: 45,
            credits: 30.0,
            status: "Rejected",
            method: 1,
            phone: client_phone,
            skype: None,
            created: now - 6 * day,
            session: minute_floor(now + 5 * day),
            accepted: None,
            confirmed: None,
            cancelled: None,
            rejected_reason: Some("Not available at that time, sorry."),
            last_updated: now - 5 * day,
            comments: "Long chat?",
            action: None,
            candidate: Candidate {
                user_id: 3006,
                nickname: "BusyBee",
                phone: None,
                skype: None,
                positive: 5,
                neutral: 0,
                negative: 0,
                disputes: 0,
            },
        },
        Seed {
            id: 1007,
            owner: CLIENT_USER_ID,
            duration: 25,
            credits: 12.5,
            status: "Pending",
            method: 2,
            phone: client_phone,
            skype: None,
            created: now - 2 * HOUR_MS,
            session: minute_floor(now + 6 * day),
            accepted: None,
            confirmed: None,
            cancelled: None,
            rejected_reason: None,
            last_updated: now - 2 * HOUR_MS,
            comments: "Café ☕ — à bientôt",
            action: None,
            candidate: Candidate {
                user_id: 3007,
                nickname: "ÉtoileFilante",
                phone: None,
                skype: None,
                positive: 1,
                neutral: 2,
                negative: 4,
                disputes: 2,
            },
        },
        Seed {
            id: 1008,
            owner: CLIENT_USER_ID,
            duration: 60,
            credits: 500.0,
            status: "Confirmed",
            method: 3,
            phone: None,
            skype: client_skype,
            created: now - 7 * day,
            session: minute_floor(now - 2 * HOUR_MS),
            accepted: Some(now - 6 * day),
            confirmed: Some(now - 5 * day),
            cancelled: None,
            rejected_reason: None,
            last_updated: now - 5 * day,
            comments: "The big one.",
            action: reschedule,
            candidate: Candidate {
                user_id: 3008,
                nickname: "PremiumPeach",
                phone: None,
                skype: Some("premium.peach"),
                positive: 120,
                neutral: 4,
                negative: 3,
                disputes: 1,
            },
        },
        Seed {
            id: 2001,
            owner: OTHER_CLIENT_USER_ID,
            duration: 15,
            credits: 8.0,
            status: "Pending",
            method: 1,
            phone: Some("447700900999"),
            skype: None,
            created: now - day,
            session: minute_floor(now + 2 * day),
            accepted: None,
            confirmed: None,
            cancelled: None,
            rejected_reason: None,
            last_updated: now - day,
            comments: "Someone else's booking.",
            action: None,
            candidate: Candidate {
                user_id: 3009,
                nickname: "NotYourCall",
                phone: None,
                skype: None,
                positive: 2,
                neutral: 0,
                negative: 0,
                disputes: 0,
            },
        },
    ];
    seeds
        .iter()
        .map(|seed| {
            let stored = StoredBooking {
                owner: seed.owner,
                booking: seed.to_json(),
            };
            (seed.id, stored)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_booking_has_the_documented_fields_in_order() {
        let fields = [
            "BookingID",
            "Duration",
            "Credits",
            "Status",
            "Method",
            "PhoneNumber",
            "SkypeName",
            "CreateDate",
            "SessionDate",
            "AcceptBy",
            "AcceptedDate",
            "ConfirmedDate",
            "CancelledDate",
            "CancelledReason",
            "CancelledBy",
            "RejectedReason",
            "LastUpdated",
            "Comments",
            "ActionClient",
            "Candidate",
        ];
        let candidate_fields = [
            "UserID",
            "Nickname",
            "PhoneNumber",
            "SkypeName",
            "Total",
            "Positive",
            "Neutral",
            "Negative",
            "Ratings",
            "Disputes",
        ];
        for (id, stored) in bookings(1_780_000_000_000) {
            let Json::Object(pairs) = &stored.booking else {
                panic!("{id}")
            };
            let names: Vec<&str> = pairs.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(names, fields);
            let Some(Json::Object(cand)) = stored.booking.get("Candidate") else {
                panic!()
            };
            let names: Vec<&str> = cand.iter().map(|(k, _)| k.as_str()).collect();
            assert_eq!(names, candidate_fields);
            assert_eq!(
                stored.booking.get("BookingID").and_then(Json::as_i64),
                Some(id)
            );
        }
    }
}
