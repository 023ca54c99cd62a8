// Builds what the browser benchmarks load, the way an app would ship it:
// - the published package, unpacked from pkg/adultwork-sdk-<v>.tgz into
//   dist/node_modules/adultwork-sdk (exactly what `npm install adultwork-sdk` gives an app);
// - with `before` (a tarball of an earlier build, scripts/bench.sh --before), that package
//   unpacked into dist/before/node_modules and the SDK apps bundled against it into
//   dist/before/ with its own .wasm: the same app sources, the other package;
// - one esbuild bundle per app (src/apps/*.js): bundle, minify, ESM, browser platform, all
//   other options at esbuild's defaults; the SDK's .wasm copied next to the bundles (esbuild
//   does not copy files referenced with `new URL(…, import.meta.url)`, as the README says);
// - dist/profile/: the SDK app bundled without identifier minification, next to a copy of the
//   .wasm that keeps its function names, only for the CPU profile (readable names); never
//   used for a figure. See profileWasm().
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import * as esbuild from "esbuild";

export const APPS = ["none", "sdk", "zod", "valibot", "kyzod", "sdk-only", "sdk-mix"];
/** The apps bundled against the before package too (dist/before/<app>.js). */
export const BEFORE_APPS = ["sdk", "sdk-only"];
export const WASM = "adultwork_sdk_bg.wasm";

/** raw, gzip -9 and brotli quality 11 sizes of a buffer (as scripts/sizes.mjs measures them) */
export function sizes(buf) {
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
}

/**
 * Unpacks a packed tarball into `<modules>/adultwork-sdk`, from a copy read once (the tarball
 * may be rebuilt while the benchmarks run).
 * @returns {{ sdkDir: string, version: string, tgzBytes: number }}
 */
export function unpack(tgzPath, modules) {
  mkdirSync(modules, { recursive: true });
  const tmp = mkdtempSync(join(tmpdir(), "aw-bench-"));
  const bytes = readFileSync(tgzPath);
  writeFileSync(join(tmp, "package.tgz"), bytes);
  execFileSync("tar", ["-xzf", join(tmp, "package.tgz"), "-C", tmp]);
  const sdkDir = join(modules, "adultwork-sdk");
  rmSync(sdkDir, { recursive: true, force: true });
  renameSync(join(tmp, "package"), sdkDir);
  rmSync(tmp, { recursive: true, force: true });
  const version = JSON.parse(readFileSync(join(sdkDir, "package.json"), "utf8")).version;
  return { sdkDir, version, tgzBytes: bytes.length };
}

/**
 * Bundles one app (`src/apps/<app>.js`) the way an app ships it, with "adultwork-sdk"
 * resolved from `modules`: bundle, minify, ESM, browser platform, other options at esbuild's
 * defaults. Returns its sizes and the bytes of minified output per package.
 */
export async function bundleApp({ root, bench, app, outfile, modules, minify = true }) {
  const result = await esbuild.build({
    bundle: true,
    format: "esm",
    platform: "browser",
    nodePaths: [modules],
    absWorkingDir: root,
    metafile: true,
    logLevel: "warning",
    entryPoints: [join(bench, "src/apps", `${app}.js`)],
    outfile,
    ...(minify ? { minify: true } : { minifyWhitespace: true, minifySyntax: true }),
  });
  const output = Object.values(result.metafile.outputs)[0];
  /** bytes of minified output per package (or bench source) */
  const parts = {};
  for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
    const rel = relative(root, join(root, input));
    const m = rel.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/);
    const key = m ? (m[1] === "adultwork-sdk" ? `adultwork-sdk/${m[2]}` : m[1]) : "app code (bench/src)";
    parts[key] = (parts[key] ?? 0) + bytesInOutput;
  }
  return { file: relative(bench, outfile), ...sizes(readFileSync(outfile)), parts };
}

/**
 * @param {string} root repo root @param {string} bench bench/
 * @param {{ before?: string, beforeLabel?: string }} [options] `before`: the path of an earlier package's tarball
 * @returns the bundles' facts
 */
export async function buildAll(root, bench, { before, beforeLabel } = {}) {
  const dist = join(bench, "dist");
  rmSync(dist, { recursive: true, force: true });
  const tgz = readdirSync(join(root, "pkg")).find((f) => f.endsWith(".tgz"));
  if (!tgz) throw new Error("pkg/ has no .tgz: run ./scripts/build.sh");
  const modules = join(dist, "node_modules");
  const { sdkDir, version, tgzBytes } = unpack(join(root, "pkg", tgz), modules);

  const out = join(dist, "apps");
  const bundles = {};
  for (const app of APPS) bundles[app] = await bundleApp({ root, bench, app, outfile: join(out, `${app}.js`), modules });
  copyFileSync(join(sdkDir, WASM), join(out, WASM));
  const wasmBytes = readFileSync(join(out, WASM));
  const wasm = { file: `dist/apps/${WASM}`, ...sizes(wasmBytes), sha256: createHash("sha256").update(wasmBytes).digest("hex") };

  let beforeBuild = null;
  if (before) {
    const beforeModules = join(dist, "before", "node_modules");
    const unpacked = unpack(before, beforeModules);
    const beforeOut = join(dist, "before");
    const beforeBundles = {};
    for (const app of BEFORE_APPS) {
      beforeBundles[app] = await bundleApp({ root, bench, app, outfile: join(beforeOut, `${app}.js`), modules: beforeModules });
    }
    copyFileSync(join(unpacked.sdkDir, WASM), join(beforeOut, WASM));
    beforeBuild = {
      tgz: before,
      label: beforeLabel ?? before,
      version: unpacked.version,
      tgzBytes: unpacked.tgzBytes,
      sdkDir: unpacked.sdkDir,
      bundles: beforeBundles,
      wasm: { file: `dist/before/${WASM}`, ...sizes(readFileSync(join(beforeOut, WASM))) },
    };
  }

  await bundleApp({ root, bench, app: "sdk", outfile: join(dist, "profile/sdk.js"), modules, minify: false });
  const profile = profileWasm(root, join(sdkDir, WASM), join(dist, "profile", WASM));
  // Whether the published transport sets fetch's `cache` option at all, which is how it could
  // ask for `no-store` (figure 6 explains why that matters): the glue has a setter for every
  // RequestInit field the Rust code uses.
  const noStore = /\.cache\s*=/.test(readFileSync(join(sdkDir, "adultwork_sdk_bg.js"), "utf8"));
  return { tgz, tgzBytes, version, sdkDir, bundles, wasm, profile, noStore, esbuild: esbuild.version, before: beforeBuild };
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
