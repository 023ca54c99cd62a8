//! Endpoints whose answers the public documentation gives only in part, so the SDK does not
//! type them: its tests call them through the untyped `client.request(...)`. The emulator
//! answers with the documented fields only, in the documented order; where the documentation
//! names a field but not its shape, the emulator's choice is said here (and in the README's
//! emulator section), so a test knows which parts are the emulator's own.
//!
//! # `GET /v1/PhoneChat/GetUserBookingRequirements?BookUserID=<integer>`
//!
//! What a client must know before booking a user:
//!
//! ```json
//! {"PhoneChatPPM": 1.5, "Methods": [{"Method": 1, "Available": true},
//!   {"Method": 2, "Available": true}, {"Method": 3, "Available": true}]}
//! ```
//!
//! - `PhoneChatPPM` (documented): the user's price per minute in credits, `null` when they set
//!   none (then `CreateBooking` has no minimum). The same price `CreateBooking` enforces.
//! - `Methods` (documented as a list of each calling method, 1 to 3, and whether it is
//!   available; the element's fields are **not** documented): the emulator writes
//!   `{"Method": <1|2|3>, "Available": <boolean>}`, one per method in order. Every seeded user
//!   takes all three but 3008 PremiumPeach (Skype only). `CreateBooking` does not check them.
//! - The user is one of [`crate::seed::USERS`], as for `CreateBooking`: a missing or
//!   non-integer `BookUserID` is a `400` (`ModelState` key `BookUserID`, as
//!   `MadeBookingDetails` reads `BookingID`); a user who does not exist or does not offer
//!   PhoneChat is a `404` with `CreateBooking`'s text ("The user does not exist or does not
//!   offer PhoneChat."); a user with "DirectChat Only" on (3006 BusyBee) is `CreateBooking`'s
//!   `409`. (Which statuses the real API uses for these is not documented.)
//!
//! # `GET /v1/PhoneChat/GetSettings`
//!
//! The caller's own PhoneChat settings (query parameters are ignored):
//!
//! ```json
//! {"OfferDirectChat": false, "PhoneChatNumber": "447700900404",
//!  "ShowPhoneChatNumber": true, "PhoneChatPPM": 1.5}
//! ```
//!
//! The four documented fields, in the documented order. The documentation says more fields
//! follow (unknown), and that a `DirectChat` object (its fields undocumented) comes after
//! `OfferDirectChat` when that is `true`: no account offers DirectChat here, so `DirectChat` is
//! never sent. `PhoneChatPPM` is the account's price per minute if the account is a PhoneChat
//! user with a price (the performer, 3004: 1.5, as `GetUserBookingRequirements` says), else `0`
//! (a decimal the settings require; a user who never set one reads as .NET's default). The
//! numbers are the accounts' own ([`crate::account`]).
//!
//! Both go through the [`Call`] extractor (`401`/`403` first) and, like every `/v1` path,
//! through the fault queue and the request log ([`crate::faults`]).

use adultwork_sdk::model::CallMethod;
use adultwork_sdk::rules::{Credits, UserId};
use axum::response::Response;
use serde::Serialize;

use crate::account::Account;
use crate::api::{internal_error, invalid, message};
use crate::call::{Call, Query};
use crate::lifecycle::{refuse_direct_chat_only, NOT_A_PHONECHAT_USER};
use crate::reply;
use crate::seed::{phonechat_user, User};

/// The answer of `GetUserBookingRequirements`.
#[derive(Debug, Serialize)]
struct Requirements {
    #[serde(rename = "PhoneChatPPM")]
    phone_chat_ppm: Option<Credits>,
    #[serde(rename = "Methods")]
    methods: Vec<MethodOffer>,
}

/// One element of `Methods` (field names chosen by the emulator: not documented).
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct MethodOffer {
    method: CallMethod,
    available: bool,
}

