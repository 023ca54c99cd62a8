//! The bookings the emulator starts with (and gets back on reset).
//!
//! One booking per interesting case. The client's ([`bookings`]: all made by the client user
//! except 2001) are dated relative to the moment of seeding, so "upcoming" stays upcoming
//! whenever the tests run:
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
//!
//! The performer's received bookings ([`received_bookings`]): another client (515151) booked
//! 3004 LateNightLaura, the user the `performer-token` acts as ([`crate::account`]), one
//! booking per status, 20 minutes for 30 credits. With 1004 (the client's booking with her,
//! `Confirmed`) they are the bookings `DeleteReceivedBooking` finds for the performer:
//!
//! | ID   | Status    | Method | Session      | `DeleteReceivedBooking`                          |
//! |------|-----------|--------|--------------|--------------------------------------------------|
//! | 1101 | Pending   | 2      | now + 2 days | refused (not finished)                           |
//! | 1102 | Accepted  | 1      | now + 3 days | refused (not finished)                           |
//! | 1103 | Confirmed | 3      | now − 1 day  | deleted                                          |
//! | 1104 | Cancelled | 2      | now + 4 days | deleted                                          |
//! | 1105 | Rejected  | 1      | now + 5 days | deleted                                          |
//!
//! The group's member's made bookings ([`group_bookings`]): 616161 GroupMember, the member of
//! the group 717171 GroupManager manages ([`crate::account::GROUP`]), made them; the
//! manager reads them through `GET /v1/Groups/PhoneChat/MadeBookingDetails` with
//! `UserID=616161`, the member through `MadeBookingDetails`:
//!
//! | ID   | Status    | Method | Session      | Notes                                            |
//! |------|-----------|--------|--------------|--------------------------------------------------|
//! | 2101 | Pending   | 1      | now + 2 days | with 3001 VelvetVoice                            |
//! | 2102 | Cancelled | 3      | now + 3 days | with 3003 SkypeSiren, cancelled by the member    |
//!
//! The booked users of these seeds (3001–3009, [`USERS`]) are also the PhoneChat users that
//! `CreateBooking` can book, with their booking terms: 3004 LateNightLaura asks 1.5 credits per
//! minute, 3006 BusyBee has "DirectChat Only" on (cannot be booked); the others set no price.
//! Every user takes the three calling methods but 3008 PremiumPeach, who takes Skype (3) only:
//! `GetUserBookingRequirements` says so, `CreateBooking` does not check it (what the API
//! answers for a method the user does not take is not documented).
//!
//! Every seed is built as the SDK's own [`MadeBooking`] (and [`PhoneChatBookingUser`]), each
//! value through the SDK's constructors (`TryFrom`: `f64` for amounts, `u32` for IDs), and
//! serialized by the SDK's serde declaration: the answers carry exactly the fields, names and
//! spellings of the struct the SDK decodes them into.

use std::collections::BTreeMap;
use std::fmt;

use adultwork_sdk::model::{BookingStatus, CallMethod, MadeBooking, PhoneChatBookingUser};
use adultwork_sdk::rules::{BookingId, Count, Credits, Invalid, Minutes, Score, UserId};

use crate::clock::{uk_midnight, uk_millis, uk_seconds, DAY_MS, HOUR_MS, MINUTE_MS};
use crate::object::JsonObject;
use crate::state::{StoredBooking, CLIENT_USER_ID, MEMBER_USER_ID, OTHER_CLIENT_USER_ID};

/// A seed that the SDK's rules refuse (only possible for an instant outside the years
/// −9999 to 9999, where no datetime can be written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedError {
    /// The booking's ID.
    pub id: u32,
    /// What its rule said.
    pub invalid: Invalid,
}

impl fmt::Display for SeedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "seeded booking {}: {}", self.id, self.invalid)
    }
}

impl std::error::Error for SeedError {}

