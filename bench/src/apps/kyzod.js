// Baseline (c): ky + zod 4 as a complete client, configured as close to the SDK's transport
// as ky allows: 30 s per attempt, at most 2 retries of the POST and only after 429/503,
// honouring Retry-After capped at 60 s, else exponential backoff with full jitter; no retry
// after a network error or a timeout (the server may have acted); no cookies; redirects not
// followed (ky throws HTTPError for them). The answer is validated by ky's Standard Schema
// support (`.json(schema)`), the request by zod before sending.
import ky, { isNetworkError } from "ky";
import { CancelMadeBookingRequest, MadeBooking } from "../baselines/zod-schema.js";
import { SANDBOX, sameBooking } from "./post.js";

export { check, parse } from "./zod.js";

const api = ky.create({
  timeout: 30_000,
  credentials: "omit",
  redirect: "manual",
  retry: {
    limit: 2,
    methods: ["post"],
    statusCodes: [429, 503],
    afterStatusCodes: [429, 503],
    maxRetryAfter: 60_000,
    jitter: true,
    retryOnTimeout: false,
    // ky retries network errors for the methods listed; a lost answer to a POST must not be.
    shouldRetry: ({ error }) => (isNetworkError(error) ? false : undefined),
  },
});

export async function cancel(request, { accessToken, baseUrl = SANDBOX, signal }) {
  const body = CancelMadeBookingRequest.parse(request);
  const booking = await api
    .post(`${baseUrl}/v1/PhoneChat/CancelMadeBooking`, {
      json: body,
      headers: { Authorization: `bearer ${accessToken}`, Accept: "application/json" },
      signal,
    })
    .json(MadeBooking);
  return sameBooking(booking, body.BookingID);
}
