// App code (zod 4): what a booking form needs to know about a user before booking them. The
// SDK has no function for GetUserBookingRequirements, so the app calls it through
// `client.request()` with a zod schema, which checks the answer and reshapes it; the call's
// result type is the schema's output type, inferred.
import type { AdultWorkClient } from "adultwork-sdk";
import * as z from "zod";

const CallMethod = z.union([z.literal(1), z.literal(2), z.literal(3)]);

/** The answer, reshaped for a form: the price per minute, and the set of methods the user takes. */
export const BookingTerms = z
  .object({
    PhoneChatPPM: z.number().nullable(),
    Methods: z.array(z.object({ Method: CallMethod, Available: z.boolean() })),
  })
  .transform(({ PhoneChatPPM, Methods }) => ({
    pricePerMinute: PhoneChatPPM,
    methods: new Set(Methods.filter((m) => m.Available).map((m) => m.Method)),
  }));

/**
 * The same, for an app that only books calls to the client's phone (Method 1): an async check
 * (zod's `~standard.validate` then answers with a promise).
 */
export const PhoneBookableTerms = BookingTerms.refine(
  async (terms) => {
    await new Promise((done) => setTimeout(done, 1));
    return terms.methods.has(1);
  },
  { message: "does not take calls on your phone (Method 1)", path: ["Methods"] },
);

/** A schema written from a wrong assumption: that every user takes every calling method. */
export const EveryMethodTerms = z.object({
  PhoneChatPPM: z.number().nullable(),
  Methods: z.array(z.object({ Method: CallMethod, Available: z.literal(true) })),
});

/**
 * A schema with a bug of the app's own: its transform assumes every user has a price, so it
 * throws a TypeError for one who has none (reading `toFixed` of null).
 */
export const PriceLabelTerms = BookingTerms.transform((terms) => ({
  ...terms,
  priceLabel: `${terms.pricePerMinute!.toFixed(2)} credits a minute`,
}));

const PATH = "/v1/PhoneChat/GetUserBookingRequirements";

/** The booking terms of `userId`, checked and reshaped by `BookingTerms`. */
export function bookingTerms(client: AdultWorkClient, userId: number) {
  return client.request({ method: "GET", path: PATH, query: { BookUserID: userId }, schema: BookingTerms });
}

/** The booking terms of `userId`, if the user takes calls on the client's phone. */
export function phoneBookableTerms(client: AdultWorkClient, userId: number) {
  return client.request({ method: "GET", path: PATH, query: { BookUserID: userId }, schema: PhoneBookableTerms });
}

/** The terms checked by the wrong schema (rejects for a user who does not take every method). */
export function everyMethodTerms(client: AdultWorkClient, userId: number) {
  return client.request({ method: "GET", path: PATH, query: { BookUserID: userId }, schema: EveryMethodTerms });
}

/** The terms with a price label (rejects for a user without a price: the transform throws). */
export function pricedLabelTerms(client: AdultWorkClient, userId: number) {
  return client.request({ method: "GET", path: PATH, query: { BookUserID: userId }, schema: PriceLabelTerms });
}

/** The answer without a schema: the parsed JSON, typed `unknown`. */
export function rawTerms(client: AdultWorkClient, userId: number) {
  return client.request({ method: "GET", path: PATH, query: { BookUserID: userId } });
}
