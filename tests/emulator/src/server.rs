//! The listener, the HTTP/1.1 connections, and what every exchange goes through.
//!
//! A tokio runtime runs on a thread of its own (so tests and the binary can start the
//! emulator from plain synchronous code). Every accepted connection is served by hyper's
//! HTTP/1 connection API (`hyper::server::conn::http1`) with a `service_fn`, not by
//! `axum::serve`: the connection's settings matter (title-case header names, the head limit,
//! no `Date`) and the faults need what only the connection's service gives. Which fault needs
//! what:
//!
//! | fault                       | how, on hyper                                             |
//! |-----------------------------|-----------------------------------------------------------|
//! | `status`/`headers`/`body`/`corpus`/`repeat` | an ordinary response (through the CORS layer) |
//! | `delayMs`                   | `tokio::time::sleep` in the service                       |
//! | client gone during a delay  | hyper reads on while the service runs and drops its future at EOF; a drop guard logs `client-gone` ([`crate::exchange`]) |
//! | `drop: "before-response"`   | the service returns an error: hyper closes without a byte |
//! | `drop: "after-headers"`     | a body that fails after a few bytes under a larger `Content-Length`: hyper closes mid-body ([`ExchangeBody::cut_short`]) |
//! | 10 MB bodies, client gone mid-body | the body goes out in 64 KiB slices; a body dropped before its end is `client-gone` |
//!
//! hyper also answers what it cannot parse itself: `400` for a malformed request, `431` for a
//! head over [`MAX_HEAD`] (then closes; such requests are neither logged nor printed).
//!
//! Per request (`exchange`):
//!
//! 1. read the body, framed by `Content-Length` or sent in chunks (`Transfer-Encoding:
//!    chunked`, as Node's `fetch` sends a streamed `Request` body, Next.js route handlers
//!    included; hyper decodes the chunks). Refuse, and close: a body announced larger than
//!    [`MAX_BODY`] without reading it, or a chunked one once it grows past it (`413`); a
//!    `POST`/`PUT` with neither a `Content-Length` nor chunks (`411`, as IIS answers
//!    it: "The request must be chunked or have a content length."). hyper itself has already
//!    answered `400` to a `Transfer-Encoding` that does not end in `chunked`, to one on
//!    HTTP/1.0 and to a bad `Content-Length`. Chunks that cannot be decoded get a `400`
//!    (and a close); a client that leaves mid-body is just closed on;
//! 2. log it, unless it is a control request (`/__emulator/...`);
//! 3. for a non-`OPTIONS` API request, take the next matching fault (see [`crate::faults`]):
//!    wait out its delay (`client-gone` if the client leaves meanwhile), and for
//!    `drop: "before-response"` fail the handler, so hyper closes without answering;
//! 4. answer through tower-http's CORS layer: `OPTIONS` → its preflight; a fault's canned
//!    answer; control → [`crate::control`]; `/v1/...` → [`crate::api`]; anything else →
//!    `--static` files or `404`. A fault's headers then replace the layer's of the same name
//!    (so a test can break CORS on purpose);
//! 5. add `Cache-Control: no-store` (unless a fault set it) and `Connection` (`close` when the
//!    client, a refusal, a drop or a fault's own `Connection` header asks for it, otherwise
//!    `keep-alive`), and hand the body to hyper as an [`ExchangeBody`], which records the
//!    outcome, or cuts the response short for `drop: "after-headers"`; one line to stderr
//!    when it ends: method, path (no query, no header values: tokens must never reach a log),
//!    status or outcome, time.

