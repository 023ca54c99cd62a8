#!/usr/bin/env bash
# The package's types as an app sees them (pkg/ must be built): the contract compiled with
# `tsc --strict` (exact types, unions, narrowing, and @ts-expect-error on misuse), and a doc
# comment on every export and member of the shipped declarations.
source "$(dirname "$0")/common.sh"
tsc -p "$ROOT/tests/types/tsconfig.json"
echo "tsc --strict: tests/types/contract.ts compiles against pkg/*.d.ts"
node "$ROOT/tests/types/doc-comments.mjs"
