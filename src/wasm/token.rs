//! Access tokens: a fixed string, or a caller's function with shared invocations.
//!
//! The token stays a JavaScript string from the caller's hands to the `Authorization` header:
//! it is never copied into Wasm memory, so it cannot linger there or appear in a Rust
//! formatting of any value.
//!
//! A function is called when a request needs a token. Calls that start while an invocation is
//! still pending share it, and after a `401` the refresh is shared too: each attempt remembers
//! the generation of the invocation it used, and a call whose rejected generation is older
//! than the newest invocation reuses that invocation instead of starting another. Twenty
//! concurrent calls that all meet a `401` therefore call the function exactly twice.

use std::cell::RefCell;

use js_sys::{Function, JsString, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::js;

/// Where tokens come from.
pub enum Token {
    /// The caller's string.
    Fixed(JsString),
    /// The caller's function and its latest invocation.
    Provider {
        /// The function.
        function: Function,
        /// Its newest invocation.
        latest: RefCell<Option<Invocation>>,
    },
}

/// One call of the token function.
#[derive(Clone)]
pub struct Invocation {
    generation: u32,
    promise: Promise,
    pending: bool,
}

/// The token for one attempt: a string or a promise of one, and its generation.
pub struct Lease {
    /// What `runtime.js` awaits before sending.
    pub value: JsValue,
    /// Which invocation produced it (0 for a fixed token).
    pub generation: u32,
}

impl Token {
    /// From the `accessToken` option, already checked to be a non-blank string or a function.
    pub fn new(value: JsValue) -> Token {
        match value.dyn_into::<Function>() {
            Ok(function) => Token::Provider {
                function,
                latest: RefCell::new(None),
            },
            Err(value) => Token::Fixed(value.unchecked_into()),
        }
    }

    /// Whether a `401` can be answered by asking for a new token.
    pub fn refreshable(&self) -> bool {
        matches!(self, Token::Provider { .. })
    }

    /// The fixed token, for redacting errors raised before any attempt.
    pub fn fixed(&self) -> Option<JsString> {
        match self {
            Token::Fixed(s) => Some(s.clone()),
            Token::Provider { .. } => None,
        }
    }

    /// A token for an attempt. After a `401`, `rejected` is the generation the server refused.
    pub fn lease(&self, rejected: Option<u32>) -> Lease {
        let (function, latest) = match self {
            Token::Fixed(value) => {
                return Lease {
                    value: value.into(),
                    generation: 0,
                }
            }
            Token::Provider { function, latest } => (function, latest),
        };
        // Single-threaded and never re-entered, so the borrow cannot fail; if it ever did, a
        // fresh invocation is the safe answer (no panic path in the .wasm).
        let Ok(mut latest) = latest.try_borrow_mut() else {
            return Lease {
                value: js::invoke(function).into(),
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
                promise: js::invoke(function),
                pending: true,
            };
            *latest = Some(inv.clone());
            inv
        });
        Lease {
            value: inv.promise.into(),
            generation: inv.generation,
        }
    }

    /// Marks an invocation as done once an attempt that used it has ended (unless the caller
    /// aborted it, which says nothing about the function), so the next request calls the
    /// function afresh.
    pub fn settled(&self, generation: u32) {
        if let Token::Provider { latest, .. } = self {
            if let Some(inv) = latest
                .try_borrow_mut()
                .ok()
                .as_deref_mut()
                .and_then(Option::as_mut)
            {
                if inv.generation == generation {
                    inv.pending = false;
                }
            }
        }
    }
}
