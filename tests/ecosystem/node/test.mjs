// (f) Node 20: runs main.mjs (ESM `import`) and require.cjs (CommonJS `require`) as their own
// processes, so each loads the package fresh and prints nothing but its facts: any warning on
// stderr fails the test. require.cjs runs twice: as is, and with require(esm) switched off
// (`--no-experimental-require-module`, how Node before 20.19 behaves): the "require" condition's
// CommonJS entry needs no require(esm). Then, without the Fetch API (`--no-experimental-fetch`),
// a call must name the missing globals. Then type-checks types/ (a CommonJS `require` and an
// ESM `import` consumer) with TypeScript's `module: node20` and `module: node16` rules, against
// the same installed package.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { ROOT, checkFacts, emulator, note } from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
// The contract's names (SDK-CONTRACT.md, Package); later endpoints add more.
const CONTRACT = ["AdultWorkClient", "AdultWorkError", "canCancel", "cancelMadeBooking", "isAdultWorkError", "parseMadeBooking"];
const run = (args) => promisify(execFile)(process.execPath, args, { cwd: here });
note(`node ${process.version}, process.features.require_module: ${process.features.require_module}`);

const RUNS = [
  { script: "main.mjs", flags: [], entry: /node_modules\/adultwork-sdk\/node\.js$/ },
  { script: "require.cjs", flags: [], entry: /node_modules\/adultwork-sdk\/node\.cjs$/ },
  { script: "require.cjs", flags: ["--no-experimental-require-module"], entry: /node_modules\/adultwork-sdk\/node\.cjs$/ },
];
for (const { script, flags, entry } of RUNS) {
  const api = await emulator(); // reseeded: each script cancels booking 1001
  const { stdout, stderr } = await run([...flags, join(here, script), api]);
  assert.equal(stderr, "", `${script} wrote to stderr`);
  const facts = JSON.parse(stdout);
  checkFacts(facts, api, { everyExport: true });
  for (const name of CONTRACT) assert.ok(facts.exports.includes(name), `${script}: no export ${name}`);
  assert.match(facts.entry, entry, `${script}: the entry`);
  if (script === "require.cjs") assert.deepEqual(facts.twoCopies, { distinct: true, recognised: true });
  note(`${[...flags, script].join(" ")}: ok (entry ${facts.entry.replace(/^.*node_modules\//, "")})`);
}

// No Fetch API: an InvalidConfig error naming the missing globals, never "offline, DNS, CORS".
// Without Request & co. the call is not started; without only `fetch` (the caller's `fetch`
// option could stand in) the failed call's NetworkError is its cause.
const CASES = [
  {
    flags: ["--no-experimental-fetch"],
    extra: [],
    globals: { fetch: "undefined", Request: "undefined" },
    message: /^This environment has no global fetch, Request, Response, Headers: .* before the call \(a fetch polyfill does\)\.$/,
    causeKind: undefined,
  },
  {
    flags: [],
    extra: ["only-fetch"],
    globals: { fetch: "undefined", Request: "function" },
    message: /^This environment has no global fetch: .*, or pass your own function as the `fetch` option\.$/,
    causeKind: "NetworkError",
  },
];
for (const { flags, extra, globals, message, causeKind } of CASES) {
  for (const how of ["import", "require"]) {
    const api = await emulator();
    const { stdout } = await run([...flags, join(here, "no-fetch.mjs"), api, how, ...extra]);
    const seen = JSON.parse(stdout);
    assert.deepEqual(seen.globals, globals);
    assert.equal(seen.isAdultWorkError, true);
    assert.equal(seen.kind, "InvalidConfig", seen.message);
    assert.match(seen.message, message);
    assert.doesNotMatch(seen.message, /offline|DNS|CORS/);
    assert.equal(seen.causeKind, causeKind, "the failed call's error is the cause");
    note(`${how}, ${[...flags, ...extra].join(" ")}: ${seen.kind} "${seen.message.slice(0, 60)}…"`);
  }
}

// A copy of the package without its .wasm (as a server bundle that dropped the file would
// leave it): the import fails at once, with a message that names the file, where it looked and
// what to do, instead of a bare ENOENT.
const broken = join(mkdtempSync(join(tmpdir(), "adultwork-sdk-")), "adultwork-sdk");
cpSync(join(here, "node_modules/adultwork-sdk"), broken, { recursive: true });
rmSync(join(broken, "adultwork_sdk_bg.wasm"));
const load = `await import(${JSON.stringify(pathToFileURL(join(broken, "node.js")).href)})`;
const failed = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", load]).then(
  () => null,
  (e) => e,
);
rmSync(dirname(broken), { recursive: true, force: true });
assert.ok(failed, "importing the package without its .wasm must fail");
const reason = /adultwork-sdk could not read its WebAssembly module[^\n]*/.exec(failed.stderr)?.[0];
assert.ok(reason, `no explanation on stderr:\n${failed.stderr}`);
assert.match(reason, /adultwork_sdk_bg\.wasm \(tried: [^)]*adultwork_sdk_bg\.wasm\)/);
assert.match(reason, /serverExternalPackages/);
note(`without the .wasm: the import throws "${reason.slice(0, 90)}…"`);

const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
for (const module of ["node20", "node16"]) {
  await run([tsc, "-p", join(here, "types/tsconfig.json"), "--module", module]).catch((e) => {
    throw new Error(`tsc (module ${module}) failed:\n${e.stdout}${e.stderr}`);
  });
}
note("types/: require.cts and import.mts type-check with module node20 and node16");
