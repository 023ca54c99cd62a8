//! The emulated API: the PhoneChat endpoints, sharing one store of bookings.
//!
//! | route                                           | handler                        | answer            |
//! |-------------------------------------------------|--------------------------------|-------------------|
//! | `GET /v1/PhoneChat/MadeBookingDetails`          | `details`                      | `MadeBooking`     |
//! | `POST /v1/PhoneChat/CancelMadeBooking`          | `cancel`                       | `MadeBooking`     |
//! | `POST /v1/PhoneChat/RescheduleMadeBooking`      | `reschedule`                   | `MadeBooking`     |
//! | `POST /v1/PhoneChat/CreateBooking`              | [`lifecycle::create`]          | new `MadeBooking` |
//! | `POST /v1/PhoneChat/DeleteMadeBookings`         | [`lifecycle::delete_made`]     | `DeleteResult[]`  |
//! | `POST /v1/PhoneChat/DeleteReceivedBooking`      | [`lifecycle::delete_received`] | `DeleteResult[]`  |
//! | `GET /v1/Groups/PhoneChat/MadeBookingDetails`   | `group_details`                | `MadeBooking`     |
//! | `GET /v1/PhoneChat/GetUserBookingRequirements`  | [`untyped::requirements`]      | partly documented |
//! | `GET /v1/PhoneChat/GetSettings`                 | [`untyped::settings`]          | partly documented |
//!
//! The last two answer shapes the public documentation gives only in part (the SDK calls them
//! untyped); [`crate::untyped`] says which parts are the emulator's choice.
//!
//! An axum [`Router`] over the shared state. Order of checks, as ASP.NET Web API does it:
//! route (unknown path → `404`, wrong method → `405` with `Allow`, by the router), then
//! authorization (`401`/`403`) and reading the body as a JSON object (`400` on the key
//! `request`), both by the one extractor every handler takes, [`Call`] (see [`crate::call`]);
//! then in the handler the request's model (`400` with `ModelState`), then the booking (`404`
//! if unknown or made by someone else: a booking is looked up among those of the account the
//! token acts as), then the prerequisites (`409`). Create and delete are in
//! [`crate::lifecycle`], with their own rules. The group endpoint checks that the caller
//! manages a group (`403`) before the parameters, and that `UserID` is a member (`403`) after
//! them (see `group_details`).
//!
//! Names (paths, query parameters, JSON properties) are matched exactly as documented. The
//! real API is laxer (case-insensitive, converts `"5"` to 5); being strict here makes a typo
//! in the SDK fail a test instead of passing by luck.
//!
//! Planted bookings may be any JSON object, so the rules read them defensively: a `Status`
//! that is not one of the SDK's [`BookingStatus`] names matches no rule, a `SessionDate` that
//! cannot be read counts as "not passed", and `Credits` that are not the SDK's [`Credits`] (a
//! finite number ≥ 0) count as 0. What a cancel or a reschedule changes is written as a small
//! serde struct (`Cancellation`, `Rescheduled`) of the SDK's value types, whose field names
//! a test checks against the SDK's `MadeBooking`; the booking's other members stay as stored.
//!
//! Request bodies are read with serde_json (a duplicated key counts with its last value, as in
//! `JSON.parse`). `BookingID` is checked by the SDK's own [`BookingId`] rule (an integer from
//! 1 to 2147483647; `1001.0` is one, as .NET reads it). `Reason` is not read as the SDK's
//! `NonBlank`: the server's "required" is .NET's `string.IsNullOrWhiteSpace`, which (like
//! Rust's `trim`) does not count U+FEFF as white space, while the SDK, following JavaScript's
//! `\s`, does; the emulator answers as the server would.

use adultwork_sdk::model::BookingStatus;
use adultwork_sdk::rules::{self, ApiDateTime, BookingId, Credits, UserId};
use axum::extract::State;
use axum::handler::Handler;
use axum::response::Response;
use axum::routing::{get, post, MethodRouter};
use axum::Router;
use http::header::HOST;
use http::{HeaderMap, Method, Uri};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::account::Account;
use crate::call::{Call, Object, Query};
use crate::clock::{now_ms, parse_uk, uk_millis, uk_seconds};
use crate::lifecycle;
use crate::object::JsonObject;
use crate::reply;
use crate::state::{lock, Shared, Whose};
use crate::untyped;

/// The scope the endpoints require.
pub const SCOPE: &str = "account_phonechat_bookings";

