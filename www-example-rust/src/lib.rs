//! A minimal Rust frontend for `adultwork-sdk`: plain wasm-bindgen and web-sys, no framework.
//!
//! The page (`index.html`) has a booking ID, a reason and a Cancel button. On submit this
//! builds a [`CancelMadeBookingRequest`] from checked types, calls
//! [`AdultWorkClient::cancel_made_booking`], and shows the booking's new status, or the
//! error's kind, message and issues (each with its field path). Server text is only ever set
//! as text, never parsed as HTML.
//!
//! The API and the token come from the page's address: `?api=<base URL>&token=<token>`
//! (default: the page's own origin, and the local emulator's `test-token`). A real app gets
//! the user's token from its OAuth flow, on its server.
#![cfg(target_arch = "wasm32")]

use adultwork_sdk::error::{Error, Issue};
use adultwork_sdk::model::MadeBooking;
use adultwork_sdk::options::BaseUrl;
use adultwork_sdk::requests::CancelMadeBookingRequest;
use adultwork_sdk::rules::{BookingId, NonBlank, Rule};
use adultwork_sdk::{AccessToken, AdultWorkClient, ClientOptions};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element, HtmlButtonElement, HtmlInputElement, Location};

/// The token of the local emulator, for trying the page out.
const EMULATOR_TOKEN: &str = "test-token";

/// Wires the page up once the module has loaded: builds the client, listens to the form, and
/// enables its button.
#[wasm_bindgen(start)]
pub fn start() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or("no window")?;
    let page = Page::find(&window.document().ok_or("no document")?)?;
    let client = match client_for(&window.location()) {
        Ok(client) => client,
        Err(error) => return page.show_error(&error),
    };
    let form = page.element("cancel-form")?;
    let submit_page = page.clone();
    let on_submit = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
        event.prevent_default();
        let (page, client) = (submit_page.clone(), client.clone());
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(broken) = page.cancel(&client).await {
                web_sys::console::error_1(&broken);
            }
        });
    });
    form.add_event_listener_with_callback("submit", on_submit.as_ref().unchecked_ref())?;
    // The listener lives as long as the page.
    on_submit.forget();
    page.button.set_disabled(false);
    Ok(())
}

/// The client the page's address asks for. Every option is a checked type, so a bad `?api=`
/// or `?token=` is refused here, before anything is sent.
fn client_for(location: &Location) -> Result<AdultWorkClient, Error> {
    let params = web_sys::UrlSearchParams::new_with_str(&location.search().unwrap_or_default())
        .map_err(|_| config_issue("", "the page's address cannot be read".into()))?;
    let api = match params.get("api") {
        Some(api) => api,
        None => location.origin().unwrap_or_default(),
    };
    let token = params.get("token").unwrap_or_else(|| EMULATOR_TOKEN.into());
    let token =
        AccessToken::fixed(token).map_err(|e| config_issue("accessToken", e.to_string()))?;
    let base_url = api
        .parse::<BaseUrl>()
        .map_err(|e| config_issue("baseUrl", e.to_string()))?;
    let mut options = ClientOptions::new(token);
    options.base_url = Some(base_url);
    Ok(AdultWorkClient::new(options))
}

fn config_issue(path: &str, message: String) -> Error {
    Error::InvalidConfig {
        context: "Invalid client options (the page's ?api= and ?token=)",
        issues: vec![Issue::new(path, message)],
    }
}

/// The elements the app reads and writes.
#[derive(Clone)]
struct Page {
    document: Document,
    booking_id: HtmlInputElement,
    reason: HtmlInputElement,
    button: HtmlButtonElement,
    result: Element,
}

impl Page {
    fn find(document: &Document) -> Result<Page, JsValue> {
        let by_id = |id: &str| {
            document
                .get_element_by_id(id)
                .ok_or_else(|| JsValue::from_str(&format!("#{id} is missing")))
        };
        Ok(Page {
            document: document.clone(),
            booking_id: by_id("booking-id")?.dyn_into()?,
            reason: by_id("reason")?.dyn_into()?,
            button: by_id("cancel")?.dyn_into()?,
            result: by_id("result")?,
        })
    }

    fn element(&self, id: &str) -> Result<Element, JsValue> {
        self.document
            .get_element_by_id(id)
            .ok_or_else(|| JsValue::from_str(&format!("#{id} is missing")))
    }

    /// The request the fields describe, or every problem with it (nothing is sent then).
    fn request(&self) -> Result<CancelMadeBookingRequest, Error> {
        let number = self.booking_id.value().trim().parse::<f64>();
        let booking_id = BookingId::try_new(number.unwrap_or(f64::NAN));
        let reason = NonBlank::try_from(self.reason.value().as_str());
        match (booking_id, reason) {
            (Ok(booking_id), Ok(reason)) => Ok(CancelMadeBookingRequest { booking_id, reason }),
            (booking_id, reason) => {
                let mut issues = Vec::new();
                if let Err(invalid) = booking_id {
                    issues.push(Issue::new("BookingID", invalid.to_string()));
                }
                if let Err(invalid) = reason {
                    issues.push(Issue::new("Reason", invalid.to_string()));
                }
                Err(Error::InvalidRequest {
                    context: "Invalid request",
                    issues,
                })
            }
        }
    }

