#!/usr/bin/env bash
# The Rust example app (www-example-rust/, Leptos 0.8 csr): builds it into static files, and with
#   --test    also compiles the Rust API's doc examples for wasm32 (nothing else does: the
#             client only exists there), lints the app (clippy, wasm32, with the SDK's default
#             features off) and runs tests/e2e/example-rust.test.mjs: the page in headless
#             Chromium, served by one emulator, calling another (cross-origin, as in
#             production); it prints the paths of its screenshots
#   --serve   also serves it next to an emulator and prints the URL to open (Ctrl+C stops)
# Build: cargo (wasm32, release) → wasm-bindgen --target web → $CACHE/example-rust/ with
# index.html. Assumes scripts/setup.sh has run.
source "$(dirname "$0")/common.sh"

mode="${1:-build}"
case "$mode" in
  build | --test | --serve) ;;
  *)
    echo "usage: $0 [--test | --serve]" >&2
    exit 2
    ;;
esac

out="$CACHE/example-rust"
if [ "$mode" = --test ]; then
  log "the Rust API's doc examples compile (wasm32, no default features)"
  cargo test --quiet --doc --target wasm32-unknown-unknown -p adultwork-sdk --no-default-features
  # The native clippy stage sees empty crates (the apps are wasm32-only); this lints the app,
  # the size bench's app with its SDK calls (bench/rust-frontend.sh, so it keeps compiling as
  # the API changes), and the SDK as a Rust frontend gets it (no `js` feature).
  # --no-deps: these three only, not their path dependencies. A workspace proc-macro crate
  # (the SDK's derive, macros/, on main) is linted by the native stage; in this graph Leptos's
  # proc macros unify more of syn's features on the host, and clippy's large_enum_variant then
  # fires on that crate's enum holding syn::Expr (seen on a merge with main at e11edb8).
  log "clippy (wasm32): the example, the size bench's app and the SDK without its js feature"
  cargo clippy --quiet --no-deps --target wasm32-unknown-unknown -p adultwork-example-rust \
    -p adultwork-bench-rust-frontend --features adultwork-bench-rust-frontend/sdk \
    -p adultwork-sdk --no-default-features --lib -- -D warnings
fi

log "cargo build (wasm32, release) -p adultwork-example-rust"
cargo build --quiet --release --target wasm32-unknown-unknown -p adultwork-example-rust
rm -rf "$out"
mkdir -p "$out/pkg"
log "wasm-bindgen --target web → ${out}"
wasm-bindgen --target web --no-typescript --out-dir "$out/pkg" \
  "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/adultwork_example_rust.wasm"
cp "$ROOT/www-example-rust/index.html" "$out/"
for f in "$out"/pkg/*.wasm "$out"/pkg/*.js; do
  printf '%-40s %8d bytes, %7d gzip\n' "${f#"$out/"}" "$(wc -c <"$f")" "$(gzip -9c "$f" | wc -c)"
done

case "$mode" in
  --test)
    cargo build --quiet -p adultwork-emulator
    log "end-to-end: www-example-rust in headless Chromium against the emulator"
    ADULTWORK_CACHE="$CACHE" ADULTWORK_EXAMPLE_RUST_DIR="$out" \
      ADULTWORK_EMULATOR="$CARGO_TARGET_DIR/debug/adultwork-emulator" \
      node --test-reporter=spec "$ROOT/tests/e2e/example-rust.test.mjs"
    ;;
  --serve)
    source "$ROOT/scripts/emulators.sh"
    cargo build --quiet -p adultwork-emulator
    start_emulator 0 >/dev/null
    api="$EMULATOR_URL"
    start_emulator "${ADULTWORK_APP_PORT:-0}" --static "$out" >/dev/null
    log "open $EMULATOR_URL/?api=$api (token: test-token; Ctrl+C stops)"
    wait
    ;;
esac
