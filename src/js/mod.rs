//! The thin `#[wasm_bindgen]` surface the npm package exports: arguments checked by the
//! engine (`crate::check`), the Rust API called, results converted back, and
//! every failure turned into the hand-written `AdultWorkError` class (`pkg-template/errors.js`).
//! The endpoint functions and methods themselves come from [`crate::endpoint`]'s declarations.
// The doc comments below are JSDoc for the package's .d.ts: their `@example`s quote URLs inside
// JavaScript strings, which rustdoc would otherwise flag as bare links.
#![allow(rustdoc::bare_urls)]

use adultwork_sdk_derive::Described;
use js_sys::{Reflect, Uint8Array};
use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::check::js::Js;
use crate::check::messages::{described, shape_of};
use crate::check::{self, Described, FromChecked, Kind, Mode, Shown, Value};
use crate::client::{redacted, wire, Wire};
use crate::client::{AdultWorkClient, ClientOptions, ClientSettings, RequestOptions};
use crate::datetime::IntlZone;
use crate::datetime::ZoneUnavailable;
use crate::endpoint::{read_answer, read_json, Answered, Endpoint};
use crate::error::{Error, Issue};
use crate::model::MadeBooking;
use crate::prereq::{self, BookingFacts, CancelCheck, DeleteCheck, RescheduleCheck, StatusFact};

#[wasm_bindgen(module = "/pkg-template/errors.js")]
extern "C" {
    /// The SDK's error class (a real `Error` subclass, which a Wasm module cannot declare).
    #[wasm_bindgen(js_name = AdultWorkError)]
    type JsAdultWorkError;
    #[wasm_bindgen(constructor, js_class = "AdultWorkError")]
    fn new(kind: &JsValue, message: &str, details: &JsValue) -> JsAdultWorkError;
}

/// The `AdultWorkError` for `error`: its own properties are the variant serialized (`kind`,
/// `status`, `serverMessage`, `issues`, `retryAfterMs`), plus `cause` when there is one.
pub(crate) fn to_js(error: Error) -> JsValue {
    let details = error
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .unwrap_or_else(|_| js_sys::Object::new().into());
    let kind = Reflect::get(&details, &JsValue::from_str("kind")).unwrap_or(JsValue::UNDEFINED);
    let cause = match &error {
        Error::Unauthorized { cause, .. }
        | Error::NetworkError { cause, .. }
        | Error::Timeout { cause, .. }
        | Error::Aborted { cause } => cause.0.clone(),
        _ => None,
    };
    if let Some(cause) = cause {
        let _ = Reflect::set(&details, &JsValue::from_str("cause"), &cause);
    }
    JsAdultWorkError::new(&kind, &error.to_string(), &details).into()
}

/// A value as JavaScript receives it: plain objects, `null` for absent values.
fn to_ts<T: Serialize + Tsify>(value: &T) -> Result<Ts<T>, JsValue> {
    to_value(value).map(Ts::new_unchecked).map_err(to_js)
}

/// [`to_ts`], untyped and with the failure as an [`Error`].
fn to_value<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::InvalidResponse {
            context: "The answer could not be handed to JavaScript".into(),
            issues: vec![Issue::new("", e.to_string())],
        })
}

/// Reads a caller's value as `T`, every problem listed.
fn read<T: Described>(value: JsValue, also: &[&str]) -> Result<T, Vec<Issue>> {
    check::read::<T>(&mut Js::new(value), 0, Mode::Request, also)
}

/// The wire names of a record type's fields.
fn field_names<T: Described>() -> Vec<&'static str> {
    match &T::DESCRIPTION.kind {
        Kind::Record(record) => record.fields.iter().map(|f| f.name).collect(),
        _ => Vec::new(),
    }
}

/// An answer as JavaScript gets it: the engine's `JSON.parse` of a body that already is the
/// documented value, else the checked value (only its documented fields, in order).
fn answer_to_js<A: Described>(answered: &Answered<'_, A>) -> Result<JsValue, Error> {
    if let Ok(text) = answered.shown {
        if let Ok(value) = check::js::parse(text) {
            return Ok(value);
        }
    }
    let value = match &answered.shown {
        Err(value) => value.clone(),
        Ok(_) => Value::Null,
    };
    to_value(&Shown {
        description: A::DESCRIPTION,
        value: &value,
    })
}

