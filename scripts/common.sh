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
# The wasm-bindgen CLI must be exactly the version of the `wasm-bindgen` crate the build links,
# which is Cargo.lock's (Cargo.toml only asks for a compatible `0.2.x`, so that the crate's
# users can resolve one wasm-bindgen with their other dependencies). Empty if Cargo.lock holds
# none, several versions if it holds several: scripts/check-wasm-bindgen.sh refuses both.
WASM_BINDGEN_VERSION="$(awk '
  /^\[\[package\]\]/ { name = "" }
  /^name = / { name = $3 }
  /^version = / && name == "\"wasm-bindgen\"" { gsub(/"/, "", $3); print $3 }
' "$ROOT/Cargo.lock" | paste -sd ' ')"
export WASM_BINDGEN_VERSION
GECKODRIVER_VERSION="0.37.1"
BINARYEN_FEATURES=(--enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int
  --enable-sign-ext --enable-reference-types --enable-multivalue)

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
