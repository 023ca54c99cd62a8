// The benchmark harness: `node bench/run.mjs [--quick] [--emulator URL] [--out FILE]`
// (normally through ./scripts/bench.sh, which builds pkg/ when missing and starts the emulator).
//
// `--only node,parse,…` runs some figures (for work on the harness); `--render FILE` rewrites the
// report from a raw results file without measuring anything. `--before TGZ` (scripts/bench.sh
// passes it; `--before-label` names it) adds an earlier package of the SDK ("sdk-before") to the
// size, parse, call and cold-start figures, measured next to the current one in the same run.
// bench/results/endpoint-cost.json (bench/endpoint-cost.sh), when present, is added to the
// report as the size-per-endpoint figure.
//
// Builds the app bundles (lib/build.mjs), serves them (lib/server.mjs), drives headless
// Chromium with playwright-core through bench.html / cold.html (src/page/), runs the Node
// parse benchmark and the conformance cases in child processes (src/node/node-bench.mjs),
// then writes the raw results to bench/results/ and the report to BENCHMARKS.md (a --quick
// run writes bench/results/quick.md instead and leaves BENCHMARKS.md alone).
//
// Benchmarks are measurements, never assertions: the run only fails when something could not
// be measured (a build failed, a page threw, a baseline disagreed with the SDK on the samples).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { launchChromium } from "../tests/support/chromium.mjs";
import { buildAll } from "./lib/build.mjs";
import * as emulator from "./lib/emulator.mjs";
import { machine } from "./lib/machine.mjs";
import { render } from "./lib/report.mjs";
import { serve } from "./lib/server.mjs";
import { appUrl } from "./src/app-url.js";
import { rotation } from "./src/loop.js";
import { DELETE_SAMPLES, INVALID_FIELDS, invalidSample } from "./src/samples.js";

const BENCH = dirname(fileURLToPath(import.meta.url));
const ROOT = dirname(BENCH);

const { values: args } = parseArgs({
  options: {
    quick: { type: "boolean", default: false },
    emulator: { type: "string", default: process.env.BENCH_EMULATOR_URL ?? "" },
    out: { type: "string" },
    only: { type: "string" }, // comma-separated: node,parse,profile,calls,cold,memory,concurrency
    render: { type: "string" }, // re-render a report from a raw results file, measure nothing
    before: { type: "string" }, // the tarball of an earlier package, measured as "sdk-before"
    "before-label": { type: "string" }, // how the report names it (e.g. "commit 52592c5")
  },
});

/** bench/endpoint-cost.sh's figure, when it has been produced (else null). */
function endpointCost() {
  const file = join(BENCH, "results", "endpoint-cost.json");
  return existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null;
}

if (args.render) {
  const results = JSON.parse(readFileSync(args.render, "utf8"));
  results.endpointCost ??= endpointCost();
  const out = args.out ?? (results.quick ? join(BENCH, "results", "quick.md") : join(ROOT, "BENCHMARKS.md"));
  writeFileSync(out, render(results));
  console.error(`report: ${relative(process.cwd(), out)}`);
  process.exit(0);
}
const QUICK = args.quick;
const only = args.only ? new Set(args.only.split(",")) : null;
const want = (figure) => !only || only.has(figure);

/** How long and how often each figure runs (full: the report; quick: a smoke run). */
const CONFIG = QUICK
  ? {
      parse: { warmMs: 100, ms: 150, reps: 2 },
      calls: { warmMs: 100, ms: 150, reps: 2 },
      node: { warmMs: 100, ms: 150, reps: 2 },
      profileMs: 300,
      coldRuns: 3,
      memory: [200, 500, 1000],
      concurrency: { calls: 1000, reps: 1, clients: ["sdk", "zod"] },
    }
  : {
      parse: { warmMs: 500, ms: 1000, reps: 7 },
      calls: { warmMs: 500, ms: 1000, reps: 7 },
      node: { warmMs: 500, ms: 1000, reps: 7 },
      profileMs: 2000,
      coldRuns: 15,
      memory: [1000, 10000, 50000],
      concurrency: { calls: 1000, reps: 3, clients: ["sdk", "zod", "valibot", "kyzod"] },
    };

