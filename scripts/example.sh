#!/usr/bin/env bash
# Runs the example app (www-example/) against the local API emulator: builds the package if
# pkg/ is missing, installs it into www-example/, starts an emulator and the Vite dev server
# pointed at it (VITE_ADULTWORK_BASE_URL), and prints the URL to open. Ctrl+C stops both.
# Assumes scripts/setup.sh has run (./scripts/demo.sh --app runs it first).
#   ADULTWORK_APP_PORT   the app's port (default 0: a free one)
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/emulators.sh"

tarball=("$ROOT"/pkg/adultwork-sdk-*.tgz)
[ -f "${tarball[0]}" ] || "$ROOT/scripts/build.sh"
tarball=("$ROOT"/pkg/adultwork-sdk-*.tgz)

log "install ${tarball[0]#"$ROOT/"} into www-example/"
(cd "$ROOT/www-example" &&
  npm install --silent --no-save --no-package-lock --no-audit --no-fund "${tarball[0]}")

cargo build --quiet -p adultwork-emulator
start_emulator 0 >/dev/null
api="$EMULATOR_URL"
log "emulator at $api (token: test-token)"

log "starting the app; open the Local URL below (Ctrl+C stops the app and the emulator)"
cd "$ROOT/www-example"
VITE_ADULTWORK_BASE_URL="$api" vite --host 127.0.0.1 --port "${ADULTWORK_APP_PORT:-0}" --strictPort
