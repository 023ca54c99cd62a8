// (c) webpack 5 through its Node API: mode production, target web. The package's
// `new URL("./adultwork_sdk_bg.wasm", import.meta.url)` becomes an emitted asset and its
// top-level await an async module; nothing SDK-specific is configured.
import assert from "node:assert/strict";
import { copyFileSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import webpack from "webpack";
import { checkFacts, describeWasm, emulator, note, pageUrl, runInChromium, serveStatic } from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });

const stats = await new Promise((done, fail) =>
  webpack(
    {
      context: here,
      mode: "production",
      target: "web",
      entry: "./main.js",
      output: { path: dist, filename: "main.js" },
    },
    (error, result) => (error ? fail(error) : done(result)),
  ),
);
const info = stats.toJson({ all: false, errors: true, warnings: true, assets: true });
assert.deepEqual(info.errors, [], "webpack errors");
assert.deepEqual(info.warnings, [], "webpack warnings");
const files = readdirSync(dist).sort();
assert.ok(files.some((f) => f.endsWith(".wasm")), `webpack emitted the .wasm: ${files}`);
const bundle = readFileSync(join(dist, "main.js"), "utf8");
// webpack replaces a bare `import.meta.url` with the module's file:// path on the build machine.
const leak = /file:\/\/[^"'`]*/.exec(bundle);
assert.equal(leak, null, `the bundle contains a build-machine path: ${leak?.[0]}`);
copyFileSync(join(here, "index.html"), join(dist, "index.html"));
note(`emitted: ${info.assets.map((a) => `${a.name} (${a.size} B)`).join(", ")}`);

const server = await serveStatic(dist);
try {
  const api = await emulator();
  const { facts, responses } = await runInChromium(pageUrl(server.url, "/", api));
  checkFacts(facts, api);
  note(`wasm: ${describeWasm(responses, server.url)}`);
} finally {
  await server.close();
}
