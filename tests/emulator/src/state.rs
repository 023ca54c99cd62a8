//! Everything the emulator remembers, behind one `Mutex`.
//!
//! - bookings, keyed by ID, each with the user ID of the client that owns it (ownership is
//!   kept beside the booking, not in it, so a planted booking is stored exactly as sent; who
//!   received a booking is its own `Candidate.UserID`, see [`Whose`]), and
//!   the next ID for a booking that `CreateBooking` makes (from 5001, again after a reset);
//! - the request log (every request on a non-control path, in arrival order);
//! - the FIFO queue of pending faults;
//! - the `--corpus` directory that faults may serve bodies from.
//!
//! The lock is only ever held for quick bookkeeping; nobody sleeps or does socket I/O while
//! holding it. A poisoned lock (a thread panicked while holding it) is recovered rather than
//! propagated, so one bad request cannot take the emulator down.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard};

use adultwork_sdk::rules::BookingId;
use http::request::Parts;
use serde::{Serialize, Serializer};

use crate::faults::Fault;
use crate::object::JsonObject;
use crate::seed::{self, SeedError};

/// The client's user ID (the account `test-token` acts as, see [`crate::account`]).
pub const CLIENT_USER_ID: i64 = 424_242;
/// That user's nickname (what `CancelledBy` says after a cancel).
pub const CLIENT_NICKNAME: &str = "BookingClient";
/// That user's credit balance.
pub const CLIENT_BALANCE: f64 = 100.0;
/// Another client, owner of booking 2001.
pub const OTHER_CLIENT_USER_ID: i64 = 515_151;
/// The group manager's user ID (see [`crate::account::MANAGER`]).
pub const MANAGER_USER_ID: i64 = 717_171;
/// The group member's user ID (see [`crate::account::MEMBER`]), owner of bookings 2101–2102.
pub const MEMBER_USER_ID: i64 = 616_161;
/// The ID of the first booking `CreateBooking` makes after a start or a reset.
pub const FIRST_NEW_BOOKING_ID: i64 = 5001;

/// A stored booking and its owner.
#[derive(Debug, Clone)]
pub struct StoredBooking {
    /// The user ID of the client who made the booking.
    pub owner: i64,
    /// The `MadeBooking` object (normally; a planted one may be any JSON object).
    pub booking: JsonObject,
}

/// Whose bookings a lookup is among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Whose {
    /// The bookings this user made (owns): the client side.
    MadeBy(i64),
    /// The bookings made with this user as the booked user (their `Candidate.UserID`): the
    /// performer side.
    ReceivedBy(i64),
}

impl Whose {
    /// Whether the stored booking is one of these. A planted booking without a readable
    /// `Candidate.UserID` was received by nobody.
    pub fn has(self, stored: &StoredBooking) -> bool {
        match self {
            Whose::MadeBy(user) => stored.owner == user,
            Whose::ReceivedBy(user) => {
                stored
                    .booking
                    .get_as::<JsonObject>("Candidate")
                    .and_then(|candidate| candidate.get_as::<i64>("UserID"))
                    == Some(user)
            }
        }
    }
}

/// How the exchange of a logged request ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Still being handled (for instance while a fault delays it).
    Pending,
    /// A complete response was written.
    Responded,
    /// A fault closed the connection on purpose (before or in the middle of the response).
    Dropped,
    /// The client closed the connection before the response (or writing it failed).
    ClientGone,
}

impl Outcome {
    /// The name used in the request log.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Pending => "pending",
            Outcome::Responded => "responded",
            Outcome::Dropped => "dropped",
            Outcome::ClientGone => "client-gone",
        }
    }
}

/// One request in the log, serialized as the control API shows it.
#[derive(Debug, Clone, Serialize)]
pub struct LogEntry {
    /// Increasing ID; never reused, not even after a reset.
    pub id: u64,
    /// The method.
    pub method: String,
    /// The path, without the query.
    pub path: String,
    /// The query string (`""` if none).
    pub query: String,
    /// Headers by lowercase name in order of first appearance; the values of a repeated
    /// header joined with `", "`.
    #[serde(serialize_with = "as_object")]
    pub headers: Vec<(String, String)>,
    /// The body (UTF-8, lossy).
    pub body: String,
    /// How the exchange ended.
    pub outcome: Outcome,
}

