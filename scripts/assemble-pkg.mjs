// Assembles pkg/ from wasm-bindgen's bundler output and pkg-template/.
//
// wasm-bindgen's glue (adultwork_sdk_bg.js) is shipped as generated, with one change: it
// imports the hand-written errors.js from `snippets/<crate>-<hash>/pkg-template/` (where
// wasm-bindgen copies it, which is also how the browser tests get it). The package ships
// pkg-template's copy at its root instead, so that specifier is rewritten.
// The public export list (api.js) is taken from wasm-bindgen's own bundler entry, and which
// exports are async from its .d.ts, so a new #[wasm_bindgen] export needs no edit here.
// The Node entries (node.js for `import`, node.cjs for `require`) are pkg-template/node.js
// bundled with everything it imports by esbuild, once as an ES module and once as CommonJS.
import { readFileSync, writeFileSync, copyFileSync, readdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { runInNewContext } from "node:vm";
import * as esbuild from "esbuild";
import ts from "typescript";

const [raw, out] = process.argv.slice(2);
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const template = join(root, "pkg-template");
const fail = (message) => {
  console.error(`assemble-pkg: ${message}`);
  process.exit(1);
};

// 1. The glue, with snippet imports pointing at the package root.
let glue = readFileSync(join(raw, "adultwork_sdk_bg.js"), "utf8");
const snippet = /(["'])\.\/snippets\/adultwork-sdk-[0-9a-f]+\/pkg-template\/(errors)\.js\1/g;
const found = glue.match(snippet) ?? [];
if (found.length !== 1) fail(`expected 1 snippet import in the glue, found ${found.length}`);
glue = glue.replace(snippet, (_, quote, name) => `${quote}./${name}.js${quote}`);

// 1b. Short import names. wasm-bindgen names each function the .wasm imports from the glue
// `__wbg_<name>_<16 hex digits>`; the .wasm spells out all ~120 of them and the glue exports
// them under those names (kept in every app's bundle, which reads them by name). Both get
// short names instead (`__0`, `__1`, …): -3.8 KB raw and -2.5 KB gzip of .wasm, and less JS.
// Only names: each import still goes to the same glue function.
const wasmFile = join(out, "adultwork_sdk_bg.wasm");
const shortened = shortenImports(readFileSync(wasmFile), "./adultwork_sdk_bg.js");
for (const [long, short] of shortened.names) {
  const declaration = new RegExp(`^export function ${long}\\(`, "m");
  const uses = glue.split(new RegExp(`\\b${long}\\b`)).length - 1;
  if (uses !== 1 || !declaration.test(glue)) fail(`expected the glue to declare ${long} once, found ${uses} uses`);
  if (new RegExp(`\\b${short}\\b`).test(glue)) fail(`the short name ${short} is taken in the glue`);
  glue = glue.replace(declaration, `export function ${short}(`);
}
// 1c. Loading needs no global TextDecoder or TextEncoder. The glue creates one of each when it
// is evaluated; where the global object has none (Jest's jsdom environment resolving the
// browser entry under Node), that threw and the import failed before index.js could explain
// why. A stand-in that fails when used lets the import succeed: there the .wasm cannot load
// anyway, and index.js's message says what to change. (Browsers and Node have both.)
const codecs = [
  [/^let cachedTextDecoder = (new TextDecoder\([^\n]*\));$/m, "TextDecoder", "decode"],
  [/^const cachedTextEncoder = (new TextEncoder\(\));$/m, "TextEncoder", "encodeInto"],
];
for (const [line, name, method] of codecs) {
  if ((glue.match(new RegExp(line.source, "gm")) ?? []).length !== 1) fail(`expected the glue to create one ${name} when loaded`);
  const standIn = `{ ${method}(input) { if (input !== undefined) throw new ReferenceError("${name} is not defined"); return ""; } }`;
  glue = glue.replace(line, (whole, created) => whole.replace(created, `typeof ${name} === "function" ? ${created} : ${standIn}`));
}
writeFileSync(wasmFile, shortened.wasm);
writeFileSync(join(out, "adultwork_sdk_bg.js"), glue);

// 2. api.js: the export list of wasm-bindgen's bundler entry. The functions and methods that
// return a Promise in wasm-bindgen's .d.ts are wrapped (calls.js) so that they reject instead of
// throwing, and every method of a class checks that its object was not freed.
const entry = readFileSync(join(raw, "adultwork_sdk.js"), "utf8");
const exportList = entry.match(/export \{([^}]*)\} from "\.\/adultwork_sdk_bg\.js";/);
if (!exportList) fail("no export list in wasm-bindgen's entry");
const names = exportList[1].split(",").map((n) => n.trim()).filter(Boolean);
const declared = asyncDeclarations(readFileSync(join(raw, "adultwork_sdk.d.ts"), "utf8"));
for (const name of [...declared.functions, ...Object.keys(declared.classes)]) {
  if (!names.includes(name)) fail(`the .d.ts declares ${name}, which wasm-bindgen's entry does not export`);
}
const plain = names.filter((n) => !declared.functions.includes(n) && !declared.values.includes(n));
for (const name of declared.values) {
  if (!names.includes(name)) fail(`the .d.ts declares the value ${name}, which wasm-bindgen's entry does not export`);
}
writeFileSync(
  join(out, "api.js"),
  [
    "// The public API of the Wasm module (generated by scripts/assemble-pkg.mjs from wasm-bindgen's",
    "// output). Import the package entry, not this file: it loads the module. The functions and",
    "// methods that return a Promise reject instead of throwing (calls.js).",
    'import * as glue from "./adultwork_sdk_bg.js";',
    'import { guardMethods, made, rejecting } from "./calls.js";',
    "",
    `export { ${plain.join(", ")} } from "./adultwork_sdk_bg.js";`,
    ...declared.functions.map((name) => `export const ${name} = /* @__PURE__ */ rejecting(glue.${name});`),
    ...declared.values.map((name) => `export const ${name} = /* @__PURE__ */ made(glue.${name});`),
    ...Object.entries(declared.classes).map(
      ([name, methods]) => `guardMethods(glue.${name}, ${JSON.stringify(methods)});`,
    ),
    "",
  ].join("\n"),
);

// 3. api.d.ts: the generated declarations (tsify types, functions, classes with their docs),
// with doc comments on `free()` and `[Symbol.dispose]()`, which wasm-bindgen generates
// undocumented. `[Symbol.dispose]` needs TypeScript's `esnext.disposable` lib; the file
// references it (as @types/node does), so an app compiling for ES2022 still type-checks.
// The client needs no freeing at all (a FinalizationRegistry frees it when collected).
const FREE_DOC = [
  "Releases the client's memory now. Optional: a client is freed when it is garbage-collected.",
  "Afterwards every method (and `free()` itself) throws an `AdultWorkError` of kind `InvalidConfig`.",
];
const DISPOSE_DOC = [
  "The same as `free()`, for `using client = new AdultWorkClient(…)`: the client is freed when",
  "the block ends. Present where the engine defines `Symbol.dispose`.",
];
const documented = (doc) => (line, indent) =>
  [`${indent}/**`, ...doc.map((l) => `${indent} * ${l}`), `${indent} */`, line].join("\n");
let dts = readFileSync(join(raw, "adultwork_sdk.d.ts"), "utf8");
if (!/^\s*free\(\): void;$/m.test(dts)) fail("no free() in the generated declarations");
if (!/^\s*\[Symbol\.dispose\]\(\): void;$/m.test(dts)) fail("no [Symbol.dispose]() in the generated declarations");
dts =
  '/// <reference lib="esnext.disposable" />\n' +
  dts
    .replace(/^(\s*)free\(\): void;$/gm, documented(FREE_DOC))
    .replace(/^(\s*)\[Symbol\.dispose\]\(\): void;$/gm, documented(DISPOSE_DOC));
writeFileSync(join(out, "api.d.ts"), dts);

// 4. The hand-owned files.
const version = readFileSync(join(root, "Cargo.toml"), "utf8").match(/^version = "([^"]+)"/m)?.[1];
if (!version) fail("no version in Cargo.toml");
const pkg = JSON.parse(readFileSync(join(template, "package.json"), "utf8"));
pkg.version = version;
writeFileSync(join(out, "package.json"), JSON.stringify(pkg, null, 2) + "\n");
// Only those `files` lists: the others (node-globals.js) are built into the Node entries.
for (const file of readdirSync(template)) {
  if (file !== "package.json" && pkg.files.includes(file)) copyFileSync(join(template, file), join(out, file));
}
for (const file of ["CHANGELOG.md", "LICENSE-MIT", "LICENSE-APACHE"]) {
  copyFileSync(join(root, file), join(out, file));
}

// 4b. The declarations again as .d.cts, for `require`: TypeScript reads this "type": "module"
// package's .d.ts files as ES modules, which a CommonJS file may not require under
// `module: node16` (or on Node < 20.19). The copies import each other as .cjs.
for (const file of pkg.files.filter((f) => f.endsWith(".d.ts"))) {
  const text = readFileSync(join(out, file), "utf8").replace(/(from\s+(["'])\.\/[\w.-]+)\.js\2/g, "$1.cjs$2");
  writeFileSync(join(out, file.replace(/\.d\.ts$/, ".d.cts")), text);
}

// 4c. The Node entries: pkg-template/node.js with everything it imports (api.js, calls.js,
// imports.js, errors.js and the glue) bundled into one file, as an ES module (node.js, for
// `import`) and as CommonJS (node.cjs, for `require`: Node before 20.19, Jest, ts-jest and
// babel-jest run CommonJS and cannot load ES modules). In both, the global names of Web APIs in
// the glue and calls.js read `host` (node-globals.js explains why): every global Node has
// beyond the JavaScript language's own, which is what a fresh `vm` context has.
const language = new Set(runInNewContext("Object.getOwnPropertyNames(globalThis)"));
const define = Object.fromEntries(
  Object.getOwnPropertyNames(globalThis)
    .filter((name) => !language.has(name) && /^[A-Za-z_$][\w$]*$/.test(name))
    .map((name) => [name, `host.${name}`]),
);
if (!define.fetch || !define.TextDecoder) fail("expected fetch and TextDecoder among Node's globals");
const hostGlobals = {
  name: "host-globals",
  /** @param {esbuild.PluginBuild} build */
  setup(build) {
    build.onLoad({ filter: /[\\/](adultwork_sdk_bg|calls)\.js$/ }, ({ path }) => {
      const { code } = esbuild.transformSync(readFileSync(path, "utf8"), { define, format: "esm", loader: "js" });
      const host = JSON.stringify(join(template, "node-globals.js"));
      return { contents: `import { host } from ${host};\n${code}`, loader: "js", resolveDir: out };
    });
  },
};
const BUILT =
  "// adultwork-sdk's Node entry, built by scripts/assemble-pkg.mjs (esbuild) from the repository's\n" +
  "// pkg-template/node.js and the files it imports, where each is explained.\n";
for (const [file, format] of [
  ["node.js", "esm"],
  ["node.cjs", "cjs"],
]) {
  const result = await esbuild.build({
    stdin: { contents: readFileSync(join(template, "node.js"), "utf8"), resolveDir: out, sourcefile: "node.js", loader: "js" },
    bundle: true,
    platform: "node",
    target: "node20",
    format,
    // CommonJS has no import.meta: the bundle's own file URL stands in for it.
    define: format === "cjs" ? { "import.meta.url": "import_meta_url" } : {},
    banner: {
      js: BUILT + (format === "cjs" ? 'const import_meta_url = require("node:url").pathToFileURL(__filename).href;\n' : ""),
    },
    plugins: [hostGlobals],
    write: false,
    logLevel: "silent",
  });
  if (result.warnings.length) fail(`esbuild (${file}): ${result.warnings.map((w) => w.text).join("; ")}`);
  writeFileSync(join(out, file), result.outputFiles[0].text);
}

// 5. Everything `files` lists must exist, and nothing else may ship.
for (const file of pkg.files) {
  try {
    readFileSync(join(out, file));
  } catch {
    fail(`package.json lists ${file}, which was not produced`);
  }
}

/**
 * The functions and the methods of each class that wasm-bindgen's .d.ts declares as returning
 * a Promise (TypeScript's parser reads the file): in the class, or in an interface of the same
 * name merged into it (how a method with type parameters is declared). Also the values the
 * module makes (`export declare const x` of a typescript_custom_section, which the Wasm module
 * exports as the function that makes it).
 * @param {string} dts
 */
function asyncDeclarations(dts) {
  const source = ts.createSourceFile("adultwork_sdk.d.ts", dts, ts.ScriptTarget.Latest);
  /** @param {ts.SignatureDeclaration} node */
  const returnsPromise = (node) =>
    !!node.type && ts.isTypeReferenceNode(node.type) && node.type.typeName.getText(source) === "Promise";
  /** @type {string[]} */
  const functions = [];
  /** @type {Record<string, string[]>} */
  const classes = {};
  /** @type {string[]} */
  const values = [];
  /** @type {Record<string, string[]>} */
  const merged = {};
  for (const statement of source.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      const methods = statement.members.filter((m) => ts.isMethodSignature(m) && returnsPromise(m));
      (merged[statement.name.text] ??= []).push(...methods.map((m) => m.name.getText(source)));
    } else if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) values.push(d.name.getText(source));
    }
  }
  for (const statement of source.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name && returnsPromise(statement)) {
      functions.push(statement.name.text);
    } else if (ts.isClassDeclaration(statement) && statement.name) {
      const methods = statement.members.filter((m) => ts.isMethodDeclaration(m) && returnsPromise(m));
      for (const m of methods) {
        if (ts.getCombinedModifierFlags(m) & ts.ModifierFlags.Static) {
          fail(`static async method ${statement.name.text}.${m.name.getText(source)}: calls.js does not wrap static methods yet`);
        }
      }
      classes[statement.name.text] = [
        ...methods.map((m) => m.name.getText(source)),
        ...(merged[statement.name.text] ?? []),
      ];
    }
  }
  return { functions, classes, values };
}

/**
 * Renames the functions a .wasm imports from `module` to short names: returns the new .wasm
 * and the renames (long name, short name), in import order. Only the import section changes.
 * @param {Buffer} wasm
 * @param {string} module
 */
function shortenImports(wasm, module) {
  /** @param {Buffer} b @param {number} at @returns {[number, number]} the value and where it ends */
  const leb = (b, at) => {
    let value = 0, shift = 0, byte;
    do {
      byte = b[at++];
      value += (byte & 0x7f) * 2 ** shift;
      shift += 7;
    } while (byte & 0x80);
    return [value, at];
  };
  /** @param {number} n */
  const uleb = (n) => {
    const bytes = [];
    do {
      let byte = n & 0x7f;
      n = Math.floor(n / 128);
      if (n) byte |= 0x80;
      bytes.push(byte);
    } while (n);
    return Buffer.from(bytes);
  };
  /** @param {Buffer} text */
  const name = (text) => Buffer.concat([uleb(text.length), text]);
  if (wasm.readUInt32LE(0) !== 0x6d736100) fail("not a .wasm");
  const parts = [wasm.subarray(0, 8)];
  /** @type {[string, string][]} */
  const names = [];
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, start] = leb(wasm, at + 1);
    const end = start + size;
    if (id !== 2) {
      parts.push(wasm.subarray(at, end));
      at = end;
      continue;
    }
    const section = wasm.subarray(start, end);
    let [count, p] = leb(section, 0);
    const entries = [uleb(count)];
    for (let i = 0; i < count; i++) {
      const [moduleLength, moduleStart] = leb(section, p);
      const from = section.subarray(moduleStart, moduleStart + moduleLength);
      const [fieldLength, fieldStart] = leb(section, moduleStart + moduleLength);
      let field = section.subarray(fieldStart, fieldStart + fieldLength);
      const descStart = fieldStart + fieldLength;
      const kind = section[descStart];
      if (kind !== 0) fail(`import ${field} is not a function (kind ${kind})`);
      const [, descEnd] = leb(section, descStart + 1);
      if (from.toString() === module) {
        const short = `__${names.length.toString(36)}`;
        names.push([field.toString(), short]);
        field = Buffer.from(short);
      }
      entries.push(name(from), name(field), section.subarray(descStart, descEnd));
      p = descEnd;
    }
    if (p !== section.length) fail("unexpected bytes after the import section's entries");
    const body = Buffer.concat(entries);
    parts.push(Buffer.from([2]), uleb(body.length), body);
    at = end;
  }
  return { wasm: Buffer.concat(parts), names };
}
