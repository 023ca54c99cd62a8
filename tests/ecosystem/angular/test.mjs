// (n) Angular 21 (the application builder: esbuild; its dev server: Vite with pre-bundling), a
// standalone zoneless app that imports adultwork-sdk statically (src/main.ts). Angular's build
// does not copy files referenced with `new URL(…, import.meta.url)`, so the app needs the
// README's one setting: an `assets` entry in angular.json that copies adultwork_sdk_bg.wasm to
// the app's base (committed in angular.json). This driver
//
// 1. builds without that entry (`ng build --configuration without-wasm-asset`): the build
//    succeeds, emits no .wasm, and in headless Chromium every call fails with a message that
//    names Angular's setting, exactly the entry angular.json has (and the README shows), and
//    not esbuild's recipe;
// 2. builds with it (`ng build`): the .wasm is emitted, and the scenario passes in Chromium
//    (the calls reach the emulator);
// 3. serves it with `ng serve` (pre-bundling on, as by default): the SDK is served from
//    Angular's pre-bundle cache (.angular/cache/…/vite/deps/), the loader takes the .wasm from
//    the app's base URL, and the scenario passes.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  ROOT,
  allow404,
  checkFacts,
  checkLoadFailure,
  describeWasm,
  emulator,
  note,
  pageUrl,
  runInChromium,
  serveStatic,
} from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "dist", "browser");
const NG = join(ROOT, "node_modules/@angular/cli/bin/ng.js");
const env = { ...process.env, NG_CLI_ANALYTICS: "false", CI: "true", NO_COLOR: "1" };
const version = JSON.parse(readFileSync(join(ROOT, "node_modules/@angular/core/package.json"), "utf8")).version;
const asset = JSON.parse(readFileSync(join(here, "angular.json"), "utf8")).projects.app.architect.build.options.assets[0];
note(`Angular ${version}; angular.json assets: ${JSON.stringify(asset)}`);

/** `ng build` with `args`; returns its output, failing on an error or a warning. */
async function ngBuild(...args) {
  rmSync(join(here, "dist"), { recursive: true, force: true });
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [NG, "build", ...args], { cwd: here, env }).catch(
    (e) => assert.fail(`ng build ${args.join(" ")} failed:\n${e.stdout}${e.stderr}`),
  );
  const output = stdout + stderr;
  assert.doesNotMatch(output, /WARNING|▲ \[WARNING\]|\[ERROR\]/, `ng build ${args.join(" ")} warned:\n${output}`);
  return output;
}

/** The assets entry as the message writes it; the README must show the same text (checked last). */
let entryText = "";

// 1. Without the assets entry.
await ngBuild("--configuration", "without-wasm-asset");
assert.ok(!readdirSync(dist).some((f) => f.endsWith(".wasm")), "no .wasm without the assets entry");
let server = await serveStatic(dist);
try {
  const api = await emulator();
  const { facts } = await runInChromium(pageUrl(server.url, "/", api, { case: "load-failure" }), {
    allow: [allow404(/adultwork_sdk_bg\.wasm$/)],
  });
  checkLoadFailure(facts, [/Angular.s build does not copy it: add it to the assets of your angular\.json build options: /], { everyExport: true });
  const message = facts.call.rejected.message;
  assert.doesNotMatch(message, /esbuild/);
  entryText = /build options: (\{.*\})\.$/.exec(message)?.[1] ?? "";
  assert.deepEqual(JSON.parse(entryText || "null"), asset, "the message names exactly the assets entry angular.json has");
  note(`without the assets entry: build ok, no .wasm; calls reject "${message.slice(0, 90)}…"`);
} finally {
  await server.close();
}

// 2. With it.
await ngBuild();
assert.ok(existsSync(join(dist, "adultwork_sdk_bg.wasm")), "ng build copied the .wasm");
server = await serveStatic(dist);
try {
  const api = await emulator();
  const { facts, responses } = await runInChromium(pageUrl(server.url, "/", api));
  checkFacts(facts, api, { everyExport: true });
  note(`ng build: emitted ${readdirSync(dist).sort().join(", ")}; scenario passed; wasm: ${describeWasm(responses, server.url)}`);
} finally {
  await server.close();
}

// 3. The dev server, pre-bundling on. Its pre-bundle cache is cleared so that it bundles the
// package just installed.
for (const dir of existsSync(join(here, ".angular/cache")) ? readdirSync(join(here, ".angular/cache")) : []) {
  rmSync(join(here, ".angular/cache", dir, "app/vite"), { recursive: true, force: true });
}
const port = await freePort();
const serve = spawn(process.execPath, [NG, "serve", "--host", "127.0.0.1", "--port", String(port)], {
  cwd: here,
  env,
  stdio: ["ignore", "pipe", "pipe"],
});
let log = "";
serve.stdout.on("data", (chunk) => (log += chunk));
serve.stderr.on("data", (chunk) => (log += chunk));
try {
  const base = `http://127.0.0.1:${port}`;
  await waitFor(() => /Local:/.test(log), 120_000, () => `ng serve did not start:\n${log}`);
  const api = await emulator();
  const { facts, responses } = await runInChromium(pageUrl(base, "/", api));
  checkFacts(facts, api, { everyExport: true });
  const prebundled = responses.filter((r) => /\/\.angular\/cache\/.*\/vite\/deps\/adultwork-sdk\.js/.test(r.url));
  assert.ok(prebundled.length > 0, `the SDK was served pre-bundled: ${responses.map((r) => r.url).join(", ")}`);
  const wasm = responses.filter((r) => /\.wasm(\?|$)/.test(r.url)).map((r) => [r.url, r.status]);
  assert.deepEqual(wasm, [[`${base}/adultwork_sdk_bg.wasm`, 200]], "the .wasm, once, from the app's base URL");
  note(`ng serve: SDK from ${new URL(prebundled[0].url).pathname.replace(/\/[^/]*$/, "/")}; wasm: ${describeWasm(responses, base)}; scenario passed`);
} finally {
  serve.kill();
}

const readme = readFileSync(join(ROOT, "README.md"), "utf8");
assert.ok(readme.includes(entryText), `the README shows the entry the message names: ${entryText}`);
note("the README shows the same assets entry");

function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.on("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = /** @type {import("node:net").AddressInfo} */ (probe.address());
      probe.close(() => done(port));
    });
  });
}

async function waitFor(condition, ms, message) {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline || serve.exitCode !== null) throw new Error(message());
    await new Promise((done) => setTimeout(done, 100));
  }
}
