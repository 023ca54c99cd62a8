// The README's recipe ("Testing your app", MSW in Node): MSW's setupServer intercepts the
// global fetch that the SDK sends its Request with, so the app's own function runs unchanged
// against mocked answers, and nothing reaches the network (onUnhandledRequest: "error").
import { AdultWorkError, isAdultWorkError, type MadeBooking } from "adultwork-sdk";
import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, expect, expectTypeOf, test } from "vitest";
import { cancelBooking } from "./bookings";
import { cancelledBooking } from "./fixtures";

const CANCEL = "https://api-sandbox.adultwork.com/v1/PhoneChat/CancelMadeBooking";

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

/** The rejection of `promise` (fails the test if it resolves). */
async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => expect.unreachable(`resolved to ${JSON.stringify(value)}`),
    (error: unknown) => error,
  );
}

test("resolves to the validated MadeBooking the API answered", async () => {
  const sent: { authorization: string | null; contentType: string | null; body: string }[] = [];
  server.use(
    http.post(CANCEL, async ({ request }) => {
      sent.push({
        authorization: request.headers.get("Authorization"),
        contentType: request.headers.get("Content-Type"),
        body: await request.text(),
      });
      // An extra field: the SDK returns only the documented ones.
      return HttpResponse.json({ ...cancelledBooking, NotInTheDocs: true });
    }),
  );

  const booking = await cancelBooking(1001, "Something came up");

  expectTypeOf(booking).toEqualTypeOf<MadeBooking>();
  expect(booking).toStrictEqual(cancelledBooking);
  expect(booking.Status).toBe("Cancelled");
  expect(sent).toEqual([
    {
      authorization: "bearer test-token",
      contentType: "application/json",
      body: '{"BookingID":1001,"Reason":"Something came up"}',
    },
  ]);
});

test("a 409 rejects with an AdultWorkError of kind Conflict and the server's message", async () => {
  server.use(
    http.post(CANCEL, () =>
      HttpResponse.json({ Message: "The booking is already cancelled." }, { status: 409 }),
    ),
  );

  const call = cancelBooking(1005, "Too late");

  // As the README shows it.
  await expect(call).rejects.toThrow(AdultWorkError);
  await expect(call).rejects.toMatchObject({
    kind: "Conflict",
    status: 409,
    serverMessage: "The booking is already cancelled.",
  });
  // And what else an app may rely on.
  const error = await rejection(call);
  expect(error).toBeInstanceOf(Error);
  if (!isAdultWorkError(error)) throw error;
  expect(error.kind).toBe("Conflict");
  expect(error.message).not.toContain("test-token");
});

test("an answer that is not a valid MadeBooking rejects with InvalidResponse", async () => {
  server.use(
    http.post(CANCEL, () =>
      HttpResponse.json({ ...cancelledBooking, Status: "Done", SessionDate: "22/01/2018 21:30" }),
    ),
  );

  const error = await rejection(cancelBooking(1001, "Something came up"));

  if (!isAdultWorkError(error)) throw error;
  expect(error.kind).toBe("InvalidResponse");
  expect(error.issues?.map((issue) => issue.path).sort()).toEqual(["SessionDate", "Status"]);
});
