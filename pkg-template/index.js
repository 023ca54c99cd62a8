// adultwork-sdk entry for browsers, workers and bundlers (the "default" export condition;
// Node takes node.js instead). Why it looks like this:
//
// - No init call for users. The SDK has synchronous functions (`new AdultWorkClient(...)`
//   validates its options and throws; `canCancel`; `parseMadeBooking`), so the module must be
//   instantiated before the importer runs: a top-level `await` does that. Vite, webpack 5,
//   esbuild (ESM output) and every current browser support it. To keep it off your app's
//   start-up path, `await import("adultwork-sdk")` where you first need it.
// - The .wasm is a separate file, fetched and compiled while it downloads
//   (`instantiateStreaming`). `new URL("./…", import.meta.url)` is the pattern bundlers
//   recognise: Vite and webpack copy the file into the build and rewrite the URL.
// - Vite's dev server serves pre-bundled dependencies from `node_modules/.vite/deps/`, where
//   that URL points at a file that is not there; the loader then tries the package's own
//   folder, so no `optimizeDeps.exclude` is needed.
// - esbuild does not copy files referenced this way: copy `adultwork_sdk_bg.wasm` next to
//   your bundle. If the file cannot be loaded, the import still succeeds and every call throws
//   an AdultWorkError that says so, instead of breaking your whole app at start-up.
// - wasm-bindgen's glue (`adultwork_sdk_bg.js`) is used as generated; only the loading is ours
//   (imports.js builds the import object).

import { AdultWorkError } from "./errors.js";
import { glue, importsFor, start } from "./imports.js";

const FILE = "adultwork_sdk_bg.wasm";
const url = new URL("./adultwork_sdk_bg.wasm", import.meta.url);

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

/** Where Vite's dev server keeps the package when `import.meta.url` is a pre-bundled copy. */
function viteDevFallback() {
  const here = String(import.meta.url);
  if (!here.includes("/node_modules/.vite/")) return undefined;
  const relative = ["..", "..", "adultwork-sdk", FILE].join("/");
  return new URL(relative, here);
}

async function load() {
  let module;
  try {
    module = await compile(url);
  } catch (first) {
    const fallback = viteDevFallback();
    if (!fallback) throw first;
    module = await compile(fallback);
  }
  start(await WebAssembly.instantiate(module, importsFor(module)));
}

try {
  await load();
} catch (cause) {
  const message =
    `adultwork-sdk could not load its WebAssembly module (${FILE}) from ${url}. ` +
    "Serve that file next to the JavaScript that imports the SDK (with esbuild, copy it from " +
    "node_modules/adultwork-sdk/ into your output folder).";
  const error = new AdultWorkError("NetworkError", message, { cause });
  glue.__wbg_set_wasm(
    new Proxy(
      {},
      {
        get() {
          throw error;
        },
      },
    ),
  );
}

export * from "./api.js";
export { AdultWorkError, isAdultWorkError } from "./errors.js";
