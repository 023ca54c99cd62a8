// Builds what the browser benchmarks load, the way an app would ship it:
// - the published package, unpacked from pkg/adultwork-sdk-<v>.tgz into
//   dist/node_modules/adultwork-sdk (exactly what `npm install adultwork-sdk` gives an app);
// - one esbuild bundle per app (src/apps/*.js): bundle, minify, ESM, browser platform, all
//   other options at esbuild's defaults; the SDK's .wasm copied next to the bundles (esbuild
//   does not copy files referenced with `new URL(…, import.meta.url)`, as the README says);
// - dist/profile/: the SDK app bundled without identifier minification, next to a copy of the
//   .wasm that keeps its function names, only for the CPU profile (readable names); never
//   used for a figure. See profileWasm().
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

export const APPS = ["none", "sdk", "zod", "valibot", "kyzod", "sdk-only"];
export const WASM = "adultwork_sdk_bg.wasm";

/** raw, gzip -9 and brotli quality 11 sizes of a buffer (as scripts/sizes.mjs measures them) */
export function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/** @param {string} root repo root @param {string} bench bench/ @returns the bundles' facts */
export async function buildAll(root, bench) {
  const dist = join(bench, "dist");
  rmSync(dist, { recursive: true, force: true });
  const tgz = readdirSync(join(root, "pkg")).find((f) => f.endsWith(".tgz"));
  if (!tgz) throw new Error("pkg/ has no .tgz: run ./scripts/build.sh");
  const modules = join(dist, "node_modules");
  mkdirSync(modules, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), "aw-bench-"));
  const tgzBytes = readFileSync(join(root, "pkg", tgz));
  // Unpacked from a copy read once: pkg/ may be rebuilt while the benchmarks run.
  writeFileSync(join(tmp, tgz), tgzBytes);
  execFileSync("tar", ["-xzf", join(tmp, tgz), "-C", tmp]);
  renameSync(join(tmp, "package"), join(modules, "adultwork-sdk"));
  rmSync(tmp, { recursive: true, force: true });
  const sdkDir = join(modules, "adultwork-sdk");
  const version = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")).version;

  const out = join(dist, "apps");
  const common = {
    bundle: true,
    format: "esm",
    platform: "browser",
    nodePaths: [modules],
    absWorkingDir: root,
    metafile: true,
    logLevel: "warning",
  };
  const bundles = {};
  for (const app of APPS) {
    const outfile = join(out, `${app}.js`);
    const result = await esbuild.build({ ...common, entryPoints: [join(bench, "src/apps", `${app}.js`)], outfile, minify: true });
    const output = Object.values(result.metafile.outputs)[0];
    /** bytes of minified output per package (or bench source) */
    const parts = {};
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const rel = relative(root, join(root, input));
      const m = rel.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
      const key = m ? (m[1] === "adultwork-sdk" ? `adultwork-sdk/${m[2]}` : m[1]) : "app code (bench/src)";
      parts[key] = (parts[key] ?? 0) + bytesInOutput;
    }
    bundles[app] = { file: `dist/apps/${app}.js`, ...sizes(readFileSync(outfile)), parts };
  }
  copyFileSync(join(sdkDir, WASM), join(out, WASM));
  const wasm = { file: `dist/apps/${WASM}`, ...sizes(readFileSync(join(out, WASM))) };

  await esbuild.build({
    ...common,
    entryPoints: [join(bench, "src/apps/sdk.js")],
    outfile: join(dist, "profile/sdk.js"),
    minifyWhitespace: true,
    minifySyntax: true,
  });
  const profile = profileWasm(root, join(sdkDir, WASM), join(dist, "profile", WASM));
  // Whether the published transport sets fetch's `cache` option at all, which is how it could
  // ask for `no-store` (figure 6 explains why that matters): the glue has a setter for every
  // RequestInit field the Rust code uses.
  const noStore = /\.cache\s*=/.test(readFileSync(join(sdkDir, "adultwork_sdk_bg.js"), "utf8"));
  return { tgz, tgzBytes: tgzBytes.length, version, sdkDir, bundles, wasm, profile, noStore, esbuild: esbuild.version };
}

/**
 * The published .wasm has no name section (build.sh strips it), so a CPU profile shows
 * `wasm-function[43]`. When wasm-bindgen's output of the same build is still in the cache
 * ($CACHE/bindgen), this re-runs build.sh's `wasm-opt -Oz` on it with `-g` (names kept) and
 * uses that only if its imports and exports (whose names carry per-build hashes) are exactly
 * the published module's; otherwise the profile uses the published .wasm without names.
 */
function profileWasm(root, published, target) {
  const cache = process.env.CACHE ?? join(process.env.HOME ?? "", ".cache/adultwork-sdk");
  const source = join(cache, "bindgen", WASM);
  const wasmOpt = join(root, "node_modules/.bin/wasm-opt");
  const features = ["--enable-bulk-memory", "--enable-mutable-globals", "--enable-nontrapping-float-to-int",
    "--enable-sign-ext", "--enable-reference-types", "--enable-multivalue"];
  const shape = (bytes) => {
    const m = new WebAssembly.Module(bytes);
    return JSON.stringify([WebAssembly.Module.imports(m), WebAssembly.Module.exports(m)]);
  };
  try {
    execFileSync(wasmOpt, ["-Oz", ...features, "-g", "--strip-producers", source, "-o", target], { stdio: "ignore" });
    if (shape(readFileSync(target)) !== shape(readFileSync(published))) throw new Error("a different build");
    return { names: true, note: `names kept: wasm-opt -Oz -g of ${relative(root, source).startsWith("..") ? source : relative(root, source)}` };
  } catch (e) {
    copyFileSync(published, target);
    return { names: false, note: `published .wasm, no function names (${e.message.split("\n")[0]})` };
  }
}
