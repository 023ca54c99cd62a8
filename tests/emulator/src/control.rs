//! The test-control API under `/__emulator/`. It is never faulted and never appears in the
//! request log, so tests can inspect and steer the emulator without disturbing what they
//! assert on. Errors are `{"error": "..."}`.
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
//! |                                      | plants it for another client (default: the client)   |
//! | `DELETE /__emulator/bookings/<id>`   | remove it → 204                                      |
//! | `GET /__emulator/health`             | `ok`                                                 |

use crate::faults;
use crate::http::{Request, Response};
use crate::json::{self, Json};
use crate::state::{lock, Shared, CLIENT_USER_ID};

/// The prefix of control paths.
pub const PREFIX: &str = "/__emulator";

fn error(status: u16, text: &str) -> Response {
    Response::json(status, &Json::object([("error", Json::str(text))]))
}

fn not_allowed(allow: &str) -> Response {
    error(405, &format!("method not allowed; use {allow}")).header("Allow", allow)
}

fn body_json(request: &Request) -> Result<Json, Response> {
    let text = std::str::from_utf8(&request.body)
        .map_err(|_| error(400, "the body is not valid UTF-8"))?;
    json::parse(text).map_err(|e| error(400, &format!("the body is not valid JSON: {e}")))
}

/// Handles a request to a control path.
pub fn handle(request: &Request, shared: &Shared, now: i64) -> Response {
    let method = request.method.as_str();
    let rest = request.path.strip_prefix(PREFIX).unwrap_or_default();
    match rest {
        "/health" => match method {
            "GET" => Response::text(200, "ok"),
            _ => not_allowed("GET"),
        },
        "/reset" => match method {
            "POST" => {
                lock(shared).reset(now);
                Response::new(204)
            }
            _ => not_allowed("POST"),
        },
        "/requests" => match method {
            "GET" => {
                let entries = lock(shared).log.iter().map(|e| e.to_json()).collect();
                Response::json(200, &Json::Array(entries))
            }
            "DELETE" => {
                lock(shared).log.clear();
                Response::new(204)
            }
            _ => not_allowed("GET, DELETE"),
        },
        "/faults" => match method {
            "GET" => {
                let pending = lock(shared).faults.iter().map(|f| f.raw.clone()).collect();
                Response::json(200, &Json::Array(pending))
            }
            "POST" => {
                let value = match body_json(request) {
                    Ok(value) => value,
                    Err(response) => return response,
                };
                let corpus = lock(shared).corpus_dir.clone();
                match faults::parse_faults(&value, corpus.as_deref()) {
                    Ok(new) => {
                        lock(shared).faults.extend(new);
                        Response::new(204)
                    }
                    Err(text) => error(400, &text),
                }
            }
            "DELETE" => {
                lock(shared).faults.clear();
                Response::new(204)
            }
            _ => not_allowed("GET, POST, DELETE"),
        },
        "/corpus" => match method {
            "GET" => {
                let Some(dir) = lock(shared).corpus_dir.clone() else {
                    return error(404, "the emulator was started without --corpus DIR");
                };
                match faults::corpus_names(&dir) {
                    Ok(names) => {
                        let names = names.into_iter().map(Json::str).collect();
                        Response::json(200, &Json::Array(names))
                    }
                    Err(e) => error(500, &format!("cannot list the corpus: {e}")),
                }
            }
            _ => not_allowed("GET"),
        },
        _ => match rest.strip_prefix("/bookings/") {
            Some(id) => booking(request, shared, id),
            None => error(404, "no such control endpoint"),
        },
    }
}

fn booking(request: &Request, shared: &Shared, id: &str) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        return error(400, "the booking ID must be an integer");
    };
    match request.method.as_str() {
        "GET" => match lock(shared).bookings.get(&id) {
            Some(stored) => Response::json(200, &stored.booking),
            None => error(404, &format!("no booking {id}")),
        },
        "PUT" => {
            let owner = match request.query_param("owner") {
                None => CLIENT_USER_ID,
                Some(text) => match text.parse::<i64>() {
                    Ok(owner) => owner,
                    Err(_) => return error(400, "owner must be an integer user ID"),
                },
            };
            let booking = match body_json(request) {
                Ok(value) if value.is_object() => value,
                Ok(value) => {
                    let text =
                        format!("a booking must be a JSON object, not {}", value.type_name());
                    return error(400, &text);
                }
                Err(response) => return response,
            };
            let stored = crate::state::StoredBooking { owner, booking };
            lock(shared).bookings.insert(id, stored);
            Response::new(204)
        }
        "DELETE" => match lock(shared).bookings.remove(&id) {
            Some(_) => Response::new(204),
            None => error(404, &format!("no booking {id}")),
        },
        _ => not_allowed("GET, PUT, DELETE"),
    }
}