/// Reads optional options: `undefined` and `null` are the defaults.
fn read_optional<T: Described + Default>(value: JsValue) -> Result<T, Vec<Issue>> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        read(value, &[])
    }
}

/// Options passed as a string are almost always the token itself: say so, without repeating it.
fn not_the_token(options: &JsValue) -> Option<Vec<Issue>> {
    options.is_string().then(|| {
        vec![Issue::new(
            "",
            "expected an options object, got a string (pass { accessToken: token }, not the token)",
        )]
    })
}

/// The string token among `options`, to redact it from what echoes the caller's input.
fn token_in(options: &JsValue) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    Reflect::get(options, &JsValue::from_str("accessToken"))
        .ok()?
        .as_string()
}

fn invalid_config(context: &'static str, issues: Vec<Issue>, token: Option<&str>) -> JsValue {
    to_js(redacted_str(
        Error::InvalidConfig { context, issues },
        token,
    ))
}

/// A caller's request, read and checked, behind a trait object: the steps of a call that need
/// the endpoint's types, so that one non-generic async function ([`run`]) runs every endpoint.
pub(crate) trait Requested {
    /// The request on the wire.
    fn wire(&self) -> Result<Wire, Error>;
    /// Reads the 2xx body, checks it against the request, and hands it to JavaScript.
    fn answer(&self, body: Result<&[u8], Issue>) -> Result<JsValue, Error>;
}

/// Endpoint `E`'s request.
struct Typed<E: Endpoint>(E::Request);

impl<E: Endpoint> Requested for Typed<E> {
    fn wire(&self) -> Result<Wire, Error> {
        wire::<E>(&crate::requests::Request::on_wire(&self.0))
    }

    fn answer(&self, body: Result<&[u8], Issue>) -> Result<JsValue, Error> {
        answer_to_js(&read_answer::<E>(&self.0, body)?)
    }
}

/// How a call reads its request: [`read_request::<E>`](read_request) for endpoint `E`.
pub(crate) type ReadRequest = fn(JsValue) -> Result<Box<dyn Requested>, Vec<Issue>>;

/// Reads a caller's request for endpoint `E`, every problem listed (rules across fields too).
pub(crate) fn read_request<E: Endpoint + 'static>(
    request: JsValue,
) -> Result<Box<dyn Requested>, Vec<Issue>> {
    crate::endpoint::read_request::<E>(&mut Js::new(request))
        .map(|request| Box::new(Typed::<E>(request)) as Box<dyn Requested>)
}

/// A client holding checked options (token, environment or base URL, time limit, retries), for
/// apps that make more than one call. Bad options throw `AdultWorkError` (`InvalidConfig`) here,
/// not at the first call. The token never appears in `toString()`, `toJSON()` or an error.
#[wasm_bindgen(js_name = AdultWorkClient)]
#[derive(Debug)]
pub struct JsClient {
    client: AdultWorkClient,
}

#[wasm_bindgen(js_class = AdultWorkClient)]
impl JsClient {
    /// Checks `options` and creates the client. It needs no freeing: the garbage collector
    /// frees it like any object (`free()` releases its memory at once; calling it again, or a
    /// method afterwards, throws `InvalidConfig`).
    ///
    /// @example
    /// const client = new AdultWorkClient({ accessToken: () => session.token, environment: "production" });
    /// @throws {AdultWorkError} `InvalidConfig`, listing every problem of `options` (an unknown key
    /// comes with a "did you mean" hint).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ClientOptions>) -> Result<JsClient, JsValue> {
        let options: JsValue = options.into();
        let token = token_in(&options);
        let issues = not_the_token(&options);
        let options = match issues {
            Some(issues) => Err(issues),
            None => read::<ClientOptions>(options, &[]),
        };
        options
            .map(|options| JsClient {
                client: AdultWorkClient::new(options),
            })
            .map_err(|issues| invalid_config("Invalid client options", issues, token.as_deref()))
    }

    /// `AdultWorkClient(<base URL>)`: where the client sends requests, never its token.
    ///
    /// @example
    /// String(client); // "AdultWorkClient(https://api.adultwork.com)"
    /// @throws {AdultWorkError} `InvalidConfig` once the client was freed.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("AdultWorkClient({})", self.client.settings().base_url)
    }

    /// The client's settings without the token, for logging and `JSON.stringify`.
    ///
    /// @example
    /// JSON.stringify(client); // {"baseUrl":"https://api.adultwork.com","timeoutMs":30000,"maxRetries":2}
    /// @throws {AdultWorkError} `InvalidConfig` once the client was freed.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<Ts<ClientSettings>, JsValue> {
        to_ts(self.client.settings())
    }

    /// Runs an endpoint with this client: the body of every client method.
    pub(crate) async fn call(
        &self,
        read: ReadRequest,
        request: JsValue,
        options: JsValue,
    ) -> Result<JsValue, JsValue> {
        run(Some(self.client.clone()), read, request, options).await
    }
}