use std::convert::Infallible;
use std::io;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::response::Response as AxumResponse;
use axum::Router;
use bytes::Bytes;
use http::header::{self, HeaderMap, HeaderValue};
use http::{Method, Request, Response, StatusCode, Version};
use http_body_util::{BodyExt, LengthLimitError, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::{TcpListener, TcpStream};
use tower::{Service, ServiceExt};
use tower_http::cors::{AllowHeaders, AllowMethods, AllowOrigin, Cors, CorsLayer};

use crate::exchange::{Exchange, ExchangeBody};
use crate::faults::{Canned, DropMode};
use crate::state::{lock, Outcome, Shared, State};
use crate::{api, clock, control, reply, static_files};

/// The largest request head accepted (request line and headers): more is a `431`.
pub const MAX_HEAD: usize = 64 * 1024;
/// The largest request body accepted, whole or in chunks: more is a `413`.
pub const MAX_BODY: u64 = 1024 * 1024;
/// The `411` text: what IIS (which serves the real API) says.
const LENGTH_REQUIRED: &str = "The request must be chunked or have a content length.";
/// The `413` text.
const TOO_LARGE: &str = "the body is larger than 1 MiB";
/// The `400` text for chunks that cannot be decoded.
const MALFORMED: &str = "the chunked body is malformed";
/// How long a connection may take to send a request head, idle keep-alive time included.
const IDLE_TIMEOUT: Duration = Duration::from_secs(300);
/// How long browsers may cache a preflight.
const PREFLIGHT_MAX_AGE: Duration = Duration::from_secs(600);

/// What the server is started with.
#[derive(Debug, Clone)]
pub struct Config {
    /// Address to bind, e.g. `127.0.0.1`.
    pub host: String,
    /// Port to bind; 0 picks a free one.
    pub port: u16,
    /// Directory to serve non-API, non-control `GET`s from.
    pub static_dir: Option<PathBuf>,
    /// Print one line per request to stderr.
    pub log_requests: bool,
    /// Directory of canned response bodies that faults can serve (`"corpus": "<file>"`).
    pub corpus_dir: Option<PathBuf>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            host: "127.0.0.1".to_owned(),
            port: 0,
            static_dir: None,
            log_requests: true,
            corpus_dir: None,
        }
    }
}

/// What every connection shares.
struct App {
    shared: Shared,
    log_requests: bool,
    /// The CORS rules, for a fault's canned answer.
    cors: CorsLayer,
    /// The answering service: the CORS layer around [`Dispatch`].
    handler: Cors<Dispatch>,
}

/// A running emulator.
pub struct Server {
    addr: SocketAddr,
    shared: Shared,
    runtime: JoinHandle<()>,
}

fn canonical_dir(flag: &str, dir: &std::path::Path) -> io::Result<PathBuf> {
    let dir = dir
        .canonicalize()
        .map_err(|e| io::Error::new(e.kind(), format!("{flag} {}: {e}", dir.display())))?;
    if !dir.is_dir() {
        let text = format!("{flag} {}: not a directory", dir.display());
        return Err(io::Error::new(io::ErrorKind::InvalidInput, text));
    }
    Ok(dir)
}

