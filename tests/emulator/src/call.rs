//! [`Call`]: the one axum extractor every API handler reads its request through.
//!
//! A handler takes a `Call<T>` and receives the account the token acts as and its input, both
//! already checked; when a check fails, the extractor's rejection is the answer and the handler
//! never runs. The checks come in ASP.NET Web API's order (the route and the method are the
//! router's, before any extractor runs):
//!
//! 1. the token ([`crate::account::access`]): none or unknown → `401` "Authorization has been
//!    denied for this request." with `WWW-Authenticate: Bearer`; without the scope → `403`
//!    "The access token does not have the scope account_phonechat_bookings.". The body is not
//!    looked at before the token is accepted, so even a bad body gets the `401`;
//! 2. the input `T` ([`Input`]):
//!    - [`Object`] (the default), a JSON body that must be one object: an empty (or only
//!      white space) body, one that is not UTF-8, not JSON, or not an object is a `400` with
//!      the `ModelState` key `request`. serde_json reads it (a duplicated key counts with its
//!      last value, as in `JSON.parse`); a leading byte-order mark is skipped;
//!    - [`Query`], the query-string parameters, for `GET` endpoints: never refused here, since
//!      each endpoint judges its own parameters ([`Query::id`]).
//!
//! Errors are ASP.NET's bodies: `{"Message": …}`, or for a `400` `{"Message": "The request is
//! invalid.", "ModelState": {key: [messages]}}`.

use axum::extract::{FromRequest, Request};
use axum::response::{IntoResponse, Response};
use http::HeaderValue;
use serde_json::{Map, Value};

use crate::account::{access, Access, Account};
use crate::api::{invalid, message, type_name, SCOPE};
use crate::server::MAX_BODY;

/// A JSON object body, member by member.
pub type Object = Map<String, Value>;

/// A problem for a `400`'s `ModelState`: (key, message).
pub type Problem = (String, String);

/// An API request whose token was accepted and whose input was read.
#[derive(Debug)]
pub struct Call<T = Object> {
    /// The account the token acts as.
    pub caller: &'static Account,
    /// What the request carries.
    pub input: T,
}

/// Why a request was answered before its handler ran: the extractor's rejection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// No bearer token, or an unknown one: `401` with `WWW-Authenticate: Bearer`.
    Unauthorized,
    /// A token without the scope: `403`.
    NoScope,
    /// The input cannot be read: `400` with these `ModelState` problems.
    Invalid(Vec<Problem>),
}

impl Refusal {
    /// A `400` with one problem.
    fn invalid(key: &str, text: &str) -> Refusal {
        Refusal::Invalid(vec![(key.to_owned(), text.to_owned())])
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Unauthorized => {
                let mut response = message(401, "Authorization has been denied for this request.");
                response
                    .headers_mut()
                    .insert("WWW-Authenticate", HeaderValue::from_static("Bearer"));
                response
            }
            Refusal::NoScope => message(
                403,
                &format!("The access token does not have the scope {SCOPE}."),
            ),
            Refusal::Invalid(problems) => invalid(problems),
        }
    }
}

/// What a [`Call`] reads from the request once the token is accepted.
pub trait Input: Sized {
    /// Reads the input from the query string and the body, or says why not.
    fn read(query: Option<&str>, body: &[u8]) -> Result<Self, Refusal>;
}

impl Input for Object {
    fn read(_: Option<&str>, body: &[u8]) -> Result<Object, Refusal> {
        body_object(body).map_err(|why| Refusal::invalid("request", &why))
    }
}

/// The query-string parameters of a request, in order (decoded as forms are: `+` is a space).
#[derive(Debug, Clone, Default)]
pub struct Query(Vec<(String, String)>);

impl Input for Query {
    fn read(query: Option<&str>, _: &[u8]) -> Result<Query, Refusal> {
        let query = query.unwrap_or_default();
        Ok(Query(
            form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect(),
        ))
    }
}

impl Query {
    /// The first value of the parameter `name` (names are exact, as everywhere here).
    pub fn first(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// The ID parameter `name` as .NET binds an `int` from the query (`+5` included), then by
    /// the SDK's rule for `T` (such as `BookingId`, 1 to 2147483647). Missing or empty: "The
    /// {name} field is required."; anything else that is not one: "The value '{text}' is not
    /// valid for {name}.". The problem's key is the parameter's name.
    pub fn id<T: TryFrom<u32>>(&self, name: &str) -> Result<T, Problem> {
        match self.first(name) {
            None | Some("") => Err((name.to_owned(), format!("The {name} field is required."))),
            Some(text) => text
                .parse::<u32>()
                .ok()
                .and_then(|n| T::try_from(n).ok())
                .ok_or_else(|| {
                    (
                        name.to_owned(),
                        format!("The value '{text}' is not valid for {name}."),
                    )
                }),
        }
    }
}

/// The account the token acts as, or why the request is refused.
fn caller(headers: &http::HeaderMap) -> Result<&'static Account, Refusal> {
    match access(headers) {
        Access::Granted(account) => Ok(account),
        Access::Denied => Err(Refusal::Unauthorized),
        Access::NoScope => Err(Refusal::NoScope),
    }
}

