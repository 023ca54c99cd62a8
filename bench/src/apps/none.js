// The "no API client" app: the same POST with bare fetch + JSON.parse and no validation at
// all. Its bundle is the base the other apps' "extra" sizes are measured against, and its
// timings are the floor (what fetch and JSON.parse cost without any checking).
import { post } from "./post.js";

export function parse(text) {
  return JSON.parse(text);
}

export function check(text) {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, issues: [{ path: [], message: String(e) }] };
  }
}

export function cancel(request, options) {
  return post({ BookingID: request.BookingID, Reason: request.Reason }, options);
}