impl Server {
    /// Binds, then serves on a runtime thread of its own. Errors (a bad directory, a port in
    /// use) are returned before anything runs.
    pub fn start(config: Config) -> io::Result<Server> {
        let static_root = match &config.static_dir {
            Some(dir) => Some(canonical_dir("--static", dir)?),
            None => None,
        };
        let corpus_dir = match &config.corpus_dir {
            Some(dir) => Some(canonical_dir("--corpus", dir)?),
            None => None,
        };
        clock::london().map_err(|e| {
            io::Error::other(format!(
                "no Europe/London time zone in the bundled data: {e}"
            ))
        })?;
        let listener = StdListener::bind((config.host.as_str(), config.port))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_io()
            .enable_time()
            .thread_name("emulator")
            .build()?;

        let mut state = State::new(clock::now_ms())
            .map_err(|e| io::Error::other(format!("cannot seed the bookings: {e}")))?;
        state.corpus_dir = corpus_dir;
        let shared: Shared = Arc::new(Mutex::new(state));
        let dispatch = Dispatch {
            api: api::router(shared.clone()),
            control: control::router(shared.clone()),
            static_root: static_root.map(Arc::new),
        };
        let app = Arc::new(App {
            shared: shared.clone(),
            log_requests: config.log_requests,
            cors: cors(),
            handler: tower::Layer::layer(&cors(), dispatch),
        });
        let listener = {
            let _entered = runtime.enter();
            TcpListener::from_std(listener)?
        };
        let runtime = thread::Builder::new()
            .name("emulator-runtime".to_owned())
            .spawn(move || runtime.block_on(accept_loop(listener, app)))?;
        Ok(Server {
            addr,
            shared,
            runtime,
        })
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://host:port`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The shared state (for in-process tests).
    pub fn shared(&self) -> &Shared {
        &self.shared
    }

    /// Blocks for as long as the server runs.
    pub fn wait(self) {
        let _ = self.runtime.join();
    }
}

/// The CORS rules: any page may call (its origin is mirrored, as are the headers a preflight
/// asks for, `Authorization` and `Content-Type` included), `Retry-After` is readable by the
/// page, and a preflight may be cached for 600 s. Chrome's Private Network Access preflight is
/// allowed too, in case a page from elsewhere calls the emulator.
fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::mirror_request())
        .allow_methods(AllowMethods::list([
            Method::GET,
            Method::POST,
            Method::PUT,
            Method::DELETE,
            Method::OPTIONS,
        ]))
        .allow_headers(AllowHeaders::mirror_request())
        .expose_headers([header::RETRY_AFTER])
        .max_age(PREFLIGHT_MAX_AGE)
        .allow_private_network(true)
}

async fn accept_loop(listener: TcpListener, app: Arc<App>) {
    loop {
        match listener.accept().await {
            Ok((stream, _)) => {
                tokio::spawn(serve_connection(stream, app.clone()));
            }
            // E.g. out of file descriptors: back off instead of spinning.
            Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
        }
    }
}

async fn serve_connection(stream: TcpStream, app: Arc<App>) {
    let _ = stream.set_nodelay(true);
    let service = service_fn(move |request| exchange(app.clone(), request));
    // The result only says how the connection ended (a fault, the client, a parse error).
    let _ = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(IDLE_TIMEOUT)
        .max_header_size(MAX_HEAD)
        .title_case_headers(true)
        .auto_date_header(false)
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// Which part of the emulator a path belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Area {
    Api,
    Control,
    Other,
}

impl Area {
    fn of(path: &str) -> Area {
        let under = |prefix: &str| {
            path.strip_prefix(prefix)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        };
        if under(control::PREFIX) {
            Area::Control
        } else if under("/v1") {
            Area::Api
        } else {
            Area::Other
        }
    }
}

/// The handler failed on purpose or could not read the request: hyper closes the connection
/// without answering.
#[derive(Debug)]
pub struct Closed;

impl std::fmt::Display for Closed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the connection was closed without an answer")
    }
}

impl std::error::Error for Closed {}

/// Whether a comma-separated header contains `token` (case-insensitive).
fn has_token(headers: &HeaderMap, name: header::HeaderName, token: &str) -> bool {
    headers
        .get_all(name)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim().eq_ignore_ascii_case(token))
}

/// The `411`/`413` for a body the emulator does not read (see step 1 of the module
/// documentation).
fn framing_refusal(method: &Method, headers: &HeaderMap) -> Option<(u16, &'static str)> {
    // hyper has refused any other transfer coding, and drops a Content-Length sent beside it.
    let chunked = headers.contains_key(header::TRANSFER_ENCODING);
    // hyper has already refused a malformed or conflicting Content-Length with a 400.
    let length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .and_then(|v| v.trim().parse::<u64>().ok());
    // The methods whose body `fetch` always frames (`Content-Length: 0` when there is none):
    // a PATCH or DELETE without a body has no Content-Length, and is not refused.
    let takes_body = *method == Method::POST || *method == Method::PUT;
    match length {
        Some(length) if length > MAX_BODY => Some((413, TOO_LARGE)),
        None if takes_body && !chunked => Some((411, LENGTH_REQUIRED)),
        _ => None,
    }
}

