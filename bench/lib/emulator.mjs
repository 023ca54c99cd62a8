// The local API emulator's control API (tests/emulator/src/control.rs), from Node.

async function control(base, method, path, body) {
  const response = await fetch(`${base}/__emulator${path}`, {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
  return response.status === 204 ? undefined : response.json();
}

/** Reseeds the emulator (bookings 1001… back, log and faults cleared). */
export const reset = (base) => control(base, "POST", "/reset");

/**
 * Plants `ids.length` cancellable bookings: copies of seeded booking 1001 (Pending, session in
 * two days) with the new IDs. Returns the wall time in ms.
 */
export async function plant(base, ids, concurrency = 16) {
  const template = await control(base, "GET", "/bookings/1001");
  const t0 = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      await control(base, "PUT", `/bookings/${id}`, { ...template, BookingID: id });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return performance.now() - t0;
}

/** What reached the server since the last reset: requests per method, for the API paths. */
export async function requestCounts(base) {
  const log = await control(base, "GET", "/requests");
  const counts = {};
  for (const entry of log) counts[entry.method] = (counts[entry.method] ?? 0) + 1;
  return counts;
}

/** The stored state of a booking. */
export const booking = (base, id) => control(base, "GET", `/bookings/${id}`);
