// Where each app bundle is served (shared by run.mjs and the in-page harness): dist/apps/<name>.js;
// the SDK app bundled against the before package (scripts/bench.sh --before) is
// dist/before/sdk.js, next to that package's .wasm; names with a slash are under dist/
// ("profile/sdk").

/** @param {string} name @returns {string} */
export function appUrl(name) {
  if (name === "sdk-before") return "/dist/before/sdk.js";
  return name.includes("/") ? `/dist/${name}.js` : `/dist/apps/${name}.js`;
}
