//! # adultwork-sdk
//!
//! Typed, validated access to the AdultWork REST API from the browser. The crate compiles to
//! WebAssembly and ships on npm as `adultwork-sdk`; its TypeScript types are generated from the
//! Rust types by tsify.
//!
//! The crate is built as separate rooms, so that everything but the transport and the
//! JavaScript surface compiles and is tested natively with `cargo test`:
//!
//! | module | what it holds |
//! |---|---|
//! | [`model`] | the API's types (tsify → `.d.ts`) and their runtime validation tables |
//! | [`json`], [`number`], [`datetime`] | strict JSON reading, exact number facts, API datetimes |
//! | [`schema`] | the one response validator, driven by the tables |
//! | [`input`], [`config`] | what untyped callers pass, checked into plain settings |
//! | [`error`] | the error kinds, issues, HTTP status mapping, server messages |
//! | [`endpoint`] | each API operation as data, request encoding, response checks |
//! | [`retry`] | which failures may be retried and how long to wait |
//! | [`prereq`] | the documented prerequisites behind `canCancel` / `canReschedule` |
//! | [`text`] | byte-level string helpers that keep core's substring searchers out of the `.wasm` |
//! | `wasm` (wasm32 only) | `fetch`, tokens, timers, and the `#[wasm_bindgen]` surface |

#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod config;
pub mod datetime;
pub mod endpoint;
pub mod error;
pub mod input;
pub mod json;
pub mod model;
pub mod number;
pub mod prereq;
pub mod retry;
pub mod schema;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

#[cfg(target_arch = "wasm32")]
pub use wasm::*;