    /// Checks the fields, cancels, and shows what came of it. `Err` only if the page itself
    /// cannot be updated.
    async fn cancel(&self, client: &AdultWorkClient) -> Result<(), JsValue> {
        let request = match self.request() {
            Ok(request) => request,
            Err(error) => return self.show_error(&error),
        };
        self.mark_fields(&[])?;
        self.button.set_disabled(true);
        let id = request.booking_id;
        self.show(
            "pending",
            &self.el("p", &[], &format!("Cancelling booking {id}…"))?,
        )?;
        let outcome = client.cancel_made_booking(&request).await;
        self.button.set_disabled(false);
        match outcome {
            Ok(booking) => self.show_booking(&booking),
            Err(error) => self.show_error(&error),
        }
    }

    fn show_booking(&self, booking: &MadeBooking) -> Result<(), JsValue> {
        let id = booking.booking_id;
        let card = self.el("article", &[("aria-label", &format!("Booking {id}"))], "")?;
        let line = self.add(&card, "p", &[], &format!("Booking {id} is now "))?;
        let status = format!("{:?}", booking.status);
        self.add(&line, "strong", &[("data-status", &status)], &status)?;
        if let Some(reason) = &booking.cancelled_reason {
            self.add(
                &card,
                "p",
                &[("class", "reason")],
                &format!("Reason: {reason}"),
            )?;
        }
        let session = format!(
            "Session {} (UK time) with {}",
            booking.session_date.as_str(),
            booking.candidate.nickname
        );
        self.add(&card, "p", &[("class", "session")], &session)?;
        self.show("booking", &card)
    }

    fn show_error(&self, error: &Error) -> Result<(), JsValue> {
        let (kind, advice) = (error.kind(), advice(error));
        let status = error
            .status()
            .map(|s| format!(" · HTTP {s}"))
            .unwrap_or_default();
        let alert = self.el("div", &[("role", "alert"), ("data-error-kind", kind)], "")?;
        self.add(
            &alert,
            "p",
            &[("class", "kind")],
            &format!("{kind}{status}"),
        )?;
        self.add(&alert, "p", &[("class", "advice")], advice)?;
        self.add(&alert, "p", &[("class", "message")], &error.to_string())?;
        if !error.issues().is_empty() {
            let list = self.add(&alert, "ul", &[("class", "issues")], "")?;
            for issue in error.issues() {
                let item = self.add(&list, "li", &[("data-path", &issue.path)], "")?;
                self.add(&item, "code", &[], &issue.path)?;
                self.add(&item, "span", &[], &format!(": {}", issue.message))?;
            }
        }
        self.mark_fields(error.issues())?;
        self.show("error", &alert)
    }

    /// Marks the fields an issue is about (`aria-invalid`), and clears the others.
    fn mark_fields(&self, issues: &[Issue]) -> Result<(), JsValue> {
        for (path, field) in [("BookingID", &self.booking_id), ("Reason", &self.reason)] {
            let invalid = issues.iter().any(|issue| issue.path == path);
            field.set_attribute("aria-invalid", if invalid { "true" } else { "false" })?;
        }
        Ok(())
    }

    /// Replaces the result area's content.
    fn show(&self, state: &str, content: &Element) -> Result<(), JsValue> {
        self.result.set_text_content(None);
        self.result.set_attribute("data-state", state)?;
        self.result.append_child(content)?;
        Ok(())
    }

    /// A new element (see [`Page::el`]) appended to `parent`.
    fn add(
        &self,
        parent: &Element,
        tag: &str,
        attributes: &[(&str, &str)],
        text: &str,
    ) -> Result<Element, JsValue> {
        let element = self.el(tag, attributes, text)?;
        parent.append_child(&element)?;
        Ok(element)
    }

    /// A new element with attributes and text (set as text: never parsed as HTML).
    fn el(&self, tag: &str, attributes: &[(&str, &str)], text: &str) -> Result<Element, JsValue> {
        let element = self.document.create_element(tag)?;
        for (name, value) in attributes {
            element.set_attribute(name, value)?;
        }
        if !text.is_empty() {
            element.set_text_content(Some(text));
        }
        Ok(element)
    }
}

/// What to tell the user for each kind of error: one `match` over the SDK's `Error`.
fn advice(error: &Error) -> &'static str {
    match error {
        Error::InvalidConfig { .. } => "Check the page's ?api= and ?token=.",
        Error::InvalidRequest { .. } => "Fix the fields listed below; nothing was sent.",
        Error::BadRequest(_) => "The API found the request malformed.",
        Error::Unauthorized { .. } => "The access token was refused: sign in again.",
        Error::Forbidden(_) => "This token may not manage this booking.",
        Error::NotFound(_) => "You have no booking with this ID.",
        Error::Conflict(_) => "This booking can no longer be cancelled.",
        Error::RateLimited(_) => "Too many requests: try again in a moment.",
        Error::ServerError(_) => "The API failed: try again later.",
        Error::HttpError(_) => "The API answered in an unexpected way.",
        Error::InvalidResponse { .. } => "The API's answer was not a booking.",
        Error::NetworkError { .. } => {
            "No answer: check your connection. The booking may or may not be cancelled."
        }
        Error::Timeout { .. } => "The API took too long. The booking may or may not be cancelled.",
        Error::Aborted { .. } => "Stopped.",
        // `Error` is #[non_exhaustive]: kinds added later land here.
        _ => "Something went wrong.",
    }
}
