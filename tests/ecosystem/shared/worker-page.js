// Page side of the worker apps (tests/ecosystem/worker, vite-worker): the module worker
// imports the SDK and says "ready"; the page answers with the emulator URL from `?api=` (and
// `?case=`), the worker runs the scenario and posts the facts back, and the page puts them in
// <pre id="result" data-state="done|failed"> for the driver. Uncaught errors of the page and
// the worker go to `window.__uncaught`, which the Firefox driver reads (the page imports
// nothing else, so this module runs before anything could fail).
window.__uncaught ??= [];
addEventListener("error", (e) => window.__uncaught.push(`error: ${e.message} (${e.filename}:${e.lineno})`));
addEventListener("unhandledrejection", (e) => window.__uncaught.push(`unhandled rejection: ${e.reason?.stack ?? e.reason}`));

/** @param {Worker} worker a module worker that runs shared/worker-side.js's `serveScenario` */
export function runWorker(worker) {
  const params = new URLSearchParams(location.search);
  const out = /** @type {HTMLElement} */ (document.getElementById("result"));
  const finish = (state, value) => {
    out.textContent = JSON.stringify(value, null, 2);
    out.dataset.state = state;
  };
  worker.addEventListener("error", (e) => {
    window.__uncaught.push(`worker error: ${e.message} (${e.filename}:${e.lineno})`);
    finish("failed", { failed: `worker error: ${e.message}` });
  });
  worker.addEventListener("message", ({ data }) => {
    if (data === "ready") worker.postMessage({ api: params.get("api") ?? "", case: params.get("case") });
    else if (data.uncaught) window.__uncaught.push(`in the worker: ${data.uncaught}`);
    else if (data.facts) finish("done", data.facts);
    else finish("failed", data);
  });
}
