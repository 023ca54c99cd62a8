// (j) A Vite app whose page starts a module worker the way Vite documents it,
// `new Worker(new URL("./worker.ts", import.meta.url), { type: "module" })`, and whose worker
// imports the SDK by name and posts the scenario's facts back. In headless Chromium and Firefox:
//
// 1. `vite build` with no config fails: Vite bundles workers as IIFE scripts by default
//    (`worker.format: "iife"`), which cannot hold the SDK's top-level await. The error names
//    the fix; this check keeps the README's instruction honest.
// 2. `vite build` with `worker: { format: "es" }` (the one line the README asks for): no
//    warnings, the worker and the .wasm are emitted, and the scenario passes in both browsers.
// 3. Vite's dev server, no config: workers are served as ES modules; the scenario passes.
//
// First, `tsc --strict` on the page (DOM lib) and the worker (WebWorker lib, no DOM) against the
// installed package's types.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";
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
  typecheck,
  viteBuild,
  withFirefox,
} from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
const IN_WORKER = "[object DedicatedWorkerGlobalScope]";

for (const config of ["tsconfig.json", "tsconfig.worker.json"]) await typecheck(join(here, config));
note("tsc --strict: main.ts (DOM) and worker.ts (WebWorker) type-check");

// 1. The default worker format cannot hold a top-level await.
const failure = await viteBuild(here).then(
  () => null,
  (e) => e,
);
assert.ok(failure, "vite build with the default worker.format must fail on the SDK's top-level await");
assert.match(String(failure.message), /"iife" does not support top-level await/);
assert.match(String(failure.message), /Use the "es" output format instead/);
note('vite build, no config: fails as documented ("iife" does not support top-level await)');

// 2. With worker.format "es".
assert.deepEqual(await viteBuild(here, { worker: { format: "es" } }), [], "vite build warnings");
const assets = readdirSync(join(dist, "assets")).sort();
assert.ok(assets.some((f) => /^worker-[\w-]+\.js$/.test(f)), `Vite emitted the worker: ${assets}`);
assert.ok(assets.some((f) => /^adultwork_sdk_bg-[\w-]+\.wasm$/.test(f)), `Vite emitted the .wasm: ${assets}`);
note(`vite build, worker: { format: "es" }: emitted ${assets.join(", ")}`);

const server = await serveStatic(dist);
const dev = await createServer({
  root: here,
  configFile: false,
  logLevel: "warn",
  clearScreen: false,
  server: { host: "127.0.0.1", port: 0, fs: { allow: [ECOSYSTEM] } },
  optimizeDeps: { force: true },
});
try {
  await dev.listen();
  const devUrl = dev.resolvedUrls?.local[0]?.replace(/\/$/, "");
  assert.ok(devUrl, "Vite printed no local URL");
  const pages = [
    { name: "build", base: server.url },
    { name: "dev server", base: devUrl },
  ];
  for (const { name, base } of pages) {
    const api = await emulator();
    const { facts, responses } = await runInChromium(pageUrl(base, "/", api));
    checkFacts(facts, api);
    assert.equal(facts.global, IN_WORKER, "the scenario ran in the worker");
    note(`Chromium, ${name}: scenario passed in the worker; wasm: ${describeWasm(responses, base)}`);
  }
  await withFirefox(async (firefox) => {
    for (const { name, base } of pages) {
      const api = await emulator();
      const facts = await runInFirefox(firefox, pageUrl(base, "/", api));
      checkFacts(facts, api);
      assert.equal(facts.global, IN_WORKER, "the scenario ran in the worker");
      note(`Firefox ${firefox.version}, ${name}: scenario passed in the worker`);
    }
  });
} finally {
  await server.close();
  await dev.close();
}
