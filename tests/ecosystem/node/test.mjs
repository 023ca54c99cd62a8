// (f) Node 20: runs main.mjs (ESM `import`) and require.cjs (CommonJS `require`) as their own
// processes, so each loads the package fresh and prints nothing but its facts: any warning
// on stderr (such as an ExperimentalWarning for require(esm)) fails the test. Then
// type-checks types/ (a CommonJS `require` and an ESM `import` consumer) with TypeScript's
// `module: node20` rules, against the same installed package.
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
note(`node ${process.version}, process.features.require_module: ${process.features.require_module}`);

// require(esm) is a Node feature (≥ 20.19, ≥ 22.12): without it, CommonJS apps need `import()`.
const scripts = process.features.require_module ? ["main.mjs", "require.cjs"] : ["main.mjs"];
if (scripts.length === 1) note("require.cjs: skipped, this Node cannot require() ES modules");
for (const script of scripts) {
  const api = await emulator(); // reseeded: each script cancels booking 1001
  const { stdout, stderr } = await promisify(execFile)(process.execPath, [join(here, script), api], { cwd: here });
  assert.equal(stderr, "", `${script} wrote to stderr`);
  const facts = JSON.parse(stdout);
  checkFacts(facts, api);
  for (const name of CONTRACT) assert.ok(facts.exports.includes(name), `${script}: no export ${name}`);
  assert.match(facts.entry, /node_modules\/adultwork-sdk\/node\.js$/, "the \"node\" condition selects node.js");
  if (script === "require.cjs") assert.equal(facts.sameInstance, true, "require and import share one module");
  note(`${script}: ok (entry ${facts.entry.replace(/^.*node_modules\//, "")})`);
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
await promisify(execFile)(process.execPath, [tsc, "-p", join(here, "types/tsconfig.json")]).catch((e) => {
  throw new Error(`tsc (module node20) failed:\n${e.stdout}${e.stderr}`);
});
note("types/: require.cts and import.mts type-check with module node20");
