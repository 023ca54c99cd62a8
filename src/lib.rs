//! # adultwork-sdk
//!
//! Typed, validated access to the AdultWork REST API. The crate compiles to WebAssembly and
//! ships on npm as `adultwork-sdk`; a Rust frontend (Leptos, Yew, Dioxus, plain wasm-bindgen)
//! uses its Rust API directly. Every request is checked before it is sent, every answer is
//! checked field by field before you see it, and every failure is one [`Error`].
//!
//! ## From Rust
//!
//! Depend on the crate with `default-features = false` (no JavaScript exports, no TypeScript
//! declarations in your `.wasm`), build an [`AdultWorkClient`] once and call its methods:
//!
//! ```no_run
//! use adultwork_sdk::requests::MadeBookingDetailsRequest;
//! use adultwork_sdk::rules::BookingId;
//! use adultwork_sdk::{AccessToken, AdultWorkClient, ClientOptions, Error};
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let client = AdultWorkClient::new(ClientOptions::new(AccessToken::fixed("user-token")?));
//! let request = MadeBookingDetailsRequest::from(BookingId::try_from(1001)?);
//! match client.get_made_booking_details(&request).await {
//!     Ok(booking) => println!("{:?} on {}", booking.status, booking.session_date.as_str()),
//!     Err(Error::NotFound(_)) => println!("no such booking"),
//!     Err(error) => println!("{error}"),
//! }
//! # Ok(()) }
//! ```
//!
//! The client, its options, its errors and its futures are `Send + Sync`, so frameworks'
//! shared state takes them as they are. [`client`] covers token providers, per-call options
//! and cancellation; the repository's `www-example-rust/` is a complete Leptos app.
//!
//! ## What is here
//!
//! | module | holds |
//! |---|---|
//! | [`client`] | [`AdultWorkClient`], its options, tokens and per-call options |
//! | [`endpoint`] | the API's operations (each an `impl Endpoint` and a client method) |
//! | [`request`] | any other endpoint: [`ApiRequest`](request::ApiRequest) for [`AdultWorkClient::request`] |
//! | [`model`], [`requests`] | what the API answers and what callers send |
//! | [`rules`], [`options`] | the rule types those are made of (IDs, amounts, date-times, URLs…) |
//! | [`error`] | [`Error`], its kinds and details; [`Issue`], one problem at its path |
//! | [`prereq`], [`datetime`] | the documented prerequisites of a change, and the time zones they read |
//!
//! The crate compiles for the host target too (for `cargo check`, rust-analyzer and servers
//! sharing the types); only WebAssembly sends requests.

#![warn(missing_docs)]
#![cfg_attr(not(test), warn(clippy::unwrap_used, clippy::expect_used))]

mod check;
pub mod client;
pub mod datetime;
pub mod endpoint;
pub mod error;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
mod js;
pub mod model;
pub mod options;
pub mod prereq;
pub mod request;
pub mod requests;
mod retry;
pub mod rules;
mod server_message;
#[doc(hidden)]
pub mod testing;

pub use client::{AccessToken, AdultWorkClient, ClientOptions, RequestOptions, TokenError};
pub use error::{Error, Issue};
