//! `client.request(options)`: any endpoint the SDK has no type for, as one more face of the
//! call pipeline. The options are read by the engine (one object read as two types: the
//! request, and the options of one call), become the Rust API's [`ApiRequest`], and go through
//! `exchange` like every typed call; the answer's JSON is handed over as the engine's
//! `JSON.parse` makes it, or checked first by the caller's Standard Schema (zod, valibot,
//! ArkType, or the SDK's own `schemas`), whose problems keep their paths in the SDK's notation.

use std::borrow::Cow;

use adultwork_sdk_derive::Described;
use js_sys::{Array, Function, Promise, Reflect};
use tsify::Tsify;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use super::client::JsClient;
use super::{read_both, to_js, to_js_caused};
use crate::check::messages::js_number;
use crate::check::{self, Description, FromChecked, JsTest, Kind, Map, Rule, Test, Value};
use crate::client::{redacted, AdultWorkClient, Prepared, RequestOptions, Secret};
use crate::endpoint::Method;
use crate::error::{Error, Issue};
use crate::js::errors::redacted_str;
use crate::request::{ApiPath, ApiRequest};

/// What `client.request()` sends and how it checks the answer. The options of one call
/// (`signal`, `timeoutMs`, `maxRetries`) go in the same object (`RequestOptions`).
#[derive(Debug, Described, Tsify)]
#[tsify(type_params = "T = unknown")]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApiRequestInit {
    /// `"GET"`, a read (also retried after network errors and timeouts), or `"POST"`, `"PUT"`,
    /// `"DELETE"`, changes (retried only after `429` and `503`).
    pub method: Method,
    /// The path below the client's base URL, like `"/v1/PhoneChat/GetSettings"`: no scheme or
    /// host, no `..`, query or fragment (the token only goes to the configured API).
    pub path: ApiPath,
    /// Query parameters (`undefined` ones are left out).
    #[serde(default)]
    #[tsify(type = "Record<string, string | number | boolean | undefined> | undefined")]
    pub query: Option<Query>,
    /// The body, sent as JSON (not with `"GET"`, whose parameters go in `query`).
    #[serde(default)]
    #[tsify(type = "unknown")]
    pub body: Option<JsonBody>,
    /// Checks the answer before it is handed over: any Standard Schema (zod 4, valibot 1,
    /// ArkType 2, or the SDK's own `schemas`); its problems reject as `InvalidResponse`.
    /// Without one the answer is the parsed JSON, typed `unknown`.
    #[serde(default)]
    #[tsify(type = "StandardSchemaV1<unknown, T> | undefined")]
    pub schema: Option<Schema>,
}

/// Query parameters, in order.
#[derive(Debug)]
pub struct Query(Vec<(String, Scalar)>);

/// A query parameter's value.
#[derive(Debug)]
pub enum Scalar {
    /// A string.
    Text(String),
    /// A finite number.
    Number(f64),
    /// A boolean.
    Bool(bool),
}

/// A request body: any JavaScript value, written with `JSON.stringify`.
#[derive(Debug)]
pub struct JsonBody(JsValue);

/// A Standard Schema (`schema["~standard"].validate`).
#[derive(Debug)]
pub struct Schema(JsValue);

impl check::Described for Query {
    const DESCRIPTION: &'static Description = &Description {
        name: "Query",
        kind: Kind::Map(Map {
            value: Scalar::DESCRIPTION,
            expected: "an object of query parameters (strings, numbers and booleans)",
        }),
    };
}

impl check::Described for Scalar {
    const DESCRIPTION: &'static Description = &Description {
        name: "Scalar",
        kind: Kind::Rule(Rule {
            expected: "a string, a finite number or a boolean",
            test: Test::Scalar,
        }),
    };
}

impl check::Described for JsonBody {
    const DESCRIPTION: &'static Description = &Description {
        name: "JsonBody",
        kind: Kind::Rule(Rule {
            expected: "a value JSON can carry",
            test: Test::Js(JsTest::Json),
        }),
    };
}

