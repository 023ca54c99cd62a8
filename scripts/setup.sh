#!/usr/bin/env bash
# Installs what building and testing need, only what is missing, and says what it installs.
# Safe to run again and again (both README commands start with it).
#
#   Rust target wasm32-unknown-unknown     rustup
#   rust-src for nightly (if nightly exists) rustup  (optional: smaller release .wasm)
#   wasm-bindgen CLI (= Cargo.lock's)      cargo install  (~3 min once)
#   geckodriver                            cargo install  (~1.5 min once; no Debian package)
#   Chromium + ChromeDriver, Firefox ESR   apt-get
#   wasm-opt (binaryen), TypeScript, bundlers, Playwright (driving Debian's Chromium)
#                                          npm ci from the committed package-lock.json
source "$(dirname "$0")/common.sh"

have() { command -v "$1" >/dev/null 2>&1; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "installing Rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Optional: nightly's rust-src lets scripts/build.sh rebuild std for a smaller .wasm.
if rustup run nightly rustc --version >/dev/null 2>&1 &&
  ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^rust-src'; then
  log "installing rust-src for the nightly toolchain (smaller release .wasm)"
  rustup component add rust-src --toolchain nightly || log "rust-src unavailable: release builds will use stable"
fi

case "$WASM_BINDGEN_VERSION" in
  "" | *" "*)
    echo "Cargo.lock must hold exactly one wasm-bindgen version, it holds: '$WASM_BINDGEN_VERSION'" >&2
    exit 1
    ;;
esac
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (must equal Cargo.lock's wasm-bindgen)"
  # Not --locked: the registry mirror here lacks one of its locked transitive versions.
  cargo install --quiet wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ "$(geckodriver --version 2>/dev/null | awk 'NR==1{print $2}')" != "$GECKODRIVER_VERSION" ]; then
  log "installing geckodriver $GECKODRIVER_VERSION"
  cargo install --quiet geckodriver --version "$GECKODRIVER_VERSION" --force
fi

missing=()
have chromium || missing+=(chromium)
have chromedriver || missing+=(chromium-driver)
have firefox-esr || have firefox || missing+=(firefox-esr)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt-get)"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# npm: reinstall only when the lockfile changed since the last install in this checkout.
stamp="$ROOT/node_modules/.adultwork-lock-stamp"
lock_sum="$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$lock_sum" ]; then
  log "installing npm packages from package-lock.json (npm ci)"
  (cd "$ROOT" && npm ci --no-audit --no-fund --loglevel=error)
  echo "$lock_sum" >"$stamp"
fi
