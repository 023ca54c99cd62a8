#!/usr/bin/env bash
# The benchmarks: the SDK against zod 4, valibot and ky + zod baselines, in headless Chromium
# and Node, on the same data and in the same page. Writes BENCHMARKS.md (raw results in
# bench/results/, git-ignored). See bench/run.mjs for what each figure measures.
#   --quick   a fast smoke run (under a minute): short runs, few repetitions; writes
#             bench/results/quick.md and leaves BENCHMARKS.md alone
# Assumes scripts/setup.sh has run. Builds pkg/ when it is missing; uses it as it is otherwise
# (run ./scripts/build.sh first to measure the current sources). Benchmarks never fail on a
# figure: they measure, the budget section says PASS or MISS.
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/emulators.sh"

case "${1:-}" in
  "" | --quick) ;;
  *) echo "usage: $0 [--quick]" >&2 && exit 2 ;;
esac

tarball=("$ROOT"/pkg/adultwork-sdk-*.tgz)
[ -f "${tarball[0]}" ] || "$ROOT/scripts/build.sh"

cargo build --quiet -p adultwork-emulator
mkdir -p "$ROOT/bench/results"
# Not `url="$(start_emulator 0)"`: in a command substitution the emulator's PID is recorded in
# a subshell and the EXIT trap would not stop it. Its log goes to bench/results/ so that other
# scripts starting an emulator on port 0 at the same time do not share the log file.
urlfile="$(mktemp)"
CACHE="$ROOT/bench/results" start_emulator 0 >"$urlfile"
api="$(cat "$urlfile")" && rm -f "$urlfile"
log "emulator at $api"

node "$ROOT/bench/run.mjs" --emulator "$api" "$@"