const started = performance.now();
const log = (msg) => console.error(`[bench ${((performance.now() - started) / 1000).toFixed(1).padStart(5)}s] ${msg}`);

// ---------------------------------------------------------------------------------------------
// Build and data

log(`building the app bundles from the packed tarball${args.before ? ` and the before package (${args.before})` : ""}`);
const build = await buildAll(ROOT, BENCH, { before: args.before, beforeLabel: args["before-label"] });
const publishedSizes = (dir) =>
  JSON.parse(execFileSync(process.execPath, [join(ROOT, "scripts/sizes.mjs"), dir, "--json"], { encoding: "utf8" }));
const published = publishedSizes(build.sdkDir);
published.push({ file: build.tgz, raw: build.tgzBytes, gzip: "", brotli: "" });
/** The SDK apps measured: the current package, and the before package when there is one. */
const SDKS = build.before ? ["sdk", "sdk-before"] : ["sdk"];

const versionOf = (name) => JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
const versions = Object.fromEntries(["zod", "valibot", "ky", "esbuild", "playwright-core"].map((n) => [n, versionOf(n)]));

const valid = readFileSync(join(ROOT, "tests/fixtures/made-booking.json"), "utf8");
const samples = { valid, invalid: invalidSample(valid), "delete-valid": DELETE_SAMPLES.valid, "delete-invalid": DELETE_SAMPLES.invalid };

// ---------------------------------------------------------------------------------------------
// Node: conformance and the parse benchmark (before the browser starts, so nothing competes)

const nodeBench = (mode, options = {}) =>
  JSON.parse(
    execFileSync(process.execPath, [join(BENCH, "src/node/node-bench.mjs"), join(build.sdkDir, "node.js"), mode, JSON.stringify({ ...options, before: build.before ? join(build.before.sdkDir, "node.js") : undefined })], {
      encoding: "utf8",
      maxBuffer: 64 << 20,
    }),
  );
log("conformance cases (Node)");
const conformance = nodeBench("conformance");
let nodeParse;
if (want("node")) {
  log("parse benchmark (Node)");
  nodeParse = nodeBench("parse", CONFIG.node);
}

// ---------------------------------------------------------------------------------------------
// Browser

const server = await serve(BENCH, samples);
const browser = await launchChromium(["--enable-precise-memory-info"]);
const results = {
  quick: QUICK,
  config: CONFIG,
  machine: { ...machine(), chromium: browser.version() },
  command: process.env.BENCH_COMMAND ?? `node bench/run.mjs ${process.argv.slice(2).join(" ")}`,
  versions,
  build: { ...build, sdkDir: relative(ROOT, build.sdkDir), before: build.before && { ...build.before, sdkDir: relative(ROOT, build.before.sdkDir), published: publishedSizes(build.before.sdkDir) } },
  published,
  endpointCost: endpointCost(),
  samples: { validBytes: Buffer.byteLength(samples.valid), invalidBytes: Buffer.byteLength(samples.invalid), invalidFields: INVALID_FIELDS },
  conformance,
  node: nodeParse,
};

