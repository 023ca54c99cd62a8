//! Everything that needs a JavaScript engine: `fetch`, timers, `Intl`, the token function, and
//! the `#[wasm_bindgen]` surface. The rest of the crate is plain Rust.

mod api;
mod client;
mod js;
mod token;
mod transport;
mod zone;

pub use api::*;
