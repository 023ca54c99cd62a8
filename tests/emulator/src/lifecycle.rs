//! The booking lifecycle: `POST /v1/PhoneChat/CreateBooking`,
//! `POST /v1/PhoneChat/DeleteMadeBookings` and `POST /v1/PhoneChat/DeleteReceivedBooking`
//! (routed in [`crate::api`], in its order of checks: `401`/`403` and an unreadable body by
//! the extractor, then `400`, then `409`).
//!
//! The bodies are read as raw JSON (serde_json), never through the SDK's request types: the
//! emulator judges the wire form on its own, so an SDK that writes a field wrongly (a date as
//! `2099-06-01T18:30`, the IDs of a delete as an array) fails its tests instead of being read
//! back by the same code that wrote it. Names are exact; unknown members are ignored, as
//! ASP.NET ignores them.
//!
//! # CreateBooking
//!
//! 1. The model (`400`, ASP.NET's `ModelState` under `request.<Field>`, every problem listed):
//!    `BookUserID` an integer from 1 to 2147483647; `SessionDate` and `AcceptBy` written
//!    exactly `YYYY-MM-DD HH:MM`, a real date; `Duration` an integer ≥ 5 (up to 2147483647);
//!    `Method` 1, 2 or 3; `PhoneNumber` 10 or 11 ASCII digits when `Method` is 1; `SkypeName`
//!    not blank when `Method` is 3; `Credits` a number > 0 (at most .NET's `decimal` maximum);
//!    `Comments` a string or null, if present. Integers may be written `30.0` (as .NET reads
//!    them); a string holding a number is refused. Fields the `Method` does not use are not
//!    read at all.
//! 2. What the server knows (`400` with `ModelState` again, every problem listed): the user
//!    exists and offers PhoneChat ([`crate::seed::USERS`]); `SessionDate` and `AcceptBy` are
//!    after the current UK wall-clock time; `AcceptBy` is before `SessionDate`. Times are
//!    compared as wall-clock readings, as .NET compares two unspecified-kind `DateTime`s.
//! 3. The user's price per minute: `Credits` below price × `Duration` is a `400` whose
//!    `Message` says the minimum.
//! 4. "DirectChat Only" on: `409`.
//!
//! The booking made is the SDK's `MadeBooking`, built through its constructors as the seeds
//! are, owned by the client, with the next ID from 5001
//! ([`crate::state::State::new_booking_id`]): `Pending`, created and last updated now (to the
//! second), the session and accept-by times as requested (`2099-06-01T18:30:00`),
//! `PhoneNumber` only for `Method` 1, `SkypeName` only for `Method` 3, `Comments` as given or
//! null, and the booked user as `Candidate`.
//!
//! # DeleteMadeBookings
//!
//! `{"BookingIDs": "1005,1006"}`: one string of IDs separated by commas. Each ID may have white
//! space around it (`" 1005 , 1006"`, what .NET's `int.Parse` after a split takes: tab, line
//! feed, vertical tab, form feed, carriage return, space), but nothing else: no sign, no empty
//! item, no decimal point; each an integer from 1 to 2147483647. Missing, `null`, blank, not a
//! string (an array of numbers included) or a bad item: `400` on `request.BookingIDs`, one
//! message per bad item. No limit on the count is enforced (the API documents none; the SDK
//! sends at most 100).
//!
//! The answer is a bare JSON array, one `{"BookingID", "Deleted", "Message"}` per distinct ID
//! in the order of the request (a repeated ID is answered once, at its first place): a booking
//! that does not exist or is another client's is not deleted ("The booking does not exist."),
//! nor is one whose `Status` is not `Rejected`, `Cancelled` or `Confirmed`; any other is
//! removed (`Message` null), and every endpoint answers `404` for it from then on.
//!
//! # DeleteReceivedBooking
//!
//! The performer's side of the same delete (singular, as documented): the same body, read by
//! the same [`booking_ids`], and the same answer, one [`Deletion`] per distinct ID, but among
//! the bookings *received* by the caller: those whose `Candidate.UserID` is the caller's user
//! ID (whoever made them; a planted booking without a readable `Candidate.UserID` was
//! received by nobody). The emulator keeps one copy of a booking, so a booking one side
//! deletes is gone for the other side too (the real API may well keep it for the other side;
//! that is not documented).