/** A fresh browser context (own profile: empty HTTP cache) with bench.html and the harness. */
async function benchPage(apps) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.url}/src/page/bench.html`);
  await page.evaluate(() => import("/src/page/harness.js"));
  const loadMs = await page.evaluate((names) => window.bench.load(names), apps);
  return { context, page, errors, loadMs };
}

try {
  // Same data, same answers: every app must agree with the SDK before anything is timed.
  log("checking that every app gives the same answers on both samples");
  {
    const { context, page } = await benchPage(["none", ...SDKS, "zod", "valibot", "kyzod", "sdk-mix"]);
    const verified = {};
    for (const app of [...SDKS, "zod", "valibot", "kyzod", "sdk-mix"]) verified[app] = await page.evaluate((a) => window.bench.verify(a), app);
    await context.close();
    const expected = [...INVALID_FIELDS].sort();
    for (const [app, v] of Object.entries(verified)) {
      if (v.valid === null) throw new Error(`${app} rejected the valid sample: ${v.validIssues}`);
      if (JSON.parse(v.valid).BookingID !== 1 || v.valid !== verified.sdk.valid) {
        throw new Error(`${app} returned a different MadeBooking than the SDK:\n${v.valid}\n${verified.sdk.valid}`);
      }
      if (v.invalidOk || JSON.stringify(v.invalidPaths) !== JSON.stringify(expected)) {
        throw new Error(`${app} did not report exactly the invalid sample's fields: ${JSON.stringify(v.invalidPaths)}`);
      }
    }
    results.verified = verified;
  }

  // Figure 2: JSON text → validated MadeBooking.
  if (want("parse")) {
    log("figure 2: text → validated MadeBooking (Chromium)");
    const names = ["none", ...SDKS, "zod", "valibot"];
    const { context, page, errors } = await benchPage(names);
    const runs = {};
    const { warmMs, ms, reps } = CONFIG.parse;
    for (const sample of ["valid", "invalid"]) {
      for (const name of names) await page.evaluate(([n, s, t]) => window.bench.parse(n, s, t), [name, sample, warmMs]);
      for (let rep = 0; rep < reps; rep++) {
        for (const name of rotation(names, rep)) {
          const r = await page.evaluate(([n, s, t]) => window.bench.parse(n, s, t), [name, sample, ms]);
          ((runs[sample] ??= {})[name] ??= []).push(r.opsPerSec);
        }
      }
    }
    await context.close();
    if (errors.length) throw new Error(errors.join("\n"));
    results.parse = runs;
  }

  // Where the SDK's parse time goes: a sampling CPU profile of the same loop, on the SDK app
  // bundled without identifier minification (readable names), per sample.
  if (want("profile")) {
    log("CPU profile of the SDK's parse path");
    const { context, page } = await benchPage(["profile/sdk"]);
    const cdp = await context.newCDPSession(page);
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 50 });
    results.profile = {};
    for (const sample of ["valid", "invalid"]) {
      await page.evaluate(([s, t]) => window.bench.parse("profile/sdk", s, t), [sample, CONFIG.parse.warmMs]);
      await cdp.send("Profiler.start");
      const run = await page.evaluate(([s, t]) => window.bench.parse("profile/sdk", s, t), [sample, CONFIG.profileMs]);
      const { profile } = await cdp.send("Profiler.stop");
      results.profile[sample] = { opsPerSec: run.opsPerSec, ...selfTimes(profile) };
    }
    // The same for one complete call (figure 3's loop), SDK and ky + zod.
    await page.evaluate(() => window.bench.load(["kyzod"]));
    for (const name of ["sdk", "kyzod"]) {
      await page.evaluate(([n, t]) => window.bench.calls(n, t), [name, CONFIG.calls.warmMs]);
      await cdp.send("Profiler.start");
      const run = await page.evaluate(([n, t]) => window.bench.calls(n, t), [name, CONFIG.profileMs]);
      const { profile } = await cdp.send("Profiler.stop");
      results.profile[`call-${name}`] = { usPerOp: run.usPerOp, ...selfTimes(profile) };
    }
    await context.close();
  }

  // Figure 3: one complete call against the fetch stub.
  if (want("calls")) {
    log("figure 3: one complete call (fetch stub)");
    const names = ["stub", "none", ...SDKS, "sdk-client", "zod", "valibot", "kyzod"];
    const { context, page, errors } = await benchPage(["none", ...SDKS, "zod", "valibot", "kyzod"]);
    const runs = {};
    const { warmMs, ms, reps } = CONFIG.calls;
    for (const name of names) await page.evaluate(([n, t]) => window.bench.calls(n, t), [name, warmMs]);
    for (let rep = 0; rep < reps; rep++) {
      for (const name of rotation(names, rep)) {
        const r = await page.evaluate(([n, t]) => window.bench.calls(n, t), [name, ms]);
        (runs[name] ??= []).push(r.usPerOp);
      }
    }
    results.stubbedCalls = await page.evaluate(() => globalThis.__bench.stubbed);
    await context.close();
    if (errors.length) throw new Error(errors.join("\n"));
    results.calls = runs;
  }

  // Figure 4: cold start, a fresh context (empty HTTP cache) per load, apps interleaved.
  if (want("cold")) {
    log(`figure 4: cold start (${CONFIG.coldRuns} fresh page loads per app)`);
    const names = ["none", ...SDKS, "zod", "valibot", "kyzod"];
    const runs = {};
    for (let rep = 0; rep < CONFIG.coldRuns; rep++) {
      for (const name of rotation(names, rep)) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const errors = [];
        page.on("pageerror", (e) => errors.push(String(e)));
        await page.goto(`${server.url}/src/page/cold.html`, { waitUntil: "load" });
        const r = await page.evaluate(async (url) => {
          const request = { BookingID: 1, Reason: "Something came up" };
          const options = { accessToken: "test-token", baseUrl: "https://api-sandbox.adultwork.com" };
          const t0 = performance.now();
          const m = await import(url);
          const t1 = performance.now();
          const booking = await m.cancel(request, options);
          const t2 = performance.now();
          if (booking.BookingID !== 1 || booking.Status !== "Cancelled") throw new Error("wrong first result");
          const resources = performance
            .getEntriesByType("resource")
            .filter((e) => e.name.includes("/dist/"))
            .map((e) => ({
              name: e.name.slice(e.name.lastIndexOf("/") + 1),
              ms: e.responseEnd - e.startTime,
              start: e.startTime - t0,
              headers: e.responseStart - t0,
              end: e.responseEnd - t0,
            }));
          const wasm = globalThis.__bench.wasmTimings.map((e) => ({ what: e.what, fromT0: e.start - t0, ms: e.end - e.start, endT0: e.end - t0 }));
          return { importMs: t1 - t0, firstCallMs: t2 - t1, totalMs: t2 - t0, resources, wasm };
        }, appUrl(name));
        await context.close();
        if (errors.length) throw new Error(errors.join("\n"));
        (runs[name] ??= []).push(r);
      }
    }
    results.cold = runs;
  }

  // Figure 5: memory after 1k, 10k, 50k mixed calls, one fresh page per client. The SDK's are
  // mixed across endpoints (the sdk-mix app; harness.js `mix` says how).
  if (want("memory")) {
    log(`figure 5: memory after ${CONFIG.memory.join(", ")} calls`);
    results.memory = {};
    for (const name of ["sdk", "sdk-client", "zod", "valibot", "kyzod"]) {
      const app = name === "sdk" || name === "sdk-client" ? "sdk-mix" : name;
      const { context, page, errors } = await benchPage([app]);
      const cdp = await context.newCDPSession(page);
      const measure = async (calls, outcome) => {
        await page.evaluate(() => new Promise((r) => setTimeout(r, 20)));
        await cdp.send("HeapProfiler.collectGarbage");
        await cdp.send("HeapProfiler.collectGarbage");
        const heap = await cdp.send("Runtime.getHeapUsage");
        const wasm = await page.evaluate(() => window.bench.wasmMemory());
        const precise = await page.evaluate(() => performance.memory?.usedJSHeapSize ?? null);
        return { calls, heapUsed: heap.usedSize, heapTotal: heap.totalSize, usedJSHeapSize: precise, wasm, outcome };
      };
      const points = [await measure(0, null)];
      let done = 0;
      for (const target of CONFIG.memory) {
        const outcome = await page.evaluate(([n, a, b]) => window.bench.mix(n, a, b), [name, done, target]);
        done = target;
        points.push(await measure(done, outcome));
      }
      await context.close();
      if (errors.length) throw new Error(errors.join("\n"));
      results.memory[name] = points;
    }
  }

  // Figure 6: 1,000 concurrent calls against the emulator.
  if (args.emulator && want("concurrency")) {
    const { calls, reps, clients } = CONFIG.concurrency;
    log(`figure 6: ${calls} concurrent calls against the emulator at ${args.emulator}`);
    const ids = Array.from({ length: calls }, (_, i) => 100001 + i);
    const runs = {};
    for (let rep = 0; rep < reps; rep++) {
      for (const name of rotation(clients, rep)) {
        await emulator.reset(args.emulator);
        const plantMs = await emulator.plant(args.emulator, ids);
        const { context, page, errors } = await benchPage([name]);
        const r = await page.evaluate(([n, i, u]) => window.bench.concurrent(n, i, u), [name, ids, args.emulator]);
        await context.close();
        if (errors.length) throw new Error(errors.join("\n"));
        r.server = await emulator.requestCounts(args.emulator);
        const last = await emulator.booking(args.emulator, ids[ids.length - 1]);
        r.serverSideCancelled = last.Status === "Cancelled";
        r.plantMs = plantMs;
        (runs[name] ??= []).push(r);
      }
    }
    // Does the fetch `cache` mode decide whether Chromium reuses a cached CORS preflight?
    const probe = {};
    {
      const { context, page } = await benchPage([]);
      for (const cache of ["default", "no-store"]) {
        await emulator.reset(args.emulator);
        await page.evaluate(([u, c]) => window.bench.preflightProbe(u, c, 5), [args.emulator, cache]);
        probe[cache] = await emulator.requestCounts(args.emulator);
      }
      await context.close();
    }
    await emulator.reset(args.emulator);
    results.concurrency = { calls, runs, preflightProbe: probe };
  } else if (want("concurrency")) {
    log("figure 6 skipped: no --emulator URL (scripts/bench.sh starts one)");
  }
} finally {
  await browser.close();
  await server.close();
}