/// A request body, as far as it could be read.
enum ReadBody {
    /// All of it (at most [`MAX_BODY`] bytes).
    Whole(Bytes),
    /// More than [`MAX_BODY`] bytes of chunks (a larger `Content-Length` is refused unread).
    TooLarge,
    /// Chunks that cannot be decoded (a bad size line, a missing CRLF, ...).
    Malformed,
    /// The client closed the connection before the body ended.
    Gone,
}

/// Reads a body of at most [`MAX_BODY`] bytes.
async fn read_body(body: Incoming) -> ReadBody {
    let limit = usize::try_from(MAX_BODY).unwrap_or(usize::MAX);
    let error = match Limited::new(body, limit).collect().await {
        Ok(collected) => return ReadBody::Whole(collected.to_bytes()),
        Err(error) => error,
    };
    if error.is::<LengthLimitError>() {
        return ReadBody::TooLarge;
    }
    // hyper's decoder says "invalid" with an `io::Error` of kind InvalidData or InvalidInput
    // somewhere in the chain; an early end of the stream is UnexpectedEof.
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&*error);
    while let Some(e) = cause {
        if let Some(io) = e.downcast_ref::<io::Error>() {
            if matches!(
                io.kind(),
                io::ErrorKind::InvalidData | io::ErrorKind::InvalidInput
            ) {
                return ReadBody::Malformed;
            }
        }
        cause = e.source();
    }
    ReadBody::Gone
}

