//! Arbitrary bytes as a `MadeBooking` answer, an error body, a datetime, a number spelling, a
//! base URL, a `Retry-After` value and a runtime.js argument description. Nothing may panic
//! (in Wasm a panic traps the instance), and whatever the validator accepts must be exactly
//! the documented shape when read back with serde_json. The checks live in
//! tests/support/invariants.rs, shared with the native corpus test.
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
