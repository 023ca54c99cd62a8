// Helpers for the browser tests (wasm-bindgen-test imports this file): talk to the local
// emulator's control API. scripts/browser-tests.sh starts one emulator per browser, so
// Chromium and Firefox run at the same time without sharing state; the Rust side picks the
// port (tests/common/mod.rs) and calls `useEmulator` before anything else.

let base = "";

/** Points the helpers at the emulator of the browser running this test. */
export function useEmulator(url) {
  base = url;
}

/** The emulator in use. */
export function emulatorUrl() {
  return base;
}

/** Whether this page runs in Firefox. */
export function isFirefox() {
  return typeof navigator !== "undefined" && navigator.userAgent.includes("Firefox");
}

async function control(method, path, body) {
  const response = await fetch(base + "/__emulator/" + path, {
    method,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`emulator ${method} ${path}: HTTP ${response.status}`);
  return response.status === 204 ? undefined : response.text();
}

/** Reseeds the bookings and clears the request log and the fault queue. */
export async function reset() {
  await control("POST", "reset");
}

/** Queues faults (a JSON text of one fault or an array). */
export async function fault(json) {
  await control("POST", "faults", json);
}

/** The API requests received since the last reset (preflights excluded). */
export async function requests() {
  const all = JSON.parse(await control("GET", "requests"));
  return all.filter((r) => r.method !== "OPTIONS");
}

/** Every request received, preflights included. */
export async function allRequests() {
  return JSON.parse(await control("GET", "requests"));
}

/** The stored booking, as the emulator holds it. */
export async function booking(id) {
  return JSON.parse(await control("GET", "bookings/" + id));
}

/** Stores a booking object as is. */
export async function plant(id, json) {
  await control("PUT", "bookings/" + id, json);
}

/** Pending faults. */
export async function pendingFaults() {
  return JSON.parse(await control("GET", "faults"));
}

/** Resolves after `ms`. */
export function wait(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** `JSON.parse`, for building arguments in Rust tests. */
export function js(text) {
  return JSON.parse(text);
}

/** A token function that counts its calls: returns `tokens[i]` (last one repeated), after `delayMs`. */
export function countingProvider(tokens, delayMs) {
  const f = () => {
    const token = tokens[Math.min(f.calls, tokens.length - 1)];
    f.calls += 1;
    return new Promise((resolve) => setTimeout(() => resolve(token), delayMs));
  };
  f.calls = 0;
  return f;
}

/** How many times a countingProvider was called. */
export function calls(f) {
  return f.calls;
}

/** Options object `{...base, ...extra}` with JS values that JSON cannot carry. */
export function withValue(object, key, value) {
  return { ...object, [key]: value };
}

/** An AbortController, to abort from Rust. */
export function controller() {
  return new AbortController();
}

/** Promise.allSettled over an array of promises, as [status, value-or-reason] pairs. */
export async function settleAll(promises) {
  const results = await Promise.allSettled(promises);
  return results.map((r) => (r.status === "fulfilled" ? ["ok", r.value] : ["err", r.reason]));
}

/** The names of the corpus files the emulator can serve (`--corpus`, tests/corpus/responses). */
export async function corpus() {
  return JSON.parse(await control("GET", "corpus"));
}

/**
 * Values JSON cannot carry, by name, for the validation tests: odd numbers, a BigInt, a
 * Symbol, boxed primitives, an object whose getter throws, a lying Proxy and a Proxy whose
 * every trap throws.
 */
export function oddValue(name) {
  const boom = () => {
    throw new Error("hostile trap");
  };
  switch (name) {
    case "undefined":
      return undefined;
    case "NaN":
      return NaN;
    case "Infinity":
      return Infinity;
    case "-Infinity":
      return -Infinity;
    case "-0":
      return -0;
    case "bigint":
      return 1001n;
    case "symbol":
      return Symbol("BookingID");
    case "boxed-number":
      return new Number(1001);
    case "boxed-string":
      return new String("Plans changed");
    case "date":
      return new Date(0);
    case "function":
      return () => 1001;
    case "getter-throws":
      return Object.defineProperty({ Reason: "x" }, "BookingID", {
        enumerable: true,
        get: boom,
      });
    case "lying-proxy":
      // Its own keys look right, but reading BookingID gives -1.
      return new Proxy(
        { BookingID: 1001, Reason: "x" },
        { get: (target, key) => (key === "BookingID" ? -1 : Reflect.get(target, key)) },
      );
    case "hostile-proxy":
      return new Proxy(
        {},
        {
          get: boom,
          has: boom,
          ownKeys: boom,
          getOwnPropertyDescriptor: boom,
          getPrototypeOf: boom,
          defineProperty: boom,
        },
      );
  }
  throw new Error("no odd value named " + name);
}
