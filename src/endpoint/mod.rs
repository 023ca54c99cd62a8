//! The API's operations. Each is a marker type with a written-out [`Endpoint`] impl (its
//! method, path, request and answer types, and how the answer must match the request) and a
//! method on [`AdultWorkClient`](crate::AdultWorkClient), both in the file of its feature
//! (`endpoint/phonechat.rs`); the npm package exports it with one line (`js/calls.rs`).
//!
//! Adding an endpoint: its request and answer types (`requests.rs`, `model.rs`) if new, its
//! `impl Endpoint` and its client method (here), and its export line.

mod phonechat;

pub use phonechat::{
    CancelMadeBooking, CreateBooking, DeleteMadeBookings, MadeBookingDetails, RescheduleMadeBooking,
};

use crate::check::{self, Described, Mode, Value};
use crate::error::{Error, Issue};
use crate::requests::Request;

/// HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// A read: parameters in the query string, no body. Safe to repeat.
    Get,
    /// A change: parameters in a JSON body.
    Post,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// One API operation.
pub trait Endpoint {
    /// What the caller sends.
    type Request: Request;
    /// What the server answers.
    type Answer: Described;
    /// HTTP method; also decides where the request's fields travel (query or body).
    const METHOD: Method;
    /// Path below the base URL.
    const PATH: &'static str;
    /// How a well-formed answer must match the request (for example, the booking it is about).
    fn check(request: &Self::Request, answer: &Self::Answer) -> Vec<Issue>;
    /// What an `InvalidResponse` says first when a 2xx answer fails validation, where that
    /// needs more than "the answer is not valid" (a create may have happened anyway).
    const UNREADABLE_ANSWER: Option<&'static str> = None;

    /// Whether repeating the request is harmless, so that it may be retried after network
    /// errors and timeouts, when the server may or may not have acted on it.
    fn safe_to_repeat() -> bool {
        Self::METHOD == Method::Get
    }
}

/// The most bytes of a success body the SDK reads; a `MadeBooking` is about 1 KB.
pub(crate) const MAX_BODY_BYTES: u32 = 1 << 20;

/// The problem of a success body over [`MAX_BODY_BYTES`] (left unread).
pub(crate) fn too_large() -> Issue {
    Issue::new(
        "",
        "the body is larger than 1 MiB; expected a JSON object of about 1 KB",
    )
}

/// An answer read from its body: the Rust value, and how JavaScript gets it.
pub(crate) struct Answered<'b, A> {
    /// The answer.
    pub answer: A,
    /// The body's text when it already is the documented value (the engine's `JSON.parse` of
    /// it is what JavaScript gets), else the checked value to hand over.
    pub shown: Result<&'b str, Value<'b>>,
}

/// Reads a 2xx body into the endpoint's answer type and checks it against the request: the
/// answer, or `InvalidResponse` listing every problem (the checks against the request last).
pub(crate) fn read_answer<'b, E: Endpoint>(
    request: &E::Request,
    body: Result<&'b [u8], Issue>,
) -> Result<Answered<'b, E::Answer>, Error> {
    answer_of::<E::Answer>(body, E::UNREADABLE_ANSWER, &|answer| {
        E::check(request, answer)
    })
}

/// [`read_answer`] for answer type `A` (generic over the answer type only, so that endpoints
/// with the same answer type share it).
fn answer_of<'b, A: Described>(
    body: Result<&'b [u8], Issue>,
    unreadable: Option<&'static str>,
    check: &dyn Fn(&A) -> Vec<Issue>,
) -> Result<Answered<'b, A>, Error> {
    let name = A::DESCRIPTION.name;
    let invalid = |issues| invalid_answer(unreadable, name, issues);
    let check::Body { text, mut json } = body
        .and_then(check::body)
        .map_err(|issue| invalid(vec![issue]))?;
    let walked = check::walk(
        A::DESCRIPTION,
        &mut json,
        check::json::Json::ROOT,
        Mode::Answer,
        &[],
    );
    let mut issues = walked.issues;
    let shown = if json.canonical() {
        Ok(text)
    } else {
        Err(walked.value.clone())
    };
    let answer = A::from_checked(walked.value);
    if let Some(answer) = &answer {
        for issue in check(answer) {
            if issues.iter().all(|known| known.path != issue.path) {
                issues.push(issue);
            }
        }
    }
    match answer {
        Some(answer) if issues.is_empty() => Ok(Answered { answer, shown }),
        _ => Err(invalid(issues)),
    }
}

/// Checks a JSON text as an answer of type `A` (no request to match), as `parseMadeBooking`
/// does: the value for JavaScript, or every problem.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) fn read_json<'b, A: Described>(
    body: &'b [u8],
    context: &'static str,
) -> Result<Answered<'b, A>, Error> {
    answer_of::<A>(Ok(body), Some(context), &|_| Vec::new())
}

/// The `InvalidResponse` of an answer that is not a valid `name`.
fn invalid_answer(unreadable: Option<&'static str>, name: &str, issues: Vec<Issue>) -> Error {
    let context = match unreadable {
        Some(context) => context.to_owned(),
        None => format!("The server's answer is not a valid {name}"),
    };
    Error::InvalidResponse { context, issues }
}

/// Reads a caller's request from a source, for endpoint `E`.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) fn read_request<'a, E: Endpoint>(
    source: &mut dyn check::Source<'a>,
) -> Result<E::Request, Vec<Issue>> {
    crate::requests::read::<E::Request>(source, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations() {
        assert!(MadeBookingDetails::safe_to_repeat());
        assert!(!CancelMadeBooking::safe_to_repeat());
        assert!(!RescheduleMadeBooking::safe_to_repeat());
        assert_eq!(
            <CancelMadeBooking as Endpoint>::Answer::DESCRIPTION.name,
            "MadeBooking"
        );
        assert_eq!(CancelMadeBooking::PATH, "/v1/PhoneChat/CancelMadeBooking");
    }
}