use adultwork_sdk::model::{BookingStatus, CallMethod, MadeBooking};
use adultwork_sdk::rules::{self, BookingId, Credits, Minutes};
use axum::extract::State;
use axum::response::Response;
use jiff::civil::DateTime;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::api::{booking_status, internal_error, invalid, message, type_name};
use crate::call::{Call, Object, Problem};
use crate::clock::{api_wall_clock, now_ms, parse_minute, uk_seconds, uk_wall_clock, MinuteError};
use crate::object::JsonObject;
use crate::reply;
use crate::seed::{phonechat_user, User};
use crate::state::{lock, Shared, StoredBooking, Whose};

/// The largest `int` of .NET.
const INT32_MAX: i64 = 2_147_483_647;

/// The largest .NET `decimal` (what `Credits` is on the server).
const DECIMAL_MAX: f64 = 79_228_162_514_264_337_593_543_950_335.0;

/// A value as a message shows it: JSON text (strings quoted, long ones cut), or its type for
/// arrays and objects.
fn shown(value: &Value) -> String {
    match value {
        Value::String(text) if text.chars().count() > 40 => {
            let cut: String = text.chars().take(40).collect();
            format!("{}…", Value::String(cut))
        }
        Value::Array(_) | Value::Object(_) => type_name(value).to_owned(),
        other => other.to_string(),
    }
}

/// The ModelState key of a body member.
fn key(name: &str) -> String {
    format!("request.{name}")
}

/// A JSON number that is an integer (`30` or `30.0`, as .NET reads an `int`).
fn integer(value: &Value) -> Option<i64> {
    if let Some(n) = value.as_i64() {
        return Some(n);
    }
    let n = value.as_f64()?;
    // Beyond ±2^63 it is out of every range the endpoints take anyway.
    (n == n.trunc() && n.abs() < 9.2e18).then_some(n as i64)
}

/// The value of a required member, or (missing or `null`) a "required" problem.
fn required<'a>(
    body: &'a Map<String, Value>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<&'a Value> {
    match body.get(name) {
        None | Some(Value::Null) => {
            problems.push((key(name), format!("The {name} field is required.")));
            None
        }
        Some(value) => Some(value),
    }
}

/// A required integer member within `min..=max`.
fn integer_field(
    body: &Map<String, Value>,
    name: &str,
    (min, max): (i64, i64),
    expected: &str,
    problems: &mut Vec<Problem>,
) -> Option<i64> {
    let value = required(body, name, problems)?;
    let n = integer(value).filter(|n| (min..=max).contains(n));
    if n.is_none() {
        problems.push((
            key(name),
            format!("The {name} field must be {expected}; got {}.", shown(value)),
        ));
    }
    n
}

/// A required booking time, `YYYY-MM-DD HH:MM`.
fn time_field(
    body: &Map<String, Value>,
    name: &str,
    problems: &mut Vec<Problem>,
) -> Option<DateTime> {
    let value = required(body, name, problems)?;
    let why = match value {
        Value::String(text) => match parse_minute(text) {
            Ok(wall) => return Some(wall),
            Err(MinuteError::Format) => "",
            Err(MinuteError::NoSuchDate) => ", which is not a real date and time",
        },
        _ => "",
    };
    problems.push((
        key(name),
        format!(
            "The {name} field must be a UK date and time written YYYY-MM-DD HH:MM; got {}{why}.",
            shown(value)
        ),
    ));
    None
}

/// What `CreateBooking` asks for, once its model is valid.
#[derive(Debug, Clone, PartialEq)]
pub struct NewBooking {
    /// `BookUserID`.
    pub user_id: u32,
    /// `SessionDate` (UK wall clock).
    pub session: DateTime,
    /// `Duration`, minutes.
    pub duration: u32,
    /// `Method`.
    pub method: CallMethod,
    /// `PhoneNumber` (read only for `Method` 1).
    pub phone: Option<String>,
    /// `SkypeName` (read only for `Method` 3).
    pub skype: Option<String>,
    /// `Credits`.
    pub credits: f64,
    /// `AcceptBy` (UK wall clock).
    pub accept_by: DateTime,
    /// `Comments`.
    pub comments: Option<String>,
}

