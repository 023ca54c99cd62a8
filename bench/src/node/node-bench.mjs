// The Node side: `node node-bench.mjs <path of the SDK's node.js> conformance|parse [options JSON]`.
// Prints one JSON document. With `options.before` (the before package's node.js) the parse
// benchmark also times that package ("sdk-before"). The SDK is loaded through its Node entry (node.js: the .wasm read
// from disk and compiled synchronously); zod and valibot from the repository's node_modules,
// unbundled, with the same schemas and app functions as the browser bundles.
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import * as valibotApp from "../apps/valibot.js";
import * as zodApp from "../apps/zod.js";
import * as noneApp from "../apps/none.js";
import { conformanceCases } from "../cases.js";
import { rotation, runSync } from "../loop.js";
import { invalidSample } from "../samples.js";

const [sdkEntry, mode, json = "{}"] = process.argv.slice(2);
const options = JSON.parse(json);
const sdk = await import(pathToFileURL(sdkEntry).href);
const valid = readFileSync(new URL("../../../tests/fixtures/made-booking.json", import.meta.url), "utf8");
const samples = { valid, invalid: invalidSample(valid) };

// The same two functions as src/apps/sdk.js, over the Node entry.
const sdkApp = (sdk) => ({
  parse: (text) => sdk.parseMadeBooking(text),
  check(text) {
    try {
      return { ok: true, value: sdk.parseMadeBooking(text) };
    } catch (e) {
      if (sdk.isAdultWorkError(e) && e.kind === "InvalidResponse") return { ok: false, issues: e.issues ?? [] };
      throw e;
    }
  },
});
const apps = { none: noneApp, sdk: sdkApp(sdk), zod: zodApp, valibot: valibotApp };
if (options.before) apps["sdk-before"] = sdkApp(await import(pathToFileURL(options.before).href));

function pathOf(issue) {
  const p = issue.path;
  if (typeof p === "string") return p;
  if (!Array.isArray(p)) return "";
  return p.map((s) => (typeof s === "object" && s !== null ? s.key : s)).join(".");
}

function verdict(app, text) {
  try {
    const r = app.check(text);
    return r.ok
      ? { ok: true, output: JSON.stringify(r.value) }
      : { ok: false, paths: [...new Set(r.issues.map(pathOf))].sort() };
  } catch (e) {
    return { ok: false, threw: String(e) };
  }
}

if (mode === "conformance") {
  const results = conformanceCases(valid).map(({ name, text }) => {
    const row = { name };
    for (const app of ["sdk", "zod", "valibot"]) row[app] = verdict(apps[app], text);
    return row;
  });
  console.log(JSON.stringify({ cases: results }));
} else if (mode === "parse") {
  const { ms = 1000, warmMs = 500, reps = 5 } = options;
  const names = ["none", "sdk", ...(apps["sdk-before"] ? ["sdk-before"] : []), "zod", "valibot"];
  const runs = {};
  for (const sample of ["valid", "invalid"]) {
    const text = samples[sample];
    const fn = (app) =>
      sample === "valid"
        ? (t) => app.parse(t).BookingID
        : (t) => {
            const c = app.check(t);
            return c.ok ? 0 : c.issues.length;
          };
    for (const name of names) runSync(fn(apps[name]), text, warmMs);
    for (let rep = 0; rep < reps; rep++) {
      for (const name of rotation(names, rep)) {
        const r = runSync(fn(apps[name]), text, ms);
        ((runs[sample] ??= {})[name] ??= []).push(r.opsPerSec);
      }
    }
  }
  console.log(JSON.stringify({ node: process.version, runs }));
} else {
  throw new Error(`unknown mode ${mode}`);
}
