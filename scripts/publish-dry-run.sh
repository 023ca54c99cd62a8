#!/usr/bin/env bash
# What the registries would get, checked without publishing anything:
#   1. crates.io: `cargo package --list` of every publishable workspace package holds only what
#      a crate needs (scripts/crate-contents.mjs says what that is, and what must be there);
#   2. `cargo publish --dry-run --workspace`: packages every publishable package, then builds
#      each from its .crate alone (for wasm32, the target the crate is for). With several
#      packages (the SDK and a proc-macro crate it depends on by path + version), cargo ≥ 1.90
#      packages them in dependency order and resolves the unpublished ones from a local
#      overlay registry of the just-made .crate files, so one command covers them all;
#      `-p adultwork-sdk` alone would fail while its path dependency is not on crates.io.
#      Packages with `publish = false` (the emulator, the examples) are left out.
#   3. npm: `npm publish --dry-run` of the packed tarball pkg/adultwork-sdk-<version>.tgz (the
#      file RELEASING.md publishes), which scripts/build.sh makes.
# --allow-dirty: the tests run on uncommitted work too. A stage of scripts/test.sh, after the
# package build.
source "$(dirname "$0")/common.sh"
cd "$ROOT"

log "crates.io: cargo package --list of each publishable package"
node "$ROOT/scripts/crate-contents.mjs"

log "cargo publish --dry-run --workspace (each package built from its .crate, wasm32)"
# Cargo warns once per test target left out of the package (they are left out on purpose:
# tests/ is not for crates.io); everything else it says is shown.
cargo publish --dry-run --workspace --locked --allow-dirty --target wasm32-unknown-unknown 2>&1 |
  grep -v '^warning: ignoring test `[a-z_]*` as `tests/[a-z_]*\.rs` is not included in the published package$'

version="$(cargo metadata --no-deps --locked --format-version 1 |
  node -e 'const m = JSON.parse(require("fs").readFileSync(0, "utf8"));
    process.stdout.write(m.packages.find((p) => p.name === "adultwork-sdk").version)')"
tarball="$ROOT/pkg/adultwork-sdk-$version.tgz"
if [ ! -f "$tarball" ]; then
  echo "no $tarball: run scripts/build.sh first" >&2
  exit 1
fi
log "npm publish --dry-run ${tarball#"$ROOT/"}"
# From a temporary directory: npm must read nothing but the tarball (not the workspace's own
# private package.json or .npmrc).
npm_dir="$(mktemp -d)"
trap 'rm -rf "$npm_dir"' EXIT
(cd "$npm_dir" && npm publish --dry-run --ignore-scripts "$tarball" 2>&1) | tee "$npm_dir/out.log"
grep -q "+ adultwork-sdk@$version" "$npm_dir/out.log" || {
  echo "npm publish --dry-run did not end with + adultwork-sdk@$version" >&2
  exit 1
}
