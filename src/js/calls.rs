//! The endpoints in JavaScript: for each, a one-shot function (`cancelMadeBooking(request,
//! options)`) and an `AdultWorkClient` method, made by [`export!`] from one line. Both await one
//! shared, non-generic call ([`run`]), which only converts: it reads the options and the request
//! with the engine, then runs the Rust API's pipeline (the same `Prepared::of`, `exchange` and
//! `read_answer` as `AdultWorkClient::send`).

use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::client::JsClient;
use super::{invalid_config, not_the_token, read_both, read_optional, to_js, to_value, token_in};
use crate::check::js::Js;
use crate::check::{self, Described, Description, Shown, Value};
use crate::client::{AdultWorkClient, ClientOptions, Prepared, RequestOptions};
use crate::endpoint::{
    read_answer, CancelMadeBooking, CreateBooking, DeleteMadeBookings, DeleteReceivedBooking,
    Endpoint, MadeBookingDetails, RescheduleMadeBooking,
};
use crate::error::{Error, Issue};
use crate::js::errors::redacted_str;

/// An answer as JavaScript gets it: the engine's `JSON.parse` of a body that already is the
/// documented value, else the checked value (only its documented fields, in order).
pub(crate) fn answer_to_js(
    description: &'static Description,
    shown: &Result<&str, Value<'_>>,
) -> Result<JsValue, Error> {
    match shown {
        // The SDK's reader took the text as JSON, so the engine's parser does too.
        Ok(text) => check::js::parse(text).map_err(|_| Error::InvalidResponse {
            context: "The answer could not be handed to JavaScript".into(),
            issues: vec![Issue::new(
                "",
                "JSON.parse refused a text the SDK read as JSON",
            )],
        }),
        Err(value) => to_value(&Shown { description, value }),
    }
}

/// A caller's request, read and checked, behind a trait object: the steps of a call that need
/// the endpoint's types, so that one non-generic async function ([`run`]) runs every endpoint.
trait Requested {
    /// The request checked and on the wire.
    fn prepare(&self) -> Result<Prepared, Error>;
    /// Reads the 2xx body, checks it against the request, and hands it to JavaScript.
    fn answer(&self, body: Result<&[u8], Issue>) -> Result<JsValue, Error>;
}

/// Endpoint `E`'s request.
struct Typed<E: Endpoint>(E::Request);

impl<E: Endpoint> Requested for Typed<E> {
    fn prepare(&self) -> Result<Prepared, Error> {
        Prepared::of::<E>(&self.0)
    }

    fn answer(&self, body: Result<&[u8], Issue>) -> Result<JsValue, Error> {
        let answered = read_answer::<E>(&self.0, body)?;
        answer_to_js(<E::Answer as Described>::DESCRIPTION, &answered.shown)
    }
}

/// How a call reads its request: [`read_request::<E>`](read_request) for endpoint `E`.
type ReadRequest = fn(JsValue) -> Result<Box<dyn Requested>, Vec<Issue>>;

/// Reads a caller's request for endpoint `E`, every problem listed (rules across fields too).
fn read_request<E: Endpoint + 'static>(request: JsValue) -> Result<Box<dyn Requested>, Vec<Issue>> {
    crate::endpoint::read_request::<E>(&mut Js::new(request))
        .map(|request| Box::new(Typed::<E>(request)) as Box<dyn Requested>)
}

/// Every endpoint call from JavaScript, with a client's settings (`client`) or a one-shot
/// call's (read from `options`): reads the options and the request, then the pipeline.
/// One async state machine for all endpoints: what depends on the endpoint is behind `read`.
async fn run(
    client: Option<AdultWorkClient>,
    read_request: ReadRequest,
    request: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let (client, call, token) = match client {
        Some(client) => {
            let call = not_the_token(&options)
                .map_or_else(|| read_optional::<RequestOptions>(options), Err)
                .map_err(|issues| invalid_config("Invalid request options", issues, None))?;
            let token = client.fixed_token().map(|t| t.expose().to_owned());
            (client, call, token)
        }
        None => {
            let token = token_in(&options);
            let (client, call) = one_shot_options(options)
                .map_err(|issues| invalid_config("Invalid options", issues, token.as_deref()))?;
            (AdultWorkClient::new(client), call, token)
        }
    };
    let request = read_request(request)
        .map_err(|issues| Error::InvalidRequest {
            context: "Invalid request",
            issues,
        })
        .and_then(|request| request.prepare().map(|prepared| (request, prepared)));
    let (request, prepared) =
        request.map_err(|error| to_js(redacted_str(error, token.as_deref())))?;
    client
        .exchange(&prepared, &call)
        .await
        .read(|body| request.answer(body))
        .map_err(to_js)
}

