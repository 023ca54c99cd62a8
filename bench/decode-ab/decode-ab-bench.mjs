// decode-ab: times `parseMadeBooking(text)` of several builds of the package side by side, in
// Node and in headless Chromium, and checks that they agree.
//
//   node decode-ab-bench.mjs [--dir out] [--variants A,B1,B2,B1t] [--warm 2000] [--iters 20000]
//                            [--reps 7] [--only check,node,chromium] [--json results.json]
//
// Each variant is a built package directory <dir>/<variant>/ (scripts/build.sh's pkg/: node.js
// for Node, index.js for the browser). The floor is `JSON.parse(text)` alone on the valid text.
//
// Method: for every repetition, for every variant (the order rotates each repetition, so slow
// drifts of the machine's load spread over all variants), for each sample: `warm` untimed calls,
// then `iters` timed calls in one block; µs per call = block time / iters. Reported: the median
// over the repetitions (and min/max). The load average is printed before each phase.
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir, loadavg, cpus } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

const HERE = dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({
  options: {
    dir: { type: "string", default: join(HERE, "out") },
    variants: { type: "string", default: "A,B1,B2" },
    warm: { type: "string", default: "2000" },
    iters: { type: "string", default: "20000" },
    reps: { type: "string", default: "7" },
    only: { type: "string", default: "check,node,chromium" },
    json: { type: "string" },
    fixture: { type: "string", default: join(HERE, "tests/fixtures/made-booking.json") },
    modules: { type: "string", default: join(HERE, "node_modules") },
  },
});
const DIR = resolve(args.dir);
const VARIANTS = args.variants.split(",");
const CFG = { warm: Number(args.warm), iters: Number(args.iters), reps: Number(args.reps) };
const ONLY = new Set(args.only.split(","));
const load = () => loadavg().map((l) => l.toFixed(2)).join(" / ");
const log = (m) => console.error(`[decode-ab] ${m}`);

// ---- data -----------------------------------------------------------------------------------

const valid = readFileSync(args.fixture, "utf8");
/** The fixture with five wrong fields. */
function invalidOf(text) {
  const b = JSON.parse(text);
  b.BookingID = 0; // not from 1
  b.Status = "Nope"; // not a status
  b.Credits = -1; // negative
  b.Candidate.UserID = "x"; // a string
  delete b.LastUpdated; // missing
  return JSON.stringify(b, null, 4);
}
const SAMPLES = { valid, invalid: invalidOf(valid) };

/** Inputs where the engine's JSON.parse and serde_json may differ (checked, not timed). */
function probes() {
  const b = () => JSON.parse(valid);
  const text = (o) => JSON.stringify(o, null, 4);
  const withExtra = (raw) => valid.replace(/\n}\s*$/, `,\n    "Extra": ${raw}\n}`);
  const deep = (n) => "[".repeat(n) + "]".repeat(n);
  const missingSkype = b();
  delete missingSkype.SkypeName;
  const o = {
    "valid": valid,
    "5 wrong fields": SAMPLES.invalid,
    "duplicate key, last valid": valid.replace('"BookingID": 1,', '"BookingID": 0,\n    "BookingID": 1,'),
    "duplicate key, last invalid": valid.replace('"BookingID": 1,', '"BookingID": 1,\n    "BookingID": 0,'),
    "duplicate key + another wrong field": valid
      .replace('"BookingID": 1,', '"BookingID": 0,\n    "BookingID": 1,')
      .replace('"Duration": 15', '"Duration": 0'),
    "unknown key nested 100 deep": withExtra(deep(100)),
    "unknown key nested 200 deep": withExtra(deep(200)),
    "unknown key nested 200 deep + a wrong field": withExtra(deep(200)).replace('"Duration": 15', '"Duration": 0'),
    "unknown key nested 5000 deep": withExtra(deep(5000)),
    "missing nullable field (SkypeName)": text(missingSkype),
    "lone surrogate escape in Comments": valid.replace('"Hi, I had', '"\\ud800 Hi, I had'),
    "lone surrogate escape + a wrong field": valid
      .replace('"Hi, I had', '"\\ud800 Hi, I had')
      .replace('"Duration": 15', '"Duration": 0'),
    "Credits 1e400": valid.replace('"Credits": 8', '"Credits": 1e400'),
    "unknown key 1e400": withExtra("1e400"),
    "Credits 0.1": valid.replace('"Credits": 8', '"Credits": 0.1'),
    "Credits 8.0": valid.replace('"Credits": 8', '"Credits": 8.0'),
    "Credits 2.2250738585072011e-308": valid.replace('"Credits": 8', '"Credits": 2.2250738585072011e-308'),
    "Credits 9007199254740993": valid.replace('"Credits": 8', '"Credits": 9007199254740993'),
    "Credits 1.00000000000000011102230246251565404236316680908203126": valid.replace(
      '"Credits": 8',
      '"Credits": 1.00000000000000011102230246251565404236316680908203126',
    ),
    "BookingID 1.0": valid.replace('"BookingID": 1,', '"BookingID": 1.0,'),
    "UserID 1e20": valid.replace('"UserID": 123456', '"UserID": 1e20'),
    "key differs in case (bookingID)": valid.replace('"BookingID"', '"bookingID"'),
    "byte order mark": "\uFEFF" + valid,
    "empty": "  ",
    "HTML": "<!doctype html><p>502</p>",
    "trailing comma": valid.replace(/\n}\s*$/, ",\n}"),
    "truncated": valid.slice(0, 400),
    "top-level array": "[]",
    "top-level null": "null",
    "raw control char in a string": valid.replace("Hi, I had", "Hi,\tI had"),
    "bytes: valid": new TextEncoder().encode(valid),
    "bytes: invalid UTF-8": Uint8Array.from([...new TextEncoder().encode(valid.slice(0, 300)), 0xff, 0xfe]),
  };
  return o;
}

