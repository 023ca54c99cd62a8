//! The emulated API: `/v1/PhoneChat/CancelMadeBooking`, `MadeBookingDetails` and
//! `RescheduleMadeBooking`, sharing one store of bookings.
//!
//! Order of checks, as ASP.NET Web API does it: route (unknown path → `404`, wrong method →
//! `405` with `Allow`), then authorization (`401`/`403`), then the request's model (`400` with
//! `ModelState`), then the booking (`404` if unknown or made by someone else), then the
//! prerequisites (`409`).
//!
//! Names (paths, query parameters, JSON properties) are matched exactly as documented. The
//! real API is laxer (case-insensitive, converts `"5"` to 5); being strict here makes a typo
//! in the SDK fail a test instead of passing by luck.
//!
//! Planted bookings may be any JSON object, so the rules read them defensively: a `Status`
//! that is not a string matches no rule, a `SessionDate` that cannot be read counts as "not
//! passed", and `Credits` that are not a number count as 0.

use crate::http::{Request, Response};
use crate::json::{self, Json};
use crate::state::{State, CLIENT_BALANCE, CLIENT_NICKNAME};
use crate::uktime::{format_uk, parse_uk};

/// The scope the endpoints require.
pub const SCOPE: &str = "account_phonechat_bookings";

const CANCEL: &str = "/v1/PhoneChat/CancelMadeBooking";
const DETAILS: &str = "/v1/PhoneChat/MadeBookingDetails";
const RESCHEDULE: &str = "/v1/PhoneChat/RescheduleMadeBooking";

/// `{"Message": text}`.
pub fn message(status: u16, text: &str) -> Response {
    Response::json(status, &Json::object([("Message", Json::str(text))]))
}

/// A `400` with ASP.NET's `ModelState` shape: one array of messages per key.
fn invalid(errors: Vec<(String, String)>) -> Response {
    let mut model_state: Vec<(String, Json)> = Vec::new();
    for (key, text) in errors {
        match model_state.iter_mut().find(|(k, _)| *k == key) {
            Some((_, Json::Array(list))) => list.push(Json::str(text)),
            _ => model_state.push((key, Json::Array(vec![Json::str(text)]))),
        }
    }
    Response::json(
        400,
        &Json::object([
            ("Message", Json::str("The request is invalid.")),
            ("ModelState", Json::Object(model_state)),
        ]),
    )
}

fn invalid_one(key: &str, text: &str) -> Response {
    invalid(vec![(key.to_owned(), text.to_owned())])
}

/// What a bearer token grants.
#[derive(Debug, PartialEq, Eq)]
enum Access {
    Denied,
    NoScope,
    Granted,
}

