//! A minimal Rust frontend, for measuring what `adultwork-sdk` adds to an app's `.wasm`
//! (`bench/rust-frontend.sh`). It exports one async function that a page calls with the API's
//! base URL, a token and a booking ID, and that resolves to one line of text for the page.
//!
//! With the `sdk` feature it builds a client, cancels the booking, then reads it back
//! (`cancel_made_booking`, `get_made_booking_details`) and says the status, or the error's
//! kind and message. Without it, it formats its inputs instead: the same exports, the same
//! async glue (wasm-bindgen-futures) and `core::fmt`, so the difference between the two builds
//! is what the calls bring in (the SDK, serde, gloo-net, js-sys/web-sys bindings, …).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;

/// Cancels booking `booking_id` at `api` with `token`, then reads it back; one line of text.
#[wasm_bindgen]
pub async fn cancel_then_read(api: String, token: String, booking_id: u32) -> String {
    run(api, token, booking_id).await
}

#[cfg(feature = "sdk")]
async fn run(api: String, token: String, booking_id: u32) -> String {
    use adultwork_sdk::options::BaseUrl;
    use adultwork_sdk::requests::{CancelMadeBookingRequest, MadeBookingDetailsRequest};
    use adultwork_sdk::rules::{BookingId, NonBlank};
    use adultwork_sdk::{AccessToken, AdultWorkClient, ClientOptions, Error};

    async fn calls(
        api: &str,
        token: String,
        id: u32,
    ) -> Result<String, Box<dyn std::error::Error>> {
        let mut options = ClientOptions::new(AccessToken::fixed(token)?);
        options.base_url = Some(api.parse::<BaseUrl>()?);
        let client = AdultWorkClient::new(options);
        let booking_id = BookingId::try_from(id)?;
        let request = CancelMadeBookingRequest {
            booking_id,
            reason: NonBlank::try_from("Plans changed")?,
        };
        let cancelled = match client.cancel_made_booking(&request).await {
            Ok(booking) => format!("{:?}", booking.status),
            Err(error) => describe(&error),
        };
        let read = match client
            .get_made_booking_details(&MadeBookingDetailsRequest::from(booking_id))
            .await
        {
            Ok(booking) => format!("{:?}", booking.status),
            Err(error) => describe(&error),
        };
        Ok(format!("cancel: {cancelled}; details: {read}"))
    }

    fn describe(error: &Error) -> String {
        format!("{}: {error}", error.kind())
    }

    calls(&api, token, booking_id)
        .await
        .unwrap_or_else(|invalid| format!("invalid: {invalid}"))
}

#[cfg(not(feature = "sdk"))]
async fn run(api: String, token: String, booking_id: u32) -> String {
    format!("cancel: {api} {}; details: {booking_id}", token.len())
}
