//! The API's operations. Each is a marker type with a written-out [`Endpoint`] impl (its
//! method, path, request and answer types, and how the answer must match the request) and a
//! method on [`AdultWorkClient`](crate::AdultWorkClient), both in the file of its feature
//! (`endpoint/phonechat.rs`); the npm package exports it with one line (`js/calls.rs`).
//!
//! Adding an endpoint: its request and answer types (`requests.rs`, `model.rs`) if new, its
//! `impl Endpoint` and its client method (here), and its export line.

mod phonechat;

pub use phonechat::{
    CancelMadeBooking, CreateBooking, DeleteMadeBookings, DeleteReceivedBooking,
    MadeBookingDetails, RescheduleMadeBooking,
};

use crate::check::json::Json;
use adultwork_sdk_derive::Described;

use crate::check::{self, Described, Description, Mode, Value};
use crate::error::{Error, Issue};
use crate::requests::Request;

/// HTTP method. A `GET` is a read: its parameters travel in the query string, and it is safe
/// to repeat (so it is retried after network errors and timeouts too); the others are changes,
/// whose parameters travel in a JSON body, retried only when the server said it did not act.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize, Described)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    /// A read.
    Get,
    /// A change.
    Post,
    /// A change.
    Put,
    /// A change.
    Delete,
}

impl Method {
    /// The method's name on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
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
    /// The path of this request: [`Endpoint::PATH`], unless the request picks another form
    /// of the endpoint (a group manager's, say).
    fn path(_request: &Self::Request) -> &'static str {
        Self::PATH
    }
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
    let Read {
        value,
        mut issues,
        shown,
    } = read_body(A::DESCRIPTION, body)
        .map_err(|issue| invalid_answer(unreadable, A::DESCRIPTION.name, vec![issue]))?;
    let answer = A::from_checked(value);
    if let Some(answer) = &answer {
        for issue in check(answer) {
            if issues.iter().all(|known| known.path != issue.path) {
                issues.push(issue);
            }
        }
    }
    match answer {
        Some(answer) if issues.is_empty() => Ok(Answered { answer, shown }),
        _ => Err(invalid_answer(unreadable, A::DESCRIPTION.name, issues)),
    }
}

/// A body checked against a description.
struct Read<'b> {
    /// The checked value (stand-ins where a part had a problem).
    value: Value<'b>,
    /// Every problem.
    issues: Vec<Issue>,
    /// The body's text when the engine's `JSON.parse` of it is the documented value, else the
    /// checked value to hand to JavaScript.
    shown: Result<&'b str, Value<'b>>,
}

/// Reads a 2xx body (or why it was not read) as `description`: strict UTF-8, JSON, then the
/// engine. The part of every answer's reading that does not depend on its type.
#[inline(never)]
fn read_body<'b>(
    description: &'static Description,
    body: Result<&'b [u8], Issue>,
) -> Result<Read<'b>, Issue> {
    let check::Body { text, mut json } = body.and_then(check::body)?;
    let walked = check::walk(description, &mut json, Json::ROOT, Mode::Answer, &[]);
    let shown = if json.canonical() {
        Ok(text)
    } else {
        Err(walked.value.clone())
    };
    Ok(Read {
        value: walked.value,
        issues: walked.issues,
        shown,
    })
}

/// Checks a JSON text as a value of `description` (no request to match), as `parseMadeBooking`
/// does: what JavaScript gets (see [`Answered::shown`]), or `InvalidResponse` with every
/// problem. No Rust value is built.
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) fn read_json<'b>(
    description: &'static Description,
    body: &'b [u8],
    context: &'static str,
) -> Result<Result<&'b str, Value<'b>>, Error> {
    match read_body(description, Ok(body)) {
        Ok(read) if read.issues.is_empty() => Ok(read.shown),
        Ok(read) => Err(invalid_answer(Some(context), description.name, read.issues)),
        Err(issue) => Err(invalid_answer(Some(context), description.name, vec![issue])),
    }
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