fn access(request: &Request) -> Access {
    let Some(value) = request.header("authorization") else {
        return Access::Denied;
    };
    let value = value.trim();
    let Some((scheme, token)) = value.split_once([' ', '\t']) else {
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

/// Handles a request to an API path (`/v1/...`). `now` is the current instant in ms.
pub fn handle(request: &Request, state: &mut State, now: i64) -> Response {
    let allowed = match request.path.as_str() {
        CANCEL | RESCHEDULE => "POST",
        DETAILS => "GET",
        _ => return not_found_route(request),
    };
    if request.method != allowed {
        let text = format!(
            "The requested resource does not support http method '{}'.",
            request.method
        );
        return message(405, &text).header("Allow", allowed);
    }
    match access(request) {
        Access::Denied => {
            return message(401, "Authorization has been denied for this request.")
                .header("WWW-Authenticate", "Bearer");
        }
        Access::NoScope => {
            return message(
                403,
                &format!("The access token does not have the scope {SCOPE}."),
            );
        }
        Access::Granted => {}
    }
    match request.path.as_str() {
        CANCEL => cancel(request, state, now),
        RESCHEDULE => reschedule(request, state, now),
        _ => details(request, state),
    }
}

fn not_found_route(request: &Request) -> Response {
    let host = request.header("host").unwrap_or("localhost");
    let query = if request.query.is_empty() {
        String::new()
    } else {
        format!("?{}", request.query)
    };
    message(
        404,
        &format!(
            "No HTTP resource was found that matches the request URI 'http://{host}{}{query}'.",
            request.path
        ),
    )
}

fn no_booking(id: i64) -> Response {
    message(
        404,
        &format!("No PhoneChat booking with ID {id} was found."),
    )
}

/// The JSON object of a request body, or the `400` to answer.
fn body_object(request: &Request) -> Result<Json, Response> {
    let Ok(text) = std::str::from_utf8(&request.body) else {
        return Err(invalid_one(
            "request",
            "The request body is not valid UTF-8.",
        ));
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(invalid_one("request", "A request body is required."));
    }
    let value = json::parse(text).map_err(|e| {
        invalid_one(
            "request",
            &format!("The request body is not valid JSON: {e}."),
        )
    })?;
    if !value.is_object() {
        let text = format!(
            "The request body must be a JSON object, not {}.",
            value.type_name()
        );
        return Err(invalid_one("request", &text));
    }
    Ok(value)
}

/// `BookingID` of a body: a positive integer (an `int` of .NET).
fn booking_id(body: &Json, errors: &mut Vec<(String, String)>) -> Option<i64> {
    match body.get("BookingID") {
        None | Some(Json::Null) => {
            errors.push((
                "request.BookingID".into(),
                "The BookingID field is required.".into(),
            ));
            None
        }
        Some(value) => {
            let id = value
                .as_i64()
                .filter(|n| (1..=i64::from(i32::MAX)).contains(n));
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

fn session_passed(booking: &Json, now: i64) -> bool {
    booking
        .get("SessionDate")
        .and_then(Json::as_str)
        .and_then(parse_uk)
        .is_some_and(|session| session <= now)
}

fn cancel(request: &Request, state: &mut State, now: i64) -> Response {
    let body = match body_object(request) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let mut errors = Vec::new();
    let id = booking_id(&body, &mut errors);
    let reason = match body.get("Reason") {
        None | Some(Json::Null) => {
            errors.push((
                "request.Reason".into(),
                "The Reason field is required.".into(),
            ));
            None
        }
        Some(Json::String(text)) if text.trim().is_empty() => {
            errors.push((
                "request.Reason".into(),
                "The Reason field is required.".into(),
            ));
            None
        }
        Some(Json::String(text)) => Some(text.clone()),
        Some(other) => {
            errors.push((
                "request.Reason".into(),
                format!(
                    "The Reason field must be a string, not {}.",
                    other.type_name()
                ),
            ));
            None
        }
    };
    let (Some(id), Some(reason)) = (id, reason) else {
        return invalid(errors);
    };
    let Some(booking) = state.client_booking_mut(id) else {
        return no_booking(id);
    };
    match booking.get("Status").and_then(Json::as_str) {
        Some("Cancelled") => return message(409, "The booking is already cancelled."),
        Some("Rejected") => {
            return message(409, "The booking was rejected and cannot be cancelled.")
        }
        Some("Confirmed") if session_passed(booking, now) => {
            return message(
                409,
                "The session date has passed; the booking can no longer be cancelled.",
            )
        }
        _ => {}
    }
    booking.set("Status", Json::str("Cancelled"));
    booking.set("CancelledDate", Json::str(format_uk(now, false)));
    booking.set("CancelledReason", Json::str(reason));
    booking.set("CancelledBy", Json::str(CLIENT_NICKNAME));
    booking.set("LastUpdated", Json::str(format_uk(now, true)));
    booking.set("ActionClient", Json::Null);
    Response::json(200, booking)
}

fn details(request: &Request, state: &mut State) -> Response {
    let id = match request.query_param("BookingID") {
        None => return invalid_one("BookingID", "The BookingID field is required."),
        Some(text) if text.is_empty() => {
            return invalid_one("BookingID", "The BookingID field is required.")
        }
        Some(text) => match text.parse::<i32>() {
            Ok(id) if id > 0 => i64::from(id),
            _ => {
                return invalid_one(
                    "BookingID",
                    &format!("The value '{text}' is not valid for BookingID."),
                )
            }
        },
    };
    match state.client_booking_mut(id) {
        Some(booking) => Response::json(200, booking),
        None => no_booking(id),
    }
}

fn reschedule(request: &Request, state: &mut State, now: i64) -> Response {
    let body = match body_object(request) {
        Ok(body) => body,
        Err(response) => return response,
    };
    let mut errors = Vec::new();
    let Some(id) = booking_id(&body, &mut errors) else {
        return invalid(errors);
    };
    // 5 to 10 minutes from now: 300–599 s, rounded up to a whole second (written without ms).
    let session = now + 300_000 + (state.random() % 300) as i64 * 1000;
    let session = session + (1000 - session.rem_euclid(1000)) % 1000;
    let Some(booking) = state.client_booking_mut(id) else {
        return no_booking(id);
    };
    if !session_passed(booking, now) {
        return message(409, "The session date has not passed yet.");
    }
    let credits = booking.get("Credits").and_then(Json::as_f64).unwrap_or(0.0);
    if credits > CLIENT_BALANCE {
        return message(409, "Not enough credits to reschedule this booking.");
    }
    booking.set("SessionDate", Json::str(format_uk(session, false)));
    booking.set("LastUpdated", Json::str(format_uk(now, true)));
    Response::json(200, booking)
}
