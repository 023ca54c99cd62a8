//! A Rust frontend for `adultwork-sdk` on a real framework: Leptos 0.8 (`csr`).
//!
//! The app provides one [`AdultWorkClient`] to its components through Leptos's context. A
//! [`LocalResource`] reads the booking on file ([`AdultWorkClient::get_made_booking_details`])
//! and reads it again after every cancel the server answered. The form's Cancel button dispatches an [`Action`]
//! that builds a [`CancelMadeBookingRequest`] from checked types and calls
//! [`AdultWorkClient::cancel_made_booking`]; the page shows the booking's new status, or the
//! error's kind ([`Error::kind`]), message and issues (each with its field path, marking the
//! fields). Server text only ever becomes text nodes, never HTML.
//!
//! The SDK's client, its futures and its `Error` are `Send + Sync`, so they go where Leptos
//! asks for that: `provide_context`, `Action::new`. The booking on file is a `LocalResource`,
//! Leptos's resource for client-side data (a `Resource` would also need the error to be
//! deserializable, for server rendering this app does not do).
//!
//! The API and the token come from the page's address: `?api=<base URL>&token=<token>`
//! (default: the page's own origin, and the local emulator's `test-token`); `?booking=` is the
//! booking shown first (default 1001). A real app gets the user's token from its OAuth flow, on
//! its server.
#![cfg(target_arch = "wasm32")]

use adultwork_sdk::error::{Error, Issue};
use adultwork_sdk::model::MadeBooking;
use adultwork_sdk::options::BaseUrl;
use adultwork_sdk::requests::{CancelMadeBookingRequest, MadeBookingDetailsRequest};
use adultwork_sdk::rules::{BookingId, NonBlank};
use adultwork_sdk::{AccessToken, AdultWorkClient, ClientOptions};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

/// The token of the local emulator, for trying the page out.
const EMULATOR_TOKEN: &str = "test-token";

/// Mounts the app once the module has loaded.
#[wasm_bindgen(start)]
pub fn start() {
    leptos::mount::mount_to_body(App);
}

/// The page. Its address is read once: the client it asks for, and the booking shown first.
#[component]
fn App() -> impl IntoView {
    let params = PageParams::read();
    let content = match client_for(&params) {
        Ok(client) => {
            provide_context(client);
            let first = params.booking.unwrap_or_else(|| "1001".into());
            view! { <CancelBooking first /> }.into_any()
        }
        Err(error) => view! { <ErrorAlert error /> }.into_any(),
    };
    view! {
        <main>
            <h1>"Cancel a PhoneChat booking"</h1>
            <p class="lead">
                "A Leptos app (Rust, client-side rendered) using "
                <code>"adultwork-sdk"</code>"'s Rust API."
            </p>
            {content}
        </main>
    }
}

/// The client `App` provided.
fn use_client() -> AdultWorkClient {
    expect_context::<AdultWorkClient>()
}

/// The booking on file, and the form that cancels one.
#[component]
fn CancelBooking(
    /// The booking ID the form starts with (and whose details are read first).
    first: String,
) -> impl IntoView {
    let client = use_client();
    let booking_id = RwSignal::new(first.clone());
    let reason = RwSignal::new(String::from("Something came up, sorry."));
    // The booking whose details are on screen: the last valid ID submitted.
    let on_file = RwSignal::new(first);

    let cancel = Action::new({
        let client = client.clone();
        move |(id, why): &(String, String)| {
            let client = client.clone();
            let request = cancel_request(id, why);
            async move { client.cancel_made_booking(&request?).await }
        }
    });

    let details = LocalResource::new(move || {
        let id = on_file.get();
        let client = client.clone();
        async move {
            let booking_id = booking_id_from(&id).map_err(|issue| invalid(vec![issue]))?;
            let request = MadeBookingDetailsRequest::from(booking_id);
            client.get_made_booking_details(&request).await
        }
    });

    // Read the booking again after every cancel the server answered (it changed the booking,
    // or refused because the booking is not as the page thought); not after one that was never
    // sent (invalid fields).
    Effect::new(move || {
        cancel.version().track();
        let answered = cancel.value().with_untracked(|outcome| match outcome {
            Some(Ok(_)) => true,
            Some(Err(error)) => error.status().is_some(),
            None => false,
        });
        if answered {
            details.refetch();
        }
    });

    let on_submit = move |event: SubmitEvent| {
        event.prevent_default();
        let id = booking_id.get_untracked();
        if booking_id_from(&id).is_ok() && on_file.get_untracked() != id {
            on_file.set(id.clone());
        }
        cancel.dispatch((id, reason.get_untracked()));
    };
    let pending = cancel.pending();
    // A field is marked invalid when the last outcome has an issue at its path.
    let marked = move |path: &'static str| {
        move || {
            let invalid = !pending.get()
                && cancel.value().with(|outcome| match outcome {
                    Some(Err(error)) => error.issues().iter().any(|issue| issue.path == path),
                    _ => false,
                });
            if invalid {
                "true"
            } else {
                "false"
            }
        }
    };

    view! {
        <section id="on-file" aria-label="Booking on file" aria-live="polite">
            {move || match details.get() {
                None => view! { <p class="loading">"Reading booking " {on_file.get()} "…"</p> }
                    .into_any(),
                Some(Ok(booking)) => {
                    let status = format!("{:?}", booking.status);
                    view! {
                        <p>
                            "On file: booking " {booking.booking_id.to_string()} " is "
                            <strong data-on-file-status=status.clone()>{status.clone()}</strong>
                        </p>
                    }
                        .into_any()
                }
                Some(Err(error)) => {
                    view! {
                        <p data-on-file-error=error.kind()>
                            "Booking " {on_file.get()} " cannot be read: " {error.kind()}
                        </p>
                    }
                        .into_any()
                }
            }}
        </section>
        // novalidate: the SDK's types check the fields, and the page shows their issues.
        <form id="cancel-form" novalidate on:submit=on_submit>
            <label for="booking-id">"Booking ID"</label>
            <input
                id="booking-id"
                name="booking-id"
                inputmode="numeric"
                autocomplete="off"
                bind:value=booking_id
                aria-invalid=marked("BookingID")
            />
            <label for="reason">"Reason"</label>
            <input
                id="reason"
                name="reason"
                autocomplete="off"
                bind:value=reason
                aria-invalid=marked("Reason")
            />
            <button id="cancel" type="submit" disabled=move || pending.get()>
                "Cancel booking"
            </button>
        </form>
        <section
            id="result"
            aria-live="polite"
            data-state=move || match (pending.get(), cancel.value().with(Option::is_some)) {
                (true, _) => "pending",
                (false, true) => "done",
                (false, false) => "idle",
            }
        >
            {move || {
                if pending.get() {
                    let id = cancel.input().get().map(|(id, _)| id).unwrap_or_default();
                    return view! { <p>"Cancelling booking " {id} "…"</p> }.into_any();
                }
                match cancel.value().get() {
                    None => ().into_any(),
                    Some(Ok(booking)) => view! { <BookingCard booking /> }.into_any(),
                    Some(Err(error)) => view! { <ErrorAlert error /> }.into_any(),
                }
            }}
        </section>
    }
}