/// A one-shot call's options: the client's and the call's, read from one object, with every
/// problem of both listed once.
fn one_shot_options(options: JsValue) -> Result<(ClientOptions, RequestOptions), Vec<Issue>> {
    match not_the_token(&options) {
        Some(issues) => Err(issues),
        None => read_both(options),
    }
}

/// The JavaScript function and `AdultWorkClient` method of one endpoint, with the docs both
/// show (their `@throws` ends with the kinds this endpoint adds to every call's). The
/// TypeScript types of the request and the answer are the endpoint's types' own tsify
/// declarations; each export only awaits the shared [`run`]. (The docs are `#[doc = "…"]`
/// lines: wasm-bindgen copies a literal's text, and `///` reaches it as a raw string literal,
/// whose `r"…"` it would copy too.)
macro_rules! export {
    (
        $(#[doc = $doc:literal])*
        $endpoint:ident => $js:ident / $rust:ident, throws: $throws:literal $(,)?
    ) => {
        export!(@both $endpoint $js $rust [
            $(#[doc = $doc])*
            #[doc = "@throws {AdultWorkError} (the promise rejects) `InvalidRequest` (nothing was sent), `InvalidConfig`,"]
            #[doc = "an HTTP kind, `InvalidResponse`, `NetworkError`, `Timeout` or `Aborted`"]
            #[doc = $throws]
        ]);
    };
    (@both $endpoint:ident $js:ident $rust:ident [$(#[$doc:meta])*]) => {
        #[wasm_bindgen(js_class = AdultWorkClient)]
        impl JsClient {
            $(#[$doc])*
            #[wasm_bindgen(js_name = $js)]
            pub async fn $rust(
                &self,
                request: Ts<<$endpoint as Endpoint>::Request>,
                #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")]
                options: Option<JsValue>,
            ) -> Result<Ts<<$endpoint as Endpoint>::Answer>, JsValue> {
                run(
                    Some(self.client().clone()),
                    read_request::<$endpoint>,
                    request.into(),
                    options.unwrap_or(JsValue::UNDEFINED),
                )
                .await
                .map(Ts::new_unchecked)
            }
        }

        $(#[$doc])*
        #[wasm_bindgen(js_name = $js)]
        pub async fn $rust(
            request: Ts<<$endpoint as Endpoint>::Request>,
            #[wasm_bindgen(unchecked_param_type = "ClientOptions & RequestOptions")]
            options: JsValue,
        ) -> Result<Ts<<$endpoint as Endpoint>::Answer>, JsValue> {
            run(None, read_request::<$endpoint>, request.into(), options)
                .await
                .map(Ts::new_unchecked)
        }
    };
}

export! {
    #[doc = "Cancels a PhoneChat booking the logged-in user made"]
    #[doc = "(`POST /v1/PhoneChat/CancelMadeBooking`)."]
    #[doc = ""]
    #[doc = "Resolves to the updated booking, every field validated. Network errors and timeouts"]
    #[doc = "are not retried: the server may already have cancelled (read the booking to find out)."]
    #[doc = ""]
    #[doc = "@example"]
    #[doc = "const booking = await cancelMadeBooking({ BookingID: 1001, Reason: \"Plans changed\" }, { accessToken });"]
    #[doc = "// or, with a client: await client.cancelMadeBooking({ BookingID: 1001, Reason: \"Plans changed\" });"]
    CancelMadeBooking => cancelMadeBooking / cancel_made_booking,
    throws: "(`Conflict` when the booking can no longer be cancelled).",
}

export! {
    #[doc = "Reads one PhoneChat booking the logged-in user made"]
    #[doc = "(`GET /v1/PhoneChat/MadeBookingDetails?BookingID=…`), or, for a group manager who gives"]
    #[doc = "a member's `UserID`, one the member made (`GET /v1/Groups/PhoneChat/MadeBookingDetails`)."]
    #[doc = ""]
    #[doc = "Resolves to the booking, every field validated; `NotFound` for a booking that is not"]
    #[doc = "the caller's (or the member's). Being a read, it is also retried after network errors,"]
    #[doc = "timeouts, `502` and `504` (within `maxRetries`), besides `429` and `503`."]
    #[doc = ""]
    #[doc = "@example"]
    #[doc = "const booking = await getMadeBookingDetails({ BookingID: 1001 }, { accessToken });"]
    #[doc = "// or, with a client: await client.getMadeBookingDetails({ BookingID: 1001 });"]
    #[doc = "// a group manager, for member 616161: await client.getMadeBookingDetails({ BookingID: 2101, UserID: 616161 });"]
    MadeBookingDetails => getMadeBookingDetails / get_made_booking_details,
    throws: "(`NotFound` for a booking that is not the caller's).",
}

export! {
    #[doc = "Reschedules a PhoneChat booking whose session has passed"]
    #[doc = "(`POST /v1/PhoneChat/RescheduleMadeBooking`): the server sets a new `SessionDate` 5–10"]
    #[doc = "minutes from now and keeps everything else."]
    #[doc = ""]
    #[doc = "Resolves to the updated booking, every field validated. The server refuses (`Conflict`)"]
    #[doc = "when the session has not passed or the client lacks credits. Network errors and"]
    #[doc = "timeouts are not retried: the server may already have rescheduled."]
    #[doc = ""]
    #[doc = "@example"]
    #[doc = "const booking = await rescheduleMadeBooking({ BookingID: 1004 }, { accessToken });"]
    #[doc = "// or, with a client: await client.rescheduleMadeBooking({ BookingID: 1004 });"]
    RescheduleMadeBooking => rescheduleMadeBooking / reschedule_made_booking,
    throws: "(`Conflict` when the session has not passed or credits are short).",
}

export! {
    #[doc = "Books a PhoneChat session with another user (`POST /v1/PhoneChat/CreateBooking`)."]
    #[doc = ""]
    #[doc = "Every problem of the request is reported at once, with its path, and nothing is sent:"]
    #[doc = "`Duration` under 5, a `PhoneNumber` missing with `Method` 1, `AcceptBy` not before"]
    #[doc = "`SessionDate`, … Only the fields the chosen `Method` uses go on the wire; a `Date` is"]
    #[doc = "written as UK wall-clock time. Resolves to the new booking, every field validated."]
    #[doc = "Network errors and timeouts are not retried: the booking may have been made (read your"]
    #[doc = "bookings before trying again); so may it when the answer fails validation."]
    #[doc = ""]
    #[doc = "@example"]
    #[doc = "const booking = await createBooking({"]
    #[doc = "  BookUserID: 2001, SessionDate: \"2026-12-01 18:30\", Duration: 30, Method: 1,"]
    #[doc = "  PhoneNumber: \"07700900123\", Credits: 30, AcceptBy: \"2026-12-01 17:00\","]
    #[doc = "}, { accessToken });"]
    CreateBooking => createBooking / create_booking,
    throws: "(`BadRequest` when the server refuses the booking: a past date, too few credits; `InvalidResponse`: the booking may have been created).",
}

export! {
    #[doc = "Deletes finished PhoneChat bookings the logged-in user made"]
    #[doc = "(`POST /v1/PhoneChat/DeleteMadeBookings`), 1 to 100 at a time."]
    #[doc = ""]
    #[doc = "Resolves to one `DeleteResult` per requested booking: `Deleted: false` with the server's"]
    #[doc = "`Message` for one it refused (only `Rejected`, `Cancelled` and `Confirmed` bookings can be"]
    #[doc = "deleted; see `canDelete`). The IDs are sent as the one comma-separated string the API takes."]
    #[doc = ""]
    #[doc = "@example"]
    #[doc = "const results = await deleteMadeBookings({ BookingIDs: [1002, 1003] }, { accessToken });"]
    #[doc = "for (const r of results) if (!r.Deleted) console.warn(r.BookingID, r.Message);"]
    DeleteMadeBookings => deleteMadeBookings / delete_made_bookings,
    throws: "(`InvalidResponse` also when the answer does not hold exactly one result per requested booking).",
}

export! {
    #[doc = "Deletes finished PhoneChat bookings the logged-in user received, as the booked user"]
    #[doc = "(`POST /v1/PhoneChat/DeleteReceivedBooking`), 1 to 100 at a time: as `deleteMadeBookings`,"]
    #[doc = "from the other side. Resolves to one `DeleteResult` per requested booking."]
    #[doc = ""]
    #[doc = "@example"]
    #[doc = "const results = await deleteReceivedBookings({ BookingIDs: [1103, 1104] }, { accessToken });"]
    DeleteReceivedBooking => deleteReceivedBookings / delete_received_bookings,
    throws: "(`InvalidResponse` also when the answer does not hold exactly one result per requested booking).",
}
