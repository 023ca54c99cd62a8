// Shared driver code for the ecosystem apps (tests/ecosystem/*/test.mjs): the emulator, a
// static file server, headless Chromium through playwright-core, and the assertions on the
// facts that tests/ecosystem/shared/scenario.js records. Tools (vite, webpack, esbuild,
// playwright-core) resolve from the repository's root node_modules by Node's upward lookup;
// each app resolves "adultwork-sdk" from its own node_modules, where
// scripts/ecosystem-tests.sh installs the packed tarball.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:http";
import { homedir } from "node:os";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

export const ECOSYSTEM = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(ECOSYSTEM, "../..");

/** A line for the summary that scripts/ecosystem-tests.sh prints under the app's name. */
export function note(text) {
  console.log(`  ${text}`);
}

/**
 * The emulator's base URL, reseeded. scripts/ecosystem-tests.sh starts one per app and passes
 * it as ADULTWORK_API_URL; without it (running a driver by hand) one is started here and
 * stopped when this process exits.
 */
export async function emulator() {
  const url = process.env.ADULTWORK_API_URL ?? (await (ownEmulator ??= startEmulator()));
  const reset = await fetch(`${url}/__emulator/reset`, { method: "POST" });
  assert.ok(reset.ok, `emulator reset: HTTP ${reset.status}`);
  return url;
}

/** @type {Promise<string> | undefined} */
let ownEmulator;

/** Starts an emulator on a free port for this process; resolves to its base URL. */
async function startEmulator() {
  // The default of scripts/common.sh, as tests/e2e/example.test.mjs does.
  const cache = process.env.ADULTWORK_CACHE ?? join(homedir(), ".cache", "adultwork-sdk");
  const binary =
    process.env.ADULTWORK_EMULATOR ??
    join(process.env.CARGO_TARGET_DIR ?? join(cache, "target"), "debug", "adultwork-emulator");
  const child = spawn(binary, ["--port", "0", "--quiet"], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  process.on("exit", () => child.kill());
  for (const signal of ["SIGINT", "SIGTERM"]) process.once(signal, () => process.exit(1));
  const url = await new Promise((done, fail) => {
    let seen = "";
    child.stdout.on("data", (chunk) => {
      seen += chunk;
      const match = /^listening on (\S+)/m.exec(seen);
      if (match) done(match[1]);
    });
    child.on("exit", (code) => fail(new Error(`emulator exited (${code}) before listening`)));
    child.on("error", fail);
  });
  // Lets this process end when the test is done; the exit handler stops the emulator.
  child.unref();
  /** @type {import("node:net").Socket} */ (/** @type {unknown} */ (child.stdout)).unref();
  return url;
}

/** The BookingIDs of the cancel requests the emulator received since its last reset, in order. */
export async function cancelsSeen(api) {
  const log = await (await fetch(`${api}/__emulator/requests`)).json();
  return log
    .filter((r) => r.method === "POST" && r.path === "/v1/PhoneChat/CancelMadeBooking")
    .map((r) => JSON.parse(r.body).BookingID);
}

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".map": "application/json",
  ".css": "text/css",
  ".svg": "image/svg+xml",
};

/**
 * Serves `root` on 127.0.0.1 (random port) like a plain static host: files with their type,
 * index.html for directories, 404 otherwise. Its origin differs from the emulator's, so API calls are
 * cross-origin, as in production. `headers(url)` adds response headers to a file's answer
 * (such as a Content-Security-Policy for a page), given the request's URL.
 *
 * @param {string} root
 * @param {{ headers?: (url: URL) => Record<string, string> }} [options]
 */
export async function serveStatic(root, { headers = () => ({}) } = {}) {
  root = resolve(root);
  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://x");
    const path = decodeURIComponent(url.pathname);
    let file = resolve(join(root, path));
    if (path.endsWith("/")) file = join(file, "index.html");
    try {
      if (!file.startsWith(root + sep)) throw new Error("outside the root");
      const body = await readFile(file);
      response.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream", ...headers(url) });
      response.end(body);
    } catch {
      response.writeHead(404, { "Content-Type": "text/plain" });
      response.end("Not Found");
    }
  });
  await new Promise((done) => server.listen(0, "127.0.0.1", done));
  const { port } = /** @type {import("node:net").AddressInfo} */ (server.address());
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((done) => server.close(done)),
  };
}

