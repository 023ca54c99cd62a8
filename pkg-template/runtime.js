// The browser-API side of the SDK's transport, imported by the Wasm module.
//
// Why hand-written JavaScript: every browser API reached from Rust through web-sys is its own
// boundary crossing with its own generated shim on both sides. Building a fetch (headers,
// init, signal, timer, body) that way took about forty imports and most of the JS glue. Here
// each attempt is one call, each argument read is one call, and the Wasm module keeps every
// decision: validation, token sharing, retries, error kinds. Nothing in this file sees more
// of the token than it must to put it in the Authorization header.

const TIMEOUT = "adultwork-sdk:timeout";
const ABORTED = "adultwork-sdk:aborted";

/**
 * Describes an argument as JSON text for the Wasm side to validate, in one crossing.
 * An object becomes `{"o":[[key, desc], …]}` (own enumerable keys, then `known` keys found on
 * the prototype); anything else is one `desc`: `["u"]` undefined, `["l"]` null, `["b",x]`,
 * `["n",text,safeIntegerOrNull]`, `["s",x]`, `["t",isBlank]` (the access token: its text never
 * leaves JavaScript), `["f"]` function, `["a"]` array, `["g"]` AbortSignal,
 * `["d",msOrNull]` Date, `["o"]` other object, `["x",what]` bigint, symbol, throwing getter.
 *
 * @param {unknown} value
 * @param {string[]} known
 * @returns {string}
 */
export function describe(value, known) {
  try {
    if (!isPlainArgument(value)) return JSON.stringify(one(value, false));
    const object = /** @type {Record<string, unknown>} */ (value);
    const fields = [];
    const own = Object.keys(object);
    for (const key of own) fields.push([key, read(object, key)]);
    for (const key of known) {
      if (own.includes(key)) continue;
      const d = read(object, key);
      if (d[0] !== "u") fields.push([key, d]);
    }
    return JSON.stringify({ o: fields });
  } catch {
    // A Proxy whose traps throw (`instanceof`, `Object.keys`): an unreadable value, reported
    // as a validation issue. The exception must not cross into Wasm, where it would skip the
    // SDK's own error handling and reach the caller as a foreign, synchronous throw.
    return JSON.stringify(["x", "an unreadable value"]);
  }
}

/** @param {unknown} v */
function isPlainArgument(v) {
  return (
    typeof v === "object" &&
    v !== null &&
    !Array.isArray(v) &&
    !(typeof AbortSignal !== "undefined" && v instanceof AbortSignal) &&
    !(v instanceof Date)
  );
}

/** @param {Record<string, unknown>} object @param {string} key */
function read(object, key) {
  try {
    return one(object[key], key === "accessToken");
  } catch {
    return ["x", "a value whose getter threw"];
  }
}

/** @param {unknown} v @param {boolean} secret @returns {unknown[]} */
function one(v, secret) {
  switch (typeof v) {
    case "undefined":
      return ["u"];
    case "boolean":
      return ["b", v];
    case "number":
      return ["n", String(v), Number.isSafeInteger(v) ? v : null];
    case "string":
      return secret ? ["t", v.trim() === ""] : ["s", v];
    case "function":
      return ["f"];
    case "bigint":
      return ["x", "a bigint"];
    case "symbol":
      return ["x", "a symbol"];
  }
  if (v === null) return ["l"];
  if (Array.isArray(v)) return ["a"];
  if (typeof AbortSignal !== "undefined" && v instanceof AbortSignal) return ["g"];
  if (v instanceof Date) {
    const t = v.getTime();
    return ["d", Number.isSafeInteger(t) ? t : null];
  }
  return ["o"];
}

/**
 * Calls the caller's token function; a synchronous throw becomes a rejection and a thenable
 * is adopted, so the Wasm side handles one shape.
 *
 * @param {() => unknown} provider
 * @returns {Promise<unknown>}
 */
export function invoke(provider) {
  return new Promise((resolve) => resolve(provider()));
}

/**
 * One HTTP attempt: wait for the token, fetch, read the whole body, all within `timeoutMs` and
 * cancelled by `signal`. Never follows redirects, never sends cookies.
 *
 * Resolves to `[status, body, retryAfter, flags, token]`: `body` a Uint8Array (null when
 * unread), `flags` 1 = redirect not followed, 2 = success body over `maxBytes` (left unread).
 * Rejects with `[what, cause]`: "Timeout", "Aborted", "NetworkError", "TokenFailed" (the
 * function threw), "TokenInvalid" (cause: what it returned), "TokenHeader" (not a valid
 * header value).
 *
 * @param {string} method
 * @param {string} url
 * @param {string | undefined} body
 * @param {string | Promise<unknown>} token
 * @param {number} timeoutMs
 * @param {AbortSignal | undefined} signal
 * @param {number} maxBytes
 * @param {number} maxErrorBytes
 */
