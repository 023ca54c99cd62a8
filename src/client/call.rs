//! One call, the same for the Rust methods and the JavaScript exports:
//!
//! 1. [`Prepared::of`]: the request's rules across fields are checked and it is put on the
//!    wire (a read's fields in the query, a change's in a JSON body);
//! 2. [`AdultWorkClient::exchange`]: attempts, each one `fetch` through the transport
//!    ([`super::transport::attempt`]) with a token from the client's provider, until an
//!    answer arrives or the retry policy ([`crate::retry::Policy`]) gives up;
//! 3. the endpoint reads the 2xx body ([`crate::endpoint::read_answer`]): checked against
//!    its answer type's description and matched with the request.
//!
//! Every failure is an [`Error`], with the access token redacted from whatever a server (or an
//! answer) echoed back.

use super::options::{RequestOptions, Secret};
use super::AdultWorkClient;
use crate::endpoint::{Endpoint, Method};
use crate::error::{Error, Issue};
use crate::requests::{self, Request};

/// A 2xx answer's body, or why it was not read (larger than the SDK reads).
pub(crate) type Body = Result<Vec<u8>, Issue>;

/// A request checked and on the wire.
#[derive(Debug)]
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) struct Prepared {
    pub(crate) method: Method,
    pub(crate) path: String,
    pub(crate) safe_to_repeat: bool,
    pub(crate) query: Vec<(String, String)>,
    pub(crate) body: Option<String>,
}

impl Prepared {
    /// Checks `request`'s rules across fields (its fields' own rules hold by their types)
    /// and puts it on the wire for endpoint `E`. Only the wire form's encoding is generic.
    pub(crate) fn of<E: Endpoint>(request: &E::Request) -> Result<Prepared, Error> {
        let mut issues = Vec::new();
        requests::checked(request, &mut issues);
        if !issues.is_empty() {
            return Err(Error::InvalidRequest {
                context: "Invalid request",
                issues,
            });
        }
        let mut prepared = Prepared {
            method: E::METHOD,
            path: E::path(request).to_owned(),
            safe_to_repeat: E::safe_to_repeat(),
            query: Vec::new(),
            body: None,
        };
        prepared.encode(&*request.on_wire())?;
        Ok(prepared)
    }

    /// Writes `wire`'s fields as the method carries them: serialized to a JavaScript value by
    /// serde-wasm-bindgen, then `JSON.stringify` for a body, or the entries for a query.
    #[cfg(target_arch = "wasm32")]
    fn encode<R: Request>(&mut self, wire: &R) -> Result<(), Error> {
        use js_sys::Object;
        use wasm_bindgen::JsCast;

        use crate::check::messages::js_number;

        let invalid = |message: String| Error::InvalidRequest {
            context: "Invalid request",
            issues: vec![Issue::new("", message)],
        };
        let value = wire
            .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
            .map_err(|e| invalid(e.to_string()))?;
        match self.method {
            Method::Post | Method::Put | Method::Delete => {
                let text = js_sys::JSON::stringify(&value)
                    .map_err(|_| invalid("JSON.stringify failed".into()))?;
                self.body = Some(String::from(text));
            }
            Method::Get => {
                let object: Object = value.unchecked_into();
                self.query = Object::entries(&object)
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
            }
        }
        Ok(())
    }

    /// Natively there is no `fetch` to send with: the request was checked, and that is all.
    #[cfg(not(target_arch = "wasm32"))]
    fn encode<R: Request>(&mut self, _wire: &R) -> Result<(), Error> {
        Err(no_fetch())
    }
}

/// The error of a call made outside WebAssembly.
#[cfg(not(target_arch = "wasm32"))]
fn no_fetch() -> Error {
    Error::InvalidConfig {
        context: "No fetch outside WebAssembly",
        issues: vec![Issue::new(
            "",
            "the client sends requests only when compiled to wasm32-unknown-unknown (in a \
             browser, a Web Worker or Node.js); built for this target it checks them, and that \
             is all",
        )],
    }
}

