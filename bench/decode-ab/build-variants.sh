#!/usr/bin/env bash
# Builds the decode-path variants of issue 10's measurement into out/<variant>/ with the
# project's release pipeline. Run from a worktree of 825ad60 (the 3-endpoint rebuild) with
# variant-b.diff applied (see README.md here): A is today's path, the others are features.
set -euo pipefail
mkdir -p out
for v in "$@"; do
  case $v in
    A) f="" ;; B1) f="decode-b" ;; B2) f="b2" ;; B1t) f="b-tree" ;; B1s) f="b-strict-null" ;; B1sr) f="b-round" ;;
    *) echo "unknown variant $v" >&2 && exit 2 ;;
  esac
  CARGO_FEATURES="$f" ./scripts/build.sh > "out/build-$v.log" 2>&1
  rm -rf "out/$v"; cp -r pkg "out/$v"
  echo "== $v"; grep adultwork_sdk_bg.wasm "out/build-$v.log"
done
