//! A local emulator of the AdultWork REST API for the SDK's browser tests, Node tests, demo
//! and example app.
//!
//! It speaks real HTTP/1.1 on a TCP port, answers CORS preflights, emulates three PhoneChat
//! "made booking" endpoints over shared in-memory state, and has a test-control API under
//! `/__emulator/` to reset state, read the request log, plant bookings and queue faults
//! (delays, canned statuses, dropped connections).
//!
//! | module            | what                                                          |
//! |-------------------|---------------------------------------------------------------|
//! | [`server`]        | listener, connection loop, CORS, request log line             |
//! | [`http`]          | parsing requests, writing responses                           |
//! | [`api`]           | the `/v1/PhoneChat/...` endpoints                              |
//! | [`control`]       | the `/__emulator/...` test-control API                        |
//! | [`faults`]        | fault definitions and the socket tricks behind them           |
//! | [`state`]         | bookings, request log, fault queue (one `Mutex`)              |
//! | [`seed`]          | the seeded bookings                                           |
//! | [`uktime`]        | UK wall-clock datetimes (GMT/BST) in std Rust                 |
//! | [`json`]          | order- and number-preserving JSON                             |
//! | [`static_files`]  | `--static DIR`                                                |
//!
//! Run it with `cargo run -p adultwork-emulator -- --port 0`; it prints
//! `listening on http://127.0.0.1:PORT` and serves until killed.

pub mod api;
pub mod control;
pub mod faults;
pub mod http;
pub mod json;
pub mod seed;
pub mod server;
pub mod state;
pub mod static_files;
pub mod uktime;

pub use server::{Config, Server};
