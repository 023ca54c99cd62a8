// The import object for the compiled .wasm, shared by both entry files.
//
// wasm-bindgen imports most functions through its glue (adultwork_sdk_bg.js), but a call into
// the hand-written errors.js that needs no conversion may be imported by the .wasm directly,
// under the path wasm-bindgen copied it to (`./snippets/adultwork-sdk-<hash>/pkg-template/errors.js`).
// The package ships that file at its root, so each import module is matched by its file name.
import * as glue from "./adultwork_sdk_bg.js";
import * as errors from "./errors.js";

/** @type {Record<string, object>} */
const byFile = { "adultwork_sdk_bg.js": glue, "errors.js": errors };

/**
 * @param {WebAssembly.Module} module
 * @returns {WebAssembly.Imports}
 */
export function importsFor(module) {
  /** @type {Record<string, object>} */
  const imports = {};
  for (const { module: name } of WebAssembly.Module.imports(module)) {
    const file = name.slice(name.lastIndexOf("/") + 1);
    const target = byFile[file];
    if (!target) throw new Error(`adultwork-sdk: unexpected Wasm import module ${name}`);
    imports[name] = target;
  }
  return /** @type {WebAssembly.Imports} */ (imports);
}

/** Hands the instance to the glue and runs wasm-bindgen's start function. */
export function start(/** @type {WebAssembly.Instance} */ instance) {
  glue.__wbg_set_wasm(instance.exports);
  /** @type {{ __wbindgen_start: () => void }} */ (/** @type {unknown} */ (instance.exports)).__wbindgen_start();
}

export { glue };
