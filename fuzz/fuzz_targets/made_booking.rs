//! Arbitrary bytes as a `MadeBooking` answer (through the same decoder the browser runs, with
//! serde_json standing in for `JSON.parse`), an error body, a request, a datetime, a base URL
//! and a `Retry-After` value. Nothing may panic (in Wasm a panic traps the instance), and
//! whatever the decoder accepts must be exactly the documented shape. The checks live in
//! tests/support/invariants.rs, shared with the native corpus test.
#![no_main]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use libfuzzer_sys::fuzz_target;

#[path = "../../tests/support/json_node.rs"]
mod json_node;
#[path = "../../tests/support/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| invariants::check_everything(data));