impl NewBooking {
    /// Reads the body's model, or lists every problem (in the order of the documented fields).
    pub fn read(body: &Map<String, Value>) -> Result<NewBooking, Vec<Problem>> {
        let mut problems = Vec::new();
        let p = &mut problems;
        let user_id = integer_field(
            body,
            "BookUserID",
            (1, INT32_MAX),
            "an integer from 1 to 2147483647",
            p,
        );
        let session = time_field(body, "SessionDate", p);
        let duration = integer_field(
            body,
            "Duration",
            (5, INT32_MAX),
            "a whole number of minutes, at least 5",
            p,
        );
        let method = integer_field(
            body,
            "Method",
            (1, 3),
            "1 (the booked user calls the client), 2 (the client calls the booked user) or 3 (Skype)",
            p,
        )
        .and_then(|n| match n {
            1 => Some(CallMethod::BookedUserCalls),
            2 => Some(CallMethod::ClientCalls),
            3 => Some(CallMethod::Skype),
            _ => None,
        });
        let phone = match method {
            Some(CallMethod::BookedUserCalls) => phone_number(body, p),
            _ => None,
        };
        let skype = match method {
            Some(CallMethod::Skype) => skype_name(body, p),
            _ => None,
        };
        let credits = required(body, "Credits", p).and_then(|value| {
            let n = value.as_f64().filter(|n| *n > 0.0 && *n <= DECIMAL_MAX);
            if n.is_none() {
                p.push((
                    key("Credits"),
                    format!(
                        "The Credits field must be a number greater than 0; got {}.",
                        shown(value)
                    ),
                ));
            }
            n
        });
        let accept_by = time_field(body, "AcceptBy", p);
        let comments = match body.get("Comments") {
            None | Some(Value::Null) => None,
            Some(Value::String(text)) => Some(text.clone()),
            Some(other) => {
                p.push((
                    key("Comments"),
                    format!("The Comments field must be a string; got {}.", shown(other)),
                ));
                None
            }
        };
        // A missing PhoneNumber or SkypeName that the Method needs is a problem listed above.
        match (user_id, session, duration, method, credits, accept_by) {
            (
                Some(user_id),
                Some(session),
                Some(duration),
                Some(method),
                Some(credits),
                Some(accept_by),
            ) if problems.is_empty() => {
                Ok(NewBooking {
                    // Both within 1..=2147483647: they fit.
                    user_id: u32::try_from(user_id).unwrap_or_default(),
                    session,
                    duration: u32::try_from(duration).unwrap_or_default(),
                    method,
                    phone,
                    skype,
                    credits,
                    accept_by,
                    comments,
                })
            }
            _ => Err(problems),
        }
    }

    /// What the server judges from what it knows: who `user` is (`None`: no such PhoneChat
    /// user) and the UK wall-clock time `now`.
    pub fn server_problems(&self, user: Option<&User>, now: DateTime) -> Vec<Problem> {
        let mut problems = Vec::new();
        if user.is_none() {
            problems.push((key("BookUserID"), NOT_A_PHONECHAT_USER.to_owned()));
        }
        let minute = |wall: DateTime| wall.strftime("%Y-%m-%d %H:%M").to_string();
        let now_text = minute(now);
        if self.session <= now {
            problems.push((
                key("SessionDate"),
                format!(
                    "SessionDate must be in the future (UK time is now {now_text}); got {}.",
                    minute(self.session)
                ),
            ));
        }
        if self.accept_by <= now {
            problems.push((
                key("AcceptBy"),
                format!(
                    "AcceptBy must be in the future (UK time is now {now_text}); got {}.",
                    minute(self.accept_by)
                ),
            ));
        }
        if self.accept_by >= self.session {
            problems.push((
                key("AcceptBy"),
                format!(
                    "AcceptBy must be before SessionDate ({}); got {}.",
                    minute(self.session),
                    minute(self.accept_by)
                ),
            ));
        }
        problems
    }

    /// The least credits `user` takes for this session, if that is more than offered.
    pub fn too_few_credits(&self, user: &User) -> Option<f64> {
        let price = user.price_per_minute()?;
        let minimum = price * f64::from(self.duration);
        // Credits are decimals on the server: forgive binary rounding (0.1 × 3).
        (self.credits < minimum - 1e-9).then_some(minimum)
    }

