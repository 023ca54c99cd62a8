#!/usr/bin/env bash
# End-to-end test of the example app (www-example/): installs the built package into it,
# type-checks it (tsc --strict), then runs tests/e2e/example.test.mjs, which starts its own
# emulator and Vite dev server on free ports, drives the app in headless Chromium, and stops
# them again. Assumes scripts/setup.sh has run and pkg/ is built (scripts/build.sh).
#   --update-screenshot   also write the success screenshot to docs/example-success.png
source "$(dirname "$0")/common.sh"

tarball=("$ROOT"/pkg/adultwork-sdk-*.tgz)
if [ ! -f "${tarball[0]}" ]; then
  echo "no pkg/adultwork-sdk-*.tgz: run ./scripts/build.sh first" >&2
  exit 1
fi

log "install ${tarball[0]#"$ROOT/"} into www-example/"
(cd "$ROOT/www-example" &&
  npm install --silent --no-save --no-package-lock --no-audit --no-fund "${tarball[0]}")

log "tsc --noEmit -p www-example (strict)"
tsc --noEmit -p "$ROOT/www-example"

cargo build --quiet -p adultwork-emulator
log "end-to-end: www-example in headless Chromium against the emulator"
ADULTWORK_EMULATOR="$CARGO_TARGET_DIR/debug/adultwork-emulator" \
  node --test-reporter=spec "$ROOT/tests/e2e/example.test.mjs" "$@"