impl check::Described for Schema {
    const DESCRIPTION: &'static Description = &Description {
        name: "Schema",
        kind: Kind::Rule(Rule {
            expected: "a Standard Schema (zod, valibot, ArkType, or one of the SDK's `schemas`)",
            test: Test::Js(JsTest::StandardSchema),
        }),
    };
}

impl FromChecked for Query {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        Vec::<(String, Scalar)>::from_checked(value).map(Query)
    }
}

impl FromChecked for Scalar {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Text(text) => Some(Scalar::Text(text.into_owned())),
            Value::Number(n) => Some(Scalar::Number(n)),
            Value::Bool(b) => Some(Scalar::Bool(b)),
            _ => None,
        }
    }
}

impl FromChecked for JsonBody {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Js(body) => Some(JsonBody(body)),
            _ => None,
        }
    }
}

impl FromChecked for Schema {
    fn from_checked(value: Value<'_>) -> Option<Self> {
        match value {
            Value::Js(schema) => Some(Schema(schema)),
            _ => None,
        }
    }
}

#[wasm_bindgen(js_class = AdultWorkClient)]
impl JsClient {
    /// Declared in TypeScript by the section below (wasm-bindgen declares no type parameters).
    #[wasm_bindgen(skip_typescript)]
    pub async fn request(&self, options: JsValue) -> Result<JsValue, JsValue> {
        untyped(self.client().clone(), options).await
    }
}

#[wasm_bindgen(typescript_custom_section)]
const REQUEST_TS: &str = r#"
/**
 * With `request()`, the client also calls any endpoint the SDK has no function for.
 */
export interface AdultWorkClient {
    /**
     * Calls an endpoint the SDK has no function for, with this client's token, time limit,
     * retries (a `GET` like the typed reads, other methods like the typed changes), redirect
     * refusal and error kinds. `path` is relative to the client's base URL; one that is not
     * `/v1/…` (an absolute URL, `//host`, `..`) rejects with `InvalidRequest` and nothing is
     * sent. The answer must be JSON; with a `schema` it resolves to the schema's output, and a
     * failing check rejects with `InvalidResponse` listing the schema's problems at their paths
     * (`Methods[0].Available`); without one it resolves to the parsed JSON.
     *
     * @example
     * import * as z from "zod";
     * const Requirements = z.object({
     *   PhoneChatPPM: z.number().nullable(),
     *   Methods: z.array(z.object({ Method: z.number(), Available: z.boolean() })),
     * });
     * const requirements = await client.request({
     *   method: "GET", path: "/v1/PhoneChat/GetUserBookingRequirements",
     *   query: { BookUserID: 2001 }, schema: Requirements,
     * });
     * @throws {AdultWorkError} (the promise rejects) `InvalidRequest` (nothing was sent), `InvalidConfig`,
     * an HTTP kind, `InvalidResponse`, `NetworkError`, `Timeout` or `Aborted`.
     */
    request<T = unknown>(options: ApiRequestInit<T> & RequestOptions): Promise<T>;
}
"#;

/// `client.request(options)`: the options read, the pipeline run, the answer checked. The
/// async function only awaits; each step between the awaits is a plain function.
async fn untyped(client: AdultWorkClient, options: JsValue) -> Result<JsValue, JsValue> {
    let (prepared, call, schema) = begin(&client, options)?;
    let exchanged = client.exchange(&prepared, &call).await;
    let used = exchanged.token();
    let parsed = exchanged.read(parse).map_err(to_js)?;
    let Some(schema) = schema else {
        return Ok(parsed);
    };
    let result = match run_schema(&schema.0, &parsed) {
        Ok(pending) => JsFuture::from(pending)
            .await
            .map_err(|reason| Refusal::thrown("rejected with", reason)),
        Err(refusal) => Err(refusal),
    };
    schema_verdict(result).map_err(|refusal| schema_failed(refusal, used.as_ref()))
}