const CANCEL: &str = "/v1/PhoneChat/CancelMadeBooking";
const DETAILS: &str = "/v1/PhoneChat/MadeBookingDetails";
const RESCHEDULE: &str = "/v1/PhoneChat/RescheduleMadeBooking";
const CREATE: &str = "/v1/PhoneChat/CreateBooking";
const DELETE: &str = "/v1/PhoneChat/DeleteMadeBookings";
const DELETE_RECEIVED: &str = "/v1/PhoneChat/DeleteReceivedBooking";
const GROUP_DETAILS: &str = "/v1/Groups/PhoneChat/MadeBookingDetails";
const REQUIREMENTS: &str = "/v1/PhoneChat/GetUserBookingRequirements";
const SETTINGS: &str = "/v1/PhoneChat/GetSettings";

/// The router of the API paths (`/v1/...`); anything else under `/v1` is a `404`.
pub fn router(shared: Shared) -> Router {
    Router::new()
        .route(CANCEL, only_post(cancel))
        .route(RESCHEDULE, only_post(reschedule))
        .route(DETAILS, only_get(details))
        .route(GROUP_DETAILS, only_get(group_details))
        .route(REQUIREMENTS, only_get(untyped::requirements))
        .route(SETTINGS, only_get(untyped::settings))
        .route(CREATE, only_post(lifecycle::create))
        .route(DELETE, only_post(lifecycle::delete_made))
        .route(DELETE_RECEIVED, only_post(lifecycle::delete_received))
        .fallback(not_found_route)
        .with_state(shared)
}

/// A route that answers `POST` only: any other method is a `405` with `Allow: POST`.
fn only_post<H: Handler<T, Shared>, T: 'static>(handler: H) -> MethodRouter<Shared> {
    refuse_others(post(handler), "POST")
}

/// A route that answers `GET` only: any other method, `HEAD` included (which axum would hand
/// to the `GET` handler), is a `405` with `Allow: GET`.
fn only_get<H: Handler<T, Shared>, T: 'static>(handler: H) -> MethodRouter<Shared> {
    refuse_others(get(handler), "GET")
}

fn refuse_others(route: MethodRouter<Shared>, allowed: &'static str) -> MethodRouter<Shared> {
    let refuse = move |method: Method| async move { wrong_method(&method, allowed) };
    route.head(refuse).fallback(refuse)
}

/// `{"Message": text}`.
#[derive(Serialize)]
struct Message<'a> {
    #[serde(rename = "Message")]
    message: &'a str,
}

/// A response with ASP.NET's `{"Message": text}` body.
pub fn message(status: u16, text: &str) -> Response {
    reply::json(status, &Message { message: text })
}

/// A `400` body with ASP.NET's `ModelState` shape: one array of messages per key, in order.
#[derive(Serialize)]
struct Invalid {
    #[serde(rename = "Message")]
    message: &'static str,
    #[serde(rename = "ModelState", serialize_with = "as_object")]
    model_state: Vec<(String, Vec<String>)>,
}

