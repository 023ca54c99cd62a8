// (i) A module Web Worker on a plain page (no build step), in headless Chromium and Firefox:
// the page starts `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })`;
// the worker imports the SDK (top-level await and fetch of the .wasm happen in the worker),
// runs the scenario and posts the facts back. The page itself never imports the SDK.
import assert from "node:assert/strict";
import {
  ECOSYSTEM,
  checkFacts,
  describeWasm,
  emulator,
  note,
  pageUrl,
  runInChromium,
  runInFirefox,
  serveStatic,
  withFirefox,
} from "../harness.mjs";

const server = await serveStatic(ECOSYSTEM);
try {
  let api = await emulator();
  const { facts, responses } = await runInChromium(pageUrl(server.url, "/worker/", api));
  checkFacts(facts, api);
  assert.equal(facts.global, "[object DedicatedWorkerGlobalScope]", "the scenario ran in the worker");
  note(`Chromium: scenario passed in a module worker; wasm: ${describeWasm(responses, server.url)}`);

  await withFirefox(async (firefox) => {
    api = await emulator();
    const facts = await runInFirefox(firefox, pageUrl(server.url, "/worker/", api));
    checkFacts(facts, api);
    assert.equal(facts.global, "[object DedicatedWorkerGlobalScope]", "the scenario ran in the worker");
    note(`Firefox ${firefox.version}: scenario passed in a module worker`);
  });
} finally {
  await server.close();
}
