#!/usr/bin/env bash
# The size per endpoint (issue 19): what one more endpoint adds to what a browser downloads.
# Builds, from a temporary worktree of the current source (HEAD, with any uncommitted changes
# to tracked files), one package per variant with the release pipeline (that tree's
# scripts/build.sh: nightly build-std, wasm-bindgen, wasm-opt -Oz), none of them shipped:
#   (a)  as shipped
#   (b)  + one endpoint reusing an answer type           bench/endpoint-cost/b-reinvite.diff
#   (b2) + one endpoint reusing its request and answer   bench/endpoint-cost/b2-remind.diff
#   (c)  + one endpoint with a new ten-field answer type bench/endpoint-cost/c-settings.diff
#   (d)  − the shipped deleteReceivedBookings            bench/endpoint-cost/d-minus-delete-received.diff
# then prints the .wasm gzip and the package's JavaScript gzip (bundled as an app bundles it)
# of each, with the differences, and writes bench/results/endpoint-cost.json, which the
# benchmark report (BENCHMARKS.md) reads. Measures, never fails on a figure.
#   ./bench/endpoint-cost.sh [variant ...]    default: a b b2 c d (a is always built)
# The builds have their own cargo target directory (bench/lib/worktree.sh says why); the first
# run compiles std and the dependencies into it (minutes), later runs only the crate per
# variant. A diff that no longer applies, even with a 3-way merge, stops the script: regenerate
# it from a worktree of the current source (`git diff --full-index`).
source "$(dirname "$0")/../scripts/common.sh"
source "$ROOT/bench/lib/worktree.sh"
trap remove_bench_trees EXIT

variants=(a "$@")
[ $# -gt 0 ] || variants=(a b b2 c d)
# Each variant once, (a) first.
mapfile -t variants < <(printf '%s\n' "${variants[@]}" | awk '!seen[$0]++')

# The source: HEAD, or a commit of the working tree when tracked files of the build (the
# crate, its derive, the package template, the build scripts) have changes; `git stash create`
# makes one without touching the checkout or the stash list.
head="$(git -C "$ROOT" rev-parse HEAD)"
source_rev="$head"
dirty=false
if ! git -C "$ROOT" diff --quiet HEAD -- src macros pkg-template scripts Cargo.toml Cargo.lock; then
  dirty=true
  source_rev="$(git -C "$ROOT" stash create)"
fi

out="$(mktemp -d "${TMPDIR:-/tmp}/aw-endpoint-cost.XXXXXX")"
BENCH_TREES+=("$out") # removed at exit with the worktree
bench_tree "$source_rev" tree
log "source: ${head:0:7}$([ "$dirty" = true ] && echo " + uncommitted changes (${source_rev:0:7})"), worktree $tree"

diffs_json="{"
pipeline=""
for id in "${variants[@]}"; do
  git -C "$tree" reset --quiet --hard
  diff=""
  if [ "$id" != a ]; then
    found=("$ROOT"/bench/endpoint-cost/"$id"-*.diff)
    [ -f "${found[0]}" ] || { echo "no bench/endpoint-cost/$id-*.diff" >&2 && exit 2; }
    diff="bench/endpoint-cost/$(basename "${found[0]}")"
    if ! git -C "$tree" apply --3way --whitespace=nowarn "${found[0]}" 2>"$out/apply-$id.log"; then
      cat "$out/apply-$id.log" >&2
      echo "$diff does not apply to the current source: regenerate it (see the header of $0)" >&2
      exit 1
    fi
  fi
  log "($id) building${diff:+ with $diff}"
  build_bench_tree "$tree" "$out/build-$id.log"
  built=("$tree"/pkg/adultwork-sdk-*.tgz)
  cp "${built[0]}" "$out/$id.tgz"
  [ -n "$pipeline" ] || pipeline="$(grep -m1 -o 'cargo .*' "$out/build-$id.log" | sed 's/\x1b\[[0-9;]*m//g')"
  diffs_json+="\"$id\": $([ -n "$diff" ] && echo "\"$diff\"" || echo null),"
done
diffs_json="${diffs_json%,}}"

cat >"$out/facts.json" <<EOF
{
  "command": "./bench/endpoint-cost.sh${*:+ $*}",
  "source": { "commit": "$head", "dirty": $dirty, "built": "$source_rev" },
  "pipeline": "scripts/build.sh: $pipeline → wasm-bindgen $WASM_BINDGEN_VERSION → wasm-opt -Oz",
  "rustc": "$(rustup run nightly rustc --version 2>/dev/null || rustc --version)",
  "diffs": $diffs_json
}
EOF
files=()
for id in "${variants[@]}"; do files+=("$out/$id.tgz"); done
node "$ROOT/bench/endpoint-cost/measure.mjs" "$out/facts.json" "${files[@]}"