/** What a variant made of an input: the value's JSON, or the error's kind and issues. */
function outcome(parse, input) {
  try {
    return { ok: JSON.stringify(parse(input)) };
  } catch (e) {
    return { kind: e.kind, issues: (e.issues ?? [{ path: "?", message: String(e) }]).map((i) => `${i.path || "(root)"}: ${i.message}`) };
  }
}

// ---- the timing loop ------------------------------------------------------------------------

/** `n` calls of `fn(text)`; returns the wall time in ms. Self-contained: also sent to the page. */
function block(fn, text, n) {
  let sink = 0;
  const t0 = performance.now();
  for (let i = 0; i < n; i++) {
    try {
      sink += fn(text).BookingID === 1 ? 1 : 2;
    } catch (e) {
      sink += e.issues ? e.issues.length : 3;
    }
  }
  const ms = performance.now() - t0;
  globalThis.__sink = (globalThis.__sink ?? 0) + sink;
  return ms;
}

/**
 * Runs every (variant, sample) block `reps` times, the variant order rotating each repetition.
 * `run(name, sample, n)` does `n` calls and returns { wallMs, cpuMs } (cpuMs: the CPU time of
 * the thread or process that ran them, when known; it leaves out the time other processes had
 * the core, so it is steadier on a loaded machine).
 */
async function measure(names, run) {
  const out = {};
  for (let rep = 0; rep < CFG.reps; rep++) {
    const order = names.map((_, i) => names[(i + rep) % names.length]);
    for (const name of order) {
      for (const c of Object.keys(SAMPLES)) {
        if (name === "JSON.parse" && c !== "valid") continue;
        await run(name, c, CFG.warm);
        const { wallMs, cpuMs } = await run(name, c, CFG.iters);
        const slot = ((out[name] ??= {})[c] ??= { wall: [], cpu: [] });
        slot.wall.push((wallMs * 1000) / CFG.iters);
        if (cpuMs !== undefined) slot.cpu.push((cpuMs * 1000) / CFG.iters);
      }
    }
  }
  const stats = (runs) => {
    if (!runs.length) return undefined;
    const s = [...runs].sort((a, b) => a - b);
    const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return { median, min: s[0], max: s[s.length - 1], runs };
  };
  // Paired with the first variant's block of the same repetition and sample: steadier than
  // comparing medians when the load drifts.
  const base = names.find((n) => n !== "JSON.parse");
  const summary = {};
  for (const [name, byCase] of Object.entries(out))
    for (const [c, r] of Object.entries(byCase)) {
      const b = out[base][c];
      const ratio = (k) => (r[k].length && b?.[k].length ? stats(r[k].map((x, i) => x / b[k][i])) : undefined);
      (summary[name] ??= {})[c] = { wall: stats(r.wall), cpu: stats(r.cpu), wallRatio: ratio("wall"), cpuRatio: ratio("cpu") };
    }
  return summary;
}

