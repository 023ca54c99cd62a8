// (b) Vite production build (the `build` API, default targets), served statically. Vite copies
// the .wasm into dist/assets/ and rewrites the package's `new URL(…, import.meta.url)`; the
// top-level await stays (Vite's default browser targets support it). Nothing SDK-specific is
// configured.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkFacts, describeWasm, emulator, note, pageUrl, runInChromium, serveStatic, viteBuild } from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
assert.deepEqual(await viteBuild(here), [], "vite build warnings");
const assets = readdirSync(join(dist, "assets")).sort();
assert.ok(assets.some((f) => /^adultwork_sdk_bg-[\w-]+\.wasm$/.test(f)), `Vite emitted the .wasm: ${assets}`);
const leak = /file:\/\/[^"'`]*/.exec(readFileSync(join(dist, "assets", assets.find((f) => f.endsWith(".js"))), "utf8"));
assert.equal(leak, null, `the bundle contains a build-machine path: ${leak?.[0]}`);
note(`emitted: ${assets.join(", ")}`);

const server = await serveStatic(dist);
try {
  const api = await emulator();
  const { facts, responses } = await runInChromium(pageUrl(server.url, "/", api));
  checkFacts(facts, api);
  note(`wasm: ${describeWasm(responses, server.url)}`);
} finally {
  await server.close();
}
