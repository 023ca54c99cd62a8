//! The `AdultWorkClient` class: checked options kept for many calls. Its endpoint methods are
//! made next to the one-shot functions, in `calls`.

use tsify::Ts;
use wasm_bindgen::prelude::*;

use super::{invalid_config, not_the_token, read, to_ts, token_in};
use crate::client::{AdultWorkClient, ClientOptions, ClientSettings};

/// A client holding checked options (token, environment or base URL, time limit, retries), for
/// apps that make more than one call. Bad options throw `AdultWorkError` (`InvalidConfig`) here,
/// not at the first call. The token never appears in `toString()`, `toJSON()` or an error.
#[wasm_bindgen(js_name = AdultWorkClient)]
#[derive(Debug)]
pub struct JsClient {
    client: AdultWorkClient,
}

#[wasm_bindgen(js_class = AdultWorkClient)]
impl JsClient {
    /// Checks `options` and creates the client. It needs no freeing: the garbage collector
    /// frees it like any object (`free()` releases its memory at once; calling it again, or a
    /// method afterwards, throws `InvalidConfig`).
    ///
    /// @example
    /// const client = new AdultWorkClient({ accessToken: () => session.token, environment: "production" });
    /// @throws {AdultWorkError} `InvalidConfig`, listing every problem of `options` (an unknown key
    /// comes with a "did you mean" hint).
    #[wasm_bindgen(constructor)]
    pub fn new(options: Ts<ClientOptions>) -> Result<JsClient, JsValue> {
        let options: JsValue = options.into();
        let token = token_in(&options);
        let issues = not_the_token(&options);
        let options = match issues {
            Some(issues) => Err(issues),
            None => read::<ClientOptions>(options, &[]),
        };
        options
            .map(|options| JsClient {
                client: AdultWorkClient::new(options),
            })
            .map_err(|issues| invalid_config("Invalid client options", issues, token.as_deref()))
    }

    /// `AdultWorkClient(<base URL>)`: where the client sends requests, never its token.
    ///
    /// @example
    /// String(client); // "AdultWorkClient(https://api.adultwork.com)"
    /// @throws {AdultWorkError} `InvalidConfig` once the client was freed.
    #[wasm_bindgen(js_name = toString)]
    pub fn to_string_js(&self) -> String {
        format!("AdultWorkClient({})", self.client.settings().base_url)
    }

    /// The client's settings without the token, for logging and `JSON.stringify`.
    ///
    /// @example
    /// JSON.stringify(client); // {"baseUrl":"https://api.adultwork.com","timeoutMs":30000,"maxRetries":2}
    /// @throws {AdultWorkError} `InvalidConfig` once the client was freed.
    #[wasm_bindgen(js_name = toJSON)]
    pub fn to_json(&self) -> Result<Ts<ClientSettings>, JsValue> {
        to_ts(self.client.settings())
    }

    /// The Rust client.
    pub(crate) fn client(&self) -> &AdultWorkClient {
        &self.client
    }
}
