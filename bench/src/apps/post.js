// The POST the fetch-based apps send: the same URL, headers, body and fetch settings as the
// SDK (POST {base}/v1/PhoneChat/CancelMadeBooking, bearer token, JSON in and out, no cookies,
// redirects not followed). No timeout and no retries: that is what (c) ky adds.
export const SANDBOX = "https://api-sandbox.adultwork.com";

/**
 * @param {{ BookingID: number, Reason: string }} body
 * @param {{ accessToken: string, baseUrl?: string, signal?: AbortSignal }} options
 * @returns {Promise<unknown>} the parsed JSON of a 2xx answer
 */
export async function post(body, { accessToken, baseUrl = SANDBOX, signal }) {
  const response = await fetch(`${baseUrl}/v1/PhoneChat/CancelMadeBooking`, {
    method: "POST",
    headers: {
      Authorization: `bearer ${accessToken}`,
      "Content-Type": "application/json",
      Accept: "application/json",
    },
    body: JSON.stringify(body),
    credentials: "omit",
    redirect: "manual",
    signal,
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json(); // the body text, then JSON.parse
}

/** The answer must be about the booking that was asked for (the SDK checks this too). */
export function sameBooking(booking, id) {
  if (booking.BookingID !== id) throw new Error(`answer for booking ${booking.BookingID}, not ${id}`);
  return booking;
}
