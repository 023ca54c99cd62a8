//! Any endpoint the SDK has no type for, through the same client: [`AdultWorkClient::request`].
//!
//! The request goes through the very pipeline of the typed endpoints (the client's token and
//! its refresh, the time limit, abort, the retry policy by method, redirect refusal and the
//! error kinds); only the answer's reading differs: its body must be JSON, and it is read as
//! the caller's type. The path is relative to the client's base URL and checked, so the token
//! only ever goes to the configured API.
//!
//! The PhoneChat family (README, "The PhoneChat family") lists which endpoints are typed and
//! which are called this way, with what their public documentation leaves unknown.

use std::future::Future;

use adultwork_sdk_derive::Described;
use send_wrapper::SendWrapper;
use serde::de::DeserializeOwned;
use serde::Serialize;
#[cfg(feature = "js")]
use tsify::Tsify;

use crate::check::{self, deserialize_by_rule, Reading, Refusal};
use crate::client::{AdultWorkClient, Prepared, RequestOptions};
use crate::endpoint::Method;
use crate::error::{Error, Invalid, Issue};
use crate::rules::from_text;

/// A path below the API's base URL: `/v1/…`, with no scheme or host, no `.` or `..` segment
/// (`%2e` spelt or not), no `//`, query, fragment, backslash, space or control character. The
/// token only ever goes to the configured API, so anything else is refused before sending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Described)]
#[cfg_attr(feature = "js", derive(Tsify))]
#[describe(
    expected = "a path below the API like \"/v1/PhoneChat/GetSettings\"",
    text = api_path
)]
pub struct ApiPath(String);

fn api_path(path: &str) -> Result<Reading, Refusal> {
    if !path.starts_with("/v1/") {
        return Err(Some(
            "it must start with /v1/ (the client adds its base URL; no scheme or host)",
        ));
    }
    if path
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '\\')
    {
        return Err(Some(
            "it must not contain spaces, control characters or backslashes",
        ));
    }
    if path.contains(['?', '#']) {
        return Err(Some(
            "it must not have a query or a fragment (give query parameters in `query`)",
        ));
    }
    if path.contains("//") {
        return Err(Some("it must not contain an empty segment (//)"));
    }
    let dots = |segment: &str| {
        let plain = segment.to_ascii_lowercase().replace("%2e", ".");
        plain == "." || plain == ".."
    };
    if path.split('/').any(dots) {
        return Err(Some("it must not contain a . or .. segment"));
    }
    Ok(Reading::AsIs)
}

impl ApiPath {
    /// The path.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

deserialize_by_rule!(ApiPath);
from_text!(ApiPath);

/// A request to an endpoint the SDK has no type for: the method, the path below the client's
/// base URL, query parameters and a JSON body. Build it with [`ApiRequest::new`] (or
/// [`get`](ApiRequest::get), [`post`](ApiRequest::post), …) and send it with
/// [`AdultWorkClient::request`].
///
/// # Example
///
/// ```no_run
/// use adultwork_sdk::request::ApiRequest;
/// # use adultwork_sdk::AdultWorkClient;
/// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
/// #[derive(serde::Deserialize)]
/// #[serde(rename_all = "PascalCase")]
/// struct Requirements {
///     #[serde(rename = "PhoneChatPPM")]
///     price_per_minute: Option<f64>,
/// }
///
/// let request = ApiRequest::get("/v1/PhoneChat/GetUserBookingRequirements")?.query("BookUserID", 2001);
/// let requirements: Requirements = client.request(&request).await?;
/// # Ok(()) }
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiRequest {
    method: Method,
    path: ApiPath,
    query: Vec<(String, String)>,
    body: Option<String>,
}

impl ApiRequest {
    /// A request of `method` to `path` (see [`ApiPath`] for what a path may be).
    pub fn new(method: Method, path: &str) -> Result<ApiRequest, Invalid> {
        Ok(ApiRequest {
            method,
            path: ApiPath::try_from(path)?,
            query: Vec::new(),
            body: None,
        })
    }

    /// A `GET`: a read, retried after network errors and timeouts too.
    pub fn get(path: &str) -> Result<ApiRequest, Invalid> {
        Self::new(Method::Get, path)
    }

    /// A `POST`: a change, retried only when the server said it did not act.
    pub fn post(path: &str) -> Result<ApiRequest, Invalid> {
        Self::new(Method::Post, path)
    }

    /// A `PUT`: a change.
    pub fn put(path: &str) -> Result<ApiRequest, Invalid> {
        Self::new(Method::Put, path)
    }

    /// A `DELETE`: a change.
    pub fn delete(path: &str) -> Result<ApiRequest, Invalid> {
        Self::new(Method::Delete, path)
    }

    /// Adds the query parameter `key=value` (percent-encoded when sent).
    pub fn query(mut self, key: impl Into<String>, value: impl ToString) -> ApiRequest {
        self.query.push((key.into(), value.to_string()));
        self
    }