/// The options read and the request prepared, or the error the promise rejects with.
fn begin(
    client: &AdultWorkClient,
    options: JsValue,
) -> Result<(Prepared, RequestOptions, Option<Schema>), JsValue> {
    let read = read_both::<ApiRequestInit, RequestOptions>(options).and_then(|(init, call)| {
        let prepared = api_request(&init)?.prepared();
        Ok((prepared, call, init.schema))
    });
    read.map_err(|issues| {
        let token = client.fixed_token().map(|t| t.expose().to_owned());
        let error = Error::InvalidRequest {
            context: "Invalid request",
            issues,
        };
        to_js(redacted_str(error, token.as_deref()))
    })
}

/// Why a schema did not hand an output back: its problems, and what its `validate` threw or
/// rejected with, if it did.
struct Refusal {
    issues: Vec<Issue>,
    /// What `validate` threw (a bug in the caller's schema, such as a `TypeError` in a zod
    /// transform): kept as the error's `cause`, as the SDK keeps what a token function threw.
    thrown: Option<JsValue>,
}

impl From<Vec<Issue>> for Refusal {
    fn from(issues: Vec<Issue>) -> Refusal {
        Refusal {
            issues,
            thrown: None,
        }
    }
}

impl Refusal {
    /// `validate` threw, or its promise rejected (`how`), with `thrown`: one issue that says
    /// what it was, and the value itself as the cause.
    fn thrown(how: &str, thrown: JsValue) -> Refusal {
        let what = match thrown.dyn_ref::<js_sys::Error>() {
            Some(error) => String::from(error.to_string()),
            None => thrown
                .as_string()
                .unwrap_or_else(|| "a value that is not an Error".into()),
        };
        let what: String = what.chars().take(300).collect();
        let message = format!("the schema's `validate` {how} {what} (see `cause`)");
        Refusal {
            issues: vec![Issue::new("", message)],
            thrown: Some(thrown),
        }
    }
}

/// A schema's problems as the error the promise rejects with.
fn schema_failed(refusal: Refusal, token: Option<&Secret>) -> JsValue {
    let error = Error::InvalidResponse {
        context: "The server's answer does not match the schema".into(),
        issues: refusal.issues,
    };
    to_js_caused(redacted(error, token), refusal.thrown)
}

/// The Rust API's request for `init`: query values as text, the body as JSON text.
fn api_request(init: &ApiRequestInit) -> Result<ApiRequest, Vec<Issue>> {
    let path = init.path.as_str();
    let mut request = ApiRequest::new(init.method, path)
        .map_err(|invalid| vec![Issue::new("path", invalid.to_string())])?;
    for (key, value) in init.query.iter().flat_map(|q| &q.0) {
        request = match value {
            Scalar::Text(text) => request.query(key.as_str(), text),
            Scalar::Number(n) => request.query(key.as_str(), js_number(*n)),
            Scalar::Bool(b) => request.query(key.as_str(), b),
        };
    }
    if let Some(JsonBody(body)) = &init.body {
        let text = js_sys::JSON::stringify(body)
            .ok()
            .and_then(|text| text.as_string())
            .ok_or_else(|| {
                vec![Issue::new(
                    "body",
                    "could not be written as JSON (a BigInt, a cycle, or a function alone?)",
                )]
            })?;
        request = request.json_text(text).map_err(|issue| vec![issue])?;
    }
    Ok(request)
}

/// A 2xx body as the engine's `JSON.parse` makes it (the SDK's reader first, for its
/// messages about a body that is not JSON).
fn parse(body: Result<&[u8], Issue>) -> Result<JsValue, Error> {
    let invalid = |issue| Error::InvalidResponse {
        context: "The server's answer is not JSON".into(),
        issues: vec![issue],
    };
    let body = body.and_then(check::body).map_err(invalid)?;
    check::js::parse(body.text).map_err(|_| {
        invalid(Issue::new(
            "",
            "JSON.parse refused a text the SDK read as JSON",
        ))
    })
}

