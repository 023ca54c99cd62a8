#!/usr/bin/env bash
# The package's types as an app sees them (pkg/ must be built): the contract compiled with
# `tsc --strict` (exact types, unions, narrowing, and @ts-expect-error on misuse), a doc
# comment on every export and member of the shipped declarations, and what an editor's hover
# shows for each of them (TypeScript's language service): documented, and free of Rust and
# generator leftovers. Both doc checks run and report before the script fails.
source "$(dirname "$0")/common.sh"
tsc -p "$ROOT/tests/types/tsconfig.json"
echo "tsc --strict: tests/types/contract.ts compiles against pkg/*.d.ts"
status=0
node "$ROOT/tests/types/doc-comments.mjs" || status=1
node "$ROOT/tests/types/hover.mjs" || status=1
exit $status