/// The result of the attempts: the 2xx body or the error, and the token the last attempt
/// used, to redact from whatever echoes it.
pub(crate) struct Exchanged {
    body: Result<Body, Error>,
    token: Option<Secret>,
}

impl Exchanged {
    /// The token the last attempt sent, to redact from what a later step echoes.
    #[cfg(all(target_arch = "wasm32", feature = "js"))]
    pub(crate) fn token(&self) -> Option<Secret> {
        self.token.clone()
    }

    /// Reads the body with `read` (the endpoint's answer reading); every error has the token
    /// redacted.
    pub(crate) fn read<T>(
        self,
        read: impl FnOnce(Result<&[u8], Issue>) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let token = self.token;
        self.body
            .and_then(|body| read(body.as_deref().map_err(Clone::clone)))
            .map_err(|error| redacted(error, token.as_ref()))
    }
}

/// `error` with the token (if any) redacted from whatever a server echoed.
pub(crate) fn redacted(mut error: Error, token: Option<&Secret>) -> Error {
    if let Some(token) = token {
        error.redact(token.expose());
    }
    error
}

impl AdultWorkClient {
    /// The attempts of one call, with this call's options: tokens, the `401` refresh, retries
    /// and waits. Not generic: every endpoint shares it.
    pub(crate) async fn exchange(
        &self,
        prepared: &Prepared,
        options: &RequestOptions,
    ) -> Exchanged {
        let mut token = self.inner.tokens.fixed().cloned();
        let body = self.attempts(prepared, options, &mut token).await;
        Exchanged { body, token }
    }

    #[cfg(target_arch = "wasm32")]
    async fn attempts(
        &self,
        prepared: &Prepared,
        options: &RequestOptions,
        token_used: &mut Option<Secret>,
    ) -> Result<Body, Error> {
        use super::signal::CallSignal;
        use super::transport::{attempt, Attempt};
        use crate::retry::{Decision, Policy};

        let inner = &self.inner;
        let settings = &inner.settings;
        let attempt_of = Attempt {
            method: prepared.method,
            url: format!("{}{}", settings.base_url, prepared.path),
            query: &prepared.query,
            body: prepared.body.as_deref(),
            fetch: inner.fetch.as_ref().map(|f| f.get()),
            timeout_ms: options.timeout_ms.map_or(settings.timeout_ms, |t| t.get()),
        };
        let max_retries = options
            .max_retries
            .map_or(settings.max_retries, |m| m.get());
        let call = CallSignal::new(options.signal.as_ref().map(|s| s.get()));
        if let Some(aborted) = call.caller_abort() {
            return Err(aborted);
        }
        let mut policy = Policy::new(
            max_retries,
            prepared.safe_to_repeat,
            inner.tokens.refreshable(),
        );
        let mut rejected: Option<u32> = None; // a token generation the server refused
        loop {
            let lease = inner.tokens.lease(rejected);
            let (ended, used) = attempt(&attempt_of, &call, &inner.tokens, &lease).await;
            if used.is_some() {
                *token_used = used;
            }
            let (error, retry_after_ms) = match ended {
                Ok(body) => return Ok(body),
                Err(failed) => failed,
            };
            match policy.decide(error, retry_after_ms, js_sys::Math::random()) {
                Decision::Fail(error) => return Err(error),
                Decision::Refresh => rejected = Some(lease.generation()),
                Decision::Retry { wait_ms } => call.sleep(wait_ms).await?,
            }
        }
    }

    /// Natively the request never leaves (and [`Prepared::of`] already said so).
    #[cfg(not(target_arch = "wasm32"))]
    async fn attempts(
        &self,
        _prepared: &Prepared,
        _options: &RequestOptions,
        _token_used: &mut Option<Secret>,
    ) -> Result<Body, Error> {
        Err(no_fetch())
    }
}
