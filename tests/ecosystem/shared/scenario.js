// The scenario every ecosystem app runs, in browsers and in Node. It takes the SDK's exports as
// the app imported them (by name, from the installed tarball) and returns plain JSON facts:
// `instanceof`, `typeof` and `null` can only be observed where the objects live, so they are
// recorded here and asserted by the driver (tests/ecosystem/harness.mjs, `checkFacts`).
// This file imports nothing, so each app resolves "adultwork-sdk" from its own node_modules.

export const REASON = "Ecosystem test: something came up";

/** `typeof` of every field, with `null` told apart from objects. */
function typesOf(object) {
  return Object.fromEntries(Object.entries(object).map(([k, v]) => [k, v === null ? "null" : typeof v]));
}

/** What an error looks like from the app's side. */
function describeError(e, sdk) {
  return {
    instanceofAdultWorkError: e instanceof sdk.AdultWorkError,
    instanceofError: e instanceof Error,
    isAdultWorkError: sdk.isAdultWorkError(e),
    name: e?.name,
    kind: e?.kind,
    status: e?.status,
    serverMessage: e?.serverMessage,
    message: String(e?.message),
    cause: e?.cause === undefined ? undefined : String(e.cause),
  };
}

/** A class (wasm-bindgen's and the error class are `class` declarations), not a function to call. */
const isClass = (value) => /^class[\s{]/.test(Function.prototype.toString.call(value));

/**
 * Runs `call` and records what happened: a synchronous throw, a value, or the promise it
 * returned and how that settled.
 */
async function outcome(call, sdk) {
  let result;
  try {
    result = call();
  } catch (e) {
    return { threw: describeError(e, sdk) };
  }
  if (typeof result?.then !== "function") return { returned: result === null ? "null" : typeof result };
  try {
    await result;
    return { resolved: true };
  } catch (e) {
    return { rejected: describeError(e, sdk) };
  }
}

/** Calls every exported function (classes aside) with `args`: what each did, by name. */
export async function callEveryFunction(sdk, args) {
  const outcomes = {};
  for (const [name, value] of Object.entries(sdk)) {
    if (typeof value === "function" && !isClass(value)) outcomes[name] = await outcome(() => value(...args), sdk);
  }
  return outcomes;
}

/** Calls every method of `client` (but `free`) without arguments: what each did, by name. */
async function callEveryMethod(sdk, client) {
  const outcomes = {};
  for (const name of Object.getOwnPropertyNames(sdk.AdultWorkClient.prototype)) {
    if (name !== "constructor" && name !== "free") outcomes[name] = await outcome(() => client[name](), sdk);
  }
  return outcomes;
}

/**
 * The normal case: cancel booking 1001 (Pending), check it with `canCancel`, then try 1005
 * (already cancelled → HTTP 409). Also uses the synchronous API first, which only works if the
 * module was instantiated before the app's code ran (no init call).
 *
 * @param {Record<string, any>} sdk the package's exports
 * @param {string} api the emulator's base URL
 */
export async function scenario(sdk, api) {
  const options = { accessToken: "test-token", baseUrl: api };
  const facts = {};

  const client = new sdk.AdultWorkClient(options);
  facts.client = String(client);
  try {
    new sdk.AdultWorkClient({ accesToken: "test-token", baseUrl: api });
    facts.misspelt = "no throw";
  } catch (e) {
    facts.misspelt = describeError(e, sdk);
  }

  const booking = await sdk.cancelMadeBooking({ BookingID: 1001, Reason: REASON }, options);
  facts.plainObject = Object.getPrototypeOf(booking) === Object.prototype;
  facts.booking = booking;
  facts.types = typesOf(booking);
  facts.candidateTypes = typesOf(booking.Candidate);
  facts.integers = [booking.BookingID, booking.Duration, booking.Candidate.UserID, booking.Candidate.Total].every(
    Number.isInteger,
  );
  facts.canCancel = sdk.canCancel(booking);

  try {
    const again = await client.cancelMadeBooking({ BookingID: 1005, Reason: REASON });
    facts.conflict = { resolved: again };
  } catch (e) {
    facts.conflict = describeError(e, sdk);
  }

  // A client used after free() says so with an AdultWorkError, not wasm-bindgen's bare Error.
  const freed = new sdk.AdultWorkClient(options);
  freed.free();
  try {
    await freed.cancelMadeBooking({ BookingID: 1001, Reason: REASON });
    facts.freed = "no throw";
  } catch (e) {
    facts.freed = describeError(e, sdk);
  }

  // Every async export rejects instead of throwing: called without arguments, and every
  // method of a freed client and of a live one (the driver knows from the .d.ts which are async).
  facts.calls = {
    functions: await callEveryFunction(sdk, []),
    freedMethods: await callEveryMethod(sdk, freed),
    methods: await callEveryMethod(sdk, client),
  };
  return facts;
}

/**
 * The SDK could not load its .wasm (the esbuild case where the app did not copy it next to its
 * bundle; a Content-Security-Policy that refuses it; the browser entry under Node): the import
 * must still succeed (this code runs), every async function must reject and every synchronous
 * one (and `new AdultWorkClient`) throw, with an AdultWorkError that says why.
 */
export async function loadFailureScenario(sdk, api) {
  const options = { accessToken: "test-token", baseUrl: api };
  const facts = {};
  facts.call = await outcome(() => sdk.cancelMadeBooking({ BookingID: 1001, Reason: REASON }, options), sdk);
  facts.functions = await callEveryFunction(sdk, [{ BookingID: 1001, Reason: REASON }, options]);
  try {
    new sdk.AdultWorkClient(options);
    facts.sync = "no throw";
  } catch (e) {
    facts.sync = describeError(e, sdk);
  }
  return facts;
}
