// (g) Next.js 16, App Router, no next.config: `next build` (Turbopack, Next's default) then
// `next start`, and three places that import the SDK by name:
//
//   /              a client component ("use client", static import) that runs the scenario in
//                  the browser: Turbopack emits the .wasm under /_next/static/media/. Next also
//                  renders the component on the server (prerendering at build time), where the
//                  import is evaluated with the package's "node" entry.
//   /api/scenario  a route handler (Node.js runtime): runs the scenario on the server and
//                  answers with the facts as JSON.
//   /server        a server component (dynamic): runs the scenario while rendering.
//
// The build must pass without warnings and must not rewrite the committed tsconfig.json. It
// must need no network: it runs in a network namespace of its own with no interface up
// (`unshare -n`, where this user may: root on CI and here), so any download or telemetry call
// would fail it. SWC's native binary comes from @next/swc-linux-x64-gnu in the lockfile (the
// "(Turbopack)" banner shows the native bindings loaded: the WebAssembly fallback has no
// Turbopack); telemetry is off (NEXT_TELEMETRY_DISABLED=1). Then the same three pages on `next dev` (Turbopack), which
// compiles each on first request. Turbopack's compiler caches (.next/cache, .next/dev/cache)
// are kept between runs under the project's cache directory; the build output is not: every
// run builds the freshly installed tarball.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT, cancelsSeen, checkFacts, describeWasm, emulator, note, pageUrl, runInChromium } from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const NEXT = join(ROOT, "node_modules/next/dist/bin/next");
// Next sets NODE_ENV itself (production for build and start, development for dev).
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
delete env.NODE_ENV;

/**
 * Runs `next <args>` in the app (`isolated`: without network); resolves to its output once it
 * exits with 0, or (with `until`) to the first line matching it while the process keeps running.
 *
 * @param {string[]} args
 * @param {{ until?: RegExp, isolated?: boolean }} [options]
 */
function next(args, { until, isolated = false } = {}) {
  const command = [process.execPath, NEXT, ...args];
  if (isolated) command.unshift("unshare", "--net", "--");
  const child = spawn(command[0], command.slice(1), { cwd: here, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const done = new Promise((resolve, reject) => {
    const seen = (chunk) => {
      output += chunk;
      const match = until?.exec(output);
      if (match) resolve({ child, output, match });
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", seen);
    child.on("error", reject);
    child.on("exit", (code, signal) => {
      if (code === 0 && !until) resolve({ child, output, match: null });
      else reject(new Error(`next ${args.join(" ")} exited (${code ?? signal}):\n${output}`));
    });
  });
  return { child, done };
}

// Turbopack's compiler caches live under the project's cache directory (kept across fresh
// clones, like the cargo target dir); the rest of .next/ is built anew.
const caches = join(process.env.ADULTWORK_CACHE ?? join(homedir(), ".cache", "adultwork-sdk"), "nextjs");
rmSync(join(here, ".next"), { recursive: true, force: true });
for (const [cache, link] of [
  ["build", ".next/cache"],
  ["dev", ".next/dev/cache"],
]) {
  mkdirSync(join(caches, cache), { recursive: true });
  mkdirSync(dirname(join(here, link)), { recursive: true });
  symlinkSync(join(caches, cache), join(here, link));
}

const tsconfig = readFileSync(join(here, "tsconfig.json"), "utf8");
const isolated = spawnSync("unshare", ["--net", "--", "true"]).status === 0;
const t0 = performance.now();
const { output: built } = await next(["build"], { isolated }).done;
const buildSeconds = ((performance.now() - t0) / 1000).toFixed(1);
assert.equal(readFileSync(join(here, "tsconfig.json"), "utf8"), tsconfig, "next build rewrote tsconfig.json");
assert.doesNotMatch(built, /⚠|\bwarn/i, "next build printed a warning");
assert.doesNotMatch(built, /download/i, "next build tried to download something");
assert.match(built, /Next\.js 16\.\d+\.\d+ \(Turbopack\)/, "built by Next.js 16 with Turbopack");
assert.match(built, /Finished TypeScript/, "next build type-checked the app (strict tsconfig.json)");
assert.ok(existsSync(join(ROOT, "node_modules/@next/swc-linux-x64-gnu")), "SWC's native binary is installed");
const media = readdirSync(join(here, ".next/static/media"));
assert.ok(media.some((f) => /^adultwork_sdk_bg\.[\w-]+\.wasm$/.test(f)), `Turbopack emitted the .wasm: ${media}`);
// The browser chunks must not carry this machine's paths (a bare `import.meta.url` would).
for (const file of readdirSync(join(here, ".next/static/chunks"), { recursive: true })) {
  if (!String(file).endsWith(".js")) continue;
  const code = readFileSync(join(here, ".next/static/chunks", String(file)), "utf8");
  assert.ok(!code.includes(ROOT), `browser chunk ${file} contains the build machine's path ${ROOT}`);
}
note(
  `next build: ${buildSeconds}s (${/Next\.js [\d.]+ \(\w+\)/.exec(built)?.[0]}, ` +
    `${isolated ? "no network" : "with network: unshare --net is not permitted here"}); ` +
    `emitted .next/static/media/${media.join(", ")}`,
);

/**
 * Starts `next <command>` on a free port and runs the three pages against it.
 *
 * @param {"start" | "dev"} command
 */
async function pages(command) {
  const server = next([command, "--port", "0", "--hostname", "127.0.0.1"], { until: /Local:\s+(http:\/\/\S+)/ });
  try {
    const base = (await server.done).match[1];

    let api = await emulator();
    const client = await runInChromium(pageUrl(base, "/", api));
    checkFacts(client.facts, api);
    // The scenario ran once (React runs effects twice in development).
    assert.deepEqual(await cancelsSeen(api), [1001, 1005], "the cancels the emulator received");
    note(`next ${command}, client component: scenario passed in the browser; wasm: ${describeWasm(client.responses, base)}`);

    api = await emulator();
    const response = await fetch(pageUrl(base, "/api/scenario", api));
    const facts = await response.json();
    assert.equal(response.status, 200, `route handler: ${JSON.stringify(facts)}`);
    checkFacts(facts, api);
    note(`next ${command}, route handler (Node.js runtime): scenario passed on the server`);

    api = await emulator();
    const rendered = await runInChromium(pageUrl(base, "/server", api));
    checkFacts(rendered.facts, api);
    note(`next ${command}, server component: scenario passed while rendering`);
  } finally {
    server.child.kill();
    await new Promise((done) => (server.child.exitCode === null ? server.child.once("exit", done) : done()));
  }
}

await pages("start");
await pages("dev");