/// A one-shot call: the client options and the call options in one object.
pub(crate) async fn one_shot(
    read: ReadRequest,
    request: JsValue,
    options: JsValue,
) -> Result<JsValue, JsValue> {
    run(None, read, request, options).await
}

/// Every endpoint call from JavaScript, with a client's settings (`client`) or a one-shot
/// call's (read from `options`): reads the options and the request, sends it, reads the answer.
/// One async state machine for all endpoints: what depends on the endpoint is behind `read`.
async fn run(
    client: Option<AdultWorkClient>,
    read: ReadRequest,
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
    let request = read(request).map_err(|issues| {
        let error = Error::InvalidRequest {
            context: "Invalid request",
            issues,
        };
        to_js(redacted_str(error, token.as_deref()))
    })?;
    let (answered, token_used) = client.transact(request.wire(), &call).await;
    answered
        .and_then(|body| request.answer(body.as_deref().map_err(Clone::clone)))
        .map_err(|error| to_js(redacted(error, token_used.as_ref())))
}

/// `error` with `token` (if any) redacted.
fn redacted_str(mut error: Error, token: Option<&str>) -> Error {
    if let Some(token) = token {
        error.redact(token);
    }
    error
}

/// A one-shot call's options: the client's and the call's, read from one object, with every
/// problem of both listed once.
fn one_shot_options(options: JsValue) -> Result<(ClientOptions, RequestOptions), Vec<Issue>> {
    let (client, call) = match not_the_token(&options) {
        Some(issues) => (Err(issues), Err(Vec::new())),
        None => (
            read::<ClientOptions>(options.clone(), &field_names::<RequestOptions>()),
            read::<RequestOptions>(options, &field_names::<ClientOptions>()),
        ),
    };
    match (client, call) {
        (Ok(client), Ok(call)) => Ok((client, call)),
        (client, call) => {
            // Every problem of the options in one error, each path once.
            let mut issues = client.err().unwrap_or_default();
            for issue in call.err().unwrap_or_default() {
                if issues.iter().all(|known| known.path != issue.path) {
                    issues.push(issue);
                }
            }
            Err(issues)
        }
    }
}

/// A JavaScript `Date`, as milliseconds since the epoch.
#[derive(Debug, Clone, Copy)]
pub struct JsDate(f64);

impl Described for JsDate {
    const DESCRIPTION: &'static check::Description = &check::Description {
        name: "Date",
        kind: Kind::Rule(check::Rule {
            expected: "a valid Date",
            test: check::Test::Js(check::JsTest::Date),
        }),
    };
}

impl FromChecked for JsDate {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Number(ms) => Some(JsDate(ms)),
            Value::Absent => Some(JsDate(0.0)),
            _ => None,
        }
    }
}

/// Options of `canCancel` and `canReschedule`.
#[derive(Debug, Default, Described, Tsify)]
#[serde(rename_all = "camelCase")]
pub struct CheckOptions {
    /// The moment to judge at (default: now).
    #[serde(default)]
    #[tsify(type = "Date | undefined")]
    pub now: Option<JsDate>,
    /// The IANA zone the API's zone-less datetimes are read in (default `"Europe/London"`).
    #[serde(default)]
    pub time_zone: Option<String>,
}