/// Handles one request (see the module documentation).
async fn exchange(
    app: Arc<App>,
    request: Request<Incoming>,
) -> Result<Response<ExchangeBody>, Closed> {
    let started = Instant::now();
    let (parts, body) = request.into_parts();
    if !origin_form(&parts.method, &parts.uri) {
        // hyper accepts `GET x HTTP/1.1` (an authority-form target); the emulator does not.
        let mut exchange =
            Exchange::begin(&app.shared, &parts, &[], false, app.log_requests, started);
        exchange.set_status(400);
        let mut response = Response::new(ExchangeBody::whole(
            Bytes::from_static(b"bad request target"),
            exchange,
        ));
        *response.status_mut() = StatusCode::BAD_REQUEST;
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        headers.insert(header::CONNECTION, HeaderValue::from_static("close"));
        return Ok(response);
    }
    let area = Area::of(parts.uri.path());
    let mut refusal = framing_refusal(&parts.method, &parts.headers);
    let body = match refusal {
        Some(_) => Bytes::new(),
        None => match read_body(body).await {
            ReadBody::Whole(bytes) => bytes,
            ReadBody::TooLarge => {
                refusal = Some((413, TOO_LARGE));
                Bytes::new()
            }
            ReadBody::Malformed => {
                refusal = Some((400, MALFORMED));
                Bytes::new()
            }
            ReadBody::Gone => return Err(Closed),
        },
    };
    let logged = area != Area::Control;
    let mut exchange = Exchange::begin(
        &app.shared,
        &parts,
        &body,
        logged,
        app.log_requests,
        started,
    );

    let applies = area == Area::Api && parts.method != Method::OPTIONS && refusal.is_none();
    let fault = if applies {
        lock(&app.shared).take_fault(parts.uri.path())
    } else {
        None
    };
    let mut canned = refusal.map(|(status, text)| reply::text(status, text));
    let mut fault_headers = Vec::new();
    let mut drop = None;
    if let Some(fault) = fault {
        if fault.delay_ms > 0 {
            // If the client hangs up meanwhile, hyper drops this future: `client-gone`.
            tokio::time::sleep(Duration::from_millis(fault.delay_ms)).await;
        }
        if fault.drop == Some(DropMode::BeforeResponse) {
            // The request is not handled; hyper closes the connection without a byte.
            exchange.finish(Outcome::Dropped);
            return Err(Closed);
        }
        if let Some(Canned {
            status,
            headers,
            body,
        }) = fault.response
        {
            let mut response = AxumResponse::new(Body::from(body));
            *response.status_mut() = status;
            for (name, value) in &headers {
                response.headers_mut().append(name, value.clone());
            }
            canned = Some(response);
            fault_headers = headers;
        }
        drop = fault.drop;
    }

    let head_request = parts.method == Method::HEAD;
    let wants_close = has_token(&parts.headers, header::CONNECTION, "close")
        || (parts.version == Version::HTTP_10
            && !has_token(&parts.headers, header::CONNECTION, "keep-alive"));
    let request = Request::from_parts(parts, Body::from(body));
    let answered = match canned {
        // The canned answer goes through the same CORS layer as any other.
        Some(canned) => {
            let mut canned = Some(canned);
            let service = tower::service_fn(move |_: Request<Body>| {
                let response = canned.take().unwrap_or_else(|| reply::empty(500));
                async move { Ok::<_, Infallible>(response) }
            });
            tower::Layer::layer(&app.cors, service)
                .oneshot(request)
                .await
        }
        None => app.handler.clone().oneshot(request).await,
    };
    let response = match answered {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let (mut head, body) = response.into_parts();
    // A fault's headers win over the CORS layer's.
    let mut replaced = Vec::new();
    for (name, value) in fault_headers {
        if !replaced.contains(&name) {
            head.headers.remove(&name);
            replaced.push(name.clone());
        }
        head.headers.append(name, value);
    }
    if !head.headers.contains_key(header::CACHE_CONTROL) {
        head.headers
            .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    let close = wants_close
        || refusal.is_some()
        || drop.is_some()
        || has_token(&head.headers, header::CONNECTION, "close");
    let connection = if close { "close" } else { "keep-alive" };
    head.headers
        .insert(header::CONNECTION, HeaderValue::from_static(connection));
    // The handlers' bodies are whole in memory already; this does not wait.
    let mut data = body
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    exchange.set_status(head.status.as_u16());

    let body = if drop == Some(DropMode::AfterHeaders) {
        // Promise more than will come: the whole body (at least 16 bytes), send 8 at most.
        let announced = data.len().max(16);
        head.headers
            .insert(header::CONTENT_LENGTH, HeaderValue::from(announced));
        data.truncate(8);
        ExchangeBody::cut_short(data, exchange)
    } else if head_request || bodiless(head.status) {
        // No body goes out; a HEAD answer still says how long the body would be.
        if head_request && !bodiless(head.status) {
            head.headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(data.len()));
        }
        ExchangeBody::whole(Bytes::new(), exchange)
    } else {
        ExchangeBody::whole(data, exchange)
    };
    Ok(Response::from_parts(head, body))
}

/// Whether a request target names a path (`/...`, or an absolute URL, which hyper reduces to
/// its path), or is `*` of an `OPTIONS`.
fn origin_form(method: &Method, uri: &http::Uri) -> bool {
    uri.path().starts_with('/') || (method == Method::OPTIONS && uri.path() == "*")
}

/// Whether a status forbids a body (RFC 9110: 1xx, 204, 304).
fn bodiless(status: StatusCode) -> bool {
    status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED
}

/// Routes a request to the part of the emulator it belongs to.
#[derive(Clone)]
struct Dispatch {
    api: Router,
    control: Router,
    static_root: Option<Arc<PathBuf>>,
}

impl Service<Request<Body>> for Dispatch {
    type Response = AxumResponse;
    type Error = Infallible;
    type Future = std::pin::Pin<
        Box<dyn std::future::Future<Output = Result<AxumResponse, Infallible>> + Send>,
    >;

    fn poll_ready(
        &mut self,
        _: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Result<(), Infallible>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn call(&mut self, request: Request<Body>) -> Self::Future {
        let this = self.clone();
        Box::pin(async move {
            let response = match Area::of(request.uri().path()) {
                Area::Api => this.api.oneshot(request).await?,
                Area::Control => this.control.oneshot(request).await?,
                Area::Other => match &this.static_root {
                    Some(root) => {
                        let uri = request.uri();
                        static_files::serve(request.method(), uri.path(), uri.query(), root).await
                    }
                    None => reply::text(404, "Not Found"),
                },
            };
            Ok(response)
        })
    }
}
