//! Seams for the crate's own native tests and fuzz target, hidden from the documentation and
//! outside any semver promise: the engine run on JSON text natively, exactly as the browser
//! runs it on an answer's body, and on JSON objects standing in for callers' values.

use crate::check::{self, json::Json, Described, Kind, Mode};
use crate::endpoint::{self, Endpoint};
use crate::error::{Error, Issue};
use crate::requests::Request;

pub use crate::server_message::{server_message, SERVER_MESSAGE_MAX_CHARS};

/// Reads a 2xx body as the client does (the size limit, strict UTF-8, JSON, the answer type's
/// description, the match with the request).
pub fn answer<E: Endpoint>(request: &E::Request, body: &[u8]) -> Result<E::Answer, Error> {
    read::<E>(request, body).map(|(answer, _)| answer)
}

/// [`answer`], and whether the engine's `JSON.parse` of the body is exactly the value
/// JavaScript gets (else the SDK hands over the checked value).
pub fn read<E: Endpoint>(request: &E::Request, body: &[u8]) -> Result<(E::Answer, bool), Error> {
    let body = if body.len() > endpoint::MAX_BODY_BYTES as usize {
        Err(endpoint::too_large())
    } else {
        Ok(body)
    };
    endpoint::read_answer::<E>(request, body).map(|read| (read.answer, read.shown.is_ok()))
}

/// Reads a JSON text as a value of `T`: as an answer's part (`answer`), or as a caller's value.
pub fn value<T: Described>(json: &str, answer: bool) -> Result<T, Vec<Issue>> {
    let mut json = Json::parse(json).map_err(|e| vec![Issue::new("", e.message)])?;
    let mode = if answer { Mode::Answer } else { Mode::Request };
    check::read::<T>(&mut json, Json::ROOT, mode, &[])
}

/// Reads a JSON object as a caller's request, with the request's rules across fields.
pub fn request<R: Request>(json: &str) -> Result<R, Vec<Issue>> {
    let mut json = Json::parse(json).map_err(|e| vec![Issue::new("", e.message)])?;
    crate::requests::read::<R>(&mut json, Json::ROOT)
}

/// The wire names of a record type's fields, in order, as its description has them.
pub fn fields<T: Described>() -> Vec<&'static str> {
    match &T::DESCRIPTION.kind {
        Kind::Record(record) => record.fields.iter().map(|f| f.name).collect(),
        _ => Vec::new(),
    }
}

/// Whether the SDK's JSON reader takes `text` as JSON (`JSON.parse`'s grammar).
pub fn is_json(text: &str) -> bool {
    Json::parse(text).is_ok()
}

/// Runs every pure parser of the crate on `text`, for the invariant that none panics.
pub fn parse_everything(text: &str) {
    let _ = crate::datetime::parse(text);
    let _ = crate::datetime::parse_gmt_offset(text);
    let _ = crate::datetime::parse_minute(text);
    let _ = crate::options::BaseUrl::try_from(text);
    let _ = crate::retry::parse_retry_after(text, 1.7e12);
}

/// The npm package's exports as Rust functions, for the browser tests to call them the way
/// JavaScript does (untyped values in, promises out).
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod js {
    pub use crate::js::calls::{
        cancel_made_booking, create_booking, delete_made_bookings, delete_received_bookings,
        get_made_booking_details, reschedule_made_booking,
    };
    pub use crate::js::checks::{can_cancel, can_delete, can_reschedule, parse_made_booking};
    pub use crate::js::client::JsClient;
    pub use crate::js::schemas::schemas;
}