/**
 * Opens `url` in headless Chromium (a fresh temporary profile), waits for the page to fill
 * <pre id="result" data-state>, and returns its JSON with what the browser saw. Console errors,
 * page errors and failed requests fail the test unless `allow` (predicates on
 * `{ text, url }`) accepts them.
 *
 * @param {string} url
 * @param {{ allow?: ((m: { text: string, url: string }) => boolean)[] }} [options]
 */
export async function runInChromium(url, { allow = [] } = {}) {
  const { launchChromium } = await import("../support/chromium.mjs");
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    /** @type {{ text: string, url: string }[]} */
    const errors = [];
    const warnings = [];
    /** @type {{ url: string, status: number, type: string }[]} */
    const responses = [];
    page.on("console", (m) => {
      const entry = { text: m.text(), url: m.location()?.url ?? "" };
      if (m.type() === "error") errors.push(entry);
      if (m.type() === "warning") warnings.push(entry);
    });
    page.on("pageerror", (e) => errors.push({ text: `uncaught: ${e.stack ?? e}`, url: "" }));
    page.on("requestfailed", (r) => errors.push({ text: `request failed: ${r.failure()?.errorText}`, url: r.url() }));
    page.on("response", (r) =>
      responses.push({ url: r.url(), status: r.status(), type: r.headers()["content-type"] ?? "" }),
    );
    await page.goto(url);
    const result = page.locator("#result[data-state]");
    try {
      await result.waitFor({ state: "attached", timeout: 30_000 });
    } catch (e) {
      const seen = errors.map((m) => `\n  ${m.text} ${m.url}`).join("");
      throw new Error(`the page never reported a result; console errors:${seen || " none"}`, { cause: e });
    }
    const state = await result.getAttribute("data-state");
    const facts = JSON.parse((await result.textContent()) ?? "null");
    assert.equal(state, "done", `the page failed: ${JSON.stringify(facts)}`);
    const unexpected = errors.filter((m) => !(conflictLine(m) || allow.some((ok) => ok(m))));
    assert.deepEqual(unexpected, [], "unexpected browser console errors");
    for (const w of warnings) note(`console warning: ${w.text} (${w.url})`);
    return { facts, responses, errors, warnings };
  } finally {
    await browser.close();
  }
}

/**
 * Runs `fn` with one headless Firefox session (tests/support/firefox.mjs: geckodriver over
 * WebDriver) for several pages, and closes it.
 *
 * @template T
 * @param {(firefox: Awaited<ReturnType<typeof import("../support/firefox.mjs").launchFirefox>>) => Promise<T>} fn
 */
export async function withFirefox(fn) {
  const { launchFirefox } = await import("../support/firefox.mjs");
  const firefox = await launchFirefox();
  try {
    return await fn(firefox);
  } finally {
    await firefox.close();
  }
}

/**
 * Opens `url` in Firefox, waits for the page to fill <pre id="result" data-state> (30 s at most)
 * and returns its JSON. WebDriver shows no console, so pages load shared/record-errors.js
 * first: any uncaught error or unhandled rejection it recorded fails the test.
 *
 * @param {{ goto(url: string): Promise<unknown>, evaluate(script: string): Promise<any> }} firefox
 * @param {string} url
 */
export async function runInFirefox(firefox, url) {
  await firefox.goto(url);
  const read = `const out = document.querySelector("#result[data-state]");
    return out ? { state: out.dataset.state, text: out.textContent, uncaught: window.__uncaught } : null;`;
  const deadline = Date.now() + 30_000;
  let seen = await firefox.evaluate(read);
  while (!seen) {
    if (Date.now() > deadline) {
      const uncaught = await firefox.evaluate("return window.__uncaught;");
      throw new Error(`Firefox: the page never reported a result; uncaught errors: ${JSON.stringify(uncaught)}`);
    }
    await new Promise((done) => setTimeout(done, 50));
    seen = await firefox.evaluate(read);
  }
  const facts = JSON.parse(seen.text ?? "null");
  assert.equal(seen.state, "done", `the page failed in Firefox: ${JSON.stringify(facts)}`);
  assert.ok(Array.isArray(seen.uncaught), "the page did not load shared/record-errors.js");
  assert.deepEqual(seen.uncaught, [], "uncaught errors in Firefox");
  return facts;
}

/** Chromium logs every non-2xx fetch; the 409 of the error case is expected. */
const conflictLine = (m) =>
  /\/v1\/PhoneChat\/CancelMadeBooking$/.test(m.url) && /status of 409 \(Conflict\)/.test(m.text);