/// The booking a cancel answered with.
#[component]
fn BookingCard(booking: MadeBooking) -> impl IntoView {
    let id = booking.booking_id.to_string();
    let status = format!("{:?}", booking.status);
    let session = format!(
        "Session {} (UK time) with {}",
        booking.session_date.as_str(),
        booking.candidate.nickname
    );
    view! {
        <article aria-label=format!("Booking {id}")>
            <p>
                "Booking " {id.clone()} " is now "
                <strong data-status=status.clone()>{status.clone()}</strong>
            </p>
            {booking
                .cancelled_reason
                .map(|reason| view! { <p class="reason">"Reason: " {reason}</p> })}
            <p class="session">{session}</p>
        </article>
    }
}

/// An error: its kind (the same name as in JavaScript), advice, message and issues.
#[component]
fn ErrorAlert(error: Error) -> impl IntoView {
    let status = error
        .status()
        .map(|s| format!(" · HTTP {s}"))
        .unwrap_or_default();
    let issues = error.issues().to_vec();
    view! {
        <div role="alert" data-error-kind=error.kind()>
            <p class="kind">{error.kind()} {status}</p>
            <p class="advice">{advice(&error)}</p>
            <p class="message">{error.to_string()}</p>
            {(!issues.is_empty())
                .then(|| {
                    view! {
                        <ul class="issues">
                            {issues
                                .into_iter()
                                .map(|Issue { path, message, .. }| {
                                    let code = path.clone();
                                    view! {
                                        <li data-path=path>
                                            <code>{code}</code>
                                            <span>": " {message}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </div>
    }
}

/// What the page's address asks for: `?api=`, `?token=` and `?booking=`.
#[derive(Default)]
struct PageParams {
    api: Option<String>,
    token: Option<String>,
    booking: Option<String>,
}

impl PageParams {
    fn read() -> PageParams {
        let search = window().location().search().unwrap_or_default();
        match web_sys::UrlSearchParams::new_with_str(&search) {
            Ok(params) => PageParams {
                api: params.get("api"),
                token: params.get("token"),
                booking: params.get("booking"),
            },
            Err(_) => PageParams::default(),
        }
    }
}

/// The client the page's address asks for. Every option is a checked type, so a bad `?api=`
/// or `?token=` is refused here, before anything is sent.
fn client_for(params: &PageParams) -> Result<AdultWorkClient, Error> {
    let api = match &params.api {
        Some(api) => api.clone(),
        None => window().location().origin().unwrap_or_default(),
    };
    let token = params
        .token
        .clone()
        .unwrap_or_else(|| EMULATOR_TOKEN.into());
    let config = |path: &str, message: String| Error::InvalidConfig {
        context: "Invalid client options (the page's ?api= and ?token=)",
        issues: vec![Issue::new(path, message)],
    };
    let token = AccessToken::fixed(token).map_err(|e| config("accessToken", e.to_string()))?;
    let base_url = api
        .parse::<BaseUrl>()
        .map_err(|e| config("baseUrl", e.to_string()))?;
    let mut options = ClientOptions::new(token);
    options.base_url = Some(base_url);
    Ok(AdultWorkClient::new(options))
}

/// The booking ID a field holds, or the issue with it.
fn booking_id_from(field: &str) -> Result<BookingId, Issue> {
    field
        .trim()
        .parse::<BookingId>()
        .map_err(|invalid| Issue::new("BookingID", invalid.to_string()))
}

/// The request the fields describe, or every problem with it (nothing is sent then).
fn cancel_request(id: &str, reason: &str) -> Result<CancelMadeBookingRequest, Error> {
    let booking_id = booking_id_from(id);
    let reason = NonBlank::try_from(reason).map_err(|e| Issue::new("Reason", e.to_string()));
    match (booking_id, reason) {
        (Ok(booking_id), Ok(reason)) => Ok(CancelMadeBookingRequest { booking_id, reason }),
        (booking_id, reason) => Err(invalid(
            [booking_id.err(), reason.err()]
                .into_iter()
                .flatten()
                .collect(),
        )),
    }
}

fn invalid(issues: Vec<Issue>) -> Error {
    Error::InvalidRequest {
        context: "Invalid request",
        issues,
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
