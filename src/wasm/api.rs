//! The public JavaScript API: thin `#[wasm_bindgen]` wrappers over the shared mechanism.
//! Each endpoint is one line naming its [`Endpoint`] value.

use std::rc::Rc;

use js_sys::{Promise, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::client::{self, Call, Shared};
use super::js::{self, to_js_error, Failure};
use super::zone::IntlZone;
use crate::config::{CALL_KEYS, CLIENT_KEYS, ONE_SHOT_KEYS};
use crate::datetime::{Zone, ZoneUnavailable};
use crate::endpoint::{
    Endpoint, CANCEL_MADE_BOOKING, MADE_BOOKING_DETAILS, RESCHEDULE_MADE_BOOKING,
};
use crate::error::{Error, ErrorKind, Issue};
use crate::model::MADE_BOOKING;
use crate::prereq;

fn one_shot(endpoint: &'static Endpoint, request: &JsValue, options: &JsValue) -> Promise {
    // One description serves both checks: the options are client and call options at once.
    let given = js::given(options, ONE_SHOT_KEYS);
    let shared = Shared::from_given(&given, options, ONE_SHOT_KEYS);
    let call = Call::from_given(&given, options, ONE_SHOT_KEYS);
    let setup = match (shared, call) {
        (Ok(shared), Ok(call)) => Ok((Rc::new(shared), call)),
        // Every problem of the options in one error, not the client's first, the call's later.
        (Err(a), Err(b)) => Err(client::merge_invalid(a, b)),
        (Err(f), _) | (_, Err(f)) => Err(f),
    };
    client::start(setup, endpoint, request)
}

/// Declares one endpoint's JavaScript API from its [`Endpoint`] value: the one-shot function
/// (`fn(request, options)`) and the `AdultWorkClient` method (`fn(request, options?)`), with
/// the same documentation. Adding an endpoint is one invocation.
macro_rules! endpoint_api {
    ($(#[doc = $doc:literal])* $js_name:ident, $rust_name:ident, $endpoint:expr, $request:literal) => {
        $(#[doc = $doc])*
        #[wasm_bindgen(js_name = $js_name, unchecked_return_type = "Promise<MadeBooking>")]
        pub fn $rust_name(
            #[wasm_bindgen(unchecked_param_type = $request)] request: JsValue,
            #[wasm_bindgen(unchecked_param_type = "ClientOptions & RequestOptions")] options: JsValue,
        ) -> Promise {
            one_shot(&$endpoint, &request, &options)
        }

        #[wasm_bindgen]
        impl AdultWorkClient {
            $(#[doc = $doc])*
            #[wasm_bindgen(js_name = $js_name, unchecked_return_type = "Promise<MadeBooking>")]
            pub fn $rust_name(
                &self,
                #[wasm_bindgen(unchecked_param_type = $request)] request: JsValue,
                #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: Option<JsValue>,
            ) -> Promise {
                self.call(&$endpoint, &request, &options.unwrap_or(JsValue::UNDEFINED))
            }
        }
    };
}

/// A client holding checked options (token, environment or base URL, time limit, retries), for
/// apps that make more than one call. Bad options throw `AdultWorkError` (`InvalidConfig`) here,
/// not at the first call. The token never appears in `toString()`, `toJSON()` or an error.
#[wasm_bindgen]
pub struct AdultWorkClient {
    shared: Rc<Shared>,
}

/// Shows the settings, never the token.
impl core::fmt::Debug for AdultWorkClient {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let s = &self.shared.settings;
        f.debug_struct("AdultWorkClient")
            .field("base_url", &s.base_url)
            .field("timeout_ms", &s.timeout_ms)
            .field("max_retries", &s.max_retries)
            .field("access_token", &"[redacted]")
            .finish()
    }
}

#[wasm_bindgen]
impl AdultWorkClient {
    /// Checks `options` and creates the client.
    #[wasm_bindgen(constructor)]
    pub fn new(
        #[wasm_bindgen(unchecked_param_type = "ClientOptions")] options: JsValue,
    ) -> Result<AdultWorkClient, JsValue> {
        Shared::from_options(&options, CLIENT_KEYS)
            .map(|shared| AdultWorkClient {
                shared: Rc::new(shared),
            })
            .map_err(|f| to_js_error(f, None))
    }

    fn call(&self, endpoint: &'static Endpoint, request: &JsValue, options: &JsValue) -> Promise {
        let setup = Call::from_options(options, CALL_KEYS).map(|call| (self.shared.clone(), call));
        client::start(setup, endpoint, request)
    }

    /// `AdultWorkClient(<base URL>)`: where the client sends requests, never its token.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        crate::text::cat(&["AdultWorkClient(", &self.shared.settings.base_url, ")"])
    }

    /// The client's settings without the token, for logging and `JSON.stringify`.
    #[wasm_bindgen(
        js_name = toJSON,
        unchecked_return_type = "{ baseUrl: string; timeoutMs: number; maxRetries: number }"
    )]
    pub fn to_json(&self) -> JsValue {
        let s = &self.shared.settings;
        let mut text = String::from("{\"baseUrl\":");
        crate::json::write_str(&mut text, &s.base_url);
        text.push_str(",\"timeoutMs\":");
        crate::json::write_int(&mut text, i64::from(s.timeout_ms));
        text.push_str(",\"maxRetries\":");
        crate::json::write_int(&mut text, i64::from(s.max_retries));
        text.push('}');
        JSON::parse(&text).unwrap_or(JsValue::NULL)
    }
}

