// The import object for the compiled .wasm, shared by both entry files.
//
// wasm-bindgen imports most functions through its glue (adultwork_sdk_bg.js), but calls into
// the hand-written runtime.js and errors.js that need no conversion are imported by the
// .wasm directly, under the path wasm-bindgen copied them to
// (`./snippets/adultwork-sdk-<hash>/pkg-template/runtime.js`). The package ships those files
// at its root, so each import module is matched by its file name.
import * as glue from "./adultwork_sdk_bg.js";
import * as errors from "./errors.js";
import * as runtime from "./runtime.js";

/** @type {Record<string, object>} */
const byFile = { "adultwork_sdk_bg.js": glue, "errors.js": errors, "runtime.js": runtime };

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
