//! The options of a client and of one call. The same structs serve the Rust API (built in Rust)
//! and the npm package (read from JavaScript objects by the engine, strictly: an unknown key is
//! refused with a "did you mean" hint); tsify derives their TypeScript declarations.
//!
//! Every option type is `Send + Sync`, so that a client and its options can live in a Rust
//! frontend's shared state (Leptos's `provide_context`, Yew's and Dioxus's contexts). The
//! JavaScript values some options hold (a function, an `AbortSignal`) are kept in a
//! [`SendWrapper`]: a browser's main thread and a Web Worker each run their own Wasm instance,
//! so a value is only ever used on the thread that made it (a use on another would panic).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use adultwork_sdk_derive::Described;
use js_sys::Function;
use send_wrapper::SendWrapper;
use serde::Serialize;
#[cfg(feature = "js")]
use tsify::Tsify;
#[cfg(all(target_arch = "wasm32", feature = "js"))]
use wasm_bindgen::JsCast;
use web_sys::AbortSignal;

use crate::check::{Described, Description, FromChecked, JsTest, Kind, Rule, Test, Value};
use crate::options::{BaseUrl, Environment, MaxRetries, TimeoutMs};

/// The future a Rust token provider returns (see [`AccessToken::provider`]).
pub type TokenFuture = Pin<Box<dyn Future<Output = Result<String, TokenError>>>>;

/// Why a token provider could not give a token. The call then fails with
/// [`Error::Unauthorized`](crate::Error::Unauthorized) without a `status`, and this message
/// becomes the `message` of the JavaScript `Error` in its `cause`.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{0}")]
pub struct TokenError(pub String);

/// The access token, a string the SDK never shows (its `Debug` is `[redacted]`). Made by
/// [`AccessToken::fixed`], which checks it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// The token itself, for the `Authorization` header. Keep it out of logs.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// Where access tokens come from. The SDK never does OAuth: refreshing needs the client
/// secret, so it belongs on a server.
///
/// Its `Debug` never shows the token: `Fixed([redacted])` or `Provider(..)`.
#[derive(Clone)]
pub enum AccessToken {
    /// A token that does not change.
    Fixed(Secret),
    /// A function asked for a token whenever a request needs one, and once more after a
    /// `401` (concurrent calls share its pending result and its refresh).
    Provider(TokenProvider),
}

/// A function that returns an access token.
#[derive(Clone)]
pub enum TokenProvider {
    /// A JavaScript function returning a string or a promise of one.
    Js(SendWrapper<Function>),
    /// A Rust function returning a future of one.
    Rust(SendWrapper<Rc<dyn Fn() -> TokenFuture>>),
}

impl fmt::Debug for AccessToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AccessToken::Fixed(_) => f.write_str("Fixed([redacted])"),
            AccessToken::Provider(_) => f.write_str("Provider(..)"),
        }
    }
}

impl AccessToken {
    /// A fixed token; refused when blank or not a valid HTTP header value (a line break, or
    /// a character outside Latin-1). A `401` with a fixed token is final: there is nothing to
    /// refresh.
    ///
    /// # Example
    ///
    /// ```no_run
    /// use adultwork_sdk::client::{AccessToken, AdultWorkClient, ClientOptions};
    ///
    /// let token = AccessToken::fixed("user-token").expect("a token");
    /// let client = AdultWorkClient::new(ClientOptions::new(token));
    ///
    /// let refused = AccessToken::fixed("  ").unwrap_err();
    /// assert_eq!(refused.why, Some("it is blank"));
    /// ```
    pub fn fixed(token: impl Into<String>) -> Result<Self, crate::error::Invalid> {
        let token = token.into();
        match token_problem(&token) {
            None => Ok(AccessToken::Fixed(Secret(token))),
            Some(why) => Err(crate::error::Invalid {
                expected: TOKEN_EXPECTED,
                got: if token.trim().is_empty() {
                    "a blank string".into()
                } else {
                    "a string".into()
                },
                why: Some(why),
            }),
        }
    }

    /// Tokens from a Rust function, called whenever a request needs one. Calls that start
    /// while its future is pending share that future's token; after a `401` it is called
    /// once more, and concurrent calls that meet the `401` share that one refresh. An
    /// `Err(TokenError)` fails the call with `Unauthorized` (no `status`); a blank token, or
    /// one that cannot be an HTTP header, with `InvalidConfig`. The future is not bounded by
    /// anything but the call's time limit and signal.
    ///
    /// # Example
    ///
    /// ```no_run
    /// use adultwork_sdk::client::{AccessToken, AdultWorkClient, ClientOptions, TokenError};
    ///
    /// /// Asks the app's own server for a fresh token (it holds the OAuth client secret).
    /// async fn fetch_token() -> Result<String, TokenError> {
    ///     # let from_my_server: Result<String, String> = Ok("user-token".into());
    ///     from_my_server.map_err(TokenError)
    /// }
    ///
    /// let client = AdultWorkClient::new(ClientOptions::new(AccessToken::provider(fetch_token)));
    /// ```
    pub fn provider<F, Fut>(f: F) -> Self
    where
        F: Fn() -> Fut + 'static,
        Fut: Future<Output = Result<String, TokenError>> + 'static,
    {
        let provider: Rc<dyn Fn() -> TokenFuture> = Rc::new(move || Box::pin(f()));
        AccessToken::Provider(TokenProvider::Rust(SendWrapper::new(provider)))
    }
}