    /// Sets the JSON body. A `GET` has none (`fetch` refuses one): its parameters go in the
    /// query, and a body is [`Error::InvalidRequest`].
    pub fn json<B: Serialize + ?Sized>(self, body: &B) -> Result<ApiRequest, Error> {
        let invalid = |issue| Error::InvalidRequest {
            context: "Invalid request",
            issues: vec![issue],
        };
        self.body_allowed().map_err(invalid)?;
        let text = serde_json::to_string(body).map_err(|e| {
            invalid(Issue::new(
                "body",
                format!("could not be written as JSON ({e})"),
            ))
        })?;
        self.json_text(text).map_err(invalid)
    }

    /// Sets the body to this JSON text, as it is (already checked to be JSON by its maker);
    /// not for a `GET`.
    pub(crate) fn json_text(mut self, text: String) -> Result<ApiRequest, Issue> {
        self.body_allowed()?;
        self.body = Some(text);
        Ok(self)
    }

    /// Whether the method carries a body: not a `GET`.
    fn body_allowed(&self) -> Result<(), Issue> {
        if self.method == Method::Get {
            return Err(Issue::new(
                "body",
                "a GET request has no body (give its parameters in `query`)",
            ));
        }
        Ok(())
    }

    /// The request as the pipeline sends it.
    pub(crate) fn prepared(&self) -> Prepared {
        Prepared {
            method: self.method,
            path: self.path.as_str().to_owned(),
            safe_to_repeat: self.method == Method::Get,
            query: self.query.clone(),
            body: self.body.clone(),
        }
    }
}

impl AdultWorkClient {
    /// Sends a request the SDK has no type for and reads its JSON answer as a `T`, with the
    /// client's token, time limit, retries (by method: reads like the typed reads, changes like
    /// the typed changes), redirect refusal and error kinds.
    ///
    /// The answer must be JSON ([`Error::InvalidResponse`] with one problem at the body
    /// otherwise); it is then read as `T` by serde, and a `T` it is not is
    /// [`Error::InvalidResponse`] with serde's first problem at its path
    /// (`Methods[0].Available`).
    ///
    /// # Example
    ///
    /// ```no_run
    /// use adultwork_sdk::request::ApiRequest;
    /// # use adultwork_sdk::AdultWorkClient;
    /// # async fn example(client: &AdultWorkClient) -> Result<(), Box<dyn std::error::Error>> {
    /// let settings: serde_json::Value = client.request(&ApiRequest::get("/v1/PhoneChat/GetSettings")?).await?;
    /// # Ok(()) }
    /// ```
    pub async fn request<T: DeserializeOwned>(&self, request: &ApiRequest) -> Result<T, Error> {
        self.request_with(request, &RequestOptions::default()).await
    }

    /// [`request`](Self::request) with the options of this one call (an `AbortSignal`,
    /// another time limit or number of retries).
    pub fn request_with<'a, T: DeserializeOwned + 'a>(
        &'a self,
        request: &'a ApiRequest,
        options: &'a RequestOptions,
    ) -> impl Future<Output = Result<T, Error>> + Send + 'a {
        SendWrapper::new(async move {
            let prepared = request.prepared();
            self.exchange(&prepared, options).await.read(read_as::<T>)
        })
    }
}

/// Reads a 2xx body as a `T`: JSON first (the SDK's reader, with its messages), then serde,
/// whose first problem is reported at its path.
fn read_as<T: DeserializeOwned>(body: Result<&[u8], Issue>) -> Result<T, Error> {
    let name = short_type_name(std::any::type_name::<T>());
    let invalid = |issues| Error::InvalidResponse {
        context: format!("The server's answer is not a valid {name}"),
        issues,
    };
    let body = body
        .and_then(check::body)
        .map_err(|issue| invalid(vec![issue]))?;
    let mut json = serde_json::Deserializer::from_str(body.text);
    serde_path_to_error::deserialize(&mut json).map_err(|e| {
        let path = e.path().to_string();
        let path = if path == "." { String::new() } else { path };
        invalid(vec![Issue::new(path, e.into_inner().to_string())])
    })
}