endpoint_api! {
    /// Cancels a PhoneChat booking the logged-in user made
    /// (`POST /v1/PhoneChat/CancelMadeBooking`).
    ///
    /// Resolves to the updated booking, every field validated. Rejects with an
    /// `AdultWorkError`: `InvalidRequest` (nothing was sent), `InvalidConfig`, an HTTP kind
    /// such as `Conflict` when the booking cannot be cancelled, `InvalidResponse`,
    /// `NetworkError`, `Timeout` or `Aborted`. Network errors and timeouts are not retried:
    /// the server may already have cancelled.
    cancelMadeBooking, cancel_made_booking, CANCEL_MADE_BOOKING, "CancelMadeBookingRequest"
}

endpoint_api! {
    /// Reads one PhoneChat booking the logged-in user made
    /// (`GET /v1/PhoneChat/MadeBookingDetails?BookingID=…`).
    ///
    /// Resolves to the booking, every field validated; `NotFound` for a booking that is not
    /// the caller's. Being a read, it is also retried after network errors, timeouts, `502`
    /// and `504` (within `maxRetries`), besides `429` and `503`.
    getMadeBookingDetails, get_made_booking_details, MADE_BOOKING_DETAILS, "BookingIdRequest"
}

endpoint_api! {
    /// Reschedules a PhoneChat booking whose session has passed
    /// (`POST /v1/PhoneChat/RescheduleMadeBooking`): the server sets a new `SessionDate` 5–10
    /// minutes from now and keeps everything else.
    ///
    /// Resolves to the updated booking, every field validated. The server refuses (`Conflict`)
    /// when the session has not passed or the client lacks credits. Network errors and
    /// timeouts are not retried: the server may already have rescheduled.
    rescheduleMadeBooking, reschedule_made_booking, RESCHEDULE_MADE_BOOKING, "BookingIdRequest"
}

/// Reads `canCancel`/`canReschedule` arguments: the booking's status and session date, the
/// moment to judge at, and the zone to read the date in.
fn check_args(
    booking: &JsValue,
    options: &JsValue,
) -> Result<(prereq::BookingFacts, f64, IntlZone), Failure> {
    let facts = prereq::booking_facts(&js::given(booking, &["Status", "SessionDate"]));
    let given = js::given(options, &["now", "timeZone"]);
    let mut issues = match &facts {
        Ok(_) => Vec::new(),
        Err(issues) => issues.clone(),
    };
    let opts = prereq::check_options(&given);
    let (now, zone_name) = match opts {
        Ok(v) => v,
        Err(mut more) => {
            issues.append(&mut more);
            (None, String::new())
        }
    };
    let now = now.unwrap_or_else(js_sys::Date::now);
    let zone = IntlZone::new(&zone_name);
    if zone.is_none() && !zone_name.is_empty() {
        issues.push(Issue::new(
            "timeZone",
            "is not a time zone this JavaScript engine knows; expected an IANA name like \"Europe/London\"",
        ));
    }
    match (facts, zone) {
        (Ok(facts), Some(zone)) if issues.is_empty() => Ok((facts, now, zone)),
        _ => Err(Error::invalid(ErrorKind::InvalidRequest, "Invalid arguments", issues).into()),
    }
}