/** A `runInChromium` allowance: Chromium's console line for a 404 of `pattern`. */
export const allow404 = (pattern) => (m) =>
  pattern.test(m.url) && /status of 404/.test(m.text);

/** The page URL with the emulator (and extra parameters) in its query. */
export function pageUrl(base, path, api, extra = {}) {
  assert.notEqual(new URL(base).origin, new URL(api).origin, "page and API must be cross-origin");
  const query = new URLSearchParams({ api, ...extra });
  return `${base}${path}?${query}`;
}

const DATETIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,7})?$/;

/**
 * Asserts the facts of `scenario` (tests/ecosystem/shared/scenario.js): booking 1001 came back
 * cancelled as a typed, validated MadeBooking, `canCancel` refuses it, and booking 1005
 * rejected with a real AdultWorkError (Conflict, 409).
 */
export function checkFacts(facts, api, { everyExport = false } = {}) {
  const { booking } = facts;
  // The synchronous API worked at import time: the module was ready without an init call.
  assert.match(facts.client, new RegExp(api.replace(/[.]/g, "\\.")), "String(client) shows the base URL");
  assert.doesNotMatch(facts.client, /test-token/, "String(client) must not show the token");
  assert.equal(facts.misspelt.kind, "InvalidConfig", "a misspelt option throws InvalidConfig");
  assert.equal(facts.misspelt.instanceofAdultWorkError, true);
  assert.equal(facts.freed.kind, "InvalidConfig", "a freed client throws InvalidConfig");
  assert.equal(facts.freed.instanceofAdultWorkError, true);
  assert.match(facts.freed.message, /was freed/);

  assert.equal(facts.plainObject, true, "the booking is a plain object");
  assert.equal(booking.Status, "Cancelled");
  assert.equal(booking.BookingID, 1001);
  assert.equal(booking.Duration, 15);
  assert.equal(booking.Credits, 8);
  assert.equal(booking.Method, 1);
  assert.equal(booking.PhoneNumber, "447700900123");
  assert.equal(booking.CancelledReason, "Ecosystem test: something came up");
  assert.equal(booking.CancelledBy, "BookingClient");
  for (const field of ["CreateDate", "SessionDate", "AcceptBy", "CancelledDate", "LastUpdated"]) {
    assert.match(booking[field], DATETIME, field);
  }
  assert.deepEqual(facts.types, {
    BookingID: "number",
    Duration: "number",
    Credits: "number",
    Status: "string",
    Method: "number",
    PhoneNumber: "string",
    SkypeName: "null",
    CreateDate: "string",
    SessionDate: "string",
    AcceptBy: "string",
    AcceptedDate: "null",
    ConfirmedDate: "null",
    CancelledDate: "string",
    CancelledReason: "string",
    CancelledBy: "string",
    RejectedReason: "null",
    LastUpdated: "string",
    Comments: "string",
    ActionClient: "null",
    Candidate: "object",
  });
  assert.deepEqual(facts.candidateTypes, {
    UserID: "number",
    Nickname: "string",
    PhoneNumber: "null",
    SkypeName: "null",
    Total: "number",
    Positive: "number",
    Neutral: "number",
    Negative: "number",
    Ratings: "number",
    Disputes: "number",
  });
  assert.deepEqual(booking.Candidate, {
    UserID: 3001,
    Nickname: "VelvetVoice",
    PhoneNumber: null,
    SkypeName: null,
    Total: 6,
    Positive: 7,
    Neutral: 0,
    Negative: 1,
    Ratings: 8,
    Disputes: 0,
  });
  assert.equal(facts.integers, true, "IDs and counters are integers");
  assert.deepEqual(facts.canCancel, { ok: false, reason: "AlreadyCancelled" });

  const e = facts.conflict;
  assert.equal(e.resolved, undefined, "cancelling booking 1005 must reject");
  assert.deepEqual(
    { ...e, message: undefined, cause: undefined },
    {
      instanceofAdultWorkError: true,
      instanceofError: true,
      isAdultWorkError: true,
      name: "AdultWorkError",
      kind: "Conflict",
      status: 409,
      serverMessage: "The booking is already cancelled.",
      message: undefined,
      cause: undefined,
    },
  );
  assert.ok(e.message.length > 0 && !e.message.includes("test-token"), `message: ${e.message}`);

  // Called without arguments, every async function rejects; every method of a freed client
  // fails with InvalidConfig (async ones by rejecting); the live client's async methods reject.
  const declared = asyncDeclared();
  checkCalls(facts.calls.functions, declared.functions, "function", undefined, everyExport);
  checkCalls(facts.calls.freedMethods, declared.methods, "freed client's method", (e) => e.kind === "InvalidConfig");
  for (const [name, o] of Object.entries(facts.calls.freedMethods)) {
    assert.ok(o.threw ?? o.rejected, `freed client's ${name}() must fail: ${JSON.stringify(o)}`);
  }
  checkCalls(facts.calls.methods, declared.methods, "method");
}