/// Reads the arguments of a prerequisite check: the booking's facts, the moment, the zone.
fn check_args(
    booking: JsValue,
    options: Option<JsValue>,
) -> Result<(BookingFacts, f64, IntlZone), JsValue> {
    let facts = read::<BookingFacts>(booking, &[]);
    let options = read_optional::<CheckOptions>(options.unwrap_or(JsValue::UNDEFINED));
    let mut issues = facts.as_ref().err().cloned().unwrap_or_default();
    issues.extend(options.as_ref().err().cloned().unwrap_or_default());
    let (now, zone_name) = match &options {
        Ok(o) => (o.now.map(|d| d.0), o.time_zone.clone()),
        Err(_) => (None, None),
    };
    let zone_name = zone_name.unwrap_or_else(|| "Europe/London".into());
    let zone = IntlZone::new(&zone_name);
    if zone.is_none() && options.is_ok() {
        issues.push(Issue::new(
            "timeZone",
            "is not a time zone this JavaScript engine knows; expected an IANA name like \"Europe/London\"",
        ));
    }
    match (facts, zone) {
        (Ok(facts), Some(zone)) if issues.is_empty() => {
            Ok((facts, now.unwrap_or_else(js_sys::Date::now), zone))
        }
        _ => Err(to_js(Error::InvalidRequest {
            context: "Invalid arguments",
            issues,
        })),
    }
}

fn zone_failure(ZoneUnavailable: ZoneUnavailable) -> JsValue {
    to_js(Error::InvalidRequest {
        context: "Invalid arguments",
        issues: vec![Issue::new(
            "timeZone",
            "its offsets could not be read from Intl",
        )],
    })
}

/// Whether a booking can be cancelled, per the documented prerequisites: its status is not
/// `Cancelled` or `Rejected`, and a `Confirmed` booking's `SessionDate` has not passed.
/// Zone-less API datetimes are read as wall-clock time in `timeZone` (default
/// `"Europe/London"`). Advisory only: the server decides.
///
/// @example
/// const check = canCancel(booking);
/// if (check.ok) await client.cancelMadeBooking({ BookingID: booking.BookingID, Reason });
/// else showReason(check.reason); // "AlreadyCancelled" | "Rejected" | "SessionPassed"
/// @throws {AdultWorkError} `InvalidRequest` when the booking or the options are not usable
/// (a Promise instead of a booking: did you forget `await`?).
#[wasm_bindgen(js_name = canCancel)]
pub fn can_cancel(
    booking: Ts<MadeBooking>,
    options: Option<Ts<CheckOptions>>,
) -> Result<Ts<CancelCheck>, JsValue> {
    let (facts, now, zone) = check_args(booking.into(), options.map(Into::into))?;
    let verdict = prereq::can_cancel(facts.status, &facts.session_date.reading(), now, &zone)
        .map_err(zone_failure)?;
    to_ts(&verdict)
}

/// Whether a booking can be rescheduled, per the documented prerequisite: its `SessionDate`
/// has passed (read as wall-clock time in `timeZone`, default `"Europe/London"`, at `now`).
/// Advisory only: the server decides, and also checks the client's credits.
///
/// @example
/// if (canReschedule(booking).ok) await client.rescheduleMadeBooking({ BookingID: booking.BookingID });
/// @throws {AdultWorkError} `InvalidRequest` when the booking or the options are not usable.
#[wasm_bindgen(js_name = canReschedule)]
pub fn can_reschedule(
    booking: Ts<MadeBooking>,
    options: Option<Ts<CheckOptions>>,
) -> Result<Ts<RescheduleCheck>, JsValue> {
    let (facts, now, zone) = check_args(booking.into(), options.map(Into::into))?;
    let verdict =
        prereq::can_reschedule(&facts.session_date.reading(), now, &zone).map_err(zone_failure)?;
    to_ts(&verdict)
}

/// Whether a booking can be deleted, per the documented prerequisite: its status is
/// `Rejected`, `Cancelled` or `Confirmed`. Advisory only: the server decides.
///
/// @example
/// const finished = bookings.filter((b) => canDelete(b).ok);
/// if (finished.length > 0) await client.deleteMadeBookings({ BookingIDs: finished.map((b) => b.BookingID) });
/// @throws {AdultWorkError} `InvalidRequest` when the booking is not usable (a Promise instead
/// of a booking: did you forget `await`?).
#[wasm_bindgen(js_name = canDelete)]
pub fn can_delete(booking: Ts<MadeBooking>) -> Result<Ts<DeleteCheck>, JsValue> {
    let facts = read::<StatusFact>(booking.into(), &[]).map_err(|issues| {
        to_js(Error::InvalidRequest {
            context: "Invalid arguments",
            issues,
        })
    })?;
    to_ts(&prereq::can_delete(facts.status))
}