/// Runs a prerequisite check: reads the arguments, applies `rule` (the refusal reason, or
/// `None` when the prerequisites hold), and builds `{ ok: true }` or `{ ok: false, reason }`.
fn judge(
    booking: &JsValue,
    options: Option<JsValue>,
    rule: impl FnOnce(
        &prereq::BookingFacts,
        f64,
        &dyn Zone,
    ) -> Result<Option<&'static str>, ZoneUnavailable>,
) -> Result<JsValue, JsValue> {
    let options = options.unwrap_or(JsValue::UNDEFINED);
    let (facts, now, zone) = check_args(booking, &options).map_err(|f| to_js_error(f, None))?;
    let text = match rule(&facts, now, &zone) {
        Ok(None) => String::from("{\"ok\":true}"),
        Ok(Some(reason)) => crate::text::cat(&["{\"ok\":false,\"reason\":\"", reason, "\"}"]),
        Err(ZoneUnavailable) => return Err(zone_failure()),
    };
    JSON::parse(&text).map_err(|e| {
        to_js_error(
            Failure::caused(ErrorKind::InvalidRequest, "JSON.parse failed", e),
            None,
        )
    })
}

fn zone_failure() -> JsValue {
    to_js_error(
        Error::new(
            ErrorKind::InvalidRequest,
            "The time zone's offsets could not be read from Intl",
        )
        .into(),
        None,
    )
}

/// Whether a booking can be cancelled, per the documented prerequisites: its status is not
/// `Cancelled` or `Rejected`, and a `Confirmed` booking's `SessionDate` has not passed.
/// Zone-less API datetimes are read as wall-clock time in `timeZone` (default
/// `"Europe/London"`). Advisory only: the server decides. Throws `AdultWorkError`
/// (`InvalidRequest`) when the booking or the options are not usable.
#[wasm_bindgen(js_name = canCancel, unchecked_return_type = "CancelCheck")]
pub fn can_cancel(
    #[wasm_bindgen(unchecked_param_type = "MadeBooking")] booking: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    judge(&booking, options, |facts, now, zone| {
        prereq::can_cancel(facts.status, &facts.session, now, zone)
            .map(|verdict| verdict.err().map(prereq::CancelRefusal::as_str))
    })
}

/// Whether a booking can be rescheduled, per the documented prerequisite: its `SessionDate`
/// has passed (read as wall-clock time in `timeZone`, default `"Europe/London"`, at `now`).
/// Advisory only: the server decides, and also checks the client's credits. Throws
/// `AdultWorkError` (`InvalidRequest`) when the booking or the options are not usable.
#[wasm_bindgen(js_name = canReschedule, unchecked_return_type = "RescheduleCheck")]
pub fn can_reschedule(
    #[wasm_bindgen(unchecked_param_type = "MadeBooking")] booking: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "CheckOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    judge(&booking, options, |facts, now, zone| {
        prereq::can_reschedule(&facts.session, now, zone)
            .map(|passed| (!passed).then_some("SessionNotPassed"))
    })
}

/// Checks a `MadeBooking` you got elsewhere (your server, a cache) exactly as the SDK checks
/// API answers, and returns it with only the documented fields. `json` is the JSON text, or
/// its UTF-8 bytes. Throws `AdultWorkError` (`InvalidResponse`, listing every problem) when it
/// is not valid, and `InvalidRequest` when `json` is neither (an already parsed object, say).
#[wasm_bindgen(js_name = parseMadeBooking, unchecked_return_type = "MadeBooking")]
pub fn parse_made_booking(
    #[wasm_bindgen(unchecked_param_type = "string | Uint8Array")] json: JsValue,
) -> Result<JsValue, JsValue> {
    // Taken as any value and checked here: wasm-bindgen's own `&str` conversion trapped
    // ("memory access out of bounds") on a number, `true`, a Symbol or `{length: -1}`. The
    // text crosses as bytes from the engine's TextEncoder, a native copy, rather than through
    // wasm-bindgen's character-by-character string copy.
    let Ok(bytes) = js::utf8(&json).dyn_into::<js_sys::Uint8Array>() else {
        let mut m = String::from("expected the JSON text of a MadeBooking, got ");
        match js::given(&json, &[]) {
            crate::input::Given::NotObject(input) => input.describe(&mut m),
            crate::input::Given::Object(_) => {
                m.push_str("an object (pass the text, not the parsed value)")
            }
        }
        let e = Error::invalid(
            ErrorKind::InvalidRequest,
            "Invalid argument",
            vec![Issue::new("", m)],
        );
        return Err(to_js_error(e.into(), None));
    };
    let checked = crate::schema::check(&bytes.to_vec(), MADE_BOOKING);
    if !checked.issues.is_empty() {
        let e = Error::invalid(
            ErrorKind::InvalidResponse,
            "The text is not a valid MadeBooking",
            checked.issues,
        );
        return Err(to_js_error(e.into(), None));
    }
    JSON::parse(&checked.json).map_err(|e| {
        to_js_error(
            Failure::caused(ErrorKind::InvalidResponse, "JSON.parse failed", e),
            None,
        )
    })
}
