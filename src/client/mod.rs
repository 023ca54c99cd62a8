//! The Rust API: [`AdultWorkClient`] and the one call mechanism every endpoint uses.
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
//! A call is cancelled by dropping its future (the `fetch` in flight is aborted and its
//! timer cleared), or through an `AbortSignal` in [`RequestOptions`].
//!
//! How a call works: [`AdultWorkClient::send`] prepares the request from its serde type,
//! takes a token, sends one attempt (the private `transport` module), refreshes once on a
//! `401` when the token comes from a provider, retries what is safe to retry
//! ([`crate::retry`]), checks the answer against the endpoint's answer type (the one engine)
//! and checks it against the request. Every failure is an [`Error`], with the token redacted
//! from whatever a server echoed.

pub mod options;
pub(crate) mod token;
pub(crate) mod transport;

use std::fmt;
use std::rc::Rc;

use js_sys::{JsString, Math, Object};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};

pub use crate::datetime::IntlZone;
pub use options::{
    AccessToken, ClientOptions, ClientSettings, FetchFn, RequestOptions, Secret, Signal,
    TokenError, TokenFuture, TokenProvider,
};
use token::{Lease, Tokens};
use transport::{Answer, AttemptSignal, Broken, CallSignal, Outgoing};

use crate::check::messages::{described, js_number};
use crate::endpoint::{Endpoint, Method};
use crate::error::{Cause, Error, HttpFailure, Issue};
use crate::retry::{self, Outcome, RETRY_AFTER_CAP_MS};
use crate::server_message::server_message;

/// A client holding checked options (token, base URL, time limit, retries) for many calls.
/// Cheap to clone: clones share the token provider's pending and refreshed tokens.
#[derive(Clone)]
pub struct AdultWorkClient {
    inner: Rc<Inner>,
}