/// A seed booking: who owns it, and its instants as milliseconds since the epoch.
struct Seed {
    id: u32,
    owner: i64,
    duration: u32,
    credits: f64,
    status: BookingStatus,
    method: CallMethod,
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
    candidate: User,
}

impl Seed {
    /// The `MadeBooking`, dates written as UK wall-clock time.
    fn booking(&self) -> Result<MadeBooking, Invalid> {
        let owned = |text: Option<&str>| text.map(str::to_owned);
        Ok(MadeBooking {
            booking_id: BookingId::try_from(self.id)?,
            duration: Minutes::try_from(self.duration)?,
            credits: Credits::try_from(self.credits)?,
            status: self.status,
            method: self.method,
            phone_number: owned(self.phone),
            skype_name: owned(self.skype),
            create_date: uk_millis(self.created)?,
            session_date: uk_seconds(self.session)?,
            accept_by: uk_midnight(self.session)?,
            accepted_date: self.accepted.map(uk_millis).transpose()?,
            confirmed_date: self.confirmed.map(uk_millis).transpose()?,
            cancelled_date: self
                .cancelled
                .map(|(at, _, _)| uk_seconds(at))
                .transpose()?,
            cancelled_reason: owned(self.cancelled.map(|(_, reason, _)| reason)),
            cancelled_by: owned(self.cancelled.map(|(_, _, by)| by)),
            rejected_reason: owned(self.rejected_reason),
            last_updated: uk_millis(self.last_updated)?,
            comments: Some(self.comments.to_owned()),
            action_client: owned(self.action),
            candidate: self.candidate.build()?,
        })
    }
}

/// A PhoneChat user who can be booked: who they are (ID, nickname, contact, ratings,
/// disputes), as every booking made with them shows them in `Candidate`, and their booking
/// terms (price per minute, "DirectChat Only", calling methods).
#[derive(Debug, Clone, Copy)]
pub struct User {
    id: u32,
    nickname: &'static str,
    /// (phone, Skype).
    contact: (Option<&'static str>, Option<&'static str>),
    /// (positive, neutral, negative).
    ratings: (u32, u32, u32),
    disputes: u32,
    price_per_minute: Option<f64>,
    direct_chat_only: bool,
    /// Whether the user takes each calling method, 1 to 3.
    methods: [bool; 3],
}

/// A booked user with these ratings (`Total` and `Ratings` are derived from them), no price
/// per minute, "DirectChat Only" off and every calling method taken.
const fn user(
    id: u32,
    nickname: &'static str,
    contact: (Option<&'static str>, Option<&'static str>),
    ratings: (u32, u32, u32),
    disputes: u32,
) -> User {
    User {
        id,
        nickname,
        contact,
        ratings,
        disputes,
        price_per_minute: None,
        direct_chat_only: false,
        methods: [true; 3],
    }
}

impl User {
    /// The same user, asking at least `credits` per minute of a session.
    const fn priced(self, credits: f64) -> User {
        User {
            price_per_minute: Some(credits),
            ..self
        }
    }

    /// The same user, with "DirectChat Only" on (cannot be booked for PhoneChat).
    const fn direct_chat_only(self) -> User {
        User {
            direct_chat_only: true,
            ..self
        }
    }

    /// The same user, taking Skype calls only (method 3).
    const fn skype_only(self) -> User {
        User {
            methods: [false, false, true],
            ..self
        }
    }

    /// Each calling method and whether the user takes it (what
    /// `GetUserBookingRequirements` answers; `CreateBooking` does not check it).
    pub fn methods(&self) -> [(CallMethod, bool); 3] {
        let [one, two, three] = self.methods;
        [
            (CallMethod::BookedUserCalls, one),
            (CallMethod::ClientCalls, two),
            (CallMethod::Skype, three),
        ]
    }

    /// The user's ID.
    pub const fn id(&self) -> u32 {
        self.id
    }