impl Requirements {
    fn of(user: &User) -> Result<Requirements, adultwork_sdk::rules::Invalid> {
        Ok(Requirements {
            phone_chat_ppm: user.price_per_minute().map(Credits::try_from).transpose()?,
            methods: user
                .methods()
                .into_iter()
                .map(|(method, available)| MethodOffer { method, available })
                .collect(),
        })
    }
}

/// `GET /v1/PhoneChat/GetUserBookingRequirements?BookUserID=…`.
pub async fn requirements(call: Call<Query>) -> Response {
    let id = match call.input.id::<UserId>("BookUserID") {
        Ok(id) => id,
        Err(problem) => return invalid(vec![problem]),
    };
    let Some(user) = phonechat_user(id.get()) else {
        return message(404, NOT_A_PHONECHAT_USER);
    };
    if let Some(refusal) = refuse_direct_chat_only(user) {
        return refusal;
    }
    match Requirements::of(user) {
        Ok(requirements) => reply::json(200, &requirements),
        Err(e) => internal_error(&e),
    }
}

/// The answer of `GetSettings`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "PascalCase")]
struct Settings {
    offer_direct_chat: bool,
    phone_chat_number: &'static str,
    show_phone_chat_number: bool,
    #[serde(rename = "PhoneChatPPM")]
    phone_chat_ppm: Credits,
}

impl Settings {
    fn of(account: &Account) -> Result<Settings, adultwork_sdk::rules::Invalid> {
        let price = u32::try_from(account.user_id)
            .ok()
            .and_then(phonechat_user)
            .and_then(User::price_per_minute)
            .unwrap_or(0.0);
        Ok(Settings {
            offer_direct_chat: false,
            phone_chat_number: account.phone_chat_number,
            show_phone_chat_number: account.show_phone_chat_number,
            phone_chat_ppm: Credits::try_from(price)?,
        })
    }
}

/// `GET /v1/PhoneChat/GetSettings`.
pub async fn settings(call: Call<Query>) -> Response {
    match Settings::of(call.caller) {
        Ok(settings) => reply::json(200, &settings),
        Err(e) => internal_error(&e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::account::{ACCOUNTS, CLIENT, PERFORMER};
    use crate::seed::USERS;

    fn json<T: Serialize>(value: &T) -> String {
        serde_json::to_string(value).unwrap()
    }

    #[test]
    fn requirements_are_written_with_numbers_and_the_chosen_method_fields() {
        let laura = phonechat_user(3004).unwrap();
        assert_eq!(
            json(&Requirements::of(laura).unwrap()),
            r#"{"PhoneChatPPM":1.5,"Methods":[{"Method":1,"Available":true},{"Method":2,"Available":true},{"Method":3,"Available":true}]}"#
        );
        let peach = phonechat_user(3008).unwrap();
        assert_eq!(
            json(&Requirements::of(peach).unwrap()),
            r#"{"PhoneChatPPM":null,"Methods":[{"Method":1,"Available":false},{"Method":2,"Available":false},{"Method":3,"Available":true}]}"#
        );
        let skype_only: Vec<u32> = USERS
            .iter()
            .filter(|u| u.methods().iter().any(|(_, taken)| !taken))
            .map(User::id)
            .collect();
        assert_eq!(skype_only, [3008]);
    }

    #[test]
    fn settings_are_the_four_documented_fields() {
        assert_eq!(
            json(&Settings::of(&PERFORMER).unwrap()),
            r#"{"OfferDirectChat":false,"PhoneChatNumber":"447700900404","ShowPhoneChatNumber":true,"PhoneChatPPM":1.5}"#
        );
        assert_eq!(
            json(&Settings::of(&CLIENT).unwrap()),
            r#"{"OfferDirectChat":false,"PhoneChatNumber":"447700900123","ShowPhoneChatNumber":false,"PhoneChatPPM":0}"#
        );
        for account in ACCOUNTS {
            assert!(Settings::of(account).is_ok(), "{}", account.nickname);
        }
    }
}
