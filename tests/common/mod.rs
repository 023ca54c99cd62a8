//! Shared helpers of the browser tests: the emulator's control API (tests/support/emulator.js)
//! and small accessors for JavaScript values.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use js_sys::{Array, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen(module = "/tests/support/emulator.js")]
extern "C" {
    #[wasm_bindgen(js_name = useEmulator)]
    fn use_emulator(url: &str);
    #[wasm_bindgen(js_name = isFirefox)]
    fn is_firefox() -> bool;
    #[wasm_bindgen(js_name = reset)]
    async fn reset_js();
    pub async fn fault(json: &str);
    pub async fn requests() -> JsValue;
    #[wasm_bindgen(js_name = allRequests)]
    pub async fn all_requests() -> JsValue;
    pub async fn booking(id: u32) -> JsValue;
    pub async fn plant(id: u32, json: &str);
    #[wasm_bindgen(js_name = pendingFaults)]
    pub async fn pending_faults() -> JsValue;
    pub async fn wait(ms: u32);
    pub fn js(text: &str) -> JsValue;
    #[wasm_bindgen(js_name = countingProvider)]
    pub fn counting_provider(tokens: Vec<JsValue>, delay_ms: u32) -> JsValue;
    pub fn calls(provider: &JsValue) -> u32;
    #[wasm_bindgen(js_name = withValue)]
    pub fn with_value(object: &JsValue, key: &str, value: &JsValue) -> JsValue;
    pub fn controller() -> web_abort::Controller;
    #[wasm_bindgen(js_name = settleAll)]
    pub async fn settle_all(promises: Vec<JsValue>) -> JsValue;
}

pub mod web_abort {
    use wasm_bindgen::prelude::*;
    #[wasm_bindgen]
    extern "C" {
        /// An `AbortController`.
        pub type Controller;
        #[wasm_bindgen(method, getter)]
        pub fn signal(this: &Controller) -> JsValue;
        #[wasm_bindgen(method)]
        pub fn abort(this: &Controller);
    }
}

/// The emulator of the browser running this test: scripts/browser-tests.sh starts one per
/// browser on `ADULTWORK_TEST_PORT_BASE + 1` (Chromium) and `+ 2` (Firefox), base 17700 by
/// default, so two checkouts can run their browser tests at once with different bases.
pub fn emulator_url() -> String {
    let base: u16 = option_env!("ADULTWORK_TEST_PORT_BASE")
        .and_then(|b| b.parse().ok())
        .unwrap_or(17700);
    let port = base + if is_firefox() { 2 } else { 1 };
    format!("http://127.0.0.1:{port}")
}

/// Reseeds the emulator (and points the JS helpers at it); every test starts with this.
pub async fn reset() {
    use_emulator(&emulator_url());
    reset_js().await;
}

/// `value[key]`
pub fn get(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap()
}

/// `value[key]` as a string (panics if it is not one).
pub fn text(value: &JsValue, key: &str) -> String {
    get(value, key)
        .as_string()
        .unwrap_or_else(|| panic!("{key} is not a string"))
}

/// `value[key]` as a number (panics if it is not one).
pub fn num(value: &JsValue, key: &str) -> f64 {
    get(value, key)
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number"))
}

/// The items of a JS array.
pub fn items(value: &JsValue) -> Vec<JsValue> {
    Array::from(value).iter().collect()
}

/// Options for the emulator with `token`.
pub fn options(token: &str) -> JsValue {
    js(&format!(
        r#"{{"accessToken":"{token}","baseUrl":"{}"}}"#,
        emulator_url()
    ))
}

/// Options for the emulator with `token` plus extra JSON fields (`"maxRetries":0`).
pub fn options_with(token: &str, extra: &str) -> JsValue {
    js(&format!(
        r#"{{"accessToken":"{token}","baseUrl":"{}",{extra}}}"#,
        emulator_url()
    ))
}

/// Awaits a promise the SDK returned.
pub async fn settle(promise: js_sys::Promise) -> Result<JsValue, JsValue> {
    JsFuture::from(promise).await
}

