//! The API's operations, each declared once in `endpoints!`: its method, path, request and
//! answer types, and how the answer must match the request. From that one declaration come the
//! [`Endpoint`] the shared call mechanism runs (`AdultWorkClient::send`), and, made by the
//! modules that own them, the Rust method on `AdultWorkClient` (`client`) and, in the npm
//! package, the one-shot JavaScript function and the JavaScript client method with their
//! TypeScript types (`js`; `Promise<MadeBooking>` is the answer type's own tsify declaration).
//! This module depends on neither.

use crate::check::{self, Described, Mode, Value};
use crate::error::{Error, Issue};
use crate::model::{DeleteResult, DeleteResults, MadeBooking};
use crate::requests::{
    BookingIdRequest, CancelMadeBookingRequest, CreateBookingRequest, DeleteMadeBookingsRequest,
    Request,
};
use crate::rules::{BookingId, UserId};

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
pub const MAX_BODY_BYTES: u32 = 1 << 20;

/// The problem of a success body over [`MAX_BODY_BYTES`] (left unread).
pub fn too_large() -> Issue {
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

/// The answer is about the booking that was asked for.
fn same_booking(requested: BookingId, answered: BookingId) -> Vec<Issue> {
    if requested == answered {
        Vec::new()
    } else {
        vec![Issue::new(
            "BookingID",
            format!("expected the requested {requested}, got {answered}"),
        )]
    }
}

/// The answer is about the user that was booked.
fn same_user(requested: UserId, answered: UserId) -> Vec<Issue> {
    if requested == answered {
        Vec::new()
    } else {
        vec![Issue::new(
            "Candidate.UserID",
            format!("expected the booked user {requested} (BookUserID), got {answered}"),
        )]
    }
}

/// One result per requested booking: none that was not asked for, none twice, none missing.
fn one_result_each(requested: &[BookingId], results: &[DeleteResult]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (i, result) in results.iter().enumerate() {
        let id = result.booking_id;
        let path = format!("[{i}].BookingID");
        if !requested.contains(&id) {
            issues.push(Issue::new(
                path,
                format!("expected a requested booking, got {id}"),
            ));
        } else if results
            .iter()
            .take(i)
            .any(|earlier| earlier.booking_id == id)
        {
            issues.push(Issue::new(
                path,
                format!("expected one result per booking, got {id} again"),
            ));
        }
    }
    let missing: Vec<String> = requested
        .iter()
        .filter(|id| results.iter().all(|r| r.booking_id != **id))
        .map(ToString::to_string)
        .collect();
    if !missing.is_empty() {
        issues.push(Issue::new(
            "",
            format!(
                "expected a result for every requested booking, none for {}",
                missing.join(", ")
            ),
        ));
    }
    issues
}

/// The API's endpoints, each declared once. `endpoints!(then)` hands the list to the macro
/// `then`, which makes from it what its module needs: the marker types and their [`Endpoint`]
/// impls here, the Rust methods in `client`, the JavaScript functions and methods in `js`.
///
/// Each entry gives: the docs every surface shares, then in `js { … }` the lines only the
/// JavaScript declarations carry (`@example`, `@throws`); the method and path; the marker type
/// with its request and answer types; the check of the answer against the request (run here);
/// an optional message for an answer that fails validation; and the Rust and JavaScript names.
/// (Docs are written as `#[doc = "…"]` because `///` reaches wasm-bindgen as raw strings that it
/// would show as is, and wasm-bindgen reads only literal doc text; rustdoc, which expands
/// `concat!`, gets a generated example too.) Type names resolve where `then` runs, so each
/// caller brings `model::*`, `requests::*` and `endpoint::*` into scope.
macro_rules! endpoints {
    ($then:ident) => {
        $then! {
            #[doc = "Cancels a PhoneChat booking the logged-in user made"]
            #[doc = "(`POST /v1/PhoneChat/CancelMadeBooking`)."]
            #[doc = ""]
            #[doc = "Resolves to the updated booking, every field validated. Network errors and timeouts"]
            #[doc = "are not retried: the server may already have cancelled (read the booking to find out)."]
            js {
                #[doc = ""]
                #[doc = "@example"]
                #[doc = "const booking = await cancelMadeBooking({ BookingID: 1001, Reason: \"Plans changed\" }, { accessToken });"]
                #[doc = "// or, with a client: await client.cancelMadeBooking({ BookingID: 1001, Reason: \"Plans changed\" });"]
                #[doc = "@throws {AdultWorkError} (the promise rejects) `InvalidRequest` (nothing was sent), `InvalidConfig`,"]
                #[doc = "`Conflict` when the booking can no longer be cancelled, another HTTP kind, `InvalidResponse`,"]
                #[doc = "`NetworkError`, `Timeout` or `Aborted`."]
            }
            Post "/v1/PhoneChat/CancelMadeBooking" => CancelMadeBooking(CancelMadeBookingRequest) -> MadeBooking,
                check: |r: &CancelMadeBookingRequest, a: &MadeBooking| same_booking(r.booking_id, a.booking_id),
                names: cancel_made_booking / cancelMadeBooking;

            #[doc = "Reads one PhoneChat booking the logged-in user made"]
            #[doc = "(`GET /v1/PhoneChat/MadeBookingDetails?BookingID=…`)."]
            #[doc = ""]
            #[doc = "Resolves to the booking, every field validated; `NotFound` for a booking that is not"]
            #[doc = "the caller's. Being a read, it is also retried after network errors, timeouts, `502`"]
            #[doc = "and `504` (within `maxRetries`), besides `429` and `503`."]
            js {
                #[doc = ""]
                #[doc = "@example"]
                #[doc = "const booking = await getMadeBookingDetails({ BookingID: 1001 }, { accessToken });"]
                #[doc = "// or, with a client: await client.getMadeBookingDetails({ BookingID: 1001 });"]
                #[doc = "@throws {AdultWorkError} (the promise rejects) `InvalidRequest` (nothing was sent), `InvalidConfig`,"]
                #[doc = "`NotFound` for a booking that is not the caller's, another HTTP kind, `InvalidResponse`,"]
                #[doc = "`NetworkError`, `Timeout` or `Aborted`."]
            }
            Get "/v1/PhoneChat/MadeBookingDetails" => MadeBookingDetails(BookingIdRequest) -> MadeBooking,
                check: |r: &BookingIdRequest, a: &MadeBooking| same_booking(r.booking_id, a.booking_id),
                names: get_made_booking_details / getMadeBookingDetails;

            #[doc = "Reschedules a PhoneChat booking whose session has passed"]
            #[doc = "(`POST /v1/PhoneChat/RescheduleMadeBooking`): the server sets a new `SessionDate` 5–10"]
            #[doc = "minutes from now and keeps everything else."]
            #[doc = ""]
            #[doc = "Resolves to the updated booking, every field validated. The server refuses (`Conflict`)"]
            #[doc = "when the session has not passed or the client lacks credits. Network errors and"]
            #[doc = "timeouts are not retried: the server may already have rescheduled."]
            js {
                #[doc = ""]
                #[doc = "@example"]
                #[doc = "const booking = await rescheduleMadeBooking({ BookingID: 1004 }, { accessToken });"]
                #[doc = "// or, with a client: await client.rescheduleMadeBooking({ BookingID: 1004 });"]
                #[doc = "@throws {AdultWorkError} (the promise rejects) `InvalidRequest` (nothing was sent), `InvalidConfig`,"]
                #[doc = "`Conflict` when the session has not passed or credits are short, another HTTP kind,"]
                #[doc = "`InvalidResponse`, `NetworkError`, `Timeout` or `Aborted`."]
            }
            Post "/v1/PhoneChat/RescheduleMadeBooking" => RescheduleMadeBooking(BookingIdRequest) -> MadeBooking,
                check: |r: &BookingIdRequest, a: &MadeBooking| same_booking(r.booking_id, a.booking_id),
                names: reschedule_made_booking / rescheduleMadeBooking;

            #[doc = "Books a PhoneChat session with another user (`POST /v1/PhoneChat/CreateBooking`)."]
            #[doc = ""]
            #[doc = "Every problem of the request is reported at once, with its path, and nothing is sent:"]
            #[doc = "`Duration` under 5, a `PhoneNumber` missing with `Method` 1, `AcceptBy` not before"]
            #[doc = "`SessionDate`, … Only the fields the chosen `Method` uses go on the wire; a `Date` is"]
            #[doc = "written as UK wall-clock time. Resolves to the new booking, every field validated."]
            #[doc = "Network errors and timeouts are not retried: the booking may have been made (read your"]
            #[doc = "bookings before trying again); so may it when the answer fails validation."]
            js {
                #[doc = ""]
                #[doc = "@example"]
                #[doc = "const booking = await createBooking({"]
                #[doc = "  BookUserID: 2001, SessionDate: \"2026-12-01 18:30\", Duration: 30, Method: 1,"]
                #[doc = "  PhoneNumber: \"07700900123\", Credits: 30, AcceptBy: \"2026-12-01 17:00\","]
                #[doc = "}, { accessToken });"]
                #[doc = "@throws {AdultWorkError} (the promise rejects) `InvalidRequest` (nothing was sent), `InvalidConfig`,"]
                #[doc = "`BadRequest` when the server refuses the booking (a past date, too few credits), another"]
                #[doc = "HTTP kind, `InvalidResponse` (the booking may have been created), `NetworkError`, `Timeout`"]
                #[doc = "or `Aborted`."]
            }
            Post "/v1/PhoneChat/CreateBooking" => CreateBooking(CreateBookingRequest) -> MadeBooking,
                check: |r: &CreateBookingRequest, a: &MadeBooking| same_user(r.book_user_id, a.candidate.user_id),
                unreadable: "The booking may have been created, but the server's answer is not a valid MadeBooking (read your bookings before trying again)",
                names: create_booking / createBooking;

            #[doc = "Deletes finished PhoneChat bookings the logged-in user made"]
            #[doc = "(`POST /v1/PhoneChat/DeleteMadeBookings`), 1 to 100 at a time."]
            #[doc = ""]
            #[doc = "Resolves to one `DeleteResult` per requested booking: `Deleted: false` with the server's"]
            #[doc = "`Message` for one it refused (only `Rejected`, `Cancelled` and `Confirmed` bookings can be"]
            #[doc = "deleted; see `canDelete`). The IDs are sent as the one comma-separated string the API takes."]
            js {
                #[doc = ""]
                #[doc = "@example"]
                #[doc = "const results = await deleteMadeBookings({ BookingIDs: [1002, 1003] }, { accessToken });"]
                #[doc = "for (const r of results) if (!r.Deleted) console.warn(r.BookingID, r.Message);"]
                #[doc = "@throws {AdultWorkError} (the promise rejects) `InvalidRequest` (nothing was sent), `InvalidConfig`,"]
                #[doc = "an HTTP kind, `InvalidResponse`, `NetworkError`, `Timeout` or `Aborted`."]
            }
            Post "/v1/PhoneChat/DeleteMadeBookings" => DeleteMadeBookings(DeleteMadeBookingsRequest) -> DeleteResults,
                check: |r: &DeleteMadeBookingsRequest, a: &DeleteResults| one_result_each(r.booking_ids.ids(), &a.0),
                names: delete_made_bookings / deleteMadeBookings;
        }
    };
}
// Used by `client` and `js`, which exist only in Wasm.
#[allow(unused_imports)]
pub(crate) use endpoints;

/// Makes each endpoint's marker type and its [`Endpoint`] impl.
macro_rules! marker_types {
    ($(
        $(#[doc = $doc:literal])*
        js { $(#[doc = $js_doc:literal])* }
        $method:ident $path:literal => $name:ident($request:ty) -> $answer:ty,
            check: $check:expr,
            $(unreadable: $unreadable:literal,)?
            names: $rust:ident / $js:ident;
    )*) => {
        $(
            #[doc = concat!("`", stringify!($method), " ", $path, "`: see `AdultWorkClient::", stringify!($rust), "`.")]
            #[derive(Debug, Clone, Copy)]
            pub struct $name;

            impl Endpoint for $name {
                type Request = $request;
                type Answer = $answer;
                const METHOD: Method = Method::$method;
                const PATH: &'static str = $path;
                fn check(request: &$request, answer: &$answer) -> Vec<Issue> {
                    ($check)(request, answer)
                }
                $(const UNREADABLE_ANSWER: Option<&'static str> = Some($unreadable);)?
            }
        )*
    };
}

endpoints!(marker_types);

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
