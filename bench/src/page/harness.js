// The in-page side of the benchmarks. run.mjs imports this module into bench.html and calls
// `window.bench.*` through page.evaluate; every timing is taken here with performance.now().
import { appUrl } from "/src/app-url.js";
import { runAsync, runSync } from "/src/loop.js";

const SANDBOX = "https://api-sandbox.adultwork.com";
const REQUEST = { BookingID: 1, Reason: "Something came up" };
const OPTIONS = { accessToken: "test-token", baseUrl: SANDBOX };
const BODY = JSON.stringify(REQUEST);
const state = globalThis.__bench;

/** @type {Record<string, any>} the app bundles, by name (where each is: src/app-url.js) */
const apps = {};
let sdkClient;
/** The memory figure's mixed calls (sdk-mix.js), one-shot and on one client. */
let mixed;

async function load(names) {
  const times = {};
  for (const name of names) {
    const t0 = performance.now();
    apps[name] = await import(appUrl(name));
    times[name] = performance.now() - t0;
  }
  apps.sdk ??= apps["profile/sdk"]; // the profile build stands in for the SDK app on the profile page
  if (apps.sdk) sdkClient = apps.sdk.createClient(OPTIONS);
  if (apps["sdk-mix"]) {
    mixed = { sdk: apps["sdk-mix"].mixedCalls(OPTIONS, { client: false }), "sdk-client": apps["sdk-mix"].mixedCalls(OPTIONS, { client: true }) };
  }
  return times;
}

/** Normalises an issue path: "Candidate.UserID" (SDK), ["Candidate","UserID"] (zod), [{key}] (valibot). */
function pathOf(issue) {
  const p = issue.path;
  if (typeof p === "string") return p;
  if (!Array.isArray(p)) return "";
  return p.map((s) => (typeof s === "object" && s !== null ? s.key : s)).join(".");
}

/** What an app makes of both samples, for the harness to compare before timing anything. */
function verify(name) {
  const app = apps[name];
  const valid = app.check(state.samples.valid);
  const invalid = app.check(state.samples.invalid);
  return {
    valid: valid.ok ? JSON.stringify(valid.value) : null,
    validIssues: valid.ok ? [] : valid.issues.map(pathOf),
    invalidOk: invalid.ok,
    invalidPaths: invalid.ok ? [] : [...new Set(invalid.issues.map(pathOf))].sort(),
  };
}

/** Text → validated MadeBooking for `ms`: `parse` on the valid sample, `check` (all issues) on the invalid one. */
function parse(name, sample, ms) {
  const app = apps[name];
  const text = state.samples[sample];
  const r =
    sample === "valid"
      ? runSync((t) => app.parse(t).BookingID, text, ms)
      : runSync((t) => {
          const c = app.check(t);
          return c.ok ? 0 : c.issues.length;
        }, text, ms);
  return r;
}

const callers = {
  // The floor: the stubbed fetch and reading the body as text, nothing else.
  stub: () => fetch(`${SANDBOX}/v1/PhoneChat/CancelMadeBooking`, { method: "POST", body: BODY }).then((r) => r.text()),
  sdk: (request, signal) => apps.sdk.cancel(request, signal ? { ...OPTIONS, signal } : OPTIONS),
  "sdk-before": (request, signal) => apps["sdk-before"].cancel(request, signal ? { ...OPTIONS, signal } : OPTIONS),
  "sdk-client": (request, signal) => sdkClient(request, signal ? { signal } : undefined),
  none: (request, signal) => apps.none.cancel(request, { ...OPTIONS, signal }),
  zod: (request, signal) => apps.zod.cancel(request, { ...OPTIONS, signal }),
  valibot: (request, signal) => apps.valibot.cancel(request, { ...OPTIONS, signal }),
  kyzod: (request, signal) => apps.kyzod.cancel(request, { ...OPTIONS, signal }),
};

/** One complete call after another, against the stub, for `ms`. */
async function calls(name, ms) {
  const call = callers[name];
  state.answer = "valid";
  if (name === "stub") return runAsync(() => call().then((t) => t.length), ms);
  return runAsync(() => call(REQUEST).then((b) => b.BookingID), ms);
}

function classify(e) {
  const name = e?.name ?? "";
  if (e?.kind === "Aborted" || name === "AbortError") return "aborted";
  if (e?.kind === "InvalidResponse" || ["ZodError", "ValiError", "SchemaValidationError"].includes(name)) return "invalid";
  return "other";
}

