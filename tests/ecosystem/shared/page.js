// Browser side of the ecosystem apps: reads the emulator URL from `?api=`, runs the scenario
// (`?case=load-failure` where the .wasm cannot load: esbuild without it, a CSP refusal) and
// puts the outcome in <pre id="result" data-state="done|failed"> as JSON for the driver to read.
import { loadFailureScenario, scenario } from "./scenario.js";

/** @param {Record<string, any>} sdk the package's exports, as the app imported them */
export async function runPage(sdk) {
  const params = new URLSearchParams(location.search);
  const api = params.get("api") ?? "";
  const out = document.getElementById("result");
  try {
    const run = params.get("case") === "load-failure" ? loadFailureScenario : scenario;
    out.textContent = JSON.stringify(await run(sdk, api), null, 2);
    out.dataset.state = "done";
  } catch (e) {
    out.textContent = JSON.stringify({ failed: { name: e?.name, kind: e?.kind, message: String(e?.message ?? e), stack: e?.stack } });
    out.dataset.state = "failed";
  }
}
