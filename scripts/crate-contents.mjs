// What crates.io would get: `cargo package --list` of every publishable package of the
// workspace (`publish` not false in its Cargo.toml), checked against what a crate of this
// project may hold. Run by scripts/publish-dry-run.sh; exits 1 listing every stray or
// missing file.
//
// A package may hold only:
//   - what cargo itself writes: Cargo.toml (normalised), Cargo.toml.orig, Cargo.lock,
//     .cargo_vcs_info.json;
//   - its sources: src/**, and the source files of its lib, proc-macro and build-script
//     targets (as `cargo metadata` names them);
//   - README.md, CHANGELOG.md and LICENSE-* at its root;
//   - files its sources read at compile time: wasm-bindgen's `module = "/…"` (relative to
//     the package root) and `include_str!`/`include_bytes!("…")` (relative to the file).
// It must hold: its lib's source, its `readme`, the licence texts its `license` names
// (MIT → LICENSE-MIT, Apache-2.0 → LICENSE-APACHE) or its `license-file`, and every file
// its sources read. Nothing of node_modules/, tests/, bench/ or the example apps qualifies.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";

const cargo = (args) =>
  execFileSync("cargo", args, { encoding: "utf8", maxBuffer: 64 << 20, stdio: ["ignore", "pipe", "inherit"] });

const metadata = JSON.parse(cargo(["metadata", "--no-deps", "--locked", "--format-version", "1"]));
const publishable = metadata.packages.filter((p) => p.publish === null || p.publish.includes("crates-io"));
if (publishable.length === 0) {
  console.error("no publishable package in the workspace");
  process.exit(1);
}

/** Files the package's sources read at compile time, relative to its root. */
function readAtCompileTime(root, sources) {
  const found = new Set();
  for (const file of sources) {
    const text = readFileSync(join(root, file), "utf8");
    for (const m of text.matchAll(/\bmodule\s*=\s*"\/([^"]+)"/g)) found.add(m[1]);
    for (const m of text.matchAll(/\binclude_(?:str|bytes)!\(\s*"([^"]+)"\s*\)/g)) {
      found.add(relative(root, join(root, dirname(file), m[1])));
    }
  }
  return found;
}

let failed = false;
for (const pkg of publishable) {
  const root = dirname(pkg.manifest_path);
  const listed = cargo(["package", "--list", "--locked", "--allow-dirty", "-p", `${pkg.name}@${pkg.version}`])
    .split("\n")
    .filter(Boolean);
  const sources = listed.filter((f) => f.endsWith(".rs"));
  const compileTime = readAtCompileTime(root, sources);
  const targetSources = new Set(
    pkg.targets
      .filter((t) => t.kind.some((k) => ["lib", "proc-macro", "custom-build"].includes(k)))
      .map((t) => relative(root, t.src_path)),
  );
  const generated = new Set(["Cargo.toml", "Cargo.toml.orig", "Cargo.lock", ".cargo_vcs_info.json"]);
  const allowed = (f) =>
    generated.has(f) ||
    f.startsWith("src/") ||
    targetSources.has(f) ||
    /^(README\.md|CHANGELOG\.md|LICENSE-[A-Z0-9.-]+)$/.test(f) ||
    compileTime.has(f);

  const required = new Set([...targetSources, ...compileTime]);
  if (pkg.readme) required.add(relative(root, join(root, pkg.readme)));
  if (pkg.license_file) required.add(relative(root, join(root, pkg.license_file)));
  if (/\bMIT\b/.test(pkg.license ?? "")) required.add("LICENSE-MIT");
  if (/\bApache-2\.0\b/.test(pkg.license ?? "")) required.add("LICENSE-APACHE");

  const stray = listed.filter((f) => !allowed(f));
  const missing = [...required].filter((f) => !listed.includes(f));
  const where = relative(process.cwd(), root) || ".";
  if (stray.length || missing.length) {
    failed = true;
    console.error(`${pkg.name} ${pkg.version} (${where}): cargo package --list holds ${listed.length} files`);
    for (const f of stray.slice(0, 20)) console.error(`  not for crates.io: ${f}`);
    if (stray.length > 20) console.error(`  … and ${stray.length - 20} more not for crates.io`);
    for (const f of missing) console.error(`  missing: ${f}`);
    console.error(`  (fix \`include\` in ${relative(process.cwd(), pkg.manifest_path)}; anchor patterns with a leading /)`);
  } else {
    const others = listed.filter((f) => !f.startsWith("src/"));
    console.log(
      `${pkg.name} ${pkg.version} (${where}): ${listed.length} files, as expected: ` +
        `${listed.length - others.length} under src/, ${others.join(", ")}`,
    );
  }
}
process.exit(failed ? 1 : 0);
