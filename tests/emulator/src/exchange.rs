//! One request's exchange, as the request log and stderr see it, and the response body handed
//! to hyper, which is where a fault breaks a connection in the middle of a response.
//!
//! An [`Exchange`] is created once a request has been read (and logged). It must end with an
//! [`Outcome`]; if it is dropped first, the exchange was abandoned:
//!
//! - **client gone**: hyper watches the socket of a request in flight (hyper's HTTP/1 server
//!   reads on while the handler runs, unless half-close is allowed, which the emulator does
//!   not). When the client closes the connection, for instance because a browser aborted the
//!   `fetch` during a fault's delay, hyper ends the connection and drops the handler's
//!   future, and with it the `Exchange`: `client-gone` is logged at that moment. The same
//!   happens when the client goes away while a body is being sent.
//! - **dropped on purpose**: see [`ExchangeBody::cut_short`].
//!
//! [`ExchangeBody`] is the body of every response. It records `responded` when hyper takes
//! its last bytes (before they reach the socket, so a client that received the answer always
//! finds the outcome logged).

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::request::Parts;
use http_body::{Body, Frame, SizeHint};
use tokio::time::Sleep;

use crate::state::{lock, Outcome, Shared};

/// The most bytes handed to hyper at once: bodies of many megabytes go out in slices, so hyper
/// takes the next only when the previous ones are written, and a client that leaves half-way
/// is noticed as `client-gone`.
const SLICE: usize = 64 * 1024;

/// How long a cut-short response waits after its first bytes before the connection breaks:
/// long enough for hyper to write what it has (it writes when the body has nothing more yet).
const CUT_PAUSE: Duration = Duration::from_millis(50);

/// A request's exchange: its log entry (if it is logged) and its stderr line.
#[derive(Debug)]
pub struct Exchange {
    shared: Shared,
    log_id: Option<u64>,
    print: bool,
    method: String,
    path: String,
    started: Instant,
    status: Option<u16>,
    done: bool,
    /// How an exchange that is dropped unfinished ended.
    abandoned: Outcome,
}

impl Exchange {
    /// Starts the exchange of a request that has been read: logs it (outcome pending) when
    /// `logged`; prints a line to stderr when it ends if `print`.
    pub fn begin(
        shared: &Shared,
        request: &Parts,
        body: &[u8],
        logged: bool,
        print: bool,
        started: Instant,
    ) -> Exchange {
        let log_id = logged.then(|| lock(shared).log_request(request, body));
        Exchange {
            shared: shared.clone(),
            log_id,
            print,
            method: request.method.as_str().to_owned(),
            path: request.uri.path().to_owned(),
            started,
            status: None,
            done: false,
            abandoned: Outcome::ClientGone,
        }
    }

    /// The status of the response being sent.
    pub fn set_status(&mut self, status: u16) {
        self.status = Some(status);
    }

    /// Records how the exchange ended (only the first call counts).
    pub fn finish(&mut self, outcome: Outcome) {
        if std::mem::replace(&mut self.done, true) {
            return;
        }
        if let Some(id) = self.log_id {
            lock(&self.shared).set_outcome(id, outcome);
        }
        if self.print {
            print_line(&self.method, &self.path, self.status, outcome, self.started);
        }
    }
}

impl Drop for Exchange {
    fn drop(&mut self) {
        self.finish(self.abandoned);
    }
}

/// One stderr line per request: no query string and no header values, ever.
fn print_line(method: &str, path: &str, status: Option<u16>, outcome: Outcome, started: Instant) {
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

/// The error that ends a cut-short body; hyper then closes the connection.
#[derive(Debug)]
pub struct CutShort;

impl std::fmt::Display for CutShort {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the response was cut short on purpose (a \"drop\" fault)")
    }
}

impl std::error::Error for CutShort {}

/// The body of every response (see the module documentation).
#[derive(Debug)]
pub struct ExchangeBody {
    /// What is still to be handed to hyper.
    data: Bytes,
    /// For a cut-short body: the pause before the connection breaks.
    cut: Option<Pin<Box<Sleep>>>,
    exchange: Exchange,
}

impl ExchangeBody {
    /// The whole of `data`; `responded` once hyper has taken it.
    pub fn whole(data: Bytes, exchange: Exchange) -> ExchangeBody {
        ExchangeBody {
            data,
            cut: None,
            exchange,
        }
    }

    /// `drop: "after-headers"`: the response's head goes out (its `Content-Length` header,
    /// set by the caller, promises more than follows), then the first bytes of `data`, then
    /// after a short pause the body fails. hyper cannot finish a response whose body failed,
    /// so it closes the connection: the client sees the status and headers, a few body bytes,
    /// then the end of the connection. Browsers do not resend a request whose answer broke off
    /// like this (they do resend one whose connection closed before any byte; see
    /// "Browser network behaviour" in shared/TOOLCHAIN.md). Logged as `dropped`.
    pub fn cut_short(data: Bytes, mut exchange: Exchange) -> ExchangeBody {
        exchange.abandoned = Outcome::Dropped;
        ExchangeBody {
            data,
            cut: Some(Box::pin(tokio::time::sleep(CUT_PAUSE))),
            exchange,
        }
    }
}

impl Body for ExchangeBody {
    type Data = Bytes;
    type Error = CutShort;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, CutShort>>> {
        let this = self.get_mut();
        if !this.data.is_empty() {
            let slice = this.data.split_to(this.data.len().min(SLICE));
            if this.data.is_empty() && this.cut.is_none() {
                this.exchange.finish(Outcome::Responded);
            }
            return Poll::Ready(Some(Ok(Frame::data(slice))));
        }
        match &mut this.cut {
            None => {
                this.exchange.finish(Outcome::Responded);
                Poll::Ready(None)
            }
            Some(pause) => match pause.as_mut().poll(cx) {
                Poll::Pending => Poll::Pending,
                Poll::Ready(()) => {
                    this.exchange.finish(Outcome::Dropped);
                    Poll::Ready(Some(Err(CutShort)))
                }
            },
        }
    }

    fn is_end_stream(&self) -> bool {
        self.data.is_empty() && self.cut.is_none()
    }

    fn size_hint(&self) -> SizeHint {
        match self.cut {
            // Exact, so hyper writes a `Content-Length`.
            None => SizeHint::with_exact(self.data.len() as u64),
            // Unknown: the caller's `Content-Length` header is the (false) promise.
            Some(_) => SizeHint::default(),
        }
    }
}

impl Drop for ExchangeBody {
    fn drop(&mut self) {
        // An empty body is never polled (hyper sees `is_end_stream`): it was sent once its
        // head was.
        if self.is_end_stream() {
            self.exchange.finish(Outcome::Responded);
        }
    }
}
