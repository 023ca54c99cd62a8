// Baseline (a): fetch + JSON.parse + a zod 4 schema.
import { CancelMadeBookingRequest, MadeBooking } from "../baselines/zod-schema.js";
import { post, sameBooking } from "./post.js";

export function parse(text) {
  return MadeBooking.parse(JSON.parse(text));
}

/** Every problem, without throwing (safeParse). */
export function check(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: [], message: String(e) }] };
  }
  const result = MadeBooking.safeParse(data);
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: result.error.issues };
}

export async function cancel(request, options) {
  const body = CancelMadeBookingRequest.parse(request);
  return sameBooking(MadeBooking.parse(await post(body, options)), body.BookingID);
}