struct Inner {
    settings: ClientSettings,
    tokens: Tokens,
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
            inner: Rc::new(Inner {
                settings: ClientSettings::of(&options),
                tokens: Tokens::new(options.access_token),
                fetch: options.fetch,
            }),
        }
    }

    /// Where the client sends requests, its time limit and retries (never its token).
    pub fn settings(&self) -> &ClientSettings {
        &self.inner.settings
    }

    /// The fixed token, if the client has one (to redact it from echoes of the caller's input).
    #[cfg(feature = "js")]
    pub(crate) fn fixed_token(&self) -> Option<&Secret> {
        self.inner.tokens.fixed()
    }

    /// Runs endpoint `E` for `request`: the mechanism behind every endpoint method, which
    /// call it with [`RequestOptions::default()`]. Call it directly to pass options of one
    /// call: an `AbortSignal`, or another time limit or number of retries.
    ///
    /// Only the steps that need `E`'s types are generic (checking the request, putting it on
    /// the wire, reading the answer); they run around the exchange with the server, which every
    /// endpoint shares.
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
    /// use adultwork_sdk::requests::BookingIdRequest;
    /// use adultwork_sdk::rules::BookingId;
    ///
    /// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let controller = web_sys::AbortController::new().map_err(|_| "no AbortController")?;
    /// let options = RequestOptions {
    ///     signal: Some(Signal(controller.signal())),
    ///     timeout_ms: Some(TimeoutMs::try_from(5_000)?),
    ///     ..RequestOptions::default()
    /// };
    /// let request = BookingIdRequest { booking_id: BookingId::try_from(1001)? };
    /// // `controller.abort()` from elsewhere (a button) ends it with `Error::Aborted`.
    /// let booking = client.send::<MadeBookingDetails>(&request, &options).await?;
    /// # Ok(()) }
    /// ```
    pub async fn send<E: Endpoint>(
        &self,
        request: &E::Request,
        options: &RequestOptions,
    ) -> Result<E::Answer, Error> {
        let mut issues = Vec::new();
        crate::requests::checked(request, &mut issues);
        if !issues.is_empty() {
            return Err(Error::InvalidRequest {
                context: "Invalid request",
                issues,
            });
        }
        let wire = wire::<E>(&crate::requests::Request::on_wire(request));
        let (answered, token_used) = self.transact(wire, options).await;
        answered
            .and_then(|body| {
                let body = body.as_deref().map_err(Clone::clone);
                crate::endpoint::read_answer::<E>(request, body).map(|read| read.answer)
            })
            .map_err(|error| redacted(error, token_used.as_ref()))
    }

    /// Sends `wire` (or stops with why it could not be built) and returns the body of the 2xx
    /// answer (or why it was not read), with the token the last attempt used (to redact it
    /// from what the server echoed). Not generic: every endpoint shares it.
    pub(crate) async fn transact(
        &self,
        wire: Result<Wire, Error>,
        options: &RequestOptions,
    ) -> (Result<Result<Vec<u8>, Issue>, Error>, Option<Secret>) {
        let mut token_used = self.inner.tokens.fixed().cloned();
        let answered = match wire {
            Ok(wire) => self.exchange(&wire, options, &mut token_used).await,
            Err(error) => Err(error),
        };
        (answered, token_used)
    }

    /// Everything of a call that does not depend on its types (so the `.wasm` holds it once):
    /// tokens, attempts, the `401` refresh, retries and waits. Returns the parsed JSON of the
    /// 2xx answer (or why it was not read).
    async fn exchange(
        &self,
        wire: &Wire,
        options: &RequestOptions,
        token_used: &mut Option<Secret>,
    ) -> Result<Result<Vec<u8>, Issue>, Error> {
        let inner = &self.inner;
        let Wire {
            method,
            path,
            safe_to_repeat,
            query,
            body,
        } = wire;
        let url = format!("{}{}", inner.settings.base_url, path);
        let timeout_ms = options
            .timeout_ms
            .map_or(inner.settings.timeout_ms, |t| t.get());
        let max_retries = options
            .max_retries
            .map_or(inner.settings.max_retries, |m| m.get());
        let call = CallSignal::new(options.signal.as_ref().map(|s| &s.0));
        if let Some(aborted) = call.caller_abort() {
            return Err(aborted);
        }
        let mut retries = 0;
        let mut rejected: Option<u32> = None; // a token generation the server refused
        loop {
            let lease = inner.tokens.lease(rejected);
            let mut attempt = AttemptSignal::new(&call, timeout_ms)?;
            let token = match &lease {
                Lease::Fixed(secret) => secret.clone(),
                Lease::Pending { promise, .. } => {
                    let settled = attempt.race(promise.clone()).await;
                    if let Some(stopped) = attempt.stopped(&call, timeout_ms) {
                        return Err(stopped);
                    }
                    inner.tokens.settled(&lease);
                    match settled {
                        Ok(value) => token_from(value)?,
                        Err(thrown) => {
                            return Err(Error::Unauthorized {
                                status: None,
                                server_message: None,
                                retry_after_ms: None,
                                cause: Cause(Some(thrown)),
                            })
                        }
                    }
                }
            };
            *token_used = Some(token.clone());
            let outgoing = Outgoing {
                method: *method,
                url: &url,
                query,
                body: body.as_ref(),
                token: token.expose(),
                fetch: inner.fetch.as_ref().map(|f| &f.0),
            };
            let exchanged = transport::exchange(&outgoing, &mut attempt).await;
            let stopped = attempt.stopped(&call, timeout_ms);
            if !matches!(stopped, Some(Error::Aborted { .. })) {
                // A caller's abort says nothing about the provider's token.
                inner.tokens.settled(&lease);
            }
            drop(attempt);
            let (failure, retry_after_ms) = match exchanged {
                Ok(Answer::Success(parsed)) => return Ok(parsed),
                Ok(Answer::Failure { status: 401, .. })
                    if inner.tokens.refreshable() && rejected.is_none() =>
                {
                    // One refresh, shared with every call that meets a 401 for the same token.
                    rejected = Some(match lease {
                        Lease::Pending { generation, .. } => generation,
                        Lease::Fixed(_) => 0,
                    });
                    continue;
                }
                Ok(Answer::Redirect(status)) => (
                    Error::HttpError(HttpFailure {
                        status,
                        server_message: None,
                        retry_after_ms: None,
                    }),
                    None,
                ),
                Ok(Answer::Failure {
                    status,
                    body,
                    retry_after,
                }) => {
                    let retry_after = retry_after
                        .as_deref()
                        .and_then(|v| retry::parse_retry_after(v, js_sys::Date::now()));
                    let said = server_message(&body);
                    (Error::http(status, said, retry_after), retry_after)
                }
                Err(Broken::Threw(thrown)) => (
                    stopped.unwrap_or_else(|| Error::NetworkError {
                        method: method.as_str(),
                        url: url.clone(),
                        detail: transport::innermost_message(&thrown),
                        cause: Cause(Some(thrown)),
                    }),
                    None,
                ),
                Err(Broken::Error(error)) => (error, None),
            };
            let outcome = match &failure {
                Error::NetworkError { .. } => Outcome::Network,
                Error::Timeout {
                    by_signal: false, ..
                } => Outcome::Timeout,
                other => match other.status() {
                    Some(status) => Outcome::Status(status),
                    None => return Err(failure),
                },
            };
            if retries >= max_retries || !retry::retryable(outcome, *safe_to_repeat) {
                return Err(failure);
            }
            let wait = match retry_after_ms {
                Some(ms) => ms.min(RETRY_AFTER_CAP_MS),
                None => retry::backoff_ms(retries, Math::random()),
            };
            call.sleep(wait).await?;
            retries += 1;
        }
    }
}

