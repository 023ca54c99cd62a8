#!/usr/bin/env bash
# The README's first command: installs what is missing, builds the npm package, starts the
# local emulator and makes a real call from Node through the installed package.
#   --app   run the example app (www-example/) in the browser instead (scripts/example.sh)
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/emulators.sh"

case "${1:-}" in
  "" | --app) ;;
  *) echo "usage: $0 [--app]" >&2 && exit 2 ;;
esac

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
if [ "${1:-}" = --app ]; then exec "$ROOT/scripts/example.sh"; fi
cargo build --quiet -p adultwork-emulator
start_emulator 0 >/dev/null
url="$EMULATOR_URL"

app="$CACHE/demo-app"
rm -rf "$app" && mkdir -p "$app"
echo '{ "name": "demo-app", "private": true, "type": "module" }' >"$app/package.json"
(cd "$app" && npm install --silent --no-save --no-package-lock --no-audit --no-fund "$ROOT"/pkg/adultwork-sdk-*.tgz)
cp "$ROOT/scripts/demo.mjs" "$app/demo.mjs"
log "node demo.mjs (emulator at $url)"
(cd "$app" && node demo.mjs "$url")
