// A fetch stub for tests/browser_memory.rs: answers from inside the page (no network), so
// thousands of calls of every outcome run in seconds. The outcome is chosen by BookingID.
const json = { "Content-Type": "application/json" };
let retried = new Set();

/**
 * Replaces globalThis.fetch (the SDK calls it with one `Request`). BookingID % 8 picks the
 * answer:
 * 0 valid booking, 1 invalid booking (wrong types), 2 409 with a JSON message,
 * 3 network error, 4 hangs until aborted (used with a tiny timeoutMs), 5 503 then 200,
 * 6 HTML 500 page, 7 valid booking (via a token function).
 */
export function installStub(sampleText) {
  const sample = JSON.parse(sampleText);
  globalThis.fetch = async (request) => {
    const id = JSON.parse(await request.text()).BookingID;
    const booking = () => JSON.stringify({ ...sample, BookingID: id, Extra: { nested: [1, 2, 3] } });
    switch (id % 8) {
      case 0:
      case 7:
        return Promise.resolve(new Response(booking(), { status: 200, headers: json }));
      case 1:
        return Promise.resolve(
          new Response(JSON.stringify({ ...sample, BookingID: id, Status: "Nope", Credits: -1, Candidate: { UserID: "x" } }), {
            status: 200,
            headers: json,
          }),
        );
      case 2:
        return Promise.resolve(
          new Response('{"Message":"The booking is already cancelled."}', { status: 409, headers: json }),
        );
      case 3:
        return Promise.reject(new TypeError("Failed to fetch"));
      case 4:
        return new Promise((_, reject) => {
          // Under load the time limit may already have passed while the body was read.
          if (request.signal.aborted) return reject(request.signal.reason);
          request.signal.addEventListener("abort", () => reject(request.signal.reason), { once: true });
        });
      case 5:
        if (!retried.has(id)) {
          retried.add(id);
          return Promise.resolve(new Response("busy", { status: 503, headers: { "Retry-After": "0" } }));
        }
        retried.delete(id);
        return Promise.resolve(new Response(booking(), { status: 200, headers: json }));
      default:
        return Promise.resolve(
          new Response("<html><title>Internal Server Error</title><body>oops</body></html>", {
            status: 500,
            headers: { "Content-Type": "text/html" },
          }),
        );
    }
  };
}

/** Bytes of Wasm linear memory of the module under test. */
export function memoryBytes(memory) {
  return memory.buffer.byteLength;
}

/** An async token function. */
export function tokenFunction() {
  return async () => "stub-token";
}

/** `{ ...object, [key]: value }` */
export function withValue(object, key, value) {
  return { ...object, [key]: value };
}