    /// The user's nickname.
    pub const fn nickname(&self) -> &'static str {
        self.nickname
    }

    /// The least credits per minute the user accepts, if they set a price.
    pub fn price_per_minute(&self) -> Option<f64> {
        self.price_per_minute
    }

    /// Whether "DirectChat Only" is on (then they cannot be booked).
    pub fn is_direct_chat_only(&self) -> bool {
        self.direct_chat_only
    }

    /// The user as a booking's `Candidate`, through the SDK's constructors.
    pub fn build(&self) -> Result<PhoneChatBookingUser, Invalid> {
        let (phone, skype) = self.contact;
        let (positive, neutral, negative) = self.ratings;
        let (positive, neutral, negative) =
            (f64::from(positive), f64::from(neutral), f64::from(negative));
        Ok(PhoneChatBookingUser {
            user_id: UserId::try_from(self.id)?,
            nickname: self.nickname.to_owned(),
            phone_number: phone.map(str::to_owned),
            skype_name: skype.map(str::to_owned),
            total: Score::try_from(positive - negative)?,
            positive: Count::try_from(positive)?,
            neutral: Count::try_from(neutral)?,
            negative: Count::try_from(negative)?,
            ratings: Count::try_from(positive + neutral + negative)?,
            disputes: Count::try_from(self.disputes)?,
        })
    }
}

const VELVET_VOICE: User = user(3001, "VelvetVoice", (None, None), (7, 0, 1), 0);
const MIDNIGHT_CALLER: User = user(
    3002,
    "MidnightCaller",
    (Some("447700900202"), None),
    (15, 2, 0),
    1,
);
const SKYPE_SIREN: User = user(
    3003,
    "SkypeSiren",
    (None, Some("skype.siren")),
    (3, 1, 0),
    0,
);
/// 3004 LateNightLaura, who asks 1.5 credits per minute; also the performer account
/// ([`crate::account::PERFORMER`]), who receives bookings.
pub const LATE_NIGHT_LAURA: User =
    user(3004, "LateNightLaura", (None, None), (42, 3, 2), 0).priced(1.5);
const SILK_AND_SMOKE: User = user(3005, "SilkAndSmoke", (None, None), (0, 0, 0), 0);
const BUSY_BEE: User = user(3006, "BusyBee", (None, None), (5, 0, 0), 0).direct_chat_only();
const ETOILE_FILANTE: User = user(3007, "ÉtoileFilante", (None, None), (1, 2, 4), 2);
const PREMIUM_PEACH: User = user(
    3008,
    "PremiumPeach",
    (None, Some("premium.peach")),
    (120, 4, 3),
    1,
)
.skype_only();
const NOT_YOUR_CALL: User = user(3009, "NotYourCall", (None, None), (2, 0, 0), 0);

/// The PhoneChat users `CreateBooking` knows: the booked users of the seeds, 3001–3009.
pub static USERS: [User; 9] = [
    VELVET_VOICE,
    MIDNIGHT_CALLER,
    SKYPE_SIREN,
    LATE_NIGHT_LAURA,
    SILK_AND_SMOKE,
    BUSY_BEE,
    ETOILE_FILANTE,
    PREMIUM_PEACH,
    NOT_YOUR_CALL,
];

/// The PhoneChat user with this ID, if there is one.
pub fn phonechat_user(id: u32) -> Option<&'static User> {
    USERS.iter().find(|user| user.id == id)
}

/// An instant rounded down to a whole minute (session dates are whole minutes).
fn minute_floor(t: i64) -> i64 {
    t - t.rem_euclid(MINUTE_MS)
}

