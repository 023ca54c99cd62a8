// Helpers for tests/browser_request.rs and tests/browser_schemas.rs: Standard Schemas written
// by hand (the smallest thing a schema library can be), values JSON cannot carry, and the
// Standard Schema call as a form library makes it.

/** A Standard Schema V1 object around `validate`. */
function standard(validate, vendor = "test") {
  return { "~standard": { version: 1, vendor, validate } };
}

/**
 * Hand-written Standard Schemas, by name:
 * - `transform`: passes, and its output is not its input (`{ ppm, methods, input }`);
 * - `record`: passes its input through and keeps it in `schema.seen`;
 * - `fail`: fails with issues whose paths use every form the spec allows (keys, numbers,
 *   `{ key }` segments, a symbol, no path, an empty path);
 * - `async-pass` / `async-fail`: the same, answering with a promise;
 * - `throws`, `rejects`: a broken `validate`;
 * - `echo`: fails with issues whose message and path repeat the answer's `Echo` field.
 */
export function schema(name) {
  switch (name) {
    case "transform":
      return standard((v) => ({
        value: { ppm: v.PhoneChatPPM * 100, methods: v.Methods.length, input: typeof v },
      }));
    case "record": {
      const s = standard((v) => {
        s.seen.push(v);
        return { value: v };
      });
      s.seen = [];
      return s;
    }
    case "fail":
      return standard(() => ({ issues: failIssues() }));
    case "async-pass":
      return standard(
        (v) => new Promise((resolve) => setTimeout(() => resolve({ value: { wrapped: v } }), 10)),
      );
    case "async-fail":
      return standard(
        () => new Promise((resolve) => setTimeout(() => resolve({ issues: failIssues() }), 10)),
      );
    case "throws":
      return standard(() => {
        throw new Error("schema bug");
      });
    case "rejects":
      return standard(() => Promise.reject(new Error("schema bug")));
    case "echo":
      return standard((v) => ({
        issues: [
          { message: "bad echo " + v.Echo, path: ["Echo"] },
          { message: "a key", path: ["Keys", v.Echo, 0] },
        ],
      }));
  }
  throw new Error("no schema named " + name);
}

function failIssues() {
  return [
    { message: "expected a number", path: ["Candidate", "UserID"] },
    { message: "expected a boolean", path: ["Methods", 0, "Available"] },
    { message: "segments as objects", path: [{ key: "Methods" }, { key: 2 }, { key: "Method" }] },
    { message: "at the root, no path" },
    { message: "at the root, empty path", path: [] },
    { message: "a symbol key", path: [Symbol("Sym")] },
    { message: "an index first", path: [0, "BookingID"] },
  ];
}

/** Values that are not schemas, by name. */
export function notASchema(name) {
  switch (name) {
    case "object":
      return {};
    case "number":
      return 5;
    case "string":
      return "z.object()";
    case "no-validate":
      return { "~standard": { version: 1, vendor: "x" } };
    case "validate-not-a-function":
      return { "~standard": { version: 1, vendor: "x", validate: "yes" } };
    case "standard-not-an-object":
      return { "~standard": true };
    case "null":
      return null;
  }
  throw new Error("no value named " + name);
}

/** The values seen by a `record` schema. */
export function seen(s) {
  return s.seen;
}

/** `{ a: { self: <a> } }`: a value `JSON.stringify` refuses. */
export function cyclic() {
  const a = {};
  a.self = a;
  return { a };
}

/** `schema["~standard"].validate(value)`, awaited, as a form library calls it. */
export async function validate(s, value) {
  return await s["~standard"].validate(value);
}

/** `JSON.stringify(value)`. */
export function stringify(value) {
  return JSON.stringify(value);
}

/** Whether `value` holds a key `key` (`undefined` values count). */
export function has(value, key) {
  return Object.prototype.hasOwnProperty.call(value, key);
}

/** An AbortController already aborted, with `reason`. */
export function abortedWith(reason) {
  const c = new AbortController();
  c.abort(reason);
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

/**
 * The text of a corpus file, as the emulator serves it (a fault on a path of its own, then a
 * plain `fetch`), so a test can parse it as an app would.
 */
export async function corpusText(base, name) {
  const path = "/v1/__corpus";
  const queued = await fetch(base + "/__emulator/faults", {
    method: "POST",
    body: JSON.stringify({ corpus: name, path }),
  });
  if (!queued.ok) throw new Error("could not queue " + name);
  const response = await fetch(base + path);
  return await response.text();
}

/** `JSON.parse(text)`, or `undefined` when it throws. */
export function tryParse(text) {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

/** `schema["~standard"].validate(value)`, not awaited: what it returns. */
export function validateNow(s, value) {
  return s["~standard"].validate(value);
}

/** Whether `value` is a Promise. */
export function isPromise(value) {
  return value instanceof Promise;
}

/** `typeof value` */
export function typeOf(value) {
  return typeof value;
}