/// Writes name/value pairs as a JSON object, in order.
fn as_object<S: Serializer>(pairs: &[(String, String)], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

/// A request's headers as the log keeps them (see [`LogEntry::headers`]).
fn joined_headers(headers: &http::HeaderMap) -> Vec<(String, String)> {
    let mut joined: Vec<(String, String)> = Vec::new();
    for (name, value) in headers {
        let value = String::from_utf8_lossy(value.as_bytes());
        match joined.iter_mut().find(|(n, _)| n == name.as_str()) {
            Some((_, text)) => {
                text.push_str(", ");
                text.push_str(&value);
            }
            None => joined.push((name.as_str().to_owned(), value.into_owned())),
        }
    }
    joined
}

/// The emulator's state.
#[derive(Debug)]
pub struct State {
    /// Bookings by ID.
    pub bookings: BTreeMap<i64, StoredBooking>,
    /// The request log.
    pub log: Vec<LogEntry>,
    /// Pending faults, oldest first.
    pub faults: VecDeque<Fault>,
    /// Where `"corpus"` faults read their bodies (`--corpus`); kept across resets.
    pub corpus_dir: Option<PathBuf>,
    next_log_id: u64,
    next_booking_id: i64,
}

/// The state as shared between connection threads.
pub type Shared = Arc<Mutex<State>>;

/// Locks the shared state, recovering from poisoning.
pub fn lock(shared: &Shared) -> MutexGuard<'_, State> {
    shared
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl State {
    /// Fresh state with the seeded bookings, relative to `now_ms`.
    pub fn new(now_ms: i64) -> Result<State, SeedError> {
        Ok(State {
            bookings: seed::all_bookings(now_ms)?,
            log: Vec::new(),
            faults: VecDeque::new(),
            corpus_dir: None,
            next_log_id: 1,
            next_booking_id: FIRST_NEW_BOOKING_ID,
        })
    }

    /// Reseeds the bookings, restarts new booking IDs at [`FIRST_NEW_BOOKING_ID`] and clears
    /// the request log and the fault queue (or, if the seeds cannot be built, changes nothing).
    pub fn reset(&mut self, now_ms: i64) -> Result<(), SeedError> {
        self.bookings = seed::all_bookings(now_ms)?;
        self.next_booking_id = FIRST_NEW_BOOKING_ID;
        self.log.clear();
        self.faults.clear();
        Ok(())
    }

    /// The ID for a new booking: the next one from [`FIRST_NEW_BOOKING_ID`] up that no stored
    /// booking has (a planted booking keeps its ID).
    pub fn new_booking_id(&mut self) -> i64 {
        while self.bookings.contains_key(&self.next_booking_id) {
            self.next_booking_id += 1;
        }
        let id = self.next_booking_id;
        self.next_booking_id += 1;
        id
    }

    /// The booking with that ID, if it is one of `whose`.
    pub fn booking_mut(&mut self, whose: Whose, id: BookingId) -> Option<&mut JsonObject> {
        self.bookings
            .get_mut(&i64::from(id.get()))
            .filter(|stored| whose.has(stored))
            .map(|stored| &mut stored.booking)
    }

    /// Appends a request to the log (outcome pending) and returns its ID.
    pub fn log_request(&mut self, request: &Parts, body: &[u8]) -> u64 {
        let id = self.next_log_id;
        self.next_log_id += 1;
        self.log.push(LogEntry {
            id,
            method: request.method.as_str().to_owned(),
            path: request.uri.path().to_owned(),
            query: request.uri.query().unwrap_or_default().to_owned(),
            headers: joined_headers(&request.headers),
            body: String::from_utf8_lossy(body).into_owned(),
            outcome: Outcome::Pending,
        });
        id
    }

    /// Records how a logged request ended (no-op if the log was cleared meanwhile).
    pub fn set_outcome(&mut self, id: u64, outcome: Outcome) {
        if let Some(entry) = self.log.iter_mut().rev().find(|e| e.id == id) {
            entry.outcome = outcome;
        }
    }

    /// Removes and returns the oldest pending fault that applies to `path`.
    pub fn take_fault(&mut self, path: &str) -> Option<Fault> {
        let index = self
            .faults
            .iter()
            .position(|f| f.path.as_deref().is_none_or(|p| p == path))?;
        self.faults.remove(index)
    }
}
