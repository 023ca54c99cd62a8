// (m) Jest 30, as apps run it, against the packed tarball and the emulator. Three Jest projects,
// each run by Jest's own CLI (`jest --ci --runInBand`) in its folder:
//
//   default/   no Jest configuration at all: CommonJS test files (.cjs) in the node and the jsdom
//              environment (`@jest-environment jsdom` docblock), ES module test files (.mjs, Jest's
//              ESM mode: node --experimental-vm-modules) in node, in jsdom with the README's one
//              line (`@jest-environment-options {"customExportConditions": ["node"]}`), and in jsdom
//              without it, where the browser entry must explain itself;
//   babel/     a babel-jest setup (babel.config.cjs with @babel/preset-env), ES module syntax;
//   ts-jest/   ts-jest's preset, the test type-checked with `module: node16`.
//
// Each test file runs tests/ecosystem/shared/scenario.js (support.cjs) in its own environment
// and writes the facts; this driver asserts Jest's JSON report (exactly the expected files and
// tests, all passed) and the facts with harness.mjs (checkFacts, checkLoadFailure), plus the
// entry each file loaded and, for jsdom, that the environment really lacked fetch and
// TextDecoder.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { transformSync } from "esbuild";
import { ECOSYSTEM, ROOT, checkFacts, checkLoadFailure, emulator, note } from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const tool = (path) => join(ROOT, "node_modules", path);
const version = (name) => JSON.parse(readFileSync(tool(`${name}/package.json`), "utf8")).version;
note(`jest ${version("jest")}, jest-environment-jsdom ${version("jest-environment-jsdom")} (jsdom ${version("jsdom")}), ts-jest ${version("ts-jest")}, @babel/core ${version("@babel/core")}`);

// The shared scenario as CommonJS, for test files that Jest runs as CommonJS.
const scenario = readFileSync(join(ECOSYSTEM, "shared/scenario.js"), "utf8");
writeFileSync(join(here, "scenario.cjs"), transformSync(scenario, { format: "cjs", loader: "js" }).code);

const CJS = /node_modules\/adultwork-sdk\/node\.cjs$/;
const NODE = { window: "undefined", fetch: "function", Request: "function", TextDecoder: "function" };
const JSDOM = { window: "object", fetch: "undefined", Request: "undefined", TextDecoder: "undefined" };
/** Per project: Node flags, and per test file what it must show. */
const PROJECTS = {
  default: {
    flags: ["--experimental-vm-modules"],
    files: {
      "node.test.cjs": { entry: CJS, environment: NODE },
      "jsdom.test.cjs": { entry: CJS, environment: JSDOM },
      "node.test.mjs": { environment: NODE },
      "jsdom.test.mjs": { environment: JSDOM },
      "jsdom-browser-entry.test.mjs": { environment: JSDOM, loadFailure: true },
    },
  },
  babel: { flags: [], files: { "cancel.test.js": { entry: CJS, environment: NODE } } },
  "ts-jest": { flags: [], files: { "cancel.test.ts": { environment: NODE } }, tests: 2 },
};

const api = await emulator();
for (const [project, { flags, files, tests = 1 }] of Object.entries(PROJECTS)) {
  const dir = join(here, project);
  const facts = mkdtempSync(join(tmpdir(), "adultwork-jest-"));
  const report = join(facts, "report.json");
  const t0 = Date.now();
  const jest = await promisify(execFile)(
    process.execPath,
    [...flags, tool("jest/bin/jest.js"), "--ci", "--runInBand", "--json", `--outputFile=${report}`],
    { cwd: dir, env: { ...process.env, ADULTWORK_API_URL: api, FACTS_DIR: facts } },
  ).catch((e) => e);
  const result = JSON.parse(readFileSync(report, "utf8"));
  const failures = result.testResults.flatMap((f) => (f.status === "passed" ? [] : [`${f.name}: ${f.message}`]));
  assert.deepEqual(failures, [], `jest (${project}) failed:\n${jest.stderr ?? ""}`);
  assert.deepEqual(result.testResults.map((f) => f.name.slice(dir.length + 1)).sort(), Object.keys(files).sort(), `${project}: test files`);
  assert.equal(result.numPassedTests, Object.keys(files).length * tests, `${project}: tests passed`);
  assert.equal(result.numTotalTests, result.numPassedTests, `${project}: nothing failed or skipped`);

  for (const [file, expected] of Object.entries(files)) {
    const seen = JSON.parse(readFileSync(join(facts, `${file}.json`), "utf8"));
    assert.deepEqual(seen.environment, expected.environment, `${project}/${file}: the environment's globals`);
    if (expected.loadFailure) {
      checkLoadFailure(seen, [
        /adultwork-sdk's browser entry \(index\.js\) is running under Node: its WebAssembly module's URL is file:/,
        /did not apply the "node" export condition/,
        /customExportConditions: \["node"\]/,
      ], { everyExport: true });
    } else {
      checkFacts(seen, api, { everyExport: true });
    }
    if (expected.entry) assert.match(seen.entry, expected.entry, `${project}/${file}: the entry`);
    const how = expected.loadFailure ? `calls reject: "${seen.call.rejected.message.slice(0, 60)}…"` : "scenario passed";
    note(`${project}/${file}: ${how}${seen.entry ? ` (entry ${seen.entry.replace(/^.*node_modules\//, "")})` : ""}`);
  }
  rmSync(facts, { recursive: true, force: true });
  note(`${project}: ${result.numPassedTests} tests passed in ${((Date.now() - t0) / 1000).toFixed(1)}s`);
}
