//! The listener, the per-connection keep-alive loop, and what every response gets.
//!
//! One thread accepts; each connection gets its own thread that reads requests one after the
//! other until the client or the emulator closes. Per request:
//!
//! 1. read the head and the body (limits and malformed input: see [`crate::http`]);
//! 2. log it, unless it is a control request (`/__emulator/...`);
//! 3. for a non-`OPTIONS` API request, take the next matching fault (see [`crate::faults`]);
//! 4. answer: `OPTIONS` → preflight `204`; control → [`crate::control`]; `/v1/...` →
//!    [`crate::api`]; anything else → `--static` files or `404`;
//! 5. add CORS and `Cache-Control: no-store` (unless a fault set them), write, record the
//!    outcome, print one line to stderr: method, path (no query, no header values: tokens
//!    must never reach a log), status or outcome, time.

use std::io::{self, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use crate::faults::{self, DropMode};
use crate::http::{self, BodyError, HeadError, Request, Response};
use crate::state::{lock, Outcome, Shared, State};
use crate::uktime::now_ms;
use crate::{api, control, static_files};

/// How long an idle keep-alive connection (or a stalled read) is kept.
const IDLE_TIMEOUT: Duration = Duration::from_secs(300);

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

struct Context {
    shared: Shared,
    static_root: Option<PathBuf>,
    log_requests: bool,
}

/// A running emulator.
pub struct Server {
    addr: SocketAddr,
    shared: Shared,
    accept: JoinHandle<()>,
}

impl Server {
    /// Binds and starts accepting in a background thread.
    pub fn start(config: Config) -> io::Result<Server> {
        let static_root = match &config.static_dir {
            Some(dir) => Some(dir.canonicalize().map_err(|e| {
                io::Error::new(e.kind(), format!("--static {}: {e}", dir.display()))
            })?),
            None => None,
        };
        let corpus_dir = match &config.corpus_dir {
            Some(dir) => {
                let dir = dir.canonicalize().map_err(|e| {
                    io::Error::new(e.kind(), format!("--corpus {}: {e}", dir.display()))
                })?;
                if !dir.is_dir() {
                    let text = format!("--corpus {}: not a directory", dir.display());
                    return Err(io::Error::new(io::ErrorKind::InvalidInput, text));
                }
                Some(dir)
            }
            None => None,
        };
        let listener = TcpListener::bind((config.host.as_str(), config.port))?;
        let addr = listener.local_addr()?;
        let mut state = State::new(now_ms());
        state.corpus_dir = corpus_dir;
        let shared = Arc::new(Mutex::new(state));
        let context = Arc::new(Context {
            shared: Arc::clone(&shared),
            static_root,
            log_requests: config.log_requests,
        });
        let accept = thread::Builder::new()
            .name("accept".to_owned())
            .spawn(move || accept_loop(&listener, &context))?;
        Ok(Server {
            addr,
            shared,
            accept,
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
        let _ = self.accept.join();
    }
}

fn accept_loop(listener: &TcpListener, context: &Arc<Context>) {
    for stream in listener.incoming() {
        match stream {
            Ok(stream) => {
                let context = Arc::clone(context);
                // If no thread can be made, the stream is dropped: the client sees a reset.
                let _ = thread::Builder::new()
                    .name("connection".to_owned())
                    .spawn(move || serve_connection(stream, &context));
            }
            // E.g. out of file descriptors: back off instead of spinning.
            Err(_) => thread::sleep(Duration::from_millis(10)),
        }
    }
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

fn serve_connection(mut stream: TcpStream, context: &Context) {
    let _ = stream.set_nodelay(true);
    let _ = stream.set_read_timeout(Some(IDLE_TIMEOUT));
    let mut buf = Vec::new();
    loop {
        let mut request = match http::read_head(&mut stream, &mut buf) {
            Ok(request) => request,
            Err(HeadError::Closed) => return,
            Err(HeadError::TooLarge) => {
                return refuse(&mut stream, context, None, 431, "request head too large")
            }
            Err(HeadError::Malformed(why)) => {
                return refuse(&mut stream, context, None, 400, why);
            }
        };
        match http::body_length(&request) {
            Ok(length) => {
                if length > 0 && request.header_has_token("expect", "100-continue") {
                    let _ = stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n");
                }
                match http::read_body(&mut stream, &mut buf, length) {
                    Ok(body) => request.body = body,
                    Err(_) => return,
                }
            }
            Err(error) => {
                let (status, why) = match error {
                    BodyError::LengthRequired => (411, "send a Content-Length, not chunks"),
                    BodyError::TooLarge => (413, "the body is larger than 1 MiB"),
                    BodyError::BadLength => (400, "bad Content-Length"),
                };
                return refuse(&mut stream, context, Some(&request), status, why);
            }
        }
        if !exchange(&mut stream, &request, context) {
            return;
        }
    }
}

/// Answers a request that cannot be read (fully) with an error, then closes.
fn refuse(
    stream: &mut TcpStream,
    context: &Context,
    request: Option<&Request>,
    status: u16,
    why: &str,
) {
    let started = Instant::now();
    let log_id = request
        .filter(|r| Area::of(&r.path) != Area::Control)
        .map(|r| lock(&context.shared).log_request(r));
    let response = with_defaults(Response::text(status, why), request);
    let outcome = match response.write_to(stream, false, true) {
        Ok(()) => Outcome::Responded,
        Err(_) => Outcome::ClientGone,
    };
    if let Some(id) = log_id {
        lock(&context.shared).set_outcome(id, outcome);
    }
    print_line(context, request, Some(status), outcome, started);
    close_gracefully(stream);
}

/// Handles one complete request. Returns whether the connection stays open.
fn exchange(stream: &mut TcpStream, request: &Request, context: &Context) -> bool {
    let started = Instant::now();
    let area = Area::of(&request.path);
    let (log_id, fault) = {
        let mut state = lock(&context.shared);
        let log_id = (area != Area::Control).then(|| state.log_request(request));
        let fault = (area == Area::Api && request.method != "OPTIONS")
            .then(|| state.take_fault(&request.path))
            .flatten();
        (log_id, fault)
    };

    let (outcome, status, close) = 'done: {
        if let Some(fault) = &fault {
            if fault.delay_ms > 0 && faults::delay_watching(stream, fault.delay_ms) {
                break 'done (Outcome::ClientGone, None, true);
            }
            if fault.drop == Some(DropMode::BeforeResponse) {
                faults::drop_before_response(stream);
                break 'done (Outcome::Dropped, None, true);
            }
        }
        let response = match fault.as_ref().and_then(|f| f.response.clone()) {
            Some(response) => response,
            None => respond(request, area, context),
        };
        let response = with_defaults(response, Some(request));
        let status = Some(response.status);
        if fault.as_ref().and_then(|f| f.drop) == Some(DropMode::AfterHeaders) {
            faults::drop_after_headers(stream, &response);
            break 'done (Outcome::Dropped, status, true);
        }
        let close = request.wants_close() || response.says_close();
        match response.write_to(stream, request.method == "HEAD", close) {
            Ok(()) => (Outcome::Responded, status, close),
            Err(_) => (Outcome::ClientGone, status, true),
        }
    };

    if let Some(id) = log_id {
        lock(&context.shared).set_outcome(id, outcome);
    }
    print_line(context, Some(request), status, outcome, started);
    if close && outcome == Outcome::Responded {
        close_gracefully(stream);
    }
    !close
}

/// The response to a request, before the common headers.
fn respond(request: &Request, area: Area, context: &Context) -> Response {
    if request.method == "OPTIONS" {
        return preflight(request);
    }
    match area {
        Area::Control => control::handle(request, &context.shared, now_ms()),
        Area::Api => {
            let now = now_ms();
            api::handle(request, &mut lock(&context.shared), now)
        }
        Area::Other => match &context.static_root {
            Some(root) => static_files::serve(request, root),
            None => Response::text(404, "Not Found"),
        },
    }
}

/// The answer to any `OPTIONS` request: a permissive CORS preflight.
fn preflight(request: &Request) -> Response {
    let allow_headers = request
        .header_joined("access-control-request-headers")
        .filter(|h| !h.trim().is_empty())
        .unwrap_or_else(|| "Authorization, Content-Type, Accept".to_owned());
    let mut response = Response::new(204)
        .header(
            "Access-Control-Allow-Methods",
            "GET, POST, PUT, DELETE, OPTIONS",
        )
        .header("Access-Control-Allow-Headers", &allow_headers)
        .header("Access-Control-Max-Age", "600");
    // Chrome's Private Network Access preflight, in case a page from elsewhere calls us.
    if request.header_has_token("access-control-request-private-network", "true") {
        response = response.header("Access-Control-Allow-Private-Network", "true");
    }
    response
}

/// Adds the headers every response carries, unless already set (a fault may override them).
fn with_defaults(mut response: Response, request: Option<&Request>) -> Response {
    let origin = request.and_then(|r| r.header("origin")).unwrap_or("*");
    response.default_header("Access-Control-Allow-Origin", origin);
    response.default_header("Vary", "Origin");
    response.default_header("Access-Control-Expose-Headers", "Retry-After");
    response.default_header("Cache-Control", "no-store");
    response
}

/// Half-closes and drains what the client still sends for a moment, so that closing does
/// not reset the connection before the client has read our response.
fn close_gracefully(stream: &mut TcpStream) {
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let deadline = Instant::now() + Duration::from_secs(1);
    let mut sink = [0u8; 8192];
    let mut drained = 0;
    while drained < 4 * http::MAX_BODY && Instant::now() < deadline {
        match stream.read(&mut sink) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

/// One stderr line per request: no query string and no header values, ever.
fn print_line(
    context: &Context,
    request: Option<&Request>,
    status: Option<u16>,
    outcome: Outcome,
    started: Instant,
) {
    if !context.log_requests {
        return;
    }
    let (method, path) = request.map_or(("-", "-"), |r| (r.method.as_str(), r.path.as_str()));
    let printable = |s: &str| -> String {
        s.chars()
            .take(200)
            .map(|c| if c.is_control() { '?' } else { c })
            .collect()
    };
    let result = match (outcome, status) {
        (Outcome::Responded, Some(status)) => status.to_string(),
        (outcome, Some(status)) => format!("{status} {}", outcome.as_str()),
        (outcome, None) => outcome.as_str().to_owned(),
    };
    eprintln!(
        "{} {} -> {result} ({} ms)",
        printable(method),
        printable(path),
        started.elapsed().as_millis()
    );
}
