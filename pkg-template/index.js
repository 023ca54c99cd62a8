// adultwork-sdk entry for browsers, workers and bundlers (the "module" and "default" export
// conditions; Node takes node.js, and `require` node.cjs, instead). Why it looks like this:
//
// - No init call for users. The SDK has synchronous functions (`new AdultWorkClient(...)`
//   validates its options and throws; `canCancel`; `parseMadeBooking`), so the module must be
//   instantiated before the importer runs: a top-level `await` does that. Vite, webpack 5,
//   esbuild (ESM output) and every current browser support it. To keep it off your app's
//   start-up path, `await import("adultwork-sdk")` where you first need it.
// - The .wasm is a separate file, fetched and compiled while it downloads (`compileStreaming`
//   when the server sends `application/wasm`). `new URL("./…", import.meta.url)` is the
//   pattern bundlers recognise: Vite and webpack copy the file into the build and rewrite the URL.
// - Vite's dev server serves pre-bundled dependencies from `node_modules/.vite/deps/`. Vite 8
//   rewrites that URL to the package's own folder; older versions left it pointing into
//   `.vite/deps/`, where there is no .wasm (the dev server answers with its index.html). For
//   such a URL the loader fetches the package's own copy instead, so no `optimizeDeps.exclude`
//   is needed with either (tests/ecosystem/vite-dev runs both).
// - `import.meta.url` appears only inside that `new URL(…)`: webpack replaces any other use
//   with the module's `file://` path on the build machine, which would end up in apps' bundles.
// - esbuild and Angular's build do not copy files referenced this way: esbuild needs the .wasm
//   as an entry point of its own with the copy loader, Angular an `assets` entry in angular.json
//   (the README's recipes). If the file cannot be loaded, the import still succeeds and every
//   call fails with an AdultWorkError that says what to change (the tool's setting, when the
//   page shows which tool built it), instead of breaking your whole app at start-up. Async
//   functions reject (calls.js), synchronous ones and `new AdultWorkClient` throw.
// - The same when a Content-Security-Policy refuses the .wasm (no 'wasm-unsafe-eval' in
//   script-src, or its origin missing from connect-src): the message names the source to add.
// - Angular's dev server (`ng serve`) pre-bundles dependencies into `.angular/cache/…/vite/deps/`
//   and serves them from there; the .wasm is not next to them. For such a URL the loader fetches
//   the copy that the `assets` entry puts at the app's base URL, so `ng serve` needs nothing more
//   than `ng build` does.
// - A `file:` URL means this browser entry runs under Node (a test runner that resolved the
//   package without the "node" condition): the message says so and names the condition.
// - wasm-bindgen's glue (`adultwork_sdk_bg.js`) is used as generated, but for the renames and
//   the load-time TextDecoder stand-in that scripts/assemble-pkg.mjs explains; the loading is
//   ours (imports.js builds the import object), and so is how calls fail (calls.js).

import { AdultWorkError } from "./errors.js";
import { failedToLoad } from "./calls.js";
import { glue, importsFor, start } from "./imports.js";

const FILE = "adultwork_sdk_bg.wasm";
const url = wasmUrl(new URL("./adultwork_sdk_bg.wasm", import.meta.url));

/** @param {URL | string} from @returns {Promise<WebAssembly.Module>} */
async function compile(from) {
  const response = await fetch(from);
  if (!response.ok) throw new Error(`HTTP ${response.status} for ${from}`);
  const type = response.headers.get("Content-Type") || "";
  // Streaming compilation needs the application/wasm type; some static servers omit it.
  if (typeof WebAssembly.compileStreaming === "function" && type.startsWith("application/wasm")) {
    return WebAssembly.compileStreaming(response);
  }
  return WebAssembly.compile(await response.arrayBuffer());
}

/**
 * The .wasm's URL. In a copy pre-bundled by a dev server: for an older Vite
 * (`/node_modules/.vite/deps/adultwork_sdk_bg.wasm`), the package's own file
 * (`/node_modules/adultwork-sdk/adultwork_sdk_bg.wasm`); for Angular's
 * (`/.angular/cache/…/vite/deps/`), the one its `assets` entry serves at the app's base URL.
 *
 * @param {URL} bundled
 */
function wasmUrl(bundled) {
  if (bundled.pathname.includes("/node_modules/.vite/")) return new URL(`../../adultwork-sdk/${FILE}`, bundled);
  if (bundled.pathname.includes("/.angular/cache/") && globalThis.document) return new URL(FILE, document.baseURI);
  return bundled;
}

async function load() {
  const module = await compile(url);
  start(await WebAssembly.instantiate(module, importsFor(module)));
}

/**
 * What to tell the developer when loading failed. A Content-Security-Policy refusal gets its
 * own message naming the source to add: without `'wasm-unsafe-eval'` in `script-src` the
 * browser refuses to compile (a CompileError that mentions the CSP, and a
 * `securitypolicyviolation` event for "wasm-eval"); a `connect-src` without the .wasm's
 * origin makes the fetch fail (a bare TypeError, so only the event tells).
 *
 * @param {unknown} cause
 * @param {SecurityPolicyViolationEvent[]} violations seen while loading
 */
