// The same app with the SDK: what an app imports and calls, nothing more.
import { AdultWorkClient, cancelMadeBooking, isAdultWorkError, parseMadeBooking } from "adultwork-sdk";

export function parse(text) {
  return parseMadeBooking(text);
}

/** Every problem (the SDK throws an AdultWorkError listing them all). */
export function check(text) {
  try {
    return { ok: true, value: parseMadeBooking(text) };
  } catch (e) {
    if (isAdultWorkError(e) && e.kind === "InvalidResponse") return { ok: false, issues: e.issues ?? [] };
    throw e;
  }
}

export function cancel(request, options) {
  return cancelMadeBooking(request, options);
}

/** One client for many calls: `(request, options?) => Promise<MadeBooking>`. */
export function createClient(options) {
  const client = new AdultWorkClient(options);
  return (request, callOptions) => client.cancelMadeBooking(request, callOptions);
}
