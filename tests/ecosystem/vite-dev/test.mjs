// (a) Vite's dev server (createServer), in headless Chromium, twice:
//
// 1. As is. Vite pre-bundles the package into node_modules/.vite/deps/ and (Vite 8) rewrites
//    the package's `new URL("./adultwork_sdk_bg.wasm", import.meta.url)` to point back at
//    node_modules/adultwork-sdk/, so the .wasm loads from there directly.
// 2. With that rewrite switched off (a one-line optimizer plugin adds `/* @vite-ignore */`),
//    which is what Vite's optimizer did before it learnt the rewrite (vitejs/vite#8427): the
//    URL then points into .vite/deps/, where there is no .wasm, and the loader's fallback in
//    pkg-template/index.js must find it in the package's own folder.
//
// Nothing SDK-specific is configured (no optimizeDeps.exclude); `server.fs.allow` only lets the
// page import ../shared/.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createServer } from "vite";
import { ECOSYSTEM, checkFacts, describeWasm, emulator, note, pageUrl, runInChromium } from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));

/** Makes the optimizer keep `new URL(…, import.meta.url)` in the SDK as written. */
const keepUrlsAsWritten = {
  name: "keep-adultwork-sdk-urls-as-written",
  transform(code, id) {
    if (!/[\\/]node_modules[\\/]adultwork-sdk[\\/]/.test(id)) return null;
    return code.replaceAll("new URL(", "new URL(/* @vite-ignore */ ");
  },
};

/** Runs the scenario on a fresh dev server; returns the .wasm responses the page saw. */
async function devServer(label, plugins) {
  const server = await createServer({
    root: here,
    configFile: false,
    logLevel: "warn",
    clearScreen: false,
    server: { host: "127.0.0.1", port: 0, fs: { allow: [ECOSYSTEM] } },
    // force: pre-bundle again, as on a first start (the two runs differ in the optimizer).
    optimizeDeps: { force: true, rolldownOptions: { plugins } },
  });
  try {
    await server.listen();
    const base = server.resolvedUrls?.local[0]?.replace(/\/$/, "");
    assert.ok(base, "Vite printed no local URL");
    const api = await emulator();
    const { facts, responses } = await runInChromium(pageUrl(base, "/", api));
    checkFacts(facts, api);
    const entry = responses.find((r) => /\/node_modules\/\.vite\/deps\/adultwork-sdk\.js/.test(r.url));
    assert.ok(entry, "the SDK was served pre-bundled from node_modules/.vite/deps/");
    // The .wasm URL as the pre-bundled copy has it.
    const deps = readFileSync(join(here, "node_modules/.vite/deps/adultwork-sdk.js"), "utf8");
    const literal = ['"../../adultwork-sdk/adultwork_sdk_bg.wasm"', '"./adultwork_sdk_bg.wasm"'].find((l) => deps.includes(l));
    note(`${label}: SDK from ${entry.url.replace(base, "")}, its URL literal ${literal}`);
    note(`  wasm: ${describeWasm(responses, base)}`);
    return { responses, literal };
  } finally {
    await server.close();
  }
}

/** The paths of every .wasm request, whatever its answer. */
const wasmFrom = (responses) => responses.filter((r) => /\.wasm(\?|$)/.test(r.url)).map((r) => new URL(r.url).pathname);

const PACKAGE_WASM = ["/node_modules/adultwork-sdk/adultwork_sdk_bg.wasm"];
const current = await devServer("as is", []);
assert.equal(current.literal, '"../../adultwork-sdk/adultwork_sdk_bg.wasm"', "Vite rewrote the URL");
assert.deepEqual(wasmFrom(current.responses), PACKAGE_WASM, "one request, to the package's folder");
const older = await devServer("URL left pointing into .vite/deps", [keepUrlsAsWritten]);
assert.equal(older.literal, '"./adultwork_sdk_bg.wasm"', "the URL was left as written");
assert.deepEqual(wasmFrom(older.responses), PACKAGE_WASM, "one request, to the package's folder");
