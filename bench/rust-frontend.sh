#!/usr/bin/env bash
# What adultwork-sdk adds to a Rust frontend's download: the gzip size of a minimal Rust app's
# .wasm with the SDK's calls (cancel_made_booking + get_made_booking_details, showing the
# status or the error's kind and message) minus the same app without them
# (bench/rust-frontend/, feature `sdk` on or off). Prints the figure; asserts nothing about it.
#
# Each build, as a Rust frontend would ship it:
#   cargo build --release --target wasm32-unknown-unknown -p adultwork-bench-rust-frontend
#     (stable; the workspace's release profile: opt-level "z", lto, codegen-units 1,
#     panic "abort"; the SDK with default-features = false)
#   wasm-bindgen --target web --no-typescript   (the CLI of Cargo.lock's version)
#   wasm-opt -Oz --strip-debug --strip-producers (binaryen 132 from npm, the features rustc emits)
#   gzip -9
# Then both builds run in Node against the local emulator (bench/rust-frontend/check.mjs): the
# figure is only printed for apps that work.
#   --build-std   nightly build-std with panic=immediate-abort instead (as scripts/build.sh
#                 builds the npm package, but keeping Debug formatting): smaller; not what a
#                 stable toolchain gives. Uses its own target dir ($CACHE/target-bench-nightly).
# Assumes scripts/setup.sh has run. Notes and figures so far: bench/rust-frontend.md.
source "$(dirname "$0")/../scripts/common.sh"

mode="${1:-stable}"
case "$mode" in
  stable | --build-std) ;;
  *) echo "usage: $0 [--build-std]" >&2 && exit 2 ;;
esac

name=adultwork_bench_rust_frontend
out="$CACHE/bench-rust-frontend"
rm -rf "$out"
mkdir -p "$out"

build() { # $1: with | without
  local features=()
  [ "$1" = with ] && features=(--features sdk)
  local wasm
  if [ "$mode" = --build-std ]; then
    log "cargo +nightly build (release, build-std, panic=immediate-abort), $1 the calls"
    # Not -Zfmt-debug=none (scripts/build.sh uses it): it empties `{:?}`, which apps show.
    RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none" \
      cargo +nightly build --quiet --release --target wasm32-unknown-unknown \
      -p adultwork-bench-rust-frontend "${features[@]}" -Z build-std=std,panic_abort \
      --target-dir "$CACHE/target-bench-nightly"
    wasm="$CACHE/target-bench-nightly/wasm32-unknown-unknown/release/$name.wasm"
  else
    log "cargo build (release, stable), $1 the calls"
    cargo build --quiet --release --target wasm32-unknown-unknown \
      -p adultwork-bench-rust-frontend "${features[@]}"
    wasm="$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/$name.wasm"
  fi
  wasm-bindgen --target web --no-typescript --out-dir "$out/$1" "$wasm"
  mv "$out/$1/${name}_bg.wasm" "$out/$1/${name}_bg.pre-opt.wasm"
  wasm-opt -Oz "${BINARYEN_FEATURES[@]}" --strip-debug --strip-producers \
    "$out/$1/${name}_bg.pre-opt.wasm" -o "$out/$1/${name}_bg.wasm"
}

build without
build with

cargo build --quiet -p adultwork-emulator
log "both builds in Node against the emulator"
node "$ROOT/bench/rust-frontend/check.mjs" "$CARGO_TARGET_DIR/debug/adultwork-emulator" \
  "$out/with" "$out/without"

raw() { wc -c <"$1"; }
gz() { gzip -9c "$1" | wc -c; }
row() { # label, wasm raw, wasm gzip, js gzip
  printf '%-28s %12s %12s %14s\n' "$1" "$2" "$3" "$4"
}
declare -A size
for v in without with; do
  size[$v.raw]=$(raw "$out/$v/${name}_bg.wasm")
  size[$v.gz]=$(gz "$out/$v/${name}_bg.wasm")
  size[$v.js]=$(gz "$out/$v/$name.js")
done
added=$((size[with.gz] - size[without.gz]))

commit="$(git -C "$ROOT" rev-parse --short HEAD)"
git -C "$ROOT" diff --quiet HEAD -- || commit="$commit + uncommitted changes"
echo
echo "What adultwork-sdk adds to a minimal Rust frontend (cancel + details), bytes:"
if [ "$mode" = --build-std ]; then
  toolchain="$(rustc +nightly --version), build-std, panic=immediate-abort"
else
  toolchain="$(rustc --version), stable build"
fi
echo "  at $commit; $toolchain; wasm-bindgen $WASM_BINDGEN_VERSION; $(wasm-opt --version)"
row "" ".wasm raw" ".wasm gzip" "glue JS gzip"
row "without the calls" "${size[without.raw]}" "${size[without.gz]}" "${size[without.js]}"
row "with the calls" "${size[with.raw]}" "${size[with.gz]}" "${size[with.js]}"
row "added by the SDK" "$((size[with.raw] - size[without.raw]))" "$added" \
  "$((size[with.js] - size[without.js]))"
echo
echo "added .wasm, gzip -9: $added B ($(awk -v b="$added" 'BEGIN { printf "%.1f", b / 1000 }') KB; issue 23's budget: 25 KB)"