/// The JSON object of a request body, or why it is not one.
fn body_object(body: &[u8]) -> Result<Object, String> {
    let text = std::str::from_utf8(body).map_err(|_| "The request body is not valid UTF-8.")?;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err("A request body is required.".to_owned());
    }
    let value: Value = serde_json::from_str(text)
        .map_err(|e| format!("The request body is not valid JSON: {e}."))?;
    match value {
        Value::Object(object) => Ok(object),
        other => Err(format!(
            "The request body must be a JSON object, not {}.",
            type_name(&other)
        )),
    }
}

impl<S: Send + Sync, T: Input> FromRequest<S> for Call<T> {
    type Rejection = Refusal;

    async fn from_request(request: Request, _: &S) -> Result<Call<T>, Refusal> {
        let (parts, body) = request.into_parts();
        // The token first: a request without one is refused before its body is looked at.
        let caller = caller(&parts.headers)?;
        // The server has read the whole body already (at most MAX_BODY bytes), so this does
        // not wait and cannot go over the limit.
        let limit = usize::try_from(MAX_BODY).unwrap_or(usize::MAX);
        let body = axum::body::to_bytes(body, limit)
            .await
            .map_err(|_| Refusal::invalid("request", "The request body could not be read."))?;
        let input = T::read(parts.uri.query(), &body)?;
        Ok(Call { caller, input })
    }
}

#[cfg(test)]
mod tests {
    use adultwork_sdk::rules::BookingId;
    use axum::body::Body;

    use super::*;
    use crate::account::CLIENT;

    fn read<T: Input>(request: http::Request<Body>) -> Result<Call<T>, Refusal> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(Call::<T>::from_request(request, &()))
    }

    fn post(token: Option<&str>, body: &'static str) -> http::Request<Body> {
        let mut builder = http::Request::post("/v1/x?BookingID=1");
        if let Some(token) = token {
            builder = builder.header("Authorization", format!("bearer {token}"));
        }
        builder.body(Body::from(body)).unwrap()
    }

    #[test]
    fn the_token_comes_before_the_body() {
        let refused = read::<Object>(post(None, "not json")).unwrap_err();
        assert_eq!(refused, Refusal::Unauthorized);
        let response = refused.into_response();
        assert_eq!(response.status(), 401);
        assert_eq!(response.headers()["WWW-Authenticate"], "Bearer");
        let refused = read::<Object>(post(Some("noscope-token"), "not json")).unwrap_err();
        assert_eq!(refused, Refusal::NoScope);
        assert_eq!(refused.into_response().status(), 403);
        let refused = read::<Object>(post(Some("test-token"), "not json")).unwrap_err();
        assert!(matches!(&refused, Refusal::Invalid(problems) if problems[0].0 == "request"));
        assert_eq!(refused.into_response().status(), 400);
        let call = read::<Object>(post(Some("test-token"), r#"{"a":1,"a":2}"#)).unwrap();
        assert_eq!(call.caller, &CLIENT);
        assert_eq!(call.input.get("a"), Some(&Value::from(2)));
    }

    #[test]
    fn bodies_must_be_one_object() {
        for (body, why) in [
            ("", "A request body is required."),
            (" \r\n", "A request body is required."),
            ("\u{FEFF}", "A request body is required."),
            (
                "[1]",
                "The request body must be a JSON object, not an array.",
            ),
            ("null", "The request body must be a JSON object, not null."),
        ] {
            assert_eq!(body_object(body.as_bytes()).unwrap_err(), why, "{body:?}");
        }
        assert_eq!(
            body_object(b"\xff").unwrap_err(),
            "The request body is not valid UTF-8."
        );
        assert!(body_object(b"{oops")
            .unwrap_err()
            .starts_with("The request body is not valid JSON: "));
        assert!(body_object("\u{FEFF}{}".as_bytes()).unwrap().is_empty());
    }

    #[test]
    fn query_ids_are_read_as_dotnet_binds_an_int() {
        let query = |text: &str| Query::read(Some(text), b"").unwrap();
        let id = |text: &str| query(text).id::<BookingId>("BookingID").map(BookingId::get);
        assert_eq!(id("BookingID=1001"), Ok(1001));
        assert_eq!(id("BookingID=%2B1002&BookingID=x"), Ok(1002));
        let required = Err((
            "BookingID".to_owned(),
            "The BookingID field is required.".to_owned(),
        ));
        assert_eq!(id(""), required);
        assert_eq!(id("BookingID="), required);
        assert_eq!(id("bookingid=1001"), required);
        for bad in ["abc", "0", "1.5", "-1", "4294967296"] {
            assert_eq!(
                id(&format!("BookingID={bad}")),
                Err((
                    "BookingID".to_owned(),
                    format!("The value '{bad}' is not valid for BookingID.")
                )),
                "{bad}"
            );
        }
    }
}
