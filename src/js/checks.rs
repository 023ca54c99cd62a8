//! The checks that need no call: the documented prerequisites of a change (`canCancel`,
//! `canReschedule`, `canDelete`), and `parseMadeBooking`, which checks a booking got elsewhere
//! as the SDK checks answers.

use adultwork_sdk_derive::Described;
use js_sys::Uint8Array;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::calls::answer_to_js;
use super::{read, read_optional, to_js, to_ts};
use crate::check::messages::{described, shape_of};
use crate::check::{self, Described, FromChecked, Kind, Value};
use crate::datetime::{IntlZone, ZoneUnavailable};
use crate::endpoint::read_json;
use crate::error::{Error, Issue};
use crate::model::BookingStatus;
use crate::model::MadeBooking;
use crate::prereq::{self, CancelCheck, DeleteCheck, RescheduleCheck};
use crate::rules::ApiDateTime;

/// What the checks read from a booking: its status and session date (a `MadeBooking` has
/// both; other fields are not looked at).
#[derive(Debug, Clone, Described)]
#[serde(rename_all = "PascalCase")]
struct BookingFacts {
    /// Where the booking is in its life cycle.
    pub status: BookingStatus,
    /// When the session is planned.
    pub session_date: ApiDateTime,
}

/// What `canDelete` reads from a booking: its status alone.
#[derive(Debug, Clone, Described)]
#[serde(rename_all = "PascalCase")]
struct StatusFact {
    /// Where the booking is in its life cycle.
    pub status: BookingStatus,
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
    let (bytes, string) = if let Some(text) = json.as_string() {
        (text.into_bytes(), Some(json))
    } else if json.is_instance_of::<Uint8Array>() {
        (Uint8Array::from(json).to_vec(), None)
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
    let answered = read_json(
        MadeBooking::DESCRIPTION,
        &bytes,
        "The text is not a valid MadeBooking",
    )
    .map_err(to_js)?;
    // A string that is, whole, the documented value: parsed as the caller's own string (no
    // copy of the text out of Wasm). A BOM or bytes go through the checked copy.
    if let (Ok(text), Some(string)) = (&answered, &string) {
        if text.len() == bytes.len() {
            if let Ok(value) = check::js::parse_js(string) {
                return Ok(Ts::new_unchecked(value));
            }
        }
    }
    answer_to_js(MadeBooking::DESCRIPTION, &answered)
        .map(Ts::new_unchecked)
        .map_err(to_js)
}
