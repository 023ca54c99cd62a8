// Baseline (b): fetch + JSON.parse + a valibot schema.
import * as v from "valibot";
import { CancelMadeBookingRequest, MadeBooking } from "../baselines/valibot-schema.js";
import { post, sameBooking } from "./post.js";

export function parse(text) {
  return v.parse(MadeBooking, JSON.parse(text));
}

/** Every problem, without throwing (safeParse). */
export function check(text) {
  let data;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, issues: [{ path: [], message: String(e) }] };
  }
  const result = v.safeParse(MadeBooking, data);
  return result.success ? { ok: true, value: result.output } : { ok: false, issues: result.issues };
}

export async function cancel(request, options) {
  const body = v.parse(CancelMadeBookingRequest, request);
  return sameBooking(v.parse(MadeBooking, await post(body, options)), body.BookingID);
}