function table(title, summary) {
  const f = (x) => (x ? `${x.median.toFixed(2)} (${x.min.toFixed(2)}–${x.max.toFixed(2)})` : "");
  console.log(`\n${title}: µs per call, median (min–max) over ${CFG.reps} reps of ${CFG.iters} calls after ${CFG.warm} warm-up calls`);
  console.log(`${"variant".padEnd(11)} ${"valid wall".padEnd(24)} ${"invalid wall".padEnd(26)} ${"valid CPU".padEnd(24)} invalid CPU`);
  for (const [name, b] of Object.entries(summary))
    console.log(`${name.padEnd(11)} ${f(b.valid?.wall).padEnd(24)} ${f(b.invalid?.wall).padEnd(26)} ${f(b.valid?.cpu).padEnd(24)} ${f(b.invalid?.cpu)}`);
  const r = (x) => (x ? x.median.toFixed(2) : "");
  console.log(`paired ratio to ${Object.keys(summary).find((n) => n !== "JSON.parse")} (median over reps of variant ÷ base in the same rep): valid wall / invalid wall / valid CPU / invalid CPU`);
  for (const [name, b] of Object.entries(summary))
    if (name !== "JSON.parse") console.log(`${name.padEnd(11)} ${r(b.valid?.wallRatio)} / ${r(b.invalid?.wallRatio)} / ${r(b.valid?.cpuRatio)} / ${r(b.invalid?.cpuRatio)}`);
}

const results = { cfg: CFG, variants: VARIANTS, cpus: cpus().length, node: process.version };

// ---- Node -----------------------------------------------------------------------------------

const nodeFns = {};
for (const v of VARIANTS) {
  const m = await import(pathToFileURL(join(DIR, v, "node.js")).href);
  nodeFns[v] = m.parseMadeBooking;
}

if (ONLY.has("check")) {
  log(`checking agreement on ${Object.keys(probes()).length} inputs`);
  const base = VARIANTS[0];
  const diffs = [];
  for (const [name, input] of Object.entries(probes())) {
    const got = Object.fromEntries(VARIANTS.map((v) => [v, outcome(nodeFns[v], input)]));
    const ref = JSON.stringify(got[base]);
    const same = VARIANTS.filter((v) => JSON.stringify(got[v]) === ref);
    console.log(`\n# ${name}: ${same.length === VARIANTS.length ? "all agree" : "DIFFER"}`);
    const groups = new Map();
    for (const v of VARIANTS) {
      const k = JSON.stringify(got[v]);
      groups.set(k, [...(groups.get(k) ?? []), v]);
    }
    for (const [k, vs] of groups) {
      const o = JSON.parse(k);
      const shown = o.ok ? `ok ${o.ok.length > 140 ? o.ok.slice(0, 60) + "…" + o.ok.slice(-70) : o.ok}` : `${o.kind}\n      ${o.issues.join("\n      ")}`;
      console.log(`  ${vs.join(",")}: ${shown}`);
    }
    if (same.length !== VARIANTS.length) diffs.push(name);
  }
  results.differ = diffs;
  const inv = outcome(nodeFns[base], SAMPLES.invalid);
  for (const v of VARIANTS) {
    const o = outcome(nodeFns[v], SAMPLES.invalid);
    if (JSON.stringify(o) !== JSON.stringify(inv)) throw new Error(`${v} disagrees with ${base} on the invalid sample`);
    if (outcome(nodeFns[v], valid).ok === undefined) throw new Error(`${v} rejected the valid sample`);
  }
  log(`invalid sample: every variant reports ${inv.issues.length} issues: ${inv.issues.map((i) => i.split(":")[0]).join(", ")}`);
  log(`inputs where the variants differ: ${diffs.join("; ") || "none"}`);
}

