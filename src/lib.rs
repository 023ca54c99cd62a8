//! # adultwork-sdk
//!
//! Typed, validated access to the AdultWork REST API from the browser. The crate compiles to
//! WebAssembly and ships on npm as `adultwork-sdk`; a Rust frontend can use its Rust API
//! directly. Every API type is one Rust declaration (serde + tsify) from which the TypeScript
//! declaration, the runtime validation and the returned value all follow.
//!
//! The crate is built as separate rooms, so that everything but the transport and the
//! JavaScript surface compiles and is tested natively with `cargo test`:
//!
//! | module | what it holds |
//! |---|---|
//! | [`model`], [`requests`] | the API's answer and request types |
//! | [`rules`], [`options`] | format and range rules, each in a small newtype |
//! | [`decode`] | reading untrusted values into those types, every problem with its path |
//! | [`error`] | the one error type: its kinds, messages and details |
//! | [`endpoint`] | each API operation, declared once |
//! | [`retry`], [`prereq`], [`datetime`], [`server_message`] | pure policies and readings |
//! | `client` (wasm32) | the Rust API: [`AdultWorkClient`], tokens, `fetch` through gloo-net, timers |
//! | `js` (wasm32, feature `js`) | the thin `#[wasm_bindgen]` surface the npm package exports |

#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

pub mod datetime;
pub mod decode;
pub mod endpoint;
pub mod error;
pub mod model;
pub mod options;
pub mod prereq;
pub mod requests;
pub mod retry;
pub mod rules;
pub mod server_message;

#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod js;

#[cfg(target_arch = "wasm32")]
pub use client::{AdultWorkClient, ClientOptions, RequestOptions};
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub use endpoint::js_functions::*;
pub use error::{Error, Issue};
