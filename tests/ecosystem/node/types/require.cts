// CommonJS consumer, type-checked with `module: node20` and `module: node16` (test.mjs): the
// "require" condition gives CommonJS declarations (index.d.cts) for the CommonJS entry.
import sdk = require("adultwork-sdk");

export async function cancel(baseUrl: string): Promise<sdk.MadeBooking> {
  try {
    return await sdk.cancelMadeBooking({ BookingID: 1001, Reason: "x" }, { accessToken: "test-token", baseUrl });
  } catch (e) {
    if (sdk.isAdultWorkError(e) && e.kind === "Conflict") throw new Error(e.serverMessage ?? e.message);
    throw e;
  }
}
