#!/usr/bin/env bash
# Fuzzes the SDK's input-facing code with cargo-fuzz (libFuzzer + AddressSanitizer, nightly).
#
#   scripts/fuzz.sh [seconds] [target]      # defaults: 600 s, made_booking
#
# Installs what is missing (the nightly toolchain, cargo-fuzz), seeds fuzz/corpus/<target>
# with the hostile corpus of tests/corpus/responses, runs the target for the given time at low
# CPU priority, and prints the executions, the speed and the final corpus size. A crash stops
# the run with a non-zero status and leaves the input in fuzz/artifacts/<target>/; replay it
# with `cargo +nightly fuzz run <target> <file>` (from fuzz/'s parent directory), fix the bug,
# and add the input to tests/corpus or to the native tests.
#
# Not part of scripts/test.sh: it needs nightly and minutes of CPU.
source "$(dirname "$0")/common.sh"

seconds="${1:-600}"
target="${2:-made_booking}"
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "usage: $0 [seconds] [target]" >&2; exit 2; }
[ -f "$ROOT/fuzz/fuzz_targets/$target.rs" ] || { echo "no fuzz target $target" >&2; exit 2; }

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  log "installing the nightly toolchain (cargo-fuzz needs -Z flags and sanitizers)"
  rustup toolchain install nightly --profile minimal
fi
if ! command -v cargo-fuzz >/dev/null 2>&1; then
  log "installing cargo-fuzz"
  cargo install cargo-fuzz
fi

# Its own build directory: nightly + sanitizer flags would invalidate the shared one.
export CARGO_TARGET_DIR="$CACHE/fuzz-target"
corpus="$ROOT/fuzz/corpus/$target"
mkdir -p "$corpus"
seeded=0
for seed in "$ROOT"/tests/corpus/responses/*; do
  [ -f "$corpus/seed-$(basename "$seed")" ] || { cp "$seed" "$corpus/seed-$(basename "$seed")"; seeded=$((seeded + 1)); }
done
before=$(find "$corpus" -type f ! -name .keep | wc -l)
log "fuzzing $target for ${seconds}s (corpus: $before inputs after seeding $seeded new ones from tests/corpus/responses)"

out="$CACHE/fuzz-$target.log"
mkdir -p "$CACHE"
cd "$ROOT/fuzz"
set +e
nice -n 10 cargo +nightly fuzz run "$target" "$corpus" -- \
  -max_total_time="$seconds" -dict="$ROOT/fuzz/$target.dict" -print_final_stats=1 \
  -max_len=65536 -timeout=10 -rss_limit_mb=2048 2>&1 | tee "$out" | grep -E '^#[0-9]+[[:space:]]+(pulse|DONE)'
statuses=("${PIPESTATUS[@]}")
set -e
status=${statuses[0]}

after=$(find "$corpus" -type f ! -name .keep | wc -l)
stat() { sed -n "s/^stat::$1: *//p" "$out" | tail -n1; }
echo
echo "target:            $target"
echo "time:              ${seconds}s"
echo "executions:        $(stat number_of_executed_units)"
echo "executions/s:      $(stat average_exec_per_sec)"
echo "new units:         $(stat new_units_added)"
echo "peak RSS (MB):     $(stat peak_rss_mb)"
echo "corpus (libFuzzer): $(sed -n 's/^#[0-9]*[[:space:]]*DONE.* corp: \([0-9]*\/[^ ]*\).*/\1/p' "$out" | tail -n1) (units/size kept in memory)"
echo "corpus (files):    $before -> $after ($corpus)"
echo "full log:          $out"
if [ "$status" -ne 0 ]; then
  grep -E 'ERROR|panicked|SUMMARY|Test unit written to' "$out" >&2 || true
  echo "FUZZING FOUND A FAILURE (exit $status): see the artifact above" >&2
  exit "$status"
fi
