//! The thin `#[wasm_bindgen]` surface the npm package exports: it only converts. Arguments are
//! read by the engine (`crate::check`, with every problem listed), the Rust API's call
//! pipeline runs (`crate::client`), and results go back as JavaScript values; every failure
//! becomes the hand-written `AdultWorkError` class (`pkg-template/errors.js`).
//!
//! | file | exports |
//! |---|---|
//! | `errors` | how an [`Error`] becomes an `AdultWorkError` |
//! | `client` | the `AdultWorkClient` class |
//! | `calls` | the endpoints: a function and a client method each, on one shared call |
//! | `checks` | `canCancel`, `canReschedule`, `canDelete`, `parseMadeBooking` |
//! | `request` | `client.request()`: any endpoint, one more face of the same pipeline |
//! | `schemas` | the SDK's types as Standard Schemas |
// The doc comments below are JSDoc for the package's .d.ts: their `@example`s quote URLs inside
// JavaScript strings, which rustdoc would otherwise flag as bare links.
#![allow(rustdoc::bare_urls)]

pub(crate) mod calls;
pub(crate) mod checks;
pub(crate) mod client;
mod errors;
mod request;
pub(crate) mod schemas;

use serde::Serialize;
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;

use crate::check::js::Js;
use crate::check::{self, Described, Kind, Mode};
use crate::error::{Error, Issue};
use errors::{redacted_str, to_js, to_js_caused};

/// A value as JavaScript receives it: plain objects, `null` for absent values.
fn to_ts<T: Serialize + Tsify>(value: &T) -> Result<Ts<T>, JsValue> {
    to_value(value).map(Ts::new_unchecked).map_err(to_js)
}

/// [`to_ts`], untyped and with the failure as an [`Error`].
fn to_value<T: Serialize>(value: &T) -> Result<JsValue, Error> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| Error::InvalidResponse {
            context: "The answer could not be handed to JavaScript".into(),
            issues: vec![Issue::new("", e.to_string())],
        })
}

/// Reads a caller's value as `T`, every problem listed.
fn read<T: Described>(value: JsValue, also: &[&str]) -> Result<T, Vec<Issue>> {
    check::read::<T>(&mut Js::new(value), 0, Mode::Request, also)
}

/// Reads one caller's object as two types (a request or a client's options, and the options
/// of one call), each allowing the other's keys; every problem of both listed, each path once.
fn read_both<A: Described, B: Described>(value: JsValue) -> Result<(A, B), Vec<Issue>> {
    let a = read::<A>(value.clone(), &field_names::<B>());
    let b = read::<B>(value, &field_names::<A>());
    match (a, b) {
        (Ok(a), Ok(b)) => Ok((a, b)),
        (a, b) => {
            let mut issues = a.err().unwrap_or_default();
            for issue in b.err().unwrap_or_default() {
                if issues.iter().all(|known| known.path != issue.path) {
                    issues.push(issue);
                }
            }
            Err(issues)
        }
    }
}

/// Reads optional options: `undefined` and `null` are the defaults.
fn read_optional<T: Described + Default>(value: JsValue) -> Result<T, Vec<Issue>> {
    if value.is_undefined() || value.is_null() {
        Ok(T::default())
    } else {
        read(value, &[])
    }
}

/// The wire names of a record type's fields.
fn field_names<T: Described>() -> Vec<&'static str> {
    match &T::DESCRIPTION.kind {
        Kind::Record(record) => record.fields.iter().map(|f| f.name).collect(),
        _ => Vec::new(),
    }
}

/// Options passed as a string are almost always the token itself: say so, without repeating it.
fn not_the_token(options: &JsValue) -> Option<Vec<Issue>> {
    options.is_string().then(|| {
        vec![Issue::new(
            "",
            "expected an options object, got a string (pass { accessToken: token }, not the token)",
        )]
    })
}

/// The string token among `options`, to redact it from what echoes the caller's input.
fn token_in(options: &JsValue) -> Option<String> {
    if !options.is_object() {
        return None;
    }
    js_sys::Reflect::get(options, &JsValue::from_str("accessToken"))
        .ok()?
        .as_string()
}

fn invalid_config(context: &'static str, issues: Vec<Issue>, token: Option<&str>) -> JsValue {
    to_js(redacted_str(
        Error::InvalidConfig { context, issues },
        token,
    ))
}
