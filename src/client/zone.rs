//! Time-zone offsets from the JavaScript engine's `Intl` (full IANA data in every browser and in
//! Node), so the `.wasm` carries no time-zone database.

use js_sys::{Date, Function, Object, Reflect};
use wasm_bindgen::prelude::*;

use crate::datetime::Zone;

#[wasm_bindgen(js_namespace = Intl)]
extern "C" {
    #[wasm_bindgen(js_name = DateTimeFormat)]
    type DateTimeFormat;
    // `catch`: the constructor throws a RangeError for a zone the engine does not know.
    #[wasm_bindgen(constructor, js_class = "DateTimeFormat", catch)]
    fn new(locales: &str, options: &Object) -> Result<DateTimeFormat, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn format(this: &DateTimeFormat) -> Function;
}

/// An IANA zone, through `Intl.DateTimeFormat`: the [`Zone`] to read the API's zone-less
/// datetimes with, for [`crate::prereq::can_cancel`] and [`crate::prereq::can_reschedule`].
/// The API's datetimes are UK wall-clock time, so `"Europe/London"` is the zone to use.
///
/// # Example
///
/// ```no_run
/// use adultwork_sdk::client::IntlZone;
/// use adultwork_sdk::model::MadeBooking;
/// use adultwork_sdk::prereq::{can_cancel, CancelCheck};
///
/// fn may_cancel(booking: &MadeBooking) -> bool {
///     let Some(london) = IntlZone::new("Europe/London") else { return true };
///     let now_ms = js_sys::Date::now();
///     // Advisory: the server decides. An unknown offset leaves the decision to it.
///     match can_cancel(booking.status, &booking.session_date.reading(), now_ms, &london) {
///         Ok(CancelCheck::Refused { .. }) => false,
///         Ok(CancelCheck::Allowed { .. }) | Err(_) => true,
///     }
/// }
/// ```
pub struct IntlZone {
    format: Function,
}

impl IntlZone {
    /// The zone named `name`, or `None` when the engine does not know it.
    pub fn new(name: &str) -> Option<IntlZone> {
        let options = Object::new();
        let set =
            |k: &str, v: &str| Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
        set("timeZone", name).ok()?;
        // "GMT+01:00" / "GMT": the offset itself, with no local-time arithmetic to redo.
        set("timeZoneName", "longOffset").ok()?;
        let format = DateTimeFormat::new("en-US", &options).ok()?.format();
        Some(IntlZone { format })
    }
}

impl Zone for IntlZone {
    fn offset_ms(&self, instant_ms: i64) -> Option<i64> {
        let date = Date::new(&JsValue::from_f64(instant_ms as f64));
        let text = self
            .format
            .call1(&JsValue::UNDEFINED, &date)
            .ok()?
            .as_string()?;
        crate::datetime::parse_gmt_offset(&text)
    }
}
