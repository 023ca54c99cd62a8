// Helpers for tests/browser_client.rs: token functions that count their calls, timer and
// listener accounting, cookies, and raw fetches used as controls.

/** A token function returning `tokens[i]` (the last one repeated) after `delayMs`; counts calls. */
export function countingProvider(tokens, delayMs) {
  const f = () => {
    const token = tokens[Math.min(f.calls, tokens.length - 1)];
    f.calls += 1;
    return delayMs < 0 ? token : new Promise((resolve) => setTimeout(() => resolve(token), delayMs));
  };
  f.calls = 0;
  return f;
}

/** How many times a countingProvider was called. */
export function calls(f) {
  return f.calls;
}

/** Token functions that misbehave. */
export function badProvider(kind) {
  switch (kind) {
    case "throws":
      return () => {
        throw new Error("refresh endpoint down");
      };
    case "rejects":
      return () => Promise.reject(new Error("refresh endpoint down"));
    case "number":
      return () => 42;
    case "empty":
      return async () => "  ";
    case "hangs":
      return () => new Promise(() => {});
    case "newline":
      return () => "abc\ndef";
  }
  throw new Error("unknown kind " + kind);
}

/** A fresh AbortController. */
export function controller() {
  return new AbortController();
}

/** An already-aborted signal. */
export function abortedSignal() {
  const c = new AbortController();
  c.abort();
  return c.signal;
}

/** Aborts `c` after `ms`. */
export function abortLater(c, ms) {
  setTimeout(() => c.abort(), ms);
}

/** `performance.now()` */
export function now() {
  return performance.now();
}

/** Promise.allSettled, as [["ok", value] | ["err", reason]]. */
export async function settleAll(promises) {
  const results = await Promise.allSettled(promises);
  return results.map((r) => (r.status === "fulfilled" ? ["ok", r.value] : ["err", r.reason]));
}

/** Sets a cookie for this page's host (ports do not separate cookies). */
export function setCookie(text) {
  document.cookie = text;
}

/**
 * A control request WITH credentials, so a test of "no cookies" can show the cookie would
 * have travelled otherwise. The response may be CORS-blocked; only the request matters.
 */
export async function fetchWithCredentials(url) {
  try {
    await fetch(url, { method: "GET", credentials: "include" });
  } catch {
    // CORS may block reading the response; the request was still sent.
  }
}

// --- timer and listener accounting --------------------------------------------------------

const active = new Set();
let listeners = 0;
let installed = false;

/**
 * Wraps setTimeout/clearTimeout and AbortSignal listener registration so tests can check that
 * nothing is left behind once calls settle. Idempotent.
 */
export function instrument() {
  if (installed) return;
  installed = true;
  const set = globalThis.setTimeout;
  const clear = globalThis.clearTimeout;
  globalThis.setTimeout = function (fn, ms, ...args) {
    const id = set(
      (...a) => {
        active.delete(id);
        if (typeof fn === "function") fn(...a);
      },
      ms,
      ...args,
    );
    active.add(id);
    return id;
  };
  globalThis.clearTimeout = function (id) {
    active.delete(id);
    clear(id);
  };
  const add = AbortSignal.prototype.addEventListener;
  const remove = AbortSignal.prototype.removeEventListener;
  AbortSignal.prototype.addEventListener = function (type, fn, options) {
    if (this.__counted && type === "abort") listeners += 1;
    return add.call(this, type, fn, options);
  };
  AbortSignal.prototype.removeEventListener = function (type, fn, options) {
    if (this.__counted && type === "abort") listeners -= 1;
    return remove.call(this, type, fn, options);
  };
}

/** Timers created since instrument() that have neither fired nor been cleared. */
export function activeTimers() {
  return active.size;
}

/** A signal whose abort listeners are counted. */
export function countedSignal(c) {
  c.signal.__counted = true;
  return c.signal;
}

/** Abort listeners added to counted signals and not removed (once-listeners that fired count as removed only if removed). */
export function activeListeners() {
  return listeners;
}

// --- first contact: signal reasons, custom fetch functions ------------------------------------

/** `AbortSignal.timeout(ms)`: aborts with a `TimeoutError` DOMException. */
export function timeoutSignal(ms) {
  return AbortSignal.timeout(ms);
}

/** Aborts `c` after `ms` with `reason`. */
export function abortLaterWith(c, ms, reason) {
  setTimeout(() => c.abort(reason), ms);
}

/** A reason object to abort with. */
export function reasonObject(text) {
  return { why: text };
}

/**
 * A fetch that records every call (the URL, method, headers and body it was asked for) and
 * passes it on to the real fetch. `recorded(f)` lists the calls.
 */
export function recordingFetch() {
  const calls = [];
  const f = async (input, init) => {
    const request = new Request(input, init);
    calls.push({
      url: request.url,
      method: request.method,
      authorization: request.headers.get("Authorization"),
      body: request.method === "GET" ? "" : await request.clone().text(),
      argumentIsRequest: input instanceof Request,
    });
    return fetch(request);
  };
  f.calls = calls;
  return f;
}

/** The calls a recordingFetch saw. */
export function recorded(f) {
  return f.calls;
}

/** A fetch that never touches the network: every call resolves to `new Response(body, { status })`. */
export function cannedFetch(status, body) {
  const f = async () => new Response(body, { status, headers: { "Content-Type": "application/json" } });
  return f;
}

/** A fetch that rejects the way Node's does: a TypeError whose `cause` holds the real reason. */
export function refusingFetch() {
  return async () => {
    const inner = new Error("connect ECONNREFUSED 127.0.0.1:9");
    inner.code = "ECONNREFUSED";
    throw new TypeError("fetch failed", { cause: inner });
  };
}

/** A promise of `value`, as a forgotten `await` would pass it. */
export function promiseOf(value) {
  return Promise.resolve(value);
}

/**
 * A fetch that ignores its signal: the first call never settles, and with `bodyNeverEnds`
 * it resolves at once to a Response whose body never finishes instead.
 */
export function deafFetch(bodyNeverEnds) {
  return async () => {
    if (!bodyNeverEnds) return new Promise(() => {});
    const body = new ReadableStream({ start(c) { c.enqueue(new TextEncoder().encode("{")); } });
    return new Response(body, { status: 200, headers: { "Content-Type": "application/json" } });
  };
}
