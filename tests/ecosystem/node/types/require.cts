// CommonJS consumer, type-checked with `module: node20` (tsconfig.json): TypeScript ≥ 5.8
// models Node's require(esm), so `require` of this ES-module-only package is allowed.
import sdk = require("adultwork-sdk");

export async function cancel(baseUrl: string): Promise<sdk.MadeBooking> {
  try {
    return await sdk.cancelMadeBooking({ BookingID: 1001, Reason: "x" }, { accessToken: "test-token", baseUrl });
  } catch (e) {
    if (sdk.isAdultWorkError(e) && e.kind === "Conflict") throw new Error(e.serverMessage ?? e.message);
    throw e;
  }
}
