//! Arbitrary bytes as a `MadeBooking` answer (through the same engine and JSON reader the
//! browser runs), an error body, a request, a datetime, a base URL and a `Retry-After` value.
//! Nothing may panic (in Wasm a panic traps the instance), whatever the engine accepts must be
//! exactly the documented shape, and the JSON reader must take what serde_json takes. The
//! checks live in tests/support/invariants.rs, shared with the native corpus test.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| invariants::check_everything(data));
