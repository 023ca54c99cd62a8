#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the npm package, starts the
# local emulator and makes a real call from Node through the installed package.
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/emulators.sh"

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
cargo build --quiet -p adultwork-emulator
url="$(start_emulator 0)"

app="$CACHE/demo-app"
rm -rf "$app" && mkdir -p "$app"
echo '{ "name": "demo-app", "private": true, "type": "module" }' >"$app/package.json"
(cd "$app" && npm install --silent --no-save --no-package-lock --no-audit --no-fund "$ROOT"/pkg/adultwork-sdk-*.tgz)
cp "$ROOT/scripts/demo.mjs" "$app/demo.mjs"
log "node demo.mjs (emulator at $url)"
(cd "$app" && node demo.mjs "$url")