/// The client's seeded bookings (1001–1008) and another client's (2001), relative to `now`,
/// by ID: the first table of the module documentation.
pub fn bookings(now: i64) -> Result<BTreeMap<i64, StoredBooking>, SeedError> {
    let day = DAY_MS;
    let client_phone = Some("447700900123");
    let client_skype = Some("booking.client");
    let reschedule = Some("Please reschedule the booking: its session time has passed.");
    let seeds = [
        Seed {
            id: 1001,
            owner: CLIENT_USER_ID,
            duration: 15,
            credits: 8.0,
            status: BookingStatus::Pending,
            method: CallMethod::BookedUserCalls,
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
            candidate: VELVET_VOICE,
        },
        Seed {
            id: 1002,
            owner: CLIENT_USER_ID,
            duration: 30,
            credits: 20.0,
            status: BookingStatus::Accepted,
            method: CallMethod::ClientCalls,
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
            candidate: MIDNIGHT_CALLER,
        },
        Seed {
            id: 1003,
            owner: CLIENT_USER_ID,
            duration: 20,
            credits: 16.0,
            status: BookingStatus::Confirmed,
            method: CallMethod::Skype,
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
            candidate: SKYPE_SIREN,
        },
        Seed {
            id: 1004,
            owner: CLIENT_USER_ID,
            duration: 10,
            credits: 6.0,
            status: BookingStatus::Confirmed,
            method: CallMethod::BookedUserCalls,
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
            candidate: LATE_NIGHT_LAURA,
        },
        Seed {
            id: 1005,
            owner: CLIENT_USER_ID,
            duration: 15,
            credits: 10.0,
            status: BookingStatus::Cancelled,
            method: CallMethod::ClientCalls,
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
            candidate: SILK_AND_SMOKE,
        },
        Seed {
            id: 1006,
            owner: CLIENT_USER_ID,
            duration: 45,
            credits: 30.0,
            status: BookingStatus::Rejected,
            method: CallMethod::BookedUserCalls,
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
            candidate: BUSY_BEE,
        },
        Seed {
            id: 1007,
            owner: CLIENT_USER_ID,
            duration: 25,
            credits: 12.5,
            status: BookingStatus::Pending,
            method: CallMethod::ClientCalls,
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
            candidate: ETOILE_FILANTE,
        },
        Seed {
            id: 1008,
            owner: CLIENT_USER_ID,
            duration: 60,
            credits: 500.0,
            status: BookingStatus::Confirmed,
            method: CallMethod::Skype,
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
            candidate: PREMIUM_PEACH,
        },
        Seed {
            id: 2001,
            owner: OTHER_CLIENT_USER_ID,
            duration: 15,
            credits: 8.0,
            status: BookingStatus::Pending,
            method: CallMethod::BookedUserCalls,
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
            candidate: NOT_YOUR_CALL,
        },
    ];
    build(&seeds)
}

/// Every seeded booking, relative to `now`, by ID: [`bookings`], [`received_bookings`] and
/// [`group_bookings`].
pub fn all_bookings(now: i64) -> Result<BTreeMap<i64, StoredBooking>, SeedError> {
    let mut all = bookings(now)?;
    all.extend(received_bookings(now)?);
    all.extend(group_bookings(now)?);
    Ok(all)
}

/// The bookings the group's member made (2101–2102), relative to `now`, by ID (the third
/// table of the module documentation).
pub fn group_bookings(now: i64) -> Result<BTreeMap<i64, StoredBooking>, SeedError> {
    let day = DAY_MS;
    let pending = Seed {
        id: 2101,
        owner: MEMBER_USER_ID,
        duration: 15,
        credits: 10.0,
        status: BookingStatus::Pending,
        method: CallMethod::BookedUserCalls,
        phone: Some("447700900616"),
        skype: None,
        created: now - day,
        session: minute_floor(now + 2 * day),
        accepted: None,
        confirmed: None,
        cancelled: None,
        rejected_reason: None,
        last_updated: now - day,
        comments: "Booked by a member of the group.",
        action: None,
        candidate: VELVET_VOICE,
    };
    let cancelled = Seed {
        id: 2102,
        status: BookingStatus::Cancelled,
        method: CallMethod::Skype,
        phone: None,
        skype: Some("group.member"),
        session: minute_floor(now + 3 * day),
        cancelled: Some((now - HOUR_MS, "Plans changed.", "GroupMember")),
        last_updated: now - HOUR_MS,
        candidate: SKYPE_SIREN,
        ..pending
    };
    build(&[pending, cancelled])
}

