//! A local emulator of the AdultWork REST API for the SDK's browser tests, Node tests, demo
//! and example app.
//!
//! It answers with the SDK's own types (the `adultwork-sdk` crate, natively): the seeded
//! bookings are the SDK's `MadeBooking` structs, serialized by the SDK's serde declaration.
//!
//! It speaks HTTP/1.1 on a TCP port (tokio + hyper, routing by axum, CORS by tower-http),
//! emulates the PhoneChat endpoints of [`api`] over shared in-memory state: the five "made
//! booking" ones (details, cancel, reschedule, create, delete), the performer's
//! `DeleteReceivedBooking`, a group manager's `MadeBookingDetails` for a member, and two whose
//! answers the public documentation gives only in part (`GetUserBookingRequirements`,
//! `GetSettings`). Its tokens act as a client, a performer, a group manager or a group member
//! ([`account`]). A test-control API under `/__emulator/` resets state, reads the request log,
//! plants bookings and queues faults (delays, canned statuses, dropped connections) for any
//! `/v1` route.
//!
//! | module            | what                                                             |
//! |-------------------|------------------------------------------------------------------|
//! | [`server`]        | runtime, listener, hyper connections, CORS, the per-request flow |
//! | [`exchange`]      | outcome of an exchange, stderr line, response body (cut short)   |
//! | [`api`]           | the `/v1/...` endpoints (axum router)                            |
//! | [`call`]          | [`call::Call`], the extractor every endpoint's handler takes:    |
//! |                   | the token checked, the body read as a JSON object                |
//! | [`account`]       | who the bearer tokens act as                                     |
//! | [`lifecycle`]     | `CreateBooking`, `DeleteMadeBookings`, `DeleteReceivedBooking`   |
//! | [`untyped`]       | `GetUserBookingRequirements` and `GetSettings`: answers the      |
//! |                   | public documentation gives only in part                          |
//! | [`control`]       | the `/__emulator/...` test-control API (axum router)             |
//! | [`faults`]        | fault definitions, parsed when posted                            |
//! | [`state`]         | bookings, request log, fault queue (one `Mutex`)                 |
//! | [`seed`]          | the seeded bookings, built as the SDK's own `MadeBooking`s, and  |
//! |                   | the PhoneChat users that can be booked                           |
//! | [`object`]        | a JSON object kept member by member (planted bookings as sent)   |
//! | [`clock`]         | UK wall-clock datetimes (Europe/London, with jiff) as the SDK's  |
//! |                   | `ApiDateTime`                                                    |
//! | [`reply`]         | building JSON and text responses                                 |
//! | [`static_files`]  | `--static DIR`                                                   |
//!
//! Run it with `cargo run -p adultwork-emulator -- --port 0`; it prints
//! `listening on http://127.0.0.1:PORT` and serves until killed.

pub mod account;
pub mod api;
pub mod call;
pub mod clock;
pub mod control;
pub mod exchange;
pub mod faults;
pub mod lifecycle;
pub mod object;
pub mod reply;
pub mod seed;
pub mod server;
pub mod state;
pub mod static_files;
pub mod untyped;

pub use server::{Config, Server};
