// The import object for the compiled .wasm, shared by both entry files.
//
// wasm-bindgen imports most functions through its glue (adultwork_sdk_bg.js), but a call into
// the hand-written errors.js that needs no conversion may be imported by the .wasm directly,
// under the path wasm-bindgen copied it to (`./snippets/adultwork-sdk-<hash>/pkg-template/errors.js`).
// The package ships that file at its root, so each import module is matched by its file name.
import * as glue from "./adultwork_sdk_bg.js";
import * as errors from "./errors.js";
import { AdultWorkError } from "./errors.js";

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

/**
 * After `free()` (or the end of a `using` block) wasm-bindgen's generated methods throw a plain
 * `Error("null pointer passed to rust")`. Every method of the client (all but `free` itself)
 * checks first and throws an `AdultWorkError` that says what happened. The generated class
 * marks a freed object with `__wbg_ptr === 0`, which the pinned wasm-bindgen version writes and
 * tests/browser_client.rs checks.
 *
 * @param {{ prototype: object }} Class
 */
function guardFreed(Class) {
  const proto = /** @type {Record<string, unknown>} */ (Class.prototype);
  for (const name of Object.getOwnPropertyNames(proto)) {
    const method = proto[name];
    if (name === "constructor" || name === "free" || typeof method !== "function") continue;
    Object.defineProperty(proto, name, {
      value: /** @this {{ __wbg_ptr: number }} @param {unknown[]} args */ function (...args) {
        if (this.__wbg_ptr === 0) {
          const message = "This AdultWorkClient was freed (free() or the end of a `using` block); create a new one.";
          throw new AdultWorkError("InvalidConfig", message, { issues: [{ path: "", message: "the client was freed" }] });
        }
        return method.apply(this, args);
      },
      writable: true,
      configurable: true,
    });
  }
}
guardFreed(glue.AdultWorkClient);

export { glue };
