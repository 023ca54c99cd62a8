#!/usr/bin/env bash
# Ecosystem tests: the built package as web developers meet it (tests/ecosystem/README.md).
#   package checks  the tarball's exact file list and version, publint, attw
#   apps            vite-dev, vite-build, webpack, esbuild, static-page (headless Chromium),
#                   node (ESM import, CommonJS require with and without require(esm), no
#                   Fetch API, TypeScript node20 and node16 types), jest (Jest 30: node and
#                   jsdom, CommonJS and ESM test files, babel-jest, ts-jest), angular (ng build
#                   and ng serve, Chromium), nextjs
#                   (next build + next start: client component, route handler, server
#                   component), worker and vite-worker (module Web Workers) and csp (a strict
#                   Content-Security-Policy), the last three in Chromium and Firefox,
#                   msw-vitest (the README's MSW recipes: an app's Vitest test with MSW in Node,
#                   and a page with MSW's service worker in Chromium; the `fetch` option as a
#                   test double), request-schemas (zod 4 and valibot 1 schemas given to
#                   request(): typed outputs, InvalidResponse with the schemas' issues; tsc
#                   --strict, Vite build, Chromium), tanstack-form (schemas.CreateBookingRequest
#                   as a React booking form's only validation with TanStack Form, filled in
#                   Chromium; the valid value goes to createBooking)
# Each app gets the packed tarball installed fresh (npm install <tgz>, as a user would) and its
# own emulator on a free port; its driver (tests/ecosystem/<app>/test.mjs) builds or serves
# it, runs tests/ecosystem/shared/scenario.js and asserts the typed results (msw-vitest runs
# its own Vitest suite instead, against MSW; request-schemas and tanstack-form their own
# calls).
# Prints one pass/fail line per check with its time; exits non-zero if any failed.
# Assumes scripts/setup.sh has run and pkg/ is built (scripts/build.sh).
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/emulators.sh"

ECO="$ROOT/tests/ecosystem"
APPS=(node jest msw-vitest request-schemas tanstack-form static-page esbuild webpack vite-build vite-dev csp worker vite-worker angular nextjs)

shopt -s nullglob
tarballs=("$ROOT"/pkg/adultwork-sdk-*.tgz)
shopt -u nullglob
if [ ${#tarballs[@]} -ne 1 ]; then
  echo "expected one pkg/adultwork-sdk-*.tgz, found ${#tarballs[@]}: run ./scripts/build.sh first" >&2
  exit 1
fi
tarball="${tarballs[0]}"

cargo build --quiet -p adultwork-emulator
export ADULTWORK_EMULATOR="$CARGO_TARGET_DIR/debug/adultwork-emulator"

logs="$CACHE/ecosystem"
rm -rf "$logs"
mkdir -p "$logs"
started=$EPOCHREALTIME
failures=0
summary=()

# check NAME COMMAND... — runs it with its output in a log; prints ok/FAIL with the time and
# the lines the check meant for the summary (indented by two spaces), or the whole log.
check() {
  local name="$1"
  shift
  local log="$logs/$name.log" t0=$EPOCHREALTIME status=0
  "$@" >"$log" 2>&1 || status=$?
  local took
  took=$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%5.1fs", b - a }')
  if [ $status -eq 0 ]; then
    summary+=("ok    $took  $name")
    echo "ok    $took  $name"
    grep '^  ' "$log" || true
  else
    failures=$((failures + 1))
    summary+=("FAIL  $took  $name")
    echo "FAIL  $took  $name (exit $status; log: $log)"
    sed 's/^/  | /' "$log"
  fi
}

publint_check() {
  local out
  out="$(publint run "$ROOT/pkg" --strict 2>&1)" || { echo "$out"; return 1; }
  echo "$out"
  echo "  publint --strict: $(tail -n1 <<<"$out")"
}

# attw checks every resolution mode (node10, node16 from CommonJS and from ESM, bundler); the
# one exclusion: the "./adultwork_sdk_bg.wasm" export is a file for tools
# (`import.meta.resolve`), not a module, so it has no types or JavaScript to resolve.
attw_check() {
  local out
  out="$(attw "$tarball" --no-color --no-emoji --format table \
    --exclude-entrypoints ./adultwork_sdk_bg.wasm 2>&1)" ||
    { echo "$out"; return 1; }
  echo "$out"
  echo "  attw: $(grep -m1 -o 'No problems found' <<<"$out" || echo "passed")" \
    "(./adultwork_sdk_bg.wasm excluded)"
}

# run_app APP — fresh install of the tarball, a fresh emulator, then the app's driver.
run_app() {
  # (`check` runs this in an `||` list, where `set -e` does not apply: every step returns.)
  local dir="$ECO/$1"
  rm -rf "$dir/node_modules" "$dir/dist" || return
  (cd "$dir" && npm install --loglevel=error --no-save --no-package-lock --no-audit --no-fund "$tarball") ||
    return
  start_emulator 0 >/dev/null || return # sets EMULATOR_URL; stopped when this script exits
  ADULTWORK_API_URL="$EMULATOR_URL" node "$dir/test.mjs"
}

log "ecosystem tests of ${tarball#"$ROOT/"}"
check "package contents" node "$ECO/package-contents.mjs" "$tarball"
check "publint" publint_check
check "attw" attw_check
for app in "${APPS[@]}"; do
  check "$app" run_app "$app"
done

total=$(awk -v a="$started" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }')
echo
printf '%s\n' "${summary[@]}"
if [ $failures -ne 0 ]; then
  echo "ecosystem tests: $failures failed (${total}s); logs in $logs" >&2
  exit 1
fi
echo "ecosystem tests: all ${#summary[@]} passed in ${total}s"
