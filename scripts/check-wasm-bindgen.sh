#!/usr/bin/env bash
# The wasm-bindgen CLI on PATH (and its test runner) must be exactly the version of the
# `wasm-bindgen` crate in Cargo.lock: the CLI reads a schema that the crate writes into the
# .wasm, and a different version refuses it or, worse, generates glue for another schema.
# Cargo.toml asks for a compatible range (`0.2.130`), so Cargo.lock is what decides. Fails with
# what to run when they differ. A stage of scripts/test.sh; scripts/setup.sh installs the CLI.
source "$(dirname "$0")/common.sh"

# Cargo.lock must be what Cargo.toml resolves to, or a build would move it (and the CLI with it).
err="$(mktemp)"
trap 'rm -f "$err"' EXIT
if ! cargo metadata --locked --offline --format-version 1 >/dev/null 2>"$err" &&
  ! cargo metadata --locked --format-version 1 >/dev/null 2>"$err"; then
  cat "$err" >&2
  echo "Cargo.lock does not match Cargo.toml: run \`cargo update -w\` (or \`cargo check\`) and commit Cargo.lock." >&2
  exit 1
fi

case "$WASM_BINDGEN_VERSION" in
  "")
    echo "Cargo.lock holds no wasm-bindgen package." >&2
    exit 1
    ;;
  *" "*)
    echo "Cargo.lock holds several wasm-bindgen versions ($WASM_BINDGEN_VERSION); the build must link one." >&2
    echo "Find who asks for each: cargo tree --target wasm32-unknown-unknown -i wasm-bindgen@<version>" >&2
    exit 1
    ;;
esac

status=0
for tool in wasm-bindgen wasm-bindgen-test-runner; do
  installed="$("$tool" --version 2>/dev/null | awk 'NR==1{print $2}')" || installed=""
  if [ "$installed" != "$WASM_BINDGEN_VERSION" ]; then
    echo "$tool is ${installed:-not installed} ($(command -v "$tool" || echo 'not on PATH')), but Cargo.lock's wasm-bindgen is $WASM_BINDGEN_VERSION." >&2
    status=1
  fi
done
if [ $status -ne 0 ]; then
  echo "Install the matching CLI: ./scripts/setup.sh (or cargo install wasm-bindgen-cli --version $WASM_BINDGEN_VERSION --force)." >&2
  exit 1
fi
echo "wasm-bindgen CLI $WASM_BINDGEN_VERSION = Cargo.lock's wasm-bindgen"