if (ONLY.has("node")) {
  log(`Node ${process.version}: load average ${load()}`);
  results.nodeLoad = loadavg();
  const fns = { "JSON.parse": JSON.parse, ...nodeFns };
  const summary = await measure(Object.keys(fns), (name, c, n) => {
    const c0 = process.cpuUsage();
    const wallMs = block(fns[name], SAMPLES[c], n);
    const c1 = process.cpuUsage(c0);
    return { wallMs, cpuMs: (c1.user + c1.system) / 1000 };
  });
  results.nodeTimes = summary;
  results.nodeLoadAfter = loadavg();
  table(`Node ${process.version} (load ${results.nodeLoad.map((l) => l.toFixed(2)).join(" / ")})`, summary);
}

// ---- Chromium -------------------------------------------------------------------------------

if (ONLY.has("chromium")) {
  const { chromium } = await import(pathToFileURL(join(args.modules, "playwright-core/index.mjs")).href);
  const TYPES = { ".js": "text/javascript", ".mjs": "text/javascript", ".wasm": "application/wasm", ".html": "text/html", ".json": "application/json" };
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/") {
      res.writeHead(200, { "Content-Type": "text/html" }).end("<!doctype html><title>decode-ab</title>");
      return;
    }
    const file = resolve(DIR, "." + path);
    if (!file.startsWith(DIR + sep)) return res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  const origin = `http://127.0.0.1:${server.address().port}`;
  const profile = mkdtempSync(join(tmpdir(), "decode-ab-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors = [];
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(origin + "/");
    results.chromium = await page.evaluate(() => navigator.userAgent);
    await page.evaluate(async (variants) => {
      window.fns = {};
      for (const v of variants) window.fns[v] = (await import(`/${v}/index.js`)).parseMadeBooking;
    }, VARIANTS);
    // Same answers in the page as in Node.
    const pageOutcome = await page.evaluate(
      ([samples, variants]) => {
        const o = {};
        for (const v of variants)
          for (const [c, t] of Object.entries(samples)) {
            try {
              o[`${v}/${c}`] = JSON.stringify(window.fns[v](t));
            } catch (e) {
              o[`${v}/${c}`] = JSON.stringify(e.issues);
            }
          }
        return o;
      },
      [SAMPLES, VARIANTS],
    );
    for (const v of VARIANTS)
      if (pageOutcome[`${v}/invalid`] !== pageOutcome[`${VARIANTS[0]}/invalid`] || pageOutcome[`${v}/valid`] !== pageOutcome[`${VARIANTS[0]}/valid`])
        throw new Error(`${v} disagrees with ${VARIANTS[0]} in Chromium`);
    log(`Chromium (${results.chromium.match(/Chrome\/[\d.]+/)?.[0]}): load average ${load()}`);
    results.chromiumLoad = loadavg();
    await page.evaluate((src) => {
      window.block = (0, eval)(`(${src})`);
    }, block.toString());
    // The renderer's main-thread CPU time, from the DevTools protocol (Performance.ThreadTime).
    const cdp = await context.newCDPSession(page);
    await cdp.send("Performance.enable");
    const threadTime = async () => (await cdp.send("Performance.getMetrics")).metrics.find((m) => m.name === "ThreadTime")?.value;
    const samples = SAMPLES;
    await page.evaluate((s) => {
      window.samples = s;
    }, samples);
    const summary = await measure(["JSON.parse", ...VARIANTS], async (name, c, n) => {
      const before = await threadTime();
      const wallMs = await page.evaluate(([name, c, n]) => window.block(name === "JSON.parse" ? JSON.parse : window.fns[name], window.samples[c], n), [name, c, n]);
      const after = await threadTime();
      return { wallMs, cpuMs: before === undefined ? undefined : (after - before) * 1000 };
    });
    results.chromiumTimes = summary;
    results.chromiumLoadAfter = loadavg();
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
    table(`Chromium ${results.chromium.match(/Chrome\/[\d.]+/)?.[0]} (load ${results.chromiumLoad.map((l) => l.toFixed(2)).join(" / ")})`, summary);
  } finally {
    await context.close();
    server.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

if (args.json) {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(args.json, JSON.stringify(results, null, 1));
}