const TOKEN_EXPECTED: &str = "a non-empty string or a function returning one";

/// Why a token cannot be used in an `Authorization` header, if it cannot.
pub(crate) fn token_problem(token: &str) -> crate::check::Refusal {
    if token.trim().is_empty() {
        Some("it is blank")
    } else if token
        .chars()
        .any(|c| u32::from(c) > 0xFF || matches!(c, '\r' | '\n' | '\0'))
    {
        Some("it is not a valid HTTP header value (a line break or a character outside Latin-1)")
    } else {
        None
    }
}

/// A JavaScript value a rule accepted (in an option), described by the test it passed.
macro_rules! js_leaf {
    ($ty:ty, $expected:expr, $test:expr) => {
        impl Described for $ty {
            const DESCRIPTION: &'static Description = &Description {
                name: stringify!($ty),
                kind: Kind::Rule(Rule {
                    expected: $expected,
                    test: Test::Js($test),
                }),
            };
        }
    };
}

js_leaf!(AccessToken, TOKEN_EXPECTED, JsTest::Token(token_problem));
js_leaf!(Signal, "an AbortSignal", JsTest::AbortSignal);
js_leaf!(
    FetchFn,
    "a function with the signature of fetch",
    JsTest::Function
);

impl FromChecked for AccessToken {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Text(token) => Some(AccessToken::Fixed(Secret(token.into_owned()))),
            #[cfg(all(target_arch = "wasm32", feature = "js"))]
            Value::Js(function) => function
                .dyn_into::<Function>()
                .ok()
                .map(|f| AccessToken::Provider(TokenProvider::Js(SendWrapper::new(f)))),
            // A stand-in (never used: the options had a problem).
            Value::Absent => Some(AccessToken::Fixed(Secret("-".into()))),
            _ => None,
        }
    }
}

/// The caller's `AbortSignal` (`web_sys::AbortSignal`), for [`RequestOptions::signal`]: aborting
/// it ends the call with `Aborted`, or `Timeout` when the reason is a `TimeoutError`
/// (`AbortSignal::timeout_with_u32`). Made with `Signal::from(controller.signal())`.
#[derive(Debug, Clone)]
pub struct Signal(SendWrapper<AbortSignal>);

impl From<AbortSignal> for Signal {
    fn from(signal: AbortSignal) -> Self {
        Signal(SendWrapper::new(signal))
    }
}

impl Signal {
    /// The `AbortSignal`.
    pub fn get(&self) -> &AbortSignal {
        &self.0
    }
}

impl FromChecked for Signal {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            #[cfg(all(target_arch = "wasm32", feature = "js"))]
            Value::Js(signal) => signal.dyn_into::<AbortSignal>().ok().map(Signal::from),
            _ => None,
        }
    }
}

/// A function with the signature of `fetch`, called instead of the global one. Made with
/// `FetchFn::from(function)`.
#[derive(Debug, Clone)]
pub struct FetchFn(SendWrapper<Function>);

impl From<Function> for FetchFn {
    fn from(function: Function) -> Self {
        FetchFn(SendWrapper::new(function))
    }
}

impl FetchFn {
    /// The function.
    pub fn get(&self) -> &Function {
        &self.0
    }
}

impl FromChecked for FetchFn {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            #[cfg(all(target_arch = "wasm32", feature = "js"))]
            Value::Js(function) => function.dyn_into::<Function>().ok().map(FetchFn::from),
            _ => None,
        }
    }
}

/// Options of an `AdultWorkClient` and of the one-shot functions.
///
/// Unknown keys are refused (`InvalidConfig`), so a misspelt option never goes unnoticed.
#[derive(Debug, Clone, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ClientOptions {
    /// The user's OAuth access token, or a function returning it (sync or async). A function
    /// is called whenever a request needs a token (calls that start while it is pending share
    /// its result) and once more after a `401`, whose refresh concurrent calls share. The SDK
    /// never does OAuth itself: refreshing needs the client secret, so it belongs on a server.
    #[cfg_attr(
        feature = "js",
        tsify(type = "string | (() => string | Promise<string>)")
    )]
    pub access_token: AccessToken,
    /// `"sandbox"` (default) or `"production"`.
    #[serde(default)]
    pub environment: Option<Environment>,
    /// Overrides `environment`, e.g. for a proxy or a local emulator. Must be `https:`; `http:`
    /// only for `localhost`, `127.0.0.1` and `[::1]`. No query or fragment.
    #[serde(default)]
    pub base_url: Option<BaseUrl>,
    /// Time limit of each attempt in milliseconds, 1 to 600000 (default 30000).
    #[serde(default)]
    pub timeout_ms: Option<TimeoutMs>,
    /// Extra attempts after a `429` or `503` (and, for reads, after network errors, timeouts,
    /// `502` and `504`), 0 to 10 (default 2).
    #[serde(default)]
    pub max_retries: Option<MaxRetries>,
    /// Called instead of the global `fetch`, with one `Request` the SDK built: for mocks,
    /// proxies and instrumentation. It must resolve to a `Response` (or reject, which is a
    /// `NetworkError`).
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(type = "typeof globalThis.fetch | undefined"))]
    pub fetch: Option<FetchFn>,
}

