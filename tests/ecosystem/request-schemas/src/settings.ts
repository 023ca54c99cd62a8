// App code (valibot 1): the client's own PhoneChat settings through `client.request()` (the
// SDK has no function for GetSettings), checked by a valibot schema whose pipe also transforms
// a field; the call's result type is the schema's output type, inferred.
import type { AdultWorkClient } from "adultwork-sdk";
import * as v from "valibot";

/** The documented fields; the number comes out written as an international one. */
export const PhoneSettings = v.object({
  OfferDirectChat: v.boolean(),
  PhoneChatNumber: v.pipe(
    v.string(),
    v.regex(/^\d{10,15}$/),
    v.transform((digits): `+${string}` => `+${digits}`),
  ),
  ShowPhoneChatNumber: v.boolean(),
  PhoneChatPPM: v.pipe(v.number(), v.minValue(0)),
});

/** A schema written from wrong assumptions: every user has a price and takes every method. */
export const PricedEveryMethodTerms = v.object({
  PhoneChatPPM: v.number(),
  Methods: v.array(v.object({ Method: v.picklist([1, 2, 3]), Available: v.literal(true) })),
});

/** The client's settings, checked and transformed by `PhoneSettings`. */
export function phoneSettings(client: AdultWorkClient) {
  return client.request({ method: "GET", path: "/v1/PhoneChat/GetSettings", schema: PhoneSettings });
}

/** A user's booking terms checked by the wrong schema. */
export function pricedTerms(client: AdultWorkClient, userId: number) {
  return client.request({
    method: "GET",
    path: "/v1/PhoneChat/GetUserBookingRequirements",
    query: { BookUserID: userId },
    schema: PricedEveryMethodTerms,
  });
}
