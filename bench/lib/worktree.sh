# Builds of another version of the source, for figures that compare builds: the package of an
# earlier commit (scripts/bench.sh --before) and the size-per-endpoint variants
# (bench/endpoint-cost.sh). Sourced after scripts/common.sh; not run.
# shellcheck shell=bash
#
# Each build runs the tree's own scripts/build.sh (the release pipeline of that commit) in a
# temporary `git worktree`, with a cargo target directory and wasm-bindgen output of its own
# ($BENCH_BUILDS), never the shared $CACHE/target-nightly. Why: cargo decides that a path
# crate is up to date by comparing file times, under a path relative to the workspace, so
# checkouts that share a target directory can take each other's artifacts. A tree built here
# (fresh files) would otherwise be what the next `scripts/build.sh` of an unchanged checkout
# packs, and an older tree could get a newer tree's .wasm. Here every build also touches
# src/lib.rs first, so the crate is always compiled from the files on disk.

BENCH_BUILDS="$CACHE/bench-builds"
BENCH_TREES=()

remove_bench_trees() {
  local dir
  for dir in "${BENCH_TREES[@]:-}"; do
    [ -n "$dir" ] && [ -d "$dir" ] || continue
    rm -f "$dir/node_modules"
    git -C "$ROOT" worktree remove --force "$dir" 2>/dev/null || rm -rf "$dir"
  done
  git -C "$ROOT" worktree prune 2>/dev/null || true
}

# Prints the directory of a new detached worktree of <rev>, with this checkout's node_modules
# linked in (the build's wasm-opt and esbuild). Removed by remove_bench_trees (call it from
# the script's EXIT trap). Not in a command substitution: call it as `bench_tree <rev> var`.
bench_tree() {
  local rev="$1" dir
  dir="$(mktemp -d "${TMPDIR:-/tmp}/aw-bench-tree.XXXXXX")"
  BENCH_TREES+=("$dir")
  git -C "$ROOT" worktree add --quiet --detach "$dir" "$rev"
  ln -s "$ROOT/node_modules" "$dir/node_modules"
  printf -v "$2" '%s' "$dir"
}

# Runs <dir>/scripts/build.sh from <dir> (cargo finds the workspace from the working
# directory, not from the script's path) with the private target directory; its pkg/ is the
# result. Output goes to <log>.
build_bench_tree() {
  local dir="$1" logfile="$2"
  touch "$dir/src/lib.rs"
  if ! (cd "$dir" && ADULTWORK_CACHE="$BENCH_BUILDS" CARGO_TARGET_DIR="$BENCH_BUILDS/target" \
    ./scripts/build.sh) >"$logfile" 2>&1; then
    tail -30 "$logfile" >&2
    echo "the build of $dir failed; its log: $logfile" >&2
    return 1
  fi
}