export async function attempt(method, url, body, token, timeoutMs, signal, maxBytes, maxErrorBytes) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(TIMEOUT), timeoutMs);
  const onAbort = () => controller.abort(ABORTED);
  signal?.addEventListener("abort", onAbort);
  /** @type {string} */
  let stage = "TokenFailed";
  // Whether a response body is still unread (and must be cancelled in `finally`).
  let unread = false;
  try {
    if (signal?.aborted) controller.abort(ABORTED);
    // A fixed token needs no race against the clock.
    const value =
      typeof token === "string" && !controller.signal.aborted
        ? token
        : await Promise.race([token, stopped(controller.signal)]);
    if (controller.signal.aborted) throw controller.signal.reason;
    if (typeof value !== "string" || value.trim() === "") {
      stage = "TokenInvalid";
      throw typeof value === "string" ? "an empty string" : describeType(value);
    }
    stage = "TokenHeader";
    const headers = new Headers({ Accept: "application/json", Authorization: "bearer " + value });
    if (body !== undefined) headers.set("Content-Type", "application/json");
    stage = "NetworkError";
    const response = await fetch(url, {
      method,
      headers,
      body,
      signal: controller.signal,
      credentials: "omit",
      redirect: "manual",
      mode: "cors",
      // No `cache` option: `no-store` would also make browsers skip their CORS-preflight
      // cache, doubling every call's round trips. The API's own headers govern caching.
    });
    unread = true;
    const status = response.status;
    const retryAfter = response.headers.get("Retry-After");
    if (response.type === "opaqueredirect" || (status >= 300 && status < 400)) {
      return [status, null, retryAfter, 1, value];
    }
    const ok = status >= 200 && status < 300;
    const declared = Number(response.headers.get("Content-Length"));
    if (ok && declared > maxBytes) return [status, null, retryAfter, 2, value];
    const bytes = new Uint8Array(await response.arrayBuffer());
    unread = false;
    if (ok && bytes.length > maxBytes) return [status, null, retryAfter, 2, value];
    return [status, ok ? bytes : bytes.subarray(0, maxErrorBytes), retryAfter, 0, value];
  } catch (cause) {
    const reason = controller.signal.aborted ? controller.signal.reason : undefined;
    const what = reason === TIMEOUT ? "Timeout" : reason === ABORTED ? "Aborted" : stage;
    throw [what, cause];
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
    // Cancels a body left unread (a redirect, an oversized answer, a failed read). After a
    // full read there is nothing to cancel, and abort() would only cost a DOMException.
    if (unread) controller.abort();
  }
}

/** @param {AbortSignal} signal @returns {Promise<void>} resolves once `signal` aborts */
function stopped(signal) {
  return new Promise((resolve) => signal.addEventListener("abort", () => resolve(), { once: true }));
}

/** @param {unknown} v */
function describeType(v) {
  if (v === null) return "null";
  if (v === undefined) return "undefined";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : "a " + typeof v;
}

/**
 * Waits `ms`, or rejects with "Aborted" as soon as `signal` fires. Leaves no timer or listener.
 *
 * @param {number} ms
 * @param {AbortSignal | undefined} signal
 * @returns {Promise<void>}
 */
export function sleep(ms, signal) {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject("Aborted");
    const onAbort = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      reject("Aborted");
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

const encoder = new TextEncoder();
/** Reused for texts up to 64 KiB: the Wasm side copies the bytes out before anything else runs. */
let scratch = new Uint8Array(16384);

/**
 * A string's UTF-8 bytes, for the Wasm side to validate: `encodeInto` is a native copy into a
 * reused buffer (no per-call allocation), much faster than a character-by-character copy. A
 * Uint8Array is passed through; anything else gives `undefined`.
 *
 * @param {unknown} value
 * @returns {Uint8Array | undefined}
 */
export function utf8(value) {
  if (typeof value === "string") {
    const need = value.length * 3; // the most UTF-8 bytes a UTF-16 string can need
    let buffer = scratch;
    if (need > buffer.length) {
      buffer = new Uint8Array(need);
      if (need <= 65536) scratch = buffer;
    }
    const { written } = encoder.encodeInto(value, buffer);
    return buffer.subarray(0, written);
  }
  try {
    return value instanceof Uint8Array ? value : undefined;
  } catch {
    return undefined; // a hostile Proxy (its getPrototypeOf trap throws): not bytes
  }
}

/**
 * The signal in a call's options, if it is one (the Wasm side has already validated it).
 *
 * @param {unknown} options
 * @returns {AbortSignal | undefined}
 */
export function signalOf(options) {
  try {
    const s = typeof options === "object" && options !== null ? Reflect.get(options, "signal") : undefined;
    return typeof AbortSignal !== "undefined" && s instanceof AbortSignal ? s : undefined;
  } catch {
    return undefined; // a hostile Proxy: the options were already refused as unreadable
  }
}
