# Starts emulators in the background for the current script; sourced. They stop when it exits.
# shellcheck shell=bash

EMULATOR_PIDS=()
stop_emulators() {
  for pid in "${EMULATOR_PIDS[@]:-}"; do kill "$pid" 2>/dev/null || true; done
}
trap stop_emulators EXIT

# start_emulator PORT [ARGS...] — prints the base URL once it is listening.
start_emulator() {
  local port="$1"
  shift
  local out="$CACHE/emulator-$port.log"
  mkdir -p "$CACHE"
  "$CARGO_TARGET_DIR/debug/adultwork-emulator" --port "$port" --quiet "$@" >"$out" 2>&1 &
  EMULATOR_PIDS+=("$!")
  for _ in $(seq 100); do
    if grep -q '^listening on ' "$out"; then
      sed -n 's/^listening on //p' "$out" | head -n1
      return 0
    fi
    if ! kill -0 "$!" 2>/dev/null; then break; fi
    sleep 0.05
  done
  echo "emulator on port $port did not start:" >&2
  cat "$out" >&2
  return 1
}