fn as_object<S: Serializer>(
    pairs: &[(String, Vec<String>)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(pairs.iter().map(|(k, v)| (k, v)))
}

/// A `400` listing `errors` (key, message) under `ModelState`, in order, a key's messages
/// together.
pub(crate) fn invalid(errors: Vec<(String, String)>) -> Response {
    let mut model_state: Vec<(String, Vec<String>)> = Vec::new();
    for (key, text) in errors {
        match model_state.iter_mut().find(|(k, _)| *k == key) {
            Some((_, list)) => list.push(text),
            None => model_state.push((key, vec![text])),
        }
    }
    let body = Invalid {
        message: "The request is invalid.",
        model_state,
    };
    reply::json(400, &body)
}

fn wrong_method(method: &Method, allowed: &'static str) -> Response {
    let text = format!("The requested resource does not support http method '{method}'.");
    reply::allow(message(405, &text), allowed)
}

async fn not_found_route(headers: HeaderMap, uri: Uri) -> Response {
    let host = headers
        .get(HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let query = uri.query().map(|q| format!("?{q}")).unwrap_or_default();
    message(
        404,
        &format!(
            "No HTTP resource was found that matches the request URI 'http://{host}{}{query}'.",
            uri.path()
        ),
    )
}

/// ASP.NET's answer to an exception (here: a datetime the emulator could not write, which
/// only a clock outside the years −9999 to 9999 could cause).
pub(crate) fn internal_error(invalid: &rules::Invalid) -> Response {
    message(500, &format!("An error has occurred: {invalid}."))
}

fn no_booking(id: BookingId) -> Response {
    message(
        404,
        &format!("No PhoneChat booking with ID {id} was found."),
    )
}

/// The name of a JSON value's type, for error messages.
pub(crate) fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// `BookingID` of a body: a positive `int` of .NET (`15`, `15.0`, `1.5e1`), by the SDK's rule.
fn booking_id(body: &Object, errors: &mut Vec<(String, String)>) -> Option<BookingId> {
    match body.get("BookingID") {
        None | Some(Value::Null) => {
            errors.push((
                "request.BookingID".into(),
                "The BookingID field is required.".into(),
            ));
            None
        }
        Some(value) => {
            let id = BookingId::deserialize(value).ok();
            if id.is_none() {
                errors.push((
                    "request.BookingID".into(),
                    "The BookingID field must be a positive integer.".into(),
                ));
            }
            id
        }
    }
}

fn session_passed(booking: &JsonObject, now: i64) -> bool {
    booking
        .get_as::<String>("SessionDate")
        .and_then(|text| parse_uk(&text))
        .is_some_and(|session| session <= now)
}

/// The booking's `Status`, if it is one of the SDK's names.
pub(crate) fn booking_status(booking: &JsonObject) -> Option<BookingStatus> {
    booking.get_as("Status")
}

/// The booking's `Credits`: the SDK's [`Credits`], or 0 for anything else.
fn credits(booking: &JsonObject) -> f64 {
    booking.get_as("Credits").map_or(0.0, Credits::get)
}

/// What a cancel writes into the booking (in this order; a member the booking lacks is added).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Cancellation<'a> {
    status: BookingStatus,
    cancelled_date: ApiDateTime,
    cancelled_reason: &'a str,
    cancelled_by: &'a str,
    last_updated: ApiDateTime,
    action_client: Option<&'a str>,
}

impl<'a> Cancellation<'a> {
    /// Cancelled by `client` at `now`, because `reason`.
    fn at(
        client: &'a Account,
        now: i64,
        reason: &'a str,
    ) -> Result<Cancellation<'a>, rules::Invalid> {
        Ok(Cancellation {
            status: BookingStatus::Cancelled,
            cancelled_date: uk_seconds(now)?,
            cancelled_reason: reason,
            cancelled_by: client.nickname,
            last_updated: uk_millis(now)?,
            action_client: None,
        })
    }
}

/// What a reschedule writes into the booking.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Rescheduled {
    session_date: ApiDateTime,
    last_updated: ApiDateTime,
}

/// The booking as the answer of an endpoint.
fn booking_reply(booking: &JsonObject) -> Response {
    reply::json_text(200, booking.to_json())
}

async fn cancel(State(shared): State<Shared>, call: Call) -> Response {
    let Call {
        caller,
        input: body,
    } = call;
    let mut errors = Vec::new();
    let id = booking_id(&body, &mut errors);
    let reason = match body.get("Reason") {
        None | Some(Value::Null) => {
            errors.push((
                "request.Reason".into(),
                "The Reason field is required.".into(),
            ));
            None
        }
        Some(Value::String(text)) if text.trim().is_empty() => {
            errors.push((
                "request.Reason".into(),
                "The Reason field is required.".into(),
            ));
            None
        }
        Some(Value::String(text)) => Some(text.clone()),
        Some(other) => {
            errors.push((
                "request.Reason".into(),
                format!(
                    "The Reason field must be a string, not {}.",
                    type_name(other)
                ),
            ));
            None
        }
    };
    let (Some(id), Some(reason)) = (id, reason) else {
        return invalid(errors);
    };
    let now = now_ms();
    let mut state = lock(&shared);
    let Some(booking) = state.booking_mut(Whose::MadeBy(caller.user_id), id) else {
        return no_booking(id);
    };
    match booking_status(booking) {
        Some(BookingStatus::Cancelled) => return message(409, "The booking is already cancelled."),
        Some(BookingStatus::Rejected) => {
            return message(409, "The booking was rejected and cannot be cancelled.")
        }
        Some(BookingStatus::Confirmed) if session_passed(booking, now) => {
            return message(
                409,
                "The session date has passed; the booking can no longer be cancelled.",
            )
        }
        _ => {}
    }
    match Cancellation::at(caller, now, &reason) {
        Ok(cancellation) => booking.merge(&cancellation),
        Err(e) => return internal_error(&e),
    }
    booking_reply(booking)
}

