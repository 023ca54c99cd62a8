// The SDK app of the memory figure (figure 5): the same as sdk.js, plus more of the API, so
// that the 50,000 calls are mixed: `cancelMadeBooking`, `getMadeBookingDetails`,
// `deleteMadeBookings` and a client's `request()` with no schema. Not used for sizes.
import { AdultWorkClient, cancelMadeBooking, deleteMadeBookings, getMadeBookingDetails } from "adultwork-sdk";

export * from "./sdk.js";

/**
 * The mixed workload's calls, each `(signal?) => Promise<boolean>` (whether the answer is the
 * one asked for), as one-shot functions (`client: false`) or methods of one client.
 * `request()` exists only as a client method, so it is that in both.
 */
export function mixedCalls(options, { client: viaClient }) {
  const client = new AdultWorkClient(options);
  const opts = (signal) => (viaClient ? (signal ? { signal } : undefined) : signal ? { ...options, signal } : options);
  const cancel = viaClient ? (r, o) => client.cancelMadeBooking(r, o) : cancelMadeBooking;
  const details = viaClient ? (r, o) => client.getMadeBookingDetails(r, o) : getMadeBookingDetails;
  const remove = viaClient ? (r, o) => client.deleteMadeBookings(r, o) : deleteMadeBookings;
  return {
    cancel: (signal) =>
      cancel({ BookingID: 1, Reason: "Something came up" }, opts(signal)).then((b) => b.BookingID === 1 && b.Status === "Cancelled"),
    details: (signal) => details({ BookingID: 1 }, opts(signal)).then((b) => b.BookingID === 1),
    deleteMadeBookings: (signal) =>
      remove({ BookingIDs: [1] }, opts(signal)).then((r) => r.length === 1 && r[0].BookingID === 1 && r[0].Deleted === true),
    request: (signal) =>
      client
        .request({ method: "GET", path: "/v1/PhoneChat/MadeBookingDetails", query: { BookingID: 1 }, signal })
        .then((b) => b.BookingID === 1),
  };
}
