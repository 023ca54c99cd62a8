//! The Rust API: [`AdultWorkClient`], its options, and the one call pipeline every endpoint
//! uses (its JavaScript exports too).
//!
//! For a Rust frontend compiled to `wasm32-unknown-unknown` (plain wasm-bindgen, Leptos,
//! Yew, Dioxus…). Depend on the crate with `default-features = false`, so that your `.wasm`
//! does not also export the npm package's JavaScript surface:
//!
//! ```toml
//! [dependencies]
//! adultwork-sdk = { version = "0.1", default-features = false }
//! ```
//!
//! Build a client once from [`ClientOptions`] (the token, and optionally the environment,
//! base URL, time limit and retries), then call an endpoint method. Every value is built
//! from checked types, so a request that reaches the network is a valid one; every failure
//! is an [`Error`] to match on.
//!
//! ```no_run
//! use adultwork_sdk::client::{AccessToken, AdultWorkClient, ClientOptions};
//! use adultwork_sdk::requests::CancelMadeBookingRequest;
//! use adultwork_sdk::rules::{BookingId, NonBlank};
//! use adultwork_sdk::Error;
//!
//! # async fn example() -> Result<(), Box<dyn std::error::Error>> {
//! let client = AdultWorkClient::new(ClientOptions::new(AccessToken::fixed("user-token")?));
//! let request = CancelMadeBookingRequest {
//!     booking_id: BookingId::try_from(1001)?,
//!     reason: NonBlank::try_from("Plans changed")?,
//! };
//! match client.cancel_made_booking(&request).await {
//!     Ok(booking) => println!("now {:?}", booking.status),
//!     Err(Error::Conflict(failure)) => println!("refused: {:?}", failure.server_message),
//!     Err(other) => println!("failed: {other}"),
//! }
//! # Ok(()) }
//! ```
//!
//! The client, its options, its errors and the futures of its methods are `Send + Sync`, so
//! frameworks that share state across threads in general (Leptos's `provide_context`,
//! `Action::new`) take them as they are. In the browser a Wasm instance lives on one thread
//! (a Web Worker runs its own), and the JavaScript values inside are only touched there.
//!
//! A call is cancelled by dropping its future (the `fetch` in flight is aborted and its
//! timer cleared), or through an `AbortSignal` in [`RequestOptions`].
//!
//! The crate also compiles for the host target (so `cargo check` and rust-analyzer work
//! without `--target`, and servers can share the types): there a call checks its request and
//! then fails with [`Error::InvalidConfig`], since only WebAssembly has the `fetch` it sends
//! with. `Send + Sync` is for single-threaded WebAssembly: off it, keep a client, a token
//! provider and a call's future on the thread that made them (the `send_wrapper` inside panics
//! if one is used or dropped on another thread, rather than share its `Rc` unsafely). The
//! request and answer types, the rule types and [`Error`] have no such limit.
//!
//! How a call works ([`call`](self) module): the request is checked and put on the wire,
//! attempts are made by the transport, each ending in an answer or an error that the retry
//! policy judges (retry after a wait, refresh the token once after a `401`, or give up), and
//! the answer's body is checked against the endpoint's answer type and matched with the
//! request. The JavaScript exports run the very same steps.

mod call;
pub mod options;
// The transport runs in WebAssembly only: natively a call stops once its request is checked.
#[cfg(target_arch = "wasm32")]
mod signal;
mod token;
#[cfg(target_arch = "wasm32")]
mod transport;

use std::fmt;
use std::future::Future;
use std::rc::Rc;

use send_wrapper::SendWrapper;

pub use crate::datetime::IntlZone;
use crate::endpoint::{read_answer, Endpoint};
use crate::error::Error;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
pub(crate) use call::redacted;
pub(crate) use call::Prepared;
pub use options::{
    AccessToken, ClientOptions, ClientSettings, FetchFn, RequestOptions, Secret, Signal,
    TokenError, TokenFuture, TokenProvider,
};
use token::Tokens;

/// A client holding checked options (token, base URL, time limit, retries) for many calls.
/// Cheap to clone: clones share the token provider's pending and refreshed tokens.
#[derive(Clone)]
pub struct AdultWorkClient {
    inner: SendWrapper<Rc<Inner>>,
}

struct Inner {
    settings: ClientSettings,
    tokens: Tokens,
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fetch: Option<FetchFn>,
}

