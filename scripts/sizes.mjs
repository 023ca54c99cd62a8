// Prints the shipped sizes of pkg/: raw, gzip -9 and brotli (max quality), per file and for
// what a browser downloads (the .wasm plus the JavaScript the entry imports).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2];
const sizes = (buf) => ({
  raw: buf.length,
  gzip: gzipSync(buf, { level: 9 }).length,
  brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
});
const shipped = ["adultwork_sdk_bg.wasm", "adultwork_sdk_bg.js", "index.js", "imports.js", "api.js", "calls.js", "errors.js"];
const rows = [];
let total = { raw: 0, gzip: 0, brotli: 0 };
// A file the package does not have is left out (the benchmarks also size earlier packages).
for (const file of shipped.filter((f) => existsSync(join(dir, f)))) {
  const s = sizes(readFileSync(join(dir, file)));
  rows.push({ file, ...s });
  for (const k of Object.keys(total)) total[k] += s[k];
}
const js = rows.filter((r) => r.file.endsWith(".js"));
const sum = (k, list) => list.reduce((a, r) => a + r[k], 0);
rows.push({ file: "JS total", raw: sum("raw", js), gzip: sum("gzip", js), brotli: sum("brotli", js) });
rows.push({ file: "browser total (.wasm + JS)", ...total });
const tgz = readdirSync(dir).find((f) => f.endsWith(".tgz"));
if (tgz) rows.push({ file: tgz, raw: readFileSync(join(dir, tgz)).length, gzip: "", brotli: "" });
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(rows));
} else {
  const pad = (v, n) => String(v).padStart(n);
  console.log(`${"file".padEnd(30)}${pad("raw", 9)}${pad("gzip", 9)}${pad("brotli", 9)}`);
  for (const r of rows) console.log(`${r.file.padEnd(30)}${pad(r.raw, 9)}${pad(r.gzip, 9)}${pad(r.brotli, 9)}`);
}