/// Checks a `MadeBooking` you got elsewhere (your server, a cache) exactly as the SDK checks
/// API answers, and returns it with only the documented fields. `json` is the JSON text, or
/// its UTF-8 bytes.
///
/// @example
/// const booking = parseMadeBooking(await (await fetch("/my-server/booking/1001")).text());
/// @throws {AdultWorkError} `InvalidResponse`, listing every problem, when it is not a valid
/// `MadeBooking`; `InvalidRequest` when `json` is neither text nor bytes (an already parsed
/// object, say).
#[wasm_bindgen(js_name = parseMadeBooking)]
pub fn parse_made_booking(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] json: JsValue,
) -> Result<Ts<MadeBooking>, JsValue> {
    let bytes = if let Some(text) = json.as_string() {
        text.into_bytes()
    } else if json.is_instance_of::<Uint8Array>() {
        Uint8Array::from(json).to_vec()
    } else {
        let got = described(&shape_of(&json), None);
        let hint = if got == "an object" {
            " (pass the text, not the parsed value)"
        } else {
            ""
        };
        return Err(to_js(Error::InvalidRequest {
            context: "Invalid argument",
            issues: vec![Issue::new(
                "",
                format!("expected the JSON text of a MadeBooking, got {got}{hint}"),
            )],
        }));
    };
    let answered =
        read_json::<MadeBooking>(&bytes, "The text is not a valid MadeBooking").map_err(to_js)?;
    answer_to_js(&answered)
        .map(Ts::new_unchecked)
        .map_err(to_js)
}

/// Makes the JavaScript function and `AdultWorkClient` method of each endpoint of
/// [`crate::endpoint::endpoints!`].
macro_rules! endpoint_exports {
    ($(
        $(#[doc = $doc:literal])*
        js { $(#[doc = $js_doc:literal])* }
        $method:ident $path:literal => $name:ident($request:ty) -> $answer:ty,
            check: $check:expr,
            $(unreadable: $unreadable:literal,)?
            names: $rust:ident / $js:ident;
    )*) => {        // The JavaScript surface: async functions typed with the request's and the answer's tsify
        // declarations. Each hands `read_request::<E>` (its one generic step) to the shared,
        // non-generic call (`crate::js::run`), so that the `.wasm` holds one async state machine
        // for every endpoint; each export only awaits it and names the answer's type.
        #[cfg(all(target_arch = "wasm32", feature = "js"))]
        #[wasm_bindgen::prelude::wasm_bindgen(js_class = AdultWorkClient)]
        impl JsClient {
            $(
                $(#[doc = $doc])*
                $(#[doc = $js_doc])*
                #[wasm_bindgen(js_name = $js)]
                pub async fn $rust(
                    &self,
                    request: tsify::Ts<$request>,
                    #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")]
                    options: Option<wasm_bindgen::JsValue>,
                ) -> Result<tsify::Ts<$answer>, wasm_bindgen::JsValue> {
                    self.call(
                        crate::js::read_request::<$name>,
                        request.into(),
                        options.unwrap_or(wasm_bindgen::JsValue::UNDEFINED),
                    ).await.map(tsify::Ts::new_unchecked)
                }
            )*
        }

        /// The one-shot JavaScript functions: `fn(request, options)` with the client options
        /// and the call options in one object.
        #[cfg(all(target_arch = "wasm32", feature = "js"))]
        pub mod js_functions {
            #[allow(unused_imports)]
            use super::*;
            $(
                $(#[doc = $doc])*
                $(#[doc = $js_doc])*
                #[wasm_bindgen::prelude::wasm_bindgen(js_name = $js)]
                pub async fn $rust(
                    request: tsify::Ts<$request>,
                    #[wasm_bindgen(unchecked_param_type = "ClientOptions & RequestOptions")]
                    options: wasm_bindgen::JsValue,
                ) -> Result<tsify::Ts<$answer>, wasm_bindgen::JsValue> {
                    crate::js::one_shot(crate::js::read_request::<$name>, request.into(), options)
                        .await
                        .map(tsify::Ts::new_unchecked)
                }
            )*
        }
    };
}

/// The endpoints' JavaScript functions and `AdultWorkClient` methods.
mod endpoint_exports {
    use super::JsClient;
    // The entries' type names resolve here (not every name is used by every module).
    #[allow(unused_imports)]
    use crate::{endpoint::*, model::*, requests::*};
    crate::endpoint::endpoints!(endpoint_exports);
}
pub use endpoint_exports::js_functions;