    /// The booking made: the SDK's `MadeBooking`, `Pending`, made at `now` (ms) with `user`.
    pub fn booking(&self, id: i64, user: &User, now: i64) -> Result<MadeBooking, rules::Invalid> {
        let id = u32::try_from(id).unwrap_or(u32::MAX);
        let now = uk_seconds(now)?;
        let phone = self
            .phone
            .clone()
            .filter(|_| self.method == CallMethod::BookedUserCalls);
        let skype = self
            .skype
            .clone()
            .filter(|_| self.method == CallMethod::Skype);
        Ok(MadeBooking {
            booking_id: BookingId::try_from(id)?,
            duration: Minutes::try_from(self.duration)?,
            credits: Credits::try_from(self.credits)?,
            status: BookingStatus::Pending,
            method: self.method,
            phone_number: phone,
            skype_name: skype,
            create_date: now.clone(),
            session_date: api_wall_clock(self.session)?,
            accept_by: api_wall_clock(self.accept_by)?,
            accepted_date: None,
            confirmed_date: None,
            cancelled_date: None,
            cancelled_reason: None,
            cancelled_by: None,
            rejected_reason: None,
            last_updated: now,
            comments: self.comments.clone(),
            action_client: None,
            candidate: user.build()?,
        })
    }
}

/// Why a `BookUserID` that is not one of [`crate::seed::USERS`] cannot be booked.
pub const NOT_A_PHONECHAT_USER: &str = "The user does not exist or does not offer PhoneChat.";

/// The `409` for a user with "DirectChat Only" on, who cannot be booked for PhoneChat.
pub fn refuse_direct_chat_only(user: &User) -> Option<Response> {
    user.is_direct_chat_only().then(|| {
        message(
            409,
            &format!(
                "{} has DirectChat Only on and cannot be booked for PhoneChat.",
                user.nickname()
            ),
        )
    })
}

/// `PhoneNumber` when `Method` is 1: 10 or 11 ASCII digits.
fn phone_number(body: &Map<String, Value>, problems: &mut Vec<Problem>) -> Option<String> {
    let text = match body.get("PhoneNumber") {
        None | Some(Value::Null) => {
            problems.push((
                key("PhoneNumber"),
                "The PhoneNumber field is required when Method is 1.".to_owned(),
            ));
            return None;
        }
        Some(Value::String(text))
            if (10..=11).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit()) =>
        {
            return Some(text.clone())
        }
        Some(other) => other,
    };
    problems.push((
        key("PhoneNumber"),
        format!(
            "The PhoneNumber field must be 10 or 11 digits (no spaces, + or dashes); got {}.",
            shown(text)
        ),
    ));
    None
}

/// `SkypeName` when `Method` is 3: a string that is not blank (.NET's `IsNullOrWhiteSpace`).
fn skype_name(body: &Map<String, Value>, problems: &mut Vec<Problem>) -> Option<String> {
    match body.get("SkypeName") {
        Some(Value::String(text)) if !text.trim().is_empty() => Some(text.clone()),
        None | Some(Value::Null) | Some(Value::String(_)) => {
            problems.push((
                key("SkypeName"),
                "The SkypeName field is required when Method is 3.".to_owned(),
            ));
            None
        }
        Some(other) => {
            problems.push((
                key("SkypeName"),
                format!(
                    "The SkypeName field must be a string; got {}.",
                    shown(other)
                ),
            ));
            None
        }
    }
}

