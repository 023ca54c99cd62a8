//! The test-control API under `/__emulator/` (an axum [`Router`]). It is never faulted and
//! never appears in the request log, so tests can inspect and steer the emulator without
//! disturbing what they assert on. Errors are `{"error": "..."}`.
//!
//! | request                              | effect                                               |
//! |--------------------------------------|------------------------------------------------------|
//! | `POST /__emulator/reset`             | reseed bookings, clear log and faults → 204          |
//! | `GET /__emulator/requests`           | the request log (JSON array, arrival order)          |
//! | `DELETE /__emulator/requests`        | clear the log → 204                                  |
//! | `POST /__emulator/faults`            | queue a fault or an array of faults → 204            |
//! | `GET /__emulator/faults`             | the pending faults, as posted                        |
//! | `DELETE /__emulator/faults`          | clear the queue → 204                                |
//! | `GET /__emulator/corpus`             | the `--corpus` file names a fault can serve (sorted  |
//! |                                      | JSON array); 404 without `--corpus`                  |
//! | `GET /__emulator/bookings/<id>`      | the stored booking (any owner)                       |
//! | `PUT /__emulator/bookings/<id>`      | store a JSON object as is → 204; `?owner=<UserID>`   |
//! |                                      | plants it for another client (default: the client);  |
//! |                                      | it is received by its `Candidate.UserID`             |
//! | `DELETE /__emulator/bookings/<id>`   | remove it → 204                                      |
//! | `GET /__emulator/health`             | `ok`                                                 |

use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::response::Response;
use axum::routing::{get, post};
use axum::Router;
use serde::Serialize;
use serde_json::value::RawValue;

use crate::clock::now_ms;
use crate::faults;
use crate::object::{is_object, type_name, JsonObject};
use crate::reply;
use crate::state::{lock, Shared, StoredBooking, CLIENT_USER_ID};

/// The prefix of control paths.
pub const PREFIX: &str = "/__emulator";

/// `{"error": text}`.
#[derive(Serialize)]
struct Error<'a> {
    error: &'a str,
}

fn error(status: u16, text: &str) -> Response {
    reply::json(status, &Error { error: text })
}

fn not_allowed(allow: &'static str) -> Response {
    reply::allow(
        error(405, &format!("method not allowed; use {allow}")),
        allow,
    )
}

/// The router of the control paths.
pub fn router(shared: Shared) -> Router {
    Router::new()
        .route(
            "/__emulator/health",
            get(|| async { reply::text(200, "ok") }).fallback(|| async { not_allowed("GET") }),
        )
        .route(
            "/__emulator/reset",
            post(reset).fallback(|| async { not_allowed("POST") }),
        )
        .route(
            "/__emulator/requests",
            get(requests)
                .delete(clear_requests)
                .fallback(|| async { not_allowed("GET, DELETE") }),
        )
        .route(
            "/__emulator/faults",
            get(pending_faults)
                .post(add_faults)
                .delete(clear_faults)
                .fallback(|| async { not_allowed("GET, POST, DELETE") }),
        )
        .route(
            "/__emulator/corpus",
            get(corpus).fallback(|| async { not_allowed("GET") }),
        )
        .route(
            "/__emulator/bookings/{id}",
            get(get_booking)
                .put(put_booking)
                .delete(delete_booking)
                .fallback(|| async { not_allowed("GET, PUT, DELETE") }),
        )
        .fallback(|| async { error(404, "no such control endpoint") })
        .with_state(shared)
}

async fn reset(State(shared): State<Shared>) -> Response {
    match lock(&shared).reset(now_ms()) {
        Ok(()) => reply::empty(204),
        Err(e) => error(500, &format!("cannot reseed: {e}")),
    }
}

async fn requests(State(shared): State<Shared>) -> Response {
    reply::json(200, &lock(&shared).log)
}

async fn clear_requests(State(shared): State<Shared>) -> Response {
    lock(&shared).log.clear();
    reply::empty(204)
}

async fn pending_faults(State(shared): State<Shared>) -> Response {
    let state = lock(&shared);
    let pending: Vec<&RawValue> = state.faults.iter().map(|f| &*f.raw).collect();
    reply::json(200, &pending)
}

async fn add_faults(State(shared): State<Shared>, body: Bytes) -> Response {
    let Ok(text) = std::str::from_utf8(&body) else {
        return error(400, "the body is not valid UTF-8");
    };
    let corpus = lock(&shared).corpus_dir.clone();
    match faults::parse_faults(text, corpus.as_deref()) {
        Ok(new) => {
            lock(&shared).faults.extend(new);
            reply::empty(204)
        }
        Err(text) => error(400, &text),
    }
}

async fn clear_faults(State(shared): State<Shared>) -> Response {
    lock(&shared).faults.clear();
    reply::empty(204)
}

async fn corpus(State(shared): State<Shared>) -> Response {
    let Some(dir) = lock(&shared).corpus_dir.clone() else {
        return error(404, "the emulator was started without --corpus DIR");
    };
    match faults::corpus_names(&dir) {
        Ok(names) => reply::json(200, &names),
        Err(e) => error(500, &format!("cannot list the corpus: {e}")),
    }
}

/// The `400` for a booking ID that is not an integer.
fn bad_id() -> Response {
    error(400, "the booking ID must be an integer")
}

async fn get_booking(State(shared): State<Shared>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return bad_id();
    };
    match lock(&shared).bookings.get(&id) {
        Some(stored) => reply::json_text(200, stored.booking.to_json()),
        None => error(404, &format!("no booking {id}")),
    }
}

async fn put_booking(
    State(shared): State<Shared>,
    Path(id): Path<String>,
    RawQuery(query): RawQuery,
    body: Bytes,
) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return bad_id();
    };
    let query = query.unwrap_or_default();
    let owner = form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| key == "owner")
        .map(|(_, value)| value.into_owned());
    let owner = match owner {
        None => CLIENT_USER_ID,
        Some(text) => match text.parse::<i64>() {
            Ok(owner) => owner,
            Err(_) => return error(400, "owner must be an integer user ID"),
        },
    };
    let Ok(text) = std::str::from_utf8(&body) else {
        return error(400, "the body is not valid UTF-8");
    };
    let raw: Box<RawValue> = match serde_json::from_str(text) {
        Ok(raw) => raw,
        Err(e) => return error(400, &format!("the body is not valid JSON: {e}")),
    };
    if !is_object(&raw) {
        let text = format!("a booking must be a JSON object, not {}", type_name(&raw));
        return error(400, &text);
    }
    let booking = match JsonObject::parse(raw.get()) {
        Ok(booking) => booking,
        Err(e) => return error(400, &format!("the body is not valid JSON: {e}")),
    };
    lock(&shared)
        .bookings
        .insert(id, StoredBooking { owner, booking });
    reply::empty(204)
}

async fn delete_booking(State(shared): State<Shared>, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return bad_id();
    };
    match lock(&shared).bookings.remove(&id) {
        Some(_) => reply::empty(204),
        None => error(404, &format!("no booking {id}")),
    }
}