/// A type's name without its modules, type parameters included: `Vec<DeleteResult>`, not
/// `DeleteResult>` (the last `::` piece of `alloc::vec::Vec<adultwork_sdk::model::DeleteResult>`).
fn short_type_name(full: &str) -> String {
    let mut out = String::with_capacity(full.len());
    let mut path = String::new();
    for c in full.chars().chain(std::iter::once('\0')) {
        if c.is_alphanumeric() || c == '_' || c == ':' {
            path.push(c);
            continue;
        }
        out.push_str(path.rsplit("::").next().unwrap_or_default());
        path.clear();
        if c != '\0' {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_stays_below_the_api() {
        for ok in [
            "/v1/PhoneChat/GetSettings",
            "/v1/Groups/PhoneChat/MadeBookingDetails",
            "/v1/a.b/c..d/%2e%2ex",
        ] {
            assert!(ApiPath::try_from(ok).is_ok(), "{ok}");
        }
        for (bad, why) in [
            ("https://evil.example/v1/x", "start with /v1/"),
            ("//evil.example/v1/x", "start with /v1/"),
            ("v1/PhoneChat", "start with /v1/"),
            ("/v2/PhoneChat", "start with /v1/"),
            ("/v1/../v2/x", ". or .."),
            ("/v1/PhoneChat/..", ". or .."),
            ("/v1/%2e%2E/x", ". or .."),
            ("/v1/.%2e/x", ". or .."),
            ("/v1/./x", ". or .."),
            ("/v1//evil.example", "empty segment"),
            ("/v1/x?BookingID=1", "query"),
            ("/v1/x#a", "query"),
            ("/v1/x\\..\\y", "backslashes"),
            ("/v1/x y", "spaces"),
            ("/v1/x\ty", "spaces"),
        ] {
            let e = ApiPath::try_from(bad).unwrap_err();
            assert!(e.to_string().contains(why), "{bad}: {e}");
        }
    }

    #[test]
    fn an_invalid_answer_names_the_type_without_its_modules() {
        use std::any::type_name;
        use std::collections::HashMap;
        let short = |full: &str| short_type_name(full);
        assert_eq!(
            short(type_name::<HashMap<String, u8>>()),
            "HashMap<String, u8>"
        );
        assert_eq!(
            short(type_name::<Vec<crate::model::DeleteResult>>()),
            "Vec<DeleteResult>"
        );
        assert_eq!(short(type_name::<serde_json::Value>()), "Value");
        assert_eq!(
            short(type_name::<Option<(u8, bool)>>()),
            "Option<(u8, bool)>"
        );
        assert_eq!(short(type_name::<[u32; 2]>()), "[u32; 2]");
        assert_eq!(short(""), "");
        let e = read_as::<Vec<crate::model::DeleteResult>>(Ok(b"{}")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("The server's answer is not a valid Vec<DeleteResult> (1 problem)"),
            "{e}"
        );
    }

    #[test]
    fn the_pipeline_gets_the_request_as_built() {
        let get = ApiRequest::get("/v1/PhoneChat/GetUserBookingRequirements")
            .unwrap()
            .query("BookUserID", 3004)
            .query("Flag", false)
            .query("BookUserID", "again")
            .prepared();
        assert_eq!(get.method, Method::Get);
        assert_eq!(get.path, "/v1/PhoneChat/GetUserBookingRequirements");
        assert!(
            get.safe_to_repeat,
            "a read is repeated like the typed reads"
        );
        let pairs: Vec<(&str, &str)> = get
            .query
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("BookUserID", "3004"),
                ("Flag", "false"),
                ("BookUserID", "again")
            ]
        );
        assert_eq!(get.body, None);
        for make in [ApiRequest::post, ApiRequest::put, ApiRequest::delete] {
            let change = make("/v1/x").unwrap().prepared();
            assert!(!change.safe_to_repeat, "{:?} is a change", change.method);
            assert_eq!(change.body, None);
        }
    }

    #[test]
    fn a_get_has_no_body() {
        let e = ApiRequest::get("/v1/PhoneChat/GetSettings")
            .unwrap()
            .json(&serde_json::json!({"BookUserID": 3004}))
            .unwrap_err();
        assert!(matches!(e, Error::InvalidRequest { .. }), "{e:?}");
        assert_eq!(e.issues()[0].path, "body");
        assert!(e.issues()[0].message.contains("query"), "{e}");
        for make in [ApiRequest::post, ApiRequest::put, ApiRequest::delete] {
            let request = make("/v1/x").unwrap().json(&[1, 2]).unwrap();
            assert_eq!(request.prepared().body.as_deref(), Some("[1,2]"));
        }
    }

    #[test]
    fn an_answer_is_read_as_the_callers_type() {
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Method {
            #[serde(rename = "Method")]
            method: u8,
            #[serde(rename = "Available")]
            available: bool,
        }
        #[derive(Debug, serde::Deserialize)]
        #[allow(dead_code)]
        struct Requirements {
            #[serde(rename = "Methods")]
            methods: Vec<Method>,
        }
        let ok = br#"{"PhoneChatPPM":1.5,"Methods":[{"Method":1,"Available":true}]}"#;
        assert!(read_as::<Requirements>(Ok(ok)).is_ok());
        let bad = br#"{"Methods":[{"Method":1,"Available":"yes"}]}"#;
        let e = read_as::<Requirements>(Ok(bad)).unwrap_err();
        assert_eq!(e.issues()[0].path, "Methods[0].Available");
        assert!(e
            .to_string()
            .starts_with("The server's answer is not a valid Requirements"));
        let e = read_as::<Requirements>(Ok(b"<html>")).unwrap_err();
        assert_eq!(e.issues()[0].path, "");
        assert!(e.issues()[0].message.contains("HTML"));
    }
}
