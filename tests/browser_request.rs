//! `client.request(options)` from JavaScript, in a real browser against the emulator: the query
//! and the body on the wire, a Standard Schema's output and its issues in the SDK's notation,
//! every path that must not leave (nothing sent, not even a preflight), unknown option keys,
//! the retry policy by method, abort, the time limit, redirects, and the token.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/support/request.js")]
extern "C" {
    fn schema(name: &str) -> JsValue;
    #[wasm_bindgen(js_name = notASchema)]
    fn not_a_schema(name: &str) -> JsValue;
    fn seen(schema: &JsValue) -> JsValue;
    fn cyclic() -> JsValue;
    fn stringify(value: &JsValue) -> String;
    fn has(value: &JsValue, key: &str) -> bool;
    #[wasm_bindgen(js_name = abortedWith)]
    fn aborted_with(reason: &str) -> JsValue;
    #[wasm_bindgen(js_name = abortLater)]
    fn abort_later(controller: &JsValue, ms: u32);
    fn now() -> f64;
}

#[wasm_bindgen(module = "/tests/support/emulator.js")]
extern "C" {
    #[wasm_bindgen(js_name = oddValue)]
    fn odd_value(name: &str) -> JsValue;
}

const REQUIREMENTS: &str = "/v1/PhoneChat/GetUserBookingRequirements";
/// What the emulator answers for 3004 LateNightLaura.
const LAURA: &str = r#"{"PhoneChatPPM":1.5,"Methods":[{"Method":1,"Available":true},{"Method":2,"Available":true},{"Method":3,"Available":true}]}"#;

fn client(token: &str) -> AdultWorkClient {
    AdultWorkClient::new(options(token)).unwrap()
}

async fn request(client: &AdultWorkClient, init: &JsValue) -> Result<JsValue, JsValue> {
    settle(client.request(init.clone())).await
}

