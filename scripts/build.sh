#!/usr/bin/env bash
# Builds the npm package into pkg/ (what `npm publish` would ship):
#   cargo (wasm32, release) → wasm-bindgen (bundler glue) → wasm-opt -Oz → assemble with
#   pkg-template/ (loaders, error class, runtime, package.json) → pkg/adultwork-sdk-<v>.tgz
# Prints the shipped sizes. Assumes scripts/setup.sh has run.
source "$(dirname "$0")/common.sh"

log "cargo build (wasm32, release)"
cargo build --quiet --release --target wasm32-unknown-unknown -p adultwork-sdk --lib

raw="$CACHE/bindgen"
rm -rf "$raw" "$ROOT/pkg"
mkdir -p "$raw" "$ROOT/pkg"
log "wasm-bindgen $WASM_BINDGEN_VERSION"
wasm-bindgen --target bundler --out-dir "$raw" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/adultwork_sdk.wasm"

log "wasm-opt -Oz"
wasm-opt -Oz "${BINARYEN_FEATURES[@]}" --strip-debug --strip-producers \
  "$raw/adultwork_sdk_bg.wasm" -o "$ROOT/pkg/adultwork_sdk_bg.wasm"

log "assemble pkg/"
node "$ROOT/scripts/assemble-pkg.mjs" "$raw" "$ROOT/pkg"
(cd "$ROOT/pkg" && npm pack --silent >/dev/null)
node "$ROOT/scripts/sizes.mjs" "$ROOT/pkg"