/**
 * The async exports as the package's declarations say (TypeScript's checker on pkg/index.d.ts,
 * the declarations the tarball ships): functions and AdultWorkClient methods returning a Promise.
 * Independent of how the build decided which to wrap.
 *
 * @returns {{ functions: string[], methods: string[] }}
 */
export function asyncDeclared() {
  if (declaredCache) return declaredCache;
  const ts = require("typescript");
  const file = join(ROOT, "pkg/index.d.ts");
  const program = ts.createProgram([file], { strict: true, noEmit: true, types: [], lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(/** @type {import("typescript").SourceFile} */ (program.getSourceFile(file)));
  assert.ok(module, `no module symbol for ${file}`);
  /** @param {import("typescript").Type} type */
  const returnsPromise = (type) =>
    type.getCallSignatures().some((sig) => checker.getReturnTypeOfSignature(sig).getSymbol()?.getName() === "Promise");
  const functions = [];
  const methods = [];
  for (const symbol of checker.getExportsOfModule(module)) {
    const resolved = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    if (resolved.flags & ts.SymbolFlags.Function && returnsPromise(checker.getTypeOfSymbol(resolved))) functions.push(symbol.getName());
    if (resolved.getName() === "AdultWorkClient" && resolved.flags & ts.SymbolFlags.Class) {
      const instance = checker.getDeclaredTypeOfSymbol(resolved);
      for (const member of instance.getProperties()) {
        if (returnsPromise(checker.getTypeOfSymbol(member))) methods.push(member.getName());
      }
    }
  }
  assert.ok(functions.length > 0 && methods.length > 0, `no async exports found in ${file}`);
  return (declaredCache = { functions: functions.sort(), methods: methods.sort() });
}
let declaredCache;

/** Every value (function, class, constant) pkg/index.d.ts exports, by TypeScript's checker. */
export function valueExports() {
  const ts = require("typescript");
  const file = join(ROOT, "pkg/index.d.ts");
  const program = ts.createProgram([file], { strict: true, noEmit: true, types: [], lib: ["lib.es2022.d.ts", "lib.dom.d.ts"] });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(/** @type {import("typescript").SourceFile} */ (program.getSourceFile(file)));
  assert.ok(module, `no module symbol for ${file}`);
  return checker
    .getExportsOfModule(module)
    .filter((s) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s).flags & ts.SymbolFlags.Value)
    .map((s) => s.getName())
    .sort();
}
const require = createRequire(import.meta.url);

/**
 * Asserts the outcomes of calling every function (or method) of the SDK: each one `asyncNames`
 * lists returned a promise that rejected with an AdultWorkError (for which `kindOk` holds), and
 * every one that returned a promise is in `asyncNames` (so the list is the package's truth).
 * Apps that import a few names (as apps do, which also tests tree-shaking) hand the scenario
 * only those; `everyExport` says the app handed over the whole module, so every declared one
 * must have been called.
 *
 * @param {Record<string, any>} outcomes what scenario.js recorded, by name
 * @param {string[]} asyncNames
 * @param {string} what
 * @param {(e: Record<string, any>) => boolean} [kindOk]
 * @param {boolean} [everyExport]
 */
export function checkCalls(outcomes, asyncNames, what, kindOk = () => true, everyExport = true) {
  const called = asyncNames.filter((name) => everyExport || name in outcomes);
  assert.ok(called.length > 0, `no async ${what} was called: ${Object.keys(outcomes)}`);
  for (const name of called) {
    const o = outcomes[name];
    assert.ok(o, `${what} ${name} is declared async but was not called`);
    assert.equal(o.threw, undefined, `${what} ${name} threw synchronously instead of rejecting: ${JSON.stringify(o.threw)}`);
    assert.ok(o.rejected, `${what} ${name} must reject: ${JSON.stringify(o)}`);
    assert.equal(o.rejected.instanceofAdultWorkError, true, `${what} ${name} rejected with ${JSON.stringify(o.rejected)}`);
    assert.ok(kindOk(o.rejected), `${what} ${name} rejected with kind ${o.rejected.kind}: ${o.rejected.message}`);
    assert.doesNotMatch(o.rejected.message, /test-token/);
  }
  const promised = Object.keys(outcomes).filter((n) => outcomes[n].rejected || outcomes[n].resolved);
  assert.deepEqual(promised.sort(), [...called].sort(), `the ${what}s that returned a promise`);
}

/**
 * Asserts the facts of `loadFailureScenario`: the import succeeded, every async function
 * rejected (never threw) and every synchronous one, like `new AdultWorkClient`, threw, each
 * with an AdultWorkError (kind NetworkError) whose message matches every pattern.
 *
 * @param {Record<string, any>} facts
 * @param {RegExp[]} patterns
 */
export function checkLoadFailure(facts, patterns, { everyExport = false } = {}) {
  const { functions } = asyncDeclared();
  const failed = (e, what) => {
    assert.equal(e?.instanceofAdultWorkError, true, `${what}: ${JSON.stringify(e)}`);
    assert.equal(e.instanceofError, true);
    assert.equal(e.name, "AdultWorkError");
    assert.equal(e.kind, "NetworkError", `${what}: ${e.message}`);
    for (const pattern of patterns) assert.match(e.message, pattern, what);
  };
  assert.equal(facts.call.threw, undefined, "cancelMadeBooking(…) threw synchronously instead of rejecting");
  failed(facts.call.rejected, "cancelMadeBooking(…) rejects");
  failed(facts.sync, "new AdultWorkClient(…) throws");
  checkCalls(facts.functions, functions, "function", (e) => e.kind === "NetworkError", everyExport);
  for (const [name, o] of Object.entries(facts.functions)) {
    if (name === "isAdultWorkError") continue; // errors.js: plain JavaScript, works without the .wasm
    failed(functions.includes(name) ? o.rejected : o.threw, `${name}(…)`);
  }
}

/** Asserts the facts of `loadFailureScenario` without the .wasm: the message says what to copy. */
export function checkMissingWasm(facts) {
  checkLoadFailure(facts, [
    /adultwork_sdk_bg\.wasm/,
    /With esbuild, add it as an entry point \(esbuild app\.js adultwork_sdk_bg=adultwork-sdk\/adultwork_sdk_bg\.wasm --loader:\.wasm=copy/,
    /copy it from node_modules\/adultwork-sdk\//,
  ]);
}

/** The browser's requests for the .wasm, for the report. */
export function wasmResponses(responses) {
  return responses.filter((r) => /\.wasm(\?|$)/.test(r.url));
}

/** One line per .wasm response: path, status, type. */
export function describeWasm(responses, base) {
  return wasmResponses(responses)
    .map((r) => `${r.url.replace(base, "")} → ${r.status} ${r.type.split(";")[0]}`)
    .join(", ");
}

/** A tool's version, as installed in the root node_modules (for the summary lines). */
export function toolVersion(name) {
  return JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
}

/** `tsc -p <project>` with the root TypeScript; rejects with its output when it fails. */
export async function typecheck(project, ...args) {
  const tsc = join(ROOT, "node_modules/typescript/bin/tsc");
  await new Promise((done, fail) =>
    execFile(process.execPath, [tsc, "-p", project, ...args], (error, stdout, stderr) =>
      error ? fail(new Error(`tsc -p ${project} ${args.join(" ")} failed:\n${stdout}${stderr}`)) : done(),
    ),
  );
}

/**
 * Vite's `build` of the app in `root` into `root/dist`, no config file, with `extra` config;
 * resolves to the warnings it logged (an app asserts there are none), rejects on error.
 */
export async function viteBuild(root, extra = {}) {
  const { build } = await import("vite");
  /** @type {string[]} */
  const warnings = [];
  const log = (message) => warnings.push(message);
  await build({
    root,
    configFile: false,
    logLevel: "silent",
    customLogger: {
      info() {},
      warn: log,
      warnOnce: log,
      error: log,
      clearScreen() {},
      hasErrorLogged: () => false,
      hasWarned: false,
    },
    build: { outDir: join(root, "dist"), emptyOutDir: true },
    ...extra,
  });
  return warnings;
}
