#!/usr/bin/env bash
# Runs the wasm-bindgen-test suites (tests/browser_*.rs) in headless Chromium and headless
# Firefox at the same time, each against its own emulator on ADULTWORK_TEST_PORT_BASE + 1 and
# + 2 (default 17701 and 17702; tests/common/mod.rs picks by user agent). Builds the test
# binaries once. Extra arguments are test-name filters; ADULTWORK_SUITES=<regex> picks suites
# (e.g. ADULTWORK_SUITES=browser_client).
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/emulators.sh"

export ADULTWORK_TEST_PORT_BASE="${ADULTWORK_TEST_PORT_BASE:-17700}"
cargo build --quiet -p adultwork-emulator
start_emulator $((ADULTWORK_TEST_PORT_BASE + 1)) --corpus "$ROOT/tests/corpus/responses" >/dev/null
start_emulator $((ADULTWORK_TEST_PORT_BASE + 2)) --corpus "$ROOT/tests/corpus/responses" >/dev/null

log "building browser test binaries (wasm32)"
# Built first with its errors shown: a suite that does not compile must fail the run, not
# silently drop out of the list below.
cargo test --quiet --target wasm32-unknown-unknown -p adultwork-sdk --tests --no-run
mapfile -t binaries < <(
  cargo test --quiet --target wasm32-unknown-unknown -p adultwork-sdk --tests --no-run \
    --message-format=json 2>/dev/null |
    node -e '
      let lines = require("fs").readFileSync(0, "utf8").split("\n");
      for (const l of lines) {
        if (!l.startsWith("{")) continue;
        const m = JSON.parse(l);
        if (m.reason === "compiler-artifact" && m.executable && m.profile.test &&
            m.target.kind.includes("test") && m.target.name.startsWith("browser_"))
          console.log(m.target.name + " " + m.executable);
      }'
)
if [ -n "${ADULTWORK_SUITES:-}" ]; then
  mapfile -t binaries < <(printf '%s\n' "${binaries[@]}" | grep -E "^(${ADULTWORK_SUITES}) ")
fi
[ ${#binaries[@]} -gt 0 ] || { echo "no browser test binaries found" >&2; exit 1; }

export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-90}"
run_browser() {
  local browser="$1" status=0
  shift
  for entry in "${binaries[@]}"; do
    local name="${entry%% *}" wasm="${entry#* }"
    local out="$CACHE/browser-$ADULTWORK_TEST_PORT_BASE-$browser-$name.log"
    # The memory suite makes ~5000 calls in one test; on a loaded 2-core machine Firefox
    # needs more than the default per-test limit (it counts bytes, not time).
    local limit="$WASM_BINDGEN_TEST_TIMEOUT"
    [ "$name" = browser_memory ] && limit=$((WASM_BINDGEN_TEST_TIMEOUT * 4))
    echo "--- $browser: $name"
    if [ "$browser" = chromium ]; then
      WASM_BINDGEN_TEST_TIMEOUT=$limit CHROMEDRIVER=/usr/bin/chromedriver wasm-bindgen-test-runner "$wasm" "$@" >"$out" 2>&1 || status=1
    else
      WASM_BINDGEN_TEST_TIMEOUT=$limit GECKODRIVER="$(command -v geckodriver)" wasm-bindgen-test-runner "$wasm" "$@" >"$out" 2>&1 || status=1
    fi
    cat "$out"
    # A suite that ran nothing is a failure, not a pass.
    grep -qE '^test result: ok\. [1-9][0-9]* passed' "$out" || { echo "$name ran no tests in $browser"; status=1; }
  done
  return $status
}

mkdir -p "$CACHE"
log "running ${#binaries[@]} suites in Chromium and Firefox (in parallel)"
run_browser chromium "$@" >"$CACHE/browser-$ADULTWORK_TEST_PORT_BASE-chromium.log" 2>&1 &
chromium_pid=$!
run_browser firefox "$@" >"$CACHE/browser-$ADULTWORK_TEST_PORT_BASE-firefox.log" 2>&1 &
firefox_pid=$!
status=0
wait $chromium_pid || status=1
wait $firefox_pid || status=1
for browser in chromium firefox; do
  grep -E '^(--- |test |test result|Running headless|failures|thread|panicked|  )' \
    "$CACHE/browser-$ADULTWORK_TEST_PORT_BASE-$browser.log" || true
done
if [ $status -ne 0 ]; then
  echo "browser tests failed; full logs: $CACHE/browser-$ADULTWORK_TEST_PORT_BASE-chromium.log $CACHE/browser-$ADULTWORK_TEST_PORT_BASE-firefox.log" >&2
fi
exit $status
