// Worker side of the worker apps: runs in a module worker that imported the SDK. Says "ready",
// then runs the scenario for the page's first message and posts the facts back (plain JSON:
// `instanceof` and `typeof` are recorded here, where the objects live). Uncaught errors and
// unhandled rejections in the worker are posted to the page too.
import { loadFailureScenario, scenario } from "./scenario.js";

/** @param {Record<string, any>} sdk the package's exports, as the worker imported them */
export function serveScenario(sdk) {
  addEventListener("error", (e) => postMessage({ uncaught: `error: ${e.message}` }));
  addEventListener("unhandledrejection", (e) => postMessage({ uncaught: `unhandled rejection: ${e.reason?.stack ?? e.reason}` }));
  addEventListener(
    "message",
    async ({ data }) => {
      const run = data.case === "load-failure" ? loadFailureScenario : scenario;
      try {
        const facts = await run(sdk, data.api);
        facts.global = Object.prototype.toString.call(globalThis); // where it ran
        postMessage({ facts });
      } catch (e) {
        postMessage({ failed: { name: e?.name, kind: e?.kind, message: String(e?.message ?? e) } });
      }
    },
    { once: true },
  );
  postMessage("ready");
}
