// adultwork-sdk entry for Node (the "node" export condition). Node can read the .wasm from
// disk and compile it synchronously, so the module is ready when the import resolves, with no
// top-level `await`: that also keeps `require("adultwork-sdk")` working on Node versions that
// load ES modules from CommonJS. Node ≥ 20 has the global `fetch` the transport uses.

import { readFileSync } from "node:fs";
import { importsFor, start } from "./imports.js";

const module = new WebAssembly.Module(readFileSync(new URL("./adultwork_sdk_bg.wasm", import.meta.url)));
start(new WebAssembly.Instance(module, importsFor(module)));

export * from "./api.js";
export { AdultWorkError, isAdultWorkError } from "./errors.js";