/// The bookings another client made with [`LATE_NIGHT_LAURA`] (1101–1105), relative to
/// `now`, by ID: with 1004, the performer's received bookings (the second table of the module
/// documentation).
pub fn received_bookings(now: i64) -> Result<BTreeMap<i64, StoredBooking>, SeedError> {
    let day = DAY_MS;
    let received = |id, status, method, session: i64| Seed {
        id,
        owner: OTHER_CLIENT_USER_ID,
        duration: 20,
        credits: 30.0,
        status,
        method,
        phone: Some("447700900999").filter(|_| method != CallMethod::Skype),
        skype: Some("other.client").filter(|_| method == CallMethod::Skype),
        created: now - 3 * day,
        session: minute_floor(session),
        accepted: None,
        confirmed: None,
        cancelled: None,
        rejected_reason: None,
        last_updated: now - 3 * day,
        comments: "Booked with LateNightLaura.",
        action: None,
        candidate: LATE_NIGHT_LAURA,
    };
    let seeds = [
        received(
            1101,
            BookingStatus::Pending,
            CallMethod::ClientCalls,
            now + 2 * day,
        ),
        Seed {
            accepted: Some(now - day),
            last_updated: now - day,
            ..received(
                1102,
                BookingStatus::Accepted,
                CallMethod::BookedUserCalls,
                now + 3 * day,
            )
        },
        Seed {
            accepted: Some(now - 2 * day),
            confirmed: Some(now - 2 * day + HOUR_MS),
            last_updated: now - 2 * day + HOUR_MS,
            ..received(1103, BookingStatus::Confirmed, CallMethod::Skype, now - day)
        },
        Seed {
            cancelled: Some((now - day, "Something came up.", "LateNightLaura")),
            last_updated: now - day,
            ..received(
                1104,
                BookingStatus::Cancelled,
                CallMethod::ClientCalls,
                now + 4 * day,
            )
        },
        Seed {
            rejected_reason: Some("I am away that week."),
            last_updated: now - day,
            ..received(
                1105,
                BookingStatus::Rejected,
                CallMethod::BookedUserCalls,
                now + 5 * day,
            )
        },
    ];
    build(&seeds)
}

