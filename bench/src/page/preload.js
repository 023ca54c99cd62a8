// Installed before any app module is imported (a classic script in the page's <head>):
//
// 1. The fetch stub. `globalThis.fetch` answers requests to the AdultWork sandbox base URL
//    with `new Response(sample, { status: 200, headers: { "Content-Type": "application/json" } })`
//    where `sample` is `__bench.samples[__bench.answer]` ("valid" unless the harness switches
//    it), or `__bench.samples["delete-" + __bench.answer]` for `DeleteMadeBookings` (the memory
//    figure's mixed calls). A request whose signal is already aborted rejects, as fetch does.
//    Every other URL (the app bundles, the .wasm, the emulator) goes to the real fetch.
// 2. WebAssembly instance capture: `WebAssembly.instantiate(Streaming)` and
//    `new WebAssembly.Instance` are wrapped to remember every instance, so the harness can read
//    the SDK's `memory.buffer.byteLength` without any change to the package; compile and
//    instantiate calls are timed for the cold-start breakdown.
(() => {
  const API = "https://api-sandbox.adultwork.com/";
  const realFetch = globalThis.fetch;
  const state = (globalThis.__bench = {
    samples: globalThis.__BENCH_SAMPLES__,
    answer: "valid",
    stubbed: 0,
    instances: [],
  });

  globalThis.fetch = function fetch(input, init) {
    const url = typeof input === "string" ? input : input instanceof Request ? input.url : String(input);
    if (!url.startsWith(API)) return realFetch(input, init);
    state.stubbed++;
    const signal = init?.signal ?? (input instanceof Request ? input.signal : undefined);
    if (signal?.aborted) {
      return Promise.reject(signal.reason ?? new DOMException("The operation was aborted.", "AbortError"));
    }
    const sample = url.includes("/DeleteMadeBookings") ? `delete-${state.answer}` : state.answer;
    return Promise.resolve(
      new Response(state.samples[sample], { status: 200, headers: { "Content-Type": "application/json" } }),
    );
  };

  // Remember every instance, and when each compile/instantiate started and finished (for the
  // cold-start breakdown). The wrappers add one `.then` per call, nothing per SDK call.
  state.wasmTimings = [];
  const record = (instance) => {
    if (instance instanceof WebAssembly.Instance) state.instances.push(instance);
    return instance;
  };
  const timed = (what, promise) => {
    const entry = { what, start: performance.now(), end: NaN };
    state.wasmTimings.push(entry);
    return promise.then((result) => {
      entry.end = performance.now();
      return result;
    });
  };
  for (const name of ["compile", "compileStreaming"]) {
    const original = WebAssembly[name];
    if (original) WebAssembly[name] = (...args) => timed(name, original.apply(WebAssembly, args));
  }
  const instantiate = WebAssembly.instantiate;
  WebAssembly.instantiate = (...args) =>
    timed("instantiate", instantiate.apply(WebAssembly, args)).then((result) => {
      record(result instanceof WebAssembly.Instance ? result : result.instance);
      return result;
    });
  const instantiateStreaming = WebAssembly.instantiateStreaming;
  if (instantiateStreaming) {
    WebAssembly.instantiateStreaming = (...args) =>
      timed("instantiateStreaming", instantiateStreaming.apply(WebAssembly, args)).then((result) => {
        record(result.instance);
        return result;
      });
  }
  WebAssembly.Instance = new Proxy(WebAssembly.Instance, {
    construct(target, args, newTarget) {
      return record(Reflect.construct(target, args, newTarget));
    },
  });
})();
