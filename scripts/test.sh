#!/usr/bin/env bash
# The whole test suite — what CI runs (.ci/run) and what the README's second command runs.
# Installs what is missing first (scripts/setup.sh), then: the wasm-bindgen CLI's version,
# formatting and lints, native Rust tests, the package build, what crates.io and npm would get
# (dry runs), TypeScript contract types, the browser tests in headless Chromium and Firefox
# against the local emulator, the example apps (JavaScript and Rust)
# driven by Playwright, and the packed tarball installed into Vite, webpack, esbuild,
# plain-page, Node, Next.js, Web Worker and strict-CSP apps, zod and valibot schemas in
# request(), and the SDK's schemas in a TanStack Form form.
source "$(dirname "$0")/common.sh"

started=$SECONDS
summary=()
stage() {
  local name="$1"
  shift
  log "$name"
  local t=$SECONDS
  if "$@"; then
    summary+=("ok    $(printf '%4ds' $((SECONDS - t)))  $name")
  else
    summary+=("FAIL  $(printf '%4ds' $((SECONDS - t)))  $name")
    printf '%s\n' "${summary[@]}" >&2
    echo "FAILED: $name" >&2
    exit 1
  fi
}

stage "setup (installs only what is missing)" "$ROOT/scripts/setup.sh"
stage "wasm-bindgen CLI = Cargo.lock's wasm-bindgen" "$ROOT/scripts/check-wasm-bindgen.sh"
stage "cargo fmt --check" cargo fmt --all --check
stage "clippy (native)" cargo clippy --quiet --workspace --all-targets -- -D warnings
stage "clippy (wasm32)" cargo clippy --quiet -p adultwork-sdk --target wasm32-unknown-unknown \
  --all-targets -- -D warnings
stage "native tests (cargo test)" cargo test --quiet --workspace
stage "cargo doc (wasm32): no warnings" env RUSTDOCFLAGS="-D warnings" \
  cargo doc --quiet --no-deps -p adultwork-sdk --target wasm32-unknown-unknown
stage "cargo doc (wasm32, --no-default-features): no warnings" env RUSTDOCFLAGS="-D warnings" \
  cargo doc --quiet --no-deps -p adultwork-sdk --target wasm32-unknown-unknown --no-default-features
# The host build is what rust-analyzer and docs.rs's second target see.
stage "cargo doc (host, --no-default-features): no warnings" env RUSTDOCFLAGS="-D warnings" \
  cargo doc --quiet --no-deps -p adultwork-sdk --no-default-features
# bench/endpoint-cost.sh builds variants of the sources from these patches; a source change
# that breaks one should be seen here, not at the next benchmark run.
stage "bench/endpoint-cost patches apply to the sources" bash -c \
  'cd "$ROOT" && for d in bench/endpoint-cost/*.diff; do git apply --check "$d" || exit 1; done'
stage "build the npm package" "$ROOT/scripts/build.sh"
stage "what the registries get: crate contents, cargo publish --dry-run, npm publish --dry-run" \
  "$ROOT/scripts/publish-dry-run.sh"
stage "TypeScript contract (tsc --strict) and doc comments" "$ROOT/scripts/types-tests.sh"
stage "browser tests (Chromium + Firefox)" "$ROOT/scripts/browser-tests.sh"
stage "example app end to end (Playwright, Chromium)" "$ROOT/scripts/example-tests.sh"
stage "Rust API doc examples (wasm32); Rust example app (Leptos): clippy, build, end to end (Playwright)" \
  "$ROOT/scripts/example-rust.sh" --test
stage "ecosystem: Vite, webpack, esbuild, static page, Node, Jest, Angular, Next.js, workers, CSP, zod/valibot in request(), TanStack Form; publint, attw" \
  "$ROOT/scripts/ecosystem-tests.sh"

printf '%s\n' "${summary[@]}"
echo "all tests passed in $((SECONDS - started))s"
