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
//! | `check` | one engine checking untrusted values against each type's description |
//! | [`error`] | the one error type: its kinds, messages and details |
//! | [`endpoint`] | each API operation, declared once |
//! | [`retry`], [`prereq`], [`datetime`], [`server_message`] | pure policies and readings |
//! | `client` (wasm32) | the Rust API: [`AdultWorkClient`], tokens, `fetch` through gloo-net, timers |
//! | `js` (wasm32, feature `js`) | the thin `#[wasm_bindgen]` surface the npm package exports |
//!
//! ## From Rust
//!
//! A Rust frontend depends on the crate with `default-features = false` (no JavaScript
//! exports in its `.wasm`) and uses the `client` module, compiled for
//! `wasm32-unknown-unknown` only:
//!
//! ```no_run
//! # #[cfg(target_arch = "wasm32")]
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! use adultwork_sdk::requests::BookingIdRequest;
//! use adultwork_sdk::rules::BookingId;
//! use adultwork_sdk::{AccessToken, AdultWorkClient, ClientOptions, Error};
//!
//! let client = AdultWorkClient::new(ClientOptions::new(AccessToken::fixed("user-token")?));
//! let request = BookingIdRequest { booking_id: BookingId::try_from(1001)? };
//! match client.get_made_booking_details(&request).await {
//!     Ok(booking) => println!("{:?} on {}", booking.status, booking.session_date.as_str()),
//!     Err(Error::NotFound(_)) => println!("no such booking"),
//!     Err(error) => println!("{error}"),
//! }
//! # Ok(()) }
//! ```
//!
//! The module's documentation covers token providers, per-call options and cancellation;
//! the repository's `www-example-rust/` is a small complete app.

#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

mod check;
pub mod datetime;
pub mod endpoint;
pub mod error;
pub mod model;
pub mod options;
pub mod prereq;
pub mod requests;
pub mod retry;
pub mod rules;
pub mod server_message;
#[doc(hidden)]
pub mod testing;

#[cfg(target_arch = "wasm32")]
pub mod client;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub mod js;

#[cfg(target_arch = "wasm32")]
pub use client::{AccessToken, AdultWorkClient, ClientOptions, RequestOptions, TokenError};
pub use error::{Error, Issue};
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub use js::js_functions::*;
