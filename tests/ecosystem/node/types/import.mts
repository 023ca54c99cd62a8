// ES module consumer in Node, type-checked with `module: node20` (tsconfig.json).
import { AdultWorkError, cancelMadeBooking, type MadeBooking } from "adultwork-sdk";

export async function cancel(baseUrl: string): Promise<MadeBooking | AdultWorkError> {
  return cancelMadeBooking({ BookingID: 1001, Reason: "x" }, { accessToken: "test-token", baseUrl }).catch(
    (e: unknown) => (e instanceof AdultWorkError ? e : Promise.reject(e)),
  );
}
