#!/usr/bin/env bash
# Builds the npm package into pkg/ (what `npm publish` would ship):
#   cargo (wasm32, release) → wasm-bindgen (bundler glue) → wasm-opt -Oz → assemble with
#   pkg-template/ (loaders, error class, package.json) → pkg/adultwork-sdk-<v>.tgz
# Prints the shipped sizes. Assumes scripts/setup.sh has run.
source "$(dirname "$0")/common.sh"
# cargo runs in the checkout this script belongs to, wherever it is started from.
cd "$ROOT"

# Release builds prefer nightly's build-std with `-C panic=immediate-abort`: std is rebuilt
# without panic messages and formatting, which makes the .wasm about 12% smaller (gzip).
# A panic can only abort the instance either way (panic = "abort"), so behaviour is the same.
# Without a nightly toolchain (or its rust-src) the stable build is used, and this says so.
wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/adultwork_sdk.wasm"
if [ "${ADULTWORK_STABLE_BUILD:-}" != 1 ] && rustup run nightly rustc --version >/dev/null 2>&1 &&
  rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  log "cargo +nightly build (wasm32, release, build-std, panic=immediate-abort)"
  nightly_target="$CACHE/target-nightly"
  RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none -Zlocation-detail=none" cargo +nightly build --quiet --release \
    --target wasm32-unknown-unknown -p adultwork-sdk --lib -Z build-std=std,panic_abort \
    --target-dir "$nightly_target"
  wasm="$nightly_target/wasm32-unknown-unknown/release/adultwork_sdk.wasm"
else
  log "cargo build (wasm32, release, stable: no nightly rust-src, expect a larger .wasm)"
  cargo build --quiet --release --target wasm32-unknown-unknown -p adultwork-sdk --lib
fi

raw="$CACHE/bindgen"
rm -rf "$raw" "$ROOT/pkg"
mkdir -p "$raw" "$ROOT/pkg"
log "wasm-bindgen $WASM_BINDGEN_VERSION"
wasm-bindgen --target bundler --out-dir "$raw" "$wasm"

log "wasm-opt -Oz"
wasm-opt -Oz "${BINARYEN_FEATURES[@]}" --strip-debug --strip-producers \
  "$raw/adultwork_sdk_bg.wasm" -o "$ROOT/pkg/adultwork_sdk_bg.wasm"

log "assemble pkg/"
node "$ROOT/scripts/assemble-pkg.mjs" "$raw" "$ROOT/pkg"
(cd "$ROOT/pkg" && npm pack --silent >/dev/null)
node "$ROOT/scripts/sizes.mjs" "$ROOT/pkg"
