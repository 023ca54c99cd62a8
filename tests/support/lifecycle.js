// Helpers for tests/browser_lifecycle.rs: request values with JavaScript Dates, and a fetch
// that answers creates without a network while recording what it was sent.

/** `new Date(iso)` (`new Date(NaN)` for "invalid"). */
export function date(iso) {
  return iso === "invalid" ? new Date(NaN) : new Date(iso);
}

/** A Date `days` days from now, on a whole minute. */
export function inDays(days) {
  const ms = Date.now() + days * 86_400_000;
  return new Date(ms - (ms % 60_000));
}

/** `{ ...object, [key]: value }`, or without `key` when `value` is undefined. */
export function set(object, key, value) {
  const copy = { ...object };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

/**
 * A fetch that records the body of every request and answers a create with `booking` (a
 * MadeBooking object) whose Candidate.UserID is the requested BookUserID. `bodies(f)` lists
 * what it was sent.
 */
export function creatingFetch(booking) {
  const bodies = [];
  const f = async (request) => {
    const text = await request.text();
    bodies.push(text);
    const asked = JSON.parse(text);
    const answer = { ...booking, Candidate: { ...booking.Candidate, UserID: asked.BookUserID } };
    return new Response(JSON.stringify(answer), { status: 200, headers: { "Content-Type": "application/json" } });
  };
  f.bodies = bodies;
  return f;
}

/** The bodies a creatingFetch was sent. */
export function bodies(f) {
  return f.bodies;
}
