// (d) esbuild: bundle, format esm, platform browser, minify. esbuild does not copy files
// referenced with `new URL("./x.wasm", import.meta.url)`, so the .wasm must get next to the
// bundle some other way:
//   dist/entry/        the README's recipe, no plugin and no copy step: the .wasm is a second
//                      entry point with the copy loader,
//                        entryPoints: ["main.js", { in: "adultwork-sdk/adultwork_sdk_bg.wasm", out: "adultwork_sdk_bg" }],
//                        loader: { ".wasm": "copy" }
//                      (CLI: esbuild main.js adultwork_sdk_bg=adultwork-sdk/adultwork_sdk_bg.wasm
//                      --loader:.wasm=copy ...) → esbuild emits it next to main.js;
//   dist/entry-lazy/   the same recipe with `await import("adultwork-sdk")` and code splitting:
//                      the SDK lands in a chunk, the .wasm next to it;
//   dist/with-wasm/    no recipe, the file copied from node_modules/adultwork-sdk/ by hand;
//   dist/without-wasm/ neither → the import still succeeds and every call throws an
//                      AdultWorkError whose message says what to do.
// And `format: "iife"` (a classic script) is refused at build time: the entry's top-level
// await needs ES module output.
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

/** The recipe's extra entry point and loader. */
const WASM_ENTRY = { in: "adultwork-sdk/adultwork_sdk_bg.wasm", out: "adultwork_sdk_bg" };
const VARIANTS = {
  entry: { entryPoints: ["main.js", WASM_ENTRY], loader: { ".wasm": "copy" } },
  "entry-lazy": {
    entryPoints: [{ in: "lazy.js", out: "main" }, WASM_ENTRY],
    loader: { ".wasm": "copy" },
    splitting: true,
  },
  "with-wasm": { entryPoints: ["main.js"] },
  "without-wasm": { entryPoints: ["main.js"] },
};

/** @type {Record<string, string[]>} */
const emitted = {};
for (const [variant, options] of Object.entries(VARIANTS)) {
  const outdir = join(dist, variant);
  const result = await build({
    absWorkingDir: here,
    bundle: true,
    format: "esm",
    platform: "browser",
    minify: true,
    outdir,
    logLevel: "silent",
    ...options,
  });
  assert.deepEqual(result.warnings, [], `esbuild warnings (${variant})`);
  emitted[variant] = readdirSync(outdir).sort();
  copyFileSync(join(here, "index.html"), join(outdir, "index.html"));
}
assert.deepEqual(emitted.entry, ["adultwork_sdk_bg.wasm", "main.js"], "the recipe emits the .wasm next to main.js");
assert.ok(emitted["entry-lazy"].includes("adultwork_sdk_bg.wasm"), `entry-lazy: ${emitted["entry-lazy"]}`);
assert.ok(emitted["entry-lazy"].some((f) => /^chunk-\w+\.js$/.test(f)), `a chunk: ${emitted["entry-lazy"]}`);
assert.deepEqual(emitted["without-wasm"], ["main.js"], "esbuild alone emits the bundle only (no .wasm)");
note(`recipe: emitted ${emitted.entry.join(", ")}; with import() and splitting: ${emitted["entry-lazy"].join(", ")}`);
// The README's other way: copy the file by hand.
copyFileSync(
  join(here, "node_modules/adultwork-sdk/adultwork_sdk_bg.wasm"),
  join(dist, "with-wasm/adultwork_sdk_bg.wasm"),
);

const iife = await build({
  absWorkingDir: here,
  entryPoints: ["main.js"],
  bundle: true,
  format: "iife",
  write: false,
  logLevel: "silent",
}).then(
  () => null,
  (e) => e,
);
assert.ok(iife, "an IIFE bundle must fail to build");
assert.match(iife.errors?.[0]?.text ?? "", /Top-level await is currently not supported with the "iife" output format/);
note(`format iife: refused at build time ("${iife.errors[0].text}")`);

const server = await serveStatic(dist);
try {
  for (const variant of ["entry", "entry-lazy", "with-wasm"]) {
    const api = await emulator();
    const ok = await runInChromium(pageUrl(server.url, `/${variant}/`, api));
    checkFacts(ok.facts, api);
    note(`${variant}: scenario passed; wasm: ${describeWasm(ok.responses, server.url)}`);
  }

  const api = await emulator();
  const missing = await runInChromium(pageUrl(server.url, "/without-wasm/", api, { case: "load-failure" }), {
    allow: [allow404(/\/without-wasm\/adultwork_sdk_bg\.wasm$/)],
  });
  checkMissingWasm(missing.facts);
  note(`without it: import ok, calls reject with AdultWorkError ${missing.facts.call.rejected.kind}: "${missing.facts.call.rejected.message}"`);
  note(`  (cause: ${missing.facts.call.rejected.cause}); wasm: ${describeWasm(missing.responses, server.url)}`);
} finally {
  await server.close();
}