/// Shows the settings, never the token.
impl fmt::Debug for AdultWorkClient {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = &self.inner.settings;
        f.debug_struct("AdultWorkClient")
            .field("base_url", &s.base_url)
            .field("timeout_ms", &s.timeout_ms)
            .field("max_retries", &s.max_retries)
            .field("access_token", &"[redacted]")
            .finish()
    }
}

impl AdultWorkClient {
    /// A client with these options (already checked by their types, so this cannot fail).
    ///
    /// Build it once and share it (clones are cheap and share the token provider's pending
    /// and refreshed tokens); making it sends nothing.
    ///
    /// # Example
    ///
    /// ```no_run
    /// use adultwork_sdk::client::{AccessToken, AdultWorkClient, ClientOptions};
    /// use adultwork_sdk::options::{BaseUrl, Environment, MaxRetries, TimeoutMs};
    ///
    /// # fn example() -> Result<(), adultwork_sdk::rules::Invalid> {
    /// // The sandbox, 30 s per attempt, 2 retries:
    /// let sandbox = AdultWorkClient::new(ClientOptions::new(AccessToken::fixed("user-token")?));
    ///
    /// // Production:
    /// let mut options = ClientOptions::new(AccessToken::fixed("user-token")?);
    /// options.environment = Some(Environment::Production);
    /// let production = AdultWorkClient::new(options);
    ///
    /// // A proxy or a local emulator (overrides `environment`), with other limits:
    /// let mut options = ClientOptions::new(AccessToken::fixed("user-token")?);
    /// options.base_url = Some("http://127.0.0.1:8080".parse::<BaseUrl>()?);
    /// options.timeout_ms = Some(TimeoutMs::try_from(10_000)?);
    /// options.max_retries = Some(MaxRetries::try_from(0)?);
    /// let local = AdultWorkClient::new(options);
    /// assert_eq!(local.settings().base_url, "http://127.0.0.1:8080");
    /// # Ok(()) }
    /// ```
    pub fn new(options: ClientOptions) -> Self {
        AdultWorkClient {
            inner: SendWrapper::new(Rc::new(Inner {
                settings: ClientSettings::of(&options),
                tokens: Tokens::new(options.access_token),
                fetch: options.fetch,
            })),
        }
    }

    /// Where the client sends requests, its time limit and retries (never its token).
    pub fn settings(&self) -> &ClientSettings {
        &self.inner.settings
    }

    /// The fixed token, if the client has one (to redact it from echoes of the caller's input).
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn fixed_token(&self) -> Option<&Secret> {
        self.inner.tokens.fixed()
    }

    /// Runs endpoint `E` for `request`: the mechanism behind every endpoint method, which
    /// call it with [`RequestOptions::default()`]. Call it directly to pass options of one
    /// call: an `AbortSignal`, or another time limit or number of retries.
    ///
    /// Dropping the returned future cancels the call: the `fetch` in flight is aborted (the
    /// server sees the connection close) and the attempt's timer is cleared.
    ///
    /// # Example
    ///
    /// ```no_run
    /// use adultwork_sdk::client::{AdultWorkClient, RequestOptions, Signal};
    /// use adultwork_sdk::endpoint::MadeBookingDetails;
    /// use adultwork_sdk::options::TimeoutMs;
    /// use adultwork_sdk::requests::MadeBookingDetailsRequest;
    /// use adultwork_sdk::rules::BookingId;
    ///
    /// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let controller = web_sys::AbortController::new().map_err(|_| "no AbortController")?;
    /// let options = RequestOptions {
    ///     signal: Some(Signal::from(controller.signal())),
    ///     timeout_ms: Some(TimeoutMs::try_from(5_000)?),
    ///     ..RequestOptions::default()
    /// };
    /// let request = MadeBookingDetailsRequest::from(BookingId::try_from(1001)?);
    /// // `controller.abort()` from elsewhere (a button) ends it with `Error::Aborted`.
    /// let booking = client.send::<MadeBookingDetails>(&request, &options).await?;
    /// # Ok(()) }
    /// ```
    pub fn send<'a, E: Endpoint>(
        &'a self,
        request: &'a E::Request,
        options: &'a RequestOptions,
    ) -> impl Future<Output = Result<E::Answer, Error>> + Send + 'a {
        // The call holds JavaScript values: it runs on the thread it was made on, which is
        // the only thread a Wasm instance has.
        SendWrapper::new(async move {
            let prepared = Prepared::of::<E>(request)?;
            let exchanged = self.exchange(&prepared, options).await;
            exchanged.read(|body| read_answer::<E>(request, body).map(|read| read.answer))
        })
    }
}