/// The seeds as stored, by ID: each one's `MadeBooking`, built and serialized by the SDK.
fn build(seeds: &[Seed]) -> Result<BTreeMap<i64, StoredBooking>, SeedError> {
    seeds
        .iter()
        .map(|seed| {
            let booking = seed.booking().map_err(|invalid| SeedError {
                id: seed.id,
                invalid,
            })?;
            // Serializing a struct of strings and numbers into an object cannot fail.
            let booking = JsonObject::from_serialize(&booking).unwrap_or_default();
            let stored = StoredBooking {
                owner: seed.owner,
                booking,
            };
            Ok((i64::from(seed.id), stored))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::object::sdk_fields;

    use super::*;

    /// The seeds as the hand-written emulator wrote them (one booking a line, by ID) at these
    /// instants: winter, just before the spring change, summer, just before the autumn change.
    const GOLDEN: [(i64, &str); 4] = [
        (
            1_767_225_600_123,
            include_str!("../tests/golden/seeds-1767225600123.jsonl"),
        ),
        (
            1_774_654_200_000,
            include_str!("../tests/golden/seeds-1774654200000.jsonl"),
        ),
        (
            1_780_000_000_000,
            include_str!("../tests/golden/seeds-1780000000000.jsonl"),
        ),
        (
            1_792_758_896_789,
            include_str!("../tests/golden/seeds-1792758896789.jsonl"),
        ),
    ];

    #[test]
    fn the_seeds_are_written_byte_for_byte_as_before() {
        for (now, golden) in GOLDEN {
            let lines: Vec<String> = bookings(now)
                .unwrap()
                .values()
                .map(|stored| stored.booking.to_json())
                .collect();
            let expected: Vec<&str> = golden.lines().collect();
            assert_eq!(lines, expected, "seeded at {now}");
        }
    }

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
        // The documented list is the SDK's own declaration, in the same order.
        assert_eq!(sdk_fields::made_booking(), fields);
        assert_eq!(sdk_fields::candidate(), candidate_fields);
        for (id, stored) in bookings(1_780_000_000_000).unwrap() {
            assert_eq!(stored.booking.keys(), fields);
            let candidate: JsonObject = stored.booking.get_as("Candidate").unwrap();
            assert_eq!(candidate.keys(), candidate_fields);
            assert_eq!(stored.booking.get_as::<i64>("BookingID"), Some(id));
        }
    }

    #[test]
    fn the_stored_json_reads_back_as_the_sdk_struct() {
        let now = 1_780_000_000_000;
        let seeds = bookings(now).unwrap();
        for (id, stored) in &seeds {
            // serde_json through the SDK's rules: every value is one the SDK accepts.
            let read: MadeBooking = serde_json::from_str(&stored.booking.to_json()).unwrap();
            assert_eq!(i64::from(read.booking_id.get()), *id);
            assert_eq!(
                JsonObject::from_serialize(&read).unwrap().to_json(),
                stored.booking.to_json()
            );
            let c = &read.candidate;
            let (positive, negative) = (c.positive.get(), c.negative.get());
            assert_eq!(c.total.get(), positive as i64 - negative as i64, "{id}");
        }
    }

    #[test]
    fn the_received_bookings_are_sdk_bookings_with_the_performer() {
        let now = 1_780_000_000_000;
        let received = received_bookings(now).unwrap();
        let client = bookings(now).unwrap();
        let statuses: Vec<(i64, String)> = received
            .iter()
            .map(|(id, stored)| (*id, stored.booking.get_as::<String>("Status").unwrap()))
            .collect();
        let expected = [
            (1101, "Pending"),
            (1102, "Accepted"),
            (1103, "Confirmed"),
            (1104, "Cancelled"),
            (1105, "Rejected"),
        ];
        assert_eq!(
            statuses,
            expected.map(|(id, status)| (id, status.to_owned()))
        );
        for (id, stored) in &received {
            assert!(!client.contains_key(id), "{id} is seeded twice");
            assert_eq!(stored.owner, OTHER_CLIENT_USER_ID);
            assert_eq!(stored.booking.keys(), sdk_fields::made_booking());
            let read: MadeBooking = serde_json::from_str(&stored.booking.to_json()).unwrap();
            assert_eq!(read.candidate.user_id.get(), LATE_NIGHT_LAURA.id(), "{id}");
        }
        let group = group_bookings(now).unwrap();
        let all = all_bookings(now).unwrap();
        assert_eq!(all.len(), client.len() + received.len() + group.len());
    }

    #[test]
    fn the_group_bookings_are_the_members_sdk_bookings() {
        let now = 1_780_000_000_000;
        let group = group_bookings(now).unwrap();
        assert_eq!(group.keys().copied().collect::<Vec<_>>(), [2101, 2102]);
        for (id, stored) in &group {
            assert_eq!(stored.owner, MEMBER_USER_ID, "{id}");
            assert_eq!(stored.booking.keys(), sdk_fields::made_booking());
            let read: MadeBooking = serde_json::from_str(&stored.booking.to_json()).unwrap();
            assert_eq!(i64::from(read.booking_id.get()), *id);
        }
        let statuses: Vec<String> = group
            .values()
            .map(|stored| stored.booking.get_as("Status").unwrap())
            .collect();
        assert_eq!(statuses, ["Pending", "Cancelled"]);
    }

    #[test]
    fn an_instant_without_a_datetime_is_an_error_not_a_panic() {
        // Year 33658: past jiff's range (and the API's four-digit years).
        let e = bookings(1_000_000_000_000_000_000).unwrap_err();
        assert_eq!(e.id, 1001);
        assert!(e
            .to_string()
            .starts_with("seeded booking 1001: expected a date-time"));
    }
}
