// (f) Node without (part of) the Fetch API: a call must say which globals are missing, not
// that the network failed. Run with `--no-experimental-fetch` (no fetch, Request, Response,
// Headers), or with `only-fetch` to delete just `globalThis.fetch` before loading the SDK.
// Imports the package (`import`) or requires it (`require`), calls cancelMadeBooking and prints
// the error. Usage: node [--no-experimental-fetch] no-fetch.mjs <emulator-url> import|require [only-fetch]
import { createRequire } from "node:module";

const [api, how, only] = process.argv.slice(2);
if (only === "only-fetch") delete globalThis.fetch;
const sdk = how === "require" ? createRequire(import.meta.url)("adultwork-sdk") : await import("adultwork-sdk");
const error = await sdk
  .cancelMadeBooking({ BookingID: 1001, Reason: "x" }, { accessToken: "test-token", baseUrl: api })
  .then(() => null, (e) => e);
console.log(
  JSON.stringify({
    globals: { fetch: typeof fetch, Request: typeof Request },
    isAdultWorkError: sdk.isAdultWorkError(error),
    kind: error?.kind,
    message: error?.message,
    issues: error?.issues,
    causeKind: error?.cause?.kind,
  }),
);
