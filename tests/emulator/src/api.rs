//! The emulated API: five PhoneChat "made booking" endpoints sharing one store of bookings.
//!
//! | route                                      | handler               | answer                |
//! |--------------------------------------------|-----------------------|-----------------------|
//! | `GET /v1/PhoneChat/MadeBookingDetails`     | `details`             | the `MadeBooking`     |
//! | `POST /v1/PhoneChat/CancelMadeBooking`     | `cancel`              | the `MadeBooking`     |
//! | `POST /v1/PhoneChat/RescheduleMadeBooking` | `reschedule`          | the `MadeBooking`     |
//! | `POST /v1/PhoneChat/CreateBooking`         | [`lifecycle::create`] | the new `MadeBooking` |
//! | `POST /v1/PhoneChat/DeleteMadeBookings`    | [`lifecycle::delete`] | `DeleteResult[]`      |
//!
//! An axum [`Router`] over the shared state. Order of checks, as ASP.NET Web API does it:
//! route (unknown path → `404`, wrong method → `405` with `Allow`), then authorization
//! (`401`/`403`), then the request's model (`400` with `ModelState`), then the booking (`404`
//! if unknown or made by someone else), then the prerequisites (`409`). Create and delete are
//! in [`crate::lifecycle`], with their own rules.
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
use adultwork_sdk::rules::{self, ApiDateTime, BookingId, Credits};
use axum::body::Bytes;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use http::header::{AUTHORIZATION, HOST};
use http::{HeaderMap, HeaderValue, Method, Uri};
use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use crate::clock::{now_ms, parse_uk, uk_millis, uk_seconds};
use crate::lifecycle;
use crate::object::JsonObject;
use crate::reply;
use crate::state::{lock, Shared, CLIENT_BALANCE, CLIENT_NICKNAME};

/// The scope the endpoints require.
pub const SCOPE: &str = "account_phonechat_bookings";

const CANCEL: &str = "/v1/PhoneChat/CancelMadeBooking";
const DETAILS: &str = "/v1/PhoneChat/MadeBookingDetails";
const RESCHEDULE: &str = "/v1/PhoneChat/RescheduleMadeBooking";
const CREATE: &str = "/v1/PhoneChat/CreateBooking";
const DELETE: &str = "/v1/PhoneChat/DeleteMadeBookings";