/// `GET /v1/PhoneChat/MadeBookingDetails?BookingID=…`: a booking the caller made.
async fn details(State(shared): State<Shared>, call: Call<Query>) -> Response {
    let id = match call.input.id::<BookingId>("BookingID") {
        Ok(id) => id,
        Err(problem) => return invalid(vec![problem]),
    };
    made_booking(&shared, call.caller.user_id, id)
}

/// `GET /v1/Groups/PhoneChat/MadeBookingDetails?BookingID=…&UserID=…`: a group manager reads
/// a booking a member of the group made. After the token: a caller who manages no group is a
/// `403`; then both parameters are read (`400` listing each bad one); a `UserID` that is not a
/// member of the caller's group is a `403`; a booking the member did not make is a `404`.
async fn group_details(State(shared): State<Shared>, call: Call<Query>) -> Response {
    let Some(group) = call.caller.managed_group() else {
        return message(403, NOT_A_MANAGER);
    };
    let id = call.input.id::<BookingId>("BookingID");
    let member = call.input.id::<UserId>("UserID");
    let (id, member) = match (id, member) {
        (Ok(id), Ok(member)) => (id, i64::from(member.get())),
        (id, member) => return invalid(id.err().into_iter().chain(member.err()).collect()),
    };
    if !group.has_member(member) {
        return message(
            403,
            &format!("User {member} is not a member of your group."),
        );
    }
    made_booking(&shared, member, id)
}

/// Why a caller who manages no group cannot use a `/v1/Groups/...` endpoint.
pub const NOT_A_MANAGER: &str = "Only the manager of a group can act for its members.";

/// The answer of a details endpoint: the booking `client` made, or `404`.
fn made_booking(shared: &Shared, client: i64, id: BookingId) -> Response {
    match lock(shared).booking_mut(Whose::MadeBy(client), id) {
        Some(booking) => booking_reply(booking),
        None => no_booking(id),
    }
}

async fn reschedule(State(shared): State<Shared>, call: Call) -> Response {
    let mut errors = Vec::new();
    let Some(id) = booking_id(&call.input, &mut errors) else {
        return invalid(errors);
    };
    let now = now_ms();
    // 5 to 10 minutes from now: 300–599 s, rounded up to a whole second (written without ms).
    let offset_ms = 300_000 + 1000 * i64::from(fastrand::u16(0..300));
    let session = now + offset_ms;
    let session = session + (1000 - session.rem_euclid(1000)) % 1000;
    let mut state = lock(&shared);
    let Some(booking) = state.booking_mut(Whose::MadeBy(call.caller.user_id), id) else {
        return no_booking(id);
    };
    if !session_passed(booking, now) {
        return message(409, "The session date has not passed yet.");
    }
    if credits(booking) > call.caller.balance {
        return message(409, "Not enough credits to reschedule this booking.");
    }
    match (uk_seconds(session), uk_millis(now)) {
        (Ok(session_date), Ok(last_updated)) => booking.merge(&Rescheduled {
            session_date,
            last_updated,
        }),
        (Err(e), _) | (_, Err(e)) => return internal_error(&e),
    }
    booking_reply(booking)
}

#[cfg(test)]
mod tests {
    use crate::object::sdk_fields;

    use super::*;

    /// The members a patch writes are fields of the SDK's `MadeBooking`: a field renamed in the
    /// SDK fails here instead of being added to the answers under its old name.
    #[test]
    fn patches_write_fields_of_the_sdk_struct() {
        let now = 1_780_000_000_000;
        let cancellation = JsonObject::from_serialize(
            &Cancellation::at(&crate::account::CLIENT, now, "x").unwrap(),
        );
        let rescheduled = JsonObject::from_serialize(&Rescheduled {
            session_date: uk_seconds(now).unwrap(),
            last_updated: uk_millis(now).unwrap(),
        });
        let fields = sdk_fields::made_booking();
        for patch in [cancellation.unwrap(), rescheduled.unwrap()] {
            assert!(!patch.keys().is_empty());
            for key in patch.keys() {
                assert!(
                    fields.iter().any(|f| f == key),
                    "{key} is not a field of MadeBooking"
                );
            }
        }
    }
}
