# Starts emulators in the background for the current script; sourced. They stop when it exits.
# Call `start_emulator PORT [ARGS...]` directly (not inside `$(...)`: a subshell would lose the
# process ID and the emulator would outlive the script); it sets EMULATOR_URL and also prints
# it (redirecting that output is fine: a redirection is no subshell).
# shellcheck shell=bash

EMULATOR_PIDS=()
EMULATOR_URL=""
stop_emulators() {
  for pid in "${EMULATOR_PIDS[@]:-}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_emulators EXIT

start_emulator() {
  local port="$1"
  shift
  mkdir -p "$CACHE"
  local out
  out="$(mktemp "$CACHE/emulator-$port.XXXXXX.log")"
  "$CARGO_TARGET_DIR/debug/adultwork-emulator" --port "$port" --quiet "$@" >"$out" 2>&1 &
  local pid=$!
  EMULATOR_PIDS+=("$pid")
  for _ in $(seq 100); do
    if grep -q '^listening on ' "$out"; then
      EMULATOR_URL="$(sed -n 's/^listening on //p' "$out" | head -n1)"
      echo "$EMULATOR_URL"
      return 0
    fi
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.05
  done
  echo "emulator on port $port did not start:" >&2
  cat "$out" >&2
  return 1
}