/// The router of the API paths (`/v1/...`); anything else under `/v1` is a `404`.
pub fn router(shared: Shared) -> Router {
    Router::new()
        .route(
            CANCEL,
            post(cancel).fallback(|method: Method| async move { wrong_method(&method, "POST") }),
        )
        .route(
            RESCHEDULE,
            post(reschedule)
                .fallback(|method: Method| async move { wrong_method(&method, "POST") }),
        )
        .route(
            DETAILS,
            get(details).fallback(|method: Method| async move { wrong_method(&method, "GET") }),
        )
        .route(
            CREATE,
            post(lifecycle::create)
                .fallback(|method: Method| async move { wrong_method(&method, "POST") }),
        )
        .route(
            DELETE,
            post(lifecycle::delete)
                .fallback(|method: Method| async move { wrong_method(&method, "POST") }),
        )
        .fallback(not_found_route)
        .with_state(shared)
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

pub(crate) fn invalid_one(key: &str, text: &str) -> Response {
    invalid(vec![(key.to_owned(), text.to_owned())])
}

fn wrong_method(method: &Method, allowed: &'static str) -> Response {
    let text = format!("The requested resource does not support http method '{method}'.");
    reply::allow(message(405, &text), allowed)
}

/// What a bearer token grants.
#[derive(Debug, PartialEq, Eq)]
enum Access {
    Denied,
    NoScope,
    Granted,
}

fn access(headers: &HeaderMap) -> Access {
    let Some(value) = headers.get(AUTHORIZATION).and_then(|v| v.to_str().ok()) else {
        return Access::Denied;
    };
    let Some((scheme, token)) = value.trim().split_once([' ', '\t']) else {
        return Access::Denied;
    };
    if !scheme.eq_ignore_ascii_case("bearer") {
        return Access::Denied;
    }
    match token.trim() {
        "test-token" => Access::Granted,
        t if t.starts_with("ok-") => Access::Granted,
        "noscope-token" => Access::NoScope,
        t if t.starts_with("noscope-") => Access::NoScope,
        _ => Access::Denied,
    }
}

/// The `401`/`403` to answer, if the token does not grant the scope.
pub(crate) fn refuse_access(headers: &HeaderMap) -> Option<Response> {
    match access(headers) {
        Access::Denied => {
            let mut response = message(401, "Authorization has been denied for this request.");
            response
                .headers_mut()
                .insert("WWW-Authenticate", HeaderValue::from_static("Bearer"));
            Some(response)
        }
        Access::NoScope => Some(message(
            403,
            &format!("The access token does not have the scope {SCOPE}."),
        )),
        Access::Granted => None,
    }
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

/// The JSON object of a request body, or why it is not one (a `400` for the key `request`).
pub(crate) fn body_object(body: &[u8]) -> Result<serde_json::Map<String, Value>, String> {
    let text = std::str::from_utf8(body).map_err(|_| "The request body is not valid UTF-8.")?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err("A request body is required.".to_owned());
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("The request body is not valid JSON: {e}."))?;
    match value {
        Value::Object(object) => Ok(object),
        other => Err(format!(
            "The request body must be a JSON object, not {}.",
            type_name(&other)
        )),
    }
}

/// `BookingID` of a body: a positive `int` of .NET (`15`, `15.0`, `1.5e1`), by the SDK's rule.
fn booking_id(
    body: &serde_json::Map<String, Value>,
    errors: &mut Vec<(String, String)>,
) -> Option<BookingId> {
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
    /// Cancelled by the client at `now`, because `reason`.
    fn at(now: i64, reason: &'a str) -> Result<Cancellation<'a>, rules::Invalid> {
        Ok(Cancellation {
            status: BookingStatus::Cancelled,
            cancelled_date: uk_seconds(now)?,
            cancelled_reason: reason,
            cancelled_by: CLIENT_NICKNAME,
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

async fn cancel(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refusal) = refuse_access(&headers) {
        return refusal;
    }
    let body = match body_object(&body) {
        Ok(body) => body,
        Err(why) => return invalid_one("request", &why),
    };
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
    let Some(booking) = state.client_booking_mut(id) else {
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
    match Cancellation::at(now, &reason) {
        Ok(cancellation) => booking.merge(&cancellation),
        Err(e) => return internal_error(&e),
    }
    booking_reply(booking)
}

async fn details(
    State(shared): State<Shared>,
    method: Method,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
) -> Response {
    // axum lets a GET route answer HEAD too; the API does not.
    if method != Method::GET {
        return wrong_method(&method, "GET");
    }
    if let Some(refusal) = refuse_access(&headers) {
        return refusal;
    }
    let query = query.unwrap_or_default();
    let id = form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "BookingID")
        .map(|(_, value)| value.into_owned());
    let id = match id {
        None => return invalid_one("BookingID", "The BookingID field is required."),
        Some(text) if text.is_empty() => {
            return invalid_one("BookingID", "The BookingID field is required.")
        }
        // .NET's `int` from the query (`+5` included); then the SDK's rule (1 to 2147483647).
        Some(text) => match text.parse::<u32>().ok().map(BookingId::try_from) {
            Some(Ok(id)) => id,
            _ => {
                return invalid_one(
                    "BookingID",
                    &format!("The value '{text}' is not valid for BookingID."),
                )
            }
        },
    };
    match lock(&shared).client_booking_mut(id) {
        Some(booking) => booking_reply(booking),
        None => no_booking(id),
    }
}

async fn reschedule(State(shared): State<Shared>, headers: HeaderMap, body: Bytes) -> Response {
    if let Some(refusal) = refuse_access(&headers) {
        return refusal;
    }
    let body = match body_object(&body) {
        Ok(body) => body,
        Err(why) => return invalid_one("request", &why),
    };
    let mut errors = Vec::new();
    let Some(id) = booking_id(&body, &mut errors) else {
        return invalid(errors);
    };
    let now = now_ms();
    // 5 to 10 minutes from now: 300–599 s, rounded up to a whole second (written without ms).
    let offset_ms = 300_000 + 1000 * i64::from(fastrand::u16(0..300));
    let session = now + offset_ms;
    let session = session + (1000 - session.rem_euclid(1000)) % 1000;
    let mut state = lock(&shared);
    let Some(booking) = state.client_booking_mut(id) else {
        return no_booking(id);
    };
    if !session_passed(booking, now) {
        return message(409, "The session date has not passed yet.");
    }
    if credits(booking) > CLIENT_BALANCE {
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
        let cancellation = JsonObject::from_serialize(&Cancellation::at(now, "x").unwrap());
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
