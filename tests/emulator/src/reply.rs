//! Building responses: JSON (always with `charset=utf-8`, as the real API sends it), plain
//! text, and no body.

use axum::body::Body;
use axum::response::Response;
use http::header::{HeaderValue, ALLOW, CONTENT_TYPE};
use http::StatusCode;
use serde::Serialize;

const JSON: &str = "application/json; charset=utf-8";
const TEXT: &str = "text/plain; charset=utf-8";

/// A status from a number the emulator itself chose (always valid; 500 otherwise).
fn status_of(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// A response with a body and its content type.
pub fn with_body(status: u16, content_type: &'static str, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status_of(status);
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// A JSON response (JSON text made elsewhere, e.g. a stored booking).
pub fn json_text(status: u16, text: String) -> Response {
    with_body(status, JSON, text)
}

/// A JSON response of a serializable value.
pub fn json<T: Serialize + ?Sized>(status: u16, value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(bytes) => with_body(status, JSON, bytes),
        Err(e) => text(500, &format!("cannot write the answer: {e}")),
    }
}

/// A plain-text response.
pub fn text(status: u16, text: &str) -> Response {
    with_body(status, TEXT, text.to_owned())
}

/// A response without a body.
pub fn empty(status: u16) -> Response {
    let mut response = Response::new(Body::empty());
    *response.status_mut() = status_of(status);
    response
}

/// Adds an `Allow` header (the list is always one of the emulator's own constants).
pub fn allow(mut response: Response, methods: &'static str) -> Response {
    response
        .headers_mut()
        .insert(ALLOW, HeaderValue::from_static(methods));
    response
}