/// A request on the wire: the fields of a read in the query, of a change in a JSON body.
pub(crate) struct Wire {
    method: Method,
    path: &'static str,
    safe_to_repeat: bool,
    query: Vec<(String, String)>,
    body: Option<JsString>,
}

/// `error` with the token (if any) redacted from whatever a server echoed.
pub(crate) fn redacted(mut error: Error, token: Option<&Secret>) -> Error {
    if let Some(token) = token {
        error.redact(token.expose());
    }
    error
}

/// Puts endpoint `E`'s request on the wire (only the serialization is generic).
pub(crate) fn wire<E: Endpoint>(request: &E::Request) -> Result<Wire, Error> {
    let value = request.serialize(&serde_wasm_bindgen::Serializer::json_compatible());
    wire_of(E::METHOD, E::PATH, E::safe_to_repeat(), value)
}

/// A serialized request on the wire.
fn wire_of(
    method: Method,
    path: &'static str,
    safe_to_repeat: bool,
    value: Result<JsValue, serde_wasm_bindgen::Error>,
) -> Result<Wire, Error> {
    let invalid = |message: String| Error::InvalidRequest {
        context: "Invalid request",
        issues: vec![Issue::new("", message)],
    };
    let value = value.map_err(|e| invalid(e.to_string()))?;
    let mut wire = Wire {
        method,
        path,
        safe_to_repeat,
        query: Vec::new(),
        body: None,
    };
    match method {
        Method::Post => {
            let text = js_sys::JSON::stringify(&value)
                .map_err(|_| invalid("JSON.stringify failed".into()))?;
            wire.body = Some(text);
        }
        Method::Get => {
            let object: Object = value.unchecked_into();
            let query: Vec<(String, String)> = Object::entries(&object)
                .iter()
                .filter_map(|entry| {
                    let pair: js_sys::Array = entry.unchecked_into();
                    let key = pair.get(0).as_string()?;
                    let value = pair.get(1);
                    let text = value
                        .as_string()
                        .or_else(|| value.as_f64().map(js_number))
                        .or_else(|| value.as_bool().map(|b| b.to_string()))?;
                    Some((key, text))
                })
                .collect();
            wire.query = query;
        }
    }
    Ok(wire)
}

/// A provider's result as a token, or why it is not one.
fn token_from(value: JsValue) -> Result<Secret, Error> {
    let refused = |message: String| Error::InvalidConfig {
        context: "Invalid access token",
        issues: vec![Issue::new("accessToken", message)],
    };
    let Some(token) = value.as_string() else {
        return Err(refused(format!(
            "the function returned {}; expected a non-empty string",
            described(
                &crate::check::messages::shape_of(&value),
                value.as_string().as_deref()
            )
        )));
    };
    match AccessToken::fixed(token) {
        Ok(AccessToken::Fixed(secret)) => Ok(secret),
        Ok(AccessToken::Provider(_)) => Err(refused("the function returned a function".into())),
        Err(invalid) => Err(refused(format!(
            "the function returned {}: {}",
            invalid.got,
            invalid.why.unwrap_or("not a token")
        ))),
    }
}

/// Makes `AdultWorkClient`'s method for each endpoint of [`crate::endpoint::endpoints!`].
macro_rules! endpoint_methods {
    ($(
        $(#[doc = $doc:literal])*
        js { $(#[doc = $js_doc:literal])* }
        $method:ident $path:literal => $name:ident($request:ty) -> $answer:ty,
            check: $check:expr,
            $(unreadable: $unreadable:literal,)?
            names: $rust:ident / $js:ident;
    )*) => {        impl crate::client::AdultWorkClient {
            $(
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = "# Example"]
                #[doc = ""]
                #[doc = "```no_run"]
                #[doc = concat!("# use adultwork_sdk::{AdultWorkClient, Error, requests::", stringify!($request), "};")]
                #[doc = concat!("# async fn example(client: &AdultWorkClient, request: &", stringify!($request), ") -> Result<(), Error> {")]
                #[doc = concat!("let answer = client.", stringify!($rust), "(request).await?;")]
                #[doc = "# Ok(()) }"]
                #[doc = "```"]
                pub async fn $rust(&self, request: &$request) -> Result<$answer, crate::Error> {
                    self.send::<$name>(request, &crate::client::RequestOptions::default()).await
                }
            )*
        }
    };
}

/// The endpoints' Rust methods (`client.cancel_made_booking(&request)`).
mod endpoint_methods {
    // The entries' type names resolve here (not every name is used by every module).
    #[allow(unused_imports)]
    use crate::{endpoint::*, model::*, requests::*};
    crate::endpoint::endpoints!(endpoint_methods);
}
