# Shared settings for the scripts; sourced, not run.
# shellcheck shell=bash
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT
# Caches survive fresh clones on the same machine: the cargo target dir and installed tools.
CACHE="${ADULTWORK_CACHE:-$HOME/.cache/adultwork-sdk}"
export CACHE
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$CACHE/target}"
export CARGO_HOME="${CARGO_HOME:-$HOME/.cargo}"
export PATH="$CARGO_HOME/bin:$ROOT/node_modules/.bin:$PATH"
# The wasm-bindgen CLI must be exactly the crate's version: read it from Cargo.toml.
WASM_BINDGEN_VERSION="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$ROOT/Cargo.toml")"
export WASM_BINDGEN_VERSION
GECKODRIVER_VERSION="0.37.1"
BINARYEN_FEATURES=(--enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