/// A number as the API writes it in a message: `45`, `7.5`.
fn amount(n: f64) -> String {
    if n == n.trunc() && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// `POST /v1/PhoneChat/CreateBooking`.
pub async fn create(State(shared): State<Shared>, call: Call) -> Response {
    let request = match NewBooking::read(&call.input) {
        Ok(request) => request,
        Err(problems) => return invalid(problems),
    };
    let now = now_ms();
    let Some(wall_now) = uk_wall_clock(now) else {
        return message(500, "An error has occurred: the clock is out of range.");
    };
    let user = phonechat_user(request.user_id);
    let problems = request.server_problems(user, wall_now);
    let Some(user) = user.filter(|_| problems.is_empty()) else {
        return invalid(problems);
    };
    if let Some(minimum) = request.too_few_credits(user) {
        let price = user.price_per_minute().unwrap_or_default();
        return message(
            400,
            &format!(
                "Credits must be at least {} for {} minutes with {} ({} credits per minute).",
                amount(minimum),
                request.duration,
                user.nickname(),
                amount(price)
            ),
        );
    }
    if let Some(refusal) = refuse_direct_chat_only(user) {
        return refusal;
    }
    let mut state = lock(&shared);
    let id = state.new_booking_id();
    let booking = match request.booking(id, user, now) {
        Ok(booking) => booking,
        Err(e) => return internal_error(&e),
    };
    // Serializing a struct of strings and numbers into an object cannot fail.
    let booking = JsonObject::from_serialize(&booking).unwrap_or_default();
    let answer = booking.to_json();
    state.bookings.insert(
        id,
        StoredBooking {
            owner: call.caller.user_id,
            booking,
        },
    );
    reply::json_text(200, answer)
}

/// What .NET's `int.Parse` skips around a number (`NumberStyles.Integer`'s white space).
fn dotnet_white_space(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ')
}

/// The distinct IDs of `BookingIDs`, in order, or every problem with it.
pub fn booking_ids(body: &Map<String, Value>) -> Result<Vec<BookingId>, Vec<Problem>> {
    let name = "BookingIDs";
    let mut problems = Vec::new();
    let text = match required(body, name, &mut problems) {
        None => return Err(problems),
        Some(Value::String(text)) => text,
        Some(other) => {
            return Err(vec![(
                key(name),
                format!(
                    "The BookingIDs field must be a string of booking IDs separated by commas, \
                     such as \"1001,1002\"; got {}.",
                    shown(other)
                ),
            )])
        }
    };
    if text.trim_matches(dotnet_white_space).is_empty() {
        return Err(vec![(
            key(name),
            "The BookingIDs field is required.".into(),
        )]);
    }
    let mut ids: Vec<BookingId> = Vec::new();
    for item in text.split(',') {
        let digits = item.trim_matches(dotnet_white_space);
        let id = (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
            .then(|| digits.parse::<u32>().ok())
            .flatten()
            .and_then(|n| BookingId::try_from(n).ok());
        match id {
            Some(id) if !ids.contains(&id) => ids.push(id),
            Some(_) => {}
            None => problems.push((
                key(name),
                format!(
                    "The BookingIDs field must list integers from 1 to 2147483647 separated by \
                     commas; {} is not one.",
                    shown(&Value::String(item.to_owned()))
                ),
            )),
        }
    }
    if problems.is_empty() {
        Ok(ids)
    } else {
        Err(problems)
    }
}

/// One booking's outcome in the answer of `DeleteMadeBookings` and `DeleteReceivedBooking`
/// (the SDK's `DeleteResult`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
pub struct Deletion {
    #[serde(rename = "BookingID")]
    booking_id: BookingId,
    deleted: bool,
    message: Option<&'static str>,
}

/// Why a booking that does not exist (or is not the caller's) was not deleted.
pub const NO_SUCH_BOOKING: &str = "The booking does not exist.";
/// Why an unfinished booking was not deleted.
pub const NOT_FINISHED: &str = "Only rejected, cancelled or confirmed bookings can be deleted.";

/// `POST /v1/PhoneChat/DeleteMadeBookings`: among the bookings the caller made.
pub async fn delete_made(State(shared): State<Shared>, call: Call) -> Response {
    delete(&shared, &call.input, Whose::MadeBy(call.caller.user_id))
}

/// `POST /v1/PhoneChat/DeleteReceivedBooking`: among the bookings made with the caller as the
/// booked user.
pub async fn delete_received(State(shared): State<Shared>, call: Call) -> Response {
    delete(&shared, &call.input, Whose::ReceivedBy(call.caller.user_id))
}

/// Deletes the finished bookings of `BookingIDs` among `whose`; the answer says what became of
/// each.
fn delete(shared: &Shared, body: &Object, whose: Whose) -> Response {
    let ids = match booking_ids(body) {
        Ok(ids) => ids,
        Err(problems) => return invalid(problems),
    };
    let mut state = lock(shared);
    let results: Vec<Deletion> = ids
        .into_iter()
        .map(|id| {
            let finished = match state.booking_mut(whose, id) {
                None => {
                    return Deletion {
                        booking_id: id,
                        deleted: false,
                        message: Some(NO_SUCH_BOOKING),
                    }
                }
                Some(booking) => matches!(
                    booking_status(booking),
                    Some(
                        BookingStatus::Rejected
                            | BookingStatus::Cancelled
                            | BookingStatus::Confirmed
                    )
                ),
            };
            if finished {
                state.bookings.remove(&i64::from(id.get()));
            }
            Deletion {
                booking_id: id,
                deleted: finished,
                message: (!finished).then_some(NOT_FINISHED),
            }
        })
        .collect();
    reply::json(200, &results)
}

#[cfg(test)]
mod tests {
    use adultwork_sdk::model::DeleteResult;

    use crate::object::sdk_fields;

    use super::*;
    use crate::seed::USERS;

    fn body(text: &str) -> Map<String, Value> {
        serde_json::from_str(text).unwrap()
    }

    /// The answer's members are the SDK's `DeleteResult` fields, in order.
    #[test]
    fn deletions_are_written_with_the_fields_of_the_sdk_struct() {
        let deletion = Deletion {
            booking_id: BookingId::try_from(1005).unwrap(),
            deleted: false,
            message: Some(NOT_FINISHED),
        };
        let object = JsonObject::from_serialize(&deletion).unwrap();
        assert_eq!(object.keys(), sdk_fields::delete_result());
        let read: DeleteResult = serde_json::from_str(&object.to_json()).unwrap();
        assert_eq!(read.message.as_deref(), Some(NOT_FINISHED));
    }

    #[test]
    fn booking_ids_take_white_space_around_ids_and_nothing_else() {
        let ids = |text: &str| {
            booking_ids(&body(text)).map(|ids| ids.iter().map(|id| id.get()).collect::<Vec<_>>())
        };
        assert_eq!(ids(r#"{"BookingIDs":"1005,1006"}"#), Ok(vec![1005, 1006]));
        assert_eq!(
            ids(r#"{"BookingIDs":" 1005 ,\t1006\r\n,1005,01007"}"#),
            Ok(vec![1005, 1006, 1007])
        );
        assert_eq!(ids(r#"{"BookingIDs":"2147483647"}"#), Ok(vec![2147483647]));
        for bad in [
            r#"{"BookingIDs":"1005,"}"#,
            r#"{"BookingIDs":"1005,,1006"}"#,
            r#"{"BookingIDs":"+1005"}"#,
            r#"{"BookingIDs":"1005.0"}"#,
            r#"{"BookingIDs":"0"}"#,
            r#"{"BookingIDs":"2147483648"}"#,
            r#"{"BookingIDs":"99999999999999999999"}"#,
            r#"{"BookingIDs":"1005;1006"}"#,
            r#"{"BookingIDs":"1005 1006"}"#,
            r#"{"BookingIDs":"\u00a01005"}"#,
        ] {
            let problems = ids(bad).unwrap_err();
            assert_eq!(problems.len(), 1, "{bad}");
            assert_eq!(problems[0].0, "request.BookingIDs", "{bad}");
        }
        assert_eq!(ids(r#"{"BookingIDs":"x,0,1"}"#).unwrap_err().len(), 2);
    }

    #[test]
    fn the_minimum_price_forgives_binary_rounding() {
        let mut request = NewBooking::read(&body(
            r#"{"BookUserID":3004,"SessionDate":"2099-06-01 18:30","Duration":30,"Method":2,"Credits":45,"AcceptBy":"2099-06-01 17:00"}"#,
        ))
        .unwrap();
        let laura = phonechat_user(3004).unwrap();
        assert_eq!(request.too_few_credits(laura), None);
        request.credits = 44.99;
        assert_eq!(request.too_few_credits(laura), Some(45.0));
        request.duration = 3;
        request.credits = 0.1 + 0.1 + 0.1 + 1.2 + 3.0;
        assert_eq!(request.too_few_credits(laura), None);
        assert_eq!(request.too_few_credits(phonechat_user(3001).unwrap()), None);
        assert_eq!(amount(45.0), "45");
        assert_eq!(amount(7.5), "7.5");
    }

    #[test]
    fn every_user_can_be_built_and_the_terms_are_as_documented() {
        for user in &USERS {
            let built = user.build().unwrap();
            assert_eq!(built.user_id.get(), user.id());
            assert_eq!(built.nickname, user.nickname());
        }
        let priced: Vec<u32> = USERS
            .iter()
            .filter(|u| u.price_per_minute().is_some())
            .map(User::id)
            .collect();
        let direct: Vec<u32> = USERS
            .iter()
            .filter(|u| u.is_direct_chat_only())
            .map(User::id)
            .collect();
        assert_eq!(priced, [3004]);
        assert_eq!(direct, [3006]);
        assert_eq!(phonechat_user(3004).unwrap().price_per_minute(), Some(1.5));
        assert!(phonechat_user(424_242).is_none());
    }
}