results.elapsedSeconds = Math.round((performance.now() - started) / 1000);

// ---------------------------------------------------------------------------------------------
// Output

const resultsDir = join(BENCH, "results");
mkdirSync(resultsDir, { recursive: true });
const stamp = results.machine.date.replace(/[:.]/g, "-");
const rawFile = join(resultsDir, `${QUICK ? "quick" : "full"}-${stamp}.json`);
writeFileSync(rawFile, JSON.stringify(results, null, 1));
const out = args.out ?? (QUICK ? join(resultsDir, "quick.md") : join(ROOT, "BENCHMARKS.md"));
writeFileSync(out, render(results));
log(`raw results: ${relative(ROOT, rawFile)}`);
log(`report: ${relative(ROOT, out)} (${results.elapsedSeconds}s)`);

// ---------------------------------------------------------------------------------------------

/** The first characters of the source at a position in a dist/ file (names anonymous functions). */
function snippet(file, line, column) {
  try {
    const text = readFileSync(join(BENCH, "dist", file), "utf8").split("\n")[line] ?? "";
    return text.slice(column, column + 70).replace(/\s+/g, " ");
  } catch {
    return "?";
  }
}

/**
 * Self time per function of a CDP CPU profile, in ms, largest first, plus the share spent in
 * Wasm code, in the SDK's JavaScript, and elsewhere.
 */
