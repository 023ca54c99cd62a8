// The npm README's simplest test double: the `fetch` option, a function that receives the SDK's
// Request and returns a Response. No MSW, no network (setupServer is not started in this file,
// so a request that escaped to the global fetch would fail: api-sandbox is unreachable here).
import { cancelMadeBooking } from "adultwork-sdk";
import { expect, test } from "vitest";
import { cancelledBooking } from "./fixtures";

test("the fetch option is a test double: the SDK's Request in, a Response out", async () => {
  // As the README shows it:
  const fetch = async () => Response.json(cancelledBooking); // a valid MadeBooking
  const booking = await cancelMadeBooking({ BookingID: 1001, Reason: "Plans changed" }, { accessToken: "test", fetch });
  expect(booking).toStrictEqual(cancelledBooking);

  // It is called with the one Request the SDK built (typed as fetch's input).
  const seen: string[] = [];
  const recording: typeof globalThis.fetch = async (input) => {
    const request = input as Request;
    seen.push(`${request.method} ${request.url} ${await request.text()}`);
    return Response.json(cancelledBooking);
  };
  await cancelMadeBooking({ BookingID: 1001, Reason: "Plans changed" }, { accessToken: "test", fetch: recording });
  expect(seen).toEqual([
    'POST https://api-sandbox.adultwork.com/v1/PhoneChat/CancelMadeBooking {"BookingID":1001,"Reason":"Plans changed"}',
  ]);
});
