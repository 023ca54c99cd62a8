// How the package's exports behave when called, applied by the generated api.js
// (scripts/assemble-pkg.mjs) to the functions and methods wasm-bindgen generated. Which of them
// are async is read from wasm-bindgen's .d.ts at build time (the ones that return a Promise), so
// a new export needs no edit here.
//
// - An async function or method never throws: whatever fails before its promise exists (the
//   .wasm could not load or was refused by a Content-Security-Policy, a freed client, an
//   argument the generated glue could not convert) becomes a rejection, so
//   `cancelMadeBooking(…).catch(…)` and `await` in a try block both see every failure.
// - A method of a freed client fails with an AdultWorkError that says so, instead of
//   wasm-bindgen's bare `Error("null pointer passed to rust")`. The generated class marks a freed
//   object with `__wbg_ptr === 0`, which the pinned wasm-bindgen version writes and
//   tests/browser_client.rs checks.
// - A call in an environment that lacks part of the Fetch API (no `fetch` or `Request`: Node
//   started with --no-experimental-fetch, a test environment with a browser-like global object)
//   rejects with an `InvalidConfig` error naming the missing globals and how to provide them,
//   not with a `NetworkError` about being offline.

import { AdultWorkError, isAdultWorkError } from "./errors.js";

/**
 * `fn` (an async export), rejecting instead of throwing; same name.
 *
 * @template {(...args: any[]) => Promise<unknown>} F
 * @param {F} fn
 * @returns {F}
 */
export function rejecting(fn) {
  const { name } = fn;
  // A method definition keeps `name` and is not constructible, like wasm-bindgen's functions.
  return /** @type {F} */ (
    {
      /** @this {unknown} @param {unknown[]} args */
      [name](...args) {
        return settle(() => fn.apply(this, args));
      },
    }[name]
  );
}

/**
 * A value the Wasm module makes with `make` (the SDK's `schemas`), made when it is first used:
 * the package's modules are evaluated before the .wasm is instantiated, so it cannot be made
 * at import. Reading a property, listing the keys or `in` make it.
 *
 * @template {object} T
 * @param {() => T} make
 * @returns {T}
 */
export function made(make) {
  /** @type {T | undefined} */
  let value;
  const real = () => (value ??= make());
  return /** @type {T} */ (
    new Proxy(
      {},
      {
        get: (_, key) => Reflect.get(real(), key),
        has: (_, key) => Reflect.has(real(), key),
        ownKeys: () => Reflect.ownKeys(real()),
        getOwnPropertyDescriptor: (_, key) => {
          const descriptor = Reflect.getOwnPropertyDescriptor(real(), key);
          return descriptor && { ...descriptor, configurable: true };
        },
      },
    )
  );
}

/**
 * Guards every method of `Class` (a class wasm-bindgen generated) against use after `free()`,
 * and makes the methods named in `async` reject instead of throwing.
 *
 * @param {{ prototype: object }} Class
 * @param {string[]} async the methods that return a Promise
 */
export function guardMethods(Class, async) {
  const proto = /** @type {Record<string, unknown>} */ (Class.prototype);
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = proto[name];
    if (name === "constructor" || name === "free" || typeof method !== "function") continue;
    const returnsPromise = async.includes(name);
    Object.defineProperty(proto, name, {
      value: /** @this {{ __wbg_ptr: number }} @param {unknown[]} args */ function (...args) {
        const call = () => {
          if (this.__wbg_ptr === 0) throw freed();
          return method.apply(this, args);
        };
        return returnsPromise ? settle(call) : call();
      },
      writable: true,
      configurable: true,
    });
  }
}

const freed = () =>
  new AdultWorkError(
    "InvalidConfig",
    "This AdultWorkClient was freed (free() or the end of a `using` block); create a new one.",
    { issues: [{ path: "", message: "the client was freed" }] },
  );

/** @type {(() => unknown) | undefined} */
let loadFailure;

/**
 * Called by the browser entry when the .wasm could not be loaded: every async call rejects with
 * what `failure()` returns, before anything else is checked (that is the problem to fix first).
 *
 * @param {() => unknown} failure
 */
export function failedToLoad(failure) {
  loadFailure = failure;
}

/**
 * The promise `call` returns; if `call` throws, a promise rejected with what it threw. Checks
 * first that the .wasm loaded, then the Fetch API (`missingFetchApi`).
 *
 * @param {() => Promise<unknown>} call
 */
function settle(call) {
  if (loadFailure) return Promise.reject(loadFailure());
  const missing = missingFetchApi();
  if (missing.length > 0) return Promise.reject(environmentProblem(missing));
  let promise;
  try {
    promise = call();
  } catch (error) {
    return Promise.reject(error);
  }
  return promise.catch((error) => {
    throw (fetchWasMissing(error) && environmentProblem(["fetch"], error)) || error;
  });
}

/**
 * The Fetch API globals a call needs that this environment lacks. The glue uses them by these
 * names (in the Node entries the build makes the glue fall back to Node's own, and these checks
 * see the same fallback). Without Request, Response or Headers no call can work (and the Wasm
 * side would fail inside its own task, where a rejection cannot reach the caller), so the call
 * is not started. Without only `fetch`, a call still works with the caller's own `fetch` option:
 * that case is judged by how the call failed (`fetchWasMissing`).
 *
 * @returns {string[]}
 */
function missingFetchApi() {
  const present = {
    Request: typeof Request === "function",
    Response: typeof Response === "function",
    Headers: typeof Headers === "function",
  };
  if (present.Request && present.Response && present.Headers) return [];
  const missing = Object.keys(present).filter((name) => !present[/** @type {keyof typeof present} */ (name)]);
  return typeof fetch === "function" ? missing : ["fetch", ...missing];
}

/**
 * What engines say when code calls a missing global `fetch` (V8, SpiderMonkey, JavaScriptCore),
 * or the Node entries' `(0, host.fetch)` when Node has none either.
 */
const missingFetch = /\bfetch\)? is not (?:defined|a function)|Can't find variable: fetch\b/;

/**
 * Whether `error` is the `NetworkError` of a call whose `fetch` was missing.
 *
 * @param {unknown} error
 */
function fetchWasMissing(error) {
  if (typeof fetch === "function" || !isAdultWorkError(error) || error.kind !== "NetworkError") return false;
  const said = [error, error.cause].map((e) => String(/** @type {{ message?: unknown }} */ (e)?.message ?? ""));
  return said.some((text) => missingFetch.test(text));
}

/**
 * An `InvalidConfig` error naming the missing Fetch API globals and how to provide them.
 *
 * @param {string[]} missing
 * @param {unknown} [cause] the error the call failed with, if it was started
 */
function environmentProblem(missing, cause) {
  const message =
    `This environment has no global ${missing.join(", ")}: adultwork-sdk sends its requests with the Fetch API ` +
    "(fetch, Request, Response, Headers), which browsers, workers and Node ≥ 20 provide. " +
    `Define ${missing.map((name) => `globalThis.${name}`).join(", ")} before the call (a fetch polyfill does)` +
    (missing.length === 1 && missing[0] === "fetch" ? ", or pass your own function as the `fetch` option." : ".");
  const issues = missing.map((name) => ({ path: "", message: `no global ${name}` }));
  return new AdultWorkError("InvalidConfig", message, cause === undefined ? { issues } : { issues, cause });
}