function selfTimes(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const rows = new Map();
  let total = 0;
  for (const [id, us] of self) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(id).callFrame;
    if (functionName === "(idle)" || functionName === "(root)") continue;
    const file = url.endsWith(".wasm") || url.startsWith("wasm://") ? "wasm" : url.includes("/dist/") ? url.slice(url.indexOf("/dist/") + 6) : url.slice(url.lastIndexOf("/") + 1);
    // Rust symbols as wasm-bindgen demangles them, without the hash: `adultwork_sdk::json::Reader::value`.
    let name = (functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "").replace(/\[[0-9a-f]{16}\]/g, "");
    if (!functionName && file.endsWith(".js")) name += ` (${file}:${lineNumber + 1}:${columnNumber + 1}: ${snippet(file, lineNumber, columnNumber)})`;
    const key = `${name}\u0000${file}`;
    rows.set(key, (rows.get(key) ?? 0) + us);
    total += us;
  }
  const list = [...rows].map(([key, us]) => {
    const [fn, file] = key.split("\u0000");
    return { fn, file, ms: us / 1000, share: us / total };
  });
  list.sort((a, b) => b.ms - a.ms);
  const share = (pred) => list.filter(pred).reduce((s, r) => s + r.share, 0);
  return {
    totalMs: total / 1000,
    wasm: share((r) => r.file === "wasm"),
    sdkJs: share((r) => r.file === "profile/sdk.js"),
    gc: share((r) => r.fn === "(garbage collector)"),
    top: list.slice(0, 12),
  };
}

