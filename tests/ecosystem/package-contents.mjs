// The packed tarball holds exactly the files the package is meant to ship (nothing stray,
// nothing missing), its package.json's version is Cargo.toml's, and the shipped files are the
// assembled ones (the .wasm is WebAssembly; the glue imports no wasm-bindgen snippet path).
// Usage: node tests/ecosystem/package-contents.mjs pkg/adultwork-sdk-<version>.tgz
// Adding a file to the package means adding it here too, on purpose.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { ROOT, note, valueExports } from "./harness.mjs";

const SHIPPED = [
  "CHANGELOG.md",
  "LICENSE-APACHE",
  "LICENSE-MIT",
  "README.md",
  "adultwork_sdk_bg.js",
  "adultwork_sdk_bg.wasm",
  "api.d.cts",
  "api.d.ts",
  "api.js",
  "calls.js",
  "errors.d.cts",
  "errors.d.ts",
  "errors.js",
  "imports.js",
  "index.d.cts",
  "index.d.ts",
  "index.js",
  "node.cjs",
  "node.js",
  "package.json",
];

const tarball = process.argv[2];
assert.ok(tarball, "usage: package-contents.mjs <tarball>");
const tar = (...args) => execFileSync("tar", [...args, "-f", tarball], { maxBuffer: 1 << 26 });
const read = (file) => tar("-xzO", `package/${file}`);

const entries = tar("-tz").toString().split("\n").filter(Boolean).sort();
assert.deepEqual(entries, SHIPPED.map((f) => `package/${f}`).sort(), "the tarball's file list");

const cargo = readFileSync(join(ROOT, "Cargo.toml"), "utf8");
const section = /^\[package\]$([\s\S]*?)(?=^\[|(?![\s\S]))/m.exec(cargo)?.[1] ?? "";
const crateVersion = /^version = "([^"]+)"/m.exec(section)?.[1];
assert.ok(crateVersion, "no [package] version in Cargo.toml");
const manifest = JSON.parse(read("package.json").toString());
assert.equal(manifest.name, "adultwork-sdk");
assert.equal(manifest.version, crateVersion, "package.json version = Cargo.toml version");
assert.match(tarball, new RegExp(`adultwork-sdk-${crateVersion.replace(/\./g, "\\.")}\\.tgz$`), "tarball name");

const wasm = read("adultwork_sdk_bg.wasm");
assert.deepEqual([...wasm.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], "the .wasm starts with \\0asm");
assert.doesNotMatch(read("adultwork_sdk_bg.js").toString(), /\/snippets\//, "the glue imports snippets/");

// The npm README lists every export (each value the declarations export), one line each.
const readme = read("README.md").toString();
const listed = /^## What is in it\n([\s\S]*?)^## /m.exec(readme)?.[1] ?? "";
const exported = valueExports();
const unlisted = exported.filter((name) => !new RegExp(`^- .*\`${name}[(\`]`, "m").test(listed));
assert.deepEqual(unlisted, [], "exports the npm README's \"What is in it\" does not list");

note(`${entries.length} files, version ${manifest.version} (= Cargo.toml), ${statSync(tarball).size} bytes packed`);
