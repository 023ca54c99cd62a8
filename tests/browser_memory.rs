//! Memory-leak regression test: thousands of calls of every outcome against one module
//! instance, with a fetch stub in the page, and the Wasm memory must not grow after warm-up.
//! (Not a timing test: it counts bytes.)
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{get, js, sdk, settle, text, AdultWorkClient};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/memory.js")]
extern "C" {
    #[wasm_bindgen(js_name = installStub)]
    fn install_stub(sample: &str);
    #[wasm_bindgen(js_name = memoryBytes)]
    fn memory_bytes(memory: &JsValue) -> f64;
    #[wasm_bindgen(js_name = tokenFunction)]
    fn token_function() -> JsValue;
    #[wasm_bindgen(js_name = withValue)]
    fn with_value(object: &JsValue, key: &str, value: &JsValue) -> JsValue;
}

const OPTIONS: &str = r#"{"accessToken":"stub-token","baseUrl":"https://api.example.test","timeoutMs":5,"maxRetries":1}"#;

/// One call of the outcome chosen by `id % 8` (see tests/support/memory.js), plus the
/// outcomes that never reach fetch.
async fn one(fixed: &AdultWorkClient, provider: &AdultWorkClient, id: u32) -> String {
    let request = js(&format!(r#"{{"BookingID":{id},"Reason":"memory test"}}"#));
    let result = if id % 8 == 7 {
        settle(provider.cancel_made_booking(request, None)).await
    } else if id % 16 == 9 {
        // Invalid request: rejected before any I/O.
        settle(fixed.cancel_made_booking(js(r#"{"BookingID":"x"}"#), None)).await
    } else if id % 16 == 11 {
        // Bad per-call options.
        settle(fixed.cancel_made_booking(request, Some(js(r#"{"timeoutMs":-1}"#)))).await
    } else {
        settle(fixed.cancel_made_booking(request, None)).await
    };
    match result {
        Ok(booking) => text(&booking, "Status"),
        Err(e) => text(&e, "kind"),
    }
}

async fn round(from: u32, count: u32) -> Vec<String> {
    let fixed = AdultWorkClient::new(js(OPTIONS)).unwrap();
    let options = with_value(&js(OPTIONS), "accessToken", &token_function());
    let provider = AdultWorkClient::new(options).unwrap();
    let mut kinds = Vec::new();
    for id in from..from + count {
        let kind = one(&fixed, &provider, id).await;
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
        // Also: clients created and freed, validated parses and canCancel checks.
        if id % 50 == 0 {
            drop(AdultWorkClient::new(js(OPTIONS)).unwrap());
            let sample = include_str!("fixtures/made-booking.json");
            let parsed = sdk::parse_made_booking(sample.into()).unwrap();
            sdk::can_cancel(parsed, None).unwrap();
            assert!(sdk::parse_made_booking("{\"BookingID\":true}".into()).is_err());
        }
    }
    kinds.sort();
    kinds
}

#[wasm_bindgen_test]
async fn wasm_memory_does_not_grow_after_warm_up() {
    install_stub(include_str!("fixtures/made-booking.json"));
    let memory = wasm_bindgen::memory();
    let warm = round(1, 800).await;
    let after_warm_up = memory_bytes(&memory);
    let kinds = round(1001, 4000).await;
    let after_4000 = memory_bytes(&memory);
    // Every outcome really happened.
    let expected = [
        "Cancelled",
        "Conflict",
        "InvalidConfig",
        "InvalidRequest",
        "InvalidResponse",
        "NetworkError",
        "ServerError",
        "Timeout",
    ];
    assert_eq!(kinds, expected, "outcomes seen");
    assert_eq!(warm, expected);
    assert_eq!(
        after_4000, after_warm_up,
        "Wasm memory grew from {after_warm_up} to {after_4000} bytes over 4000 calls"
    );
    let _ = get(&memory, "buffer");
}
