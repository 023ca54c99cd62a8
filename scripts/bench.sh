#!/usr/bin/env bash
# The benchmarks: the SDK against zod 4, valibot and ky + zod baselines, in headless Chromium
# and Node, on the same data and in the same page, with the package of an earlier design
# ("before") measured in the same run. Writes BENCHMARKS.md (raw results in bench/results/,
# git-ignored). See bench/run.mjs for what each figure measures.
#   --quick            a fast smoke run (about a minute): short runs, few repetitions; writes
#                      bench/results/quick.md and leaves BENCHMARKS.md alone
#   --before <tgz>     the "before" package: a packed adultwork-sdk tarball
#   --before <commit>  the "before" package built from that commit (default: 52592c5, the last
#                      commit before issue 19's engine), cached as
#                      $CACHE/bench-before/<full commit>.tgz; the first build takes minutes
#   --no-before        no "before" column
# Assumes scripts/setup.sh has run. Builds pkg/ when it is missing; uses it as it is otherwise
# (run ./scripts/build.sh first to measure the current sources). Benchmarks never fail on a
# figure: they measure, the budget section says PASS or MISS.
source "$(dirname "$0")/common.sh"
source "$ROOT/scripts/emulators.sh"
source "$ROOT/bench/lib/worktree.sh"
trap 'stop_emulators; remove_bench_trees' EXIT

# Issue 19's "before": the one-declaration design on serde derives, before the engine.
BEFORE_DEFAULT=52592c5
usage() { echo "usage: $0 [--quick] [--before <tgz|commit> | --no-before]" >&2 && exit 2; }
# How the report says it was made (bench/run.mjs reads it).
export BENCH_COMMAND="./scripts/bench.sh${*:+ $*}"
args=()
before="$BEFORE_DEFAULT"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) args+=(--quick) ;;
    --before) [ $# -ge 2 ] || usage; before="$2" && shift ;;
    --no-before) before="" ;;
    *) usage ;;
  esac
  shift
done

tarball=("$ROOT"/pkg/adultwork-sdk-*.tgz)
[ -f "${tarball[0]}" ] || "$ROOT/scripts/build.sh"

# The before package: a tarball as given, or built once per commit with that commit's own
# scripts/build.sh in a temporary worktree (bench/lib/worktree.sh says why it has its own
# cargo target directory) and cached.
if [ -n "$before" ]; then
  if [ -f "$before" ]; then
    before_tgz="$(cd "$(dirname "$before")" && pwd)/$(basename "$before")"
    before_from="$before"
  else
    commit="$(git -C "$ROOT" rev-parse --verify --quiet "$before^{commit}")" ||
      { echo "--before: $before is neither a file nor a commit" >&2 && exit 2; }
    before_tgz="$CACHE/bench-before/$commit.tgz"
    before_from="commit ${commit:0:7}"
    if [ ! -f "$before_tgz" ]; then
      log "building the before package from ${commit:0:7} (once; cached as $before_tgz)"
      mkdir -p "$CACHE/bench-before"
      bench_tree "$commit" tree
      build_bench_tree "$tree" "$CACHE/bench-before/$commit.log"
      built=("$tree"/pkg/adultwork-sdk-*.tgz)
      cp "${built[0]}" "$before_tgz.tmp.$$" && mv "$before_tgz.tmp.$$" "$before_tgz"
      remove_bench_trees
    fi
  fi
  log "before: $before_from ($before_tgz)"
  args+=(--before "$before_tgz" --before-label "$before_from")
fi

cargo build --quiet -p adultwork-emulator
mkdir -p "$ROOT/bench/results"
# Not `url="$(start_emulator 0)"`: in a command substitution the emulator's PID is recorded in
# a subshell and the EXIT trap would not stop it. Its log goes to bench/results/ so that other
# scripts starting an emulator on port 0 at the same time do not share the log file.
urlfile="$(mktemp)"
CACHE="$ROOT/bench/results" start_emulator 0 >"$urlfile"
api="$(cat "$urlfile")" && rm -f "$urlfile"
log "emulator at $api"

node "$ROOT/bench/run.mjs" --emulator "$api" "${args[@]}"