impl ClientOptions {
    /// Options with `access_token` and every default: the sandbox, 30 s per attempt, 2 retries.
    /// Change the public fields to set the others; each holds a checked type, so the options
    /// are valid once built.
    ///
    /// # Example
    ///
    /// ```no_run
    /// use adultwork_sdk::client::{AccessToken, ClientOptions};
    /// use adultwork_sdk::options::{Environment, TimeoutMs};
    ///
    /// # fn example() -> Result<(), adultwork_sdk::rules::Invalid> {
    /// let mut options = ClientOptions::new(AccessToken::fixed("user-token")?);
    /// options.environment = Some(Environment::Production);
    /// options.timeout_ms = Some(TimeoutMs::try_from(10_000)?);
    /// # Ok(()) }
    /// ```
    pub fn new(access_token: AccessToken) -> Self {
        ClientOptions {
            access_token,
            environment: None,
            base_url: None,
            timeout_ms: None,
            max_retries: None,
            fetch: None,
        }
    }
}

/// Options of one call.
// Rust-only docs go in `cfg_attr(doc, …)`: tsify copies a struct's doc comments into the
// npm package's TypeScript declarations, and those are built without `cfg(doc)`.
#[cfg_attr(
    doc,
    doc = "",
    doc = "In Rust, pass them to [`AdultWorkClient::send`](crate::client::AdultWorkClient::send);",
    doc = "the endpoint methods use `RequestOptions::default()` (the client's limits, no signal).",
    doc = "",
    doc = "# Example",
    doc = "",
    doc = "```no_run",
    doc = "use adultwork_sdk::client::{AdultWorkClient, RequestOptions, Signal};",
    doc = "use adultwork_sdk::endpoint::CancelMadeBooking;",
    doc = "use adultwork_sdk::options::{MaxRetries, TimeoutMs};",
    doc = "use adultwork_sdk::requests::CancelMadeBookingRequest;",
    doc = "",
    doc = "# async fn example(client: &AdultWorkClient, request: &CancelMadeBookingRequest)",
    doc = "# -> Result<(), Box<dyn std::error::Error>> {",
    doc = "let controller = web_sys::AbortController::new().map_err(|_| \"no AbortController\")?;",
    doc = "let options = RequestOptions {",
    doc = "    signal: Some(Signal::from(controller.signal())),",
    doc = "    timeout_ms: Some(TimeoutMs::try_from(5_000)?),",
    doc = "    max_retries: Some(MaxRetries::try_from(0)?),",
    doc = "};",
    doc = "let booking = client.send::<CancelMadeBooking>(request, &options).await?;",
    doc = "# Ok(()) }",
    doc = "```"
)]
#[derive(Debug, Clone, Default, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RequestOptions {
    /// Aborting it rejects the call with kind `"Aborted"` (its `reason` as the error's
    /// `cause`; `"Timeout"` when the reason is a `TimeoutError`, as from
    /// `AbortSignal.timeout()`) and cancels the underlying `fetch`.
    #[serde(default)]
    #[cfg_attr(feature = "js", tsify(type = "AbortSignal | undefined"))]
    pub signal: Option<Signal>,
    /// Overrides the client's `timeoutMs` for this call.
    #[serde(default)]
    pub timeout_ms: Option<TimeoutMs>,
    /// Overrides the client's `maxRetries` for this call.
    #[serde(default)]
    pub max_retries: Option<MaxRetries>,
}

/// A client's settings without its token, as `toJSON()` and `toString()` show them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[serde(rename_all = "camelCase")]
pub struct ClientSettings {
    /// Where requests go.
    pub base_url: String,
    /// The time limit of each attempt, in milliseconds.
    pub timeout_ms: u32,
    /// Extra attempts allowed.
    pub max_retries: u32,
}

impl ClientSettings {
    /// The settings `options` ask for, defaults filled in.
    pub fn of(options: &ClientOptions) -> Self {
        ClientSettings {
            base_url: match &options.base_url {
                Some(url) => url.as_str().to_owned(),
                None => options
                    .environment
                    .unwrap_or_default()
                    .base_url()
                    .to_owned(),
            },
            timeout_ms: options.timeout_ms.unwrap_or(TimeoutMs::DEFAULT).get(),
            max_retries: options.max_retries.unwrap_or(MaxRetries::DEFAULT).get(),
        }
    }
}
