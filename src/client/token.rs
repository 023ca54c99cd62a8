//! The access token of each attempt: a fixed one, or a provider's, with shared invocations.
//!
//! A provider is asked when a request needs a token. Calls that start while an invocation is
//! still pending share it, and after a `401` the refresh is shared too: each attempt remembers
//! the generation of the invocation it used, and a call whose rejected generation is older
//! than the newest invocation reuses that invocation instead of starting another. Twenty
//! concurrent calls that all meet a `401` therefore ask the provider exactly twice. Every
//! invocation is a JavaScript promise (a Rust provider's future is turned into one), so any
//! number of calls can await the same one.

// Natively a client keeps its token but never asks for one: a call stops before it sends.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

use std::cell::RefCell;

use js_sys::Promise;
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::future_to_promise;

use super::options::{AccessToken, Secret, TokenProvider};

/// Where a client's tokens come from, and the newest invocation of its provider.
pub(crate) struct Tokens {
    token: AccessToken,
    latest: RefCell<Option<Invocation>>,
}

#[derive(Clone)]
struct Invocation {
    generation: u32,
    promise: Promise,
    pending: bool,
}

/// The token of one attempt.
pub(crate) enum Lease {
    /// The fixed token.
    Fixed(Secret),
    /// A provider's invocation, to be awaited.
    Pending {
        /// Resolves to the token (or whatever the provider returned).
        promise: Promise,
        /// Which invocation it is.
        generation: u32,
    },
}

impl Lease {
    /// Which invocation of the provider it is (0 for a fixed token).
    pub(crate) fn generation(&self) -> u32 {
        match self {
            Lease::Fixed(_) => 0,
            Lease::Pending { generation, .. } => *generation,
        }
    }
}

impl Tokens {
    pub(crate) fn new(token: AccessToken) -> Tokens {
        Tokens {
            token,
            latest: RefCell::new(None),
        }
    }

    /// The fixed token, if the client has one.
    pub(crate) fn fixed(&self) -> Option<&Secret> {
        match &self.token {
            AccessToken::Fixed(secret) => Some(secret),
            AccessToken::Provider(_) => None,
        }
    }

    /// Whether a `401` can be answered by asking for a new token.
    pub(crate) fn refreshable(&self) -> bool {
        matches!(self.token, AccessToken::Provider(_))
    }

    /// A token for an attempt. After a `401`, `rejected` is the generation the server refused.
    pub(crate) fn lease(&self, rejected: Option<u32>) -> Lease {
        let provider = match &self.token {
            AccessToken::Fixed(secret) => return Lease::Fixed(secret.clone()),
            AccessToken::Provider(provider) => provider,
        };
        // Single-threaded and never re-entered, so the borrow cannot fail; if it ever did, a
        // fresh invocation is the safe answer (no panic path in the .wasm).
        let Ok(mut latest) = self.latest.try_borrow_mut() else {
            return Lease::Pending {
                promise: invoke(provider),
                generation: 0,
            };
        };
        let reuse = match (latest.as_ref(), rejected) {
            (Some(inv), None) if inv.pending => Some(inv.clone()),
            (Some(inv), Some(stale)) if inv.generation > stale => Some(inv.clone()),
            _ => None,
        };
        let inv = reuse.unwrap_or_else(|| {
            let inv = Invocation {
                generation: latest.as_ref().map_or(1, |i| i.generation.wrapping_add(1)),
                promise: invoke(provider),
                pending: true,
            };
            *latest = Some(inv.clone());
            inv
        });
        Lease::Pending {
            promise: inv.promise,
            generation: inv.generation,
        }
    }

    /// Marks an invocation as done once an attempt that used it has ended (unless the caller
    /// aborted it, which says nothing about the provider), so the next request asks afresh.
    pub(crate) fn settled(&self, lease: &Lease) {
        let Lease::Pending { generation, .. } = lease else {
            return;
        };
        if let Ok(mut latest) = self.latest.try_borrow_mut() {
            if let Some(inv) = latest.as_mut().filter(|inv| inv.generation == *generation) {
                inv.pending = false;
            }
        }
    }
}

/// Asks the provider once; a synchronous throw becomes a rejection and a thenable is adopted,
/// so the caller awaits one shape.
fn invoke(provider: &TokenProvider) -> Promise {
    match provider {
        TokenProvider::Js(function) => match function.call0(&JsValue::UNDEFINED) {
            Ok(value) => Promise::resolve(&value),
            Err(thrown) => Promise::reject(&thrown),
        },
        TokenProvider::Rust(function) => {
            let future = function();
            future_to_promise(async move {
                match future.await {
                    Ok(token) => Ok(JsValue::from_str(&token)),
                    Err(e) => Err(js_sys::Error::new(&e.0).into()),
                }
            })
        }
    }
}