/// `{ method, path }` plus `key: value`.
fn init(method: &str, path: &str) -> JsValue {
    js(&format!(r#"{{"method":"{method}","path":"{path}"}}"#))
}

fn requirements_of(user: u32) -> JsValue {
    js(&format!(
        r#"{{"method":"GET","path":"{REQUIREMENTS}","query":{{"BookUserID":{user}}}}}"#
    ))
}

/// `(path, message)` of each issue of an error.
fn issues(error: &JsValue) -> Vec<(String, String)> {
    items(&get(error, "issues"))
        .iter()
        .map(|i| (text(i, "path"), text(i, "message")))
        .collect()
}

fn issue_paths(error: &JsValue) -> Vec<String> {
    issues(error).into_iter().map(|(p, _)| p).collect()
}

/// A fault answering `200` with this JSON text.
async fn answer_once(json: &str) {
    let body = stringify(&JsValue::from_str(json));
    fault(&format!(
        r#"{{"status":200,"contentType":"application/json","body":{body}}}"#
    ))
    .await;
}

/// Nothing reached the emulator, not even a CORS preflight.
async fn nothing_sent(what: &str) {
    let log = items(&all_requests().await);
    assert!(log.is_empty(), "{what}: the emulator saw {}", log.len());
}

// --- query, body, answer ------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_get_sends_its_query_encoded_and_leaves_undefined_out() {
    reset().await;
    let query = js(
        r#"{"BookUserID":3004,"text":"a b&c=d/é?#+%","yes":true,"no":false,"half":1.5,"big":1e21}"#,
    );
    let query = with_value(&query, "skipped", &JsValue::UNDEFINED);
    let query = with_value(&query, "minusZero", &JsValue::from_f64(-0.0));
    let init = with_value(&init("GET", REQUIREMENTS), "query", &query);
    let answer = request(&client("test-token"), &init).await.unwrap();
    assert_eq!(stringify(&answer), LAURA);

    let log = received().await;
    assert_eq!(log.len(), 1);
    let r = &log[0];
    assert_eq!(text(r, "method"), "GET");
    assert_eq!(text(r, "path"), REQUIREMENTS);
    // application/x-www-form-urlencoded, in the given order; numbers as JavaScript writes them.
    assert_eq!(
        text(r, "query"),
        "BookUserID=3004&text=a+b%26c%3Dd%2F%C3%A9%3F%23%2B%25&yes=true&no=false&half=1.5&big=1e%2B21&minusZero=0"
    );
    assert_eq!(text(r, "body"), "");
    let headers = get(r, "headers");
    assert_eq!(text(&headers, "authorization"), "bearer test-token");
    assert_eq!(text(&headers, "accept"), "application/json");
    assert!(get(&headers, "content-type").is_undefined());
}

#[wasm_bindgen_test]
async fn a_query_value_that_is_not_a_string_number_or_boolean_sends_nothing() {
    reset().await;
    let c = client("test-token");
    let mut query = js(r#"{"ok":"x","null":null,"object":{},"array":[1]}"#);
    for (key, odd) in [("nan", "NaN"), ("inf", "Infinity"), ("big", "bigint")] {
        query = with_value(&query, key, &odd_value(odd));
    }
    let init_ = with_value(&init("GET", REQUIREMENTS), "query", &query);
    let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
    assert_eq!(
        issue_paths(&e),
        [
            "query.null",
            "query.object",
            "query.array",
            "query.nan",
            "query.inf",
            "query.big"
        ]
    );
    for bad in ["[]", "\"BookUserID=3004\"", "5"] {
        let init_ = with_value(&init("GET", REQUIREMENTS), "query", &js(bad));
        let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
        assert_eq!(issue_paths(&e), ["query"], "{bad}");
    }
    nothing_sent("bad query").await;
}

#[wasm_bindgen_test]
async fn a_post_sends_its_body_as_json_and_resolves_to_the_parsed_answer() {
    reset().await;
    let c = client("test-token");
    let init = js(
        r#"{"method":"POST","path":"/v1/PhoneChat/DeleteMadeBookings","body":{"BookingIDs":"1005,1001"}}"#,
    );
    let answer = request(&c, &init).await.unwrap();
    let results = items(&answer);
    assert_eq!(results.len(), 2);
    assert_eq!(num(&results[0], "BookingID"), 1005.0);
    assert_eq!(get(&results[0], "Deleted"), JsValue::TRUE);
    assert_eq!(num(&results[1], "BookingID"), 1001.0);
    assert_eq!(get(&results[1], "Deleted"), JsValue::FALSE);
    let log = received().await;
    assert_eq!(log.len(), 1);
    assert_eq!(text(&log[0], "method"), "POST");
    assert_eq!(text(&log[0], "body"), r#"{"BookingIDs":"1005,1001"}"#);
    assert_eq!(
        text(&get(&log[0], "headers"), "content-type"),
        "application/json"
    );
    // The server acted: 1005 is gone.
    let details = js(
        r#"{"method":"GET","path":"/v1/PhoneChat/MadeBookingDetails","query":{"BookingID":1005}}"#,
    );
    let e = expect_kind(request(&c, &details).await, "NotFound");
    assert_eq!(num(&e, "status"), 404.0);
}

#[wasm_bindgen_test]
async fn put_and_delete_send_any_json_value_as_the_body() {
    reset().await;
    let c = client("test-token");
    for (method, body) in [
        (
            "PUT",
            r#"{"a":[1,"two",null,{"b":false}],"é":"\u2028 \"q\""}"#,
        ),
        ("DELETE", r#""just a string""#),
        ("POST", "[1005,1006]"),
        ("PUT", "0"),
        ("DELETE", "false"),
    ] {
        reset().await;
        answer_once(r#"{"ok":true}"#).await;
        let init_ = with_value(&init(method, "/v1/PhoneChat/Anything"), "body", &js(body));
        let answer = request(&c, &init_).await.unwrap();
        assert_eq!(stringify(&answer), r#"{"ok":true}"#);
        let log = received().await;
        assert_eq!(log.len(), 1, "{method} {body}");
        assert_eq!(text(&log[0], "method"), method);
        assert_eq!(text(&log[0], "body"), stringify(&js(body)), "{method}");
        assert_eq!(
            text(&get(&log[0], "headers"), "content-type"),
            "application/json"
        );
    }
    // Without a body (or with `undefined`): none, and no Content-Type.
    for body in [None, Some(JsValue::UNDEFINED)] {
        reset().await;
        answer_once("[]").await;
        let mut init_ = init("DELETE", "/v1/PhoneChat/Anything");
        if let Some(body) = &body {
            init_ = with_value(&init_, "body", body);
        }
        assert_eq!(stringify(&request(&c, &init_).await.unwrap()), "[]");
        let log = received().await;
        assert_eq!(text(&log[0], "body"), "");
        assert!(get(&get(&log[0], "headers"), "content-type").is_undefined());
    }
}

#[wasm_bindgen_test]
async fn a_body_json_cannot_carry_sends_nothing() {
    reset().await;
    let c = client("test-token");
    let bodies = [
        ("a BigInt", odd_value("bigint")),
        ("a cycle", cyclic()),
        ("a function", odd_value("function")),
        ("a symbol", odd_value("symbol")),
    ];
    for (what, body) in bodies {
        let init_ = with_value(&init("POST", "/v1/PhoneChat/Anything"), "body", &body);
        let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
        assert_eq!(issue_paths(&e), ["body"], "{what}");
    }
    nothing_sent("bodies JSON cannot carry").await;
}

#[wasm_bindgen_test]
async fn a_get_with_a_body_is_an_invalid_request() {
    reset().await;
    let init_ = with_value(
        &init("GET", REQUIREMENTS),
        "body",
        &js(r#"{"BookUserID":3004}"#),
    );
    let start = now();
    let e = expect_kind(
        request(&client("test-token"), &init_).await,
        "InvalidRequest",
    );
    assert_eq!(issue_paths(&e), ["body"]);
    assert!(now() - start < 400.0, "it waited for retries");
    nothing_sent("a GET with a body").await;
}

#[wasm_bindgen_test]
async fn without_a_schema_the_answer_is_the_parsed_json_and_must_be_json() {
    reset().await;
    let c = client("performer-token");
    let settings = request(&c, &init("GET", "/v1/PhoneChat/GetSettings"))
        .await
        .unwrap();
    assert_eq!(
        stringify(&settings),
        r#"{"OfferDirectChat":false,"PhoneChatNumber":"447700900404","ShowPhoneChatNumber":true,"PhoneChatPPM":1.5}"#
    );
    // Whatever JSON it is: an array, a string, null.
    for json in ["[1,{\"a\":null}]", "\"text\"", "null", "12.5"] {
        answer_once(json).await;
        let answer = request(&c, &init("GET", "/v1/PhoneChat/GetSettings"))
            .await
            .unwrap();
        assert_eq!(stringify(&answer), json);
    }
    // Not JSON: InvalidResponse, the body's problem at the root.
    for (body, content_type) in [
        ("<html><body>Maintenance</body></html>", "text/html"),
        ("", "application/json"),
        ("{\"a\":", "application/json"),
    ] {
        fault(&format!(
            r#"{{"status":200,"contentType":"{content_type}","body":{}}}"#,
            stringify(&JsValue::from_str(body))
        ))
        .await;
        let e = expect_kind(
            request(&c, &init("GET", "/v1/PhoneChat/GetSettings")).await,
            "InvalidResponse",
        );
        assert_eq!(issue_paths(&e), [""], "{body}");
    }
}

#[wasm_bindgen_test]
async fn http_refusals_have_the_typed_calls_kinds() {
    reset().await;
    let e = expect_kind(
        request(&client("test-token"), &requirements_of(3006)).await,
        "Conflict",
    );
    assert!(text(&e, "serverMessage").contains("DirectChat Only"));
    let e = expect_kind(
        request(&client("test-token"), &requirements_of(9)).await,
        "NotFound",
    );
    assert_eq!(
        text(&e, "serverMessage"),
        "The user does not exist or does not offer PhoneChat."
    );
    let e = expect_kind(
        request(&client("test-token"), &init("GET", REQUIREMENTS)).await,
        "BadRequest",
    );
    assert!(text(&e, "serverMessage").contains("BookUserID"));
    expect_kind(
        request(&client("nope"), &requirements_of(3004)).await,
        "Unauthorized",
    );
    expect_kind(
        request(&client("noscope-token"), &requirements_of(3004)).await,
        "Forbidden",
    );
}

// --- schemas --------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_passing_schema_gives_its_output() {
    reset().await;
    let c = client("test-token");
    let with = |name: &str| with_value(&requirements_of(3004), "schema", &schema(name));
    let out = request(&c, &with("transform")).await.unwrap();
    assert_eq!(
        stringify(&out),
        r#"{"ppm":150,"methods":3,"input":"object"}"#
    );
    let out = request(&c, &with("async-pass")).await.unwrap();
    assert_eq!(stringify(&out), format!(r#"{{"wrapped":{LAURA}}}"#));
    // The schema is given the parsed JSON, and its output is handed over as it is.
    let recording = schema("record");
    let init_ = with_value(&requirements_of(3004), "schema", &recording);
    let out = request(&c, &init_).await.unwrap();
    let given = items(&seen(&recording));
    assert_eq!(given.len(), 1);
    assert!(js_sys::Object::is(&given[0], &out));
    assert_eq!(stringify(&out), LAURA);
}

#[wasm_bindgen_test]
async fn a_failing_schema_is_an_invalid_response_with_its_issues_in_sdk_notation() {
    reset().await;
    let c = client("test-token");
    let expected = [
        ("Candidate.UserID", "expected a number"),
        ("Methods[0].Available", "expected a boolean"),
        ("Methods[2].Method", "segments as objects"),
        ("", "at the root, no path"),
        ("", "at the root, empty path"),
        ("Symbol(Sym)", "a symbol key"),
        ("[0].BookingID", "an index first"),
    ];
    for name in ["fail", "async-fail"] {
        reset().await;
        let init_ = with_value(&requirements_of(3004), "schema", &schema(name));
        let e = expect_kind(request(&c, &init_).await, "InvalidResponse");
        let got = issues(&e);
        let got: Vec<(&str, &str)> = got.iter().map(|(p, m)| (p.as_str(), m.as_str())).collect();
        assert_eq!(got, expected, "{name}");
        assert!(
            text(&e, "message").starts_with("The server's answer does not match the schema"),
            "{}",
            text(&e, "message")
        );
        assert!(get(&e, "status").is_undefined());
        assert_eq!(received().await.len(), 1, "{name}: not retried");
    }
}

#[wasm_bindgen_test]
async fn a_schema_that_throws_fails_the_call_after_it_was_sent() {
    // The request was sent (and a change may have been made): not InvalidRequest, whose
    // promise is that nothing was sent, but InvalidResponse, as for any answer not checked.
    for name in ["throws", "rejects"] {
        reset().await;
        let init_ = with_value(&requirements_of(3004), "schema", &schema(name));
        let e = expect_kind(
            request(&client("test-token"), &init_).await,
            "InvalidResponse",
        );
        let listed = issues(&e);
        assert_eq!(listed.len(), 1, "{name}");
        assert_eq!(listed[0].0, "");
        assert!(listed[0].1.contains("validate"), "{name}: {}", listed[0].1);
        assert_eq!(received().await.len(), 1, "{name}: sent once");
    }
}

#[wasm_bindgen_test]
async fn a_value_that_is_not_a_schema_sends_nothing() {
    reset().await;
    let c = client("test-token");
    for name in [
        "object",
        "number",
        "string",
        "no-validate",
        "validate-not-a-function",
        "standard-not-an-object",
    ] {
        let init_ = with_value(&requirements_of(3004), "schema", &not_a_schema(name));
        let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
        assert_eq!(issue_paths(&e), ["schema"], "{name}");
    }
    nothing_sent("not a schema").await;
    // `null`, like `undefined`, is no schema (as for every optional field of the SDK).
    let init_ = with_value(&requirements_of(3004), "schema", &not_a_schema("null"));
    assert_eq!(stringify(&request(&c, &init_).await.unwrap()), LAURA);
}

// --- what must not leave --------------------------------------------------------------------

#[wasm_bindgen_test]
async fn a_path_outside_the_api_is_refused_and_nothing_is_sent() {
    reset().await;
    let here = emulator_url();
    let host = here.trim_start_matches("http:");
    let c = client("test-token");
    let mut refused: Vec<(String, JsValue)> = [
        format!("{here}/v1/PhoneChat/GetSettings"),
        "https://evil.example/v1/PhoneChat/GetSettings".to_owned(),
        "http://evil.example/v1/PhoneChat/GetSettings".to_owned(),
        format!("{host}/v1/PhoneChat/GetSettings"),
        "//evil.example/v1/PhoneChat/GetSettings".to_owned(),
        "/v2/PhoneChat/GetSettings".to_owned(),
        "/v1".to_owned(),
        "v1/PhoneChat/GetSettings".to_owned(),
        "/v1/../v2/PhoneChat/GetSettings".to_owned(),
        "/v1/PhoneChat/..".to_owned(),
        "/v1/%2e%2e/__emulator/reset".to_owned(),
        "/v1/%2E%2e/x".to_owned(),
        "/v1/./PhoneChat/GetSettings".to_owned(),
        "/v1/PhoneChat\\..\\..\\x".to_owned(),
        "/v1\\evil.example".to_owned(),
        "/v1//evil.example/x".to_owned(),
        "/v1/PhoneChat/GetSettings?x=1".to_owned(),
        "/v1/PhoneChat/GetSettings#x".to_owned(),
        "/v1/PhoneChat/Get Settings".to_owned(),
        "/v1/PhoneChat/GetSettings\n".to_owned(),
        "/v1/PhoneChat/\u{0}".to_owned(),
        String::new(),
    ]
    .into_iter()
    .map(|p| (p.clone(), JsValue::from_str(&p)))
    .collect();
    for (what, value) in [
        ("5", JsValue::from(5)),
        ("null", JsValue::NULL),
        ("an object", js(r#"{"path":"/v1/PhoneChat/GetSettings"}"#)),
        ("a String object", odd_value("boxed-string")),
    ] {
        refused.push((what.to_owned(), value));
    }
    for (what, path) in &refused {
        let init_ = with_value(&js(r#"{"method":"GET"}"#), "path", path);
        let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
        assert_eq!(issue_paths(&e), ["path"], "{what:?}");
    }
    // Missing altogether.
    let e = expect_kind(
        request(&c, &js(r#"{"method":"GET"}"#)).await,
        "InvalidRequest",
    );
    assert_eq!(issue_paths(&e), ["path"]);
    nothing_sent("refused paths").await;
    // The refusal says why.
    let init_ = init("GET", "//evil.example/v1/x");
    let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
    assert!(issues(&e)[0].1.contains("/v1/"), "{:?}", issues(&e));
}

#[wasm_bindgen_test]
async fn a_bad_method_or_options_that_are_not_an_object_send_nothing() {
    reset().await;
    let c = client("test-token");
    for method in [
        js(r#""PATCH""#),
        js(r#""get""#),
        js("1"),
        JsValue::UNDEFINED,
    ] {
        let init_ = with_value(
            &js(r#"{"path":"/v1/PhoneChat/GetSettings"}"#),
            "method",
            &method,
        );
        let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
        assert_eq!(issue_paths(&e), ["method"], "{method:?}");
    }
    for options in [
        JsValue::UNDEFINED,
        JsValue::NULL,
        JsValue::from_str("GET /v1/PhoneChat/GetSettings"),
        js("[]"),
    ] {
        expect_kind(request(&c, &options).await, "InvalidRequest");
    }
    nothing_sent("bad methods").await;
}

#[wasm_bindgen_test]
async fn unknown_option_keys_are_refused_with_a_hint() {
    reset().await;
    let c = client("test-token");
    for (key, meant) in [
        ("shema", "schema"),
        ("querry", "query"),
        ("Body", "body"),
        ("timeout", "timeoutMs"),
        ("signl", "signal"),
        ("maxRetry", "maxRetries"),
    ] {
        let init_ = with_value(&requirements_of(3004), key, &JsValue::from(1));
        let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
        let listed = issues(&e);
        assert_eq!(listed.len(), 1, "{key}: {listed:?}");
        assert_eq!(listed[0].0, key);
        assert_eq!(
            listed[0].1,
            format!("is not a known key; did you mean \"{meant}\"?"),
            "{key}"
        );
    }
    // The request's and the call's problems together, each once.
    let init_ =
        js(r#"{"method":"GET","path":"//x","timeoutMs":0,"maxRetries":11,"accessToken":"t"}"#);
    let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
    let mut paths = issue_paths(&e);
    paths.sort();
    assert_eq!(paths, ["accessToken", "maxRetries", "path", "timeoutMs"]);
    nothing_sent("unknown keys").await;
}

// --- the pipeline: retries, abort, time limit, redirects ------------------------------------

#[wasm_bindgen_test]
async fn a_get_is_retried_like_the_typed_reads() {
    for (fault_json, extra) in [
        (r#"{"status":503,"headers":{"Retry-After":"0"}}"#, ""),
        (r#"{"status":429,"headers":{"Retry-After":"0"}}"#, ""),
        (r#"{"status":502,"headers":{"Retry-After":"0"}}"#, ""),
        (r#"{"status":504,"headers":{"Retry-After":"0"}}"#, ""),
        (r#"{"drop":"after-headers","status":200}"#, ""),
        (r#"{"delayMs":3000}"#, r#","timeoutMs":300"#),
    ] {
        reset().await;
        fault(fault_json).await;
        let init_ = js(&format!(
            r#"{{"method":"GET","path":"{REQUIREMENTS}","query":{{"BookUserID":3004}}{extra}}}"#
        ));
        let answer = request(&client("test-token"), &init_).await;
        assert_eq!(stringify(&answer.unwrap()), LAURA, "{fault_json}");
        let log = received().await;
        assert_eq!(log.len(), 2, "{fault_json}: one retry");
        assert_eq!(text(&log[1], "query"), "BookUserID=3004");
    }
    // Within maxRetries (the call's, over the client's), and not after a 500.
    reset().await;
    fault(r#"[{"status":502},{"status":502},{"status":502}]"#).await;
    let init_ = js(&format!(
        r#"{{"method":"GET","path":"{REQUIREMENTS}","query":{{"BookUserID":3004}},"maxRetries":1}}"#
    ));
    expect_kind(request(&client("test-token"), &init_).await, "ServerError");
    assert_eq!(received().await.len(), 2);
    reset().await;
    fault(r#"{"status":500}"#).await;
    expect_kind(
        request(&client("test-token"), &requirements_of(3004)).await,
        "ServerError",
    );
    assert_eq!(received().await.len(), 1);
}

#[wasm_bindgen_test]
async fn a_change_is_retried_only_when_the_server_did_not_act() {
    for method in ["POST", "PUT", "DELETE"] {
        let path = "/v1/PhoneChat/Anything";
        let with_body = with_value(&init(method, path), "body", &js(r#"{"n":1}"#));
        // 429 and 503: retried, the same body again.
        for status in [429, 503] {
            reset().await;
            fault(&format!(
                r#"[{{"status":{status},"headers":{{"Retry-After":"0"}}}},{{"status":200,"contentType":"application/json","body":"{{}}"}}]"#
            ))
            .await;
            request(&client("test-token"), &with_body).await.unwrap();
            let log = received().await;
            assert_eq!(log.len(), 2, "{method} after {status}");
            assert_eq!(text(&log[1], "method"), method);
            assert_eq!(text(&log[1], "body"), r#"{"n":1}"#);
        }
        // The server may have acted: not repeated.
        for (fault_json, kind, extra) in [
            (
                r#"{"drop":"after-headers","status":200}"#,
                "NetworkError",
                "",
            ),
            (
                r#"{"status":502,"headers":{"Retry-After":"0"}}"#,
                "ServerError",
                "",
            ),
            (
                r#"{"status":504,"headers":{"Retry-After":"0"}}"#,
                "ServerError",
                "",
            ),
            (r#"{"status":500}"#, "ServerError", ""),
            (r#"{"delayMs":3000}"#, "Timeout", r#","timeoutMs":300"#),
        ] {
            reset().await;
            fault(fault_json).await;
            let init_ = js(&format!(
                r#"{{"method":"{method}","path":"{path}","body":{{"n":1}}{extra}}}"#
            ));
            expect_kind(request(&client("test-token"), &init_).await, kind);
            assert_eq!(received().await.len(), 1, "{method} after {fault_json}");
        }
    }
}

#[wasm_bindgen_test]
async fn the_signal_aborts_and_the_time_limit_applies() {
    reset().await;
    let c = client("test-token");
    // Already aborted: nothing sent, the reason as the cause.
    let init_ = with_value(
        &requirements_of(3004),
        "signal",
        &aborted_with("the user left"),
    );
    let e = expect_kind(request(&c, &init_).await, "Aborted");
    assert_eq!(
        get(&e, "cause").as_string().as_deref(),
        Some("the user left")
    );
    nothing_sent("an aborted signal").await;

    // Aborted while the server holds the request: the fetch is cancelled.
    fault(r#"{"delayMs":5000}"#).await;
    let ctl = controller();
    let init_ = with_value(&requirements_of(3004), "signal", &get(&ctl, "signal"));
    abort_later(&ctl, 150);
    let start = now();
    expect_kind(request(&c, &init_).await, "Aborted");
    assert!(now() - start < 2000.0);
    assert_eq!(received().await.len(), 1, "an abort is not retried");

    // The client's time limit, and the call's over it.
    reset().await;
    fault(r#"{"delayMs":3000}"#).await;
    let slow = AdultWorkClient::new(options_with(
        "test-token",
        r#""timeoutMs":200,"maxRetries":0"#,
    ))
    .unwrap();
    let start = now();
    let e = expect_kind(request(&slow, &requirements_of(3004)).await, "Timeout");
    assert!(text(&e, "message").contains("200 ms"));
    assert!(now() - start < 2000.0);
    reset().await;
    fault(r#"{"delayMs":3000}"#).await;
    let init_ = js(r#"{"method":"POST","path":"/v1/PhoneChat/Anything","timeoutMs":150}"#);
    let e = expect_kind(request(&client("test-token"), &init_).await, "Timeout");
    assert!(text(&e, "message").contains("150 ms"));
    assert_eq!(received().await.len(), 1);
}

#[wasm_bindgen_test]
async fn redirects_are_not_followed() {
    for (status, method) in [(301, "GET"), (302, "POST"), (307, "GET"), (308, "DELETE")] {
        reset().await;
        let target = format!("{}/v1/PhoneChat/GetSettings", emulator_url());
        fault(&format!(
            r#"{{"status":{status},"headers":{{"Location":"{target}"}}}}"#
        ))
        .await;
        let e = expect_kind(
            request(&client("test-token"), &init(method, "/v1/PhoneChat/Moved")).await,
            "HttpError",
        );
        assert!(text(&e, "message").contains("redirect"), "{status}");
        let log = received().await;
        assert_eq!(log.len(), 1, "{status}: the target received nothing");
        assert_eq!(text(&log[0], "path"), "/v1/PhoneChat/Moved");
    }
}

#[wasm_bindgen_test]
async fn a_token_function_is_refreshed_after_a_401_as_for_typed_calls() {
    reset().await;
    let provider = counting_provider(vec!["stale-token".into(), "ok-fresh".into()], 0);
    let options = with_value(
        &js(&format!(r#"{{"baseUrl":"{}"}}"#, emulator_url())),
        "accessToken",
        &provider,
    );
    let c = AdultWorkClient::new(options).unwrap();
    let answer = request(&c, &requirements_of(3004)).await.unwrap();
    assert_eq!(stringify(&answer), LAURA);
    assert_eq!(calls(&provider), 2);
    let auth: Vec<String> = received()
        .await
        .iter()
        .map(|r| text(&get(r, "headers"), "authorization"))
        .collect();
    assert_eq!(auth, ["bearer stale-token", "bearer ok-fresh"]);
}

#[wasm_bindgen_test]
async fn the_token_never_appears_in_an_error() {
    let token = "tok-Secret-Value-42";
    let c = client(token);
    // Echoed by the server in an error's message.
    reset().await;
    fault(&format!(
        r#"{{"status":400,"body":"{{\"Message\":\"Token {token} is not valid here\"}}"}}"#
    ))
    .await;
    let e = expect_kind(
        request(&c, &init("POST", "/v1/PhoneChat/Anything")).await,
        "BadRequest",
    );
    assert_eq!(
        text(&e, "serverMessage"),
        "Token [redacted] is not valid here"
    );
    assert!(!text(&e, "message").contains(token));
    // Echoed in an answer a schema refuses, through the schema's message.
    reset().await;
    answer_once(&format!(r#"{{"Echo":"{token}"}}"#)).await;
    let init_ = with_value(
        &init("GET", "/v1/PhoneChat/GetSettings"),
        "schema",
        &schema("echo"),
    );
    let e = expect_kind(request(&c, &init_).await, "InvalidResponse");
    assert_eq!(
        issues(&e),
        [
            ("Echo".to_owned(), "bad echo [redacted]".to_owned()),
            ("Keys.[redacted][0]".to_owned(), "a key".to_owned())
        ]
    );
    assert!(!text(&e, "message").contains(token));
    // Put in a path or a query by mistake: refused, and not repeated in the error.
    reset().await;
    let init_ = init("GET", &format!("https://evil.example/v1/x?token={token}"));
    let e = expect_kind(request(&c, &init_).await, "InvalidRequest");
    let shown = format!("{} {:?}", text(&e, "message"), issues(&e));
    assert!(!shown.contains(token), "{shown}");
    nothing_sent("a token in a path").await;
    // The answer itself is the caller's data, handed over as it came.
    answer_once(&format!(r#"{{"Echo":"{token}"}}"#)).await;
    let answer = request(&c, &init("GET", "/v1/PhoneChat/GetSettings"))
        .await
        .unwrap();
    assert_eq!(text(&answer, "Echo"), token);
    // Only ever sent to the API's origin, with the documented header.
    let log = received().await;
    assert_eq!(log.len(), 1);
    assert_eq!(
        text(&get(&log[0], "headers"), "authorization"),
        format!("bearer {token}")
    );
    assert!(!has(&get(&log[0], "headers"), "cookie"));
}