/** The endpoints of the SDK's mixed workload, in turn per block of 20 calls. */
const MIXED = ["cancel", "details", "deleteMadeBookings", "request"];

/**
 * The memory workload, calls `from`…`to` − 1, one after another: per 20 calls, 14 answered
 * with the valid sample, 4 with the invalid one, 1 with an already-aborted signal and 1
 * aborted right after the call starts. The baselines call their cancel. The SDK ("sdk":
 * one-shot functions, "sdk-client": one client's methods) takes the endpoints of MIXED in
 * turn, one per block of 20 calls: cancelMadeBooking, getMadeBookingDetails,
 * deleteMadeBookings (its own answer samples) and `request()` with no schema (a GET of a
 * MadeBooking, handed over as parsed: the invalid sample is valid JSON, so it succeeds).
 */
async function mix(name, from, to) {
  const sdk = mixed?.[name];
  const call = callers[name];
  const out = { ok: 0, invalid: 0, aborted: 0, other: 0, examples: [], endpoints: {} };
  for (let i = from; i < to; i++) {
    const k = i % 20;
    let signal;
    let controller;
    if (k === 18) signal = AbortSignal.abort();
    if (k === 19) {
      controller = new AbortController();
      signal = controller.signal;
    }
    state.answer = k >= 14 && k < 18 ? "invalid" : "valid";
    let pending;
    if (sdk) {
      const endpoint = MIXED[Math.floor(i / 20) % MIXED.length];
      out.endpoints[endpoint] = (out.endpoints[endpoint] ?? 0) + 1;
      pending = sdk[endpoint](signal);
    } else {
      pending = call(REQUEST, signal).then((b) => b.BookingID === 1 && b.Status === "Cancelled");
    }
    controller?.abort();
    try {
      if (await pending) out.ok++;
      else out.other++;
    } catch (e) {
      const c = classify(e);
      out[c]++;
      if (c === "other" && out.examples.length < 3) out.examples.push(String(e?.message ?? e));
    }
  }
  state.answer = "valid";
  return out;
}

/** The SDK's Wasm memory and tables, read from the captured instance(s). */
function wasmMemory() {
  return state.instances.map((instance) => {
    const exports = Object.values(instance.exports);
    const memory = exports.find((x) => x instanceof WebAssembly.Memory);
    const tables = exports.filter((x) => x instanceof WebAssembly.Table).map((t) => t.length);
    return { memoryBytes: memory ? memory.buffer.byteLength : null, tables };
  });
}

/** `ids.length` calls at once against a real server; each must resolve to its own booking, cancelled. */
async function concurrent(name, ids, baseUrl) {
  const options = { accessToken: "test-token", baseUrl };
  const client = name === "sdk-client" ? apps.sdk.createClient(options) : undefined;
  const one = (BookingID) => {
    const request = { BookingID, Reason: "Benchmark: 1,000 at once" };
    return client ? client(request) : apps[name].cancel(request, options);
  };
  const t0 = performance.now();
  const settled = await Promise.allSettled(ids.map(one));
  const ms = performance.now() - t0;
  let fulfilled = 0;
  let correct = 0;
  const errors = {};
  settled.forEach((s, i) => {
    if (s.status === "fulfilled") {
      fulfilled++;
      if (s.value?.BookingID === ids[i] && s.value?.Status === "Cancelled") correct++;
    } else {
      const key = `${s.reason?.name}: ${s.reason?.kind ?? ""} ${String(s.reason?.message).slice(0, 80)}`;
      errors[key] = (errors[key] ?? 0) + 1;
    }
  });
  return { ms, settled: settled.length, fulfilled, correct, errors };
}

/**
 * Sequential POSTs to the emulator with the given fetch `cache` mode, the SDK's headers and
 * no cookies: run.mjs counts the CORS preflights the server saw for each mode.
 */
async function preflightProbe(baseUrl, cache, n) {
  for (let i = 0; i < n; i++) {
    const response = await fetch(`${baseUrl}/v1/PhoneChat/CancelMadeBooking`, {
      method: "POST",
      headers: { Authorization: "bearer test-token", "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ BookingID: 1, Reason: "probe" }),
      credentials: "omit",
      redirect: "manual",
      cache,
    });
    await response.arrayBuffer();
  }
}

window.bench = { load, verify, parse, calls, mix, wasmMemory, concurrent, preflightProbe };
