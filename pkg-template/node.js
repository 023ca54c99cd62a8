// adultwork-sdk entry for Node (the "node" export condition), and for CommonJS anywhere (the
// "require" condition: Jest, ts-jest, babel-jest). Node can read the .wasm from disk and compile
// it synchronously, so the module is ready when the import resolves, with no top-level `await`.
// Node ≥ 20 has the global `fetch` the transport uses.
//
// Not shipped as it is: scripts/assemble-pkg.mjs bundles this file with everything it imports
// into node.js (an ES module, for `import`) and node.cjs (CommonJS, for `require`, which then
// needs no require(esm): Node before 20.19, and test runners that load CommonJS). In both, the
// glue's Web APIs fall back to Node's own where the global object lacks them (node-globals.js:
// Jest's jsdom environment has no fetch or TextDecoder). In node.cjs, `import.meta.url` is the
// bundle's own file URL. A process that both imports and requires the package loads it twice;
// `isAdultWorkError` recognises the errors of either copy.
//
// Where the .wasm is read from:
// - Unbundled, `new URL("./adultwork_sdk_bg.wasm", import.meta.url)` is the file next to this
//   one. Server bundlers recognise that pattern and copy the file; webpack and Turbopack's
//   route handlers then give a `file:` URL of their copy.
// - Turbopack's rendering layer (Next.js server components, and the server render of client
//   components) rewrites that URL into a web path (`/_next/static/media/…`), which is no file.
//   Then the package's own copy is read, next to this module as `import.meta.url` names it at
//   run time (Turbopack maps it back to node_modules/adultwork-sdk/, and Next's output file
//   tracing keeps the .wasm there). tests/ecosystem/nextjs covers both layers.

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importsFor, start } from "./imports.js";

const FILE = "adultwork_sdk_bg.wasm";
const bundled = new URL("./adultwork_sdk_bg.wasm", import.meta.url);

/** The .wasm's bytes, from the first of those places that has them. */
function readWasm() {
  /** @type {Set<string>} file paths */
  const places = new Set();
  if (bundled.protocol === "file:") places.add(fileURLToPath(bundled));
  try {
    places.add(join(dirname(fileURLToPath(import.meta.url)), FILE));
  } catch {
    // import.meta.url is no file: URL here; the message below lists what was tried.
  }
  /** @type {unknown} */
  let cause;
  for (const place of places) {
    try {
      return readFileSync(place);
    } catch (e) {
      cause ??= e;
    }
  }
  throw new Error(
    `adultwork-sdk could not read its WebAssembly module ${FILE} (tried: ${[...places].join(", ") || `only ${bundled}, which is no file`}). ` +
      "It ships next to node.js in node_modules/adultwork-sdk/: if a bundler built your server code without it, " +
      'keep the package external (Next.js: serverExternalPackages: ["adultwork-sdk"]) or copy the file along.',
    { cause },
  );
}

const module = new WebAssembly.Module(readWasm());
start(new WebAssembly.Instance(module, importsFor(module)));

export * from "./api.js";
export { AdultWorkError, isAdultWorkError } from "./errors.js";