function loadFailureMessage(cause, violations) {
  if (String(url).startsWith("file:")) return underNode();
  if (typeof fetch !== "function") {
    return (
      `adultwork-sdk could not load its WebAssembly module from ${url}: this environment has no global ` +
      "fetch, which the SDK needs to load it and to send requests. Define globalThis.fetch before importing the SDK."
    );
  }
  const text = String(/** @type {{ message?: unknown }} */ (cause)?.message ?? cause);
  const name = /** @type {{ name?: unknown }} */ (cause)?.name;
  const evalRefused =
    violations.some((v) => v.blockedURI === "wasm-eval") ||
    ((name === "CompileError" || name === "EvalError") && /Content.Security.Policy|\bCSP\b|unsafe-eval/i.test(text));
  if (evalRefused) {
    return (
      "adultwork-sdk could not compile its WebAssembly module: the page's Content-Security-Policy " +
      "does not allow WebAssembly. Add 'wasm-unsafe-eval' to its script-src directive (for example " +
      "script-src 'self' 'wasm-unsafe-eval'); it allows compiling WebAssembly, not JavaScript eval."
    );
  }
  // The .wasm's absolute URL (bundlers may have made `url` relative to the page).
  const wasm = new URL(String(url), globalThis.location?.href);
  // A cross-origin blocked URL is reported as its origin only.
  const blocked = violations.some(
    (v) => v.effectiveDirective === "connect-src" && (v.blockedURI === wasm.href || v.blockedURI === wasm.origin),
  );
  if (blocked) {
    const source = wasm.origin === globalThis.location?.origin ? "'self'" : wasm.origin;
    return (
      `adultwork-sdk could not load its WebAssembly module from ${wasm}: the page's ` +
      `Content-Security-Policy blocked the request. Add ${source} to its connect-src directive ` +
      "(next to the API's origin)."
    );
  }
  return notLoaded();
}

/** The .wasm was not where the URL points: say how to ship it with the tool that built the page. */
function notLoaded() {
  const where = `adultwork-sdk could not load its WebAssembly module (${FILE}) from ${url}. `;
  // Angular marks its root component with `ng-version`; its dev server serves from .angular/.
  const angular = String(url).includes("/.angular/") || !!globalThis.document?.querySelector?.("[ng-version]");
  if (angular) {
    return (
      where +
      "Angular's build does not copy it: add it to the assets of your angular.json build options: " +
      '{ "glob": "adultwork_sdk_bg.wasm", "input": "node_modules/adultwork-sdk", "output": "/" }.'
    );
  }
  return (
    where +
    "Serve that file next to the JavaScript that imports the SDK. With esbuild, add it as an " +
    "entry point (esbuild app.js adultwork_sdk_bg=adultwork-sdk/adultwork_sdk_bg.wasm " +
    "--loader:.wasm=copy ...) or copy it from node_modules/adultwork-sdk/ into your output folder."
  );
}

/** This browser entry under Node: the resolver did not apply the "node" condition. */
const underNode = () =>
  `adultwork-sdk's browser entry (index.js) is running under Node: its WebAssembly module's URL is ${url}, ` +
  'a file. The tool that resolved "adultwork-sdk" did not apply the "node" export condition, which selects ' +
  "the Node entry (node.js for import, node.cjs for require). In Jest's jsdom environment with ES modules, " +
  'set testEnvironmentOptions: { customExportConditions: ["node"] } (or, in the test file, the docblock ' +
  '@jest-environment-options {"customExportConditions": ["node"]}).';

/** @type {SecurityPolicyViolationEvent[]} */
const violations = [];
/** @param {SecurityPolicyViolationEvent} event */
const recordViolation = (event) => violations.push(event);
globalThis.addEventListener?.("securitypolicyviolation", recordViolation);
try {
  await load();
} catch (cause) {
  // Browsers queue the violation event as a task of its own: let it arrive.
  await new Promise((done) => setTimeout(done, 0));
  // The message is written when first needed (at the first call): by then the page shows more
  // of what built it (Angular's root component is rendered after the imports ran).
  /** @type {AdultWorkError | undefined} */
  let error;
  const failure = () => {
    if (error) return error;
    let message;
    try {
      message = loadFailureMessage(cause, violations);
    } catch {
      message = notLoaded(); // never let the explanation itself fail
    }
    return (error = new AdultWorkError("NetworkError", message, { cause }));
  };
  failedToLoad(failure); // async calls reject with it
  glue.__wbg_set_wasm(
    new Proxy(
      {},
      {
        get() {
          throw failure();
        },
      },
    ),
  );
} finally {
  globalThis.removeEventListener?.("securitypolicyviolation", recordViolation);
}

export * from "./api.js";
export { AdultWorkError, isAdultWorkError } from "./errors.js";
