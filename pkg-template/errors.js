// The SDK's one error class, hand-written because a WebAssembly module cannot declare a
// JavaScript class that extends `Error`. The Rust code imports this class (a typed
// `#[wasm_bindgen] extern` declaration; wasm-bindgen copies the file into the package, see
// scripts/build.sh) and constructs every rejection and throw with it, passing the Rust error
// serialized as `details`, so `instanceof AdultWorkError` and `instanceof Error` hold across the
// Wasm boundary.

/**
 * Every rejection and every throw of the SDK.
 *
 * Switch on `kind`; `status`, `serverMessage`, `issues` and `retryAfterMs` are present when
 * they apply. The message never contains the access token.
 */
export class AdultWorkError extends Error {
  /**
   * @param {string} kind What went wrong (see `ErrorKind`).
   * @param {string} message A sentence for people.
   * @param {{ status?: number, serverMessage?: string, issues?: { path: string, message: string }[], retryAfterMs?: number, cause?: unknown }} [details]
   */
  constructor(kind, message, details = {}) {
    super(message, "cause" in details ? { cause: details.cause } : undefined);
    this.kind = kind;
    if (details.status !== undefined) this.status = details.status;
    if (details.serverMessage !== undefined) this.serverMessage = details.serverMessage;
    if (details.issues !== undefined) this.issues = details.issues;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }
}

// On the prototype rather than each instance: `error.name` reads "AdultWorkError" (stack
// traces and `String(error)` too) without an extra own property on every error.
Object.defineProperty(AdultWorkError.prototype, "name", {
  value: "AdultWorkError",
  writable: true,
  configurable: true,
});

/**
 * True for errors thrown by this SDK. Unlike `instanceof`, it also recognises errors from
 * another copy of the package (two versions in one bundle) or another realm (an iframe).
 *
 * @param {unknown} value
 * @returns {value is AdultWorkError}
 */
export function isAdultWorkError(value) {
  if (value instanceof AdultWorkError) return true;
  if (typeof value !== "object" || value === null) return false;
  const candidate = /** @type {{ name?: unknown, kind?: unknown, message?: unknown }} */ (value);
  return (
    candidate.name === "AdultWorkError" &&
    typeof candidate.kind === "string" &&
    typeof candidate.message === "string"
  );
}