/// The npm package's surface as JavaScript sees it: the `#[wasm_bindgen]` exports, called the
/// way JavaScript calls them (untyped values in, promises out), so the tests can pass anything.
pub mod sdk {
    use std::rc::Rc;

    use adultwork_sdk::testing::js::JsClient;
    use js_sys::Promise;
    use tsify::Ts;
    use wasm_bindgen::JsValue;
    use wasm_bindgen_futures::future_to_promise;

    fn ts<T: tsify::Tsify>(value: JsValue) -> Ts<T> {
        Ts::new_unchecked(value)
    }

    /// `new AdultWorkClient(options)`, its methods, `toString()` and `toJSON()`.
    #[derive(Debug)]
    pub struct AdultWorkClient(Rc<JsClient>);

    macro_rules! methods {
        ($($name:ident),*) => {$(
            pub fn $name(&self, request: JsValue, options: Option<JsValue>) -> Promise {
                let client = self.0.clone();
                future_to_promise(async move {
                    client.$name(ts(request), options).await.map(Into::into)
                })
            }
        )*};
    }

    impl AdultWorkClient {
        pub fn new(options: JsValue) -> Result<AdultWorkClient, JsValue> {
            JsClient::new(ts(options)).map(|c| AdultWorkClient(Rc::new(c)))
        }
        methods!(
            cancel_made_booking,
            get_made_booking_details,
            reschedule_made_booking,
            create_booking,
            delete_made_bookings,
            delete_received_bookings
        );
        /// `client.request(options)`.
        pub fn request(&self, options: JsValue) -> Promise {
            let client = self.0.clone();
            future_to_promise(async move { client.request(options).await })
        }
        pub fn to_string_js(&self) -> String {
            self.0.to_string_js()
        }
        pub fn to_json(&self) -> JsValue {
            self.0.to_json().map(Into::into).unwrap_or(JsValue::NULL)
        }
    }

    macro_rules! functions {
        ($($name:ident),*) => {$(
            pub fn $name(request: JsValue, options: JsValue) -> Promise {
                future_to_promise(async move {
                    adultwork_sdk::testing::js::$name(ts(request), options).await.map(Into::into)
                })
            }
        )*};
    }
    functions!(
        cancel_made_booking,
        get_made_booking_details,
        reschedule_made_booking,
        create_booking,
        delete_made_bookings,
        delete_received_bookings
    );

    /// The `schemas` export.
    pub fn schemas() -> JsValue {
        adultwork_sdk::testing::js::schemas()
    }

    pub fn can_cancel(booking: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
        adultwork_sdk::testing::js::can_cancel(ts(booking), options.map(ts)).map(Into::into)
    }

    pub fn can_reschedule(booking: JsValue, options: Option<JsValue>) -> Result<JsValue, JsValue> {
        adultwork_sdk::testing::js::can_reschedule(ts(booking), options.map(ts)).map(Into::into)
    }

    pub fn can_delete(booking: JsValue) -> Result<JsValue, JsValue> {
        adultwork_sdk::testing::js::can_delete(ts(booking)).map(Into::into)
    }

    pub fn parse_made_booking(json: JsValue) -> Result<JsValue, JsValue> {
        adultwork_sdk::testing::js::parse_made_booking(json).map(Into::into)
    }
}

#[allow(unused_imports)]
pub use sdk::AdultWorkClient;

/// `cancelMadeBooking(JSON.parse(request), options)`.
pub async fn cancel(request: &str, options: &JsValue) -> Result<JsValue, JsValue> {
    settle(sdk::cancel_made_booking(js(request), options.clone())).await
}

/// Checks an error is an `AdultWorkError` of `kind` and returns it.
pub fn expect_kind(result: Result<JsValue, JsValue>, kind: &str) -> JsValue {
    let error = match result {
        Ok(v) => panic!("expected an AdultWorkError {kind}, got a value: {v:?}"),
        Err(e) => e,
    };
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "not an Error: {error:?}"
    );
    assert_eq!(text(&error, "name"), "AdultWorkError");
    assert_eq!(
        text(&error, "kind"),
        kind,
        "message: {}",
        text(&error, "message")
    );
    error
}

/// The API requests the emulator received since the last reset.
pub async fn received() -> Vec<JsValue> {
    items(&requests().await)
}
