//! The one call mechanism every endpoint uses: prepare, attempt, refresh on `401`, retry what
//! is safe to retry, validate, and settle with the result or an `AdultWorkError`.

use std::rc::Rc;

use js_sys::{JsString, Math, Promise, JSON};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;

use super::js::{self, to_js_error, Failure};
use super::token::Token;
use super::transport;
use crate::config::{self, CallSettings, Settings};
use crate::endpoint::{self, Endpoint, Prepared};
use crate::error::{Error, ErrorKind};
use crate::input::Given;
use crate::retry::{self, Outcome, RETRY_AFTER_CAP_MS};

/// A client's checked settings and token source, shared by its in-flight calls.
pub struct Shared {
    /// Base URL, time limit, retries.
    pub settings: Settings,
    /// Where tokens come from.
    pub token: Token,
}

impl Shared {
    /// Checks `options` (allowed keys: `keys`) into settings and a token source.
    pub fn from_options(options: &JsValue, keys: &[&str]) -> Result<Shared, Failure> {
        Shared::from_given(&js::given(options, keys), options, keys)
    }

    /// The same, from an already read description of `options`.
    pub fn from_given(given: &Given, options: &JsValue, keys: &[&str]) -> Result<Shared, Failure> {
        let settings = config::check_client(given, keys).map_err(|issues| {
            Error::invalid(ErrorKind::InvalidConfig, "Invalid client options", issues)
        })?;
        let token = js_sys::Reflect::get(options, &JsValue::from_str("accessToken"))
            .unwrap_or(JsValue::UNDEFINED);
        Ok(Shared {
            settings,
            token: Token::new(token),
        })
    }
}

/// Per-call options, checked.
pub struct Call {
    /// Time limit override.
    pub settings: CallSettings,
    /// The caller's `AbortSignal`, or `undefined`.
    pub signal: JsValue,
}

impl Call {
    /// Checks per-call `options` against `keys`.
    pub fn from_options(options: &JsValue, keys: &[&str]) -> Result<Call, Failure> {
        Call::from_given(&js::given(options, keys), options, keys)
    }

    /// The same, from an already read description of `options`.
    pub fn from_given(given: &Given, options: &JsValue, keys: &[&str]) -> Result<Call, Failure> {
        let settings = config::check_call(given, keys).map_err(|issues| {
            Error::invalid(ErrorKind::InvalidConfig, "Invalid request options", issues)
        })?;
        Ok(Call {
            settings,
            signal: js::signal_of(options),
        })
    }
}

/// One InvalidConfig error listing the issues of both, each path once (both checks report an
/// unknown key of the one-shot options, and options that are not an object at all).
pub fn merge_invalid(first: Failure, second: Failure) -> Failure {
    let mut issues = first.error.issues;
    for issue in second.error.issues {
        if !issues.iter().any(|i| i.path == issue.path) {
            issues.push(issue);
        }
    }
    Error::invalid(ErrorKind::InvalidConfig, "Invalid options", issues).into()
}

/// Runs `endpoint` for `request` with a checked client and call (`setup`) and returns the
/// caller's promise. Validation happens now, so a bad request is rejected without any I/O;
/// the promise rejects rather than the function throwing, as callers of an async API expect.
pub fn start(
    setup: Result<(Rc<Shared>, Call), Failure>,
    endpoint: &'static Endpoint,
    request: &JsValue,
) -> Promise {
    let names: Vec<&str> = endpoint.params.iter().map(|p| p.name).collect();
    let prepared = endpoint::prepare(endpoint, &js::given(request, &names));
    let (shared, call, prepared) = match (setup, prepared) {
        (Ok((shared, call)), Ok(prepared)) => (shared, call, prepared),
        (Err(f), _) => return Promise::reject(&to_js_error(f, None)),
        (Ok((shared, _)), Err(e)) => {
            return Promise::reject(&to_js_error(e.into(), shared.token.fixed().as_ref()))
        }
    };
    future_to_promise(async move {
        let mut secret = shared.token.fixed();
        run(&shared, &call, endpoint, &prepared, &mut secret)
            .await
            .map_err(|f| to_js_error(f, secret.as_ref()))
    })
}

async fn run(
    shared: &Shared,
    call: &Call,
    endpoint: &'static Endpoint,
    prepared: &Prepared,
    secret: &mut Option<JsString>,
) -> Result<JsValue, Failure> {
    let settings = &shared.settings;
    let timeout_ms = call.settings.timeout_ms.unwrap_or(settings.timeout_ms);
    let mut url = settings.base_url.clone();
    url.push_str(&prepared.path_and_query);

    let mut retries = 0;
    let mut rejected: Option<u32> = None; // a token generation the server refused
    loop {
        let lease = shared.token.lease(rejected);
        let (answer, used) = transport::send(
            endpoint.method.as_str(),
            &url,
            prepared.body.as_deref(),
            &lease.value,
            timeout_ms,
            &call.signal,
        )
        .await;
        if used.is_some() {
            *secret = used;
        }
        let aborted = matches!(&answer, Err(f) if f.error.kind == ErrorKind::Aborted);
        if !aborted {
            shared.token.settled(lease.generation);
        }

        let (failure, retry_after_ms) = match answer {
            Ok(a) if a.oversized => (Failure::from(endpoint::oversized(endpoint)), None),
            Ok(a) if (200..300).contains(&a.status) => {
                let json = endpoint::read_response(endpoint, prepared, &a.body)?;
                return JSON::parse(&json).map_err(|e| {
                    Failure::caused(ErrorKind::InvalidResponse, "JSON.parse failed", e)
                });
            }
            Ok(a) if a.status == 401 && shared.token.refreshable() && rejected.is_none() => {
                // One refresh, shared with every call that meets a 401 for the same token.
                rejected = Some(lease.generation);
                continue;
            }
            Ok(a) if a.redirect => (Failure::from(redirect_error(a.status)), None),
            Ok(a) => {
                let retry_after = a
                    .retry_after
                    .as_deref()
                    .and_then(|v| retry::parse_retry_after(v, js_sys::Date::now()));
                let said = crate::error::server_message(&a.body);
                let e = Error::http(a.status, said, retry_after);
                (Failure::from(e), retry_after)
            }
            Err(f) => (f, None),
        };
        let outcome = match (failure.error.kind, failure.error.status) {
            (_, Some(status)) => Outcome::Status(status),
            (ErrorKind::NetworkError, None) => Outcome::Network,
            (ErrorKind::Timeout, None) => Outcome::Timeout,
            _ => return Err(failure),
        };
        if retries >= settings.max_retries || !retry::retryable(outcome, endpoint.safe_to_repeat())
        {
            return Err(failure);
        }
        let wait = match retry_after_ms {
            Some(ms) => ms.min(RETRY_AFTER_CAP_MS),
            None => retry::backoff_ms(retries, Math::random()),
        };
        transport::sleep(wait, &call.signal).await?;
        retries += 1;
    }
}

fn redirect_error(status: u16) -> Error {
    let mut e = Error::new(
        ErrorKind::HttpError,
        "The server answered with a redirect, which the SDK does not follow: the access token must not travel to another address",
    );
    if status != 0 {
        e.status = Some(status);
    }
    e
}
