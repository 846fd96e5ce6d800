#!/usr/bin/env bash
# Installs what building, serving and testing Goodfaith needs on a Debian machine.
# Idempotent: everything already present at the right version is skipped.
set -euo pipefail
cd "$(dirname "$0")/.."
. .ci/env.sh

sudo_if_needed() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

packages=()
[ -x /usr/bin/chromium ] || packages+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || packages+=(postgresql)
python3 -m venv --help >/dev/null 2>&1 || packages+=(python3-venv)
if [ ${#packages[@]} -gt 0 ]; then
  echo "== installing ${packages[*]} from Debian"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}"
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

# 0.3.11 does not build on Rust 1.95; 0.3.10 is the same tool. no_downloads makes a missing
# helper fail at once instead of trying GitHub, which is unreachable here.
if ! "$GOODFAITH_TOOLS/bin/cargo-leptos" --version 2>/dev/null | grep -q "0\.3\.10"; then
  echo "== installing cargo-leptos 0.3.10 (about 10 minutes on 2 cores)"
  cargo install cargo-leptos --version 0.3.10 --locked --features no_downloads --root "$GOODFAITH_TOOLS"
fi

# wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
wb_version="$(awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
if ! "$GOODFAITH_TOOLS/bin/wasm-bindgen" --version 2>/dev/null | grep -q " $wb_version\$"; then
  echo "== installing wasm-bindgen-cli $wb_version"
  cargo install wasm-bindgen-cli --version "$wb_version" --locked --root "$GOODFAITH_TOOLS" ||
    cargo install wasm-bindgen-cli --version "$wb_version" --root "$GOODFAITH_TOOLS"
fi

# Playwright (driving Debian's Chromium) and npm's binaryen, whose wasm-opt cargo-leptos uses.
if ! (cd end2end && [ -d node_modules ] && npm ls --depth=0 >/dev/null 2>&1); then
  echo "== installing end2end npm packages"
  (cd end2end && npm ci --no-audit --no-fund)
fi

# Schemathesis (PyPI) checks the Brand API against its OpenAPI document from outside: pinned,
# in a virtualenv of its own so it touches no system Python.
st_version=4.32.5
if ! "$GOODFAITH_TOOLS/schemathesis/bin/st" --version 2>/dev/null | grep -q " $st_version\$"; then
  echo "== installing Schemathesis $st_version"
  python3 -m venv "$GOODFAITH_TOOLS/schemathesis"
  "$GOODFAITH_TOOLS/schemathesis/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$st_version"
fi
