// (l) The README's MSW recipes ("Testing your app"), as an app's own tests would use them:
// src/bookings.ts is app code that calls cancelMadeBooking; src/bookings.test.ts is its Vitest
// test, with MSW's setupServer (msw/node) answering the SDK's fetch; browser/ is a page that
// does the same with setupWorker (msw/browser) and MSW's service worker. This driver
//
// 1. type-checks the app, its test and the page with `tsc --strict` against the installed
//    package's types (the fixture is a `MadeBooking`, `expectTypeOf` pins the result type);
// 2. runs Vitest once (`vitest run`, no config) and asserts from its JSON report that exactly
//    the expected tests ran and passed: nothing skipped, nothing missing, nothing extra;
// 3. writes mockServiceWorker.js with `msw init` into a temporary public folder, serves the page
//    with Vite's dev server and opens it in headless Chromium: the page is controlled by that
//    worker, the cancel resolves to the fixture and the 409 rejects with an AdultWorkError of
//    kind Conflict and the server's message.
//
// Nothing here needs the emulator: every request is answered by MSW, and an unhandled one is an
// error (onUnhandledRequest: "error"), so neither can pass by reaching a real server.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createServer } from "vite";
import { ROOT, note, runInChromium, toolVersion, typecheck } from "../harness.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const run = promisify(execFile);
const tool = (path) => join(ROOT, "node_modules", path);

const EXPECTED = [
  "resolves to the validated MadeBooking the API answered",
  "a 409 rejects with an AdultWorkError of kind Conflict and the server's message",
  "an answer that is not a valid MadeBooking rejects with InvalidResponse",
  "the fetch option is a test double: the SDK's Request in, a Response out",
];

await typecheck(join(here, "tsconfig.json"));
note("tsc --strict: src/ and browser/main.ts type-check against the installed types");

const out = mkdtempSync(join(tmpdir(), "msw-vitest-"));
const report = join(out, "report.json");
try {
  const vitest = [tool("vitest/vitest.mjs"), "run", "--root", here, "--reporter=default", "--reporter=json",
    `--outputFile.json=${report}`];
  const { stdout, stderr } = await run(process.execPath, vitest, {
    cwd: here,
    env: { ...process.env, CI: "1", NO_COLOR: "1" },
  }).catch((e) => {
    throw new Error(`vitest run failed (exit ${e.code}):\n${e.stdout}${e.stderr}`);
  });
  // Into the log only: lines that start with two spaces are the summary's (ecosystem-tests.sh).
  console.log(`${stdout}${stderr}`.replace(/^/gm, "vitest| "));
  const json = JSON.parse(readFileSync(report, "utf8"));
  const results = json.testResults.flatMap((file) => file.assertionResults);
  assert.deepEqual(
    results.map((r) => [r.title, r.status]).sort(),
    EXPECTED.map((title) => [title, "passed"]).sort(),
    "the Vitest tests that ran, and their results",
  );
  assert.equal(json.numFailedTests, 0);
  assert.equal(json.numPendingTests, 0);
  note(`vitest ${toolVersion("vitest")} + msw ${toolVersion("msw")}: ${results.length} tests passed (setupServer from msw/node)`);

  // The browser: MSW's service worker, as `npx msw init <public dir>` writes it.
  const publicDir = join(out, "public");
  await run(process.execPath, [tool("msw/cli/index.js"), "init", publicDir, "--no-save"]);
  const server = await createServer({
    root: here,
    configFile: false,
    publicDir,
    logLevel: "warn",
    clearScreen: false,
    server: { host: "127.0.0.1", port: 0, fs: { allow: [ROOT] } },
    optimizeDeps: { force: true },
  });
  try {
    await server.listen();
    const base = server.resolvedUrls?.local[0]?.replace(/\/$/, "");
    assert.ok(base, "Vite printed no local URL");
    const { facts } = await runInChromium(`${base}/browser/`);
    assert.deepEqual(facts, {
      controlled: `${base}/mockServiceWorker.js`,
      equalsFixture: true,
      status: "Cancelled",
      conflict: {
        instanceofAdultWorkError: true,
        kind: "Conflict",
        status: 409,
        serverMessage: "The booking is already cancelled.",
      },
    });
    note("browser (Chromium, Vite dev server): setupWorker from msw/browser answered both calls");
  } finally {
    await server.close();
  }
} finally {
  rmSync(out, { recursive: true, force: true });
}
