// Timing loops shared by the browser page and Node. Each runs for a fixed time and returns
// the rate; callers warm up first and repeat. `sink` keeps the work observable so no engine
// can drop it.

const now = () => performance.now();

/**
 * Calls `fn(arg)` in batches until `ms` have passed.
 * @param {(arg: any) => number} fn
 * @returns {{ ops: number, ms: number, opsPerSec: number, sink: number }}
 */
export function runSync(fn, arg, ms, batch = 32) {
  let ops = 0;
  let sink = 0;
  const start = now();
  const end = start + ms;
  let t;
  do {
    for (let i = 0; i < batch; i++) sink = (sink + fn(arg)) | 0;
    ops += batch;
    t = now();
  } while (t < end);
  return { ops, ms: t - start, opsPerSec: (ops * 1000) / (t - start), sink };
}

/**
 * Awaits `fn()` one call after another until `ms` have passed.
 * @param {() => Promise<number>} fn
 * @returns {Promise<{ ops: number, ms: number, usPerOp: number, sink: number }>}
 */
export async function runAsync(fn, ms, batch = 8) {
  let ops = 0;
  let sink = 0;
  const start = now();
  const end = start + ms;
  let t;
  do {
    for (let i = 0; i < batch; i++) sink = (sink + (await fn())) | 0;
    ops += batch;
    t = now();
  } while (t < end);
  return { ops, ms: t - start, usPerOp: ((t - start) * 1000) / ops, sink };
}

/** The candidates in a different order each repetition, so none always runs first or last. */
export function rotation(candidates, rep) {
  const k = rep % candidates.length;
  return [...candidates.slice(k), ...candidates.slice(0, k)];
}