/// Starts a Standard Schema's `validate` on `value`: its result, or the promise of one, as a
/// promise to await.
fn run_schema(schema: &JsValue, value: &JsValue) -> Result<Promise, Refusal> {
    let problem = |message: &str| Refusal::from(vec![Issue::new("", message)]);
    let standard = Reflect::get(schema, &JsValue::from_str("~standard"))
        .map_err(|_| problem("the schema's `~standard` could not be read"))?;
    let validate: Function = Reflect::get(&standard, &JsValue::from_str("validate"))
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| problem("the schema has no `~standard.validate` function"))?;
    let result = validate
        .call1(&standard, value)
        .map_err(|thrown| Refusal::thrown("threw", thrown))?;
    // A result or a promise of one: awaited alike.
    Ok(Promise::resolve(&result))
}

/// A Standard Schema's result: its output, or its problems as the SDK's issues.
fn schema_verdict(result: Result<JsValue, Refusal>) -> Result<JsValue, Refusal> {
    let result = result?;
    let issues = Reflect::get(&result, &JsValue::from_str("issues")).unwrap_or_default();
    if issues.is_undefined() || issues.is_null() {
        return Ok(Reflect::get(&result, &JsValue::from_str("value")).unwrap_or_default());
    }
    let listed: Vec<Issue> = match issues.dyn_into::<Array>() {
        Ok(issues) => issues.iter().map(|issue| sdk_issue(&issue)).collect(),
        Err(_) => Vec::new(),
    };
    if listed.is_empty() {
        // A failure whose issues are no list, or an empty one: still a failure.
        return Err(vec![Issue::new("", "the schema refused the answer")].into());
    }
    Err(listed.into())
}

/// A Standard Schema issue as the SDK's: its message, and its path in the SDK's notation
/// (`Candidate.UserID`, `BookingIDs[0]`, `[0].BookingID`).
fn sdk_issue(issue: &JsValue) -> Issue {
    let message = Reflect::get(issue, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| "does not match the schema".into());
    let segments: Vec<Segment<'static>> = Reflect::get(issue, &JsValue::from_str("path"))
        .ok()
        .and_then(|p| p.dyn_into::<Array>().ok())
        .map(|path| path.iter().map(|segment| segment_of(&segment)).collect())
        .unwrap_or_default();
    Issue::new(path_of(&segments), message)
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Segment<'a> {
    /// An object's key.
    Key(Cow<'a, str>),
    /// An array's index.
    Index(u32),
}

/// A Standard Schema path segment: a key (string, number or symbol), or `{ key }`.
fn segment_of(segment: &JsValue) -> Segment<'static> {
    let key = if segment.is_object() {
        Reflect::get(segment, &JsValue::from_str("key")).unwrap_or_default()
    } else {
        segment.clone()
    };
    if let Some(n) = key.as_f64() {
        if n >= 0.0 && n == n.trunc() && n <= f64::from(u32::MAX) {
            return Segment::Index(n as u32);
        }
        return Segment::Key(Cow::Owned(js_number(n)));
    }
    let text = key.as_string().or_else(|| {
        key.dyn_ref::<js_sys::Symbol>()
            .map(|s| String::from(s.to_string()))
    });
    Segment::Key(Cow::Owned(text.unwrap_or_default()))
}

/// A path in the SDK's notation: keys joined with dots, indices in brackets.
pub(crate) fn path_of(segments: &[Segment<'_>]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Key(key) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(key);
            }
            Segment::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
        }
    }
    out
}

/// The segments of a path in the SDK's notation (the inverse of [`path_of`]).
pub(crate) fn segments_of(path: &str) -> Vec<Segment<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = match part.find('[') {
            Some(at) => (
                part.get(..at).unwrap_or_default(),
                part.get(at..).unwrap_or_default(),
            ),
            None => (part, ""),
        };
        if !key.is_empty() {
            out.push(Segment::Key(Cow::Borrowed(key)));
        }
        while let Some(inner) = rest.strip_prefix('[') {
            let Some(end) = inner.find(']') else { break };
            match inner.get(..end).and_then(|n| n.parse::<u32>().ok()) {
                Some(index) => out.push(Segment::Index(index)),
                None => out.push(Segment::Key(Cow::Borrowed(
                    inner.get(..end).unwrap_or_default(),
                ))),
            }
            rest = inner.get(end + 1..).unwrap_or_default();
        }
    }
    out
}
