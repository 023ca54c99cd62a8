// (d) esbuild: bundle, format esm, platform browser, minify. esbuild does not copy files
// referenced with `new URL("./x.wasm", import.meta.url)`, so:
//   dist/with-wasm/     the README's instruction followed: adultwork_sdk_bg.wasm copied from
//                       node_modules/adultwork-sdk/ next to the bundle → the scenario passes;
//   dist/without-wasm/  not copied → the import still succeeds and every call throws an
//                       AdultWorkError whose message says what to do.
import assert from "node:assert/strict";
import { copyFileSync, readdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import {
  allow404,
  checkFacts,
  checkMissingWasm,
  describeWasm,
  emulator,
  note,
  pageUrl,
  runInChromium,
  serveStatic,
} from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist");
rmSync(dist, { recursive: true, force: true });

for (const variant of ["with-wasm", "without-wasm"]) {
  const outdir = join(dist, variant);
  const result = await build({
    absWorkingDir: here,
    entryPoints: ["main.js"],
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    outdir,
    logLevel: "silent",
  });
  assert.deepEqual(result.warnings, [], "esbuild warnings");
  assert.deepEqual(readdirSync(outdir), ["main.js"], "esbuild emits the bundle only (no .wasm)");
  copyFileSync(join(here, "index.html"), join(outdir, "index.html"));
}
// What the README tells esbuild users to do.
copyFileSync(
  join(here, "node_modules/adultwork-sdk/adultwork_sdk_bg.wasm"),
  join(dist, "with-wasm/adultwork_sdk_bg.wasm"),
);

const server = await serveStatic(dist);
try {
  let api = await emulator();
  const ok = await runInChromium(pageUrl(server.url, "/with-wasm/", api));
  checkFacts(ok.facts, api);
  note(`with the .wasm copied: scenario passed; wasm: ${describeWasm(ok.responses, server.url)}`);

  api = await emulator();
  const missing = await runInChromium(pageUrl(server.url, "/without-wasm/", api, { case: "missing-wasm" }), {
    allow: [allow404(/\/without-wasm\/adultwork_sdk_bg\.wasm$/)],
  });
  checkMissingWasm(missing.facts);
  note(`without it: import ok, calls throw AdultWorkError ${missing.facts.call.kind}: "${missing.facts.call.message}"`);
  note(`  (cause: ${missing.facts.call.cause}); wasm: ${describeWasm(missing.responses, server.url)}`);
} finally {
  await server.close();
}
