// Sizes the packages bench/endpoint-cost.sh built and writes bench/results/endpoint-cost.json:
//   node bench/endpoint-cost/measure.mjs <facts.json> <a.tgz> [<b.tgz> …]
// Each tarball is unpacked and its JavaScript bundled the way bench/run.mjs bundles the SDK
// for the size budget (src/apps/sdk-only.js: `export *`, esbuild, minified), so the figures
// here and in the budget are the same measure. Prints a table; never fails on a figure.
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { bundleApp, sizes, unpack, WASM } from "../lib/build.mjs";

const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
const ROOT = dirname(BENCH);

/** What each variant is (the diffs are bench/endpoint-cost/<id>-*.diff). */
const VARIANTS = {
  a: { title: "as shipped", what: null },
  b: {
    title: "+ one endpoint reusing an answer type",
    what:
      "`POST /v1/PhoneChat/ReInvite` (hypothetical) answering `MadeBooking`, with a new two-field request type " +
      "`ReInviteRequest { BookingID, Reason? }` (also in `schemas`): its `impl Endpoint`, client method and `export!` line.",
  },
  b2: {
    title: "+ one endpoint reusing its request and answer types",
    what: "`POST /v1/PhoneChat/RemindMadeBooking` (hypothetical): `BookingIdRequest` → `MadeBooking`, nothing new but the endpoint.",
  },
  c: {
    title: "+ one endpoint with a new ten-field answer type",
    what:
      "`GET /v1/PhoneChat/BookedUserSettings` (hypothetical): `BookingIdRequest` → a new `PhoneChatSettings` (also in " +
      "`schemas`) of ten fields: three bounded integers (`UserId`, `Minutes`, `Count`), a string, two nullable strings, a " +
      "datetime (`ApiDateTime`), a bool, a new three-value enum (`Availability`) and a nested record (the existing " +
      "`PhoneChatBookingUser`).",
  },
  d: {
    title: "− the shipped `deleteReceivedBookings`",
    what:
      "as shipped without `deleteReceivedBookings` (its `impl Endpoint`, client method and `export!` line): the real " +
      "API's one more endpoint reusing both its request and answer types; its cost is (a) − (d).",
  },
};

const [factsFile, ...tarballs] = process.argv.slice(2);
const facts = JSON.parse(readFileSync(factsFile, "utf8"));
const tmp = mkdtempSync(join(tmpdir(), "aw-endpoint-cost-"));
const variants = [];
try {
  for (const tgz of tarballs) {
    const id = basename(tgz, ".tgz");
    const modules = join(tmp, id, "node_modules");
    const { sdkDir } = unpack(tgz, modules);
    const js = await bundleApp({ root: ROOT, bench: BENCH, app: "sdk-only", outfile: join(tmp, id, "sdk-only.js"), modules });
    const wasmBytes = readFileSync(join(sdkDir, WASM));
    const wasm = sizes(wasmBytes);
    variants.push({
      id,
      ...(VARIANTS[id] ?? { title: id, what: null }),
      diff: facts.diffs?.[id] ?? null,
      wasm,
      wasmSha256: createHash("sha256").update(wasmBytes).digest("hex"),
      js: { raw: js.raw, gzip: js.gzip, brotli: js.brotli },
      totalGzip: wasm.gzip + js.gzip,
    });
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

const a = variants.find((v) => v.id === "a");
if (!a) throw new Error("no variant a (as shipped) to compare with");
for (const v of variants) {
  if (v === a) continue;
  v.delta = { wasmGzip: v.wasm.gzip - a.wasm.gzip, jsGzip: v.js.gzip - a.js.gzip, totalGzip: v.totalGzip - a.totalGzip, wasmRaw: v.wasm.raw - a.wasm.raw };
  // What the one endpoint costs: what it adds, or for a variant without a shipped endpoint, what it took away.
  const sign = v.id === "d" ? -1 : 1;
  v.cost = Object.fromEntries(Object.entries(v.delta).map(([k, n]) => [k, sign * n]));
}

const out = { ...facts, date: new Date().toISOString(), esbuild: esbuild.version, variants };
delete out.diffs;
const file = join(BENCH, "results", "endpoint-cost.json");
mkdirSync(dirname(file), { recursive: true });
writeFileSync(file, JSON.stringify(out, null, 1));

const pad = (v, n) => String(v).padStart(n);
console.log(`${"variant".padEnd(58)}${pad(".wasm", 9)}${pad(".wasm gz", 10)}${pad("JS gz", 8)}${pad("total gz", 10)}${pad("endpoint: .wasm gz", 20)}${pad("JS gz", 8)}${pad("total gz", 10)}`);
for (const v of variants) {
  const c = v.cost;
  console.log(
    `${`(${v.id}) ${v.title.replace(/`/g, "")}`.padEnd(58)}${pad(v.wasm.raw, 9)}${pad(v.wasm.gzip, 10)}${pad(v.js.gzip, 8)}${pad(v.totalGzip, 10)}` +
      (c ? `${pad(c.wasmGzip, 20)}${pad(c.jsGzip, 8)}${pad(c.totalGzip, 10)}` : ""),
  );
}
console.log(`written: ${file.slice(ROOT.length + 1)}`);
